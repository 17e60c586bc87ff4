"""Personal and organisation names: normalise, split into given names and surname, compare.

Everything the registry decides about "is this the same name" goes through here, so the
matching rules in ``docs/speakers.md`` can be read off one module.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..records import slugify  # noqa: F401  (the project's one slug rule, used here too)


def wordset(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words."""
    return frozenset(text.split())


# Titles and offices written before a name ("Mayor Lori Lightfoot", "Rev. Jesse Jackson").
# Lower-case, without the trailing dot. Sources: AP Stylebook title list, common news usage.
TITLES = wordset("""
    mr mrs ms miss mx dr doctor prof professor rev reverend fr father sister pastor rabbi imam
    bishop cardinal pope sir dame lord lady mayor alderman ald councilman councilwoman
    councillor councilor commissioner president vice chairman chairwoman chair chairperson
    chief ceo cfo coo director secretary minister premier chancellor governor gov lieutenant
    lt senator sen representative rep congressman congresswoman speaker leader whip justice
    judge attorney general gen col colonel capt captain maj major sgt sergeant officer
    detective det superintendent supt principal treasurer clerk sheriff deputy ambassador
    spokesman spokeswoman spokesperson former acting interim state us u.s. prime first
    admiral adm sec atty pres gen. lt. rep. sen. gov.
    """)
_TITLES_PLAIN = frozenset(t.replace(".", "") for t in TITLES)
# Words that open a speaker string but belong to the sentence, not the name.
LEAD_NOISE = wordset("""
    some more most many another any all both each every one two three besides among asserting
    rival fellow then also even only and but or while as when if former democrat democrats
    democratic republican republicans gop independent libertarian senior junior team
    """)
# Lower-case particles that belong to the surname ("Miguel del Valle", "Ludwig van Beethoven").
PARTICLES = wordset("de del della der di da du dos das van von la le st st. ter ten bin al")
# Particles that, capitalised at the start of a name, are a given name: "Al Gore", "Al
# Sharpton" (the Arabic article is written "al-Assad" or lower case; "Van Hollen", "De
# Blasio", "Le Pen" stay surnames).
_GIVEN_PARTICLES = frozenset({"Al"})
SUFFIXES = wordset("jr jr. sr sr. ii iii iv phd ph.d. md m.d. esq esq.")
# Suffixes that tell a son from his father: "Donald Trump Jr." is not "Donald Trump".
GENERATIONS = {"jr": "jr", "jr.": "jr", "sr": "sr", "sr.": "sr", "ii": "ii", "iii": "iii",
               "iv": "iv"}
# Words that make a speaker string a description or pronoun rather than a name.
NON_NAMES = wordset("""
    he she they it we i you him her them us his hers their this that these those who
    the a an one someone somebody officials official spokesperson spokesman spokeswoman
    """)
_CLAUSE = re.compile(r",|;|\s[-–—]\s|\(")
_ORG_STOP = wordset("of the and for & at in on to")
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*[\w.])?", re.UNICODE)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``"Valle, José"`` and ``"valle jose"`` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _bare(token: str) -> str:
    return fold(token).rstrip(".").replace("’", "'")


@dataclass(frozen=True)
class PersonName:
    """A person's name split the way surname matching needs it.

    ``display`` is the name without leading titles ("Lori Lightfoot" for "Mayor Lori
    Lightfoot"); ``given`` are folded given names and initials; ``surname`` is folded and
    includes particles ("del valle").
    """

    display: str
    given: tuple[str, ...]
    surname: str
    suffix: str = ""  # "jr", "sr", "ii", "iii": a different person than the name without it

    @property
    def key(self) -> str:
        return " ".join((*self.given, self.surname, *((self.suffix,) if self.suffix else ())))

    @property
    def is_bare(self) -> bool:
        return not self.given


@lru_cache(maxsize=65536)
def strip_titles(name: str) -> str:
    """Drop leading titles and office words while at least one name word is left.

    "CTU President Jesse Starkey" -> "Jesse Starkey"; "Board of Education President Miguel
    del Valle" -> "Miguel del Valle"; "Mayor Lightfoot" -> "Lightfoot"; "President" stays.
    """
    # A clause or a description before the name is not part of it: "Biden, who served ..."
    # -> "Biden"; "math teacher Carol Paddock" -> "Carol Paddock".
    name = _CLAUSE.split(name, maxsplit=1)[0].strip() or name.strip()
    words = name.split()
    named = _name_before_place(words)
    if named:
        return named
    cut = -1
    for i, word in enumerate(words[:-1]):
        if word[:1].islower() and _bare(word) not in PARTICLES:
            cut = i
    if cut >= 0 and any(w[:1].isupper() for w in words[cut + 1:]):
        words = words[cut + 1:]
    # Leftovers of the sentence around the name: "al Ted Cruz", "Rival Hillary Clinton".
    while len(words) > 2 and (
        (words[0][:1].islower() and _bare(words[0]) in PARTICLES and words[1][:1].isupper())
        or _bare(words[0]) in LEAD_NOISE
    ):
        words = words[1:]
    if (
        len(words) == 2 and _bare(words[0]) in LEAD_NOISE and words[1][:1].isupper()
        and not words[1].isupper() and _bare(words[1]) not in _TITLES_PLAIN
    ):
        from .article_names import plausible_given  # needs the given-name list (gender)

        if not plausible_given(words[0]):
            words = words[1:]  # "Republicans Jolly", "Rival Clinton": the surname
    name = " ".join(words)
    last_title = -1
    for i, word in enumerate(words[:-1]):
        if _bare(word).replace(".", "") in _TITLES_PLAIN:
            last_title = i
    if last_title < 0:
        return name.strip()
    rest = words[last_title + 1:]
    if all(_bare(w) in SUFFIXES for w in rest):  # "Martin Luther King Jr." keeps "King"
        return name.strip()
    # Only strip when what follows looks like a name: capitalised words or particles.
    if all(w[:1].isupper() or _bare(w) in PARTICLES for w in rest) and any(
        w[:1].isupper() for w in rest
    ):
        return " ".join(rest)
    return name.strip()


def _name_before_place(words: list[str]) -> str | None:
    """The name in "Gov. Earl Ray Tomblin of West Virginia", "Betsy Sharp of Burke County",
    "Mr. Morgan of the Sierra Club": a person named before "of"/"from" and a place or body,
    not the place. The name must be a title or honorific and a name, or a known given name
    and a surname; an office before "of" ("Secretary of State John Kerry", "Board of
    Education President Miguel del Valle": a title after it) is left to the other rules."""
    at = next((i for i, w in enumerate(words) if w in ("of", "from")), -1)
    if at < 1 or at == len(words) - 1:
        return None
    head, tail = words[:at], words[at + 1:]
    if any(_bare(w).replace(".", "") in _TITLES_PLAIN and w[:1].isupper() for w in tail):
        return None
    if not all(w[:1].isupper() or _bare(w) in PARTICLES for w in head):
        return None
    k = 0
    while k < len(head) and _bare(head[k]).replace(".", "") in _TITLES_PLAIN:
        k += 1
    rest = head[k:]
    if not rest or len(rest) > 4 or any(_bare(w).replace(".", "") in _TITLES_PLAIN for w in rest):
        return None
    from .article_names import plausible_given  # needs the given-name list (gender)

    if (k > 0 and any(w[:1].isupper() for w in rest)) or (
        len(rest) >= 2 and plausible_given(rest[0])
    ):
        return " ".join(rest)
    return None


def _drop_capitalised_description(display: str) -> str:
    """A capitalised description before a person's name is not part of it: "Conservative
    Icon Morton Blackwell", "Fox News Sean Hannity", "CNN Jake Tapper" (two words or an
    acronym before a known given name, then a two- or three-word name). One unknown first
    name before a known middle name ("Jeh Charles Johnson") stays whole."""
    from ..attribution.mentions import FUNCTION_CAPS
    from .article_names import plausible_given  # needs the given-name list (gender)

    words = display.split()
    if len(words) < 3 or not all(w[:1].isupper() for w in words):
        return display
    for k in range(1, len(words) - 1):
        if plausible_given(words[k]) and not plausible_given(words[0]):
            if (k >= 2 or is_acronym(words[0])) and 2 <= len(words) - k <= 3 and not any(
                plausible_given(w) or fold(w) in FUNCTION_CAPS for w in words[1:k]
            ):
                return " ".join(words[k:])
            break
    return display


@lru_cache(maxsize=65536)
def parse_person(name: str) -> PersonName:
    """Split a person's name into given names and surname (particles kept with the surname)."""
    display = _drop_capitalised_description(strip_titles(name))
    words = [w for w in tokens(display) if _bare(w) not in SUFFIXES] or tokens(display)
    generation = [GENERATIONS[_bare(w)] for w in tokens(display) if _bare(w) in GENERATIONS]
    suffix = generation[-1] if generation and len(words) < len(tokens(display)) else ""
    folded = [_bare(w) for w in words]
    if not folded:
        return PersonName(display, (), fold(display).strip())
    start = len(folded) - 1
    while start > 0 and folded[start - 1] in PARTICLES and not (
        start == 1 and words[0] in _GIVEN_PARTICLES
    ):
        start -= 1
    # "Del Valle" alone: the particle is part of the surname, so nothing is a given name.
    surname = " ".join(folded[start:])
    given = tuple(folded[:start])
    return PersonName(display, given, surname, suffix)


@lru_cache(maxsize=65536)
def looks_like_name(text: str | None) -> bool:
    """True for "Lori Lightfoot", "Lightfoot", "CTU"; False for "she", "the mayor", "officials"."""
    if not text:
        return False
    words = tokens(text)
    if not words or _bare(words[0]) in NON_NAMES:
        return False
    return any(w[:1].isupper() for w in words)


# "The Clinton campaign", "Clinton's campaign", "Mrs. Clinton's campaign", "Hillary Clinton
# campaign", "the Clinton camp", "Clinton's team", "John Kasich's presidential campaign":
# one body, keyed by the surname of the person it is named after.
_NAMED_BODY = re.compile(  # capitalised words before the name: "a new ad from ..." is no body
    r"^(?i:the\s+)?(?:(?i:mr|mrs|ms|dr)\.?\s+)?(?:[A-Z][\w.-]*\s+)*?([A-Z][\w-]+?)"
    r"(?:['’]s|s['’]|['’])?\s+(?i:(?:presidential|re-?election)\s+)?"
    r"(?i:(campaign|camp|administration|team|presidency))(?:['’]s?)?$",
)
# A candidate's camp or team is the campaign (one body however it is called).
_BODY_SYNONYMS = {"camp": "campaign", "team": "campaign"}


@lru_cache(maxsize=65536)
def name_key(name: str, kind: str | None) -> str:
    """The key names are grouped by before any fuzzy rule: folded, titles and "the" dropped."""
    body = _NAMED_BODY.match(" ".join(name.split())) if kind != "person" else None
    if body and body.group(1)[:1].isupper():
        word = fold(body.group(2))
        return f"{fold(body.group(1))} {_BODY_SYNONYMS.get(word, word)}"
    if kind == "person":
        key = parse_person(name).key
    else:
        words = [_bare(w) for w in tokens(name)]
        if words and words[0] == "the" and len(words) > 1:
            words = words[1:]
        key = " ".join(words)
    # A name without letters ("123") is its own key, not the empty one every such name shares.
    return key or fold(" ".join(name.split()))


# Common English given-name short forms -> the formal names they stand for, so "Joe Biden"
# and "Joseph R. Biden" can be one person. Source: common usage; kept short on purpose.
NICKNAMES: dict[str, frozenset[str]] = {
    nick: frozenset(formal.split("/"))
    for nick, formal in (
        ("al", "albert/alan/alfred"), ("alex", "alexander/alexandra"), ("andy", "andrew"),
        ("ben", "benjamin"), ("bernie", "bernard"), ("bill", "william"), ("billy", "william"),
        ("bob", "robert"), ("bobby", "robert"), ("charlie", "charles"), ("chris",
        "christopher/christine/christina"), ("chuck", "charles"), ("dan", "daniel"),
        ("danny", "daniel"), ("dave", "david"), ("dick", "richard"), ("don", "donald"),
        ("ed", "edward"), ("frank", "francis/franklin"), ("fred", "frederick"),
        ("jeff", "jeffrey"), ("jim", "james"), ("jimmy", "james"), ("joe", "joseph"),
        ("jon", "jonathan"), ("kate", "katherine/catherine"), ("ken", "kenneth"),
        ("larry", "lawrence"), ("liz", "elizabeth"), ("matt", "matthew"), ("mike", "michael"),
        ("nick", "nicholas"), ("pat", "patrick/patricia"), ("pete", "peter"),
        ("rick", "richard"), ("rob", "robert"), ("ron", "ronald"), ("sam", "samuel"),
        ("steve", "stephen/steven"), ("sue", "susan"), ("ted", "edward/theodore"),
        ("tim", "timothy"), ("tom", "thomas"), ("tony", "anthony"), ("will", "william"),
        ("abe", "abraham"), ("beth", "elizabeth"), ("betsy", "elizabeth"),
        ("cathy", "catherine"), ("debbie", "deborah"), ("doug", "douglas"),
        ("drew", "andrew"), ("eddie", "edward"), ("greg", "gregory"), ("hank", "henry"),
        ("jack", "john"), ("jake", "jacob"), ("jeb", "john"), ("jen", "jennifer"),
        ("jerry", "gerald/jerome"), ("johnny", "john"), ("josh", "joshua"),
        ("kathy", "kathleen/katherine"), ("len", "leonard"), ("maggie", "margaret"),
        ("marty", "martin"), ("mitch", "mitchell"), ("nate", "nathan/nathaniel"),
        ("newt", "newton"), ("peggy", "margaret"), ("phil", "philip/phillip"),
        ("randy", "randall/randolph"), ("ray", "raymond"), ("rudy", "rudolph"),
        ("russ", "russell"), ("sandy", "sandra"), ("stan", "stanley"),
        ("terry", "terence/terrence"), ("tommy", "thomas"), ("vince", "vincent"),
        ("walt", "walter"), ("zach", "zachary"), ("geoff", "geoffrey"), ("joey", "joseph"),
        ("rich", "richard"), ("mick", "michael"), ("gene", "eugene"), ("lou", "louis"),
        ("kim", "kimberly"), ("barb", "barbara"), ("deb", "deborah"), ("meg", "margaret/megan"),
    )
}


def _same_given(a: str, b: str) -> bool:
    """Equal, an initial of the other, or a short form of it ("joe" / "joseph")."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return b in NICKNAMES.get(a, ()) or a in NICKNAMES.get(b, ())


def given_compatible(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether the given names ``short`` can be a writing of ``long`` with no more detail.

    ("lori",) fits ("lori", "e"); ("l",) fits ("lori",); ("joe",) fits ("joseph", "r");
    ("bill",) does not fit ("hillary",). Every short name must match, in order, a long name
    equal to it, of which it is the initial, or of which it is a short form.
    """
    if len(short) > len(long) or len(long) - len(short) > 2:
        return False
    if short and len(long[0]) > 1 and not _same_given(short[0], long[0]) and (
        short[0] not in long or len(short[0]) == 1
    ):
        # "Ann Lewis" is not "James A. Lewis": a first name is not a middle initial (but
        # "Guajardo Villarreal" is "Ildefonso Guajardo Villarreal", a second given name).
        return False
    position = 0
    for name in short:
        while position < len(long):
            candidate = long[position]
            position += 1
            if _same_given(name, candidate):
                break
        else:
            return False
    return True


def _detail(given: tuple[str, ...]) -> tuple[int, int]:
    """How much a given-name part says: names spelt out (not initials or short forms), then
    the number of names."""
    return (sum(1 for g in given if len(g) > 1 and g not in NICKNAMES), len(given))


def less_specific(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether given names ``a`` are a less detailed writing of ``b``: "Lightfoot" < "Lori
    Lightfoot", "L. Lightfoot" < "Lori Lightfoot", "Joe Biden" < "Joseph R. Biden"."""
    if a == b or not given_compatible(a, b):
        return False
    if not given_compatible(b, a):
        return True
    return _detail(a) < _detail(b)


def acronym(name: str) -> str:
    """Initials of an organisation's capitalised words: "Chicago Teachers Union" -> "ctu"."""
    words = [w for w in tokens(name) if _bare(w) not in _ORG_STOP]
    if len(words) < 2:
        return ""
    return "".join(_bare(w)[0] for w in words if w[:1].isupper())


def is_acronym(name: str) -> bool:
    stripped = name.replace(".", "").strip()
    return 2 <= len(stripped) <= 8 and stripped.isalpha() and stripped.isupper()


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance; counts a swap as one edit.

    With ``limit``, returns ``limit + 1`` as soon as the distance must exceed it.
    """
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if limit is not None and min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=65536)
def deletion_variants(text: str, depth: int) -> frozenset[str]:
    """All strings made by deleting up to ``depth`` characters (SymSpell candidate blocking).

    Two strings within edit distance ``depth`` share at least one variant, so comparing only
    names that share a variant finds every near-spelling without comparing all pairs.
    """
    variants = {text}
    frontier = {text}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        variants |= frontier
    return frozenset(variants)

