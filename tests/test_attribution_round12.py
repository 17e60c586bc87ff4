"""Round 12: speakers inside their article, from the attribution errors of dev, train (the
articles before the second held-out set) and the identity dev files."""

from __future__ import annotations

from tests.helpers import extract_body
from tests.helpers import speaker_starting as speaker_of


def run(body: str) -> list:
    return extract_body(body, "r12")


def test_a_contracted_who_after_a_name_is_that_name() -> None:
    # "who's" / "who’s" read like "who": the name before the comma or the dash
    quotes = run(
        "Other than South Carolina Sen. Lindsey Graham, who's called for 20,000 troops split "
        "between Syria and Iraq, the candidates aren't offering specifics.\n\n"
        "It’s become a major issue in the campaign, with Hillary Clinton — who’s called for "
        "big tax hikes on the rich — lambasting Trump’s plan.\n\n"
        "That effort has been championed by North Dakota RNC Committeeman Curly Haugland, "
        "who’s argued for years that delegates can’t be bound to any particular candidate.\n"
    )
    assert speaker_of(quotes, "20,000 troops") == "Lindsey Graham"
    assert speaker_of(quotes, "big tax hikes") == "Hillary Clinton"
    assert speaker_of(quotes, "that delegates") == "Curly Haugland"


def test_who_right_after_a_name_is_that_name() -> None:
    # a name takes no restrictive relative clause
    quotes = run(
        "Among many references to the scandal was this tweet from Rikkie Wells who tweeted, "
        "“U see @edhenry, @HillaryClinton & staff never, ever pay attention to rules.”\n"
    )
    assert speaker_of(quotes, "U see") == "Rikkie Wells"


def test_who_after_a_comma_and_an_unnamed_phrase_is_no_new_statement() -> None:
    # "Scott's relatives, who asked …": no subject read, so no statement, as before
    quotes = run(
        "Scott's relatives, who asked authorities to show them video of the shooting, "
        "watched it on Thursday.\n"
    )
    assert not any(q.text.startswith("authorities to show") for q in quotes)


def test_a_capitalised_name_and_its_past_tense_verb_are_no_nominal() -> None:
    # "The Post intervened" was read as one nominal (like "The Republican nominee"), which
    # no one resolves: the participle after it had no speaker
    quotes = run(
        "The Washington Post sued to unseal the records. The Post intervened in April, "
        "arguing that Trump's pursuit of the presidency made his business dealings a matter "
        "of public interest.\n\n"
        "Clinton has been unable to shake the email controversy even after the FBI decided "
        "against recommending charges against her in July.\n"
    )
    assert speaker_of(quotes, "Trump's pursuit") == "Washington Post"
    assert speaker_of(quotes, "charges against her") == "FBI"


def test_a_name_in_s_with_the_apostrophe_alone_owns_the_body_after_it() -> None:
    # "Sanders’ campaign" spoke as no one (the owner was dropped, "campaign" resolved to
    # nothing), while "Clinton’s campaign" spoke as written
    quotes = run(
        "Sanders’ campaign called AP’s report a “rush to judgment,” because superdelegates "
        "can change their mind until the July 25 vote. Sanders’ campaign reiterated plans to "
        "try to get superdelegates to back Sanders.\n\n"
        "Sanders' team said the committee appears to skirt legal limits on donations.\n"
    )
    assert speaker_of(quotes, "AP’s report") == "Sanders’ campaign"
    assert speaker_of(quotes, "plans to try") == "Sanders’ campaign"
    assert speaker_of(quotes, "the committee appears") == "Sanders' team"


def test_a_plural_role_in_men_is_a_role_and_a_group() -> None:
    # "the committee chairmen wrote" had no attribution at all ("chairmen" was no role
    # word), and as a singular nominal it would have been the person who spoke last
    quotes = run(
        "FBI Director James Comey said those statements were wrong. “The evidence appears "
        "to contradict her testimony,” the committee chairmen wrote.\n\n"
        "“We have no comment,” the spokesmen said.\n"
    )
    assert speaker_of(quotes, "The evidence appears") == "committee chairmen"
    assert speaker_of(quotes, "We have no comment") == "spokesmen"


def test_a_quotation_answered_by_a_speaker_and_any_verb_is_theirs() -> None:
    # verbs the cue list does not hold, in a frame that is nothing but speaker and verb
    quotes = run(
        "“France will always be France,” an angry Hollande retaliated.\n\n"
        "“Obama said in his speech that Muslims are our sports heroes. What sport is he "
        "talking about?” reacted Trump.\n\n"
        "“Who’s going to pay for it?” Trump asked.\n\n"
        "“Mexico!” the audience screamed back.\n"
    )
    assert speaker_of(quotes, "France will always") == "Hollande"
    assert speaker_of(quotes, "Obama said in his speech") == "Trump"
    assert speaker_of(quotes, "Mexico!") == "audience"


def test_a_quotation_with_more_than_speaker_and_verb_needs_a_cue() -> None:
    quotes = run("“The Apprentice,” Trump hosted for years on NBC, made him famous.\n")
    assert all(q.speaker is None for q in quotes if q.text.startswith("The Apprentice"))


def test_a_capitalised_function_word_is_no_name() -> None:
    # "What Romney has said …", "What do you think of Carson …": a sentence-opening
    # question word joined the name run ("What Romney") or stood as a name ("What")
    quotes = run(
        "Mitt Romney has been quiet in public. What Romney has said privately about Trump it "
        "is a different story, according to former Sen. Jim Talent.\n\n"
        "Ben Carson spoke on Friday. What do you think of Trump’s attack on Carson last "
        "night? What do you think of Carson privately saying “pray for him” in response?\n"
    )
    assert speaker_of(quotes, "privately about Trump") == "Mitt Romney"
    assert speaker_of(quotes, "“pray for him”") == "Ben Carson"


def test_a_participle_right_after_a_quotation_is_the_sentence_subjects() -> None:
    # "… as “fantastic,” telling reporters … that …": "telling" was read as an inverted
    # cue whose speaker follows it ("reporters"), so both quotations had no speaker
    quotes = run(
        "Trump has hailed Britain’s vote to leave the European Union as “fantastic,” telling "
        "reporters during a visit to Scotland on Friday that he thinks the Brexit is “a "
        "great thing.”\n\n"
        "Ken Starr said Clinton's situation reminds him of the 1969 book titled \"The Tragedy "
        "of Lyndon Johnson,\" explaining, \"because what could have been and so there are "
        "certain tragic dimensions of it, which we all lament.\"\n"
    )
    assert all(q.speaker == "Trump" for q in quotes if "great thing" in q.text)
    assert any("great thing" in q.text for q in quotes)
    assert speaker_of(quotes, "because what could") == "Ken Starr"


def test_according_to_right_after_a_quotation_still_names_the_source() -> None:
    quotes = run(
        "“FBI officials overseeing the probe now expect to complete their work in the next "
        "few weeks,” according to CNN.\n"
    )
    assert speaker_of(quotes, "FBI officials") == "CNN"


def test_the_editorial_board_is_the_newspaper_named_before() -> None:
    quotes = run(
        "Nikki Haley should be deported, a provocative headline from the Wall Street Journal "
        "editorial board reads in an article published Wednesday evening.\n\n"
        "Haley, who delivered the GOP response to President Barack Obama’s final State of the "
        "Union address on Tuesday, is an “articulate conservative” who has won two "
        "gubernatorial elections in the state, the editorial board writes.\n\n"
        "“Are we talking about the same Nikki Haley?” the editorial board writes.\n"
    )
    assert speaker_of(quotes, "Are we talking") == "Wall Street Journal"


def test_a_participle_after_a_joined_clause_is_that_clauses_subject() -> None:
    quotes = run(
        "Over the past two weeks, prosecutors charged the officer with murder and Emanuel "
        "fired his police chief, Garry F. McCarthy, acknowledging that significant segments "
        "of the city have lost trust in the force.\n\n"
        "Trump met Clinton and Obama, saying that the talks went well.\n"
    )
    assert speaker_of(quotes, "significant segments") == "Emanuel"
    assert speaker_of(quotes, "the talks went well") == "Trump"


def test_a_long_opening_clause_does_not_hide_the_sentence_subject() -> None:
    # the subject after an opening "After …" clause of more than 14 words was not found, so
    # "a statement" spoke for Gowdy
    quotes = run(
        "After the State Department’s inspector general released a scathing report Wednesday "
        "documenting Clinton’s abuse of federal protocol, Gowdy released a statement "
        "highlighting the role Congress played in uncovering the truth.\n"
    )
    assert speaker_of(quotes, "the role Congress played") == "Gowdy"
