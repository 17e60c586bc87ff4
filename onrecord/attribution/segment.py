"""Stage 1: cut a body into paragraphs and sentences, keeping offsets into the body.

Sentences are split on a *masked* paragraph (quote contents blanked out, see
:func:`onrecord.attribution.quotes.mask`) so that a full stop inside a quotation never ends the
sentence that frames it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .lexicons import words


@dataclass(frozen=True)
class Span:
    start: int
    end: int


_PARAGRAPH = re.compile(r"[^\n]+")

# Words that end with a full stop without ending the sentence (AP style titles, initials).
ABBREVIATIONS = words(
    """mr mrs ms dr sen rep gov gen lt col sgt capt cmdr adm st rev jr sr prof pres supt
    atty gens sens reps govs messrs mt ft no vs etc inc corp co ltd jan feb mar apr aug
    sept sep oct nov dec u.s u.n u.k d.c a.m p.m e.g i.e"""
)

# ("[.!?][.!?]*", not "[.!?]+": a pattern that opens with a plain character class lets the
# regex engine skip straight to the next candidate mark, twice as fast over a paragraph)
_BOUNDARY = re.compile(r"[.!?][.!?]*[\"”’'»)\]]*(?=\s+[\"“‘'«(\[A-Z0-9\uE000])")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def paragraphs(body: str) -> Iterator[Span]:
    """Yield each non-blank line as a paragraph, trimmed of surrounding spaces."""
    for match in _PARAGRAPH.finditer(body):
        start, end = match.span()
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if start < end:
            yield Span(start, end)


def sentences(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield sentence spans of ``text[start:end]``.

    A boundary is end punctuation (plus closing marks) followed by space and a capital, a digit,
    an opening mark or a masked quote; abbreviations such as ``Mr.``, ``Sen.``, ``U.S.`` and
    single initials (``J.``) do not end a sentence.
    """
    begin = start
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.end()
        if match.group().startswith(".") and _is_abbreviation(text, begin, match.start() + 1):
            continue
        yield Span(begin, stop)
        begin = stop
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        yield Span(begin, end)


def _is_abbreviation(text: str, begin: int, dot_end: int) -> bool:
    word = _LAST_WORD.search(text, max(begin, dot_end - 12), dot_end)
    if not word:
        return False
    token = word.group(1).lower()
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "George W. Bush"
    if _INITIALS.fullmatch(token) and token not in ABBREVIATIONS:
        # "G.K. Butterfield" is a name; "in the U.S. The" ends a sentence
        before = text[max(begin, word.start() - 2) : word.start()].strip()
        if before[-1:].isupper() or before.endswith("."):
            return True
        # "said J.M. Berger, a fellow": initials before a surname, not before a new sentence
        after = _NEXT_WORD.match(text, dot_end)
        return after is not None and after.group(1).lower() not in _SENTENCE_OPENERS
    return token in ABBREVIATIONS


_NEXT_WORD = re.compile(r"\s+([A-Z][a-z]\w*)\b(?![.’'])")
_SENTENCE_OPENERS = words(
    """the a an he she it they we i you but and in on at this that there his her their its
    as if when while after before for so yet or what who why how some many most one"""
)

