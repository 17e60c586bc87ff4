"""The Flask front end: HTML pages and a JSON API over the current index generation.

``create_app(test_config=None)`` follows the Flask tutorial's factory: defaults, then
``ONRECORD_*`` environment variables, then the mapping a test passes. Templates and static
files live in the project's top-level ``web/`` (shipped inside the wheel as ``onrecord/web``).
The views are blueprints in :mod:`onrecord.views` (``pages`` and ``api``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from onrecord.views import api, pages
from onrecord.views.common import KEPT_PARAMS, SLOW_DOWNLOAD
from onrecord.views.urls import TEMPLATE_GLOBALS


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
    app.jinja_env.globals.update(TEMPLATE_GLOBALS, kept_params=KEPT_PARAMS,
                                 slow_download=SLOW_DOWNLOAD)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Any, int]:
        message = error.description or error.name
        code = error.code or 500
        if request.path.startswith("/api/"):
            response = jsonify(error=message)
        else:
            response = app.make_response(
                render_template("error.html", code=code, title=error.name, message=message)
            )
        for name, value in error.get_headers():
            if name.lower() != "content-type":  # e.g. Allow on a 405
                response.headers[name] = value
        return response, code

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[Any, int]:
        app.logger.exception("unexpected error on %s", request.path)
        message = "Something went wrong on our side; the error has been logged."
        if request.path.startswith("/api/"):
            return jsonify(error=message), 500
        return render_template(
            "error.html", code=500, title="Server error", message=message
        ), 500

    return app
