"""Cross-article statement dedup: one statement, several occurrences.

Wire stories and follow-ups repeat the same quote in many articles. Every occurrence stays a
:class:`~onrecord.records.Quote` (the index keeps them all, each with its article and date), but
occurrences of one statement share a ``statement_id``; the earliest is ``canonical`` (search
shows it once, "also in N articles") and every occurrence lists the others in ``also_in``.

Two quotes are one statement when, after folding case, accents, punctuation and whitespace,
they are equal or one contains the other (the shorter having at least :data:`MIN_WORDS`
words), and they are not attributed to two different speakers.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict

from ..records import Quote

MIN_WORDS = 5  # a shorter quote only dedups by equality ("No." is in every other quote)
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)


def normalise(text: str) -> str:
    """Fold case, accents, punctuation (incl. curly quotes and dashes) and whitespace."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        # most non-ASCII text is curly quotes and dashes, with no accent to drop: test each
        # distinct character once before going through the text character by character
        if any(unicodedata.combining(c) for c in set(text)):
            text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    text = text.replace("’", "'").replace("'", "")
    return " ".join(_PUNCT.sub(" ", text).split())


def _order(quote: Quote) -> tuple:
    day = quote.date or quote.published
    return (str(day)[:10] if day else "9999", quote.article, quote.start, quote.id)


def assign_statements(quotes: list[Quote], *, min_words: int = MIN_WORDS) -> list[Quote]:
    """Set ``statement_id``, ``canonical`` and ``also_in`` on every quote (in place).

    Returns the same list, for chaining.
    """
    forms = [normalise(q.text) for q in quotes]
    parent = list(range(len(quotes)))
    speakers: list[set[str]] = [{q.speaker_id} if q.speaker_id else set() for q in quotes]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri == rj or len(speakers[ri] | speakers[rj]) > 1:
            return
        parent[rj] = ri
        speakers[ri] |= speakers[rj]

    first_equal: dict[str, int] = {}
    for i, form in enumerate(forms):
        if not form:
            continue
        if form in first_equal:
            join(first_equal[form], i)
        else:
            first_equal[form] = i

    # Containment: a shorter quote inside a longer one starts at one of the longer one's word
    # n-grams, so index quotes by their first n-gram and slide over each longer quote.
    words = [form.split() for form in forms]
    starts: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        if first_equal.get(forms[i]) == i and len(ws) >= min_words:
            starts[tuple(ws[:min_words])].append(i)
    for j, ws in enumerate(words):
        if first_equal.get(forms[j]) != j or len(ws) <= min_words:
            continue
        haystack = f" {forms[j]} "
        for start in range(len(ws) - min_words + 1):
            for i in starts.get(tuple(ws[start:start + min_words]), ()):
                if len(words[i]) < len(ws) and f" {forms[i]} " in haystack:
                    join(j, i)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        groups[find(i)].append(i)
    for members in groups.values():
        members.sort(key=lambda i: _order(quotes[i]))
        first = quotes[members[0]]
        owner = first.speaker_id or next(
            (quotes[i].speaker_id for i in members if quotes[i].speaker_id), ""
        )
        key = f"{owner}\x00{forms[members[0]] or first.id}".encode()
        statement_id = "s" + hashlib.sha1(key).hexdigest()[:12]
        # One occurrence dict per quote, shared by the other members' lists: a statement in k
        # articles lists k * (k - 1) occurrences, so at archive scale (a wire quote reprinted
        # a thousand times) fresh dicts per list cost gigabytes. Read-only: records copy them.
        occurrences = [_occurrence(quotes[i]) for i in members] if len(members) > 1 else []
        for position, i in enumerate(members):
            quote = quotes[i]
            quote.statement_id = statement_id
            quote.canonical = position == 0
            quote.also_in = [o for p, o in enumerate(occurrences) if p != position]
    return quotes


def _occurrence(quote: Quote) -> dict[str, str | None]:
    return {
        "article": quote.article,
        "source": quote.source,
        "date": quote.date or quote.published,
        "title": quote.title,
        "quote": quote.id,
    }


def also_in_articles(quote: Quote) -> int:
    """How many other articles carry this statement ("also in N articles")."""
    return len({o["article"] for o in quote.also_in} - {quote.article})
