"""Topic tagging: the default taxonomy on real sentences, the TOML format, overrides, queries."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from onrecord.topics import (
    DEFAULT_FILE,
    Taxonomy,
    TaxonomyError,
    Topic,
    expand_topics,
    load_taxonomy,
    read_topics_file,
)

# Lori Lightfoot's statements in the two seed articles (archive/000_*, archive/003_*), as
# attribution cuts them. Seven are about money; only three of them say "money".
LIGHTFOOT_MONEY = [
    "the Chicago Public Schools do not have the money to increase the offers they already made "
    "to meet the union’s demands.",
    "Beyond what we put on the table, there is no more money,",
    "the union continues to press for more demands, such as additional pay beyond what the city "
    "already has offered, and affordable housing provisions in the contract.",
    "the district simply cannot afford to meet all of the union’s demands.",
    "There are not unlimited resources to fund everything in a single contract that the CTU "
    "wishes. The money that we have at the table is all there is,",
    "the union’s demands could end up worsening the city’s already-precarious financial "
    "condition.",
    "We think that we have actually put a very important financial package on the table to "
    "really uplift and recognize the quality of life for these workers.",
]
LIGHTFOOT_OTHER = [
    "the two sides still remain far apart on the big issues",
    "the union to end the strike and send teachers back to work while bargaining continues.",
    "CPS has made a commitment in its contract proposal to provide one nurse and one social "
    "worker in each school within five years, and also has written up terms aimed at reducing "
    "class sizes, starting with schools with high poverty levels.",
    "With these efforts on the table, we’ve addressed the union’s two core issues that they "
    "identified – class size and support staff – and done so in a way that does not compromise "
    "the future of CPS or overburden our taxpayers. That was no easy feat.",
    "missed days will not be made up.",
    "what is needed now is a greater sense of urgency.",
    "There needs to be an increased sense of urgency on the part of CTU so we can get the job "
    "done, we can reach resolution, we can get our kids back in school,",
    "bringing in a mediator at this stage in contract talks would only further delay "
    "negotiations.",
    "When you’ve got a complicated matter like this, and you’re down to the final strokes, "
    "hopefully, bringing somebody brand new in that doesn’t have any background or experience "
    "in the particulars will only result in delay,",
    "there has been progress, just not on the big issues",
]


@pytest.fixture(scope="module")
def default() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def terms() -> Taxonomy:
    """The default taxonomy without the model: topics by their term lists alone."""
    return load_taxonomy(model=False)


def make(tmp_path: Path, text: str, name: str = "topics.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the default taxonomy on the seed statements -------------------------------------------------


@pytest.mark.parametrize("statement", LIGHTFOOT_MONEY)
def test_lightfoot_money_statements_are_money(default: Taxonomy, statement: str) -> None:
    assert "money" in default.tag(statement)


@pytest.mark.parametrize("statement", LIGHTFOOT_OTHER)
def test_lightfoot_other_statements_are_not_money(default: Taxonomy, statement: str) -> None:
    assert "money" not in default.tag(statement)


def test_most_money_statements_never_say_money(default: Taxonomy) -> None:
    without_word = [s for s in LIGHTFOOT_MONEY if "money" not in s.lower()]
    assert len(without_word) == 4
    assert all(default.tag(s).count("money") == 1 for s in without_word)


@pytest.mark.parametrize("sentence", [
    "If she puts it in writing I think we can resolve this",
    "Please pay attention to what the children need.",
    "He paid tribute to the victims.",
    "We will win this at all costs.",
    "I spent time with the families.",
])
def test_no_false_money_tag(default: Taxonomy, sentence: str) -> None:
    assert "money" not in default.tag(sentence)


@pytest.mark.parametrize(("sentence", "topic"), [
    ("Officers arrested two men after the robbery on Main Street.", "crime"),
    ("The clinic has no doctors left and patients wait for weeks.", "health"),
    ("Landlords are evicting tenants to raise the rent.", "housing"),
    ("Asylum seekers crossed the border overnight.", "immigration"),
    ("Turnout in the primary was the lowest in a decade.", "elections"),
    ("Thirty-four pupils in one classroom is too many; we need smaller class sizes.", "staffing"),
    ("The strike will go on until the union gets a fair contract.", "labour"),
])
def test_default_topics_on_news_sentences(default: Taxonomy, sentence: str, topic: str) -> None:
    assert topic in default.tag(sentence)


@pytest.mark.parametrize(("sentence", "topic"), [
    ("It is extremely important that we keep order.", "economy"),  # import/important
    ("She ran for high office twice.", "crime"),  # officers/office
    ("The race is a dead heat.", "sport"),  # racing/race
    ("Protesters gathered outside.", "religion"),  # protestant/protest
    ("He railed against the plan.", "transport"),  # rail/railed
])
def test_stem_collisions_do_not_tag(default: Taxonomy, sentence: str, topic: str) -> None:
    assert topic not in default.tag(sentence)


def test_default_file_is_a_general_taxonomy(default: Taxonomy) -> None:
    assert 25 <= len(default) <= 40
    for key in ("money", "labour", "education", "staffing", "health", "crime", "housing",
                "elections", "immigration"):
        topic = default[key]
        assert topic.label and topic.description and topic.terms
    assert len(set(default.keys)) == len(default)


# -- matching: stems, phrases, exclusions, context -----------------------------------------------


@pytest.fixture
def small() -> Taxonomy:
    return Taxonomy([
        Topic("money", "Money", terms=("fund", "cannot afford", "pay"),
              exclude=("pay attention",)),
        Topic("schools", "Schools", terms=("school", "class size")),
    ])


@pytest.mark.parametrize("sentence", [
    "The programme was funded by the state.",
    "Funding ran out in May.",
    "They raised funds for the library.",
])
def test_stems_match_other_forms(small: Taxonomy, sentence: str) -> None:
    assert small.tag(sentence) == ["money"]


def test_phrase_needs_adjacent_words(small: Taxonomy) -> None:
    assert small.tag("We simply cannot afford it.") == ["money"]
    assert small.tag("Families cannot, they say, afford it.") == []
    assert small.tag("Nobody can afford that.") == []  # "can afford" is not "cannot afford"


def test_phrase_skips_stop_words_like_the_index(small: Taxonomy) -> None:
    # "the", "not" are dropped before phrases are matched, by the index and by tagging alike
    assert small.tag("the class, not the size") == ["schools"]
    assert small.tag("The size of each class grows.") == []


def test_exclusion_blocks_only_the_covered_occurrence(small: Taxonomy) -> None:
    assert small.tag("Pay attention, please.") == []
    assert small.tag("Pay attention: they want more pay.") == ["money"]


def test_tags_in_taxonomy_order_and_explained(small: Taxonomy) -> None:
    text = "Schools are funded by property taxes."
    assert small.tag(text) == ["money", "schools"]
    assert small.explain(text) == [("schools", "school"), ("money", "fund")]
    match = small.matches(text)[1]
    assert (match.topic, match.term, text[match.start:match.end]) == ("money", "fund", "funded")


def test_short_statement_uses_context(small: Taxonomy) -> None:
    context = "Asked whether the district could fund smaller classes, she said no."
    assert small.tag("no", context) == ["money"]
    (match,) = small.matches("no", context)
    assert match.in_context and context[match.start:match.end] == "fund"


def test_context_is_the_sentence_holding_the_statement(terms: Taxonomy) -> None:
    paragraph = ("Meanwhile, the mayor has said missed days will not be made up. If that is the "
                 "case, the average teacher could lose more than $2,000 in pay.")
    assert terms.tag("missed days will not be made up", paragraph) == []
    paragraph = "No raise this year. Asked whether the city can pay more, she said no."
    (match,) = terms.matches("no", paragraph)
    assert (match.topic, paragraph[match.start:match.end]) == ("money", "pay")


def test_long_statement_ignores_context(small: Taxonomy) -> None:
    statement = "We are going to keep talking until the children are back where they belong."
    assert small.tag(statement, "The district cannot afford more, she said.") == []


def test_fast_tokens_agree_with_whoosh_analyzer(small: Taxonomy) -> None:
    text = ("The U.S. mayor’s $2.5bn “budget” didn't pass — 3.141 big-time under_score "
            "Ünïcode naïve café, e-mail & can't; it's A* grade and ﬁnancial…")
    whoosh = [(t.text, t.startchar, t.endchar) for t in StemmingAnalyzer()(text, chars=True)]
    assert [(s, a, b) for s, a, b in small._tokens(text)] == whoosh
    assert small.stems("Funding FUNDED funds") == ("fund", "fund", "fund")


# -- Whoosh query expansion ----------------------------------------------------------------------


def test_topic_query_finds_the_tagged_statements(terms: Taxonomy) -> None:
    default = terms  # the query is the term lists' query; the model's tags are stored
    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=StemmingAnalyzer(), phrase=True))
    index = RamStorage().create_index(schema)
    statements = LIGHTFOOT_MONEY + LIGHTFOOT_OTHER + ["Please pay attention to the children."]
    with index.writer() as writer:
        for number, text in enumerate(statements):
            writer.add_document(id=str(number), text=text)
    with index.searcher() as searcher:
        for key in ("money", "labour", "education", "staffing"):
            found = {hit["id"] for hit in searcher.search(default.query(key), limit=None)}
            tagged = {str(n) for n, text in enumerate(statements) if key in default.tag(text)}
            assert found == tagged, key
        found = {hit["id"] for hit in searcher.search(default.query("money"), limit=None)}
    assert found == {str(n) for n in range(len(LIGHTFOOT_MONEY))}


def test_expand_topics_makes_a_topic_word_find_the_topic(terms: Taxonomy) -> None:
    default = terms
    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=StemmingAnalyzer(), phrase=True),
                    topics=KEYWORD(commas=True, lowercase=True))
    index = RamStorage().create_index(schema)
    statements = LIGHTFOOT_MONEY + LIGHTFOOT_OTHER + ["No.", "It is about race, not money."]
    with index.writer() as writer:
        for number, text in enumerate(statements):
            asked = "Asked whether the city could pay more, she said no."
            tags = default.tag(text, asked if text == "No." else None)
            writer.add_document(id=str(number), text=text, topics=",".join(tags))
    parser = QueryParser("text", schema)
    with index.searcher() as searcher:
        def ids(query: str) -> set[int]:
            parsed = expand_topics(parser.parse(query), default)
            return {int(hit["id"]) for hit in searcher.search(parsed, limit=None)}

        money = set(range(len(LIGHTFOOT_MONEY))) | {len(statements) - 2, len(statements) - 1}
        assert ids("money") == money  # "No." has money from its context, via the stored tag
        assert ids("money AND afford") == {2, 3}  # "affordable housing", "cannot afford"
        assert ids("fund") == {4}  # only a topic key is expanded, not its terms
        assert ids('"civil rights"') == set()
        assert ids("race") == {len(statements) - 1}


def test_query_terms_are_index_words(small: Taxonomy) -> None:
    assert small.query_terms("money") == ["cannot afford", "fund", "pai"]
    highlighted = {text for _, text in small.query("money").iter_all_terms()}
    assert highlighted == {"cannot", "afford", "fund", "pai"}  # not "attent" of the exclusion
    with pytest.raises(KeyError):
        small.query("nope")


# -- the file format, validation and archive overrides -------------------------------------------


def test_archive_file_replaces_adds_extends_and_disables(tmp_path: Path) -> None:
    make(tmp_path, """
[topics.money]
label = "Money (ours)"
terms = ["levy"]

[topics.health]
add_terms = ["wellness"]
exclude = ["wellness retreat"]

[topics.sport]
disabled = true

[topics.transit_strike]
label = "Transit strike"
description = "The 2024 bus drivers' walkout."
terms = ["bus drivers"]
""")
    taxonomy = load_taxonomy(tmp_path)
    assert taxonomy.keys.index("money") == load_taxonomy().keys.index("money")
    assert taxonomy["money"].label == "Money (ours)"
    # money is the archive's own now: its terms decide it, not the model
    assert "money" in taxonomy.tag("A new levy was agreed.")
    assert "money" not in taxonomy.tag("The district cannot afford it.")
    assert "money" in load_taxonomy().tag("The district cannot afford it.")
    assert "health" in taxonomy.tag("A wellness plan for staff.")
    assert "health" not in taxonomy.tag("A wellness retreat.")
    assert "health" in taxonomy.tag("Hospitals are full.")  # the default terms are kept
    assert "sport" not in taxonomy
    assert taxonomy.keys[-1] == "transit_strike"
    assert taxonomy.tag("Bus drivers met on Monday.") == ["transit_strike"]


def test_load_reloads_when_the_archive_file_changes(tmp_path: Path) -> None:
    path = make(tmp_path, '[topics.zoo]\nlabel = "Zoo"\nterms = ["zoo"]\n')
    assert "zoo" in load_taxonomy(tmp_path)
    path.write_text('[topics.zoo]\nlabel = "Zoo"\nterms = ["zoo"]\n[topics.sport]\n'
                    'disabled = true\n', encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert "sport" not in load_taxonomy(tmp_path)
    assert "sport" in load_taxonomy(None)


@pytest.mark.parametrize(("text", "expected"), [
    ('[topics.money\nlabel = "x"', r"not valid TOML: .*line 1"),
    ('[topics.money]\nlabel = "x"\nterm = ["fund"]\n', r":1: topic 'money': unknown field 'term'"),
    ('\n[topics.zoo]\nterms = ["zoo"]\n', r":2: topic 'zoo': a topic with terms needs a label"),
    ('[topics.zoo]\nlabel = "Zoo"\nterms = "zoo"\n', r"'zoo': terms must be a list"),
    ('[topics.zoo]\nlabel = "Zoo"\nterms = []\n', r"'zoo': terms is empty"),
    ('[topics.zoo]\nlabel = "Zoo"\nterms = ["the"]\n', r"term 'the' has no word"),
    ('[topics.zoo]\nlabel = "Zoo"\nterms = ["can\'t afford"]\n', r"keeps only the index word"),
    ('[topics.Zoo]\nlabel = "Zoo"\nterms = ["zoo"]\n', r"topic 'Zoo': a key is lower-case"),
    ('[topics.zoo]\nadd_terms = ["zoo"]\n', r"'zoo': no such topic to change"),
    ('[topics.zoo]\ndisabled = true\n', r"'zoo': cannot disable a topic that does not exist"),
    ('[topics.money]\ndisabled = "yes"\n', r"'money': disabled must be true or false"),
    ('[money]\nlabel = "x"\n', r"unknown top-level key 'money'"),
])
def test_bad_file_gives_a_clear_error(tmp_path: Path, text: str, expected: str) -> None:
    path = make(tmp_path, text)
    with pytest.raises(TaxonomyError, match=expected) as error:
        load_taxonomy(tmp_path)
    assert str(error.value).startswith(str(path))


def test_shipped_file_reads_on_its_own() -> None:
    topics = read_topics_file(DEFAULT_FILE)
    assert topics and all(topic.source == str(DEFAULT_FILE) for topic in topics)


# -- the model ---------------------------------------------------------------------------------


def test_model_reads_meaning_beyond_the_term_lists(default: Taxonomy, terms: Taxonomy) -> None:
    statement = "Democratic groups are outpacing Republicans in super PAC fundraising"
    assert "campaign_finance" in default.tag(statement)
    assert "money" in default.tag(statement)  # campaign_finance is within money


def test_narrower_topic_implies_the_broader_one(tmp_path: Path) -> None:
    make(tmp_path, """
[topics.school_meals]
label = "School meals"
terms = ["school lunch"]
within = "education"
""")
    taxonomy = load_taxonomy(tmp_path, model=False)
    assert taxonomy.tag("The school lunch menu changed.") == ["education", "school_meals"]
    reasons = taxonomy.explain("The school lunch menu changed.")
    assert ("school_meals", "school lunch") in reasons and ("education", "school") in reasons


def test_within_must_name_a_topic_key(tmp_path: Path) -> None:
    make(tmp_path, '[topics.zoo]\nlabel = "Zoo"\nterms = ["zoo"]\nwithin = "Not a key"\n')
    with pytest.raises(TaxonomyError, match="within must be the key of another topic"):
        load_taxonomy(tmp_path)


def test_every_model_tag_is_explained(default: Taxonomy) -> None:
    for statement in LIGHTFOOT_MONEY + LIGHTFOOT_OTHER:
        tags = default.tag(statement)
        explained = {topic for topic, _ in default.explain(statement)}
        assert set(tags) <= explained, statement
        for match in default.matches(statement):
            assert 0 <= match.start < match.end <= len(statement)


def test_short_statement_is_tagged_by_its_context(default: Taxonomy) -> None:
    context = "Asked whether Iran is complying with the nuclear deal, the secretary said no."
    assert default.scores("no", context)["foreign"] > default.scores("no")["foreign"] + 2


def test_tag_lines_gives_one_line_per_input_and_reports_bad_lines(default: Taxonomy) -> None:
    from onrecord.topics.taxonomy import tag_lines

    lines = ['{"text": "the district simply cannot afford it"}', "not json",
             '{"text": 3}', '{"text": "No.", "context": "Can the city pay more? No."}']
    out = list(tag_lines(lines, default))
    assert len(out) == 4
    first = json.loads(out[0][0])
    assert "money" in first["topics"] and first["why"]["money"][0]["term"] == "afford"
    assert out[1][1].startswith("line 2:") and "error" in json.loads(out[1][0])
    assert out[2][1].startswith("line 3:")
    assert out[3][1] is None


def test_polls_and_voting_are_narrower_filters_within_elections(default: Taxonomy) -> None:
    poll = "Clinton leads Trump by four points in the latest national poll"
    assert {"polls", "elections"} <= set(default.tag(poll))
    delegates = "Sanders needs to win 67 percent of the remaining delegates and superdelegates"
    assert {"voting", "elections"} <= set(default.tag(delegates))
    attack = "Trump called Clinton a liar who lacks the temperament to be president"
    assert "polls" not in default.tag(attack) and "voting" not in default.tag(attack)


# -- batches and margins -------------------------------------------------------------------------


def test_tag_many_gives_what_tag_gives_one_at_a_time(default: Taxonomy) -> None:
    paragraph = ("Asked whether the city can pay more, she said no. The union wants smaller "
                 "classes and more nurses.")
    items = [(text, paragraph) for text in [*LIGHTFOOT_MONEY, *LIGHTFOOT_OTHER, "no", "No."]]
    items += [(text, None) for text in LIGHTFOOT_MONEY]
    # a batch is one article: each statement alone, given the same article, is tagged the same
    assert default.tag_many(items) == [default.tag_many([item], items)[0] for item in items]
    # tag() reads a statement as an article of its own
    assert [default.tag_many([item])[0] for item in items] == [
        default.tag(text, context) for text, context in items]
    assert default.tag_many([]) == []


def test_a_statement_is_read_with_its_article(default: Taxonomy) -> None:
    """What the rest of the article is about moves a statement that says little itself."""
    statement = ("That is simply not acceptable to us.", None)
    budget = [statement, *((text, None) for text in LIGHTFOOT_MONEY)]
    foreign = [statement, ("The Iran nuclear deal was negotiated with our allies.", None),
               ("Russia and China have vetoed the resolution on Syria.", None)]
    alone = default.scores(*statement)
    with_budget = default.scores_many(budget)[0]
    with_foreign = default.scores_many(foreign)[0]
    assert with_budget["money"] > alone["money"] + 0.5
    assert with_foreign["foreign"] > alone["foreign"] + 0.5
    assert with_budget["money"] > with_foreign["money"] + 0.5


def test_a_topic_given_with_the_article_is_explained(default: Taxonomy) -> None:
    """Search shows why a record has a topic given at ingest, where its article counted."""
    items = [(text, None) for text in [*LIGHTFOOT_MONEY, *LIGHTFOOT_OTHER]]
    for (text, _), scored in zip(items, default.scored_many(items), strict=True):
        explained = {topic for topic, word in default.explain(text, None, list(scored)) if word}
        assert set(scored) <= explained, text


def test_scored_many_gives_margins_and_broader_topics(default: Taxonomy) -> None:
    statement = "Super PACs and big donors have poured millions into his campaign."
    scored = default.scored_many([(statement, None)])[0]
    assert list(scored) == default.tag(statement)
    margins = default.scores(statement)
    for key, score in scored.items():
        assert score >= 0
        if key in margins and margins[key] >= 0:
            assert score == pytest.approx(margins[key])
    # money is given through campaign_finance (within money) even if the model's own money
    # margin is lower: it takes the clearer of the two
    assert scored["money"] >= scored["campaign_finance"]


def test_topic_search_ranks_clear_cases_first() -> None:
    from onrecord.index import document, make_schema, topic_terms
    from onrecord.search import TopicExpander, _parse

    records = [{"id": "weak", "text": "Talks went on all night.", "topics": ["money"],
                "topic_scores": {"money": 0.3}},
               {"id": "clear", "text": "The district cannot pay more.", "topics": ["money"],
                "topic_scores": {"money": 6.2}},
               {"id": "none", "text": "Bus drivers met.", "topics": []}]
    assert topic_terms(records[1]) == ["money"] * 4
    assert topic_terms({"topics": ["money"]}) == ["money"]  # records from before the scores
    index = RamStorage().create_index(make_schema())
    with index.writer() as writer:
        for record in records:
            writer.add_document(**document(record))
    taxonomy = load_taxonomy()
    with index.searcher() as searcher:
        for text in ("money", "topic:money"):
            query = _parse(text, TopicExpander.from_taxonomy(taxonomy)).query
            found = [json.loads(hit["record"])["id"] for hit in searcher.search(query)]
            assert found == ["clear", "weak"]
