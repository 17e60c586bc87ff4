"""What every view shares: the current generation, the search request read from a URL, citations.

Every page state is a GET URL, so the request is rebuilt from ``request.args`` alone.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from flask import Response, abort, current_app, g, request

from onrecord import export as exporting
from onrecord.citations.engine import CitationEngineError
from onrecord.citations.styles import STYLE_ID
from onrecord.index import Generation, IndexError_, current_generation
from onrecord.search import QueryError, SearchRequest, request_from_params
from onrecord.speakers import Match, registry_in, speaker_ids
from onrecord.views.urls import url_params

PER_PAGE = 20
MAX_PER_PAGE = 200
# Citation styles first in the citation box, in this order; any other format follows.
CITATION_ORDER = (
    "chicago", "chicago-author-date", "apa", "mla", "bibtex", "biblatex", "ris", "csl-json", "csl",
)
FACET_PARAMS = ("speaker", "topic", "source", "role", "kind", "year", "month")
KEPT_PARAMS = (*FACET_PARAMS, "since", "until")  # what a new query or sort keeps of the URL


def generation() -> Generation:
    """The live generation, or a 503 that says how to build one.

    Read once per request: every part of a page then comes from the same generation even if
    an ingest switches ``CURRENT`` meanwhile, and a page's hundreds of topic labels do not
    each open the index again (a big speaker's page spent two thirds of its time there).
    """
    if "generation" not in g:
        try:
            g.generation = current_generation(Path(current_app.config["INDEX_DIR"]))
        except IndexError_ as exc:
            abort(503, description=str(exc))
    return g.generation


def int_arg(name: str, default: int, *, low: int = 1, high: int | None = None) -> int:
    raw = request.args.get(name, "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(f"{name} must be a whole number, not {raw!r}") from None
    if value < low or (high is not None and value > high):
        limit = f"between {low} and {high}" if high is not None else f">= {low}"
        raise QueryError(f"{name} must be {limit}")
    return value


def search_request(
    *, sort: str = "relevance", per_page: int = PER_PAGE, **fixed: Any
) -> SearchRequest:
    """The search a URL asks for; ``fixed`` pins fields (e.g. the speaker of a speaker page).

    Parsed by :func:`onrecord.search.request_from_params`, as the CLI does, so a filter means
    the same on every surface; the web adds its defaults and its own page-size limit.
    """
    params = request.args.to_dict(flat=False)
    if not request.args.get("sort"):
        params["sort"] = [sort]
    req = request_from_params(params)
    # facet links carry ids; a name typed into a URL (speaker=lightfoot) finds its speaker too
    registry = registry_in(str(generation().path))
    notices: list[str] = []  # a name matched by alias, reference or typo says so on the page
    ids = speaker_ids(registry, req.speakers, strict=False, notices=notices, say=reader_notice)
    if registry is not None:  # a name nobody has finds nothing: say so, as other filters do
        notices += [f"no speaker in the archive is called {name!r}; see the speakers list"
                    for name, sid in zip(req.speakers, ids, strict=True)
                    if registry.get(sid) is None]
    if ids != req.speakers:  # links built from this URL (chips, facets, pages) carry the ids
        canonical(dict(zip(req.speakers, ids, strict=True)))
    req.speakers = ids
    g.speaker_notices = notices
    req.page = int_arg("page", 1)
    req.per_page = int_arg("per_page", per_page, high=MAX_PER_PAGE)
    return replace(req, **fixed)


def reader_notice(match: Match) -> str | None:
    """What a typed speaker name matched, said for a reader of the page (the CLI's
    :attr:`Match.notice` gives the same facts with ids, for a command line)."""
    name, typed = match.speaker.name, f"\u201c{match.matched}\u201d"
    others = ", ".join(match.others)
    if match.how == "id" and others:
        return f"Showing {name} only; others with that surname: {others}"
    if match.how == "surname" and others:
        return f"Showing {name}, whom {typed} most often means; others with that surname: {others}"
    return {
        "surname": f"Showing {name}, the only speaker with the surname {typed}",
        "alias": f"Showing {name}, also written {typed}",
        "reference": f"Showing {name}, whom articles call {typed}",
        "spelling": f"No speaker is called {typed}; showing the closest spelling, {name}",
    }.get(match.how)


def canonical(speakers: dict[str, str]) -> None:
    """Read the URL's ``speaker`` values as the ids they name (``lightfoot`` ->
    ``lori-lightfoot``), for every link built from it: a chip then shows the speaker's name and
    a click on the selected speaker facet removes it, as with a facet link's own id."""
    params = url_params()
    if "speaker" in params:
        params["speaker"] = list(dict.fromkeys(speakers.get(v, v) for v in params["speaker"]))


# What a person calls each export format; a format without an entry shows its id.
FORMAT_LABELS = {
    "chicago": "Chicago (notes)",
    "chicago-author-date": "Chicago (author-date)",
    "apa": "APA 7",
    "mla": "MLA 9",
    "bibtex": "BibTeX",
    "biblatex": "BibLaTeX",
    "ris": "RIS (Zotero, EndNote)",
    "csl-json": "CSL-JSON (Zotero)",
    "csl": "CSL style",
    "csv": "CSV (spreadsheet)",
    "jsonl": "JSON Lines",
    "json": "JSON",
}
STEM_LENGTH = 80


def format_label(fmt: str) -> str:
    return FORMAT_LABELS.get(fmt, fmt)


def export_stem(req: SearchRequest, speaker_names: dict[str, str] | None = None) -> str:
    """A download's file name says what it holds: ``onrecord-money-lori-lightfoot-2019``
    (query words, then each filter's values), ``onrecord-all`` for everything."""
    names = speaker_names or {}
    parts = [req.q, *(names.get(s, s) for s in req.speakers), *req.topics, *req.sources,
             *req.roles, *req.kinds, *req.years, *req.months]
    if req.since:
        parts.append(f"from {req.since}")
    if req.until:
        parts.append(f"to {req.until}")
    words = "-".join(w for w in (slug(part) for part in parts) if w)
    stem = f"onrecord-{words or 'all'}"
    return stem[:STEM_LENGTH].rstrip("-")


def slug(text: str) -> str:
    """Letters and digits of ``text`` joined by hyphens, for a file name."""
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).encode(
        "ascii", "ignore").decode().lower()).strip("-")


@functools.lru_cache(maxsize=4)
def _topic_labels(generation_path: str) -> dict[str, str]:
    from onrecord.topics import topic_labels

    return topic_labels(Path(generation_path))  # the taxonomy ingest copied into the generation


def topic_label(key: str) -> str:
    """A topic's label from the taxonomy ("Civil rights"), never its id (``civil_rights``)."""
    label = _topic_labels(str(generation().path)).get(key)
    return label or key.replace("_", " ")


# Above this many statements a download list says the citation styles take a while (whole
# archive, 13,141 statements, in Chicago notes: about 16 s of CPU; docs/citations.md).
SLOW_DOWNLOAD = 2000


def export_formats() -> list[str]:
    """Every export format, citation styles first (new formats appear automatically)."""
    # csl needs a ?style= of its own; opensearch is a bulk load, not something to read
    names = [n for n in exporting.FORMATS if n not in ("csl", "opensearch")]
    ordered = [n for n in CITATION_ORDER if n in names]
    return ordered + [n for n in names if n not in ordered]


def style_arg() -> str | None:
    """The ``?style=`` of a request: a CSL style id only. A URL may never name a file on the
    server, so anything that is not a bare id is refused before it reaches the engine."""
    style = request.args.get("style") or None
    if style is not None and not STYLE_ID.match(style):
        abort(400, description=f"{style!r} is not a CSL style id (e.g. apa, nature)")
    return style


def output_arg() -> str:
    """``?output=`` of a download: text, html or markdown; empty (a form's unchosen menu)
    means text, as leaving it out does."""
    return request.args.get("output") or "text"


def checked_format(fmt: str) -> None:
    """A 400 for an unknown format, ``output`` or ``style`` before any record is read: a
    download of the whole archive takes seconds to gather (1.5 s for 13,000 statements)."""
    try:
        exporting.get_format(fmt)
    except exporting.UnknownFormat as exc:
        abort(400, description=str(exc))
    render_export([], fmt)


def render_export(records: list[dict[str, Any]], fmt: str) -> str:
    """``export.export`` with the request's ``output`` and ``style``; bad values are a 400."""
    try:
        return exporting.export(records, fmt, output=output_arg(), style=style_arg())
    except ValueError as exc:  # unknown output or style, or csl without a style
        abort(400, description=str(exc))
    except CitationEngineError:
        current_app.logger.exception("export in %s failed", fmt)
        abort(503, description=f"The {fmt} format cannot be made on this server right now.")


@dataclass
class Citation:
    fmt: str
    text: str | None
    error: str | None = None


def cite(record: dict[str, Any], fmt: str) -> Citation:
    """One record in one format; a failing formatter (e.g. pandoc missing) becomes a message.

    Formatted styles run pandoc (a tenth of a second or more), so citations are remembered by
    the record's content and the options.
    """
    key = json.dumps(record, sort_keys=True, ensure_ascii=False)
    try:
        text = _cite(key, fmt, output_arg(), style_arg())
    except exporting.UnknownFormat:
        raise
    except Exception:  # the page must still show the quote; failures are not remembered
        current_app.logger.exception("citation in %s failed", fmt)
        return Citation(fmt, None, f"The {fmt} citation could not be made on this server.")
    return Citation(fmt, text)


@functools.lru_cache(maxsize=512)
def _cite(record_json: str, fmt: str, output: str, style: str | None) -> str:
    return exporting.export([json.loads(record_json)], fmt, output=output, style=style)


def export_download(records: list[dict[str, Any]], fmt: str, req: SearchRequest) -> Response:
    """The download of a search's records, named after what it holds (pages and API alike)."""
    names = {r["speaker_id"]: r["speaker"] for r in records[:1000] if r.get("speaker_id")}
    return export_response(records, fmt, export_stem(req, names))


def export_response(records: list[dict[str, Any]], fmt: str, stem: str) -> Response:
    """A download of ``records`` in ``fmt``, typed for the request's ``output`` (text, html,
    markdown); every export route answers through here."""
    try:
        mimetype, extension = exporting.media_type(fmt, output_arg())
    except exporting.UnknownFormat as exc:
        abort(400, description=str(exc))
    # the formats' media types may name their charset already; werkzeug would add a second
    if "charset=" not in mimetype:
        mimetype += "; charset=utf-8"  # every export is UTF-8 text
    return Response(
        render_export(records, fmt),
        content_type=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{stem}.{extension}"'},
    )
