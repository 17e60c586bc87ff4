"""Executors: where per-item work runs (this process, local processes, a Dask cluster).

An executor knows nothing of articles: it is handed a module-level function that takes a
chunk of items and returns one result per item, runs it over chunks (small enough to balance,
large enough to amortise each task's overhead) and gives the results back in input order.
Ingest is given an executor and decides what runs on it (reading and per-article
attribution); everything that needs the whole archive stays in the calling process, so the
records are identical whatever executor ran the per-article stage.

A Dask cluster's workers run the function themselves: the files it reads must be visible to
them at the same path (a shared filesystem, as on HPC clusters, or a volume mounted at the
same path on Kubernetes), and they need onrecord installed in the same version.
"""

from __future__ import annotations

import math
import multiprocessing
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any, Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
ChunkTask = Callable[[list[Any]], list[Any]]  # a module-level function, so it pickles
Progress = Callable[[int, int], None]  # (items done, items in all)

MAX_CHUNK = 32  # items per task; small enough to balance, large enough to amortise


class Executor(Protocol):
    """Runs a chunk task over items; results in input order, one per item."""

    slots: int  # how many tasks run at once

    def run(
        self, task: ChunkTask, items: Sequence[Any], progress: Progress | None = None
    ) -> list[Any]: ...


def chunked(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def chunk_size(count: int, slots: int) -> int:
    """About four chunks per worker slot (for balance), at most :data:`MAX_CHUNK` items."""
    return max(1, min(MAX_CHUNK, math.ceil(count / max(1, slots * 4))))


def tapered(items: Sequence[Any], slots: int) -> list[list[Any]]:
    """Consecutive chunks of :func:`chunk_size` for what is left at each cut, so they shrink
    to single items at the end: the last tasks are short and no worker waits long for
    another's last chunk (with 32-item chunks to the end, two workers on 840 articles idled
    about a fifth of a second, most of what kept ``--workers 2`` under 1.7x)."""
    chunks: list[list[Any]] = []
    start = 0
    while start < len(items):
        size = chunk_size(len(items) - start, slots)
        chunks.append(list(items[start : start + size]))
        start += size
    return chunks


class InProcess:
    """A plain loop in this process, one item at a time (progress after each)."""

    slots = 1

    def run(
        self, task: ChunkTask, items: Sequence[Any], progress: Progress | None = None
    ) -> list[Any]:
        results: list[Any] = []
        for done, item in enumerate(items, start=1):
            results.extend(task([item]))
            if progress:
                progress(done, len(items))
        return results


def start_method() -> str:
    """``fork`` on Linux when this process runs no other thread, ``spawn`` otherwise.

    A forked worker starts at once with everything the parent imported; a spawned one imports
    onrecord again (trafilatura, the topic model, the lexicons: about a CPU second each, per
    ingest). Fork is unsafe in a threaded parent (a web server, a Dask client: a lock held by
    another thread stays held in the child) and not offered on Windows nor safe on macOS.
    """
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "spawn"


class LocalProcesses:
    """``workers`` processes on this machine, forked where that is safe (:func:`start_method`),
    spawned otherwise."""

    def __init__(self, workers: int, method: str | None = None) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.slots = workers
        self.method = method

    def run(
        self, task: ChunkTask, items: Sequence[Any], progress: Progress | None = None
    ) -> list[Any]:
        if self.slots == 1 or len(items) <= 1:
            return InProcess().run(task, items, progress)
        chunks = tapered(items, self.slots)
        context = multiprocessing.get_context(self.method or start_method())
        with ProcessPoolExecutor(max_workers=self.slots, mp_context=context) as pool:
            futures: list[Future[Any]] = [pool.submit(task, chunk) for chunk in chunks]
            return _gather(futures, [len(c) for c in chunks], as_completed, len(items), progress)


class DaskCluster:
    """The workers of a running Dask scheduler (``tcp://host:8786``)."""

    def __init__(self, scheduler: str) -> None:
        self.scheduler = scheduler
        self.slots = 1  # known once connected

    def run(
        self, task: ChunkTask, items: Sequence[Any], progress: Progress | None = None
    ) -> list[Any]:
        try:
            from distributed import Client
            from distributed import as_completed as dask_completed
        except ImportError:  # pragma: no cover - depends on the installed extras
            raise RuntimeError(
                "running on a Dask cluster needs Dask distributed: pip install 'onrecord[scale]'"
            ) from None
        with Client(self.scheduler, timeout="30s") as client:
            self.slots = sum(client.nthreads().values()) or 1
            chunks = tapered(items, self.slots)
            futures = [
                client.submit(task, chunk, pure=False, key=f"onrecord-task-{i}")
                for i, chunk in enumerate(chunks)
            ]
            try:
                sizes = [len(c) for c in chunks]
                return _gather(futures, sizes, dask_completed, len(items), progress)
            finally:
                client.cancel(futures)


def executor_for(workers: int = 1, scheduler: str | None = None) -> Executor:
    """The executor the command line asks for: a Dask scheduler, else ``workers`` processes."""
    if scheduler:
        return DaskCluster(scheduler)
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    return InProcess() if workers == 1 else LocalProcesses(workers)


def _gather(
    futures: list[Any], sizes: list[int], completed: Any, total: int, progress: Progress | None
) -> list[Any]:
    """Wait for chunk futures, reporting progress as each lands; results in chunk order."""
    position = {id(f): i for i, f in enumerate(futures)}
    done = 0
    for future in completed(futures):
        done += sizes[position[id(future)]]
        if progress:
            progress(done, total)
    return [item for future in futures for item in future.result()]
