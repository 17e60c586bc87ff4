#!/usr/bin/env python3
"""Time :func:`onrecord.attribution.extract` over a folder of articles, in one process.

    scripts/bench_attribution.py [DIR ...] [--repeat N] [--limit N]

DIR holds ``*.md`` articles with front matter or ``*.txt`` bodies, searched recursively
(default: the PolNeAR dev and train articles under ``../shared/corpora/polnear``). Reports
articles/s and words/s for the best of N passes, measured in CPU time of this process so other
jobs on a shared machine disturb it less.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from evaluate import read_markdown  # noqa: E402

from onrecord.attribution import extract  # noqa: E402
from onrecord.records import Article  # noqa: E402

DEFAULT = [
    REPO.parent / "shared" / "corpora" / "polnear" / split / "articles"
    for split in ("dev", "train")
]


def load(dirs: list[Path]) -> list[Article]:
    articles = []
    for folder in dirs:
        for path in sorted(folder.rglob("*")):
            if path.suffix == ".md":
                articles.append(read_markdown(path))
            elif path.suffix == ".txt":
                articles.append(Article(id=path.stem, body=path.read_text(encoding="utf-8")))
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    args = parser.parse_args(argv)
    articles = load(args.dirs or DEFAULT)
    if args.limit:
        articles = articles[: args.limit]
    if not articles:
        parser.error("no articles found")
    extract(articles[0])  # load lexicons and compile patterns outside the timing
    words = sum(len(a.body.split()) for a in articles)
    best = float("inf")
    for _ in range(args.repeat):
        began = time.process_time()
        for article in articles:
            extract(article)
        best = min(best, time.process_time() - began)
    print(f"{len(articles)} articles, {words / len(articles):.0f} words each on average")
    print(
        f"best of {args.repeat}: {best:.2f} s CPU, {len(articles) / best:.0f} articles/s, "
        f"{words / best:,.0f} words/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
