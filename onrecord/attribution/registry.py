"""Stage 4b: the people and organisations one article names, and who a mention is.

:class:`Registry` collects the names of an article (from its masked body, so names inside
quotations count for nothing) and resolves a speaker mention to one canonical display name: a
surname ("Del Valle"), a typo of a name already used ("Lighftoot"), an acronym ("CTU"), a
nominal ("the mayor", "the union") or a pronoun (the nearest earlier speaker or sentence subject
of the same gender, learned from the article's own pronouns, titles and given names).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from . import ranker
from .lexicons import words
from .mentions import (
    CUE_FORMS,
    DAYS,
    FUNCTION_CAPS,
    GIVEN_NAMES,
    GROUP_NOUNS,
    ORG_WORDS,
    PARTY_MEMBERS,
    PLACES,
    PRONOUNS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    STATE_ABBREVIATIONS,
    SUFFIXES,
    TITLES,
    Mention,
    Token,
    cut_origin,
    is_acronym,
    is_place,
    is_role_word,
    keeps_dot,
    looks_org,
    make_token,
    possessive_owner,
    span_text,
    split_name,
)
from .segment import paragraphs, sentences

# ", president of the …", ", a lawyer for …", ", 31, …": the article introduces a person, who
# is then as likely to be the "he" of the next quotation as a sentence's subject
_ROLES_RE = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))

_APPOSITIVE = re.compile(
    rf",\s+(?:\d{{1,3}},|(?:(?:a|an|the|his|her|its|their)\s+(?:[\w’'-]+\s+){{0,4}}?)?"
    rf"(?:{_ROLES_RE})\b)"
)

# ("then", "now", "earlier" … never reach here: name runs and lone-adjective checks drop them)
_OPENERS = words("once back")

# The author or owner of a document that speaks ("a new report by Politico", "her account",
# "Axelrod’s memoir") and an organisation under a description ("the nonpartisan Congressional
# Budget Office"): see Registry._document_source
_NAME_RUN = r"(?:[A-Z][\w.&’'-]*)(?:\s+(?:(?:of|for|and|on|the)\s+)*[A-Z][\w.&’'-]*)*"
# not "a speech … in July 2015": a date is no author
_NO_AUTHOR = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday)\b)"
)
_DOCUMENT_BY = re.compile(rf"\b(?:by|from|in)\s+(?:the\s+|The\s+)?{_NO_AUTHOR}({_NAME_RUN})")
_DOCUMENT_NOUNS = (
    r"(?:account|memoir|book|biography|autobiography|letter|email|e-mail|memo|statement|"
    r"testimony|filing|lawsuit|complaint|brief|submission|website|profile|post|tweet|"
    r"report|analysis|study|estimate|estimates|tally|count|calculations|data|records)"
)
_DOCUMENT_OWNER = re.compile(
    r"(?:(his|her|their|its|His|Her|Their|Its)|([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)[’']s?)\s+"
    rf"(?:own\s+|new\s+|latest\s+|recent\s+)?{_DOCUMENT_NOUNS}\b"
)
# "a speech Mrs. Clinton delivered at …", "the letter Comey sent to Congress": the subject of
# the relative clause that says who made the document
_DOCUMENT_MAKER = re.compile(
    rf"(?:an?|the|An?|The)\s+(?:[a-z-]+\s+)?(?:{_DOCUMENT_NOUNS[3:-1]}|speech|remarks|interview"
    rf"|op-ed|column|ad|video|speeches)\s+(?:that\s+)?{_NO_AUTHOR}(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)"
    rf"\.\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w.’'-]*)*)\s+(?:had\s+|has\s+)?(?:delivered|gave|"
    r"wrote|made|sent|released|published|issued|filed|posted|signed|authored|penned|tweeted)\b"
)
_INDEFINITE_LOWER = re.compile(r"(?:[Aa]n?|[Aa]nother)\s+(?:post|press|times|journal|news)\b")
_POSSESSIVE_SUBJECT = {"his": "he", "her": "she", "their": "they", "its": "it"}
_DESCRIBED_ORG = re.compile(
    r"(?:the|a|an)\s+(?:[a-z][\w-]*\s+){1,3}([A-Z][\w.&’'-]*(?:\s+(?:of\s+|for\s+|and\s+)?"
    r"[A-Z][\w.&’'-]*)+)$"
)

# a share of people with nothing to say whose ("22 percent", "Some 61 percent", "half", "three
# in 10"): the poll's respondents speak, but the phrase names no one a reader could look up,
# and taken as written it makes one archive speaker of every poll figure
_BARE_SHARE = re.compile(
    r"(?:(?:some|only|a|mere|nearly|almost|about|just|another|roughly|around|over|more|fewer"
    r"|less|than|full|fully|and|but|while|the|vast|majority|[–—-])\s+)*"
    r"(?:\d[\d.,]*\s*(?:percent|per\s+cent|%)|half|a\s+(?:third|quarter|majority|minority)"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+in\s+(?:\d+|ten|five|four|three))"
    r"(?:\s*[–—-])?",
    re.IGNORECASE,
)
_TITLE_ROLE = {"sen.": "senator", "rep.": "representative", "gov.": "governor", "rev.": "reverend"}


class _NameFacts(NamedTuple):
    """What the words of a name tell by themselves, whatever the article says around them."""

    words: tuple[str, ...]  # lowercase, without suffixes ("Jr.") or a final dot: the name's key
    lone: bool  # one word that does not look like an organisation: a surname, maybe nobody
    kind: str  # place / organisation / person, by the words alone


def _name_facts(name: list[Token]) -> _NameFacts:
    words = tuple([t.lower.rstrip(".") for t in name if t.lower not in SUFFIXES])
    org = looks_org(name)
    kind = "place" if is_place(name) else "organisation" if org else "person"
    return _NameFacts(words, len(name) == 1 and not org, kind)


@lru_cache(maxsize=65536)
def _split_cached(texts: tuple[str, ...]) -> tuple[int, int, int, str | None, _NameFacts | None]:
    """:func:`split_name` and :func:`cut_origin` as indices (role end, name start, name end,
    title), with what the name's words tell, cached: the same names come back in article after
    article."""
    toks = [make_token(k, k + 1, text) for k, text in enumerate(texts)]
    role, name, title = split_name(toks)
    name = cut_origin(name)
    if not name:
        return len(role), 0, 0, title, None
    return len(role), name[0].start, name[-1].start + 1, title, _name_facts(name)


# words that never open a name run: "The …", "Of …", "Former …"
# prepositions that open a headline or a sentence ("Beneath Clinton's wins, …", "Amid …")
_PREPOSITIONS = words(
    """aboard about above across against along alongside amid amidst among amongst around atop
    behind below beneath beside besides between beyond inside near onto outside over past
    regarding throughout toward towards underneath upon versus via within without"""
)
# "I've", "I'm": the writer, never a name ("If, as I've suggested, he …" made "he" resolve
# to a person "I've")
_I_FORMS = frozenset(f"i{mark}{rest}" for mark in "'’" for rest in ("ve", "m", "d", "ll"))
_NOT_FIRST = FUNCTION_CAPS | {"of", "for", "on"} | ROLE_MODIFIERS | _PREPOSITIONS | _I_FORMS

# A name run: capitalised words ("Hillary Rodham Clinton", "U.S.", "O'Neill") and the particles
# between or before them ("Board of Education", "de Blasio"), on one line.
_LINKS = (
    "de", "del", "della", "van", "von", "der", "da", "du", "la", "le", "bin", "al",  # "de Blasio"
    "of", "for", "on",  # "Board of Education"
)  # fmt: skip
_CAPITALISED_REST = r"(?:\.[A-Z])*[\w’'\-]*\.?"  # after the capital
_PARTICLE_AHEAD = r"(?=\s+[A-Z])"  # a particle counts only before a capitalised word
_RUN_WORD = rf"(?:[A-Z]{_CAPITALISED_REST}|\b(?:{'|'.join(_LINKS)}){_PARTICLE_AHEAD})"
# The run's first word is the same, written to open with one character class (the capitals and
# the particles' first letters), so that the regex engine skips from one such letter to the
# next instead of trying the whole pattern at every character of the article: that test made
# a fifth of the registry's time. After a first letter that opens a word, a particle's rest.
_FIRST_LETTERS = "A-Z" + "".join(sorted({link[0] for link in _LINKS}))
_PARTICLE_RESTS = "|".join(f"(?<={link[0]}){link[1:]}" for link in _LINKS)
_FIRST_RUN_WORD = (
    rf"[{_FIRST_LETTERS}](?:(?<=[A-Z]){_CAPITALISED_REST}"
    rf"|(?<!\w.)(?:{_PARTICLE_RESTS}){_PARTICLE_AHEAD})"
)
_NAME_RUN = re.compile(rf"{_FIRST_RUN_WORD}(?:[ \t]+{_RUN_WORD})*")


@dataclass(eq=False)
class Entity:
    name: str
    kind: str  # person / organisation
    words: tuple[str, ...]  # lowercase name words
    gender: str | None = None
    role: str | None = None
    votes: dict[str, int] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)  # role words: "mayor", "senator"
    speaker: bool = False  # has been named as a speaker
    positions: list[int] = field(default_factory=list)  # where it is named, in body order

    @property
    def acronym(self) -> str:
        return "".join(
            w[0] for w in self.words if w not in ("of", "for", "the", "and", "&")
        ).upper()

    def last_before(self, position: int) -> int:
        """Where the entity was last named at or before ``position`` (-1: not yet)."""
        k = bisect.bisect_right(self.positions, position)
        return self.positions[k - 1] if k else -1


@dataclass(frozen=True)
class Resolved:
    name: str | None
    kind: str | None  # person / organisation / group
    entity: Entity | None = None
    written: str | None = None  # the part of the phrase that named the speaker, when cut


def _damerau1(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one edit or one transposition."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [k for k in range(la) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    if la > lb:
        a, b = b, a
    return any(b[:k] + b[k + 1 :] == a for k in range(len(b)))


class Registry:
    """The people and organisations one article names, and how its mentions resolve to them.

    Built from the masked body (quotations blanked), so names inside quotations neither become
    speakers nor antecedents of a pronoun outside them.
    """

    def __init__(self, masked: str, sentence_starts: list[int] | None = None) -> None:
        self.text = masked
        self.entities: list[Entity] = []
        self._by_words: dict[tuple[str, ...], Entity] = {}
        self._by_suffix: dict[tuple[str, ...], list[Entity]] = {}
        self._by_acronym: dict[str, list[Entity]] = {}
        self._not_fuzzy: set[tuple[str, ...]] = set()
        # people named by two words or more, by the first letter of their surname: the ones a
        # typo of a surname can be (see _fuzzy), in the order they were added
        self._by_surname_initial: dict[str, list[Entity]] = {}
        self._in_role_at: dict[int, bool] = {}  # see _in_role
        self._speaker_at: set[tuple[int, int]] = set()  # (position, id(entity))
        # where a person is introduced by an appositive ("Henry Crespo, president of …")
        self._introduced: set[tuple[int, int]] = set()
        self._title_case: dict[int, int] = {}  # line start -> words of a title-case line
        # (position, entity, possessive) for every name occurrence, in body order
        self.mentions: list[tuple[int, Entity, bool]] = []
        self._sentence_starts = (
            sorted(sentence_starts) if sentence_starts is not None else _sentence_starts(masked)
        )
        # lone words the scan passed over, kept until it ends (see _named_before)
        self._passed_over: list[tuple[int, tuple[str, ...], bool]] | None = []
        self._scan()
        added = self._named_before()
        self._learn_gender()
        if added:
            self._unless_gendered(added)
        self._chain_pronouns()

    # -- building
    def _scan(self) -> None:
        text = self.text
        title_case: dict[int, int] = {}
        for match in _NAME_RUN.finditer(text):
            word = match.group()
            if " " not in word and word.lower() in FUNCTION_CAPS:
                continue  # "The", "But": most runs are one capitalised function word
            if word.count(" ") >= 3 and _in_title_case_line(text, match.start(), title_case):
                # "George Zimmerman Auctioning Off Gun Used To Kill Trayvon Martin": a
                # headline's words, not one long name
                continue
            run: list[Token] = []
            pos = match.start()
            for piece in word.split():
                start = text.find(piece, pos)
                pos = start + len(piece)
                ends_sentence = piece[-1] == "." and not keeps_dot(piece)
                if ends_sentence:
                    piece = piece[:-1]
                low = piece.lower()
                if low in CUE_FORMS and run and low not in ORG_WORDS:
                    # "Chris Christie Calls Hillary Clinton ...", not "The Washington Post"
                    self._scan_run(run)
                    run = []
                    continue
                date = low in _DATE_WORDS
                if piece and not date:
                    run.append(make_token(start, start + len(piece), piece))
                if (ends_sentence or date) and run:
                    self._scan_run(run)
                    run = []
            if run:
                self._scan_run(run)

    def _scan_run(self, toks: list[Token]) -> None:
        while toks and (
            toks[0].lower in _NOT_FIRST  # "The", "Former Pennsylvania governor Ed Rendell"
            or toks[0].lower.endswith(("ing", "ly"))  # "Following Wednesday's debate, …"
            and toks[0].lower not in GIVEN_NAMES
            and len(toks) > 1
            and self._opens(toks[0])
        ):
            toks = toks[1:]
        while toks and toks[-1].lower in ("of", "for", "on"):
            toks = toks[:-1]
        if not toks:
            return
        if len(toks) > 1:
            for k, tok in enumerate(toks[:-1]):
                if tok.text.endswith(("’s", "'s")):  # "Gallup’s Jeffrey M. Jones": two names
                    self._scan_run(toks[: k + 1])
                    self._scan_run(toks[k + 1 :])
                    return
        possessive = toks[-1].text.endswith(("’s", "'s"))
        if possessive:
            last = toks[-1]
            toks[-1] = make_token(last.start, last.end - 2, last.text[:-2])
        role_end, name_start, name_end, title, facts = _split_cached(tuple([t.text for t in toks]))
        role, name = toks[:role_end], toks[name_start:name_end]
        if not name:
            return
        role_text = span_text(self.text, role) or None
        if role and role[-1].lower in ("of", "for", "at", "the", "to", "with"):
            role_text = None  # "Fans of Bradley Cooper": the name is the role's object
        if title and role_text is None and TITLES.get(title.lower()) is None:
            role_text = title  # "Sen.", "Gov.", "Dr.": the article's own title
        if (
            facts is not None
            and facts.kind == "person"
            and not facts.lone
            and not role
            and not title
            and name[0].lower not in GIVEN_NAMES
            and _THE_BEFORE.search(self.text, max(0, name[0].start - 5), name[0].start)
        ):
            # "the Common Core was rolled out …", "the Washington Heights neighborhood": a
            # person's name takes no article; a thing or a place named like one does
            facts = facts._replace(kind="place")
        entity = self.add(
            name,
            facts,
            title=title,
            role=role_text,
            position=name[0].start,
            possessive=possessive,
        )
        if entity is None or entity.kind != "person":
            return
        appositive = _APPOSITIVE.match(self.text, name[-1].end)
        first = (role or name)[0].start
        if appositive and not _OBJECT_BEFORE.search(self.text, max(0, first - 24), first):
            # introduced as a subject or an agent ("an affidavit written by Marc Bujnowski, a
            # detective"), not as an object ("the gun he used to kill Trayvon Martin, an
            # unarmed teenager")
            self._introduced.add((name[0].start, id(entity)))
        if appositive:
            # "Dottie Deans, the chairwoman of …": the role tells the gender
            entity.gender = entity.gender or _role_gender(appositive.group())
        if title:
            gender = TITLES.get(title.lower())
            if gender and (entity.gender is None or len(name) > 1):
                entity.gender = gender
            if title.lower() in _TITLE_ROLE:
                entity.titles.add(_TITLE_ROLE[title.lower()])

    def _named_before(self) -> list[tuple[int, Entity]]:
        """A lone surname that opened a sentence before the article showed it to be a person
        ("Obama also addressed Trump's concerns …" before "…,” Obama stated") is that person
        there too: the "he" after it is his. Only as a sentence's subject: "Carrier workers",
        "Carrier's parent" name a company that speaks as a lone word too."""
        passed, self._passed_over = self._passed_over or [], None
        added: list[tuple[int, Entity]] = []
        for position, key, possessive in passed:
            entity = self._by_words.get(key)
            if entity is not None and entity.kind == "person" and position < entity.positions[0]:
                self.mentions.append((position, entity, possessive))
                entity.positions.append(position)
                added.append((position, entity))
        if added:
            self.mentions.sort(key=lambda m: m[0])
            for _, entity in added:
                entity.positions.sort()
        return added

    def _unless_gendered(self, added: list[tuple[int, Entity]]) -> None:
        """Keep the earlier mentions ``_named_before`` added only for a name the article's
        pronouns or titles show to be a man or a woman: "Carrier", "Chinese", "Clintons" speak
        as lone words too, and are nobody's "he"."""
        drop = {(p, id(e)) for p, e in added if e.gender is None}
        if drop:
            self.mentions = [m for m in self.mentions if (m[0], id(m[1])) not in drop]
            for _, entity in added:
                if entity.gender is None:
                    entity.positions = [p for p in entity.positions if (p, id(entity)) not in drop]

    def _named_as_kin(self, position: int) -> bool:
        """A relative named by a given name alone ("his wife, Jane, offered …") is a person."""
        return _KIN_BEFORE.search(self.text, max(0, position - 20), position) is not None

    def _opens(self, tok: Token) -> bool:
        """``tok`` opens its sentence."""
        return self._sentence_starts[self.sentence_of(tok.start)] == tok.start

    def _speaks(self, tok: Token) -> bool:
        """The word after ``tok`` is a reporting verb ("Fowler noted", "Ellis says")."""
        match = _NEXT_WORD.match(self.text, tok.end)
        return match is not None and match.group(1) in CUE_FORMS

    def add(
        self,
        name: list[Token],
        facts: _NameFacts | None = None,
        *,
        title: str | None = None,
        role: str | None = None,
        position: int = 0,
        possessive: bool = False,
        speaks: bool | None = None,
    ) -> Entity | None:
        """The entity ``name`` names, added when new. ``facts``: what its words tell, when the
        scan already knows (it caches them per distinct run); ``speaks`` (a reporting verb
        follows a lone word: "Ellis says") is looked up only when a lone new word needs it."""
        facts = facts or _name_facts(name)
        words = facts.words
        if not words:
            return None
        known = self._by_words.get(words)
        if known is not None:  # the common case: a name seen before in this article
            if role and not known.role:
                known.role = role
            self._note(position, known, possessive)
            return known
        kin = False
        if facts.lone:
            found = self._lookup(words, position, TITLES.get(title.lower()) if title else None)
            if found is None and len(words[0]) >= 5:
                found = self._fuzzy(words, position)
            if found is not None:
                self._note(position, found, possessive)
                return found
            low = words[0]
            if speaks is None:
                speaks = self._speaks(name[-1])
            kin = low in GIVEN_NAMES and self._named_as_kin(name[0].start)
            speaks = speaks or kin
            if (
                low in PRONOUNS
                or low in GROUP_NOUNS  # "Delegates questioned …": people, not a person
                or is_role_word(low)
                or low in DAYS
                or low in _MONTHS
                or (title is None and role is None and not speaks)
                or (not speaks and low.endswith(("ing", "ly", "ed")) and self._opens(name[0]))
            ):
                # a lone capitalised word: not enough to call it a person; "Facing mounting
                # criticism, …", "Hastily, …" open a sentence
                if self._passed_over is not None and not possessive and self._opens(name[0]):
                    self._passed_over.append((position, words, possessive))
                return None
        existing = self._by_words.get(words) or self._lookup(words, position)
        if existing is not None:
            if role and not existing.role:
                existing.role = role
            self._note(position, existing, possessive)
            return existing
        if len(words) == 1 and words[0] in _TIME_ZONES:
            return None  # "7:19 p.m. EST": a clock, not an organisation
        kind = facts.kind
        if kind == "person" and words[-1] in _PARTY_WORDS:
            kind = "organisation"  # "the Kent County Republican headquarters": nobody's name
        if kind == "person" and _in_region(self.text, name[-1].end):
            kind = "place"  # "San Jose, California", "Fort Worth, Texas"
        if kind == "person" and (words[0] in DAYS or words[0] in _MONTHS):
            return None
        if (
            kind == "person"
            and len(words) > 1
            and _DEMONYM.search(words[-1])
            and all(w in PLACES for w in words[:-1])
        ):
            kind = "group"  # "New Yorkers", "South Carolinians": people, not a person
        display = span_text(self.text, name)
        if kind == "organisation" and display.lower().startswith("the "):
            display = display[4:]
        entity = Entity(display, kind, words, role=role)
        if kind == "person":
            entity.gender = _given_gender(entity)
            if entity.gender is None and kin:  # "his wife, Jane,": her given name's gender
                entity.gender = GIVEN_NAMES[words[0]]
            if role:
                entity.gender = entity.gender or _role_gender(role)
                entity.titles.update(w for w in role.lower().split() if is_role_word(w))
        self.entities.append(entity)
        if kind == "person" and len(words) > 1:
            self._by_surname_initial.setdefault(words[-1][:1], []).append(entity)
            self._not_fuzzy.clear()
        self._by_words[words] = entity
        for k in range(1, len(words)):
            self._by_suffix.setdefault(words[k:], []).append(entity)
        if kind == "organisation" and len(words) > 1:
            self._by_acronym.setdefault(entity.acronym, []).append(entity)
        self._note(position, entity, possessive)
        return entity

    def _note(self, position: int, entity: Entity, possessive: bool) -> None:
        self.mentions.append((position, entity, possessive))
        entity.positions.append(position)

    def sentence_of(self, position: int) -> int:
        return bisect.bisect_right(self._sentence_starts, position) - 1

    def sentence_start(self, position: int) -> int:
        return self._sentence_starts[self.sentence_of(position)]

    def _learn_gender(self) -> None:
        """Each he/his/him or she/her votes for the first person named before it in its own
        sentence, else for the first person of the sentence before; a pronoun that opens its
        sentence ("Dexter Wakefield told the Post …. He said …") votes twice, since news
        text opens a sentence with a pronoun only for the person just named. A title or given
        name wins over the votes."""
        first_person: dict[int, tuple[int, Entity]] = {}  # by sentence, (position, person)
        for pos, entity, _ in self.mentions:
            if entity.kind == "person":
                first_person.setdefault(self.sentence_of(pos), (pos, entity))
        if not first_person:
            return
        first_pronoun: dict[int, int] = {}  # sentence → where its first he/she/his/her is
        for match in _GENDER_PRONOUN.finditer(self.text):
            at = match.start()
            si = self.sentence_of(at)
            # names after the sentence's first pronoun are not what later ones refer to ("she
            # still lives among Dirty Dancing posters from her tween years")
            limit = first_pronoun.setdefault(si, at)
            here = first_person.get(si)
            cut = first_pronoun.get(si - 1)
            before = first_person.get(si - 1)
            if before and cut is not None and before[0] >= cut:
                before = None
            if here and here[0] < limit:
                if _is_object(self.text, match):
                    continue  # "President Obama backed her up": her is someone else
                entity, weight = here[1], 1
            elif before:
                opens = not self.text[self._sentence_starts[si] : at].strip(" \"“‘'(")
                entity, weight = before[1], 2 if opens else 1
            else:
                continue
            gender = _pronoun_gender(match.group())
            entity.votes[gender] = entity.votes.get(gender, 0) + weight
        for entity in self.entities:
            if entity.gender is None and entity.votes:
                m, f = entity.votes.get("m", 0), entity.votes.get("f", 0)
                if m != f:
                    entity.gender = "m" if m > f else "f"

    def _chain_pronouns(self) -> None:
        """A "He" or "She" that opens a sentence names the person it resolves to, who then
        leads that sentence ("Trump never mentioned Clinton. He nodded only to his finish
        behind Ted Cruz. “…,” he said": Trump, not Cruz in passing)."""
        for start in self._sentence_starts:
            match = _LEADING_PRONOUN.match(self.text, start)
            if match is None:
                continue
            position = match.start(1)
            resolved = self._resolve_pronoun(match.group(1).lower(), position)
            entity = resolved.entity
            if entity is not None and entity.kind == "person":
                bisect.insort(self.mentions, (position, entity, False), key=lambda m: m[0])
                bisect.insort(entity.positions, position)

    # -- resolving
    def _lookup(
        self, words: tuple[str, ...], position: int, gender: str | None = None
    ) -> Entity | None:
        """The entity a name names; ``gender`` (from "Mr."/"Ms.") picks among people who share
        a surname: "Ms. Khan" is Ghazala, not Khizr, Khan."""
        if not words:
            return None
        if words in self._by_words:
            return self._by_words[words]
        candidates = self._by_suffix.get(words) if words[-1] not in _PARTY_WORDS else None
        if not candidates and len(words) == 1:
            candidates = self._by_acronym.get(words[0].upper())
        if not candidates and len(words) == 1 and gender:
            # "Mr. Lou" for Lou Jiwei: a family name written first
            candidates = [
                e
                for e in self.entities
                if e.kind == "person"
                and len(e.words) == 2
                and e.words[0] == words[0]
                and e.words[0] not in GIVEN_NAMES
            ]
        if not candidates:
            return None
        if gender and len(candidates) > 1:
            fits = [e for e in candidates if e.gender == gender] or [
                e for e in candidates if e.gender is None and _given_gender(e) in (None, gender)
            ]
            candidates = fits or candidates
        return self._nearest(candidates, position)

    def _fuzzy(self, words: tuple[str, ...], position: int) -> Entity | None:
        """A typo of a surname already used ("Lighftoot" for Lightfoot)."""
        if words in self._not_fuzzy:
            return None
        last = words[-1]
        near = [
            e
            # a typo seldom hits the first letter
            for e in self._by_surname_initial.get(last[:1], ())
            if e.words[-1] != last
            and e.words[-1] + "s" != last
            and last + "s" != e.words[-1]
            and _damerau1(e.words[-1], last)
            and (len(words) == 1 or words[0] == e.words[0])
        ]
        if not near:
            self._not_fuzzy.add(words)  # until a new person of two words or more is added
            return None
        return self._nearest(near, position)

    def _nearest(self, candidates: list[Entity], position: int) -> Entity:
        """The candidate named most often up to ``position`` (the article's main figure of
        that name: Hillary, not Bill, Clinton), then the most recent; else the first one."""
        if len(candidates) == 1:
            return candidates[0]
        counts = [(bisect.bisect_right(e.positions, position), e) for e in candidates]
        most = max(count for count, _ in counts)
        tied = [e for count, e in counts if count == most]
        if len(tied) > 1 and len({e.gender for e in tied}) > 1:
            # "Hillary Clinton’s health …, former President Bill Clinton …. Clinton allowed her
            # staff …": named as often, the one the pronoun after the name agrees with
            gender = self._gender_after(position)
            if gender is not None:
                tied = [e for e in tied if e.gender == gender] or tied
        return max(tied, key=lambda e: e.last_before(position))

    def _gender_after(self, position: int) -> str | None:
        """The gender of a his/her/himself/herself that follows the name at ``position`` in
        its clause with no other name between ("Clinton allowed her staff"); an object "her"
        ("Obama backed her") names someone else."""
        name = _WORD.match(self.text, position)
        if name is None:
            return None
        end = name.end()
        limit = min(len(self.text), end + 60)
        for match in _GENDER_PRONOUN.finditer(self.text, end, limit):
            between = self.text[end : match.start()]
            if any(ch.isupper() or ch in ".;:!?\n" for ch in between):
                return None
            word = match.group().lower()
            if word in ("he", "she", "him") or _is_object(self.text, match):
                return None  # "Clinton said he …": a clause about someone else
            return _pronoun_gender(word)
        return None

    def resolve(self, mention: Mention, position: int | None = None) -> Resolved:
        pos = mention.start if position is None else position
        if mention.kind == "pronoun":
            return self._resolve_pronoun(mention.text.lower(), pos)
        if mention.kind == "group":
            text = mention.text
            for det in ("the ", "The ", "some ", "Some ", "many ", "Many "):
                if text.startswith(det) and not text.startswith("of ", len(det)):
                    text = text[len(det) :]  # not "Some of Clinton's allies"
            if text.lower() in ("sources", "source", "officials", "people", "others", "some"):
                return Resolved(None, "group")
            if _BARE_SHARE.fullmatch(mention.text.strip()):
                return Resolved(None, "group")  # "Some 22 percent said …"
            return Resolved(text, "group")
        if mention.kind == "source":
            return self._document_source(mention, pos)  # "according to a report by Politico"
        if mention.kind == "nominal":
            res = self._resolve_nominal(mention, pos)
            described = _INDEFINITE.match(mention.text) or _OWNED.search(mention.text)
            if res.name is None and described and not _INDEFINITE_LOWER.match(mention.text):
                # "said a senior Cruz adviser", "A New York judge has rejected …": an unnamed
                # source the article describes; the description is all a reader is told, and
                # like "union members" it is kept as written, as a group-kind speaker
                return Resolved(mention.text, "group")
            return res
        words = tuple(
            w.lower().rstrip(".") for w in mention.text.split() if w.lower() not in SUFFIXES
        )
        words = tuple(w[:-2] if w.endswith(("’s", "'s")) else w for w in words)
        gender = TITLES.get(mention.title.lower()) if mention.title else None
        entity = self._lookup(words, pos, gender)
        if entity is None and len(words) >= 1 and len(words[-1]) >= 5:
            entity = self._fuzzy(words, pos)
        if len(words) >= 2 and _in_title_case_line(
            self.text, mention.start, self._title_case, shortest=3
        ):
            entity = self._headline_name(words, mention.start, pos, gender) or entity
        if entity is None and len(words) >= 3:
            # "the editorial board of the Washington Post Trump said": an outlet's name run
            # into the speaker's; the person the article names after the outlet's head word
            for k in range(1, len(words) - 1):
                if words[k] in ORG_WORDS:
                    tail = self._lookup(words[k + 1 :], pos, gender)
                    parts = mention.text.split()
                    if tail is not None and tail.kind == "person" and len(parts) == len(words):
                        tail.speaker = True
                        written = " ".join(parts[k + 1 :])
                        return Resolved(tail.name, tail.kind, tail, written)
        if entity is not None:
            entity.speaker = True
            return Resolved(entity.name, entity.kind, entity)
        if len(words) == 1 and not mention.title and self._not_a_name(mention):
            return Resolved(None, None)
        kind = (
            "organisation"
            if is_acronym(mention.text) or any(w in ORG_WORDS for w in words)
            else "person"
        )
        if kind == "person" and mention.kind == "name":
            adopted = self._adopt(mention)
            if adopted is not None:
                return Resolved(adopted.name, adopted.kind, adopted)
        return Resolved(mention.text, kind)

    def _adopt(self, mention: Mention) -> Entity | None:
        """A lone name the scan passed over but a statement is attributed to ("Cruz openly
        admitted …", "Carson, asked …, said"): the person it names, so that the "he" of the
        next quotation finds the speaker just named rather than someone named paragraphs
        before. Only one capitalised word that the article's text holds as written, and only
        with a his or her after it in its own sentence to tell its gender ("Cruz openly
        admitted that his pick …"): a lone capitalised word is as often no one ("Audiences",
        "Beyond", an outlet), and one of unknown gender would outrank the person a later
        pronoun means."""
        text = mention.text
        start = self.text.find(text, mention.start)
        if " " in text or not text[:1].isupper() or start < 0 or start > mention.end:
            return None
        si = self.sentence_of(start)
        end = (self._sentence_starts[si + 1] if si + 1 < len(self._sentence_starts)
               else len(self.text))
        pronoun = _GENDER_PRONOUN.search(self.text, start + len(text), end)
        if (
            pronoun is None
            or pronoun.group().lower() not in ("his", "her")
            or _is_object(self.text, pronoun)
        ):
            return None  # "ProPublica … said she steered …": a subject pronoun is often
            # the one the statement is about
        if any(start < p < pronoun.start() and e.kind == "person"
               for p, e, _ in self._mentions_from(si)):
            return None  # another person between: the pronoun may be theirs
        entity = self.add([make_token(start, start + len(text), text)], position=start,
                          speaks=True)
        if entity is None or entity.kind != "person":
            return None
        if entity.gender is None:
            entity.gender = _pronoun_gender(pronoun.group())
        self.mentions.sort(key=lambda m: m[0])
        entity.positions.sort()
        return entity

    def _headline_name(
        self, words: tuple[str, ...], start: int, pos: int, gender: str | None
    ) -> Entity | None:
        """In a title-case headline a name run can take the verb and object after it
        ("Clinton Wades In", "Marine Le Pen Backs Trump", "Elizabeth Warren Hammers Wells
        Fargo CEO"): when the run itself is named nowhere below the headline, the longest
        opening part of it that the article names below and that a verb in -s follows is the
        speaker."""
        line_end = self.text.find("\n", start)
        if line_end < 0:
            return None

        def named_below(entity: Entity | None) -> bool:
            return entity is not None and entity.positions[-1:] > [line_end]

        if named_below(self._lookup(words, pos, gender)):
            return None
        for k in range(len(words) - 1, 0, -1):
            verb = words[k]
            if not verb.endswith("s") or verb.endswith("ss") or verb in ORG_WORDS:
                continue  # a headline's verb: "Wades", "Backs", "Says"; not "Super PAC Chief"
            entity = self._lookup(words[:k], pos, gender)
            if named_below(entity):
                return entity
        return None

    def _document_source(self, mention: Mention, pos: int) -> Resolved:
        """Who speaks through the source after "according to": the author of a document
        ("a new report by Politico", "a tally by the Associated Press", "polling by the
        A.F.L.-C.I.O."), its owner ("her account", "Axelrod's memoir"), the organisation a
        description qualifies ("the nonpartisan Congressional Budget Office"); a source
        named by its words only ("a new Washington Post-ABC News national poll") is kept as
        written, like an unnamed source the article describes; "the poll" names nobody."""
        text = mention.text
        maker = _DOCUMENT_MAKER.match(text)
        if maker is not None:
            return self._resolve_named(maker.group(1), mention.start + maker.start(1), pos)
        by = _DOCUMENT_BY.search(text)
        if by is not None:
            return self._resolve_named(by.group(1), mention.start + by.start(1), pos)
        owner = _DOCUMENT_OWNER.match(text)
        if owner is not None:
            if owner.group(1):
                subject = _POSSESSIVE_SUBJECT[owner.group(1).lower()]
                return self._resolve_pronoun(subject, pos)
            return self._resolve_named(owner.group(2), mention.start, pos)
        named = _DESCRIBED_ORG.match(text)
        if named is not None:
            return self._resolve_named(named.group(1), mention.start + named.start(1), pos)
        if any(w[:1].isupper() for w in text.split()[1:]):
            return Resolved(text, "group")
        return Resolved(None, None)

    def _resolve_named(self, name: str, start: int, pos: int) -> Resolved:
        """A name found inside a longer phrase, resolved like a speaker's name."""
        res = self.resolve(Mention(start, start + len(name), name, "name", written=name), pos)
        return res if res.name else Resolved(name, "organisation")

    def _not_a_name(self, mention: Mention) -> bool:
        """One capitalised word the scan did not take for anybody, a participle or an adverb:
        "Adding, …", "Hastily politicizing …", "Once in my early 20s, …", "Chastened, …"."""
        low = mention.text.lower()
        if is_acronym(mention.text) or low in GIVEN_NAMES:
            return False
        return (
            low in CUE_FORMS
            or low in _OPENERS
            or low.endswith(("ing", "ly"))
            or len(low) > 5
            and low.endswith("ed")  # "Chastened by the analyses, …"
        )

    def note_speaker(self, position: int, entity: Entity) -> None:
        """Record that ``entity`` speaks at ``position`` (a name, or "the mayor" resolved): a
        speaker is the likeliest antecedent of a later "he" or "she"."""
        self._speaker_at.add((position, id(entity)))
        if position not in entity.positions:
            bisect.insort(self.mentions, (position, entity, False), key=lambda m: m[0])
            bisect.insort(entity.positions, position)

    def _mentions_from(self, sentence: int) -> list[tuple[int, Entity, bool]]:
        """The name occurrences from sentence number ``sentence`` on (all for one before the
        first): a pronoun looks back a few sentences, not through the whole article."""
        if sentence < 0:
            return self.mentions
        start = self._sentence_starts[sentence]
        return self.mentions[bisect.bisect_left(self.mentions, start, key=lambda m: m[0]) :]

    def _salience(self, position: int, entity: Entity) -> int:
        """0: named as a speaker; 1: at the head of its sentence (its subject, as a rule);
        2: a name in passing."""
        if (position, id(entity)) in self._speaker_at:  # not "Trump" in "Trump aide X said"
            return 0
        if (position, id(entity)) in self._introduced:
            return 0
        if self._in_role(position):
            return 2  # "McConnell spokesman Don Stewart": Stewart leads, not McConnell
        start = self._sentence_starts[self.sentence_of(position)]
        if position - start <= 30:
            return 1
        # "The day before, at a rally in Beaumont, Tex., Mr. Trump was just as blunt": the
        # first person of a sentence is its subject, as a rule, after an opening phrase too
        k = bisect.bisect_left(self.mentions, start, key=lambda m: m[0])
        for p, other, possessive in self.mentions[k:]:
            if p > position:
                break
            if other.kind == "person" and not possessive and not self._in_role(p):
                return 1 if other is entity and p == position else 2
        return 2

    def _in_role(self, position: int) -> bool:
        """The name at ``position`` qualifies a role before another name ("McConnell
        spokesman Don Stewart", "Trump campaign manager Corey Lewandowski"). Read once per
        name: every pronoun after it asks again."""
        in_role = self._in_role_at.get(position)
        if in_role is None:
            match = _NAME_IN_ROLE.match(self.text, position)
            in_role = match is not None and match.group(1).lower() in ROLE_NOUNS
            self._in_role_at[position] = in_role
        return in_role

    def _resolve_pronoun(self, pronoun: str, pos: int, gender: str | None = None) -> Resolved:
        """The nearest compatible antecedent, sentence by sentence backwards, preferring a
        speaker or a sentence subject over a name in passing ("Crutcher's death") when one
        stands at most one sentence further back. ``gender="any"`` (a described role): any
        person who spoke or led a sentence within three sentences."""
        if gender == "any":
            return self._resolve_described(pronoun, pos)
        gender = PRONOUNS.get(pronoun)
        here = self.sentence_of(pos)
        by_sentence: dict[int, list[tuple[int, bool, int, Entity]]] = {}
        for p, entity, possessive in self._mentions_from(here - 6):
            if p >= pos:
                break
            si = self.sentence_of(p)
            salience = self._salience(p, entity)
            by_sentence.setdefault(si, []).append((salience, possessive, p, entity))
        if gender in ("m", "f") and ranker.CANDIDATE_LOG is not None:
            ranker.CANDIDATE_LOG.append(
                {"pos": pos, "candidates": ranker.candidates(by_sentence, here, gender)}
            )
        if gender in ("m", "f"):
            fallback: Entity | None = None
            fallback_si = -1
            unknown: Entity | None = None
            for si in range(here, here - 7, -1):
                if fallback is not None and (
                    fallback_si - si > 1
                    or fallback_si < here
                    and "\n" in self.text[self._sentence_starts[si] : self._sentence_starts[here]]
                ):
                    # a speaker one sentence further back, but not across a paragraph break
                    # from the sentence before: "… Mr. Podesta said.¶ But Mrs. Clinton will
                    # face the fire Mr. Obama has. He noted …" is Obama
                    break
                for salience, _possessive, _p, entity in sorted(by_sentence.get(si, ()), key=_rank):
                    if entity.kind != "person":
                        continue
                    if entity.gender == gender:
                        if salience < 2:
                            return Resolved(entity.name, "person", entity)
                        if fallback is None:
                            fallback, fallback_si = entity, si
                    elif entity.gender is None:
                        other = "f" if gender == "m" else "m"
                        if (
                            salience == 0
                            and here - si <= 2
                            and fallback is None
                            and not entity.votes.get(other)
                        ):
                            # "…, said Katie Harbath, …. “…,” she said", "Naureen Jahangir,
                            # a Sanders supporter, is …. “…,” she said": the person just
                            # introduced, whose gender the article never showed
                            return Resolved(entity.name, "person", entity)
                        if unknown is None and (entity.speaker or salience < 2):
                            unknown = entity  # "Fiorina was upfront …. “…,” she said"
            chosen = fallback or unknown
            if chosen is not None:
                return Resolved(chosen.name, "person", chosen)
            return Resolved(None, "person")
        if gender in ("p", "n"):
            for si in range(here, here - 4, -1):
                for _passing, _possessive, _p, entity in sorted(by_sentence.get(si, ()), key=_rank):
                    if entity.kind == "organisation":
                        return Resolved(entity.name, "organisation", entity)
            return Resolved(None, "group")
        return Resolved(None, None)

    def _latest_organisation(self, pos: int) -> Entity | None:
        """The organisation named last within three sentences before ``pos``."""
        here = self.sentence_of(pos)
        k = bisect.bisect_left(self.mentions, pos, key=lambda m: m[0])
        for p, entity, _possessive in reversed(self.mentions[:k]):
            if here - self.sentence_of(p) > 3:
                break
            if entity.kind == "organisation":
                return entity
        return None

    def _latest_outlet(self, pos: int) -> Entity | None:
        """The newspaper named last before ``pos`` ("the Wall Street Journal", "The
        Times")."""
        k = bisect.bisect_left(self.mentions, pos, key=lambda m: m[0])
        for _p, entity, _possessive in reversed(self.mentions[:k]):
            if entity.kind == "organisation" and entity.words[-1] in _NEWSPAPER_WORDS:
                return entity
        return None

    def _resolve_described(self, gender: str, pos: int) -> Resolved:
        """A described role ("the Vermont senator") is the person who spoke or led a sentence
        within three sentences before."""
        here = self.sentence_of(pos)
        best: tuple[int, int, Entity] | None = None
        for p, entity, possessive in self._mentions_from(here - 3):
            if p >= pos:
                break
            si = self.sentence_of(p)
            if (
                si == here
                or entity.kind != "person"
                or possessive
                or gender in ("m", "f")
                and entity.gender not in (None, gender)
            ):
                continue
            salience = self._salience(p, entity)
            # the latest speaker, else the latest sentence's first person (the subject)
            if salience < 2 and (best is None or (-salience, si) > (-best[1], best[0])):
                best = (si, salience, entity)
        if best is None:
            return Resolved(None, "person")
        return Resolved(best[2].name, "person", best[2])

    def _resolve_nominal(self, mention: Mention, pos: int) -> Resolved:
        words = [w.lower().strip(".,") for w in mention.text.split()]
        words = [w for w in words if w not in ("the", "a", "an")]
        if not words:
            return Resolved(None, None)
        head = words[-1]
        # "Huckabee’s campaign", "Sanders’ campaign" are their owner's
        lead = next(w for w in mention.text.split() if w.lower() not in ("the", "a", "an"))
        owner = possessive_owner(lead.strip(".,"))
        owner = owner.lower() if owner else None
        if head in ORG_WORDS and _INDEFINITE_LOWER.match(mention.text):
            return Resolved(None, None)  # "a press call", "a post from …": no outlet's name
        if words[-2:] == ["editorial", "board"] and owner is None:
            # "the editorial board writes": the newspaper's, the last one the article named
            outlet = self._latest_outlet(pos)
            if outlet is not None:
                return Resolved(outlet.name, "organisation", outlet)
        if head in ORG_WORDS:
            owned = owner is not None
            cands = [
                e
                for e in self.entities
                if e.kind == "organisation" and e.words[-1] == head and not owned
            ]
            cands = cands or [
                e
                for e in self.entities
                if e.kind == "organisation" and head in e.words and not owned
            ]
            if cands:
                entity = self._nearest(cands, pos)
                return Resolved(entity.name, "organisation", entity)
            if head in _GENERIC_ORGS and len(words) == 1:
                latest = self._latest_organisation(pos)
                if latest is not None:  # "Black Lives Matter issued …. “…,” the group said"
                    return Resolved(latest.name, "organisation", latest)
            named = re.sub(r"^(?:the|a|an)\s+", "", mention.text, flags=re.IGNORECASE)
            if named[:1].isupper():
                return Resolved(named, "organisation")  # "the Trump campaign", "the Cruz team"
            return Resolved(None, "organisation")
        if (mention.text.lower().startswith("the ") or owner) and (
            is_role_word(head) or head in PARTY_MEMBERS
        ):
            cands = [e for e in self.entities if e.kind == "person" and head in e.titles]
            modifiers = [
                w
                for w in words[1 if owner else 0 : -1]
                if w[:1].isalpha() and w not in FUNCTION_CAPS
            ]
            if modifiers:  # "the Indiana governor": a governor whose role says Indiana
                cands = [e for e in cands if all(w in (e.role or "").lower() for w in modifiers)]
            if cands:
                entity = self._nearest(cands, pos)
                return Resolved(entity.name, "person", entity)
            if not owner and (len(words) > 1 or not any(head in e.titles for e in self.entities)):
                # "the Vermont senator", "the New York businessman": news text names a person
                # and then refers back by a described role; like a pronoun, it is the person
                # who spoke or led a sentence just before. Not "Pagliano's lawyer": a role
                # owned by someone is seldom the person just named.
                return self._resolve_described(_role_gender(head) or "?", pos)
        return Resolved(None, "person")


def _is_object(text: str, match: re.Match[str]) -> bool:
    """The pronoun is a verb's object ("him", "backed her up"), which names someone other
    than the sentence's subject; a possessive "her" ("her campaign") is no object."""
    word = match.group().lower()
    if word == "him":
        return True
    if word != "her":
        return False
    after = _FOLLOWING_WORD.match(text, match.end())
    return after is None or after.group(1).lower() in _AFTER_OBJECT


_FOLLOWING_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
_WORD = re.compile(r"[\w’'-]+")
_AFTER_OBJECT = words(
    """up out off down back in on at to for from with by about as that and or but if when
    a an the this his her their its what how why who whether because so than"""
)
_LEADING_PRONOUN = re.compile(r"[\"“‘'( ]*(He|She)\b")
# "his wife, Jane, offered …": a relative named by a given name alone is a person
_KIN_BEFORE = re.compile(r"\b(?:wife|husband|son|daughter|brother|sister|mother|father),\s*$")
_TIME_ZONES = words("est edt cst cdt mst mdt pst pdt et ct pt gmt utc bst cet")
# plural demonyms and members: "New Yorkers", "Texans", "Democrats", "Trumpists"
_DEMONYM = re.compile(r"(?:ers|ans|ites|ists|ians|ese)$")
# the short words a title-case headline leaves in lower case
_HEADLINE_LOWER = words("a an and as at but by for from in into of on or the to vs with")


def _in_title_case_line(text: str, pos: int, seen: dict[int, int], shortest: int = 4) -> bool:
    """The line holding ``pos`` capitalises its words (a headline) and has at least
    ``shortest`` words (a masked quotation takes its words away)."""
    start = text.rfind("\n", 0, pos) + 1
    if start not in seen:
        end = text.find("\n", pos)
        words = [w for w in text[start : end if end >= 0 else len(text)].split() if w[:1].isalpha()]
        title = all(w[:1].isupper() or w in _HEADLINE_LOWER for w in words)
        seen[start] = len(words) if title else 0
    return seen[start] >= shortest


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for para in paragraphs(text):
        for sent in sentences(text, para.start, para.end):
            starts.append(sent.start)
    return sorted(set(starts))


_REGION_AFTER = re.compile(
    r",[ \t]+([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?\.?)(?=[\s,;]|$)(?![ \t]+[A-Z])"
)


def _in_region(text: str, end: int) -> bool:
    """The name is followed by ", California" or ", Calif." (a state or country): a town."""
    match = _REGION_AFTER.match(text, end)
    if match is None:
        return False
    after = _NEXT_WORD.match(text, match.end())
    if after is not None and is_role_word(after.group(1)):
        return False  # "Chris Covert, South Carolina director for Sanders": a role
    region = match.group(1).lower()
    return region in STATE_ABBREVIATIONS or all(w in PLACES for w in region.split())


def _given_gender(entity: Entity) -> str | None:
    return GIVEN_NAMES.get(entity.words[0]) if len(entity.words) > 1 else None


def _role_gender(role: str) -> str | None:
    low = role.lower()
    if re.search(r"\b(?:\w+woman|mrs\.|ms\.)\b", low):
        return "f"
    if re.search(r"\b(?:\w+man|mr\.)\b", low):
        return "m"
    return None


_MONTHS = words(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec"""
)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_NEXT_WORD = re.compile(r"\s+(?:also\s+|has\s+|had\s+)?([a-z]+)")
_DATE_WORDS = DAYS | _MONTHS
# he, his, him, himself, she, her, herself as whole words. The pattern opens with its first
# letter and tests the word start after it, so the regex engine jumps from one H or S to the
# next instead of trying the test at every character of the article (four times faster).
_GENDER_PRONOUN = re.compile(
    r"[HhSs](?<!\w[HhSs])(?:(?<=[Hh])(?:e|is|im|imself|er|erself)|(?<=[Ss])he)\b"
)
_MALE_PRONOUNS = frozenset({"he", "his", "him", "himself"})


def _pronoun_gender(pronoun: str) -> str:
    """"m" or "f" for a pronoun :data:`_GENDER_PRONOUN` matched."""
    return "m" if pronoun.lower() in _MALE_PRONOUNS else "f"


# Nouns that refer back to any organisation ("the group said"), not to one of that name
_GENERIC_ORGS = words("group organization organisation company firm agency")
_NEWSPAPER_WORDS = words(
    """journal times post news tribune herald globe gazette register review dispatch inquirer
    sun star chronicle observer examiner bee courant constitution telegraph guardian"""
)
# a transitive verb's object stands right after it: "to kill Trayvon Martin, an …"
_OBJECT_BEFORE = re.compile(r"\b(?:to|[a-z]+ed|kill|hit|shot|met|beat|sued|named)\s+$")
_NAME_IN_ROLE = re.compile(
    r"[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*)*(?:[ \t]+[a-z-]+){0,2}?[ \t]+([a-z-]+)[ \t]+[A-Z][a-z]"
)
_PARTY_WORDS = words("republican republicans democrat democrats democratic libertarian independent")
_INDEFINITE = re.compile(r"(?:a|an|one|another)\s+\S", re.IGNORECASE)
_OWNED = re.compile(r"^\S.*[’']s\s+\S")  # "Pagliano's lawyer", "Gary Johnson’s doctor"


def _rank(candidate: tuple[int, bool, int, Entity]) -> tuple[int, bool, int]:
    return candidate[:3]
