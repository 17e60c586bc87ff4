"""The HTML pages over a hand-made index: search, speakers, speaker, quote, article, export."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from onrecord import export as exporting
from onrecord.index import current_generation
from onrecord.speakers import REGISTRY_FILE, Registry, RoleSpan, Speaker, save_registry
from onrecord.views.common import export_formats, format_label
from onrecord.webapp import create_app
from tests.webdata import CHICAGO, EVIL, SPLIT, build_web_index, by_text


@pytest.fixture(scope="module")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_index(tmp_path_factory.mktemp("web") / "index")


@pytest.fixture
def web(web_index: Path):
    return create_app({"TESTING": True, "INDEX_DIR": str(web_index)}).test_client()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_search_shows_highlighted_quotes_with_linked_speakers(web) -> None:
    response = web.get("/?q=dollar")
    assert response.status_code == 200
    page = soup(response)
    cards = page.select("article.quote")
    assert len(cards) == 1
    card = cards[0]
    assert card.select_one("mark").get_text() == "dollar"
    assert card.select_one("a.speaker")["href"] == "/speakers/lori-lightfoot"
    assert "Mayor" in card.select_one(".role").get_text()
    assert "Daily Ledger" in card.get_text() and "2019-10-10" in card.get_text()
    record = by_text("every dollar")
    assert card.select_one("a.article-link")["href"] == f"/articles/{CHICAGO}#q-{record['id']}"


def test_direct_and_reported_statements_look_different(web) -> None:
    page = soup(web.get("/?q=staffing OR dollar"))
    kinds = {
        " ".join(c["class"]): c.select_one(".kind-badge").get_text() for c in page.select(".quote")
    }
    assert kinds == {"quote direct": "Direct quote", "quote indirect": "Reported statement"}


def test_also_in_count_is_shown(web) -> None:
    page = soup(web.get("/?q=balanced"))
    assert len(page.select("article.quote")) == 1  # one statement, two articles
    assert page.select_one(".also").get_text() == "also in 1 other article"
    assert "1 repeat" in page.select_one(".collapsed").get_text()


def test_facet_link_narrows_and_chip_removes(web) -> None:
    page = soup(web.get("/?q=budget OR dollar OR staffing"))
    total = len(page.select("article.quote"))
    link = next(a for a in page.select(".facets a") if "Jesse Sharkey" in a.get_text())
    assert link.select_one(".count").get_text() == "1"
    narrowed = soup(web.get(link["href"]))
    assert len(narrowed.select("article.quote")) == 1
    chip = next(c for c in narrowed.select(".chips a.chip") if "Speaker:" in c.get_text())
    assert "Jesse Sharkey" in chip.get_text()
    assert "speaker" not in parse_qs(urlsplit(chip["href"]).query)
    widened = soup(web.get(chip["href"]))
    assert len(widened.select("article.quote")) == total
    assert widened.select_one(".chips a.chip .chip-name").get_text() == "Query:"


def test_facets_count_every_dimension(web) -> None:
    page = soup(web.get("/"))
    headings = [h.get_text() for h in page.select(".facets h3")]
    assert headings == ["Speaker", "Topic", "Outlet", "Role", "Kind", "Year"]
    with_year = [h.get_text() for h in soup(web.get("/?year=2019")).select(".facets h3")]
    assert with_year[-1] == "Month"
    years = {
        a.select_one(".label").get_text(strip=True): int(a.select_one(".count").get_text())
        for a in page.select("#facet-year ~ ul a")
    }
    assert years == {"2019": 6, "2020": 1}


def test_empty_state_shows_archive_size_and_top_speakers(web) -> None:
    page = soup(web.get("/"))
    overview = page.select_one(".overview")
    assert "7 statements from 6 articles by 4 speakers" in overview.get_text(" ", strip=True)
    top = [a.get_text() for a in overview.select("ol.top a")]
    assert top[0] == "Lori Lightfoot"
    assert "budget" in [a.get_text() for a in overview.select("ul.topics a")]
    assert soup(web.get("/?q=budget")).select_one(".overview") is None


def test_query_help_is_one_click_away(web) -> None:
    page = soup(web.get("/"))
    assert page.select_one("details.help summary") is not None
    assert "speaker:" in page.select_one("details.help").get_text()
    assert web.get("/help").status_code == 200


def test_sort_and_pagination_are_urls(web) -> None:
    first = soup(web.get("/?sort=date&per_page=2"))
    dates = [t.get_text() for t in first.select("article.quote time")]
    assert dates == sorted(dates)
    pager = first.select_one("nav.pager")
    nxt = pager.select_one('a[rel="next"]')["href"]
    assert "page=2" in nxt and "sort=date" in nxt
    second = soup(web.get(nxt))
    later = [t.get_text() for t in second.select("article.quote time")]
    assert later[0] >= dates[-1]
    assert second.select_one('nav.pager a[aria-current="page"]').get_text() == "2"
    newest = [t.get_text() for t in soup(web.get("/?sort=-date")).select("article.quote time")]
    assert newest == sorted(newest, reverse=True)


def test_bad_query_and_bad_paging_are_400_with_messages(web) -> None:
    response = web.get("/?q=date:someday")
    assert response.status_code == 400
    assert "not a date" in soup(response).select_one(".message.error").get_text()
    loose = web.get("/?q=(budget")
    assert loose.status_code == 200
    notice = soup(loose).select_one(".message.notice").get_text(" ", strip=True)
    assert "An unmatched parenthesis was left out" in notice
    assert len(soup(loose).select("article.quote")) == 1
    assert web.get("/?page=0").status_code == 400
    assert web.get("/?per_page=5000").status_code == 400
    assert web.get("/?sort=sideways").status_code == 400


def test_speakers_index_counts_sorts_and_searches(web) -> None:
    page = soup(web.get("/speakers"))
    rows = [(r.select_one("a").get_text(), r.select_one(".num").get_text())
            for r in page.select("table.speakers tbody tr")]
    assert rows[0] == ("Lori Lightfoot", "4")
    assert set(rows) == {
        ("Lori Lightfoot", "4"), ("Jesse Sharkey", "1"), ("Maria Lopez", "1"),
        ("Stacy Davis Gates", "1"),
    }
    by_name = [a.get_text() for a in soup(web.get("/speakers?sort=name")).select("tbody a")]
    assert by_name == ["Jesse Sharkey", "Lori Lightfoot", "Maria Lopez", "Stacy Davis Gates"]
    found = [a.get_text() for a in soup(web.get("/speakers?q=shark")).select("tbody a")]
    assert found == ["Jesse Sharkey"]
    assert web.get("/speakers?sort=age").status_code == 400


def test_speaker_page_profile_timeline_and_chronological_statements(web) -> None:
    response = web.get("/speakers/lori-lightfoot")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("h1").get_text() == "Lori Lightfoot"
    aliases = [li.get_text() for li in page.select("section[aria-labelledby=aliases-title] li")]
    assert "Mayor Lightfoot" in aliases
    roles = page.select_one("ol.roles").get_text(" ", strip=True)
    assert "Mayor" in roles and "Mayor of Chicago" in roles and "2019-10-10" in roles
    svg = page.select_one("svg.timeline")
    assert svg["role"] == "img" and svg.select_one("title").get_text()
    bars = [r.select_one("title").get_text() for r in svg.select("rect")]
    assert bars == ["2019-10: 2", "2019-11: 1", "2020-01: 1"]
    topics = {a.contents[0].strip(): a.select_one(".count").get_text()
              for a in page.select("ul.topic-counts a")}
    # labels from the taxonomy where it has the key (education), the key otherwise
    assert topics == {"budget": "1", "Schools and education": "2", "labor": "1", "transit": "1"}
    dates = [t.get_text() for t in page.select(".statement-list time")]
    assert dates == sorted(dates) and len(dates) == 4


def test_speaker_page_filters_by_topic_and_query(web) -> None:
    page = soup(web.get("/speakers/lori-lightfoot?topic=education"))
    texts = [b.get_text() for b in page.select(".statement-list blockquote")]
    assert len(texts) == 2 and all("budget" not in t for t in texts)
    page = soup(web.get("/speakers/lori-lightfoot?q=buses"))
    assert len(page.select(".statement-list article.quote")) == 1
    assert web.get("/speakers/lori-lightfoot?q=date:whenever").status_code == 400
    loose = soup(web.get("/speakers/lori-lightfoot?q=(buses"))
    assert len(loose.select(".statement-list article.quote")) == 1
    assert "unmatched parenthesis" in loose.select_one(".message.notice").get_text()


def test_speaker_page_reads_the_registry_when_present(tmp_path: Path) -> None:
    index_dir = build_web_index(tmp_path / "index")
    speaker = Speaker(
        id="lori-lightfoot",
        name="Lori E. Lightfoot",
        aliases={"Lightfoot": 3},
        references={"the mayor": 1},
        roles=[RoleSpan("Mayor", "City of Chicago", "2019-05-20", "2023-05-15")],
    )
    generation = current_generation(index_dir)
    save_registry(Registry({speaker.id: speaker}), generation.path / REGISTRY_FILE)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    page = soup(client.get("/speakers/lori-lightfoot"))
    assert page.select_one("h1").get_text() == "Lori E. Lightfoot"
    assert "City of Chicago" in page.select_one("ol.roles").get_text()
    assert "the mayor" in page.select_one("section[aria-labelledby=aliases-title]").get_text()
    names = [a.get_text() for a in soup(client.get("/speakers")).select("tbody a")]
    assert "Lori E. Lightfoot" in names


def test_unknown_ids_are_404_pages(web) -> None:
    for url in ("/speakers/nobody", "/quotes/000000000000", "/articles/no/such/article",
                "/articles/../../etc/passwd", "/quotes/x/cite.csv"):
        response = web.get(url)
        assert response.status_code == 404, url
        assert "Traceback" not in response.get_data(as_text=True)


def test_quote_page_context_source_others_and_citation(web) -> None:
    record = by_text("The budget is balanced")
    assert record["article"] == "budget-2019"
    response = web.get(f"/quotes/{record['id']}")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("blockquote.big").get_text() == record["text"]
    assert page.select_one(".who a.speaker")["href"] == "/speakers/lori-lightfoot"
    assert page.select_one(".who .role").get_text() == "Mayor of Chicago"
    context = page.select_one(".context")
    assert context.select_one("mark").get_text() == record["text"]
    assert "Lightfoot said at the hearing" in context.get_text()
    facts = page.select_one(".source-facts").get_text(" ", strip=True)
    assert "Budget hearing draws crowd" in facts and "Evening Post" in facts
    assert page.select_one('.source-facts a[rel~="external"]')["href"] == "https://example.com/budget"
    others = page.select("ul.others li")
    assert len(others) == 1 and "Mayor defends budget" in others[0].get_text()
    formats = [a.get_text() for a in page.select(".cite ul.tabs a")]
    assert set(formats) == {format_label(f) for f in export_formats()}
    assert "APA 7" in formats and "CSL-JSON (Zotero)" in formats  # names people use
    button = page.select_one("button.copy")
    assert button.has_attr("hidden") and button["data-copy"] == "citation-text"
    assert page.select_one("#citation-text").get_text().strip()


def test_quote_page_each_citation_format_and_download(web) -> None:
    record = by_text("every dollar")
    for fmt in export_formats():
        page = soup(web.get(f"/quotes/{record['id']}?cite={fmt}"))
        assert page.select_one(".cite a.selected").get_text() == format_label(fmt)
        download = web.get(f"/quotes/{record['id']}/cite.{fmt}")
        assert download.status_code == 200
        assert "attachment" in download.headers["Content-Disposition"]
        assert "every dollar" in download.get_data(as_text=True)
    assert web.get(f"/quotes/{record['id']}?cite=nonsense").status_code == 400
    assert web.get(f"/quotes/{record['id']}/cite.nonsense").status_code == 400


def test_article_page_marks_and_links_every_quote(web) -> None:
    response = web.get(f"/articles/{CHICAGO}")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("h1").get_text() == "Strike talks stall as deadline nears"
    marks = page.select(".article-body mark")
    assert [m.get_text() for m in marks] == [
        "We have put every dollar we have on the table,",
        "class sizes would be capped",
        "the offer did not go far enough on staffing",
    ]
    for mark in marks:
        assert mark.select_one("a")["href"] == f"/quotes/{mark['id'][2:]}"
    labels = [a.get_text() for a in page.select(".article-body a.attr")]
    assert labels == ["Lori Lightfoot", "Lori Lightfoot", "Jesse Sharkey"]
    assert "stalled on Thursday" in page.select_one(".article-body").get_text()
    assert [m["class"] for m in marks] == [["direct"], ["indirect"], ["indirect"]]


def test_hostile_article_is_escaped_on_every_page(web) -> None:
    evil = by_text("<script>")
    urls = ["/", "/?q=please", f"/quotes/{evil['id']}", f"/articles/{EVIL}",
            "/speakers/maria-lopez", "/speakers"]
    for url in urls:
        html = web.get(url).get_data(as_text=True)
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>Evil</b>" not in html, url
        assert not BeautifulSoup(html, "html.parser").select('[href^="javascript"]'), url
    article = web.get(f"/articles/{EVIL}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;p&gt;Markup in the body.&lt;/p&gt;" in article


PAGES = ["/", "/?q=budget", "/speakers", "/speakers/lori-lightfoot", f"/articles/{CHICAGO}",
         "/help", "/nothing-here", "/?q=(bad"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_or_style(web, url: str) -> None:
    response = web.get(url)
    html = response.get_data(as_text=True)
    page = BeautifulSoup(html, "html.parser")
    assert page.html["lang"] == "en"
    assert page.select_one('meta[name="viewport"]') is not None
    assert all(s.get("src") for s in page.find_all("script"))
    assert not page.find_all("style")
    for tag in page.find_all(True):
        assert "style" not in tag.attrs, tag
        assert not [a for a in tag.attrs if a.startswith("on")], tag
    csp = response.headers["Content-Security-Policy"]
    assert "style-src 'self'" in csp and "unsafe-inline" not in csp


def test_every_form_field_has_a_label(web) -> None:
    for url in ("/", "/speakers", "/speakers/lori-lightfoot"):
        page = soup(web.get(url))
        for field in page.select("input:not([type=hidden]), select"):
            assert page.select_one(f'label[for="{field["id"]}"]') is not None, (url, field)


def test_quote_page_escapes_and_has_no_inline_code(web) -> None:
    evil = by_text("<script>")
    html = web.get(f"/quotes/{evil['id']}").get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "&lt;script&gt;" in html


def test_reads_are_get_only(web) -> None:
    assert web.post("/").status_code == 405
    assert web.post("/speakers").status_code == 405
    assert web.delete(f"/articles/{CHICAGO}").status_code == 405


def test_export_results_and_speaker_in_every_format(web) -> None:
    for fmt, chosen in exporting.FORMATS.items():
        style = "&style=apa" if fmt == "csl" else ""  # csl names its style
        response = web.get(f"/export.{fmt}?speaker=jesse-sharkey{style}")
        assert response.status_code == 200
        assert response.mimetype == chosen.media_type.split(";")[0]
        body = response.get_data(as_text=True)
        assert "staffing" in body and "every dollar" not in body
    page = soup(web.get("/speakers/lori-lightfoot?topic=transit"))
    link = page.select_one("details.export a")["href"]
    query = parse_qs(urlsplit(link).query)
    assert query["speaker"] == ["lori-lightfoot"] and query["topic"] == ["transit"]
    exported = web.get(link).get_data(as_text=True)
    assert "Buses" in exported and "dollar" not in exported


def test_every_part_of_a_split_quote_is_marked(web) -> None:
    record = by_text("walking away")
    assert record["text"] == (
        "We are not walking away from the table. The schools need nurses and librarians."
    )
    page = soup(web.get(f"/articles/{SPLIT}"))
    marks = page.select(f'.article-body mark[data-quote="{record["id"]}"]')
    assert [m.get_text() for m in marks] == [
        "We are not walking away from the table,",
        "The schools need nurses and librarians.",
    ]
    assert marks[0]["id"] == f"q-{record['id']}"  # the side list's and quote page's anchor
    assert len(page.select(".article-body a.attr")) == 1  # the speaker once, after the quote
    context = soup(web.get(f"/quotes/{record['id']}")).select(".context mark")
    assert [m.get_text() for m in context] == [m.get_text() for m in marks]


def test_quote_page_links_to_its_mark_in_the_article(web) -> None:
    record = by_text("every dollar")
    link = soup(web.get(f"/quotes/{record['id']}")).select_one(".source-facts dd a")
    path, _, anchor = link["href"].partition("#")
    assert anchor == f"q-{record['id']}"
    assert soup(web.get(path)).find(id=anchor).name == "mark"


def test_a_statement_inside_another_keeps_both_marks() -> None:
    from onrecord.views.text import Span, mark_spans

    body = "She said she was “proud to be a Democrat.” Then she left."
    outer = Span(9, 42, "outer", "indirect", "/quotes/outer", "Ann Lee")
    inner = Span(18, 41, "inner", "direct", "/quotes/inner", "Ann Lee")
    page = BeautifulSoup(str(mark_spans(body, [outer, inner])), "html.parser")
    marked = {m["data-quote"]: [] for m in page.select("mark")}
    for mark in page.select("mark"):
        marked[mark["data-quote"]].append(mark.get_text())
    assert marked == {"outer": ["she was “", "”"], "inner": ["proud to be a Democrat."]}
    assert page.select_one("#q-outer").get_text() == "she was “"
    assert not page.select("mark mark")


def test_article_page_says_what_metadata_is_missing_and_how_to_add_it(tmp_path: Path) -> None:
    from onrecord.index import StoredArticle, build
    from onrecord.records import Article

    bare = Article(id="003_cdc5", body='"We are ready," said Jesse Jackson.', path="003_cdc5.txt",
                   source="WLS-TV (ABC7 Chicago)")
    full = Article(id="full", body="Text.", title="A title", source="Post", date="2019-01-02")
    build(tmp_path / "index", [], [StoredArticle(bare, ""), StoredArticle(full, "")])
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    note = soup(client.get("/articles/003_cdc5")).select_one(".missing-meta")
    text = note.get_text(" ", strip=True)
    assert "no title or date for this article" in text
    assert "003_cdc5.meta.json" in text and "onrecord ingest" in text
    assert '"title"' in note.select_one("pre").get_text() and '"source"' not in text
    assert soup(client.get("/articles/full")).select_one(".missing-meta") is None


def test_more_speakers_note_gives_the_true_number_of_speakers(tmp_path: Path) -> None:
    from onrecord.index import StoredArticle, build
    from onrecord.records import Article
    from tests.webdata import record

    names = [f"Speaker Number{i:03d}" for i in range(60)]
    body = " ".join(f"Words from {name} about the budget." for name in names)
    article = Article(id="many", body=body, title="Many voices", source="Test", date="2020-01-01")
    records = [record(article, f"Words from {name} about the budget.", name) for name in names]
    index_dir = tmp_path / "index"
    build(index_dir, records, [StoredArticle(article, fingerprint="")], manifest={})
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    note = soup(client.get("/?q=budget")).select_one(".more-note").get_text()
    assert "Showing 40 of 60" in note


def test_search_says_which_words_gave_a_topic(web) -> None:
    # The card lists, after the topic's label, the words the tagger gave as its reason.
    from flask import render_template

    with web.application.test_request_context("/"):
        html = render_template(
            "_quote_card.html",
            record={"id": "q1", "text": "We cannot afford it", "kind": "direct",
                    "topics": ["money"],
                    "speaker": "A", "source": "S", "date": "2019-10-21"},
            why=["money"], reasons={"money": ["afford"]},
        )
    assert "(afford)" in html
