"""Time reading + attribution with 1 and 2 (or more) workers; check the records are identical.

    python scripts/bench_parallel.py [ARCHIVE] [--workers 1 2] [--repeat 1]

ARCHIVE defaults to the PolNeAR train articles in ../shared. Prints one line per worker count
(wall seconds, articles per second, speed-up over the first) and the machine's load, because
on a shared machine the load decides how much a second process can help.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from onrecord.ingest import read_changed
from onrecord.pipeline import process_archive
from onrecord.records import Quote

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared/corpora/polnear/train/articles"


def run(archive: Path, workers: int, scheduler: str | None) -> tuple[float, str, int, int]:
    started = time.perf_counter()
    reading = read_changed(archive, workers=workers, scheduler=scheduler)
    seconds = time.perf_counter() - started
    quotes = [Quote.from_dict(q) for entry in reading.entries for q in entry.records()]
    records = [q.to_dict() for q in process_archive(quotes, archive).quotes]
    digest = str(hash(json.dumps(records, sort_keys=True)))
    return seconds, digest, len(reading.entries), len(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; best is kept")
    parser.add_argument("--scheduler", help="also time a Dask scheduler at this address")
    args = parser.parse_args()
    settings: list[tuple[str, int, str | None]] = [
        (f"{w} worker(s)", w, None) for w in args.workers
    ]
    if args.scheduler:
        settings.append((f"dask {args.scheduler}", 1, args.scheduler))
    print(f"archive: {args.archive}  cores: {os.cpu_count()}  load: {os.getloadavg()[0]:.1f}")
    # Settings take turns, so a burst of load from other processes hits each about equally;
    # the best run of each is the one least disturbed.
    times: dict[str, list[float]] = {label: [] for label, _, _ in settings}
    digests = set()
    for _ in range(args.repeat):
        for label, workers, scheduler in settings:
            seconds, digest, articles, records = run(args.archive, workers, scheduler)
            times[label].append(seconds)
            digests.add(digest)
    base = min(times[settings[0][0]])
    for label, _, _ in settings:
        best = min(times[label])
        runs = ", ".join(f"{t:.1f}" for t in times[label])
        print(
            f"{label:>14}: best {best:6.1f} s  {articles / best:6.1f} articles/s  "
            f"speed-up {base / best:4.2f}x  (runs: {runs} s; {articles} articles, "
            f"{records} records)"
        )
    print(f"load after: {os.getloadavg()[0]:.1f}")
    print("records identical across settings:", len(digests) == 1)


if __name__ == "__main__":
    main()
