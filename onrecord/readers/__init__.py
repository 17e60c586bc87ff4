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

from onrecord.readers.decode import ReadError, decode_article_bytes, repair_mojibake
from onrecord.readers.guard import markdown_hazard
from onrecord.readers.html import body_text, parse, read_html
from onrecord.readers.metadata import (
    Meta,
    filename_meta,
    merge,
    outlet_name,
    sidecar_meta,
    split_front_matter,
    text_meta,
)
from onrecord.readers.paragraphs import plain_paragraphs
from onrecord.records import Article

__all__ = ["READERS", "ReadError", "read_article", "article_id"]

# A reader gives the metadata the file declares, its plain body text, and warnings on how it
# was read when it could be read only in part (Markdown read as plain text, say); a file that
# cannot be read at all raises ReadError.
Reader = Callable[[str], tuple[Meta, str, tuple[str, ...]]]


def read_text(text: str) -> tuple[Meta, str, tuple[str, ...]]:
    meta, body = split_front_matter(text)
    return meta, body.strip("\n"), ()


def read_markdown(text: str) -> tuple[Meta, str, tuple[str, ...]]:
    """Render Markdown to HTML and reduce it, so quotes sit in plain paragraphs.

    Input Python-Markdown would take minutes on, or recurse out of, is read as plain text
    instead, with a warning (see :mod:`onrecord.readers.guard`).
    """
    meta, body = split_front_matter(text)
    hazard = markdown_hazard(body)
    if hazard is None:
        source = _lines_as_paragraphs(body)
        plain = plain_paragraphs(source)
        if plain is not None:  # no markup: the paragraphs rendering would give, directly
            return meta, plain, ()
        try:
            html = markdown.markdown(source, output_format="html")
        except RecursionError:
            hazard = "Markdown nested too deeply to render"
        else:
            return meta, body_text(parse(html)), ()
    return meta, body.strip("\n"), (f"read as plain text: {hazard}",)


_SINGLE_NEWLINE = re.compile(r"(?<=\S)\n(?=[^\s\n])")


def _lines_as_paragraphs(body: str) -> str:
    """News exported one paragraph per line, with no blank line between (Markdown would
    join them into one paragraph, and the quotes of two speakers with them): when most lines
    are long prose lines rather than text wrapped at a width, each line is a paragraph."""
    lines = [line for line in body.split("\n") if line.strip()]
    if len(lines) < 3 or "\n\n" in body and body.count("\n\n") * 2 >= len(lines):
        return body  # blank lines already separate the paragraphs
    lengths = sorted(len(line) for line in lines)
    if lengths[len(lengths) // 2] <= 100:
        return body  # hard-wrapped text: its newlines are spaces
    return _SINGLE_NEWLINE.sub("\n\n", body)


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
    text, repaired = repair_mojibake(decode_article_bytes(data))
    try:
        declared, body, warnings = reader(text)
    except RecursionError:
        raise ReadError("markup nested too deeply to read") from None
    if not body.strip():
        raise ReadError("no article text found")
    if repaired:
        warnings = (*warnings, "repaired mis-decoded characters (mojibake such as 'Ã©')")
    meta = merge(sidecar_meta(path, root), declared, text_meta(body), filename_meta(path))
    relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    return Article(
        id=meta.get("id") or article_id(path, root),
        body=body,
        title=meta.get("title"),
        source=outlet_name(meta.get("source")),
        author=meta.get("author"),
        url=meta.get("url"),
        date=meta.get("date"),
        path=relative,
        warnings=warnings,
    )
