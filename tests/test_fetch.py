"""``onrecord add``: pages, feeds, sitemaps and WARC files from a loopback server into an archive.

Every test runs its own HTTP server on 127.0.0.1 (tests/webserver.py); nothing needs the network.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.cli import cli
from onrecord.fetch.add import Adder, AddReport
from onrecord.fetch.client import Settings
from onrecord.fetch.store import page_slug, url_key
from onrecord.index import current_generation, read_article_row
from onrecord.search import SearchRequest, all_records
from tests.webserver import LoopbackServer, Route, serve

NEWS = (Path(__file__).parent / "data" / "web" / "news_page.html").read_text(encoding="utf-8")
CANONICAL = "https://ledger.example/news/westside-clinic-to-close"
SAVED = "web/ledger.example/2023-03-14-westside-clinic-to-close.html"
# Quick and impatient, so that failures show in well under a second.
FAST = Settings(timeout=0.5, deadline=1.0, retries=1, backoff=0.05, delay=0.0, max_bytes=200_000)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    yield from serve()


def add(archive: Path, *sources: str, settings: Settings = FAST, **lists: list[str]) -> AddReport:
    return Adder(archive, settings).run(sources, lists.get("feeds", ()), lists.get("sitemaps", ()))


def outcomes(report: AddReport) -> dict[str, tuple[str, str]]:
    return {o.url: (o.status, o.detail) for o in report.outcomes}


def other_page(title: str, quote: str) -> str:
    """A second article, long enough to be read as one."""
    body = " ".join(
        [f"<p>{quote} said Ann Lee, the director.</p>"] + ["<p>" + "Filler. " * 30 + "</p>"]
    )
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


def test_good_page_is_saved_with_its_metadata(server: LoopbackServer, tmp_path: Path) -> None:
    url = server.page("/news/westside-clinic-to-close", NEWS)
    report = add(tmp_path, url)
    assert outcomes(report) == {url: ("added", SAVED)}
    assert (tmp_path / SAVED).read_text(encoding="utf-8") == NEWS
    sidecar = json.loads((tmp_path / SAVED.replace(".html", ".meta.json")).read_text())
    assert sidecar["url"] == CANONICAL and sidecar["fetched_url"] == url
    assert sidecar["title"] == "Westside clinic to close in June, county says"
    assert sidecar["source"] == "Lakeview Ledger" and sidecar["author"] == "Dana Whitfield"
    assert sidecar["date"] == "2023-03-14" and sidecar["fetched_at"].endswith("Z")
    assert server.paths() == ["/robots.txt", "/news/westside-clinic-to-close"]
    assert all(agent.startswith("onrecord/") for _, agent in server.requests)


def test_redirect_is_followed_and_recorded(server: LoopbackServer, tmp_path: Path) -> None:
    final = server.page("/news/westside-clinic-to-close", NEWS)
    server.routes["/s/abc"] = Route(
        status=301, headers={"Location": "/news/westside-clinic-to-close"}
    )
    report = add(tmp_path, server.url("/s/abc"))
    assert outcomes(report)[server.url("/s/abc")] == ("added", SAVED)
    sidecar = json.loads((tmp_path / SAVED.replace(".html", ".meta.json")).read_text())
    assert sidecar["final_url"] == final and sidecar["fetched_url"] == server.url("/s/abc")


def test_redirect_loop_is_a_failure(server: LoopbackServer, tmp_path: Path) -> None:
    server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    assert outcomes(add(tmp_path, server.url("/a"))) == {
        server.url("/a"): ("failed", "more than 5 redirects")
    }


def test_missing_page_fails_with_its_status(server: LoopbackServer, tmp_path: Path) -> None:
    url = server.url("/gone")
    assert outcomes(add(tmp_path, url)) == {url: ("failed", "HTTP 404 Not Found")}
    assert not (tmp_path / "web").exists()


def test_slow_server_times_out(server: LoopbackServer, tmp_path: Path) -> None:
    url = server.page("/slow", NEWS, delay=3.0)
    status, reason = outcomes(add(tmp_path, url))[url]
    assert status == "failed" and reason.startswith("timed out")


def test_trickling_server_meets_the_deadline(server: LoopbackServer, tmp_path: Path) -> None:
    url = server.page("/trickle", NEWS, pace=0.1)  # each piece well within the 0.5 s timeout
    status, reason = outcomes(add(tmp_path, url))[url]
    assert (status, reason) == ("failed", "timed out (no full answer in 1 s)")


def test_server_error_is_retried(server: LoopbackServer, tmp_path: Path) -> None:
    good = Route(NEWS.encode(), headers={"Content-Type": "text/html"})
    server.routes["/flaky"] = Route(b"busy", 503, {"Content-Type": "text/plain"}, then=good)
    url = server.url("/flaky")
    assert outcomes(add(tmp_path, url))[url][0] == "added"
    assert server.paths().count("/flaky") == 2
    server.routes["/down"] = Route(b"busy", 503, {"Content-Type": "text/plain"})
    assert outcomes(add(tmp_path, server.url("/down")))[server.url("/down")] == (
        "failed",
        "HTTP 503 Service Unavailable",
    )
    assert server.paths().count("/down") == 2  # the first try and one retry


def test_non_html_answer_is_refused(server: LoopbackServer, tmp_path: Path) -> None:
    server.routes["/report.pdf"] = Route(
        b"%PDF-1.7 ...", headers={"Content-Type": "application/pdf"}
    )
    url = server.url("/report.pdf")
    assert outcomes(add(tmp_path, url)) == {url: ("failed", "not HTML but application/pdf")}


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "streamed"])
def test_huge_page_is_refused(server: LoopbackServer, tmp_path: Path, length: bool) -> None:
    huge = NEWS.replace("<p>Patients", "<p>" + "Padding words. " * 20_000 + "</p><p>Patients")
    url = server.page("/huge", huge, length=length)
    status, reason = outcomes(add(tmp_path, url))[url]
    assert status == "failed" and reason.startswith("too large")
    assert not (tmp_path / "web").exists()


def test_robots_txt_disallow_is_respected(server: LoopbackServer, tmp_path: Path) -> None:
    server.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
    )
    url = server.page("/private/story", NEWS)
    allowed = server.page("/news/westside-clinic-to-close", NEWS)
    assert outcomes(add(tmp_path, url, allowed)) == {
        url: ("failed", "robots.txt disallows it"),
        allowed: ("added", SAVED),
    }
    assert "/private/story" not in server.paths()


def test_unavailable_robots_txt_means_no_fetch(server: LoopbackServer, tmp_path: Path) -> None:
    server.routes["/robots.txt"] = Route(b"down", 500, {"Content-Type": "text/plain"})
    url = server.page("/news/westside-clinic-to-close", NEWS)
    status, reason = outcomes(add(tmp_path, url))[url]
    assert status == "failed" and "robots.txt unavailable (HTTP 500)" in reason
    assert "/news/westside-clinic-to-close" not in server.paths()


def test_page_already_held_is_skipped(server: LoopbackServer, tmp_path: Path) -> None:
    url = server.page("/news/westside-clinic-to-close", NEWS)
    add(tmp_path, url)
    server.requests.clear()
    # The same URL (with a tracking parameter), and another address whose canonical is held.
    copy = server.page("/amp/clinic", NEWS)
    report = add(tmp_path, url + "?utm_source=feed", copy)
    held = f"already in the archive as {SAVED.removesuffix('.html')}"
    assert outcomes(report) == {
        url + "?utm_source=feed": ("skipped", held),
        copy: ("skipped", held),
    }
    assert server.paths() == ["/robots.txt", "/amp/clinic"]  # the held URL was not fetched
    assert sorted(p.name for p in (tmp_path / "web" / "ledger.example").iterdir()) == [
        "2023-03-14-westside-clinic-to-close.html",
        "2023-03-14-westside-clinic-to-close.meta.json",
    ]


def test_canonical_naming_the_home_page_is_ignored(server: LoopbackServer, tmp_path: Path) -> None:
    home = f'<link rel="canonical" href="{server.url("/")}">'
    first = server.page(
        "/news/ward-reopens",
        other_page("Ward", "“We will reopen,”").replace("<head>", "<head>" + home),
    )
    second = server.page(
        "/news/ward-closes",
        other_page("Ward", "“We will close,”").replace("<head>", "<head>" + home),
    )
    report = add(tmp_path, first, second)
    assert [o.status for o in report.outcomes] == ["added", "added"]
    sidecar = json.loads((tmp_path / "web/127.0.0.1/ward-closes.meta.json").read_text())
    assert sidecar["url"] == second


def test_page_without_article_text_is_not_saved(server: LoopbackServer, tmp_path: Path) -> None:
    url = server.page("/empty", "<html><body><script>app()</script></body></html>")
    assert outcomes(add(tmp_path, url)) == {url: ("failed", "no article text found on the page")}


def test_feed_brings_its_articles(server: LoopbackServer, tmp_path: Path) -> None:
    server.page("/news/westside-clinic-to-close", NEWS)
    server.page("/news/ward-reopens", other_page("Ward reopens", "“We will reopen the ward,”"))
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>
      <item><title>Clinic</title><link>{server.url("/news/westside-clinic-to-close")}</link></item>
      <item><title>Ward</title><link>/news/ward-reopens</link></item>
      <item><title>Gone</title><link>/news/gone</link></item>
    </channel></rss>"""
    server.routes["/feed.xml"] = Route(
        rss.encode(), headers={"Content-Type": "application/rss+xml"}
    )
    report = add(tmp_path, feeds=[server.url("/feed.xml")])
    assert [(o.status, o.detail) for o in report.outcomes] == [
        ("added", SAVED),
        ("added", "web/127.0.0.1/ward-reopens.html"),
        ("failed", "HTTP 404 Not Found"),
    ]


def test_atom_feed_and_feed_that_is_not_one(server: LoopbackServer, tmp_path: Path) -> None:
    server.page("/news/westside-clinic-to-close", NEWS)
    atom = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title>Ledger</title><entry><title>Clinic</title>
      <link rel="alternate" href="/news/westside-clinic-to-close"/></entry></feed>"""
    server.routes["/atom"] = Route(atom.encode(), headers={"Content-Type": "application/atom+xml"})
    server.routes["/notes.txt"] = Route(b"hello", headers={"Content-Type": "text/plain"})
    report = add(tmp_path, feeds=[server.url("/atom"), server.url("/notes.txt")])
    assert outcomes(report) == {
        server.url("/notes.txt"): (
            "failed",
            "not application/rss+xml or application/atom+xml "
            "or application/rdf+xml or application/xml or text/xml or "
            "text/html but text/plain",
        ),
        server.url("/news/westside-clinic-to-close"): ("added", SAVED),
    }


def test_sitemap_index_brings_its_pages(server: LoopbackServer, tmp_path: Path) -> None:
    server.page("/news/westside-clinic-to-close", NEWS)
    server.page("/news/ward-reopens", other_page("Ward reopens", "“We will reopen the ward,”"))
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    index = f"""<?xml version="1.0"?><sitemapindex {ns}>
      <sitemap><loc>{server.url("/sitemap-news.xml")}</loc></sitemap></sitemapindex>"""
    urlset = f"""<?xml version="1.0"?><urlset {ns}>
      <url><loc>{server.url("/news/westside-clinic-to-close")}</loc></url>
      <url><loc>{server.url("/news/ward-reopens")}</loc></url></urlset>"""
    for path, xml in (("/sitemap.xml", index), ("/sitemap-news.xml", urlset)):
        server.routes[path] = Route(xml.encode(), headers={"Content-Type": "application/xml"})
    report = add(tmp_path, sitemaps=[server.url("/sitemap.xml")])
    assert [o.detail for o in report.of("added")] == [SAVED, "web/127.0.0.1/ward-reopens.html"]
    assert report.of("failed") == []


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]]) -> Path:
    """(url, status line, content type, body) -> a gzipped WARC of response records."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, status, kind, body in records:
            http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http
                )
            )
    return path


def test_warc_file_pages_are_imported(tmp_path: Path) -> None:
    warc = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            (
                "https://ledger.example/news/westside-clinic-to-close",
                "200 OK",
                "text/html; charset=utf-8",
                NEWS.encode(),
            ),
            ("https://ledger.example/img/clinic.jpg", "200 OK", "image/jpeg", b"\xff\xd8\xff"),
            ("https://ledger.example/old", "301 Moved Permanently", "text/html", b""),
        ],
    )
    archive = tmp_path / "archive"
    report = add(archive, str(warc))
    assert outcomes(report) == {
        "https://ledger.example/news/westside-clinic-to-close": ("added", SAVED)
    }
    assert dict(report.warc_other.other) == {"image/jpeg responses": 1, "HTTP 301 responses": 1}
    sidecar = json.loads((archive / SAVED.replace(".html", ".meta.json")).read_text())
    assert sidecar["warc"] == "crawl.warc.gz" and sidecar["fetched_at"].startswith("20")
    assert outcomes(add(archive, str(warc)))[CANONICAL][0] == "skipped"


def test_file_that_is_not_a_warc_fails(tmp_path: Path) -> None:
    fake = tmp_path / "notes.warc"
    fake.write_text("just some notes\n")
    [outcome] = add(tmp_path / "archive", str(fake)).outcomes
    assert outcome.status == "failed" and "not a readable WARC file" in outcome.detail


def test_url_keys_and_slugs() -> None:
    assert url_key("HTTPS://www.Example.com/a/b/?utm_source=x#top") == url_key(
        "http://example.com/a/b"
    )
    assert url_key("https://example.com/a?id=1") != url_key("https://example.com/a?id=2")
    assert page_slug("https://x.example/2023/03/clinic-closes.html", "T") == "clinic-closes"
    assert page_slug("https://x.example/story/123456", "Clinic closes: “no choice”") == (
        "clinic-closes-no-choice"
    )
    assert page_slug("https://x.example/", None) == "x-example"


def test_add_then_ingest_keeps_the_article_quotes_and_no_furniture(
    server: LoopbackServer, tmp_path: Path
) -> None:
    """End to end: `onrecord add URL --ingest`, then the archive's records as a user sees them."""
    url = server.page("/news/westside-clinic-to-close", NEWS)
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    result = CliRunner().invoke(
        cli,
        [
            "add",
            url,
            "--archive",
            str(archive),
            "--index",
            str(index_dir),
            "--delay",
            "0",
            "--timeout",
            "5",
            "--ingest",
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"added: {url}: {SAVED}" in result.output
    assert "Added 1 page(s)" in result.output and "Ingested 1 articles" in result.output
    records = all_records(current_generation(index_dir), SearchRequest(collapse=False))
    assert {r["article"] for r in records} == {SAVED.removesuffix(".html")}
    first = records[0]
    assert first["title"] == "Westside clinic to close in June, county says"
    assert (first["source"], first["date"], first["url"]) == (
        "Lakeview Ledger",
        "2023-03-14",
        CANONICAL,
    )
    said = {(r["speaker"], r["text"]) for r in records}
    for speaker, words in [
        ("Alan Brooks", "We cannot keep a building open that loses two million dollars a year"),
        ("Paula Grant", "Nobody asked the people who actually work here"),
        ("Rita Salazar", "Now they want to take the clinic, too."),
    ]:
        assert any(s == speaker and words in text for s, text in said), (speaker, said)
    texts = " ".join(text for _, text in said)
    furniture = [
        "It could have been worse",  # breaking-news banner
        "We were never told",  # photo caption
        "before your coffee",  # newsletter box inside the article
        "Ridership collapsed",  # related-story teasers inside the article
        "climate of threats",
        "We had no choice",  # related stories beside it
        "This is a disgrace",  # reader comments
        "Follow the money",
    ]
    assert [f for f in furniture if f in texts] == []
    row = read_article_row(current_generation(index_dir), SAVED.removesuffix(".html"))
    for record in records:  # offsets point into the body (a split quote spans its two parts)
        quoted = row["body"][record["start"] : record["end"]]
        assert quoted.startswith(record["text"][:20]) and quoted.endswith(record["text"][-10:])


def test_add_without_anything_to_add_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["add", "--archive", str(tmp_path)])
    assert result.exit_code == 2 and "give a URL" in result.output


def test_add_reports_failures_and_exits_non_zero(server: LoopbackServer, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["add", server.url("/gone"), "--archive", str(tmp_path), "--delay", "0"]
    )
    assert result.exit_code == 1
    assert f"failed: {server.url('/gone')}: HTTP 404 Not Found" in result.output
    assert "Added 0 page(s)" in result.output and "Next:" not in result.output


def test_page_in_another_encoding_is_saved_as_utf8(server: LoopbackServer, tmp_path: Path) -> None:
    body = NEWS.replace('<meta charset="utf-8">', "").encode("cp1252")
    url = server.page(
        "/news/westside-clinic-to-close",
        body,
        headers={"Content-Type": "text/html; charset=windows-1252"},
    )
    assert outcomes(add(tmp_path, url))[url] == ("added", SAVED)
    saved = (tmp_path / SAVED).read_text(encoding="utf-8")
    assert "“Nobody asked the people who actually work here,” said Paula Grant" in saved
    sidecar = json.loads((tmp_path / SAVED.replace(".html", ".meta.json")).read_text())
    assert sidecar["charset"] == "windows-1252"


def test_add_says_what_to_run_next(server: LoopbackServer, tmp_path: Path) -> None:
    url = server.page("/news/westside-clinic-to-close", NEWS)
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    result = CliRunner().invoke(
        cli, ["add", url, "--archive", str(archive), "--index", str(index_dir), "--delay", "0"]
    )
    assert result.exit_code == 0, result.output
    assert f"Next: onrecord ingest {archive} --index {index_dir}" in result.output
    assert not index_dir.exists()


def test_archive_that_cannot_be_written_is_a_failure_per_page(
    server: LoopbackServer, tmp_path: Path
) -> None:
    url = server.page("/news/westside-clinic-to-close", NEWS)
    (tmp_path / "web").write_text("a file where the web folder should be")
    status, reason = outcomes(add(tmp_path, url))[url]
    assert status == "failed" and reason.startswith("cannot write to the archive")
