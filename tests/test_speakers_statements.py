"""The same statement in several articles: one statement, several occurrences."""

from __future__ import annotations

from onrecord.speakers import also_in_articles, assign_statements, build_registry, normalise
from tests.speaker_fixtures import q

MONEY = "Beyond what we put on the table, there is no more money."


def test_equal_after_normalising_is_one_statement_dated_by_its_earliest_occurrence():
    quotes = [
        q("cbs", MONEY, "Lori Lightfoot", source="CBS 2 Chicago", date="2019-10-21",
          title="Teachers strike heads into fourth day"),
        q("wls", "“Beyond what we put on the table — there is NO more money”", "Lori Lightfoot",
          source="WLS-TV", date="2019-10-20"),
        q("sun", "beyond what we put on the table there is no more money", "Lightfoot",
          source="Sun-Times", date="2019-10-22"),
    ]
    registry, out = build_registry(quotes)
    assert len({quote.statement_id for quote in out}) == 1
    assert [quote.canonical for quote in out] == [False, True, False]
    earliest = out[1]
    assert {o["article"] for o in earliest.also_in} == {"cbs", "sun"}
    assert also_in_articles(earliest) == 2
    cbs = next(o for o in earliest.also_in if o["article"] == "cbs")
    assert cbs == {"article": "cbs", "source": "CBS 2 Chicago", "date": "2019-10-21",
                   "title": "Teachers strike heads into fourth day", "quote": out[0].id}
    speaker = next(iter(registry))
    assert (speaker.quotes, speaker.statements) == (3, 1)


def test_a_quote_contained_in_a_longer_one_is_the_same_statement():
    longer = ("There are not unlimited resources to fund everything in a single contract that "
              "the CTU wishes. The money that we have at the table is all there is.")
    quotes = [
        q("a1", longer, "Lori Lightfoot", date="2019-10-21"),
        q("a2", "The money that we have at the table is all there is", "Lori Lightfoot",
          date="2019-10-22"),
    ]
    _, out = build_registry(quotes)
    assert out[0].statement_id == out[1].statement_id
    assert out[0].canonical and not out[1].canonical


def test_short_quotes_only_dedup_when_equal():
    quotes = [
        q("a1", "No.", "Lori Lightfoot", date="2019-10-21"),
        q("a2", "No. We will not reopen the contract and we will not make up the days.",
          "Lori Lightfoot", date="2019-10-22"),
    ]
    _, out = build_registry(quotes)
    assert out[0].statement_id != out[1].statement_id
    assert out[0].canonical and out[1].canonical
    assert out[0].also_in == [] and out[1].also_in == []


def test_same_words_from_different_speakers_are_different_statements():
    quotes = [
        q("a1", "We want a fair contract for every school in this city.", "Jesse Sharkey",
          date="2019-10-01"),
        q("a2", "We want a fair contract for every school in this city.", "Alison Eichhorn",
          date="2019-10-02"),
        q("a3", "We want a fair contract for every school in this city.", None,
          date="2019-10-03"),
    ]
    _, out = build_registry(quotes)
    assert out[0].statement_id != out[1].statement_id
    # An unattributed occurrence joins one of them, never both.
    assert out[2].statement_id in {out[0].statement_id, out[1].statement_id}


def test_statement_ids_are_stable_across_rebuilds_and_input_order():
    quotes = [
        q("a1", MONEY, "Lori Lightfoot", date="2019-10-21"),
        q("a2", MONEY, "Lori Lightfoot", date="2019-10-22"),
        q("a3", "Teachers deserve a raise, and they will get one.", "Lori Lightfoot",
          date="2019-10-23"),
    ]
    _, first = build_registry(quotes)
    _, second = build_registry(list(reversed(quotes)))
    assert {(x.id, x.statement_id, x.canonical) for x in first} == {
        (x.id, x.statement_id, x.canonical) for x in second
    }


def test_normalise_folds_case_punctuation_accents_and_whitespace():
    assert normalise("  “Café—OPEN,”  she's   here! ") == normalise("cafe open shes here")
    assert normalise("It’s") == normalise("its")


def test_assign_statements_works_on_plain_records():
    quotes = [q("a1", MONEY, None, date="2019-10-21"), q("a2", MONEY, None, date="2019-10-20")]
    assign_statements(quotes)
    assert quotes[0].statement_id == quotes[1].statement_id
    assert [x.canonical for x in quotes] == [False, True]
