"""The JSON API under ``/api/``: the same look-ups as the pages, as JSON.

Errors are always ``{"error": message}`` with the status a client can act on: 400 for a bad
query or parameter, 404 for an unknown id, 503 when there is no index (see
:func:`onrecord.webapp.create_app`). The contract is in :mod:`.openapi`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, abort, g, jsonify, request

from onrecord import export as exporting
from onrecord.index import read_article_row
from onrecord.search import QueryError, SearchResult, all_records, search
from onrecord.views import queries
from onrecord.views.common import (
    checked_format,
    cite,
    export_download,
    export_formats,
    generation,
    int_arg,
    search_request,
)
from onrecord.views.openapi import openapi_document
from onrecord.views.pages import (
    SPEAKERS_PER_PAGE,
    quote_context,
    same_statement,
    speaker_kind_arg,
)

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.errorhandler(QueryError)
def bad_query(error: QueryError) -> tuple[Any, int]:
    return jsonify(error=str(error)), 400


def result_json(result: SearchResult) -> dict[str, Any]:
    return {
        "total": result.total,
        "page": result.request.page,
        "per_page": result.request.per_page,
        "pages": result.pages,
        "suggestion": result.suggestion,
        "notices": [*g.get("speaker_notices", []), *result.notices],
        "collapsed": result.collapsed,
        "records": [hit.record for hit in result.hits],
        "duplicates": {hit.record["id"]: hit.duplicates for hit in result.hits if hit.duplicates},
        "highlights": {hit.record["id"]: hit.highlight for hit in result.hits if hit.highlight},
        "why": {hit.record["id"]: hit.why for hit in result.hits if hit.why},
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in values
            ]
            for name, values in result.facets.items()
        },
    }


@bp.get("/openapi.json")
def openapi() -> Any:
    return jsonify(openapi_document(list(exporting.FORMATS)))


@bp.get("/quotes")
def quotes() -> Any:
    return jsonify(result_json(search(generation(), search_request())))


@bp.get("/quotes/<quote_id>")
def quote(quote_id: str) -> Any:
    record = queries.record_by_id(generation(), quote_id)
    if record is None:
        abort(404, description=f"no quote with id {quote_id!r}")
    article, paragraph = quote_context(record)
    body: dict[str, Any] = {
        "record": record,
        "paragraph_html": str(paragraph) if paragraph is not None else None,
        "article": _article_meta(article) if article else None,
        "same_statement": same_statement(record),
    }
    fmt = request.args.get("cite")
    if fmt:
        if fmt not in exporting.FORMATS:
            raise QueryError(f"unknown citation format {fmt!r}; use one of {export_formats()}")
        citation = cite(record, fmt)
        body["citation"] = {"format": fmt, "text": citation.text, "error": citation.error}
    return jsonify(body)


def _article_meta(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in ("id", "title", "source", "author", "url", "date", "path")}


@bp.get("/speakers")
def speakers() -> Any:
    sort = request.args.get("sort", "count")
    if sort not in ("count", "name"):
        raise QueryError("sort must be count or name")
    page = int_arg("page", 1)
    per_page = int_arg("per_page", SPEAKERS_PER_PAGE, high=1000)
    rows = queries.list_speakers(generation(), q=request.args.get("q", ""), sort=sort,
                                 kind=speaker_kind_arg())
    start = (page - 1) * per_page
    return jsonify(
        total=len(rows),
        page=page,
        per_page=per_page,
        speakers=[asdict(r) for r in rows[start : start + per_page]],
    )


@bp.get("/speakers/<speaker_id>")
def speaker(speaker_id: str) -> Any:
    gen = generation()
    profile = queries.speaker_profile(gen, speaker_id)
    if profile is None:
        abort(404, description=f"no speaker with id {speaker_id!r}")
    req = search_request(speakers=[speaker_id], sort="date")
    return jsonify(
        speaker=asdict(profile), statements=result_json(search(gen, req))
    )


@bp.get("/articles/<path:article_id>")
def article(article_id: str) -> Any:
    gen = generation()
    row = read_article_row(gen, article_id)
    if row is None:
        abort(404, description=f"no article with id {article_id!r}")
    return jsonify(
        article=dict(_article_meta(row), body=row.get("body")),
        records=queries.records_of_article(gen, article_id),
    )


@bp.get("/export.<fmt>")
def export(fmt: str) -> Any:
    checked_format(fmt)
    req = search_request()
    return export_download(all_records(generation(), req), fmt, req)
