"""Count the instructions ``onrecord extract`` and a one-worker ingest take, free of load.

    python scripts/bench_instructions.py [ARCHIVE] [--every 8] [--modes imports extract ...]

On a machine shared with other jobs, wall and even CPU time swing by a fifth run to run;
instruction counts do not. Each mode runs in a fresh interpreter under valgrind
(``--tool=cachegrind --cache-sim=no``) on a fixed subset of ARCHIVE (every ``--every``-th
article file, copied to a temporary folder): ``imports`` only imports onrecord and loads the
topic taxonomy; ``yardstick`` is ``bench_ingest.py``'s floor (read, split into sentences and
words); ``extract`` is ``extract_paths`` plus the records as JSON lines; ``ingest`` a fresh
one-worker ingest; ``per-article`` reads every file through the per-article stage as
ingest's workers do, and ``archive-stage`` adds the serial whole-archive stage and the
speaker registry file (the difference of the two is what ``--workers N`` cannot spread).
The table gives each count, and each minus ``imports`` (start-up subtracted). Run it with
``PYTHONPATH`` set to a frozen copy of the package to compare code before and after.
Valgrind runs Python about fifty times slower: a few minutes per mode.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import DEFAULT  # noqa: E402

CHILD = """
import json, sys, tempfile
from pathlib import Path
mode, archive = sys.argv[1], Path(sys.argv[2])
sys.path.insert(0, {scripts!r})
from onrecord.ingest import discover, extract_paths, ingest
from onrecord.topics import load_taxonomy
load_taxonomy(archive)
if mode == "yardstick":
    from bench_ingest import yardstick
    yardstick(discover(archive)[0])
elif mode == "extract":
    quotes = extract_paths([archive])[0]
    "".join(json.dumps(q.to_dict(), ensure_ascii=False) + "\\n" for q in quotes)
elif mode in ("per-article", "archive-stage"):
    from onrecord.ingest import _archive_stage, read_changed
    from onrecord.pipeline import few_full_collections
    from onrecord.speakers import save_registry
    with few_full_collections(), tempfile.TemporaryDirectory() as tmp:
        reading = read_changed(archive)
        if mode == "archive-stage":
            result = _archive_stage(reading, archive)
            save_registry(result.registry, Path(tmp) / "speakers.json")
elif mode == "ingest":
    with tempfile.TemporaryDirectory() as tmp:
        ingest(archive, Path(tmp) / "index", workers=1)
"""


def count(mode: str, archive: Path) -> int:
    """Instructions of one fresh interpreter running ``mode`` over ``archive``."""
    code = CHILD.format(scripts=str(Path(__file__).resolve().parent))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cachegrind.out"
        done = subprocess.run(
            [
                "valgrind", "--tool=cachegrind", "--cache-sim=no",
                f"--cachegrind-out-file={out}",
                sys.executable, "-c", code, mode, str(archive),
            ],
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},  # the same set and dict orders each run
            cwd=tmp,  # not the checkout: ``-c`` puts the working folder before PYTHONPATH
        )  # fmt: skip
    match = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if match is None:
        raise SystemExit(f"no instruction count from valgrind:\n{done.stderr[-2000:]}")
    return int(match.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--every", type=int, default=8, help="take every N-th article file")
    parser.add_argument(
        "--modes", nargs="+", default=["imports", "yardstick", "extract", "ingest"],
        choices=["imports", "yardstick", "extract", "ingest", "per-article", "archive-stage"],
    )  # fmt: skip
    args = parser.parse_args()
    from onrecord.ingest import discover

    files = discover(args.archive)[0][:: args.every]
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "articles"
        for path in files:
            target = subset / path.relative_to(args.archive)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            sidecar = path.with_name(path.stem + ".meta.json")
            if sidecar.is_file():
                shutil.copyfile(sidecar, target.with_name(sidecar.name))
        counts = {m: count(m, subset) for m in dict.fromkeys(["imports", *args.modes])}
    base = counts["imports"]
    print(f"{len(files)} articles (every {args.every}th of {args.archive})")
    print("| mode | instructions | minus imports | × yardstick |")
    print("|---|---:|---:|---:|")
    yard = counts.get("yardstick", 0) - base
    for mode, value in counts.items():
        net = value - base
        ratio = f"{net / yard:.1f}" if yard > 0 and mode != "imports" else ""
        print(f"| {mode} | {value / 1e9:.3f} × 10⁹ | {net / 1e9:.3f} × 10⁹ | {ratio} |")


if __name__ == "__main__":
    main()
