"""Finding a speaker by what a user types; their statements in order; the saved registry."""

from __future__ import annotations

import json

import pytest

from onrecord.speakers import (
    SpeakerNotFound,
    build_registry,
    chronology,
    find_speaker,
    load_registry,
    render_speaker,
    save_registry,
    speaker_card,
)
from tests.speaker_fixtures import q


def archive_quotes():
    return [
        q("late", "We will get our kids back in school.", "Lori Lightfoot", role="Mayor",
          date="2019-10-30", source="Tribune", topics=["education"], start=900),
        q("late", "The strike is over.", "Lori Lightfoot", kind="indirect", date="2019-10-30",
          source="Tribune", topics=["labour"], start=100),
        q("early", "There is no more money for the contract.", "Mayor Lori Lightfoot",
          date="2019-10-10", source="WLS", topics=["education", "budget"]),
        q("undated", "Chicago deserves better schools.", "Lightfoot", source="Blog"),
        q("other", "We sell more cars than ever.", "Bill Clinton", date="2016-01-01"),
        q("other2", "We are stronger together.", "Hillary Clinton", date="2016-09-01"),
        q("old", "Chicago is back.", "Lori Lightfoot", date="2018-05-01", source="Sun-Times"),
    ]


@pytest.fixture
def registry_and_quotes():
    return build_registry(archive_quotes())


@pytest.mark.parametrize(
    "typed", ["Lori Lightfoot", "lori lightfoot", "LIGHTFOOT", "Mayor Lori Lightfoot",
              "lori-lightfoot", "Lightfot", "Lori Lightfooot"]
)
def test_find_speaker_by_name_alias_id_surname_or_typo(registry_and_quotes, typed):
    registry, _ = registry_and_quotes
    assert find_speaker(registry, typed).id == "lori-lightfoot"


def test_ambiguous_surname_raises_with_did_you_mean(registry_and_quotes):
    registry, _ = registry_and_quotes
    with pytest.raises(SpeakerNotFound) as error:
        find_speaker(registry, "clinton")
    assert sorted(error.value.suggestions) == ["Bill Clinton", "Hillary Clinton"]
    assert "did you mean" in str(error.value)


def test_alias_used_far_more_often_for_one_speaker_finds_them():
    quotes = [
        q("a1", "We are stronger together.", "Hillary Rodham Clinton",
          written="Hillary Clinton", date="2016-09-01"),
        q("a2", "Love trumps hate.", "Hillary Rodham Clinton", written="Hillary Clinton",
          date="2016-09-02"),
        q("a3", "Not me, us.", "Hillary Rodham Clinton", written="Hillary Clinton",
          date="2016-09-03"),
        # An attribution slip: the article's words, another speaker.
        q("a4", "Feel the Bern.", "Bernie Sanders", written="Hillary Clinton",
          date="2016-09-04"),
    ]
    registry, _ = build_registry(quotes)
    assert find_speaker(registry, "hillary clinton").name == "Hillary Rodham Clinton"


def test_ambiguous_typo_and_unknown_name(registry_and_quotes):
    registry, _ = registry_and_quotes
    with pytest.raises(SpeakerNotFound) as error:
        find_speaker(registry, "Clintin")
    assert sorted(error.value.suggestions) == ["Bill Clinton", "Hillary Clinton"]
    with pytest.raises(SpeakerNotFound) as error:
        find_speaker(registry, "Zbigniew Brzezinski")
    assert error.value.suggestions == []


def test_chronology_orders_by_date_then_position_undated_last(registry_and_quotes):
    registry, quotes = registry_and_quotes
    speaker = find_speaker(registry, "Lightfoot")
    texts = [quote.text for quote in chronology(speaker, quotes)]
    assert texts == [
        "Chicago is back.",
        "There is no more money for the contract.",
        "The strike is over.",
        "We will get our kids back in school.",
        "Chicago deserves better schools.",
    ]


def test_card_has_aliases_roles_and_counts_by_topic_and_year(registry_and_quotes):
    registry, _ = registry_and_quotes
    card = speaker_card(find_speaker(registry, "Lightfoot"))
    assert card["name"] == "Lori Lightfoot"
    assert card["aliases"] == {"Lori Lightfoot": 4, "Lightfoot": 1}
    assert card["topics"] == {"education": 2, "labour": 1, "budget": 1}
    assert card["years"] == {"2018": 1, "2019": 3}
    assert [(r["role"], r["first"]) for r in card["roles"]] == [("Mayor", "2019-10-30")]
    assert (card["statements"], card["articles"]) == (5, 4)


def test_render_text_json_and_jsonl(registry_and_quotes):
    registry, quotes = registry_and_quotes
    speaker = find_speaker(registry, "Lightfoot")
    statements = chronology(speaker, quotes)
    text = render_speaker(speaker, statements, "text")
    assert text.splitlines()[0] == "Lori Lightfoot (person, id lori-lightfoot)"
    assert "2018-05-01  Sun-Times: \u201cChicago is back.\u201d" in text
    assert "2019-10-30  Tribune: The strike is over." in text
    data = json.loads(render_speaker(speaker, statements, "json"))
    assert [s["date"] for s in data["statements_in_order"]][:2] == ["2018-05-01", "2019-10-10"]
    lines = render_speaker(speaker, statements, "jsonl").splitlines()
    assert json.loads(lines[0])["speaker"]["id"] == "lori-lightfoot"
    assert len(lines) == 1 + len(statements)
    with pytest.raises(ValueError):
        render_speaker(speaker, statements, "xml")


def test_registry_round_trips_through_json(tmp_path, registry_and_quotes):
    registry, _ = registry_and_quotes
    path = tmp_path / "index" / "speakers.json"
    save_registry(registry, path)
    loaded = load_registry(path)
    assert loaded.speakers == registry.speakers
    assert loaded.suggestions == registry.suggestions
    assert find_speaker(loaded, "Lightfot").name == "Lori Lightfoot"


def test_loading_a_registry_of_another_version_says_to_reingest(tmp_path):
    path = tmp_path / "speakers.json"
    path.write_text('{"version": 99, "speakers": []}', encoding="utf-8")
    with pytest.raises(ValueError, match="onrecord ingest"):
        load_registry(path)


def test_an_id_is_exactly_that_speaker_and_says_who_else_shares_the_surname():
    from onrecord.speakers import resolve_speaker

    quotes = [
        *[q("a1", f"Statement {i} about walls.", "Donald Trump", date="2016-05-01")
          for i in range(3)],
        *[q("a2", f"Statement {i} about hotels.", "Eric Trump", date="2016-05-01")
          for i in range(3)],
        # Three Trumps quoted equally often: a bare "Trump" stays its own speaker.
        *[q("a3", f"Statement {i} about golf.", "Ivanka Trump", date="2016-05-01")
          for i in range(3)],
        q("a4", "Something else entirely.", "Trump", date="2016-05-01"),
    ]
    registry, _ = build_registry(quotes)
    match = resolve_speaker(registry, "trump")
    assert (match.speaker.name, match.how) == ("Trump", "id")
    assert "Donald Trump" in match.notice and "id of 'Trump' only" in match.notice
    assert resolve_speaker(registry, "donald-trump").notice is None


def test_reference_alias_and_typo_resolve_with_a_notice(registry_and_quotes):
    from onrecord.speakers import resolve_speaker, speaker_ids

    registry, _ = registry_and_quotes
    quotes = [
        q("m1", "The budget is balanced.", "Lori Lightfoot", written="the mayor"),
        q("m1", "The budget is still balanced.", "Lori Lightfoot"),
    ]
    with_reference, _ = build_registry([*archive_quotes(), *quotes])
    match = resolve_speaker(with_reference, "The Mayor")
    assert (match.speaker.name, match.how) == ("Lori Lightfoot", "reference")
    assert "the mayor" in match.notice.casefold() and "Lori Lightfoot" in match.notice
    typo = resolve_speaker(registry, "Lightfot")
    assert typo.how == "spelling" and "Lori Lightfoot" in typo.notice
    notices: list[str] = []
    assert speaker_ids(registry, ["Lightfot", "lori-lightfoot"], strict=True,
                       notices=notices) == ["lori-lightfoot", "lori-lightfoot"]
    assert len(notices) == 1 and "Lightfot" in notices[0]


def test_a_surname_several_people_share_finds_the_one_written_so_far_more_often():
    from onrecord.speakers import resolve_speaker

    quotes = [
        *[q("a1", f"Statement {i} about walls.", "Donald Trump", written="Trump",
            date="2016-05-01") for i in range(6)],
        q("a2", "Statement about hotels.", "Eric Trump", date="2016-05-01"),
    ]
    registry, _ = build_registry(quotes)
    match = resolve_speaker(registry, "trump")
    assert (match.speaker.name, match.how) == ("Donald Trump", "surname")
    assert "Eric Trump" in match.notice
