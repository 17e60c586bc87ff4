"""The stages every article and the whole archive go through, in order, in one place.

Per article: attribution (``onrecord.attribution.extract``), then topics. Across the archive:
speaker identity and statement de-duplication (``onrecord.speakers``), with the human
corrections of ``archive/speakers.toml`` applied. Ingest, ``onrecord extract`` and the
evaluation script all call these two functions, so they always agree.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from onrecord.attribution import extract
from onrecord.records import Article, Quote
from onrecord.speakers import CURATION_FILE, Registry, build_registry, load_curation
from onrecord.speakers.article_names import name_candidates
from onrecord.topics import load_taxonomy


@dataclass
class ArchiveResult:
    quotes: list[Quote]
    registry: Registry


def process_article(article: Article, archive: Path | None = None) -> list[Quote]:
    """Everything done to one article alone: attribution, the full names a speaker written
    short may stand for (read by the archive stage, which never sees the text), then topics."""
    taxonomy = load_taxonomy(archive)
    quotes = extract(article)
    name_candidates(article.body, quotes)
    # one call for the article: its statements share context sentences and one matrix product
    tags = taxonomy.scored_many([(quote.text, quote.context) for quote in quotes])
    for quote, scored in zip(quotes, tags, strict=True):
        quote.topics = list(scored)
        quote.topic_scores = {key: round(score, 2) for key, score in scored.items()}
    return quotes


def process_archive(quotes: Iterable[Quote], archive: Path | None = None) -> ArchiveResult:
    """Everything that needs all articles at once; records come back in a stable order.
    ``quotes`` is read once (ingest gives a stream, so the per-article copies go as read).

    Raises :class:`onrecord.speakers.CurationError` when ``speakers.toml`` is invalid, before
    anything is written.
    """
    curation = load_curation(archive / CURATION_FILE) if archive else None
    with few_full_collections():  # it copies every record and makes a mention of each
        registry, resolved = build_registry(quotes, curation)
    resolved.sort(key=lambda q: (q.article, q.start, q.id))
    return ArchiveResult(resolved, registry)


def warm_archive_stage() -> None:
    """Load what the whole-archive stage reads once per process (the given-name list, 0.1 CPU
    s): a process waiting for its workers to read articles does it meanwhile, instead of
    after them (the workers load their own copy for the per-article stage)."""
    from onrecord.speakers.gender import load_given_names

    load_given_names()


# Python's collector looks through every object the process holds (the lexicons, the topic
# model, the records so far) each time the oldest generation's counter runs over: eight times
# in the 840 PolNeAR train articles, 0.7 CPU s, a tenth of ``onrecord extract``. Reading
# articles makes few reference cycles (under 40,000 objects in those 840 articles), so ten
# times fewer full collections cost little memory.
FULL_COLLECTION_EVERY = 100  # young collections; Python's default is 10


@contextmanager
def few_full_collections() -> Iterator[None]:
    """Around a batch of articles: the garbage collector's full passes ten times rarer."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, FULL_COLLECTION_EVERY))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)
