"""The fast Whoosh writer (:mod:`onrecord.whoosh_fast`) writes the files Whoosh would, byte
for byte: the same documents go through ``add_document`` and the fast adder, and every file
of the two segments is compared. The one difference it makes on purpose, small posting blocks
left uncompressed (``MIN_COMPRESSED``), is turned off for those comparisons and checked
separately: every term's postings and statistics read back the same."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index

from onrecord import index as idx
from onrecord import whoosh_fast
from onrecord.readers import read_article
from onrecord.whoosh_fast import fast_writer
from tests.helpers import SEED_ARCHIVE

# Prose with what the analyzers treat specially: stop words and one-letter words, case,
# dotted and starred tokens, digits, accents and letters whose lowercase is longer,
# punctuation, repeats (positions), commas and spaces (keywords).
WORDS = [
    "the", "a", "I", "of", "Budget", "budget", "budgets", "running", "ran", "U.S.", "e.g",
    "3.5", "2019", "x*y", "*", "caf\u00e9", "CAF\u00c9", "\u0130stanbul", "stra\u00dfe", "\u00df",
    "n't", "'s", "-", ",", ".", "...", " ", "  ", "\n", "\u201c", "\u201d", "schools", "said",
    "Sen.", "Mr", "O'Rourke", "well-known", "\u4e2d\u6587", "_", "__init__",
]
text = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
maybe_text = st.one_of(st.just(""), text)
topics = st.lists(st.sampled_from(["economy", "Health", "crime", " spaced ", ""]), max_size=3)
dates = st.one_of(
    st.none(),
    st.dates(min_value=__import__("datetime").date(1990, 1, 1)).map(lambda d: d.isoformat()),
)


@st.composite
def records(draw: Any) -> list[dict[str, Any]]:
    count = draw(st.integers(min_value=1, max_value=12))
    out = []
    for n in range(count):
        out.append(
            {
                "id": f"q{n}",
                "text": draw(text),
                "speaker": draw(maybe_text),
                "speaker_as_written": draw(st.one_of(st.none(), text)),
                "speaker_id": draw(st.sampled_from(["", "p:jane-doe", "p:\u00e9lise"])),
                "role": draw(st.one_of(st.none(), text)),
                "source": draw(st.one_of(st.none(), st.just("The Hill"), text)),
                "kind": draw(st.sampled_from(["direct", "indirect", ""])),
                "topics": draw(topics),
                "article": draw(st.sampled_from(["a1", "a2", ""])),
                "date": draw(dates),
                "start": draw(st.integers(min_value=0, max_value=10**6)),
                "canonical": draw(st.sampled_from([True, False, None])),
            }
        )
    return out


@pytest.fixture(autouse=True, scope="module")
def compress_every_block() -> Iterator[None]:
    """Every posting block compressed, as whoosh writes them, for the byte comparisons."""
    kept = whoosh_fast.MIN_COMPRESSED
    whoosh_fast.MIN_COMPRESSED = 0
    yield
    whoosh_fast.MIN_COMPRESSED = kept


def segment_files(records: list[dict[str, Any]], fast: bool) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        ix = whoosh_index.create_in(tmp, idx.make_schema())
        writer = ix.writer(compound=False)
        if fast:
            add = fast_writer(writer).add
            for record in records:
                add(idx.document(record))
        else:
            for record in records:
                writer.add_document(**idx.document(record))
        writer.commit()
        segment = writer.newsegment.segment_id()
        return {
            name.replace(segment, "SEGMENT"): (Path(tmp) / name).read_bytes()
            for name in os.listdir(tmp)
            if not name.endswith(".toc")
        }


def assert_same_files(records: list[dict[str, Any]]) -> None:
    slow, fast = segment_files(records, False), segment_files(records, True)
    assert sorted(slow) == sorted(fast)
    for name, data in slow.items():
        assert fast[name] == data, name


@settings(max_examples=60, deadline=None)
@given(records())
def test_generated_documents_give_the_same_segment_files(batch: list[dict[str, Any]]) -> None:
    assert_same_files(batch)


def test_seed_articles_sentences_give_the_same_segment_files() -> None:
    batch = []
    for path in sorted(SEED_ARCHIVE.glob("*.txt")):
        body = read_article(path, SEED_ARCHIVE).body
        for n, sentence in enumerate(body.split(". ")):
            batch.append(
                {"id": f"{path.stem}-{n}", "text": sentence, "speaker": sentence[:40],
                 "role": sentence[-30:], "date": "2019-10-0" + str(1 + n % 9), "start": n}
            )
    assert len(batch) > 20
    assert_same_files(batch)


def test_terms_of_more_than_one_block_give_the_same_segment_files() -> None:
    # whoosh writes a term's postings 128 to a block: terms in exactly one full block, one
    # more than that, and several blocks, with field lengths and weights that vary
    for count in (128, 129, 300):
        batch = [
            {
                "id": f"q{n}",
                "text": " ".join(["budget"] * (1 + n % 4) + [f"word{n % 7}"] * (n % 3)),
                "speaker": "Jane Doe" if n % 5 else "Jane Q. Doe of Denver",
                "speaker_id": "p:jane-doe",
                "kind": "direct",
                "topics": ["economy"] + (["crime"] if n % 2 else []),
                "article": f"a{n // 10}",
                "date": f"2019-10-0{1 + n % 9}",
                "start": n,
                "canonical": n % 2 == 0,
            }
            for n in range(count)
        ]
        assert_same_files(batch)


def many_records(count: int) -> list[dict[str, Any]]:
    return [
        {"id": f"q{n}", "text": f"the budget of {n % 13} schools", "speaker": f"Jane {n % 5}",
         "date": f"2019-10-0{1 + n % 9}", "start": n, "topics": ["economy"]}
        for n in range(count)
    ]


def written_files(write: Any) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        ix = whoosh_index.create_in(tmp, idx.make_schema())
        writer = ix.writer(compound=False)
        write(writer)
        writer.commit()
        segment = writer.newsegment.segment_id()
        return {
            name.replace(segment, "SEGMENT"): (Path(tmp) / name).read_bytes()
            for name in os.listdir(tmp)
            if not name.endswith(".toc")
        }


def test_postings_spilled_to_disk_runs_give_the_same_segment_files() -> None:
    # a pool limit of a few kilobytes: the grouped postings go to whoosh's sorted runs on
    # disk several times and are merged at commit
    batch = many_records(200)

    def slow(writer: Any) -> None:
        for record in batch:
            writer.add_document(**idx.document(record))

    def fast(writer: Any) -> None:
        writer.pool.limit = 4000
        add = fast_writer(writer).add
        for record in batch:
            add(idx.document(record))
        assert writer.pool.runs  # the spill happened

    assert written_files(slow) == written_files(fast)


def test_a_document_that_fails_half_way_leaves_no_postings() -> None:
    # (whoosh itself leaves the column values written before the failure, so only the
    # term and posting files are compared)
    batch = many_records(20)

    def good_only(writer: Any) -> None:
        add = fast_writer(writer).add
        for record in batch:
            add(idx.document(record))

    def with_failure(writer: Any) -> None:
        add = fast_writer(writer).add
        for n, record in enumerate(batch):
            if n == 7:
                broken = idx.document(record)
                broken["position"] = "not a number"  # fails after the fields before it
                try:
                    add(broken)
                except Exception:
                    pass
                else:
                    raise AssertionError("a bad column value was accepted")
            add(idx.document(record))

    def postings(files: dict[str, bytes]) -> dict[str, bytes]:
        return {k: v for k, v in files.items() if k.endswith((".trm", ".pst"))}

    good, failed = postings(written_files(good_only)), postings(written_files(with_failure))
    assert len(good) == 2
    assert good == failed


def read_postings(records: list[dict[str, Any]], fast: bool) -> dict[tuple[str, bytes], Any]:
    """Every term of every field with its statistics and postings, as a search reads them."""
    with tempfile.TemporaryDirectory() as tmp:
        ix = whoosh_index.create_in(tmp, idx.make_schema())
        writer = ix.writer(compound=False)
        if fast:
            add = fast_writer(writer).add
            for record in records:
                add(idx.document(record))
        else:
            for record in records:
                writer.add_document(**idx.document(record))
        writer.commit()
        out: dict[tuple[str, bytes], Any] = {}
        with ix.reader() as reader:
            for fieldname, term in reader.all_terms():
                info = reader.term_info(fieldname, term)
                matcher = reader.postings(fieldname, term)
                postings = []
                while matcher.is_active():
                    postings.append((matcher.id(), matcher.weight(), matcher.value()))
                    matcher.next()
                stats = (info.weight(), info.doc_frequency(), info.min_length(),
                         info.max_length(), info.max_weight(), info.min_id(), info.max_id())
                out[(fieldname, term)] = (stats, postings)
        return out


def test_small_blocks_left_uncompressed_read_back_the_same(
    compress_every_block: None,
) -> None:
    batch = many_records(300)  # terms with one posting, a few, and several blocks
    kept = whoosh_fast.MIN_COMPRESSED
    whoosh_fast.MIN_COMPRESSED = 128
    try:
        fast = read_postings(batch, True)
        with tempfile.TemporaryDirectory() as tmp:  # the setting is in use: a smaller file
            ix = whoosh_index.create_in(tmp, idx.make_schema())
            writer = ix.writer(compound=False)
            add = fast_writer(writer).add
            for record in batch:
                add(idx.document(record))
            writer.commit()
            small = sum(os.path.getsize(Path(tmp) / n) for n in os.listdir(tmp)
                        if n.endswith(".pst"))
    finally:
        whoosh_fast.MIN_COMPRESSED = kept
    slow = read_postings(batch, False)
    assert len(slow) > 100
    assert fast == slow
    with tempfile.TemporaryDirectory() as tmp:
        ix = whoosh_index.create_in(tmp, idx.make_schema())
        writer = ix.writer(compound=False)
        for record in batch:
            writer.add_document(**idx.document(record))
        writer.commit()
        whole = sum(os.path.getsize(Path(tmp) / n) for n in os.listdir(tmp) if n.endswith(".pst"))
    assert small < whole


def test_one_adder_per_writer() -> None:
    # documents added through two calls of fast_writer on one writer all reach the index
    batch = many_records(10)

    def twice(writer: Any) -> None:
        for record in batch[:5]:
            fast_writer(writer).add(idx.document(record))
        add = fast_writer(writer).add
        for record in batch[5:]:
            add(idx.document(record))

    def once(writer: Any) -> None:
        add = fast_writer(writer).add
        for record in batch:
            add(idx.document(record))

    assert written_files(twice) == written_files(once)
