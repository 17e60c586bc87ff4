"""Roles as articles write them ("CTU President", "a teacher and negotiator for the CTU").

The registry needs two things from a role string: the organisation in it, for the roles-over-
time table, and a set of comparable words, to decide whether two mentions of a surname can be
the same person ("compatible role or organisation").
"""

from __future__ import annotations

import re
from datetime import date

from .names import _ORG_STOP, TITLES, acronym, fold, is_acronym, tokens, wordset

_ROLE_STOP = wordset(
    "a an the of for and at in on to with from by its his her their our who is was former "
    "new then also"
)
_ORG_AFTER = re.compile(r"\b(?:of|for|at|with)\s+(?:the\s+)?((?:[A-Z][\w&'.-]*\s*)+)")
# Capitalised words after "of" that name a portfolio, not an organisation ("Chief of Staff").
_NOT_ORGS = wordset("staff state defense defence justice education health police")


def split_role(role: str) -> tuple[str, str | None]:
    """Split a role into (title, organisation).

    "CTU President" -> ("President", "CTU"); "Board of Education President" -> ("President",
    "Board of Education"); "Chief of Staff for CTU" -> ("Chief of Staff", "CTU"); a role that
    names no organisation gives (role, None).
    """
    role = " ".join(role.split())
    words = role.split()
    if len(words) >= 2 and fold(words[-1]).strip(".") in TITLES:
        head = words[:-1]
        if fold(head[-1]) not in _ORG_STOP and all(
            is_acronym(w) or w[:1].isupper() or fold(w) in _ORG_STOP for w in head
        ):
            return (words[-1], " ".join(head))
    for match in reversed(list(_ORG_AFTER.finditer(role))):
        organisation = match.group(1).strip()
        if fold(organisation) in _NOT_ORGS:
            continue
        title = role[: match.start()].strip(" ,")
        return (title or role, organisation)
    return (role, None)


# Affiliations, not offices: "Democrat" does not contradict "Senator".
_AFFILIATIONS = wordset(
    "democrat democrats democratic republican republicans gop independent libertarian green "
    "conservative liberal progressive socialist"
)
OFFICE = "="  # prefix of the words that can contradict another role
# Abbreviated titles, so "Rep." and "Representative" are the same office.
ABBREVIATIONS = {
    "rep": "representative", "sen": "senator", "gov": "governor", "pres": "president",
    "supt": "superintendent", "atty": "attorney", "gen": "general", "lt": "lieutenant",
    "adm": "admiral", "sec": "secretary", "ald": "alderman", "prof": "professor",
    "dr": "doctor", "rev": "reverend", "capt": "captain", "sgt": "sergeant",
    "det": "detective", "col": "colonel", "maj": "major", "cmdr": "commander",
    "chairwoman": "chair", "chairman": "chair", "chairperson": "chair",
    "spokeswoman": "spokesperson", "spokesman": "spokesperson",
}


def role_words(role: str | None) -> frozenset[str]:
    """Comparable words of a role: content words plus acronyms of capitalised runs.

    "president of the Chicago Teachers Union" and "CTU President" share {"president", "ctu"}.
    Office words (a title, or a lower-case occupation like "city engineer") are also included
    with the :data:`OFFICE` prefix: only those can make two roles contradict each other.
    """
    if not role:
        return frozenset()
    words = set()
    for token in tokens(role):
        word = fold(token).strip(".")
        word = ABBREVIATIONS.get(word, word)
        if not word or word in _ROLE_STOP or word in _ORG_STOP:
            continue
        words.add(word)
        if word not in _AFFILIATIONS and (
            token[:1].islower() or word.replace(".", "") in TITLES
        ):
            words.add(OFFICE + word)
    _, organisation = split_role(role)
    initials = acronym(organisation) if organisation else ""
    if len(initials) >= 2:
        words.add(initials)
    return frozenset(words)


def roles_compatible(a: frozenset[str], b: frozenset[str]) -> bool | None:
    """True if the roles share a word; False if both name an office and share none ("CTU
    President" / "city engineer"); None otherwise, as when either side has no role or only an
    affiliation ("Democrat"): no evidence for or against."""
    if a & b:
        return True
    if any(w.startswith(OFFICE) for w in a) and any(w.startswith(OFFICE) for w in b):
        return False
    return None


def shared_words(a: frozenset[str], b: frozenset[str]) -> list[str]:
    """The role words two speakers share, for a suggestion's evidence."""
    return sorted(w for w in a & b if not w.startswith(OFFICE))


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def days_apart(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> int | None:
    """Days between two (first, last) date spans; 0 if they overlap, None if either is unknown."""
    a0, a1 = parse_date(a[0]), parse_date(a[1])
    b0, b1 = parse_date(b[0]), parse_date(b[1])
    if not (a0 and a1 and b0 and b1):
        return None
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0
