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


def test_a_programme_title_after_a_quotation_is_not_part_of_the_statement() -> None:
    by_text = run(
        "''Obama doesn't get along with Putin,'' he said on ABC's ''This Week.'' ''Putin "
        "can't stand our president and it's causing us difficulty.''"
    )
    assert not any("This Week" in text for text in by_text)
    assert any(text.startswith("Obama doesn't get along with Putin") for text in by_text)


def test_titles_after_a_noun_that_introduces_them_are_no_statements() -> None:
    by_text = run(
        "''It is more likely than not,'' said Adam Segal, the author of ''Hacked World "
        "Order,'' who studies China. Mr. Segal said he had read ''The Art of the Deal.''"
    )
    assert "It is more likely than not" in by_text
    assert not any("Hacked World Order" in text for text in by_text)
    # the book is part of what he said he read, never a statement of its own
    assert "The Art of the Deal." not in by_text and "The Art of the Deal" not in by_text


def test_a_short_quoted_sentence_after_a_speaker_is_still_speech() -> None:
    # capitalised words after a full stop, not after a title's lead word: speech
    by_text = run(
        "''I endorse nobody,'' Burton told state delegates recently. ''Donald Trump.''"
    )
    assert by_text["I endorse nobody. Donald Trump."].speaker == "Burton"
