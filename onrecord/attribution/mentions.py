"""Stage 4a: speaker mentions: read the speaker phrase next to a cue.

:func:`subject_before` / :func:`subject_after` read the phrase that stands before a cue ("CTU
President Jesse Starkey said") or after it ("said teacher Ann Bramlett, a ...") and split it
into the mention (name, pronoun, nominal or group) and the role it gives. Resolving a mention
to a person of the article is :mod:`.registry`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from .cues import cue_forms
from .lexicons import load_lexicon, words
from .quotes import MASK

# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"\uE000+|[^\W_][\w’'\-/]*(?:\.(?=[\w’'\-]))?[\w’'\-]*(?:\.[\w’'\-]+)*\.?|—|–|--|\S",
    re.UNICODE,
)
# The spaces before a token, then the token: only spaces lie between tokens (anything else is
# a token of its own), so offsets follow from the lengths, and ``findall`` gives plain strings
# where ``finditer`` would build a match object per token (a sixth of tokenizing).
_SPACED_TOKEN = re.compile(rf"(\s*+)({_TOKEN.pattern})", re.UNICODE)

TITLES = {
    "mr.": "m",
    "mr": "m",
    "mrs.": "f",
    "mrs": "f",
    "ms.": "f",
    "ms": "f",
    "miss": "f",
    "dr.": None,
    "sen.": None,
    "rep.": None,
    "gov.": None,
    "gen.": None,
    "lt.": None,
    "col.": None,
    "sgt.": None,
    "capt.": None,
    "adm.": None,
    "rev.": None,
    "prof.": None,
    "atty.": None,
    "supt.": None,
    "pres.": None,
    "sens.": None,
    "reps.": None,
    "lt. gov.": None,
}
PARTICLES = words("""de del della der di da du la le van von bin ibn al el st. y dos das ten ter""")
SUFFIXES = words("""jr. jr sr. sr ii iii iv""")
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": None, "who": None}
FUNCTION_CAPS = words(
    """a an and as at but by for from if in into meanwhile moreover nor now of on or so
    still that the then there these this those though to under until when where while
    with yet however also after before although because since despite during even here
    instead indeed last next according asked speaking told said says say perhaps maybe
    unlike nonetheless nevertheless thus therefore otherwise finally first second just only
    everything nothing everyone someone anyone nobody something many most some several
    other others both each every all any more few her his their its our my your not no
    conversely clarification correction update was were is are did does do has had like
    would should could likewise regardless furthermore hence unless often what whether why
    how whatever beyond alongside besides amid among against across around without within
    toward towards upon throughout between behind except sometimes already never always yes
    wow"""
)
_ADVERBS = words(
    """also has have had later then previously recently once again repeatedly
    often earlier further simply reportedly publicly privately flatly quickly bluntly
    firmly frequently already just later since first last ever himself herself
    themselves still has long subsequently initially immediately finally however now
    instead"""
)
# A cue after these is no statement: "has not mentioned", "will insist" (PolNeAR does count
# the hypothetical "would say")
_IRREALIS = words("""not n’t n't never will""")
DAYS = words("""monday tuesday wednesday thursday friday saturday sunday yesterday today tonight""")
_RAISING = words(
    """appeared appears appear seemed seems seem went goes continued continues tried tries
    wanted wants began begins sought seeks prompted forced moved compelled quick careful
    eager happy going continuing"""
)
_BE = words("is are was were been be")
_ASIDES = words("""however meanwhile though too also instead moreover nonetheless""")
_STOP_BACK = words(
    """that which what when where while if because as and or but than to of for with by
    from in on at about into after before during is was are were be been being not
    said says"""
)  # the last: finite verbs, never inside a noun phrase ("Trump said Fox executives were …")


class Token(NamedTuple):
    """A word or punctuation mark with its body offsets (``lower`` is computed once)."""

    start: int
    end: int
    text: str
    lower: str

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


def make_token(start: int, end: int, text: str) -> Token:
    return _new_tuple(Token, (start, end, text, text.lower()))


# Tokens are built by ``tuple.__new__`` (in C): a NamedTuple's own constructor is a Python
# function, and tokens are the hottest allocation of extraction (half a million on PolNeAR
# train), so this alone saves a few percent of the whole run.
_new_tuple = tuple.__new__


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]``; a masked quotation is one token.

    A final full stop stays on a token only when the word is an abbreviation or an initial
    ("Mr.", "J.", "U.S."), so "said." gives "said" and ".".
    """
    start, end = max(start, 0), min(end, len(text))
    while end > start and text[end - 1].isspace():
        end -= 1  # no token there, and findall would try each trailing space again
    tokens: list[Token] = []
    append, new = tokens.append, _new_tuple
    e = start
    for spaces, word in _SPACED_TOKEN.findall(text, start, end):
        s = e + len(spaces)
        e = s + len(word)
        if word[-1] == "." and len(word) > 1 and not keeps_dot(word):
            word = word[:-1]
            append(new(Token, (s, e - 1, word, word.lower())))
            append(new(Token, (e - 1, e, ".", ".")))
        else:
            append(new(Token, (s, e, word, word.lower())))
    return tokens


def keeps_dot(word: str) -> bool:
    low = word.lower()
    if len(word) == 2 and word[0].isalpha():
        return True  # an initial
    if "." in low[:-1]:
        return True  # U.S., D.C., a.m.
    return low in TITLES or low in SUFFIXES or low[:-1] in _ABBREV


_ABBREV = words("""st mt ft jan feb mar apr aug sept sep oct nov dec inc corp co ltd no vs""")


# --------------------------------------------------------------------------- word classes


# Word classes, read once at import (small files; lookups sit on the hot path).
ROLE_NOUNS = load_lexicon("role_nouns")
GROUP_NOUNS = load_lexicon("group_nouns")
ORG_WORDS = load_lexicon("org_words")
GIVEN_NAMES = {
    **{name: "m" for name in load_lexicon("male_names")},
    **{name: "f" for name in load_lexicon("female_names")},
}
PLACES = load_lexicon("places")
# AP abbreviations of U.S. states ("San Bernardino, Calif.", "Portsmouth, N.H.")
STATE_ABBREVIATIONS = words(
    """ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md. mass.
    mich. minn. miss. mo. mont. neb. nev. okla. ore. pa. tenn. va. vt. wash. wis. wyo.
    n.h. n.y. n.j. n.m. n.c. n.d. s.c. s.d. r.i. w.va. d.c."""
)
# plurals: "senators", and "chairmen", "congressmen", "spokeswomen" ("-man" → "-men")
_ROLE_OR_PLURAL = (
    ROLE_NOUNS
    | {noun + "s" for noun in ROLE_NOUNS}
    | {noun[:-3] + "men" for noun in ROLE_NOUNS if noun.endswith("man")}
)


def is_role_word(low: str) -> bool:
    return low in _ROLE_OR_PLURAL


def _is_name_word(tok: Token) -> bool:
    text = tok.text
    if not text[:1].isupper() or text[0] == MASK:
        # "al-Awlaki", "bin-Talal" (most lowercase words have no hyphen: no regex for them)
        return "-" in text and _PARTICLE_NAME.match(text) is not None
    return tok.lower not in FUNCTION_CAPS or tok.lower in ("la", "le", "de")


_PARTICLE_NAME = re.compile(r"(?:al|el|ad|ibn|bin|abu|ben)-[A-Z]")


def possessive_owner(word: str) -> str | None:
    """The owner a possessive word names: "Huckabee’s" → "Huckabee", and a capitalised name in
    "s" with the apostrophe alone, "Sanders’" / "Sanders'" → "Sanders"; else None."""
    if word.endswith(("’s", "'s")):
        return word[:-2]
    if word.endswith(("s’", "s'")) and word[:1].isupper() and len(word) > 3:
        return word[:-1]
    return None


def _lone_adjective(words: list[Token]) -> bool:
    """ "Democratic said", "Monday said": one capitalised word that names nobody."""
    return len(words) == 1 and (words[0].lower in _NOT_NAMES or words[0].lower in DAYS)


# "the Vermont Democrat", "the Republican": a described person, like "the Vermont senator"
PARTY_MEMBERS = words("republican democrat libertarian")
_NOT_NAMES = words(
    """democratic republican american conservative liberal federal national state super
    it one two three another earlier later over wow byline i'm i’m revealed exclusive four
    five six seven eight nine ten twelve twenty local neither either wait ever look listen
    remember well okay ok alongside jan. feb. aug. sept. oct.
    nov. dec. jan feb aug sept oct nov dec"""
)


def is_acronym(text: str) -> bool:
    if len(text) > 12 or not text[-1:].isupper() and text[-1:] != ".":
        return False  # the common case, a word like "Clinton", answered at once
    letters = text.replace(".", "").replace("-", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Mention:
    """A speaker phrase as written.

    ``kind`` is "name", "pronoun", "nominal" (the mayor, a source) or "group" (union members);
    ``text`` is the head without titles or roles; ``role`` what the phrase says the person is.
    """

    start: int
    end: int
    text: str
    kind: str
    role: str | None = None
    title: str | None = None
    written: str = ""
    # what an appositive says beside an office written before the name ("state Sen. Maria
    # Hernandez, a Democrat from Aurora": role "state Sen.", description "a Democrat from …")
    description: str | None = None


def _name_run(tokens: list[Token], i: int, step: int) -> int:
    """Index one past the end of a run of name words from ``i`` in direction ``step``."""
    j = i
    while 0 <= j < len(tokens):
        tok = tokens[j]
        low = tok.lower
        if _is_name_word(tok) or low in TITLES or low in SUFFIXES:
            if (
                j != i
                and low in CUE_FORMS
                and low.endswith("s")
                and low != "states"
                and _title_case_after(tokens, j + step)
            ):
                break  # a title-case headline: "Hillary Clinton Speaks ‘…’"
            j += step
            continue
        if low in PARTICLES and 0 <= j + step < len(tokens) and _is_name_word(tokens[j + step]):
            j += step
            continue
        if (
            low == "and"
            and step > 0
            and j > i
            and j + 1 < len(tokens)
            and tokens[j - 1].lower in TITLES
            and _is_name_word(tokens[j + 1])
        ):
            j += step  # "former Pennsylvania Gov. and Democratic National Committee Chairman"
            continue
        if low in ("of", "for", "&") and 0 <= j + step < len(tokens):
            nxt = tokens[j + step]
            prv = tokens[j - step] if 0 <= j - step < len(tokens) else None
            if _is_name_word(nxt) and prv is not None and _is_name_word(prv):
                j += step
                continue
        if low == "the" and 0 <= j + 2 * step < len(tokens) and 0 <= j - step < len(tokens):
            # "Mr. Morgan of the Sierra Club"
            ahead, behind = tokens[j + step], tokens[j - step]
            of, name = (ahead, behind) if step < 0 else (behind, ahead)
            if (
                of.lower == "of"
                and _is_name_word(name)
                and (step < 0 or j + 2 * step < len(tokens))
            ):
                j += step
                continue
        if tok.text == "," and step > 0 and j + 1 < len(tokens) and tokens[j + 1].lower in SUFFIXES:
            j += step
            continue
        break
    return j


def _title_case_after(tokens: list[Token], k: int) -> bool:
    return 0 <= k < len(tokens) and (tokens[k].is_cap or tokens[k].text.startswith(MASK))


def split_name(words: list[Token]) -> tuple[list[Token], list[Token], str | None]:
    """Split a capitalised run into (role words, name words, title).

    "Board of Education President Miguel del Valle" → (Board of Education President,
    Miguel del Valle); "Sen. Lindsey Graham" → ([], Lindsey Graham, "Sen."); "CTU" → ([], CTU).
    """
    title = None
    cut = 0
    org = looks_org(words[-1:]) or is_place(words)
    for k, tok in enumerate(words):
        low = tok.lower
        if low in TITLES:
            title = tok.text
            cut = k + 1
        elif (
            is_role_word(low)
            and not org
            and k + 1 < len(words)
            and (words[k + 1].lower not in ("of", "for"))
            and not _given_name_at(words, k)
        ):
            cut = k + 1
    rest = words[cut:]
    if not org and (
        any(t.lower == "of" for t in rest)
        and (cut > 0 or is_role_word(words[0].lower))
        or len(rest) >= 3
        and rest[0].lower not in GIVEN_NAMES  # "Miss Universe Alicia Machado"
    ):
        # "Secretary of State John F. Kerry": the name starts at the given name
        for k in range(max(cut, 1), len(words) - 1):
            if words[k].lower in GIVEN_NAMES:
                cut = k
                break
    role, name = words[:cut], words[cut:]
    # Keep "The Post", but drop a leading determiner of a person name
    if name and name[0].lower == "the" and len(name) > 1 and not looks_org(name):
        name = name[1:]
    if role and all(TITLES.get(t.lower) for t in role):
        role = []  # "Mr.", "Ms.": a courtesy, not a role
    return role, name, title


# "Le Pen", "de Blasio", "van Hollen": a surname that opens with a particle
_SURNAME_PARTICLES = words("le la de del della di da du van von der bin al")


def _given_name_at(words: list[Token], k: int) -> bool:
    """A role word that is the given name of the name after it: "Marine Le Pen" (a surname
    with a particle follows), "Dean Baquet" (a known given name and one word after it, no
    other given name); "Marine Sgt. John Smith" and "Marine Corps Commandant …" stay roles."""
    rest = words[k + 1 :]
    if k and words[k - 1].lower in GIVEN_NAMES:
        return False  # "John Marine …"
    if len(rest) >= 2 and rest[0].lower in _SURNAME_PARTICLES and rest[1].is_cap:
        return rest[0].text[:1].isupper() or rest[0].lower in ("de", "van", "von", "der")
    return (
        len(rest) == 1
        and words[k].lower in GIVEN_NAMES
        and rest[0].lower not in GIVEN_NAMES
        and not is_role_word(rest[0].lower)
        and rest[0].lower not in TITLES
        and rest[0].lower not in ORG_WORDS  # "Marine Corps"
        and not looks_org(rest)
    )


def is_place(words: list[Token]) -> bool:
    """ "Union Park", "South Asia", "North Korea", "New Hampshire": not people."""
    if len(words) > 1 and words[-1].lower in _PLACE_ENDINGS:
        return True
    return all(t.lower.rstrip(".") in PLACES or t.lower in ("of", "the", "and") for t in words)


_PLACE_WORDS = words(
    """park square street avenue road boulevard building hall plaza tower island county
    city state river lake beach airport stadium arena church hospital hotel"""
)
_PLACE_ENDINGS = _PLACE_WORDS | {"shoal", "bay", "sea", "gulf"}


def looks_org(words: list[Token]) -> bool:
    """ "Chicago Teachers Union", "CTU", "Former DNC", "Trending Today USA"."""
    if any(t.lower in ORG_WORDS for t in words):
        return True
    if len(words) == 1:
        return is_acronym(words[0].text)
    return words[0].lower not in GIVEN_NAMES and any(
        is_acronym(t.text) and "." not in t.text and t.lower not in SUFFIXES  # "Bozell III"
        for t in words
    )


# words a role cannot end with: its object is still to come ("author of", "a partner at")
_ROLE_LINKS = words("of at for in on with to from by the a an and")


def _role_text(text: str, toks: list[Token]) -> str | None:
    """The role as written, never cut before its object: "author of ''Empire of the Fund''"
    stops at the quotation (masked here), and "author of" alone reads as a broken record."""
    while toks and toks[-1].lower in _ROLE_LINKS:
        toks = toks[:-1]
    return span_text(text, toks) or None


def span_text(text: str, toks: list[Token]) -> str:
    return text[toks[0].start : toks[-1].end] if toks else ""


def _role_prefix(tokens: list[Token], j: int) -> int:
    """Walk back from index ``j`` (exclusive) over lowercase role words ("math teacher and
    bargaining member"); return the first index of the prefix."""
    k = j
    seen_role = False
    while k > 0 and j - k < 6:
        tok = tokens[k - 1]
        low = tok.lower
        if is_role_word(low) or low in ORG_WORDS:
            seen_role = True
            k -= 1
        elif low == "and" and seen_role and k - 2 >= 0 and tokens[k - 2].lower not in _STOP_BACK:
            k -= 1
        elif seen_role and tok.text.isalpha() and low not in _STOP_BACK and low not in DAYS:
            if low in ("the", "a", "an"):
                break
            k -= 1
        else:
            break
    while (
        k < j and (tokens[k].lower == "and" or not is_role_word(tokens[k].lower)) and not seen_role
    ):
        k += 1
    if k < j and not any(is_role_word(t.lower) for t in tokens[k:j]):
        return j
    return k


def subject_before(
    text: str, tokens: list[Token], cue_index: int, *, prepared: bool = False
) -> Mention | None:
    """The speaker phrase ending just before ``tokens[cue_index]`` (normal order, "X said").

    Skips auxiliaries and adverbs ("has also said"), reads an appositive between commas
    ("Jane Doe, a teacher, said"), and returns None when no subject-like phrase stands there.
    ``prepared``: a quotation's own attribution, where "will say" gives prepared remarks
    ("“…,” the president will say, according to excerpts").
    """
    j = cue_index
    if prepared and j >= 2 and tokens[j - 1].lower == "will":
        j -= 1
    if j >= 2 and tokens[j - 1].lower == "to" and tokens[j - 2].lower in _RAISING:
        j -= 2  # "he appeared to suggest", "Trump went on to say"
        if j >= 1 and tokens[j - 1].lower == "on":
            j -= 1
        if j >= 1 and tokens[j - 1].lower in _BE:
            j -= 1  # "Mr. Trump was prompted to say", "she is careful to say"
    while j > 0 and (
        tokens[j - 1].lower in _ADVERBS
        or _manner_adverb(tokens[j - 1])  # "Clinton boldly suggested"
        or tokens[j - 1].lower in DAYS
        or tokens[j - 1].lower in ("on", "did", "does", "do")
    ):
        j -= 1
    j -= _time_adjunct(tokens, j)  # "Trump at the time said", "Obama last week said"
    if (
        j >= 3
        and tokens[j - 1].lower == "as"
        and tokens[j - 2].lower in ("quoted", "cited")
        and tokens[j - 3].lower in _BE
    ):
        j -= 3  # "Braynard is quoted as saying"
    if j > 0 and tokens[cue_index].lower.endswith("ing") and tokens[j - 1].lower in _BE:
        j -= 1  # "Clinton is promising", "Trump was saying"
        while j > 0 and tokens[j - 1].lower in _ADVERBS:
            j -= 1
    if j > 0 and tokens[j - 1].text in _IRREALIS:
        return None
    if j == 0:
        return None
    prev = tokens[j - 1]
    if prev.text == "," and j >= 3 and tokens[j - 2].lower in _ASIDES:
        j -= 2 if tokens[j - 3].text != "," else 3
        return _np_ending_at(text, tokens, j) if j > 0 else None
    if (
        prev.lower == "by"
        and j >= 3
        and tokens[cue_index].lower.endswith("ing")
        and (tokens[j - 2].lower.endswith("ed") or tokens[j - 2].lower in ("began", "begins"))
        and tokens[j - 2].text.islower()
    ):
        # "he began by saying", "Trump responded by saying": the subject of the verb
        subject = _np_ending_at(text, tokens, j - 2)
        if subject is not None and subject.kind in ("name", "pronoun"):
            return subject
    if prev.lower in ("and", "but") or (
        (prev.text == "," or prev.lower in ("before", "after", "while", "when", "by"))
        and tokens[cue_index].lower.endswith("ing")
    ):
        # "Trump bemoaned the unrest and said ...", "Trump attacked Clinton, saying ...":
        # the subject of the sentence speaks, or of the clause the participle follows
        if prev.text == ",":
            joined = _joined_clause_subject(text, tokens, j - 1)
            if joined is not None:
                return joined
        return sentence_subject(text, tokens, j - 1, nominal=True)
    if prev.text == "," and j >= 3:
        return _appositive_subject(text, tokens, j)
    np = _np_ending_at(text, tokens, j)
    if np is not None and np.kind != "pronoun":
        opener = _unclosed_appositive(text, tokens, np)
        if opener is not None:
            return opener
    if (
        np is not None
        and np.kind in ("group", "nominal")
        and tokens[cue_index].lower.endswith("ing")
        and _object_of_verb(tokens, np, j)
    ):
        # "The Vermont senator emailed supporters saying", "yelling at people on their way
        # into the polls saying": the object is not who speaks; the sentence's subject is
        return sentence_subject(text, tokens, j - 1, nominal=True)
    if np is not None and np.kind != "pronoun":
        f = _index_of(tokens, np.start, j - 1)
        if f is not None and f > 2 and tokens[f - 1].lower == "the":
            f -= 1  # "Dan McLaughlin at the National Review agreed"
        if f is not None and f > 1 and tokens[f - 1].lower in _PP_WORDS:
            # "Bernie Sanders of Vermont said": Sanders; "the union members we caught up
            # with in Union Park said": the members, not the park
            if tokens[f - 1].lower in ("of", "at", "from") or (
                tokens[f - 1].lower in ("in", "on")
                and np.kind == "nominal"
                and np.text.lower().split()[-1] in _DOCUMENTS | _MEDIA
            ):  # "Jeb Bush in a Medium post said", "Trump on Twitter wrote": Bush
                # "Dan McLaughlin at the National Review agreed": McLaughlin
                head = _np_ending_at(text, tokens, f - 1)
                if (
                    head is not None
                    and head.kind == "name"
                    and not np.title  # "Speaker of the House Rep. Paul Ryan said": Ryan
                    and not is_role_word(head.text.split()[-1].lower())  # "Secretary of"
                ):
                    return head
            # the head itself, not its role ("Speaker of the House Paul Ryan said": Ryan)
            head_start = np.end - len(np.text)
            place = [t for t in tokens[f:j] if t.start >= head_start and t.end <= np.end]
            if not np.title and (is_place(place) or looks_org(place) or len(place) == 1):
                subject = sentence_subject(text, tokens, f - 1, nominal=True)
                if subject is not None:
                    return subject
    if (
        np is not None
        and np.kind == "nominal"
        and tokens[cue_index].lower.endswith("ing")
        and np.text.lower().split()[-1] in _DOCUMENTS
    ):
        # "Trump issued a statement Tuesday saying …", "Trump's campaign released a statement
        # saying …": the issuer speaks, not the document
        subject = sentence_subject(text, tokens, _index_of(tokens, np.start, j) or 0, nominal=True)
        if subject is not None and subject.end <= np.start:
            return subject
    if np is not None and np.kind == "name" and np.text.split()[0].lower() in _NOT_SUBJECTS:
        return None  # a title-case headline: "‘A Disgrace’ Over Police Shooting Comments"
    if np is None:
        return _described_with_phrase(text, tokens, j)
    if np.kind in ("name", "group"):
        return list_head(text, tokens, np, j) or np
    return np


def list_head(text: str, tokens: list[Token], np: Mention, j: int) -> Mention | None:
    """The first name of a coordinated subject ("Sens. Jeff Merkley (D-Ore.), Sherrod Brown
    (D-Ohio) and Robert Menendez (D-N.J.) all suggested", "Joseph and other community members
    protested"): a joint source is given by its first member, as the gold convention does
    (76 of 88 train sources "A and B" name A). Only with an "and" in the list and names
    before it; a place or a day before a comma is an opening phrase, not a member."""
    f = _index_of(tokens, np.start, j - 1)
    if f is None:
        return None
    coordinated = f >= 2 and tokens[f - 1].lower == "and"
    if not coordinated and not any(t.lower == "and" for t in tokens[f:j]):
        return None
    head: Mention | None = None
    k = f
    while k >= 2 and (tokens[k - 1].lower == "and" or tokens[k - 1].text == ","):
        sep = k - 1
        if tokens[sep].lower == "and" and tokens[sep - 1].text == ",":
            if head is None:
                break  # "… in Louisville, and Nicklaus said": two clauses, not a list
            sep -= 1  # "A, B, and C"
        if sep >= 3 and tokens[sep - 1].text == ")":
            opening = next((m for m in range(sep - 2, max(0, sep - 8), -1)
                            if tokens[m].text == "("), None)
            if opening is not None:
                sep = opening  # "Jeff Merkley (D-Ore.), Sherrod Brown …"
        if sep < 1:
            break
        prev = _np_ending_at(text, tokens, sep, first_of_two=False)
        if prev is None or prev.kind != "name" or _names_a_place(prev):
            break
        first = _index_of(tokens, prev.start, sep - 1)
        if first is None or tokens[first].lower in DAYS:
            break
        head, k = prev, first
    if head is None:
        return None
    first = _index_of(tokens, head.start, j - 1)
    if first is None or first > 0 and not (
        _is_punct_token(tokens[first - 1]) and tokens[first - 1].text not in (")", ".")
        or tokens[first - 1].lower in _LEADERS
    ):
        # the list must open its clause: not "attacking his rivals, particularly Govs. Jeb
        # Bush and Chris Christie, who say", "groups like the ACLU and the NACDL praised"
        return None
    return head


# words that end a described speaker's phrase ("a source for his …" is no speaker)
_PHRASE_STOPS = _STOP_BACK | words("his her their its my our your him them")


def _object_of_verb(tokens: list[Token], np: Mention, j: int) -> bool:
    """``np`` (ending before ``tokens[j]``) follows a preposition or holds a past-tense verb
    after a noun ("senator emailed supporters"): an object, not a subject."""
    f = _index_of(tokens, np.start, j - 1)
    if f is None:
        return False
    if f > 0 and tokens[f - 1].lower in _PP_WORDS and tokens[f - 1].lower != "of":
        return True  # not "a chorus of Democrats urging him"
    inside = tokens[f:j]
    return any(
        t.lower.endswith("ed")
        and k > 0
        and (is_role_word(inside[k - 1].lower) or inside[k - 1].is_cap)
        for k, t in enumerate(inside)
    )


def _described_with_phrase(text: str, tokens: list[Token], j: int) -> Mention | None:
    """ "a narrator in the Clinton ad asks", "one employee at the plant said": an unnamed
    speaker described with a prepositional phrase, kept whole as written."""
    for p in range(j - 2, max(0, j - 7), -1):
        if tokens[p].lower not in ("in", "at", "from", "with", "for", "on"):
            continue
        tail = tokens[p + 1 : j]
        if any(_is_punct_token(t) or t.lower in _PHRASE_STOPS for t in tail):
            return None
        head = _np_ending_at(text, tokens, p)
        if head is None or head.kind not in ("nominal", "group"):
            return None
        if head.written.split()[0].lower() not in ("a", "an", "one", "another"):
            return None
        phrase = text[head.start : tokens[j - 1].end]
        return Mention(head.start, tokens[j - 1].end, phrase, head.kind, None, None, phrase)
    return None


def _time_adjunct(tokens: list[Token], j: int) -> int:
    """How many tokens before ``tokens[j]`` are a time adjunct ("at the time", "last week")."""
    if j >= 4 and [t.lower for t in tokens[j - 3 : j]] in (
        ["at", "the", "time"],
        ["at", "that", "time"],
    ):
        return 3
    if j >= 3 and tokens[j - 2].lower in ("this", "last") and tokens[j - 1].lower in _PERIODS:
        return 2
    return 0


_PERIODS = words("week weekend month year summer fall spring winter night morning")
_NOT_SUBJECTS = words("over after before during under amid despite following about against")


_DOCUMENTS = words("statement letter email release tweet video memo note post message")
_MEDIA = words("interview op-ed column essay speech blog podcast show broadcast")


_PP_WORDS = words("in from at of for to with by on about against among into like than as")


_INTRO = words(
    """in on at during after before while when as since with without despite for last this
    amid under over unless if although though because once inside outside across throughout
    back ever alongside"""
)
_LEADERS = frozenset(["but", "and", "meanwhile", "still", "yet", "so", "however", "also"])


def verb_after_name(tokens: list[Token], m: int, first: int = 0) -> bool:
    """``tokens[m]`` is a past-tense verb right after a name (adverbs in "-ly" between):
    "President Obama passionately rebuked critics" is a clause, not one noun phrase."""
    verb = tokens[m]
    if verb.is_cap or not verb.lower.endswith("ed") or verb.lower in _ED_IN_NPS:
        return False
    n = m - 1
    while n > first and tokens[n].lower.endswith("ly") and not tokens[n].is_cap:
        n -= 1
    return (
        n >= first
        and tokens[n].text.isalpha()
        and _is_name_word(tokens[n])
        and tokens[n].lower not in _QUANTIFIERS  # "Some miffed Sanders supporters"
    )


_QUANTIFIERS = words("some many most all few several both other others each every any no")
_ED_IN_NPS = words(
    """elected registered retired unnamed unidentified concerned affiliated alleged so-called
    united related interested unaffiliated undecided committed organized"""
)


def _joined_clause_subject(text: str, tokens: list[Token], j: int) -> Mention | None:
    """The name that opens the last clause joined by "and"/"but" before ``tokens[j]`` and is
    followed by its past-tense verb: "prosecutors charged the officer with murder and
    Emanuel fired his police chief, …, acknowledging that …" is Emanuel's."""
    for m in range(j - 1, max(0, j - 40), -1):
        tok = tokens[m]
        if tok.text.startswith(MASK) or tok.text in (";", ":"):
            return None
        if tok.lower in ("and", "but") and m + 2 < j and _is_name_word(tokens[m + 1]):
            sp = subject_after(text, tokens, m + 1)
            if sp is None or sp.kind != "name":
                return None
            k = next((i for i in range(m + 1, j) if tokens[i].start >= sp.end), j)
            return sp if k < j and verb_after_name(tokens, k, m + 1) else None
    return None


def _is_punct_token(tok: Token) -> bool:
    return not tok.text[:1].isalnum() and not tok.text.startswith(MASK)


def sentence_subject(
    text: str, tokens: list[Token], limit: int, *, nominal: bool = False
) -> Mention | None:
    """The name, pronoun or group that opens the sentence (its subject, as a rule)."""
    first = 0
    while first < limit and (_is_punct_token(tokens[first]) or tokens[first].lower in _LEADERS):
        first += 1
    first = _after_dateline(tokens, first, limit)
    sp = None
    if first < limit and (
        tokens[first].lower in _INTRO
        or first + 1 < limit
        and tokens[first + 1].lower in ("later", "earlier", "ago")  # "Hours later, …"
        or tokens[first].lower.endswith(("ing", "ly"))  # "Following …, ", "Shortly after …, "
        and tokens[first].lower not in GIVEN_NAMES
        or first + 1 < limit
        and tokens[first].lower.endswith("ed")
        and tokens[first + 1].lower == "by"  # "Chastened by the analyses, …"
    ):
        # "In a statement, Peabody said ...", "Following a swiftly called, late meeting, the
        # Council issued ...": the subject follows the introductory phrase, after the first
        # comma that a subject follows (within 30 words: "After the State Department’s
        # inspector general released a scathing report Wednesday documenting …, Gowdy …")
        for comma in range(first, min(limit, first + 30)):
            if tokens[comma].text == ",":
                sp = subject_after(text, tokens, comma + 1)
                if sp is not None and _names_a_place(sp):
                    sp = None  # "At a rally in Birmingham, Alabama, on Saturday, …"
                if sp is not None:
                    first = comma + 1
                    break
    if first >= limit:
        return None
    if sp is None:
        sp = subject_after(text, tokens, first)
    if sp is None:
        # "Eight years ago, he supported …": an opening phrase the word lists don't know
        within = range(first, min(limit, first + 8))
        comma = next((k for k in within if tokens[k].text == ","), None)
        if comma is not None and comma + 1 < limit:
            sp = subject_after(text, tokens, comma + 1)
            if sp is not None and _names_a_place(sp):
                sp = None
    if sp is None or sp.kind == "nominal" and not nominal:
        # "An immigrant from Uganda who became a citizen in 2013, she plans …": a long
        # opening description of the person the pronoun then names
        for comma in range(first + 8, min(limit, first + 24)):
            if tokens[comma].text == "," and comma + 1 < limit:
                nxt = tokens[comma + 1]
                if nxt.lower in PRONOUNS and nxt.lower not in ("who", "it", "i"):
                    sp = subject_after(text, tokens, comma + 1)
                break
    if sp is None or sp.kind == "nominal" and not nominal or sp.end > tokens[limit].start:
        return None
    return sp


_DASHES = ("-", "—", "–", "--")


def _after_dateline(tokens: list[Token], first: int, limit: int) -> int:
    """Past a wire dateline that opens the sentence ("ORLANDO, Fla. (Reuters) - President
    Barack Obama met …"): a city in capitals, then place words, an agency in brackets and a
    dash; else ``first`` itself."""
    tok = tokens[first] if first < limit else None
    if tok is None or len(tok.text) < 3 or not tok.text.isalpha() or not tok.text.isupper():
        return first
    for m in range(first + 1, min(limit, first + 10)):
        text = tokens[m].text
        if text in _DASHES:
            return m + 1 if m + 1 < limit else first
        if not (text[:1].isupper() or _is_punct_token(tokens[m])):
            return first
    return first


def _names_a_place(mention: Mention) -> bool:
    return mention.kind == "name" and all(
        w.lower().rstrip(".") in PLACES or w.lower() in STATE_ABBREVIATIONS
        for w in mention.text.split()
    )


def _appositive_subject(text: str, tokens: list[Token], j: int) -> Mention | None:
    """``NP, appositive[, appositive], CUE``: the NP that opens the chain of commas.

    "Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing the
    EPA, said" → Scott Pruitt with the first appositive as role; "Apple's chief executive,
    Tim Cook, called" → Tim Cook with the nominal as role.
    """
    # a semicolon ends the clause: "Clinton takes Pa., Md. and Del.; …; Sanders wins R.I.,
    # vows …" has no appositive chain back to Clinton
    stop = next((k for k in range(j - 2, max(0, j - 50), -1) if tokens[k].text == ";"), 0)
    commas = [k for k in range(j - 2, max(stop, j - 50), -1) if tokens[k].text == ","][:6]
    best: Mention | None = None
    weak = False
    best_inner: list[Token] = []
    for k in commas:
        head = _np_ending_at(text, tokens, k)
        if head is None or all(w.lower() in _WHEN_WORDS for w in head.written.split()):
            continue  # "Earlier Tuesday, his campaign manager, Jeff Weaver, says": a time
        first = _index_of(tokens, head.start, k)
        at_start = first is not None and (
            first == 0
            or not tokens[first - 1].text[:1].isalnum()
            and tokens[first - 1].text != ","  # "whose start-up, Paradata, …" is inside
            or tokens[first - 1].lower in _LEADERS
            or first == 1
            and tokens[0].lower == "as"  # "As Andrew J. Tabler, an expert on Syria, noted"
        )
        if (
            first is not None
            and first >= 3
            and tokens[first - 1].text == ","
            and tokens[first - 3].lower in _PP_WORDS
            and _is_name_word(tokens[first - 2])
            and (head.text.isupper() and len(head.text) <= 4 or _names_a_place(head))
        ):
            continue  # "in Berea, OH, after …, Gov. John Kasich (R-OH), said": a region
        leftmost = (
            head.kind == "name"
            and first is not None
            and (first == 0 or tokens[first - 1].lower not in _PP_WORDS)
        )  # "76-year-old Morton Blackwell, founder of the Leadership Institute, …, endorsed"
        if best is None or at_start or leftmost:
            nxt = next((c for c in commas if c > k), j - 1)
            best, best_inner = head, tokens[k + 1 : nxt if nxt > k else j - 1]
            weak = not (at_start or leftmost)
            if at_start:
                break
    if best is not None and weak:
        # "… in Berea, OH, after winning Ohio, Gov. John Kasich, said": no name opens the
        # chain, so the one right before the cue's comma speaks
        last = _np_ending_at(text, tokens, j - 1)
        if (
            last is not None
            and last.kind == "name"
            and (last.title or last.text.split()[0].lower() in GIVEN_NAMES)
            and not (best_inner and last.start <= best_inner[0].start)  # read below
        ):
            return last
    if best is None:
        # "A lawyer for the news outlets, David Schulz, said": the name between commas
        bounds = sorted([*commas, j - 1])
        for left, right in zip(bounds, bounds[1:], strict=False):
            inner = tokens[left + 1 : right]
            named = _named_between(text, tokens, inner, right)
            if named is not None:  # "One superdelegate, party chairwoman Nancy Worley, said"
                role = text[tokens[0].start : tokens[left - 1].end] if left > 0 else None
                return replace(named, role=named.role or role)
            if inner and all(_is_name_word(t) or t.lower in PARTICLES for t in inner):
                role = text[tokens[0].start : tokens[left - 1].end] if left > 0 else None
                _, name_words, title = split_name(inner)  # "…, Mr. Guajardo Villarreal, argues"
                name_words = name_words or inner
                name = span_text(text, name_words)
                written = span_text(text, inner)
                start = name_words[0].start
                return Mention(start, inner[-1].end, name, "name", role, title, written)
        # "CPS support staff and … employees represented by SEIU Local 73, who …, said"
        return sentence_subject(text, tokens, commas[-1]) if commas else None
    inner = best_inner
    first = _index_of(tokens, best.start, j)
    owned = (
        best.kind == "name"
        and first is not None
        and first > 0
        and tokens[first - 1].lower in _PP_WORDS
    )  # "His former business partner at Lenox, Lawrence B. Cummings, called": Cummings
    if (
        (best.kind in ("nominal", "group") or owned)
        and inner
        and all(_is_name_word(t) or t.lower in PARTICLES for t in inner)
    ):
        # "Apple's chief executive, Tim Cook, called"
        role_start = first if first is not None else 0
        while owned and role_start > 0 and tokens[role_start - 1].text[:1].isalnum():
            role_start -= 1
        _, name_words, title = split_name(inner)  # "…, Mr. Guajardo Villarreal, argues"
        name_words = name_words or inner
        return Mention(
            name_words[0].start,
            inner[-1].end,
            span_text(text, name_words),
            "name",
            text[tokens[role_start].start : best.end] if owned else best.written,
            title,
            span_text(text, inner),
        )
    if best.kind in ("nominal", "group"):
        # "One delegate, Alabama Democratic Party chairwoman Nancy Worley, pledged"
        end = _index_of(tokens, inner[-1].start, j) if inner else None
        named = _named_between(text, tokens, inner, end + 1) if end is not None else None
        if named is not None:
            return replace(named, role=named.role or best.written)
    role, description = best.role, None
    if inner and inner[0].lower not in ("who", "whose", "which") and _is_role_phrase(inner):
        if role:  # "State Sen. Maria Hernandez, a Democrat from Aurora, said": the office
            description = span_text(text, inner)
            k = _index_of(tokens, best.start, j)
            if k is not None:
                office = role.split()
                while k > 0 and tokens[k - 1].text in office:
                    k -= 1  # the title itself
                m = k
                while m > 0 and tokens[m - 1].lower in _OFFICE_MODIFIERS:
                    m -= 1  # "“…,” state Sen. Maria Hernandez, a Democrat …": "state Sen."
                if m < k and tokens[m].text.islower() and tokens[m].lower not in office:
                    role = f"{span_text(text, tokens[m:k])} {role}"
        else:
            role = span_text(text, inner)
    return Mention(
        best.start, best.end, best.text, best.kind, role, best.title, best.written, description
    )


def _named_between(
    text: str, tokens: list[Token], inner: list[Token], right: int
) -> Mention | None:
    """A person's name (with its role) filling the words between two commas, ``inner``,
    which end before ``tokens[right]``: ", Alabama Democratic Party chairwoman Nancy Worley,"."""
    if not inner or not inner[0].text[:1].isupper():
        return None
    named = _np_ending_at(text, tokens, right)
    if named is None or named.kind != "name" or named.start != inner[0].start:
        return None
    return named


def _index_of(tokens: list[Token], start: int, limit: int) -> int | None:
    for idx in range(limit, -1, -1):
        if tokens[idx].start == start:
            return idx
    return None


def _is_role_phrase(words: list[Token]) -> bool:
    if not words or len(words) > 14:
        return False
    if words[0].lower in ("a", "an", "the", "its", "his", "her", "their"):
        return True
    return any(is_role_word(t.lower) for t in words[:4])


def np_ending_at(text: str, tokens: list[Token], j: int) -> Mention | None:
    """The noun phrase whose last token is ``tokens[j - 1]`` (a name, a nominal, a pronoun)."""
    return _np_ending_at(text, tokens, j) if j > 0 else None


_RELATIVE_MARKS = frozenset(("-", "—", "–", "--", "("))


def _reads_antecedent(tokens: list[Token], j: int) -> bool:
    """Whether the "who" (or "who's") at ``tokens[j - 1]`` is read through the phrase before
    it: after a comma always (the nearest phrase, or no subject), after a dash, a bracket or a
    capitalised word when a name stands there (:func:`_who_antecedent`)."""
    return j >= 3 and (
        tokens[j - 2].text == ","
        or tokens[j - 2].text in _RELATIVE_MARKS
        or _is_name_word(tokens[j - 2])
    )


def _who_antecedent(text: str, tokens: list[Token], j: int) -> Mention | None:
    """The phrase a "who" (``tokens[j - 1]``, "who" or "who's") stands for: after a comma the
    nearest one ("Patti LaBelle and Stevie Wonder, who joked"); after a dash or an opening
    bracket a name ("GOP front-runner Donald Trump - who previously said", "adviser Jake
    Sullivan (who portrayed …)"), and right after a name that name, which takes no
    restrictive relative ("this tweet from Rikkie Wells who tweeted"). Else the pronoun."""
    mark = tokens[j - 2].text
    if mark == ",":
        return _np_ending_at(text, tokens, j - 2, first_of_two=False)
    at = j - 2 if mark in _RELATIVE_MARKS else j - 1
    named = _np_ending_at(text, tokens, at, first_of_two=False)
    if named is not None and named.kind == "name":
        return named
    who = tokens[j - 1]
    return Mention(who.start, who.start + 3, text[who.start : who.start + 3], "pronoun",
                   written=text[who.start : who.start + 3])


def _np_ending_at(
    text: str, tokens: list[Token], j: int, *, first_of_two: bool = True
) -> Mention | None:
    """The noun phrase whose last token is ``tokens[j - 1]``; of two names joined by "and",
    the first (``first_of_two``, a subject) or the one that ends here (before ", who")."""
    prev = tokens[j - 1]
    low = prev.lower
    contracted = _CONTRACTION.fullmatch(low)
    if contracted and contracted.group(1) in PRONOUNS:
        # "He’s claiming that …", "They’ve said": the pronoun, not a possessive
        base = prev.text[: len(contracted.group(1))]
        if base.lower() == "who" and _reads_antecedent(tokens, j):
            # "Sen. Lindsey Graham, who's called for …": the name before, as for "who"
            return _who_antecedent(text, tokens, j)
        return Mention(prev.start, prev.start + len(base), base, "pronoun", written=base)
    if low in PRONOUNS:
        if low == "who" and _reads_antecedent(tokens, j):
            return _who_antecedent(text, tokens, j)
        return Mention(prev.start, prev.end, prev.text, "pronoun", written=prev.text)
    if prev.text.endswith(("’s", "'s")) or prev.text == MASK or not prev.text[:1].isalnum():
        return None
    if _is_name_word(prev) or low in SUFFIXES:
        k = _name_run(tokens, j - 1, -1) + 1
        words = tokens[k:j]
        owner = _after_owner(words)
        if owner:  # "Gallup’s Jeffrey M. Jones wrote"
            k, words = k + owner, words[owner:]
        if any(t.text.endswith(("’s", "'s")) for t in words):
            return None  # "Pagliano's Fifth Amendment claims": a noun, not a speaker
        while words and words[0].lower in FUNCTION_CAPS and words[0].lower != "the":
            words = words[1:]
        if not words:
            return None
        if len(words) == 1 and words[0].lower in GROUP_NOUNS:
            # "Democrats say", "Republicans said": a group, not a person called Democrats
            return Mention(
                words[0].start, words[0].end, words[0].text, "group", written=words[0].text
            )
        lead = tokens[k - 1] if k > 0 else None
        det = lead is not None and lead.lower == "the"
        if det and words[-1].lower in PARTY_MEMBERS:
            phrase = text[lead.start : words[-1].end]  # "the Vermont Democrat said"
            return Mention(lead.start, words[-1].end, phrase, "nominal", written=phrase)
        role_words, name_words, title = split_name(words)
        name_words = cut_origin(name_words)
        if _lone_adjective(name_words):
            return None
        if not name_words:
            # "the Mayor said", "President said"
            head = words[-1]
            return Mention(
                words[0].start,
                head.end,
                span_text(text, words),
                "nominal",
                span_text(text, words),
                title,
                span_text(text, words),
            )
        start_k = tokens.index(words[0])
        if (
            first_of_two
            and start_k >= 2
            and tokens[start_k - 1].lower == "and"
            and (_is_name_word(tokens[start_k - 2]) or tokens[start_k - 2].lower in SUFFIXES)
        ):
            # "Mr. Grassley and Mr. Leahy say": the first one named leads
            first = _np_ending_at(text, tokens, start_k - 1)
            if first is not None and first.kind == "name":
                return first
        pre = _role_prefix(tokens, start_k)
        if (
            role_words
            and role_words[-1].lower in _ROLE_LINKS
            or pre < start_k
            and tokens[start_k - 1].lower in _ROLE_LINKS
            and not role_words
        ):
            # "Fans of Bradley Cooper said", "the president of the Arab American Institute":
            # the name is the role's object, not the speaker; the whole phrase speaks
            start = lead.start if det and pre == k else tokens[pre].start
            phrase = text[start : name_words[-1].end]
            return Mention(start, name_words[-1].end, phrase, "group", written=phrase)
        role_parts = []
        if pre < start_k:
            role_parts.append(span_text(text, tokens[pre:start_k]))
        if role_words:
            role_parts.append(span_text(text, role_words))
        role = " ".join(role_parts) or None
        if title and not role:
            role = None
        kind = "name"
        written_start = tokens[pre].start if pre < start_k else words[0].start
        if det and looks_org(name_words):
            written_start = lead.start
        written = text[written_start : name_words[-1].end]
        return Mention(
            written_start,
            name_words[-1].end,
            span_text(text, name_words),
            kind,
            role,
            title,
            written,
        )
    # lowercase: "the mayor", "union members", "a source", "officials"
    if (
        low in GROUP_NOUNS
        or is_role_word(low)
        or low in ORG_WORDS
        or low in ("source", "sources", "campaign", "statement", "spokesperson")
    ):
        k = j - 1
        while k > 0 and j - k < 8:
            t = tokens[k - 1]
            if t.lower in (
                "the",
                "a",
                "an",
                "another",
                "one",
                "two",
                "several",
                "some",
                "many",
                "other",
                "both",
            ):
                k -= 1
                break
            if (
                t.text.replace("-", "").isalpha()  # "the two-term president"
                and not verb_after_name(tokens, k - 1)
                and t.lower not in _STOP_BACK
                and t.lower not in PRONOUNS
                and (t.lower not in DAYS)
            ):
                k -= 1
                continue
            if t.lower == "and" and k >= 2 and tokens[k - 2].text.isalpha():
                k -= 1  # "the former first lady and U.S. senator"
                continue
            if "." in t.text and t.text[:1].isupper() and len(t.text) <= 5:
                k -= 1  # "U.S. senator"
                continue
            if possessive_owner(t.text) and _is_name_word(t):
                # "Obama's former campaign strategist", "Sanders’ campaign": the owner makes
                # it definite
                k -= 1
                while k > 0 and j - k < 8 and _is_name_word(tokens[k - 1]):
                    k -= 1  # "Gary Johnson’s doctor"
                break
            break
        words = tokens[k:j]
        phrase = span_text(text, words)
        kind = (
            "group"
            if low in GROUP_NOUNS or is_role_word(low) and low not in ROLE_NOUNS
            else "nominal"
        )
        return Mention(words[0].start, prev.end, phrase, kind, None, None, phrase)
    return None


# "the former Gov. Jim Doyle" (but "a speech Mrs. Clinton delivered" is no speaker)
ROLE_MODIFIERS = words(
    """former retired longtime then veteran acting outgoing incoming late fellow top senior
    leading embattled younger elder older""",
)
_OFFICE_MODIFIERS = ROLE_MODIFIERS | words("state county city federal assistant deputy")


def _after_owner(words: list[Token]) -> int:
    """ "Gallup’s Jeffrey M. Jones", "Commentary’s Noah Rothman": how many words of the run
    name the owner before a person's given name (0 when none do)."""
    for k, tok in enumerate(words[:-2]):  # a given name and a surname follow the owner
        if tok.text.endswith(("’s", "'s")):
            rest = words[k + 1 :]
            person = words[k + 1].lower in GIVEN_NAMES or not (
                looks_org(rest) or is_place(rest) or rest[0].lower in _NOT_NAMES
            )
            return k + 1 if person else 0
    return 0


def _titled_name_after(tokens: list[Token], k: int, end: int) -> int | None:
    """ "Democratic presidential nominee Hillary Clinton": where the real name starts when a
    capitalised adjective and a lowercase role come first (None when they do not)."""
    m = end
    while m < len(tokens) and m - end < 4 and tokens[m].text.isalpha() and not tokens[m].is_cap:
        if tokens[m].lower in _STOP_BACK:
            return None  # "Thomas Massie used to support fellow Kentuckian Rand Paul"
        m += 1
    if m == end or m >= len(tokens) or not is_role_word(tokens[m - 1].lower):
        return None
    return m if _is_name_word(tokens[m]) else None


def _group_after_name(text: str, tokens: list[Token], k: int, end: int) -> Mention | None:
    """ "CPS support staff", "Trump supporters", "Teachers": a group named after a name."""
    m = end
    while m < len(tokens) and m - end < 3 and tokens[m].text.isalpha() and not tokens[m].is_cap:
        low = tokens[m].lower
        if low in _STOP_BACK or low in DAYS or low.endswith("ed"):
            break  # not "Vermont senator emailed supporters"
        m += 1
    last = tokens[m - 1].lower
    named_group = m > end and (last in GROUP_NOUNS or last in ("staff", "leaders", "members"))
    capitalised_group = end - k == 1 and m == end and tokens[k].lower in GROUP_NOUNS
    if not (named_group or capitalised_group):
        return None
    phrase = text[tokens[k].start : tokens[m - 1].end]
    return Mention(tokens[k].start, tokens[m - 1].end, phrase, "group", written=phrase)


def subject_after(text: str, tokens: list[Token], i: int) -> Mention | None:
    """The speaker phrase starting at ``tokens[i]`` (inverted order, "said Jane Doe, a teacher").

    Reads an optional determiner, a lowercase role prefix ("teacher and bargaining member"),
    a capitalised run (role words, then the name) and an appositive after a comma.
    """
    n = len(tokens)
    if i >= n:
        return None
    first = tokens[i]
    if first.lower in PRONOUNS and first.lower not in ("who", "it"):
        return Mention(first.start, first.end, first.text, "pronoun", written=first.text)
    k = i
    det = None
    if tokens[k].lower in ("the", "a", "an", "another") or tokens[k].lower == "one":
        det = tokens[k]
        k += 1
    role_start = k
    while k < n and not _is_name_word(tokens[k]) and k - role_start < 6:
        low = tokens[k].lower
        if (
            tokens[k].text[:1].isalnum()
            and not tokens[k].text.startswith(MASK)
            and low not in _STOP_NOT_AND
            and low not in DAYS
            or _role_of(tokens, k)
        ):
            k += 1  # "teacher and bargaining member", "9/11 widow", "secretary of state"
        else:
            break
    lower_role = tokens[role_start:k]
    for cut, tok in enumerate(lower_role):
        if tok.lower in PRONOUNS or tok.lower in ("that", "whom"):
            lower_role = lower_role[:cut]  # "the union members we caught up with"
            break
    if k < n and _is_name_word(tokens[k]):
        end = _name_run(tokens, k, 1)
        words = tokens[k:end]
        owner = _after_owner(words)
        owner_words = words[:owner]
        if owner:  # "Gallup’s Jeffrey M. Jones": the owner is part of the role
            k, words = k + owner, words[owner:]
        if det is not None and det.lower == "the" and tokens[end - 1].lower in PARTY_MEMBERS:
            phrase = text[det.start : tokens[end - 1].end]  # "said the Wisconsin Republican"
            return Mention(det.start, tokens[end - 1].end, phrase, "nominal", written=phrase)
        titled = _titled_name_after(tokens, k, end)
        if titled is None and any(t.text.endswith(("’s", "'s")) for t in words):
            # "said Rubio’s deputy campaign manager, Rich Beeson", not "said Ivanka Trump's
            # statement …"
            return _role_then_name(text, tokens, k, end) or _owned_body(text, tokens, k, end)
        group = _group_after_name(text, tokens, k, end)
        if group is not None:
            return group
        if titled is not None:
            # "Democratic presidential nominee Hillary Clinton", "Clinton’s top foreign
            # policy aide Jake Sullivan"
            lower_role, k, end = tokens[k:titled], titled, _name_run(tokens, titled, 1)
            words = tokens[k:end]
            if any(t.text.endswith(("’s", "'s")) for t in words):
                return None
        elif (
            end < n
            and det is not None
            and (
                is_role_word(tokens[end].lower)
                or end - k == 1
                and tokens[end].text.isalpha()
                and tokens[end].text.islower()
                and tokens[end].lower not in _VERB_AFTER_NAME  # not "The AP has surveyed"
                and not verb_after_name(tokens, end, k)  # not "The Post intervened"
            )
        ):
            # "The Republican nominee vowed", "tweeted a German user": a nominal with a
            # capitalised adjective
            phrase = text[det.start : tokens[end].end]
            return Mention(det.start, tokens[end].end, phrase, "nominal", written=phrase)
        role_words, name_words, title = split_name(words)
        name_words = cut_origin(name_words)
        if _lone_adjective(name_words):
            return None
        if (
            lower_role
            and not any(is_role_word(t.lower) or t.lower in ORG_WORDS for t in lower_role)
            and not (
                (title or role_words or len(name_words) > 1)
                and len(lower_role) <= 3
                and all(
                    (t.text.isalpha() or _AGE.fullmatch(t.text)) and t.lower not in FUNCTION_CAPS
                    for t in lower_role
                )
                and (det is None or all(t.lower in ROLE_MODIFIERS for t in lower_role))
            )
        ):  # "said former Wisconsin Gov. Jim Doyle", "said retired neurosurgeon Ben Carson"
            return None
        if not name_words:
            return None
        role_parts = [span_text(text, lower_role)] if lower_role else []
        if owner_words:
            role_parts.insert(0, span_text(text, owner_words))
        if role_words:
            role_parts.append(span_text(text, role_words))
        role = " ".join(role_parts) or None
        description = None
        # appositive: ", a teacher and negotiator for the CTU"
        if end + 1 < n and tokens[end].text == ",":
            stop = end + 1
            while (
                stop < n
                and tokens[stop].text not in (",", ".", ";", "—", "–", "--", MASK)
                and (not tokens[stop].text.startswith(MASK))
            ):
                stop += 1
            inner = tokens[end + 1 : stop]
            if _is_role_phrase(inner) and inner[0].lower not in ("who", "whose", "which"):
                if role:  # the office before the name stays the role
                    description = _role_text(text, inner)
                else:
                    role = _role_text(text, inner)
        written_start = (
            det.start
            if det is not None and looks_org(name_words)
            else tokens[role_start].start
            if lower_role
            else words[0].start
        )
        return Mention(
            written_start,
            name_words[-1].end,
            span_text(text, name_words),
            "name",
            role,
            title,
            text[written_start : name_words[-1].end],
            description,
        )
    if lower_role:
        named = _role_then_name(text, tokens, det.start if det else lower_role[0].start, k)
        if named is not None:
            return named  # "said a senior adviser, Jane Doe, who …"
        head = lower_role[-1]
        last = head
        if (
            len(lower_role) > 1
            and head.lower in ("close", "familiar")
            and k + 1 < n
            and tokens[k].lower in ("to", "with")
        ):
            # "said a person close to the Clintons", "a source familiar with the talks"
            head = lower_role[-2]
            m = k + 1
            while m < n and m - k < 6 and not _is_punct_token(tokens[m]):
                m += 1
            last = tokens[m - 1]
        if (
            is_role_word(head.lower)
            or head.lower in GROUP_NOUNS
            or head.lower in ORG_WORDS
            or (head.lower in ("source", "sources", "campaign"))
        ):
            s = det.start if det is not None else lower_role[0].start
            phrase = text[s : last.end]
            kind = "group" if head.lower in GROUP_NOUNS else "nominal"
            return Mention(s, last.end, phrase, kind, None, None, phrase)
    return None


# an opening time phrase read as a name run: "Earlier Tuesday", "Late Monday", "Last March"
_WHEN_WORDS = DAYS | words(
    """earlier later early late last next this that morning afternoon evening night week
    weekend month year january february march april may june july august september october
    november december"""
)
_OWNED_BODIES = words("campaign team office administration government party committee")
_VERB_AFTER_NAME = words(
    "has have had is was are were will would could should can may might must did does do"
)


def _owned_body(text: str, tokens: list[Token], k: int, end: int) -> Mention | None:
    """ "Trump's campaign released …", "Clinton’s aides said": a body of people someone
    owns, as written (an organisation or group phrase the registry reads)."""
    for m in range(end, min(len(tokens), end + 3)):
        tok = tokens[m]
        if not tok.text.isalpha() or tok.is_cap:
            return None
        head = tok.lower
        if head in GROUP_NOUNS or head in _OWNED_BODIES:
            phrase = text[tokens[k].start : tok.end]
            kind = "group" if head in GROUP_NOUNS else "nominal"
            return Mention(tokens[k].start, tok.end, phrase, kind, written=phrase)
    return None


def _unclosed_appositive(text: str, tokens: list[Token], np: Mention) -> Mention | None:
    """ "Anthony Anton, president and CEO of the Restaurant Association stated": an appositive
    whose closing comma is missing ends in a name; the person who opens the sentence speaks."""
    f = _index_of(tokens, np.start, len(tokens) - 1)
    if f is None:
        return None
    comma = next((c for c in range(f - 1, max(0, f - 9), -1) if tokens[c].text == ","), None)
    if comma is None or comma < 1 or comma + 1 >= f:
        return None
    opening = tokens[comma + 1]
    if opening.lower not in ("a", "an", "the") and not is_role_word(opening.lower):
        return None
    if any(
        t.text in (MASK, ";", ":") or t.lower in _STOP_NOT_AND - {"of", "for", "at"}
        for t in tokens[comma + 1 : f]
    ):
        return None
    head = _np_ending_at(text, tokens, comma)
    first = _index_of(tokens, head.start, comma) if head is not None else None
    if head is None or head.kind != "name" or first is None or first > 1:
        return None
    if len(head.text.split()) < 2:
        return None
    role = span_text(text, tokens[comma + 1 : f]) + " " + np.written
    return Mention(head.start, head.end, head.text, "name", role.strip(), head.title, head.written)


_AGE = re.compile(r"\d{1,3}-year-old")  # "76-year-old Morton Blackwell"
_CONTRACTION = re.compile(r"(\w+)[’'](?:s|re|ve|d|ll|m)")


def _manner_adverb(tok: Token) -> bool:
    return tok.text.islower() and len(tok.text) > 4 and tok.text.endswith("ly")


def _role_of(tokens: list[Token], k: int) -> bool:
    """``tokens[k]`` is the "of" or "for" inside a lowercase role ("secretary of state")."""
    return (
        0 < k < len(tokens) - 1
        and tokens[k].lower in ("of", "for")
        and is_role_word(tokens[k - 1].lower)
        and tokens[k + 1].text[:1].islower()
    )


def _role_then_name(text: str, tokens: list[Token], start: int, k: int) -> Mention | None:
    """A role phrase from ``start``, continued by lowercase words from ``tokens[k]``, then a
    comma and a full name: "said Rubio’s deputy campaign manager, Rich Beeson, who …"."""
    n = len(tokens)
    j = k
    while j < n and j - k < 6 and tokens[j].text[:1].islower():
        if tokens[j].lower in _STOP_BACK:
            break
        j += 1
    if j >= n - 1 or tokens[j].text != "," or not is_role_word(tokens[j - 1].lower):
        return None
    end = _name_run(tokens, j + 1, 1)
    if end < n and tokens[end].text not in (",", ".", ";", "—", "–") or end == j + 1:
        return None
    role_words, name_words, title = split_name(tokens[j + 1 : end])
    name_words = cut_origin(name_words)
    if len(name_words) < 2 or any(t.text.endswith(("’s", "'s")) for t in name_words):
        return None
    first = next(t for t in tokens if t.start >= start)
    role = text[first.start : tokens[j - 1].end]
    name = span_text(text, name_words)
    return Mention(name_words[0].start, name_words[-1].end, name, "name", role, title, name)


def cut_origin(name: list[Token]) -> list[Token]:
    """ "Charles B. Rangel of New York" → "Charles B. Rangel", "Cameron Easley for Morning
    Consult" → "Cameron Easley" (not so for "Board of Trade")."""
    for k, tok in enumerate(name):
        if (
            tok.lower in ("of", "for")
            and k > 0
            and not looks_org(name[:k])
            and (not looks_org(name) or tok.lower == "for")
        ):
            return name[:k]
    return name


CUE_FORMS = frozenset(cue_forms())


_STOP_NOT_AND = _STOP_BACK - {"and"}
