"""Formatted citations: the quotation, who said it, and the article cited in a CSL style.

Each record becomes three parts: the quotation with its speaker, the citation (a footnote in a
note style such as Chicago notes-bibliography, a parenthetical in an author-date style) carrying
the style's "quoted in" prefix, and the bibliography entry for the article. Each record is
rendered on its own (no "ibid.", no "2019a"), so a citation reads the same whatever else was
exported with it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from onrecord.citations import engine
from onrecord.citations.items import Record, to_csl_item
from onrecord.citations.styles import Style, resolve_style, standalone_xml

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
    for index, record in enumerate(records):
        item = to_csl_item(record, accessed=accessed)
        item.pop("note", None)  # a few styles print `note`; the quotation is shown on its own
        item.pop("custom", None)
        items.append({**item, "id": f"r{index}"})  # one item per record: all first citations
    jobs = [
        engine.Job(
            items,
            [{"id": f"r{i}", "prefix": style.quoted_in(r)} for i, r in enumerate(records)],
            standalone_xml(style.path),
            output,
        )
        for style in chosen
    ]
    answers = engine.render_jobs(jobs)
    quotes = [escape_text(_quotation(record), output) for record in records]
    speakers = [escape_text(_speaker_line(record), output) for record in records]
    return {
        style: [
            Citation(str(record.get("id") or ""), quote, speaker, part["citation"],
                     part["reference"])
            for record, quote, speaker, part in zip(
                records, quotes, speakers, answer, strict=True
            )
        ]
        for style, answer in zip(styles, answers, strict=True)
    }


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
