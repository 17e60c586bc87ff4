"""Readers and metadata: every source of metadata, in order, and every kind of bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.readers import ReadError, read_article
from tests.helpers import SEED_ARCHIVE, write

QUOTE = "“We will not back down,” said union president Maria Lopez."


def test_seed_txt_takes_sidecar_metadata() -> None:
    article = read_article(SEED_ARCHIVE / "003_cdc591f935bf55c3.txt", SEED_ARCHIVE)
    assert article.id == "003_cdc591f935bf55c3"
    assert article.source == "CBS 2 Chicago"  # the sidecar beats the dateline's "CBS"
    assert article.date == "2019-10-21"
    assert article.title.startswith("Chicago teachers strike heads into fourth day")
    assert "there is no more money" in article.body


def test_dateline_gives_outlet_when_nothing_else_does(tmp_path: Path) -> None:
    wls = write(tmp_path / "a.txt", f"CHICAGO (WLS) -- Teachers rallied.\n{QUOTE}\n")
    cbs = write(tmp_path / "b.txt", f"CHICAGO (CBS)– Teachers rallied.\n{QUOTE}\n")
    odd = write(tmp_path / "c.txt", f"SPRINGFIELD (WXYZ) -- Teachers rallied.\n{QUOTE}\n")
    assert read_article(wls, tmp_path).source == "WLS-TV (ABC7 Chicago)"
    assert read_article(cbs, tmp_path).source == "CBS 2 Chicago"  # CBS's Chicago station
    assert read_article(odd, tmp_path).source == "WXYZ"  # unknown call signs are kept raw


def test_one_outlet_has_one_name_wherever_it_is_named(tmp_path: Path) -> None:
    """A "(CBS)" dateline in Chicago and a sidecar saying "CBS 2 Chicago" are one outlet."""
    dateline = write(tmp_path / "a.txt", f"CHICAGO (CBS)– Teachers rallied.\n{QUOTE}\n")
    sidecar = write(tmp_path / "b.txt", f"Teachers rallied.\n{QUOTE}\n")
    write(tmp_path / "b.meta.json", '{"source": "CBS 2 Chicago"}')
    call_sign = write(tmp_path / "c.txt", f"CHICAGO (WBBM) -- Teachers rallied.\n{QUOTE}\n")
    long_name = write(tmp_path / "d.txt", f"Teachers rallied.\n{QUOTE}\n")
    write(tmp_path / "d.meta.json", '{"source": "WBBM-TV  (CBS 2 Chicago)"}')
    names = {read_article(p, tmp_path).source for p in (dateline, sidecar, call_sign, long_name)}
    assert names == {"CBS 2 Chicago"}
    national = write(tmp_path / "e.txt", f"WASHINGTON (CBS) -- Senators met.\n{QUOTE}\n")
    assert read_article(national, tmp_path).source == "CBS News"
    wire = write(tmp_path / "f.txt", f"Senators met.\n{QUOTE}\n")
    write(tmp_path / "f.meta.json", '{"source": "The Associated Press"}')
    assert read_article(wire, tmp_path).source == "Associated Press"


def test_front_matter_beats_text_and_sidecar_beats_front_matter(tmp_path: Path) -> None:
    text = "---\ntitle: From front matter\ndate: 2020-01-02\nsource: Front Post\n---\n\n"
    path = write(tmp_path / "2019-05-06-story.md", text + f"CHICAGO (WLS) -- {QUOTE}\n")
    article = read_article(path, tmp_path)
    assert (article.title, article.date, article.source) == (
        "From front matter",
        "2020-01-02",
        "Front Post",
    )
    write(tmp_path / "2019-05-06-story.meta.json", json.dumps({"source": "Sidecar Times"}))
    article = read_article(path, tmp_path)
    assert article.source == "Sidecar Times"
    assert article.title == "From front matter"


def test_date_from_file_name_and_never_invented(tmp_path: Path) -> None:
    dated = write(tmp_path / "2019-10-21-strike.txt", QUOTE)
    undated = write(tmp_path / "strike.txt", QUOTE)
    assert read_article(dated, tmp_path).date == "2019-10-21"
    assert read_article(undated, tmp_path).date is None


def test_date_stated_in_text_only_when_unambiguous(tmp_path: Path) -> None:
    one = write(tmp_path / "one.txt", f"Published Oct. 21, 2019\n{QUOTE}")
    two = write(tmp_path / "two.txt", f"Updated Oct. 22, 2019. Published Oct. 21, 2019\n{QUOTE}")
    assert read_article(one, tmp_path).date == "2019-10-21"
    assert read_article(two, tmp_path).date is None


def test_id_is_relative_path_without_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "2019" / "october" / "strike.txt", QUOTE)
    assert read_article(path, tmp_path).id == "2019/october/strike"


def test_markdown_is_rendered_to_plain_paragraphs(tmp_path: Path) -> None:
    path = write(
        tmp_path / "story.md",
        "# Strike day\n\nTeachers *walked out* on [Monday](http://x.test).\n\n" + QUOTE + "\n",
    )
    article = read_article(path, tmp_path)
    assert article.body.split("\n\n") == [
        "Strike day",
        "Teachers walked out on Monday.",
        QUOTE,
    ]


def test_html_body_without_furniture_and_page_metadata(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>Fallback</title>
    <meta property="og:title" content="Teachers strike">
    <meta property="og:site_name" content="Chicago Sun-Times">
    <meta property="article:published_time" content="2019-10-17T08:30:00-05:00">
    <link rel="canonical" href="https://example.test/strike">
    <script type="application/ld+json">
      {"@context": "https://schema.org", "@type": "NewsArticle",
       "author": {"name": "Jane Roe"}}</script>
    <script>alert("x")</script></head>
    <body><nav><a href="/">Home</a> Sections</nav>
    <article><h1>Teachers strike</h1><p>Teachers walked out.</p>
    <p>“We will not back down,” said union president <b>Maria Lopez</b>.</p></article>
    <footer>Copyright</footer></body></html>"""
    article = read_article(write(tmp_path / "page.html", html), tmp_path)
    assert article.title == "Teachers strike"
    assert article.source == "Chicago Sun-Times"
    assert article.date == "2019-10-17"
    assert article.author == "Jane Roe"
    assert article.url == "https://example.test/strike"
    assert article.body == "Teachers strike\n\nTeachers walked out.\n\n" + QUOTE
    assert "Home" not in article.body and "alert" not in article.body


def test_html_title_loses_the_site_name_it_carries(tmp_path: Path) -> None:
    def page(title: str, site: str) -> str:
        return (
            f'<html><head><meta property="og:title" content="{title}">'
            f'<meta property="og:site_name" content="{site}"></head>'
            f"<body><article><p>{QUOTE}</p></article></body></html>"
        )

    suffixed = write(
        tmp_path / "a.html", page("Teachers strike | Chicago Sun-Times", "Chicago Sun-Times")
    )
    dashed = write(tmp_path / "b.html", page("Strike - day four", "Chicago Sun-Times"))
    assert read_article(suffixed, tmp_path).title == "Teachers strike"
    assert read_article(dashed, tmp_path).title == "Strike - day four"


def test_real_page_keeps_article_paragraphs_and_drops_furniture(tmp_path: Path) -> None:
    page = (Path(__file__).parent / "data" / "web" / "news_page.html").read_bytes()
    article = read_article(write(tmp_path / "page.html", page), tmp_path)
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0] == "Westside clinic to close in June, county says"
    assert (
        paragraphs[-1]
        == "Patients with appointments after June 30 will be contacted by the county, Brooks said."
    )
    assert len(paragraphs) == 8
    for furniture in ("Lakeview Ledger", "never told", "coffee", "Ridership", "disgrace", "Share"):
        assert furniture not in article.body
    assert (article.source, article.author, article.date) == (
        "Lakeview Ledger",
        "Dana Whitfield",
        "2023-03-14",
    )


def test_site_notices_are_dropped_and_quotes_never_are() -> None:
    from onrecord.readers.html import without_notices

    article = ["Teachers walked out on Monday.", QUOTE]
    notices = [
        "Follow Jane Roe on Twitter @janeroe.",
        "Subscribe now to our e-edition for the full story.",
        "© 2023 Lakeview Ledger. All rights reserved.",
    ]
    kept = [
        "“Subscribe to nothing they sell,” said union president Maria Lopez.",
        "Follow-up talks are set for Friday, the union said.",
        "Copyright " + "lawyers argued the case for hours. " * 10,  # too long for a notice
    ]
    body = "\n\n".join(article[:1] + notices[:2] + kept + article[1:] + notices[2:])
    assert without_notices(body) == "\n\n".join(article[:1] + kept + article[1:])
    assert without_notices("\n\n".join(article)) == "\n\n".join(article)


def test_broken_html_still_reads(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.htm", "<p>Teachers walked out.<p>" + QUOTE + "<div><span>")
    assert QUOTE in read_article(path, tmp_path).body


def test_windows_1252_and_utf16_keep_smart_quotes(tmp_path: Path) -> None:
    cp = write(tmp_path / "cp.txt", QUOTE.encode("cp1252"))
    u16 = write(tmp_path / "u16.txt", QUOTE.encode("utf-16"))
    assert read_article(cp, tmp_path).body == QUOTE
    assert read_article(u16, tmp_path).body == QUOTE


def test_markdown_with_one_paragraph_per_line_keeps_its_paragraphs(tmp_path: Path) -> None:
    lines = [
        "Sen. David Perdue said he didn't believe those characterizations did Romney in, "
        "arguing that it was divisions in the party that were a bigger hurdle.",
        "“It's not what worked in 2012. Those are just distractions,” he said. “What really "
        "works is what you are going to do to change the direction of the country.”",
        "Trump campaign spokesman Jason Miller added, “The Clinton camp and too many in the "
        "media have chased after this game that being successful is somehow bad.”",
    ]
    wrapped = "This line is wrapped\nat a width, as people\nwrite Markdown by hand.\n"
    one_per_line = write(tmp_path / "lines.md", "\n".join(lines).encode())
    hard_wrapped = write(tmp_path / "wrapped.md", wrapped.encode())
    assert read_article(one_per_line, tmp_path).body.split("\n\n") == lines
    assert read_article(hard_wrapped, tmp_path).body.count("\n\n") == 0


def test_mojibake_is_repaired_and_said_so(tmp_path: Path) -> None:
    text = "“Europe must act,” French President François Hollande said. Naïve? No, it’s not."
    # the text as a tool upstream mangled it: its UTF-8 bytes read as Latin-1
    mangled = write(tmp_path / "m.txt", text.encode("utf-8").decode("latin-1").encode("utf-8"))
    clean = write(tmp_path / "c.txt", text.encode("utf-8"))
    repaired = read_article(mangled, tmp_path)
    assert repaired.body == text
    assert any("mojibake" in warning for warning in repaired.warnings)
    untouched = read_article(clean, tmp_path)
    assert untouched.body == text and untouched.warnings == ()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("bad.md", b"---\ntitle: [unclosed\n---\nText", "invalid YAML front matter"),
        ("open.md", b"---\ntitle: x\nno end\n", "never closed"),
        ("note.docx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_say_why(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        read_article(write(tmp_path / name, content), tmp_path)


def test_sidecar_with_wrong_types_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", QUOTE)
    write(tmp_path / "story.meta.json", json.dumps({"title": ["not", "text"]}))
    with pytest.raises(ReadError, match="'title' must be text"):
        read_article(path, tmp_path)
    write(tmp_path / "story.meta.json", json.dumps({"date": "last Tuesday"}))
    with pytest.raises(ReadError, match="'date' must be an ISO date"):
        read_article(path, tmp_path)


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("onrecord.readers.decode.MAX_BYTES", 1000)
    path = write(tmp_path / "huge.txt", QUOTE * 100)
    with pytest.raises(ReadError, match="too large"):
        read_article(path, tmp_path)


def test_a_headline_the_text_opens_with_is_its_title(tmp_path: Path) -> None:
    write(
        tmp_path / "a" / "strike.txt",
        "Teachers strike enters fourth day\n\nCHICAGO (WLS) -- Students will miss classes.\n",
    )
    write(tmp_path / "a" / "lede.txt", "The hearing ran late.\n\nThen it ended.\n")
    write(tmp_path / "a" / "one.txt", "CHICAGO (WLS) -- Students will miss classes.\n")
    write(tmp_path / "a" / "quote.txt", '"We are ready"\n\nsaid the mayor on Monday.\n')
    titled = read_article(tmp_path / "a" / "strike.txt", tmp_path / "a")
    assert titled.title == "Teachers strike enters fourth day"
    for name in ("lede.txt", "one.txt", "quote.txt"):
        assert read_article(tmp_path / "a" / name, tmp_path / "a").title is None, name


def test_html_site_name_that_is_only_the_host_leaves_the_outlet_to_the_dateline(
    tmp_path: Path,
) -> None:
    def page(site: str) -> str:
        site_tag = f'<meta property="og:site_name" content="{site}">' if site else ""
        return (
            '<html><head><link rel="canonical" href="https://www.cnn.com/2019/strike">'
            f"{site_tag}</head><body><article><p>CHICAGO (WLS) -- Teachers walked out.</p>"
            f"<p>{QUOTE}</p></article></body></html>"
        )

    named = write(tmp_path / "a.html", page("CNN"))
    unnamed = write(tmp_path / "b.html", page(""))
    assert read_article(named, tmp_path).source == "CNN"  # a site name inside the host name
    assert read_article(unnamed, tmp_path).source == "WLS-TV (ABC7 Chicago)"
