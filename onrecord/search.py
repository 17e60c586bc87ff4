"""Searching the index: a query string plus facet filters in, ranked records and facets out.

The CLI, the web pages and the JSON API all build a :class:`SearchRequest` and call
:func:`search`, so a filter means the same thing everywhere.

Speed comes from doing per-generation work once: a generation never changes after it is
published, so its facet columns, date order and duplicate groups are read into memory the
first time it is searched (:class:`Prepared`) and every later search only intersects sets and
counts list look-ups over the matched documents.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import heapq
import json
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Any

from markupsafe import escape
from whoosh import collectors, qparser
from whoosh import query as wq
from whoosh.lang.porter import stem as porter_stem
from whoosh.searching import Searcher
from whoosh.spelling import ListCorrector

from onrecord.index import Generation, column_values, make_schema, read_words, searcher_for

# URL / CLI name -> the index column the facet is counted on.
FACET_NAMES = {
    "speaker": "speaker_id",
    "topic": "topics_col",
    "source": "source_key",
    "role": "role_key",
    "kind": "kind",
    "year": "year",
    "month": "month",
}
FACETS = tuple(FACET_NAMES.values())
# SearchRequest attribute holding the selected values of each facet.
SELECTED = {
    "speaker": "speakers",
    "topic": "topics",
    "source": "sources",
    "role": "roles",
    "kind": "kinds",
    "year": "years",
    "month": "months",
}
# The indexed field a facet filter matches on.
FILTER_FIELD = {
    "speaker": "speaker_id",
    "topic": "topics",
    "source": "source_key",
    "role": "role_key",
    "kind": "kind",
    "year": "year",
    "month": "month",
}
SORTS = ("relevance", "date", "-date")
MAX_VALUES_PER_FILTER = 50  # a URL with thousands of filters is an attack, not a search
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
    sort: str = "relevance"  # relevance | date (oldest first) | -date (newest first)
    page: int = 1
    per_page: int = 20
    roles: list[str] = field(default_factory=list)
    months: list[str] = field(default_factory=list)
    facet_limit: int = 50  # values listed per facet (selected values are always listed)
    collapse: bool = True  # show each statement once, however many articles carry it
    facets: bool = True  # count facet values (the CLI's plain listing does not need them)
    exact: bool = False  # words find only themselves: no widening to the topic they name


@dataclass
class Hit:
    record: dict[str, Any]
    highlight: str  # HTML with <mark> around matches; the text itself is escaped
    duplicates: int = 0  # other occurrences of this statement in the index (other articles)
    topics: list[str] = field(default_factory=list)  # topics of the query this record has
    reasons: dict[str, list[str]] = field(default_factory=dict)  # topic -> words that gave it

    @property
    def why(self) -> str:
        """Why the record matched, for a reader: the topic and the words that gave it."""
        parts = []
        for key in self.topics:
            words = self.reasons.get(key)
            parts.append(f"{key} ({', '.join(words)})" if words else key)
        return "topic: " + ", ".join(parts) if parts else ""


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
    suggestion: str | None = None  # "did you mean": the query with misspelt words corrected
    collapsed: int = 0  # matching records hidden because they repeat a shown statement
    # How the query was read when it was loosely written, and filters that match nothing
    notices: list[str] = field(default_factory=list)
    # How many distinct values each facet has in all (``facets`` lists the top ones only).
    facet_totals: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.per_page))


def request_from_params(params: Mapping[str, Any]) -> SearchRequest:
    """A request from URL-style parameters (``q``, ``speaker``, ``topic``, ..., ``page``).

    ``params`` maps a name to a string or a list of strings (``request.args.to_dict(flat=False)``
    or click's options), so the web pages, the API and the CLI read filters the same way.
    """

    def many(name: str) -> list[str]:
        value = params.get(name) or []
        values = [v for v in ([value] if isinstance(value, str) else value) if v]
        if len(values) > MAX_VALUES_PER_FILTER:
            raise QueryError(
                f"too many values for {name} ({len(values)}; limit {MAX_VALUES_PER_FILTER})"
            )
        return values

    def one(name: str) -> str | None:
        values = many(name)
        return values[-1] if values else None

    def number(name: str, default: int) -> int:
        raw = one(name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            raise QueryError(f"{name} must be a whole number, not {raw!r}") from None

    return SearchRequest(
        q=one("q") or "",
        **{attr: many(name) for name, attr in SELECTED.items()},
        since=one("since"),
        until=one("until"),
        sort=one("sort") or "relevance",
        page=number("page", 1),
        per_page=number("per_page", 20),
        exact=(one("exact") or "").lower() in ("1", "true", "yes", "on"),
    )


# Parsing ----------------------------------------------------------------------------------


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


@dataclass
class ParsedQuery:
    """The user's query as Whoosh runs it, plus what "did you mean" and "why" need."""

    query: wq.Query
    text: str  # the query string the character offsets of the query's terms point into
    topics: list[str] = field(default_factory=list)  # topics the query asked for
    notices: list[str] = field(default_factory=list)  # how a loosely written query was read

    @property
    def matches_everything(self) -> bool:
        return isinstance(self.query, wq.Every)


_URL = re.compile(r"(?<!\S)(?:https?://|www\.)\S+", re.IGNORECASE)
_URL_WORD = re.compile(r"[A-Za-z]{2,}")
_URL_NOISE = frozenset({"html", "htm", "php", "aspx", "index", "amp", "story", "article", "news"})
_MINUS = re.compile(r'(?<![^\s(])-(?=[\w"(])')


def _read_links(text: str, notices: list[str]) -> str:
    """A pasted link is searched as the words of its path (the site's name and numbers left
    out), rather than failing as the unknown field ``https:``."""

    def words(match: re.Match[str]) -> str:
        link = match.group(0)
        path = re.sub(r"^(?:https?://)?[^/]*", "", link, flags=re.IGNORECASE)
        found = [w.lower() for w in _URL_WORD.findall(path) if w.lower() not in _URL_NOISE]
        shown = link if len(link) <= 60 else link[:57] + "…"
        if found:
            notices.append(f"the link {shown} was searched as the words {' '.join(found)}")
        else:
            notices.append(f"the link {shown} has no words to search and was left out")
        return " ".join(found)

    return _URL.sub(words, text)


def _balance(text: str, notices: list[str]) -> str:
    """Unclosed quotation marks and unmatched parentheses are left out, with a notice, so the
    search still runs on the words."""
    if text.count('"') % 2:
        cut = text.rfind('"')
        text = text[:cut] + " " + text[cut + 1 :]
        notices.append('an unclosed quotation mark was left out: those words were searched '
                       'as words, not as an exact phrase')
    unmatched: list[int] = []
    opened: list[int] = []
    inside = False
    for k, char in enumerate(text):
        if char == '"':
            inside = not inside
        elif char == "(" and not inside:
            opened.append(k)
        elif char == ")" and not inside:
            if opened:
                opened.pop()
            else:
                unmatched.append(k)
    unmatched += opened
    if unmatched:
        chars = list(text)
        for k in unmatched:
            chars[k] = " "
        text = "".join(chars)
        notices.append("an unmatched parenthesis was left out")
    return text


def _blank_phrases(text: str) -> str:
    """``text`` with what is inside "exact phrases" blanked, at equal length (offsets hold)."""
    return re.sub(r'"[^"]*"', lambda m: '"' + " " * (len(m.group(0)) - 2) + '"', text)


def _read_minus(text: str, notices: list[str]) -> str:
    """``-word`` (and ``-"a phrase"``) excludes, as in web search engines: read as NOT."""
    bare = _blank_phrases(text)
    minus = [m.start() for m in _MINUS.finditer(bare)]
    if not minus:
        return text
    for start in reversed(minus):
        text = text[:start] + "NOT " + text[start + 1 :]
    excluded = [m.group(1) for m in re.finditer(r'NOT ("[^"]*"|[(]?[\w-]+)', text)]
    notices.append("-word excludes the word: read as NOT " + ", NOT ".join(excluded))
    return text


def _read_unknown_fields(text: str, notices: list[str]) -> str:
    """``colour:blue`` (no such field) is searched as the words ``colour blue``."""
    bare = _blank_phrases(text)
    unknown = [m for m in _FIELD_PREFIX.finditer(bare) if m.group(1).lower() not in QUERY_FIELDS]
    for match in reversed(unknown):
        text = text[: match.end(1)] + " " + text[match.end(1) + 1 :]
    if unknown:
        names = ", ".join(dict.fromkeys(m.group(1) for m in unknown))
        notices.append(
            f"{names} is not a field, so it was searched as a word (fields: "
            f"{', '.join(QUERY_FIELDS)})"
        )
    return text


def parse_query(text: str, topics: TopicExpander | None = None) -> wq.Query:
    """Parse the user's query; never raises anything but :class:`QueryError`.

    Whoosh's parser forgives everything silently; a reporter deserves to hear that a
    parenthesis is unbalanced or a field is unknown rather than get a quietly different search.
    """
    return _parse(text, topics).query


def _parse(text: str, topics: TopicExpander | None = None) -> ParsedQuery:
    text = text.strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query too long ({len(text)} characters; limit {MAX_QUERY_LENGTH})")
    notices: list[str] = []
    text = _read_links(text, notices)
    text = _balance(text, notices)
    text = _read_minus(text, notices)
    text = _read_unknown_fields(text, notices)
    dates = [date_clause(m.group(1)) for m in _DATE_CLAUSE.finditer(text)]
    # Blank the date clauses out at equal length, so term offsets still point into ``text``.
    rest = _DATE_CLAUSE.sub(lambda m: " " * len(m.group(0)), text)
    asked: list[str] = []
    if not rest.strip():
        parsed: wq.Query = wq.Every()
    else:
        try:
            parsed = _PARSER.parse(rest)
        except Exception as exc:  # whoosh raises many types for odd input
            raise QueryError(f"could not understand the query: {exc}") from None
        if parsed is wq.NullQuery:
            raise QueryError(
                "the query has no searchable words (very common words and single letters "
                "are ignored)"
            )
        if topics is not None:
            parsed = topics.expand(parsed, rest, asked)
    if dates:
        parsed = wq.And(dates) if isinstance(parsed, wq.Every) else wq.And([parsed, *dates])
    return ParsedQuery(parsed, text, asked, notices)


# Topics -----------------------------------------------------------------------------------


@dataclass
class TopicExpander:
    """How topic names widen a query: the seam between search and the topic taxonomy.

    ``names`` maps every lower-cased way of naming a topic (its key, its label) to the key.
    A plain query word that names a topic then finds the literal word and the records tagged
    with the topic (``topics:key``); ``topic:key`` finds the tagged records. ``queries`` may
    add, per key, a Whoosh query over ``text`` that also matches; the taxonomy's own terms are
    not matched again (ingest tagged every record with them, context included, and ORing a
    topic's dozens of terms into every search cost ten times the search) but are highlighted:
    ``terms`` maps a key to the stems that show why a record has the topic.
    """

    names: Mapping[str, str]
    queries: Mapping[str, wq.Query] = field(default_factory=dict)
    terms: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # (text, context, topics) -> [(topic, word)]: why a record has those of its topics (the
    # tagger's "why"; the topics were given at ingest, with the record's article)
    explain: Callable[[str, str | None, list[str]], list[tuple[str, str]]] | None = None

    @classmethod
    def from_taxonomy(cls, taxonomy: Any) -> TopicExpander:
        """Adapt a :class:`onrecord.topics.Taxonomy`: its topics' keys and labels name them,
        and ``taxonomy.query_terms(key)`` gives the stems to highlight."""
        names: dict[str, str] = {}
        terms: dict[str, frozenset[str]] = {}
        for topic in taxonomy.topics:
            key = topic.key
            for name in (key, key.replace("_", " "), topic.label):
                if name:
                    names[" ".join(str(name).lower().split())] = key
            terms[key] = frozenset(
                stem for phrase in taxonomy.query_terms(key) for stem in phrase.split()
            )
        return cls(names, terms=terms, explain=getattr(taxonomy, "explain", None))

    def reasons(self, record: Mapping[str, Any], keys: list[str]) -> dict[str, list[str]]:
        """The words that gave ``record`` each of ``keys`` (empty without an explainer)."""
        if not keys or self.explain is None:
            return {}
        found: dict[str, list[str]] = {}
        for key, word in self.explain(record.get("text") or "", record.get("context"), keys):
            if key in keys and word not in found.setdefault(key, []):
                found[key].append(word)
        return found

    def highlight_terms(self, keys: Iterable[str]) -> frozenset[str]:
        found: set[str] = set()
        for key in keys:
            found |= self.terms.get(key, frozenset())
        return frozenset(found)

    def expand(self, query: wq.Query, text: str, asked: list[str]) -> wq.Query:
        """``query`` with each word or phrase naming a topic widened to the topic.

        The keys of the topics found are appended to ``asked``.
        """

        def written(node: wq.Query) -> str:
            start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
            if start is None or end is None:
                return ""
            if start > 0 and end < len(text) and text[start - 1] == text[end] == '"':
                return ""  # a quoted word is exact: "money" finds the word only
            word = text[start:end].split(":", 1)[-1]
            return " ".join(word.strip().strip('"').lower().split())

        def visit(node: wq.Query) -> wq.Query:
            key = None
            if isinstance(node, (wq.Term, wq.Phrase)) and node.fieldname == "text":
                key = self.names.get(written(node))
            elif isinstance(node, wq.Term) and node.fieldname == "topics":
                key = self.names.get(written(node)) or self.names.get(str(node.text).lower())
            elif isinstance(node, wq.And) and all(
                isinstance(c, wq.Term) and c.fieldname == "text" for c in node.subqueries
            ):  # unquoted words naming a topic together: civil rights, campaign finance
                key = self.names.get(" ".join(written(c) for c in node.subqueries))
            if key is None:
                return node if node.is_leaf() else node.apply(visit)
            if key not in asked:
                asked.append(key)
            parts = [node] if getattr(node, "fieldname", "text") == "text" else []
            parts.append(wq.Term("topics", key))
            if key in self.queries:
                parts.append(self.queries[key])
            return wq.Or(parts, boost=node.boost)

        return visit(query)


_EXPANDERS: dict[str, TopicExpander] = {}


def topics_for(generation: Generation) -> TopicExpander | None:
    """The topic taxonomy the generation was tagged with, ready to widen queries.

    Ingest copies the archive's ``topics.toml`` into the generation, so this is the default
    taxonomy with the archive's overlay, as it was when the records were tagged.
    """
    key = str(generation.path)
    found = _EXPANDERS.get(key)
    if found is None:
        from onrecord.topics import TaxonomyError, load_taxonomy

        try:
            found = TopicExpander.from_taxonomy(load_taxonomy(generation.path))
        except (TaxonomyError, OSError):
            found = TopicExpander({})
        _EXPANDERS.clear()
        _EXPANDERS[key] = found
    return found


class _Default:
    """Marks "use the generation's own taxonomy" (the default) apart from ``None``."""


GENERATION_TOPICS: Any = _Default()


def _expander(generation: Generation, topics: Any) -> TopicExpander | None:
    if isinstance(topics, _Default):
        return topics_for(generation)
    if topics is None or isinstance(topics, TopicExpander):
        return topics
    return TopicExpander.from_taxonomy(topics)


# Filters ----------------------------------------------------------------------------------


def filter_query(request: SearchRequest) -> wq.Query | None:
    """Facet filters: values of one facet are ORed, different facets ANDed."""
    parts: list[wq.Query] = []
    for name, attr in SELECTED.items():
        values = [v for v in getattr(request, attr) if v]
        if values:
            fieldname = FILTER_FIELD[name]
            if name == "topic":
                values = [v.lower() for v in values]
            parts.append(wq.Or([wq.Term(fieldname, v) for v in values]))
    if request.since or request.until:
        start = parse_date(request.since) if request.since else None
        end = parse_date(request.until, end=True) if request.until else None
        parts.append(wq.DateRange("date", start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _validate(request: SearchRequest) -> None:
    if request.sort not in SORTS:
        raise QueryError(f"unknown sort {request.sort!r}; use relevance, date or -date")
    if request.page < 1 or request.per_page < 1 or request.per_page > 1000:
        raise QueryError("page must be >= 1 and per_page between 1 and 1000")


# Per-generation preparation ---------------------------------------------------------------


def _text(raw: Any) -> str:
    if isinstance(raw, bytes):
        return raw.decode("utf-8")
    return raw or ""


class Prepared:
    """What one generation's searches share: facet values per document, date order, dupes.

    Built once per generation (a few hundred milliseconds per 100,000 records) and read-only
    afterwards, so threads share it.
    """

    def __init__(self, searcher: Searcher) -> None:
        reader = searcher.reader()
        self.doc_count_all = reader.doc_count_all()
        self.live: frozenset[int] = frozenset(reader.all_doc_ids())
        interned: dict[str, str] = {}
        self.values: dict[str, list[str]] = {}
        for column in FACETS:
            if column == "topics_col":
                continue
            values = [
                interned.setdefault(v, v)
                for v in map(_text, column_values(reader, column))
            ]
            self.values[column] = values
        # Each document's topics as a tuple (shared between documents with the same set).
        tuples: dict[str, tuple[str, ...]] = {"": ()}
        self.doc_topics: list[tuple[str, ...]] = [
            tuples.get(raw) or tuples.setdefault(raw, tuple(raw.split("|")))
            for raw in map(_text, column_values(reader, "topics_col"))
        ]
        sortkeys = column_values(reader, "sortkey")
        self.order: list[int] = sorted(self.live, key=sortkeys.__getitem__)
        self.rank: list[int] = [0] * self.doc_count_all
        for position, docnum in enumerate(self.order):
            self.rank[docnum] = position
        self._group_duplicates(reader)
        self._every: tuple[frozenset[int], set[int], dict[str, Counter[str]]] | None = None
        self._labels: dict[str, str] = {}
        self._known: dict[str, frozenset[str]] = {}
        self._first_doc: dict[str, int] = {}
        speakers = self.values["speaker_id"]
        for docnum in self.order:
            self._first_doc.setdefault(speakers[docnum], docnum)
        self._lock = threading.Lock()

    def _group_duplicates(self, reader: Any) -> None:
        """Statements with more than one live occurrence: canonical first, then by date."""
        statements = [_text(v) for v in column_values(reader, "statement_id")]
        canonical = column_values(reader, "canonical")
        members: dict[str, list[int]] = {}
        for docnum in self.order:
            members.setdefault(statements[docnum], []).append(docnum)
        self.group_of: dict[int, tuple[int, ...]] = {}
        for docs in members.values():
            if len(docs) > 1:
                ordered = tuple(sorted(docs, key=lambda d: (canonical[d] != b"1", self.rank[d])))
                for docnum in ordered:
                    self.group_of[docnum] = ordered
        self.dup_docs = frozenset(self.group_of)

    def collapse(self, matched: frozenset[int] | set[int]) -> tuple[frozenset[int], set[int]]:
        """One document per statement among ``matched``; also the hidden repeats."""
        repeated = matched & self.dup_docs
        if not repeated:
            return frozenset(matched), set()
        hidden: set[int] = set()
        done: set[int] = set()
        for docnum in repeated:
            group = self.group_of[docnum]
            if group[0] in done:
                continue
            done.add(group[0])
            present = [d for d in group if d in matched]
            hidden.update(present[1:])
        return frozenset(matched - hidden), hidden

    def counts(
        self, docs: frozenset[int], hidden: Iterable[int] = (), only: str | None = None
    ) -> dict[str, Counter[str]]:
        """Per facet value, how many statements among ``docs`` (shown) and ``hidden`` (their
        repeats in other articles) have it: the total a click on the value leads to.

        A statement counts once under each value any of its matching occurrences has, since
        narrowing to that value shows the statement by that occurrence. ``only`` names the
        one facet column to count.
        """
        columns = {c: v for c, v in self.values.items() if only in (None, c)}
        counts: dict[str, Counter[str]] = {}
        for column, values in columns.items():
            counter = Counter(map(values.__getitem__, docs))
            counter.pop("", None)
            counts[column] = counter
        topics = only in (None, "topics_col")
        if topics:
            counts["topics_col"] = Counter(
                chain.from_iterable(map(self.doc_topics.__getitem__, docs))
            )
        repeats: dict[int, list[int]] = {}
        for docnum in hidden:
            repeats.setdefault(self.group_of[docnum][0], []).append(docnum)
        for head, others in repeats.items():
            shown = next(d for d in self.group_of[head] if d in docs)
            for column, values in columns.items():
                seen = {values[shown], ""}
                for docnum in others:
                    if values[docnum] not in seen:
                        seen.add(values[docnum])
                        counts[column][values[docnum]] += 1
            if not topics:
                continue
            seen = set(self.doc_topics[shown])
            for docnum in others:
                for topic in self.doc_topics[docnum]:
                    if topic not in seen:
                        seen.add(topic)
                        counts["topics_col"][topic] += 1
        return counts

    def known(self, column: str) -> frozenset[str]:
        """Every value of a facet column in the generation."""
        found = self._known.get(column)
        if found is None:
            if column == "topics_col":
                found = frozenset(chain.from_iterable(set(self.doc_topics)))
            else:
                found = frozenset(self.values[column]) - {""}
            self._known[column] = found
        return found

    def everything(self, collapse: bool) -> tuple[frozenset[int], set[int], dict[str, Counter]]:
        """The match-all result (visible docs, hidden repeats, facet counts), computed once."""
        if not collapse:
            return self.live, set(), self.counts(self.live)
        with self._lock:
            if self._every is None:
                visible, hidden = self.collapse(self.live)
                self._every = (visible, hidden, self.counts(visible, hidden))
            return self._every

    def by_date(self, docs: frozenset[int], stop: int, newest_first: bool) -> list[int]:
        """The first ``stop`` of ``docs`` in date order."""
        if len(docs) * 8 < len(self.order):
            return heapq.nsmallest(
                stop, docs, key=(lambda d: -self.rank[d]) if newest_first else self.rank.__getitem__
            )
        found: list[int] = []
        for docnum in reversed(self.order) if newest_first else self.order:
            if docnum in docs:
                found.append(docnum)
                if len(found) == stop:
                    break
        return found

    def label(self, searcher: Searcher, speaker_id: str) -> str:
        """A speaker's display name, read from one of their records (and remembered)."""
        label = self._labels.get(speaker_id)
        if label is None:
            docnum = self._first_doc.get(speaker_id)
            record = {} if docnum is None else json.loads(searcher.stored_fields(docnum)["record"])
            label = record.get("speaker") or speaker_id
            self._labels[speaker_id] = label
        return label


_PREPARED: dict[str, Prepared] = {}
_PREPARED_LOCK = threading.Lock()


def prepared(generation: Generation, searcher: Searcher) -> Prepared:
    key = str(generation.path)
    found = _PREPARED.get(key)
    if found is None:
        with _PREPARED_LOCK:
            found = _PREPARED.get(key)
            if found is None:
                found = Prepared(searcher)
                for stale in [k for k in _PREPARED if k != key]:
                    del _PREPARED[stale]
                _PREPARED[key] = found
    return found


@dataclass(frozen=True)
class SpeakerStatements:
    """One speaker's statements counted as a search for them counts them, so the CLI card,
    the speaker page and the speaker facet give one number: a statement repeated in other
    articles once, even when its earliest occurrence is unattributed or another's."""

    docnums: tuple[int, ...]  # one per statement, oldest first
    months: dict[str, int]  # "YYYY-MM" -> statements (undated ones have no month)
    topics: dict[str, int]  # as the topic facet counts them: what a click on the topic shows

    @property
    def total(self) -> int:
        return len(self.docnums)

    @property
    def years(self) -> dict[str, int]:
        years: Counter[str] = Counter()
        for month, count in self.months.items():
            years[month[:4]] += count
        return dict(sorted(years.items()))


def speaker_statements(generation: Generation, speaker_id: str) -> SpeakerStatements:
    """Every statement of one speaker (empty when the id has none), with its counts."""
    searcher = searcher_for(generation)
    prep = prepared(generation, searcher)
    matched = frozenset(searcher.docs_for_query(wq.Term("speaker_id", speaker_id)))
    visible, hidden = prep.collapse(matched)
    docnums = tuple(sorted(visible, key=prep.rank.__getitem__))
    month_of = prep.values["month"]
    months = Counter(month_of[d] for d in docnums if month_of[d])
    topics = prep.counts(visible, hidden, only="topics_col")["topics_col"]
    return SpeakerStatements(
        docnums,
        dict(sorted(months.items())),
        dict(sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def statements_per_speaker(generation: Generation) -> Counter[str]:
    """Statements per speaker id, as the speaker facet of an empty search counts them."""
    return prepared(generation, searcher_for(generation)).everything(True)[2]["speaker_id"]


# Searching --------------------------------------------------------------------------------


_TOKEN = re.compile(r"\w+(?:\.?\w+)*")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)\s*")
FRAGMENT_FROM = 500  # characters: longer quotes are cut to the sentences that match


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return porter_stem(word)


def _marked(
    text: str, terms: frozenset[str], related: frozenset[str] = frozenset()
) -> tuple[str, int]:
    """``text`` escaped, with the words whose stems are query terms in ``<mark class="match">``
    and those a topic of the query matched in ``<mark class="related">`` (shown apart: the
    reader did not type them)."""
    out: list[str] = []
    last = found = 0
    for match in _TOKEN.finditer(text):
        word = match.group().lower()
        stem = None
        if word in terms or (stem := _stem(word)) in terms:
            kind = "match"
        elif word in related or (stem or _stem(word)) in related:
            kind = "related"
        else:
            continue
        out.append(str(escape(text[last : match.start()])))
        out.append(f'<mark class="{kind}">{escape(match.group())}</mark>')
        last = match.end()
        found += 1
    out.append(str(escape(text[last:])))
    return "".join(out), found


def _highlight(text: str, terms: frozenset[str], related: frozenset[str] = frozenset()) -> str:
    """The quote with its matching words marked; a long quote cut to its matching sentences.

    Done by hand rather than with whoosh's highlighter: quotes are short, and re-running the
    full analysis chain and fragment scoring for every hit cost more than the search itself.
    """
    if not terms and not related:
        return ""
    if len(text) <= FRAGMENT_FROM:
        marked, found = _marked(text, terms, related)
        return marked if found else ""
    fragments = []
    for sentence in _SENTENCE.findall(text):
        marked, found = _marked(sentence.strip(), terms, related)
        if found:
            fragments.append(marked)
            if len(fragments) == 2:
                break
    return " … ".join(fragments)


REPEAT_ROOM = 20


class _TopAndAll(collectors.TopCollector):
    """The top ``limit`` documents by score and, in the same pass, every matching document.

    Block-quality skipping is off, since every match is needed for the facet counts anyway;
    that saves the second pass over the postings a separate ``docs_for_query`` would make.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit, usequality=False, replace=0)
        self.matched: list[int] = []

    def collect(self, sub_docnum: int) -> Any:
        # Whoosh's ScoredCollector.collect and TopCollector._collect in one call (this runs
        # once per matching document, so the extra call cost a tenth of a plain query).
        global_docnum = self.offset + sub_docnum
        score = self.matcher.score()
        if self.final_fn:
            score = self.final_fn(self.top_searcher, global_docnum, score)
        self.matched.append(global_docnum)
        items = self.items
        self.total += 1
        if len(items) < self.limit:
            heapq.heappush(items, (score, 0 - global_docnum))
            return 0 - score
        if score > items[0][0]:
            heapq.heapreplace(items, (score, 0 - global_docnum))
            self.minscore = items[0][0]
            return 0 - score
        return 0


def _combined(parsed: ParsedQuery, filters: wq.Query | None) -> wq.Query:
    if filters is None:
        return parsed.query
    if parsed.matches_everything:
        return filters
    return wq.And([parsed.query, filters])


def _literal_terms(query: wq.Query) -> frozenset[str]:
    """The quote words the user typed: leaves the parser made (they know where they were
    written), not those a topic or a meaning added."""
    return frozenset(
        _text(t)
        for leaf in query.leaves()
        if getattr(leaf, "startchar", None) is not None
        for fieldname, t in leaf.iter_all_terms()
        if fieldname == "text"
    )


def _text_terms(query: wq.Query) -> frozenset[str]:
    return frozenset(
        _text(t) for fieldname, t in query.iter_all_terms() if fieldname == "text"
    )


def search(
    generation: Generation, request: SearchRequest, topics: Any = GENERATION_TOPICS
) -> SearchResult:
    """Run ``request`` against ``generation``; :class:`QueryError` for a bad query or filter.

    Words and ``topic:`` terms naming a topic also find the topic's records, by the
    generation's taxonomy unless ``topics`` gives another (a ``TopicExpander`` or a
    ``Taxonomy``) or ``None`` (no widening).
    """
    _validate(request)
    expander = None if request.exact else _expander(generation, topics)
    parsed = _parse(request.q, expander)
    filters = filter_query(request)
    query = _combined(parsed, filters)
    searcher = searcher_for(generation)
    prep = prepared(generation, searcher)
    start = (request.page - 1) * request.per_page
    stop = request.page * request.per_page
    ranked = request.sort == "relevance" and not parsed.matches_everything
    top: list[int] = []
    if isinstance(query, wq.Every):
        visible, hidden, counts = prep.everything(request.collapse)
    else:
        if ranked:
            # One pass gives both the top of the ranking and every match (for the facets);
            # room is left for repeats that collapsing will drop from the top.
            collector = _TopAndAll(stop + REPEAT_ROOM)
            searcher.search_with_collector(query, collector)
            matched = frozenset(collector.matched)
            top = [docnum for _, docnum in collector.results().top_n]
        else:
            matched = frozenset(searcher.docs_for_query(query))
        if request.collapse:
            visible, hidden = prep.collapse(matched)
        else:
            visible, hidden = matched, set()
        counts = prep.counts(visible, hidden) if request.facets else {}
    if request.facets:
        counts = _counts_within_other_filters(searcher, prep, request, parsed, counts)
    facets = _facets(searcher, prep, request, counts) if request.facets else {}
    if start >= len(visible):
        docnums: list[int] = []
    elif ranked:
        docnums = [d for d in top if d not in hidden][:stop]
        if len(docnums) < min(stop, len(visible)):  # more repeats than room: rank again
            results = searcher.search(query, limit=stop, mask=hidden or None)
            docnums = [hit.docnum for hit in results[:stop]]
        docnums = docnums[start:]
    else:
        docnums = prep.by_date(visible, stop, newest_first=request.sort != "date")[start:]
    terms = _literal_terms(parsed.query)
    related = _text_terms(parsed.query)
    if expander is not None and parsed.topics:
        related |= expander.highlight_terms(parsed.topics)
    related -= terms
    hits = []
    for docnum in docnums:
        record = json.loads(searcher.stored_fields(docnum)["record"])
        group = prep.group_of.get(docnum, ())
        has = [k for k in parsed.topics if k in (record.get("topics") or ())]
        reasons = expander.reasons(record, has) if expander is not None else {}
        why = {porter_stem(w.lower()) for ws in reasons.values() for w in ws if " " not in w}
        hits.append(
            Hit(
                record=record,
                highlight=_highlight(record["text"], terms, frozenset(related | why) - terms),
                duplicates=max(0, len(group) - 1),
                topics=has,
                reasons=reasons,
            )
        )
    suggestion = None
    if request.q.strip():
        suggestion = did_you_mean(searcher, parsed, vocabulary(generation))
    notices = parsed.notices + filter_notices(prep, request)
    pages = max(1, -(-len(visible) // request.per_page))
    if visible and request.page > pages:
        notices.append(f"page {request.page} is past the last page ({pages})")
    return SearchResult(
        request=request,
        total=len(visible),
        hits=hits,
        facets=facets,
        suggestion=suggestion,
        collapsed=len(hidden),
        notices=notices,
        facet_totals={
            name: sum(1 for v, n in counts[column].items() if v and n) for name, column in
            FACET_NAMES.items()
        } if request.facets else {},
    )


def _counts_within_other_filters(
    searcher: Searcher,
    prep: Prepared,
    request: SearchRequest,
    parsed: ParsedQuery,
    counts: dict[str, Counter[str]],
) -> dict[str, Counter[str]]:
    """A facet with a value selected counts its values within the query and the *other*
    facets' filters: values of one facet are ORed, so a click on a second speaker shows that
    speaker's statements beside the first's, and its count says how many (the usual faceted
    search). The query's matches (within the date range) and each selected facet's documents
    are read once and intersected per facet."""
    chosen = [name for name, attr in SELECTED.items() if any(getattr(request, attr))]
    if not chosen:
        return counts
    counts = dict(counts)  # the match-all counts are shared by every search of the generation
    none = {SELECTED[name]: [] for name in chosen}
    query = _combined(parsed, filter_query(replace(request, **none)))
    base = prep.live if isinstance(query, wq.Every) else frozenset(searcher.docs_for_query(query))
    own = {
        name: frozenset(searcher.docs_for_query(filter_query(replace(
            request, **{**none, SELECTED[name]: getattr(request, SELECTED[name])},
            since=None, until=None,
        ))))
        for name in chosen
    }
    for name in chosen:
        column = FACET_NAMES[name]
        matched = base.intersection(*(own[other] for other in chosen if other != name))
        if matched == prep.live and request.collapse:
            counts[column] = prep.everything(True)[2][column]
            continue
        visible, hidden = prep.collapse(matched) if request.collapse else (matched, set())
        counts[column] = prep.counts(visible, hidden, only=column)[column]
    return counts


# What a filter is called in a notice; speakers are looked up (and reported) by name first.
FILTER_LABELS = {
    "topic": "topic", "source": "outlet", "role": "role", "kind": "kind", "year": "year",
    "month": "month",
}


def filter_notices(prep: Prepared, request: SearchRequest) -> list[str]:
    """One line per filter value that no statement in the archive has, with the closest
    values it does have: a misspelt outlet or a year outside the archive says so instead of
    returning nothing silently."""
    notices = []
    for name, label in FILTER_LABELS.items():
        known = prep.known(FACET_NAMES[name])
        for value in getattr(request, SELECTED[name]):
            if (value.lower() if name == "topic" else value) in known:
                continue
            close = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.6)
            if not close:
                close = sorted(k for k in known if value.casefold() in k.casefold())[:3]
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            notices.append(f"no statement in the archive has the {label} {value!r}{hint}")
    return notices


def _facets(
    searcher: Searcher, prep: Prepared, request: SearchRequest, counts: dict[str, Counter[str]]
) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {}
    for name, column in FACET_NAMES.items():
        selected = set(getattr(request, SELECTED[name]))
        counter = counts[column]
        top = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[: request.facet_limit]
        shown = {value for value, _ in top}
        top += [(v, counter.get(v, 0)) for v in sorted(selected - shown)]
        # selected values first: the other values stay listed, and the chosen ones in sight
        top.sort(key=lambda kv: kv[0] not in selected)
        facets[name] = [
            FacetValue(
                value,
                prep.label(searcher, value) if name == "speaker" else value,
                count,
                value in selected,
            )
            for value, count in top
        ]
    return facets


# Did you mean -----------------------------------------------------------------------------


LONGEST_TYPO = 30  # letters; longer words get no "did you mean"


class Vocabulary:
    """The generation's unstemmed quote words with how many records use each."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.corrector = ListCorrector(sorted(counts))

    def suggest(self, word: str) -> str | None:
        for distance in (1, 2):
            found = [
                w
                for w in self.corrector.suggest(word, limit=100, maxdist=distance, prefix=1)
                if w != word
            ]
            if found:
                return max(found, key=lambda w: (self.counts.get(w, 0), w))
        return None


_VOCABULARIES: dict[str, Vocabulary] = {}


def vocabulary(generation: Generation) -> Vocabulary:
    key = str(generation.path)
    found = _VOCABULARIES.get(key)
    if found is None:
        found = Vocabulary(read_words(generation))
        _VOCABULARIES.clear()
        _VOCABULARIES[key] = found
    return found


def _suggest(searcher: Searcher, fieldname: str, word: str) -> str | None:
    """The closest indexed term (fewest edits, then most documents), or None."""
    reader = searcher.reader()
    for distance in (1, 2):
        found = [
            _text(t) for t in reader.terms_within(fieldname, word, distance, prefix=1) if t != word
        ]
        if found:
            return max(found, key=lambda t: (reader.doc_frequency(fieldname, t), t))
    return None


def did_you_mean(
    searcher: Searcher, parsed: ParsedQuery, words: Vocabulary | None = None
) -> str | None:
    """The query with unknown words replaced by the nearest indexed ones, or None.

    Words are checked against the quote texts; a word found in no quote that is close to a
    speaker's name becomes ``speaker:name``. ``speaker:`` terms are checked against names.
    """
    reader = searcher.reader()
    changes: list[tuple[int, int, str]] = []
    for node in parsed.query.leaves():
        if not isinstance(node, wq.Term) or node.fieldname not in ("text", "speaker"):
            continue
        start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
        if start is None or end is None or reader.doc_frequency(node.fieldname, node.text):
            continue
        written = parsed.text[start:end]
        prefix, _, word = written.rpartition(":")
        word = word.lower()
        if not word.isalpha() or len(word) > LONGEST_TYPO:
            continue  # a 1,000-letter "word" is no typo: nothing to suggest
        if node.fieldname == "text":
            better = words.suggest(word) if words is not None else None
            if better is None and (name := _suggest(searcher, "speaker", word)):
                better = f"speaker:{name}"
        else:
            name = _suggest(searcher, "speaker", word)
            better = f"{prefix}:{name}" if name and prefix else name
        if better:
            changes.append((start, end, better))
    if not changes:
        return None
    text = parsed.text
    for start, end, better in sorted(changes, reverse=True):
        text = text[:start] + better + text[end:]
    return " ".join(text.split())


# Export -----------------------------------------------------------------------------------


def all_records(
    generation: Generation,
    request: SearchRequest,
    topics: Any = GENERATION_TOPICS,
    *,
    collapse: bool | None = None,
    notices: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Every record matching the request, in the request's order (for export): as the page
    that links to the export lists them (best match, newest or oldest first).

    Collapsed as the request says (by default, as :func:`search` shows them: one record per
    statement, whose ``also_in`` names the other articles); ``collapse=False`` gives every
    occurrence. ``notices``, when given, receives how the query was read and the filters
    that match nothing, as :attr:`SearchResult.notices`.
    """
    collapse = request.collapse if collapse is None else collapse
    _validate(request)
    parsed = _parse(request.q, None if request.exact else _expander(generation, topics))
    query = _combined(parsed, filter_query(request))
    searcher = searcher_for(generation)
    prep = prepared(generation, searcher)
    if notices is not None:
        notices += parsed.notices + filter_notices(prep, request)
    if isinstance(query, wq.Every):
        matched: frozenset[int] = prep.everything(collapse)[0]
    else:
        matched = frozenset(searcher.docs_for_query(query))
        if collapse:
            matched = prep.collapse(matched)[0]
    if request.sort == "relevance" and not parsed.matches_everything:
        # equal scores in date order, so the order does not depend on how the index was built
        scored = [(-hit.score, prep.rank[hit.docnum], hit.docnum)
                  for hit in searcher.search(query, limit=None) if hit.docnum in matched]
        docnums = [docnum for *_, docnum in sorted(scored)]
    else:  # as search() orders them: "date" oldest first, otherwise newest first
        docnums = prep.by_date(matched, len(matched), newest_first=request.sort != "date")
    return [json.loads(searcher.stored_fields(d)["record"]) for d in docnums]


# Look-ups by id --------------------------------------------------------------------------


def _records(
    searcher: Searcher, query: wq.Query, sortedby: list[str] | str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    results = searcher.search(query, limit=limit, sortedby=sortedby)
    return [json.loads(hit["record"]) for hit in results]


def record_by_id(generation: Generation, quote_id: str) -> dict[str, Any] | None:
    """The record with ``quote_id``, or None."""
    stored = searcher_for(generation).document(id=quote_id)
    return json.loads(stored["record"]) if stored else None


def records_of_article(generation: Generation, article_id: str) -> list[dict[str, Any]]:
    """Every record extracted from one article, in text order."""
    return _records(searcher_for(generation), wq.Term("article", article_id), ["position"])


def records_by_statement(generation: Generation, statement_id: str) -> list[dict[str, Any]]:
    """Every occurrence of one statement across articles, oldest first."""
    return _records(
        searcher_for(generation),
        wq.Term("statement_id", statement_id),
        ["date", "article", "position"],
    )
