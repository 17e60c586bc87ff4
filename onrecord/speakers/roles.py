"""Roles as articles write them ("CTU President", "a teacher and negotiator for the CTU").

The registry needs two things from a role string: the organisation in it, for the roles-over-
time table, and a set of comparable words, to decide whether two mentions of a surname can be
the same person ("compatible role or organisation").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..attribution.lexicons import load_lexicon
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


@lru_cache(maxsize=65536)
def role_words(role: str | None) -> frozenset[str]:
    """Comparable words of a role: content words plus acronyms of capitalised runs.

    "president of the Chicago Teachers Union" and "CTU President" share {"president", "ctu"}.
    Office words (a title, or a lower-case occupation like "city engineer") are also included
    with the :data:`OFFICE` prefix: only those can make two roles contradict each other.
    """
    normal = normalise_role(role)
    if normal is None:  # junk ("One of Mr.", "speaking Tuesday") is no evidence either way
        return frozenset()
    role = normal.label
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


# ---------------------------------------------------------------------------------------------
# Roles as a model: the role as written stays on each record; the speaker gets a normalised one.

# Written-out forms of abbreviated titles and parties, as shown ("Sen." -> "Senator").
SHOWN = {
    "rep": "Representative", "sen": "Senator", "gov": "Governor", "pres": "President",
    "supt": "Superintendent", "atty": "Attorney", "lt": "Lieutenant", "adm": "Admiral",
    "gen": "General",
    "sec": "Secretary", "ald": "Alderman", "prof": "Professor", "capt": "Captain",
    "sgt": "Sergeant", "det": "Detective", "col": "Colonel", "cmdr": "Commander",
    "gop": "Republican", "dem": "Democratic", "dems": "Democrats", "vp": "Vice President",
    "ceo": "CEO", "u.s": "U.S.", "us": "U.S.",
}
_HONORIFIC = wordset("mr mrs ms miss dr mx")
# Words that make a phrase a sentence fragment, not a role: time, verbs, clause openers.
_NOT_ROLE = wordset("""
    said says say saw see told tells speaking spoke speaks asked asks added adds wrote writes
    according monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    year years week weeks month months ago en route during while when who whom which that
    would could should call called if than whose whom where said. including neither either
    younger older what one none nobody only
    """)
_EDGE_STOP = wordset("a an the of for and or to in on at with by from his her their its our")
_LEADS_A_PAIR = wordset("president founder chairman chair ceo owner director editor publisher")
_BODIES = wordset("house senate congress administration campaign white")
# Alone, these say how someone relates to others, not what they are: "rival Hillary Clinton".
_RELATIONAL = wordset("rival ally friend fellow chief longtime colleague opponent critic")
# Occupations and titles attribution knows ("teacher", "pollster"): a lowercase "-er" word
# alone is otherwise a comparative or a cut fragment ("younger", "former").
_OCCUPATIONS = load_lexicon("role_nouns")
_VERBS = load_lexicon("reporting_verbs")  # "Recall", "Note", "Remind": never part of a role
_CAMPAIGN_ROLES = wordset("nominee candidate hopeful front-runner frontrunner contender")
_GROUP_WORDS = wordset(
    "republicans democrats senators officials supporters voters aides advisers members"
)


@dataclass(frozen=True)
class Role:
    """A normalised role: the label shown, the office in it and the party or organisation."""

    label: str
    office: str | None = None
    affiliation: str | None = None  # Republican, Democratic, Independent, ...
    organisation: str | None = None

    @property
    def key(self) -> str:
        return fold(self.label)


_PARTY = {"republican": "Republican", "republicans": "Republican", "gop": "Republican",
          "democrat": "Democratic", "democrats": "Democratic", "democratic": "Democratic",
          "dem": "Democratic", "independent": "Independent", "libertarian": "Libertarian",
          "green": "Green"}


def _shown(word: str) -> str:
    bare = fold(word).rstrip(".")
    if bare in SHOWN and (word.endswith(".") or bare in {"gop", "vp", "us", "dems"}
                          or word.isupper()):
        expanded = SHOWN[bare]
        return expanded if word[:1].isupper() else expanded.lower()
    return word


def _office_abbreviation(word: str) -> str | None:
    """The office an abbreviated title alone names ("Sen.", "Sens." -> "Senator"), else None
    ("Dr." and "Mr." are honorifics, "GOP" a party)."""
    bare = fold(word).rstrip(".")
    if not word.endswith(".") or not word[:1].isupper():
        return None
    for form in (bare, bare[:-1] if bare.endswith("s") else ""):
        shown = SHOWN.get(form)
        if shown and fold(shown) in TITLES:
            return shown
    return None


@lru_cache(maxsize=65536)
def normalise_role(role: str | None) -> Role | None:
    """The role a speaker holds, from the role as written, or None for junk.

    "GOP presidential candidate Dr." -> "Republican presidential candidate"; "Texas Sen." ->
    "Texas Senator"; "Pres." (a bare title abbreviation), "speaking to reporters Tuesday",
    "board saw", "One of Mr.", "Strategists for", "Republicans", "younger" -> None.
    """
    if not role:
        return None
    text = " ".join(role.split()).strip(" ,;:-–—'’\"")
    words = text.split()
    if any(re.search(r"[a-z][A-Z]", w) for w in words) or re.search(r"\d", text):
        return None  # "PMBuddiesASSOCIATED PRESSOhio Gov." (glued page furniture), numbers
    folded = [fold(w).strip(".,'’") for w in words]
    if any(w in _NOT_ROLE for w in folded):
        return None
    while words and (fold(words[0]).strip(".") in _EDGE_STOP):
        words, folded = words[1:], folded[1:]
    if (
        len(words) >= 2 and words[0][:1].isupper() and folded[0] in _VERBS
        and folded[0] not in TITLES and (folded[1] in TITLES or _office_abbreviation(words[1]))
    ):
        words, folded = words[1:], folded[1:]  # "Recall Sen." (a sentence's verb): "Sen."
    if folded and folded[-1] in _EDGE_STOP:
        return None  # cut off: "Strategists for", "representative for the"
    while words and (folded[-1] in _HONORIFIC or not folded[-1]):
        words, folded = words[:-1], folded[:-1]
    if not words or len(words) > 12:
        return None
    for i, word in enumerate(words[:-1]):
        if folded[i] in _CAMPAIGN_ROLES and word[:1].islower() and words[-1][:1].isupper() and (
            folded[-1] in TITLES or _office_abbreviation(words[-1])
        ):
            # two roles glued, the first cut ("nominee Gov.", "Republican presidential
            # candidate Texas Sen."): the title written before the name is the office
            words, folded = words[i + 1:], folded[i + 1:]
            break
    if all(f in _PARTY or f in _RELATIONAL for f in folded) and not all(
        f in _PARTY for f in folded
    ):
        return None  # "Republican rival", "chief rival": how they relate, not what they are
    last = folded[-1]
    if words[-1][:1].islower() and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        return None  # plural: a group ("Republican presidential hopefuls"), not one's role
    if len(words) >= 2 and folded[1] == "and" and folded[0] not in _LEADS_A_PAIR:
        return None  # the tail of a cut phrase: "State and Democratic presidential frontrunner"
    if len(words) == 1:
        single = folded[0]
        office = _office_abbreviation(words[0])
        if office:  # "Sen." before a name ("Sen. Ted Cruz") is the office, as "Senator" is
            return Role(office, office)
        if (
            single in _HONORIFIC or single in _GROUP_WORDS or single in _PARTY
            or single in _BODIES  # "House", "Senate": where someone works, not a role
            or single in _RELATIONAL
            or (single.endswith("s") and not single.endswith("ss"))  # "Strategists"
            or single.endswith(("-made", "ed"))  # "Manhattan-made", "retired"
            or (single.endswith("ing") and single != "king" and single not in _OCCUPATIONS)
            or words[0].endswith(".") or (is_acronym(words[0]) and single not in SHOWN)
            or words[0][:1].islower() and single.endswith("er") and single not in _OCCUPATIONS
        ):
            return None  # "Pres.", "Mr.", "PM", "Republicans", "younger"
    shown = [_shown(w) for w in words]
    shown = [w.rstrip("’'") if w.endswith(("’", "'")) and not w.endswith("s'") else w
             for w in shown]
    label = " ".join(shown).replace(" ,", ",")
    affiliation = next((_PARTY[f] for f in folded if f in _PARTY), None)
    office_words = [
        w for w, f in zip(shown, folded, strict=True)
        if f not in _PARTY and f not in {"u.s", "us"}
        and (f in TITLES or fold(w) in (fold(v) for v in SHOWN.values()))
    ]
    title, organisation = split_role(label)
    office = " ".join(office_words) or (title if organisation else None)
    return Role(label, office, affiliation, organisation)
