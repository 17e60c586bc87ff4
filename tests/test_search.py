"""Search: query forms, filters, facets that agree with the records, sorting and paging."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from onrecord import index as idx
from onrecord.ingest import ingest
from onrecord.search import SELECTED, QueryError, SearchRequest, all_records, search
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


# Records written directly (no attribution involved), for the query forms, facets, collapsing
# of repeated statements, topics and did-you-mean.


def record(rid: str, text: str, speaker: str, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": rid,
        "text": text,
        "kind": "direct",
        "article": f"a-{rid}",
        "speaker": speaker,
        "speaker_id": speaker.lower().replace(" ", "-"),
        "source": "CBS 2 Chicago",
        "date": "2019-10-10",
        "topics": [],
        "start": 0,
    }
    base.update(fields)
    return base


RECORDS = [
    record("r1", "We will not balance the budget on the backs of teachers", "Lori Lightfoot",
           role="mayor", topics=["money", "education"], date="2019-10-10"),
    record("r2", "Class sizes are too big and our kids deserve better", "Carrene Beverly-Bass",
           role="teacher and negotiator for the CTU", topics=["education"],
           source="WLS-TV (ABC7 Chicago)", date="2019-10-17"),
    record("r3", "The city has the money to pay for nurses", "Jesse Sharkey",
           role="union president", kind="indirect", topics=["money"], date="2019-10-21"),
    # r4 repeats r3's statement in another outlet a day later.
    record("r4", "The city has the money to pay for nurses", "Jesse Sharkey",
           role="union president", kind="indirect", topics=["money"], date="2019-10-22",
           source="Chicago Tribune", statement_id="r3", canonical=False),
    record("r5", "Property taxes cannot rise again this year", "Lori Lightfoot",
           role="mayor", topics=[], date="2019-11-02", source="Chicago Tribune"),
    record("r6", "Every school needs a nurse and a social worker", "Carrene Beverly-Bass",
           role="teacher", topics=["education"], date="2020-01-15"),
]
for _r in RECORDS[:3] + RECORDS[4:]:
    _r.setdefault("statement_id", _r["id"])


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> idx.Generation:
    return idx.build(tmp_path_factory.mktemp("made") / "index", RECORDS)


def ids(result: object) -> list[str]:
    return sorted(h.record["id"] for h in result.hits)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("speaker:lightfoot", ["r1", "r5"]),
        ("role:teacher", ["r2", "r6"]),
        ("source:cbs", ["r1", "r3", "r6"]),
        ("kind:indirect", ["r3"]),
        ("topic:money", ["r1", "r3"]),
        ("date:2019-10", ["r1", "r2", "r3"]),
        ("date:[2019-10-15 to 2019-11-30]", ["r2", "r3", "r5"]),
        ('"social worker"', ["r6"]),
        ("nurse AND NOT school", ["r3"]),
        ("(budget OR taxes) speaker:lightfoot", ["r1", "r5"]),
        ("teachers", ["r1"]),
    ],
)
def test_query_forms(made: idx.Generation, query: str, expected: list[str]) -> None:
    assert ids(search(made, SearchRequest(q=query))) == expected


def test_repeated_statement_shows_once_with_its_count(made: idx.Generation) -> None:
    result = search(made, SearchRequest(q="nurses"))
    assert ids(result) == ["r3", "r6"]
    assert result.total == 2 and result.collapsed == 1
    shown = {h.record["id"]: h.duplicates for h in result.hits}
    assert shown == {"r3": 1, "r6": 0}
    # Filtering to the later outlet shows the occurrence that outlet carried.
    assert ids(search(made, SearchRequest(q="nurses", sources=["Chicago Tribune"]))) == ["r4"]
    everything = search(made, SearchRequest(q="nurses", collapse=False))
    assert ids(everything) == ["r3", "r4", "r6"]


def test_facet_counts_equal_the_results_they_lead_to(made: idx.Generation) -> None:
    """A facet value's count is the total a click on it shows, also when a statement repeated
    in another outlet is shown once (r3 in CBS, r4 in the Tribune). In a facet with a value
    selected, each value counts within the query and the other facets' filters: what that
    value alone shows (values of one facet are ORed)."""
    for request in (
        SearchRequest(),
        SearchRequest(q="city OR school OR budget"),
        SearchRequest(q="nurses"),
        SearchRequest(since="2019-10-15", kinds=["indirect", "direct"]),
        SearchRequest(topics=["education"], collapse=False),
        SearchRequest(q="nurses", sources=["Chicago Tribune"]),
        SearchRequest(roles=["mayor"], years=["2019"]),
    ):
        result = search(made, request)
        for name, values in result.facets.items():
            attr = SELECTED[name]
            for value in values:
                narrowed = replace(request, **{attr: [value.value]})
                assert search(made, narrowed).total == value.count, (request, name, value)
    nurses = {v.value: v.count for v in search(made, SearchRequest(q="nurses")).facets["source"]}
    assert nurses == {"CBS 2 Chicago": 2, "Chicago Tribune": 1}


def test_facet_counts_without_collapsing_equal_the_records(made: idx.Generation) -> None:
    request = SearchRequest(collapse=False)
    result = search(made, request)
    records = all_records(made, request, collapse=False)
    assert result.total == len(records)
    expected = {
        "speaker": Counter(r["speaker_id"] for r in records),
        "source": Counter(r["source"] for r in records),
        "kind": Counter(r["kind"] for r in records),
        "topic": Counter(t for r in records for t in r["topics"]),
    }
    for name, counts in expected.items():
        assert {v.value: v.count for v in result.facets[name]} == counts, name


def test_speaker_facet_is_labelled_with_the_name(made: idx.Generation) -> None:
    facet = search(made, SearchRequest()).facets["speaker"]
    assert {v.value: v.label for v in facet}["lori-lightfoot"] == "Lori Lightfoot"


def test_several_roles_and_months_are_ored(made: idx.Generation) -> None:
    assert ids(search(made, SearchRequest(roles=["mayor", "teacher"]))) == ["r1", "r5", "r6"]
    assert ids(search(made, SearchRequest(months=["2019-11", "2020-01"]))) == ["r5", "r6"]
    facet = search(made, SearchRequest(roles=["mayor"])).facets["role"]
    assert ("mayor", 2, True) in [(v.value, v.count, v.selected) for v in facet]
    # the other roles stay listed with what a click on them adds
    teacher = next(v for v in facet if v.value == "teacher")
    alone = search(made, SearchRequest(roles=["teacher"])).total
    assert not teacher.selected and teacher.count == alone
    # a selected value is listed first, in sight above the others however small its count
    chosen = search(made, SearchRequest(roles=["teacher"])).facets["role"]
    assert chosen[0].value == "teacher" and chosen[0].count < chosen[1].count


def test_relevance_pages_are_stable_and_complete(made: idx.Generation) -> None:
    query = "city OR school OR budget OR taxes OR kids"
    pages = [search(made, SearchRequest(q=query, per_page=2, page=n)) for n in (1, 2, 3)]
    seen = [h.record["id"] for p in pages for h in p.hits]
    assert len(seen) == len(set(seen)) == pages[0].total == 5
    again = [h.record["id"] for h in search(made, SearchRequest(q=query, per_page=2)).hits]
    assert again == seen[:2]


def test_did_you_mean_corrects_words_and_speaker_names(made: idx.Generation) -> None:
    assert search(made, SearchRequest(q="nurces")).suggestion == "nurses"
    assert search(made, SearchRequest(q="speaker:lightfot")).suggestion == "speaker:lightfoot"
    assert search(made, SearchRequest(q="lightfot")).suggestion == "speaker:lightfoot"
    assert search(made, SearchRequest(q="budgt date:2019")).suggestion == "budget date:2019"
    assert search(made, SearchRequest(q="nurses")).suggestion is None


def test_a_word_naming_a_topic_finds_the_topic_and_says_why(made: idx.Generation) -> None:
    from whoosh import query as wq

    from onrecord.search import TopicExpander

    topics = TopicExpander(
        names={"money": "money", "public finance": "money"},
        queries={"money": wq.Or([wq.Term("text", "tax"), wq.Term("text", "budget")])},
    )
    plain = search(made, SearchRequest(q="money"), topics=None)
    assert ids(plain) == ["r3"]  # the literal word only
    widened = search(made, SearchRequest(q="money"), topics)
    assert ids(widened) == ["r1", "r3", "r5"]  # tagged (r1, r3) and by the topic's words (r5)
    why = {h.record["id"]: h.topics for h in widened.hits}
    assert why == {"r1": ["money"], "r3": ["money"], "r5": []}
    r5 = next(h for h in widened.hits if h.record["id"] == "r5")
    assert "<mark" in r5.highlight and "taxes</mark>" in r5.highlight
    assert ids(search(made, SearchRequest(q="topic:money"), topics)) == ["r1", "r3", "r5"]


def test_the_generation_taxonomy_widens_topic_words_by_default(made: idx.Generation) -> None:
    from onrecord.topics import load_taxonomy

    taxonomy = load_taxonomy(None)
    assert "money" in taxonomy  # the shipped taxonomy has the topic
    widened = search(made, SearchRequest(q="money"))
    assert ids(widened) == ids(search(made, SearchRequest(q="money"), taxonomy))
    assert {"r1", "r3"} <= set(ids(widened))  # tagged records, not only the literal word


def test_request_from_params_reads_url_style_filters() -> None:
    from onrecord.search import request_from_params

    request = request_from_params(
        {"q": "budget", "speaker": ["lori-lightfoot", "jesse-sharkey"], "role": "mayor",
         "month": ["2019-10"], "sort": "-date", "page": "2"}
    )
    assert request.speakers == ["lori-lightfoot", "jesse-sharkey"]
    assert (request.roles, request.months, request.sort, request.page) == (
        ["mayor"], ["2019-10"], "-date", 2
    )
    with pytest.raises(QueryError, match="page must be a whole number"):
        request_from_params({"page": "two"})


def test_exact_request_and_a_quoted_word_find_only_the_word(made: idx.Generation) -> None:
    from onrecord.search import TopicExpander, request_from_params

    topics = TopicExpander(names={"money": "money"})
    assert ids(search(made, SearchRequest(q="money"), topics)) == ["r1", "r3"]
    assert ids(search(made, SearchRequest(q="money", exact=True), topics)) == ["r3"]
    assert ids(search(made, SearchRequest(q='"money"'), topics)) == ["r3"]
    assert request_from_params({"q": "money", "exact": "1"}).exact
    assert not request_from_params({"q": "money"}).exact


def test_unquoted_words_naming_a_topic_together_widen_to_it(made: idx.Generation) -> None:
    from onrecord.search import TopicExpander

    topics = TopicExpander(names={"public finance": "money"})
    found = search(made, SearchRequest(q="public finance"), topics)
    assert {"r1", "r3"} <= set(ids(found))
    assert all(h.topics == ["money"] for h in found.hits)


def test_why_names_the_words_that_gave_the_topic(made: idx.Generation) -> None:
    from onrecord.search import TopicExpander

    def explain(text: str, context: str | None, topics: list[str]) -> list[tuple[str, str]]:
        assert topics == ["money"]  # the topics asked for that the record has
        return [("money", word) for word in ("budget", "pay") if word in text.lower()]

    topics = TopicExpander(names={"money": "money"}, explain=explain)
    hits = search(made, SearchRequest(q="money"), topics).hits
    reasons = {h.record["id"]: h.why for h in hits}
    assert reasons["r1"].startswith("topic: money (")
    r1 = next(h for h in hits if h.record["id"] == "r1")
    assert "<mark" in r1.highlight  # the explaining word is marked in the quote


@pytest.mark.parametrize(
    ("query", "expected", "notice"),
    [
        ("nurses -school", ["r3"], "read as NOT school"),
        ('nurse -"social worker"', ["r3"], 'read as NOT "social worker"'),
        ('"class sizes', ["r2"], "unclosed quotation mark was left out"),
        ("(budget OR taxes", ["r1", "r5"], "unmatched parenthesis was left out"),
        ("https://www.cbs.com/2019/10/nurses-pay/ city", ["r3"],
         "searched as the words nurses pay"),
        ("backs:teachers", ["r1"], "backs is not a field"),
    ],
)
def test_loose_queries_are_searched_saying_how_they_were_read(
    made: idx.Generation, query: str, expected: list[str], notice: str
) -> None:
    result = search(made, SearchRequest(q=query))
    assert ids(result) == expected
    assert any(notice in n for n in result.notices), result.notices


def test_a_hyphenated_word_is_not_an_exclusion(made: idx.Generation) -> None:
    result = search(made, SearchRequest(q="social-worker"))
    assert ids(result) == ["r6"] and result.notices == []


def test_filters_that_match_nothing_say_so(made: idx.Generation) -> None:
    result = search(made, SearchRequest(sources=["Chicago Tribun"], topics=["sports"],
                                        years=["1999"], months=["2019-13"]))
    assert result.total == 0
    assert result.notices == [
        "no statement in the archive has the topic 'sports'",
        "no statement in the archive has the outlet 'Chicago Tribun'; did you mean "
        "'Chicago Tribune'?",
        "no statement in the archive has the year '1999'",
        "no statement in the archive has the month '2019-13'; did you mean '2019-11' or "
        "'2019-10'?",
    ]
    assert search(made, SearchRequest(sources=["Chicago Tribune"])).notices == []
    past = search(made, SearchRequest(page=9, per_page=2))
    assert past.hits == [] and past.notices == ["page 9 is past the last page (3)"]


def test_an_empty_filter_value_is_no_selection(made: idx.Generation) -> None:
    result = search(made, SearchRequest(years=[""], speakers=["lori-lightfoot"]))
    assert result.total == search(made, SearchRequest(speakers=["lori-lightfoot"])).total
    assert len(result.facets["year"]) > 0
