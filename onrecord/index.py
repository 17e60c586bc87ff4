"""The Whoosh index: schema, atomic generations, the article store, and opening the current one.

An index directory holds generations (``gen-*`` folders), each a complete Whoosh index plus
the article store, and a ``CURRENT`` file naming the live one. A build writes a new generation
beside the old (a full build from nothing, or an incremental one that starts from a copy of the
live generation) and then replaces ``CURRENT`` with one atomic rename, so a crash mid-build
leaves the previous index untouched, and readers see either the old or the new index, never a
half-written one. A lock file keeps two writers from building at once. The previous generation
is kept until the next publish, so a reader that looked at ``CURRENT`` just before a swap can
still open what it found.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, overload

from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.analysis import SimpleAnalyzer, StandardAnalyzer, StemmingAnalyzer
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.searching import Searcher

from onrecord.records import Article
from onrecord.whoosh_fast import fast_writer


def _remember_missing_length_columns() -> None:
    """Stop whoosh from asking the disk, per posting, for a length column that isn't there.

    While writing a segment whoosh 2.7 looks up each field's length column for every posting;
    unscored fields (all the ``ID`` fields) have none, and the miss is not remembered, so every
    such posting costs a ``stat()``: a fifth of the build time. Segments are immutable, so
    remembering the miss is safe.
    """
    from whoosh.codec import whoosh3

    cls = whoosh3.W3PerDocReader
    if getattr(cls, "_onrecord_remembers_misses", False):
        return

    def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
        readers = self._readers
        if fieldname not in readers:
            found = self.has_column(fieldname)
            readers[fieldname] = self.column_reader(fieldname, column) if found else None
        return readers[fieldname]

    cls._cached_reader = _cached_reader
    cls._onrecord_remembers_misses = True


_remember_missing_length_columns()


_RUN_CHUNK = 4096


def _pickle_runs_in_chunks() -> None:
    """Make whoosh write and read its sort runs a few thousand postings per pickle call.

    A build holding more postings than ``limitmb`` allows sorts them in runs on disk; whoosh
    pickles each posting with its own ``dump``/``load`` call, a sixth of a large build's CPU
    time. Chunks hold the same items in the same order, so the index written is the same.
    """
    import itertools
    import pickle

    from whoosh.externalsort import SortingPool

    if getattr(SortingPool, "_onrecord_chunks_runs", False):
        return

    def _write_run(self: Any, f: Any, items: Iterable[Any]) -> None:
        items = iter(items)
        while chunk := list(itertools.islice(items, _RUN_CHUNK)):
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self: Any, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)

    SortingPool._write_run = _write_run
    SortingPool._read_run = _read_run
    SortingPool._onrecord_chunks_runs = True


_pickle_runs_in_chunks()

CURRENT = "CURRENT"
LOCK = ".lock"
ARTICLES_DB = "articles.sqlite"
MANIFEST = "manifest.json"
WORDS = "words.tsv"
# Bump when the schema or the store's layout changes: an incremental ingest over a generation
# of another layout becomes a full rebuild.
LAYOUT = 2


class IndexError_(Exception):
    """A problem with the index a user can fix (missing, busy); the message says how."""


class IndexMissing(IndexError_):
    pass


class IndexBusy(IndexError_):
    pass


def make_schema() -> Schema:
    """The schema, declared once.

    Only what a search reads is kept: the record itself is stored once as JSON (highlighting
    works from its text), facet values are columns (read into arrays once per generation),
    and values only ever sorted or grouped on are columns without postings. The article
    pages look records up by ``id``, ``article`` and ``statement_id`` and sort them by
    ``date``, ``article`` and ``position``, so those stay indexed and sortable.
    """
    return Schema(
        id=ID,
        text=TEXT(analyzer=StemmingAnalyzer(cachesize=-1), phrase=True),
        speaker=TEXT(analyzer=SimpleAnalyzer()),
        role=TEXT(analyzer=StandardAnalyzer()),
        source=TEXT(analyzer=SimpleAnalyzer()),
        speaker_id=ID(sortable=True),
        source_key=ID(sortable=True),
        role_key=ID(sortable=True),
        kind=ID(sortable=True),
        topics=KEYWORD(commas=True, lowercase=True, scorable=False),
        topics_col=COLUMN(VarBytesColumn()),
        article=ID(sortable=True),
        date=DATETIME(sortable=True),
        year=ID(sortable=True),
        month=ID(sortable=True),
        statement_id=ID(sortable=True),
        position=COLUMN(NumericColumn("i")),
        canonical=COLUMN(VarBytesColumn()),
        sortkey=COLUMN(VarBytesColumn()),
        record=STORED,
    )


def source_key(source: str | None) -> str:
    return (source or "").strip()


def role_key(record: dict[str, Any]) -> str:
    """The role a record facets on: its speaker's normalised role ("Sen." and "Senator" are
    one value), which the registry sets for every record, None for junk ("board saw") that is
    no role; a record the registry never saw (no ``speaker_role`` key) keeps the role written."""
    role = record["speaker_role"] if "speaker_role" in record else record.get("role")
    return " ".join((role or "").split())


def record_json(record: dict[str, Any]) -> str:
    """The record as stored: one canonical spelling, so equal records give equal digests."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def record_digest(record: dict[str, Any]) -> str:
    return hashlib.sha1(record_json(record).encode("utf-8")).hexdigest()[:16]


def sort_key(record: dict[str, Any]) -> bytes:
    """Date order with stable ties: undated records first, then by article and position."""
    return "\x00".join(
        [record.get("date") or "", record.get("article") or "", f"{record.get('start') or 0:09d}"]
    ).encode("utf-8")


def topic_terms(record: dict[str, Any]) -> list[str]:
    """The ``topics`` field's words: each topic key once per level of how clearly the record
    has it (its ``topic_scores`` margin: 1 below 2, one more each 2, at most 5), so a search
    that finds records through a topic ranks the clear cases first (the field's score is the
    count, unnormalised)."""
    scores = record.get("topic_scores") or {}
    return [key for key in record.get("topics") or []
            for _ in range(1 + min(4, max(0, int(scores.get(key, 0.0) // 2))))]


def document(record: dict[str, Any], stored: str | None = None) -> dict[str, Any]:
    """The Whoosh document for one record: searchable fields plus the record itself, stored
    (``stored``: its :func:`record_json`, when already made)."""
    topics = record.get("topics") or []
    doc: dict[str, Any] = {
        "id": record["id"],
        "text": record["text"],
        "speaker": " ".join(
            filter(None, [record.get("speaker"), record.get("speaker_as_written")])
        ),
        "speaker_id": record.get("speaker_id") or "",
        "role": record.get("role") or "",
        "role_key": role_key(record),
        "source": record.get("source") or "",
        "source_key": source_key(record.get("source")),
        "kind": record.get("kind") or "",
        "topics": ",".join(topic_terms(record)),
        "topics_col": "|".join(topics).encode("utf-8"),
        "article": record.get("article") or "",
        "statement_id": record.get("statement_id") or record["id"],
        "position": int(record.get("start") or 0),
        "canonical": b"0" if record.get("canonical") is False else b"1",
        "sortkey": sort_key(record),
        "record": record_json(record) if stored is None else stored,
        # Every column gets a value in every document: a segment without the column would
        # shift the values of later segments in whoosh's multi-segment column reader.
        "year": "",
        "month": "",
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

    def manifest(self) -> dict[str, Any]:
        try:
            return json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}


_OPEN_LOCK = threading.Lock()
_OPEN: dict[str, whoosh_index.Index] = {}
_LOCAL = threading.local()


def open_index(generation: Generation) -> whoosh_index.Index:
    """The generation's Whoosh index, opened once per process (a generation never changes)."""
    key = str(generation.path)
    with _OPEN_LOCK:
        ix = _OPEN.get(key)
        if ix is None:
            ix = whoosh_index.open_dir(key)
            _OPEN[key] = ix
            for stale in [k for k in _OPEN if k != key][:-1]:  # keep this one and one older
                del _OPEN[stale]
        return ix


class ListLengthBM25F(scoring.BM25F):
    """Whoosh's BM25F, reading text lengths from a list kept per segment.

    The stock scorer fetches each matched document's length through four layers of reader
    calls; with the lengths in a list (read once per segment, segments never change) scoring
    costs a third less. Scores are identical.
    """

    def scorer(self, searcher: Searcher, fieldname: str, text: Any, qf: int = 1) -> Any:
        if fieldname != "text" or not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        B = self._field_B.get(fieldname, self.B)
        return _ListLengthScorer(searcher, fieldname, text, B, self.K1, qf=qf)


class _ListLengthScorer(scoring.BM25FScorer):
    def setup(self, searcher: Searcher, fieldname: str, text: Any) -> None:
        super().setup(searcher, fieldname, text)
        self.dfl = _segment_lengths(searcher.reader(), fieldname).__getitem__


_LENGTHS: dict[tuple[str, str], list[int]] = {}
_LENGTHS_LOCK = threading.Lock()


def _segment_lengths(reader: Any, fieldname: str) -> list[int]:
    key = (reader.segment().segment_id(), fieldname)
    found = _LENGTHS.get(key)
    if found is None:
        length = reader.doc_field_length
        found = [length(d, fieldname, 1) or 1 for d in range(reader.doc_count_all())]
        with _LENGTHS_LOCK:
            if len(_LENGTHS) > 64:
                _LENGTHS.clear()
            _LENGTHS[key] = found
    return found


def searcher_for(generation: Generation) -> Searcher:
    """A searcher for this thread, reused across requests until the generation changes.

    Whoosh searchers are not shared between threads; each thread keeps its own, and closes it
    when it first sees a newer generation.
    """
    cached: dict[str, Searcher] = getattr(_LOCAL, "searchers", None) or {}
    key = str(generation.path)
    found = cached.get(key)
    if found is None:
        for old in cached.values():
            with contextlib.suppress(Exception):
                old.close()
        found = open_index(generation).searcher(weighting=ListLengthBM25F())
        cached = {key: found}
        _LOCAL.searchers = cached
    return found


def column_values(reader: Any, fieldname: str) -> list[Any]:
    """Every document's raw column value, in docnum order, segment by segment.

    Reads each segment separately: whoosh's multi-segment column reader leaves out segments
    that lack the column instead of filling in defaults, which misaligns docnums.
    """
    subreaders = reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]
    values: list[Any] = []
    for sub, offset in subreaders:
        assert offset == len(values)
        values.extend(sub.column_reader(fieldname, translate=False))
    return values


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


def live_generation(index_dir: Path) -> Generation | None:
    """The current generation, or None when there is none yet (or it is unusable)."""
    try:
        return current_generation(index_dir)
    except IndexMissing:
        return None


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


def new_generation_dir(index_dir: Path, copy_of: Generation | None = None) -> Path:
    """A hidden build folder; with ``copy_of``, a copy of that generation to update in place."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    build = Path(tempfile.mkdtemp(prefix=f".gen-{stamp}-", dir=index_dir))
    if copy_of is not None:
        shutil.copytree(copy_of.path, build, dirs_exist_ok=True)
        (build / MANIFEST).unlink(missing_ok=True)
    return build


@contextlib.contextmanager
def building(index_dir: Path, copy_of: Generation | None = None) -> Iterator[Path]:
    """A build folder that is removed if anything goes wrong while it is filled; publish it
    with :func:`publish` after the ``with`` block."""
    build = new_generation_dir(index_dir, copy_of)
    try:
        yield build
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise


def publish(index_dir: Path, built: Path) -> Generation:
    """Make a finished build live: rename it, then atomically repoint ``CURRENT``."""
    final = built.with_name(built.name.lstrip("."))
    previous = live_generation(index_dir)
    _sync_tree(built)  # the files reach the disk before anything points at them
    os.replace(built, final)
    tmp = index_dir / f".{CURRENT}.tmp"
    tmp.write_text(final.name + "\n", encoding="utf-8")
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, index_dir / CURRENT)
    _sync_dir(index_dir)  # and so do the two renames
    keep = {final.name} | ({previous.name} if previous else set())
    remove_stale_generations(index_dir, keep=keep)
    return Generation(final)


def _sync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_tree(path: Path) -> None:
    """fsync every file of a build and the build folder, so a power cut after ``CURRENT``
    moves can never leave it naming a generation whose files were still in the page cache."""
    for child in path.iterdir():
        if child.is_file():
            with open(child, "rb") as handle:
                os.fsync(handle.fileno())
    _sync_dir(path)


def remove_stale_generations(index_dir: Path, keep: set[str]) -> None:
    """Delete old and abandoned builds. Open readers keep their files (POSIX unlink semantics)."""
    for child in index_dir.iterdir():
        if child.is_dir() and child.name not in keep and child.name.lstrip(".").startswith("gen-"):
            shutil.rmtree(child, ignore_errors=True)


def tidy_generations(index_dir: Path, live: Generation) -> None:
    """Clear what killed or failed builds left when no new generation is published: hidden
    builds, and generations renamed but never made live (newer than the live one). The one
    generation before the live one stays, as :func:`publish` leaves it, for readers still
    on it."""
    older = sorted(
        child.name
        for child in index_dir.iterdir()
        if child.is_dir() and child.name.startswith("gen-") and child.name < live.name
    )
    remove_stale_generations(index_dir, keep={live.name, *older[-1:]})


_WORD = re.compile(r"\w+(?:\.?\w+)*")


def add_words(counts: dict[str, int], text: str) -> None:
    """Count each word of ``text`` once (document frequency), as "did you mean" ranks them."""
    for word in set(_WORD.findall(text.lower())):
        counts[word] = counts.get(word, 0) + 1


def write_words(path: Path, counts: dict[str, int]) -> None:
    """The quote texts' vocabulary, unstemmed, for spelling suggestions.

    A word list costs a fraction of whoosh's separate spelling field (which analyses every
    text a second time) and is rewritten from all records on each ingest.
    """
    lines = (f"{w}\t{n}\n" for w, n in sorted(counts.items()) if len(w) > 1 and not w.isdigit())
    (path / WORDS).write_text("".join(lines), encoding="utf-8")


def read_words(generation: Generation) -> dict[str, int]:
    try:
        text = (generation.path / WORDS).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    pairs = (line.split("\t") for line in text.splitlines() if "\t" in line)
    return {word: int(count) for word, count in pairs}


def write_whoosh(
    path: Path,
    records: Iterable[dict[str, Any]],
    *,
    procs: int = 1,
    limitmb: int = 128,
    progress: Callable[[int, int], None] | None = None,
    digests: dict[str, str] | None = None,
) -> int:
    """A new Whoosh index holding ``records``, and their word list.

    With ``procs > 1`` and a sequence of records, it is cut into ``procs`` consecutive
    slices and each is written as its own segment by its own process (forked, so the records
    are shared, not sent), the first by this one; the segments are listed in slice order, so
    documents keep the numbers a single writer gives them. There is no final merge: searching
    two or three segments costs less than merging them. A stream of records with
    ``procs > 1`` goes to whoosh's own multi-process writer instead. Segments are left as
    separate files, not packed into one compound file: whoosh reads a compound file's parts
    into memory, separate files it reads in place (a tenth of the memory, and the build skips
    the packing). ``progress`` is called with (records written, records in all) now and then.
    ``digests``, when given, is filled with each record's :func:`record_digest` by id, from
    the JSON the index stores (one serialisation serves both).
    """
    ix = whoosh_index.create_in(str(path), make_schema())
    if procs > 1 and isinstance(records, Sequence) and len(records) >= 2 * procs:
        return _write_slices(ix, path, records, procs, limitmb, progress, digests)
    if procs > 1:
        writer = ix.writer(
            procs=procs, limitmb=limitmb, multisegment=True, batchsize=256, compound=False
        )
    else:
        writer = ix.writer(limitmb=limitmb, compound=False)
    words: dict[str, int] = {}
    try:
        count = _add_documents(writer, records, words, progress, digests=digests)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    write_words(path, words)
    return count


_PROGRESS_EVERY = 500


def _add_documents(
    writer: Any,
    records: Iterable[dict[str, Any]],
    words: dict[str, int],
    progress: Callable[[int, int], None] | None = None,
    total: int | None = None,
    digests: dict[str, str] | None = None,
) -> int:
    """Add each record's document to ``writer``, count its words, and with ``digests`` keep
    its digest; the number added."""
    if total is None:
        total = len(records) if isinstance(records, Sized) else 0
    count = 0
    add = fast_writer(writer).add
    sha1 = hashlib.sha1
    pairs = records.stored() if isinstance(records, SpooledRecords) else _unstored(records)
    for record, stored in pairs:
        doc = document(record, stored)
        add(doc)
        if digests is not None:
            digests[record["id"]] = sha1(doc["record"].encode("utf-8")).hexdigest()[:16]
        add_words(words, record["text"])
        count += 1
        if progress and count % _PROGRESS_EVERY == 0:
            progress(count, total)
    if progress:
        progress(count, total)
    return count


def _unstored(records: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], None]]:
    return ((record, None) for record in records)


def _write_slices(
    ix: whoosh_index.Index,
    path: Path,
    records: Sequence[dict[str, Any]],
    procs: int,
    limitmb: int,
    progress: Callable[[int, int], None] | None,
    digests: dict[str, str] | None = None,
) -> int:
    import multiprocessing

    bounds = [len(records) * i // procs for i in range(procs + 1)]
    # Records in memory go to forked children, which get them without pickling; spooled
    # records (an archive's worth) to spawned ones, which read their slice from the file: a
    # child forked from a process holding gigabytes copies every page whose reference counts
    # it touches. Either way the children write files and send back a small segment object.
    spooled = isinstance(records, SpooledRecords)
    context = multiprocessing.get_context("spawn" if spooled else "fork")
    pipes, children = [], []
    for i in range(1, procs):
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=_write_slice,
            args=(path, records[bounds[i] : bounds[i + 1]], limitmb, send, digests is not None),
        )
        child.start()
        send.close()
        pipes.append(receive)
        children.append(child)
    writer = ix.writer(limitmb=limitmb, compound=False)
    words: dict[str, int] = {}
    try:
        # Progress is reported for this process's slice, scaled to the whole.
        def scaled(done: int, _total: int) -> None:
            if progress:
                progress(min(len(records), done * procs), len(records))

        _add_documents(
            writer, records[: bounds[1]], words, scaled if progress else None, digests=digests
        )
        segments = [writer._finalize_segment()]
        for receive, child in zip(pipes, children, strict=True):
            outcome = receive.recv()
            child.join()
            if isinstance(outcome, BaseException):
                raise outcome
            segment, counts, child_digests = outcome
            segments.append(segment)
            if digests is not None:
                digests.update(child_digests)
            for word, n in counts.items():
                words[word] = words.get(word, 0) + n
    except BaseException:
        for child in children:
            child.kill()
            child.join()
        writer.cancel()
        raise
    writer._commit_toc(segments)
    writer._finish()
    write_words(path, words)
    return len(records)


def _write_slice(
    path: Path,
    records: Sequence[dict[str, Any]],
    limitmb: int,
    send: Any,
    with_digests: bool,
) -> None:
    """In a child process: write ``records`` as one segment and send it back, with their
    word counts and (``with_digests``) record digests."""
    from whoosh.writing import SegmentWriter

    try:
        ix = whoosh_index.open_dir(str(path))
        writer = SegmentWriter(ix, _lk=False, limitmb=limitmb, compound=False)
        words: dict[str, int] = {}
        digests: dict[str, str] | None = {} if with_digests else None
        _add_documents(writer, records, words, digests=digests)
        send.send((writer._finalize_segment(), words, digests))
    except BaseException as exc:  # the parent re-raises it
        send.send(exc)
    finally:
        send.close()


class SpooledRecords(Sequence[dict[str, Any]]):
    """Records held on disk as the JSON the index stores (:func:`record_json`), one a line.

    At archive scale the records as objects are gigabytes. Spooled, the process that made
    them keeps only each line's offset, index writers in other processes read their slice
    from the file, and each line is both the stored field and the digest's input, so the
    index is the one the records themselves would give.
    """

    def __init__(self, path: Path, offsets: array) -> None:
        self.path = path
        self.offsets = offsets  # where each line starts, and where the last one ends

    @classmethod
    def write(cls, path: Path, records: Iterable[dict[str, Any]]) -> SpooledRecords:
        offsets = array("q", [0])
        position = 0
        with open(path, "wb") as out:
            for record in records:
                line = record_json(record).encode("utf-8") + b"\n"
                out.write(line)
                position += len(line)
                offsets.append(position)
        return cls(path, offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> SpooledRecords: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | SpooledRecords:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                raise ValueError("spooled records are sliced in order only")
            return SpooledRecords(self.path, self.offsets[start : max(start, stop) + 1])
        i = range(len(self))[index]
        with open(self.path, "rb") as handle:
            handle.seek(self.offsets[i])
            return json.loads(handle.read(self.offsets[i + 1] - self.offsets[i]))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (record for record, _ in self.stored())

    def stored(self) -> Iterator[tuple[dict[str, Any], str]]:
        """Each record with the JSON it is stored as, in order."""
        with open(self.path, "rb") as handle:
            handle.seek(self.offsets[0])
            for _ in range(len(self)):
                line = handle.readline()[:-1].decode("utf-8")
                yield json.loads(line), line


def update_whoosh(
    path: Path, remove_ids: Iterable[str], records: Iterable[dict[str, Any]], *, limitmb: int = 128
) -> tuple[int, int]:
    """Delete records by id and add others, in place, in the (unpublished) build at ``path``."""
    ix = whoosh_index.open_dir(str(path))
    writer = ix.writer(limitmb=limitmb, compound=False)
    removed = added = 0
    try:
        for record_id in remove_ids:
            removed += writer.delete_by_term("id", record_id)
        add = fast_writer(writer).add
        for record in records:
            add(document(record))
            added += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return removed, added


# The article store -------------------------------------------------------------------------


@dataclass
class StoredArticle:
    """One article as the store keeps it, with what ingest needs to skip it next time.

    ``fingerprint`` covers the file and its sidecar; ``quotes`` are the article's records as
    the per-article stage left them (before the whole-archive stage), so an incremental ingest
    re-runs only the whole-archive stage for articles that did not change. They may be held
    as the JSON the store keeps instead (``quotes_json``, see :meth:`packed`): about half the
    memory of the dicts, and what workers send back; :meth:`records` reads either.
    """

    article: Article
    fingerprint: str
    quotes: list[dict[str, Any]] = field(default_factory=list)
    quotes_json: str | None = None

    def records(self) -> list[dict[str, Any]]:
        """The per-article records as dicts (parsed anew each call when held as JSON)."""
        return self.quotes if self.quotes_json is None else json.loads(self.quotes_json)

    def records_json(self) -> str:
        """The per-article records as the store keeps them."""
        if self.quotes_json is not None:
            return self.quotes_json
        return json.dumps(self.quotes, ensure_ascii=False)

    def packed(self) -> StoredArticle:
        """This article with its records held as JSON only."""
        return StoredArticle(self.article, self.fingerprint, [], self.records_json())

    def release(self) -> None:
        """Let go of the records and the body (once the store has them and the archive stage
        has read them): at archive scale both are gigabytes."""
        self.quotes, self.quotes_json = [], None
        self.article = replace(self.article, body="")


_ARTICLE_COLUMNS = (
    "id, path, title, source, author, url, date, content_hash, body, fingerprint, quotes"
)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path / ARTICLES_DB)
    db.execute(
        "CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, path TEXT, title TEXT,"
        " source TEXT, author TEXT, url TEXT, date TEXT, content_hash TEXT, body TEXT,"
        " fingerprint TEXT, quotes TEXT)"
    )
    db.execute("CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, digest TEXT)")
    return db


def write_articles(
    path: Path, articles: Iterable[StoredArticle], removed: Iterable[str] = ()
) -> None:
    """Add or replace articles in the build's store and drop the ``removed`` article ids."""
    with contextlib.closing(_connect(path)) as db:
        db.executemany("DELETE FROM articles WHERE id = ?", ((i,) for i in removed))
        db.executemany(
            f"INSERT OR REPLACE INTO articles ({_ARTICLE_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    a.id, a.path, a.title, a.source, a.author, a.url, a.date, a.content_hash,
                    a.body, s.fingerprint, s.records_json(),
                )
                for s in articles
                for a in [s.article]
            ),
        )
        db.commit()


def write_record_digests(
    path: Path, digests: dict[str, str], removed: Iterable[str] = ()
) -> None:
    """Remember which record version each indexed document holds (for the next incremental)."""
    with contextlib.closing(_connect(path)) as db:
        db.executemany("DELETE FROM records WHERE id = ?", ((i,) for i in removed))
        db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?)", digests.items())
        db.commit()


def _read_only(generation: Generation) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{generation.path / ARTICLES_DB}?mode=ro", uri=True)


def read_store(generation: Generation) -> tuple[dict[str, StoredArticle], dict[str, str]]:
    """Every stored article by path, and every indexed record's digest by record id.

    The articles come without their bodies (an incremental ingest never rewrites an article
    it did not read again, and at archive scale the bodies are hundreds of megabytes)."""
    columns = _ARTICLE_COLUMNS.replace("body", "''")
    with contextlib.closing(_read_only(generation)) as db:
        articles: dict[str, StoredArticle] = {}
        for row in db.execute(f"SELECT {columns} FROM articles"):
            *meta, body, fingerprint, quotes = row
            article_id, path, title, source, author, url, date, content_hash = meta
            article = Article(
                id=article_id, body=body, title=title, source=source, author=author, url=url,
                date=date, path=path, content_hash=content_hash,
            )
            articles[path] = StoredArticle(article, fingerprint or "", [], quotes or "[]")
        digests = dict(db.execute("SELECT id, digest FROM records"))
    return articles, digests


def read_fingerprints(generation: Generation) -> dict[str, str]:
    """Every stored article's fingerprint by path: all an unchanged archive needs to know."""
    with contextlib.closing(_read_only(generation)) as db:
        return {path: fp or "" for path, fp in db.execute("SELECT path, fingerprint FROM articles")}


def read_article_row(generation: Generation, article_id: str) -> dict[str, Any] | None:
    with contextlib.closing(_read_only(generation)) as db:
        db.row_factory = sqlite3.Row
        row = db.execute(
            "SELECT id, path, title, source, author, url, date, content_hash, body"
            " FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        return dict(row) if row else None


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    (path / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")


def build(
    index_dir: Path,
    records: Iterable[dict[str, Any]],
    articles: Iterable[StoredArticle] = (),
    *,
    procs: int = 1,
    manifest: dict[str, Any] | None = None,
) -> Generation:
    """Publish a generation holding ready-made records (benchmarks, tests, imports).

    Takes the writer lock like an ingest does; an ingest never reads these records back as
    per-article results, so the next ingest over it is a full one.
    """
    with writer_lock(index_dir):
        with building(index_dir) as path:
            count = write_whoosh(path, records, procs=procs)
            write_articles(path, articles)
            write_manifest(path, {"quotes": count, **(manifest or {})})
        return publish(index_dir, path)
