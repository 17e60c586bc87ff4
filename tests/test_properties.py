"""Property tests: the extractor and the query parser on text nobody wrote by hand.

Example counts are modest so the suite stays fast; hypothesis keeps any failure it finds in
its example database and replays it first next time.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.attribution import extract
from onrecord.attribution.joining import join_parts
from onrecord.index import Generation, current_generation
from onrecord.ingest import write_generation
from onrecord.pipeline import process_archive
from onrecord.records import Article, Quote, quote_id
from onrecord.search import QueryError, SearchRequest, parse_query, search

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of news prose: names, cues, quotation marks of every kind, punctuation, breaks.
PIECES = [
    "Maria Lopez",
    "Tom Okafor",
    "the mayor",
    "She",
    "he",
    "They",
    "Ann Lee, a nurse,",
    "said",
    "says",
    "told reporters",
    "added",
    "according to",
    "warned",
    "denied",
    "\u201c",
    "\u201d",
    '"',
    "'",
    "\u2018",
    "\u2019",
    "\u00ab",
    "\u00bb",
    "``",
    "''",
    "We",
    "will",
    "not",
    "can\u2019t",
    "stop",
    "the vote",
    "on Tuesday",
    "in 2019",
    ",",
    ".",
    ":",
    ";",
    "?",
    "!",
    "\u2014",
    "--",
    "(",
    ")",
    "\n",
    "\n\n",
    " ",
    "  ",
    "Mr.",
    "Dr.",
    "U.S.",
    "CHICAGO (AP) --",
    "that",
    "would",
    "\t",
    "\u00a0",
]
prose = st.lists(st.sampled_from(PIECES), max_size=80).map(" ".join)
anything = st.text(max_size=300)
# A quotation with a cue and a speaker around generated content, so quotes are found.
framed = st.builds(
    "\u201c{}\u201d {} {}. {}".format,
    prose,
    st.sampled_from(["said", "says", "added", "told reporters"]),
    st.sampled_from(["Maria Lopez", "the mayor", "she", "Ann Lee, a nurse"]),
    prose,
)


def article_of(body: str) -> Article:
    return Article(id="prop/a", body=body, title="T", source="S", date="2020-02-02")


def is_subsequence(text: str, span: str) -> bool:
    """``text``'s characters appear in ``span`` in order (whitespace aside)."""
    remaining = iter(span)
    return all(char in remaining for char in text if not char.isspace())


def check_quotes(body: str, quotes: list[Quote]) -> None:
    assert isinstance(quotes, list)
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(body)
        assert quote.text.strip()
        span = body[quote.start : quote.end]
        assert quote.kind in ("direct", "indirect")
        assert quote.parts and quote.parts[0][0] == quote.start
        assert quote.parts[-1][1] == quote.end
        assert all(a < b <= c for (a, b), (c, _) in itertools.pairwise(quote.parts))
        if span != quote.text:
            # A quotation resumed after its attribution (“A,” said X. “B.”) is one record whose
            # text joins its parts as one quotation, and whose span runs from A to B (a
            # reported statement split by its attribution likewise).
            assert len(quote.parts) > 1
            assert quote.text == join_parts(body, [(a, b) for a, b in quote.parts])
            assert is_subsequence(quote.text.replace(".", ""), span)
        if quote.kind == "direct":
            assert all(body[a:b] in quote.text for a, b in quote.parts[1:])
        assert quote.article == "prop/a"
        assert quote.id == quote_id(quote.article, quote.start, quote.end, quote.text)


@SETTINGS
@given(prose)
def test_extractor_on_news_like_prose(body: str) -> None:
    check_quotes(body, extract(article_of(body)))


@SETTINGS
@given(anything)
def test_extractor_on_any_text(body: str) -> None:
    check_quotes(body, extract(article_of(body)))


@SETTINGS
@given(framed)
def test_extractor_on_framed_quotations(body: str) -> None:
    check_quotes(body, extract(article_of(body)))


@SETTINGS
@given(st.lists(st.one_of(framed, prose, anything), min_size=1, max_size=4))
def test_extractor_on_paragraphs_of_both(parts: list[str]) -> None:
    body = "\n\n".join(parts)
    check_quotes(body, extract(article_of(body)))


@pytest.mark.parametrize("body", ["\u201c,\u201d said Maria Lopez.", "\u00ab , \u201d said"])
def test_no_empty_quotation_records(body: str) -> None:
    # Found by the properties above; attribution skips empty quotations.
    assert all(quote.text.strip() for quote in extract(article_of(body)))


# The query parser and search -------------------------------------------------------------

QUERY_PIECES = [
    "union",
    "strike",
    "clinic",
    '"',
    "(",
    ")",
    "AND",
    "OR",
    "NOT",
    "and",
    "-",
    "+",
    "*",
    "?",
    "~",
    "^2",
    "speaker:",
    "quote:",
    "topic:",
    "source:",
    "kind:",
    "date:",
    "nosuch:",
    "[",
    "]",
    "to",
    "TO",
    "2019",
    "2019-10",
    "2019-13-45",
    "{",
    "}",
    ":",
    "\\",
    "/",
    "'",
    "\u201c",
    " ",
    "lopez",
    "*:*",
    "text:",
    "date:[2019 to *]",
    "date:[* to *]",
    "\x00",
    "\u00e9",
]
queries = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(QUERY_PIECES), max_size=25).map(" ".join),
    st.lists(st.sampled_from(QUERY_PIECES), max_size=25).map("".join),
)


@SETTINGS
@given(queries)
def test_parse_query_raises_only_query_error(text: str) -> None:
    try:
        parse_query(text)
    except QueryError as exc:
        assert str(exc)


@pytest.fixture(scope="module")
def generation(tmp_path_factory: pytest.TempPathFactory) -> Generation:
    """Three hand-made records, written by the real index writer."""
    index_dir = tmp_path_factory.mktemp("props") / "index"
    index_dir.mkdir()
    body = "\u201cThe strike will go on,\u201d said Maria Lopez. The union met on Tuesday."
    article = Article(id="a", body=body, title="Strike", source="Tribune", date="2019-10-10")
    text = "The strike will go on,"
    start = body.index(text)
    quotes = [
        Quote(
            id=quote_id("a", start, start + len(text), text),
            text=text,
            kind="direct",
            article="a",
            speaker="Maria Lopez",
            speaker_id="maria-lopez",
            source="Tribune",
            date="2019-10-10",
            start=start,
            end=start + len(text),
            topics=["labor"],
        )
    ]
    result = process_archive(quotes)
    records = [q.to_dict() for q in result.quotes]
    write_generation(index_dir, [article], records, {"articles": 1}, result.registry)
    return current_generation(index_dir)


filter_values = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(["2019", "labor"])))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    q=queries,
    speakers=filter_values,
    years=filter_values,
    since=st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["2019", "2019-10"])),
    sort=st.sampled_from(["relevance", "date", "-date", "bogus"]),
    page=st.integers(min_value=-2, max_value=10**6),
)
def test_search_answers_or_raises_query_error(
    generation: Generation,
    q: str,
    speakers: list[str],
    years: list[str],
    since: str | None,
    sort: str,
    page: int,
) -> None:
    request = SearchRequest(q=q, speakers=speakers, years=years, since=since, sort=sort, page=page)
    try:
        result = search(generation, request)
    except QueryError as exc:
        assert str(exc)
        return
    assert result.total >= len(result.hits) >= 0
    assert all(hit.record["id"] for hit in result.hits)
