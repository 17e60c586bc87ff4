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

Timing is CPU time of this process per round (the machine is shared, so wall time is noisy);
the first round pays for imports and is reported apart.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def read_all(pages: Path) -> tuple[dict[str, str], float, list[str]]:
    """Each page's body by stem, the CPU seconds taken, and the pages that failed (why)."""
    from onrecord.readers import ReadError, read_article

    bodies: dict[str, str] = {}
    failures: list[str] = []
    started = time.process_time()
    for path in sorted(pages.glob("*.htm*")):
        try:
            bodies[path.stem] = read_article(path, pages).body
        except ReadError as exc:
            failures.append(f"{path.name}: {exc.reason}")
    return bodies, time.process_time() - started, failures


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
    args = parser.parse_args()

    import onrecord.readers.html as html_reader

    print(f"reader: {html_reader.__file__}")
    bodies, first, failures = read_all(args.pages / "pages")
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


if __name__ == "__main__":
    main()
