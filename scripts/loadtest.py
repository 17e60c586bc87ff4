"""A bounded load test of ``onrecord serve`` on 127.0.0.1 over a synthetic archive of 100k quotes.

    python scripts/loadtest.py [--quotes 100000] [--requests 3000] [--clients 8] [--rebuild]

1. Builds an index of ``--quotes`` synthetic records (10 per article) through the same writer
   ingest uses (:func:`onrecord.ingest.write_generation`), skipping attribution, which is
   benchmarked elsewhere. Pass ``--index DIR`` to reuse a built index.
2. Starts ``onrecord serve`` on 127.0.0.1 (a free port) with waitress.
3. Sends exactly ``--requests`` requests from ``--clients`` concurrent clients (searches with
   words and phrases, facet filters, date ranges, the JSON API, quote and article pages) and
   reports throughput, latency percentiles and errors (any status but 200, any exception).
4. With ``--rebuild``, loads the server again while another process rebuilds the index and
   swaps it in, as ``onrecord ingest`` does (same writer, lock and publish), until 10 s after
   the swap, and reports the errors during the rebuild.

Only 127.0.0.1 is ever contacted; the run stops by itself after the requests or ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote as urlquote

from onrecord.records import Article, Quote, quote_id, slugify

HOST = "127.0.0.1"


def _words(text: str) -> list[str]:
    return text.split()


WORDS = _words(
    "budget school strike union clinic housing police transit water tax vote council mayor "
    "governor senate bill reform climate energy jobs wages rent teachers nurses hospital court "
    "election campaign border trade tariff farm drought flood fire safety crime prison bail "
    "pension health insurance drug price market bank loan debt deficit growth inflation port "
    "bridge road rail bus airport park library museum stadium zoning permit license fee fine"
)
FIRST = _words("Maria Tom Ann Raj Elena Sam Lori Jesse Chen Amara Olga Diego Fatima Ivan Grace")
LAST = _words("Lopez Okafor Lee Patel Costa Baker Kim Nowak Silva Haddad Rossi Dubois Ito Moreau")
ROLES = ["mayor", "senator", "union president", "nurse", "teacher", "governor", "spokesperson"]
SOURCES = [
    f"{town} {kind}"
    for town in ("Lakeside", "Hill", "River", "Port")
    for kind in ("Tribune", "Herald", "Post", "Ledger", "Times")
]
TOPICS = ["education", "health", "labor", "housing", "transit", "budget", "crime", "climate"]


def synthetic(quotes: int, seed: int = 7) -> tuple[list[Article], list[dict]]:
    """``quotes`` records in articles of ten, all fields filled as attribution would."""
    rng = random.Random(seed)
    articles: list[Article] = []
    records: list[dict] = []
    for a in range((quotes + 9) // 10):
        date = f"{2015 + a % 10}-{a % 12 + 1:02d}-{a % 28 + 1:02d}"
        source = SOURCES[a % len(SOURCES)]
        sentences = []
        spans = []
        offset = 0
        for _ in range(min(10, quotes - len(records) - len(spans))):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize()
            speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            sentence = f"\u201c{text},\u201d said {speaker}."
            spans.append((offset + 1, offset + 1 + len(text), text, speaker))
            sentences.append(sentence)
            offset += len(sentence) + 2
        article = Article(
            id=f"synthetic/{a:06d}",
            body="\n\n".join(sentences),
            title=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {a}",
            source=source,
            date=date,
            path=f"synthetic/{a:06d}.txt",
        )
        articles.append(article)
        for start, end, text, speaker in spans:
            quote = Quote(
                id=quote_id(article.id, start, end, text),
                text=text,
                kind=rng.choice(["direct", "direct", "indirect"]),
                article=article.id,
                speaker=speaker,
                speaker_id=slugify(speaker),
                role=rng.choice(ROLES),
                cue="said",
                title=article.title,
                source=source,
                date=date,
                published=date,
                topics=rng.sample(TOPICS, rng.randint(0, 2)),
                start=start,
                end=end,
                confidence=0.9,
            )
            records.append(quote.to_dict())
    return articles, records


def build(index_dir: Path, quotes: int) -> float:
    """Write the synthetic index as a new generation and publish it; returns seconds."""
    from onrecord.index import writer_lock
    from onrecord.ingest import write_generation
    from onrecord.speakers import build_registry

    started = time.perf_counter()
    articles, records = synthetic(quotes)
    registry, _ = build_registry([Quote.from_dict(r) for r in records[:2000]])
    manifest = {"articles": len(articles), "quotes": len(records), "speakers": 0}
    with writer_lock(index_dir):  # as ingest does: one writer at a time
        write_generation(index_dir, articles, records, manifest, registry)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def serve(index_dir: Path, port: int, threads: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "onrecord.cli",
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--index",
        str(index_dir),
        "--threads",
        str(threads),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            probe = f"http://{HOST}:{port}/api/quotes?q=onrecordprobe&per_page=1"
            urllib.request.urlopen(probe, timeout=10)
            return server
        except OSError:  # not listening yet
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def request_mix(count: int, records: list[dict], seed: int = 11) -> list[str]:
    """The URLs a reading room would send: mostly searches, some pages and API calls."""
    rng = random.Random(seed)
    urls = []
    for _ in range(count):
        word, other = rng.choice(WORDS), rng.choice(WORDS)
        record = rng.choice(records)
        kind = rng.random()
        if kind < 0.30:
            urls.append(f"/?q={word}")
        elif kind < 0.45:
            urls.append(f"/api/quotes?q={urlquote(f'{word} {other}')}&per_page=20")
        elif kind < 0.55:
            urls.append(f"/?q={urlquote(chr(34) + ' '.join(record['text'].split()[:2]) + chr(34))}")
        elif kind < 0.65:
            urls.append(f"/?q={word}&speaker={record['speaker_id']}&sort=-date")
        elif kind < 0.72:
            urls.append(f"/api/quotes?topic={rng.choice(TOPICS)}&since=2018&until=2020-06")
        elif kind < 0.80:
            urls.append(f"/?q={urlquote(f'{word} OR {other}')}&source={urlquote(record['source'])}")
        elif kind < 0.90:
            urls.append(f"/quotes/{record['id']}")
        elif kind < 0.95:
            urls.append(f"/articles/{record['article']}")
        else:
            urls.append(f"/?page={rng.randint(1, 50)}")
    return urls


def load(
    port: int,
    urls: list[str],
    clients: int,
    max_seconds: float,
    stop: Callable[[], bool] | None = None,
    timeout: float = 60,
) -> dict:
    """Send every URL once from ``clients`` threads; stop early at ``max_seconds`` or ``stop()``."""
    deadline = time.monotonic() + max_seconds
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    lock = threading.Lock()
    skipped = [0]
    failures: list[tuple[float, float, str, str]] = []
    phase_start = time.perf_counter()

    def fetch(path: str) -> None:
        if time.monotonic() > deadline or (stop and stop()):
            with lock:
                skipped[0] += 1
            return
        started = time.perf_counter()
        try:
            url = f"http://{HOST}:{port}{path}"
            with urllib.request.urlopen(url, timeout=timeout) as response:
                response.read()
                status = str(response.status)
        except urllib.error.HTTPError as exc:
            status = str(exc.code)
        except Exception as exc:  # a refused or dropped connection is an error too
            status = type(exc).__name__
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)
            statuses[status] += 1
            if status != "200":
                failures.append((round(started - phase_start, 1), round(elapsed, 1), status, path))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(fetch, urls))
    wall = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0.0

    return {
        "requests": len(latencies),
        "seconds": round(wall, 1),
        "throughput_rps": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "p99_ms": round(pct(0.99), 1),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1) if ordered else 0.0,
        "errors": sum(n for s, n in statuses.items() if s != "200"),
        "statuses": dict(statuses),
        "not_sent": skipped[0],
        "failures (start s, took s, status, path)": failures[:20],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=4, help="waitress threads")
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--index", type=Path, help="reuse (or build into) this index directory")
    parser.add_argument("--rebuild", action="store_true", help="also load during a rebuild")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    index_dir = args.index or Path(tempfile.mkdtemp(prefix="onrecord-load-")) / "index"
    if args.build_only:
        build(index_dir, args.quotes)
        return
    from onrecord.index import current_generation

    report: dict = {"quotes": args.quotes, "clients": args.clients, "threads": args.threads}
    try:
        current_generation(index_dir)
        report["index"] = "reused"
    except Exception:
        report["build_seconds"] = round(build(index_dir, args.quotes), 1)
    _, records = synthetic(args.quotes)
    port = free_port()
    server = serve(index_dir, port, args.threads)
    try:
        load(port, request_mix(100, records, seed=1), args.clients, 60)  # warm the caches
        report["steady"] = load(
            port, request_mix(args.requests, records), args.clients, args.max_seconds
        )
        if args.rebuild:
            rebuild = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--build-only",
                    "--quotes",
                    str(args.quotes),
                    "--index",
                    str(index_dir),
                ]
            )
            before = current_generation(index_dir).name
            finished: list[float] = []

            swapped_at: list[float] = []

            def rebuilt_a_while_ago() -> bool:
                """Keep loading until 10 s after the new generation went live."""
                if not swapped_at and current_generation(index_dir).name != before:
                    swapped_at.append(time.monotonic())
                if rebuild.poll() is None:
                    return False
                finished.append(time.monotonic())
                return time.monotonic() - finished[0] > 10

            started = time.monotonic()
            report["during_rebuild"] = load(
                port,
                request_mix(args.requests * 10, records, seed=12),
                args.clients,
                args.max_seconds,
                stop=rebuilt_a_while_ago,
            )
            rebuild.wait(timeout=args.max_seconds)
            report["rebuild_seconds"] = round((finished or [time.monotonic()])[0] - started, 1)
            report["swap_at_s"] = round(swapped_at[0] - started, 1) if swapped_at else None
            report["rebuild_exit"] = rebuild.returncode
            report["generation_swapped"] = current_generation(index_dir).name != before
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
