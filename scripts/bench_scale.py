"""Ingest a large synthetic archive made of real news paragraphs: time, peak memory, size.

    python scripts/bench_scale.py --articles 100000 [--workers 2] [--keep DIR]

Synthetic articles are made from the paragraphs of the PolNeAR train and dev articles in
../shared (real sentences, real quotes and attributions): each takes 6-18 paragraphs drawn at
random (seeded) from all articles, a title, a date in 2014-2018 and one of the corpus's
outlets, and is written as Markdown with front matter, 1,000 files per folder. Then
``onrecord ingest`` runs in a child process, whose wall time, CPU time and peak memory
(the largest sum of proportional set sizes over it and its worker processes, and the
largest resident set of any one) are reported with the index's size
on disk, followed by a re-ingest of the unchanged archive and two after changing one file (a
line without a statement added; then a paragraph at the top, which moves its statements).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared/corpora/polnear"


def paragraphs_and_sources() -> tuple[list[str], list[str]]:
    from onrecord.readers.metadata import split_front_matter

    paragraphs: list[str] = []
    sources: set[str] = set()
    for split in ("train", "dev"):
        for path in sorted((SHARED / split / "articles").glob("*.md")):
            meta, body = split_front_matter(path.read_text(encoding="utf-8"))
            if meta.get("source"):
                sources.add(meta["source"])
            # Whole blocks of prose only: no embedded HTML, nothing too short to hold a quote.
            for block in body.split("\n\n"):
                block = block.strip()
                if len(block) > 60 and "<" not in block:
                    paragraphs.append(block)
    return paragraphs, sorted(sources)


def make_archive(root: Path, count: int, seed: int = 18) -> int:
    """Write ``count`` synthetic articles under ``root``; returns the bytes written."""
    paragraphs, sources = paragraphs_and_sources()
    rng = random.Random(seed)
    written = 0
    for n in range(count):
        folder = root / f"batch-{n // 1000:04d}"
        if n % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        chosen = rng.sample(paragraphs, rng.randint(6, 18))
        title = " ".join(chosen[0].split()[:9]).strip("\u201c\u201d\"',.")
        date = f"{rng.randint(2014, 2018)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = (
            f'---\ntitle: "{title.replace(chr(34), chr(39))}"\ndate: {date}\n'
            f'source: "{rng.choice(sources)}"\n---\n\n' + "\n\n".join(chosen) + "\n"
        )
        path = folder / f"article-{n:06d}.md"
        path.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
    return written


class MemoryWatch:
    """Samples a process tree's memory twice a second (Linux ``/proc``): the largest resident
    set of any one process, and the largest sum of proportional set sizes (PSS: pages shared
    between a parent and its forked children counted once, split between them), which is what
    the ingest really takes from the machine. A forked child's RSS counts every parent page it
    maps, so RSS alone double-counts."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_rss = self.peak_pss = 0  # kB
        self.peak_processes = 0
        self.trace: list[tuple[float, int, int]] = []  # (seconds, processes, PSS kB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        pids, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                with contextlib.suppress(OSError):
                    todo.extend(int(c) for c in task.read_text().split())
        return pids

    def _run(self) -> None:
        started = time.perf_counter()
        while not self._stop.wait(0.5):
            total = 0
            pids = self._tree()
            for pid in pids:
                with contextlib.suppress(OSError):
                    fields = dict(
                        line.split(":", 1)
                        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                        if ":" in line
                    )
                    rss, pss = (int(fields[k].split()[0]) for k in ("Rss", "Pss"))
                    self.peak_rss = max(self.peak_rss, rss)
                    total += pss
            if total > self.peak_pss:
                self.peak_pss, self.peak_processes = total, len(pids)
            self.trace.append((time.perf_counter() - started, len(pids), total))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_ingest(archive: Path, index: Path, workers: int) -> dict[str, float | str]:
    """Wall s, CPU s (child and its workers), peak memory (:class:`MemoryWatch`, and the
    largest ``ru_maxrss`` of any process), the first output lines."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [
        str(Path(sys.executable).parent / "onrecord"), "ingest", str(archive),
        "--index", str(index), "--workers", str(workers),
    ]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = MemoryWatch(child.pid)
    out, err = child.communicate()
    watch.stop()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode:
        raise SystemExit(f"ingest failed:\n{out}\n{err[-3000:]}")
    lines = [line for line in out.splitlines() if line.strip()]
    return {
        "wall": wall, "cpu": used, "maxrss": after.ru_maxrss / 1024,
        "rss": watch.peak_rss / 1024, "pss": watch.peak_pss / 1024,
        "processes": watch.peak_processes, "said": " / ".join(lines[:2]),
    }


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write the archive and index here")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="onrecord-scale-"))
    archive, index = base / "archive", base / "index"
    print(f"load before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    if not archive.is_dir():
        started = time.perf_counter()
        written = make_archive(archive, args.articles)
        print(
            f"archive: {args.articles:,} articles, {written / 1e6:.0f} MB of Markdown, "
            f"made in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    shutil.rmtree(index, ignore_errors=True)
    run = run_ingest(archive, index, args.workers)
    print(
        f"full ingest, --workers {args.workers}: {run['wall']:.0f} s wall, {run['cpu']:.0f} s "
        f"CPU, {args.articles / run['wall']:.0f} articles/s, peak memory of all processes "
        f"{run['pss']:.0f} MB (PSS, {run['processes']} processes then), largest process RSS "
        f"{run['rss']:.0f} MB (ru_maxrss {run['maxrss']:.0f} MB), index {size_mb(index):.0f} MB; "
        f"{run['said']}",
        flush=True,
    )
    print(f"load: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    run = run_ingest(archive, index, args.workers)
    print(
        f"re-ingest, nothing changed: {run['wall']:.2f} s wall, {run['cpu']:.2f} s CPU; "
        f"{run['said']}",
        flush=True,
    )
    first = next(iter(sorted((archive / "batch-0000").iterdir())))
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    run = run_ingest(archive, index, args.workers)
    print(
        f"re-ingest, one file changed (a line without a statement added): {run['wall']:.1f} s "
        f"wall, {run['cpu']:.1f} s CPU, peak memory {run['pss']:.0f} MB (PSS); {run['said']}",
        flush=True,
    )
    # A paragraph at the top moves every statement of the article: its records change, so the
    # whole-archive stage runs again.
    head, _, body = first.read_text(encoding="utf-8").partition("---\n\n")
    first.write_text(head + "---\n\nOfficials met on Monday.\n\n" + body, encoding="utf-8")
    run = run_ingest(archive, index, args.workers)
    print(
        f"re-ingest, one file changed (its statements moved): {run['wall']:.1f} s wall, "
        f"{run['cpu']:.1f} s CPU, peak memory {run['pss']:.0f} MB (PSS); {run['said']}",
        flush=True,
    )
    print(f"load after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
