"""Small helpers the tests share."""

from __future__ import annotations

from pathlib import Path

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
