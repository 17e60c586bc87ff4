"""Ingest: from a folder of article files to a live index generation.

A bad file is reported with its path and reason and never stops the others; the index is
built into a new generation and published atomically (see :mod:`onrecord.index`). Ingest is
incremental: unchanged files are not read again, and only changed records are rewritten.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import operator
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, overload

from onrecord import index as idx
from onrecord.pipeline import (
    ArchiveResult,
    few_full_collections,
    process_archive,
    process_article,
    warm_archive_stage,
)
from onrecord.readers import READERS, ReadError, read_article
from onrecord.records import Article, Quote
from onrecord.scale.parallel import Executor, executor_for
from onrecord.speakers import REGISTRY_FILE, Registry, save_registry
from onrecord.topics import ARCHIVE_FILE as ARCHIVE_TAXONOMY

Progress = Callable[[int, int], None]  # (articles done, articles in all)
PARALLEL_FROM = 20_000  # records from which a full build analyses text in two processes
# Records from which a full build spools them to a file before indexing and writes the index
# from it (spawned writers, no record objects left in memory): about 5,000 articles.
SPOOL_FROM = 50_000
SPOOL_FILE = ".records.jsonl"  # in the build folder, removed once the index is written


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str
    # the file's fingerprint when it was read and refused: kept in the manifest so that an
    # unchanged bad file does not make an unchanged archive look changed
    fingerprint: str | None = field(default=None, compare=False)


@dataclass
class IngestReport:
    articles: int = 0
    quotes: int = 0
    speakers: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    generation: str | None = None
    mode: str = "full"  # full | incremental | unchanged (nothing to do; generation kept)
    read: int = 0  # article files read and extracted in this run (the rest came from the store)
    removed: int = 0  # articles gone from the archive since the last ingest
    records_written: int = 0  # index documents added or rewritten
    records_removed: int = 0  # index documents deleted
    warnings: list[str] = field(default_factory=list)  # e.g. curation entries that matched nothing


def discover(archive: Path) -> tuple[list[Path], list[Failure]]:
    """Every article file under ``archive``, sorted, and the links and folders refused.

    The walk stays in the archive's own folders and never follows a link to a folder, so it
    cannot loop and finds no file twice. A link is refused, with a Failure naming it, when it
    leads out of the archive, leads to a folder, is broken or loops; a link to a file inside
    the archive is read under its own name unless its target is an article read anyway.
    Hidden files and folders (``.name``) are skipped.
    """
    files, links, refused = _walk(archive)
    root = archive.resolve()
    real = {path.resolve() for path in files} if links else set()
    for link in links:
        relative = link.relative_to(archive).as_posix()
        try:
            target = link.resolve(strict=True)
        except (OSError, RuntimeError) as exc:  # 3.11 raises RuntimeError on a loop
            if _is_article_name(link.name):
                looped = isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP
                reason = "link loop" if looped else "broken link: its target does not exist"
                refused.append(Failure(relative, f"{reason}; refused"))
            continue
        if not target.is_relative_to(root):
            if target.is_dir() or _is_article_name(link.name):
                refused.append(Failure(relative, "link points outside the archive; refused"))
        elif target.is_dir():
            inside = target.relative_to(root).as_posix() or "."
            refused.append(
                Failure(
                    relative,
                    f"link to the folder {inside} inside the archive; not followed "
                    "(the archive's own folders are read once each)",
                )
            )
        elif not _is_article_name(link.name):
            continue
        elif target in real:
            read_as = target.relative_to(root).as_posix()
            refused.append(
                Failure(relative, f"link to {read_as}, which is read itself; not read twice")
            )
        elif not target.is_file():
            refused.append(Failure(relative, "link to something that is not a file; refused"))
        else:
            files.append(link)
    return sorted(files), sorted(refused, key=lambda failure: failure.path)


def _is_article_name(name: str) -> bool:
    return Path(name).suffix.lower() in READERS and not name.endswith(".meta.json")


def _walk(archive: Path) -> tuple[list[Path], list[Path], list[Failure]]:
    """The article files in the archive's own folders, every link met, and unreadable folders."""
    files: list[Path] = []
    links: list[Path] = []
    refused: list[Failure] = []
    folders = [archive]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    path = folder / entry.name
                    if entry.is_symlink():
                        links.append(path)
                    elif entry.is_dir(follow_symlinks=False):
                        folders.append(path)
                    elif not _is_article_name(entry.name):
                        continue
                    elif entry.is_file(follow_symlinks=False):
                        files.append(path)
                    else:  # a FIFO or device would block or never end
                        relative = path.relative_to(archive).as_posix()
                        refused.append(Failure(relative, "not a regular file; refused"))
        except OSError as exc:
            if folder == archive:
                message = f"cannot read archive folder {archive}: {exc.strerror}"
                raise idx.IndexError_(message) from None
            relative = folder.relative_to(archive).as_posix()
            refused.append(Failure(relative, f"cannot read folder: {exc.strerror}"))
    return files, links, refused


def fingerprint(path: Path) -> str:
    """What decides whether a file must be read again: its bytes and its sidecar's."""
    digest = hashlib.sha256(path.read_bytes())
    sidecar = path.with_name(path.stem + ".meta.json")
    digest.update(b"\x00sidecar\x00")
    if sidecar.is_file():
        digest.update(sidecar.read_bytes())
    return digest.hexdigest()[:24]


def code_fingerprint(archive: Path) -> str:
    """The code and archive-wide settings that shape records; when it changes, rebuild fully.

    Covers the package's record-making modules and any non-article file at the archive root
    (a topic taxonomy, say), so an incremental ingest never mixes records of two versions.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        relative = source.relative_to(package).as_posix()
        if relative.split("/")[0] in NOT_RECORD_CODE:
            continue
        digest.update(relative.encode() + b"\x00" + source.read_bytes())
    if archive.is_dir():
        for extra in sorted(archive.iterdir()):
            if (
                extra.is_file()
                and not extra.name.startswith(".")
                and extra.suffix.lower() not in READERS
                and not extra.name.endswith(".meta.json")
            ):
                digest.update(extra.name.encode() + b"\x00" + extra.read_bytes())
    return digest.hexdigest()[:16]


# Modules (top-level names under onrecord/) that never change what a record contains.
NOT_RECORD_CODE = frozenset(
    {"cli.py", "webapp.py", "search.py", "export.py", "views", "web", "__main__.py", "fetch"}
)


@dataclass
class Reading:
    """The articles of one ingest: re-read where changed, taken from the store where not."""

    entries: list[idx.StoredArticle] = field(default_factory=list)
    fresh: list[idx.StoredArticle] = field(default_factory=list)  # read in this run
    removed_ids: list[str] = field(default_factory=list)  # article ids to drop from the store
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "path: how it was read", files read now


def read_all(
    archive: Path, progress: Progress | None = None
) -> tuple[list[Article], list[Quote], list[Failure]]:
    """Read and extract every article: the articles, their quotes (per-article stage only)
    and the files that failed, in discovery order."""
    reading = read_changed(archive, progress)
    articles = [e.article for e in reading.entries]
    quotes = [Quote.from_dict(q) for e in reading.entries for q in e.records()]
    return articles, quotes, reading.failures


def read_changed(
    archive: Path,
    progress: Progress | None = None,
    stored: dict[str, idx.StoredArticle] | None = None,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    executor: Executor | None = None,
) -> Reading:
    """Read every article, skipping those whose file and sidecar match ``stored``.

    Fingerprints, the unchanged-file check, duplicate ids and the order of failures are
    decided here, in path order; only the reading of changed files runs on the ``executor``
    (by default one for ``workers`` local processes or a Dask ``scheduler``), so the records
    are the same either way. ``progress`` counts the files read.
    """
    stored = stored or {}
    survey = survey_archive(archive, {k: v.fingerprint for k, v in stored.items()})
    paths, prints = survey.paths, survey.prints
    executor = executor or executor_for(workers, scheduler)
    fresh = _read_many(survey.to_read, archive, prints, progress, executor)

    reading = Reading(failures=list(survey.refused))
    seen_ids: dict[str, str] = {}
    for path in paths:
        relative = path.relative_to(archive).as_posix()
        outcome = fresh.get(path) or prints[path]
        if isinstance(outcome, Failure):
            if path in fresh:
                outcome = replace(outcome, fingerprint=prints[path])
            reading.failures.append(outcome)
            continue
        entry = outcome if isinstance(outcome, idx.StoredArticle) else stored[relative]
        article_id = entry.article.id
        if article_id in seen_ids:
            reading.failures.append(
                Failure(
                    relative,
                    f"duplicate article id {article_id!r} (also {seen_ids[article_id]})",
                    entry.fingerprint or None,  # set by the survey or the store
                )
            )
            continue
        seen_ids[article_id] = relative
        reading.entries.append(entry)
        if path in fresh:
            reading.fresh.append(entry)
            reading.warnings.extend(f"{relative}: {w}" for w in entry.article.warnings)
    reading.removed_ids = sorted({s.article.id for s in stored.values()} - set(seen_ids))
    return reading


@dataclass
class Survey:
    """The archive's files, their fingerprints, and which of them must be read again."""

    paths: list[Path]
    prints: dict[Path, str | Failure]
    to_read: list[Path]
    refused: list[Failure]

    def unchanged(self, stored_prints: dict[str, str]) -> bool:
        """True when every file is stored with this fingerprint and no stored file is gone."""
        return (
            not self.to_read
            and len(self.paths) == len(stored_prints)
            and all(isinstance(p, str) for p in self.prints.values())
        )


def survey_archive(archive: Path, stored_prints: dict[str, str]) -> Survey:
    """Discover the files and fingerprint each; those whose fingerprint is not the stored one
    (new or changed files) are to be read."""
    paths, refused = discover(archive)
    prints: dict[Path, str | Failure] = {}
    to_read: list[Path] = []
    for path in paths:
        relative = path.relative_to(archive).as_posix()
        try:
            prints[path] = fingerprint(path)
        except FileNotFoundError:
            prints[path] = Failure(relative, "file disappeared while reading")
            continue
        except OSError as exc:
            prints[path] = Failure(relative, f"cannot read file: {exc.strerror}")
            continue
        if stored_prints.get(relative) != prints[path]:
            to_read.append(path)
    return Survey(paths, prints, to_read, refused)


def read_chunk(items: list[tuple[str, str]], archive: str) -> list[idx.StoredArticle | Failure]:
    """One task for an executor: each ``(absolute path, path in the archive)`` read and put
    through the per-article stage, giving its stored article (without fingerprint) or the
    failure. A module-level function, so local processes and Dask workers can run it.

    Each article's records come back as the JSON the store keeps (:meth:`StoredArticle.packed`):
    quicker to send than dicts, and about half their memory while the archive is read."""
    root = Path(archive)
    results: list[idx.StoredArticle | Failure] = []
    for path, relative in items:
        failures: list[Failure] = []
        entry = _read_one(Path(path), root, relative, "", failures)
        results.append(entry.packed() if entry is not None else failures[0])
    return results


def _read_many(
    paths: list[Path],
    archive: Path,
    prints: dict[Path, str | Failure],
    progress: Progress | None,
    executor: Executor,
) -> dict[Path, idx.StoredArticle | Failure]:
    """Read and extract ``paths`` on ``executor``; each gives an article or a failure.

    Paths go out absolute, not resolved: workers may run elsewhere, and links keep their
    own names.
    """
    items = [(str(p.absolute()), p.relative_to(archive).as_posix()) for p in paths]
    task = functools.partial(read_chunk, archive=str(archive.absolute()))
    outcomes = executor.run(task, items, _warming(progress))
    read: dict[Path, idx.StoredArticle | Failure] = {}
    for path, outcome in zip(paths, outcomes, strict=True):
        if isinstance(outcome, idx.StoredArticle):
            outcome.fingerprint = str(prints[path])
        read[path] = outcome
    return read


def _warming(progress: Progress | None) -> Progress:
    """``progress``, and on its first call :func:`warm_archive_stage`: with worker processes
    this process then loads while they read (on a first landed chunk), not after them."""
    warmed = False

    def report(done: int, total: int) -> None:
        nonlocal warmed
        if not warmed:
            warmed = True
            warm_archive_stage()
        if progress:
            progress(done, total)

    return report


def _read_one(
    path: Path, archive: Path, relative: str, print_: str, failures: list[Failure]
) -> idx.StoredArticle | None:
    read = _extract_one(path, archive, relative, failures)
    if read is None:
        return None
    article, found = read
    # Kept as dicts now: the whole-archive stage may change the Quote objects in place.
    return idx.StoredArticle(article, print_, [q.to_dict() for q in found])


def _extract_one(
    path: Path, archive: Path, relative: str, failures: list[Failure]
) -> tuple[Article, list[Quote]] | None:
    """One file read and its records found; None (and a failure noted) when either fails."""
    try:
        article = read_article(path, archive)
    except ReadError as exc:
        failures.append(Failure(relative, exc.reason))
        return None
    except Exception as exc:  # a reader bug on one file must not cost the archive
        failures.append(Failure(relative, f"could not be read: {type(exc).__name__}: {exc}"))
        return None
    try:
        found = process_article(article, archive)
    except Exception as exc:  # a bug on one article must not cost the archive
        failures.append(Failure(relative, f"extraction failed: {type(exc).__name__}: {exc}"))
        return None
    return article, found


def ingest(
    archive: Path,
    index_dir: Path,
    *,
    progress: Progress | None = None,
    full: bool = False,
    procs: int | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    executor: Executor | None = None,
    index_progress: Progress | None = None,
) -> IngestReport:
    """Bring the index up to date with ``archive`` and publish a new generation.

    By default only new and changed files are read (the whole-archive stage still sees every
    article) and only records that changed are rewritten, in a copy of the live generation;
    when no file changed, nothing is read or written. ``full=True`` reads everything and
    builds from nothing; so does a first ingest, and one after the code that makes records
    changed. Either way the swap is atomic.

    The per-article stage runs on ``executor`` (default: ``workers`` local processes, or the
    Dask ``scheduler``); a full build writes the index in ``procs`` processes (default: the
    local workers, or two from :data:`PARALLEL_FROM` records). ``progress`` counts files
    read, ``index_progress`` records indexed.
    """
    started = time.perf_counter()
    if not archive.is_dir():
        raise idx.IndexError_(f"archive folder {archive} does not exist")
    executor = executor or executor_for(workers, scheduler)
    if procs is None and scheduler is None and workers > 1:
        procs = workers
    with idx.writer_lock(index_dir):
        code = code_fingerprint(archive)
        previous = None if full else idx.live_generation(index_dir)
        if previous is not None:
            old = previous.manifest()
            if old.get("layout") != idx.LAYOUT or old.get("code") != code:
                previous = None
        if previous is not None:
            unchanged = _report_if_unchanged(archive, index_dir, previous, started)
            if unchanged is not None:
                return unchanged
        with few_full_collections():  # reading and indexing make millions of objects
            stored, digests = idx.read_store(previous) if previous else ({}, {})
            reading = read_changed(archive, progress, stored, executor=executor)
            if previous is None:
                generation, report = _build_full(
                    index_dir, reading, code, procs, archive, index_progress
                )
            elif _same_stage_input(reading, stored):
                report = _report_same_records(reading, previous)
                generation = _write_articles_only(index_dir, previous, reading, report, code)
            else:
                result = _archive_stage(reading, archive)
                report = _report(reading, result)
                records = _drain(result.quotes)
                generation = _write_update(
                    index_dir,
                    previous,
                    reading,
                    records,
                    digests,
                    report,
                    code,
                    result.registry,
                    archive,
                )
    report.generation = generation.name
    report.seconds = time.perf_counter() - started
    return report


def _report_if_unchanged(
    archive: Path, index_dir: Path, previous: idx.Generation, started: float
) -> IngestReport | None:
    """The report of an ingest with nothing to do, decided from fingerprints alone: every
    file stored as it is now, none gone, the same code and settings (checked before). Then
    neither the store's records nor the whole-archive stage are needed; None otherwise."""
    old = previous.manifest()
    failed = [
        Failure(f["path"], f["reason"], f["fingerprint"])
        for f in old.get("failures", [])
        if f.get("fingerprint")
    ]
    stored_prints = idx.read_fingerprints(previous)
    stored_prints.update((f.path, f.fingerprint) for f in failed)
    survey = survey_archive(archive, stored_prints)
    if not survey.unchanged(stored_prints):
        return None
    idx.tidy_generations(index_dir, previous)
    return IngestReport(
        articles=int(old.get("articles", len(stored_prints))),
        quotes=int(old.get("quotes", 0)),
        speakers=int(old.get("speakers", 0)),
        failures=[*survey.refused, *failed],
        mode="unchanged",
        warnings=registry_warnings(previous),
        generation=previous.name,
        seconds=time.perf_counter() - started,
    )


def registry_warnings(generation: idx.Generation) -> list[str]:
    """The whole-archive stage's warnings as the generation's speaker registry kept them."""
    try:
        data = json.loads((generation.path / REGISTRY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    warnings = data.get("warnings") if isinstance(data, dict) else None
    return [str(w) for w in warnings] if isinstance(warnings, list) else []


def write_generation(
    index_dir: Path,
    articles: Iterable[Article],
    records: list[dict[str, Any]],
    manifest: dict[str, Any],
    registry: Registry | None = None,
) -> idx.Generation:
    """Publish a complete generation of ready-made records (for tests and imports).

    The articles carry no file fingerprints, so the next ingest over it reads everything.
    """
    with idx.building(index_dir) as build:
        idx.write_whoosh(build, records)
        idx.write_articles(build, (idx.StoredArticle(a, "") for a in articles))
        idx.write_record_digests(build, {r["id"]: idx.record_digest(r) for r in records})
        seal(build, manifest, registry)
    return idx.publish(index_dir, build)


def _archive_stage(reading: Reading, archive: Path, release: bool = False) -> ArchiveResult:
    """The whole-archive stage over every article's per-article records; with ``release``,
    each article lets go of its records as soon as they are read (the store has them)."""
    def quotes() -> Iterator[Quote]:
        # a stream: the stage copies each quote as it comes, so the per-article objects are
        # never all alive at once, nor beside the copies
        for entry in reading.entries:
            records = entry.records()
            if release:
                entry.release()
            yield from map(Quote.from_dict, records)

    return process_archive(quotes(), archive)


def _same_stage_input(reading: Reading, stored: dict[str, idx.StoredArticle]) -> bool:
    """True when the whole-archive stage would be given exactly what it was given last time:
    no article gone or new, and every file read again gave its article the same per-article
    records (a change outside its statements: a typo, a paragraph without a quote). The
    stage depends on nothing else (the speaker corrections and the code are covered by the
    code fingerprint), so its records, registry and index stay as they are."""
    if reading.removed_ids:
        return False
    for entry in reading.fresh:
        before = stored.get(entry.article.path or "")
        if (
            before is None
            or before.article.id != entry.article.id
            or before.records_json() != entry.records_json()
        ):
            return False
    return True


def _report_same_records(reading: Reading, previous: idx.Generation) -> IngestReport:
    old = previous.manifest()
    return IngestReport(
        articles=len(reading.entries),
        quotes=int(old.get("quotes", 0)),
        speakers=int(old.get("speakers", 0)),
        failures=reading.failures,
        mode="incremental",
        read=len(reading.fresh),
        warnings=reading.warnings + registry_warnings(previous),
    )


def _write_articles_only(
    index_dir: Path,
    previous: idx.Generation,
    reading: Reading,
    report: IngestReport,
    code: str,
) -> idx.Generation:
    """A copy of the live generation with the files read again stored anew (their bodies and
    fingerprints) and a new manifest; the index, word list and registry are kept."""
    if not reading.fresh and manifest(report, code)["failures"] == previous.manifest().get(
        "failures"
    ):
        report.mode = "unchanged"
        idx.tidy_generations(index_dir, previous)
        return previous
    with idx.building(index_dir, copy_of=previous) as build:
        idx.write_articles(build, reading.fresh)
        idx.write_manifest(build, manifest(report, code))
    return idx.publish(index_dir, build)


def _report(reading: Reading, result: ArchiveResult) -> IngestReport:
    return IngestReport(
        articles=len(reading.entries),
        quotes=len(result.quotes),
        speakers=len({q.speaker_id for q in result.quotes if q.speaker_id}),
        failures=reading.failures,
        read=len(reading.fresh),
        removed=len(reading.removed_ids),
        warnings=reading.warnings + list(result.registry.warnings),
    )


class RecordDicts(Sequence[dict[str, Any]]):
    """Quotes seen as record dicts, each made when it is read (and, sliced, in the process
    that reads the slice): an archive's records never sit in memory twice, as objects and
    as dicts."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes

    def __len__(self) -> int:
        return len(self.quotes)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> RecordDicts: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | RecordDicts:
        if isinstance(index, slice):
            return RecordDicts(self.quotes[index])
        return record_view(self.quotes[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(record_view, self.quotes)


_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))
_quote_values = operator.attrgetter(*_QUOTE_FIELDS)


def record_view(quote: Quote) -> dict[str, Any]:
    """The record dict of ``quote`` (equal to :meth:`Quote.to_dict`, fields in the same
    order) sharing its lists and dicts instead of copying them: the index only reads and
    serialises the records it is given, and copying every value was a twentieth of the
    index write."""
    return dict(zip(_QUOTE_FIELDS, _quote_values(quote), strict=True))


def _drain(quotes: list[Quote]) -> Iterator[dict[str, Any]]:
    """Each quote as a record dict, in order, letting go of each quote as it is made one."""
    quotes.reverse()
    while quotes:
        yield quotes.pop().to_dict()


def _build_full(
    index_dir: Path,
    reading: Reading,
    code: str,
    procs: int | None,
    archive: Path,
    index_progress: Progress | None,
) -> tuple[idx.Generation, IngestReport]:
    """Build a complete generation beside the live one and publish it.

    The article store is written first, so each article's per-article records can be let go
    before the whole-archive stage makes its own; the index is then written from the
    stage's quotes, each turned into a dict as it is indexed. At archive scale each copy of
    the records not held is gigabytes.
    """
    with idx.building(index_dir) as build:
        idx.write_articles(build, reading.entries)
        result = _archive_stage(reading, archive, release=True)
        report = _report(reading, result)
        report.mode = "full"
        records: Sequence[dict[str, Any]] = RecordDicts(result.quotes)
        if len(records) >= SPOOL_FROM:
            records = idx.SpooledRecords.write(build / SPOOL_FILE, _drain(result.quotes))
        if procs is None:
            procs = min(2, os.cpu_count() or 1) if len(records) >= PARALLEL_FROM else 1
        digests: dict[str, str] = {}
        idx.write_whoosh(build, records, procs=procs, progress=index_progress, digests=digests)
        report.records_written = len(records)
        result.quotes.clear()
        (build / SPOOL_FILE).unlink(missing_ok=True)
        idx.write_record_digests(build, digests)
        seal(build, manifest(report, code), result.registry, archive)
    return idx.publish(index_dir, build), report


def _write_update(
    index_dir: Path,
    previous: idx.Generation,
    reading: Reading,
    records: Iterable[dict[str, Any]],
    digests: dict[str, str],
    report: IngestReport,
    code: str,
    registry: Registry | None = None,
    archive: Path | None = None,
) -> idx.Generation:
    """Copy the live generation, rewrite only the records that changed, then publish it.

    ``records`` (every record of the archive) is read once, as a stream: only the changed
    ones are kept. When nothing changed, the live generation stays as it is.
    """
    report.mode = "incremental"
    seen: set[str] = set()
    changed: list[dict[str, Any]] = []
    fresh: dict[str, str] = {}  # digests of the changed records
    words: dict[str, int] = {}
    for record in records:
        record_id = record["id"]
        seen.add(record_id)
        digest = idx.record_digest(record)
        if digests.get(record_id) != digest:
            changed.append(record)
            fresh[record_id] = digest
        idx.add_words(words, record["text"])
    gone = sorted(set(digests) - seen)
    stale = gone + [r["id"] for r in changed if r["id"] in digests]
    report.records_written = len(changed)
    report.records_removed = len(gone)
    if not changed and not gone and not reading.fresh and not reading.removed_ids:
        report.mode = "unchanged"
        idx.tidy_generations(index_dir, previous)
        return previous
    with idx.building(index_dir, copy_of=previous) as build:
        idx.update_whoosh(build, stale, changed)
        idx.write_words(build, words)
        idx.write_articles(build, reading.fresh, removed=reading.removed_ids)
        idx.write_record_digests(build, fresh, gone)
        seal(build, manifest(report, code), registry, archive)
    return idx.publish(index_dir, build)


def seal(
    build: Path,
    manifest: dict[str, Any],
    registry: Registry | None = None,
    archive: Path | None = None,
) -> None:
    """What every build ends with: the archive's taxonomy, the manifest, the registry."""
    copy_taxonomy(archive, build)
    idx.write_manifest(build, manifest)
    if registry is not None:
        save_registry(registry, build / REGISTRY_FILE)


def copy_taxonomy(archive: Path | None, build: Path) -> None:
    """Keep the archive's topic taxonomy with the generation, so search widens topic words
    with the taxonomy the records were tagged with."""
    target = build / ARCHIVE_TAXONOMY
    target.unlink(missing_ok=True)
    if archive is not None and (archive / ARCHIVE_TAXONOMY).is_file():
        shutil.copyfile(archive / ARCHIVE_TAXONOMY, target)


def manifest(report: IngestReport, code: str = "") -> dict[str, Any]:
    return {
        "articles": report.articles,
        "quotes": report.quotes,
        "speakers": report.speakers,
        "failures": [
            {"path": f.path, "reason": f.reason}
            | ({"fingerprint": f.fingerprint} if f.fingerprint else {})
            for f in report.failures
        ],
        "warnings": report.warnings,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "mode": report.mode,
        "layout": idx.LAYOUT,
        "code": code,
    }


def extract_paths(
    paths: Iterable[Path], archive: Path | None = None
) -> tuple[list[Quote], list[Failure], list[str]]:
    """Records for loose files or folders, without an index (for ``onrecord extract``), with
    the files that failed and warnings on files read only in part ("path: how").

    The files given are treated as one small archive: speakers are joined across them, with
    the corrections of ``archive``'s ``speakers.toml`` and its topics when one is given.
    """
    quotes: list[Quote] = []
    failures: list[Failure] = []
    warnings: list[str] = []
    with few_full_collections():
        for given in paths:
            if given.is_dir():
                found, refused = discover(given)
                failures.extend(Failure(str(given / f.path), f.reason) for f in refused)
                targets = [(p, given) for p in found]
            else:
                targets = [(given, given.parent)]
            for path, root in targets:
                read = _extract_one(path, archive or root, str(path), failures)
                if read is not None:
                    # the records themselves: the whole-archive stage changes copies of them
                    quotes.extend(read[1])
                    warnings.extend(f"{path}: {w}" for w in read[0].warnings)
        return process_archive(quotes, archive).quotes, failures, warnings
