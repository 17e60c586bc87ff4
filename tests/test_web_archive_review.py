"""What the archive-scale review of the pages found (docs/web.md, "Archive-scale review"):
downloads typed once, a page past the end, the exact-words box, notices, the speaker finder
and a typo, month labels that run together."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from onrecord.index import current_generation
from onrecord.speakers import REGISTRY_FILE, Registry, Speaker, save_registry
from onrecord.views.charts import month_range, timeline_svg
from onrecord.views.common import export_formats
from onrecord.webapp import create_app
from tests.webdata import build_web_index, by_text


@pytest.fixture(scope="module")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = build_web_index(tmp_path_factory.mktemp("review") / "index")
    speaker = Speaker(id="lori-lightfoot", name="Lori Lightfoot", aliases={"Lightfoot": 3},
                      references={"the mayor": 2})
    save_registry(Registry({speaker.id: speaker}),
                  current_generation(index_dir).path / REGISTRY_FILE)
    return index_dir


@pytest.fixture
def web(web_index: Path):
    return create_app({"TESTING": True, "INDEX_DIR": str(web_index)}).test_client()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.mark.parametrize("fmt", export_formats())
def test_every_download_names_its_charset_once(web, fmt: str) -> None:
    """``text/csv; charset=utf-8; charset=utf-8`` was sent for CSV and the citation styles."""
    quote = by_text("dollar")["id"]
    for url in (f"/export.{fmt}?q=budget", f"/quotes/{quote}/cite.{fmt}",
                f"/api/export.{fmt}?q=budget"):
        content_type = web.get(url).headers["Content-Type"]
        assert content_type.count("charset=") == 1, (url, content_type)
        assert content_type.endswith("charset=utf-8"), (url, content_type)
    html = web.get("/export.apa?q=budget&output=html").headers["Content-Type"]
    assert html == "text/html; charset=utf-8"


def test_an_api_download_is_named_after_what_it_holds(web) -> None:
    disposition = web.get("/api/export.csv?q=budget&speaker=lori-lightfoot").headers[
        "Content-Disposition"]
    assert disposition == 'attachment; filename="onrecord-budget-lori-lightfoot.csv"'


def test_a_search_page_past_the_end_says_so_and_links_the_last(web) -> None:
    page = soup(web.get("/?q=budget&page=99"))
    empty = page.select_one(".results .empty")
    assert "Nothing matched" not in empty.get_text()
    assert "Page 99 is past the last page" in empty.get_text()
    assert "page=1" in empty.a["href"] and "q=budget" in empty.a["href"]
    speaker = soup(web.get("/speakers/lori-lightfoot?page=99"))
    said = speaker.select_one(".statement-list .empty").get_text()
    assert "past the last page" in said and "remove a filter" not in said
    nothing = soup(web.get("/?q=zebra")).select_one(".results .empty")
    assert "Nothing matched" in nothing.get_text()


@pytest.mark.parametrize("value", ["1", "yes", "true", "on"])
def test_the_exact_words_box_shows_how_the_search_was_read(web, value: str) -> None:
    exact = soup(web.get(f"/?q=budget&exact={value}")).select_one("#exact")
    assert exact.has_attr("checked"), value
    assert not soup(web.get("/?q=budget")).select_one("#exact").has_attr("checked")
    # the box also narrows a speaker's statements, and says so there
    within = soup(web.get(f"/speakers/lori-lightfoot?q=budget&exact={value}"))
    assert within.select_one("form.search #exact").has_attr("checked")


def test_a_notice_that_asks_ends_with_its_question_mark_alone(web) -> None:
    notices = [li.get_text() for li in soup(web.get("/?q=budget&month=2019-13")).select(
        ".message.notice li")]
    assert any("did you mean" in n for n in notices), notices
    assert all(n.endswith((".", "?")) and not n.endswith("?.") for n in notices), notices
    assert all(n[0].isupper() for n in notices)


def test_the_speaker_finder_finds_a_misspelt_name(web) -> None:
    page = soup(web.get("/speakers?q=Lori+Lightfot"))
    assert [a.get_text() for a in page.select("table.speakers tbody a")] == ["Lori Lightfoot"]
    assert "closest spelling" in page.select_one("p.summary").get_text()
    api = web.get("/api/speakers?q=Lori+Lightfot").get_json()
    assert [s["id"] for s in api["speakers"]] == ["lori-lightfoot"]
    # a name that contains the words is found as before, without a spelling note
    found = soup(web.get("/speakers?q=lightfoot"))
    assert "closest spelling" not in found.select_one("p.summary").get_text()
    assert not soup(web.get("/speakers?q=zzqqxx")).select("table.speakers")


LABEL_WIDTH = 60  # a "2016-09" month label at the chart's 13 px, with a little room


@pytest.mark.parametrize("count", [2, 5, 8, 10, 12, 14, 23, 34, 45])
def test_month_labels_under_the_chart_never_run_together(count: int) -> None:
    months = month_range("2015-11", "2030-12")[:count]
    svg = BeautifulSoup(str(timeline_svg({m: 1 for m in months}, label="x")), "html.parser")
    labels = [(float(t["x"]), t.get_text()) for t in svg.select("text")
              if re.fullmatch(r"\d{4}-\d\d", t.get_text())]
    assert len(labels) >= min(count, 4)
    assert labels[0][1] == months[0] and labels[-1][1] == months[-1]
    gaps = [b[0] - a[0] for a, b in zip(labels, labels[1:], strict=False)]
    assert min(gaps) >= LABEL_WIDTH, (count, labels)


def test_a_page_reads_the_live_generation_once(web, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every topic label asked ``CURRENT`` and opened the index again: on a big speaker's
    page (150 labels) that was two thirds of the page's time."""
    from onrecord.views import common

    reads: list[Path] = []
    real = common.current_generation

    def counted(index_dir: Path):
        reads.append(index_dir)
        return real(index_dir)

    monkeypatch.setattr(common, "current_generation", counted)
    for url in ("/speakers/lori-lightfoot", "/?q=budget", "/?topic=education",
                f"/quotes/{by_text('dollar')['id']}", "/api/quotes?q=budget"):
        reads.clear()
        assert web.get(url).status_code == 200
        assert len(reads) == 1, (url, len(reads))


def test_a_speakers_page_goes_to_a_month(web) -> None:
    """A big speaker's 24 pages of statements are reached by month, not by paging blind."""
    page = soup(web.get("/speakers/lori-lightfoot"))
    options = page.select("form.search select#month option")
    assert options[0]["value"] == "" and "All months" in options[0].get_text()
    months = [o["value"] for o in options[1:]]
    table = {row.td.get_text(): int(row.select_one("td.num").get_text())
             for row in page.select("table.months tbody tr")}
    assert months == list(table) == sorted(table) and len(months) >= 2
    for month in months:
        shown = soup(web.get(f"/speakers/lori-lightfoot?month={month}"))
        dates = [t.get_text() for t in shown.select(".statement-list time")]
        assert len(dates) == table[month] and all(d.startswith(month) for d in dates), month
        chosen = shown.select_one("select#month option[selected]")
        assert chosen["value"] == month
    table_links = [a["href"] for a in page.select("table.months a")]
    assert [href.split("month=")[1] for href in table_links] == list(months)


def test_a_new_search_within_a_speaker_keeps_the_other_filters_in_view(web) -> None:
    page = soup(web.get("/speakers/lori-lightfoot?year=2019&kind=direct&q=budget"))
    kept = {(i["name"], i["value"]) for i in page.select("form.search fieldset.kept input")}
    assert kept == {("year", "2019"), ("kind", "direct")}
    assert all(i.has_attr("checked") for i in page.select("form.search fieldset.kept input"))
    # the form's own fields are not repeated as boxes
    assert page.select_one("form.search #q")["value"] == "budget"


def test_a_repeat_inside_the_same_article_is_not_another_article(tmp_path: Path) -> None:
    """A statement found twice in one article (one record nested in another) was shown as
    "also in 1 other article", while its quote page rightly listed none."""
    from onrecord.index import StoredArticle, build
    from tests.webdata import ARTICLES, CHICAGO, make_records, record

    records = make_records()
    outer = next(r for r in records if "every dollar" in r["text"])
    inner = record(ARTICLES[0], "every dollar we have", "Lori Lightfoot",
                   statement_id="stmt-dollar", canonical=False)
    outer |= {"statement_id": "stmt-dollar", "canonical": True,
              "also_in": [{"article": CHICAGO, "quote": inner["id"], "title": "t"}]}
    inner["also_in"] = [{"article": CHICAGO, "quote": outer["id"], "title": "t"}]
    index_dir = tmp_path / "index"
    build(index_dir, [*records, inner], [StoredArticle(a, fingerprint="") for a in ARTICLES],
          manifest={"articles": len(ARTICLES)})
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    cards = soup(client.get("/?q=dollar")).select("article.quote")
    assert len(cards) == 1 and cards[0].select_one(".also") is None
    quote = soup(client.get(f"/quotes/{outer['id']}"))
    assert "other article" not in quote.get_text()
    # a repeat in another article is still said, on the card and the quote page
    echoed = soup(client.get("/?q=balanced")).select_one("article.quote .also")
    assert echoed.get_text() == "also in 1 other article"


def test_the_speakers_list_shows_people_organisations_or_groups(tmp_path: Path) -> None:
    """At archive scale "Republicans", "Associated Press" and "Twitter" sit among the most
    quoted; a reporter looking for a person can leave them out."""
    index_dir = build_web_index(tmp_path / "index")
    speakers = [Speaker(id="lori-lightfoot", name="Lori Lightfoot"),
                Speaker(id="jesse-sharkey", name="Jesse Sharkey"),
                Speaker(id="maria-lopez", name="Maria Lopez", kind="organisation")]
    save_registry(Registry({s.id: s for s in speakers}),
                  current_generation(index_dir).path / REGISTRY_FILE)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()

    def names(url: str) -> list[str]:
        return [a.get_text() for a in soup(client.get(url)).select("table.speakers tbody a")]

    everyone = names("/speakers")
    assert "Maria Lopez" in everyone and "Lori Lightfoot" in everyone
    assert names("/speakers?kind=organisation") == ["Maria Lopez"]
    people = names("/speakers?kind=person")
    assert "Maria Lopez" not in people and {"Lori Lightfoot", "Jesse Sharkey"} <= set(people)
    page = soup(client.get("/speakers?kind=person&sort=name"))
    assert page.select_one("select#kind option[selected]")["value"] == "person"
    assert page.select_one("p.summary").get_text().endswith("people")
    assert all("kind=person" in a["href"] for a in page.select("table.speakers thead a"))
    api = client.get("/api/speakers?kind=organisation").get_json()
    assert [(s["id"], s["kind"]) for s in api["speakers"]] == [("maria-lopez", "organisation")]
    assert client.get("/speakers?kind=robot").status_code == 400
    assert client.get("/api/speakers?kind=robot").status_code == 400


def test_the_download_says_how_many_statements_it_holds(web) -> None:
    result = web.get("/api/quotes?q=budget OR buses").get_json()
    summary = soup(web.get("/?q=budget OR buses")).select_one("details.export summary")
    assert summary.get_text() == f"Download these {result['total']} statements"
    rows = web.get("/export.jsonl?q=budget OR buses").get_data(as_text=True).splitlines()
    assert len(rows) == result["total"]
    one = soup(web.get("/speakers/lori-lightfoot?q=buses")).select_one("details.export summary")
    assert one.get_text() == "Download this statement"


def test_an_unknown_speaker_address_offers_the_speakers_it_may_mean(web) -> None:
    response = web.get("/speakers/Lori Lightfot")
    assert response.status_code == 404
    page = soup(response)
    assert [a["href"] for a in page.select(".error-page li a")] == ["/speakers/lori-lightfoot"]
    finder = page.find("a", string="Look for it in the speakers list")
    assert finder["href"] == "/speakers?q=Lori+Lightfot"
    surname = soup(web.get("/speakers/lightfoot")).select(".error-page li a")
    assert [a.get_text() for a in surname] == ["Lori Lightfoot"]
    nobody = web.get("/speakers/zzqqxx")
    assert nobody.status_code == 404 and not soup(nobody).select(".error-page li")
    assert web.get("/api/speakers/lightfoot").status_code == 404  # the API stays exact


@pytest.mark.parametrize("query", ["fmt=csl", "fmt=apa&output=pdf", "fmt=nope", "fmt=csv&output=x"])
def test_a_bad_download_is_refused_before_any_statement_is_read(
    web, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    from onrecord.views import api, pages

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("records read for a download that is refused")

    monkeypatch.setattr(pages, "all_records", never)
    monkeypatch.setattr(api, "all_records", never)
    fmt, _, rest = query.removeprefix("fmt=").partition("&")
    for url in (f"/export.{fmt}?{rest}", f"/api/export.{fmt}?{rest}"):
        response = web.get(url)
        assert response.status_code == 400, url


def test_cards_show_the_normalised_role_as_the_role_facet_counts_it(web) -> None:
    """At archive scale cards said "Donald Trump, PM", "Sen." and "speaking to a veterans
    group in Virginia", while the role facet counted "Senator" and no role for the junk."""
    app = web.application
    base = {"id": "q1", "kind": "direct", "text": "words", "speaker": "Bernie Sanders",
            "speaker_id": "bernie-sanders", "article": "a1"}
    with app.test_request_context("/"):
        card = app.jinja_env.get_template("_quote_card.html")

        def who(record: dict, **options: object) -> str:
            line = soup_of(card.render(record=record, **options)).select_one(".who")
            return line.get_text(" ", strip=True) if line else ""

        sanders = "Bernie Sanders ,"
        assert who(base | {"role": "Sen.", "speaker_role": "Senator"}) == f"{sanders} Senator"
        assert who(base | {"role": "PM", "speaker_role": None}) == "Bernie Sanders"
        # a record the speaker registry never saw keeps the role written
        assert who(base | {"role": "Vermont Sen."}) == f"{sanders} Vermont Sen."
        assert who(base | {"role": "PM", "speaker_role": None}, hide_speaker=True) == ""
    record = by_text("every dollar")
    quote = soup(web.get(f"/quotes/{record['id']}"))
    assert quote.select_one(".who .role").get_text() == record["speaker_role"]


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_a_private_use_character_in_a_quote_keeps_its_marks_in_place() -> None:
    """Extraction masks quotations with U+E000 and a few reach the index; the page's own
    placeholder for tags was the same character, so marks landed on the wrong words."""
    from markupsafe import Markup

    from onrecord.views.text import quoted_html

    shown = str(quoted_html(Markup('a \ue000 "b <mark class="match">money</mark> c" d')))
    assert shown == 'a \ue000 ‘b <mark class="match">money</mark> c’ d'
