"""Write quote records out in the export formats.

One function per format, registered in :data:`FORMATS`; the CLI ``export`` command and the web
export routes both call :func:`export`, so a format added here appears in both. The citation
formats (CSL styles, BibLaTeX, BibTeX, RIS, CSL-JSON) live in :mod:`onrecord.citations`; see
``docs/citations.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from onrecord.citations.bibtex import to_biblatex, to_bibtex
from onrecord.citations.csljson import to_csl_json
from onrecord.citations.formatted import OUTPUTS, render_formatted, render_in_styles
from onrecord.citations.ris import to_ris
from onrecord.scale import opensearch

Record = dict[str, Any]

CSV_COLUMNS = (
    "id",
    "speaker",
    "role",
    "text",
    "kind",
    "date",
    "source",
    "title",
    "url",
    "article",
    "topics",
    "cue",
    "published",
    "author",
    "speaker_id",
    "speaker_as_written",
    "confidence",
)
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Options:
    """Keyword options of :func:`export`; each format reads the ones that apply to it."""

    output: str = "text"  # text, html or markdown: the formatted citation styles only
    style: str | None = None  # CSL style id or .csl path: the ``csl`` format only
    accessed: dt.date | None = None  # access date for URLs; today (UTC) when not given


@dataclass(frozen=True)
class Format:
    """An export format: how to render records, and how to serve the result.

    ``render(records, options=Options())`` returns the whole file as text. A formatted citation
    style is served per output (``outputs`` maps text/html/markdown to media type and extension).
    """

    render: Callable[..., str]
    media_type: str
    extension: str
    outputs: dict[str, tuple[str, str]] = field(default_factory=dict)


_DEFAULT = Options()


def to_jsonl(records: list[Record], options: Options = _DEFAULT) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def _csv_cell(value: Any) -> str:
    """Render one CSV cell, neutralising spreadsheet formulas (OWASP CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_LEADS):
        return "'" + text
    return text


def to_csv(records: list[Record], options: Options = _DEFAULT) -> str:
    """CSV with a UTF-8 byte-order mark so spreadsheets read the text as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow([_csv_cell(record.get(column)) for column in CSV_COLUMNS])
    return "\ufeff" + buffer.getvalue()


def _accessed(options: Options) -> dt.date:
    return options.accessed or dt.datetime.now(dt.UTC).date()


def _styled(style: str | None) -> Callable[..., str]:
    """The render function of a formatted style; ``None`` means the style comes from options."""

    def render(records: list[Record], options: Options = _DEFAULT) -> str:
        chosen = style or options.style
        if not chosen:
            raise ValueError("the csl format needs a style: a CSL style id or a .csl file")
        return render_formatted(
            records, chosen, output=options.output, accessed=_accessed(options)
        )

    return render


def _with_access_date(writer: Callable[..., str]) -> Callable[..., str]:
    def render(records: list[Record], options: Options = _DEFAULT) -> str:
        return writer(records, accessed=_accessed(options))

    return render


_FORMATTED_OUTPUTS = {
    "text": ("text/plain; charset=utf-8", "txt"),
    "html": ("text/html; charset=utf-8", "html"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
}


def _formatted(style: str | None) -> Format:
    return Format(_styled(style), *_FORMATTED_OUTPUTS["text"], outputs=_FORMATTED_OUTPUTS)


# The style each formatted format renders with (``csl`` takes it from the options).
_STYLE_OF = {"chicago": "chicago", "chicago-author-date": "chicago-author-date", "apa": "apa",
             "mla": "mla"}


FORMATS: dict[str, Format] = {
    "chicago": _formatted("chicago"),
    "chicago-author-date": _formatted("chicago-author-date"),
    "apa": _formatted("apa"),
    "mla": _formatted("mla"),
    "csl": _formatted(None),
    "biblatex": Format(_with_access_date(to_biblatex), "application/x-bibtex; charset=utf-8",
                       "bib"),
    "bibtex": Format(_with_access_date(to_bibtex), "application/x-bibtex; charset=utf-8", "bib"),
    "ris": Format(_with_access_date(to_ris), "application/x-research-info-systems", "ris"),
    "csl-json": Format(_with_access_date(to_csl_json), "application/vnd.citationstyles.csl+json",
                       "json"),
    "csv": Format(to_csv, "text/csv; charset=utf-8", "csv"),
    "jsonl": Format(to_jsonl, "application/x-ndjson; charset=utf-8", "jsonl"),
    # The bulk body for moving search to OpenSearch (docs/scale.md); the mapping comes with
    # ``onrecord export --format opensearch --output-dir DIR``.
    "opensearch": Format(opensearch.to_bulk, "application/x-ndjson; charset=utf-8", "ndjson"),
}


class UnknownFormat(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown export format {name!r}; choose one of: {', '.join(FORMATS)}")


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormat(name) from None


def media_type(fmt: str, output: str = "text") -> tuple[str, str]:
    """The media type and file extension to serve ``fmt`` with, for ``output``."""
    chosen = get_format(fmt)
    return chosen.outputs.get(output, (chosen.media_type, chosen.extension))


def export(
    records: Iterable[Record],
    fmt: str,
    *,
    output: str = "text",
    style: str | None = None,
    accessed: dt.date | None = None,
) -> str:
    """Render ``records`` (dicts with the record contract's fields) in format ``fmt``.

    Args:
        records: quote records; unknown keys are ignored.
        fmt: a name from :data:`FORMATS`.
        output: ``text`` (default), ``html`` or ``markdown``, for the formatted citation styles
            (``chicago``, ``chicago-author-date``, ``apa``, ``mla``, ``csl``).
        style: for ``csl``: a CSL style id (``nature``) or a path to a ``.csl`` file.
        accessed: the date a URL was accessed (BibLaTeX ``urldate``, RIS ``Y2``, CSL
            ``accessed``); today's date (UTC) by default.

    Raises:
        UnknownFormat: ``fmt`` is not a known format.
        UnknownStyle: ``style`` is not a pinned, installed or given CSL style.
        CitationEngineError: a formatted style was asked for and pandoc is missing or failed.
        ValueError: ``output`` is unknown, or ``csl`` was asked for without a style.
    """
    chosen = get_format(fmt)
    if output not in OUTPUTS:
        raise ValueError(f"unknown output {output!r}; choose one of: {', '.join(OUTPUTS)}")
    if style and fmt != "csl":
        raise ValueError(f"a style applies to the csl format only, not to {fmt!r}")
    return chosen.render(list(records), Options(output=output, style=style, accessed=accessed))


def export_each(
    records: Iterable[Record],
    fmts: Iterable[str],
    *,
    output: str = "text",
    style: str | None = None,
    accessed: dt.date | None = None,
) -> dict[str, str]:
    """:func:`export` in several formats; the formatted styles share one pandoc run.

    For a page that shows one quote cited in every format: four styles cost one pandoc start
    (about a quarter of a second) instead of four. Options and errors as for :func:`export`,
    except that ``style`` is used by ``csl`` and ignored by the other formats.
    """
    records = list(records)
    fmts = list(dict.fromkeys(fmts))
    for fmt in fmts:
        get_format(fmt)
    if output not in OUTPUTS:
        raise ValueError(f"unknown output {output!r}; choose one of: {', '.join(OUTPUTS)}")
    styles = {fmt: _STYLE_OF.get(fmt) or (style if fmt == "csl" else None) for fmt in fmts}
    if "csl" in fmts and not style:
        raise ValueError("the csl format needs a style: a CSL style id or a .csl file")
    styled = {fmt: name for fmt, name in styles.items() if name}
    rendered = render_in_styles(
        records, styled.values(), output=output, accessed=accessed or _accessed(Options())
    ) if styled else {}
    options = Options(output=output, style=style, accessed=accessed)
    return {
        fmt: rendered[styled[fmt]] if fmt in styled else get_format(fmt).render(records, options)
        for fmt in fmts
    }
