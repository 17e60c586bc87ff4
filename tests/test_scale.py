"""Scale-out: parallel and Dask ingest give the same records; the OpenSearch bundle is valid."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from onrecord import ingest as ingesting
from onrecord.ingest import Failure, Reading, read_changed
from onrecord.pipeline import process_archive
from onrecord.records import Quote
from onrecord.scale import opensearch, parallel
from onrecord.search import FACET_NAMES, SearchRequest
from tests.helpers import write

SPEAKERS = ["Maria Lopez", "Tom Okafor", "Ann Lee", "Raj Patel", "Elena Costa", "Sam Baker"]
ROLES = ["a nurse at the clinic", "the mayor", "a union steward", "the city treasurer"]


def make_archive(root: Path, count: int) -> Path:
    """``count`` short articles with direct and reported speech, plus a few bad files."""
    for n in range(count):
        who, other = SPEAKERS[n % len(SPEAKERS)], SPEAKERS[(n + 1) % len(SPEAKERS)]
        role = ROLES[n % len(ROLES)]
        body = (
            f"---\ntitle: Council vote {n}\nsource: Tribune\ndate: 2021-03-{n % 28 + 1:02d}\n---\n"
            f"\u201cWe cannot keep closing clinics number {n},\u201d said {who}, {role}.\n\n"
            f"{other} said the budget for district {n} would be cut by {n + 3} percent.\n\n"
            f'"The vote on item {n} is final," {who} told reporters on Tuesday.\n'
        )
        write(root / f"batch{n % 3}" / f"article-{n:03d}.md", body)
    write(root / "empty.txt", b"")
    write(root / "broken.md", "---\ntitle: [oops\n---\nText.\n")
    write(root / "dupe.txt", "---\nid: batch0/article-000\n---\n\u201cHi there,\u201d said Ann.\n")
    # Read as plain text, with a warning: Markdown would stall on the unclosed brackets.
    write(root / "brackets.md", "\u201cWe are ready,\u201d said Raj Patel.\n\n" + "[" * 2000 + "\n")
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_archive(tmp_path_factory.mktemp("scale") / "archive", 24)


def outcome(reading: Reading, archive: Path) -> tuple[Reading, list[dict]]:
    """The reading and the records the whole-archive stage makes of it."""
    quotes = [Quote.from_dict(q) for entry in reading.entries for q in entry.records()]
    return reading, [q.to_dict() for q in process_archive(quotes, archive).quotes]


@pytest.fixture(scope="module")
def sequential(corpus: Path) -> tuple[Reading, list[dict]]:
    return outcome(read_changed(corpus), corpus)


def test_the_sequential_baseline_finds_records_and_failures(sequential) -> None:
    reading, records = sequential
    assert len(reading.entries) == len(reading.fresh) == 25
    assert {r["speaker"] for r in records} >= {"Maria Lopez", "Tom Okafor", "Raj Patel"}
    assert sorted(f.path for f in reading.failures) == ["broken.md", "dupe.txt", "empty.txt"]
    [warning] = reading.warnings
    assert warning.startswith("brackets.md: read as plain text: 2,000 link brackets")


def test_one_worker_matches_ingest(corpus: Path, sequential) -> None:
    reading = read_changed(corpus, executor=parallel.LocalProcesses(1))
    assert outcome(reading, corpus) == sequential


def test_two_local_processes_match_ingest(corpus: Path, sequential) -> None:
    seen: list[tuple[int, int]] = []
    reading = read_changed(corpus, lambda done, total: seen.append((done, total)), workers=2)
    assert outcome(reading, corpus) == sequential
    assert seen[-1] == (28, 28)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_dask_local_cluster_of_two_workers_matches_ingest(corpus: Path, sequential) -> None:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        reading = read_changed(corpus, scheduler=cluster.scheduler_address)
    assert outcome(reading, corpus) == sequential


def test_only_changed_files_go_to_the_workers(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", 6)
    first = read_changed(archive)
    stored = {e.article.path: e for e in first.entries}
    write(archive / "batch1" / "article-001.md", "\u201cAll new,\u201d said Ann Lee.\n")
    (archive / "batch2" / "article-002.md").unlink()
    expected = read_changed(archive, stored=stored)
    reading = read_changed(archive, stored=stored, workers=2)
    assert reading == expected
    assert [e.article.id for e in reading.fresh] == ["batch1/article-001"]
    assert reading.removed_ids == ["batch2/article-002"]


def test_a_file_gone_before_fingerprinting_is_reported_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = make_archive(tmp_path / "archive", 4)
    real_discover = ingesting.discover

    def discover_then_delete(root: Path):
        found, refused = real_discover(root)
        (root / "batch1" / "article-001.md").unlink(missing_ok=True)
        return found, refused

    monkeypatch.setattr(ingesting, "discover", discover_then_delete)
    expected = read_changed(archive)
    make_archive(archive, 4)
    reading = read_changed(archive, workers=2)
    assert reading == expected
    assert ("batch1/article-001.md", "file disappeared while reading") in [
        (f.path, f.reason) for f in reading.failures
    ]


def test_workers_are_forked_only_from_a_process_without_threads() -> None:
    code = "from onrecord.scale.parallel import start_method; print(start_method())"
    alone = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert alone.stdout.strip() == ("fork" if sys.platform == "linux" else "spawn")
    found: list[str] = []
    other = threading.Thread(target=lambda: found.append(parallel.start_method()))
    other.start()
    other.join()
    assert found == ["spawn"]


def read_on(executor: parallel.Executor, paths: list[Path], root: Path) -> list:
    items = [(str(p), p.relative_to(root).as_posix()) for p in paths]
    return executor.run(functools.partial(ingesting.read_chunk, archive=str(root)), items)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_results_come_back_in_input_order(corpus: Path, method: str) -> None:
    paths = sorted(corpus.rglob("article-*.md"), reverse=True)[:7]
    results = read_on(parallel.LocalProcesses(2, method), paths, corpus)
    assert [r.article.path for r in results] == [p.relative_to(corpus).as_posix() for p in paths]
    for entry in results:
        assert entry.records() and all(q["article"] == entry.article.id for q in entry.records())
    assert results == read_on(parallel.InProcess(), paths, corpus)


def test_a_crash_in_extraction_is_a_failure_not_an_abort(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(article: object, archive: object = None) -> list:
        raise ValueError("engine bug")

    monkeypatch.setattr(ingesting, "process_article", explode)
    path = corpus / "batch1" / "article-001.md"
    [failure] = read_on(parallel.InProcess(), [path], corpus)
    assert failure == Failure("batch1/article-001.md", "extraction failed: ValueError: engine bug")


def test_chunks_stay_small_and_cover_every_path() -> None:
    items = list(range(1000))
    size = parallel.chunk_size(len(items), 2)
    assert size == parallel.MAX_CHUNK
    assert [i for c in parallel.chunked(items, size) for i in c] == items
    assert parallel.chunk_size(10, 2) == 2
    # tapered: the same items in order, chunks never growing, single items at the end
    chunks = parallel.tapered(items, 2)
    assert [i for c in chunks for i in c] == items
    sizes = [len(c) for c in chunks]
    assert sizes[0] == parallel.MAX_CHUNK and sizes == sorted(sizes, reverse=True)
    assert sizes[-3:] == [1, 1, 1]
    assert parallel.tapered([], 2) == [] and parallel.tapered([7], 2) == [[7]]
    with pytest.raises(ValueError, match="workers"):
        parallel.executor_for(workers=0)


def test_the_executor_layer_does_not_import_ingest() -> None:
    import subprocess
    import sys

    code = "import sys, onrecord.scale.parallel; print('onrecord.ingest' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# OpenSearch -------------------------------------------------------------------------------

RECORD = {
    "id": "a1b2c3d4e5f6",
    "text": "We cannot keep closing clinics",
    "kind": "direct",
    "article": "2021/council",
    "speaker": "Maria Lopez",
    "speaker_id": "maria-lopez",
    "role": "nurse",
    "source": " Tribune ",
    "date": "2021-03-04",
    "published": "2021-03-04",
    "topics": ["health", "budget"],
    "start": 10,
    "end": 40,
    "confidence": 0.9,
    "occurrences": 1,
}


def test_mapping_types_the_facets_the_text_and_the_dates() -> None:
    body = opensearch.mapping()
    properties = body["mappings"]["properties"]
    assert body["settings"]["index"]["number_of_shards"] >= 1
    for field in opensearch.FACET_FIELDS.values():
        assert properties[field]["type"] == "keyword", field
    assert set(opensearch.FACET_FIELDS) == set(FACET_NAMES)
    assert properties["text"] == {
        "type": "text",
        "analyzer": "english",
        "fields": {"exact": {"type": "text", "analyzer": "standard"}},
    }
    assert properties["date"]["type"] == "date" and "strict_date" in properties["date"]["format"]
    assert properties["start"]["type"] == "integer"
    # every field of the record contract is mapped
    from onrecord.records import Quote

    assert set(Quote.__dataclass_fields__) <= set(properties)
    json.dumps(body)  # serialisable as the body of PUT /onrecord


def test_bulk_file_pairs_an_action_with_each_record() -> None:
    other = {**RECORD, "id": "ffffffffffff", "text": 'He said "no" \u2014 twice\nthen left'}
    text = opensearch.bulk_ndjson([RECORD, other], index="quotes")
    assert text.endswith("\n") and not text.endswith("\n\n")
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == 4
    assert lines[0] == {"index": {"_index": "quotes", "_id": "a1b2c3d4e5f6"}}
    assert lines[2] == {"index": {"_index": "quotes", "_id": "ffffffffffff"}}
    source = lines[1]
    assert {k: source[k] for k in RECORD} == RECORD  # the record itself, unchanged
    assert (source["source_key"], source["year"], source["month"]) == ("Tribune", "2021", "2021-03")
    assert (source["role_key"], source["statement_key"]) == ("nurse", RECORD["id"])
    assert lines[3]["text"] == other["text"]
    assert opensearch.bulk_ndjson([]) == ""
    assert opensearch.to_bulk([RECORD, other], object()) == opensearch.bulk_ndjson([RECORD, other])


def test_bundle_writes_mapping_and_bulk(tmp_path: Path) -> None:
    paths = opensearch.write_bundle([RECORD], tmp_path / "out")
    assert [p.name for p in paths] == ["mapping.json", "bulk.ndjson"]
    assert json.loads(paths[0].read_text(encoding="utf-8")) == opensearch.mapping()
    assert paths[1].read_text(encoding="utf-8") == opensearch.bulk_ndjson([RECORD])


def test_search_body_uses_only_mapped_fields_of_the_right_type() -> None:
    request = SearchRequest(
        q='clinic "budget cut"',
        speakers=["maria-lopez"],
        topics=["health"],
        sources=["Tribune"],
        kinds=["direct"],
        years=["2021"],
        roles=["nurse"],
        months=["2021-03"],
        since="2021-03",
        until="2021",
        sort="-date",
        page=2,
        per_page=10,
    )
    body = opensearch.search_body(request)
    properties = opensearch.mapping()["mappings"]["properties"]
    filters = body["query"]["bool"]["filter"]
    for clause in filters[:-1]:
        [(field, values)] = clause["terms"].items()
        assert properties[field]["type"] == "keyword" and values
    assert filters[-1] == {
        "range": {"date": {"gte": "2021-03-01", "lte": "2021-12-31", "format": "strict_date"}}
    }
    for agg in body["aggs"].values():
        assert properties[agg["terms"]["field"]]["type"] == "keyword"
    for field in body["query"]["bool"]["must"][0]["simple_query_string"]["fields"]:
        assert properties[field]["type"] == "text"
    assert len(filters) == 8  # seven facets and the date range
    assert body["collapse"] == {"field": "statement_key"}
    assert properties["statement_key"]["type"] == "keyword"
    assert (body["from"], body["size"]) == (10, 10)
    assert body["sort"][0] == {"date": "desc"}
    assert opensearch.search_body(SearchRequest())["query"]["bool"]["must"] == [{"match_all": {}}]


def test_the_core_does_not_need_dask() -> None:
    import subprocess
    import sys

    code = (
        "import sys, onrecord.ingest, onrecord.scale.parallel, onrecord.scale.opensearch;"
        "print('distributed' in sys.modules or 'dask' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
