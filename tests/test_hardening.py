"""Hostile input: bad article files through ingest, and hostile requests against the web app.

Every bad file must be reported with its path and a reason while every other article still
ingests; no request may produce a 500, a traceback or a byte of a file outside the index.
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
from urllib.parse import quote as urlquote

import markdown
import pytest

from onrecord import index as idx
from onrecord import ingest as ingesting
from onrecord.ingest import IngestReport, ingest, write_generation
from onrecord.pipeline import process_archive
from onrecord.records import Article, Quote, quote_id
from onrecord.search import SearchRequest, all_records
from onrecord.webapp import create_app
from tests.helpers import write

GOOD = '"We cannot keep doing this," said Maria Lopez, a nurse at the clinic.\n'
SMART = "\u201cWe can\u2019t keep doing this,\u201d said Maria Lopez, a nurse at the clinic.\n"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A one-article archive; each test adds its bad file beside the good one."""
    root = tmp_path / "archive"
    write(root / "good.txt", GOOD)
    return root


def run(archive: Path, tmp_path: Path) -> tuple[IngestReport, dict[str, str], list[dict]]:
    report = ingest(archive, tmp_path / "index")
    generation = idx.current_generation(tmp_path / "index")
    records = all_records(generation, SearchRequest(collapse=False))
    return report, {f.path: f.reason for f in report.failures}, records


def speakers_by_article(records: list[dict]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for record in records:
        found.setdefault(record["article"], set()).add(record.get("speaker") or "")
    return found


def assert_good_still_ingested(records: list[dict]) -> None:
    assert "Maria Lopez" in speakers_by_article(records)["good"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n\t\n", "empty"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        ("blob.txt", bytes(range(1, 32)) * 40, "binary"),
        ("no-text.html", b"<html><body><script>var a = 1;</script></body></html>", "no article"),
    ],
)
def test_empty_and_binary_files_are_reported(
    archive: Path, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    write(archive / name, content)
    report, failures, records = run(archive, tmp_path)
    assert list(failures) == [name]
    assert reason in failures[name]
    assert report.articles == 1
    assert_good_still_ingested(records)


def test_a_50_mb_file_is_refused(archive: Path, tmp_path: Path) -> None:
    line = SMART.encode("utf-8")
    with open(archive / "huge.txt", "wb") as handle:
        for _ in range(50 * 2**20 // len(line) + 1):
            handle.write(line)
    assert (archive / "huge.txt").stat().st_size > 50 * 2**20
    report, failures, records = run(archive, tmp_path)
    assert "too large" in failures["huge.txt"] and "50 MB" in failures["huge.txt"]
    assert report.articles == 1
    assert_good_still_ingested(records)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16le.txt", codecs.BOM_UTF16_LE + SMART.encode("utf-16-le")),
        ("utf16be.txt", codecs.BOM_UTF16_BE + SMART.encode("utf-16-be")),
        ("utf32.txt", SMART.encode("utf-32")),
        ("utf8bom.txt", codecs.BOM_UTF8 + SMART.encode("utf-8")),
        ("windows1252.txt", SMART.encode("cp1252")),
        ("windows1252.html", b"<p>" + SMART.encode("cp1252") + b"</p>"),
    ],
)
def test_other_encodings_keep_their_smart_quotes(
    archive: Path, tmp_path: Path, name: str, data: bytes
) -> None:
    write(archive / name, data)
    report, failures, records = run(archive, tmp_path)
    assert failures == {}
    article_id = name.rsplit(".", 1)[0]
    body = idx.read_article_row(idx.current_generation(tmp_path / "index"), article_id)["body"]
    assert body.startswith("\u201cWe can\u2019t keep doing this,\u201d")
    [record] = [r for r in records if r["article"] == article_id]
    assert record["speaker"] == "Maria Lopez"
    assert "can\u2019t" in record["text"]
    assert body[record["start"] : record["end"]] == record["text"]


def test_broken_html_still_gives_its_text(archive: Path, tmp_path: Path) -> None:
    broken = (
        "<html><head><title>Clinic closes</title><body><div class=x><p>"
        "\u201cThey closed it without asking us,\u201d said Tom Okafor, a union steward."
        "<p>Another <b>unclosed <i>paragraph</td></tr></table>\n<p <p> <<<>>> </div></div>"
        "<script>document.write('<p>not text</p>')"
    )
    write(archive / "broken.html", broken)
    report, failures, records = run(archive, tmp_path)
    assert failures == {}
    assert "Tom Okafor" in speakers_by_article(records)["broken"]
    assert_good_still_ingested(records)


def test_deeply_nested_html_does_not_recurse_out(archive: Path, tmp_path: Path) -> None:
    inner = "<p>\u201cWe will reopen the ward,\u201d said Ann Lee, the hospital director.</p>"
    write(archive / "deep.html", "<html><body>" + "<div>" * 5000 + inner + "</div>" * 5000)
    write(archive / "unclosed.html", "<span><div>" * 5000 + inner)
    report, failures, records = run(archive, tmp_path)
    assert failures == {}
    by_article = speakers_by_article(records)
    assert "Ann Lee" in by_article["deep"] and "Ann Lee" in by_article["unclosed"]


def test_deeply_nested_markdown_is_read_as_plain_text(archive: Path, tmp_path: Path) -> None:
    # Python-Markdown recurses per list level: 1,000 levels used to raise RecursionError out of
    # the reader (after ~15 s) and abort the whole ingest.
    write(archive / "lists.md", "".join("  " * i + "- item\n" for i in range(1000)) + GOOD)
    report, failures, records = run(archive, tmp_path)
    assert failures == {}
    [warning] = report.warnings
    assert warning.startswith("lists.md: read as plain text: ")
    assert "nested 500 levels deep" in warning
    assert "Maria Lopez" in speakers_by_article(records)["lists"]
    assert_good_still_ingested(records)


# Input Python-Markdown handles in quadratic time or worse: each took 4 s to over 2 minutes at
# 5,000 to 20,000 repeats before the guard (scripts/bench_readers.py, docs/scale.md). The sizes
# here are just over the guard's budgets, so the old reader would take seconds on each.
SLOW_MARKDOWN = [
    ("open-brackets", "[" * 2000 + "x", "2,000 link brackets '['"),
    ("nested-brackets", "[" * 1500 + "x" + "]" * 1500, "nested too deeply or never closed"),
    ("open-links", "[a](" * 2000, "never closed"),
    ("open-images", "![a](" * 2000, "never closed"),
    ("open-tags", "<a " * 3000, "3,000 HTML tags that never close"),
    ("open-autolinks", "<http://" * 3000, "HTML tags that never close"),
    ("hard-breaks", "words  \n" * 5000, "thousands of Markdown elements"),
    ("setext-lines", "x\n=\n" * 4000, "thousands of Markdown elements"),
    ("rules", "* * *\n" * 4000, "thousands of Markdown elements"),
    ("quotes", ">" * 60 + " deep", "nested 60 levels deep (limit 50)"),
    ("list-markers", "- " * 60 + "deep", "nested 60 levels deep"),
    ("mixed-nesting", "> 1. " * 30 + "deep", "nested 60 levels deep"),
]


@pytest.mark.parametrize(
    ("name", "junk", "reason"), SLOW_MARKDOWN, ids=[case[0] for case in SLOW_MARKDOWN]
)
def test_markdown_the_renderer_would_stall_on_is_read_as_plain_text(
    archive: Path, tmp_path: Path, name: str, junk: str, reason: str
) -> None:
    write(archive / f"{name}.md", f"---\ntitle: Clinic\n---\n{GOOD}\n{junk}\n")
    report, failures, records = run(archive, tmp_path)
    assert failures == {}
    [warning] = report.warnings
    assert warning.startswith(f"{name}.md: read as plain text: ")
    assert reason in warning
    assert "Maria Lopez" in speakers_by_article(records)[name]  # nothing lost
    body = idx.read_article_row(idx.current_generation(tmp_path / "index"), name)["body"]
    assert body.startswith(GOOD.strip()) and junk.strip()[:40] in body  # the text as written
    assert_good_still_ingested(records)


def test_markdown_that_fails_to_render_is_read_as_plain_text(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def recurse_out(text: str, **options: object) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(markdown, "markdown", recurse_out)
    write(archive / "story.md", "*" + GOOD)
    report, failures, records = run(archive, tmp_path)
    assert failures == {}
    assert report.warnings == ["story.md: read as plain text: Markdown nested too deeply to render"]
    assert "Maria Lopez" in speakers_by_article(records)["story"]


@pytest.mark.parametrize("gap", ["\n\n", "\n"], ids=["paragraphs", "one-block"])
def test_ordinary_markdown_with_many_links_is_rendered(
    archive: Path, tmp_path: Path, gap: str
) -> None:
    paragraph = (
        "The [city council](https://example.org/council) met on *Tuesday* about the "
        '[budget](https://example.org/budget "Budget") and the **clinic** (see `notes`, '
        "[the ward](https://en.wikipedia.org/wiki/Ward_(hospital)))." + gap
    )
    write(archive / "links.md", "# Clinic vote\n\n" + paragraph * 300 + "\n" + GOOD)
    report, failures, records = run(archive, tmp_path)
    assert failures == {} and report.warnings == []
    body = idx.read_article_row(idx.current_generation(tmp_path / "index"), "links")["body"]
    assert "The city council met on Tuesday" in body and "https://" not in body
    assert "Maria Lopez" in speakers_by_article(records)["links"]


def test_html_tags_that_never_close_are_read_as_text(archive: Path, tmp_path: Path) -> None:
    # The HTML parser rescans to the next ">" for every "<a": 8,000 of them took 6 s.
    page = f"<html><body><p>{GOOD}</p><p>Broken: " + "<a " * 4000 + "</p></body></html>"
    write(archive / "tags.html", page)
    report, failures, records = run(archive, tmp_path)
    assert failures == {}
    assert report.warnings == ["tags.html: 4,000 HTML tags that never close, read as text"]
    body = idx.read_article_row(idx.current_generation(tmp_path / "index"), "tags")["body"]
    assert body.startswith(GOOD.strip()) and "Broken: <a <a <a" in body
    assert "Maria Lopez" in speakers_by_article(records)["tags"]


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("---\ntitle: [oops\n---\n", "invalid YAML front matter"),
        ("---\ntitle: Unclosed\n", "never closed"),
        ("---\n- a\n- b\n---\n", "mapping"),
        ("---\ntitle: {nested: dict}\n---\n", "'title' must be text"),
        ("---\ndate: 2019-02-30\n---\n", "invalid YAML front matter: day is out of range"),
        ("---\ndate: 2019-02-28 25:00:00\n---\n", "invalid YAML front matter"),
        ("---\ndate: March 40, 2019\n---\n", "'date' must be an ISO date"),
        ("---\ntitle: !!python/object:os.system ls\n---\n", "invalid YAML front matter"),
    ],
)
def test_invalid_front_matter_is_reported(
    archive: Path, tmp_path: Path, front: str, reason: str
) -> None:
    write(archive / "story.md", front + GOOD)
    report, failures, records = run(archive, tmp_path)
    assert list(failures) == ["story.md"]
    assert reason in failures["story.md"]
    assert_good_still_ingested(records)


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        ({"title": ["a", "list"]}, "'title' must be text, got list"),
        ({"author": {"name": "x"}}, "'author' must be text, got dict"),
        ({"id": True}, "'id' must be text, got bool"),
        ({"date": 20190101}, "'date' must be an ISO date"),
        ({"date": "yesterday"}, "'date' must be an ISO date"),
        (["not", "an", "object"], "must hold a JSON object"),
        ("{not json", "not valid JSON"),
    ],
)
def test_sidecar_with_wrong_types_is_reported(
    archive: Path, tmp_path: Path, sidecar: object, reason: str
) -> None:
    write(archive / "story.txt", GOOD)
    text = sidecar if isinstance(sidecar, str) else json.dumps(sidecar)
    write(archive / "story.meta.json", text)
    report, failures, records = run(archive, tmp_path)
    assert list(failures) == ["story.txt"]
    assert reason in failures["story.txt"]
    assert report.articles == 1
    assert_good_still_ingested(records)


def test_file_that_disappears_after_discovery_is_reported(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(archive / "gone.txt", GOOD)
    real_discover = ingesting.discover

    def discover_then_delete(root: Path):
        found, refused = real_discover(root)
        assert root / "gone.txt" in found
        (root / "gone.txt").unlink()
        return found, refused

    monkeypatch.setattr(ingesting, "discover", discover_then_delete)
    report, failures, records = run(archive, tmp_path)
    assert list(failures) == ["gone.txt"]
    assert "No such file" in failures["gone.txt"] or "disappeared" in failures["gone.txt"]
    assert report.articles == 1
    assert_good_still_ingested(records)


def test_file_that_disappears_just_before_it_is_read_is_reported(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(archive / "gone.txt", GOOD)
    real_fingerprint = ingesting.fingerprint

    def fingerprint_then_delete(path: Path) -> str:
        print_ = real_fingerprint(path)
        if path.name == "gone.txt":
            path.unlink()
        return print_

    monkeypatch.setattr(ingesting, "fingerprint", fingerprint_then_delete)
    report, failures, records = run(archive, tmp_path)
    assert failures == {"gone.txt": "file disappeared while reading"}
    assert report.articles == 1
    assert_good_still_ingested(records)


def test_links_out_of_the_archive_are_refused(archive: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "private.txt", '"Our secret plan is ready," said Eve Smith.\n')
    write(outside / "secret.json", json.dumps({"title": "SECRET TITLE"}))
    os.symlink(outside / "private.txt", archive / "private.txt")
    os.symlink(outside, archive / "linked-folder")
    write(archive / "story.txt", GOOD)
    os.symlink(outside / "secret.json", archive / "story.meta.json")
    report, failures, records = run(archive, tmp_path)
    assert failures.pop("private.txt") == "link points outside the archive; refused"
    assert failures.pop("linked-folder") == "link points outside the archive; refused"
    assert "story.meta.json links outside the archive" in failures.pop("story.txt")
    assert failures == {}
    assert {r["article"] for r in records} == {"good"}
    assert all(r.get("speaker") != "Eve Smith" for r in records)


def test_links_to_folders_inside_the_archive_are_not_followed(
    archive: Path, tmp_path: Path
) -> None:
    write(archive / "news" / "clinic.txt", '"The ward stays open," said Ann Lee.\n')
    os.symlink(archive / "news", archive / "mirror")  # would read news/ twice
    os.symlink(archive, archive / "news" / "loop")  # would loop for ever
    os.symlink("..", archive / "news" / "up")  # the same, written relative
    report, failures, records = run(archive, tmp_path)
    assert failures == {
        "mirror": "link to the folder news inside the archive; not followed"
        " (the archive's own folders are read once each)",
        "news/loop": "link to the folder . inside the archive; not followed"
        " (the archive's own folders are read once each)",
        "news/up": "link to the folder . inside the archive; not followed"
        " (the archive's own folders are read once each)",
    }
    assert report.articles == 2
    assert {r["article"] for r in records} == {"good", "news/clinic"}


def test_links_to_files_inside_the_archive(archive: Path, tmp_path: Path) -> None:
    write(archive / "news" / "clinic.txt", '"The ward stays open," said Ann Lee.\n')
    write(archive / ".drafts" / "strike.txt", '"We walk out at noon," said Tom Okafor.\n')
    os.symlink(archive / "news" / "clinic.txt", archive / "latest.txt")
    os.symlink(Path(".drafts") / "strike.txt", archive / "strike.txt")
    report, failures, records = run(archive, tmp_path)
    # A second name for an article that is read anyway would only duplicate it; a link to a
    # file that is not otherwise read (here, in a hidden folder) is read under its own name.
    assert failures == {
        "latest.txt": "link to news/clinic.txt, which is read itself; not read twice"
    }
    by_article = speakers_by_article(records)
    assert set(by_article) == {"good", "news/clinic", "strike"}
    assert "Tom Okafor" in by_article["strike"]


def test_link_loops_and_broken_links_are_reported(archive: Path, tmp_path: Path) -> None:
    os.symlink(archive / "b.md", archive / "a.md")
    os.symlink(archive / "a.md", archive / "b.md")
    os.symlink(archive / "self.txt", archive / "self.txt")
    os.symlink(archive / "deleted.txt", archive / "gone.txt")
    os.symlink(archive / "deleted", archive / "notes")  # not an article name: nothing to say
    report, failures, records = run(archive, tmp_path)
    assert failures == {
        "a.md": "link loop; refused",
        "b.md": "link loop; refused",
        "self.txt": "link loop; refused",
        "gone.txt": "broken link: its target does not exist; refused",
    }
    assert report.articles == 1
    assert_good_still_ingested(records)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_not_read(archive: Path, tmp_path: Path) -> None:
    os.mkfifo(archive / "pipe.txt")  # reading it would block the ingest for ever
    report, failures, records = run(archive, tmp_path)
    assert failures == {"pipe.txt": "not a regular file; refused"}
    assert_good_still_ingested(records)


def test_a_folder_that_cannot_be_listed_is_reported(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(archive / "locked" / "story.txt", GOOD)
    real_scandir = os.scandir

    def scandir(path: Path):  # chmod 000 does not stop root, so refuse the listing here
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report, failures, records = run(archive, tmp_path)
    assert failures == {"locked": "cannot read folder: Permission denied"}
    assert_good_still_ingested(records)


# The web app ------------------------------------------------------------------------------

XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
RAW_MARKERS = ("<script>alert", "<img src=x")  # the payload's tags, unescaped


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, dict[str, str]]:
    """An index whose article text, title, source and speaker all carry script."""
    root = tmp_path_factory.mktemp("hostile")
    body = f"Residents gathered. {XSS}\n\n\u201cWe will fix the roads {XSS},\u201d said the mayor."
    article = Article(
        id="evil/story",
        body=body,
        title=f"Roads {XSS}",
        source=f"Daily {XSS}",
        url="javascript:alert(1)",
        date="2021-05-04",
    )
    start = body.index("We will")
    end = body.index(",\u201d") + 1
    text = body[start:end]
    quote = Quote(
        id=quote_id(article.id, start, end, text),
        text=text,
        kind="direct",
        article=article.id,
        speaker=f"Evil {XSS} Mayor",
        speaker_as_written=f"the {XSS} mayor",
        role=f"mayor {XSS}",
        title=article.title,
        source=article.source,
        url=article.url,
        date=article.date,
        start=start,
        end=end,
        topics=[f"roads{XSS}"],
    )
    result = process_archive([quote])
    records = [q.to_dict() for q in result.quotes]
    index_dir = root / "index"
    index_dir.mkdir()
    write_generation(index_dir, [article], records, {"articles": 1}, result.registry)
    write(root / "secret.txt", "TOP-SECRET-CONTENT\n")
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)})
    return app.test_client(), records[0]


def pages_of(record: dict[str, str]) -> list[str]:
    return [
        "/",
        f"/?q={urlquote(XSS)}",
        "/?q=roads",
        f"/?speaker={urlquote(record['speaker_id'])}",
        f"/?source={urlquote(XSS)}&topic={urlquote(XSS)}",
        "/speakers",
        f"/speakers/{urlquote(record['speaker_id'], safe='')}",
        f"/quotes/{record['id']}",
        "/articles/evil/story",
        f"/articles/{urlquote(XSS, safe='')}",
        f"/speakers/{urlquote(XSS, safe='')}",
        f"/quotes/{urlquote(XSS, safe='')}",
    ]


def test_no_script_gets_through_any_page(hostile) -> None:
    client, record = hostile
    assert record["speaker"] and XSS in record["speaker"] + record["text"]
    shown = 0
    for url in pages_of(record):
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        page = response.get_data(as_text=True)
        for marker in RAW_MARKERS:
            assert marker not in page, (url, marker)
        shown += "&lt;script&gt;" in page
    assert shown >= 5  # the payload is shown, escaped, not dropped


def test_json_api_is_json_and_never_html(hostile) -> None:
    client, record = hostile
    for url in (
        f"/api/quotes?q={urlquote(XSS)}",
        "/api/quotes?q=roads",
        f"/api/quotes/{record['id']}",
        f"/api/articles/{urlquote('evil/story', safe='/')}",
        f"/api/speakers/{urlquote(XSS, safe='')}",
    ):
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        assert response.mimetype == "application/json", url
        assert response.headers["X-Content-Type-Options"] == "nosniff"


TRAVERSALS = [
    "/articles/..%2F..%2Fetc%2Fpasswd",
    "/articles/../../etc/passwd",
    "/articles/%2e%2e/%2e%2e/secret.txt",
    "/articles/..%2F..%2Fsecret.txt",
    "/articles/%2Fetc%2Fpasswd",
    "/quotes/../../x",
    "/quotes/..%2F..%2Fsecret.txt",
    "/quotes/x/cite.bibtex",
    "/speakers/..%2F..%2Fsecret.txt",
    "/api/articles/..%2F..%2Fetc%2Fpasswd",
    "/api/quotes/..%2F..%2Fsecret.txt",
    "/static/..%2F..%2F..%2Fetc%2Fpasswd",
    "/static/../../../../etc/passwd",
    "/export.../../../etc/passwd",
]


@pytest.mark.parametrize("url", TRAVERSALS)
def test_paths_in_ids_never_reach_the_filesystem(hostile, url: str) -> None:
    client, _ = hostile
    response = client.get(url, follow_redirects=True)
    assert response.status_code in (200, 400, 404), url
    body = response.get_data(as_text=True)
    assert "root:" not in body and "TOP-SECRET-CONTENT" not in body
    assert "Traceback" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/?q=" + "a" * 100_000,
        "/api/quotes?q=" + "clinic%20" * 20_000,
        "/?" + "&".join(f"speaker=s{i}" for i in range(3000)),
        "/?page=99999999999999999999",
        "/api/quotes?page=99999999999999999999&per_page=1000",
        "/api/quotes?per_page=1000000",
        "/?since=" + "9" * 5000,
        "/?q=" + "(" * 5000 + "a" + ")" * 5000,
        "/?q=" + "a%20OR%20" * 400 + "b",
        "/?q=%00%01%02",
        "/?q=date:[0001-01-01%20to%209999-12-31]",
    ],
)
def test_oversized_and_odd_queries_are_answered(hostile, url: str) -> None:
    client, _ = hostile
    response = client.get(url)
    assert response.status_code in (200, 400, 404, 414), url[:80]
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/", "/?q=(", "/api/quotes", "/no-such-page", "/api/nothing"])
def test_security_headers_on_every_kind_of_response(hostile, url: str) -> None:
    client, _ = hostile
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"]
