"""Formatted citations against hand-checked strings for the seed articles' quotes.

Expected strings were checked against the style guides: CMOS 18 14.89-91 (unsigned news article:
the title leads the note, the outlet stands in for the author in the bibliography) and 15.47,
APA 7 9.12 (no author: the title moves to the author position) and 8.6 ("as cited in"), MLA 9
(title leads the works-cited entry, "qtd. in").
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from onrecord.citations import engine
from onrecord.citations.engine import CitationEngineError
from onrecord.citations.formatted import (
    format_citations,
    format_in_styles,
    nest_quotes,
    render_formatted,
    render_in_styles,
)
from onrecord.citations.styles import UnknownStyle, resolve_style
from tests.helpers import needs_pandoc

CBS_TITLE = "Chicago teachers strike heads into fourth day as mayor says there is no more money"
CBS_TITLE_CASE = (
    "Chicago Teachers Strike Heads into Fourth Day as Mayor Says There Is No More Money"
)
WLS_TITLE = "CTU says too little progress in contract talks one week before strike date"
WLS_TITLE_CASE = "CTU Says Too Little Progress in Contract Talks One Week Before Strike Date"
# The short titles in-text citations use (items.title_short, then the style's title case).
CBS_SHORT = "Chicago Teachers Strike Heads"
WLS_SHORT = "CTU Says Too Little"
ACCESSED = dt.date(2026, 11, 25)


def lightfoot() -> dict:
    return {
        "id": "cbs-lightfoot", "kind": "direct",
        "text": "Beyond what we put on the table, there is no more money.",
        "speaker": "Lori Lightfoot", "speaker_kind": "person", "role": "Mayor",
        "source": "CBS 2 Chicago", "title": CBS_TITLE, "published": "2019-10-21",
        "date": "2019-10-21", "author": None, "url": None, "topics": ["strike"],
    }


def del_valle() -> dict:
    return {
        "id": "wls-delvalle", "kind": "direct",
        "text": "They made some very, very thoughtful comments.",
        "speaker": "Miguel del Valle", "speaker_kind": "person",
        "role": "Board of Education President",
        "source": "WLS-TV (ABC7 Chicago)", "title": WLS_TITLE, "published": "2019-10-10",
    }


EXPECTED = {
    "chicago": [
        (
            f"Lori Lightfoot, quoted in “{CBS_TITLE_CASE},” CBS 2 Chicago, October 21, 2019.",
            f"CBS 2 Chicago. “{CBS_TITLE_CASE}.” October 21, 2019.",
        ),
        (
            f"Miguel del Valle, quoted in “{WLS_TITLE_CASE},” WLS-TV (ABC7 Chicago), "
            "October 10, 2019.",
            f"WLS-TV (ABC7 Chicago). “{WLS_TITLE_CASE}.” October 10, 2019.",
        ),
    ],
    "chicago-author-date": [
        (
            "(Lori Lightfoot, quoted in CBS 2 Chicago 2019)",
            f"CBS 2 Chicago. 2019. “{CBS_TITLE_CASE}.” October 21.",
        ),
        (
            "(Miguel del Valle, quoted in WLS-TV (ABC7 Chicago) 2019)",
            f"WLS-TV (ABC7 Chicago). 2019. “{WLS_TITLE_CASE}.” October 10.",
        ),
    ],
    "apa": [
        (
            f"(Lightfoot, as cited in “{CBS_SHORT},” 2019)",
            f"{CBS_TITLE}. (2019, October 21). CBS 2 Chicago.",
        ),
        (
            f"(del Valle, as cited in “{WLS_SHORT},” 2019)",
            f"{WLS_TITLE}. (2019, October 10). WLS-TV (ABC7 Chicago).",
        ),
    ],
    "mla": [
        (
            f"(qtd. in “{CBS_SHORT}”)",
            f"“{CBS_TITLE_CASE}.” CBS 2 Chicago, 21 Oct. 2019.",
        ),
        (
            f"(qtd. in “{WLS_SHORT}”)",
            f"“{WLS_TITLE_CASE}.” WLS-TV (ABC7 Chicago), 10 Oct. 2019.",
        ),
    ],
}


@needs_pandoc
@pytest.mark.parametrize("style", sorted(EXPECTED))
def test_seed_quotes_in_each_style(style: str) -> None:
    got = format_citations([lightfoot(), del_valle()], style, accessed=ACCESSED)
    assert [(c.citation, c.reference) for c in got] == EXPECTED[style]
    assert got[0].quote == "“Beyond what we put on the table, there is no more money.”"
    assert got[0].speaker == "Lori Lightfoot, Mayor"
    assert got[1].id == "wls-delvalle"


@needs_pandoc
def test_quotes_from_one_article_cite_one_work() -> None:
    """Two quotes from one article: one entry, no "2019a/2019b", no shortened second note."""
    second = {**lightfoot(), "id": "cbs-2", "text": "We are ready.", "speaker": "Someone Else"}
    apa = format_citations([lightfoot(), second], "apa")
    assert "2019a" not in apa[0].citation + apa[0].reference
    assert apa[1].reference == apa[0].reference
    notes = format_citations([lightfoot(), second], "chicago")
    assert notes[1].citation.startswith(f"Someone Else, quoted in “{CBS_TITLE_CASE},”")


@needs_pandoc
def test_html_output_escapes_and_marks_up() -> None:
    record = {**lightfoot(), "title": "<script>alert('x')</script> & more",
              "text": "a <b>bold</b> claim"}
    out = render_formatted([record], "apa", output="html", accessed=ACCESSED)
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "“a &lt;b&gt;bold&lt;/b&gt; claim”" in out
    assert "<em>CBS 2 Chicago</em>" in out
    assert '<article class="onrecord-citation" id="quote-cbs-lightfoot">' in out
    assert '<span class="label">In-text:</span> (Lightfoot, as cited in' in out


@needs_pandoc
def test_markdown_output() -> None:
    out = render_formatted([lightfoot()], "mla", output="markdown")
    assert out.splitlines()[:3] == [
        "> “Beyond what we put on the table, there is no more money.”",
        ">",
        "> — Lori Lightfoot, Mayor",
    ]
    assert f"**Works Cited:** “{CBS_TITLE_CASE}.” *CBS 2 Chicago*, 21 Oct. 2019." in out
    star = render_formatted([{**lightfoot(), "text": "*not emphasis* [x](y)"}], "mla",
                            output="markdown")
    assert r"\*not emphasis\*" in star


@needs_pandoc
def test_text_output_blocks() -> None:
    out = render_formatted([lightfoot(), del_valle()], "chicago")
    blocks = out.split("\n\n")
    assert len(blocks) == 2
    assert blocks[0].splitlines() == [
        "“Beyond what we put on the table, there is no more money.”",
        "— Lori Lightfoot, Mayor",
        "Note: " + EXPECTED["chicago"][0][0],
        "Bibliography: " + EXPECTED["chicago"][0][1],
    ]


@needs_pandoc
def test_url_with_escapes_and_access_date() -> None:
    url = "https://example.org/news/strike%20day?a=1&b=2"
    record = {**lightfoot(), "url": url}
    (apa,) = format_citations([record], "apa", accessed=ACCESSED)
    assert apa.reference.endswith(f"CBS 2 Chicago. {url}")
    (html_,) = format_citations([record], "apa", output="html", accessed=ACCESSED)
    assert 'href="https://example.org/news/strike%20day?a=1&amp;b=2"' in html_.reference
    undated = {**record, "published": None}
    (chicago,) = format_citations([undated], "chicago", accessed=ACCESSED)
    assert "accessed November 25, 2026" in chicago.citation


@needs_pandoc
@pytest.mark.parametrize(
    ("published", "apa_date", "mla_date"),
    [(None, "(n.d.)", "CBS 2 Chicago."), ("2019", "(2019)", "CBS 2 Chicago, 2019.")],
)
def test_no_date_and_year_only(published, apa_date, mla_date) -> None:
    record = {**lightfoot(), "published": published}
    (apa,) = format_citations([record], "apa")
    assert apa.reference == f"{CBS_TITLE}. {apa_date}. CBS 2 Chicago."
    (mla,) = format_citations([record], "mla")
    assert mla.reference == f"“{CBS_TITLE_CASE}.” {mla_date}"


@needs_pandoc
def test_names_particles_unicode_and_single_names() -> None:
    record = {**lightfoot(), "speaker": "Cher", "role": None, "author": "Jan Łukasiewicz"}
    (chicago,) = format_citations([record], "chicago")
    assert chicago.speaker == "Cher"
    assert chicago.citation.startswith(f"Cher, quoted in Jan Łukasiewicz, “{CBS_TITLE_CASE},”")
    assert chicago.reference.startswith("Łukasiewicz, Jan. “")
    (apa,) = format_citations([record], "apa")
    assert apa.citation == "(Cher, as cited in Łukasiewicz, 2019)"
    assert apa.reference.startswith("Łukasiewicz, J. (2019, October 21).")
    org = {**lightfoot(), "speaker": "Chicago Teachers Union", "speaker_kind": "organisation"}
    (apa_org,) = format_citations([org], "apa")
    assert apa_org.citation.startswith("(Chicago Teachers Union, as cited in")
    nobody = {**lightfoot(), "speaker": None, "role": None}
    (anon,) = format_citations([nobody], "chicago")
    assert anon.speaker == ""
    assert anon.citation == EXPECTED["chicago"][0][0].removeprefix("Lori Lightfoot, quoted in ")


@needs_pandoc
def test_nested_quotes_and_paraphrase() -> None:
    record = {**lightfoot(), "text": 'He said "no" and “never”, didn\'t he'}
    (c,) = format_citations([record], "mla")
    assert c.quote == "“He said ‘no’ and ‘never’, didn't he”"
    indirect = {**lightfoot(), "kind": "indirect", "text": "the district has no more money"}
    (p,) = format_citations([indirect], "mla")
    assert p.quote == "the district has no more money"


@needs_pandoc
def test_long_quote_is_kept_whole() -> None:
    text = ("word " * 2000).strip()  # 9,999 characters
    (c,) = format_citations([{**lightfoot(), "text": text}], "apa")
    assert c.quote == f"“{text}”"


@needs_pandoc
def test_style_by_file_and_by_id(tmp_path) -> None:
    copy = tmp_path / "my-style.csl"
    copy.write_text(resolve_style("apa").path.read_text(encoding="utf-8"), encoding="utf-8")
    (by_file,) = format_citations([lightfoot()], str(copy))
    assert by_file.reference == EXPECTED["apa"][0][1]
    (by_id,) = format_citations([lightfoot()], "modern-language-association")
    assert by_id.citation == EXPECTED["mla"][0][0]


def test_resolve_style_conventions() -> None:
    assert resolve_style("chicago").note is True
    assert resolve_style("chicago-author-date").note is False
    assert resolve_style("apa").convention == "apa"
    assert resolve_style("mla").id == "modern-language-association"
    assert resolve_style("apa").quoted_in({"speaker": "Miguel del Valle"}) == (
        "del Valle, as cited in"
    )
    assert resolve_style("mla").quoted_in({"speaker": "Lori Lightfoot"}) == "qtd. in"


def test_unknown_style_lists_pinned(tmp_path) -> None:
    with pytest.raises(UnknownStyle, match="apa, chicago-author-date"):
        resolve_style("no-such-style-anywhere")
    with pytest.raises(UnknownStyle):
        resolve_style(str(tmp_path / "missing.csl"))


def test_missing_pandoc_gives_one_clear_error(monkeypatch) -> None:
    monkeypatch.delenv("ONRECORD_PANDOC", raising=False)
    monkeypatch.setattr(engine, "_bundled_pandoc", lambda: None)
    monkeypatch.setattr(engine.shutil, "which", lambda name: None)
    with pytest.raises(CitationEngineError, match="pip install pypandoc-binary"):
        format_citations([lightfoot()], "apa")


def test_batch_is_one_subprocess(monkeypatch) -> None:
    calls = []

    def fake_run(args, input, **kwargs):
        import json
        request = json.loads(input)
        calls.append([len(job["cites"]) for job in request["jobs"]])
        answer = [[{"id": c["id"], "citation": c["prefix"], "reference": "ref"}
                   for c in job["cites"]] for job in request["jobs"]]
        return subprocess.CompletedProcess(args, 0, json.dumps(answer).encode(), b"")

    monkeypatch.setattr(engine, "find_pandoc", lambda: "pandoc")
    monkeypatch.setattr(engine.subprocess, "run", fake_run)
    records = [{**lightfoot(), "id": f"q{i}", "speaker": f"Person {i}"} for i in range(50)]
    got = format_citations(records, "chicago")
    assert calls == [[50]]
    assert [c.citation for c in got[:2]] == ["Person 0, quoted in", "Person 1, quoted in"]
    both = format_in_styles(records[:3], ["apa", "mla"])
    # MLA's prefix names nobody, so three quotes from one article are one cite, rendered once
    assert calls[-1] == [3, 1]
    assert [c.citation for c in both["apa"]] == [f"{i}, as cited in" for i in range(3)]
    assert [c.citation for c in both["mla"]] == ["qtd. in"] * 3


@needs_pandoc
def test_several_styles_in_one_run_match_one_at_a_time() -> None:
    records = [lightfoot(), del_valle()]
    together = render_in_styles(records, ["chicago", "apa", "mla"], output="html")
    assert together["apa"] == render_formatted(records, "apa", output="html")
    assert together["mla"] == render_formatted(records, "mla", output="html")
    assert "Lori Lightfoot, quoted in" in together["chicago"]


def test_nest_quotes() -> None:
    assert nest_quotes('a "b" c “d” e') == "a ‘b’ c ‘d’ e"


def test_a_failing_pandoc_is_reported(tmp_path, monkeypatch) -> None:
    fake = tmp_path / "pandoc"
    fake.write_text("#!/bin/sh\necho 'Unknown input format lua' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ONRECORD_PANDOC", str(fake))
    with pytest.raises(CitationEngineError, match="3.1.11 or newer.*Unknown input format lua"):
        format_citations([lightfoot()], "apa")


def test_dependent_style_uses_its_parent(tmp_path) -> None:
    dependent = tmp_path / "my-journal.csl"
    dependent.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">\n'
        "  <info>\n    <title>My Journal</title>\n"
        '    <link href="http://www.zotero.org/styles/my-journal" rel="self"/>\n'
        '    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>\n'
        "  </info>\n</style>\n",
        encoding="utf-8",
    )
    style = resolve_style(str(dependent))
    assert style.id == "apa"
    assert style.convention == "apa"
    assert style.path == resolve_style("apa").path


@needs_pandoc
def test_untitled_undated_article_is_cited_by_each_styles_rule() -> None:
    """A plain .txt without a sidecar: no title and no date. Each style names the work by a
    description (APA in square brackets) and marks the missing date its own way."""
    record = {**lightfoot(), "title": None, "published": None, "date": None,
              "speaker": "Jesse Jackson", "source": "WLS-TV (ABC7 Chicago)"}
    cited = format_in_styles([record], ["apa", "mla", "chicago", "chicago-author-date"])
    (apa,), (mla,), (chicago,), (author_date,) = cited.values()
    assert apa.citation == "(Jackson, as cited in [Untitled news article], n.d.)"
    assert apa.reference == "[Untitled news article]. (n.d.). WLS-TV (ABC7 Chicago)."
    assert mla.citation == "(qtd. in Untitled news article)"
    assert mla.reference == "Untitled news article. WLS-TV (ABC7 Chicago)."
    assert chicago.citation == (
        "Jesse Jackson, quoted in Untitled news article, WLS-TV (ABC7 Chicago), n.d."
    )
    assert author_date.reference == "WLS-TV (ABC7 Chicago). n.d. Untitled news article."
    for citation in (apa, mla, chicago, author_date):
        assert "()" not in citation.citation and "( " not in citation.citation
        assert not citation.reference.startswith(("(", "."))
