"""URLs for page states: the current URL with one filter added, removed or replaced.

Every state of every page is a GET URL, so links that narrow, widen, sort or page a list are
the current query string with one change; the templates call these as globals. A search page
has a few hundred such links, so they are built with :func:`urllib.parse.urlencode` on the
current path rather than through the URL map each time.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import g, request, url_for


def url_params() -> dict[str, list[str]]:
    """The current query string as lists, parsed once per request (speaker names already
    read as ids, see :func:`onrecord.views.common.canonical`)."""
    if "url_params" not in g:
        g.url_params = request.args.to_dict(flat=False)
    return g.url_params


def _current(**changes: Any) -> str:
    params = dict(url_params())
    for name, value in changes.items():
        if value is None or value == []:
            params.pop(name, None)
        else:
            params[name] = value if isinstance(value, list) else [value]
    query = urlencode(params, doseq=True)
    path = request.script_root + request.path
    return f"{path}?{query}" if query else path


def url_add(name: str, value: str) -> str:
    """Narrow: add one filter value and go back to page 1."""
    values = url_params().get(name, [])
    return _current(**{name: [*values, value] if value not in values else values, "page": None})


def url_remove(name: str, value: str) -> str:
    """Widen: drop one filter value and go back to page 1."""
    values = [v for v in url_params().get(name, []) if v != value]
    return _current(**{name: values, "page": None})


def url_toggle(name: str, value: str) -> str:
    return url_remove(name, value) if value in url_params().get(name, []) else url_add(name, value)


def url_set(**changes: Any) -> str:
    """Replace some parameters (``None`` removes one), e.g. ``url_set(page=3)``."""
    return _current(**changes)


def url_for_args(endpoint: str, **fixed: Any) -> str:
    """``endpoint`` with the current query string (e.g. an export link for this list)."""
    params = dict(url_params())
    params.pop("page", None)
    params.pop("per_page", None)
    params.update({k: v for k, v in fixed.items() if v is not None})
    return url_for(endpoint, **params)


TEMPLATE_GLOBALS = {
    "url_add": url_add,
    "url_remove": url_remove,
    "url_toggle": url_toggle,
    "url_set": url_set,
    "url_for_args": url_for_args,
}
