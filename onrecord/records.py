"""The record types every stage passes along: an article in, quote records out.

The JSON field names of :class:`Quote` are a contract read by the index, the exports, the web
front end and outside tools; add fields, never rename them.
"""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Literal

Kind = Literal["direct", "indirect"]


@dataclass(frozen=True)
class Article:
    """One article file reduced to plain body text plus its metadata.

    ``body`` is the text quotes are found in; every offset in a :class:`Quote` points into it.
    Paragraphs are separated by blank lines (``"\\n\\n"``) or single newlines as the source had
    them.
    """

    id: str
    body: str
    title: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD, or None when it could not be established
    path: str | None = None  # path relative to the archive root
    content_hash: str = ""
    # How the file was read when it was not read fully, e.g. Markdown read as plain text; shown
    # as ingest warnings when the file is read. Not kept in the index's article store.
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.content_hash:
            digest = hashlib.sha256(self.body.encode("utf-8")).hexdigest()[:16]
            object.__setattr__(self, "content_hash", digest)


@dataclass(slots=True)
class Quote:
    """One quote or reported statement, as stored in the index and exported.

    Slotted: an archive holds a million of these at once in the speaker stage, and a
    30-field instance dict is 1.4 KB more than its slots."""

    id: str
    text: str
    kind: Kind
    article: str
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_as_written: str | None = None
    speaker_kind: str | None = None  # person / organisation / group
    role: str | None = None
    description: str | None = None  # an appositive beside the role ("a Democrat from Aurora")
    # The speaker's role normalised by the registry ("Sen." -> "Senator"; junk -> None), for
    # facets; ``role`` stays as the article wrote it.
    speaker_role: str | None = None
    cue: str | None = None
    title: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    date: str | None = None
    topics: list[str] = field(default_factory=list)
    # How clearly the statement has each topic: the topic model's margin over its threshold
    # (0: given by the terms alone); search ranks statements found through a topic by it.
    topic_scores: dict[str, float] = field(default_factory=dict)
    context: str | None = None
    start: int = 0
    end: int = 0
    # Each part's [start, end] in the body: one part, or the parts of a quotation split by its
    # attribution (“A,” she said. “B.”), whose ``text`` joins them (attribution.joining).
    parts: list[list[int]] = field(default_factory=list)
    confidence: float = 0.0
    occurrences: int = 1  # times the same statement occurs in this article
    # Cross-article statement dedup (onrecord.speakers.statements): every occurrence of one
    # statement shares ``statement_id``; the earliest is ``canonical`` and ``also_in`` lists the
    # others as {article, source, date, title, quote}.
    statement_id: str | None = None
    also_in: list[dict[str, Any]] = field(default_factory=list)
    canonical: bool = True
    # Full names the article writes that a speaker written short ("Mr. McDonough", "The
    # Post") may stand for; set by the per-article stage for such speakers only, read by the
    # speaker registry (onrecord.speakers.article_names), empty in the index.
    name_candidates: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The record as a new dict, equal to what ``dataclasses.asdict`` gives, in a tenth
        of the time (``asdict`` deep-copies every value through a generic recursion)."""
        return {name: asdict_value(getattr(self, name)) for name in _QUOTE_FIELDS}

    def replaced(self, **changes: Any) -> Quote:
        """A shallow copy with ``changes``, as ``dataclasses.replace`` makes it (a Quote has
        no ``__post_init__``), at a fraction of its cost: the speaker stage copies every
        record."""
        copy_ = _copy_fields(self, object.__new__(Quote))
        for name, value in changes.items():
            setattr(copy_, name, value)
        return copy_

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        if cls is Quote and tuple(data) == _QUOTE_FIELDS:
            # a record as to_dict wrote it (every field, in order): its values are the
            # constructor's positional arguments, at half the cost of filtered keywords; the
            # archive stage reads every record back this way
            return cls(*data.values())
        return cls(**{k: v for k, v in data.items() if k in _QUOTE_FIELD_SET})


_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))
_QUOTE_FIELD_SET = frozenset(_QUOTE_FIELDS)


def _field_copier() -> Callable[[Quote, Quote], Quote]:
    """``copy(source, target)``: every field of ``source`` set on ``target``, one statement a
    field, written out as ``dataclasses`` writes ``__init__`` (four times quicker than a loop
    of ``getattr``/``setattr`` over the slots)."""
    lines = ["def copy(source, target):"]
    lines += [f"    target.{name} = source.{name}" for name in _QUOTE_FIELDS]
    lines.append("    return target")
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), namespace)  # the names are the dataclass's own fields
    return namespace["copy"]


_copy_fields = _field_copier()


_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


def asdict_value(value: Any) -> Any:
    """A copy of a field's value as ``dataclasses.asdict`` makes it: containers copied all
    the way down, immutable values shared."""
    kind = type(value)
    if kind in _IMMUTABLE:
        return value
    if kind is list or kind is tuple:
        return kind(asdict_value(v) for v in value)
    if kind is dict:
        return {asdict_value(k): asdict_value(v) for k, v in value.items()}
    return asdict(value) if is_dataclass(value) else copy.deepcopy(value)


def quote_id(article_id: str, start: int, end: int, text: str) -> str:
    """A stable id: the same article, span and text give the same id on every rebuild."""
    key = f"{article_id}\x00{start}\x00{end}\x00{text}".encode()
    return hashlib.sha1(key).hexdigest()[:12]


def slugify(name: str) -> str:
    """A URL-safe id for a name: ``"Miguel del Valle"`` -> ``"miguel-del-valle"``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or hashlib.sha1(name.encode()).hexdigest()[:8]
