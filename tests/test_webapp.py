"""The Flask app through its test client: pages, API, errors, escaping, headers."""

from __future__ import annotations

from pathlib import Path

from onrecord.ingest import ingest
from onrecord.webapp import create_app
from tests.helpers import write


def test_search_page_lists_results_and_facets(client) -> None:
    response = client.get("/?q=strike")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'lang="en"' in page
    assert "CBS 2 Chicago" in page
    assert "<mark" in page
    assert "speaker=" in page  # facet links narrow the search


def test_empty_query_shows_the_archive(client) -> None:
    page = client.get("/").get_data(as_text=True)
    assert "from 2 articles" in page


def test_api_quotes_returns_records_and_facets(client) -> None:
    data = client.get("/api/quotes?q=union").get_json()
    assert data["total"] == len(data["records"]) or data["total"] > data["per_page"]
    assert {"speaker", "topic", "source", "kind", "year"} <= set(data["facets"])
    for record in data["records"]:
        assert {"id", "text", "speaker", "source", "date", "kind"} <= set(record)


def test_bad_query_is_400_with_a_message(client) -> None:
    api = client.get("/api/quotes?q=date:never")
    assert api.status_code == 400
    assert "not a date" in api.get_json()["error"]
    page = client.get("/?q=date:2019-99")
    assert page.status_code == 400
    assert "not a valid date" in page.get_data(as_text=True)
    loose = client.get("/api/quotes?q=(money")  # searched anyway, saying how
    assert loose.status_code == 200
    assert loose.get_json()["notices"] == ["an unmatched parenthesis was left out"]
    assert client.get("/api/quotes?page=zero").status_code == 400


def test_unknown_routes_are_404_without_a_trace(client) -> None:
    api = client.get("/api/nothing")
    assert api.status_code == 404 and "error" in api.get_json()
    page = client.get("/nothing")
    assert page.status_code == 404 and "Traceback" not in page.get_data(as_text=True)


def test_security_headers(client) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_export_download(client) -> None:
    response = client.get("/export.csv?q=strike")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert client.get("/export.docx").status_code == 400


def test_article_html_is_escaped_everywhere(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write(
        archive / "x.txt",
        "---\ntitle: <img src=x onerror=alert(1)>\nsource: <b>Evil</b> News\n---\n"
        '"Run <script>alert(1)</script> now, please," said Maria Lopez.\n',
    )
    ingest(archive, tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    for url in ("/?q=please", "/?q=", "/?q=run"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "<b>Evil</b>" not in page
        assert "&lt;script&gt;" in page or "&lt;b&gt;Evil" in page


def test_missing_index_is_a_clear_503(tmp_path: Path) -> None:
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_client()
    response = client.get("/api/quotes")
    assert response.status_code == 503
    assert "onrecord ingest" in response.get_json()["error"]


def test_formatted_citations_as_html_are_served_as_html(client) -> None:
    response = client.get("/export.apa?q=money&output=html")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Content-Disposition"].endswith('.html"')
    assert client.get("/export.apa?q=money&output=pdf").status_code == 400


def test_a_new_query_keeps_every_filter_and_says_so(client) -> None:
    """The filters a new search keeps are shown as ticked boxes, never kept silently."""
    page = client.get("/?q=strike&role=teacher&month=2019-10&since=2019").get_data(as_text=True)
    assert "A new search keeps these filters" in page
    for name, value in (("role", "teacher"), ("month", "2019-10"), ("since", "2019")):
        assert f'<input type="checkbox" name="{name}" value="{value}" checked>' in page
    assert 'type="hidden"' not in page


def test_style_is_an_id_never_a_path(client) -> None:
    for style in ("/etc/passwd", "../../../../etc/passwd", "x.csl"):
        response = client.get("/export.csl", query_string={"q": "money", "style": style})
        assert response.status_code == 400
        assert "root:" not in response.get_data(as_text=True)


def test_thousands_of_filters_are_refused_quickly(client) -> None:
    response = client.get("/api/quotes", query_string=[("speaker", f"s{i}") for i in range(3000)])
    assert response.status_code == 400
    assert "too many values" in response.get_json()["error"]


def test_speaker_names_work_in_urls_as_on_the_command_line(client) -> None:
    by_id = client.get("/api/quotes?speaker=lori-lightfoot").get_json()["total"]
    assert by_id > 5
    assert client.get("/api/quotes?speaker=lightfoot").get_json()["total"] == by_id
    assert client.get("/api/quotes?speaker=Lori%20Lightfoot").get_json()["total"] == by_id


def test_speaker_finder_matches_references_and_search_announces_a_corrected_name(client):
    page = client.get("/speakers?q=the+mayor").get_data(as_text=True)
    assert "Lori Lightfoot" in page and "referred to as" in page
    page = client.get("/?q=strike&speaker=Lightfot").get_data(as_text=True)
    assert "How this search was read" in page
    assert "No speaker is called \u201cLightfot\u201d; showing the closest spelling" in page


def test_speaker_notices_on_the_web_are_said_as_a_reader_would(client) -> None:
    """The web words what the CLI says as a note ("... (id lori-lightfoot)") for a reader."""
    said = "Showing Lori Lightfoot, the only speaker with the surname \u201clightfoot\u201d"
    page = client.get("/?speaker=lightfoot").get_data(as_text=True)
    assert said in page
    assert "(id lori-lightfoot)" not in page and "is the surname of" not in page
    notices = client.get("/api/quotes?speaker=lightfoot").get_json()["notices"]
    assert notices == [said]
