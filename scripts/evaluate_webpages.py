"""Score onrecord's HTML reader on real web pages, beside trafilatura, and time it.

Every ``pages/*.html`` of the set is read with :func:`onrecord.readers.read_article` (the whole
path ingest takes: decoding, main text, metadata), the bodies are written to ``--texts``, and
``score_bodies.py`` scores them against the set's must-contain / must-not-contain snippets;
``--baseline`` scores trafilatura's own ``extract()`` on the same pages in the same run. The
numbers are in docs/webpages.md.

    python scripts/evaluate_webpages.py                 # dev set, with the baseline
    python scripts/evaluate_webpages.py --repeat 5      # also time reading, 5 rounds
    PYTHONPATH=../main python scripts/evaluate_webpages.py --repeat 5 --no-score
        # the same timing for another checkout's reader (it must have read_article)
    valgrind --tool=cachegrind --cache-sim=no python scripts/evaluate_webpages.py --no-score
    valgrind --tool=cachegrind --cache-sim=no python scripts/evaluate_webpages.py --first-only
        # instructions: the difference of the two is the reading of 62 pages

Timing is CPU time of this process per round (the machine is shared, so wall time is noisy);
the first round pays for imports and is reported apart. Metadata: the set's annotations give
title, author and date for most pages; each is compared (case and spacing aside) with the
article onrecord reads and, with the baseline, with trafilatura's own ``extract_metadata``
(its default, extensive date search).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


META_FIELDS = ("title", "author", "date")


def read_all(pages: Path) -> tuple[dict[str, Any], float, list[str]]:
    """Each page's article by stem, the CPU seconds taken, and the pages that failed (why)."""
    from onrecord.readers import ReadError, read_article

    articles: dict[str, Any] = {}
    failures: list[str] = []
    started = time.process_time()
    for path in sorted(pages.glob("*.htm*")):
        try:
            articles[path.stem] = read_article(path, pages)
        except ReadError as exc:
            failures.append(f"{path.name}: {exc.reason}")
    return articles, time.process_time() - started, failures


def _same(found: str | None, gold: str | list[str]) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip().casefold()

    if isinstance(gold, list):  # several authors: any one of them will do
        return any(_same(found, one) for one in gold)
    return bool(found) and norm(found or "") == norm(gold)


def metadata_scores(gold: dict[str, Any], found: dict[str, dict[str, str | None]]) -> str:
    """``title 41/50 author 20/38 date 40/47``: exact matches over pages annotated."""
    parts = []
    for name in META_FIELDS:
        items = [(item["file"], item[name]) for item in gold.values() if item.get(name)]
        right = sum(_same(found.get(Path(f).stem, {}).get(name), value) for f, value in items)
        parts.append(f"{name} {right}/{len(items)}")
    return "  ".join(parts)


def trafilatura_metadata(pages: Path, gold: dict[str, Any]) -> dict[str, dict[str, str | None]]:
    from trafilatura.metadata import extract_metadata

    found = {}
    for item in gold.values():
        meta = extract_metadata((pages / item["file"]).read_text(errors="replace"))
        found[Path(item["file"]).stem] = {n: getattr(meta, n) for n in META_FIELDS}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=Path, default=SHARED / "corpora/webpages/dev")
    parser.add_argument("--texts", type=Path, help="keep the bodies here (default: a temp dir)")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval/score_bodies.py")
    parser.add_argument("--no-baseline", action="store_true", help="skip trafilatura's score")
    parser.add_argument("--no-score", action="store_true", help="only time the reader")
    parser.add_argument("--repeat", type=int, default=0, help="timing rounds after the first")
    parser.add_argument(
        "--first-only",
        action="store_true",
        help="read one page and stop: the baseline of an instruction count (docs/webpages.md)",
    )
    args = parser.parse_args()

    import onrecord.readers.html as html_reader

    print(f"reader: {html_reader.__file__}")
    if args.first_only:
        from onrecord.readers import read_article

        first_page = sorted((args.pages / "pages").glob("*.htm*"))[0]
        read_article(first_page, first_page.parent)
        return
    articles, first, failures = read_all(args.pages / "pages")
    bodies = {stem: article.body for stem, article in articles.items()}
    for failure in failures:
        print(f"failed: {failure}")
    print(f"pages {len(bodies)}; first round (with imports' first use) {first:.2f} s CPU")
    if args.repeat:
        rounds = [read_all(args.pages / "pages")[1] for _ in range(args.repeat)]
        per_page = [1000 * r / max(1, len(bodies)) for r in rounds]
        print(
            f"reading: median {statistics.median(per_page):.1f} ms CPU a page over "
            f"{len(rounds)} rounds (min {min(per_page):.1f}, max {max(per_page):.1f})"
        )
    if args.no_score:
        return
    with tempfile.TemporaryDirectory() as scratch:
        texts = args.texts or Path(scratch)
        texts.mkdir(parents=True, exist_ok=True)
        for stem, body in bodies.items():
            (texts / f"{stem}.txt").write_text(body, encoding="utf-8")
        command = [sys.executable, str(args.scorer), "--pages", str(args.pages)]
        command += ["--texts", str(texts)] + ([] if args.no_baseline else ["--baseline"])
        subprocess.run(command, check=True)
    gold = json.loads((args.pages / "evaldata.json").read_text(encoding="utf-8"))
    ours = {stem: {n: getattr(a, n) for n in META_FIELDS} for stem, a in articles.items()}
    print(f"metadata, exact matches: onrecord     {metadata_scores(gold, ours)}")
    if not args.no_baseline:
        theirs = trafilatura_metadata(args.pages / "pages", gold)
        print(f"metadata, exact matches: trafilatura  {metadata_scores(gold, theirs)}")


if __name__ == "__main__":
    main()
