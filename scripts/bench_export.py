"""Time every export format on synthetic records and write the table into docs/benchmarks.md.

    python scripts/bench_export.py [--records 10000] [--formats apa,ris] [--no-write]

The records are made up here (seeded, so every run exports the same text) with the contract's
fields, long and short quotes, bylines or none, particles and non-ASCII names, some without
dates or URLs. The table replaces the ``## Export`` section of docs/benchmarks.md and leaves the
other sections as they are.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import resource
import subprocess
import time
from pathlib import Path

from onrecord.citations import engine, resolve_style
from onrecord.export import FORMATS, export

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
FIRST = ["Lori", "Miguel", "Jan", "Alison", "Jake", "Carrene", "Ana", "Zoë", "Chinedu", "Mei"]
LAST = ["Lightfoot", "del Valle", "Łukasiewicz", "Eichhorn", "Myers", "Beverly-Bass",
        "van der Berg", "O'Neill", "Nguyễn", "Okafor"]
ROLES = ["Mayor", "Board of Education President", "teacher", "spokeswoman", None]
OUTLETS = ["CBS 2 Chicago", "WLS-TV (ABC7 Chicago)", "Chicago Tribune", "WBEZ", "Sun-Times"]
WORDS = ["the", "union", "said", "there", "is", "no", "more", "money", "on", "the", "table", "&",
         "we", "need", "100%", "of", "{it}", '"really"', "now", "strike", "teachers", "mayor",
         "city", "budget", "class", "size", "<b>", "_x_"]


def synthetic_records(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for i in range(count):
        year = rng.randint(2015, 2024)
        published = rng.choice([f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                f"{year}", None])
        speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() > 0.05 else None
        text = " ".join(rng.choice(WORDS) for _ in range(rng.choice([8, 25, 60, 400])))
        records.append({
            "id": f"{i:012x}", "text": text.capitalize() + ".",
            "kind": "direct" if rng.random() > 0.2 else "indirect",
            "speaker": speaker, "speaker_kind": "person", "role": rng.choice(ROLES),
            "article": f"art{i // 5}", "title": " ".join(rng.choice(WORDS) for _ in range(10)),
            "source": rng.choice(OUTLETS),
            "author": rng.choice([None, f"{rng.choice(FIRST)} {rng.choice(LAST)}"]),
            "url": rng.choice([None, f"https://news.example.org/{i}?a=1&b=%20x"]),
            "published": published, "date": published, "topics": ["strike"],
            "start": 0, "end": len(text), "confidence": 0.9, "occurrences": 1,
        })
    return records


def runs(formats: list[str]) -> list[tuple[str, str, dict]]:
    """(label, format, options) for each timed export."""
    plan = []
    for name in formats:
        if name == "csl":
            path = str(resolve_style("chicago-author-date").path)
            plan.append(("csl (a .csl file)", name, {"style": path}))
        elif FORMATS[name].outputs:
            plan.append((name, name, {}))
            if name == "apa":
                plan += [("apa --output html", name, {"output": "html"}),
                         ("apa --output markdown", name, {"output": "markdown"})]
        else:
            plan.append((name, name, {}))
    return plan


def pandoc_version() -> str:
    try:
        out = subprocess.run([engine.find_pandoc(), "--version"], capture_output=True, text=True)
        return out.stdout.splitlines()[0]
    except (engine.CitationEngineError, OSError, IndexError):
        return "pandoc not found"


def write_section(table: str) -> None:
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    section = f"## Export\n\n{table}"
    pattern = re.compile(r"^## Export\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    BENCHMARKS.parent.mkdir(exist_ok=True)
    BENCHMARKS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args()
    records = synthetic_records(args.records)
    accessed = dt.date(2026, 1, 1)
    rows = []
    for label, name, options in runs(args.formats.split(",")):
        cpu_start, start = _cpu(), time.perf_counter()
        out = export(records, name, accessed=accessed, **options)
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu_start
        rows.append((label, seconds, cpu, len(out.encode("utf-8"))))
        print(f"{label:24} {seconds:8.2f} s wall {cpu:8.2f} s CPU {len(out) / 1e6:6.1f} MB",
              flush=True)
    table = (
        f"`python scripts/bench_export.py --records {args.records}` on {dt.date.today()}: "
        f"{args.records:,} synthetic records, one call of `export()` each; "
        f"{platform.python_implementation()} {platform.python_version()}, {pandoc_version()}, "
        f"{platform.machine()} with {_cores()} cores shared with other jobs (load average "
        f"{os.getloadavg()[0]:.1f} at the end), so wall time depends on the load; CPU time "
        "(Python plus the pandoc subprocess) is the steadier figure.\n\n"
        "| format | wall s | CPU s | records/s (CPU) | output MB |\n"
        "| --- | ---: | ---: | ---: | ---: |\n"
        + "".join(
            f"| {label} | {s:.2f} | {cpu:.2f} | {args.records / max(cpu, 1e-9):,.0f} "
            f"| {size / 1e6:.1f} |\n"
            for label, s, cpu, size in rows
        )
    )
    if not args.no_write:
        write_section(table)
        print(f"wrote {BENCHMARKS.relative_to(ROOT)}")


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (pandoc)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _cores() -> int:
    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
