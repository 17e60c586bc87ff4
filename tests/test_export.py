"""The export registry and the CSV and JSONL formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from onrecord.export import (
    FORMATS,
    UnknownFormat,
    export,
    export_each,
    get_format,
    media_type,
)
from tests.helpers import HAVE_PANDOC, needs_pandoc


def record(**changes) -> dict:
    base = {
        "id": "3f2a9c1b7d4e", "kind": "direct",
        "text": "Beyond what we put on the table, there is no more money.",
        "speaker": "Lori Lightfoot", "role": "Mayor", "source": "CBS 2 Chicago",
        "title": "Chicago teachers strike heads into fourth day", "published": "2019-10-21",
        "topics": ["strike", "budget"],
    }
    return {**base, **changes}


def test_format_names() -> None:
    assert list(FORMATS) == [
        "chicago", "chicago-author-date", "apa", "mla", "csl", "biblatex", "bibtex", "ris",
        "csl-json", "csv", "jsonl", "opensearch",
    ]


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(UnknownFormat, match="choose one of: chicago, chicago-author-date"):
        get_format("docx")


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown output"):
        export([record()], "apa", output="pdf")
    with pytest.raises(ValueError, match="csl format only"):
        export([record()], "apa", style="nature")
    with pytest.raises(ValueError, match="needs a style"):
        export([record()], "csl")


def test_media_types() -> None:
    assert media_type("apa", "html") == ("text/html; charset=utf-8", "html")
    assert media_type("mla", "markdown") == ("text/markdown; charset=utf-8", "md")
    assert media_type("chicago") == ("text/plain; charset=utf-8", "txt")
    assert media_type("ris", "html") == ("application/x-research-info-systems", "ris")
    assert get_format("bibtex").extension == "bib"


def test_csv_bom_and_formula_injection() -> None:
    records = [record(text="=HYPERLINK(\"http://evil\")", speaker="+1 caller",
                      role="-chair", source="@handle", title="\tTabbed")]
    out = export(records, "csv")
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    (row,) = rows
    assert row["text"] == "'=HYPERLINK(\"http://evil\")"
    assert row["speaker"] == "'+1 caller"
    assert row["role"] == "'-chair"
    assert row["source"] == "'@handle"
    assert row["title"] == "'\tTabbed"
    assert row["topics"] == "strike; budget"


def test_jsonl_keeps_every_key() -> None:
    out = export([record(occurrences_in=["a1"]), record(id="b")], "jsonl")
    lines = out.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["occurrences_in"] == ["a1"]


@needs_pandoc
def test_csl_format_with_a_named_style_matches_that_format() -> None:
    records = [record(), record(id="b", speaker="Miguel del Valle", role=None)]
    assert export(records, "csl", style="apa") == export(records, "apa")


@pytest.mark.parametrize("fmt", ["chicago", "apa", "mla", "biblatex", "bibtex", "ris",
                                 "csl-json", "csv", "jsonl"])
def test_a_bare_record_exports_in_every_format(fmt: str) -> None:
    if FORMATS[fmt].outputs and not HAVE_PANDOC:
        pytest.skip("pandoc (pypandoc-binary) missing")
    bare = {"id": "b1", "text": "We will see.", "kind": "direct"}
    out = export([bare], fmt)
    assert "We will see." in out


@needs_pandoc
def test_export_each_matches_export() -> None:
    records = [record(), record(id="b", speaker="Miguel del Valle", role=None)]
    day = dt.date(2026, 1, 2)
    fmts = ["apa", "mla", "ris", "csl"]
    each = export_each(records, fmts, style="chicago-author-date", output="html", accessed=day)
    assert list(each) == fmts
    for fmt in fmts:
        style = "chicago-author-date" if fmt == "csl" else None
        assert each[fmt] == export(records, fmt, style=style, output="html", accessed=day)
    with pytest.raises(ValueError, match="needs a style"):
        export_each(records, ["csl"])
    with pytest.raises(UnknownFormat):
        export_each(records, ["apa", "docx"])


def test_nothing_to_export_needs_no_pandoc(monkeypatch) -> None:
    monkeypatch.setenv("ONRECORD_PANDOC", "/nonexistent/pandoc")
    assert export([], "apa", output="html") == ""
    assert export([], "csl-json") == "[]\n"
    assert export([], "csv") == "\ufeff" + ",".join(
        ["id", "speaker", "role", "text", "kind", "date", "source", "title", "url", "article",
         "topics", "cue", "published", "author", "speaker_id", "speaker_as_written",
         "confidence"]
    ) + "\r\n"
