"""Round 11: speakers inside their article, found through the identity errors of dev, train
1-444 and the first held-out articles (train 445-661)."""

from __future__ import annotations

from tests.helpers import extract_body
from tests.helpers import speaker_starting as speaker_of


def run(body: str) -> list:
    return extract_body(body, "r11")


def test_a_lone_surname_that_speaks_is_the_he_of_the_next_quotation() -> None:
    # "Cruz" is never written in full; "he" went to Donald Trump, named paragraphs before
    quotes = run(
        "Donald Trump went with the odds, pointing out that North Carolina would win.\n\n"
        "Cruz openly admitted that his pick was politically motivated, looking to the "
        "February 20 primary in South Carolina. “With an eye to February 20th, Carolina,” "
        "he said.\n"
    )
    assert speaker_of(quotes, "his pick") == "Cruz"
    assert speaker_of(quotes, "With an eye") == "Cruz"


def test_a_lone_word_with_no_gendered_pronoun_is_not_adopted() -> None:
    # "ProPublica … said she steered …": the "she" is Clinton, the subject of the statement
    quotes = run(
        "Clinton tends to overstate the significance of her visit to Wall Street. ProPublica "
        "obtained a video of the speech and said she \"steered a middle ground\" with the "
        "executives.\n\n"
        "According to ProPublica, Clinton praised her donors. She also said the turmoil was "
        "not mainly the fault of banks, \"not by a long shot.\"\n"
    )
    assert speaker_of(quotes, "not by a long shot") == "Clinton"


def test_a_name_after_the_is_no_one_a_pronoun_means() -> None:
    # "the Common Core", "the Washington Heights neighborhood": a person's name takes no "the"
    quotes = run(
        "Todd Wilcox, a Sarasota businessman, wants to repeal the Common Core standards. But "
        "the Common Core was rolled out badly, he said.\n\n"
        "Samantha Olivieri, 20, took up skateboarding seven years ago. Then a student living "
        "in the Washington Heights neighborhood, Ms. Olivieri found skating to be a salve, "
        "she said.\n"
    )
    assert speaker_of(quotes, "But the Common Core") == "Todd Wilcox"
    assert speaker_of(quotes, "Then a student") == "Samantha Olivieri"
    # a given name after "the" is still a person: "the Donald Trump campaign"
    quotes = run("Donald Trump spoke first. Aides to the Donald Trump campaign were pleased, "
                 "and he said the polls were wrong.")
    assert speaker_of(quotes, "the polls were wrong") == "Donald Trump"


def test_a_lone_surname_before_it_speaks_is_that_person_already() -> None:
    # "Obama also addressed …" before "…,” Obama stated": the "he" between is Obama's, not
    # Trump's (a name in passing, the only man the article had shown before)
    quotes = run(
        "“That election is going to be rigged,” Trump told Fox News host Sean Hannity.\n\n"
        "Obama also addressed Trump’s general concerns last Thursday, stating state and local "
        "authorities – and not the federal government – are in charge of the election.\n\n"
        "“We do take seriously our responsibilities to monitor the vote,” he added.\n\n"
        "“If we see signs that a voting machine is vulnerable, we inform those authorities,” "
        "Obama stated.\n"
    )
    assert speaker_of(quotes, "We do take seriously") == "Obama"


def test_a_company_named_before_it_speaks_is_not_a_he() -> None:
    # "Carrier's parent", "Carrier workers": not the subject of a sentence, so not adopted
    quotes = run(
        "Mark Weddle, 55, started work at the plant 24 years ago.\n\n"
        "But Carrier's parent company made its choice. ''We've all worked hard,'' he said.\n\n"
        "Carrier said the move was necessary.\n"
    )
    assert speaker_of(quotes, "We've all worked hard") == "Mark Weddle"


def test_a_name_inside_a_prepositional_phrase_does_not_own_the_subject() -> None:
    # "Some of Clinton's longtime allies said": the allies, not Clinton; "Romney's associates
    # said" (the name owns the head) still gives Romney, as the gold reads it
    quotes = run(
        "Hillary Clinton spoke on Tuesday.\n\n"
        "Some of Clinton’s longtime allies said they have come to accept his new position.\n\n"
        "Organizers of the push to boycott Trump's AIPAC speech said they are worried that "
        "Trump could gain legitimacy.\n\n"
        "Romney's associates said he would not run again.\n"
    )
    assert speaker_of(quotes, "they have come") == "Some of Clinton’s longtime allies"
    assert speaker_of(quotes, "they are worried").startswith("Organizers of the push")
    assert speaker_of(quotes, "he would not run") == "Romney"


def test_a_described_source_after_a_quotation_speaks_as_a_whole() -> None:
    quotes = run(
        "Ted Cruz won the Iowa caucuses on Monday night.\n\n"
        "“I think he’ll certainly try to be more friendly with the voters,” another source "
        "familiar with Cruz’s thinking said.\n\n"
        "“We are pleased,” a person close to the campaign said.\n\n"
        "“Should there be a database?” a reporter can be heard asking.\n"
    )
    assert speaker_of(quotes, "I think he’ll") == "another source familiar with Cruz’s thinking"
    assert speaker_of(quotes, "We are pleased") == "a person close to the campaign"
    assert speaker_of(quotes, "Should there be") != "a reporter can be heard"


def test_a_name_and_its_verb_are_no_subject_phrase() -> None:
    # "President Obama passionately rebuked critics who say …": the critics say it
    quotes = run(
        "President Obama passionately rebuked critics who say calling the group radical "
        "Islam would help.\n\n"
        "Trump said Fox executives were calling every day to apologize.\n\n"
        "Some miffed Sanders supporters threaten to cast protest votes.\n"
    )
    assert speaker_of(quotes, "calling the group") == "critics"
    assert all(q.speaker != "Trump said Fox executives" for q in quotes)
    # an adjective in "-ed" after a quantifier is no verb
    assert speaker_of(quotes, "to cast protest votes") == "miffed Sanders supporters"
