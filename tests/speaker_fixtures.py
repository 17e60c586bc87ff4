"""Hand-built quote records for the speaker tests (what attribution would emit)."""

from __future__ import annotations

from itertools import count

from onrecord.records import Quote, quote_id

_positions = count(100, 100)


def q(
    article: str,
    text: str,
    speaker: str | None,
    *,
    written: str | None = None,
    role: str | None = None,
    kind: str = "direct",
    speaker_kind: str | None = "person",
    date: str | None = None,
    source: str | None = None,
    title: str | None = None,
    topics: list[str] | None = None,
    start: int | None = None,
) -> Quote:
    """One quote record; ``start`` defaults to increasing positions so order is as written."""
    start = next(_positions) if start is None else start
    return Quote(
        id=quote_id(article, start, start + len(text), text),
        text=text,
        kind=kind,
        article=article,
        speaker=speaker,
        speaker_as_written=written or speaker,
        speaker_kind=speaker_kind if speaker else None,
        role=role,
        source=source,
        title=title,
        published=date,
        date=date,
        topics=topics or [],
        start=start,
        end=start + len(text),
    )
