#!/usr/bin/env python3
"""Run :func:`onrecord.attribution.extract` over damaged copies of real articles.

    scripts/fuzz_attribution.py [DIR] [--limit N] [--seed S]

Each article of DIR (default: the PolNeAR train articles) is read, then extracted eight times
with a different kind of damage real archives have: closing or opening quotation marks lost,
paragraphs run together, all capitals, all lower case, sentences shuffled, cut in half, commas
dropped. Fails on the first exception or on offsets outside the body; reports the runs and any
article slower than half a second. A crash this finds becomes a test in tests/.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from evaluate import read_markdown  # noqa: E402

from onrecord.attribution import extract  # noqa: E402
from onrecord.records import Article  # noqa: E402

DEFAULT = REPO.parent / "shared" / "corpora" / "polnear" / "train" / "articles"


def damages(rng: random.Random) -> dict[str, Callable[[str], str]]:
    def shuffled(text: str) -> str:
        parts = text.split(". ")
        return ". ".join(rng.sample(parts, len(parts)))

    return {
        "no closing marks": lambda s: s.replace("”", ""),
        "no opening marks": lambda s: s.replace("“", ""),
        "one paragraph": lambda s: s.replace("\n\n", " "),
        "capitals": str.upper,
        "lower case": str.lower,
        "sentences shuffled": shuffled,
        "cut in half": lambda s: s[: len(s) // 2],
        "no commas": lambda s: s.replace(",", ""),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    articles = [read_markdown(p) for p in sorted(args.folder.glob("*.md"))[: args.limit]]
    runs, slow, began = 0, [], time.perf_counter()
    for article in articles:
        for name, damage in damages(rng).items():
            body = damage(article.body)
            start = time.perf_counter()
            try:
                quotes = extract(Article(id=article.id, body=body, date=article.date))
            except Exception:
                print(f"{article.id} ({name}): extract raised", file=sys.stderr)
                raise
            seconds = time.perf_counter() - start
            if seconds > 0.5:
                slow.append(f"{article.id} ({name}) {seconds:.2f}s")
            for quote in quotes:
                if not 0 <= quote.start <= quote.end <= len(body):
                    raise SystemExit(f"{article.id} ({name}): offsets {quote.start}-{quote.end}")
            runs += 1
    print(f"{runs} runs over {len(articles)} articles in {time.perf_counter() - began:.1f} s")
    print(f"slower than 0.5 s: {len(slow)}" + "".join(f"\n  {s}" for s in slow[:10]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
