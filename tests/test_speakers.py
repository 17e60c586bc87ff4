"""The speaker registry: one identity per person across articles, suggestions for the rest."""

from __future__ import annotations

import pytest

from onrecord.speakers import (
    SpeakerNotFound,
    build_registry,
    find_speaker,
    list_speakers,
    suggest,
)
from onrecord.speakers.names import edit_distance, parse_person, strip_titles
from onrecord.speakers.roles import split_role
from tests.speaker_fixtures import q

# The two seed articles (archive/*.txt), reduced to the quotes attribution should find.
WLS = "000_f52bc5f2a411ac12"
CBS = "003_cdc591f935bf55c3"
_WLS = {"date": "2019-10-10", "source": "WLS-TV (ABC7 Chicago)"}
_CBS = {"date": "2019-10-21", "source": "CBS 2 Chicago"}


def seed_quotes():
    return [
        q(WLS, "the two sides still remain far apart on the big issues", "Lori Lightfoot",
          written="Mayor Lori Lightfoot", role="Mayor", kind="indirect", **_WLS),
        q(WLS, "The session that I was in was not a negotiation session per se, but it was an "
          "opportunity for me to speak to members and also for me to hear from members",
          "Miguel del Valle", written="Del Valle", role="Board of Education President", **_WLS),
        q(WLS, "both sides realize they are running out of time", "Del Valle",
          kind="indirect", **_WLS),
        q(WLS, "It can be avoided if they give it to us in writing", "Carrene Beverly-Bass",
          role="a teacher and negotiator for the CTU", **_WLS),
        q(WLS, "We have a mayor who is dangling pay in front of us and saying take the pay and "
          "shut up about school conditions", "Jesse Starkey", role="CTU President", **_WLS),
        q(WLS, "If she puts it in writing I think we can resolve this", "Jesse Starkey",
          written="Starkey", **_WLS),
        q(WLS, "We think that we have actually put a very important financial package on the "
          "table", "Lori Lightfoot", written="Lightfoot", **_WLS),
        q(WLS, "there has been progress, just not on the big issues", "Lori Lightfoot",
          written="the mayor", kind="indirect", **_WLS),
        q(CBS, "the Chicago Public Schools do not have the money to increase the offers they "
          "already made", "Lori Lightfoot", written="Mayor Lori Lightfoot", kind="indirect",
          **_CBS),
        q(CBS, "Beyond what we put on the table, there is no more money", "Lori Lightfoot",
          written="the mayor", **_CBS),
        q(CBS, "That's not going to happen", "Alison Eichhorn", role="teacher", **_CBS),
        q(CBS, "CPS has made a commitment in its contract proposal to provide one nurse and one "
          "social worker in each school", "Lightfoot", kind="indirect", **_CBS),
        q(CBS, "We now have contract language that will protect counselors' ability to "
          "actually counsel our students", "Jennifer Johnson", role="Chief of Staff for CTU",
          **_CBS),
        q(CBS, "There needs to be an increased sense of urgency on the part of CTU", "Lightfoot",
          **_CBS),
        q(CBS, "Rev. Jackson is a respected resident of our city and great statesman for our "
          "nation", "Sharkey", **_CBS),
        q(CBS, "bringing in a mediator at this stage in contract talks would only further delay "
          "negotiations", "Lighftoot", kind="indirect", **_CBS),
        q(CBS, "When you've got a complicated matter like this, and you're down to the final "
          "strokes", "Lori Lightfoot", written="she", **_CBS),
    ]


def test_seeds_lightfoot_is_one_speaker_with_every_statement():
    quotes = seed_quotes()
    registry, out = build_registry(quotes)
    lightfoot = find_speaker(registry, "Lightfoot")
    assert lightfoot.name == "Lori Lightfoot"
    her_names = {"Lori Lightfoot", "Lightfoot", "Lighftoot"}
    expected = [i for i, quote in enumerate(quotes) if quote.speaker in her_names]
    assert len(expected) == 9
    assert [i for i, quote in enumerate(out) if quote.speaker_id == lightfoot.id] == expected
    assert all(out[i].speaker == "Lori Lightfoot" for i in expected)
    assert set(lightfoot.articles) == {WLS, CBS}
    assert {"Lori Lightfoot", "Lightfoot", "Lighftoot"} <= set(lightfoot.aliases)
    assert "Mayor Lori Lightfoot" not in lightfoot.aliases  # a name form, not a role
    assert lightfoot.references == {"the mayor": 2, "she": 1}
    assert sum(lightfoot.aliases.values()) == len(expected)


def test_seeds_del_valle_is_miguel_del_valle_with_his_role():
    registry, out = build_registry(seed_quotes())
    speaker = find_speaker(registry, "Del Valle")
    assert speaker.name == "Miguel del Valle"
    assert [(r.role, r.organisation, r.first) for r in speaker.roles] == [
        ("Board of Education President", "Board of Education", "2019-10-10")
    ]
    assert sum(1 for quote in out if quote.speaker_id == speaker.id) == 2


def test_seeds_starkey_sharkey_is_a_suggestion_not_a_merge():
    registry, _ = build_registry(seed_quotes())
    starkey = find_speaker(registry, "Jesse Starkey")
    sharkey = find_speaker(registry, "Sharkey")
    assert starkey.id != sharkey.id
    pairs = {frozenset((s.a, s.b)): s for s in suggest(registry)}
    suggestion = pairs[frozenset((starkey.id, sharkey.id))]
    assert suggestion.evidence["edit_distance"] == 1
    assert suggestion.evidence["a_dates"][0] == "2019-10-10"
    assert suggestion.evidence["days_apart"] == 11
    assert "edit distance 1" in suggestion.describe()


def test_title_and_full_name_forms_are_one_speaker_across_articles():
    quotes = [
        q("a1", "We will balance the budget this year.", "Lori Lightfoot", date="2019-05-01"),
        q("a2", "The city cannot afford it.", "Mayor Lori Lightfoot", date="2019-06-01"),
        q("a3", "Our schools come first.", "LORI LIGHTFOOT", date="2019-07-01"),
    ]
    registry, out = build_registry(quotes)
    assert len(registry) == 1
    speaker = next(iter(registry))
    assert speaker.name == "Lori Lightfoot"
    assert speaker.id == "lori-lightfoot"
    # Aliases are name forms, case-folded: the title and the capitals are not another name.
    assert speaker.aliases == {"Lori Lightfoot": 3}
    assert {quote.speaker for quote in out} == {"Lori Lightfoot"}


def test_clintons_are_two_speakers_and_bare_clinton_stays_apart():
    quotes = [
        q("a1", "I did not have a plan for that.", "Bill Clinton", role="former president",
          date="2016-03-01"),
        q("a2", "We are stronger together.", "Hillary Clinton", role="Democratic nominee",
          date="2016-09-01"),
        q("a3", "It was a long campaign.", "Clinton", date="2016-11-09"),
    ]
    registry, out = build_registry(quotes)
    names = {s.name for s in registry}
    assert names == {"Bill Clinton", "Hillary Clinton", "Clinton"}
    with pytest.raises(SpeakerNotFound) as error:
        find_speaker(registry, "Clinton")
    assert sorted(error.value.suggestions) == ["Bill Clinton", "Clinton", "Hillary Clinton"]
    bare = next(s for s in registry if s.name == "Clinton")
    reasons = {(s.a_name, s.b_name, s.reason) for s in suggest(registry)}
    assert {frozenset(r[:2]) for r in reasons} == {
        frozenset(("Clinton", "Bill Clinton")), frozenset(("Clinton", "Hillary Clinton"))
    }
    assert all(r[2] == "ambiguous surname" for r in reasons)
    assert out[2].speaker_id == bare.id


def test_bare_surname_joins_when_role_makes_it_unambiguous():
    quotes = [
        q("a1", "Class sizes are too big.", "Jesse Sharkey", role="CTU President",
          date="2019-09-01"),
        q("a2", "The parks need staff.", "Maria Sharkey", role="park district gardener",
          date="2019-09-05"),
        q("a3", "We will strike on Thursday.", "Sharkey", role="president of the CTU",
          date="2019-10-12"),
    ]
    registry, out = build_registry(quotes)
    assert out[2].speaker == "Jesse Sharkey"
    assert len(registry) == 2


def test_bare_surname_with_conflicting_role_or_far_in_time_stays_separate():
    quotes = [
        q("a1", "Class sizes are too big.", "Jesse Sharkey", role="CTU President",
          date="2019-09-01"),
        q("a2", "The bridge will open in May.", "Sharkey", role="city engineer",
          date="2019-09-03"),
        q("a3", "Nothing has changed since the strike.", "Sharkey", date="2031-01-01"),
    ]
    registry, out = build_registry(quotes)
    assert out[1].speaker == "Sharkey" and out[2].speaker == "Sharkey"
    [suggestion] = suggest(registry)
    assert suggestion.reason.startswith("surname only")
    assert suggestion.evidence["b_roles"] == ["city engineer"] or suggestion.evidence[
        "a_roles"] == ["city engineer"]


def test_same_surname_two_people_in_one_article_stays_ambiguous():
    quotes = [
        q("a1", "The union stands firm.", "Jesse Sharkey", role="CTU President",
          date="2019-10-01"),
        q("a1", "My classroom has 40 children.", "Ann Sharkey", role="teacher",
          date="2019-10-01"),
        q("a1", "We are ready.", "Sharkey", date="2019-10-01"),
    ]
    registry, out = build_registry(quotes)
    assert out[2].speaker == "Sharkey"
    assert len(registry) == 3
    assert {s.reason for s in suggest(registry)} == {"ambiguous surname"}


def test_misspelt_surname_inside_one_article_joins_the_full_name():
    quotes = [
        q("a1", "We will not reopen the contract.", "Lori Lightfoot", date="2019-10-21"),
        q("a1", "A mediator would only delay things.", "Lighftoot", date="2019-10-21"),
        q("a2", "It was a good week for the city.", "Lighftoot", date="2019-10-28"),
    ]
    registry, out = build_registry(quotes)
    assert out[1].speaker == "Lori Lightfoot"
    # Across articles a misspelling is never merged silently.
    assert out[2].speaker == "Lighftoot"
    assert [s.reason for s in suggest(registry)] == ["similar surname"]


def test_similar_full_names_across_articles_are_suggested():
    quotes = [
        q("a1", "We have a mayor who is dangling pay.", "Jesse Starkey", role="CTU President",
          date="2019-10-10"),
        q("a2", "We welcome his participation.", "Jesse Sharkey", role="CTU President",
          date="2019-10-21"),
    ]
    registry, _ = build_registry(quotes)
    assert len(registry) == 2
    [suggestion] = suggest(registry)
    assert suggestion.reason == "similar spelling"
    assert suggestion.evidence["edit_distance"] == 1
    assert suggestion.evidence["shared_role_words"] == ["ctu", "president"]


def test_initial_joins_full_first_name_and_acronym_joins_organisation():
    quotes = [
        q("a1", "Budgets are tight.", "Lori Lightfoot", date="2019-10-01"),
        q("a2", "Budgets are still tight.", "L. Lightfoot", date="2019-10-02"),
        q("a3", "We want smaller classes.", "Chicago Teachers Union",
          speaker_kind="organisation", date="2019-10-03"),
        q("a4", "We will strike.", "CTU", speaker_kind="organisation", date="2019-10-04"),
    ]
    registry, out = build_registry(quotes)
    assert [quote.speaker for quote in out] == [
        "Lori Lightfoot", "Lori Lightfoot", "Chicago Teachers Union", "Chicago Teachers Union"
    ]
    assert find_speaker(registry, "ctu").kind == "organisation"


def test_list_speakers_filters_by_kind_and_orders_by_statements():
    quotes = [
        q("a1", "One.", "Ann Bramlett", date="2019-10-01"),
        q("a1", "Two.", "Ann Bramlett", date="2019-10-01"),
        q("a1", "Three.", "SEIU Local 73", speaker_kind="organisation", date="2019-10-01"),
        q("a1", "Four.", "union members", speaker_kind="group", date="2019-10-01"),
    ]
    registry, _ = build_registry(quotes)
    assert [s.name for s in list_speakers(registry)][0] == "Ann Bramlett"
    assert [s.name for s in list_speakers(registry, kind="organisation")] == ["SEIU Local 73"]
    assert len(list_speakers(registry, top=2)) == 2


def test_input_quotes_are_not_changed():
    quotes = [q("a1", "Budgets are tight.", "Mayor Lori Lightfoot", date="2019-10-01")]
    build_registry(quotes)
    assert quotes[0].speaker == "Mayor Lori Lightfoot"
    assert quotes[0].speaker_id is None


def test_name_helpers():
    assert strip_titles("CTU President Jesse Starkey") == "Jesse Starkey"
    assert strip_titles("Board of Education President Miguel del Valle") == "Miguel del Valle"
    assert strip_titles("President") == "President"
    assert parse_person("Miguel del Valle").surname == "del valle"
    assert parse_person("Del Valle").is_bare
    assert parse_person("Martin Luther King Jr.").surname == "king"
    assert edit_distance("lightfoot", "lighftoot") == 1
    assert edit_distance("starkey", "sharkey") == 1
    assert split_role("CTU President") == ("President", "CTU")
    assert split_role("Chief of Staff for CTU") == ("Chief of Staff", "CTU")


def test_nickname_and_middle_initial_join_the_fuller_name():
    quotes = [
        q("a1", "Folks, this is a big deal.", "Joseph R. Biden", role="Vice President",
          date="2016-03-01"),
        q("a2", "We will finish the job.", "Joe Biden", role="vice president", date="2016-04-01"),
        q("a3", "I am not running.", "Biden", date="2016-05-01"),
    ]
    registry, out = build_registry(quotes)
    assert len(registry) == 1
    assert {quote.speaker_id for quote in out} == {next(iter(registry)).id}


def test_sentence_leftovers_before_a_name_are_not_part_of_it():
    quotes = [
        q("a1", "We are stronger together.", "Hillary Clinton", date="2016-09-01"),
        q("a2", "I will fight for you.", "Rival Hillary Clinton", date="2016-09-02"),
        q("a3", "We need a fair tax code.", "al Ted Cruz", date="2016-09-03"),
        q("a4", "Washington is broken.", "Ted Cruz", date="2016-09-04"),
    ]
    registry, out = build_registry(quotes)
    assert [quote.speaker for quote in out] == [
        "Hillary Clinton", "Hillary Clinton", "Ted Cruz", "Ted Cruz"
    ]


def test_affiliation_does_not_contradict_an_office_and_abbreviations_match():
    quotes = [
        q("a1", "The bill protects workers.", "Benjamin L. Cardin", role="Democrat",
          date="2016-07-13"),
        q("a2", "We have the votes.", "Cardin", role="Senator", date="2016-07-20"),
        q("a3", "Vermont needs broadband.", "Peter Welch", role="Representative",
          date="2016-03-15"),
        q("a4", "The farm bill is late.", "Welch", role="Rep.", date="2016-03-20"),
    ]
    _, out = build_registry(quotes)
    assert out[1].speaker == "Benjamin L. Cardin"
    assert out[3].speaker == "Peter Welch"


def test_plural_party_names_are_groups_not_surnames():
    quotes = [
        q("a1", "We will win in November.", "Democrats", date="2016-07-01"),
        q("a2", "Our nominee is ready.", "Iowa Democrat", date="2016-07-02"),
    ]  # attribution called both a person (the fixture's default kind)
    registry, out = build_registry(quotes)
    assert registry.get("democrats").kind == "group"
    # a described group speaks in its article only, and its speaker's name says which
    assert registry.get(out[1].speaker_id).kind == "group"
    assert registry.get(out[1].speaker_id).name.startswith("Iowa Democrat (")
    assert [quote.speaker for quote in out] == ["Democrats", "Iowa Democrat"]


def test_names_without_letters_stay_apart_and_capitalised_particles_stay():
    quotes = [
        q("a1", "Turnout was low.", "123", speaker_kind="group", date="2019-01-01"),
        q("a2", "Turnout was high.", "—", speaker_kind="group", date="2019-01-02"),
        q("a3", "We won the pennant.", "St. Louis Cardinals", speaker_kind="organisation",
          date="2019-01-03"),
    ]
    _, out = build_registry(quotes)
    assert out[0].speaker_id != out[1].speaker_id
    assert out[2].speaker == "St. Louis Cardinals"
