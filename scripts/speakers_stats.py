"""Measure the speaker registry on a corpus: how many speaker mentions reach a named identity,
and how long the registry build takes.

Two sources of quote records:

* ``--source extract`` (default): read every article with onrecord's readers and run the
  per-article pipeline (attribution), as ingest does;
* ``--source gold``: the corpus's gold attributions (``gold.jsonl``: the annotated,
  in-article-resolved speaker of each statement), a proxy for attribution's output.

Usage::

    python scripts/speakers_stats.py ../shared/corpora/polnear/train [--source gold] [--json]

Prints mention counts, the share linked to a named speaker (and to a full name), registry
size, suggestions, statements after dedup, and the build time (best of ``--repeat`` runs).
Needs the corpus on disk; not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from onrecord.readers import read_article
from onrecord.records import Article, Quote, quote_id
from onrecord.speakers import build_registry
from onrecord.speakers.names import looks_like_name, parse_person


def read_articles(corpus: Path) -> dict[str, Article]:
    articles = {}
    root = corpus / "articles"
    for path in sorted(root.glob("*.md")):
        article = read_article(path, root)
        articles[article.id] = article
    return articles


def gold_quotes(corpus: Path, articles: dict[str, Article], *, speech_only: bool) -> list[Quote]:
    """One Quote per gold attribution, named as the annotators resolved it in the article."""
    quotes = []
    with (corpus / "gold.jsonl").open(encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            if speech_only and not row.get("speech"):
                continue
            article = articles.get(row["article"])
            start, end = row.get("content_start") or 0, row.get("content_end") or 0
            text = row.get("content") or ""
            quotes.append(
                Quote(
                    id=quote_id(row["article"], start, end, text),
                    text=text,
                    kind="direct" if row.get("direct") else "indirect",
                    article=row["article"],
                    speaker=row.get("speaker"),
                    speaker_as_written=row.get("source_text"),
                    title=article.title if article else None,
                    source=article.source if article else None,
                    published=article.date if article else None,
                    date=article.date if article else None,
                    start=start,
                    end=end,
                )
            )
    return quotes


def extracted_quotes(articles: dict[str, Article]) -> tuple[list[Quote], float]:
    from onrecord.pipeline import process_article

    started = time.perf_counter()
    quotes: list[Quote] = []
    for article in articles.values():
        quotes.extend(process_article(article))
    return quotes, time.perf_counter() - started


def measure(quotes: list[Quote], repeat: int) -> dict:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        registry, out = build_registry(quotes)
        timings.append(time.perf_counter() - started)
    speakers = registry.speakers
    attributed = sum(1 for q in quotes if q.speaker)
    named = full = 0
    for quote in out:
        speaker = speakers.get(quote.speaker_id or "")
        if not speaker or speaker.kind == "group" or not looks_like_name(speaker.name):
            continue
        named += 1
        if speaker.kind == "organisation" or not parse_person(speaker.name).is_bare:
            full += 1
    joined = sum(
        1 for before, after in zip(quotes, out, strict=True)
        if before.speaker and after.speaker and before.speaker != after.speaker
    )
    kinds = Counter(s.kind for s in speakers.values())
    total = len(quotes)
    return {
        "mentions": total,
        "attributed": attributed,
        "linked_named": named,
        "linked_full_name": full,
        "share_attributed": round(attributed / total, 4) if total else 0.0,
        "share_linked_named": round(named / total, 4) if total else 0.0,
        "share_linked_full_name": round(full / total, 4) if total else 0.0,
        "share_of_attributed_linked_named": round(named / attributed, 4) if attributed else 0.0,
        "renamed_to_another_form": joined,
        "speakers": len(speakers),
        "speakers_by_kind": dict(kinds),
        "suggestions": len(registry.suggestions),
        "statements": sum(1 for q in out if q.canonical),
        "articles": len({q.article for q in quotes}),
        "build_seconds_best": round(min(timings), 3),
        "build_seconds_median": round(statistics.median(timings), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder with articles/ (and gold.jsonl)")
    parser.add_argument("--source", choices=("extract", "gold"), default="extract")
    parser.add_argument("--all-events", action="store_true",
                        help="gold: count non-speech attributions too (default: speech only)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--suggestions", type=int, default=0,
                        help="also print the first N merge suggestions")
    args = parser.parse_args(argv)

    articles = read_articles(args.corpus)
    extract_seconds = None
    if args.source == "gold":
        quotes = gold_quotes(args.corpus, articles, speech_only=not args.all_events)
    else:
        quotes, extract_seconds = extracted_quotes(articles)
    result = {"corpus": str(args.corpus), "source": args.source, **measure(quotes, args.repeat)}
    if extract_seconds is not None:
        result["extract_seconds"] = round(extract_seconds, 1)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for key, value in result.items():
            print(f"{key:36} {value}")
    if args.suggestions:
        registry, _ = build_registry(quotes)
        for suggestion in registry.suggestions[: args.suggestions]:
            print("  " + suggestion.describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
