"""Search: query forms, filters, facets that agree with the records, sorting and paging."""

from __future__ import annotations

from collections import Counter

import pytest

from onrecord import index as idx
from onrecord.ingest import ingest
from onrecord.search import QueryError, SearchRequest, all_records, search
from tests.helpers import write


@pytest.fixture(scope="module")
def generation(tmp_path_factory: pytest.TempPathFactory) -> idx.Generation:
    root = tmp_path_factory.mktemp("search")
    archive = root / "archive"
    write(
        archive / "2019-10-10-planet.txt",
        "---\ntitle: Nurses wanted\nsource: Daily Planet\n---\n"
        '"We need more nurses in every school," said Jane Doe, a school nurse.\n\n'
        '"The budget is broken and the city knows it," said Carl Smith.\n',
    )
    write(
        archive / "2019-11-05-star.md",
        "---\ntitle: Clinics close\nsource: Morning Star\n---\n\n"
        '"Nurses are leaving the profession faster than we can hire them," said Jane Doe.\n\n'
        '"Our budget cannot stretch any further," said Carl Smith.\n',
    )
    write(
        archive / "2020-01-15-planet.txt",
        "---\nsource: Daily Planet\n---\n"
        '"The new year brings new nurses to our schools," said Jane Doe.\n',
    )
    ingest(archive, root / "index")
    return idx.current_generation(root / "index")


def texts(generation: idx.Generation, **kwargs: object) -> list[str]:
    return [hit.record["text"] for hit in search(generation, SearchRequest(**kwargs)).hits]


def test_stemmed_words_match(generation: idx.Generation) -> None:
    found = texts(generation, q="nurse")
    assert len(found) == 3
    assert all("nurse" in t.lower() for t in found)


def test_speaker_source_and_date_filters(generation: idx.Generation) -> None:
    assert len(texts(generation, speakers=["carl-smith"])) == 2
    assert texts(generation, q="budget", sources=["Morning Star"]) == [
        "Our budget cannot stretch any further"
    ]
    assert len(texts(generation, speakers=["jane-doe"], since="2019-11", until="2019-12-31")) == 1
    assert len(texts(generation, q="speaker:smith")) == 2
    assert len(texts(generation, q="nurses date:2019")) == 2
    assert len(texts(generation, q="date:[2019-11-01 to *]")) == 3


def test_phrase_and_boolean_queries(generation: idx.Generation) -> None:
    assert texts(generation, q='"every school"') == ["We need more nurses in every school"]
    assert len(texts(generation, q="budget OR profession")) == 3
    assert len(texts(generation, q="nurses NOT profession")) == 2


def test_several_values_of_one_facet_are_ored(generation: idx.Generation) -> None:
    both = search(generation, SearchRequest(sources=["Morning Star", "Daily Planet"]))
    assert both.total == 5


def test_facet_counts_agree_with_the_records(generation: idx.Generation) -> None:
    request = SearchRequest(q="nurses OR budget", since="2019-10-01")
    result = search(generation, request)
    records = all_records(generation, request)
    assert result.total == len(records)
    assert {v.value: v.count for v in result.facets["source"]} == Counter(
        r["source"] for r in records
    )
    assert {v.value: v.count for v in result.facets["speaker"]} == Counter(
        r["speaker_id"] for r in records
    )
    assert {v.value: v.count for v in result.facets["year"]} == Counter(
        r["date"][:4] for r in records
    )


def test_date_sort_both_ways_and_stable_pages(generation: idx.Generation) -> None:
    oldest = search(generation, SearchRequest(sort="date", per_page=2, page=1)).hits
    rest = search(generation, SearchRequest(sort="date", per_page=2, page=2)).hits
    dates = [h.record["date"] for h in oldest + rest]
    assert dates == sorted(dates)
    assert len({h.record["id"] for h in oldest + rest}) == 4  # no record on two pages
    newest = [h.record["date"] for h in search(generation, SearchRequest(sort="-date")).hits]
    assert newest == sorted(newest, reverse=True)
    assert newest[0] == "2020-01-15"


def test_highlight_marks_the_match(generation: idx.Generation) -> None:
    hit = search(generation, SearchRequest(q="budget", sources=["Daily Planet"])).hits[0]
    assert '">budget</mark>' in hit.highlight


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"unclosed phrase', "quotation mark"),
        ("(nurses OR budget", "parentheses"),
        ("colour:blue", "unknown field"),
        ("date:yesterday", "not a date"),
        ("NOT", "no searchable words"),
        ("x" * 2000, "too long"),
    ],
)
def test_bad_queries_get_a_clear_message(
    generation: idx.Generation, query: str, message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        search(generation, SearchRequest(q=query))


def test_bad_filters_get_a_clear_message(generation: idx.Generation) -> None:
    with pytest.raises(QueryError, match="not a date"):
        search(generation, SearchRequest(since="last week"))
    with pytest.raises(QueryError, match="unknown sort"):
        search(generation, SearchRequest(sort="loudest"))
