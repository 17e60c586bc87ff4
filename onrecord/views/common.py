"""What every view shares: the current generation, the search request read from a URL, citations.

Every page state is a GET URL, so the request is rebuilt from ``request.args`` alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import abort, current_app, request

from onrecord import export as exporting
from onrecord.index import Generation, IndexError_, current_generation
from onrecord.search import QueryError, SearchRequest

PER_PAGE = 20
MAX_PER_PAGE = 200
# Citation styles first in the citation box, in this order; any other format follows.
CITATION_ORDER = (
    "chicago", "chicago-author-date", "apa", "mla", "bibtex", "biblatex", "ris", "csl-json", "csl",
)
FACET_PARAMS = ("speaker", "topic", "source", "kind", "year")


def generation() -> Generation:
    """The live generation, or a 503 that says how to build one."""
    try:
        return current_generation(Path(current_app.config["INDEX_DIR"]))
    except IndexError_ as exc:
        abort(503, description=str(exc))


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


def search_request(**fixed: Any) -> SearchRequest:
    """The search a URL asks for; ``fixed`` pins fields (e.g. the speaker of a speaker page)."""
    args = request.args
    values: dict[str, Any] = {
        "q": args.get("q", ""),
        "speakers": args.getlist("speaker"),
        "topics": args.getlist("topic"),
        "sources": args.getlist("source"),
        "kinds": args.getlist("kind"),
        "years": args.getlist("year"),
        "since": args.get("since") or None,
        "until": args.get("until") or None,
        "sort": args.get("sort", "relevance"),
        "page": int_arg("page", 1),
        "per_page": int_arg("per_page", PER_PAGE, high=MAX_PER_PAGE),
    }
    values.update(fixed)
    return SearchRequest(**values)


def export_formats() -> list[str]:
    """Every export format, citation styles first (new formats appear automatically)."""
    names = [n for n in exporting.FORMATS if n != "csl"]  # csl needs a ?style= of its own
    ordered = [n for n in CITATION_ORDER if n in names]
    return ordered + [n for n in names if n not in ordered]


def render_export(records: list[dict[str, Any]], fmt: str) -> str:
    """``export.export`` with the request's ``output`` and ``style``; bad values are a 400."""
    output = request.args.get("output", "text")
    style = request.args.get("style") or None
    try:
        return exporting.export(records, fmt, output=output, style=style)
    except ValueError as exc:  # unknown output or style, or csl without a style
        abort(400, description=str(exc))


@dataclass
class Citation:
    fmt: str
    text: str | None
    error: str | None = None


def cite(record: dict[str, Any], fmt: str) -> Citation:
    """One record in one format; a failing formatter (e.g. pandoc missing) becomes a message."""
    try:
        return Citation(fmt, render_export([record], fmt))
    except exporting.UnknownFormat:
        raise
    except Exception:  # the page must still show the quote
        current_app.logger.exception("citation in %s failed", fmt)
        return Citation(fmt, None, f"The {fmt} citation could not be made on this server.")


def download_headers(fmt: str, stem: str) -> dict[str, str]:
    chosen = exporting.get_format(fmt)
    return {"Content-Disposition": f'attachment; filename="{stem}.{chosen.extension}"'}
