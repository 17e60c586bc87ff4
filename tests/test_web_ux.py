"""What a user sees on the pages: chart labels, export names and order, format and topic
labels, the keyboard path, highlights and long words (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from onrecord.index import StoredArticle, build, current_generation
from onrecord.speakers import REGISTRY_FILE, Registry, Speaker, save_registry
from onrecord.views.charts import timeline_svg
from onrecord.views.text import quoted_html
from onrecord.webapp import create_app
from tests.webdata import ARTICLES, build_web_index, make_records


@pytest.fixture(scope="module")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_index(tmp_path_factory.mktemp("ux") / "index")


@pytest.fixture
def web(web_index: Path):
    return create_app({"TESTING": True, "INDEX_DIR": str(web_index)}).test_client()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_a_year_and_a_month_of_bars_gets_several_month_labels() -> None:
    counts = {"2015-11": 3, "2016-03": 1, "2016-11": 2}
    svg = BeautifulSoup(str(timeline_svg(counts, label="x")), "html.parser")
    labels = [t.get_text() for t in svg.select("text") if re.fullmatch(r"\d{4}-\d\d", t.get_text())]
    assert len(svg.select("rect")) == 3
    assert labels[0] == "2015-11" and labels[-1] == "2016-11" and len(labels) >= 4


def test_a_later_page_says_which_statements_it_shows_heading_and_title(web) -> None:
    page = soup(web.get("/?q=&kind=direct&per_page=2&page=2"))
    heading = page.select_one("#results-title").get_text()
    assert re.fullmatch(r"3–4 of \d+ statements", heading), heading
    assert page.title.get_text().startswith(heading)
    first = soup(web.get("/?kind=direct&per_page=2")).title.get_text()
    assert first.startswith("1–2 of") and first != page.title.get_text()


def test_skip_link_to_results_and_results_before_facets(web) -> None:
    page = soup(web.get("/?q=budget"))
    skips = [a["href"] for a in page.select("a.skip")]
    assert skips[0] == "#results"
    assert page.find(id="results").name == "section"
    # the results come before the facets in the page, so Tab reaches them first at any width
    order = [el.get("id") for el in page.select("#results, #filters")]
    assert order == ["results", "filters"]


def test_no_result_within_kept_filters_says_which_and_offers_a_way_out(web) -> None:
    page = soup(web.get("/?q=buses&speaker=jesse-sharkey"))
    empty = page.select_one(".results .empty")
    assert "within the filters Speaker: Jesse Sharkey" in empty.get_text()
    assert empty.select_one("a")["href"] == "/?q=buses"


def test_export_is_named_after_what_it_holds(web) -> None:
    response = web.get("/export.csv?q=budget&speaker=lori-lightfoot&year=2019")
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="onrecord-budget-lori-lightfoot-2019.csv"'
    everything = web.get("/export.ris").headers["Content-Disposition"]
    assert everything.endswith('filename="onrecord-all.ris"')
    long = web.get("/export.csv", query_string={"q": "x" * 500}).headers["Content-Disposition"]
    assert len(long) < 120


def test_export_rows_follow_the_pages_sort(web) -> None:
    def ids(url: str) -> list[str]:
        return [line.split(",")[0] for line in web.get(url).get_data(as_text=True).splitlines()[1:]]

    def shown(url: str) -> list[str]:
        return [a["href"].rsplit("/", 1)[-1] for a in soup(web.get(url)).select("a.permalink")]

    for sort in ("-date", "date", "relevance"):
        page = shown(f"/?q=budget OR buses OR dollar&sort={sort}")
        assert ids(f"/export.csv?q=budget OR buses OR dollar&sort={sort}") == page, sort
    newest = ids("/export.csv?sort=-date")
    assert newest == ids("/export.csv?sort=date")[::-1]


def test_export_links_have_human_format_names(web) -> None:
    links = {a.get_text() for a in soup(web.get("/?q=budget")).select("details.export a")}
    assert {"CSV (spreadsheet)", "CSL-JSON (Zotero)", "APA 7", "BibTeX"} <= links
    assert "csl-json" not in links


def test_topics_show_their_labels_not_their_ids(web) -> None:
    page = soup(web.get("/?q=education"))
    card_topics = {t.get_text() for t in page.select("article.quote .topic")}
    assert "Schools and education" in card_topics and "education" not in card_topics
    assert "matched topic: Schools and education" in page.select_one(".why").get_text()
    facet = [a.select_one(".label").get_text(strip=True)
             for a in page.select("#facet-topic ~ ul a")]
    assert "Schools and education" in facet
    chips = soup(web.get("/?topic=education")).select_one(".chips").get_text(" ", strip=True)
    assert "Topic: Schools and education" in chips


def test_topic_matches_are_marked_apart_from_the_words_typed(web_index: Path) -> None:
    from onrecord.index import current_generation
    from onrecord.search import SearchRequest, TopicExpander, search

    expander = TopicExpander({"education": "education"},
                             terms={"education": frozenset({"class", "size"})})
    result = search(current_generation(web_index), SearchRequest(q="capped OR education"),
                    topics=expander)
    (hit,) = [h for h in result.hits if "capped" in h.record["text"]]
    marks = BeautifulSoup(hit.highlight, "html.parser").select("mark")
    assert {(m.get_text(), m["class"][0]) for m in marks} == {
        ("class", "related"), ("sizes", "related"), ("capped", "match"),
    }


def test_a_thousand_letter_word_stays_in_its_box(web) -> None:
    word = "x" * 990
    page = soup(web.get(f"/?q={word}&kind=direct"))
    assert page.select_one(".suggestion") is None  # no "did you mean" for a 990-letter word
    chip = page.select_one(".chips a.chip").get_text(" ", strip=True)
    assert len(chip) < 120


@pytest.fixture
def web_with_registry(tmp_path: Path):
    """The web index with a speaker registry, so a speaker can be given by a name."""
    index_dir = build_web_index(tmp_path / "index")
    speaker = Speaker(id="lori-lightfoot", name="Lori Lightfoot", aliases={"Lightfoot": 3},
                      references={"she": 9, "her": 4, "the mayor": 2})
    path = current_generation(index_dir).path / REGISTRY_FILE
    save_registry(Registry({speaker.id: speaker}), path)
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()


def test_a_speaker_given_by_a_name_shows_the_name_and_its_facet_removes_it(
    web_with_registry,
) -> None:
    page = soup(web_with_registry.get("/?q=budget&speaker=lightfoot"))
    chip = next(c for c in page.select(".chips a.chip") if "Speaker" in c.get_text())
    assert "Lori Lightfoot" in chip.get_text() and "lightfoot" not in chip["href"]
    kept = page.select_one('fieldset.kept input[name="speaker"]')
    assert kept["value"] == "lori-lightfoot"
    assert "Lori Lightfoot" in kept.parent.get_text()
    selected = page.select_one(".facets a.selected")
    assert "Lori Lightfoot" in selected.get_text()
    # a click on the selected speaker removes the filter, as the page says it does
    assert "speaker=" not in selected["href"]
    widened = soup(web_with_registry.get(selected["href"]))
    assert not [c for c in widened.select(".chips a.chip") if "Speaker" in c.get_text()]


def test_a_speakers_page_of_statements_says_which_it_shows(web) -> None:
    one = soup(web.get("/speakers/lori-lightfoot?per_page=1"))
    total = len(soup(web.get("/speakers/lori-lightfoot")).select(".statement-list article.quote"))
    assert total > 1
    assert one.select_one("#statements-range").get_text() == f"1–1 of {total} statements"
    two = soup(web.get("/speakers/lori-lightfoot?per_page=1&page=2"))
    assert two.select_one("#statements-range").get_text() == f"2–2 of {total} statements"
    assert "2–2 of" in two.title.get_text()
    narrowed = soup(web.get("/speakers/lori-lightfoot?q=buses"))
    assert narrowed.select_one("#statements-range").get_text() == (
        f"1 statement (of {total} by Lori Lightfoot)"
    )


def test_quotation_marks_inside_a_direct_quote_become_single(web) -> None:
    record = {"id": "q1", "kind": "direct", "text": 'has increased because of "easy money."',
              "speaker": "Mark Cuban", "speaker_id": "mark-cuban", "article": "a1",
              "source": "Politico", "date": "2016-05-22", "title": "T"}
    highlight = 'has increased because of &#34;easy <mark class="match">money</mark>.&#34;'
    app = web.application
    with app.test_request_context("/"):
        card = app.jinja_env.get_template("_quote_card.html")
        plain = soup_of(card.render(record=record))
        marked = soup_of(card.render(record=record, highlight=highlight))
        reported = soup_of(card.render(record=record | {"kind": "indirect"}))
    assert plain.blockquote.get_text() == "has increased because of ‘easy money.’"
    assert marked.blockquote.get_text() == "has increased because of ‘easy money.’"
    assert marked.select_one("blockquote mark.match").get_text() == "money"
    # a reported statement is not inside the page's quotation marks: its own stay as written
    assert reported.blockquote.get_text() == record["text"]
    hostile = quoted_html('<script>alert("x")</script>')
    assert "<script>" not in hostile and "‘x’" in hostile


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_matched_topic_is_said_only_when_no_word_typed_is_marked(web) -> None:
    record = {"id": "q1", "kind": "indirect", "text": "the law is a money pit", "article": "a1",
              "topics": ["money"]}
    app = web.application
    with app.test_request_context("/"):
        card = app.jinja_env.get_template("_quote_card.html")
        typed = 'the law is a <mark class="match">money</mark> pit'
        literal = soup_of(card.render(record=record, why=["money"], highlight=typed))
        by_topic = soup_of(card.render(
            record=record, why=["money"], highlight='the law is a <mark class="related">pit</mark>'
        ))
    assert literal.select_one(".why") is None
    assert "matched topic" in by_topic.select_one(".why").get_text()


def test_a_speaker_nobody_is_called_is_said_on_the_page_and_in_the_api(web_with_registry) -> None:
    page = soup(web_with_registry.get("/?speaker=nobodyxyz"))
    notices = " ".join(p.get_text() for p in page.select(".message.notice"))
    assert "no speaker in the archive is called 'nobodyxyz'" in notices.lower()
    api = web_with_registry.get("/api/quotes?speaker=nobodyxyz&speaker=lightfoot").get_json()
    assert any("'nobodyxyz'" in n for n in api["notices"])
    assert not any("'lightfoot'" in n and "no speaker" in n for n in api["notices"])
    known = soup(web_with_registry.get("/?speaker=lori-lightfoot"))
    assert not known.select(".message.notice")


def test_a_speakers_list_page_past_the_end_says_so(web) -> None:
    page = soup(web.get("/speakers?page=999"))
    empty = page.select_one(".empty")
    assert "past the last page" in empty.get_text() and "page=1" in empty.a["href"]


def test_a_speakers_topic_counts_are_what_their_links_show(tmp_path: Path) -> None:
    """A statement repeated in another article counts under a topic either occurrence has,
    as the list the topic's link opens shows it."""
    records = make_records()
    echo = next(r for r in records if r["article"] == "budget-echo")
    echo["topics"] = ["budget", "taxes"]  # the repeat was tagged with one topic more
    index_dir = tmp_path / "index"
    build(index_dir, records, [StoredArticle(a, fingerprint="") for a in ARTICLES],
          manifest={"articles": len(ARTICLES), "quotes": len(records)})
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    page = soup(client.get("/speakers/lori-lightfoot"))
    links = page.select("ul.topic-counts a")
    assert any("axes" in a.get_text() for a in links)
    for link in links:
        count = int(re.search(r"(\d+)\D*$", link.get_text()).group(1))
        shown = soup(client.get(link["href"])).select(".statement-list article.quote")
        assert len(shown) == count, link.get_text()


def test_a_speakers_references_leave_out_pronouns(web_with_registry) -> None:
    page = soup(web_with_registry.get("/speakers/lori-lightfoot"))
    assert page.select_one(".references").get_text() == "Also referred to as: the mayor"
