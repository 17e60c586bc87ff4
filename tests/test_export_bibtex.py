"""BibLaTeX and BibTeX export, read back with bibtexparser."""

from __future__ import annotations

import datetime as dt

import bibtexparser
import pytest

from onrecord.citations.bibtex import escape, url_value
from onrecord.export import export

ACCESSED = dt.date(2026, 11, 25)


def record(**changes) -> dict:
    base = {
        "id": "3f2a9c1b7d4e", "kind": "direct",
        "text": "Beyond what we put on the table, there is no more money.",
        "speaker": "Lori Lightfoot", "role": "Mayor", "source": "CBS 2 Chicago",
        "title": "Chicago teachers strike heads into fourth day as mayor says there is no more "
                 "money",
        "published": "2019-10-21", "url": "https://example.org/strike%20day?a=1&b=2",
    }
    return {**base, **changes}


def parse(text: str):
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return library.entries


def test_biblatex_fields() -> None:
    (entry,) = parse(export([record()], "biblatex", accessed=ACCESSED))
    assert entry.entry_type == "article"
    assert entry.key == "lightfoot2019-3f2a9c"
    fields = {f.key: f.value for f in entry.fields}
    assert fields["entrysubtype"] == "newspaper"
    assert fields["shorttitle"] == "Chicago teachers strike heads"
    assert fields["journaltitle"] == "CBS 2 Chicago"
    assert fields["date"] == "2019-10-21"
    assert fields["url"] == "https://example.org/strike%20day?a=1&b=2"
    assert fields["urldate"] == "2026-11-25"
    assert fields["annote"] == (
        "Lori Lightfoot (Mayor): “Beyond what we put on the table, there is no more money.”"
    )
    assert "journal" not in fields


def test_bibtex_fields() -> None:
    (entry,) = parse(export([record()], "bibtex", accessed=ACCESSED))
    fields = {f.key: f.value for f in entry.fields}
    assert fields["journal"] == "CBS 2 Chicago"
    assert fields["year"] == "2019"
    assert fields["month"] == "oct"
    assert fields["title"].startswith("{Chicago teachers") and fields["title"].endswith("money}")
    assert "entrysubtype" not in fields


@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
def test_latex_specials_and_unbalanced_braces(fmt: str) -> None:
    text = r"100% of {the $5 & #1 _fund} ~ ^ \ and } an odd brace {"
    records = [record(text=text, title="A_B {title"), record(id="second000000")]
    entries = parse(export(records, fmt, accessed=ACCESSED))
    assert len(entries) == 2  # the odd brace did not swallow the next entry
    annote = entries[0].fields_dict["annote"].value
    assert annote.count("{") == annote.count("}")
    assert r"100\% of \textbraceleft{}the \$5 \& \#1 \_fund\textbraceright{}" in annote
    assert r"\textasciitilde{} \textasciicircum{} \textbackslash{}" in annote
    assert entries[1].key == "lightfoot2019-second"


def test_escape_round_trip_of_every_special() -> None:
    assert escape("a%b&c#d$e_f{g}h~i^j\\k") == (
        r"a\%b\&c\#d\$e\_f\textbraceleft{}g\textbraceright{}h\textasciitilde{}i"
        r"\textasciicircum{}j\textbackslash{}k"
    )
    assert escape("line one\nline two") == "line one line two"
    assert url_value("https://x.org/a b{c}") == "https://x.org/a%20b%7Bc%7D"


def test_names_unicode_particles_and_organisations() -> None:
    records = [
        record(author="By Miguel del Valle and Jan Łukasiewicz", speaker="Łukasiewicz"),
        record(id="x2", author="Associated Press staff", speaker=None),
    ]
    first, second = parse(export(records, "biblatex"))
    assert first.fields_dict["author"].value == "del Valle, Miguel and Łukasiewicz, Jan"
    assert first.key.startswith("lukasiewicz2019-")
    assert second.fields_dict["author"].value == "{Associated Press staff}"
    assert second.key == "quote2019-x2"


def test_missing_fields_are_left_out() -> None:
    (entry,) = parse(export([record(url=None, published=None, speaker=None, role=None)],
                            "biblatex", accessed=ACCESSED))
    fields = entry.fields_dict
    assert "url" not in fields and "urldate" not in fields and "date" not in fields
    assert fields["annote"].value == "“Beyond what we put on the table, there is no more money.”"
    (year_only,) = parse(export([record(published="2019")], "bibtex"))
    assert year_only.fields_dict["year"].value == "2019"
    assert "month" not in year_only.fields_dict


def test_long_quote() -> None:
    text = "x" * 10_000
    (entry,) = parse(export([record(text=text)], "biblatex"))
    assert text in entry.fields_dict["annote"].value
