"""Reported-statement frames of round 8 (issue 19, kind 6), each on text written the way news
text writes it: headlines "Name: words" whose apostrophes are no quotation marks, "Name to
Audience: words", "made it clear that", "compared X to Y"."""

from __future__ import annotations

from onrecord.attribution import extract
from onrecord.records import Article


def statements(body: str) -> list[tuple[str, str, str | None]]:
    return [
        (q.kind, q.text, q.speaker) for q in extract(Article(id="a1", body=body, date="2016-06-10"))
    ]


def test_an_apostrophe_does_not_make_a_headline_a_direct_quotation() -> None:
    body = (
        "Marco Rubio: I’m Not Interested In Being Vice President.\n\n"
        "WASHINGTON — Sen. Marco Rubio (R-Fla.) on Tuesday ruled out a place on the ticket."
    )
    assert ("indirect", "I’m Not Interested In Being Vice President", "Marco Rubio") in (
        statements(body)
    )


def test_a_headline_quotation_in_single_marks_stays_direct() -> None:
    body = (
        "Gillibrand on Hillary Releasing Her Speech Transcripts: ‘I Think She Will.’\n\n"
        "Sen. Kirsten Gillibrand spoke on Sunday."
    )
    assert ("direct", "I Think She Will", "Kirsten Gillibrand") in statements(body)


def test_a_headline_addressed_to_an_audience_is_the_speakers() -> None:
    body = (
        "Clinton to Planned Parenthood: Trump will reverse Roe v. Wade.\n\n"
        "WASHINGTON, June 10 (UPI) — Presumptive Democratic nominee Hillary Clinton spoke "
        "to the group's convention on Friday."
    )
    assert ("indirect", "Trump will reverse Roe v. Wade", "Hillary Clinton") in statements(body)


def test_made_it_clear_reports_the_clause() -> None:
    body = (
        "In the Post interview, Jane Sanders made it clear that her husband's supporters "
        "won't simply fall in line with the Clinton campaign."
    )
    assert (
        "indirect",
        "her husband's supporters won't simply fall in line with the Clinton campaign",
        "Jane Sanders",
    ) in statements(body)


def test_compared_x_to_y_is_a_statement() -> None:
    body = (
        "Henry compared Trump to former California Gov. Pete Wilson, who supported "
        "Proposition 226, a measure strongly opposed by unions."
    )
    found = statements(body)
    assert any(t.startswith("Trump to former California Gov. Pete Wilson") for _, t, _ in found)


def test_a_comparison_without_an_object_is_no_statement() -> None:
    body = (
        "Trump's numbers among women are low compared to Clinton's. The two men compared "
        "notes on the campaign in a hotel bar."
    )
    assert statements(body) == []


def test_a_given_name_that_is_also_a_role_word_stays_in_the_name() -> None:
    body = (
        "PARIS — The National Front leader Marine Le Pen said on Sunday that France would "
        "leave the euro within a year of her election.\n\n"
        "Dean Baker, an economist at the Center for Economic and Policy Research, said the "
        "markets had already priced in the risk."
    )
    speakers = {text: speaker for _, text, speaker in statements(body)}
    assert speakers["France would leave the euro within a year of her election"] == (
        "Marine Le Pen"
    )
    assert speakers["the markets had already priced in the risk"] == "Dean Baker"


def test_a_role_word_before_a_title_or_a_corps_stays_a_role() -> None:
    body = (
        "Marine Sgt. John Smith said the base was safe. The Marine Corps said it would "
        "review the security of every base."
    )
    speakers = {text: speaker for _, text, speaker in statements(body)}
    assert speakers["the base was safe"] == "John Smith"
    assert speakers["it would review the security of every base"] == "Marine Corps"


def test_a_relative_clause_whose_subject_is_a_plain_noun_phrase_reports() -> None:
    body = (
        "The report cited an internal investigation as identifying Beijing as the likely "
        "perpetrator of the attacks, which the probe said were covered up to protect the "
        "chairman, began in 2010."
    )
    assert ("indirect", "were covered up to protect the chairman", "probe") in statements(body)


def test_a_statement_noun_without_an_owner_still_reports() -> None:
    body = (
        "Election officials in Ohio rejected the suggestion that the machines had been "
        "tampered with before the primary."
    )
    found = statements(body)
    assert any(
        text == "the machines had been tampered with before the primary" and speaker is None
        for _, text, speaker in found
    ), found


def test_a_poll_headline_reports_its_finding_with_no_speaker() -> None:
    body = (
        "Poll: Clinton and Trump in dead heat heading into first debate.\n\n"
        "Hillary Clinton and Donald Trump are virtually tied heading into their first debate, "
        "according to a new Washington Post-ABC News national poll."
    )
    assert ("indirect", "Clinton and Trump in dead heat heading into first debate", None) in (
        statements(body)
    )


def test_an_analysis_headline_is_no_statement() -> None:
    body = "Analysis: The race tightens in Ohio.\n\nThe candidates campaigned there on Monday."
    assert statements(body) == []


def test_according_to_between_an_opening_phrase_and_a_clause_reports_the_clause() -> None:
    body = (
        "Roffman signed a letter of apology. But the next day, according to Roffman, Trump "
        "made further demands. He crossed the border more than 30 years ago after, according "
        "to him, Mexico’s powerful Televisa network censured his first report."
    )
    found = {text: speaker for _, text, speaker in statements(body)}
    assert found.get("Trump made further demands") == "Roffman"
    assert "Mexico’s powerful Televisa network censured his first report" in found
    assert "But the next day" not in found
