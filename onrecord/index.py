"""The Whoosh index: schema, atomic generations, and opening the current one.

An index directory holds generations (``gen-*`` folders), each a complete Whoosh index plus
the article store, and a ``CURRENT`` file naming the live one. A build writes a new generation
beside the old and then replaces ``CURRENT`` with one atomic rename, so a crash mid-build
leaves the previous index untouched, and readers see either the old or the new index, never a
half-written one. A lock file keeps two writers from building at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from onrecord.records import Article

CURRENT = "CURRENT"
LOCK = ".lock"
ARTICLES_DB = "articles.sqlite"
MANIFEST = "manifest.json"


class IndexError_(Exception):
    """A problem with the index a user can fix (missing, busy); the message says how."""


class IndexMissing(IndexError_):
    pass


class IndexBusy(IndexError_):
    pass


def make_schema() -> Schema:
    """The schema, declared once. Facet fields are sortable so facets read columns, not postings."""
    stem = StemmingAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        statement_id=ID(sortable=True),
        text=TEXT(analyzer=stem, stored=True, phrase=True),
        speaker=TEXT(stored=False),
        speaker_id=ID(sortable=True),
        role=TEXT(stored=False),
        source=TEXT(stored=False),
        source_key=ID(sortable=True),
        kind=ID(sortable=True),
        topics=KEYWORD(commas=True, lowercase=True, scorable=False),
        topics_col=ID(sortable=True),
        article=ID(sortable=True),
        date=DATETIME(sortable=True),
        year=ID(sortable=True),
        month=ID(sortable=True),
        position=NUMERIC(sortable=True),
        canonical=ID(sortable=True),
        record=STORED,
    )


def source_key(source: str | None) -> str:
    return (source or "").strip()


def document(record: dict[str, Any]) -> dict[str, Any]:
    """The Whoosh document for one record: searchable fields plus the record itself, stored."""
    doc: dict[str, Any] = {
        "id": record["id"],
        "statement_id": record.get("statement_id") or record["id"],
        "text": record["text"],
        "speaker": " ".join(
            filter(None, [record.get("speaker"), record.get("speaker_as_written")])
        ),
        "speaker_id": record.get("speaker_id") or "",
        "role": record.get("role") or "",
        "source": record.get("source") or "",
        "source_key": source_key(record.get("source")),
        "kind": record.get("kind") or "",
        "topics": ",".join(record.get("topics") or []),
        "topics_col": "|".join(record.get("topics") or []),
        "article": record.get("article") or "",
        "position": int(record.get("start") or 0),
        "canonical": "0" if record.get("canonical") is False else "1",
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
    }
    date = record.get("date")
    if date:
        day = dt.date.fromisoformat(date)
        doc["date"] = dt.datetime(day.year, day.month, day.day)
        doc["year"] = f"{day.year:04d}"
        doc["month"] = f"{day.year:04d}-{day.month:02d}"
    return doc


@dataclass(frozen=True)
class Generation:
    """One complete, immutable build of the index."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def open_whoosh(self) -> whoosh_index.Index:
        return whoosh_index.open_dir(str(self.path))

    def manifest(self) -> dict[str, Any]:
        try:
            return json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}


def current_generation(index_dir: Path) -> Generation:
    """The live generation; :class:`IndexMissing` says how to build one if there is none."""
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise IndexMissing(
            f"no index in {index_dir}; build one with: onrecord ingest ARCHIVE --index {index_dir}"
        ) from None
    if not name or "/" in name or name.startswith("."):
        raise IndexMissing(
            f"{pointer} is damaged; rebuild with: onrecord ingest --index {index_dir}"
        )
    path = index_dir / name
    if not whoosh_index.exists_in(str(path)):
        raise IndexMissing(f"index generation {path} is missing; rebuild with onrecord ingest")
    return Generation(path)


@contextlib.contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's write lock; a second writer fails at once with a clear message."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(
                f"another ingest is writing {index_dir}; wait for it to finish and run again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_generation_dir(index_dir: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    return Path(tempfile.mkdtemp(prefix=f".gen-{stamp}-", dir=index_dir))


def publish(index_dir: Path, built: Path) -> Generation:
    """Make a finished build live: rename it, then atomically repoint ``CURRENT``."""
    final = built.with_name(built.name.lstrip("."))
    os.replace(built, final)
    tmp = index_dir / f".{CURRENT}.tmp"
    tmp.write_text(final.name + "\n", encoding="utf-8")
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, index_dir / CURRENT)
    remove_stale_generations(index_dir, keep=final.name)
    return Generation(final)


def remove_stale_generations(index_dir: Path, keep: str) -> None:
    """Delete old and abandoned builds. Open readers keep their files (POSIX unlink semantics)."""
    for child in index_dir.iterdir():
        if child.is_dir() and child.name != keep and child.name.lstrip(".").startswith("gen-"):
            shutil.rmtree(child, ignore_errors=True)


def write_whoosh(path: Path, records: Iterable[dict[str, Any]]) -> int:
    ix = whoosh_index.create_in(str(path), make_schema())
    writer = ix.writer(limitmb=256)
    count = 0
    try:
        for record in records:
            writer.add_document(**document(record))
            count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return count


def write_articles(path: Path, articles: Iterable[Article]) -> None:
    """The article store: metadata and body text for the article pages and context."""
    with contextlib.closing(sqlite3.connect(path / ARTICLES_DB)) as db:
        db.execute(
            "CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT, title TEXT, source TEXT,"
            " author TEXT, url TEXT, date TEXT, content_hash TEXT, body TEXT)"
        )
        db.executemany(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (a.id, a.path, a.title, a.source, a.author, a.url, a.date, a.content_hash, a.body)
                for a in articles
            ),
        )
        db.commit()


def read_article_row(generation: Generation, article_id: str) -> dict[str, Any] | None:
    with contextlib.closing(
        sqlite3.connect(f"file:{generation.path / ARTICLES_DB}?mode=ro", uri=True)
    ) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return dict(row) if row else None


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    (path / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
