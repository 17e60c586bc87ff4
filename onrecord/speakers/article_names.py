"""The full names an article writes that a short speaker name may stand for.

Attribution names some speakers only as the article last wrote them: a surname ("Mr.
McDonough"), a given name ("Hillary"), a short outlet name ("The Post"). Who that is can only
be read from the same article: the one full name it writes with that surname ("Denis
McDonough", even if he is never quoted), or several ("Donald J. Trump" and "Donald Trump Jr."),
which makes the short form ambiguous inside the article. The per-article stage keeps those
names on the record (``Quote.name_candidates``) so the archive-wide stage, which never sees
article text, can use them (``registry._resolve_in_article``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from ..attribution.mentions import FUNCTION_CAPS
from ..records import Quote
from .gender import is_given_name
from .names import PARTICLES, TITLES, fold, strip_titles, tokens

# A run of capitalised words, with the lower-case particles and initials names contain
# ("Miguel del Valle", "Donald J. Trump", "Ban Ki-moon", "The Washington Post").
_RUN = re.compile(
    r"[A-Z][\w'’.-]*(?:[ \t]+(?:(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True))
    + r")[ \t]+)?[A-Z][\w'’.-]*)*"
)
_KEEP_DOT = frozenset({"jr.", "sr.", "st.", "mr.", "mrs.", "ms.", "dr.", "u.s.", "u.n."})
MAX_WORDS = 6  # longer runs are headlines, not names
MAX_CANDIDATES = 8  # per short name: enough for any article, bounded for the records


@lru_cache(maxsize=65536)
def _short_word(speaker: str | None) -> str | None:
    words = tokens(strip_titles(speaker or ""))
    if words and fold(words[0]) == "the":
        words = words[1:]
    if len(words) != 1 or not words[0][:1].isupper() or words[0].isupper():
        return None  # "CTU" is an acronym, joined by its own rule
    return words[0].rstrip(".")


def short_name(speaker: str | None) -> str | None:
    """The one name word of a speaker written short ("Mr. McDonough", "The Post", "Hillary"),
    folded; None for a fuller name, a description or nothing."""
    word = _short_word(speaker)
    return fold(word) if word else None


def _headline(body: str, position: int) -> bool:
    """Whether the line at ``position`` is a title-case headline ("Derelict Obama And
    Clinton's Failed Policies"), whose capitalised words are not names."""
    start = body.rfind("\n", 0, position) + 1
    end = body.find("\n", position)
    words = [w for w in body[start:end if end >= 0 else len(body)].split() if len(w) > 3]
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


_WINDOW = 120  # characters around a short name searched for the run of words it is in


def _run_at(body: str, position: int) -> tuple[int, list[str]] | None:
    """(start, words) of the capitalised run holding ``position``, cut at sentence ends."""
    start = max(0, position - _WINDOW)
    while start > 0 and not body[start - 1].isspace():
        start -= 1
    window = body[start:position + _WINDOW]
    for match in _RUN.finditer(window):
        if not match.start() <= position - start < match.end():
            continue
        at = start + match.start()
        piece: list[str] = []
        piece_start = at
        for word in re.finditer(r"\S+", match.group()):
            piece.append(word.group())
            end = at + word.end()
            text = word.group()
            if text.endswith(".") and len(text) > 2 and fold(text) not in _KEEP_DOT:
                piece[-1] = text[:-1]
                if end > position:
                    return piece_start, piece
                piece, piece_start = [], end + 1
        return (piece_start, piece) if piece else None
    return None


def _name(words: list[str]) -> str | None:
    while words and (fold(words[0]).rstrip(".") in TITLES or fold(words[0]) == "the"):
        words = words[1:]
    if not 2 <= len(words) <= MAX_WORDS:
        return None
    return " ".join(words)


def plausible_given(word: str) -> bool:
    """Whether a capitalised word before a surname is a given name: a known one (the
    ``gender_guesser`` list, but not a sentence word like "Even") or an initial. "Meanwhile
    Trump", "Even China" and "Washington Post Trump" are not people; a rare given name
    ("Reince") is missed, which leaves the short name as it was."""
    word = fold(word).rstrip(".")
    return len(word) == 1 or (is_given_name(word) and word not in FUNCTION_CAPS)


def name_candidates(body: str, quotes: list[Quote]) -> None:
    """Set ``name_candidates`` on every quote whose speaker is written short: the full names
    (two to six capitalised words, titles dropped) the article writes outside its quotations
    and headlines that contain the short name as a word, the one written last before the
    quote first (the one a reader would take it for). In place; only the places the short
    name is written are read, so an article costs a few searches."""
    wanted = {q.id: word for q in quotes if (word := _short_word(q.speaker))}
    if not wanted:
        return
    skip = sorted(
        (a, b) for q in quotes if q.kind == "direct" for a, b in (q.parts or [[q.start, q.end]])
    )
    starts = [a for a, _ in skip]
    found: dict[str, dict[str, list[int]]] = {}
    for word in set(wanted.values()):
        names = found[word] = {}
        for at in _occurrences(body, word):
            k = bisect.bisect_right(starts, at) - 1
            if k >= 0 and at < skip[k][1]:
                continue  # inside a quotation
            run = _run_at(body, at)
            name = _name(run[1]) if run else None
            if name is None or _headline(body, at):
                continue
            if name in names or len(names) < MAX_CANDIDATES:
                names.setdefault(name, []).append(run[0])
    for quote in quotes:
        word = wanted.get(quote.id)
        if word:
            names = found[word]
            quote.name_candidates = sorted(names, key=lambda n: _recency(names[n], quote.start))


def _occurrences(body: str, word: str) -> Iterable[int]:
    """Where ``word`` is written as a whole word (``str.find``: far cheaper than a regex)."""
    at = body.find(word)
    while at >= 0:
        end = at + len(word)
        before = at == 0 or not _in_word(body[at - 1])
        if before and (end == len(body) or not _in_word(body[end])):
            yield at
        at = body.find(word, end)


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "'’-_"


def _recency(positions: list[int], start: int) -> tuple[int, int]:
    """Sort key: written before ``start``, the latest first; then the others in order."""
    before = [p for p in positions if p < start]
    return (0, -before[-1]) if before else (1, positions[0])
