"""Identity, fourth round: the causes of the splits read on the held-out PolNeAR train articles
445-661 (docs/speakers.md, "Fourth round"). Each test is built on the articles' own wording."""

from __future__ import annotations

import dataclasses

from onrecord.speakers import build_registry
from onrecord.speakers.names import name_key
from onrecord.speakers.registry import guess_kind, names_someone_else
from tests.speaker_fixtures import q


def _many(article: str, name: str, n: int, **kw):
    return [q(article, f"Statement number {i} by {name} here.", name, **kw) for i in range(n)]


def test_a_description_of_someone_else_gives_no_gender_to_the_name_in_it():
    # wash-post_2015-11-16: "a Clinton campaign spokesman" said, attributed to "Clinton"; the
    # spokesman is a man, Clinton is not, so the article's "Clinton" stays Hillary Clinton.
    quotes = [
        *_many("a1", "Hillary Clinton", 12, date="2015-11-01"),
        *_many("a2", "Bill Clinton", 2, date="2015-11-02"),
        q("a3", "The emails were not marked classified.", "Clinton", date="2015-11-16"),
        q("a3", "She turned over every work email.", "Clinton",
          written="a Clinton campaign spokesman", date="2015-11-16"),
        q("a3", "This is a partisan exercise.", "Clinton", date="2015-11-16"),
    ]
    _, out = build_registry(quotes)
    assert {o.speaker for o in out[14:]} == {"Hillary Clinton"}


def test_a_bare_surname_joins_the_quoted_fuller_name_of_the_archives_main_namesake():
    # "Clinton" eight times beside one "Hillary Rodham Clinton" quoted: the same person as
    # the archive's main Clinton, so joined in the article, not left to chance across it.
    quotes = [
        *_many("a1", "Hillary Clinton", 12, date="2015-11-01"),
        *_many("a2", "Bill Clinton", 3, date="2015-11-02"),
        q("a3", "I did not send classified material.", "Hillary Rodham Clinton",
          written="Former secretary of state Hillary Rodham Clinton", date="2015-11-16"),
        *[dataclasses.replace(x, name_candidates=["Hillary Rodham Clinton"])
          for x in _many("a3", "Clinton", 8, date="2015-11-16")],
    ]
    _, out = build_registry(quotes)
    assert len({o.speaker_id for o in out[15:]}) == 1
    assert out[15].speaker_id == out[0].speaker_id


def test_a_namesakes_paragraph_does_not_outweigh_the_archives_person_the_article_writes():
    # wash-post_2016-03-10: a debate article that writes "Hillary Clinton" and "Bill Clinton";
    # the paragraphs of the bare "Clinton"s mention Bill, but they follow no one name.
    context = "Former president Bill Clinton campaigned in Michigan while Clinton debated."
    article = [
        dataclasses.replace(x, context=context, name_candidates=[
            ["Bill Clinton", "Hillary Clinton"], ["Hillary Clinton", "Bill Clinton"]][i % 2])
        for i, x in enumerate(_many("a3", "Clinton", 4, date="2016-03-10"))
    ]
    quotes = [
        *_many("a1", "Hillary Clinton", 20, date="2016-03-01"),
        *_many("a2", "Bill Clinton", 3, date="2016-03-02"),
        *article,
    ]
    _, out = build_registry(quotes)
    assert {o.speaker for o in out[23:]} == {"Hillary Clinton"}
    # the paragraph rule still decides where the article writes only the other person
    frank = [
        *_many("b1", "Barney Frank", 12, date="2016-03-01"),
        *_many("b2", "Thomas Frank", 1, date="2016-03-02"),
        dataclasses.replace(q("b3", "Nobody asked about the working class.", "Frank",
                              date="2016-03-10"),
                            context="The writer Thomas Frank says Democrats lost the plot.",
                            name_candidates=["Thomas Frank"]),
    ]
    _, out = build_registry(frank)
    assert out[-1].speaker == "Thomas Frank"


def test_a_named_organisation_is_not_its_namesake_in_a_paragraph():
    # nyt_2016-08-22: "the Chelsea Clinton Foundation" in the paragraph is no Chelsea Clinton.
    context = "Donors to the Chelsea Clinton Foundation met Mr. Clinton in Kiev."
    quotes = [
        *_many("a1", "Bill Clinton", 12, date="2016-08-01"),
        *_many("a2", "Chelsea Clinton", 2, date="2016-08-02"),
        *_many("a4", "Hillary Clinton", 3, date="2016-08-02"),
        dataclasses.replace(q("a3", "We did nothing wrong.", "Clinton", written="Mr. Clinton",
                              date="2016-08-22"), context=context),
    ]
    _, out = build_registry(quotes)
    assert out[-1].speaker == "Bill Clinton"


def test_a_candidates_camp_or_team_is_the_campaign():
    for name in ("The Clinton camp", "Clinton's team", "The Clinton team",
                 "The Clinton campaign's", "Clinton's presidential campaign"):
        assert name_key(name, "organisation") == "clinton campaign", name
    assert name_key("the Obama administration's", "organisation") == "obama administration"
    assert names_someone_else("Team Clinton")  # still never the person
    # a description around the name is no body ("document: Trump campaign ad" in the gold)
    assert name_key("A new ad from Donald Trump’s presidential campaign",
                    "organisation") != "trump campaign"


def test_a_role_before_a_name_is_that_person_a_relation_is_not():
    # breitbart_2016-02-20: "Kasich's chief strategist John Weaver", "A top strategist, John
    # Weaver" and "Weaver" are one John Weaver, not Sanders's Jeff Weaver.
    assert guess_kind("Kasich’s chief strategist John Weaver") == "person"
    assert not names_someone_else("Kasich’s chief strategist John Weaver")
    for group in ("aides to Hillary Clinton", "lawyers for both Donald and Ivana Trump",
                  "A spokesman for Democratic presidential candidate Hillary Clinton",
                  "Supporters of Republican Donald Trump", "Donald Trump's campaign"):
        assert names_someone_else(group), group
    quotes = [
        *_many("a1", "Jeff Weaver", 10, date="2016-02-01"),
        q("a2", "We are staying in the race.", "Kasich’s chief strategist John Weaver",
          speaker_kind=None, date="2016-02-20"),
        q("a2", "South Carolina was never our state.", "A top strategist, John Weaver",
          speaker_kind=None, date="2016-02-20"),
        q("a2", "We go on to Michigan.", "Weaver", date="2016-02-20"),
    ]
    _, out = build_registry(quotes)
    assert [o.speaker for o in out[10:]] == ["John Weaver"] * 3


def test_a_capitalised_description_before_a_name_is_not_part_of_it():
    # breitbart_2016-01-10: "Conservative Icon Morton Blackwell" beside "Morton Blackwell":
    # one person, so the article's twelve "Blackwell"s join him.
    from onrecord.speakers.names import parse_person

    assert parse_person("Conservative Icon Morton Blackwell").display == "Morton Blackwell"
    assert parse_person("Fox News Sean Hannity").display == "Sean Hannity"
    assert parse_person("Director of National Intelligence James Clapper").key == "james clapper"
    for whole in ("Jeh Charles Johnson", "Hillary Rodham Clinton", "Washington Post Trump"):
        assert parse_person(whole).display == whole
    quotes = [
        q("a1", "Cruz is the real conservative in this race.",
          "Conservative Icon Morton Blackwell", date="2016-01-10"),
        q("a1", "I have known him for years.", "Morton Blackwell", date="2016-01-10"),
        *_many("a1", "Blackwell", 3, date="2016-01-10"),
    ]
    _, out = build_registry(quotes)
    assert {o.speaker for o in out} == {"Morton Blackwell"}


def test_a_person_and_others_is_the_person():
    # wash-post_2016-05-29: "Trump and his attorneys have said ..."
    quotes = [
        *_many("a1", "Donald Trump", 5, date="2016-05-01"),
        q("a2", "The company would return in some form.", "Trump and his attorneys",
          speaker_kind="group", date="2016-05-29"),
        q("a3", "We could not support her.", "Edwards and others", speaker_kind="group",
          date="2016-06-27"),
    ]
    _, out = build_registry(quotes)
    assert out[5].speaker == "Donald Trump"
    assert out[6].speaker == "Edwards"


def test_a_jr_name_is_the_plain_name_only_without_a_father_in_sight():
    # nyt_2016-02-08 writes "James B. Comey Jr., the director of the F.B.I."; elsewhere he is
    # "James B. Comey", FBI Director, and no article writes both: one person. Donald Trump Jr.
    # is written beside his father, so never joined, and a son with another role neither.
    quotes = [
        *_many("a1", "James B. Comey", 4, role="FBI Director", date="2016-07-05"),
        q("a2", "We will take down accounts that promote terrorism.", "James B. Comey Jr.",
          role="director of the Federal Bureau of Investigation", date="2016-02-08"),
        *_many("b1", "Donald Trump", 6, role="Republican presidential nominee",
               date="2016-07-01"),
        dataclasses.replace(q("b2", "My father will win.", "Donald Trump Jr.", role="son",
                              date="2016-07-19"), name_candidates=["Donald Trump"]),
        q("b2", "We will make America great again.", "Donald Trump",
          role="Republican presidential nominee", date="2016-07-19"),
        *_many("c1", "John Smith", 4, role="Ohio Governor", date="2016-07-01"),
        q("c2", "Our hospital is full.", "John Smith Jr.", role="hospital director",
          date="2016-07-02"),
    ]
    _, out = build_registry(quotes)
    assert out[4].speaker_id == out[0].speaker_id
    assert out[11].speaker_id != out[5].speaker_id
    assert out[17].speaker_id != out[13].speaker_id


def test_geoff_is_geoffrey():
    # usa-today_2016-07-18 writes "Geoffrey Garin"; other articles quote "Geoff Garin".
    quotes = [*_many("a1", "Geoff Garin", 3, date="2016-06-01"),
              q("a2", "The convention is Trump's chance.", "Geoffrey Garin", date="2016-07-18")]
    _, out = build_registry(quotes)
    assert len({o.speaker_id for o in out}) == 1
