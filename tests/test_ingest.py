"""Ingest: the whole archive in, bad files reported, the index swapped in atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from onrecord import index as idx
from onrecord.ingest import ingest
from onrecord.search import SearchRequest, all_records, search
from tests.helpers import write

GOOD = '"We cannot keep doing this," said Maria Lopez, a nurse at the clinic.\n'


def test_seed_archive_ingests_completely(archive: Path, index_dir: Path) -> None:
    report = ingest(archive, index_dir)
    assert report.failures == []
    assert report.articles == 2
    assert report.quotes >= 10
    generation = idx.current_generation(index_dir)
    records = all_records(generation, SearchRequest())
    assert {r["article"] for r in records} == {"000_f52bc5f2a411ac12", "003_cdc591f935bf55c3"}
    assert {r["source"] for r in records} == {"WLS-TV (ABC7 Chicago)", "CBS 2 Chicago"}
    assert generation.manifest()["articles"] == 2


def test_bad_files_are_reported_and_the_rest_ingests(archive: Path, index_dir: Path) -> None:
    write(archive / "empty.txt", b"")
    write(archive / "image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    write(archive / "broken.md", "---\ntitle: [oops\n---\n" + GOOD)
    write(archive / "nested" / "fine.txt", GOOD)
    report = ingest(archive, index_dir)
    reasons = {f.path: f.reason for f in report.failures}
    assert set(reasons) == {"empty.txt", "image.html", "broken.md"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["image.html"]
    assert "front matter" in reasons["broken.md"]
    assert report.articles == 3
    records = all_records(idx.current_generation(index_dir), SearchRequest(q="clinic"))
    assert [r["article"] for r in records] == []  # the word is outside the quote
    records = all_records(idx.current_generation(index_dir), SearchRequest(q='"keep doing this"'))
    assert [(r["article"], r["speaker"]) for r in records] == [("nested/fine", "Maria Lopez")]


def test_reingest_of_unchanged_archive_gives_identical_records(
    archive: Path, index_dir: Path
) -> None:
    ingest(archive, index_dir)
    first = all_records(idx.current_generation(index_dir), SearchRequest())
    ingest(archive, index_dir)
    second = all_records(idx.current_generation(index_dir), SearchRequest())
    assert first == second
    assert len({r["id"] for r in first}) == len(first)


def test_crash_mid_build_leaves_previous_index_readable(
    archive: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(archive, index_dir)
    before = idx.current_generation(index_dir)
    count = search(before, SearchRequest()).total
    write(archive / "new.txt", GOOD)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(idx, "write_articles", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest(archive, index_dir)
    after = idx.current_generation(index_dir)
    assert after.path == before.path
    assert search(after, SearchRequest()).total == count
    leftovers = [p.name for p in index_dir.iterdir() if p.name.startswith(".gen-")]
    assert leftovers == []


def test_second_writer_is_refused_with_a_clear_message(archive: Path, index_dir: Path) -> None:
    with idx.writer_lock(index_dir), pytest.raises(idx.IndexBusy, match="another ingest"):
        ingest(archive, index_dir)


def test_link_out_of_archive_is_refused(archive: Path, index_dir: Path, tmp_path: Path) -> None:
    outside = write(tmp_path / "secret" / "passwords.txt", GOOD)
    os.symlink(outside, archive / "sneaky.txt")
    report = ingest(archive, index_dir)
    assert [(f.path, "outside the archive" in f.reason) for f in report.failures] == [
        ("sneaky.txt", True)
    ]
    records = all_records(idx.current_generation(index_dir), SearchRequest())
    assert all(r["article"] != "sneaky" for r in records)


def test_missing_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(idx.IndexMissing, match="onrecord ingest"):
        idx.current_generation(tmp_path / "nowhere")


# Incremental ingest: only what changed is read and rewritten; the result equals a full build.

BUSES = '"We need more buses on every route," said Ana Ruiz, a transit planner.\n'
RENT = '"Rent has doubled in five years," said Tom Baker.\n'


def texts_by_article(index_dir: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for r in all_records(idx.current_generation(index_dir), SearchRequest(collapse=False)):
        found.setdefault(r["article"], []).append(r["text"])
    return found


@pytest.fixture
def small(tmp_path: Path) -> Path:
    archive = tmp_path / "small"
    write(archive / "buses.txt", "---\nsource: Metro Daily\ndate: 2021-03-01\n---\n" + BUSES)
    write(archive / "rent.txt", RENT)
    write(archive / "rent.meta.json", '{"source": "City Wire", "date": "2021-04-02"}')
    return archive


def test_unchanged_archive_is_not_read_again(small: Path, index_dir: Path) -> None:
    first = ingest(small, index_dir)
    assert (first.mode, first.read) == ("full", 2)
    again = ingest(small, index_dir)
    assert (again.mode, again.read, again.records_written) == ("unchanged", 0, 0)
    assert again.generation == first.generation


def test_added_changed_and_deleted_articles(small: Path, index_dir: Path) -> None:
    ingest(small, index_dir)
    before = {r["id"] for r in all_records(idx.current_generation(index_dir), SearchRequest())}
    write(small / "parks.txt", '"The parks stay open all night," said Lee Chan.\n')
    added = ingest(small, index_dir)
    assert (added.mode, added.read, added.records_written) == ("incremental", 1, 1)
    assert texts_by_article(index_dir)["parks"] == ["The parks stay open all night"]
    after = {r["id"] for r in all_records(idx.current_generation(index_dir), SearchRequest())}
    assert before < after

    write(small / "parks.txt", '"The parks close at ten," said Lee Chan.\n')
    changed = ingest(small, index_dir)
    assert (changed.read, changed.records_written, changed.records_removed) == (1, 1, 1)
    assert texts_by_article(index_dir)["parks"] == ["The parks close at ten"]
    assert search(idx.current_generation(index_dir), SearchRequest(q="night")).total == 0

    (small / "buses.txt").unlink()
    deleted = ingest(small, index_dir)
    assert (deleted.read, deleted.removed, deleted.records_removed) == (0, 1, 1)
    generation = idx.current_generation(index_dir)
    assert "buses" not in texts_by_article(index_dir)
    assert idx.read_article_row(generation, "buses") is None
    assert idx.read_article_row(generation, "parks")["body"].startswith('"The parks close')


def test_sidecar_change_is_picked_up(small: Path, index_dir: Path) -> None:
    ingest(small, index_dir)
    write(small / "rent.meta.json", '{"source": "Harbor Herald", "date": "2021-04-02"}')
    report = ingest(small, index_dir)
    assert (report.read, report.records_written) == (1, 1)
    records = all_records(idx.current_generation(index_dir), SearchRequest(q="rent"))
    assert [r["source"] for r in records] == ["Harbor Herald"]


def test_incremental_result_equals_a_full_rebuild(small: Path, index_dir: Path) -> None:
    ingest(small, index_dir)
    write(small / "parks.txt", '"The parks stay open all night," said Lee Chan.\n')
    write(small / "rent.txt", RENT.replace("five", "six"))
    (small / "buses.txt").unlink()
    incremental = ingest(small, index_dir)
    assert incremental.mode == "incremental"
    stepwise = all_records(idx.current_generation(index_dir), SearchRequest())
    full = ingest(small, index_dir, full=True)
    assert full.mode == "full" and full.read == 2
    assert all_records(idx.current_generation(index_dir), SearchRequest()) == stepwise


def test_crash_during_incremental_update_keeps_the_live_index(
    small: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(small, index_dir)
    before = idx.current_generation(index_dir)
    write(small / "parks.txt", '"The parks stay open all night," said Lee Chan.\n')

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(idx, "update_whoosh", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest(small, index_dir)
    assert idx.current_generation(index_dir) == before
    assert [p.name for p in index_dir.iterdir() if p.name.startswith(".gen-")] == []
    monkeypatch.undo()
    assert ingest(small, index_dir).read == 1  # the file is still seen as new next time


def test_a_reader_bug_costs_one_file_not_the_archive(
    archive: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onrecord import ingest as ingest_module

    real = ingest_module.read_article

    def flaky(path: Path, root: Path):
        if path.name.startswith("003"):
            raise KeyError("a bug in a reader")
        return real(path, root)

    monkeypatch.setattr(ingest_module, "read_article", flaky)
    report = ingest(archive, index_dir)
    assert [(f.path, "KeyError" in f.reason) for f in report.failures] == [
        ("003_cdc591f935bf55c3.txt", True)
    ]
    assert report.articles == 1


def test_an_unchanged_ingest_clears_what_killed_builds_left(archive: Path, index_dir: Path) -> None:
    ingest(archive, index_dir)
    live = idx.current_generation(index_dir)
    leftovers = [".gen-20000101T000000-killed", "gen-99990101T000000-renamed-never-live"]
    older = ["gen-20000101T000000-ancient", "gen-20000102T000000-previous"]
    for name in leftovers + older:
        (index_dir / name).mkdir()
    assert ingest(archive, index_dir).mode == "unchanged"
    remaining = sorted(p.name for p in index_dir.iterdir() if p.is_dir())
    assert remaining == sorted([live.name, "gen-20000102T000000-previous"])


def test_an_unchanged_archive_is_decided_from_fingerprints_alone(
    archive: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ingest(archive, index_dir)
    from onrecord import ingest as ingesting

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged archive needs no reading or whole-archive stage")

    monkeypatch.setattr(ingesting, "process_archive", must_not_run)
    monkeypatch.setattr(ingesting, "read_changed", must_not_run)
    again = ingest(archive, index_dir)
    assert again.mode == "unchanged" and again.generation == first.generation
    assert (again.articles, again.quotes, again.speakers) == (
        first.articles, first.quotes, first.speakers,
    )
    assert [f.path for f in again.failures] == [
        f.path for f in first.failures if "link" in f.reason
    ]
    monkeypatch.undo()
    write(archive / "late.txt", "\u201cStill here,\u201d said Ann Lee.\n")
    changed = ingest(archive, index_dir)
    assert changed.mode == "incremental" and changed.read == 1


def test_an_unchanged_bad_file_keeps_an_unchanged_archive_unchanged(
    archive: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(archive / "broken.md", "---\ntitle: [oops\n---\n" + GOOD)
    first = ingest(archive, index_dir)
    assert [f.path for f in first.failures] == ["broken.md"]
    from onrecord import ingest as ingesting

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged bad file needs no reading or whole-archive stage")

    monkeypatch.setattr(ingesting, "process_archive", must_not_run)
    monkeypatch.setattr(ingesting, "read_changed", must_not_run)
    again = ingest(archive, index_dir)
    assert again.mode == "unchanged" and again.generation == first.generation
    # still reported, with its reason, on every ingest
    assert [(f.path, f.reason) for f in again.failures] == [
        (f.path, f.reason) for f in first.failures
    ]
    monkeypatch.undo()
    write(archive / "broken.md", "---\ntitle: Mended\n---\n" + GOOD)
    mended = ingest(archive, index_dir)
    assert mended.mode == "incremental" and mended.read == 1 and mended.failures == []


# At archive scale: the whole-archive stage skipped when its input is the same, the records
# spooled to a file and written by spawned processes. Each must give what a fresh build gives.


def generation_snapshot(index_dir: Path) -> dict[str, object]:
    """Everything a generation holds that a user can see, in docnum order where it has one."""
    import json
    import sqlite3

    from whoosh import index as whoosh_index

    generation = idx.current_generation(index_dir)
    with whoosh_index.open_dir(str(generation.path)).reader() as reader:
        records = [fields["record"] for _, fields in reader.iter_docs()]
    db = sqlite3.connect(generation.path / idx.ARTICLES_DB)
    try:
        articles = db.execute("SELECT * FROM articles ORDER BY id").fetchall()
        digests = db.execute("SELECT * FROM records ORDER BY id").fetchall()
    finally:
        db.close()
    manifest = {k: v for k, v in generation.manifest().items() if k not in ("built", "mode")}
    return {
        "records": records,
        "articles": articles,
        "digests": digests,
        "words": (generation.path / idx.WORDS).read_text(encoding="utf-8"),
        "registry": json.loads((generation.path / "speakers.json").read_text(encoding="utf-8")),
        "manifest": manifest,
    }


@pytest.mark.parametrize(
    ("edit", "stage_runs"),
    [
        (lambda text: text + "\nThe depot opened in 1990.\n", False),  # no statement changes
        (lambda text: text.replace("every route", "every line"), True),  # a statement changes
        (lambda text: "Last week the council met.\n\n" + text, True),  # offsets change
    ],
)
def test_one_changed_file_gives_what_a_fresh_ingest_gives(
    small: Path, index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit, stage_runs
) -> None:
    from onrecord import ingest as ingesting

    ingest(small, index_dir)
    buses = small / "buses.txt"
    buses.write_text(edit(buses.read_text(encoding="utf-8")), encoding="utf-8")
    calls: list[int] = []
    real = ingesting.process_archive
    monkeypatch.setattr(
        ingesting, "process_archive", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    again = ingest(small, index_dir)
    assert (again.mode, again.read) == ("incremental", 1)
    assert bool(calls) == stage_runs
    fresh = ingest(small, tmp_path / "fresh-index")
    assert (again.articles, again.quotes, again.speakers) == (
        fresh.articles, fresh.quotes, fresh.speakers,
    )
    stepwise = generation_snapshot(index_dir)
    rebuilt = generation_snapshot(tmp_path / "fresh-index")
    for snapshot in (stepwise, rebuilt):  # an update appends and deletes: docnums differ
        snapshot["records"] = sorted(snapshot["records"])  # type: ignore[type-var]
    assert stepwise == rebuilt  # the store's rows too: the new body and fingerprint


def test_spooled_records_and_spawned_writers_build_the_same_index(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onrecord import ingest as ingesting

    ingest(archive, tmp_path / "in-memory", procs=2)
    monkeypatch.setattr(ingesting, "SPOOL_FROM", 1)
    spooled = ingest(archive, tmp_path / "spooled", procs=2)
    assert spooled.records_written > 4
    assert generation_snapshot(tmp_path / "spooled") == generation_snapshot(tmp_path / "in-memory")
    generation = idx.current_generation(tmp_path / "spooled")
    assert not (generation.path / ingesting.SPOOL_FILE).exists()
