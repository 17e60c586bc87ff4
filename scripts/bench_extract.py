"""Time ``onrecord extract`` stage by stage, against the yardstick of ``bench_ingest.py``.

    python scripts/bench_extract.py [ARCHIVE] [--repeat 3]

ARCHIVE defaults to the PolNeAR train articles in ../shared. Each turn times, in turn (so load
bursts hit all alike): the yardstick (read, decode, split into sentences and words), then in a
fresh process each, what one ``onrecord extract`` command does after its imports
(``extract_paths`` and the records as JSON lines), and the same work taken apart: reading,
the per-article stage (and attribution alone, so topics and names are the difference), the
records to dicts and back, the whole-archive stage (speakers,
statements) and the JSON lines out. A fresh process, because one-time loads (the topic
model, the given-name list) and the caches that fill as articles are read are part of what a
command pays: a second run in the same process is a second faster. Figures are CPU seconds
(best of ``--repeat`` and every run), with the ratio to the yardstick; the load average is
printed before and after, since the machine may be shared. Run it with ``PYTHONPATH`` set to
a frozen copy of the package to compare code before and after in the same window.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import DEFAULT, yardstick  # noqa: E402


def cpu_timed(run: Callable[[], Any]) -> tuple[float, Any]:
    used = time.process_time()
    result = run()
    return time.process_time() - used, result


def jsonl(quotes: list[Any]) -> str:
    """The records as ``onrecord extract`` prints them (JSON lines)."""
    return "".join(json.dumps(q.to_dict(), ensure_ascii=False) + "\n" for q in quotes)


def stages(archive: Path) -> dict[str, float]:
    """One ``extract_paths`` taken apart: the calls it makes, each timed (CPU s)."""
    from onrecord.attribution import extract
    from onrecord.ingest import discover
    from onrecord.pipeline import process_archive, process_article
    from onrecord.readers import read_article
    from onrecord.records import Quote
    from onrecord.topics import load_taxonomy

    out: dict[str, float] = {}

    def stage(name: str, run: Callable[[], Any]) -> Any:
        used, result = cpu_timed(run)
        out[name] = used
        return result

    paths = stage("discover", lambda: discover(archive)[0])
    articles = stage("read files", lambda: [read_article(p, archive) for p in paths])
    stage("attribution alone", lambda: [extract(a) for a in articles])
    stage("topics: load", lambda: load_taxonomy(archive))
    found = stage(
        "per-article stage (attribution, names, topics)",
        lambda: [process_article(a, archive) for a in articles],
    )
    dicts = stage(
        "records to dicts (per article)", lambda: [[q.to_dict() for q in qs] for qs in found]
    )
    quotes = stage("dicts to records", lambda: [Quote.from_dict(q) for qs in dicts for q in qs])
    result = stage("whole-archive stage (speakers, statements)", lambda: process_archive(quotes))
    stage("JSON lines out", lambda: jsonl(result.quotes))
    return out


def child(mode: str, archive: Path) -> None:
    """In a fresh process: the imports, then the work timed, as JSON on stdout."""
    from onrecord.ingest import extract_paths

    if mode == "extract":
        used, _ = cpu_timed(lambda: jsonl(extract_paths([archive])[0]))
        print(json.dumps({"onrecord extract (extract_paths + JSON lines)": used}))
    else:
        print(json.dumps(stages(archive)))


def fresh(mode: str, archive: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, str(archive), "--child", mode],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["extract", "stages"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.archive)
        return

    from onrecord.ingest import discover

    archive = args.archive
    paths = discover(archive)[0]
    print(f"archive: {archive} ({len(paths)} files)")
    print(f"load before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    runs: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        measured = {"yardstick": cpu_timed(lambda: yardstick(paths))[0]}
        measured.update(fresh("extract", archive))
        measured.update(fresh("stages", archive))
        for name, value in measured.items():
            runs.setdefault(name, []).append(value)
    print(f"load after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    base = min(runs["yardstick"])
    print()
    print("| stage (fresh process) | best CPU s | × yardstick | all runs (CPU s) |")
    print("|---|---:|---:|---|")
    for name, values in runs.items():
        spread = ", ".join(f"{v:.2f}" for v in values)
        print(f"| {name} | {min(values):.2f} | {min(values) / base:.1f} | {spread} |")


if __name__ == "__main__":
    main()
