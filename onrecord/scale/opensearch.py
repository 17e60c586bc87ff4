"""Export for OpenSearch: an index mapping and a ``_bulk`` NDJSON file of the records.

For archives beyond what one Whoosh index serves well. The mapping reproduces the facets and
filters of :mod:`onrecord.search`: the facet columns are ``keyword`` fields (terms
aggregations), the statement text is ``text`` with the built-in ``english`` analyser (stemming
and stop words, like the Whoosh ``StemmingAnalyzer``), and ``date`` is a ``date`` for ranges.
Each bulk document is the record as exported, plus the derived facet fields the Whoosh index
also derives (``source_key``, ``year``, ``month``), so the same filters can be expressed.
:func:`search_body` shows the translation of a :class:`~onrecord.search.SearchRequest`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from onrecord.index import role_key
from onrecord.search import FILTER_FIELD, SELECTED

Record = dict[str, Any]

MAPPING_FILE = "mapping.json"
BULK_FILE = "bulk.ndjson"
DATE_FORMAT = "strict_date_optional_time||strict_date||yyyy-MM||yyyy"

_KEYWORD = {"type": "keyword"}
_NAME = {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}}
_ENGLISH = {"type": "text", "analyzer": "english"}
_DATE = {"type": "date", "format": DATE_FORMAT, "ignore_malformed": True}

# Facet name -> the keyword field that holds it: the same fields the Whoosh index filters on.
FACET_FIELDS = FILTER_FIELD


def mapping(*, shards: int = 1, replicas: int = 1) -> dict[str, Any]:
    """The body of ``PUT /<index>``: settings and the field mapping.

    ``dynamic: false`` keeps fields added to the record contract later in ``_source`` without
    indexing them, so a newer onrecord's export never fails against an older mapping.
    """
    properties: dict[str, Any] = {
        "id": _KEYWORD,
        "statement_id": _KEYWORD,
        "statement_key": _KEYWORD,
        "text": {**_ENGLISH, "fields": {"exact": {"type": "text", "analyzer": "standard"}}},
        "kind": _KEYWORD,
        "article": _KEYWORD,
        "speaker": _NAME,
        "speaker_id": _KEYWORD,
        "speaker_as_written": _NAME,
        "speaker_kind": _KEYWORD,
        "role": _NAME,
        "speaker_role": _KEYWORD,  # the registry's normalised role (facets)
        "role_key": _KEYWORD,
        "description": _NAME,  # the appositive beside the role ("a Democrat from Aurora")
        "cue": _KEYWORD,
        "title": _ENGLISH,
        "source": _NAME,
        "source_key": _KEYWORD,
        "author": _NAME,
        "url": {"type": "keyword", "index": False},
        "published": _DATE,
        "date": _DATE,
        "year": _KEYWORD,
        "month": _KEYWORD,
        "topics": {"type": "keyword", "normalizer": "lowercase"},
        # the topic model's margin per topic (docs/topics.md); shown, not searched
        "topic_scores": {"type": "object", "enabled": False},
        "context": _ENGLISH,
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        # each part's [start, end] (a quotation split by its attribution); shown, not searched
        "parts": {"type": "object", "enabled": False},
        "confidence": {"type": "float"},
        "occurrences": {"type": "integer"},
        "canonical": {"type": "boolean"},
        # Other articles carrying the same statement; shown, not searched.
        "also_in": {"type": "object", "enabled": False},
        # The per-article stage's names for the speaker registry; empty in the index.
        "name_candidates": {"type": "keyword", "index": False},
    }
    return {
        "settings": {
            "index": {"number_of_shards": shards, "number_of_replicas": replicas},
            "analysis": {"normalizer": {"lowercase": {"type": "custom", "filter": ["lowercase"]}}},
        },
        "mappings": {"dynamic": False, "properties": properties},
    }


def document(record: Record) -> Record:
    """The indexed source: the record plus the keys the Whoosh index derives too."""
    doc = dict(record)
    doc["source_key"] = (record.get("source") or "").strip() or None
    doc["role_key"] = role_key(record) or None  # as the Whoosh index facets
    doc["statement_key"] = record.get("statement_id") or record.get("id")
    date = record.get("date")
    if isinstance(date, str) and len(date) >= 7:
        doc["year"], doc["month"] = date[:4], date[:7]
    return doc


def bulk_ndjson(records: Iterable[Record], *, index: str = "onrecord") -> str:
    """``_bulk`` request body: an ``index`` action line and a source line per record.

    ``_id`` is the record id, so re-sending an export updates documents instead of duplicating
    them. The body ends with a newline, as the bulk API requires.
    """
    lines: list[str] = []
    for record in records:
        action = {"index": {"_index": index, "_id": record["id"]}}
        lines.append(json.dumps(action, ensure_ascii=False))
        lines.append(json.dumps(document(record), ensure_ascii=False, sort_keys=True))
    return "".join(line + "\n" for line in lines)


def to_bulk(records: list[Record], options: Any = None) -> str:
    """The :data:`onrecord.export.FORMATS` renderer: ``render(records, options)``."""
    return bulk_ndjson(records)


def write_bundle(records: Iterable[Record], out_dir: Path, index: str = "onrecord") -> list[Path]:
    """Write ``mapping.json`` and ``bulk.ndjson`` into ``out_dir``; returns both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    mapping_path, bulk_path = out_dir / MAPPING_FILE, out_dir / BULK_FILE
    mapping_path.write_text(json.dumps(mapping(), indent=2) + "\n", encoding="utf-8")
    bulk_path.write_text(bulk_ndjson(records, index=index), encoding="utf-8")
    return [mapping_path, bulk_path]


def search_body(request: Any, *, facet_size: int = 50) -> dict[str, Any]:
    """A ``_search`` body equivalent to a :class:`~onrecord.search.SearchRequest`.

    The user's query goes to ``simple_query_string`` (words, "phrases", ``|`` and ``-``);
    onrecord's own field syntax (``speaker:``, ``date:[a to b]``) is not translated.
    """
    from onrecord.search import parse_date

    filters: list[dict[str, Any]] = []
    for name, attr in SELECTED.items():
        values = [v for v in getattr(request, attr, []) if v]
        if values:
            filters.append({"terms": {FACET_FIELDS[name]: values}})
    if request.since or request.until:
        bounds: dict[str, str] = {}
        if request.since:
            bounds["gte"] = parse_date(request.since).date().isoformat()
        if request.until:
            bounds["lte"] = parse_date(request.until, end=True).date().isoformat()
        filters.append({"range": {"date": {**bounds, "format": "strict_date"}}})
    must: list[dict[str, Any]] = []
    if request.q.strip():
        must.append(
            {
                "simple_query_string": {
                    "query": request.q,
                    "fields": ["text", "speaker", "role", "source"],
                    "default_operator": "and",
                }
            }
        )
    body: dict[str, Any] = {
        "query": {"bool": {"must": must or [{"match_all": {}}], "filter": filters}},
        "aggs": {
            name: {"terms": {"field": field_name, "size": facet_size}}
            for name, field_name in FACET_FIELDS.items()
        },
        "from": (request.page - 1) * request.per_page,
        "size": request.per_page,
        "highlight": {"fields": {"text": {}}, "pre_tags": ["<mark>"], "post_tags": ["</mark>"]},
    }
    if getattr(request, "collapse", False):
        # Each statement once, as onrecord shows it; facet counts still count every occurrence.
        body["collapse"] = {"field": "statement_key"}
    if request.sort != "relevance" or not request.q.strip():
        order = "asc" if request.sort == "date" else "desc"
        body["sort"] = [{"date": order}, {"article": order}, {"start": order}]
    return body
