"""Stage 6: put quotations, cues and speaker mentions together into :class:`Quote` records.

Per sentence of the masked body (quotations blanked, see :mod:`.quotes`):

1. each quotation looks for its attribution right after it (``“…,” Del Valle said`` /
   ``“…,” said teacher Ann Bramlett``), by dash (``“…” — Sen. X``), or right before it
   (``X said: “…”``, ``Lightfoot has said, “…”``), or in a colon lead-in sentence before;
2. a quotation with no attribution of its own joins the record before it when only that
   record's attribution stands between them (``“A,” said X. “B.”``), continues a quotation
   that ran over a paragraph break, or floats: a fully quoted paragraph right after an
   attributed one is given the same speaker;
3. cues not used by a quotation give reported statements (kind ``indirect``):
   ``X said (that) …``, ``…, X said.``, ``according to X, …``;
4. mentions are resolved to canonical names in the article registry, roles carried to every
   record of a speaker, dates resolved, repeats merged (``occurrences``), confidence set.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from ..records import Article, Quote, quote_id
from .cues import cue_forms, cue_heads
from .dates import statement_date
from .lexicons import words
from .mentions import (
    DAYS,
    Mention,
    Token,
    np_ending_at,
    sentence_subject,
    subject_after,
    subject_before,
    tokenize,
)
from .quotes import MASK, Quotation, find_quotations, mask
from .registry import Registry, Resolved
from .segment import Span, paragraphs, sentences

_DASHES = ("—", "–", "--", "-")
_WORD = re.compile(r"[^\W_]")
_TIME_WORDS = DAYS | words(
    """morning afternoon evening night week weekend month year earlier later recently again
    last this next ago late early"""
)
_PREPS = words("""in on at during to before after while via through over from with for""")
_OBJECT_VERBS = words("""tell ask remind inform warn assure urge advise thank accuse blame order""")
# Lemmas that are often not about speech ("continued her push", "the state"): they count only
# when a clause, a colon or a quotation follows.
_ADJUNCT_WORDS = words(
    """in on at during to before after while via through over from with the a an his her their
    its this last next week month year morning afternoon evening night monday tuesday wednesday
    thursday friday saturday sunday yesterday today statement interview tweet email speech
    conference rally news press event meeting hearing debate radio television letter reporters
    briefing call show program appearance also again earlier later then repeatedly"""
)
_SUBJECT_PRONOUNS = words("he she they it we i there it’s it's he’s she’s they’re")
_THAT_OR_PRONOUN = words("that he she they it we i there")
_NEEDS_CLAUSE = words(
    """continue state order post signal answer question charge speak add object reject comment
    maintain rebut dismiss report"""
)
# Navigation lines of news sites ("RELATED: ...") are headlines of other articles.
_NAVIGATION = re.compile(r"(?:RELATED|READ MORE|MORE|ALSO|WATCH|SEE ALSO|PHOTOS|VIDEO)\b\s*:")
_CLAUSE_START = words(
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


def _cue_at(tokens: list[Token], i: int) -> tuple[int, str] | None:
    """(number of tokens, lemma) when a reporting cue starts at ``tokens[i]``."""
    if tokens[i].lower not in _HEADS:
        return None
    forms = cue_forms()
    if i + 1 < len(tokens):
        pair = f"{tokens[i].lower} {tokens[i + 1].lower}"
        if pair in forms:
            return 2, forms[pair]
    low = tokens[i].lower
    if low in forms:
        if tokens[i].is_cap and not _cap_cue_ok(tokens, i):
            return None
        return 1, forms[low]
    return None


_HEADS = cue_heads()


def _cap_cue_ok(tokens: list[Token], i: int) -> bool:
    """A capitalised cue word starts a sentence ("Said Ellis: …") or sits in a title-case
    headline ("Lindsey Graham Says"); elsewhere it is part of a name ("the United States")."""
    if i == 0 or _is_punct(tokens[i - 1]) or tokens[i - 1].text.startswith(MASK):
        return True
    before = tokens[max(0, i - 2) : i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return all(t.is_cap for t in before) and (nxt is None or nxt.is_cap or _is_punct(nxt))


def _is_punct(tok: Token) -> bool:
    return not _WORD.match(tok.text) and not tok.text.startswith(MASK)


# --------------------------------------------------------------------------- direct


def _after_attribution(
    text: str, tokens: list[Token], qi: int, stop: int, opens_sentence: bool = False
) -> Attribution | None:
    """The attribution right after a quotation (``“…,” X said``, ``“…,” said X``).

    ``opens_sentence``: the quotation starts its sentence and closes with a comma, ``?`` or
    ``!``, so it is the speaker's own sentence whatever follows the attribution
    (``“…,” Jim Bennett told a voter passing by who …``)."""
    a = qi + 1
    dash = False
    while a < stop and _is_punct(tokens[a]):
        dash = dash or tokens[a].text in _DASHES
        a += 1
    if a >= stop:
        return None
    cue = _cue_at(tokens, a)
    if cue is not None:
        n, lemma = cue
        sp = subject_after(text, tokens, a + n)
        if sp is None or not (
            opens_sentence or _short_tail(tokens, _index_after(tokens, sp.end, stop), stop)
        ):
            return None  # "“…,” adding that …" belongs to an attribution before the quotation
        return Attribution(
            sp,
            _tok_text(text, tokens, a, a + n),
            tokens[a].start,
            _frame_end(tokens, stop),
            "inverted",
        )
    for c in range(a + 1, min(stop, a + 32)):
        if tokens[c].text.startswith(MASK):
            break
        cue = _cue_at(tokens, c)
        if cue is None:
            continue
        sp = subject_before(text, tokens, c)
        if opens_sentence and (sp is None or sp.start < tokens[a].start):
            # read the frame as a sentence of its own: "the economist Jared Bernstein, a
            # former adviser, wrote" (commas before the frame are no appositives)
            sp = subject_before(text, tokens[a:stop], c - a)
        n, lemma = cue
        if (
            sp is not None
            and sp.end <= tokens[c].start
            and (
                _opens_frame(tokens, a, sp.start)
                or opens_sentence
                and _role_before(tokens, a, sp.start)
            )
            and (opens_sentence or _short_tail(tokens, c + n, stop, lemma))
        ):
            return Attribution(
                sp,
                _tok_text(text, tokens, c, c + n),
                tokens[a].start,
                _frame_end(tokens, stop),
                "after",
            )
    if dash:
        sp = subject_after(text, tokens, a)
        if sp is not None and sp.kind == "name":
            return Attribution(sp, None, tokens[a].start, _frame_end(tokens, stop), "dash")
    return None


def _short_tail(tokens: list[Token], j: int, stop: int, lemma: str = "") -> bool:
    """After an attribution only adjuncts may follow ("said Monday in a statement", "said
    after the hearing …") or a comma ("said, adding that …"); a clause ("Pence said his
    running mate's tweet was …") means the quotation was a title or a phrase inside someone
    else's sentence."""
    if j >= stop or tokens[j].text in (",", ";", ":", "—", "–", "--", "("):
        return True
    if lemma in _OBJECT_VERBS and tokens[j].lower not in _SUBORDINATORS:
        # "told reporters", "told the AP", but "asks as a maintenance guy walks in"
        k = j
        while k < stop and k - j < 4 and not _is_punct(tokens[k]) and tokens[k].lower != "that":
            k += 1
            if k < stop and (tokens[k].lower in _PREPS or tokens[k].lower in _TIME_WORDS):
                break
        j = k
        if j >= stop or tokens[j].text in (",", ";", ":", "—", "–", "--", "("):
            return True
    words = [t for t in tokens[j:stop] if not _is_punct(t)]
    if not words:
        return True
    first = words[0].lower
    return first != "that" and (
        first in _PREPS
        or first in _TIME_WORDS
        or first in _SUBORDINATORS
        or first.endswith("ly")
        or tokens[j].is_cap
        and lemma in _OBJECT_VERBS
        or lemma in _OBJECT_VERBS
        and len(words) <= 3
    )


_NOT_IN_NAMES = _PREPS | _CLAUSE_START
_SUBORDINATORS = words(
    """as after before when while of about earlier later then recently also again last this
    because since though although if until once during"""
)


def _opens_frame(tokens: list[Token], a: int, start: int) -> bool:
    """The speaker phrase starts the frame, give or take a few words ("Tulsa police Chief
    Chuck Jordan said": the phrase read is "police Chief Chuck Jordan")."""
    if a >= len(tokens) or start < tokens[a].start:
        return False
    k = a
    while k < len(tokens) and tokens[k].start < start:
        if _is_punct(tokens[k]) or k - a >= 3 or tokens[k].lower in _NOT_IN_NAMES:
            return False
        k += 1
    return True


def _role_before(tokens: list[Token], a: int, start: int) -> bool:
    """Only a role stands between the quotation and the speaker's name ("the White House
    spokesman, Josh Earnest, said", "Gallup’s Jeffrey M. Jones wrote")."""
    k = a
    while k < len(tokens) and tokens[k].start < start:
        tok = tokens[k]
        if tok.text.startswith(MASK) or k - a >= 8 or _cue_at(tokens, k) is not None:
            return False
        if _is_punct(tok) and tok.text != ",":
            return False
        k += 1
    return True


def _frame_end(tokens: list[Token], stop: int) -> int:
    return tokens[stop - 1].end if stop > 0 else 0


def _tok_text(text: str, tokens: list[Token], i: int, j: int) -> str:
    return text[tokens[i].start : tokens[j - 1].end]


def _before_attribution(text: str, tokens: list[Token], begin: int, qi: int) -> Attribution | None:
    end = qi
    while end > begin and _is_punct(tokens[end - 1]) and tokens[end - 1].text not in (",", ":"):
        end -= 1
    if end <= begin:
        return None
    closer = tokens[end - 1].text if tokens[end - 1].text in (",", ":") else ""
    for c in range(end - 1, begin - 1, -1):
        cue = _cue_at(tokens, c)
        if cue is None:
            continue
        n, lemma = cue
        tail = [t for t in tokens[c + n : end] if t.text not in (",", ":")]
        if len(tail) > 10:
            return None
        if tail and not closer and tail[-1].lower != "that":
            return None
        if (
            not closer
            and any(not _is_punct(t) for t in tokens[qi + 1 : qi + 4])
            and (qi + 1 < len(tokens) and not tokens[qi + 1].text.startswith(MASK))
        ):
            return None  # "saying that “race still determines too much” in America": a phrase
        if lemma == "according to" or c == begin:
            sp = subject_after(text, tokens, c + n)
        else:
            sp = subject_before(text, tokens, c)
        if sp is None:
            return None
        return Attribution(
            sp,
            _tok_text(text, tokens, c, c + n),
            tokens[begin].start,
            tokens[end - 1].end,
            "before",
        )
    return None


def _colon_lead(text: str, tokens: list[Token]) -> Attribution | None:
    """``Trump said in a statement:`` followed by the quotation in the next sentence."""
    if not tokens or tokens[-1].text != ":":
        return None
    return _before_attribution(text, tokens, 0, len(tokens)) or _colon_name(
        text, tokens, len(tokens) - 1
    )


def _colon_name(text: str, tokens: list[Token], colon: int) -> Attribution | None:
    """No cue before the colon: ``Republican pollster Daron Shaw: “…”`` (the name right
    before it speaks) or ``Anwar al-Awlaki … is shown lecturing: “…”`` (the subject)."""
    if colon <= 0 or tokens[colon].text != ":":
        return None
    sp = np_ending_at(text, tokens, colon)
    if sp is None or sp.kind != "name":
        sp = sentence_subject(text, tokens, colon)
    if sp is None or sp.kind != "name":
        return None
    return Attribution(sp, None, sp.start, tokens[colon].end, "colon-name")


# --------------------------------------------------------------------------- indirect


def _skip_adjuncts(tokens: list[Token], i: int, stop: int, lemma: str) -> int:
    """Index where the reported clause starts after a cue ending at ``i``."""
    in_pp = False  # inside a prepositional phrase: "said after a lunch on Tuesday that …"
    for k in range(i, min(stop, i + 14)):
        tok = tokens[k]
        if tok.lower == "that" and k + 1 < stop:
            return k + 1
        in_pp = (
            in_pp
            and tok.text.isalpha()
            and not tok.lower.endswith("ing")
            or tok.lower in _PREPS
            and tok.lower not in ("to", "for")
        )
        if not (
            _is_punct(tok)
            or tok.is_cap
            or tok.lower in _ADJUNCT_WORDS
            or tok.lower.endswith("ly")
            or lemma in _OBJECT_VERBS
            and k - i < 3
            or in_pp
        ):
            break  # "said officials … video that shows": "that" is inside the clause
        if tok.lower in _SUBJECT_PRONOUNS or tok.lower.endswith(("’s", "'s")) and k == i:
            break  # "says it’s nowhere near that": the clause has begun
        if (
            tok.text in (".", ";")
            or tok.text.startswith(MASK)
            and k + 1 < stop
            and (tokens[k + 1].lower != "that")
        ):
            break  # a quoted title ("told MSNBC's “Morning Joe” that …") may stand before
    j = i
    if lemma in _OBJECT_VERBS and lemma != "call on":
        # "told reporters", "told The New York Times", "urged Congress", "told the crowd"
        if j < stop and tokens[j].is_cap and tokens[j].lower not in _CLAUSE_START:
            while j < stop and (tokens[j].is_cap or tokens[j].lower == "the") and j - i < 6:
                j += 1
        elif j + 1 < stop and tokens[j].lower in ("the", "a", "his", "her", "their"):
            j += 2
            while j < stop and tokens[j - 1].is_cap and tokens[j].is_cap and j - i < 6:
                j += 1  # "told the National Post he …"
        elif (
            j < stop
            and tokens[j].lower not in _CLAUSE_START
            and tokens[j].lower not in _QUESTION_WORDS
            and tokens[j].text.isalpha()
        ):
            j += 1  # "asked if …", "asked whether …": the question is the statement
        m = j
        while m < stop and m - j < 2 and tokens[m].text.isalpha() and not tokens[m].is_cap:
            if tokens[m].lower == "to" and m + 1 < stop and _infinitive(tokens[m + 1]):
                j = i  # "told his advisers to figure out …", "asked a federal judge to block
                break  # …": the object is part of the statement
            m += 1
    while j < stop:
        low = tokens[j].lower
        if low in _TIME_WORDS:
            j += 1
        elif (
            low in _PREPS
            and lemma not in ("call on", "call for")
            and j + 1 < stop
            and not (low == "to" and _infinitive(tokens[j + 1]))
        ):
            k = j + 1
            while (
                k < stop
                and tokens[k].text not in (",", ".")
                and k - j < 8
                and (
                    tokens[k].lower
                    not in _CLAUSE_START
                    - {"the", "a", "an", "his", "her", "their", "its", "this", "these", "those"}
                )
            ):
                k += 1
            if k < stop and tokens[k].text == ",":
                j = k + 1
            elif k - j <= 4 and k < stop:
                j = k
            else:
                break
        elif tokens[j].text in (",", ":"):
            j += 1
        else:
            break
    return j


_PLEAS = words("guilty not innocent no")


def _relative_frame(tokens: list[Token], sp: Mention) -> bool:
    """The speaker opens a relative or a new clause inside a statement ("a charity that
    prosecutors said was …", "an event Carson says led him to Christ", "…, who said …")."""
    if sp.kind == "pronoun" and sp.text.lower() in ("who", "which", "that"):
        return True
    first = _index_at(tokens, sp.start)
    return (
        first is not None
        and first > 0
        and tokens[first - 1].lower in ("that", "which", "who", "whom", "what", "as")
    )


# the cues that start a statement inside another one ("Trump said the charity, which
# prosecutors say was …, …"): verbs of saying only
_NESTED_CUES = words("say argue insist contend suggest")
_NESTED_FORMS = frozenset(form for form, lemma in cue_forms().items() if lemma in _NESTED_CUES)
_WH_WORDS = words("whether how why if what who when where")
_QUESTION_WORDS = words("if whether what who whom which why how when where about")


def _infinitive(tok: Token) -> bool:
    """ "vowed to bring", not "said to reporters" / "told to the crowd"."""
    low = tok.lower
    return (
        not tok.is_cap
        and low.isalpha()
        and low not in _CLAUSE_START
        and low
        not in (
            "reporters",
            "supporters",
            "journalists",
            "voters",
            "members",
            "lawmakers",
            "me",
            "us",
            "him",
            "them",
        )
    )


def _clause_end(tokens: list[Token], j: int, stop: int) -> int:
    """Index after the last word of a clause: final punctuation is left out, except the end
    of a quotation that closes it (the mask keeps the quotation's "." on its closing mark)."""
    end = stop
    while end > j and _is_punct(tokens[end - 1]) and tokens[end - 1].text not in ("”", '"'):
        before = tokens[end - 2] if end - 2 >= j else None
        if (
            before is not None
            and before.text.startswith(MASK)
            and before.end == tokens[end - 1].start
        ):
            break
        end -= 1
    return end


def _indirect(
    text: str, tokens: list[Token], used: set[int]
) -> Iterator[tuple[list[tuple[int, int]], Attribution]]:
    """Yield (content spans, attribution) of the reported statements of a sentence, spans by
    token index (two spans when the attribution stands inside the statement)."""
    n = len(tokens)
    stop = n
    c = 0
    carried: dict[int, Mention] = {}
    subjects: dict[int, Mention | None] = {}  # the trailing and leading reads share one

    def subject(c: int) -> Mention | None:
        if c not in subjects:
            subjects[c] = _subject(text, tokens, c)
        return subjects[c]

    nested = False  # inside a statement already given: only plain speech verbs start another
    while c < n:
        low = tokens[c].lower
        if low not in _HEADS:
            c += 1
            continue
        # "Asked whether …, X said": the question is a statement of whoever asked (the
        # quotation that answers it may have taken the whole sentence as its frame)
        question = _asked(text, tokens, c, stop) if low == "asked" else None
        if question is not None:
            yield question
            c = question[0][0][1]
            continue
        if c in used:
            c += 1
            continue
        cue = _cue_at(tokens, c)
        if cue is None:
            c += 1
            continue
        k, lemma = cue
        after = c + k
        if nested and lemma not in _NESTED_CUES:
            c += k
            continue
        # --- trailing: "…, X said." / "…, said X." / "…, according to X."
        if c >= 2 and not nested:
            sp = None
            how = ""
            comma = None
            if tokens[c - 1].text == "," or (
                lemma == "according to"
                and not _opens_clause(tokens, c)
                and (tokens[c - 1].text in _DASHES or _source_ends(tokens, after, stop))
            ):
                if lemma == "according to":
                    sp = _according_to(text, tokens, after, stop)
                else:
                    sp = subject_after(text, tokens, after)
                # "…, according to X" / "… 46 percent to 39 percent according to a poll"
                comma = c - 1 if _is_punct(tokens[c - 1]) else c
                how = "trailing"
                lead = subject_before(text, tokens, c) if lemma != "according to" else None
                if (
                    lead is not None
                    and lead.kind == "name"
                    and _index_at(tokens, lead.start) in (0, 1)
                ):
                    sp = None  # "Megan Hester, senior associate …, said parents …": leading
            else:
                sp0 = subject(c)
                if sp0 is not None:
                    first = _index_at(tokens, sp0.start)
                    if first is not None and first >= 2 and tokens[first - 1].text != ",":
                        # "…, attorneys for the family said": the whole phrase after the comma
                        plain = _plain_subject(text, tokens, c)
                        pf = _index_at(tokens, plain.start) if plain is not None else None
                        if pf is not None and pf >= 2 and tokens[pf - 1].text == ",":
                            sp0, first = plain, pf
                    if (
                        first is not None
                        and first >= 2
                        and tokens[first - 1].text == ","
                        and not _opens_with_subordinator(tokens)
                        and not (after < stop and tokens[after].text == ":")
                        and not (
                            lemma in _NEEDS_CLAUSE
                            and not _clause_follows(tokens, after, stop, lemma)
                        )  # "…, Lewandowski continued to say he …"
                    ):
                        sp, comma, how = sp0, first - 1, "trailing"
            tail = max(after, _index_after(tokens, sp.end, after)) if sp is not None else after
            resume = _resumes(tokens, tail, stop, comma)
            if sp is not None and comma is not None and comma >= 2 and resume is not None:
                # "The latest test, North Korea said, was its biggest yet": both sides
                start = 0
                while start < comma and _is_punct(tokens[start]):
                    start += 1
                end = _clause_end(tokens, resume, stop)
                if end > resume:
                    att = Attribution(
                        sp,
                        _tok_text(text, tokens, c, after),
                        tokens[comma].start,
                        tokens[resume - 1].end,
                        "middle",
                    )
                    yield [(start, comma), (resume, end)], att
                    return
            if (
                sp is not None
                and comma is not None
                and comma >= 2
                and (
                    lemma == "according to"
                    and _source_ends(tokens, after, stop)
                    or _tail_is_adjunct(tokens, tail, stop, lemma)
                )
            ):
                start = 0
                while start < comma and _is_punct(tokens[start]):
                    start += 1
                if comma - start >= 3:
                    yield (
                        [(start, comma)],
                        Attribution(
                            sp,
                            _tok_text(text, tokens, c, after),
                            tokens[comma].start,
                            tokens[stop - 1].end,
                            how,
                        ),
                    )
                    return
        # --- according to X, …
        if lemma == "according to" and _opens_clause(tokens, c) and not nested:
            sp = _according_to(text, tokens, after, stop)
            if sp is not None:
                j = _index_after(tokens, sp.end, after)
                while j < stop and tokens[j].text != ",":
                    j += 1
                j += 1
                end = _clause_end(tokens, j, stop)
                if end - j >= 3:
                    yield (
                        [(j, end)],
                        Attribution(
                            sp,
                            _tok_text(text, tokens, c, after),
                            tokens[c].start,
                            tokens[j - 1].end,
                            "leading",
                        ),
                    )
                    return
        # --- leading: "X said (that) …"
        if (
            lemma in _NEEDS_CLAUSE
            and not _clause_follows(tokens, after, stop, lemma)
            and not _reports_object(tokens, c, after, stop)
            and not _questions_object(tokens, c, lemma)
        ):
            c += k
            continue
        if lemma == "plead" and after < stop and tokens[after].lower in _PLEAS:
            c += k
            continue  # "pleaded guilty to illegal lobbying": a plea, not a statement
        if lemma == "call":
            m = after
            while m < stop and tokens[m].lower in _TIME_WORDS:
                m += 1
            if m > after and m < stop and tokens[m].lower in ("for", "on"):
                lemma, after = f"call {tokens[m].lower}", m + 1  # "called Friday for …"
        if lemma != "according to":
            sp = carried.get(c) or subject(c)
            if sp is not None and nested and not _relative_frame(tokens, sp):
                sp = None  # inside a statement, only "… that prosecutors said was …" counts
            if (
                sp is not None
                and sp.kind == "name"
                and k == 1
                and tokens[c].lower == lemma
                and sp.end == tokens[c - 1].end
                and lemma in _NOUN_LIKE_CUES
                and not tokens[c - 1].lower.endswith("s")
            ):
                # "the Tulsa protest remained peaceful", "Washington Post": a noun after a
                # singular name (not "Americans protest")
                sp = None
            if sp is not None:
                j = _skip_adjuncts(tokens, after, stop, lemma)
                nxt = _next_attribution(text, tokens, j, stop, used)
                end = _clause_end(tokens, j, _clause_stop(tokens, j, nxt[0] if nxt else stop))
                if nested and any(t.text.startswith(MASK) for t in tokens[j:end]):
                    end = j  # a quotation inside belongs to the outer statement
                if _long_enough(text, tokens, j, end, lemma):
                    att = Attribution(
                        sp,
                        _tok_text(text, tokens, c, after),
                        tokens[c].start,
                        tokens[j - 1].end,
                        "leading",
                    )
                    yield [(j, end)], att
                    if nxt is None:
                        # "… a charity that prosecutors said was …": go on to the next verb
                        # of saying inside the statement, if any
                        nested = True
                        c = next((m for m in range(j, n) if tokens[m].lower in _NESTED_FORMS), n)
                        continue
                    if nxt[1] == nxt[0] + 1 and (
                        tokens[nxt[1]].lower.endswith("ing") or tokens[nxt[0]].lower == "and"
                    ):
                        carried[nxt[1]] = sp  # "X warned …, noting …", "… and added …": X
                    c = nxt[1]
                    continue
        c += k


def _asked(
    text: str, tokens: list[Token], c: int, stop: int
) -> tuple[list[tuple[int, int]], Attribution] | None:
    """ "Asked if her email practices were illegal, 46 percent said yes", "When asked by
    Stephanopoulos to respond, Carson said …": the question, up to the comma, is reported
    speech of the asker (named after "by", else a reporter nobody names)."""
    k = c
    while k > 0 and tokens[k - 1].lower in _ASKED_OPENERS:
        k -= 1
    passive = c > 0 and tokens[c - 1].lower in _BE_ASKED  # "Clinton was asked about …"
    if not passive and not _opens_clause(tokens, k):
        return None
    j = c + 1
    # the question word comes within a few words: "Asked on Fox News whether …", "asked
    # during a luncheon if …", "asked by a caller why …"
    q = next(
        (
            m
            for m in range(j, min(stop, j + 9))
            if tokens[m].lower in _QUESTION_WORDS or tokens[m].lower == "to"
        ),
        None,
    )
    if q is None or any(_is_punct(t) or _cue_at(tokens, m) for m, t in enumerate(tokens[j:q], j)):
        return None
    asker = None
    if j < q and tokens[j].lower == "by":
        if q == j + 1:
            return None
        asker = subject_after(text, tokens, j + 1)
        if asker is None or asker.end > tokens[q - 1].end:
            phrase = _tok_text(text, tokens, j + 1, q)
            asker = Mention(tokens[j + 1].start, tokens[q - 1].end, phrase, "group", written=phrase)
    j = q
    end = j
    while end < stop and tokens[end].text != "," and not tokens[end].text.startswith(MASK):
        end += 1
    if not passive and (end >= stop or tokens[end].text != ","):
        return None  # the question must end before the answer
    end = _clause_end(tokens, j, end)
    if end <= j or end - j == 1 and tokens[j].lower not in ("why", "how"):
        return None  # "When asked why, …" is a question; "Asked whether," is none
    cue = tokens[c].text if k == c else _tok_text(text, tokens, k, c + 1)
    return [(j, end)], Attribution(asker, cue, tokens[k].start, tokens[j - 1].end, "leading")


_ASKED_OPENERS = words("when after once if being")
_BE_ASKED = words("was were is are been be")


def _noun_statements(
    text: str, tokens: list[Token], used: set[int]
) -> Iterator[tuple[list[tuple[int, int]], Attribution]]:
    """A statement named by a noun with its owner: "his claim that the vote was rigged",
    "Mr. Obama's calls for tighter gun control", "her pledge to raise taxes". The owner (a
    possessive pronoun or name) is the speaker; the clause runs to the next comma."""
    n = len(tokens)
    if n < 4 or _NOUN_FRAMES.keys().isdisjoint(map(_LOWER, tokens)):
        return  # most sentences name no statement
    for i in range(1, n - 2):
        followers = _NOUN_FRAMES.get(tokens[i].lower)
        if followers is None or i in used or tokens[i + 1].lower not in followers:
            continue
        word = tokens[i + 1].lower
        if word == "to" and not _infinitive(tokens[i + 2]):
            continue
        o = i - 1
        while o > 0 and i - o <= 2 and tokens[o].lower in _FRAME_MODIFIERS:
            o -= 1  # "his recent call", "Trump's repeated claims"
        owner = _frame_owner(text, tokens, o)
        if owner is None:
            continue
        start = i + 2 if word == "that" else i + 1
        stop = start
        while stop < n and not (
            tokens[stop].text in (",", ";", ":", "—", "–", "--", "(")
            or tokens[stop].text.startswith(MASK)
        ):
            stop += 1
        if stop < n and tokens[stop].text.startswith(MASK):
            continue  # "her remark that “…”": a quotation, given by the direct rules
        end = _clause_end(tokens, start, stop)
        if end - start >= 2:
            yield (
                [(start, end)],
                Attribution(
                    owner, tokens[i].text, tokens[i].start, tokens[start - 1].end, "leading"
                ),
            )


def _frame_owner(text: str, tokens: list[Token], o: int) -> Mention | None:
    """The possessive before a statement noun: "his", "their", "Trump's", "Mr. Obama's"."""
    tok = tokens[o]
    if tok.lower in _POSSESSIVE_PRONOUNS:
        pronoun = _POSSESSIVE_PRONOUNS[tok.lower]
        return Mention(tok.start, tok.end, pronoun, "pronoun", written=tok.text)
    if tok.text.endswith(("’s", "'s")) and tok.is_cap:
        first = o
        while first > 0 and tokens[first - 1].is_cap and not _is_punct(tokens[first - 1]):
            first -= 1
        while first < o and tokens[first].lower in _NOT_OWNER_WORDS:
            first += 1  # "Despite Mr. Trump's claims", "But Trump's call"
        written = text[tokens[first].start : tok.end - 2]
        title = None
        if first < o and tokens[first].lower in _OWNER_TITLES:
            title, first = tokens[first].text, first + 1  # "Mr. Obama's calls"
        name = text[tokens[first].start : tok.end - 2]
        return Mention(tokens[first].start, tok.end - 2, name, "name", None, title, written)
    return None


_LOWER = attrgetter("lower")
_THAT = frozenset(["that"])
_FOR_TO = frozenset(["for", "to"])
_TO_THAT = frozenset(["to", "that"])
# statement nouns and the word that opens what they report
_NOUN_FRAMES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        words(
            """claim claims assertion assertions argument contention suggestion allegation
            allegations charge warning warnings statement remark comment comments denial
            admission prediction declaration"""
        ),
        _THAT,
    ),
    **dict.fromkeys(words("call calls demand demands plea"), _FOR_TO),
    **dict.fromkeys(words("promise promises pledge pledges vow vows threat threats"), _TO_THAT),
}
_OWNER_TITLES = words("mr. mrs. ms. dr. sen. rep. gov. president senator governor")
_NOT_OWNER_WORDS = words(
    """the a an but and despite while after before with without since as if when unlike
    like amid"""
)
_FRAME_MODIFIERS = words(
    """recent repeated latest earlier new frequent renewed previous initial public
    private own"""
)


def _participles_after_quotes(
    tokens: list[Token], drafts: list[Draft]
) -> Iterator[tuple[list[tuple[int, int]], Attribution]]:
    """ "“…,” she said, adding that the campaign will work hard …": the participle after a
    quotation's attribution is a reported statement of the same speaker (the quotation's
    frame took its words, so the clause rules never see it)."""
    for draft in drafts:
        att = draft.attribution
        if att.mention is None or att.how not in ("after", "inverted"):
            continue
        for i in range(1, len(tokens)):
            tok = tokens[i]
            if tok.start < max(att.start, att.mention.end) or tok.start >= att.end:
                continue
            if tokens[i - 1].text != "," or not tok.lower.endswith("ing"):
                continue
            cue = _cue_at(tokens, i)
            if cue is None:
                continue
            n, lemma = cue
            stop = next(
                (k for k in range(i + n, len(tokens)) if tokens[k].text.startswith(MASK)),
                len(tokens),
            )
            j = _skip_adjuncts(tokens, i + n, stop, lemma)
            end = _clause_end(tokens, j, stop)
            if end - j >= 3:
                cue_text = tokens[i].text if n == 1 else f"{tok.text} {tokens[i + 1].text}"
                yield (
                    [(j, end)],
                    Attribution(att.mention, cue_text, tok.start, tokens[j - 1].end, "trailing"),
                )
            break


def _subject(text: str, tokens: list[Token], c: int) -> Mention | None:
    """The speaker phrase before the cue at ``c``: a name, role, pronoun or group the mention
    rules read, else a plain noun phrase (``55 percent said``, ``Each side said``)."""
    if c >= 2 and tokens[c - 1].text in _DASHES:
        # "Donald Trump - who previously said … - said at a rally that …": the subject stands
        # before the parenthetical
        d = next(
            (m for m in range(c - 2, max(0, c - 30), -1) if tokens[m].text == tokens[c - 1].text),
            None,
        )
        if d is not None and d >= 1:
            return _subject(text, tokens[:d] + tokens[c:], d)
    if (
        c >= 3
        and tokens[c - 1].text == ","
        and text[tokens[c - 2].end : tokens[c - 1].start].count(" ") >= 3
    ):
        # "Sen. Jack Reed (D-R.I.), said …": a blanked parenthetical and a stray comma
        return _subject(text, tokens[: c - 1] + tokens[c:], c - 1)
    if c >= 3 and tokens[c - 1].lower == "to" and tokens[c - 2].lower in _GOING_ON:
        c -= 2  # "Clinton is continuing to insist …": the subject of "continuing"
    sp = subject_before(text, tokens, c)
    if sp is not None and sp.kind == "pronoun" and sp.text.lower() in _OBJECT_FORMS:
        sp = None  # "a source close to him said": him is no subject
    if sp is not None and sp.kind == "pronoun" and sp.text.lower() in ("who", "that"):
        rel = _index_at(tokens, sp.start)
        if rel is not None and rel >= 1 and not _is_punct(tokens[rel - 1]):
            # "four in 10 who said …", "Democrats who watched the debate said": the phrase
            # the relative clause hangs on
            head = subject_before(text, tokens[:rel] + tokens[c:], rel) or _plain_subject(
                text, tokens[:rel] + tokens[c:], rel
            )
            if head is not None and head.kind != "pronoun":
                sp = head
    if sp is not None and sp.kind == "name":
        first = _index_at(tokens, sp.start)
        if first is not None and first >= 2 and tokens[first - 1].lower in ("to", "with", "for"):
            # "people close to Clinton say", "aides to Trump said": the phrase, not the name
            sp = _plain_subject(text, tokens, c) or sp
    sp = sp or _plain_subject(text, tokens, c)
    if sp is None and c >= 2 and tokens[c - 1].text == "," and tokens[c].lower.endswith("ing"):
        # "A spokeswoman for the firm declined to comment, saying …": the sentence's subject,
        # a role or a group too
        sp = sentence_subject(text, tokens, c - 1, nominal=True)
    return sp


def _plain_subject(text: str, tokens: list[Token], c: int) -> Mention | None:
    """A subject the mention rules do not read as a speaker: a noun phrase that opens its
    clause and ends right before the cue (``Nearly half said``, ``The newspaper said``,
    ``One in four voters in a New York Times poll said``, ``most of them say``). It is
    given as a group: the phrase itself names the speaker."""
    cue = _cue_at(tokens, c)
    if cue is None:
        return None
    form, lemma = tokens[c].lower, cue[1]
    k = c + 1
    while k < len(tokens) and (tokens[k].lower in _TIME_WORDS or tokens[k].lower.endswith("ly")):
        k += 1
    if k < len(tokens) and tokens[k].lower == "by":
        return None  # "a practice criticized by Miller": a passive participle, no speaker
    if lemma in _OBJECT_FIRST and not _clause_follows(tokens, c + 1, len(tokens), lemma):
        return None  # "Several nations called for calm": an object, not a statement
    j = c
    while j > 0 and (
        tokens[j - 1].lower in _SUBJECT_ADVERBS
        or tokens[j - 1].lower in _TIME_NOUNS
        or tokens[j - 1].lower in _QUANTIFIERS_AFTER
        or tokens[j - 1].lower.endswith("ly")
        or tokens[j - 1].lower in _TIME_PREPS
        and tokens[j].lower in _TIME_NOUNS | _TIME_PREPS
    ):
        j -= 1  # "Sen. Sanders on Wednesday morning said", "Richards and Menendez both said"
    if j == 0:
        return None
    head = tokens[j - 1]
    if j < c:
        np = np_ending_at(text, tokens, j)
        if np is not None and np.kind in ("name", "pronoun", "group"):
            return np
    if form.endswith("ing"):
        if head.lower not in _BE_FORMS or j < 2:
            return None
        j -= 1  # "voters are saying"
        head = tokens[j - 1]
    elif form in _PLAIN_PAST or form.endswith("ed"):
        pass  # said, told, argued: a verb after a noun phrase
    elif lemma.split()[0] in _NOUN_LIKE_CUES:
        return None  # "his home state", "an unprompted call for": a noun, not a verb
    elif form == lemma.split()[0] and not (
        head.lower in _NP_HEAD_OK or head.lower.endswith("s") or head.text.isdigit()
    ):
        return None  # a bare "say" needs a plural subject ("47 percent say", "critics say")
    if not (
        head.lower in _NP_HEAD_OK
        or head.text.isalpha()
        and not head.is_cap
        and head.lower not in _NOT_NP_HEADS
        or head.lower in _QUANTIFIER_SUBJECTS  # "Some said …", "Many say …"
        or head.lower in _OBJECT_FORMS
        and j >= 2
        and (
            tokens[j - 2].lower in _PRONOUN_PREPS
            # "organizations that have endorsed him say"
            or any(t.lower in ("that", "who") for t in tokens[max(0, j - 6) : j - 1])
        )
        or head.text.isdigit()
        and j >= 3
        and tokens[j - 2].lower == "in"  # "Six in 10 say"
    ):
        return None  # "most of them said", "a source close to him said", not "told them"
    k = j - 1
    while k > 0 and j - k < 12:
        prev = tokens[k - 1]
        if (
            _is_punct(prev)
            and prev.text not in ("%", "-")
            or prev.lower in _NP_BOUNDARY
            or prev.text.startswith(MASK)
            or prev.lower.endswith("ed")
            and not prev.is_cap
            and tokens[k].lower in ("a", "an", "the", "his", "her", "their")
        ):
            break  # "Trump thanked | a number of attendees who said …"
        if prev.lower in _NP_BREAKERS or prev.lower in _HEADS and _cue_at(tokens, k - 1):
            return None  # a verb or a cue inside: not one noun phrase
        k -= 1
    else:
        if k > 0:
            return None  # too long to be one noun phrase
    while k < j - 1 and tokens[k].lower in _NP_SKIP:
        k += 1  # "But most of them", "And 64 percent"
    words = tokens[k:j]
    if not words or words[0].lower in _NP_BAD_START:
        return None
    owner = _owner(text, words)
    if owner is not None:
        return owner
    conj = next((n for n, t in enumerate(words) if t.lower == "and"), 0)
    if conj and all(t.is_cap for t in words[:conj]):
        first = np_ending_at(text, tokens, k + conj)
        if first is not None and first.kind == "name":
            return first  # "RT and its defenders say", "Hawkins and others who … said"
    phrase = _tok_text(text, tokens, k, j)
    return Mention(words[0].start, words[-1].end, phrase, "group", written=phrase)


def _owner(text: str, words: list[Token]) -> Mention | None:
    """ "Romney's associates said", "His remarks suggested", "Trump's financial disclosure
    reported": the owner is the speaker (as PolNeAR reads it)."""
    first = words[0]
    if first.lower in _POSSESSIVE_PRONOUNS:
        pronoun = _POSSESSIVE_PRONOUNS[first.lower]
        return Mention(first.start, first.end, pronoun, "pronoun", written=first.text)
    for n, tok in enumerate(words[:-1]):
        if tok.text.endswith(("’s", "'s")) and tok.is_cap:
            m = n
            while m > 0 and words[m - 1].is_cap and words[m - 1].text.isalpha():
                m -= 1
            name = text[words[m].start : tok.end - 2]
            return Mention(words[m].start, tok.end - 2, name, "name", written=name)
    return None


# cues that take an object more often than a clause ("called him a liar", "mentioned the
# plan", "accused the firm of fraud")
_OBJECT_FIRST = words(
    """call mention highlight accuse underscore respond post announce
    threaten praise blame criticize cite condemn"""
)
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
_TIME_PREPS = words("on in at during earlier later the this last that")
_TIME_NOUNS = DAYS | words(
    """morning afternoon evening night week weekend month year past day days weeks months
    years ago"""
)


_OBJECT_FORMS = words("him them me us")
_GOING_ON = words("continuing trying seeming beginning going")
_PRONOUN_PREPS = words("of to with for near around")
_SUBJECT_ADVERBS = words(
    """also has have had later then previously recently once again repeatedly often earlier
    further simply reportedly publicly privately flatly quickly bluntly firmly frequently
    already just first last ever still long subsequently initially immediately finally now
    instead even generally largely mostly overwhelmingly widely almost soon"""
)
_BE_FORMS = words("is are was were")
_QUANTIFIER_SUBJECTS = words("some many most others few several both half")
_QUANTIFIERS_AFTER = words("both all each alone themselves himself herself itself twice")
_PLAIN_PAST = words("said says told tells wrote writes")
# cue words that are as often nouns ("the state", "a call", "his claims"): without a subject
# the mention rules know, they are read as nouns
_NOUN_LIKE_CUES = words(
    """answer boast call charge claim comment counter demand dispute echo estimate forecast
    joke note object order pledge post praise promise protest question quip reason recall
    remark reply report request retort signal slam snap state stress tweet vow wonder yell
    shout mock blast fire back shoot back put it make clear weigh in speak continue"""
)
# the last word of a noun phrase may be a number, a percent, a participle ("those surveyed")
_NP_HEAD_OK = words("% percent half third quarter majority minority")
# words that end no noun phrase (verbs, function words) or show a clause, not a subject
_NOT_NP_HEADS = words(
    """to not n’t n't never will would could should might may can must shall be been being
    is are was were am do does did has have had having it this that these those which what
    who whom whose there here where when why how if whether than as of in on at by for from
    the a an his its their our my your
    with about into over after before and or but so because while although though me him
    her us you i we they he she everything nothing anything something everyone anyone
    someone nobody one ones itself himself herself themselves no them"""
)
# ...but they may stand inside one: "One in four voters", "supporters of reform", "the man
# who", "those who have sketched out", "most of them"
_NP_INNER = words(
    """of in on at by for from with about into over after before and who that which whom
    whose have has had been be is are was were do does did to not them him her us me one
    ones it this these those there here no the a an his its their our my your"""
)
_NP_BREAKERS = _NOT_NP_HEADS - _NP_INNER
_NP_BOUNDARY = words(
    """but while because although though whereas since so yet when if as or than until
    unless whether where after before once compared"""
)
_NP_SKIP = words("and but so yet or even with")
_NP_BAD_START = words(
    """of in on at by for from with into over to and who that which whom whose have
    has had been be is are was were do does did not"""
)


def _according_to(text: str, tokens: list[Token], i: int, stop: int) -> Mention | None:
    """The source after "according to": a speaker the mention rules read ("according to
    Sen. Jane Doe"), or the whole phrase when the name only modifies it ("a CBS poll released
    Monday", "Democrats involved in the talks")."""
    sp = subject_after(text, tokens, i)
    phrase = _source_phrase(text, tokens, i, stop)
    if sp is None or phrase is None:
        return phrase
    after = _index_after(tokens, sp.end, stop)
    if (
        after < stop
        and phrase.end > sp.end
        and tokens[after].text.isalpha()
        and not tokens[after].is_cap
        and tokens[after].lower not in _NOT_SOURCE_TAIL
    ):
        # "FEC filings", "Crowdpac data": the records are the organisation's word
        end = after
        while end < stop and tokens[end].end <= phrase.end:
            low = tokens[end].lower
            if (end > after or sp.text.split()[-1].lower() in _DOCUMENT_NOUNS) and (
                low.endswith(("ed", "ing")) or low in _TIME_WORDS
            ):
                break  # "a CBS poll released Monday", "an ABC poll last week"
            end += 1
        if end == after:
            return sp
        words_ = tokens[_index_after(tokens, phrase.start, stop) : end]
        text_ = _tok_text(text, tokens, _index_after(tokens, phrase.start, stop), end)
        return Mention(words_[0].start, words_[-1].end, text_, "group", written=text_)
    return sp


_DOCUMENT_NOUNS = words("poll polls survey surveys analysis report study review database")
_NOT_SOURCE_TAIL = words(
    """of who which and or at in on to for from with by data filings records figures
    documents numbers
    statistics estimates"""
)


def _source_phrase(text: str, tokens: list[Token], i: int, stop: int) -> Mention | None:
    """ "according to the poll", "according to a Washington Post database": a source that is
    no person (speaker left empty), read up to the next comma."""
    j = i
    while j < stop and not _is_punct(tokens[j]) and j - i < 12:
        j += 1
    if j == i:
        return None
    phrase = text[tokens[i].start : tokens[j - 1].end]
    return Mention(tokens[i].start, tokens[j - 1].end, phrase, "source", written=phrase)


def _resumes(tokens: list[Token], j: int, stop: int, comma: int | None = None) -> int | None:
    """Where the statement resumes after a parenthetical attribution (", he acknowledges, could
    be undone"): a comma, then an auxiliary verb; or a comma and a clause when the words
    before the attribution are an opening adjunct ("Over the years, she said, email has
    helped her …", "In the end, Mr. Rosenthal said, union voters …")."""
    while j < stop and (tokens[j].lower in _TIME_WORDS or tokens[j].lower.endswith("ly")):
        j += 1
    if j + 2 < stop and tokens[j].text == "," and tokens[j + 1].lower in _AUXILIARIES:
        return j + 1
    if (
        comma is not None
        and j + 3 < stop
        and tokens[j].text == ","
        and _cue_at(tokens, j + 1) is None
        and not tokens[j + 1].text.startswith(MASK)
    ):
        first = 0
        while first < comma and _is_punct(tokens[first]):
            first += 1
        if comma - first <= 6 and tokens[first].lower in _OPENING_ADJUNCTS:
            return j + 1
        if (
            comma - first <= 6
            and tokens[j + 1].lower in ("to", "for", "that")
            and not tokens[j + 1].is_cap
        ):
            return j + 1  # "It is his job, he said, to talk to Congress …"
    return None


_OPENING_ADJUNCTS = words(
    """in over at for on after before during since with without despite by under among
    ultimately eventually still now then meanwhile however instead first second finally
    today yesterday overall"""
)


_AUXILIARIES = words(
    """is was are were has have had will would could can may might should must does did do
    remains remained"""
)


def _next_attribution(
    text: str, tokens: list[Token], j: int, stop: int, used: set[int]
) -> tuple[int, int] | None:
    """(comma index, cue index) of a second attribution in the sentence: "Trump has vowed to
    …, and Hillary Clinton is promising to …" ends the first statement at the comma."""
    for c2 in range(j + 2, stop):
        if tokens[c2].lower not in _HEADS or c2 in used:
            continue
        cue2 = _cue_at(tokens, c2)
        if cue2 is None:
            continue
        if tokens[c2 - 1].text in _DASHES and c2 - 1 > j:
            return c2 - 1, c2  # "… - who said A - said B": the parenthetical closes
        if tokens[c2 - 1].text == "," and c2 - 1 > j + 1 and cue2[1] != "according to":
            return c2 - 1, c2  # "Barkley, who said he votes Democratic, said …"
        if cue2[1] in _NEEDS_CLAUSE and not _clause_follows(tokens, c2 + cue2[0], stop, cue2[1]):
            continue  # "pay and continued risks": an adjective, not a second attribution
        if tokens[c2 - 1].text == "," and tokens[c2].lower.endswith("ing"):
            return c2 - 1, c2  # "…, citing …", "…, adding that …": the same speaker goes on
        if tokens[c2 - 1].lower == "and" and c2 - 1 > j + 1:
            return c2 - 1, c2  # "Merrill says Machado promised … and said she would …"
        sp2 = _subject(text, tokens, c2)
        if sp2 is None or sp2.kind not in ("name", "pronoun", "group"):
            continue
        f2 = _index_at(tokens, sp2.start)
        if f2 is None or f2 < j + 2:
            continue
        if tokens[f2 - 1].text in (",", ";", "—", "–", "--", "-"):
            return f2 - 1, c2
        back = f2 - 1
        while back > j + 1 and f2 - back < 7 and _adjunct_word(tokens[back]):
            back -= 1
        if back < f2 - 1 and tokens[back].text == "," and tokens[back + 1].lower in _PREPS:
            # "…, at the town hall this week she said …": an adjunct opens the new clause
            return back, c2
        if tokens[f2 - 1].lower in ("and", "but", "while", "whereas"):
            # "…, and Hillary Clinton is promising …", "… — and he noted that …", "…, while
            # 22 percent said …"
            if tokens[f2 - 2].text in (",", ";", "—", "–", "--", "-"):
                return f2 - 2, c2
            if sp2.kind in ("name", "group"):
                return f2 - 1, c2
    return None


def _questions_object(tokens: list[Token], c: int, lemma: str) -> bool:
    """ "Mr. Christie questioned his depth and experience", "Sanders often questions
    Clinton's ties": the verb with what is questioned (not "raised questions about")."""
    if lemma not in ("question", "dismiss"):
        return False
    form = tokens[c].lower
    if form in ("questioned", "dismissed"):
        return True
    k = c - 1
    while k > 0 and (tokens[k].lower in _ADVERB_WORDS or tokens[k].lower.endswith("ly")):
        k -= 1
    return form in ("questions", "questioning", "dismisses", "dismissing") and (
        tokens[k].is_cap and tokens[k].text.isalpha() or tokens[k].lower in _SUBJECT_PRONOUNS
    )


_ADVERB_WORDS = words("often also repeatedly even still again openly")


def _reports_object(tokens: list[Token], c: int, after: int, stop: int) -> bool:
    """ "Twitter reported disappointingly flat user growth", "Trump reports investments in
    Ford": the verb "reported" / "reports" with what was reported as its object (not "the
    report", "reported from the field", "additional reporting by")."""
    return (
        tokens[c].lower in ("reported", "reports")
        and after < stop
        and tokens[after].lower not in _PREPS
        and tokens[after].lower not in ("live", "back", "directly", "daily", "by")
        and not _is_punct(tokens[after])
    )


def _opens_with_subordinator(tokens: list[Token]) -> bool:
    """The sentence opens with a subordinate clause ("After Clinton accused him of sexism,
    Trump said …"): what stands before the subject is no statement of the subject."""
    k = 0
    while k < len(tokens) and (
        _is_punct(tokens[k]) or tokens[k].lower in ("but", "and", "even", "only", "just")
    ):
        k += 1
    return k < len(tokens) and tokens[k].lower in _SUBORDINATORS_OPENING


# conjunctions only: "After some challenges, …, one official said" opens with a preposition
_SUBORDINATORS_OPENING = words("""when while if although though because unless whenever whereas""")


def _clause_stop(tokens: list[Token], j: int, stop: int) -> int:
    """Where a reported clause ends before ``stop``: at a semicolon, at a contrast that opens a
    new clause (", but for Republicans it is …", ", while …", "but has withheld …", "and she
    accused …"), at ", compared with …" or a dash before "then" or a participle."""
    for m in range(j + 2, stop - 1):
        tok, nxt = tokens[m], tokens[m + 1]
        if tok.text == ";":
            return m
        if tok.text in (",", "—", "–", "--", "-"):
            if nxt.lower in _CONTRASTS or nxt.lower in ("compared", "then"):
                return m
            if tok.text != "," and any(_cue_at(tokens, q) for q in range(m + 1, min(stop, m + 3))):
                return m  # "Trump - who previously said he would … - said at a rally …"
            if tok.text != "," and nxt.lower.endswith("ing") and _cue_at(tokens, m + 1):
                return m  # "… — noting that …": the same speaker goes on
        if tok.lower in ("but", "and") and (
            nxt.lower in _CLAUSE_SUBJECTS
            or tok.lower == "but"
            and nxt.lower in _AUXILIARIES
            or _verb_cue(tokens, m + 1, stop)
            or nxt.lower in _AUXILIARIES
            and m + 2 < stop
            and _verb_cue(tokens, m + 2, stop)  # "… and has called for …"
        ):
            # "…, and he railed", "but has withheld", "claimed vast wealth and said …"
            return m - 1 if tokens[m - 1].text == "," else m
    return stop


def _verb_cue(tokens: list[Token], i: int, stop: int) -> bool:
    """A cue in a verb form at ``tokens[i]`` ("and said", "and added that"; not "and
    continued risks")."""
    cue = _cue_at(tokens, i)
    if cue is None or tokens[i].is_cap or not tokens[i].lower.endswith(("ed", "s", "id")):
        return False
    return cue[1] not in _NEEDS_CLAUSE or _clause_follows(tokens, i + cue[0], stop, cue[1])


_CONTRASTS = words("but while though although whereas yet")
_CLAUSE_SUBJECTS = words("he she they we i")


def _adjunct_word(tok: Token) -> bool:
    """A word of a short adjunct ("at the town hall this week")."""
    return (
        tok.text.isalpha()
        and (not tok.is_cap or tok.lower in DAYS or tok.lower in _ADJUNCT_WORDS)
        and tok.lower not in _SUBJECT_PRONOUNS
    )


def _clause_follows(tokens: list[Token], after: int, stop: int, lemma: str) -> bool:
    """For a cue word that is often no speech ("spoke against the backdrop", "added a
    note"): a colon, comma, "that" or a pronoun subject follows, past time words and adverbs;
    "spoke of" / "spoke about" count too."""
    k = after
    while k < stop and (tokens[k].lower in _TIME_WORDS or tokens[k].lower.endswith("ly")):
        k += 1
    if k >= stop:
        return False
    nxt = tokens[k]
    if lemma == "speak":
        return nxt.lower in ("of", "about", "out")
    return nxt.text in (":", ",") or nxt.lower in _THAT_OR_PRONOUN or nxt.lower in _WH_WORDS


def _long_enough(text: str, tokens: list[Token], j: int, end: int, lemma: str = "") -> bool:
    """At least three words, counting the words of a quotation inside the clause, and not
    just one quotation (that is a direct quote, attributed elsewhere); two after a cue that
    takes an object ("called him divisive", "blasted the statement", "called for his
    dismissal"), not after "said" ("said Tuesday", "said so")."""
    if end - j == 1 and tokens[j].text.startswith(MASK):
        return False
    words = sum(
        max(1, len(t.text) // 6) if t.text.startswith(MASK) else 1 for t in tokens[j:end]
    )  # a masked quotation counts about a word per 6 chars
    return words >= (3 if lemma in ("", "say", "tell", "write") else 2)


def _index_at(tokens: list[Token], pos: int) -> int | None:
    for idx, tok in enumerate(tokens):
        if tok.start == pos:
            return idx
        if tok.start > pos:
            return None
    return None


def _index_after(tokens: list[Token], pos: int, default: int) -> int:
    for idx, tok in enumerate(tokens):
        if tok.start >= pos:
            return idx
    return len(tokens) if tokens else default


def _tail_is_adjunct(tokens: list[Token], j: int, stop: int, lemma: str = "") -> bool:
    """After a trailing attribution ("…, X said") only adjuncts, an appositive or the object
    of a cue ("…, the president told her", "…, an official told The New York Times")
    remain."""
    if any(t.lower == "that" for t in tokens[j : min(stop, j + 8)]):
        return False  # "…, the company said on Friday that it had suspended …": a clause
    if lemma == "tell" and j < stop:
        k = j
        if tokens[k].lower in _OBJECT_PRONOUNS:
            k += 1
        else:
            if tokens[k].lower in ("the", "a", "an"):
                k += 1
            while k < stop and k - j < 6 and tokens[k].is_cap and not _is_punct(tokens[k]):
                k += 1
        if k > j and (
            k >= stop
            or _is_punct(tokens[k])
            and tokens[k].text != ","
            or all(
                t.lower in _TIME_WORDS or t.lower in ("on", "in") or _is_punct(t)
                for t in tokens[k:stop]
            )
        ):
            j = k  # "told her.", "told The New York Times.", "told POLITICO earlier this week."
    return _short_tail(tokens, j, stop)


_OBJECT_PRONOUNS = words("her him them me us reporters")


def _opens_clause(tokens: list[Token], c: int) -> bool:
    """``tokens[c]`` opens the sentence or a clause after a colon, give or take a conjunction
    ("But according to …", "…: According to recent polls, …")."""
    k = c
    while k > 0 and tokens[k - 1].lower in _LEADING_CONJUNCTIONS:
        k -= 1
    return k == 0 or tokens[k - 1].text in (":", ";") or k == c and _is_punct(tokens[k - 1])


def _source_ends(tokens: list[Token], i: int, stop: int) -> bool:
    """The source after "according to" runs to the end of the sentence ("…, according to
    Democrats involved in the talks.")."""
    end = _clause_end(tokens, i, stop)
    return not any(_is_punct(t) for t in tokens[i:end])


_LEADING_CONJUNCTIONS = words("but and yet so still also however indeed")


# --------------------------------------------------------------------------- driver


def extract(article: Article) -> list[Quote]:
    """Find the quotes and reported statements of ``article`` (see the module docstring)."""
    body = article.body
    paras = list(paragraphs(body))
    quotations = find_quotations(body, paras)
    masked = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), mask(body, quotations))
    masked = _DATELINE.sub(lambda m: " " * len(m.group()), masked)
    para_sentences = [list(sentences(masked, p.start, p.end)) for p in paras]
    registry = Registry(masked, [s.start for ss in para_sentences for s in ss])
    state = _State(body, masked, paras, {q.start: q for q in quotations})
    for p_index, para in enumerate(paras):
        if _NAVIGATION.match(body, para.start):
            continue
        if _speaker_line(state, p_index, para):
            state.previous_speaker = None
            continue
        _block_after_colon(state, p_index, para)
        # only sentences with a quotation or a cue need tokens
        sents = [
            (sent, tokenize(masked, sent.start, sent.end) if _relevant(masked, sent) else [])
            for sent in para_sentences[p_index]
        ]
        consumed: set[int] = set()
        for s_index, (_sent, tokens) in enumerate(sents):
            if s_index in consumed or not tokens:
                state.previous_sentence = tokens
                if not tokens:
                    state.previous_speaker = None
                continue
            following = sents[s_index + 1][1] if s_index + 1 < len(sents) else None
            used: set[int] = set()
            before = len(state.drafts)
            state.joined = None
            if _direct_in_sentence(state, p_index, tokens, used, following):
                consumed.add(s_index + 1)
            if len(state.drafts) > before:
                for spans, att in _participles_after_quotes(tokens, state.drafts[before:]):
                    offsets = [(tokens[i].start, tokens[e - 1].end) for i, e in spans]
                    state.add_statement(offsets, att, p_index)
            for spans, att in _indirect(masked, tokens, used):
                offsets = [(tokens[i].start, tokens[e - 1].end) for i, e in spans]
                state.add_statement(offsets, att, p_index)
            for spans, att in _noun_statements(masked, tokens, used):
                offsets = [(tokens[i].start, tokens[e - 1].end) for i, e in spans]
                state.add_statement(offsets, att, p_index)
            state.previous_sentence = tokens
            spoken = [d for d in state.drafts[before:] if d.attribution.mention is not None]
            if not spoken and state.joined is not None and state.joined.attribution.mention:
                spoken = [state.joined]  # "“A,” he said. “B.”" then a quote that floats
            # the one who spoke last in the sentence ("Her friends have mocked him, calling
            # him “a buffoon,” Susan said.") is who a quotation after it floats to
            last = max(spoken, key=lambda d: d.attribution.start) if spoken else None
            state.previous_speaker = last.attribution if last else None
    return _records(article, state.drafts, registry)


def _block_after_colon(state: _State, p_index: int, para: Span) -> None:
    """ "The governor added:" closing a paragraph, then a paragraph with no quotation marks:
    that paragraph is the speaker's (a block quotation set off without marks)."""
    lead = state.previous_sentence
    if (
        p_index == 0
        or not lead
        or lead[-1].text != ":"
        or state.paras[p_index - 1].end - lead[-1].end > 2
        or MASK in state.masked[para.start : para.end]
    ):
        return
    att = _colon_lead(state.masked, lead)
    if att is None or att.mention is None or att.cue is None:
        return
    end = para.end
    while end > para.start and state.body[end - 1] in " .":
        end -= 1
    if len(state.body[para.start : end].split()) >= 4:
        block = Attribution(att.mention, att.cue, att.start, att.end, "leading")
        state.drafts.append(Draft([(para.start, end)], "indirect", block, p_index))


@dataclass
class _State:
    """What the driver carries from sentence to sentence within one article."""

    body: str
    masked: str
    paras: list[Span]
    by_start: dict[int, Quotation]
    drafts: list[Draft] = field(default_factory=list)
    last_direct: Draft | None = None
    pending: Draft | None = None  # a quotation that continues in the next paragraph
    previous_sentence: list[Token] = field(default_factory=list)
    previous_speaker: Attribution | None = None  # who spoke in the sentence just before
    joined: Draft | None = None  # an earlier record this sentence's quotation continued

    def add_statement(self, parts: list[tuple[int, int]], att: Attribution, p_index: int) -> None:
        s, e = parts[0][0], parts[-1][1]
        mixed = any(MASK in self.masked[a:b] for a, b in parts)
        if mixed:
            # a quotation inside the reported clause is part of this statement, not its own
            self.drafts = [
                d
                for d in self.drafts
                if not (d.attribution.how in _UNSURE and s <= d.parts[0][0] < e)
            ]
            if self.last_direct is not None and self.last_direct not in self.drafts:
                self.last_direct = None
        self.drafts.append(Draft(parts, "direct" if mixed else "indirect", att, p_index))


# drafts that a reported clause around them takes over
_UNSURE = ("none", "partial", "subject")


def _direct_in_sentence(
    state: _State, p_index: int, tokens: list[Token], used: set[int], following: list[Token] | None
) -> bool:
    """Attribute the quotations of one sentence; True when the next sentence was used as the
    attribution (``“Why?” Trinh said.`` split after the question mark)."""
    masked = state.masked
    consumed_next = False
    mask_idx = [i for i, t in enumerate(tokens) if t.text.startswith(MASK)]
    para = state.paras[p_index]
    for pos_in, qi in enumerate(mask_idx):
        quote = state.by_start.get(tokens[qi].start)
        if quote is None:
            continue
        nxt = mask_idx[pos_in + 1] if pos_in + 1 < len(mask_idx) else len(tokens)
        prv = mask_idx[pos_in - 1] + 1 if pos_in > 0 else 0
        part = (quote.content_start, quote.content_end)
        if (
            state.pending is not None
            and quote.start == para.start
            and _names_another(state.pending, _after_attribution(masked, tokens, qi, nxt))
        ):
            # “A, … (never closed) / “B,” added Rep. Jim Clyburn: a new speaker's quotation,
            # not the first one going on
            state.pending = None
        if state.pending is not None and quote.start == para.start:
            draft = state.pending
            draft.parts.append(part)
            draft.last_quote = quote
            state.pending = draft if quote.continued else None
            state.last_direct = draft
            if draft.attribution.mention is not None:
                state.joined = draft  # a quotation after this one floats to the same speaker
            att = _after_attribution(masked, tokens, qi, nxt)
            if att is not None and att.mention is not None:
                _mark_used(tokens, used, att)  # “… ends here,” Sexton said. “Next …”
            continue
        opens = all(_is_punct(t) for t in tokens[:qi]) and state.body[
            quote.content_end - 1 : quote.content_end
        ] in (",", "?", "!")
        att = _after_attribution(masked, tokens, qi, nxt, opens)
        closing = state.body[quote.content_end - 1 : quote.content_end]
        if att is None and following and _stands_alone(tokens, qi) and closing in ("?", "!", "."):
            # "“Why would we give in?” Trinh said." is split after the question mark, and
            # "“… missing.” Trump said." after a full stop where a comma belonged; after a
            # full stop only a bare attribution counts ("Trump said Tuesday.")
            att = _after_attribution(
                masked,
                [tokens[qi], *following],
                0,
                len(following) + 1,
                opens_sentence=closing != ".",
            )
            if att is not None and att.mention is not None:
                consumed_next = True
            else:
                att = None
        if att is None:
            att = _before_attribution(masked, tokens, prv, qi)
            last = state.last_direct
            if att is not None and last is not None and last.attribution.start == att.start:
                last.parts.append(part)
                last.last_quote = quote
                state.joined = last
                _mark_used(tokens, used, att)
                continue
        if att is None and qi > prv:
            att = _colon_name(masked, tokens, qi - 1)
        if att is None and prv > 0 and state.last_direct is not None:
            # "“A,” Graham said on MSNBC, adding, “B.”": the participle continues the speaker
            att = _participle_after(tokens, prv, qi, state.last_direct.attribution)
        if att is None and prv == 0 and state.previous_sentence:
            att = _colon_lead(masked, state.previous_sentence)
            if att is not None:
                att = Attribution(att.mention, att.cue, att.start, att.end, "colon")
        last = state.last_direct
        if att is not None:
            _mark_used(tokens, used, att)
            draft = Draft([part], "direct", att, p_index, quote.broken, quote.single, quote)
            state.drafts.append(draft)
            state.last_direct = draft
        elif last is not None and _only_attribution_between(masked, last, quote):
            last.parts.append(part)
            last.last_quote = quote
            state.joined = draft = last
        elif _stands_alone(tokens, qi) and state.previous_speaker is not None:
            la = state.previous_speaker
            floating = Attribution(la.mention, la.cue, la.start, la.end, "floating")
            draft = Draft([part], "direct", floating, p_index, quote.broken, quote.single, quote)
            state.drafts.append(draft)
            state.last_direct = draft
        elif (
            _stands_alone(tokens, qi)
            and (led := _led_by(masked, state.previous_sentence)) is not None
        ):
            # "Obama said …. He didn't suggest retaliation. “…”": the person the sentence
            # before was about
            draft = Draft([part], "direct", led, p_index, quote.broken, quote.single, quote)
            state.drafts.append(draft)
            state.last_direct = draft
        elif (partial := _partial_attribution(masked, tokens, qi, quote, state.body)) is not None:
            # "Gingrich dismissed Estonia as being in the “suburbs of St. Petersburg”"
            draft = Draft([part], "direct", partial, p_index, quote.broken, quote.single, quote)
            state.drafts.append(draft)
        else:
            none = Attribution(None, None, quote.start, quote.end, "none")
            draft = Draft([part], "direct", none, p_index, quote.broken, quote.single, quote)
            state.drafts.append(draft)
            if not _is_fragment(state.body, quote):
                state.last_direct = draft
        if quote.continued:
            state.pending = draft
    return consumed_next


# "WALLACE: Let's start with ..." in transcripts; "Sanders: Clinton needs to ..." in headlines
_TRANSCRIPT = re.compile(r"[\"“]?([A-Z][A-Z.'’\- ]{1,30}[A-Z])\s*:\s+(?=\S)")
_HEADLINE = re.compile(r"([A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3})\s*:\s+(?=\S)")
_NOT_SPEAKERS = words(
    """breaking exclusive watch video update updated poll report analysis opinion editorial
    related photos live note editor's correction q a transcript clarification"""
)


def _speaker_line(state: _State, p_index: int, para: Span) -> bool:
    """A paragraph led by a speaker's name and a colon; True when it was read as one."""
    body = state.body
    match = _TRANSCRIPT.match(body, para.start, para.end)
    how = "colon"
    if match is None and p_index == 0:
        match = _HEADLINE.match(body, para.start, para.end)
        how = "headline"
    if (
        match is None
        or match.group(1).lower() in _NOT_SPEAKERS
        or (match.group(1).lower().startswith("the "))
    ):
        return False
    start, end = match.end(), para.end
    while end > start and body[end - 1] in "\"”’' ":
        end -= 1
    if how == "headline" and body[end - 1] == ".":
        end -= 1
    if end - start < 8:
        return False
    name = match.group(1)
    mention = Mention(
        match.start(1), match.end(1), name.title() if name.isupper() else name, "name", written=name
    )
    att = Attribution(mention, ":", match.start(1), match.end(), how)
    text = body[start:end]
    kind = "direct" if how == "colon" or any(m in text for m in "“”\"‘’'") else "indirect"
    state.drafts.append(Draft([(start, end)], kind, att, p_index))
    state.last_direct = None
    state.pending = None
    return True


# "(D-Wis.)", "(R)", "(Vt.)" between a name and its verb; blanked in the frame text only
_PARENTHETICAL = re.compile(r"\([^()\n\uE000]{1,30}\)")


# "WASHINGTON (AP) —", "CHICAGO (WLS) --": a dateline opens a paragraph, it is no speaker
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’]{2,40}\s*(?:—|–|--)", re.MULTILINE)


def _relevant(masked: str, sent: Span) -> bool:
    """A sentence needs a closer look only when it holds a quotation or a cue word, or leads
    into the next one with a colon ("Clinton released the following statement:")."""
    text = masked[sent.start : sent.end]
    return (
        MASK in text
        or text.rstrip().endswith(":")
        or not cue_heads().isdisjoint(_LETTERS.findall(text.lower()))
    )


_LETTERS = re.compile(r"[a-z]+")


def _mark_used(tokens: list[Token], used: set[int], att: Attribution) -> None:
    for idx, tok in enumerate(tokens):
        if att.start <= tok.start < att.end:
            used.add(idx)


def _only_attribution_between(masked: str, draft: Draft, quote: Quotation) -> bool:
    """``“A,” said X. “B.”``: between the draft's last part and B stands only its attribution."""
    if draft.attribution.how not in ("after", "inverted", "before", "dash"):
        return False
    last = draft.last_quote
    if last is None or last.paragraph != quote.paragraph:
        return False
    gap = masked[max(last.end, draft.attribution.end) : quote.start].replace(MASK, "")
    return (
        not _WORD.search(gap)
        and MASK not in gap
        and draft.attribution.end >= last.end
        or (draft.attribution.how == "before" and not _WORD.search(masked[last.end : quote.start]))
    )


def _partial_attribution(
    text: str, tokens: list[Token], qi: int, quote: Quotation, body: str
) -> Attribution | None:
    """A quoted phrase of four words or more inside a sentence whose subject spoke with a cue
    before it: the phrase is that speaker's words (shorter ones are scare quotes or titles)."""
    if len(body[quote.content_start : quote.content_end].split()) < 4:
        return None
    owned = _owned_statement(text, tokens, qi)
    if owned is not None:
        return owned
    for c in range(qi - 1, -1, -1):
        if tokens[c].text.startswith(MASK):
            break  # "… is “a big, big problem” but “…”": the same sentence, the same speaker
        cue = _cue_at(tokens, c)
        if cue is None:
            continue
        sp = subject_before(text, tokens, c)
        if sp is not None and sp.kind in ("name", "pronoun", "group"):
            return Attribution(
                sp,
                _tok_text(text, tokens, c, c + cue[0]),
                tokens[c].start,
                tokens[c + cue[0] - 1].end,
                "partial",
            )
        break  # "Gingrich cynically dismissed …": no subject next to the cue, read the sentence
    # no cue: "Huckabee is labeling Obama's actions “a blatant abuse of power”", "Moore
    # thanked him for “stepping up …”": the phrase is the words of the sentence's subject
    sp = sentence_subject(text, tokens, qi)
    if sp is None or sp.kind not in ("name", "pronoun"):
        return None
    return Attribution(sp, None, sp.start, sp.end, "subject")


def _owned_statement(text: str, tokens: list[Token], qi: int) -> Attribution | None:
    """ "her remark that “…”", "Trump’s claim that “…”": a statement noun names its owner."""
    k = qi - 1
    if k >= 0 and tokens[k].lower in ("that", ","):
        k -= 1
    if k < 1 or tokens[k].lower not in _STATEMENT_NOUNS:
        return None
    owner = tokens[k - 1]
    if owner.lower in ("his", "her", "their"):
        pronoun = {"his": "he", "her": "she", "their": "they"}[owner.lower]
        sp = Mention(owner.start, owner.end, pronoun, "pronoun", written=owner.text)
    elif owner.text.endswith(("’s", "'s")) and owner.is_cap:
        first = k - 1
        while first > 0 and tokens[first - 1].is_cap and tokens[first - 1].text.isalpha():
            first -= 1
        name = text[tokens[first].start : owner.end - 2]
        sp = Mention(tokens[first].start, owner.end - 2, name, "name", written=name)
    else:
        return None
    return Attribution(sp, tokens[k].text, tokens[k].start, tokens[k].end, "partial")


_STATEMENT_NOUNS = words(
    """remark remarks claim claims statement comment comments assertion warning argument
    promise pledge insistence suggestion words vow boast declaration"""
)


def _participle_after(
    tokens: list[Token], prv: int, qi: int, last: Attribution
) -> Attribution | None:
    """``…, adding, “B.”`` after a quotation this sentence already attributed to ``last``."""
    if last.mention is None or last.how not in ("after", "inverted") or last.end < tokens[0].start:
        return None
    for c in range(prv, qi):
        cue = _cue_at(tokens, c)
        if cue is not None and tokens[c].lower.endswith("ing") and tokens[c].start >= last.start:
            end = tokens[c + cue[0] - 1].end
            return Attribution(last.mention, tokens[c].text, tokens[c].start, end, "before")
    return None


def _led_by(text: str, tokens: list[Token]) -> Attribution | None:
    """The person (a name or a pronoun) a sentence without a quotation is about."""
    if len(tokens) < 3 or any(t.text.startswith(MASK) for t in tokens):
        return None
    sp = sentence_subject(text, tokens, len(tokens) - 1)
    if sp is None or sp.kind not in ("name", "pronoun"):
        return None
    return Attribution(sp, None, sp.start, sp.end, "subject")


def _stands_alone(tokens: list[Token], qi: int) -> bool:
    """The quotation is the whole sentence (a floating quote), not a phrase inside one;
    a leading conjunction may stand before it ("But “…”")."""
    return all(
        _is_punct(t) or k < qi and t.lower in ("but", "and", "still", "yet")
        for k, t in enumerate(tokens)
        if k != qi
    )


def _is_fragment(body: str, quote: Quotation) -> bool:
    words = body[quote.content_start : quote.content_end].split()
    return len(words) < 4


# --------------------------------------------------------------------------- records


def _trim_end(body: str, start: int, end: int) -> int:
    """Drop the comma a quotation ends with before its attribution ("“We will win,” she said")."""
    while end > start and body[end - 1] in ", ":
        end -= 1
    return end


def _records(article: Article, drafts: list[Draft], registry: Registry) -> list[Quote]:
    body = article.body
    resolved: list[tuple[Draft, Resolved]] = []
    roles: dict[str, str] = {}
    # names and nominals first: the speakers they give are what pronouns resolve to
    by_mention: dict[int, Resolved] = {}
    for draft in drafts:
        mention = draft.attribution.mention
        if mention is not None and mention.kind != "pronoun":
            res = registry.resolve(mention)
            by_mention[id(draft)] = res
            if res.entity is not None:
                registry.note_speaker(mention.start, res.entity)
    last_group: tuple[int, Resolved] | None = None
    for draft in drafts:
        mention = draft.attribution.mention
        res = by_mention.get(id(draft)) or (
            registry.resolve(mention) if mention is not None else Resolved(None, None)
        )
        if (
            mention is not None
            and mention.kind == "pronoun"
            and res.name is None
            and (
                mention.text.lower() == "they"
                and last_group is not None
                and mention.start - last_group[0] < 600
            )
        ):
            res = last_group[1]  # "union members say …; they say …"
        if mention is not None and mention.kind == "pronoun" and res.entity is not None:
            # "She says …. [a sentence] She tweeted: …": a resolved pronoun speaks too, and
            # the next pronoun follows the same speaker
            registry.note_speaker(mention.start, res.entity)
        if res.name and res.kind in ("group", "organisation") and mention is not None:
            last_group = (mention.start, res)
        if res.name and mention is not None and mention.role and res.name not in roles:
            roles[res.name] = mention.role
        resolved.append((draft, res))
    _between_same_speaker(body, resolved)
    for entity in registry.entities:
        if entity.role and entity.name not in roles:
            roles[entity.name] = entity.role

    seen: dict[tuple[str, str | None], Quote] = {}
    out: list[Quote] = []
    paras = list(paragraphs(body))
    for draft, res in resolved:
        spans = [(s, e) for s, e in draft.parts if e > s]
        if spans:
            spans[-1] = (spans[-1][0], _trim_end(body, *spans[-1]))
        if not spans:
            continue
        text = " ".join(body[s:e] for s, e in spans)
        if not any(char.isalnum() for char in text):
            continue  # empty or punctuation-only quotation marks (“,” said X)
        if draft.attribution.how == "none" and _is_fragment_text(text):
            continue  # scare quotes and titles: no speaker, not a statement
        start, end = spans[0][0], spans[-1][1]
        key = (" ".join(text.lower().split()), res.name)
        if key in seen:
            seen[key].occurrences += 1
            continue
        mention = draft.attribution.mention
        att = draft.attribution
        para = next((p for p in paras if p.start <= start < p.end + 1), None)
        no_cue = att.how in ("none", "floating", "subject", "colon-name")
        date_phrase = "" if no_cue else body[att.start : att.end]
        quote = Quote(
            id=quote_id(article.id, start, end, text),
            text=text,
            kind=draft.kind,  # type: ignore[arg-type]
            article=article.id,
            speaker=res.name,
            speaker_as_written=mention.written or mention.text if mention else None,
            speaker_kind=res.kind if res.name or mention else None,
            role=roles.get(res.name) if res.name else (mention.role if mention else None),
            cue=att.cue,
            title=article.title,
            source=article.source,
            author=article.author,
            url=article.url,
            published=article.date,
            date=statement_date(date_phrase, article.date),
            context=body[para.start : para.end] if para else None,
            start=start,
            end=end,
            confidence=_confidence(draft, res),
        )
        seen[key] = quote
        out.append(quote)
    return out


def _between_same_speaker(body: str, resolved: list[tuple[Draft, Resolved]]) -> None:
    """A quotation nobody is named for, between two quotations of one speaker in the
    paragraphs around it (“A,” Warren said. / “B” workers. / “C,” Warren said.), is theirs."""
    for k in range(1, len(resolved) - 1):
        draft, res = resolved[k]
        if draft.attribution.how != "none" or draft.kind != "direct" or res.name:
            continue
        if _is_fragment_text(" ".join(body[a:b] for a, b in draft.parts)):
            continue  # a scare quote or a title stays nobody's
        (before, was), (after, then) = resolved[k - 1], resolved[k + 1]
        if (
            was.name
            and was.entity is not None
            and was.entity is then.entity
            and before.kind == after.kind == "direct"
            and draft.paragraph - before.paragraph <= 1
            and after.paragraph - draft.paragraph <= 1
        ):
            att = before.attribution
            draft.attribution = Attribution(att.mention, att.cue, att.start, att.end, "floating")
            resolved[k] = (draft, was)


def _names_another(draft: Draft, att: Attribution | None) -> bool:
    """``att`` names someone other than the speaker ``draft`` was given (both by name)."""
    if att is None or att.mention is None or draft.attribution.mention is None:
        return False
    new, old = att.mention, draft.attribution.mention
    if new.kind != "name" or old.kind != "name":
        return False
    a, b = new.text.lower().split(), old.text.lower().split()
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_[-len(short) :] != short  # "Clyburn" is "Jim Clyburn"


def _is_fragment_text(text: str) -> bool:
    return len(text.split()) < 4


def _confidence(draft: Draft, res: Resolved) -> float:
    """How likely the record is right (text and speaker), by the rule that made it.

    The values are measured on the PolNeAR dev and train splits (see docs/attribution.md):
    a record below 0.5 is wrong more often than right there, a record without any
    attribution ("none") about four times in five.
    """
    how = draft.attribution.how
    base = _BASE_CONFIDENCE[how]
    mention = draft.attribution.mention
    if mention is not None and res.name is None:
        base = min(base, 0.45)  # a speaker phrase that names nobody ("a source", "he" alone)
    elif mention is not None and mention.kind == "pronoun":
        base -= 0.12
    if draft.broken:
        base -= 0.1
    if draft.single:
        base -= 0.2
    return round(max(0.05, min(1.0, base)), 2)


_BASE_CONFIDENCE = {
    "after": 0.92,
    "inverted": 0.92,
    "before": 0.88,
    "dash": 0.8,
    "colon": 0.8,
    "trailing": 0.75,
    "middle": 0.75,
    "leading": 0.72,
    "floating": 0.7,
    "partial": 0.6,
    "subject": 0.5,
    "colon-name": 0.7,
    "headline": 0.6,
    "none": 0.3,
}
