"""Server time of each web page over a synthetic index, p50 and p95 in milliseconds.

    .venv/bin/python scripts/bench_web.py --quotes 100000 [--index /tmp/bench-index]
    .venv/bin/python scripts/bench_web.py --index /tmp/uxidx --url /speakers/donald-trump ...

Builds (once, or reuses ``--index``) an index of synthetic records: Zipf-distributed speakers,
topics, outlets and dates over ten years, five statements per article. Then times requests
through Flask's test client, which is the server's own time without network or browser.
With ``--url`` (repeatable) it times those pages of an existing index instead, such as a real
archive's (docs/web.md, "Archive-scale review"), and also reports each page's first request,
before the per-generation caches hold it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from onrecord.index import StoredArticle, current_generation
from onrecord.index import build as build_index
from onrecord.records import Article, quote_id
from onrecord.webapp import create_app

_VOCABULARY = """
    budget school teachers union strike money contract city council police transit housing
    taxes health hospital election vote law court water park safety jobs wages class size
    nurses workers plan deal talks offer table promise future children parents community
"""
WORDS = _VOCABULARY.split()
TOPICS = [f"topic-{i}" for i in range(25)]
SOURCES = [f"Outlet {i}" for i in range(60)]


def build(index_dir: Path, quotes: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    speakers = [f"Speaker {i} Person" for i in range(max(10, quotes // 40))]
    weights = [1 / (i + 1) for i in range(len(speakers))]
    articles, records = [], []
    for a in range(quotes // 5):
        date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        texts = [" ".join(rng.choices(WORDS, k=rng.randint(8, 25))) for _ in range(5)]
        body = "\n\n".join(f'"{t}," someone said.' for t in texts)
        article = Article(id=f"a/{a}", body=body, title=f"Article {a}",
                          source=rng.choice(SOURCES), date=date)
        articles.append(article)
        for text in texts:
            start = body.index(text)
            speaker = rng.choices(speakers, weights)[0]
            records.append({
                "id": quote_id(article.id, start, start + len(text), text), "text": text,
                "kind": rng.choice(["direct", "indirect"]), "article": article.id,
                "speaker": speaker, "speaker_id": speaker.lower().replace(" ", "-"),
                "role": rng.choice(["Mayor", "Alderman", "Teacher", None]),
                "source": article.source, "title": article.title, "date": date,
                "topics": rng.sample(TOPICS, rng.randint(0, 2)), "start": start,
                "end": start + len(text),
            })
    build_index(
        index_dir, records, [StoredArticle(a, fingerprint="") for a in articles],
        procs=2, manifest={"articles": len(articles),
                           "speakers": len({r["speaker_id"] for r in records})},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--index", type=Path, default=Path("/tmp/onrecord-bench-index"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--url", action="append", default=[],
                        help="a page of the existing --index to time (repeatable)")
    args = parser.parse_args()
    if args.url:
        time_pages(args.index, args.url, args.runs)
        return
    if not (args.index / "CURRENT").exists():
        started = time.perf_counter()
        build(args.index, args.quotes)
        print(f"built {args.quotes} records in {time.perf_counter() - started:.0f} s")
    generation = current_generation(args.index)
    client = create_app({"INDEX_DIR": str(args.index)}).test_client()
    api = client.get("/api/quotes?q=budget&per_page=1").get_json()
    record = api["records"][0]
    top = api["facets"]["speaker"][0]["value"]
    mid = api["facets"]["speaker"][len(api["facets"]["speaker"]) // 2]["value"]
    urls = [
        "/", "/?q=budget", "/?q=budget+teachers&topic=topic-3", "/?q=%22class+size%22&sort=-date",
        "/?q=budget&page=5", "/speakers", "/speakers?sort=name&q=person+1",
        f"/speakers/{top}", f"/speakers/{mid}", f"/quotes/{record['id']}",
        f"/articles/{record['article']}", "/api/quotes?q=budget",
    ]
    print(f"index {generation.path.name}: {generation.manifest().get('quotes')} records")
    print(f"{'page':45} {'p50 ms':>8} {'p95 ms':>8}")
    for url in urls:
        client.get(url)  # warm caches the way a running server has them
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"{url[:45]:45} {statistics.median(times):8.1f} {p95:8.1f}")


def time_pages(index: Path, urls: list[str], runs: int) -> None:
    """First request and p50/p95 of ``runs`` more, for each of ``urls`` over ``index``."""
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    print(f"{'page':60} {'status':>6} {'first':>7} {'p50 ms':>7} {'p95 ms':>7} {'KB':>6}")
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        first = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        p95 = statistics.quantiles(times, n=20)[-1] if runs > 1 else times[0]
        size = len(response.get_data()) / 1024
        print(f"{url[:60]:60} {response.status_code:6} {first:7.0f} "
              f"{statistics.median(times):7.0f} {p95:7.0f} {size:6.0f}")


if __name__ == "__main__":
    main()
