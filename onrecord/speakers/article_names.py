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

import re
from collections.abc import Iterable

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


def short_name(speaker: str | None) -> str | None:
    """The one name word of a speaker written short ("Mr. McDonough", "The Post", "Hillary"),
    folded; None for a fuller name, a description or nothing."""
    if not speaker:
        return None
    words = tokens(strip_titles(speaker))
    if words and fold(words[0]) == "the":
        words = words[1:]
    if len(words) != 1 or not words[0][:1].isupper() or words[0].isupper():
        return None  # "CTU" is an acronym, joined by its own rule
    return fold(words[0]).rstrip(".")


def _headline(body: str, position: int) -> bool:
    """Whether the line at ``position`` is a title-case headline ("Derelict Obama And
    Clinton's Failed Policies"), whose capitalised words are not names."""
    start = body.rfind("\n", 0, position) + 1
    end = body.find("\n", position)
    words = [w for w in body[start:end if end >= 0 else len(body)].split() if len(w) > 3]
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


def _runs(body: str, skip: list[tuple[int, int]]) -> Iterable[tuple[int, list[str]]]:
    """(position, words) of the capitalised runs outside ``skip`` (the article's quotations)
    and headlines, cut at sentence ends."""
    for match in _RUN.finditer(body):
        if any(a <= match.start() < b for a, b in skip) or _headline(body, match.start()):
            continue
        run: list[str] = []
        for word in match.group().split():
            run.append(word)
            if word.endswith(".") and len(word) > 2 and fold(word) not in _KEEP_DOT:
                run[-1] = word[:-1]
                yield match.start(), run
                run = []
        if run:
            yield match.start(), run


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
    quote first (the one a reader would take it for). In place; one pass over the body per
    article, and only when some speaker is short."""
    wanted = {q.id: short for q in quotes if (short := short_name(q.speaker))}
    if not wanted:
        return
    skip = [
        (a, b) for q in quotes if q.kind == "direct" for a, b in (q.parts or [[q.start, q.end]])
    ]
    found: dict[str, dict[str, list[int]]] = {short: {} for short in wanted.values()}
    for position, run in _runs(body, skip):
        name = _name(run)
        if name is None:
            continue
        for word in {fold(w).rstrip(".") for w in name.split()}:
            names = found.get(word)
            if names is not None and (name in names or len(names) < MAX_CANDIDATES):
                names.setdefault(name, []).append(position)
    for quote in quotes:
        short = wanted.get(quote.id)
        if short:
            names = found[short]
            quote.name_candidates = sorted(names, key=lambda n: _recency(names[n], quote.start))


def _recency(positions: list[int], start: int) -> tuple[int, int]:
    """Sort key: written before ``start``, the latest first; then the others in order."""
    before = [p for p in positions if p < start]
    return (0, -before[-1]) if before else (1, positions[0])
