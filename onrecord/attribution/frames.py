"""Attribution frames: the words around a quotation or a cue that say who speaks.

Shared by the direct-quote and the reported-statement stages: the records they build
(:class:`Attribution`, :class:`Draft`), reading a cue at a token (``said``, ``told
reporters``), and reading an attribution right after a quotation (``“…,” Del Valle said`` /
``“…,” said teacher Ann Bramlett``), by dash (``“…” — Sen. X``), right before it (``X said:
“…”``) or in a colon lead-in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import cue_forms, cue_heads
from .lexicons import words
from .mentions import (
    DAYS,
    TITLES,
    Mention,
    Token,
    np_ending_at,
    sentence_subject,
    subject_after,
    subject_before,
)
from .quotes import MASK, Quotation

DASHES = ("—", "–", "--", "-", "―")
WORD_CHAR = re.compile(r"[^\W_]")
TIME_WORDS = DAYS | words(
    """morning afternoon evening night week weekend month year earlier later recently again
    last this next ago late early"""
)
PREPS = words("""in on at during to before after while via through over from with for""")
OBJECT_VERBS = words("""tell ask remind inform warn assure urge advise thank accuse blame order""")
# Lemmas that are often not about speech ("continued her push", "the state"): they count only
# when a clause, a colon or a quotation follows.
ADJUNCT_WORDS = words(
    """in on at during to before after while via through over from with the a an his her their
    its this last next week month year morning afternoon evening night monday tuesday wednesday
    thursday friday saturday sunday yesterday today statement interview tweet email speech
    conference rally news press event meeting hearing debate radio television letter reporters
    briefing call show program appearance also again earlier later then repeatedly"""
)
SUBJECT_PRONOUNS = words("he she they it we i there it’s it's he’s she’s they’re")
_THAT_OR_PRONOUN = words("that he she they it we i there")
NEEDS_CLAUSE = words(
    """continue state order post signal answer question charge speak add object reject comment
    maintain rebut dismiss report"""
)
# Navigation lines of news sites ("RELATED: ...") are headlines of other articles.
NAVIGATION = re.compile(r"(?:RELATED|READ MORE|MORE|ALSO|WATCH|SEE ALSO|PHOTOS|VIDEO)\b\s*:")
_DETERMINERS = words("a an the this his her their its my our your")
CLAUSE_START = words(
    """he she they it we i there the his her their its this that these those a an"""
)


@dataclass(frozen=True)
class Attribution:
    """Who, with which cue, and where the attribution words stand (``start``/``end``)."""

    mention: Mention | None
    cue: str | None
    start: int
    end: int
    how: str  # after, before, inverted, dash, colon, floating, trailing, leading, none


@dataclass
class Draft:
    parts: list[tuple[int, int]]
    kind: str
    attribution: Attribution
    paragraph: int
    broken: bool = False
    single: bool = False
    last_quote: Quotation | None = None


# --------------------------------------------------------------------------- cue tokens


def cue_at(tokens: list[Token], i: int) -> tuple[int, str] | None:
    """(number of tokens, lemma) when a reporting cue starts at ``tokens[i]``."""
    if tokens[i].lower not in CUE_HEADS:
        return None
    forms = cue_forms()
    if tokens[i].lower in _TRIPLE_HEADS and i + 2 < len(tokens):
        triple = f"{tokens[i].lower} {tokens[i + 1].lower} {tokens[i + 2].lower}"
        if triple in forms:
            return 3, forms[triple]  # "made it clear"
    if i + 1 < len(tokens):
        pair = f"{tokens[i].lower} {tokens[i + 1].lower}"
        if pair in forms:
            return 2, forms[pair]
    low = tokens[i].lower
    if low in forms:
        if tokens[i].is_cap and not _cap_cue_ok(tokens, i):
            return None
        if low == "state" and i + 1 < len(tokens) and tokens[i + 1].lower in TITLES:
            return None  # "“…,” state Sen. Maria Hernandez, …, said": an office, not a verb
        return 1, forms[low]
    return None


CUE_HEADS = cue_heads()
_TRIPLE_HEADS = frozenset(form.split()[0] for form in cue_forms() if form.count(" ") == 2)


def _cap_cue_ok(tokens: list[Token], i: int) -> bool:
    """A capitalised cue word starts a sentence ("Said Ellis: …") or sits in a title-case
    headline ("Lindsey Graham Says"); elsewhere it is part of a name ("the United States")."""
    if i == 0 or is_punct(tokens[i - 1]) or tokens[i - 1].text.startswith(MASK):
        return True
    before = tokens[max(0, i - 2) : i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return all(t.is_cap for t in before) and (nxt is None or nxt.is_cap or is_punct(nxt))


def is_punct(tok: Token) -> bool:
    return not WORD_CHAR.match(tok.text) and not tok.text.startswith(MASK)


# --------------------------------------------------------------------------- frames of a quotation


def after_attribution(
    text: str, tokens: list[Token], qi: int, stop: int, opens_sentence: bool = False
) -> Attribution | None:
    """The attribution right after a quotation (``“…,” X said``, ``“…,” said X``).

    ``opens_sentence``: the quotation starts its sentence and closes with a comma, ``?`` or
    ``!``, so it is the speaker's own sentence whatever follows the attribution
    (``“…,” Jim Bennett told a voter passing by who …``)."""
    a = qi + 1
    dash = False
    while a < stop and is_punct(tokens[a]):
        dash = dash or tokens[a].text in DASHES
        a += 1
    if a >= stop:
        return None
    cue = cue_at(tokens, a)
    if (
        cue is not None
        and a == qi + 1
        and tokens[a].lower.endswith("ing")
        and cue[1] != "according to"
    ):
        # "as “fantastic,” telling reporters that …": a participle right after the quotation
        # goes on the sentence's own clause; its speaker is the subject before, not the
        # object after ("reporters")
        cue = None
    if cue is not None:
        n, lemma = cue
        sp = subject_after(text, tokens, a + n)
        if sp is None or not (
            opens_sentence or short_tail(tokens, index_after(tokens, sp.end, stop), stop)
        ):
            return None  # "“…,” adding that …" belongs to an attribution before the quotation
        return Attribution(
            sp,
            tok_text(text, tokens, a, a + n),
            tokens[a].start,
            _frame_end(tokens, stop),
            "inverted",
        )
    for c in range(a + 1, min(stop, a + 32)):
        if tokens[c].text.startswith(MASK):
            break
        cue = cue_at(tokens, c)
        if cue is None:
            continue
        sp = subject_before(text, tokens, c, prepared=True)
        if opens_sentence and (sp is None or sp.start < tokens[a].start):
            # read the frame as a sentence of its own: "the economist Jared Bernstein, a
            # former adviser, wrote" (commas before the frame are no appositives)
            sp = subject_before(text, tokens[a:stop], c - a)
        if sp is None or sp.kind in ("nominal", "group") and sp.start > tokens[a].start:
            sp = _described_source(text, tokens, a, c) or sp
        n, lemma = cue
        if (
            sp is not None
            and sp.end <= tokens[c].start
            and (
                _opens_frame(tokens, a, sp.start)
                or opens_sentence
                and _role_before(tokens, a, sp.start)
            )
            and (opens_sentence or short_tail(tokens, c + n, stop, lemma))
        ):
            return Attribution(
                sp,
                tok_text(text, tokens, c, c + n),
                tokens[a].start,
                _frame_end(tokens, stop),
                "after",
            )
    if dash:
        sp = subject_after(text, tokens, a)
        if sp is not None and sp.kind == "name":
            return Attribution(sp, None, tokens[a].start, _frame_end(tokens, stop), "dash")
    if opens_sentence:
        return _bare_verb_frame(text, tokens, a, stop)
    return None


def _bare_verb_frame(text: str, tokens: list[Token], a: int, stop: int) -> Attribution | None:
    """A sentence-opening quotation answered by a speaker and a verb the cue list does not
    hold, and nothing else: "“…,” an angry Hollande retaliated.", "“…?” reacted Trump.",
    "“…,” Trump fired back." The quotation is the speaker's whole sentence, so the verb
    needs no lexicon; anything more after it ("“…,” Trump hosted on NBC") is no such frame."""
    end = stop
    while end > a and is_punct(tokens[end - 1]):
        end -= 1
    if end - a < 2 or end - a > 6 or any(t.text.startswith(MASK) for t in tokens[a:end]):
        return None
    if end - a >= 3 and tokens[end - 1].lower in _PARTICLES:
        end -= 1  # "fired back"
    if _bare_verb(tokens[a]):  # "reacted Trump"
        sp = subject_after(text, tokens, a + 1)
        if sp is not None and sp.kind == "name" and index_after(tokens, sp.end, stop) >= end:
            return Attribution(sp, tokens[a].text, tokens[a].start, _frame_end(tokens, stop),
                               "inverted")
        return None
    v = end - 1
    if not _bare_verb(tokens[v]):
        return None
    sp = subject_before(text, tokens, v, prepared=True)
    if sp is None or sp.kind not in ("name", "nominal", "group") or sp.start < tokens[a].start:
        return None
    if not (_opens_frame(tokens, a, sp.start) or _role_before(tokens, a, sp.start)):
        return None
    return Attribution(sp, tokens[v].text, tokens[a].start, _frame_end(tokens, stop), "after")


_PARTICLES = words("back out up in")


def _bare_verb(tok: Token) -> bool:
    """A lowercase past-tense verb in "-ed" ("retaliated", "reacted", "fired")."""
    low = tok.lower
    return (
        not tok.is_cap
        and len(low) > 4
        and low.endswith("ed")
        and low.isalpha()
        and low not in _NOT_BARE_VERBS
    )


# participles that describe rather than speak: "“…,” the embattled governor" is no frame
_NOT_BARE_VERBS = words(
    """elected registered retired unnamed unidentified concerned affiliated alleged united
    related interested undecided committed organized embattled based owned"""
)


def short_tail(tokens: list[Token], j: int, stop: int, lemma: str = "") -> bool:
    """After an attribution only adjuncts may follow ("said Monday in a statement", "said
    after the hearing …") or a comma ("said, adding that …"); a clause ("Pence said his
    running mate's tweet was …") means the quotation was a title or a phrase inside someone
    else's sentence."""
    if j >= stop or tokens[j].text in (",", ";", ":", "—", "–", "--", "-", "("):
        return True
    if lemma in OBJECT_VERBS and tokens[j].lower not in _SUBORDINATORS:
        # "told reporters", "told the AP", but "asks as a maintenance guy walks in"
        k = j
        while k < stop and k - j < 4 and not is_punct(tokens[k]) and tokens[k].lower != "that":
            k += 1
            if k < stop and (tokens[k].lower in PREPS or tokens[k].lower in TIME_WORDS):
                break
        j = k
        if j >= stop or tokens[j].text in (",", ";", ":", "—", "–", "--", "-", "("):
            return True
    words = [t for t in tokens[j:stop] if not is_punct(t)]
    if not words:
        return True
    first = words[0].lower
    return first != "that" and (
        first in PREPS
        or first in TIME_WORDS
        or first in _SUBORDINATORS
        or first.endswith("ly")
        or tokens[j].is_cap
        and lemma in OBJECT_VERBS
        or lemma in OBJECT_VERBS
        and len(words) <= 3
    )


_NOT_IN_NAMES = PREPS | CLAUSE_START
_SUBORDINATORS = words(
    """as after before when while of about earlier later then recently also again last this
    because since though although if until once during"""
)


def _described_source(text: str, tokens: list[Token], a: int, c: int) -> Mention | None:
    """ "“…,” another source familiar with Cruz’s thinking said", "a person close to the
    campaign said": an unnamed source described by a phrase that fills the frame up to the
    cue; the whole phrase speaks (not "the campaign", not no one)."""
    if not 2 <= c - a <= 10 or tokens[a].lower not in _INDEFINITE_OPENERS:
        return None
    if any(is_punct(t) or t.text.startswith(MASK) or t.is_cap and k > a
           and not t.text.endswith(("’s", "'s")) for k, t in enumerate(tokens[a:c], a)):
        return None  # a name inside ("a spokesman for Trump") is read by the name rules
    if not any(t.lower in _DESCRIBING for t in tokens[a + 2 : c]):
        return None  # "a reporter can be heard asking": a clause, not one described source
    phrase = text[tokens[a].start : tokens[c - 1].end]
    return Mention(tokens[a].start, tokens[c - 1].end, phrase, "group", written=phrase)


_INDEFINITE_OPENERS = words("a an another one")
_DESCRIBING = words("familiar close with to of at from for in on inside within near")


def _opens_frame(tokens: list[Token], a: int, start: int) -> bool:
    """The speaker phrase starts the frame, give or take a few words ("Tulsa police Chief
    Chuck Jordan said": the phrase read is "police Chief Chuck Jordan")."""
    if a >= len(tokens) or start < tokens[a].start:
        return False
    k = a
    while k < len(tokens) and tokens[k].start < start:
        if is_punct(tokens[k]) or k - a >= 3 or tokens[k].lower in _NOT_IN_NAMES:
            return False
        k += 1
    return True


def _role_before(tokens: list[Token], a: int, start: int) -> bool:
    """Only a role stands between the quotation and the speaker's name ("the White House
    spokesman, Josh Earnest, said", "Gallup’s Jeffrey M. Jones wrote")."""
    k = a
    while k < len(tokens) and tokens[k].start < start:
        tok = tokens[k]
        if tok.text.startswith(MASK) or k - a >= 8 or cue_at(tokens, k) is not None:
            return False
        if is_punct(tok) and tok.text != ",":
            return False
        k += 1
    return True


def _frame_end(tokens: list[Token], stop: int) -> int:
    return tokens[stop - 1].end if stop > 0 else 0


def tok_text(text: str, tokens: list[Token], i: int, j: int) -> str:
    return text[tokens[i].start : tokens[j - 1].end]


def before_attribution(text: str, tokens: list[Token], begin: int, qi: int) -> Attribution | None:
    end = qi
    while end > begin and is_punct(tokens[end - 1]) and tokens[end - 1].text not in (",", ":"):
        end -= 1
    if end <= begin:
        return None
    closer = tokens[end - 1].text if tokens[end - 1].text in (",", ":") else ""
    for c in range(end - 1, begin - 1, -1):
        cue = cue_at(tokens, c)
        if cue is None:
            continue
        n, lemma = cue
        if (
            lemma in NEEDS_CLAUSE
            and tokens[c].lower == lemma
            and any(t.lower in _DETERMINERS for t in tokens[c - 2 : c])
        ):
            continue  # "saying in a Trumpian post on Twitter:": a noun, not the cue
        tail = [t for t in tokens[c + n : end] if t.text not in (",", ":")]
        if len(tail) > 10:
            return None
        if tail and not closer and tail[-1].lower != "that":
            return None
        if (
            not closer
            and any(not is_punct(t) for t in tokens[qi + 1 : qi + 4])
            and (qi + 1 < len(tokens) and not tokens[qi + 1].text.startswith(MASK))
        ):
            return None  # "saying that “race still determines too much” in America": a phrase
        if (
            c == begin
            and c > 0
            and tokens[c - 1].text.startswith(MASK)
            and tokens[c].lower.endswith("ing")
            and lemma != "according to"
        ):
            # "Trump has hailed the vote as “fantastic,” telling reporters … that he thinks
            # the Brexit is “a great thing.”": the sentence's subject goes on speaking
            sp = sentence_subject(text, tokens, c - 1, nominal=True)
        elif lemma == "according to" or c == begin:
            sp = subject_after(text, tokens, c + n)
        else:
            sp = subject_before(text, tokens, c)
            if sp is None and tokens[c - 1].text == "," and not tokens[c].lower.endswith("ing"):
                # "But, said Solovey, “…”", "Because of …, explained Rosenberg, “…”"
                sp = subject_after(text, tokens, c + n)
                if sp is not None and sp.kind != "name":
                    sp = None
        if sp is None:
            return None
        first = begin
        if c - 1 > begin and tokens[c - 1].text == "," and tokens[c].lower.endswith("ing"):
            # "Albright urged women to vote for Clinton, saying, “…”": the participle is the
            # quotation's attribution; the clause before it is a statement of its own
            first = c - 1
        return Attribution(
            sp,
            tok_text(text, tokens, c, c + n),
            tokens[first].start,
            tokens[end - 1].end,
            "before",
        )
    return None


def colon_lead(text: str, tokens: list[Token]) -> Attribution | None:
    """``Trump said in a statement:`` followed by the quotation in the next sentence."""
    if not tokens or tokens[-1].text != ":":
        return None
    return before_attribution(text, tokens, 0, len(tokens)) or colon_name(
        text, tokens, len(tokens) - 1
    )


_MEDIUM_PREPOSITIONS = words("on in at to via with through")  # not "More from X:"


def _after_preposition(tokens: list[Token], start: int) -> bool:
    """The phrase starting at body offset ``start`` follows a preposition: a medium or a
    place ("on Twitter", "on CNN"), not a speaker."""
    k = next((i for i, t in enumerate(tokens) if t.start == start), None)
    return k is not None and k > 0 and tokens[k - 1].lower in _MEDIUM_PREPOSITIONS


def colon_name(text: str, tokens: list[Token], colon: int) -> Attribution | None:
    """No cue before the colon: ``Republican pollster Daron Shaw: “…”`` (the name right
    before it speaks) or ``Anwar al-Awlaki … is shown lecturing: “…”`` (the subject)."""
    if colon <= 0 or tokens[colon].text != ":":
        return None
    sp = np_ending_at(text, tokens, colon)
    if sp is not None and _after_preposition(tokens, sp.start):
        return None  # "saying in a post on Twitter: “…”", "later that month on CNN: “…”"
    if sp is None or sp.kind != "name":
        sp = sentence_subject(text, tokens, colon)
    if sp is None or sp.kind != "name":
        return None
    return Attribution(sp, None, sp.start, tokens[colon].end, "colon-name")


_WH_WORDS = words("whether how why if what who when where")


def clause_follows(tokens: list[Token], after: int, stop: int, lemma: str) -> bool:
    """For a cue word that is often no speech ("spoke against the backdrop", "added a
    note"): a colon, comma, "that" or a pronoun subject follows, past time words and adverbs;
    "spoke of" / "spoke about" count too."""
    k = after
    while k < stop and (tokens[k].lower in TIME_WORDS or tokens[k].lower.endswith("ly")):
        k += 1
    if k >= stop:
        return False
    nxt = tokens[k]
    if lemma == "speak":
        return nxt.lower in ("of", "about", "out")
    return nxt.text in (":", ",") or nxt.lower in _THAT_OR_PRONOUN or nxt.lower in _WH_WORDS


def index_at(tokens: list[Token], pos: int) -> int | None:
    for idx, tok in enumerate(tokens):
        if tok.start == pos:
            return idx
        if tok.start > pos:
            return None
    return None


def index_after(tokens: list[Token], pos: int, default: int) -> int:
    for idx, tok in enumerate(tokens):
        if tok.start >= pos:
            return idx
    return len(tokens) if tokens else default
