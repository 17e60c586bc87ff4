"""Searching the index: a query string plus facet filters in, ranked records and facets out.

The CLI, the web pages and the JSON API all build a :class:`SearchRequest` and call
:func:`search`, so a filter means the same thing everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from whoosh import highlight, qparser
from whoosh import query as wq
from whoosh.searching import Searcher

from onrecord.index import Generation, make_schema

FACETS = ("speaker_id", "topics_col", "source_key", "kind", "year")
FACET_NAMES = {
    "speaker": "speaker_id",
    "topic": "topics_col",
    "source": "source_key",
    "kind": "kind",
    "year": "year",
}
MAX_QUERY_LENGTH = 1000
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class QueryError(ValueError):
    """A query or filter that cannot be understood; the message says what was wrong."""


@dataclass
class SearchRequest:
    q: str = ""
    speakers: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    sort: str = "relevance"  # relevance | date | -date
    page: int = 1
    per_page: int = 20


@dataclass
class Hit:
    record: dict[str, Any]
    highlight: str  # HTML with <mark> around matches; the text itself is escaped


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.per_page))


def parse_date(value: str, *, end: bool = False) -> dt.datetime:
    """``2019``, ``2019-10`` or ``2019-10-21`` as the first (or with ``end``, last) moment."""
    match = _DATE.match(value.strip())
    if not match:
        raise QueryError(f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if not end:
            return dt.datetime(year, month or 1, day or 1)
        if day:
            return dt.datetime(year, month, day, 23, 59, 59)
        if month:
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            return dt.datetime.combine(nxt - dt.timedelta(days=1), dt.time(23, 59, 59))
        return dt.datetime(year, 12, 31, 23, 59, 59)
    except ValueError:
        raise QueryError(f"{value!r} is not a valid date") from None


def make_parser() -> qparser.QueryParser:
    parser = qparser.QueryParser("text", make_schema(), group=qparser.AndGroup)
    parser.add_plugin(
        qparser.FieldAliasPlugin({"topics": ["topic"], "text": ["quote"], "source": ["outlet"]})
    )
    return parser


_PARSER = make_parser()
QUERY_FIELDS = ("text", "quote", "speaker", "role", "source", "outlet", "topic", "kind", "date")
_FIELD_PREFIX = re.compile(r"(?<![\w-])([A-Za-z_]+):(?=\S)")
_DATE_CLAUSE = re.compile(r"(?<![\w-])date:(\[[^\]]*\]|\S+)", re.IGNORECASE)
_RANGE = re.compile(r"^\[\s*(\S*)\s+to\s+(\S*)\s*\]$", re.IGNORECASE)


def date_clause(value: str) -> wq.Query:
    """``2019-10`` or ``[2019-10-01 to 2019-10-31]`` (either end may be empty or ``*``)."""
    ranged = _RANGE.match(value)
    if ranged:
        low, high = (None if v in ("", "*") else v for v in ranged.groups())
        if low is None and high is None:
            raise QueryError("a date range needs at least one end: date:[2019-10-01 to *]")
        return wq.DateRange(
            "date",
            parse_date(low) if low else None,
            parse_date(high, end=True) if high else None,
        )
    if value.startswith("["):
        raise QueryError("write a date range as date:[2019-10-01 to 2019-10-31]")
    return wq.DateRange("date", parse_date(value), parse_date(value, end=True))


def _outside_phrases(text: str) -> str:
    return re.sub(r'"[^"]*"', " ", text)


def parse_query(text: str) -> wq.Query:
    """Parse the user's query; never raises anything but :class:`QueryError`.

    Whoosh's parser forgives everything silently; a reporter deserves to hear that a
    parenthesis is unbalanced or a field is unknown rather than get a quietly different search.
    """
    text = text.strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query too long ({len(text)} characters; limit {MAX_QUERY_LENGTH})")
    if text.count('"') % 2:
        raise QueryError('unbalanced quotation mark: close the "exact phrase"')
    bare = _outside_phrases(text)
    if bare.count("(") != bare.count(")"):
        raise QueryError("unbalanced parentheses: every ( needs a )")
    for name in _FIELD_PREFIX.findall(bare):
        if name.lower() not in QUERY_FIELDS:
            raise QueryError(f"unknown field {name!r}; use one of: {', '.join(QUERY_FIELDS)}")
    dates = [date_clause(m.group(1)) for m in _DATE_CLAUSE.finditer(text)]
    text = _DATE_CLAUSE.sub(" ", text).strip()
    if not text:
        parsed: wq.Query = wq.Every()
    else:
        try:
            parsed = _PARSER.parse(text)
        except Exception as exc:  # whoosh raises many types for odd input
            raise QueryError(f"could not understand the query: {exc}") from None
        if parsed is wq.NullQuery:
            raise QueryError(
                "the query has no searchable words (very common words and single letters "
                "are ignored)"
            )
    return wq.And([parsed, *dates]) if dates else parsed


def filter_query(request: SearchRequest) -> wq.Query | None:
    """Facet filters: values of one facet are ORed, different facets ANDed."""
    parts: list[wq.Query] = []
    for fieldname, values in (
        ("speaker_id", request.speakers),
        ("topics", request.topics),
        ("source_key", request.sources),
        ("kind", request.kinds),
        ("year", request.years),
    ):
        values = [v for v in values if v]
        if values:
            parts.append(wq.Or([wq.Term(fieldname, v) for v in values]))
    if request.since or request.until:
        start = parse_date(request.since) if request.since else None
        end = parse_date(request.until, end=True) if request.until else None
        parts.append(wq.DateRange("date", start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _facet_counts(searcher: Searcher, docnums: list[int]) -> dict[str, Counter[str]]:
    """Count facet values over the matched documents by reading columns, not postings."""
    reader = searcher.reader()
    counts: dict[str, Counter[str]] = {}
    for fieldname in FACETS:
        column = reader.column_reader(fieldname)
        counter: Counter[str] = Counter()
        for docnum in docnums:
            value = column[docnum]
            if isinstance(value, bytes):
                value = value.decode("utf-8")
            if not value:
                continue
            if fieldname == "topics_col":
                counter.update(value.split("|"))
            else:
                counter[value] += 1
        counts[fieldname] = counter
    return counts


def _labels(searcher: Searcher, docnums: list[int], counts: Counter[str]) -> dict[str, str]:
    """Display names for speaker ids, taken from one stored record each."""
    labels: dict[str, str] = {}
    column = searcher.reader().column_reader("speaker_id")
    for docnum in docnums:
        sid = column[docnum]
        sid = sid.decode() if isinstance(sid, bytes) else sid
        if sid in counts and sid not in labels:
            labels[sid] = json.loads(searcher.stored_fields(docnum)["record"]).get("speaker") or sid
            if len(labels) == len(counts):
                break
    return labels


def search(generation: Generation, request: SearchRequest) -> SearchResult:
    """Run ``request`` against ``generation``; :class:`QueryError` for a bad query or filter."""
    if request.sort not in ("relevance", "date", "-date"):
        raise QueryError(f"unknown sort {request.sort!r}; use relevance, date or -date")
    if request.page < 1 or request.per_page < 1 or request.per_page > 1000:
        raise QueryError("page must be >= 1 and per_page between 1 and 1000")
    user_query = parse_query(request.q)
    filters = filter_query(request)
    query = wq.And([user_query, filters]) if filters else user_query
    ix = generation.open_whoosh()
    with ix.searcher() as searcher:
        docnums = sorted(searcher.docs_for_query(query))
        counts = _facet_counts(searcher, docnums)
        selected = {
            "speaker_id": request.speakers,
            "topics_col": request.topics,
            "source_key": request.sources,
            "kind": request.kinds,
            "year": request.years,
        }
        speaker_labels = _labels(searcher, docnums, counts["speaker_id"])
        facets = {
            name: [
                FacetValue(
                    value,
                    speaker_labels.get(value, value) if column == "speaker_id" else value,
                    count,
                    value in selected[column],
                )
                for value, count in sorted(counts[column].items(), key=lambda kv: (-kv[1], kv[0]))
            ]
            for name, column in FACET_NAMES.items()
        }
        limit = request.page * request.per_page
        if request.sort == "relevance" and request.q.strip():
            results = searcher.search(query, limit=limit)
        else:
            results = searcher.search(
                query,
                limit=limit,
                sortedby=["date", "article", "position"],
                reverse=request.sort != "date",
            )
        results.fragmenter = highlight.SentenceFragmenter(maxchars=400)
        results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
        start = (request.page - 1) * request.per_page
        hits = []
        for hit in results[start:limit]:
            record = json.loads(hit["record"])
            fragment = hit.highlights("text", top=2) if request.q.strip() else ""
            hits.append(Hit(record=record, highlight=fragment))
        return SearchResult(request=request, total=len(docnums), hits=hits, facets=facets)


def all_records(generation: Generation, request: SearchRequest) -> list[dict[str, Any]]:
    """Every record matching the request, in date order (for export)."""
    user_query = parse_query(request.q)
    filters = filter_query(request)
    query = wq.And([user_query, filters]) if filters else user_query
    with generation.open_whoosh().searcher() as searcher:
        results = searcher.search(query, limit=None, sortedby=["date", "article", "position"])
        return [json.loads(hit["record"]) for hit in results]
