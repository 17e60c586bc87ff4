"""Time the article readers on degenerate input that parsers handle super-linearly.

Each case is written to a temporary file and read with :func:`onrecord.readers.read_article`
in a child process, so a case that stalls is stopped at ``--timeout`` and shown as ``>T s``.
The outcome column says whether the file was read normally, read with a warning (degraded),
or refused. The numbers are in docs/benchmarks.md ("Reading hostile files").

    python scripts/bench_readers.py                       # every case at 1k, 5k, 20k
    python scripts/bench_readers.py --sizes 1000 5000 --only brackets-open links-open
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

QUOTE = '"We will reopen the ward," said Ann Lee, the hospital director.\n\n'

# name -> (file suffix, the degenerate part for a given repeat count)
CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "brackets-open": (".md", lambda n: "[" * n + "x"),
    "brackets-nested": (".md", lambda n: "[" * n + "x" + "]" * n),
    "links-open": (".md", lambda n: "[a](" * n),
    "images-open": (".md", lambda n: "![a](" * n),
    "tags-open-md": (".md", lambda n: "<a " * n),
    "autolinks-open": (".md", lambda n: "<http://" * n),
    "hard-breaks": (".md", lambda n: "words  \n" * n),
    "setext-lines": (".md", lambda n: "x\n=\n" * n),
    "rules": (".md", lambda n: "* * *\n" * n),
    "emphasis-run": (".md", lambda n: "*" * n + "x" + "*" * n),
    "emphasis-mixed": (".md", lambda n: "*_" * n + "x" + "_*" * n),
    "blockquote-run": (".md", lambda n: ">" * n + " x"),
    "blockquote-stairs": (".md", lambda n: "".join(">" * i + " x\n\n" for i in range(n // 10))),
    "list-markers": (".md", lambda n: "- " * n + "x"),
    "table-rows": (".md", lambda n: "| a | b |\n|---|---|\n" + "| x | y |\n" * n),
    "plain-paragraphs": (".md", lambda n: QUOTE * n),
    "tags-open-html": (".html", lambda n: "<a " * n),
    "tags-quoted-html": (".html", lambda n: "<a b='" * n),
    "divs-nested-html": (".html", lambda n: "<div>" * n + "x" + "</div>" * n),
}

CHILD = """
import sys, time
from pathlib import Path
from onrecord.readers import ReadError, read_article
path = Path(sys.argv[1])
started = time.perf_counter()
try:
    article = read_article(path, path.parent)
    notes = getattr(article, "warnings", ())
    outcome = "warning: " + notes[0] if notes else "read"
except ReadError as exc:
    outcome = "refused: " + exc.reason
print(f"{time.perf_counter() - started:.3f}\\t{outcome}")
"""


def run_case(suffix: str, text: str, timeout: float) -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"case{suffix}"
        path.write_text(QUOTE + text, encoding="utf-8")
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f">{timeout:.0f}", "stopped"
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["?"])[-1]
            return f"{time.perf_counter() - started:.2f}", f"crashed: {last[:60]}"
        seconds, outcome = done.stdout.strip().split("\t", 1)
        return f"{float(seconds):.2f}", outcome[:70]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--only", nargs="+", choices=sorted(CASES), default=None)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case")
    args = parser.parse_args()
    print("| case | repeats | bytes | seconds | outcome |")
    print("|---|---:|---:|---:|---|")
    for name in args.only or CASES:
        suffix, make = CASES[name]
        for size in args.sizes:
            text = make(size)
            seconds, outcome = run_case(suffix, text, args.timeout)
            size_bytes = len((QUOTE + text).encode("utf-8"))
            print(f"| {name} | {size:,} | {size_bytes:,} | {seconds} | {outcome} |", flush=True)


if __name__ == "__main__":
    main()
