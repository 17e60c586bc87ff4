"""Add documents to a Whoosh segment writer in a fifth of the time ``add_document`` takes.

Whoosh analyses text through a chain of generator filters that set attributes on a Token
object per word, asks every field for its postings through three layers of generators, and
re-encodes the same date eight times over for its numeric tiers. :class:`FastAdder` gives the
writer exactly the postings, lengths, stored values and column values ``add_document`` would
(posting for posting, byte for byte: ``tests/test_whoosh_fast.py`` writes the same documents
both ways and compares the segment files), from fast paths for the analyzers and formats this
schema uses: one regular-expression ``findall`` per text, a cache of each word's lowercased,
stop-filtered, stemmed term, positions numbered directly, and a cache of each date's tier
postings. A field whose type or analyzer it does not know is indexed by Whoosh itself.
"""

from __future__ import annotations

import pickle
import re
import sys
from collections.abc import Callable
from typing import Any

from whoosh import fields as wf
from whoosh import formats
from whoosh.analysis import (
    IDAnalyzer,
    KeywordAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    SimpleAnalyzer,
    StandardAnalyzer,
    StemFilter,
    StemmingAnalyzer,
    StopFilter,
)
from whoosh.lang.porter import stem as porter_stem
from whoosh.system import pack_uint

Posting = tuple[bytes, int, float, bytes]  # (term, frequency, weight, encoded value)
Indexer = Callable[[Any], list[Posting]]

_DEFAULT_WORDS = RegexTokenizer().expression
# Whoosh's default token pattern, without its capturing group so ``findall`` gives whole matches.
WORDS = re.compile(_DEFAULT_WORDS.pattern.replace("(", "(?:"), _DEFAULT_WORDS.flags)
_COMMA_TOKENS = re.compile(r"[^,]+")
_STOPPED = ""  # the cached term of a word the stop filter drops
# Size whoosh's posting pool charges an item, less its field name, term and value lengths.
_POOL_ITEM = 150


WordTerm = Callable[[str], "str | None"]


def word_terms(analyzer: Any) -> tuple[dict[str, str | None], WordTerm, bool] | None:
    """Whoosh's usual text analysis, one word at a time: for a chain of its default-words
    RegexTokenizer, a LowercaseFilter, an optional StopFilter and an optional language-free
    StemFilter, ``(cache, term, stops)``: ``term(word)`` gives the index term of a lowercased
    word (None when the stop filter drops it) and remembers it in ``cache``; ``stops`` says
    whether a stop filter is in the chain. None for any other analyzer, to be run as it is.

    The index writer (below) and the topic tagger, which must stem exactly as the index,
    both read words through this one rule.
    """
    items = list(getattr(analyzer, "items", []))
    kinds = [type(item) for item in items]
    if kinds[:2] != [RegexTokenizer, LowercaseFilter] or items[0].gaps:
        return None
    if items[0].expression.pattern != _DEFAULT_WORDS.pattern:
        return None
    rest = items[2:]
    stop = rest.pop(0) if rest and type(rest[0]) is StopFilter else None
    stemmer = rest.pop(0) if rest and type(rest[0]) is StemFilter else None
    if rest or (stemmer is not None and stemmer.lang) or (stop is not None and not stop.renumber):
        return None
    stops = stop.stops if stop else frozenset()
    minsize = stop.min if stop else 0
    maxsize = stop.max if stop and stop.max is not None else sys.maxsize
    ignore = stemmer.ignore if stemmer else frozenset()
    stemfn = stemmer.stemfn if stemmer else None
    cache: dict[str, str | None] = {}

    def term(word: str) -> str | None:
        if len(cache) > 500_000:
            cache.clear()
        if not minsize <= len(word) <= maxsize or word in stops:
            found = None
        else:
            found = word if stemfn is None or word in ignore else stemfn(word)
        cache[word] = found
        return found

    return cache, term, stop is not None


def _positions_indexer(field: wf.FieldType, analyzer: Any) -> Indexer | None:
    """Postings with positions for an analyzer :func:`word_terms` reads (whoosh's Simple,
    Standard and Stemming analyzers with the Positions format); None for any other."""
    reading = word_terms(analyzer)
    if reading is None:
        return None
    lowered, lower_term, stops = reading
    boost = field.format.field_boost
    terms: dict[str, str] = {}  # word as written -> its term, or _STOPPED
    findall = WORDS.findall
    dumps = pickle.dumps

    def term_of(word: str) -> str:
        low = word.lower()
        found = lowered.get(low, "")
        if found == "":
            found = lower_term(low)
        terms[word] = found = found or _STOPPED
        return found

    def index(value: str) -> list[Posting]:
        if type(value) is not str:
            return list(field.index(value))
        poses: dict[str, list[int]] = {}
        get = terms.get
        pos = -1
        first = True
        for i, word in enumerate(findall(value)):
            term = get(word)
            if term is None:
                term = term_of(word)
            if not term:  # stopped
                continue
            if not stops:
                pos = i
            elif first:  # StopFilter(renumber=True): the first kept word keeps its number
                pos, first = i, False
            else:
                pos += 1
            found = poses.get(term)
            if found is None:
                poses[term] = [pos]
            else:
                found.append(pos)
        postings: list[Posting] = []
        for term, plist in poses.items():
            if len(plist) == 1:
                deltas = plist
            else:
                deltas = [plist[0]] + [b - a for a, b in zip(plist, plist[1:], strict=False)]
            n = len(plist)
            postings.append(
                (term.encode("utf-8"), n, float(n) * boost, pack_uint(n) + dumps(deltas, 2))
            )
        return postings

    return index


def _id_indexer(field: wf.FieldType) -> Indexer:
    boost = field.format.field_boost

    def index(value: str) -> list[Posting]:
        if type(value) is not str:
            return list(field.index(value))
        return [(value.encode("utf-8"), 1, boost, b"")]

    return index


def _keyword_indexer(field: wf.FieldType) -> Indexer:
    """Comma-separated, stripped, lowercased keywords with frequencies."""
    boost = field.format.field_boost

    def index(value: str) -> list[Posting]:
        if type(value) is not str:
            return list(field.index(value))
        freqs: dict[str, int] = {}
        for token in _COMMA_TOKENS.findall(value):
            token = token.strip().lower()
            freqs[token] = freqs.get(token, 0) + 1
        return [(t.encode("utf-8"), n, float(n) * boost, pack_uint(n)) for t, n in freqs.items()]

    return index


def _cached_indexer(field: wf.FieldType) -> Indexer:
    """Whoosh's own postings for a field, remembered per value (dates repeat per article)."""
    cache: dict[Any, list[Posting]] = {}

    def index(value: Any) -> list[Posting]:
        try:
            found = cache.get(value)
        except TypeError:  # a list of values: not hashable, not cached
            return list(field.index(value))
        if found is None:
            found = cache[value] = list(field.index(value))
        return found

    return index


def _whoosh_indexer(field: wf.FieldType) -> Indexer:
    return lambda value: list(field.index(value))


def indexer_for(field: wf.FieldType) -> Indexer | None:
    """The fast indexer giving what ``field.index`` gives, or None when the field is not
    indexed. Fields of a kind not recognised here get whoosh's own ``index``."""
    if not field.indexed:
        return None
    fmt, analyzer = field.format, getattr(field, "analyzer", None)
    if isinstance(field, wf.NUMERIC):
        return _cached_indexer(field)
    if type(fmt) is formats.Positions and analyzer is not None and (
        analyzer == StemmingAnalyzer() and _stem_is_porter(analyzer)
        or analyzer in (StandardAnalyzer(), SimpleAnalyzer())
    ):
        indexer = _positions_indexer(field, analyzer)
        if indexer is not None:
            return indexer
    if type(fmt) is formats.Existence and analyzer == IDAnalyzer():
        return _id_indexer(field)
    if type(fmt) is formats.Frequency and analyzer == KeywordAnalyzer(
        lowercase=True, commas=True
    ):
        return _keyword_indexer(field)
    return _whoosh_indexer(field)


def _stem_is_porter(analyzer: Any) -> bool:
    """True when the analyzer's stem filter stems with whoosh's Porter stemmer, all words."""
    stemmer = list(analyzer.items)[-1]
    return stemmer.stemfn is porter_stem and not stemmer.ignore and not stemmer.lang


class FastAdder:
    """``add(doc)`` does what ``writer.add_document(**doc)`` does, for plain documents: no
    boosts or ``_stored_`` overrides (field names starting with ``_`` are refused)."""

    def __init__(self, writer: Any) -> None:
        writer._check_state()
        self.writer = writer
        self.pool = writer.pool
        self.fields: dict[str, tuple[Any, ...]] = {}
        for name, field in writer.schema.items():
            column = field.column_type
            self.fields[name] = (
                field,
                indexer_for(field),
                field.scorable,
                field.stored,
                column,
                field.to_column_value if column else None,
            )

    def add(self, doc: dict[str, Any]) -> None:
        writer = self.writer
        pool = self.pool
        perdoc = writer.perdocwriter
        docnum = writer.docnum
        current = pool.current
        start = len(current)
        size = 0
        names = set()
        for name in doc:
            if name not in self.fields:
                raise wf.UnknownFieldError(f"no field named {name!r} in the schema")
        perdoc.start_doc(docnum)
        try:
            for name in sorted(doc):  # whoosh's order: the stored values keep it
                value = doc[name]
                if value is None:
                    continue
                field, indexer, scorable, stored, column, to_column = self.fields[name]
                length = 0
                if indexer is not None:
                    postings = indexer(value)
                    if postings:
                        names.add(name)
                        fixed = _POOL_ITEM + len(name)
                        for term, freq, weight, vbytes in postings:
                            current.append((name, term, docnum, weight, vbytes))
                            size += fixed + 2 * len(term) + len(vbytes)
                            if scorable:
                                length += freq
                perdoc.add_field(name, field, value if stored else None, length)
                if column is not None:
                    perdoc.add_column_value(name, column, to_column(value))
        except Exception:
            perdoc.cancel_doc()
            del current[start:]
            raise
        perdoc.finish_doc()
        pool.fieldnames.update(names)
        pool.currentsize += size
        if pool.currentsize > pool.limit:
            pool.save()
        writer._added = True
        writer.docnum = docnum + 1


def add_postings(fieldwriter: Any, schema: Any, lengths: Any, items: Any) -> None:
    """Whoosh 2.7's ``FieldWriter.add_postings`` for its W3 codec, with the per-posting calls
    inlined: the same blocks, terms and statistics, in a third of the time.

    Whoosh looks up the document's field length on disk for every posting (a seek and a read
    per posting, unscorable fields included); here each field's lengths are read once.
    Postings come from the writer's pool, already sorted.
    """
    lastfn: str | None = None
    lasttext: bytes | None = None
    postwriter: Any = None
    lens: list[Any] | None = None
    blocklimit = 0
    finish_term, finish_field = fieldwriter.finish_term, fieldwriter.finish_field
    start_term = fieldwriter.start_term
    for fieldname, btext, docnum, weight, value in items:
        if fieldname != lastfn:
            if lasttext is not None:
                finish_term()
            if lastfn is not None:
                finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lastfn, lasttext = fieldname, None
            postwriter = fieldwriter._postwriter
            blocklimit = postwriter._blocklimit
            lens = _field_lengths(lengths, fieldname)
        if docnum == -1:  # whoosh's marker for a spelling word, not a posting
            continue
        if btext != lasttext:
            if lasttext is not None:
                finish_term()
            start_term(btext)
            lasttext = btext
        if len(postwriter._ids) >= blocklimit:
            postwriter._write_block()
        postwriter._ids.append(docnum)
        postwriter._weights.append(weight)
        if weight > postwriter._maxweight:
            postwriter._maxweight = weight
        if value:
            postwriter._values.append(value)
        if lens is not None:
            length = lens[docnum]
            if length:
                low = postwriter._minlength
                if low is None or length < low:
                    postwriter._minlength = length
                if length > postwriter._maxlength:
                    postwriter._maxlength = length
    if lasttext is not None:
        finish_term()
    if lastfn is not None:
        finish_field()


def _field_lengths(lengths: Any, fieldname: str) -> list[Any] | None:
    """Every document's length in ``fieldname`` as whoosh reads it per posting, or None when
    no document has one (unscorable fields)."""
    if not lengths:
        return None
    found = [lengths.doc_field_length(d, fieldname) for d in range(lengths.doc_count_all())]
    return found if any(found) else None


def fast_writer(writer: Any) -> FastAdder:
    """Make ``writer`` (a whoosh SegmentWriter) write its postings with :func:`add_postings`
    and return a :class:`FastAdder` for it."""
    fieldwriter = writer.fieldwriter
    fieldwriter.add_postings = lambda schema, lengths, items: add_postings(
        fieldwriter, schema, lengths, items
    )
    return FastAdder(writer)
