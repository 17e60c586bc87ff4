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
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from onrecord.citations import engine
from onrecord.citations.items import Record, to_csl_item
from onrecord.citations.styles import Style, export_xml, resolve_style

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
    role = " ".join((record.get("role") or "").split())
    return ", ".join(part for part in (speaker, role) if part)


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
    jobs: list[engine.Job] = []
    plans: list[list[list[int]]] = []  # per style, per job: the records it renders, in order
    for style in chosen:
        refs, ids = _note_items(items) if style.note else _work_items(items)
        xml = export_xml(style.path, style.note)
        cites = [{"id": ident, "prefix": style.quoted_in(record)}
                 for ident, record in zip(ids, records, strict=True)]
        parts = _by_year(refs, ids) if _year_parts_are_independent(xml) else [range(len(ids))]
        plan = []
        for members in parts:
            wanted = dict.fromkeys(ids[i] for i in members)
            jobs.append(engine.Job([ref for ref in refs if ref["id"] in wanted],
                                   [cites[i] for i in members], xml, output))
            plan.append(list(members))
        plans.append(plan)
    answers = iter(engine.render_jobs(jobs))
    quotes = [escape_text(_quotation(record), output) for record in records]
    speakers = [escape_text(_speaker_line(record), output) for record in records]
    formatted = {}
    for style, plan in zip(styles, plans, strict=True):
        parts: list[dict] = [{}] * len(records)
        for members in plan:
            for index, part in zip(members, next(answers), strict=True):
                parts[index] = part
        formatted[style] = [
            Citation(str(record.get("id") or ""), quote, speaker, part["citation"],
                     part["reference"])
            for record, quote, speaker, part in zip(records, quotes, speakers, parts, strict=True)
        ]
    return formatted


def _year_parts_are_independent(xml: str) -> bool:
    """Whether works of different years can be rendered apart without changing any citation.

    True for a style that adds year suffixes and prints no citation numbers (author-date
    styles): its citations carry the year, so works of different years are never ambiguous, and
    nothing else depends on the other works. pandoc's citeproc assigns year suffixes in time
    that grows faster than linearly with the works in one document (10,000 records of Chicago
    author-date: 59 s of CPU in one document, see docs/citations.md), so such a style renders
    each year as its own document.
    """
    return (re.search(r'disambiguate-add-year-suffix="true"', xml) is not None
            and "citation-number" not in xml)


def _by_year(refs: list[dict], ids: list[str]) -> list[list[int]]:
    """Record indices grouped by their work's year (undated works together), in export order."""
    years = {ref["id"]: (ref.get("issued") or {}).get("date-parts", [[None]])[0][0]
             for ref in refs}
    groups: dict[object, list[int]] = {}
    for index, ident in enumerate(ids):
        groups.setdefault(years[ident], []).append(index)
    return list(groups.values())


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


def _note_items(items: list[dict]) -> tuple[list[dict], list[str]]:
    """One item per record, so every note is a first, full note of its own item."""
    refs = [{**item, "id": f"r{index}"} for index, item in enumerate(items)]
    return refs, [ref["id"] for ref in refs]


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
