"""Identity across the archive: surnames, Mr./Mrs., Jr., groups named after a person, given
names alone, and roles as a model (docs/speakers.md, "Matching rules")."""

from __future__ import annotations

from onrecord.speakers import build_registry
from onrecord.speakers.roles import normalise_role
from tests.speaker_fixtures import q


def _ids(out):
    return [quote.speaker_id for quote in out]


def _many(article: str, name: str, n: int, **kw):
    return [q(article, f"Statement number {i} by {name} here.", name, **kw) for i in range(n)]


def test_bare_surname_joins_the_person_the_archive_quotes_far_more_often():
    quotes = [
        *_many("a1", "Donald Trump", 12, date="2016-05-01"),
        *_many("a2", "Eric Trump", 2, date="2016-05-02"),
        q("a3", "We will win big.", "Trump", written="Mr. Trump", date="2016-05-03"),
        # In Eric's own article, "Trump" is Eric.
        q("a2", "My father is a great man.", "Trump", date="2016-05-02"),
    ]
    registry, out = build_registry(quotes)
    assert out[14].speaker == "Donald Trump"
    assert out[15].speaker == "Eric Trump"
    assert {s.name for s in registry} == {"Donald Trump", "Eric Trump"}


def test_gender_keeps_mr_clinton_from_hillary_clinton():
    quotes = [
        *_many("a1", "Hillary Clinton", 10, date="2016-05-01"),
        *_many("a2", "Bill Clinton", 2, date="2016-05-02"),
        q("a3", "I was a good president.", "Clinton", written="Mr. Clinton", date="2016-05-03"),
        q("a4", "I will be a good president.", "Clinton", written="she", date="2016-05-03"),
    ]
    _, out = build_registry(quotes)
    assert out[12].speaker == "Bill Clinton"
    assert out[13].speaker == "Hillary Clinton"


def test_junior_is_never_his_father():
    quotes = [
        *_many("a1", "Donald Trump", 5, date="2016-05-01"),
        q("a2", "My father will win.", "Donald Trump Jr.", date="2016-05-02"),
        q("a3", "Dad is right.", "Trump Jr.", date="2016-05-03"),
        q("a4", "A great day.", "Donald Trump", date="2016-05-04"),
    ]
    registry, out = build_registry(quotes)
    assert out[5].speaker_id == out[6].speaker_id != out[0].speaker_id
    assert out[7].speaker_id == out[0].speaker_id
    assert "Donald Trump Jr." not in registry.get(out[0].speaker_id).aliases


def test_middle_name_and_initial_join_without_role_or_date_evidence():
    quotes = [
        q("a1", "Walls work.", "Donald J. Trump", role="GOP front-runner", date="2011-01-01"),
        q("a2", "We will build it.", "Donald Trump", role="One of Mr.", date="2016-05-01"),
    ]
    registry, out = build_registry(quotes)
    assert len(registry) == 1 and out[0].speaker_id == out[1].speaker_id


def test_a_group_named_after_a_person_is_never_that_person():
    quotes = [
        *_many("a1", "Donald Trump", 3),
        q("a2", "He tells it like it is.", "Supporters of Republican Donald Trump"),
        q("a3", "We are confident.", "Aides to Donald Trump"),
        q("a4", "We are ready.", "Donald Trump's campaign", speaker_kind="person"),
    ]
    registry, out = build_registry(quotes)
    trump = out[0].speaker_id
    assert all(quote.speaker_id != trump for quote in out[3:])
    assert registry.get(trump).aliases == {"Donald Trump": 3}


def test_a_given_name_alone_is_resolved_in_its_article_or_stays_there():
    quotes = [
        q("a1", "The deal is done.", "Bob Menendez", date="2016-01-01"),
        q("a1", "We voted no.", "Bob", date="2016-01-01"),
        q("a2", "It rained.", "Bob", date="2016-01-02"),
        q("a3", "It snowed.", "Bob", date="2016-01-03"),
    ]
    _, out = build_registry(quotes)
    assert out[1].speaker == "Bob Menendez"
    assert out[2].speaker_id != out[3].speaker_id  # two articles, no evidence they are one


def test_aliases_are_name_forms_and_references_are_folded():
    quotes = [
        q("a1", "One.", "Lori Lightfoot", written="Mayor Lori Lightfoot"),
        q("a1", "Two.", "Lori Lightfoot", written="The mayor"),
        q("a1", "Three.", "Lori Lightfoot", written="the mayor"),
        q("a2", "Four.", "Lori Lightfoot", written="She"),
        q("a2", "Five.", "Lori Lightfoot", written="she"),
    ]
    registry, _ = build_registry(quotes)
    [speaker] = list(registry)
    assert speaker.aliases == {"Lori Lightfoot": 5}
    assert speaker.references == {"the mayor": 2, "she": 2}


def test_roles_are_normalised_and_junk_is_never_a_role():
    assert normalise_role("GOP presidential candidate Dr.").label == (
        "Republican presidential candidate"
    )
    assert normalise_role("GOP presidential candidate").affiliation == "Republican"
    assert normalise_role("Texas Sen.").label == "Texas Senator"
    # a title alone before a name ("Sen. Ted Cruz", "Pres. Obama") is the office it abbreviates
    assert [normalise_role(r).label for r in ("Sen.", "Sens.", "Rep.", "Gov.", "Pres.")] == [
        "Senator", "Senator", "Representative", "Governor", "President"
    ]
    assert normalise_role("Sen.").office == "Senator"
    for junk in ("speaking to reporters Tuesday on her plane en route to Tampa", "board saw",
                 "Dr.", "Mr.", "Strategists for", "younger", "PM", "Neither", "Republicans",
                 "One of Mr.", "Year", "representative for the", "Rival",
                 "Republican presidential hopefuls",
                 "State and Democratic presidential frontrunner"):
        assert normalise_role(junk) is None, junk


def test_speaker_roles_fold_duplicates_and_drop_junk():
    quotes = [
        q("a1", "One.", "Ted Cruz", role="Texas Sen.", date="2016-01-01"),
        q("a2", "Two.", "Ted Cruz", role="Texas Senator", date="2016-02-01"),
        q("a3", "Three.", "Ted Cruz", role="speaking Tuesday", date="2016-03-01"),
    ]
    registry, out = build_registry(quotes)
    [speaker] = list(registry)
    assert [(r.role, r.office, r.first, r.last, r.count) for r in speaker.roles] == [
        ("Texas Senator", "Senator", "2016-01-01", "2016-02-01", 2)
    ]
    assert [quote.speaker_role for quote in out] == ["Texas Senator", "Texas Senator", None]
    assert out[2].role == "speaking Tuesday"  # the role as written stays on the record


def test_a_bare_surname_said_more_often_than_the_other_full_name_in_its_article_is_the_archives():
    quotes = [
        *_many("a1", "Hillary Clinton", 10, date="2016-05-01"),
        q("a2", "I was president once.", "Bill Clinton", date="2016-05-02"),
        *_many("a2", "Clinton", 3, date="2016-05-02"),
    ]
    _, out = build_registry(quotes)
    assert out[10].speaker == "Bill Clinton"
    assert {quote.speaker for quote in out[11:]} == {"Hillary Clinton"}


def test_a_group_written_around_a_persons_name_is_the_group():
    quotes = [
        *_many("a1", "Donald Trump", 3),
        q("a2", "The bathroom law is right.", "Donald Trump",
          written="Supporters of Republican Donald Trump", role="Supporters of Republican"),
    ]
    registry, out = build_registry(quotes)
    assert out[3].speaker == "Supporters of Republican Donald Trump"
    assert out[3].speaker_id != out[0].speaker_id
    assert registry.get(out[3].speaker_id).kind == "group"
