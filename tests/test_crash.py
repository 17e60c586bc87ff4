"""Crash safety: ``onrecord ingest`` killed with SIGKILL at random moments never damages the index.

Each kill leaves the index as it was before that run (or, if the kill came after the
``CURRENT`` swap, complete at the new state); it always opens and agrees with its manifest,
and the next ingest completes.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onrecord import index as idx
from onrecord.search import SearchRequest, search
from tests.helpers import write

KILLS = 4


def write_articles(archive: Path, start: int, count: int) -> None:
    for n in range(start, start + count):
        write(
            archive / f"day{n % 7}" / f"story-{n:04d}.txt",
            f"\u201cThe depot on route {n} stays open,\u201d said Maria Lopez, a union steward.\n\n"
            f"Tom Okafor, the transit director, said the budget for line {n} was final.\n",
        )


def run_ingest(archive: Path, index_dir: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "onrecord.cli",
            "ingest",
            str(archive),
            "--index",
            str(index_dir),
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def state(index_dir: Path) -> tuple[str, int, int]:
    """(live generation, records found by search, records its manifest promises)."""
    generation = idx.current_generation(index_dir)
    total = search(generation, SearchRequest(per_page=1)).total
    return generation.name, total, generation.manifest()["quotes"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_ingest_killed_at_random_points_leaves_a_working_index(tmp_path: Path) -> None:
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    write_articles(archive, 0, 200)
    started = time.perf_counter()
    first = run_ingest(archive, index_dir)
    assert first.wait(timeout=300) == 0, first.stderr.read().decode() if first.stderr else ""
    duration = time.perf_counter() - started
    before = state(index_dir)
    assert before[1] == before[2] >= 200

    write_articles(archive, 200, 40)  # the killed runs would publish more records
    rng = random.Random()
    delays = sorted(rng.uniform(0.2, 1.1) * duration for _ in range(KILLS))
    outcomes = []
    for delay in delays:
        # --full: an incremental run would finish before most kills could land
        process = run_ingest(archive, index_dir, "--full")
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        name, total, promised = state(index_dir)
        assert total == promised, f"killed after {delay:.2f}s: {total} records, {promised} promised"
        if name == before[0]:
            assert total == before[1], f"killed after {delay:.2f}s: old index changed"
        else:
            assert total > before[1], f"killed after {delay:.2f}s: new index incomplete"
        outcomes.append((round(delay, 2), process.returncode, name == before[0]))
    assert any(code == -signal.SIGKILL for _, code, _ in outcomes), outcomes

    final = run_ingest(archive, index_dir)
    assert final.wait(timeout=300) == 0, final.stderr.read().decode() if final.stderr else ""
    name, total, promised = state(index_dir)
    assert total == promised > before[1]
    leftovers = [p.name for p in index_dir.iterdir() if p.name.startswith(".gen-")]
    assert leftovers == []  # abandoned builds of the killed runs are cleaned up
    generations = [p.name for p in index_dir.iterdir() if p.is_dir()]
    assert name in generations and len(generations) <= 2  # the live one and the one before
