"""Article text as escaped HTML with quotes marked: the one place body text becomes markup.

Article bodies may contain HTML or script; every character of them goes through
:func:`markupsafe.escape` and only the ``<mark>`` and link tags written here are markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, zip_longest
from typing import Any

from markupsafe import Markup, escape

from onrecord.citations.formatted import nest_quotes


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    quote_id: str
    kind: str
    href: str
    label: str  # the speaker, shown after the quote's last part so a reader can check it by eye
    part: int = 1  # which part of a quotation split by its attribution (“A,” she said. “B.”)
    parts: int = 1


def locate(body: str, record: dict[str, Any]) -> list[tuple[int, int]]:
    """The spans of the record's parts in ``body``, or [] when the body no longer has them.

    A quotation split by its attribution has one span per part (``parts``); its ``text`` joins
    them and is not in the body. Records without ``parts`` (older indexes) are found by their
    offsets when they fit, else by their text's first match.
    """
    parts = [(int(a), int(b)) for a, b in record.get("parts") or () if 0 <= a < b <= len(body)]
    if parts and len(parts) == len(record.get("parts") or ()):
        return parts
    start, end, text = int(record.get("start") or 0), int(record.get("end") or 0), record["text"]
    if 0 <= start < end <= len(body) and body[start:end] == text:
        return [(start, end)]
    found = body.find(text) if text else -1
    return [(found, found + len(text))] if found >= 0 else []


def spans_of(body: str, record: dict[str, Any], href: str = "", label: str = "") -> list[Span]:
    """One :class:`Span` per part of ``record`` found in ``body``."""
    found = locate(body, record)
    return [
        Span(a, b, record["id"], record.get("kind") or "", href, label, k, len(found))
        for k, (a, b) in enumerate(found, start=1)
    ]


def _runs(spans: list[Span], offset: int, size: int) -> list[tuple[int, int, Span]]:
    """The text covered by ``spans`` cut into runs, each shown as the innermost span over it.

    A statement that contains another (a reported clause around a quotation, "she was
    “proud to be a Democrat”") keeps its marks on either side of the inner one, so every
    statement has a mark and no mark is nested in another.
    """
    inside = [s for s in spans if 0 <= s.start - offset < s.end - offset <= size]
    cuts = sorted({s.start - offset for s in inside} | {s.end - offset for s in inside})
    runs: list[tuple[int, int, Span]] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in inside if s.start - offset <= left and right <= s.end - offset]
        if not covering:
            continue
        span = min(covering, key=lambda s: (s.end - s.start, -s.start))
        if runs and runs[-1][2] is span and runs[-1][1] == left:
            runs[-1] = (runs[-1][0], right, span)
        else:
            runs.append((left, right, span))
    return runs


def mark_spans(body: str, spans: list[Span], *, offset: int = 0, links: bool = True) -> Markup:
    """``body`` escaped, with each span wrapped in ``<mark>`` (an inner span cuts the outer).

    ``offset`` is where ``body`` starts in the article (for a paragraph cut out of it). With
    ``links``, a quote's first part carries the ``q-ID`` anchor and its last part the speaker.
    """
    runs = _runs(spans, offset, len(body))
    last_run = {id(span): k for k, (_, _, span) in enumerate(runs)}
    anchored: set[int] = set()
    out: list[str] = []
    cursor = 0
    for k, (start, end, span) in enumerate(runs):
        out.append(str(escape(body[cursor:start])))
        inner = escape(body[start:end])
        quote = escape(span.quote_id)
        if links:
            anchor = ""
            if id(span) not in anchored:
                anchored.add(id(span))
                name = f"q-{quote}" if span.part == 1 else f"q-{quote}-{span.part}"
                anchor = f' id="{name}"'
            out.append(
                f'<mark{anchor} class="{escape(span.kind)}" data-quote="{quote}">'
                f'<a href="{escape(span.href)}">{inner}</a></mark>'
            )
            if span.part == span.parts and last_run[id(span)] == k:
                out.append(f'<a class="attr" href="{escape(span.href)}">{escape(span.label)}</a>')
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


_TAG = re.compile(r"<[^>]*>")


def _hole(text: str) -> str:
    """A character that stands for a tag while the text's quotation marks are read: the first
    private-use character the text does not hold itself (extraction masks quotes with U+E000,
    and a few such characters reach the index)."""
    return next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)


def quoted_html(text: Any) -> Markup:
    """A direct quotation's text as shown inside the page's own “…”: the quotation marks it
    contains become single ones (“has increased because of ‘easy money’”), as the citations
    write them (:func:`onrecord.citations.formatted.nest_quotes`). ``text`` is plain text or
    the escaped HTML of a highlight; tags are left as they are."""
    html = str(escape(text))
    tags = _TAG.findall(html)
    hole = _hole(html)
    bare = _TAG.sub(hole, html).replace("&#34;", '"').replace("&quot;", '"')
    parts = nest_quotes(bare).split(hole)
    return Markup("".join(chain.from_iterable(zip_longest(parts, tags, fillvalue=""))))
