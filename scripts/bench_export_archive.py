"""Time every export format over a real archive's selections, and fingerprint each output.

    python scripts/bench_export_archive.py --index /tmp/ew-idx [--repeat 2] [--web]
        [--selections speaker,search,all] [--formats chicago,apa] [--save before.json]
        [--compare before.json]

Selections: ``speaker`` (every statement of the most quoted speaker, oldest first, as the
speaker page's export), ``search`` (``money``, best match first, as the search page's export),
``all`` (the whole archive). Each export is timed as wall seconds and CPU seconds of this
process plus its children (pandoc), ``--repeat`` times, each time with nothing remembered from
an earlier export (as the CLI, a new process each time); the sha256 of each output is written
with ``--save`` and checked against an earlier run with ``--compare``, so a speed-up can be
shown to leave every byte as it was. ``--web`` times the same downloads through the Flask test
client (server time, no network): the first request, then the same again, when the server
remembers the notes it rendered. The access date is fixed, so runs on different days agree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from onrecord.citations import formatted
from onrecord.export import FORMATS, export
from onrecord.index import current_generation
from onrecord.search import SearchRequest, all_records

ACCESSED = dt.date(2026, 12, 6)
FORMATTED_OUTPUTS = {"apa": ("html", "markdown")}  # extra outputs timed for one style


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def most_quoted(generation) -> str:
    from onrecord.views.queries import list_speakers

    return list_speakers(generation)[0].id


def selections(generation, wanted: list[str]) -> dict[str, tuple[SearchRequest, dict]]:
    """name -> (the request, the web parameters that ask for it)."""
    speaker = most_quoted(generation)
    plan = {
        "speaker": (SearchRequest(speakers=[speaker], sort="date"),
                    {"speaker": speaker, "sort": "date"}),
        "search": (SearchRequest(q="money"), {"q": "money"}),
        "all": (SearchRequest(), {}),
    }
    return {name: plan[name] for name in wanted}


def runs(formats: list[str]) -> list[tuple[str, str, dict]]:
    plan = []
    for fmt in formats:
        if fmt == "csl":
            plan.append(("csl style=chicago-author-date", fmt,
                         {"style": "chicago-author-date"}))
            continue
        plan.append((fmt, fmt, {}))
        for output in FORMATTED_OUTPUTS.get(fmt, ()):
            plan.append((f"{fmt} output={output}", fmt, {"output": output}))
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--selections", default="speaker,search,all")
    parser.add_argument("--formats", default=",".join(f for f in FORMATS if f != "opensearch"))
    parser.add_argument("--save", type=Path, help="write the outputs' sha256 here (JSON)")
    parser.add_argument("--compare", type=Path, help="check the outputs against a --save file")
    parser.add_argument("--web", action="store_true", help="also time the web downloads")
    args = parser.parse_args()

    generation = current_generation(args.index)
    chosen = selections(generation, args.selections.split(","))
    plan = runs(args.formats.split(","))
    expected = json.loads(args.compare.read_text()) if args.compare else {}
    digests: dict[str, str] = {}
    differ = 0
    print(f"# load average {os.getloadavg()[0]:.1f}; repeat {args.repeat}", flush=True)
    print("| selection | records | format | wall s | CPU s | web s (first / again) | same bytes |")
    print("|---|---:|---|---:|---:|---:|---|")
    client = None
    if args.web:
        from onrecord.webapp import create_app

        client = create_app({"INDEX_DIR": str(args.index), "TESTING": True}).test_client()
    for name, (request, params) in chosen.items():
        records = all_records(generation, request)
        for label, fmt, options in plan:
            walls, cpus = [], []
            for _ in range(args.repeat):
                forget()
                start, start_cpu = time.perf_counter(), cpu()
                text = export(records, fmt, accessed=ACCESSED, **options)
                walls.append(time.perf_counter() - start)
                cpus.append(cpu() - start_cpu)
            key = f"{name}/{label}"
            digests[key] = hashlib.sha256(text.encode("utf-8")).hexdigest()
            same = ""
            if key in expected:
                same = "yes" if expected[key] == digests[key] else "NO"
                differ += same == "NO"
            web = ""
            if client is not None:
                query = urlencode({**params, **options}, doseq=True)
                forget()
                times = []
                for _ in range(2):  # the first request, then the same again
                    start = time.perf_counter()
                    response = client.get(f"/export.{fmt}?{query}")
                    times.append(f"{time.perf_counter() - start:.2f}")
                    if response.status_code != 200:
                        times[-1] += f" ({response.status_code})"
                web = " / ".join(times)
            print(f"| {name} | {len(records):,} | {label} | {_spread(walls)} | {_spread(cpus)}"
                  f" | {web} | {same} |", flush=True)
    if args.save:
        args.save.write_text(json.dumps(digests, indent=1, sort_keys=True))
    if differ:
        sys.exit(f"{differ} outputs differ from {args.compare}")


def forget() -> None:
    """Nothing remembered from earlier exports (notes rendered before), if this version has it."""
    notes = getattr(formatted, "NOTES", None)
    if notes is not None:
        notes.clear()


def _spread(values: list[float]) -> str:
    """The median, and the range when there are several runs."""
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


if __name__ == "__main__":
    main()
