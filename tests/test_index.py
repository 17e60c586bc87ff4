"""Index generations: readers keep working across a swap, writers exclude each other."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from onrecord import index as idx
from onrecord.ingest import ingest
from onrecord.search import SearchRequest, all_records, search
from tests.helpers import write


def records(prefix: str, count: int) -> list[dict[str, object]]:
    return [
        {
            "id": f"{prefix}{n}",
            "text": f"Statement number {n} about the {prefix} budget and the schools",
            "kind": "direct",
            "article": f"{prefix}-article-{n // 3}",
            "speaker": f"Speaker {n % 4}",
            "speaker_id": f"speaker-{n % 4}",
            "date": f"2019-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "start": n * 100,
            "topics": ["money"] if n % 2 else [],
        }
        for n in range(count)
    ]


def test_reader_keeps_its_generation_while_a_new_one_is_published(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    old = idx.build(index_dir, records("old", 12))
    assert search(old, SearchRequest(q="budget")).total == 12
    new = idx.build(index_dir, records("new", 5))
    # The open reader still answers from the generation it opened ...
    assert search(old, SearchRequest(q="budget")).total == 12
    assert all(r["id"].startswith("old") for r in all_records(old, SearchRequest()))
    # ... and the next lookup of CURRENT picks up the new one without a restart.
    current = idx.current_generation(index_dir)
    assert current == new
    assert search(current, SearchRequest(q="budget")).total == 5


def test_old_generations_are_removed_but_the_previous_one_is_kept(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = idx.build(index_dir, records("a", 2))
    second = idx.build(index_dir, records("b", 2))
    third = idx.build(index_dir, records("c", 2))
    names = {p.name for p in index_dir.iterdir() if p.name.startswith("gen-")}
    assert names == {second.name, third.name}
    assert not first.path.exists()


def test_second_concurrent_writer_fails_clearly(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write(archive / "one.txt", '"We need more buses on every route," said Ana Ruiz.\n')
    index_dir = tmp_path / "index"
    inside, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def slow_progress(done: int, total: int) -> None:
        inside.set()
        release.wait(10)

    def first_writer() -> None:
        try:
            ingest(archive, index_dir, progress=slow_progress)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=first_writer)
    thread.start()
    try:
        assert inside.wait(10)
        with pytest.raises(idx.IndexBusy, match="another ingest is writing"):
            ingest(archive, index_dir)
    finally:
        release.set()
        thread.join(10)
    assert errors == []
    assert search(idx.current_generation(index_dir), SearchRequest(q="buses")).total == 1


def test_parallel_writer_indexes_the_same_records(tmp_path: Path) -> None:
    data = records("p", 300)
    serial = idx.build(tmp_path / "one", data, procs=1)
    parallel = idx.build(tmp_path / "two", data, procs=2)
    for request in (SearchRequest(), SearchRequest(q="budget", topics=["money"])):
        assert all_records(serial, request) == all_records(parallel, request)
        a, b = search(serial, request), search(parallel, request)
        assert a.total == b.total
        assert {k: [(v.value, v.count) for v in vs] for k, vs in a.facets.items()} == {
            k: [(v.value, v.count) for v in vs] for k, vs in b.facets.items()
        }


def test_update_in_place_deletes_and_adds(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    base = idx.build(index_dir, records("u", 6))
    build = idx.new_generation_dir(index_dir, copy_of=base)
    removed, added = idx.update_whoosh(build, ["u0", "u1"], records("v", 2))
    assert (removed, added) == (2, 2)
    updated = idx.publish(index_dir, build)
    found = sorted(r["id"] for r in all_records(updated, SearchRequest()))
    assert found == ["u2", "u3", "u4", "u5", "v0", "v1"]
    original = sorted(r["id"] for r in all_records(base, SearchRequest()))
    assert original == [f"u{n}" for n in range(6)]


def test_sort_runs_spilled_to_disk_give_the_same_search_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whoosh.externalsort import SortingPool

    data = records("r", 900)
    in_memory = tmp_path / "memory"
    in_memory.mkdir()
    idx.write_whoosh(in_memory, data)
    spilled = []
    write_run = SortingPool._write_run

    def counting(self: object, f: object, items: object) -> None:
        spilled.append(1)
        write_run(self, f, items)

    monkeypatch.setattr(SortingPool, "_write_run", counting)
    monkeypatch.setattr(idx, "_RUN_CHUNK", 7)  # chunks end mid-run and mid-term
    on_disk = tmp_path / "disk"
    on_disk.mkdir()
    idx.write_whoosh(on_disk, data, limitmb=1)
    assert len(spilled) >= 2
    one, two = idx.Generation(in_memory), idx.Generation(on_disk)
    queries = ("budget", "statement number", "schools OR nothing", "speaker:speaker", "date:2019")
    for q in queries:
        request = SearchRequest(q=q, per_page=1000)
        a, b = search(one, request), search(two, request)
        assert a.total == b.total > 0
        pairs = [[(h.record, h.highlight) for h in result.hits] for result in (a, b)]
        assert pairs[0] == pairs[1]
    assert all_records(one, SearchRequest()) == all_records(two, SearchRequest())


@pytest.mark.parametrize(
    ("since", "until"),
    [("2019-01-01", "2019-12-31"), ("2001-06-15", "2022-02-01"), ("2020-01-01", None),
     (None, "1999-12-31"), ("1995-01-01", "1995-01-01")],
)
def test_date_ranges_match_exactly_the_records_dated_inside_them(
    tmp_path: Path, since: str | None, until: str | None
) -> None:
    # Dates over three decades, so a range crosses every tier of the date field's trie terms.
    data = [
        {
            "id": f"d{n}",
            "text": f"Budget remark {n}",
            "kind": "direct",
            "article": f"a{n}",
            "date": f"{1995 + n % 30}-{1 + n % 12:02d}-{1 + (n * 7) % 28:02d}",
        }
        for n in range(400)
    ]
    generation = idx.build(tmp_path / "index", data)
    found = {r["id"] for r in all_records(generation, SearchRequest(since=since, until=until))}
    expected = {
        r["id"] for r in data
        if (since is None or r["date"] >= since) and (until is None or r["date"] <= until)
    }
    assert expected and found == expected


def test_role_facet_is_the_speakers_normalised_role(tmp_path: Path) -> None:
    """"Sen." and "Senator" are one office, one facet value; a phrase the roles model rejects
    as junk is no facet value at all, not the words as written."""
    write(tmp_path / "archive" / "2016-01-05-budget.txt", (
        "WASHINGTON (AP) -- The debate over the budget continued on Tuesday.\n"
        '"We cannot keep spending money we do not have," said Sen. Ted Cruz.\n'
        '"The deal is a disaster for working families," said Senator Marco Rubio.\n'
    ))
    ingest(tmp_path / "archive", tmp_path / "index")
    generation = idx.current_generation(tmp_path / "index")
    facet = {v.value: v.count for v in search(generation, SearchRequest()).facets["role"]}
    assert facet == {"Senator": 2}
    junk = {"id": "j1", "text": "It is fine", "speaker_id": "x", "role": "board saw",
            "speaker_role": None}
    assert idx.document(junk)["role_key"] == ""
    assert idx.document({**junk, "speaker_role": "Texas Senator"})["role_key"] == "Texas Senator"
