"""The OpenAPI 3.1 document for ``/api/``, served at ``/api/openapi.json``.

Written by hand next to the routes so a change to one is a change to the other in the same
commit; ``tests/test_webapp_api.py`` checks that every API route is documented.
"""

from __future__ import annotations

from typing import Any

from onrecord.search import QUERY_FIELDS


def _param(name: str, description: str, *, schema: dict[str, Any] | None = None,
           where: str = "query", required: bool = False, many: bool = False) -> dict[str, Any]:
    base = schema or {"type": "string"}
    return {
        "name": name,
        "in": where,
        "required": required or where == "path",
        "description": description,
        "schema": {"type": "array", "items": base} if many else base,
        **({"explode": True} if many else {}),
    }


SEARCH_PARAMS = [
    _param("q", "Query: words, \"exact phrases\", AND/OR/NOT, parentheses, and fields "
           f"({', '.join(QUERY_FIELDS)}), e.g. speaker:lightfoot date:2019-10."),
    _param("speaker", "Speaker id filter (repeat to OR).", many=True),
    _param("topic", "Topic filter (repeat to OR).", many=True),
    _param("source", "Outlet filter (repeat to OR).", many=True),
    _param("kind", "direct or indirect (repeat to OR).", many=True,
           schema={"type": "string", "enum": ["direct", "indirect"]}),
    _param("year", "Year filter, YYYY (repeat to OR).", many=True),
    _param("since", "First date, YYYY, YYYY-MM or YYYY-MM-DD."),
    _param("until", "Last date, YYYY, YYYY-MM or YYYY-MM-DD."),
    _param("exact", "1: words find only themselves, not the topic they name (money).",
           schema={"type": "string", "enum": ["0", "1"]}),
]
PAGING = [
    _param("page", "Page number, from 1.", schema={"type": "integer", "minimum": 1}),
    _param("per_page", "Results per page.",
           schema={"type": "integer", "minimum": 1, "maximum": 200}),
]
SORT = _param("sort", "Order of results.",
              schema={"type": "string", "enum": ["relevance", "date", "-date"]})


def _errors(*codes: int) -> dict[str, Any]:
    text = {400: "Bad query or parameter.", 404: "Unknown id.", 503: "No index built yet."}
    return {
        str(code): {
            "description": text[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code in codes
    }


def _ok(description: str, ref: str) -> dict[str, Any]:
    return {
        "200": {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
        }
    }


def openapi_document(formats: list[str]) -> dict[str, Any]:
    record = {
        "type": "object",
        "description": "One quote record (onrecord.records.Quote); fields may be added.",
        "required": ["id", "text", "kind", "article"],
        "properties": {
            "id": {"type": "string"},
            "text": {"type": "string"},
            "kind": {"type": "string", "enum": ["direct", "indirect"]},
            "article": {"type": "string"},
            "speaker": {"type": ["string", "null"]},
            "speaker_id": {"type": ["string", "null"]},
            "role": {"type": ["string", "null"]},
            "source": {"type": ["string", "null"]},
            "title": {"type": ["string", "null"]},
            "url": {"type": ["string", "null"]},
            "date": {"type": ["string", "null"], "format": "date"},
            "topics": {"type": "array", "items": {"type": "string"}},
            "statement_id": {"type": ["string", "null"]},
            "also_in": {"type": "array", "items": {"type": "object"}},
            "start": {"type": "integer"},
            "end": {"type": "integer"},
            "parts": {
                "type": "array",
                "items": {"type": "array", "items": {"type": "integer"}},
            },
        },
    }
    facet_value = {
        "type": "object",
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer"},
            "selected": {"type": "boolean"},
        },
    }
    search_result = {
        "type": "object",
        "properties": {
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "pages": {"type": "integer"},
            "notices": {
                "type": "array",
                "items": {"type": "string"},
                "description": "How a loosely written query was read (-word as NOT, an "
                "unclosed quotation mark, a pasted link) and filter values nothing has.",
            },
            "records": {"type": "array", "items": {"$ref": "#/components/schemas/Record"}},
            "highlights": {
                "type": "object",
                "description": "Quote id -> HTML with <mark> around matches (text escaped).",
                "additionalProperties": {"type": "string"},
            },
            "why": {
                "type": "object",
                "description": "Quote id -> why it matched a topic word of the query, e.g. "
                               "\"topic: money (afford, financial)\".",
                "additionalProperties": {"type": "string"},
            },
            "facets": {
                "type": "object",
                "description": "speaker, topic, source, kind, year -> values with counts.",
                "additionalProperties": {"type": "array", "items": facet_value},
            },
        },
    }
    fmt_param = _param("fmt", "Export format.", where="path",
                       schema={"type": "string", "enum": formats})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "onrecord API",
            "version": "1",
            "description": "Search and read an archive of quotes and reported statements. "
            "Read-only: every operation is a GET. Errors are {\"error\": message}.",
        },
        "paths": {
            "/api/quotes": {
                "get": {
                    "summary": "Search statements, with facet counts",
                    "parameters": [*SEARCH_PARAMS, SORT, *PAGING],
                    "responses": {**_ok("A page of results.", "SearchResult"),
                                  **_errors(400, 503)},
                }
            },
            "/api/quotes/{quote_id}": {
                "get": {
                    "summary": "One quote with its paragraph, article and other occurrences",
                    "parameters": [
                        _param("quote_id", "Quote id.", where="path"),
                        _param("cite", "Also render a citation in this format.",
                               schema={"type": "string", "enum": formats}),
                    ],
                    "responses": {**_ok("The quote.", "QuoteDetail"), **_errors(400, 404, 503)},
                }
            },
            "/api/speakers": {
                "get": {
                    "summary": "Speakers with statement counts",
                    "parameters": [
                        _param("q", "Part of a name to look for (a misspelt name finds "
                                    "the closest spellings, matched: \"close spelling\")."),
                        _param("sort", "Order.",
                               schema={"type": "string", "enum": ["count", "name"]}),
                        _param("kind", "Only people, organisations or groups.",
                               schema={"type": "string",
                                       "enum": ["person", "organisation", "group"]}),
                        *PAGING,
                    ],
                    "responses": {**_ok("A page of speakers.", "SpeakerList"),
                                  **_errors(400, 503)},
                }
            },
            "/api/speakers/{speaker_id}": {
                "get": {
                    "summary": "One speaker: names, roles, counts and statements",
                    "parameters": [
                        _param("speaker_id", "Speaker id.", where="path"),
                        _param("q", "Query within the speaker's statements."),
                        _param("topic", "Topic filter (repeat to OR).", many=True),
                        SORT,
                        *PAGING,
                    ],
                    "responses": {**_ok("The speaker.", "SpeakerDetail"),
                                  **_errors(400, 404, 503)},
                }
            },
            "/api/articles/{article_id}": {
                "get": {
                    "summary": "One article's text and every record extracted from it",
                    "description": "Article ids may contain slashes.",
                    "parameters": [_param("article_id", "Article id.", where="path")],
                    "responses": {**_ok("The article.", "ArticleDetail"), **_errors(404, 503)},
                }
            },
            "/api/export.{fmt}": {
                "get": {
                    "summary": "Every statement matching a search, as a file",
                    "parameters": [
                        fmt_param,
                        *SEARCH_PARAMS,
                        _param("output", "Markup of the formatted citation styles.",
                               schema={"type": "string", "enum": ["text", "html", "markdown"]}),
                        _param("style", "For the csl format: a CSL style id, e.g. apa."),
                    ],
                    "responses": {
                        "200": {"description": "The file (text in the chosen format)."},
                        **_errors(400, 503),
                    },
                }
            },
            "/api/openapi.json": {
                "get": {
                    "summary": "This document",
                    "responses": {"200": {"description": "OpenAPI 3.1 document."}},
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}},
                },
                "Record": record,
                "SearchResult": search_result,
                "QuoteDetail": {
                    "type": "object",
                    "properties": {
                        "record": {"$ref": "#/components/schemas/Record"},
                        "paragraph_html": {"type": ["string", "null"]},
                        "article": {"type": ["object", "null"]},
                        "same_statement": {"type": "array", "items": {"type": "object"}},
                        "citation": {"type": "object"},
                    },
                },
                "SpeakerList": {
                    "type": "object",
                    "properties": {
                        "total": {"type": "integer"},
                        "page": {"type": "integer"},
                        "per_page": {"type": "integer"},
                        "speakers": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "id": {"type": "string"},
                                    "name": {"type": "string"},
                                    "count": {"type": "integer"},
                                    "matched": {"type": ["string", "null"]},
                                    "kind": {"type": ["string", "null"]},
                                },
                            },
                        },
                    },
                },
                "SpeakerDetail": {
                    "type": "object",
                    "properties": {
                        "speaker": {"type": "object"},
                        "statements": {"$ref": "#/components/schemas/SearchResult"},
                    },
                },
                "ArticleDetail": {
                    "type": "object",
                    "properties": {
                        "article": {"type": "object"},
                        "records": {
                            "type": "array", "items": {"$ref": "#/components/schemas/Record"}
                        },
                    },
                },
            }
        },
    }
