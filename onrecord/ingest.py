"""Ingest: from a folder of article files to a live index generation.

A bad file is reported with its path and reason and never stops the others; the index is
built into a new generation and published atomically (see :mod:`onrecord.index`).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord import index as idx
from onrecord.pipeline import process_archive, process_article
from onrecord.readers import READERS, ReadError, read_article
from onrecord.records import Article, Quote
from onrecord.speakers import REGISTRY_FILE, Registry, save_registry

Progress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


@dataclass
class IngestReport:
    articles: int = 0
    quotes: int = 0
    speakers: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    generation: str | None = None


def discover(archive: Path) -> tuple[list[Path], list[Failure]]:
    """Every article file under ``archive``, sorted; links leading out of it are refused."""
    root = archive.resolve()
    found: list[Path] = []
    refused: list[Failure] = []
    for path in sorted(archive.rglob("*")):
        relative = path.relative_to(archive)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() not in READERS or path.name.endswith(".meta.json"):
            continue
        if not path.resolve().is_relative_to(root):
            refused.append(Failure(relative.as_posix(), "link points outside the archive; refused"))
            continue
        if path.is_file():
            found.append(path)
    return found, refused


def read_all(
    archive: Path, progress: Progress | None = None
) -> tuple[list[Article], list[Quote], list[Failure]]:
    paths, failures = discover(archive)
    articles: list[Article] = []
    quotes: list[Quote] = []
    seen_ids: dict[str, str] = {}
    for done, path in enumerate(paths, start=1):
        relative = path.relative_to(archive).as_posix()
        if progress:
            progress(done, len(paths))
        try:
            article = read_article(path, archive)
        except ReadError as exc:
            failures.append(Failure(relative, exc.reason))
            continue
        if article.id in seen_ids:
            failures.append(
                Failure(
                    relative, f"duplicate article id {article.id!r} (also {seen_ids[article.id]})"
                )
            )
            continue
        seen_ids[article.id] = relative
        try:
            found = process_article(article, archive)
        except Exception as exc:  # a bug on one article must not cost the archive
            failures.append(Failure(relative, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        articles.append(article)
        quotes.extend(found)
    return articles, quotes, failures


def ingest(archive: Path, index_dir: Path, *, progress: Progress | None = None) -> IngestReport:
    """Parse every article under ``archive`` and publish a new index generation."""
    started = time.perf_counter()
    if not archive.is_dir():
        raise idx.IndexError_(f"archive folder {archive} does not exist")
    with idx.writer_lock(index_dir):
        articles, quotes, failures = read_all(archive, progress)
        result = process_archive(quotes, archive)
        records = [q.to_dict() for q in result.quotes]
        report = IngestReport(
            articles=len(articles),
            quotes=len(records),
            speakers=len({r["speaker_id"] for r in records if r.get("speaker_id")}),
            failures=failures,
        )
        generation = write_generation(
            index_dir, articles, records, manifest(report), result.registry
        )
    report.generation = generation.name
    report.seconds = time.perf_counter() - started
    return report


def write_generation(
    index_dir: Path,
    articles: Iterable[Article],
    records: list[dict[str, Any]],
    manifest: dict[str, Any],
    registry: Registry | None = None,
) -> idx.Generation:
    """Write a complete generation beside the live one, then publish it."""
    build = idx.new_generation_dir(index_dir)
    try:
        idx.write_whoosh(build, records)
        idx.write_articles(build, articles)
        idx.write_manifest(build, manifest)
        if registry is not None:
            save_registry(registry, build / REGISTRY_FILE)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return idx.publish(index_dir, build)


def manifest(report: IngestReport) -> dict[str, Any]:
    return {
        "articles": report.articles,
        "quotes": report.quotes,
        "speakers": report.speakers,
        "failures": [{"path": f.path, "reason": f.reason} for f in report.failures],
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def extract_paths(paths: Iterable[Path]) -> tuple[list[Quote], list[Failure]]:
    """Records for loose files or folders, without an index (for ``onrecord extract``).

    The files given are treated as one small archive: speakers are joined across them.
    """
    quotes: list[Quote] = []
    failures: list[Failure] = []
    for given in paths:
        if given.is_dir():
            found, refused = discover(given)
            failures.extend(Failure(str(given / f.path), f.reason) for f in refused)
            targets = [(p, given) for p in found]
        else:
            targets = [(given, given.parent)]
        for path, root in targets:
            try:
                quotes.extend(process_article(read_article(path, root), root))
            except ReadError as exc:
                failures.append(Failure(str(path), exc.reason))
    return process_archive(quotes).quotes, failures
