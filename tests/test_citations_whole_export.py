"""An export is one document: numbers and "2019a/2019b" hold across all its records.

pandoc used to render exports in batches of 200, so a numeric style counted 1..200 and started
again, and two works by one author were told apart only when they fell into the same batch.
"""

from __future__ import annotations

import re

import pytest

from onrecord.citations import engine, formatted
from onrecord.citations.engine import CitationEngineError
from onrecord.citations.formatted import format_citations
from onrecord.citations.items import to_csl_item
from onrecord.citations.styles import export_xml, resolve_style
from onrecord.export import export

try:
    engine.find_pandoc()
    HAVE_PANDOC = True
except CitationEngineError:
    HAVE_PANDOC = False
pytestmark = pytest.mark.skipif(not HAVE_PANDOC, reason="pandoc (pypandoc-binary) missing")

# More records than the old batch (200) and than render.lua's writer chunk (500).
COUNT = 530

# A small numeric style, written for this test: "[n]" in the text, "[n] Title." in the list,
# numbered in order of first citation, as IEEE and Vancouver number.
NUMERIC_CSL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info>
    <title>Numbered test style</title>
    <id>http://example.org/styles/numbered-test</id>
    <updated>2026-11-25T00:00:00+00:00</updated>
  </info>
  <citation collapse="citation-number">
    <sort><key variable="citation-number"/></sort>
    <layout delimiter=", ">
      <group prefix="[" suffix="]"><text variable="citation-number"/></group>
    </layout>
  </citation>
  <bibliography>
    <layout suffix=".">
      <text variable="citation-number" prefix="[" suffix="] "/>
      <text variable="title"/>
    </layout>
  </bibliography>
</style>
"""


def article_quote(number: int, **fields) -> dict:
    """A quote from article ``number``, each article with its own byline and headline."""
    return {
        "id": f"q{number:04d}", "kind": "direct", "text": f"Statement number {number}.",
        "speaker": f"Ann Speaker{number}", "speaker_kind": "person",
        "title": f"Council votes on budget item {number}", "source": "Daily Ledger",
        "author": f"Reporter Number{number}", "published": "2019-05-01", **fields,
    }


@pytest.fixture
def numeric_style(tmp_path):
    path = tmp_path / "numbered-test.csl"
    path.write_text(NUMERIC_CSL, encoding="utf-8")
    return str(path)


def test_numeric_style_numbers_the_whole_export(numeric_style) -> None:
    records = [article_quote(i) for i in range(COUNT)]
    got = format_citations(records, numeric_style)
    expected = [f"Ann Speaker{i}, quoted in [{i + 1}]" for i in range(COUNT)]
    assert [c.citation for c in got] == expected
    assert got[-1].reference == f"[{COUNT}] Council votes on budget item {COUNT - 1}."


def test_quotes_from_one_article_share_its_number(numeric_style) -> None:
    records = [article_quote(i) for i in range(COUNT)]
    # a second quote from article 3, far down the export: same work, same number
    records.insert(400, {**article_quote(3), "id": "again", "text": "Another statement."})
    got = format_citations(records, numeric_style)
    numbers = [int(re.search(r"\[(\d+)\]", c.citation).group(1)) for c in got]
    assert numbers[400] == numbers[3] == 4
    assert got[400].reference == got[3].reference
    assert numbers[401] == 401  # article 400 is the 401st work cited
    assert max(numbers) == COUNT


def test_year_suffixes_hold_across_the_export() -> None:
    records = [article_quote(i) for i in range(COUNT)]
    # two works by one reporter in one year, 450 records apart, and the first quoted again
    records[10]["author"] = records[460]["author"] = "Dana Whitfield"
    records[460]["published"] = "2019-09-30"
    records.append({**records[10], "id": "again", "speaker": "Someone Else"})
    got = format_citations(records, "apa")
    assert got[10].citation == "(Speaker10, as cited in Whitfield, 2019a)"
    assert got[460].citation == "(Speaker460, as cited in Whitfield, 2019b)"
    assert got[-1].citation == "(Else, as cited in Whitfield, 2019a)"
    assert got[10].reference.startswith("Whitfield, D. (2019a, May 1).")
    assert got[460].reference.startswith("Whitfield, D. (2019b, September 30).")
    assert "2019a" not in got[11].citation + got[11].reference


def test_export_text_numbers_match_format_citations(numeric_style) -> None:
    records = [article_quote(i) for i in range(3)]
    text = export(records, "csl", style=numeric_style)
    assert "In-text: Ann Speaker2, quoted in [3]" in text
    assert "Reference: [3] Council votes on budget item 2." in text


def test_short_titles_that_collide_give_way_to_full_titles() -> None:
    close = {**article_quote(1, author=None), "title": "Strike talks: union says deal is close"}
    far = {**article_quote(2, author=None), "title": "Strike talks: union says deal is far"}
    other = {**article_quote(3, author=None), "title": "Budget 2020: what the city plans"}
    got = format_citations([close, far, other], "mla")
    assert [c.citation for c in got] == [
        "(qtd. in “Strike Talks: Union Says Deal Is Close”)",
        "(qtd. in “Strike Talks: Union Says Deal Is Far”)",
        "(qtd. in “Budget 2020”)",
    ]


def test_year_suffixes_match_citeprocs_own(monkeypatch) -> None:
    """onrecord assigns year suffixes itself and renders in batches (for speed and memory);
    the text must be what citeproc gives for the export as one document."""
    monkeypatch.setattr(formatted, "BATCH", 7)
    records = []
    for i in range(60):
        year = 2017 + i % 3
        records.append(article_quote(
            i, published=f"{year}-0{1 + i % 9}-1{i % 10}",
            # bylines repeat within a year, and a third of the articles have none
            author=None if i % 3 == 0 else f"Reporter Number{i % 4}",
            source=["Daily Ledger", "Evening Post"][i % 2],
            title=f"{['Budget', 'Schools', 'Transit'][i % 3]} vote number {i}",
        ))
    for style_name in ("apa", "chicago-author-date"):
        style = resolve_style(style_name)
        xml = export_xml(style.path, style.note)
        assert formatted.year_suffixes_apply(xml)
        items = [to_csl_item(r) for r in records]
        for item in items:
            del item["note"], item["custom"]
        formatted._keep_short_titles_apart(items)
        refs, ids = formatted._work_items(items)
        cites = [{"id": i, "prefix": style.quoted_in(r)}
                 for i, r in zip(ids, records, strict=True)]
        citeproc = engine.render(refs, cites, xml)  # citeproc's own year suffixes
        got = format_citations(records, style_name)
        assert [(c.citation, c.reference) for c in got] == [
            (c["citation"], c["reference"]) for c in citeproc
        ]
        assert any(re.search(r"20\d\dc\b", c.citation) for c in got)


def test_suffix_letters() -> None:
    assert [formatted.suffix_letters(n) for n in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa",
    ]
