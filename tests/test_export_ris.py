"""RIS export, read back with rispy."""

from __future__ import annotations

import datetime as dt

import rispy

from onrecord.export import export

ACCESSED = dt.date(2026, 11, 25)


def record(**changes) -> dict:
    base = {
        "id": "3f2a9c1b7d4e", "kind": "direct",
        "text": "They made some very, very thoughtful comments.",
        "speaker": "Miguel del Valle", "role": "Board of Education President",
        "source": "WLS-TV (ABC7 Chicago)",
        "title": "CTU says too little progress in contract talks one week before strike date",
        "published": "2019-10-10", "url": "https://example.org/ctu%20talks?a=1&b=2",
        "topics": ["education"],
    }
    return {**base, **changes}


def test_ris_round_trip() -> None:
    text = export([record()], "ris", accessed=ACCESSED)
    (entry,) = rispy.loads(text)
    assert entry["type_of_reference"] == "NEWS"
    assert entry["title"] == record()["title"]
    assert entry["short_title"] == "CTU says too little"
    assert entry["secondary_title"] == "WLS-TV (ABC7 Chicago)"
    assert entry["date"] == "2019/10/10/"
    assert entry["year"] == "2019"
    assert entry["urls"] == ["https://example.org/ctu%20talks?a=1&b=2"]
    assert entry["access_date"] == "2026/11/25/"
    assert entry["notes"] == [
        "Miguel del Valle (Board of Education President): "
        "“They made some very, very thoughtful comments.”"
    ]
    assert entry["keywords"] == ["Miguel del Valle"]


def test_crlf_and_one_value_per_line() -> None:
    text = export([record(text="line one\nline two\r\nline three"), record(id="b")], "ris")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert lines[0] == "TY  - NEWS"
    assert all(line == "" or line[2:6] == "  - " for line in lines)
    assert lines.count("ER  - ") == 2
    first, _ = rispy.loads(text)
    assert first["notes"][0].endswith("“line one line two line three”")


def test_missing_and_partial_fields() -> None:
    bare = record(url=None, published="2019", speaker="Cher", role=None, author="Jan Łukasiewicz")
    (entry,) = rispy.loads(export([bare], "ris", accessed=ACCESSED))
    assert entry["date"] == "2019//"
    assert "urls" not in entry and "access_date" not in entry
    assert entry["authors"] == ["Łukasiewicz, Jan"]
    assert entry["notes"] == ["Cher: “They made some very, very thoughtful comments.”"]
    (undated,) = rispy.loads(export([record(published=None)], "ris"))
    assert "date" not in undated and "year" not in undated


def test_long_quote_stays_on_one_line() -> None:
    text = "word " * 2000
    out = export([record(text=text)], "ris")
    (entry,) = rispy.loads(out)
    assert len(entry["notes"][0]) > 9_900
