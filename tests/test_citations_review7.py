"""What using the exports as a reporter found at archive scale (session 7), on real quotes.

The quotes and roles are as PolNeAR's articles have them (quoted here, never read from
``../shared``); the seed archive gives the rest.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from onrecord.export import export
from tests.helpers import needs_pandoc

ACCESSED = dt.date(2026, 12, 6)


def trump_booing() -> dict:
    """A quote whose role as written ("PM", from a time stamp) is no role: the speaker
    registry's normalised role is empty."""
    return {
        "id": "hp-booing", "kind": "direct",
        "text": "They're booing because I don\u2019t want their money",
        "speaker": "Donald Trump", "speaker_kind": "person", "speaker_id": "donald-trump",
        "role": "PM", "speaker_role": None,
        "title": "The Latest GOP Debate Kicked Off In The Most Awkward Way",
        "source": "The Huffington Post", "author": "Paige Lavender",
        "published": "2016-02-07", "date": "2016-02-07", "url": None,
    }


def sanders() -> dict:
    return {
        "id": "nyt-sanders", "kind": "indirect",
        "text": "the system is rigged against ordinary Americans",
        "speaker": "Bernie Sanders", "speaker_kind": "person", "speaker_id": "bernie-sanders",
        "role": "Vermont Sen.", "speaker_role": "Vermont Senator",
        "title": "Sanders and allies aim to shape the Democratic platform",
        "source": "The New York Times", "author": None,
        "published": "2016-04-26", "date": "2016-04-26", "url": None,
    }


@pytest.mark.parametrize("fmt", ["ris", "biblatex", "bibtex"])
def test_reference_manager_note_shows_the_role_the_pages_show(fmt) -> None:
    text = export([trump_booing(), sanders()], fmt, accessed=ACCESSED)
    assert "Donald Trump: " in text and "PM" not in text
    assert "Bernie Sanders (Vermont Senator): " in text and "Vermont Sen." not in text


def test_csl_json_note_shows_the_role_and_custom_keeps_the_role_written() -> None:
    items = json.loads(export([trump_booing(), sanders()], "csl-json", accessed=ACCESSED))
    assert [item["note"].split(":")[0] for item in items] == [
        "Donald Trump", "Bernie Sanders (Vermont Senator)"]
    assert [item["custom"]["role"] for item in items] == ["PM", "Vermont Sen."]


@needs_pandoc
@pytest.mark.parametrize("fmt", ["chicago", "apa"])
def test_pasted_citation_names_the_role_the_pages_show(fmt) -> None:
    text = export([trump_booing(), sanders()], fmt, accessed=ACCESSED)
    assert "\u2014 Donald Trump\n" in text
    assert "\u2014 Bernie Sanders, Vermont Senator\n" in text
    assert ", PM" not in text and "Sen.\n" not in text


def test_the_outlets_own_name_as_byline_is_an_unsigned_article() -> None:
    """Breitbart News signs some of its articles "Breitbart News": 62 quotes of PolNeAR."""
    from onrecord.citations.items import byline_names

    assert byline_names("Breitbart News", "Breitbart News") == []
    assert byline_names("By BREITBART NEWS", "Breitbart News") == []
    assert byline_names("AP", "Breitbart News") == [{"literal": "AP"}]  # an agency signs
    assert byline_names("CBS 2 Chicago Staff", "CBS 2 Chicago") == [
        {"literal": "CBS 2 Chicago Staff"}]


@needs_pandoc
def test_an_outlet_signed_article_names_the_outlet_once() -> None:
    record = {
        "id": "bb-chatwal", "kind": "direct", "speaker": "Sant Singh Chatwal",
        "speaker_kind": "person",
        "text": "When they are in need of money, the money you give, then they are always "
                "for you. That\u2019s the only way to buy them.",
        "title": "Exclusive Excerpt\u2013Dinesh D\u2019Souza\u2019s \u2018Stealing America,\u2019 "
                 "Part 3",
        "source": "Breitbart News", "author": "Breitbart News", "published": "2015-11-19",
    }
    note = export([record], "chicago", accessed=ACCESSED).splitlines()[2]
    assert note.count("Breitbart News") == 1, note
    assert note.startswith("Note: Sant Singh Chatwal, quoted in \u201cExclusive Excerpt")
