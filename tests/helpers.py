"""Small helpers the tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.attribution import extract
from onrecord.citations.engine import CitationEngineError, find_pandoc
from onrecord.records import Article

REPO = Path(__file__).resolve().parent.parent
# The two seed articles, kept apart from the project's archive/ so that a user adding articles
# or a speakers.toml there never changes what the tests see.
SEED_ARCHIVE = REPO / "tests" / "data" / "archive"


def write(path: Path, content: str | bytes) -> Path:
    """Write a test file, creating folders; bytes are written as they are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _have_pandoc() -> bool:
    try:
        find_pandoc()
    except CitationEngineError:
        return False
    return True


HAVE_PANDOC = _have_pandoc()
# The formatted citation styles run pandoc (pypandoc-binary); without it their tests skip.
needs_pandoc = pytest.mark.skipif(not HAVE_PANDOC, reason="pandoc (pypandoc-binary) missing")


def extract_body(body: str, article_id: str = "t1", date: str = "2016-02-06") -> list:
    """The quotes attribution finds in one article made of `body`."""
    return extract(Article(id=article_id, body=body, date=date))


def speaker_starting(quotes: list, start: str) -> str | None:
    """The speaker of the first quote whose text starts with `start`."""
    return next(q.speaker for q in quotes if q.text.startswith(start))
