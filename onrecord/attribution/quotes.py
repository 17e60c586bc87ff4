"""Stage 2: find quotation spans by their marks.

Handles curly (“ ”), straight ("), doubled ('' as some outlets print them) and guillemet (« »)
double marks, single marks (‘ ’ and ') in headlines, nested marks, quotations that run over
several paragraphs (each paragraph opens, only the last one closes) and broken marks: a closing
mark with no opening one is taken to open at the start of its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .segment import Span

MASK = "\ue000"

_DOUBLE = re.compile(r"“|”|«|»|''|\"|„")
_SINGLE = re.compile(r"‘|’|'")
_OPENERS = {"“", "«", "„"}
_CLOSERS = {"”", "»"}
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=\S)")


@dataclass(frozen=True)
class Quotation:
    """One quoted stretch inside a single paragraph.

    ``start``/``end`` include the marks; ``content_start``/``content_end`` do not.
    ``continued`` says the quotation goes on in the next paragraph (which opens again).
    """

    start: int
    end: int
    content_start: int
    content_end: int
    paragraph: int
    opened: bool = True
    closed: bool = True
    single: bool = False
    continued: bool = False

    @property
    def broken(self) -> bool:
        return not (self.opened and self.closed)


def _opens(text: str, pos: int, length: int) -> bool:
    """A straight mark opens when it stands before a word, after space or an opening bracket."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + length] if pos + length < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _closes(text: str, pos: int, length: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + length] if pos + length < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def find_quotations(
    body: str, paras: Sequence[Span], *, headline_singles: bool = True
) -> list[Quotation]:
    """Return the quotations of ``body`` in order.

    Args:
        body: the article text.
        paras: its paragraphs, from :func:`onrecord.attribution.segment.paragraphs`.
        headline_singles: also read single marks in the first paragraph, where headlines put
            quotations in single marks.
    """
    found: list[Quotation] = []
    for index, para in enumerate(paras):
        singles = headline_singles and index == 0 and not _DOUBLE.search(body, para.start, para.end)
        quotes, still_open = _scan(body, para, index, single=singles)
        if still_open and quotes:
            nxt = paras[index + 1] if index + 1 < len(paras) else None
            last = quotes[-1]
            if nxt is not None and _starts_with_opener(body, nxt.start):
                quotes[-1] = Quotation(
                    last.start,
                    last.end,
                    last.content_start,
                    last.content_end,
                    index,
                    last.opened,
                    False,
                    last.single,
                    continued=True,
                )
        found.extend(quotes)
    return found


def _starts_with_opener(body: str, pos: int) -> bool:
    return body.startswith(("“", "«", '"', "''"), pos)


def _scan(body: str, para: Span, index: int, *, single: bool) -> tuple[list[Quotation], bool]:
    pattern = _SINGLE if single else _DOUBLE
    out: list[Quotation] = []
    depth = 0
    open_at = -1
    floor = para.start  # an orphan closing mark cannot reach back before this
    for match in pattern.finditer(body, para.start, para.end):
        mark, pos = match.group(), match.start()
        length = len(mark)
        if mark == "”" and depth == 0 and _misturned_opener(body, pos, para.end):
            mark = "“"  # "” … in the case of Wyoming, …,” wrote Time magazine"
        elif mark == "“" and depth > 0 and _misturned_closer(body, pos):
            mark = "”"  # "“…, that could create new problems for her here,“ said Jim Clyburn"
        if mark in _OPENERS or (mark == "‘"):
            if depth == 0:
                open_at = pos
            depth += 1
        elif mark in _CLOSERS or mark == "’":
            if mark == "’" and not _closes(body, pos, length):
                continue  # an apostrophe inside a word: don't
            if depth == 0:
                if mark == "’":
                    continue  # a bare apostrophe after a plural ("teachers’ strike")
                start = _sentence_start(body, floor, pos)
                out.append(_make(body, start, pos + length, index, opened=False))
                floor = pos + length
                continue
            depth -= 1
            if depth == 0:
                out.append(_make(body, open_at, pos + length, index))
                floor = pos + length
        else:  # straight marks: " '' '
            if depth == 0 and pos > 0 and body[pos - 1] == "=":
                continue  # markup: tweet-id="7834..."
            if depth == 0:
                if mark == "'" and not _opens(body, pos, length):
                    continue
                if not _opens(body, pos, length) and _closes(body, pos, length):
                    start = _sentence_start(body, floor, pos)
                    out.append(_make(body, start, pos + length, index, opened=False))
                    floor = pos + length
                    continue
                open_at, depth = pos, 1
            elif mark == "'" and not _closes(body, pos, length):
                continue
            else:
                depth = 0
                out.append(_make(body, open_at, pos + length, index))
                floor = pos + length
    if depth > 0 and open_at >= 0 and any(c.isalnum() for c in body[open_at:para.end]):
        # an unclosed mark before words runs on; before punctuation alone ("« ,") it is a
        # stray mark, not a quotation (its "part" would be a lone comma)
        quote = _make(body, open_at, para.end, index, closed=False)
        out.append(quote)
        return out, True
    return out, False


def _misturned_opener(body: str, pos: int, end: int) -> bool:
    """A closing mark that opens: at the start of a sentence or after space, before a word or
    an ellipsis (" ” there are …”"), with a closing mark still to come in the paragraph."""
    before = body[pos - 1] if pos > 0 else "\n"
    if not (before.isspace() or before in "([:"):
        return False
    following = body[pos + 1 : pos + 3].lstrip()
    return bool(following) and (following[0].isalnum() or following[0] == "…") and (
        "”" in body[pos + 1 : end]
    )


def _misturned_closer(body: str, pos: int) -> bool:
    """An opening mark that closes: after a comma or a sentence end, before space."""
    before = body[pos - 1] if pos > 0 else " "
    after = body[pos + 1] if pos + 1 < len(body) else " "
    return before in ",.?!" and (after.isspace() or after in ",;")


def _sentence_start(body: str, floor: int, pos: int) -> int:
    start = floor
    for match in _SENTENCE_END.finditer(body, floor, pos):
        start = match.end()
    while start < pos and body[start] in " ,":
        start += 1
    return start


def _make(
    body: str, start: int, end: int, index: int, *, opened: bool = True, closed: bool = True
) -> Quotation:
    c_start = start
    if opened:
        c_start += 2 if body.startswith("''", start) else 1
    c_end = end
    if closed:
        c_end -= 2 if body.startswith("''", end - 2) else 1
    while c_start < c_end and body[c_start].isspace():
        c_start += 1
    while c_end > c_start and body[c_end - 1].isspace():
        c_end -= 1
    single = body[start] in "‘'" and not body.startswith("''", start) if opened else False
    return Quotation(start, end, c_start, c_end, index, opened, closed, single)


def mask(body: str, quotations: Sequence[Quotation]) -> str:
    """Return ``body`` with every quotation (marks included) replaced by :data:`MASK` chars.

    A closing ``.``, ``?`` or ``!`` inside the marks is kept as the last masked character, so
    a sentence that ends with a quotation still ends there. Offsets are kept, so rules that
    read the frame around quotations (who said it, with which verb) can work on the masked
    text without tripping over the quoted words.
    """
    if not quotations:
        return body
    parts: list[str] = []
    last = 0
    for quote in quotations:
        parts.append(body[last : quote.start])
        final = body[quote.content_end - 1] if quote.content_end > quote.content_start else ""
        if quote.closed and final in ".?!" and quote.end - quote.start > 1:
            # keep the sentence end the quotation carries, so sentences split after it
            parts.append(MASK * (quote.end - quote.start - 1) + final)
        else:
            parts.append(MASK * (quote.end - quote.start))
        last = quote.end
    parts.append(body[last:])
    return "".join(parts)
