"""Time a whole ingest, stage by stage, against a yardstick measured in the same run.

    python scripts/bench_ingest.py [ARCHIVE] [--repeat 3] [--workers 1 2] [--profile OUT]

ARCHIVE defaults to the PolNeAR train articles in ../shared. The yardstick is the least any
ingest must do: read every file, decode it, split it into sentences and words (two regular
expressions). Then, each in the same process and taking turns so load bursts hit all alike:

- the stages of one ingest, timed separately (reading, attribution, topics, the whole-archive
  stage, the Whoosh index, the article store and the rest of the generation);
- ``onrecord extract`` of the same files (:func:`onrecord.ingest.extract_paths`);
- the whole ``ingest`` into a fresh index with each ``--workers`` count;
- re-ingesting the unchanged archive, and after changing one file.

Every figure is the best of ``--repeat`` runs, wall-clock and CPU (this process plus its
children), with the ratio to the yardstick; the load average is printed before and after
each run, because the machine is shared, with the commit, Python and core count, and a
summary against issue 18's targets (articles/s, × yardstick, ``--workers`` speed-up by wall
and by CPU). ``--profile OUT`` also writes a cProfile of one ingest.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared/corpora/polnear/train/articles"
_SENTENCE = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])")
_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")


def yardstick(paths: list[Path]) -> int:
    """Read, decode, split into sentences and words: the floor of any ingest."""
    words = 0
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        for sentence in _SENTENCE.split(text):
            words += len(_WORD.findall(sentence))
    return words


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(run: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, used = time.perf_counter(), cpu()
    result = run()
    return time.perf_counter() - wall, cpu() - used, result


def stages(archive: Path, tmp: Path) -> dict[str, tuple[float, float]]:
    """One ingest taken apart: the same calls ``ingest`` makes, each timed."""
    from onrecord import index as idx
    from onrecord.attribution import extract
    from onrecord.ingest import Reading, discover, fingerprint, manifest, seal
    from onrecord.pipeline import process_archive
    from onrecord.readers import read_article
    from onrecord.records import Quote
    from onrecord.topics import load_taxonomy

    out: dict[str, tuple[float, float]] = {}

    def stage(name: str, run: Callable[[], Any]) -> Any:
        wall, used, result = timed(run)
        out[name] = (wall, used)
        return result

    paths = stage(
        "discover + fingerprints", lambda: [(p, fingerprint(p)) for p in discover(archive)[0]]
    )
    articles = stage(
        "read files (decode, front matter, Markdown)",
        lambda: [read_article(p, archive) for p, _ in paths],
    )
    found = stage("attribution", lambda: [extract(a) for a in articles])
    taxonomy = load_taxonomy(archive)

    def tag() -> None:
        for quotes in found:
            for quote in quotes:
                quote.topics = taxonomy.tag(quote.text, quote.context)

    stage("topics", tag)
    dicts = stage(
        "records to dicts (per article)", lambda: [[q.to_dict() for q in qs] for qs in found]
    )
    entries = [
        idx.StoredArticle(a, f, d) for (_, f), a, d in zip(paths, articles, dicts, strict=True)
    ]
    quotes = stage(
        "dicts to records", lambda: [Quote.from_dict(q) for e in entries for q in e.records()]
    )
    result = stage(
        "whole-archive stage (speakers, statements)", lambda: process_archive(quotes, archive)
    )
    records = stage("records to dicts (archive)", lambda: [q.to_dict() for q in result.quotes])
    build = tmp / "stages"
    build.mkdir()
    stage("Whoosh index", lambda: idx.write_whoosh(build, records))
    stage("article store", lambda: idx.write_articles(build, entries))
    stage(
        "record digests",
        lambda: idx.write_record_digests(build, {r["id"]: idx.record_digest(r) for r in records}),
    )
    from onrecord.ingest import IngestReport

    stage(
        "manifest + registry",
        lambda: seal(build, manifest(IngestReport(), ""), result.registry, archive),
    )
    _ = Reading
    shutil.rmtree(build)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--skip-stages", action="store_true")
    args = parser.parse_args()

    from onrecord.ingest import discover, extract_paths, ingest

    archive = args.archive
    paths = discover(archive)[0]
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], capture_output=True, text=True,
        cwd=Path(__file__).parent,
    ).stdout.strip()
    print(
        f"archive: {archive} ({len(paths)} files)  cores: {os.cpu_count()}  commit: {commit}"
        f"  Python {platform.python_version()}"
    )
    print(f"load before: {load()}")
    best: dict[str, tuple[float, float]] = {}
    runs: dict[str, list[float]] = {}
    loads: list[float] = []

    def keep(name: str, wall: float, used: float) -> None:
        loads.append(os.getloadavg()[0])
        runs.setdefault(name, []).append(wall)
        if name not in best or wall < best[name][0]:
            best[name] = (wall, used)

    stage_best: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for turn in range(args.repeat):
            wall, used, _ = timed(lambda: yardstick(paths))
            keep("yardstick (read + split into sentences and words)", wall, used)
            wall, used, _ = timed(lambda: extract_paths([archive]))
            keep("onrecord extract", wall, used)
            for workers in args.workers:
                target = tmp / f"full-{workers}-{turn}"
                wall, used, report = timed(
                    lambda w=workers, t=target: ingest(archive, t, workers=w)
                )
                keep(f"ingest, fresh index, --workers {workers}", wall, used)
            index_dir = tmp / f"full-{args.workers[0]}-{turn}"
            wall, used, report = timed(lambda d=index_dir: ingest(archive, d))
            assert report.mode == "unchanged", report.mode
            keep("re-ingest, nothing changed", wall, used)
            changed = tmp / f"changed-{turn}"
            shutil.copytree(archive, changed)
            ingest(changed, index_dir / "x")
            first = sorted(changed.iterdir())[0]
            first.write_text(
                first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8"
            )
            wall, used, report = timed(lambda c=changed, d=index_dir: ingest(c, d / "x"))
            assert report.read == 1, report.read
            keep("re-ingest, one file changed", wall, used)
            if not args.skip_stages:
                for name, (wall, used) in stages(archive, tmp).items():
                    if name not in stage_best or wall < stage_best[name][0]:
                        stage_best[name] = (wall, used)
        if args.profile:
            import cProfile

            cProfile.runctx(
                "ingest(archive, tmp / 'profiled')",
                globals(),
                {"ingest": ingest, "archive": archive, "tmp": tmp},
                str(args.profile),
            )

    base, base_cpu = best["yardstick (read + split into sentences and words)"]
    spread = f"{min(loads):.1f}-{max(loads):.1f}"
    print(f"load after: {load()}  (1-minute load after each run: {spread})")
    print()
    print(
        "| run | best wall s | its CPU s | articles/s (wall) | × yardstick (wall) "
        "| × yardstick (CPU) | all runs (wall s) |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, (wall, used) in best.items():
        all_runs = ", ".join(f"{r:.2f}" for r in runs[name])
        rate = len(paths) / wall
        print(
            f"| {name} | {wall:.2f} | {used:.2f} | {rate:,.0f} | {wall / base:.1f} "
            f"| {used / base_cpu:.1f} | {all_runs} |"
        )
    if stage_best:
        print()
        total = sum(w for w, _ in stage_best.values())
        total_cpu = sum(c for _, c in stage_best.values())
        print(
            "| stage of one ingest (1 process) | best wall s | CPU s | share of CPU "
            "| × yardstick (CPU) |"
        )
        print("|---|---:|---:|---:|---:|")
        for name, (wall, used) in stage_best.items():
            print(
                f"| {name} | {wall:.3f} | {used:.3f} | {used / total_cpu:.0%} "
                f"| {used / base_cpu:.1f} |"
            )
        print(f"| sum | {total:.2f} | {total_cpu:.2f} | | {total_cpu / base_cpu:.1f} |")
    summary(best, runs, len(paths), base, base_cpu, args.workers)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def summary(
    best: dict[str, tuple[float, float]],
    runs: dict[str, list[float]],
    articles: int,
    base: float,
    base_cpu: float,
    workers: list[int],
) -> None:
    """Issue 18's targets, from the best runs: 1 worker >= 150 articles/s and <= 30x the
    yardstick; the most workers >= 1.7x faster than 1 (wall; CPU seconds alongside)."""
    print()
    one = best.get("ingest, fresh index, --workers 1")
    if one:
        wall, used = one
        print(
            f"ingest, 1 worker: {articles / wall:.0f} articles/s wall ({articles / used:.0f} per"
            f" CPU s); {wall / base:.1f}x the yardstick by wall, {used / base_cpu:.1f}x by CPU"
            " (targets: >= 150 articles/s, <= 30x)"
        )
    for count in workers:
        key = f"ingest, fresh index, --workers {count}"
        if count == 1 or not one or key not in best:
            continue
        wall, used = best[key]
        walls_1, walls_n = runs["ingest, fresh index, --workers 1"], runs[key]
        pairs = ", ".join(f"{a / b:.2f}" for a, b in zip(walls_1, walls_n, strict=False))
        print(
            f"--workers {count}: {one[0] / wall:.2f}x faster than 1 by best wall (each turn: "
            f"{pairs}); CPU of all processes {used:.2f} s vs {one[1]:.2f} s (target: >= 1.7x)"
        )


if __name__ == "__main__":
    main()
