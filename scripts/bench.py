"""Benchmark onrecord's index and search against SQLite FTS5, on synthetic records.

    python scripts/bench.py --sizes 10000,100000 [--queries 40] [--json results.json]

For each size the records are generated (``scripts/synthetic.py``), indexed by onrecord
(Whoosh, the production code path: :func:`onrecord.index.build`) and by a plain SQLite FTS5
schema, each in its own process so build and query memory are measured separately. Reported,
side by side: build rate, index size, peak memory, and median / p95 latency of plain, faceted,
date-sorted and paged queries, plus the web search page's server time (Flask test client). The
machine is shared, so CPU time is reported beside wall time (a query runs on one thread, so its
CPU time is what it takes on an idle core), and the load average at the start of the run is
printed with the results. The table goes to stdout, raw figures to stderr and ``--json``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import COMMON, records  # noqa: E402


def query_words(count: int) -> list[str]:
    """Content words of the synthetic vocabulary, from frequent to middling."""
    content = [w for w in COMMON[60:] if len(w) > 3]
    step = max(1, len(content) // count)
    return (content[::step] * 2)[:count]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed(run: Callable[[str], Any], words: list[str]) -> dict[str, float]:
    """Median and p95 in milliseconds of ``run`` over ``words`` (after one warm-up pass)."""
    for word in words[:5]:
        run(word)
    samples, cpu = [], []
    for word in words:
        start, start_cpu = time.perf_counter(), time.process_time()
        run(word)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {
        "median": statistics.median(samples),
        "p95": percentile(samples, 95),
        "cpu_median": statistics.median(cpu),
        "cpu_p95": percentile(cpu, 95),
    }


def peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def generate_only(count: int) -> float:
    start = time.process_time()
    for _ in records(count):
        pass
    return time.process_time() - start


# onrecord (Whoosh) ------------------------------------------------------------------------


def whoosh_build(count: int, index_dir: str, procs: int) -> dict[str, Any]:
    from onrecord import index as idx

    gen_cpu = generate_only(count)
    wall, cpu = time.perf_counter(), time.process_time()
    generation = idx.build(Path(index_dir), records(count), procs=procs)
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu + _children_cpu() - gen_cpu
    return {
        "seconds": wall - gen_cpu,  # wall time less the time spent generating records
        "cpu": cpu,
        "size_mb": size_mb(generation.path),
        "build_rss": max(peak_rss_mb(), peak_rss_mb(children=True)),
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def whoosh_queries(index_dir: str, words: list[str]) -> dict[str, Any]:
    from onrecord.index import current_generation
    from onrecord.search import SearchRequest, search
    from onrecord.webapp import create_app

    generation = current_generation(Path(index_dir))
    start = time.perf_counter()
    search(generation, SearchRequest(q=words[0]))
    first = (time.perf_counter() - start) * 1000
    client = create_app({"TESTING": True, "INDEX_DIR": index_dir}).test_client()

    def web(word: str) -> None:
        response = client.get("/", query_string={"q": word})
        assert response.status_code == 200, response.status_code

    out = {
        "first_ms": first,
        "plain": timed(lambda w: search(generation, SearchRequest(q=w, facets=False)), words),
        "faceted": timed(lambda w: search(generation, SearchRequest(q=w)), words),
        "date": timed(
            lambda w: search(generation, SearchRequest(q=w, sort="-date", facets=False)), words
        ),
        "paged": timed(
            lambda w: search(generation, SearchRequest(q=w, page=5, facets=False)), words
        ),
        "browse": timed(lambda w: search(generation, SearchRequest(sort="-date")), words),
        "web": timed(web, words),
        "hits": statistics.median(
            search(generation, SearchRequest(q=w, facets=False)).total for w in words
        ),
    }
    out["rss_mb"] = peak_rss_mb()
    return out


# SQLite FTS5, the reference peer ----------------------------------------------------------

SQLITE_SCHEMA = """
CREATE TABLE records (id INTEGER PRIMARY KEY, speaker_id TEXT, source TEXT, role TEXT,
    kind TEXT, year TEXT, month TEXT, sortkey TEXT, record TEXT);
CREATE TABLE record_topics (record INTEGER, topic TEXT);
CREATE VIRTUAL TABLE fts USING fts5(text, content='', tokenize='porter unicode61');
"""
SQLITE_INDEXES = """
CREATE INDEX records_sortkey ON records (sortkey);
CREATE INDEX record_topics_record ON record_topics (record);
"""


def _sqlite_rows(count: int) -> Iterator[tuple[tuple[Any, ...], str, list[str]]]:
    for rowid, r in enumerate(records(count), start=1):
        date = r.get("date") or ""
        row = (
            rowid, r["speaker_id"], r["source"], r.get("role") or "", r["kind"], date[:4],
            date[:7], f"{date}\x00{r['article']}\x00{r['start']:09d}", json.dumps(r),
        )
        yield row, r["text"], r.get("topics") or []


def sqlite_build(count: int, path: str) -> dict[str, Any]:
    gen_cpu = generate_only(count)
    wall, cpu = time.perf_counter(), time.process_time()
    db = sqlite3.connect(path)
    db.executescript(SQLITE_SCHEMA)
    batch: list[tuple[tuple[Any, ...], str, list[str]]] = []

    def flush() -> None:
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [b[0] for b in batch])
        db.executemany("INSERT INTO fts (rowid, text) VALUES (?, ?)",
                       [(b[0][0], b[1]) for b in batch])
        db.executemany("INSERT INTO record_topics VALUES (?, ?)",
                       [(b[0][0], t) for b in batch for t in b[2]])
        batch.clear()

    for item in _sqlite_rows(count):
        batch.append(item)
        if len(batch) >= 5000:
            flush()
    flush()
    db.executescript(SQLITE_INDEXES)
    db.commit()
    db.close()
    return {
        "seconds": time.perf_counter() - wall - gen_cpu,
        "cpu": time.process_time() - cpu - gen_cpu,
        "size_mb": os.path.getsize(path) / 1e6,
        "build_rss": peak_rss_mb(),
    }


def sqlite_queries(path: str, words: list[str]) -> dict[str, Any]:
    db = sqlite3.connect(path)
    match = "SELECT rowid FROM fts WHERE fts MATCH ?"

    def ranked(word: str, offset: int = 0) -> list[Any]:
        rows = db.execute(
            "SELECT r.record FROM records r JOIN (SELECT rowid, bm25(fts) AS score FROM fts"
            " WHERE fts MATCH ? ORDER BY score LIMIT 20 OFFSET ?) m ON r.id = m.rowid"
            " ORDER BY m.score",
            (word, offset),
        ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def faceted(word: str) -> None:
        ranked(word)
        db.execute(f"SELECT count(*) FROM ({match})", (word,)).fetchone()
        for column in ("speaker_id", "source"):
            db.execute(
                f"SELECT {column}, count(*) FROM records WHERE id IN ({match})"
                f" GROUP BY {column} ORDER BY 2 DESC",
                (word,),
            ).fetchall()
        db.execute(
            f"SELECT topic, count(*) FROM record_topics WHERE record IN ({match})"
            " GROUP BY topic ORDER BY 2 DESC",
            (word,),
        ).fetchall()

    def by_date(word: str) -> None:
        rows = db.execute(
            f"SELECT record FROM records WHERE id IN ({match}) ORDER BY sortkey DESC LIMIT 20",
            (word,),
        ).fetchall()
        [json.loads(r[0]) for r in rows]

    out = {
        "plain": timed(ranked, words),
        "faceted": timed(faceted, words),
        "date": timed(by_date, words),
        "paged": timed(lambda w: ranked(w, 80), words),
    }
    out["rss_mb"] = peak_rss_mb()
    db.close()
    return out


# Running ----------------------------------------------------------------------------------


def _child(queue: Any, func: Callable[..., dict[str, Any]], args: tuple[Any, ...]) -> None:
    try:
        queue.put(("ok", func(*args)))
    except BaseException as exc:
        queue.put(("error", f"{type(exc).__name__}: {exc}"))
        raise


def in_child(func: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run ``func`` in a fresh process, so its peak memory is its own."""
    context = mp.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, func, args))
    process.start()
    status, value = queue.get()
    process.join()
    if status != "ok":
        raise RuntimeError(value)
    return value


def bench_size(
    count: int, words: list[str], procs: int, workdir: Path, engines: list[str]
) -> dict[str, Any]:
    index_dir = workdir / f"whoosh-{count}"
    sqlite_path = workdir / f"fts-{count}.sqlite"
    result: dict[str, Any] = {"count": count}
    if "whoosh" in engines:
        print(f"[{count}] building onrecord index ...", file=sys.stderr, flush=True)
        whoosh = in_child(whoosh_build, count, str(index_dir), procs)
        print(f"[{count}] built: {json.dumps(whoosh)}; querying ...", file=sys.stderr, flush=True)
        whoosh.update(in_child(whoosh_queries, str(index_dir), words))
        print(f"[{count}] onrecord: {json.dumps(whoosh)}", file=sys.stderr, flush=True)
        result["whoosh"] = whoosh
    if "fts5" in engines:
        print(f"[{count}] building SQLite FTS5 ...", file=sys.stderr, flush=True)
        fts = in_child(sqlite_build, count, str(sqlite_path))
        fts.update(in_child(sqlite_queries, str(sqlite_path), words))
        result["fts5"] = fts
    return result


def fmt_ms(stats: dict[str, float] | None) -> str:
    if not stats:
        return "–"
    return (
        f"{stats['median']:.1f} / {stats['p95']:.1f} "
        f"(CPU {stats['cpu_median']:.1f} / {stats['cpu_p95']:.1f})"
    )


def table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| quotes | engine | build rec/s (wall) | rec per build CPU-s | index size "
        "| build peak RSS | query peak RSS | plain ms (median / p95) | faceted | date-sorted "
        "| paged (page 5) | browse (no query) | web page `/?q=` | first search on a new index |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        count = result["count"]
        for engine, label in (("whoosh", "onrecord (Whoosh)"), ("fts5", "SQLite FTS5")):
            if engine not in result:
                continue
            r = result[engine]
            first = f"{r['first_ms']:.0f} ms" if "first_ms" in r else "–"
            rows.append(
                f"| {count:,} | {label} | {count / r['seconds']:,.0f} | {count / r['cpu']:,.0f} "
                f"| {r['size_mb']:.0f} MB | {r['build_rss']:.0f} MB | {r['rss_mb']:.0f} MB "
                f"| {fmt_ms(r['plain'])} | {fmt_ms(r['faceted'])} | {fmt_ms(r['date'])} "
                f"| {fmt_ms(r['paged'])} | {fmt_ms(r.get('browse'))} | {fmt_ms(r.get('web'))} "
                f"| {first} |"
            )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated record counts")
    parser.add_argument("--queries", type=int, default=40, help="query words per measurement")
    parser.add_argument("--procs", type=int, default=2, help="onrecord writer processes")
    parser.add_argument("--workdir", type=Path, help="where to build (default: a temp folder)")
    parser.add_argument("--json", type=Path, help="also write raw results here")
    parser.add_argument("--engines", default="whoosh,fts5", help="which of whoosh,fts5 to run")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    words = query_words(args.queries)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="onrecord-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    results = []
    try:
        for count in sizes:
            result = bench_size(count, words, args.procs, workdir, args.engines.split(","))
            results.append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    summary = {"load_average": load, "cpus": os.cpu_count(), "procs": args.procs,
               "queries": len(words), "results": results}
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"load average at start: {load[0]:.1f} on {os.cpu_count()} CPUs\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
