"""Identity, fifth round: the archive-wide stage's own errors with the annotators' in-article
speakers on the development files, by general cause (docs/speakers.md, "Fifth round"), and
the junk speakers of the archive-scale web review. Each test uses the articles' wording."""

from __future__ import annotations

import dataclasses

from onrecord.speakers import build_registry
from onrecord.speakers.names import parse_person, strip_titles
from tests.speaker_fixtures import q


def _many(article: str, name: str, n: int, **kw):
    return [q(article, f"Statement number {i} by {name} here.", name, **kw) for i in range(n)]


def test_a_person_named_before_of_and_a_place_is_the_person_not_the_place():
    # nyt_2016-10-02: "Gov. Earl Ray Tomblin of West Virginia"; west-journal_2016-02-17:
    # "Betsy Sharp of Burke County"; "Mr. Morgan of the Sierra Club" beside "Peter Morgan".
    assert strip_titles("Gov. Earl Ray Tomblin of West Virginia") == "Earl Ray Tomblin"
    assert strip_titles("Betsy Sharp of Burke County") == "Betsy Sharp"
    assert parse_person("Mr. Morgan of the Sierra Club").surname == "morgan"
    # an office before "of", and a title after it, are left to the other rules
    assert strip_titles("Secretary of State John Kerry") == "John Kerry"
    assert strip_titles("Board of Education President Miguel del Valle") == "Miguel del Valle"
    quotes = [
        q("a1", "The coal industry polluted the water.", "Peter Morgan", date="2016-10-02"),
        q("a1", "We will keep challenging them.", "Mr. Morgan of the Sierra Club",
          date="2016-10-02"),
        q("a2", "The state will help the miners.", "Gov. Earl Ray Tomblin of West Virginia",
          date="2016-10-02"),
        q("a3", "Tourism is up in the state.", "West Virginia", speaker_kind="organisation",
          date="2016-10-03"),
    ]
    registry, out = build_registry(quotes)
    assert out[0].speaker_id == out[1].speaker_id == "peter-morgan"
    assert out[2].speaker == "Earl Ray Tomblin"
    assert out[3].speaker_id != out[2].speaker_id


def test_al_at_the_start_of_a_name_is_a_given_name():
    # west-journal_2016-02-23: "Al Sharpton" quoted once, "Sharpton" eight times.
    assert parse_person("Al Sharpton").given == ("al",)
    assert parse_person("Bashar al-Assad").surname == "al-assad"
    assert parse_person("Van Hollen").is_bare  # a capitalised particle stays the surname's
    quotes = [
        q("a1", "Bernie Sanders is not ready.", "Al Sharpton", date="2016-02-23"),
        *_many("a1", "Sharpton", 3, date="2016-02-23"),
    ]
    _, out = build_registry(quotes)
    assert {o.speaker for o in out} == {"Al Sharpton"}


def test_a_description_then_a_comma_and_a_full_name_is_that_person():
    # politico_2016-09-22: "An attorney for Pagliano, Mark MacDougall" (attribution names
    # Mark MacDougall); the article then writes "MacDougall".
    quotes = [
        q("a1", "My client will not testify.", "Mark MacDougall",
          written="An attorney for Pagliano, Mark MacDougall", date="2016-09-22"),
        q("a1", "He has invoked his rights.", "MacDougall", date="2016-09-22"),
        q("a2", "Supporters of Donald Trump cheered.", "Donald Trump",
          written="Supporters of Donald Trump", date="2016-09-22"),
        q("a3", "We will win.", "Donald Trump", date="2016-09-22"),
    ]
    _, out = build_registry(quotes)
    assert out[0].speaker == out[1].speaker == "Mark MacDougall"
    assert out[2].speaker_id != out[3].speaker_id  # a group named after a person is not him


def test_mr_and_mrs_under_one_string_in_one_article_are_two_people():
    # nyt_2016-08-22: the foundation article writes "Mr. Clinton" and "Mrs. Clinton", which
    # reach the archive under one string "Clinton".
    quotes = [
        *_many("a1", "Hillary Clinton", 10, date="2016-08-01"),
        *_many("a2", "Bill Clinton", 3, date="2016-08-02"),
        *_many("a3", "Clinton", 3, written="Mr. Clinton", date="2016-08-22"),
        *_many("a3", "Clinton", 2, written="Mrs. Clinton", date="2016-08-22"),
    ]
    _, out = build_registry(quotes)
    assert {o.speaker for o in out[13:16]} == {"Bill Clinton"}
    assert {o.speaker for o in out[16:]} == {"Hillary Clinton"}


def test_a_description_joins_the_person_the_article_writes_it_beside():
    # "the Wisconsin Republican" in an article whose text says "Ryan, a Wisconsin Republican,";
    # "a former Fed governor" says someone no longer is one.
    context = ("Paul Ryan, a Wisconsin Republican, met Trump. Laurence Meyer, a former Fed "
               "governor, disagreed.")
    quotes = [
        dataclasses.replace(x, context=context) for x in [
            q("a1", "We had a productive meeting.", "Paul Ryan", date="2016-05-12"),
            q("a1", "Rates should rise slowly.", "Laurence Meyer", date="2016-05-12"),
            q("a1", "We are not there yet.", "The Wisconsin Republican",
              speaker_kind="group", date="2016-05-12"),
            q("a1", "Inflation is low.", "Fed governor", speaker_kind="group",
              date="2016-05-12"),
        ]
    ]
    _, out = build_registry(quotes)
    assert out[2].speaker_id == out[0].speaker_id == "paul-ryan"
    assert out[3].speaker_id != out[1].speaker_id


def test_junk_speakers_of_the_archive_review():
    # politico_2016-05-23: attribution named "Republicans Jolly" (from "Republicans David
    # Jolly and ..."); politico_2016-05-05: "an operative inside Trump Tower" named "Trump
    # Tower"; "Clinton aides" in two articles were two speakers called alike.
    quotes = [
        q("a1", "I am running for the Senate.", "David Jolly", date="2016-05-23"),
        q("a1", "The race is wide open.", "Republicans Jolly", date="2016-05-23"),
        q("a2", "Ryan will come around.", "Trump Tower", written="operative inside Trump Tower",
          speaker_kind="place", date="2016-05-05"),
        q("a3", "She is ready.", "Clinton aides", speaker_kind="group", source="Politico",
          date="2015-11-29"),
        q("a4", "We expect a long fight.", "Clinton aides", speaker_kind="group",
          source="The Washington Post", date="2016-06-27"),
    ]
    registry, out = build_registry(quotes)
    assert out[1].speaker == "David Jolly"
    assert out[2].speaker == "operative inside Trump Tower"
    assert not registry.get("trump-tower")
    aides = {registry.get(o.speaker_id).name for o in out[3:]}
    assert aides == {"Clinton aides (Politico, 2015-11-29)",
                     "Clinton aides (The Washington Post, 2016-06-27)"}
    assert [o.speaker for o in out[3:]] == ["Clinton aides", "Clinton aides"]


def test_an_acronym_joins_the_organisation_its_article_quotes_when_initials_are_shared():
    # "BLM" beside "Black Lives Matter" in its article; the archive also quotes the Bureau
    # of Land Management, so the initials alone do not decide.
    quotes = [
        q("a1", "Black lives matter.", "Black Lives Matter", speaker_kind="organisation",
          date="2016-02-17"),
        q("a1", "We will march again.", "BLM", speaker_kind="organisation", date="2016-02-17"),
        q("a2", "Grazing fees will rise.", "Bureau of Land Management",
          speaker_kind="organisation", date="2016-01-05"),
        q("a3", "We will not comment.", "BLM", speaker_kind="organisation", date="2016-01-06"),
    ]
    _, out = build_registry(quotes)
    assert out[1].speaker_id == out[0].speaker_id
    assert out[3].speaker_id not in {out[0].speaker_id, out[2].speaker_id}


def test_a_surname_joined_to_the_full_name_its_article_writes_is_called_by_it():
    # nyt_2016-09-03: "Nega" nine times, "Denis McDonough"-style: the article writes the
    # full name ("Edward Klein" for "Klein") but never quotes it; the speaker is called so.
    quotes = [
        dataclasses.replace(x, name_candidates=["Edward Klein"])
        for x in _many("a1", "Klein", 3, date="2016-05-02")
    ]
    registry, out = build_registry(quotes)
    assert registry.get(out[0].speaker_id).name == "Edward Klein"
    assert {o.speaker for o in out} == {"Edward Klein"}


def test_a_headline_given_as_the_name_is_the_person_it_names():
    # "Elizabeth Warren Hammers Wells Fargo", "Conservative Icon Morton Blackwell Endorses":
    # headlines attribution or annotators took for the speaker's name.
    quotes = [
        q("a1", "The bank cheated its customers.", "Elizabeth Warren", date="2016-09-20"),
        q("a2", "You should resign.", "Elizabeth Warren Hammers Wells Fargo", date="2016-09-21"),
        q("a3", "Cruz is a conservative.", "Morton Blackwell", date="2016-03-01"),
        q("a4", "He has my support.", "Conservative Icon Morton Blackwell Endorses",
          date="2016-03-02"),
        q("a5", "I will win.", "Donald Trump", date="2016-03-02"),
        q("a6", "My father will win.", "Donald Trump Jr. Defends His Father",
          date="2016-03-02"),
    ]
    _, out = build_registry(quotes)
    assert out[1].speaker_id == out[0].speaker_id
    assert out[3].speaker_id == out[2].speaker_id
    assert out[5].speaker_id != out[4].speaker_id  # a suffix is part of the name


def test_a_sentences_verb_before_a_title_is_no_part_of_the_role():
    # "Recall Sen. John McCain ..." gave John McCain the role "Recall Senator" (top three).
    from onrecord.speakers.roles import normalise_role

    assert normalise_role("Recall Sen.").label == "Senator"
    assert normalise_role("State Sen.").label == "State Senator"  # "state" is a title word
    assert normalise_role("Texas Sen.").label == "Texas Senator"
