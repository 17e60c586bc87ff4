"""Who speaks through a document, and the office written before a name.

Issue 19, kind 5: "according to a report by Politico" gives the report's author, "her account"
its owner; issue 17, item 4: "state Sen. Maria Hernandez, a Democrat from Aurora, said" keeps
the office as the role and the appositive beside it. Each case is text written here the way
news text writes it.
"""

from __future__ import annotations

import pytest

from onrecord.attribution import extract
from onrecord.records import Article


def only(body: str):  # noqa: ANN201 - a Quote
    quotes = extract(Article(id="a1", body=body, date="2016-10-04"))
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize(
    ("source", "speaker"),
    [
        ("a new report by Politico", "Politico"),
        ("a tally by the Associated Press", "Associated Press"),
        ("polling by the A.F.L.-C.I.O.", "A.F.L.-C.I.O."),
        ("the nonpartisan Congressional Budget Office", "Congressional Budget Office"),
        ("the conservative-leaning Tax Foundation", "Tax Foundation"),
        # a source named only by the words that describe it is kept as written
        (
            "a new Washington Post-ABC News national poll",
            "a new Washington Post-ABC News national poll",
        ),
        ("the poll", None),
    ],
)
def test_the_author_of_a_document_speaks_through_it(source: str, speaker: str | None) -> None:
    body = (
        f"The top 1 percent paid 25.4 percent of all federal taxes in 2013, according to {source}."
    )
    assert only(body).speaker == speaker


def test_an_account_speaks_for_its_owner() -> None:
    body = (
        "Connie Mariano wrote a memoir of her time at the White House.\n\n"
        "According to her account, after examining the leg, she insisted that the first lady "
        "go to the hospital for an ultrasound."
    )
    quotes = extract(Article(id="a1", body=body, date="2016-09-14"))
    assert [q.speaker for q in quotes if "ultrasound" in q.text] == ["Connie Mariano"]


def test_a_named_owner_of_a_memoir_speaks() -> None:
    body = (
        "David Axelrod left the White House in 2011.\n\n"
        "The president never doubted the plan, according to Axelrod’s memoir."
    )
    quotes = extract(Article(id="a1", body=body, date="2016-09-14"))
    assert [q.speaker for q in quotes if "plan" in q.text] == ["David Axelrod"]


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "“We will not stop,” state Sen. Maria Hernandez, a Democrat from Aurora, said Tuesday.",
            "state Sen.",
        ),
        (
            "State Sen. Maria Hernandez, a Democrat from Aurora, said the bill was dead.",
            "State Sen.",
        ),
        ("“We will not stop,” said Rep. Maria Hernandez, a Democrat from Aurora.", "Rep."),
    ],
)
def test_the_office_before_a_name_is_the_role_and_the_appositive_is_kept(
    body: str, role: str
) -> None:
    quote = only(body)
    assert quote.speaker == "Maria Hernandez"
    assert quote.role == role
    assert quote.description == "a Democrat from Aurora"


def test_an_appositive_is_the_role_when_no_office_is_written() -> None:
    quote = only("“We will not stop,” said Maria Hernandez, a Democrat from Aurora.")
    assert (quote.role, quote.description) == ("a Democrat from Aurora", None)
