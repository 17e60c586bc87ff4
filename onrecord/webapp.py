"""The Flask front end: search pages and a JSON API over the current index generation.

``create_app(test_config=None)`` follows the Flask tutorial's factory: defaults, then
``ONRECORD_*`` environment variables, then the mapping a test passes. Templates and static
files live in the project's top-level ``web/`` (shipped inside the wheel as ``onrecord/web``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from onrecord import export as exporting
from onrecord.index import Generation, IndexError_, current_generation
from onrecord.search import FACET_NAMES, QueryError, SearchRequest, all_records, search


def web_dir() -> Path:
    """``web/`` beside the package in a checkout, or ``onrecord/web`` in an installed wheel."""
    packaged = Path(__file__).parent / "web"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "web"


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
PER_PAGE = 20


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    web = web_dir()
    app = Flask(
        __name__,
        template_folder=str(web / "templates"),
        static_folder=str(web / "static"),
    )
    app.config.from_mapping(
        INDEX_DIR=os.environ.get("ONRECORD_INDEX", "index"),
        ARCHIVE_DIR="archive",
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    app.config.from_prefixed_env(prefix="ONRECORD")
    if test_config:
        app.config.from_mapping(test_config)

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Any, int]:
        message = error.description or error.name
        if request.path.startswith("/api/"):
            return jsonify(error=message), error.code or 500
        return render_template("error.html", code=error.code, message=message), error.code or 500

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[Any, int]:
        app.logger.exception("unexpected error on %s", request.path)
        message = "Something went wrong on our side; the error has been logged."
        if request.path.startswith("/api/"):
            return jsonify(error=message), 500
        return render_template("error.html", code=500, message=message), 500

    def generation() -> Generation:
        try:
            return current_generation(Path(app.config["INDEX_DIR"]))
        except IndexError_ as exc:
            abort(503, description=str(exc))

    def search_request() -> SearchRequest:
        args = request.args
        try:
            page = int(args.get("page", "1"))
            per_page = int(args.get("per_page", str(PER_PAGE)))
        except ValueError:
            raise QueryError("page and per_page must be whole numbers") from None
        return SearchRequest(
            q=args.get("q", ""),
            speakers=args.getlist("speaker"),
            topics=args.getlist("topic"),
            sources=args.getlist("source"),
            kinds=args.getlist("kind"),
            years=args.getlist("year"),
            since=args.get("since") or None,
            until=args.get("until") or None,
            sort=args.get("sort", "relevance"),
            page=page,
            per_page=per_page,
        )

    @app.get("/")
    def index() -> Any:
        gen = generation()
        error = None
        result = None
        try:
            req = search_request()
            result = search(gen, req)
        except QueryError as exc:
            error = str(exc)
        status = 400 if error else 200
        return (
            render_template(
                "search.html",
                result=result,
                error=error,
                args=request.args,
                facet_names=FACET_NAMES,
                manifest=gen.manifest(),
                export_formats=list(exporting.FORMATS),
            ),
            status,
        )

    @app.get("/api/quotes")
    def api_quotes() -> Any:
        try:
            result = search(generation(), search_request())
        except QueryError as exc:
            return jsonify(error=str(exc)), 400
        return jsonify(
            total=result.total,
            page=result.request.page,
            per_page=result.request.per_page,
            records=[hit.record for hit in result.hits],
            facets={
                name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for name, values in result.facets.items()
            },
        )

    @app.get("/export.<fmt>")
    def export_results(fmt: str) -> Any:
        try:
            chosen = exporting.get_format(fmt)
            records = all_records(generation(), search_request())
        except (QueryError, exporting.UnknownFormat) as exc:
            abort(400, description=str(exc))
        body = exporting.export(records, fmt)
        return Response(
            body,
            mimetype=chosen.media_type,
            headers={"Content-Disposition": f'attachment; filename="onrecord.{chosen.extension}"'},
        )

    return app
