"""Ingest a large synthetic archive made of real news paragraphs: time, peak memory, size.

    python scripts/bench_scale.py --articles 100000 [--workers 2] [--keep DIR]

Synthetic articles are made from the paragraphs of the PolNeAR train and dev articles in
../shared (real sentences, real quotes and attributions): each takes 6-18 paragraphs drawn at
random (seeded) from all articles, a title, a date in 2014-2018 and one of the corpus's
outlets, and is written as Markdown with front matter, 1,000 files per folder. Then
``onrecord ingest`` runs in a child process, whose wall time, CPU time and peak memory
(largest resident set among it and its worker processes) are reported with the index's size
on disk, followed by a re-ingest of the unchanged archive and one after changing one file.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
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


def run_ingest(archive: Path, index: Path, workers: int) -> tuple[float, float, float, str]:
    """Wall s, CPU s (child and its workers), peak RSS MB, last output lines."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [
        str(Path(sys.executable).parent / "onrecord"), "ingest", str(archive),
        "--index", str(index), "--workers", str(workers),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        raise SystemExit(f"ingest failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return wall, used, after.ru_maxrss / 1024, " / ".join(lines[:2])


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
    wall, used, peak, said = run_ingest(archive, index, args.workers)
    print(
        f"full ingest, --workers {args.workers}: {wall:.0f} s wall, {used:.0f} s CPU, "
        f"{args.articles / wall:.0f} articles/s, peak RSS {peak:.0f} MB, "
        f"index {size_mb(index):.0f} MB; {said}",
        flush=True,
    )
    print(f"load: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    wall, used, _, said = run_ingest(archive, index, args.workers)
    print(f"re-ingest, nothing changed: {wall:.2f} s wall, {used:.2f} s CPU; {said}", flush=True)
    first = next(iter(sorted((archive / "batch-0000").iterdir())))
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    wall, used, _, said = run_ingest(archive, index, args.workers)
    print(f"re-ingest, one file changed: {wall:.1f} s wall, {used:.1f} s CPU; {said}", flush=True)
    print(f"load after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
