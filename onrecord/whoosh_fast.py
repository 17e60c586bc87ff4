"""Add documents to a Whoosh segment writer in a fifth of the time ``add_document`` takes.

Whoosh analyses text through a chain of generator filters that set attributes on a Token
object per word, asks every field for its postings through three layers of generators, and
re-encodes the same date eight times over for its numeric tiers. :class:`FastAdder` gives the
writer exactly the postings, lengths, stored values and column values ``add_document`` would
(posting for posting, byte for byte: ``tests/test_whoosh_fast.py`` writes the same documents
both ways and compares the segment files; the one deliberate difference, small posting
blocks left uncompressed, :data:`MIN_COMPRESSED`, changes bytes but nothing a reader reads),
from fast paths for the analyzers and formats this
schema uses: one regular-expression ``findall`` per text, a cache of each word's lowercased,
stop-filtered, stemmed term, positions numbered directly, and a cache of each date's tier
postings. A field whose type or analyzer it does not know is indexed by Whoosh itself.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Sequence
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
from whoosh.codec import whoosh3
from whoosh.columns import NumericColumn
from whoosh.lang.porter import stem as porter_stem
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.util.numlists import delta_encode
from whoosh.writing import PostingPool, SegmentWriter

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
    terms: dict[str, bytes] = {}  # word as written -> its term, encoded, or b"" (stopped)
    findall = WORDS.findall
    dumps = pickle.dumps
    # A term's value when it occurs once, by its position, less its frequency: each value
    # must stay a new bytes object (pickle writes a repeated object as a back-reference).
    once: dict[int, bytes] = {}
    one = pack_uint(1)
    once_weight = 1.0 * boost

    def term_of(word: str) -> bytes:
        low = word.lower()
        found = lowered.get(low, "")
        if found == "":
            found = lower_term(low)
        terms[word] = encoded = (found or _STOPPED).encode("utf-8")
        return encoded

    def index(value: str) -> list[Posting]:
        if type(value) is not str:
            return list(field.index(value))
        poses: dict[bytes, list[int]] = {}
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
            n = len(plist)
            if n == 1:
                p = plist[0]
                encoded = once.get(p)
                if encoded is None:
                    encoded = once[p] = dumps(plist, 2)
                postings.append((term, 1, once_weight, one + encoded))
                continue
            deltas = [plist[0]] + [b - a for a, b in zip(plist, plist[1:], strict=False)]
            postings.append((term, n, float(n) * boost, pack_uint(n) + dumps(deltas, 2)))
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


class GroupedPostings:
    """A segment's postings by field and term, each term's as ``(docnum, weight, value)`` in
    document order: what :class:`FastAdder` gives the commit instead of sorted tuples."""

    def __init__(self, terms: dict[str, dict[bytes, list[tuple[int, float, bytes]]]]) -> None:
        self.terms = terms


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
                whoosh3._lenfield(name),
            )
        # whoosh's own per-document writer: stored values, lengths and column values are
        # given to it directly (its add_field and add_column_value, less three calls each)
        self.direct = type(writer.perdocwriter) is whoosh3.W3PerDocWriter
        # Postings grouped by field and term as they are added, for whoosh's own segment
        # writer (whose commit reads them through ``pool.iter_postings``): the commit then
        # writes each term's list as it stands instead of sorting every posting as a tuple
        # (they arrive in document order, so each list is sorted already).
        self.terms: dict[str, dict[bytes, list[tuple[int, float, bytes]]]] = {}
        self.grouped = type(writer) is SegmentWriter and type(self.pool) is PostingPool
        if self.grouped:
            self.pool.iter_postings = self._iter_postings

    def _iter_postings(self) -> Any:
        """What the commit writes: the grouped postings when nothing else is in the pool;
        otherwise (postings of merged segments, runs spilled to disk) all of them as the
        pool's sorted tuples."""
        pool = self.pool
        if not pool.runs and not pool.current:
            return GroupedPostings(self.terms)
        self._spill()
        return PostingPool.iter_postings(pool)

    def _spill(self) -> None:
        """Move the grouped postings into the pool as whoosh's tuples."""
        self.pool.current.extend(
            (name, term, docnum, weight, vbytes)
            for name, terms in self.terms.items()
            for term, postings in terms.items()
            for docnum, weight, vbytes in postings
        )
        self.terms = {}

    def _cancel(self, docnum: int, start: int) -> None:
        """Take back the postings of a document that failed half-way."""
        del self.pool.current[start:]
        for terms in self.terms.values():
            for term in [t for t, postings in terms.items() if postings[-1][0] == docnum]:
                terms[term].pop()
                if not terms[term]:
                    del terms[term]

    def add(self, doc: dict[str, Any]) -> None:
        writer = self.writer
        pool = self.pool
        perdoc = writer.perdocwriter
        docnum = writer.docnum
        current = pool.current
        start = len(current)
        size = 0
        names = set()
        grouped = self.grouped
        for name in doc:
            if name not in self.fields:
                raise wf.UnknownFieldError(f"no field named {name!r} in the schema")
        perdoc.start_doc(docnum)
        if self.direct:
            storedfields = perdoc._storedfields
            fieldlengths = perdoc._fieldlengths
            colwriters = perdoc._colwriters
        try:
            for name in sorted(doc):  # whoosh's order: the stored values keep it
                value = doc[name]
                if value is None:
                    continue
                field, indexer, scorable, stored, column, to_column, lenname = self.fields[name]
                length = 0
                if indexer is not None:
                    postings = indexer(value)
                    if postings:
                        names.add(name)
                        fixed = _POOL_ITEM + len(name)
                        if grouped:
                            terms = self.terms.get(name)
                            if terms is None:
                                terms = self.terms[name] = {}
                            for term, freq, weight, vbytes in postings:
                                found = terms.get(term)
                                if found is None:
                                    terms[term] = [(docnum, weight, vbytes)]
                                else:
                                    found.append((docnum, weight, vbytes))
                                size += fixed + 2 * len(term) + len(vbytes)
                                if scorable:
                                    length += freq
                        else:
                            for term, freq, weight, vbytes in postings:
                                current.append((name, term, docnum, weight, vbytes))
                                size += fixed + 2 * len(term) + len(vbytes)
                                if scorable:
                                    length += freq
                if not self.direct:
                    perdoc.add_field(name, field, value if stored else None, length)
                    if column is not None:
                        perdoc.add_column_value(name, column, to_column(value))
                    continue
                if stored:
                    storedfields[name] = value
                if length:
                    lengthbyte = length_to_byte(length)
                    colwriter = colwriters.get(lenname)
                    if colwriter is None:
                        perdoc.add_column_value(lenname, whoosh3.LENGTHS_COLUMN, lengthbyte)
                    else:
                        colwriter.add(docnum, lengthbyte)
                    fieldlengths[name] += length
                if column is not None:
                    colwriter = colwriters.get(name)
                    if colwriter is None:
                        perdoc.add_column_value(name, column, to_column(value))
                    else:
                        colwriter.add(docnum, to_column(value))
        except Exception:
            perdoc.cancel_doc()
            self._cancel(docnum, start)
            raise
        perdoc.finish_doc()
        pool.fieldnames.update(names)
        pool.currentsize += size
        if pool.currentsize > pool.limit:
            if grouped:
                self._spill()
            pool.save()
        writer._added = True
        writer.docnum = docnum + 1


def add_postings(fieldwriter: Any, schema: Any, lengths: Any, items: Any) -> None:
    """Whoosh 2.7's ``FieldWriter.add_postings`` for its W3 codec, with the per-posting and
    per-term calls inlined: the same blocks, terms and statistics (byte for byte with
    :data:`MIN_COMPRESSED` at 0).

    Whoosh looks up the document's field length on disk for every posting (a seek and a read
    per posting, unscorable fields included); here each field's lengths are read once. A
    term whose postings fit in one block (nearly all: most terms of an archive are ids,
    names and rare words with one or two postings) is written by :class:`_TermWriter` in
    one go, where whoosh's postings writer, term info and hash writer take a dozen method
    calls a term; longer lists go through whoosh's own postings writer. Postings come from
    the writer's pool, already sorted.
    """
    terms = _TermWriter(fieldwriter)
    if isinstance(items, GroupedPostings):
        for fieldname in sorted(items.terms):
            fieldwriter.start_field(fieldname, schema[fieldname])
            terms.start_field()
            lens = _field_lengths(lengths, fieldname)
            fieldterms = items.terms[fieldname]
            for btext in sorted(fieldterms):
                ids, weights, values = zip(*fieldterms[btext], strict=True)
                terms.write(btext, ids, weights, values, lens)
            fieldwriter.finish_field()
        return
    lastfn: str | None = None
    lasttext: bytes | None = None
    lens: list[Any] | None = None
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    for fieldname, btext, docnum, weight, value in items:
        if fieldname != lastfn:
            if lasttext is not None:
                terms.write(lasttext, ids, weights, values, lens)
            if lastfn is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            terms.start_field()
            lastfn, lasttext = fieldname, None
            lens = _field_lengths(lengths, fieldname)
        if docnum == -1:  # whoosh's marker for a spelling word, not a posting
            continue
        if btext != lasttext:
            if lasttext is not None:
                terms.write(lasttext, ids, weights, values, lens)
            lasttext = btext
            ids, weights, values = [docnum], [weight], [value]
        else:
            ids.append(docnum)
            weights.append(weight)
            values.append(value)
    if lasttext is not None:
        terms.write(lasttext, ids, weights, values, lens)
    if lastfn is not None:
        fieldwriter.finish_field()


# A block of postings whose pickle is shorter than this is written uncompressed, as whoosh's
# writer means to for the smallest (its "less than 20 bytes, don't bother compressing" is
# overwritten on the next line, so it compresses every block). Each block says whether it is
# compressed and whoosh's reader reads both kinds, so what a search reads is the same. Most
# blocks hold one or two postings: an id's pickle is 14 bytes (22 compressed), a word's once
# in a document 73 (73). Below 128 bytes zlib saves next to nothing and cost a sixth of the
# index write; the train index's postings file is still 2% smaller than whoosh's.
# 0: compress every block, as whoosh does (byte for byte).
MIN_COMPRESSED = 128
_BLOCK_MAGIC = b"W3Bl"  # whoosh3.WHOOSH3_HEADER_MAGIC: the start of a term's postings
_TERM_INFO = struct.Struct("!BfIBBfII")  # whoosh3.W3TermInfo._struct
_LENGTHS = struct.Struct("!ii")  # filetables._lengths: a hash entry's key and value sizes


class _TermWriter:
    """Writes one term's postings, term info and hash entry as whoosh's W3 field writer
    does with ``start_term``, ``add`` per posting and ``finish_term``, for the field the
    field writer has started."""

    def __init__(self, fieldwriter: Any) -> None:
        codec = fieldwriter._codec
        self.fieldwriter = fieldwriter
        self.blocklimit: int = codec._blocklimit
        self.compression: int = codec._compression
        self.min_compressed = MIN_COMPRESSED
        self.postfile = fieldwriter._postfile
        self.tindex = fieldwriter._tindex
        self.md5 = self.tindex.hashtype == 0  # else the hash writer's own function
        self.prefix = b""
        self.fixedsize: int | None = None

    def start_field(self) -> None:
        fieldwriter = self.fieldwriter
        self.prefix = pack_ushort(fieldwriter._fieldid)
        self.fixedsize = fieldwriter._format.fixed_value_size()

    def write(
        self,
        btext: bytes,
        ids: Sequence[int],
        raw: Sequence[float],
        values: Sequence[bytes],
        lens: list[Any] | None,
    ) -> None:
        """One term: its documents, weights as the pool gives them, encoded values, and the
        field's lengths by document (None when the field has none)."""
        postfile = self.postfile
        startoffset = postfile.tell()
        limit = self.blocklimit
        count = len(ids)
        chunks: list[bytes] = [_BLOCK_MAGIC]
        # the term info's statistics, gathered block by block as W3TermInfo.add_block does
        weight: Any = 0
        minlength: Any = None
        maxlength: Any = 0
        maxweight: Any = 0
        for start in range(0, count, limit):
            stop = min(count, start + limit)
            block = self._block(ids[start:stop], raw[start:stop], values[start:stop], lens)
            data, bweight, bmin, bmax, bmaxweight = block
            if stop == count:  # the last block's length is written negative
                chunks.append(pack_int(-len(data)))
            else:
                chunks.append(pack_int(len(data)))
            chunks.append(data)
            weight += bweight
            minlength = bmin if minlength is None else min(minlength, bmin)
            maxlength = max(maxlength, bmax)
            maxweight = max(maxweight, bmaxweight)
        written = b"".join(chunks)
        postfile.write(written)
        info = _TERM_INFO.pack(
            False, weight, count,
            0 if minlength is None else length_to_byte(minlength), length_to_byte(maxlength),
            maxweight, ids[0], ids[-1],
        )  # fmt: skip
        extent = pack_long(startoffset) + pack_int(len(written))
        self._add_term(self.prefix + btext, info + extent)

    def _block(
        self,
        ids: Sequence[int],
        raw: Sequence[float],
        values: Sequence[bytes],
        lens: list[Any] | None,
    ) -> tuple[bytes, float, Any, Any, Any]:
        """W3PostingsWriter._write_block for one block: its info and data as written, and
        its statistics (sum of weights, shortest and longest length, highest weight)."""
        count = len(ids)
        # what add_posting gathers: the highest raw weight (from 0), the shortest and
        # longest non-zero field length
        top = max(raw)
        maxweight: Any = top if top > 0 else 0
        minlength: Any = None
        maxlength = 0
        if lens is not None:
            present = [length for d in ids if (length := lens[d])]
            if present:
                minlength, maxlength = min(present), max(present)
        # ids, weights (as 32-bit floats) and values minified, pickled and compressed
        weights = array("f", raw)
        fixedsize = self.fixedsize
        if fixedsize == 0:
            minivalues: Any = None
        elif fixedsize is None or fixedsize < 0:
            minivalues = tuple(v for v in values if v)
        else:
            minivalues = b"".join(values)
        if count == 1:
            miniids: tuple[int, ...] = (ids[0],)
            first = weights[0]
            miniweights: Any = None if first == 1.0 else first
        else:
            miniids = tuple(delta_encode(ids))
            first = weights[0]
            if all(w == 1.0 for w in weights):
                miniweights = None
            elif all(w == first for w in weights):
                miniweights = first
            else:
                miniweights = tuple(weights)
        databytes = pickle.dumps((miniids, miniweights, minivalues), 2)
        comp = self.compression if len(databytes) >= self.min_compressed else 0
        if comp:
            databytes = zlib.compress(databytes, comp)
        low, high = length_to_byte(minlength), length_to_byte(maxlength)
        infobytes = pickle.dumps((count, ids[-1], maxweight, comp, low, high), 2)
        return infobytes + databytes, sum(weights), minlength, maxlength, maxweight

    def _add_term(self, key: bytes, value: bytes) -> None:
        """OrderedHashWriter.add: the entry, its position in the key index, and its hash."""
        tindex = self.tindex
        if key <= tindex.lastkey:
            raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{key!r}")
        dbfile = tindex.dbfile
        position = dbfile.tell()
        tindex.index.append(position)
        dbfile.write(_LENGTHS.pack(len(key), len(value)) + key + value)
        if self.md5:  # filetables.md5_hash: the digest's last four bytes
            h = int.from_bytes(hashlib.md5(key, usedforsecurity=False).digest()[-4:], "big")
        else:
            h = tindex.hashfn(key)
        tindex.buckets[h & 255].append((h, position))
        tindex.lastkey = key


def _field_lengths(lengths: Any, fieldname: str) -> list[Any] | None:
    """Every document's length in ``fieldname`` as whoosh reads it per posting, or None when
    no document has one (unscorable fields)."""
    if not lengths:
        return None
    count = lengths.doc_count_all()
    column = _length_bytes(lengths, fieldname, count)
    if column is not None:
        found = [byte_to_length(b) if b else None for b in column]
    else:
        found = [lengths.doc_field_length(d, fieldname) for d in range(count)]
    return found if any(found) else None


def _length_bytes(lengths: Any, fieldname: str, count: int) -> bytes | None:
    """The field's length column read in one piece, a byte per document (0 past its end or
    when there is none), where whoosh keeps it as its one-byte numeric column; None for any
    other reader, to be read per document."""
    if type(lengths) is not whoosh3.W3PerDocReader:
        return None
    reader = lengths._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if reader is None:
        return bytes(count)
    if type(reader) is not NumericColumn.Reader or reader._fixedlen != 1:
        return None
    stored = min(reader._count, count)
    data = reader._dbfile.get(reader._basepos, stored) if stored else b""
    return data + bytes(count - len(data))


def fast_writer(writer: Any) -> FastAdder:
    """Make ``writer`` (a whoosh SegmentWriter) write its postings with :func:`add_postings`
    and return its :class:`FastAdder` (one per writer: the adder holds the postings added
    until the commit)."""
    found = getattr(writer, "_onrecord_adder", None)
    if found is not None:
        return found
    fieldwriter = writer.fieldwriter
    fieldwriter.add_postings = lambda schema, lengths, items: add_postings(
        fieldwriter, schema, lengths, items
    )
    adder = writer._onrecord_adder = FastAdder(writer)
    return adder
