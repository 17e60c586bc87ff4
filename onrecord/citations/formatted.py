"""Formatted citations: the quotation, who said it, and the article cited in a CSL style.

Each record becomes three parts: the quotation with its speaker, the citation (a footnote in a
note style such as Chicago notes-bibliography, a parenthetical in an author-date style) carrying
the style's "quoted in" prefix, and the bibliography entry for the article.

An export is rendered as one document whose reference list holds every article cited, so an
in-text style numbers the articles 1, 2, 3 … and tells two works apart ("2019a", "2019b") the
same way across the whole export; quotes from one article cite one item and share its number
and entry. A note style's notes are each a full first note (no "ibid.", no shortened note),
since records are pasted one by one, in any order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from onrecord.citations import engine
from onrecord.citations.items import Record, shown_role, to_csl_item
from onrecord.citations.styles import PINNED_DIR, UNTITLED, Style, export_xml, resolve_style

OUTPUTS = tuple(engine.OUTPUTS)


@dataclass(frozen=True)
class Citation:
    """One record's formatted parts, each already written (and escaped) for the output."""

    id: str
    quote: str  # the quotation in quotation marks (a paraphrase without them)
    speaker: str  # "Lori Lightfoot, Mayor", or "" when nobody is named
    citation: str  # the note or in-text citation, with the "quoted in" prefix
    reference: str  # the bibliography / reference-list / works-cited entry


def nest_quotes(text: str) -> str:
    """Turn double quotation marks inside a quotation into single ones (“a "b" c” -> “a ‘b’ c”).

    Straight double quotes alternate open/close; curly ones keep their direction.
    """
    out: list[str] = []
    opening = True
    for char in text:
        if char == "“":
            out.append("‘")
        elif char == "”":
            out.append("’")
        elif char == '"':
            out.append("‘" if opening else "’")
            opening = not opening
        else:
            out.append(char)
    return "".join(out)


def _speaker_line(record: Record) -> str:
    speaker = " ".join((record.get("speaker") or "").split())
    return ", ".join(part for part in (speaker, shown_role(record)) if part)


def _quotation(record: Record) -> str:
    """The quotation on one line, in quotation marks unless it is a paraphrase."""
    text = " ".join((record.get("text") or "").split())
    if not text or record.get("kind") == "indirect":
        return text
    return f"“{nest_quotes(text)}”"


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>!|~&#])")


def escape_text(text: str, output: str) -> str:
    """Escape record text for ``output``: HTML entities, CommonMark backslashes, or nothing.

    Only inline markup needs escaping in Markdown: the quotation line starts with a quotation
    mark and the speaker line with a dash, so no block syntax can begin them.
    """
    if output == "html":
        return html.escape(text, quote=False)
    if output == "markdown":
        return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return text


def format_citations(
    records: Iterable[Record],
    style: str = "chicago",
    *,
    output: str = "text",
    accessed: dt.date | None = None,
) -> list[Citation]:
    """Format each record's citation in ``style``, in one pandoc run.

    Args:
        records: dicts with the record contract's fields.
        style: an onrecord style name (``chicago``, ``chicago-author-date``, ``apa``, ``mla``),
            a CSL style id, or a path to a ``.csl`` file.
        output: ``text``, ``html`` or ``markdown``.
        accessed: the access date given to styles that print one for URLs.

    Raises:
        UnknownStyle: the style cannot be found locally.
        CitationEngineError: pandoc is missing or failed.
    """
    return format_in_styles(records, [style], output=output, accessed=accessed)[style]


def format_in_styles(
    records: Iterable[Record],
    styles: Iterable[str],
    *,
    output: str = "text",
    accessed: dt.date | None = None,
) -> dict[str, list[Citation]]:
    """:func:`format_citations` for several styles at once, still one pandoc run.

    A page that shows a quote cited in four styles pays for one pandoc start, not four.
    """
    records = list(records)
    styles = list(dict.fromkeys(styles))
    chosen = [resolve_style(style) for style in styles]
    items = []
    for record in records:
        item = to_csl_item(record, accessed=accessed)
        item.pop("note", None)  # a few styles print `note`; the quotation is shown on its own
        item.pop("custom", None)
        items.append(item)
    _keep_short_titles_apart(items)
    prepared = []
    for style in chosen:
        prefixes = [style.quoted_in(record) for record in records]
        if style.note:
            refs, ids = _note_items(items, prefixes)
        else:
            refs, ids = _work_items(items)
        refs = [ref if ref.get("title") else {**ref, "title": style.untitled()} for ref in refs]
        xml = export_xml(style.path, style.note)
        if year_suffixes_apply(xml):
            xml = without_year_suffixes(xml)
            prepared.append((style, refs, ids, prefixes, xml, _citations_job(refs, xml)))
        else:
            prepared.append((style, refs, ids, prefixes, xml, None))
    # The citations that decide year suffixes, for every style that has them, in one run.
    alike_jobs = [job for *_, job in prepared if job is not None]
    alike_answers = iter(engine.render_jobs(alike_jobs) if alike_jobs else [])
    jobs: list[engine.Job] = []
    # per style, per job: the records it renders, in order, and each one's answer in the job
    plans: list[list[tuple[list[int], list[int]]]] = []
    suffixed: list[dict[str, tuple[str, str]]] = []  # per style: work id -> (token, "2019a")
    remembered: list[tuple[list[str], dict[str, dict], dict[str, tuple]]] = []
    for style, refs, ids, prefixes, xml, alike_job in prepared:
        tokens: dict[str, tuple[str, str]] = {}
        batches = [list(range(len(records)))]
        cites = [{"id": ident, "prefix": prefix}
                 for ident, prefix in zip(ids, prefixes, strict=True)]
        known: dict[str, dict] = {}  # item id -> its note and entry, rendered before
        keys: dict[str, tuple] = {}
        if alike_job is not None:
            answer = next(alike_answers)
            letters = _letters(alike_job.items, answer)
            refs, tokens = _with_year_tokens(refs, letters, prefixes)
            batches = _batches(ids, _alike_keys(alike_job.items, answer))
        elif notes_stand_alone(style, xml):
            keys = NOTES.keys(xml, output, refs, cites)
            known = {ident: part for ident, key in keys.items()
                     if (part := NOTES.get(key)) is not None}
            batches = _note_batches(ids, [i for i, ident in enumerate(ids) if ident not in known])
        plan = []
        alike = repeats_render_alike(style, xml)
        for batch in batches:
            wanted = {ids[i] for i in batch}
            unique, answer_of = _distinct_cites([cites[i] for i in batch], alike)
            jobs.append(engine.Job([ref for ref in refs if ref["id"] in wanted],
                                   unique, xml, output))
            plan.append((batch, answer_of))
        plans.append(plan)
        suffixed.append(tokens)
        remembered.append((ids, known, keys))
    answers = iter(engine.render_jobs(jobs) if jobs else [])
    quotes = [escape_text(_quotation(record), output) for record in records]
    speakers = [escape_text(_speaker_line(record), output) for record in records]
    formatted = {}
    for style, plan, tokens, (ids, known, keys) in zip(styles, plans, suffixed, remembered,
                                                       strict=True):
        parts: list[dict] = [known.get(ident, {}) for ident in ids]
        for batch, answer_of in plan:
            answer = [_put_year_suffix(part, tokens.get(part.get("id", "")))
                      for part in next(answers)]
            for index, position in zip(batch, answer_of, strict=True):
                parts[index] = answer[position]
                if keys:
                    NOTES.put(keys[ids[index]], answer[position])
        formatted[style] = [
            Citation(str(record.get("id") or ""), quote, speaker, _as_description(part["citation"]),
                     _as_description(part["reference"]))
            for record, quote, speaker, part in zip(records, quotes, speakers, parts, strict=True)
        ]
    return formatted


# The description of an untitled work as a style wrote it: maybe title-cased, maybe quoted.
_WRITTEN_UNTITLED = re.compile(
    rf"(?:“|&ldquo;|\")?(\[?){re.escape(UNTITLED)}(\]?)([.,]?)(?:”|&rdquo;|\")?", re.IGNORECASE
)


def _as_description(text: str) -> str:
    """A description standing for a missing title is not a title: the style's quotation marks
    and title case (APA, MLA and Chicago quote and capitalise an article's title) go."""
    return _WRITTEN_UNTITLED.sub(rf"\1{UNTITLED}\2\3", text)


# Year suffixes ("2019a", "2019b") are assigned here rather than by pandoc's citeproc, whose
# time grows with the square of the number of works that cite alike: 1,000 unsigned articles
# of one outlet in one year took 16.9 s of CPU in Chicago author-date, against 2.3 s without
# suffixes (local news is mostly unsigned, so such groups are common).
#
# 1. Citations of every dated work are rendered once, without prefix, with the style's
#    bibliography sort but a bare layout (`_citations_job`); works whose citations read alike
#    get letters a, b, … in the order the style sorts its reference list (`_letters`), as
#    citeproc would (APA sorts one author's works of a year by date, Chicago by title).
# 2. Each such work gets a placeholder year, a ten-digit number found nowhere in the export's
#    text, so the style renders and places it as it would the year; the placeholder is then
#    replaced by the year and its letter (`_put_year_suffix`).
_YEAR_TOKEN_BASE = 7_319_000_000


def year_suffixes_apply(xml: str) -> bool:
    """Whether onrecord assigns the style's year suffixes (author-date styles).

    Not for a style that also prints citation numbers: a placeholder year could move a work in
    a reference list sorted by date, and with it its number; citeproc assigns those.
    """
    return (re.search(r'disambiguate-add-year-suffix="true"', xml) is not None
            and "citation-number" not in xml)


def without_year_suffixes(xml: str) -> str:
    return re.sub(r'\sdisambiguate-add-year-suffix="[^"]*"', "", xml)


def _citations_job(refs: list[dict], xml: str) -> engine.Job | None:
    """The job rendering each dated work's bare citation, or None with fewer than two."""
    dated = [ref for ref in refs if _year(ref) is not None]
    if len(dated) < 2:
        return None
    cites = [{"id": ref["id"], "prefix": ""} for ref in dated]
    return engine.Job(dated, cites, _BIBLIOGRAPHY.sub(_sort_only, xml), "text")


_BIBLIOGRAPHY = re.compile(r"(<bibliography\b.*?>)(.*?)(</bibliography>)", re.DOTALL)


def _sort_only(match: re.Match) -> str:
    """The bibliography with its sort kept and a one-variable layout: only its order is used."""
    body = re.sub(r"<layout\b.*?</layout>", '<layout><text variable="title"/></layout>',
                  match.group(2), flags=re.DOTALL)
    return match.group(1) + body + match.group(3)


def _letters(dated: list[dict], answer: list[dict]) -> dict[str, str]:
    """Work id -> its letter, for works whose bare citations read alike."""
    alike: dict[str, list[tuple[int, str]]] = {}
    for ref, part in zip(dated, answer, strict=True):
        alike.setdefault(part["citation"], []).append((part.get("rank", 0), ref["id"]))
    letters = {}
    for works in alike.values():
        if len(works) < 2:
            continue
        for number, (_, ident) in enumerate(sorted(works)):
            letters[ident] = suffix_letters(number)
    return letters


def _alike_keys(dated: list[dict], answer: list[dict]) -> dict[str, str]:
    """Work id -> its bare citation: works that could be told apart share one."""
    return {ref["id"]: part["citation"] for ref, part in zip(dated, answer, strict=True)}


BATCH = 500


def _batches(ids: list[str], keys: dict[str, str]) -> list[list[int]]:
    """Record indices in documents of about ``BATCH`` records, works that cite alike together.

    Once onrecord has given the year suffixes, what one citation can change in another is
    limited to works whose bare citations read alike (a style's `disambiguate` condition) and
    repeated citations of one work; keeping those in one document gives the text of one
    document for the whole export, and smaller documents keep pandoc's memory flat (10,000
    records of APA: 940 MB as one document).
    """
    groups: dict[object, list[int]] = {}
    for index, ident in enumerate(ids):
        groups.setdefault(keys.get(ident), []).append(index)
    batches: list[list[int]] = [[]]
    for members in groups.values():
        if batches[-1] and len(batches[-1]) + len(members) > BATCH:
            batches.append([])
        batches[-1].extend(members)
    return [sorted(batch) for batch in batches]


def _note_batches(ids: list[str], indices: list[int]) -> list[list[int]]:
    """The records ``indices`` in documents of at most ``BATCH`` notes (distinct items), for
    pandoc runs that may go side by side (:func:`engine.render_jobs`); none when empty."""
    first: dict[str, int] = {}
    for index in indices:
        first.setdefault(ids[index], len(first))
    batches: list[list[int]] = [[] for _ in range(-(-len(first) // BATCH))]
    for index in indices:
        batches[first[ids[index]] // BATCH].append(index)
    return batches


class NoteCache:
    """Notes and bibliography entries of stand-alone note styles, by what decides their text.

    A stand-alone note (:func:`notes_stand_alone`) is a function of the style, the output,
    the item's data and the "quoted in" prefix alone, so what one export rendered serves the
    next: on the web, a speaker's download, a search within it and the quote pages' Chicago
    citations share their notes. Least recently used entries go first; safe across threads.
    """

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._parts: OrderedDict[tuple, dict] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def keys(xml: str, output: str, refs: list[dict], cites: list[dict]) -> dict[str, tuple]:
        """Item id -> its cache key, for the items of ``refs`` (each cited with one prefix)."""
        style = hashlib.sha1(xml.encode("utf-8")).hexdigest()
        prefixes = {cite["id"]: cite["prefix"] for cite in cites}
        return {ref["id"]: (style, output, prefixes.get(ref["id"], ""), json.dumps(
                    {k: v for k, v in ref.items() if k != "id"}, sort_keys=True))
                for ref in refs}

    def get(self, key: tuple) -> dict | None:
        with self._lock:
            part = self._parts.get(key)
            if part is not None:
                self._parts.move_to_end(key)
            return part

    def put(self, key: tuple, part: dict) -> None:
        with self._lock:
            self._parts[key] = {"citation": part["citation"], "reference": part["reference"]}
            self._parts.move_to_end(key)
            while len(self._parts) > self.size:
                self._parts.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._parts.clear()


NOTES = NoteCache()


def notes_stand_alone(style: Style, xml: str) -> bool:
    """Whether each note of a note style reads the same in any document.

    Every note is a first note of its own item, and the export options are gone
    (:func:`export_xml`), so a note could depend on the others only through a
    ``disambiguate`` condition; the pinned Chicago notes style has those only in short notes
    and for interviews, never in an `article-newspaper`'s first note.
    """
    return style.note and ('disambiguate="true"' not in xml or (
        style.path.parent == PINNED_DIR and style.id == "chicago-notes-bibliography"))


def suffix_letters(number: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa", 27 -> "ab": CSL's year-suffix sequence."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _year(ref: dict) -> int | None:
    parts = (ref.get("issued") or {}).get("date-parts") or [[]]
    return parts[0][0] if parts[0] else None


def _with_year_tokens(
    refs: list[dict], letters: dict[str, str], speakers: list[str]
) -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """Give each lettered work a placeholder year; work id -> (placeholder, "2019a")."""
    tokens: dict[str, tuple[str, str]] = {}
    if not letters:
        return refs, tokens
    base = _YEAR_TOKEN_BASE
    text = json.dumps(refs, ensure_ascii=False) + "\n".join(speakers)
    while re.search(rf"{str(base)[:4]}\d{{6}}", text):
        base += 1_000_000_000  # 7319…, 8319…: a prefix the export does not contain
    out = []
    for ref in refs:
        if ref["id"] in letters:
            token = base + len(tokens)
            parts = ref["issued"]["date-parts"][0]
            tokens[ref["id"]] = (str(token), f"{parts[0]}{letters[ref['id']]}")
            ref = {**ref, "issued": {"date-parts": [[token, *parts[1:]]]}}
        out.append(ref)
    return out, tokens


def _put_year_suffix(part: dict, token: tuple[str, str] | None) -> dict:
    """Replace the placeholder year: its first place by "2019a", any later one by "2019"."""
    if token is None:
        return part
    placeholder, suffixed = token
    year = suffixed.rstrip("abcdefghijklmnopqrstuvwxyz")
    return {
        key: (value.replace(placeholder, suffixed, 1).replace(placeholder, year)
              if key in ("citation", "reference") else value)
        for key, value in part.items()
    }


def _keep_short_titles_apart(items: list[dict]) -> None:
    """Drop ``title-short`` where two different titles in the export shorten alike.

    A short title exists to point at one entry; "Strike Talks" for both "Strike talks: deal is
    close" and "Strike talks: deal is far" would not, so both are cited by their full titles.
    """
    titles: dict[str, set[str]] = {}
    for item in items:
        if "title-short" in item:
            titles.setdefault(item["title-short"].casefold(), set()).add(item["title"])
    for item in items:
        if len(titles.get(item.get("title-short", "").casefold(), ())) > 1:
            del item["title-short"]


def _note_items(items: list[dict], prefixes: list[str]) -> tuple[list[dict], list[str]]:
    """One item per distinct note, so every note is a first, full note of its own item.

    Records whose article data and "quoted in" prefix are the same (one speaker's quotes from
    one article) have the same note, so they share an item that is cited once: a speaker's
    1,185 statements come from 301 articles, and pandoc renders 301 notes, not 1,185.
    """
    refs: list[dict] = []
    seen: dict[str, str] = {}
    ids = []
    for item, prefix in zip(items, prefixes, strict=True):
        key = json.dumps([{k: v for k, v in item.items() if k != "id"}, prefix], sort_keys=True)
        if key not in seen:
            seen[key] = f"r{len(refs)}"
            refs.append({**item, "id": seen[key]})
        ids.append(seen[key])
    return refs, ids


# Pinned styles whose citations test a cite's position (first, subsequent, ibid) only for
# item types an export never has (interviews, chapters, reviews; every item is an
# `article-newspaper`), so a repeated cite of one work renders as its first.
_POSITION_FREE_FOR_NEWS = frozenset({"chicago-author-date"})


def repeats_render_alike(style: Style, xml: str) -> bool:
    """Whether two cites of one work with one prefix always render alike in ``style``.

    A note style's cites are each of their own item (a first note), and a style without
    ``position`` conditions renders a work's citation the same wherever it is cited, so those
    cites are rendered once. A style that may print "ibid." or a short form for a repeat keeps
    every cite.
    """
    return style.note or "position=" not in xml or (
        style.path.parent == PINNED_DIR and style.id in _POSITION_FREE_FOR_NEWS)


def _distinct_cites(cites: list[dict], alike: bool) -> tuple[list[dict], list[int]]:
    """The cites to render, in order of first use, and each given cite's place among them.

    The first cite of each work keeps its place, so numbering by first citation, and the
    set of works cited, are those of the full list.
    """
    if not alike:
        return cites, list(range(len(cites)))
    place: dict[tuple[str, str], int] = {}
    answer_of = []
    for cite in cites:
        key = (cite["id"], cite["prefix"])
        answer_of.append(place.setdefault(key, len(place)))
    return [{"id": ident, "prefix": prefix} for ident, prefix in place], answer_of


def _work_items(items: list[dict]) -> tuple[list[dict], list[str]]:
    """One item per distinct work (same bibliographic data), and each record's item id.

    Quotes from one article then share a number in a numeric style and are not told apart from
    each other with "2019a/2019b", which only different works are.
    """
    refs: list[dict] = []
    seen: dict[str, str] = {}
    ids = []
    for item in items:
        key = json.dumps({k: v for k, v in item.items() if k != "id"}, sort_keys=True)
        if key not in seen:
            seen[key] = f"w{len(refs)}"
            refs.append({**item, "id": seen[key]})
        ids.append(seen[key])
    return refs, ids


def labels(style: Style) -> tuple[str, str]:
    """What the style calls its citation and its bibliography entry."""
    if style.note:
        return "Note", "Bibliography"
    if style.convention == "mla":
        return "In-text", "Works Cited"
    return "In-text", "Reference"


def render_formatted(
    records: Iterable[Record],
    style: str = "chicago",
    *,
    output: str = "text",
    accessed: dt.date | None = None,
) -> str:
    """The whole export as one document in ``output`` (text, html or markdown)."""
    return render_in_styles(records, [style], output=output, accessed=accessed)[style]


def render_in_styles(
    records: Iterable[Record],
    styles: Iterable[str],
    *,
    output: str = "text",
    accessed: dt.date | None = None,
) -> dict[str, str]:
    """:func:`render_formatted` for several styles in one pandoc run."""
    formatted = format_in_styles(records, styles, output=output, accessed=accessed)
    documents = {}
    for style, citations in formatted.items():
        cite_label, ref_label = labels(resolve_style(style))
        if output == "html":
            blocks = [_html_block(c, cite_label, ref_label) for c in citations]
            documents[style] = "".join(blocks)
        elif output == "markdown":
            blocks = [_markdown_block(c, cite_label, ref_label) for c in citations]
            documents[style] = "\n".join(blocks)
        else:
            blocks = [_text_block(c, cite_label, ref_label) for c in citations]
            documents[style] = "\n".join(blocks)
    return documents


def _text_block(c: Citation, cite_label: str, ref_label: str) -> str:
    lines = [c.quote] if c.quote else []
    if c.speaker:
        lines.append(f"— {c.speaker}")
    lines += [f"{cite_label}: {c.citation}", f"{ref_label}: {c.reference}"]
    return "\n".join(lines) + "\n"


def _markdown_block(c: Citation, cite_label: str, ref_label: str) -> str:
    lines = []
    if c.quote:
        lines += [f"> {c.quote}", ">"] if c.speaker else [f"> {c.quote}"]
    if c.speaker:
        lines.append(f"> — {c.speaker}")
    if lines:
        lines.append("")
    lines += [f"**{cite_label}:** {c.citation}", "", f"**{ref_label}:** {c.reference}"]
    return "\n".join(lines) + "\n"


def _html_block(c: Citation, cite_label: str, ref_label: str) -> str:
    parts = [f'<article class="onrecord-citation" id="quote-{html.escape(c.id, quote=True)}">\n']
    if c.quote or c.speaker:
        parts.append("<blockquote>")
        if c.quote:
            parts.append(f"<p>{c.quote}</p>")
        if c.speaker:
            parts.append(f"<footer>— {c.speaker}</footer>")
        parts.append("</blockquote>\n")
    parts.append(f'<p class="citation"><span class="label">{cite_label}:</span> {c.citation}</p>\n')
    parts.append(
        f'<p class="reference"><span class="label">{ref_label}:</span> {c.reference}</p>\n'
    )
    parts.append("</article>\n")
    return "".join(parts)
