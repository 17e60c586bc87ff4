"""Reported statements (kind ``indirect``): the clause a cue reports, and who reports it.

``X said (that) …``, ``…, X said.``, ``according to X, …``, ``X told reporters …``, ``X called
on … to …``, participles (``…, saying …``), questions (``Asked whether …, X said``),
statement nouns (``his claim that …``): each rule finds where the reported clause starts
and ends in a sentence's tokens and which phrase speaks (see docs/attribution.md, Rules).
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from .cues import cue_forms
from .frames import (
    ADJUNCT_WORDS,
    CLAUSE_START,
    CUE_HEADS,
    DASHES,
    NEEDS_CLAUSE,
    OBJECT_VERBS,
    PREPS,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    Attribution,
    Draft,
    clause_follows,
    cue_at,
    index_after,
    index_at,
    is_punct,
    short_tail,
    tok_text,
)
from .lexicons import words
from .mentions import (
    DAYS,
    ORG_WORDS,
    Mention,
    Token,
    list_head,
    np_ending_at,
    sentence_subject,
    subject_after,
    subject_before,
    verb_after_name,
)
from .quotes import MASK

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
            or tok.lower in PREPS
            and tok.lower not in ("to", "for")
        )
        if not (
            is_punct(tok)
            or tok.is_cap
            or tok.lower in ADJUNCT_WORDS
            or tok.lower.endswith("ly")
            or lemma in OBJECT_VERBS
            and k - i < 3
            or in_pp
        ):
            break  # "said officials … video that shows": "that" is inside the clause
        if tok.lower in SUBJECT_PRONOUNS or tok.lower.endswith(("’s", "'s")) and k == i:
            break  # "says it’s nowhere near that": the clause has begun
        if (
            tok.text in (".", ";")
            or tok.text.startswith(MASK)
            and k + 1 < stop
            and (tokens[k + 1].lower != "that")
        ):
            break  # a quoted title ("told MSNBC's “Morning Joe” that …") may stand before
    j = i
    if lemma in OBJECT_VERBS and lemma not in ("call on", "thank"):
        # "told reporters", "told The New York Times", "urged Congress", "told the crowd"
        if j < stop and tokens[j].is_cap and tokens[j].lower not in CLAUSE_START:
            while j < stop and (tokens[j].is_cap or tokens[j].lower == "the") and j - i < 6:
                j += 1
        elif j + 1 < stop and tokens[j].lower in ("the", "a", "his", "her", "their"):
            j += 2
            while j < stop and tokens[j - 1].is_cap and tokens[j].is_cap and j - i < 6:
                j += 1  # "told the National Post he …"
        elif (
            j < stop
            and tokens[j].lower not in CLAUSE_START
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
        if low in TIME_WORDS:
            j += 1
        elif (
            low in PREPS
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
                    not in CLAUSE_START
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
_PLACING = words("to on in into behind off out up down back aside together forward over")


def _relative_frame(tokens: list[Token], sp: Mention) -> bool:
    """The speaker opens a relative or a new clause inside a statement ("a charity that
    prosecutors said was …", "an event Carson says led him to Christ", "…, who said …")."""
    if sp.kind == "pronoun" and sp.text.lower() in ("who", "which", "that"):
        return True
    first = index_at(tokens, sp.start)
    return (
        first is not None
        and first > 0
        and tokens[first - 1].lower in ("that", "which", "who", "whom", "what", "as")
    )


# the cues that start a statement inside another one ("Trump said the charity, which
# prosecutors say was …, …"): verbs of saying only
_NESTED_CUES = words("say argue insist contend suggest")
_NESTED_FORMS = frozenset(form for form, lemma in cue_forms().items() if lemma in _NESTED_CUES)
_QUESTION_WORDS = words("if whether what who whom which why how when where about")


def _infinitive(tok: Token) -> bool:
    """ "vowed to bring", not "said to reporters" / "told to the crowd"."""
    low = tok.lower
    return (
        not tok.is_cap
        and low.isalpha()
        and low not in CLAUSE_START
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
    while end > j and is_punct(tokens[end - 1]) and tokens[end - 1].text not in ("”", '"'):
        before = tokens[end - 2] if end - 2 >= j else None
        if (
            before is not None
            and before.text.startswith(MASK)
            and before.end == tokens[end - 1].start
        ):
            break
        end -= 1
    return end


def reported_statements(
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
    floor = 0  # where the words not yet given to a statement start
    while c < n:
        low = tokens[c].lower
        if low not in CUE_HEADS:
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
        cue = cue_at(tokens, c)
        if cue is None:
            c += 1
            continue
        k, lemma = cue
        after = c + k
        if lemma == "thank" and (
            after >= stop or tokens[after].lower == "to" or is_punct(tokens[after])
        ):
            c += k
            continue  # "thanks to surging energy prices", "to say thanks.": a noun
        if (
            tokens[c].lower.endswith("ing")
            and after < stop
            and tokens[after].lower in ("or", "and")
        ):
            c += k
            continue  # "hostility, slurs, shouting or violence": a noun in a list
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
                and (tokens[c - 1].text in DASHES or _source_ends(tokens, after, stop))
            ):
                if lemma == "according to":
                    sp = _according_to(text, tokens, after, stop)
                else:
                    sp = subject_after(text, tokens, after)
                # "…, according to X" / "… 46 percent to 39 percent according to a poll"
                comma = c - 1 if is_punct(tokens[c - 1]) else c
                how = "trailing"
                lead = subject_before(text, tokens, c) if lemma != "according to" else None
                if (
                    lead is not None
                    and lead.kind == "name"
                    and index_at(tokens, lead.start) in (0, 1)
                ):
                    sp = None  # "Megan Hester, senior associate …, said parents …": leading
            else:
                sp0 = subject(c)
                if sp0 is not None and not _next_to_cue(tokens, sp0, c):
                    sp0 = None  # "From a microphone …, speakers took turns urging …"
                if sp0 is not None:
                    first = index_at(tokens, sp0.start)
                    if first is not None and first >= 2 and tokens[first - 1].text != ",":
                        # "…, attorneys for the family said": the whole phrase after the comma
                        plain = _plain_subject(text, tokens, c)
                        pf = index_at(tokens, plain.start) if plain is not None else None
                        if pf is not None and pf >= 2 and tokens[pf - 1].text == ",":
                            sp0, first = plain, pf
                        elif sp0.kind == "name":
                            first = _modifiers_before(tokens, first)  # "…, the Guardian said."
                    if (
                        first is not None
                        and first >= 2
                        and tokens[first - 1].text == ","
                        and (
                            not _opens_with_subordinator(tokens)
                            or (tokens[0].lower in _CONDITIONS or _main_clause(tokens, first - 1))
                            and _ends_sentence(tokens, after, stop)
                        )  # "If states fail …, the department can step in, Wilcox said."
                        and not (after < stop and tokens[after].text == ":")
                        and not (
                            lemma in NEEDS_CLAUSE
                            and not clause_follows(tokens, after, stop, lemma)
                            and not (lemma in _BARE_CUES and _ends_sentence(tokens, after, stop))
                        )  # "…, Lewandowski continued to say he …", not "…, he added."
                    ):
                        sp, comma, how = sp0, first - 1, "trailing"
            tail = max(after, index_after(tokens, sp.end, after)) if sp is not None else after
            resume = _resumes(tokens, tail, stop, comma)
            if sp is not None and comma is not None and comma >= 2 and resume is not None:
                # "The latest test, North Korea said, was its biggest yet": both sides
                start = floor
                while start < comma and (
                    is_punct(tokens[start]) or start and tokens[start].lower in _CONTRASTS
                ):
                    start += 1
                end = _clause_end(tokens, resume, stop)
                if end > resume:
                    att = Attribution(
                        sp,
                        tok_text(text, tokens, c, after),
                        tokens[comma].start,
                        tokens[resume - 1].end,
                        "middle",
                    )
                    yield [(start, comma), (resume, end)], att
                    return
            if (
                lemma == "according to"
                and sp is not None
                and comma is not None
                and resume is None
                and tail + 2 < stop
                and tokens[tail].text == ","
            ):
                lead = floor
                while lead < comma and (is_punct(tokens[lead]) or tokens[lead].lower in _CONTRASTS):
                    lead += 1
                if (
                    comma - lead <= 4
                    and not any(
                        t.lower in _IRREGULAR_PAST or t.lower.endswith("ed")
                        for t in tokens[lead:comma]
                    )
                    or tokens[comma - 1].lower in _LEADS_INTO_CLAUSE
                ):
                    # "But the next day, according to Roffman, Trump made further demands":
                    # an opening phrase before, the clause reported after
                    end = _clause_end(tokens, tail + 1, stop)
                    if end - (tail + 1) >= 3:
                        att = Attribution(
                            sp,
                            tok_text(text, tokens, c, after),
                            tokens[comma].start,
                            tokens[tail].end,
                            "middle",
                        )
                        yield [(tail + 1, end)], att
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
                start = floor
                while start < comma and (
                    is_punct(tokens[start]) or start and tokens[start].lower in _CONTRASTS
                ):
                    start += 1
                if comma - start >= 3:
                    yield (
                        [(start, comma)],
                        Attribution(
                            sp,
                            tok_text(text, tokens, c, after),
                            tokens[comma].start,
                            tokens[stop - 1].end,
                            how,
                        ),
                    )
                    p = tail
                    while p < stop and tokens[p].text != "," and p - tail < 6:
                        p += 1  # "…, Mr. Manafort said on Tuesday, adding that …"
                    if p + 1 < stop and tokens[p + 1].lower.endswith("ing") and cue_at(
                        tokens, p + 1
                    ):
                        carried[p + 1] = sp
                        c = floor = p + 1
                        continue
                    return
        # --- according to X, …
        if lemma == "according to" and _opens_clause(tokens, c) and not nested:
            sp = _according_to(text, tokens, after, stop)
            if sp is not None:
                j = index_after(tokens, sp.end, after)
                while j < stop and tokens[j].text != ",":
                    j += 1
                j += 1
                end = _clause_end(tokens, j, stop)
                if end - j >= 3:
                    yield (
                        [(j, end)],
                        Attribution(
                            sp,
                            tok_text(text, tokens, c, after),
                            tokens[c].start,
                            tokens[j - 1].end,
                            "leading",
                        ),
                    )
                    return
        # --- leading: "X said (that) …"
        if (
            lemma in NEEDS_CLAUSE
            and not clause_follows(tokens, after, stop, lemma)
            and not _reports_object(tokens, c, after, stop)
            and not _questions_object(tokens, c, lemma)
        ):
            c += k
            continue
        if lemma == "put it" and after < stop and tokens[after].lower in _PLACING:
            c += k
            continue  # "putting it to rest", "put it on hold": no statement
        if lemma == "plead" and after < stop and tokens[after].lower in _PLEAS:
            c += k
            continue  # "pleaded guilty to illegal lobbying": a plea, not a statement
        if lemma in _LIKENING and not _likens(tokens, after, stop):
            c += k
            continue  # "low compared with 2012", "compared notes": no likening of X to Y
        if lemma == "call":
            m = after
            while m < stop and tokens[m].lower in TIME_WORDS:
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
                and (
                    not tokens[c - 1].lower.endswith("s")
                    or tokens[c - 1].lower in ORG_WORDS
                    and (after >= stop or is_punct(tokens[after]))
                )
            ):
                # "the Tulsa protest remained peaceful", "Washington Post", "in the wake of the
                # New York Times report, …": a noun after a singular name (not "Americans
                # protest"; "a New York Times report that …" reports)
                sp = None
            if (
                sp is not None
                and k == 1
                and c >= 2
                and tokens[c].lower == lemma
                and lemma in _NOUN_LIKE_CUES
                and tokens[c - 2].lower in _SINGULAR_DETERMINERS
                and sp.end == tokens[c - 1].end
            ):
                sp = None  # "During a press call with reporters, …": a noun after "a press"
            if sp is not None:
                j = _skip_adjuncts(tokens, after, stop, lemma)
                while j + 1 < stop and tokens[j].text == "," and tokens[j - 1].lower == "that":
                    j += 1  # "admit that, given the partisan divide, …"
                nxt = _next_attribution(text, tokens, j, stop, used)
                cut = _clause_stop(tokens, j, nxt[0] if nxt else stop)
                taken = next((k for k in range(j + 1, cut) if k in used), None)
                if taken is not None:
                    cut = taken  # ", saying, “…”": a quotation's own attribution follows
                end = _clause_end(tokens, j, cut)
                if (
                    lemma in _OBJECT_CUES
                    and j < end
                    and tokens[j - 1].lower == "that"
                    and _that_determiner(tokens, j, end)
                ):
                    j -= 1  # "rejected that argument in a ruling"
                if lemma in _OBJECT_CUES and j < end:
                    clause = (
                        tokens[j].lower in _THAT_OR_SUBJECT and tokens[j].lower != "that"
                        or tokens[j - 1].lower == "that"
                    )
                    obj = _object_end(tokens, j, end, clause)
                    if obj < end:
                        end = cut = _clause_end(tokens, j, obj)
                if _in_relative(tokens, c):
                    end = _relative_end(tokens, j, end)
                elif _in_subordinate(tokens, c):
                    sub = _subordinate_end(tokens, j, end)
                    if sub < end:
                        end = cut = sub
                short = _short_answer(tokens, j, end, lemma)
                if short < end:
                    end = cut = short  # "46 percent said yes, but 55 percent say …"
                if nested and any(t.text.startswith(MASK) for t in tokens[j:end]):
                    end = j  # a quotation inside belongs to the outer statement
                if _long_enough(text, tokens, j, end, lemma):
                    att = Attribution(
                        sp,
                        tok_text(text, tokens, c, after),
                        tokens[c].start,
                        tokens[j - 1].end,
                        "leading",
                    )
                    yield [(j, end)], att
                    if nxt is None and cut < stop and not nested:
                        # "…, compared with 64 percent who say the same of Sanders": the
                        # statement has ended; what follows may hold one of its own
                        if tokens[cut].lower in _SAME_SUBJECT and cut + 1 < stop:
                            carried[cut + 1] = sp  # "claimed momentum and argued he is …"
                        c = floor = cut
                        continue
                    if nxt is None:
                        # "… a charity that prosecutors said was …": go on to the next verb
                        # of saying inside the statement, if any
                        nested = True
                        c = next((m for m in range(j, n) if tokens[m].lower in _NESTED_FORMS), n)
                        continue
                    if nxt[1] == nxt[0] + 1 and (
                        tokens[nxt[1]].lower.endswith("ing")
                        or tokens[nxt[0]].lower in _SAME_SUBJECT
                    ):
                        carried[nxt[1]] = sp  # "X warned …, noting …", "… and added …": X
                        if tokens[nxt[0]].lower in _SAME_SUBJECT and nxt[0] >= 1:
                            # "X described Y … after she attacked police and blamed …": she
                            carried[nxt[1]] = _clause_subject(text, tokens, nxt[0] - 1) or sp
                    if cut < nxt[0] and not nested:
                        floor = cut  # "X said A, but B, Y said.": Y's statement is B
                    c = nxt[1]
                    continue
                if end < stop and tokens[end].lower == "and" and cue_at(tokens, end + 1):
                    # "Sanders claimed momentum and argued he is …"; not "… after she
                    # attacked police and blamed …"
                    carried[end + 1] = _clause_subject(text, tokens, end - 1) or sp
        c += k


_LIKENING = words("compare liken")
_LIKENED_TO = words("to with")


def _likens(tokens: list[Token], after: int, stop: int) -> bool:
    """ "compared Trump to Pete Wilson": an object, then "to" or "with" within a few words,
    before any punctuation; "compared to last year" (no object) is a comparison, no statement."""
    if after >= stop or tokens[after].lower in _LIKENED_TO:
        return False
    for m in range(after + 1, min(stop, after + 8)):
        if tokens[m].lower in _LIKENED_TO:
            return True
        if is_punct(tokens[m]):
            return False
    return False


def _object_end(tokens: list[Token], j: int, end: int, clause: bool = False) -> int:
    """Where the object a cue reports ends ("announced his candidacy | in June 2015", "denied
    the charges | through his lawyer", "claimed self-defense | and was acquitted", "criticized
    Clinton's email use |, which …"): before an adjunct of time, place or medium, a relative
    or participle after a comma, or a second verb. An object with a clause in it ("two days
    earlier that …") keeps all its words but a relative or participle after a comma, and so
    does a ``clause`` ("acknowledged that the party may have to disavow him |, employing …")."""
    if tokens[j].lower in _ADJUNCT_PREPS:
        return end
    clause = clause or any(t.lower == "that" for t in tokens[j + 1 : end])
    for m in range(j + 1, end):
        low = tokens[m].lower
        nxt = tokens[m + 1].lower if m + 1 < end else ""
        if (
            tokens[m].text == ","
            and (nxt in _AFTER_OBJECT or nxt.endswith("ing") or nxt in _CLAUSE_SUBJECTS)
            and not any(t.text == "," for t in tokens[m + 1 : end])
        ):
            return m  # not a parenthetical that closes (", including the Koch network, would")
        if clause:
            continue
        if low == "and" and (nxt in _AUXILIARIES or nxt.endswith("ed") and nxt.isalpha()):
            return m  # "claimed self-defense | and was acquitted", "blasted Rubio | and defended"
        if _goes_on(tokens, m, end):
            continue  # "announced plans this week to give …": the object goes on
        if low in DAYS or low in _DEICTIC and nxt in _TIME_NOUNS:
            return m  # "announced his candidacy | last spring", "| on Sunday"
        if low in _ADJUNCT_PREPS and m + 1 < end:
            q = m + 2 if nxt in _DETERMINERS and m + 2 < end else m + 1
            if (
                tokens[q].lower in _SETTINGS
                or nxt in DAYS
                or nxt in _MONTH_WORDS
                or len(nxt) == 4
                and nxt.isdigit()
            ):
                return m  # "praised Obama's presidency | in an interview published Saturday"
    return end


def _that_determiner(tokens: list[Token], j: int, end: int) -> bool:
    """ "rejected that argument in a ruling": "that" before ``j`` is a determiner (a bare noun
    and a preposition follow it), not the start of a clause."""
    return (
        j + 1 < end
        and tokens[j].text.isalpha()
        and not tokens[j].is_cap
        and tokens[j].lower not in CLAUSE_START
        and tokens[j].lower not in SUBJECT_PRONOUNS
        and tokens[j + 1].lower in _ADJUNCT_PREPS
    )


def _goes_on(tokens: list[Token], m: int, end: int) -> bool:
    """An infinitive or a clause follows before the next comma: what stands at ``m`` is
    inside the object, not after it."""
    for t in tokens[m + 1 : end]:
        if t.text == ",":
            return False
        if t.lower in ("to", "that", "who", "which", "whether", "for"):
            return True  # "criticized fellow Democrats in 2011 for seeking …"
    return False


_DEICTIC = words("last next this")
_DETERMINERS = words("a an the his her their its this last")
# cues that report an object as often as a clause ("denied the charges"); "that" or a subject
# pronoun after them opens a clause, which keeps its adjuncts
_OBJECT_CUES = words(
    """announce praise criticize denounce decry tout lament blast slam mock condemn express
    request recount repeat deny stress explain describe thank hail highlight underscore
    mention cite reject dismiss question confirm claim acknowledge reiterate"""
)
_THAT_OR_SUBJECT = words("that he she they it we i there what how why whether if")
_AFTER_OBJECT = words("which who whom where while but as")
_ADJUNCT_PREPS = words("in on at during through after before via")
_SETTINGS = words(
    """statement interview tweet tweets email speech conference rally news press event
    meeting hearing debate radio television letter briefing show program appearance forum
    hall op-ed video post message lawyer lawyers spokesman spokeswoman spokesperson attorney
    attorneys print ruling remarks column editorial book article blog"""
)
_MONTH_WORDS = words(
    """january february march april may june july august september october november december
    jan. feb. aug. sept. oct. nov. dec."""
)


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
    # "“…,” Christie said when asked whether …": a question after the answer's frame
    late = (
        k < c
        and k > 0
        and tokens[k].lower == "when"
        and (tokens[k - 1].text == "," or not _opens_clause(tokens, k))
    )
    if not passive and not late and not _opens_clause(tokens, k):
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
    if q is None or any(is_punct(t) or cue_at(tokens, m) for m, t in enumerate(tokens[j:q], j)):
        return None
    asker = None
    if j < q and tokens[j].lower == "by":
        if q == j + 1:
            return None
        asker = subject_after(text, tokens, j + 1)
        if asker is None or asker.end > tokens[q - 1].end:
            phrase = tok_text(text, tokens, j + 1, q)
            asker = Mention(tokens[j + 1].start, tokens[q - 1].end, phrase, "group", written=phrase)
    j = q
    end = j
    while end < stop and tokens[end].text != "," and not tokens[end].text.startswith(MASK):
        end += 1
    if not passive and not late and (end >= stop or tokens[end].text != ","):
        return None  # the question must end before the answer
    end = _clause_end(tokens, j, end)
    if end <= j or end - j == 1 and tokens[j].lower not in ("why", "how"):
        return None  # "When asked why, …" is a question; "Asked whether," is none
    cue = tokens[c].text if k == c else tok_text(text, tokens, k, c + 1)
    return [(j, end)], Attribution(asker, cue, tokens[k].start, tokens[j - 1].end, "leading")


_ASKED_OPENERS = words("when after once if being")
_BE_ASKED = words("was were is are been be")


def noun_statements(
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
        if owner is None and not (
            tokens[o].lower in _UNOWNED_OPENERS and tokens[i].lower in _UNOWNED_FRAMES
        ):
            continue  # "the suggestion that …", "renewed calls for …": nobody named
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
        if owner is None and end - start < 5:
            continue  # "the claims that he made last week": a relative clause, most likely
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
        while first > 0 and tokens[first - 1].is_cap and not is_punct(tokens[first - 1]):
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
# a statement noun named without its owner still reports ("the suggestion that …", "growing
# calls for …"); nouns that often open a relative clause ("the statement that he made") do not
_UNOWNED_FRAMES = words(
    """claim claims assertion contention suggestion allegation allegations warnings
    calls demands"""
)
_UNOWNED_OPENERS = words("the these those renewed growing mounting repeated new")
_OWNER_TITLES = words("mr. mrs. ms. dr. sen. rep. gov. president senator governor")
_NOT_OWNER_WORDS = words(
    """the a an but and despite while after before with without since as if when unlike
    like amid"""
)
_FRAME_MODIFIERS = words(
    """recent repeated latest earlier new frequent renewed previous initial public
    private own"""
)


def participles_after_quotes(
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
            relative = i >= 2 and tokens[i - 1].lower == "who" and tokens[i - 2].text == ","
            if not relative and (tokens[i - 1].text != "," or not tok.lower.endswith("ing")):
                continue  # "…,” said Borges, who predicted that …" is his too
            cue = cue_at(tokens, i)
            if cue is None:
                continue
            n, lemma = cue
            stop = next(
                (k for k in range(i + n, len(tokens)) if tokens[k].text.startswith(MASK)),
                len(tokens),
            )
            if lemma in NEEDS_CLAUSE and not clause_follows(tokens, i + n, stop, lemma):
                break  # "…, who spoke on the condition of anonymity"
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
    if c >= 2 and tokens[c - 1].text in DASHES:
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
        rel = index_at(tokens, sp.start)
        if rel is not None and rel >= 1 and not is_punct(tokens[rel - 1]):
            # "four in 10 who said …", "Democrats who watched the debate said": the phrase
            # the relative clause hangs on
            head = subject_before(text, tokens[:rel] + tokens[c:], rel) or _plain_subject(
                text, tokens[:rel] + tokens[c:], rel
            )
            if head is not None and head.kind != "pronoun":
                sp = head
    if sp is not None and sp.kind == "name":
        first = index_at(tokens, sp.start)
        if first is not None and first >= 2 and tokens[first - 1].lower in ("to", "with", "for"):
            # "people close to Clinton say", "aides to Trump said": the phrase, not the name
            sp = _plain_subject(text, tokens, c) or sp
    sp = sp or _plain_subject(text, tokens, c) or _absolute_subject(text, tokens, c)
    if (
        sp is None
        and c >= 3
        and tokens[c - 1].lower in _SAME_SUBJECT
        and tokens[c].lower.endswith(("ed", "s", "id"))
        and not tokens[c].is_cap
        and tokens[c - 2].lower not in _BE_FORMS
        and not (c + 1 < len(tokens) and tokens[c + 1].lower == "by")  # "is then denounced by"
    ):
        # "The senator rejected the plan but said …", "The firm runs a mine and says …": the
        # subject of the sentence speaks on; "… after she attacked X and blamed …": the
        # subject of the clause the verbs share
        sp = (
            _clause_subject(text, tokens, c - 1)
            or sentence_subject(text, tokens, c - 1, nominal=True)
            or _opening_np(text, tokens, c - 1)
        )
    if (
        sp is None
        and c >= 2
        and tokens[c - 1].text == ","
        and tokens[c].lower.endswith("ing")
        and c + 1 < len(tokens)
        and not is_punct(tokens[c + 1])
        and tokens[c + 1].lower not in ("or", "and")  # "hostility, slurs, shouting or violence"
    ):
        # "A spokeswoman for the firm declined to comment, saying …": the sentence's subject,
        # a role or a group too
        sp = sentence_subject(text, tokens, c - 1, nominal=True) or _opening_np(
            text, tokens, c - 1
        )
    if sp is None and tokens[c].lower.endswith("ing"):
        sp = _participle_subject(text, tokens, c)
    if sp is not None and sp.start < tokens[c].start < sp.end:
        return None  # a phrase that runs over the cue is no subject of it
    return sp


def _next_to_cue(tokens: list[Token], sp: Mention, c: int) -> bool:
    """Only adverbs and times stand between a trailing subject and its cue ("…, Trump said",
    "…, the senator on Tuesday said"), no verb ("…, speakers took turns urging")."""
    k = index_after(tokens, sp.end, c)
    return c - k <= 4 and all(
        t.lower in TIME_WORDS
        or t.lower in _SUBJECT_ADVERBS
        or t.lower in _TIME_PREPS
        or t.lower in _TIME_NOUNS
        or t.lower.endswith("ly")
        or is_punct(t)
        for t in tokens[k:c]
    )


def _in_relative(tokens: list[Token], c: int) -> bool:
    """The cue at ``c`` stands in a relative clause set off by a comma ("Mr. Trump, who said
    last week that …, issued …", "the Fed, which entered the year predicting that …")."""
    for m in range(c - 1, max(0, c - 12), -1):
        if tokens[m].lower in ("who", "which"):
            return m >= 1 and tokens[m - 1].text == ","
        if is_punct(tokens[m]):
            return False
    return False


def _in_subordinate(tokens: list[Token], c: int) -> bool:
    """The cue at ``c`` stands in a subordinate clause that opens the sentence ("Last month,
    when I asked Sanders if …, he looked …", "While Ramos said that …, he appears …", "…, but
    before city officials had weighed in …, Trump said …")."""
    for m in range(c - 1, max(-1, c - 10), -1):
        if tokens[m].lower in _SUBORDINATORS_OPENING or tokens[m].lower in _TIME_SUBORDINATORS:
            return m == 0 or is_punct(tokens[m - 1]) or tokens[m - 1].lower in ("but", "and")
        if is_punct(tokens[m]):
            return False
    return False


def _subordinate_end(tokens: list[Token], j: int, end: int) -> int:
    """The subordinate clause ends at the comma before the main clause's subject (", he
    looked", ", Trump said")."""
    for m in range(j + 2, end - 1):
        if tokens[m].text == "," and (
            tokens[m + 1].lower in _CLAUSE_SUBJECTS
            or tokens[m + 1].is_cap
            and m + 2 < end
            and (tokens[m + 2].is_cap or tokens[m + 2].lower in _AUXILIARIES)
        ):
            return m
    return end


# main verbs in the past that end in neither -ed nor -s (", began in 2010")
_IRREGULAR_PAST = words(
    """began became came went took made got gave found left grew fell rose ran won lost held
    kept led met paid sent spent stood thought told wrote brought bought built caught felt
    heard knew saw sold struck said"""
)


def _relative_end(tokens: list[Token], j: int, end: int) -> int:
    """The relative clause closes at a comma before the main verb (", issued", ", has yet")."""
    for m in range(j + 1, end - 1):
        nxt = tokens[m + 1]
        if tokens[m].text != ",":
            continue
        if not nxt.is_cap and (
            nxt.lower in _AUXILIARIES
            or nxt.lower in _IRREGULAR_PAST
            or nxt.text.isalpha()
            and nxt.lower.endswith(("ed", "s"))
        ):
            return m
        if not nxt.is_cap:
            return end  # another comma inside ("that Mr. Jäger, under fire …, would"): no cut
    return end


def _participle_subject(text: str, tokens: list[Token], c: int) -> Mention | None:
    """Who speaks in a participle with no comma before it: the sentence subject after a noun
    or a preposition ("Schneiderman filed a lawsuit alleging that …", "… ended the meeting by
    announcing …"), the subject after the comma when the participle opens the sentence
    ("Noting that …, Tester added", "After arguing that …, his team is …")."""
    k = 0
    while k < c and (is_punct(tokens[k]) or tokens[k].lower in _LEADING_CONJUNCTIONS):
        k += 1
    if k == c or k == c - 1 and tokens[k].lower in _PARTICIPLE_PREPS:
        comma = next((m for m in range(c + 1, len(tokens)) if tokens[m].text == ","), None)
        if comma is None or comma + 1 >= len(tokens):
            return None
        return subject_after(text, tokens, comma + 1)
    if tokens[c].is_cap:
        return None
    prev = tokens[c - 1]
    if c + 1 >= len(tokens) or is_punct(tokens[c + 1]) or prev.lower in _QUANTITY_WORDS:
        return None  # "with all precincts reporting,", "some affirming language"
    if c >= 2 and (
        prev.lower in _PARTICIPLE_PREPS
        or prev.text.isalpha()
        and not prev.is_cap
        and prev.lower not in _NOT_NP_HEADS
        and prev.lower not in _BE_FORMS
        and not prev.lower.endswith(("ly", "ing"))
    ):
        return (
            _clause_subject(text, tokens, c - 1)
            or sentence_subject(text, tokens, c - 1, nominal=True)
            or _opening_np(text, tokens, c - 1)
        )
    return None


# subordinators inside a sentence whose clause has a subject of its own ("… spoke to
# reporters after Donald Trump unleashed a series of tweets criticizing …")
_CLAUSE_SUBORDINATORS = words("after before when while because since although though until")


def _clause_subject(text: str, tokens: list[Token], j: int) -> Mention | None:
    """The subject of the subordinate clause that ``tokens[j]`` ends ("X described Y after
    she attacked police and blamed …": she; "X spoke after Trump unleashed tweets
    criticizing …": Trump). Only a name or a he/she right after the subordinator, and no
    punctuation or quotation between it and ``j``: a comma hands the verb back to the main
    clause ("…, and blamed")."""
    for m in range(j, max(-1, j - 16), -1):
        tok = tokens[m]
        if is_punct(tok) or tok.text.startswith(MASK):
            return None
        if tok.lower in _CLAUSE_SUBORDINATORS and m + 2 <= j:
            sp = subject_after(text, tokens, m + 1)
            if sp is None or sp.kind not in ("name", "pronoun"):
                return None
            if sp.kind == "pronoun" and sp.text.lower() not in ("he", "she", "they"):
                return None
            k = index_after(tokens, sp.end, j)
            if k > j or tokens[k].is_cap or not tokens[k].text.isalpha():
                return None  # the subject's verb must follow it
            return sp
    return None


def _opening_np(text: str, tokens: list[Token], limit: int) -> Mention | None:
    """The noun phrase that opens the sentence and ends before its first verb ("The bank
    ended …", "The spokesman refused …"), after an opening phrase and its comma; a group
    named as written."""
    k = 0
    while k < limit and (is_punct(tokens[k]) or tokens[k].lower in _LEADING_CONJUNCTIONS):
        k += 1
    if k < limit and (tokens[k].lower in PREPS or tokens[k].lower in _SUBORDINATORS_OPENING):
        comma = next((m for m in range(k, min(limit, k + 12)) if tokens[m].text == ","), None)
        if comma is None:
            return None
        k = comma + 1
        sp = subject_after(text, tokens, k) if k < limit else None
        if sp is not None:
            return sp  # "Since the op-ed in May, she's tacked to the left, criticizing …"
    if k >= limit or not (tokens[k].is_cap or tokens[k].lower in _ARTICLES):
        return None
    for m in range(k + 1, min(limit, k + 7)):
        tok = tokens[m]
        if tok.is_cap or not tok.text.isalpha():
            if is_punct(tok):
                return None
            continue
        if tok.lower in _AUXILIARIES or tok.lower.endswith("ed") or tok.lower in CUE_HEADS:
            np = np_ending_at(text, tokens, m)
            if np is not None and np.start == tokens[k].start:
                return np
            phrase = tok_text(text, tokens, k, m)
            return Mention(tokens[k].start, tokens[m - 1].end, phrase, "group", written=phrase)
        if tok.lower in _NOT_NP_HEADS:
            return None
    return None


_PARTICIPLE_PREPS = words("by after before while without from in when since through")
_QUANTITY_WORDS = words("some any many more most few several every each other such all no")


def _plain_subject(text: str, tokens: list[Token], c: int) -> Mention | None:
    """A subject the mention rules do not read as a speaker: a noun phrase that opens its
    clause and ends right before the cue (``Nearly half said``, ``The newspaper said``,
    ``One in four voters in a New York Times poll said``, ``most of them say``). It is
    given as a group: the phrase itself names the speaker."""
    cue = cue_at(tokens, c)
    if cue is None:
        return None
    form, lemma = tokens[c].lower, cue[1]
    k = c + 1
    while k < len(tokens) and (tokens[k].lower in TIME_WORDS or tokens[k].lower.endswith("ly")):
        k += 1
    if k < len(tokens) and tokens[k].lower == "by":
        return None  # "a practice criticized by Miller": a passive participle, no speaker
    if lemma in _OBJECT_FIRST and not clause_follows(tokens, c + 1, len(tokens), lemma):
        return None  # "Several nations called for calm": an object, not a statement
    j = c
    while j > 0 and (
        tokens[j - 1].lower in _SUBJECT_ADVERBS
        or tokens[j - 1].lower in _TIME_NOUNS
        or tokens[j - 1].lower in _QUANTIFIERS_AFTER
        or tokens[j - 1].lower.endswith("ly")
        and tokens[j - 1].lower not in _LY_NOUNS  # not "a pro-Trump rally said"
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
            # "Merkley (D-Ore.), Brown (D-Ohio) and Menendez (D-N.J.) all suggested": Merkley
            return (list_head(text, tokens, np, j) or np) if np.kind != "pronoun" else np
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
        head.lower in _NP_HEAD_OK
        or head.lower.endswith("s")
        or head.text.isdigit()
        or head.lower in _QUANTIFIER_SUBJECTS  # "Some say"
        or j >= 2
        and tokens[j - 2].lower in _PLURAL_DETERMINERS  # "those surveyed say"
        or head.is_cap
        and j >= 3
        and tokens[j - 2].lower in _PRONOUN_PREPS
        and _plural_before(tokens, j - 2)  # "people close to Clinton say"
    ):
        return None  # a bare "say" needs a plural subject ("47 percent say", "critics say")
    if not (
        head.lower in _NP_HEAD_OK
        or head.text.isalpha()
        and not head.is_cap
        and head.lower not in _NOT_NP_HEADS
        or head.is_cap
        and j >= 3
        and tokens[j - 2].lower in _PRONOUN_PREPS
        and tokens[j - 3].text.isalpha()
        and not tokens[j - 3].is_cap  # "people close to Clinton", "aides to Trump"
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
        and (
            tokens[j - 2].lower in ("in", "over", "under", "of")  # "Six in 10", "nine out of 10"
            or tokens[j - 2].text == ","
            and tokens[j - 2].end < head.start  # "…, 43 said the same", not "75,000 pledged"
        )
    ):
        return None  # "most of them said", "a source close to him said", not "told them"
    k = j - 1
    while k > 0 and j - k < 12:
        prev = tokens[k - 1]
        if (
            is_punct(prev)
            and prev.text not in ("%", "-")
            or prev.lower in _NP_BOUNDARY
            or prev.text.startswith(MASK)
            or prev.lower.endswith("ed")
            and not prev.is_cap
            and tokens[k].lower in ("a", "an", "the", "his", "her", "their")
        ):
            break  # "Trump thanked | a number of attendees who said …"
        if (
            prev.lower in _NP_BREAKERS
            or prev.lower in CUE_HEADS
            and cue_at(tokens, k - 1)
            and not (k == 1 and prev.is_cap)  # "Protest groups say": a noun opens it
        ):
            return None  # a verb or a cue inside: not one noun phrase
        k -= 1
    else:
        if k > 0:
            return None  # too long to be one noun phrase
    if tokens[j - 1].lower.endswith("s"):
        for m in range(j - 2, k, -1):
            if verb_after_name(tokens, m, k):
                # "President Obama passionately rebuked critics who say …": a name and its
                # verb open the phrase; the plural noun after the verb is the subject
                k = m + 1
                break
    while k < j - 1 and tokens[k].lower in _NP_SKIP:
        k += 1  # "But most of them", "And 64 percent"
    if k < j - 2 and tokens[k].lower in _RELATIVES and tokens[k + 1].lower in _DETERMINERS:
        k += 1  # "the attacks, which the probe said were covered up": the relative's subject
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
    phrase = tok_text(text, tokens, k, j)
    return Mention(words[0].start, words[-1].end, phrase, "group", written=phrase)


_RELATIVES = words("which that whom")
_SINGULAR_DETERMINERS = words("a an another each every")
# a word that leaves what follows it to a clause ("after, according to him, Televisa …")
_LEADS_INTO_CLAUSE = words("after before because when while that since if although though")


def _plural_before(tokens: list[Token], i: int) -> bool:
    """A plural noun stands in the few words before ``i`` ("people close to", "aides to")."""
    return any(
        t.lower in _PLURAL_NOUNS
        or len(t.lower) > 3
        and t.lower.endswith("s")
        and t.text.isalpha()
        and t.lower not in _NOT_NP_HEADS
        for t in tokens[max(0, i - 3) : i]
    )


_PLURAL_NOUNS = words("people men women children police staff")


def _absolute_subject(text: str, tokens: list[Token], c: int) -> Mention | None:
    """ "…, with 50 percent saying she is prepared", "with three in 10 saying …": the phrase
    between "with" and a participle cue speaks."""
    cue = cue_at(tokens, c)
    if cue is None or cue[1] not in _NESTED_CUES or not tokens[c].lower.endswith("ing"):
        return None  # not "with all precincts reporting", "with language calling for"
    for k in range(c - 1, max(0, c - 7), -1):
        tok = tokens[k]
        if tok.lower == "with":
            if k + 1 == c:
                return None
            np = np_ending_at(text, tokens, c)
            if np is not None and np.kind in ("name", "group") and np.start >= tokens[k + 1].start:
                return np
            phrase = tok_text(text, tokens, k + 1, c)
            return Mention(tokens[k + 1].start, tokens[c - 1].end, phrase, "group", written=phrase)
        if (
            is_punct(tok)
            and tok.text != "%"
            or tok.lower in _NP_BREAKERS
            or tok.text.startswith(MASK)
        ):
            return None
    return None


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
            if any(t.lower in _OWNER_INSIDE for t in words[:m]):
                # "Some of Clinton's longtime allies said", "a woman at one of Trump's rallies
                # repeated": the name qualifies a noun inside the phrase, not its head; the
                # phrase speaks
                return None
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
    years ago spring summer fall winter"""
)


_OWNER_INSIDE = words("of at to for with in on from by about against behind")
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
_LY_NOUNS = words("rally rallies family ally supply assembly july italy reply anomaly monopoly")
_PLURAL_DETERMINERS = words("those these")
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
_NP_HEAD_OK = words(
    """% percent half third quarter majority minority one two three four five six seven eight
    nine ten dozens hundreds thousands millions"""
)
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
    after = index_after(tokens, sp.end, stop)
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
                low.endswith(("ed", "ing")) or low in TIME_WORDS
            ):
                break  # "a CBS poll released Monday", "an ABC poll last week"
            end += 1
        if end == after:
            return sp
        words_ = tokens[index_after(tokens, phrase.start, stop) : end]
        text_ = tok_text(text, tokens, index_after(tokens, phrase.start, stop), end)
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
    no person (speaker left empty), read up to the next comma. A quotation ends it too: in
    "according to E. J. Fleming's ''The Fixers'' and other sources" the source is the
    title's author, never the quoted title."""
    j = i
    while (
        j < stop
        and not is_punct(tokens[j])
        and not tokens[j].text.startswith(MASK)
        and j - i < 12
    ):
        j += 1
    if j == i:
        return None
    end = tokens[j - 1].end
    if j < stop and tokens[j].text.startswith(MASK) and tokens[j - 1].text.endswith(("'s", "’s")):
        end -= 2  # the owner of the quoted work: "Fleming's ''The Fixers''"
    phrase = text[tokens[i].start : end]
    return Mention(tokens[i].start, end, phrase, "source", written=phrase)


def _resumes(tokens: list[Token], j: int, stop: int, comma: int | None = None) -> int | None:
    """Where the statement resumes after a parenthetical attribution (", he acknowledges, could
    be undone"): a comma, then an auxiliary verb; or a comma and a clause when the words
    before the attribution are an opening adjunct ("Over the years, she said, email has
    helped her …", "In the end, Mr. Rosenthal said, union voters …")."""
    while j < stop and (tokens[j].lower in TIME_WORDS or tokens[j].lower.endswith("ly")):
        j += 1
    if j + 2 < stop and tokens[j].text == "," and tokens[j + 1].lower in _AUXILIARIES:
        return j + 1
    if (
        comma is not None
        and j + 3 < stop
        and tokens[j].text == ","
        and cue_at(tokens, j + 1) is None
        and not tokens[j + 1].text.startswith(MASK)
    ):
        first = 0
        while first < comma and is_punct(tokens[first]):
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
        if tokens[c2].lower not in CUE_HEADS or c2 in used:
            continue
        cue2 = cue_at(tokens, c2)
        if cue2 is None:
            continue
        if (
            tokens[c2 - 1].text in DASHES
            and c2 - 1 > j
            and not any(t.text == tokens[c2 - 1].text for t in tokens[j : c2 - 1])
        ):
            return c2 - 1, c2  # "… - who said A - said B": the parenthetical closes
        if tokens[c2 - 1].text == "," and c2 - 1 > j + 1 and cue2[1] != "according to":
            return c2 - 1, c2  # "Barkley, who said he votes Democratic, said …"
        if cue2[1] in NEEDS_CLAUSE and not clause_follows(tokens, c2 + cue2[0], stop, cue2[1]):
            continue  # "pay and continued risks": an adjective, not a second attribution
        if tokens[c2 - 1].text == "," and tokens[c2].lower.endswith("ing"):
            return c2 - 1, c2  # "…, citing …", "…, adding that …": the same speaker goes on
        if tokens[c2 - 1].lower in _SAME_SUBJECT and c2 - 1 > j + 1:
            # "Merrill says Machado promised … and said she would …", "Clinton has disputed
            # both critiques, but says that …", "…, then says he'll welcome advice"
            return c2 - 1, c2
        sp2 = _subject(text, tokens, c2)
        if sp2 is None or sp2.kind not in ("name", "pronoun", "group"):
            continue
        f2 = index_at(tokens, sp2.start)
        if f2 is None or f2 < j + 2:
            continue
        if tokens[f2 - 1].text in (",", ";", "—", "–", "--", "-"):
            return f2 - 1, c2
        back = f2 - 1
        while back > j + 1 and f2 - back < 7 and _adjunct_word(tokens[back]):
            back -= 1
        if back < f2 - 1 and tokens[back].text == "," and tokens[back + 1].lower in PREPS:
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


# a conjunction right before a second cue: the same subject goes on speaking
_SAME_SUBJECT = words("and but then")


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
        tokens[k].is_cap and tokens[k].text.isalpha() or tokens[k].lower in SUBJECT_PRONOUNS
    )


_ADVERB_WORDS = words("often also repeatedly even still again openly")


def _reports_object(tokens: list[Token], c: int, after: int, stop: int) -> bool:
    """ "Twitter reported disappointingly flat user growth", "Trump reports investments in
    Ford": the verb "reported" / "reports" with what was reported as its object (not "the
    report", "reported from the field", "additional reporting by")."""
    return (
        tokens[c].lower in ("reported", "reports")
        and after < stop
        and tokens[after].lower not in PREPS
        and tokens[after].lower not in ("live", "back", "directly", "daily", "by")
        and not is_punct(tokens[after])
    )


def _ends_sentence(tokens: list[Token], j: int, stop: int) -> bool:
    """Nothing but a time or a place follows the cue ("…, Wilcox said.", "…, he said on
    Tuesday."): the attribution closes the sentence."""
    return all(
        is_punct(t)
        or t.lower in TIME_WORDS
        or t.lower in _MONTH_WORDS
        or t.lower in ("on", "in")
        or t.text.isdigit()
        for t in tokens[j:stop]
    )


def _main_clause(tokens: list[Token], comma: int) -> bool:
    """A main clause stands between the opening subordinate clause and the comma before a
    trailing attribution ("When McBride took the stage, she became the first …, X reports"),
    not just the subordinate clause ("When the polls closed, Clinton said.")."""
    first = next((m for m in range(comma) if tokens[m].text == ","), None)
    return first is not None and comma - first > 3


# a condition or a concession is part of what was said; "When …, X said." times the saying
_CONDITIONS = words("if unless although though while because whereas")


def _modifiers_before(tokens: list[Token], first: int) -> int:
    """Where the phrase of a name starts, over an article and lowercase modifiers ("the
    Guardian", "the nonpartisan Congressional Budget Office", "the news site RTL Info"), when
    a comma stands before them; else ``first``."""
    k = first - 1
    while (
        k > 1
        and first - k <= 4
        and tokens[k].text.isalpha()
        and not tokens[k].is_cap
        and tokens[k].lower not in _NOT_NP_HEADS - _ARTICLES
        and tokens[k].lower not in CUE_HEADS
    ):
        k -= 1
    if k < first - 1 and tokens[k].text == "," and tokens[k + 1].lower in _ARTICLES:
        return k + 1
    return first


_ARTICLES = words("the a an")
# cues that need a clause after them, except at the end of a sentence ("…, he added.")
_BARE_CUES = words("add report state")


def _opens_with_subordinator(tokens: list[Token]) -> bool:
    """The sentence opens with a subordinate clause ("After Clinton accused him of sexism,
    Trump said …"): what stands before the subject is no statement of the subject."""
    k = 0
    while k < len(tokens) and (
        is_punct(tokens[k]) or tokens[k].lower in ("but", "and", "even", "only", "just")
    ):
        k += 1
    return k < len(tokens) and tokens[k].lower in _SUBORDINATORS_OPENING


# conjunctions only: "After some challenges, …, one official said" opens with a preposition
_TIME_SUBORDINATORS = words("before after until once")
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
            if (
                tok.text != ","
                and any(cue_at(tokens, q) for q in range(m + 1, min(stop, m + 3)))
                and not any(t.text == tok.text for t in tokens[j:m])
            ):
                # "Trump - who previously said he would … - said at a rally …", not "closed
                # primaries -- those open only to Democrats -- deny …" (the dash closes)
                return m
            if tok.text != "," and nxt.lower.endswith("ing") and cue_at(tokens, m + 1):
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
    cue = cue_at(tokens, i)
    if cue is None or tokens[i].is_cap or not tokens[i].lower.endswith(("ed", "s", "id")):
        return False
    return cue[1] not in NEEDS_CLAUSE or clause_follows(tokens, i + cue[0], stop, cue[1])


_CONTRASTS = words("but while though although whereas yet")
_CLAUSE_SUBJECTS = words("he she they we i")


def _adjunct_word(tok: Token) -> bool:
    """A word of a short adjunct ("at the town hall this week")."""
    return (
        tok.text.isalpha()
        and (not tok.is_cap or tok.lower in DAYS or tok.lower in ADJUNCT_WORDS)
        and tok.lower not in SUBJECT_PRONOUNS
    )


def _long_enough(text: str, tokens: list[Token], j: int, end: int, lemma: str = "") -> bool:
    """At least three words, counting the words of a quotation inside the clause, and not
    just one quotation (that is a direct quote, attributed elsewhere); two after a cue that
    takes an object ("called him divisive", "blasted the statement", "called for his
    dismissal"), not after "said" ("said Tuesday", "said so")."""
    if end - j == 1 and tokens[j].text.startswith(MASK):
        return False
    if _is_short_answer(tokens, j, end, lemma):
        return True
    if (
        end - j == 1
        and lemma in _OBJECT_CUES
        and tokens[j].text.isalpha()
        and tokens[j].lower not in _NOT_NP_HEADS
        and tokens[j].lower not in _SUBJECT_ADVERBS
        and tokens[j].lower not in ("too", "back", "out", "up", "down", "off", "away")
    ):
        return True  # "criticized Clinton", "claimed victory"
    if end - j >= 3:
        return True  # every token counts at least one word
    words = sum(
        max(1, len(t.text) // 6) if t.text.startswith(MASK) else 1 for t in tokens[j:end]
    )  # a masked quotation counts about a word per 6 chars
    return words >= (3 if lemma in ("", "say", "tell", "write") else 2)


def _is_short_answer(tokens: list[Token], j: int, end: int, lemma: str) -> bool:
    """ "46 percent said yes", "half said so", "26 percent said the same": an answer that is
    a whole statement in one or two words."""
    if lemma != "say" or j >= end:
        return False
    if end - j == 1:
        return tokens[j].lower in _ANSWERS
    return end - j == 2 and tokens[j].lower == "the" and tokens[j + 1].lower == "same"


def _short_answer(tokens: list[Token], j: int, end: int, lemma: str) -> int:
    """The answer alone, without the time or place after it ("said so | in December")."""
    if lemma != "say" or j >= end:
        return end
    n = 1 if tokens[j].lower in _ANSWERS else 0
    if tokens[j].lower == "the" and j + 1 < end and tokens[j + 1].lower == "same":
        n = 2
    if n and (
        j + n == end
        or is_punct(tokens[j + n])
        or tokens[j + n].lower in _ADJUNCT_PREPS
        or tokens[j + n].lower in TIME_WORDS
    ):
        return j + n
    return end


_ANSWERS = words("yes no so")


def _tail_is_adjunct(tokens: list[Token], j: int, stop: int, lemma: str = "") -> bool:
    """After a trailing attribution ("…, X said") only adjuncts, an appositive or the object
    of a cue ("…, the president told her", "…, an official told The New York Times")
    remain."""
    if (
        j + 1 < stop
        and tokens[j].text == ","
        and tokens[j + 1].lower.endswith("ing")
        and cue_at(tokens, j + 1)
    ):
        return True  # "…, Mr. Manafort said, adding that …": the next statement follows
    if any(t.lower == "that" for t in tokens[j : min(stop, j + 8)]):
        return False  # "…, the company said on Friday that it had suspended …": a clause
    if j < stop and tokens[j].lower == "if":
        return False  # "…, Cruz said if elected president he could work …": the statement
    if lemma == "tell" and j < stop:
        k = j
        if tokens[k].lower in _OBJECT_PRONOUNS:
            k += 1
        else:
            if tokens[k].lower in ("the", "a", "an"):
                k += 1
                m = k
                while m < stop and m - k < 3 and tokens[m].text.isalpha():
                    if tokens[m].lower in _AUDIENCES:
                        k = m + 1  # "told the court in his filing", "told a federal jury"
                        break
                    m += 1
            while k < stop and k - j < 6 and tokens[k].is_cap and not is_punct(tokens[k]):
                k += 1
            if (
                tokens[j].lower in ("the", "a", "an")
                and k < stop
                and tokens[k - 1].is_cap
                and tokens[k].lower in _AUDIENCES
            ):
                k += 1  # "told a Senate panel", "told the Senate committee"
        if k > j and (
            k >= stop
            or is_punct(tokens[k])
            and tokens[k].text != ","
            or all(
                t.lower in TIME_WORDS or t.lower in ("on", "in") or is_punct(t)
                for t in tokens[k:stop]
            )
        ):
            j = k  # "told her.", "told The New York Times.", "told POLITICO earlier this week."
        elif k > j and short_tail(tokens, k, stop):
            j = k  # "told the court in his filing."
    return short_tail(tokens, j, stop)


_AUDIENCES = words(
    """panel committee hearing audience crowd court jury gathering conference meeting rally
    forum reporters"""
)
_OBJECT_PRONOUNS = words("her him them me us reporters")


def _opens_clause(tokens: list[Token], c: int) -> bool:
    """``tokens[c]`` opens the sentence or a clause after a colon, give or take a conjunction
    ("But according to …", "…: According to recent polls, …")."""
    k = c
    while k > 0 and tokens[k - 1].lower in _LEADING_CONJUNCTIONS:
        k -= 1
    return k == 0 or tokens[k - 1].text in (":", ";") or k == c and is_punct(tokens[k - 1])


def _source_ends(tokens: list[Token], i: int, stop: int) -> bool:
    """The source after "according to" runs to the end of the sentence ("…, according to
    Democrats involved in the talks.")."""
    end = _clause_end(tokens, i, stop)
    return not any(is_punct(t) for t in tokens[i:end])


_LEADING_CONJUNCTIONS = words("but and yet so still also however indeed")
