"""Article text as escaped HTML with quotes marked: the one place body text becomes markup.

Article bodies may contain HTML or script; every character of them goes through
:func:`markupsafe.escape` and only the ``<mark>`` and link tags written here are markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    quote_id: str
    kind: str
    href: str
    label: str  # the speaker, shown after the mark so a reader can check it by eye


def locate(body: str, record: dict[str, Any]) -> tuple[int, int] | None:
    """The record's span in ``body``: its offsets when they fit, else its text's first match."""
    start, end, text = int(record.get("start") or 0), int(record.get("end") or 0), record["text"]
    if 0 <= start < end <= len(body) and body[start:end] == text:
        return start, end
    found = body.find(text) if text else -1
    return (found, found + len(text)) if found >= 0 else None


def mark_spans(body: str, spans: list[Span], *, offset: int = 0, links: bool = True) -> Markup:
    """``body`` escaped, with each span wrapped in ``<mark>``; overlapping spans are skipped.

    ``offset`` is where ``body`` starts in the article (for a paragraph cut out of it).
    """
    out: list[str] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = span.start - offset, span.end - offset
        if start < cursor or end > len(body) or start >= end:
            continue
        out.append(str(escape(body[cursor:start])))
        inner = escape(body[start:end])
        if links:
            out.append(
                f'<mark id="q-{escape(span.quote_id)}" class="{escape(span.kind)}">'
                f'<a href="{escape(span.href)}">{inner}</a></mark>'
                f'<a class="attr" href="{escape(span.href)}">{escape(span.label)}</a>'
            )
        else:
            out.append(f'<mark class="{escape(span.kind)}">{inner}</mark>')
        cursor = end
    out.append(str(escape(body[cursor:])))
    return Markup("".join(out))


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between line breaks) that contains ``start:end``."""
    left = body.rfind("\n", 0, start) + 1
    right = body.find("\n", end)
    return left, len(body) if right < 0 else right
