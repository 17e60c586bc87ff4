"""Record -> bibliographic item: names, dates, notes."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.citations.items import (
    byline_names,
    date_parts,
    quote_note,
    split_name,
    surname,
    title_short,
    to_csl_item,
)
from onrecord.export import export


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Lori Lightfoot", {"given": "Lori", "family": "Lightfoot"}),
        ("Miguel del Valle", {"given": "Miguel", "family": "Valle",
                              "non-dropping-particle": "del"}),
        ("Ludwig van der Rohe", {"given": "Ludwig", "family": "Rohe",
                                 "non-dropping-particle": "van der"}),
        ("Jan Łukasiewicz", {"given": "Jan", "family": "Łukasiewicz"}),
        ("Cher", {"family": "Cher"}),
        ("Martin Luther King Jr.", {"given": "Martin Luther", "family": "King", "suffix": "Jr."}),
        ("Lightfoot, Lori", {"family": "Lightfoot", "given": "Lori"}),
    ],
)
def test_split_name(name: str, parts: dict) -> None:
    assert split_name(name) == parts


def test_surname_keeps_particles() -> None:
    assert surname("Miguel del Valle") == "del Valle"
    assert surname("Lori Lightfoot") == "Lightfoot"
    assert surname("Cher") == "Cher"


def test_byline_names() -> None:
    assert byline_names("By Jane Doe and John Roe") == [
        {"given": "Jane", "family": "Doe"}, {"given": "John", "family": "Roe"},
    ]
    assert byline_names("CBS 2 Chicago Staff") == [{"literal": "CBS 2 Chicago Staff"}]
    assert byline_names("  ") == []
    assert byline_names(None) == []


@pytest.mark.parametrize(
    ("byline", "outlet", "names"),
    [   # bylines as PolNeAR's outlets print them
        ("Heidi M. Przybyla, USA TODAY", "USA Today", [("Heidi M.", "Przybyla")]),
        ("Erin Kelly, @ErinVKelly, USA TODAY", "USA Today", [("Erin", "Kelly")]),
        ("Aamer Madhani, and Kevin Johnson, USA TODAY", "USA Today",
         [("Aamer", "Madhani"), ("Kevin", "Johnson")]),
        ("Joe Gerth, The (Louisville, Ky.) Courier-Journal", "USA Today", [("Joe", "Gerth")]),
        ("Jonathan Krohn, Special for USA TODAY", "USA Today", [("Jonathan", "Krohn")]),
        ("Ed O'Keefe,John Wagner", "The Washington Post", [("Ed", "O'Keefe"), ("John", "Wagner")]),
        ("By JIM RUTENBERG,Oleg Matsnev and Zachary Wichter contributed research.",
         "The New York Times", [("Jim", "Rutenberg")]),
        ("By ROBERT FRANK. ROBERT FRANK is CNBC wealth editor and the author of ''Richistan.''",
         "The New York Times", [("Robert", "Frank")]),
        ("MAGGIE HABERMAN and RICHARD A. OPPEL JR.", "The New York Times",
         [("Maggie", "Haberman"), ("Richard A.", "Oppel")]),
        ("Martin Luther King, Jr.", None, [("Martin Luther", "King")]),
        ("Doe, Jane", None, [("Jane", "Doe")]),
    ],
)
def test_a_byline_gives_only_the_writers_names(byline, outlet, names) -> None:
    assert [(n.get("given"), n["family"]) for n in byline_names(byline, outlet)] == names


def test_an_agency_byline_is_printed_as_written() -> None:
    assert byline_names("AP", "Breitbart News") == [{"literal": "AP"}]
    assert byline_names("By THE ASSOCIATED PRESS", "The New York Times") == [
        {"literal": "The Associated Press"}
    ]


def test_an_affiliation_is_never_cited_as_a_name() -> None:
    record = {"title": "Clinton takes Pa.", "source": "USA Today", "published": "2016-04-27",
              "author": "Heidi M. Przybyla, USA TODAY", "speaker": "Hillary Clinton",
              "text": "We will win", "kind": "direct"}
    apa = export([record], "apa")
    assert "Przybyla, H. M. (2016" in apa and "U. T." not in apa
    assert "AU  - Przybyla, Heidi M." in export([record], "ris")


@pytest.mark.parametrize(
    ("value", "parts"),
    [("2019-10-21", [2019, 10, 21]), ("2019-10", [2019, 10]), ("2019", [2019]),
     ("2019-13-01", [2019]), ("2019-10-32", [2019, 10]), ("Monday", None), (None, None)],
)
def test_date_parts(value, parts) -> None:
    assert date_parts(value) == parts


def test_quote_note() -> None:
    base = {"text": "No more money.", "speaker": "Lori Lightfoot", "role": "Mayor"}
    assert quote_note(base) == "Lori Lightfoot (Mayor): “No more money.”"
    assert quote_note({**base, "role": None}) == "Lori Lightfoot: “No more money.”"
    assert quote_note({**base, "kind": "indirect"}) == "Lori Lightfoot (Mayor): No more money."
    assert quote_note({**base, "speaker": None, "role": None}) == "“No more money.”"
    assert quote_note({"text": ""}) == ""


def test_to_csl_item_ignores_unknown_keys_and_empty_values() -> None:
    item = to_csl_item(
        {"id": "q1", "text": "Hi.", "title": "T", "source": "S", "url": "",
         "published": "", "surprise": object()},
        accessed=dt.date(2026, 1, 2),
    )
    assert item == {"id": "q1", "type": "article-newspaper", "title": "T",
                    "container-title": "S", "custom": {"quote": "Hi."}, "note": "“Hi.”"}


@pytest.mark.parametrize(
    ("title", "short"),
    [
        # the main title, before a colon, a spaced dash or a bar
        ("Strike talks: union says deal is close", "Strike talks"),
        ("Teachers strike — day 4 brings no deal", "Teachers strike"),
        ("“No more money”: Lightfoot holds firm", "“No more money”"),
        # a long main title: its first four words, no initial article, no dangling word
        ("Chicago teachers strike heads into fourth day as mayor says there is no more money",
         "Chicago teachers strike heads"),
        ("The mayor of Chicago speaks out on schools", "mayor of Chicago speaks"),
        ("Lightfoot says strike must end now, as talks resume", "Lightfoot says strike"),
        ("Budget vote delayed, council says", "Budget vote delayed"),
        # short titles stay as they are, initial article included
        ("The strike is over", "The strike is over"),
        ("  A  short   one ", "A short one"),
        ("", ""),
    ],
)
def test_title_short(title: str, short: str) -> None:
    assert title_short(title) == short


def test_csl_item_has_a_short_title_only_when_it_differs() -> None:
    long = to_csl_item({"id": "a", "title": "Strike talks: union says deal is close"})
    assert long["title-short"] == "Strike talks"
    assert "title-short" not in to_csl_item({"id": "b", "title": "Strike ends"})
