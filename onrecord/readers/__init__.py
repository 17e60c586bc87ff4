"""Readers: article files (``.txt``, ``.md``, ``.html``/``.htm``) in, :class:`Article` out.

A suffix picks the reader from :data:`READERS`; each returns the metadata the file declares
and its plain body text. :func:`read_article` adds the sidecar, the text's own clues and the
file name, merged by the precedence in :mod:`onrecord.readers.metadata`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import markdown

from onrecord.readers.decode import ReadError, decode_article_bytes
from onrecord.readers.html import body_text, parse, read_html
from onrecord.readers.metadata import (
    Meta,
    filename_meta,
    merge,
    sidecar_meta,
    split_front_matter,
    text_meta,
)
from onrecord.records import Article

__all__ = ["READERS", "ReadError", "read_article", "article_id"]

Reader = Callable[[str], tuple[Meta, str]]


def read_text(text: str) -> tuple[Meta, str]:
    meta, body = split_front_matter(text)
    return meta, body.strip("\n")


# Python-Markdown recurses once per list level and slows down steeply with depth; no article
# nests lists this deep, so deeper indentation is refused before it can stall an ingest.
MAX_LIST_INDENT = 200  # columns
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[*+-]|\d+[.)])[ \t]", re.MULTILINE)


def read_markdown(text: str) -> tuple[Meta, str]:
    """Render Markdown to HTML and reduce it, so quotes sit in plain paragraphs."""
    meta, body = split_front_matter(text)
    deepest = max((len(m.group(1).expandtabs(4)) for m in _LIST_ITEM.finditer(body)), default=0)
    if deepest > MAX_LIST_INDENT:
        raise ReadError(f"Markdown lists nested too deeply ({deepest} columns of indentation)")
    html = markdown.markdown(body, output_format="html")
    return meta, body_text(parse(html))


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}


def article_id(path: Path, root: Path) -> str:
    """The default id: the path relative to the archive root, without its extension."""
    relative = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    return relative.with_suffix("").as_posix()


def read_article(path: Path, root: Path | None = None) -> Article:
    """Read one article file; raises :class:`ReadError` with a reason a user can act on."""
    root = root or path.parent
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(
            f"unsupported file type {path.suffix!r}; expected one of {', '.join(READERS)}"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError("file disappeared while reading") from None
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror}") from None
    try:
        declared, body = reader(decode_article_bytes(data))
    except RecursionError:
        raise ReadError("markup nested too deeply to read") from None
    if not body.strip():
        raise ReadError("no article text found")
    meta = merge(sidecar_meta(path, root), declared, text_meta(body), filename_meta(path))
    relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    return Article(
        id=meta.get("id") or article_id(path, root),
        body=body,
        title=meta.get("title"),
        source=meta.get("source"),
        author=meta.get("author"),
        url=meta.get("url"),
        date=meta.get("date"),
        path=relative,
    )
