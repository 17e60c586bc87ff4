"""Stage 3: find reporting cues ("said", "told", "according to") in text.

The lemmas live in ``lexicons/reporting_verbs.en.txt``; this module generates their inflections
(say → says, said, saying) and compiles one regular expression, once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .lexicons import load_lexicon

_IRREGULAR = {
    "say": ["says", "said", "saying"],
    "tell": ["tells", "told", "telling"],
    "write": ["writes", "wrote", "written", "writing"],
    "speak": ["speaks", "spoke", "spoken", "speaking"],
    "swear": ["swears", "swore", "sworn", "swearing"],
    "forecast": ["forecasts", "forecast", "forecasting"],
    "admit": ["admits", "admitted", "admitting"],
    "quip": ["quips", "quipped", "quipping"],
    "put": ["puts", "put", "putting"],
    "snap": ["snaps", "snapped", "snapping"],
    "plead": ["pleads", "pleaded", "pled", "pleading"],
    "concur": ["concurs", "concurred", "concurring"],
    "rebut": ["rebuts", "rebutted", "rebutting"],
    "signal": ["signals", "signaled", "signalled", "signaling"],
}


@dataclass(frozen=True)
class Cue:
    """A reporting verb occurrence: ``lemma`` is the dictionary form ("say" for "said")."""

    start: int
    end: int
    text: str
    lemma: str


def inflections(lemma: str) -> list[str]:
    """Forms of a lemma: the lemma itself, -s, -ed and -ing (first word of a phrase only)."""
    head, _, rest = lemma.partition(" ")
    if rest == "to":  # "according to" is already a fixed form
        return [lemma]
    if head in _IRREGULAR:
        forms = [head, *_IRREGULAR[head]]
    elif head.endswith("e"):
        forms = [head, head + "s", head + "d", head[:-1] + "ing"]
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        forms = [head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms = [head, head + "es", head + "ed", head + "ing"]
    else:
        forms = [head, head + "s", head + "ed", head + "ing"]
    return [f"{form} {rest}".strip() for form in forms]


@cache
def cue_forms(lang: str = "en") -> dict[str, str]:
    """Map every inflected form (lowercase) to its lemma."""
    forms: dict[str, str] = {}
    for lemma in sorted(load_lexicon("reporting_verbs", lang)):
        for form in inflections(lemma):
            forms.setdefault(form, lemma)
    return forms


@cache
def cue_heads(lang: str = "en") -> frozenset[str]:
    """First words of every cue form: a cheap test of whether a sentence may hold a cue."""
    return frozenset(form.split()[0] for form in cue_forms(lang))


@cache
def cue_pattern(lang: str = "en") -> re.Pattern[str]:
    forms = sorted(cue_forms(lang), key=len, reverse=True)
    alternation = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
    return re.compile(rf"(?<![\w’'-])(?:{alternation})(?![\w’'-])", re.IGNORECASE)


def find_cues(
    text: str, start: int = 0, end: int | None = None, *, lang: str = "en"
) -> Iterator[Cue]:
    """Yield the reporting cues in ``text[start:end]`` with body offsets."""
    forms = cue_forms(lang)
    for match in cue_pattern(lang).finditer(text, start, len(text) if end is None else end):
        surface = match.group()
        key = " ".join(surface.lower().split())
        yield Cue(match.start(), match.end(), surface, forms[key])
