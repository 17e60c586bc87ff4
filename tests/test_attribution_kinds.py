"""Issue 19's kinds of speaker error, each on text written here the way news text writes it.

Kind 1: a capitalised word that names no one taken for the speaker (a headline's verb taken
into the name); kind 2: the outlet or platform instead of the person; kind 3: a nearby person
instead of the speaker.
"""

from __future__ import annotations

from onrecord.attribution import extract
from onrecord.records import Article


def speaker_of(body: str, opening: str) -> str | None:
    quotes = extract(Article(id="a1", body=body, date="2016-09-20"))
    found = [q.speaker for q in quotes if q.text.startswith(opening)]
    assert found, [(q.text, q.speaker) for q in quotes]
    return found[0]


def test_a_headline_verb_is_not_part_of_the_name() -> None:
    body = (
        "Elizabeth Warren Hammers Wells Fargo CEO: ‘You Should Be Criminally Investigated.’\n\n"
        "Massachusetts Sen. Elizabeth Warren grilled Wells Fargo CEO John Stumpf on Tuesday "
        "for his role in a scheme in which bankers opened accounts without consent."
    )
    assert speaker_of(body, "You Should Be") == "Elizabeth Warren"


def test_a_headline_says_before_a_colon_is_the_cue() -> None:
    body = (
        "Hillary Clinton Says: ‘We Will Win’\n\n"
        "Hillary Clinton spoke to supporters in Ohio on Monday."
    )
    assert speaker_of(body, "We Will Win") == "Hillary Clinton"


def test_a_role_in_a_headline_name_is_kept_whole() -> None:
    body = (
        "Jeb Bush Super PAC Chief: ‘We Are Not Going Anywhere’\n\n"
        "Mike Murphy, who runs the super PAC backing Jeb Bush, said the group had money left."
    )
    assert speaker_of(body, "We Are Not") != "Jeb Bush"


def test_a_platform_before_a_colon_is_no_speaker() -> None:
    body = (
        "Ted Cruz has kept his distance from Donald Trump.\n\n"
        "On Friday, he joined other Republicans in pouncing on news that the server had handled "
        "messages later deemed “top secret,” saying in a post on Twitter: “The new email "
        "release is a disaster for Hillary Clinton.”"
    )
    assert speaker_of(body, "The new email") != "Twitter"


def test_a_network_before_a_colon_is_no_speaker() -> None:
    body = (
        "“We made a terrible mistake getting involved in the first place,” Donald Trump told "
        "a host in October.\n\n"
        "Then, later that month on CNN: “I’ve never said we made a mistake going in.”"
    )
    assert speaker_of(body, "I’ve never said") != "CNN"


def test_an_indefinite_post_is_not_the_outlet_named_post() -> None:
    body = (
        "The Huffington Post said it would treat the campaign as news.\n\n"
        "That coverage will come with a strong bias, according to a post from Arianna "
        "Huffington, the site's founder."
    )
    assert speaker_of(body, "That coverage") != "Huffington Post"


def test_a_statement_before_a_participle_that_leads_a_quotation_is_kept() -> None:
    """Kind 6 (reported statements missed): "X urged …, saying, “…”" holds two statements."""
    body = (
        "Former Secretary of State Madeleine Albright recently urged women to vote for "
        "Hillary Clinton, saying, “There’s a special place in hell for women who don’t help "
        "each other.”"
    )
    quotes = extract(Article(id="a1", body=body, date="2016-02-07"))
    texts = {q.text: q.speaker for q in quotes}
    assert texts.get("women to vote for Hillary Clinton") == "Madeleine Albright", texts
    assert any(t.startswith("There’s a special place") for t in texts)


def test_said_if_after_an_opening_phrase_reports_the_conditional() -> None:
    body = (
        "Despite challenging the trustworthiness of the Republican majority leader, Cruz said "
        "if elected president he could work effectively with GOP leadership."
    )
    quotes = extract(Article(id="a1", body=body, date="2016-02-07"))
    assert [q.text for q in quotes] == [
        "if elected president he could work effectively with GOP leadership"
    ]
