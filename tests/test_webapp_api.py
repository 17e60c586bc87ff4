"""The JSON API over a hand-made index: every route, its errors, and the OpenAPI document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onrecord import export as exporting
from onrecord.webapp import create_app
from tests.webdata import CHICAGO, EVIL, build_web_index, by_text


@pytest.fixture(scope="module")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_index(tmp_path_factory.mktemp("api") / "index")


@pytest.fixture
def app(web_index: Path):
    return create_app({"TESTING": True, "INDEX_DIR": str(web_index)})


@pytest.fixture
def api(app):
    return app.test_client()


def test_search_returns_records_facets_and_highlights(api) -> None:
    data = api.get("/api/quotes?q=budget OR buses&per_page=1&sort=date").get_json()
    assert data["total"] == 2 and data["pages"] == 2 and len(data["records"]) == 1
    record = data["records"][0]
    assert "budget" in record["text"].lower()
    assert re.search(r"<mark[^>]*>budget</mark>", data["highlights"][record["id"]], re.I)
    # the statement repeated in a second article is shown once, with the repeat counted
    assert data["collapsed"] == 1 and data["duplicates"] == {record["id"]: 1}
    sources = {v["value"]: v["count"] for v in data["facets"]["source"]}
    # the repeat's outlet counts too: narrowing to it shows the statement there
    assert sources == {"Evening Post": 1, "Daily Ledger": 1, "Morning Star": 1}
    narrowed = api.get("/api/quotes?q=budget OR buses&source=Morning Star").get_json()
    assert narrowed["total"] == 1


def test_search_filters_combine(api) -> None:
    data = api.get("/api/quotes?speaker=lori-lightfoot&topic=education&kind=indirect").get_json()
    assert [r["text"] for r in data["records"]] == ["class sizes would be capped"]
    selected = [v["value"] for v in data["facets"]["speaker"] if v["selected"]]
    assert selected == ["lori-lightfoot"]


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("/api/quotes?q=date:[x to y]", "not a date"),
        ("/api/quotes?page=zero", "page"),
        ("/api/quotes?per_page=0", "per_page"),
        ("/api/quotes?since=yesterday", "date"),
        ("/api/speakers?sort=age", "sort"),
        ("/api/speakers/lori-lightfoot?q=date:soon", "not a date"),
        ("/api/export.docx", "unknown export format"),
    ],
)
def test_bad_requests_are_400_json(api, url: str, needle: str) -> None:
    response = api.get(url)
    assert response.status_code == 400
    assert response.is_json and needle in response.get_json()["error"]


@pytest.mark.parametrize(
    "url",
    ["/api/quotes/000000000000", "/api/speakers/nobody", "/api/articles/no/such",
     "/api/articles/../etc/passwd", "/api/nothing"],
)
def test_unknown_ids_are_404_json(api, url: str) -> None:
    response = api.get(url)
    assert response.status_code == 404
    assert set(response.get_json()) == {"error"}


def test_quote_detail(api) -> None:
    record = by_text("The budget is balanced")
    data = api.get(f"/api/quotes/{record['id']}").get_json()
    assert data["record"]["id"] == record["id"]
    assert data["article"]["title"] == "Budget hearing draws crowd"
    assert f"<mark class=\"direct\">{record['text']}</mark>" in data["paragraph_html"]
    assert [o["article"] for o in data["same_statement"]] == ["budget-echo"]
    fmt = next(iter(exporting.FORMATS))
    cited = api.get(f"/api/quotes/{record['id']}?cite={fmt}").get_json()
    assert cited["citation"]["format"] == fmt and "balanced" in cited["citation"]["text"]
    assert api.get(f"/api/quotes/{record['id']}?cite=nope").status_code == 400


def test_quote_detail_escapes_the_paragraph(api) -> None:
    evil = by_text("<script>")
    data = api.get(f"/api/quotes/{evil['id']}").get_json()
    assert "<script>" not in data["paragraph_html"]
    assert data["record"]["text"] == evil["text"]  # JSON carries the text as written


def test_speakers_list_and_detail(api) -> None:
    data = api.get("/api/speakers?sort=name").get_json()
    names = [s["name"] for s in data["speakers"]]
    assert names == ["Jesse Sharkey", "Lori Lightfoot", "Maria Lopez", "Stacy Davis Gates"]
    assert api.get("/api/speakers?q=lopez").get_json()["total"] == 1
    detail = api.get("/api/speakers/lori-lightfoot").get_json()
    assert detail["speaker"]["name"] == "Lori Lightfoot"
    assert detail["speaker"]["months"] == {"2019-10": 2, "2019-11": 1, "2020-01": 1}
    dates = [r["date"] for r in detail["statements"]["records"]]
    assert dates == sorted(dates) and len(dates) == 4
    newest = api.get("/api/speakers/lori-lightfoot?sort=-date").get_json()
    dates = [r["date"] for r in newest["statements"]["records"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == 4


def test_article_detail_with_slashes_in_the_id(api) -> None:
    data = api.get(f"/api/articles/{CHICAGO}").get_json()
    assert data["article"]["id"] == CHICAGO
    assert data["article"]["body"].startswith("Talks between")
    starts = [r["start"] for r in data["records"]]
    assert starts == sorted(starts) and len(starts) == 3
    assert api.get(f"/api/articles/{EVIL}").get_json()["article"]["url"] == "javascript:alert(1)"


def test_export_in_every_format(api) -> None:
    for fmt, chosen in exporting.FORMATS.items():
        style = "&style=apa" if fmt == "csl" else ""  # csl names its style
        response = api.get(f"/api/export.{fmt}?q=buses{style}")
        assert response.status_code == 200
        assert response.mimetype == chosen.media_type.split(";")[0]
        assert "Buses will run" in response.get_data(as_text=True)
    assert api.get("/api/export.csl?q=buses").status_code == 400  # no style named


def test_openapi_documents_every_api_route(app, api) -> None:
    doc = api.get("/api/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    documented = set(doc["paths"])
    routes = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
    }
    assert routes == documented
    for path in documented:
        assert set(doc["paths"][path]) == {"get"}, path
    enum = doc["paths"]["/api/export.{fmt}"]["get"]["parameters"][0]["schema"]["enum"]
    assert set(enum) == set(exporting.FORMATS)


def test_api_is_read_only(api) -> None:
    response = api.post("/api/quotes")
    assert response.status_code == 405 and "error" in response.get_json()
    assert "GET" in response.headers["Allow"]


def test_unexpected_errors_hide_the_trace(app, api, monkeypatch) -> None:
    from onrecord.views import queries

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(queries, "list_speakers", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    for url in ("/api/speakers", "/speakers"):
        response = api.get(url)
        assert response.status_code == 500
        text = response.get_data(as_text=True)
        assert "secret internals" not in text and "Traceback" not in text
