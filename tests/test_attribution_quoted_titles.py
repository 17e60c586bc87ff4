"""A quoted title or a quotation beside a speaker never becomes part of the speaker's name,
written form or role (the masked quotation's placeholder characters once reached records)."""

from __future__ import annotations

from onrecord.attribution import extract
from onrecord.attribution.assemble import _as_written
from onrecord.attribution.mentions import Mention
from onrecord.attribution.quotes import MASK
from onrecord.records import Article


def run(body: str) -> dict:
    quotes = extract(Article(id="titles", body=body, date="2016-01-18"))
    return {q.text: q for q in quotes}


def test_according_to_an_author_s_quoted_book_is_the_author() -> None:
    by_text = run(
        "The real Mr. Mannix was the general manager of Metro-Goldwyn-Mayer. According to "
        "E. J. Fleming's ''The Fixers: Eddie Mannix, Howard Strickling and the MGM Publicity "
        "Machine'' and other sources, his was an all-purpose job."
    )
    quote = by_text["his was an all-purpose job"]
    assert quote.speaker == "E. J. Fleming"
    assert quote.speaker_as_written == "E. J. Fleming"


def test_a_written_form_that_takes_in_a_quoted_title_falls_back_to_the_name() -> None:
    # "According to ''The Trumps: …,'' by Gwenda Blair, Donald told …" (NYT, 2016-01-04):
    # the source phrase spans the title; the record is written "Gwenda Blair"
    title = MASK * 20
    mention = Mention(40, 52, "Gwenda Blair", "name", written=f"{title} by Gwenda Blair")
    assert _as_written(None, mention) == "Gwenda Blair"
    assert _as_written(f"{title} by Gwenda Blair", mention) == "Gwenda Blair"
    assert _as_written("Ms. Blair", mention) == "Ms. Blair"
    assert _as_written(None, None) is None


def test_a_quotation_before_an_apposition_is_not_part_of_the_role() -> None:
    by_text = run(
        "''He deserved it,'' the assailant, John McGraw, told the television program after "
        "the confrontation, which was captured on video."
    )
    quote = by_text["He deserved it"]
    assert quote.speaker == "John McGraw"
    assert quote.role == "the assailant"
