"""Run pandoc's citeproc over a batch of citations: one subprocess for any number of records.

pandoc (GPL) is run as a separate program, never linked: the ``pypandoc-binary`` wheel ships
the binary, ``ONRECORD_PANDOC`` may point at another one (3.1.11 or newer, for ``pandoc lua``
with ``pandoc.json``). ``render.lua`` does the work inside pandoc and answers in JSON.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import secrets
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCRIPT = importlib.resources.files("onrecord.citations") / "render.lua"
OUTPUTS = {"text": "plain", "html": "html", "markdown": "commonmark"}


class CitationEngineError(RuntimeError):
    """pandoc is missing or failed; the message says what to do."""


def find_pandoc() -> str:
    """The pandoc binary: ``$ONRECORD_PANDOC``, pypandoc-binary's bundled copy, or the PATH's."""
    configured = os.environ.get("ONRECORD_PANDOC")
    if configured:
        if not Path(configured).is_file():
            raise CitationEngineError(f"ONRECORD_PANDOC={configured} is not a file")
        return configured
    bundled = _bundled_pandoc()
    if bundled:
        return bundled
    on_path = shutil.which("pandoc")
    if on_path:
        return on_path
    raise CitationEngineError(
        "formatted citation styles need pandoc, which was not found: "
        "pip install pypandoc-binary (or set ONRECORD_PANDOC to a pandoc 3.1.11+ binary); "
        "the biblatex, bibtex, ris, csl-json, csv and jsonl formats work without it"
    )


def _bundled_pandoc() -> str | None:
    """The binary inside the pypandoc-binary wheel, without importing pypandoc."""
    try:
        bundled = importlib.resources.files("pypandoc") / "files" / "pandoc"
    except ModuleNotFoundError:
        return None
    return str(bundled) if bundled.is_file() else None


# GHC runtime options for pandoc: a fixed 64 MB allocation area means far fewer garbage
# collections, each of which walks a large export's live data; without it one citeproc run over
# a whole export grows slower than linear (2,000 records: 4.7 s of CPU against 3.6 s with it).
# A pandoc built without -rtsopts warns and ignores it; a GHCRTS the user set is kept.
RTS_OPTIONS = "-A64m"


def _pandoc_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("GHCRTS", RTS_OPTIONS)
    return env


@dataclass(frozen=True)
class Job:
    """One style's rendering: the items (the reference list) and the cites, in export order."""

    items: list[dict[str, Any]]
    cites: list[dict[str, Any]]  # {"id": an item's id, "prefix": "Lori Lightfoot, quoted in"}
    style_xml: str
    output: str = "text"


def render(
    items: list[dict[str, Any]],
    cites: list[dict[str, Any]],
    style_xml: str,
    *,
    output: str = "text",
) -> list[dict[str, str]]:
    """Render each cite (``id`` of its item, ``prefix``) with the CSL style ``style_xml``.

    Returns one dict per cite, in order, with ``citation`` (the note or in-text citation) and
    ``reference`` (the bibliography entry), each written in ``output`` (``text``, ``html`` or
    ``markdown``).
    """
    return render_jobs([Job(items, cites, style_xml, output)])[0]


def render_jobs(jobs: list[Job]) -> list[list[dict[str, str]]]:
    """Render several styles' citations (one answer list per job), the jobs spread over up to
    :func:`processes` pandoc runs at once.

    Each job is its own citeproc document, so which run renders it changes nothing in its
    text; a large export split into documents (``formatted._batches``) then takes the wall
    time of its share, not of the whole.
    """
    for job in jobs:
        if job.output not in OUTPUTS:
            raise ValueError(f"unknown output {job.output!r}; choose one of: {', '.join(OUTPUTS)}")
    if not any(job.cites for job in jobs):
        return [[] for _ in jobs]
    pandoc = find_pandoc()
    groups = _spread([len(job.cites) for job in jobs], processes())
    if len(groups) == 1:
        return _run(pandoc, jobs)
    answers: list[list[dict[str, str]]] = [[] for _ in jobs]
    with ThreadPoolExecutor(len(groups)) as pool:  # each thread waits on its own pandoc
        done = pool.map(lambda group: _run(pandoc, [jobs[i] for i in group]), groups)
        for group, answer in zip(groups, done, strict=True):
            for index, part in zip(group, answer, strict=True):
                answers[index] = part
    return answers


# Below this many cites one pandoc run is quicker than starting several (each run costs
# about 0.05 s of CPU to start and read its style).
PARALLEL_CITES = 400


def processes() -> int:
    """How many pandoc runs an export may use at once: ``$ONRECORD_PANDOC_PROCESSES``, else
    the CPUs this process may use, at most 4 (each run may hold a few hundred MB)."""
    configured = os.environ.get("ONRECORD_PANDOC_PROCESSES", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                      else os.cpu_count() or 1))


def _spread(sizes: list[int], most: int) -> list[list[int]]:
    """Job indices in at most ``most`` groups of about equal cites (largest jobs first),
    each group in job order; one group for a small export."""
    count = min(most, len(sizes), max(1, sum(sizes) // PARALLEL_CITES))
    groups: list[list[int]] = [[] for _ in range(count)]
    loads = [0] * count
    for index in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        lightest = loads.index(min(loads))
        groups[lightest].append(index)
        loads[lightest] += sizes[index]
    return [sorted(group) for group in groups if group]


def _run(pandoc: str, jobs: list[Job]) -> list[list[dict[str, str]]]:
    """One ``pandoc lua`` run rendering ``jobs``."""
    with tempfile.TemporaryDirectory(prefix="onrecord-csl-") as tmp:
        request: dict[str, Any] = {
            # separates the parts in pandoc's output; random, so no record text can forge it
            "marker": f"ONRECORDPART{secrets.token_hex(8)}",
            "jobs": [],
        }
        for number, job in enumerate(jobs):
            csl = Path(tmp) / f"style{number}.csl"
            csl.write_text(job.style_xml, encoding="utf-8")
            request["jobs"].append({"items": job.items, "cites": job.cites, "csl": str(csl),
                                    "format": OUTPUTS[job.output]})
        with importlib.resources.as_file(SCRIPT) as script:
            try:
                done = subprocess.run(
                    [pandoc, "lua", str(script)],
                    input=json.dumps(request, ensure_ascii=False).encode("utf-8"),
                    capture_output=True,
                    check=False,
                    env=_pandoc_env(),
                )
            except OSError as error:
                raise CitationEngineError(f"could not run pandoc ({pandoc}): {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise CitationEngineError(
            f"pandoc ({pandoc}) failed to render citations (pandoc 3.1.11 or newer is needed; "
            f"pip install pypandoc-binary brings one): {message}"
        )
    return json.loads(done.stdout.decode("utf-8"))
