"""Build a frozen copy of onrecord with its hot modules compiled by Cython, to measure them.

    python scripts/build_compiled.py OUT [--modules GLOB ...] [-X directive=value ...]
    PYTHONPATH=OUT python scripts/bench_instructions.py      # the compiled copy
    python scripts/bench_instructions.py                     # the source as it is

Copies ``onrecord/`` to ``OUT/onrecord`` and compiles the chosen modules there as they are
(Cython 3's pure-Python mode: no ``.pyx``, no source edits) with gcc, each extension beside
its ``.py`` in the copy, where Python's import system prefers it. The copy is frozen, so its
extensions can never be stale; the checkout itself is left untouched. Needs Cython
(``pip install -e '.[compile]'``), a C compiler and Python's headers. Round 4 of
``docs/benchmarks.md`` ("compiled") has what it measured: too little to ship a build step.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
# The per-article and archive-stage code, reading and the index writer: what a profile of
# `onrecord extract` and `ingest` spends its Python time in.
MODULES = [
    "onrecord/attribution/*.py",
    "onrecord/speakers/*.py",
    "onrecord/topics/*.py",
    "onrecord/readers/*.py",
    "onrecord/records.py",
    "onrecord/pipeline.py",
    "onrecord/whoosh_fast.py",
    "onrecord/index.py",
    "onrecord/ingest.py",
]
# Annotations stay documentation, not C types: with annotation_typing a `list[str]` parameter
# given a tuple raises TypeError, so the compiled code would not keep Python's semantics.
DIRECTIVES = ["language_level=3", "annotation_typing=False", "binding=True"]
CFLAGS = ["-O2", "-fno-strict-aliasing", "-DNDEBUG"]


def compiler() -> list[str]:
    return shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")


def build_one(source: Path, package_root: Path, directives: list[str]) -> tuple[str, str | None]:
    """Cython, then the C compiler, for one module of the copy: (name, error or None)."""
    name = ".".join(source.relative_to(package_root).with_suffix("").parts)
    c_file = source.with_suffix(".c")
    cython = [sys.executable, "-m", "cython", "--module-name", name, "-o", str(c_file)]
    for directive in directives:
        cython += ["-X", directive]
    done = subprocess.run([*cython, str(source)], capture_output=True, text=True)
    if done.returncode == 0:
        include = sysconfig.get_paths()["include"]
        target = source.with_name(source.stem + SUFFIX)
        cc = [*compiler(), "-shared", "-fPIC", *CFLAGS, f"-I{include}", str(c_file)]
        cc += ["-o", str(target)]
        done = subprocess.run(cc, capture_output=True, text=True)
    if done.returncode != 0:
        return name, (done.stderr or done.stdout).strip()[-2000:]
    return name, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the compiled copy (replaced)")
    parser.add_argument("--modules", nargs="+", default=MODULES, help="globs under the checkout")
    parser.add_argument("-X", dest="directives", action="append", default=[],
                        help="a Cython directive, added to the defaults")  # fmt: skip
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    copy = args.out / "onrecord"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(ROOT / "onrecord", copy, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    sources = sorted(
        {args.out / p.relative_to(ROOT) for g in args.modules for p in ROOT.glob(g)}
        - {copy / "topics" / "__main__.py"},
        key=lambda p: -p.stat().st_size,  # largest first, so the long ones do not start last
    )
    sources = [s for s in sources if s.name != "__init__.py"]
    start = time.perf_counter()
    cpu = os.times()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        directives = DIRECTIVES + args.directives
        done = list(pool.map(lambda s: build_one(s, args.out, directives), sources))
    cpu_after = os.times()
    failed = [(name, error) for name, error in done if error]
    for name, error in failed:
        print(f"not compiled: {name}\n{error}", file=sys.stderr)
    used = (cpu_after.children_user + cpu_after.children_system) - (
        cpu.children_user + cpu.children_system
    )
    print(
        f"{len(sources) - len(failed)} of {len(sources)} modules compiled into {copy} in "
        f"{time.perf_counter() - start:.0f} s wall, {used:.0f} CPU s (Cython and gcc)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
