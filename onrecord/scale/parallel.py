"""Read and process articles on several cores, or on a Dask cluster, with the same results.

Reading and attribution are done per article and depend on nothing but the file, so they
are spread out in chunks (to keep per-task overhead small) and gathered back in input order.
Everything that needs the whole archive (duplicate ids, :func:`onrecord.pipeline.process_archive`)
stays in the calling process, so the records are identical whatever the number of workers.

A Dask cluster's workers read the article files themselves: the archive must be visible to
them at the same path (a shared filesystem, as on HPC clusters, or a volume mounted at the
same path on Kubernetes), and they need onrecord installed in the same version.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onrecord.records import Article, Quote

if TYPE_CHECKING:
    from onrecord.index import StoredArticle
    from onrecord.ingest import Failure, Reading

Outcome = tuple[Path, "Article | None", "list[Quote] | Failure"]
Progress = Callable[[int, int], None]  # (articles done, articles in all)

MAX_CHUNK = 32  # articles per task; small enough to balance, large enough to amortise


def process_path(path: Path, archive: Path) -> tuple[Article | None, list[Quote] | Failure]:
    """One article file through the reader and :func:`onrecord.pipeline.process_article`.

    Mirrors :func:`onrecord.ingest.read_changed`: a :class:`ReadError` or an exception in
    extraction becomes a ``Failure`` with the path relative to the archive and the reason.
    """
    from onrecord.ingest import Failure
    from onrecord.pipeline import process_article
    from onrecord.readers import ReadError, read_article

    relative = path.relative_to(archive).as_posix()
    try:
        article = read_article(path, archive)
    except ReadError as exc:
        return None, Failure(relative, exc.reason)
    try:
        return article, process_article(article, archive)
    except Exception as exc:  # a bug on one article must not cost the archive
        return article, Failure(relative, f"extraction failed: {type(exc).__name__}: {exc}")


def process_chunk(
    paths: Sequence[str], archive: str
) -> list[tuple[Article | None, list[Quote] | Failure]]:
    """One task: a chunk of paths (strings, so the task pickles small and anywhere)."""
    root = Path(archive)
    return [process_path(Path(p), root) for p in paths]


def chunked(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _absolute(paths: list[Path]) -> list[str]:
    """Absolute, not resolved: workers may run elsewhere, and links keep their own names."""
    return [str(p.absolute()) for p in paths]


def chunk_size(count: int, slots: int) -> int:
    """About four chunks per worker slot (for balance), at most :data:`MAX_CHUNK` articles."""
    return max(1, min(MAX_CHUNK, math.ceil(count / max(1, slots * 4))))


def read_and_process(
    paths: Sequence[Path],
    archive: Path,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[Outcome]:
    """``(path, article or None, quotes or Failure)`` for every path, in input order.

    Args:
        paths: article files under ``archive`` (as :func:`onrecord.ingest.discover` finds them).
        archive: the archive root; ids and reported paths are relative to it.
        workers: processes on this machine; 1 runs a plain loop in this process.
        scheduler: a Dask scheduler address (``tcp://host:8786``); overrides ``workers``.
        progress: called with (articles done, articles in all) as results arrive.
    """
    paths = list(paths)
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if scheduler:
        results = _run_dask(paths, archive, scheduler, progress)
    elif workers == 1 or len(paths) <= 1:
        results = []
        for done, path in enumerate(paths, start=1):
            results.append(process_path(path, archive))
            if progress:
                progress(done, len(paths))
    else:
        results = _run_pool(paths, archive, workers, progress)
    return [(path, *result) for path, result in zip(paths, results, strict=True)]


def _gather(
    futures: list[Any], sizes: list[int], completed: Any, total: int, progress: Progress | None
) -> list[tuple[Article | None, list[Quote] | Failure]]:
    """Wait for chunk futures, reporting progress as each lands; results in chunk order."""
    position = {id(f): i for i, f in enumerate(futures)}
    done = 0
    for future in completed(futures):
        done += sizes[position[id(future)]]
        if progress:
            progress(done, total)
    return [item for future in futures for item in future.result()]


def _run_pool(
    paths: list[Path], archive: Path, workers: int, progress: Progress | None
) -> list[tuple[Article | None, list[Quote] | Failure]]:
    chunks = chunked(_absolute(paths), chunk_size(len(paths), workers))
    # "spawn" everywhere: fork is unsafe in a threaded parent (a web server, a Dask client) and
    # is no longer the default on macOS or, from Python 3.14, on Linux.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        root = str(archive.absolute())
        futures: list[Future[Any]] = [pool.submit(process_chunk, c, root) for c in chunks]
        return _gather(futures, [len(c) for c in chunks], as_completed, len(paths), progress)


def _run_dask(
    paths: list[Path], archive: Path, scheduler: str, progress: Progress | None
) -> list[tuple[Article | None, list[Quote] | Failure]]:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise RuntimeError(
            "running on a Dask cluster needs Dask distributed: pip install 'onrecord[scale]'"
        ) from None
    with Client(scheduler, timeout="30s") as client:
        slots = sum(client.nthreads().values()) or 1
        chunks = chunked(_absolute(paths), chunk_size(len(paths), slots))
        root = str(archive.absolute())
        futures = [
            client.submit(process_chunk, c, root, pure=False, key=f"onrecord-read-{i}")
            for i, c in enumerate(chunks)
        ]
        try:
            return _gather(futures, [len(c) for c in chunks], dask_completed, len(paths), progress)
        finally:
            client.cancel(futures)


def read_all(
    archive: Path,
    progress: Progress | None = None,
    stored: dict[str, StoredArticle] | None = None,
    *,
    workers: int = 1,
    scheduler: str | None = None,
) -> Reading:
    """:func:`onrecord.ingest.read_changed` with the reading spread out (kept for callers of
    this module; ingest passes ``workers`` and ``scheduler`` to ``read_changed`` itself)."""
    from onrecord.ingest import read_changed

    return read_changed(archive, progress, stored, workers=workers, scheduler=scheduler)
