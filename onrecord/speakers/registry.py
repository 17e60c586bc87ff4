"""Build the archive-wide speaker registry from per-article quote records.

The attribution stage names each quote's speaker the way one article does ("Lori Lightfoot",
already resolving "the mayor" and "she" inside that article). Here those in-article names
become one identity across the archive. The steps, in order (rules in ``docs/speakers.md``):

1. curation ``[[reassign]]`` fixes single quotes; ``[[split]]`` takes aliases out;
2. inside one article, a bare surname (or a one-letter slip of it) joins the only full name
   with that surname the same article quotes, or, when it quotes none, writes (the names the
   per-article stage passed in ``Quote.name_candidates``); a short organisation name joins
   the one organisation the article names in full ("The Post");
3. across articles, names group by their folded form without titles ("Mayor Lori Lightfoot" is
   "Lori Lightfoot"); a less specific name ("Lightfoot", "L. Lightfoot") joins the only more
   specific one that fits, if role and dates do not speak against it; an acronym joins the only
   organisation it abbreviates; a definite description ("the Vermont senator") joins the one
   person of its article the archive gives that role;
4. curation ``[[merge]]``, ``[[rename]]``, ``[[hide]]``, ``[[role]]`` apply;
5. what is left and looks alike becomes a :class:`Suggestion`, never a silent merge.

:func:`build_registry` is a pure function: it copies the quotes it returns.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..attribution.mentions import FUNCTION_CAPS
from ..records import Quote
from .article_names import plausible_given
from .curation import Curation, Reassign
from .gender import (
    consensus,
    given_name_gender,
    group_gender,
    is_given_name,
    written_gender,
)
from .model import Registry, RoleSpan, Speaker, Suggestion
from .names import (
    _NAMED_BODY,
    GENERATIONS,
    NON_NAMES,
    PARTICLES,
    PersonName,
    acronym,
    deletion_variants,
    edit_distance,
    fold,
    given_compatible,
    is_acronym,
    less_specific,
    looks_like_name,
    name_key,
    parse_person,
    slugify,
    strip_titles,
    tokens,
    wordset,
)
from .roles import (
    OFFICE,
    days_apart,
    normalise_role,
    role_words,
    roles_compatible,
    shared_words,
)
from .statements import MIN_WORDS, assign_statements, normalise

MAX_GAP_DAYS = 730  # "close in time" for joining a bare surname to a full name
UNRESOLVED = "\x00unresolved"  # key of mentions left without a speaker
MAX_ROLES = 8  # roles on a speaker's card: the most seen, shown in date order
MAX_NAME_CHARS = 40  # longer speaker strings are descriptions, not names to spell-check
_ORG_WORDS = wordset("""
    union department board inc company corp corporation association council committee party
    university college school schools district office agency ministry commission court
    government administration police institute foundation group campaign coalition network
    news times post press bank fund league federation organization organisation authority
    service services center centre society church hospital
    house senate congress pentagon kremlin parliament
    """)
_BODIES = wordset("house senate congress pentagon kremlin parliament")


@dataclass
class _Mention:
    index: int
    name: str  # in-article canonical name (after reassign/split)
    written: str  # what the article wrote, for alias counts
    kind: str
    key: str
    role: str | None
    role_words: frozenset[str]
    article: str
    date: str | None
    own: str = ""  # the in-article name before any archive-wide join, for the canonical name
    pinned: bool = False
    gender: str | None = None  # what the writing says: "Mr. Trump", "she"
    # the full names the article writes that a short name may be (Quote.name_candidates);
    # for a bare surname left ambiguous in its article, the people the archive may choose from
    candidates: tuple[str, ...] = ()
    article_people: tuple[PersonName, ...] = ()


@dataclass
class _Node:
    """All mentions that share one key: the unit clusters are made of."""

    key: str
    kind: str
    given: tuple[str, ...]
    surname: str
    mentions: list[_Mention] = field(default_factory=list)

    @property
    def role_words(self) -> frozenset[str]:
        return frozenset().union(*(m.role_words for m in self.mentions))

    @property
    def dates(self) -> tuple[str | None, str | None]:
        days = sorted(m.date for m in self.mentions if m.date)
        return (days[0], days[-1]) if days else (None, None)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_GROUP_ENDINGS = ("icans", "ians", "ists", "ocrats")
_PARTIES = wordset("democrat democrats republican republicans independents conservatives liberals")


# Who a phrase like "supporters of Donald Trump" or "aides to Clinton" is about is not who
# speaks: the named person is the object of the relation, never the speaker.
_RELATION_NOUNS = wordset("""
    supporters supporter aides aide advisers adviser advisors advisor allies ally friends friend
    strategists strategist associates associate members staff staffers spokesman spokeswoman
    spokesperson representatives lawyers lawyer attorneys attorney family
    relatives backers critics opponents officials sources people campaign son daughter wife
    husband brother sister mother father surrogates surrogate fans voters team camp
    operative operatives insider insiders
    """)
_QUANTIFIERS = wordset("a an the some many several two three one most all other few")
_QUALIFIERS = wordset("senior top former longtime close campaign press chief national")
_CONNECTORS = wordset("of to for with close around behind near from inside within at in")


@lru_cache(maxsize=65536)
def names_someone_else(name: str) -> bool:
    """A group or body named after a person: "Supporters of Donald Trump", "aides to Clinton",
    "Trump's campaign", "people close to Sanders". Never that person."""
    # Only the head of the phrase counts: "Mr. Barrett, the lawyer for West Virginia's
    # environmental protection agency" is Mr. Barrett.
    words = name.split(",", 1)[0].split()
    if relation_to(name):
        return True
    if _named_after_role(tuple(words)):
        return False  # "Kasich's chief strategist John Weaver" is John Weaver
    if any(re.fullmatch(r"\w.*['’]s|\w.*s['’]", w) for w in words[:-1]):
        return True  # "Donald Trump's campaign", "Sanders' aides"
    return relation_to(name)


_JOINERS = _CONNECTORS | _QUANTIFIERS | wordset("and or & both nor")


def _named_after_role(words: tuple[str, ...]) -> bool:
    """A role written before a person's name: "Kasich's chief strategist John Weaver", "a
    top strategist John Weaver" (lower-case role words, then a known given name and
    capitalised words to the end)."""
    while words and fold(words[0]) in _QUANTIFIERS:
        words = words[1:]
    last = max((i for i, w in enumerate(words) if w[:1].islower()), default=-1)
    rest = words[last + 1:]
    return (
        last >= 0 and not any(fold(w) in _JOINERS for w in words[:last + 1])
        and 2 <= len(rest) <= 4 and is_given_name(fold(rest[0]))
        and all(w[:1].isupper() for w in rest)
    )


@lru_cache(maxsize=65536)
def relation_to(name: str) -> bool:
    """"Supporters of Donald Trump", "aides to Clinton", "Team Clinton": people related to the
    person named, who is not among them."""
    # Only the head of the phrase counts: "Brian Fallon, a spokesman for the Clinton campaign"
    # is Brian Fallon.
    words = name.split(",", 1)[0].split()
    while words and fold(words[0]) in _QUANTIFIERS:
        words = words[1:]
    if len(words) >= 2 and fold(words[0]) in {"team", "camp", "friends"}:
        return True  # "Team Clinton"
    for i, word in enumerate(words[1:], 1):
        if fold(word) in _CONNECTORS and word[:1].islower():
            head = [fold(w).strip(".,") for w in words[:i]]
            return bool(head) and all(h in _RELATION_NOUNS or h in _QUALIFIERS for h in head)
    return False


@lru_cache(maxsize=65536)
def guess_kind(name: str) -> str:
    """Person, organisation or group for a speaker the attribution stage gave no kind.

    "Chicago Teachers Union", "CTU", "Trump's campaign" -> organisation; "Republicans",
    "Clinton advisers", "67 percent" -> group; a capitalised name -> person.
    """
    words = tokens(name)
    folded = [fold(w) for w in words]
    if not words or any(c.isdigit() for c in name):
        return "group"
    last = words[-1]
    if not last[:1].isupper() and fold(last) not in PARTICLES:
        return "group"  # "Clinton advisers", "people close to Clinton"
    bare = tokens(strip_titles(name))
    if (
        len(words) > len(bare) >= 2 and is_given_name(fold(bare[0]))
        and bare[-1][:1].isupper() and not any(fold(w) in _ORG_WORDS for w in bare)
    ):
        # "Manhattan Supreme Court Justice Frank Nervo", "Fox News host Sean Hannity": an
        # office or employer before a person's given name and surname.
        return "person"
    org_words = _ORG_WORDS - _BODIES if _given_before_body(words) else _ORG_WORDS
    if (
        _named_after_role(tuple(name.split(",", 1)[0].split())) and not relation_to(name)
        and not any(w in org_words for w in folded[-2:])
    ):
        return "person"  # "Kasich's chief strategist John Weaver"
    if is_acronym(name) or any(w in org_words for w in folded) or re.search(r"['’]s\b", name):
        return "organisation"
    if (len(words) == 1 and folded[0].endswith(_GROUP_ENDINGS)) or folded[-1] in _PARTIES:
        return "group"  # "Republicans", "Iranians", "Iowa Democrat"
    if looks_like_name(name):
        return "person"
    return "group"


def _given_before_body(words: list[str]) -> bool:
    """"Greg House" is a person, "White House" a body: a given name before "House"."""
    return fold(words[-1]) in _BODIES and any(
        w[:1].isupper() and is_given_name(fold(w)) for w in words[:-1]
    )


@lru_cache(maxsize=65536)
def _kind(name: str, given: str | None) -> str:
    """Attribution's kind, unless the name itself says group ("Democrats", "Clinton aides")."""
    guessed = guess_kind(name)
    head = name.split(",", 1)[0].strip()
    if (
        head != name.strip() and given in {None, "person"} and guess_kind(head) == "person"
        and not names_someone_else(name)
    ):
        # "Kevin Barrett, a lawyer at Bailey & Glasser, who represents ...": a person with a
        # description after the name, not a group named by the whole phrase.
        return "person"
    if names_someone_else(name):
        return "group" if guessed != "organisation" else guessed
    if given not in {"person", "organisation", "group"}:
        return guessed
    if given == "person" and guessed == "group":
        return "group"
    words = name.split()
    if (
        given == "person" and guessed == "organisation" and fold(words[-1]) in _BODIES
        and not _given_before_body(words)
    ):
        return "organisation"  # "the White House", "the Senate": an institution, not a Mr. House
    return given


def _quote_date(quote: Quote) -> str | None:
    value = quote.date or quote.published
    return str(value)[:10] if value else None


def build_registry(
    quotes: Iterable[Quote],
    curation: Curation | None = None,
    *,
    max_gap_days: int = MAX_GAP_DAYS,
) -> tuple[Registry, list[Quote]]:
    """Give every quote an archive-wide ``speaker`` and ``speaker_id``; return the registry.

    Args:
        quotes: per-article records from attribution, in any order.
        curation: the parsed ``archive/speakers.toml`` (see :func:`load_curation`), or None.
        max_gap_days: how far apart in time a bare surname and a full name may be and still
            be joined without a human.

    Returns:
        The registry and copies of the quotes with ``speaker``, ``speaker_id`` (and, where the
        curation file adds a dated role, ``role``) filled in, and the statement fields
        (``statement_id``, ``also_in``, ``canonical``) set by cross-article dedup.
    """
    curation = curation or Curation()
    records = [q.replaced(topics=list(q.topics), also_in=[]) for q in quotes]
    registry = Registry()
    warnings = registry.warnings

    _apply_reassigns(records, curation, warnings)
    mentions = _mentions(records)
    distinct_keys = _distinct_pairs(curation)
    _apply_splits(mentions, curation, distinct_keys, warnings)
    _headline_names(mentions)
    _resolve_in_article(mentions, distinct_keys)
    _resolve_short_organisations(mentions, distinct_keys)
    unresolved = _resolve_across_archive(
        mentions, distinct_keys, max_gap_days, [q.context for q in records]
    )

    _resolve_descriptions(mentions, [q.context for q in records])
    _acronyms_in_article(mentions)
    nodes = _nodes(mentions)
    union = _Union()
    for key in nodes:
        union.find(key)
    _join_acronyms(nodes, union, distinct_keys)
    lookup = _name_lookup(nodes)
    forced_names = _apply_merges(curation, lookup, union, warnings)
    _add_names(lookup, forced_names)

    clusters: dict[str, list[_Node]] = defaultdict(list)
    for key, node in nodes.items():
        clusters[union.find(key)].append(node)

    renames = {}
    for entry in curation.renames:
        roots = _resolve(entry.speaker, lookup, union)
        if not roots:
            warnings.append(f"line {entry.line}: [[rename]] {entry.speaker!r} matches no speaker")
        for root in roots:
            renames[root] = entry.name
    _add_names(lookup, renames)
    hidden_roots = set()
    for entry in curation.hides:
        roots = _resolve(entry.speaker, lookup, union)
        if not roots:
            warnings.append(f"line {entry.line}: [[hide]] {entry.speaker!r} matches no speaker")
        hidden_roots |= roots

    ordered = sorted(clusters.items(), key=lambda item: _cluster_order(item[1], records))
    ids: dict[str, str] = {}
    taken: set[str] = set()
    written: dict[str, str] = {}  # speaker id -> the name its records carry, when it differs
    for root, members in ordered:
        name = renames.get(root) or forced_names.get(root) or _best_name(members)
        if (
            root.startswith((_GIVEN_ONLY, _GROUP_HERE)) and root not in renames
            and root not in forced_names
        ):
            plain, name = name, _in_article(name, records[members[0].mentions[0].index])
        else:
            plain = name
        if root in hidden_roots:
            registry.hidden.append(name)
            continue
        slug = base = slugify(name)
        number = 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        ids[root] = slug
        if plain != name:
            written[slug] = plain
        registry.speakers[slug] = _speaker(slug, name, members, records)

    for mention in mentions:
        quote = records[mention.index]
        root = union.find(mention.key)
        if root in ids and mention.key != UNRESOLVED:
            speaker = registry.speakers[ids[root]]
            quote.speaker = written.get(speaker.id, speaker.name)
            quote.speaker_id = speaker.id
        else:
            quote.speaker = quote.speaker_id = None

    _apply_roles(curation, registry, records, lookup, union, ids, warnings)
    assign_statements(records)
    for speaker_ in registry.speakers.values():
        speaker_.statements = 0
    for quote in records:
        if quote.speaker_id and quote.canonical:
            registry.speakers[quote.speaker_id].statements += 1
    registry.suggestions = _suggestions(
        nodes, union, ids, registry, unresolved, distinct_keys, max_gap_days
    )
    return registry, records


# ---------------------------------------------------------------------------------------------
# Steps


def _apply_reassigns(records: list[Quote], curation: Curation, warnings: list[str]) -> None:
    """Apply ``[[reassign]]`` by quote id, or, when re-extraction changed the id, by the words
    of the quote in the same article (equal or one containing the other, as in dedup)."""
    by_id = {quote.id: quote for quote in records}
    for entry in curation.reassigns:
        quote = by_id.get(entry.quote) or _find_by_text(records, entry)
        if quote is None:
            warnings.append(
                f"line {entry.line}: [[reassign]] quote {entry.quote!r} is not in the archive"
            )
            continue
        if not entry.speaker:
            quote.speaker = None
            continue
        quote.speaker = entry.speaker
        quote.speaker_as_written = entry.speaker
        quote.speaker_kind = guess_kind(entry.speaker)


def _find_by_text(records: list[Quote], entry: Reassign) -> Quote | None:
    if not entry.text:
        return None
    wanted = normalise(entry.text)
    if not wanted:
        return None
    found = []
    for quote in records:
        if entry.article and quote.article != entry.article:
            continue
        form = normalise(quote.text)
        if form == wanted or (
            min(len(form.split()), len(wanted.split())) >= MIN_WORDS
            and (f" {wanted} " in f" {form} " or f" {form} " in f" {wanted} ")
        ):
            found.append(quote)
    return found[0] if len(found) == 1 else None


def _mentions(records: list[Quote]) -> list[_Mention]:
    mentions = []
    for index, quote in enumerate(records):
        name = (quote.speaker or "").strip()
        if not name:
            quote.speaker = None
            continue
        written = (quote.speaker_as_written or "").strip() or name
        role = quote.role
        if written != name and relation_to(written) and not _appositive(written, name):
            # Written "Supporters of Republican Donald Trump" and named "Donald Trump": the
            # supporters speak, not Trump. The group is the speaker; its phrase is no role.
            name, role = " ".join(written.split()), None
        given_kind = quote.speaker_kind
        with_others = _WITH_OTHERS.match(name)
        if with_others and guess_kind(with_others.group(1)) == "person":
            # "Trump and his attorneys", "Edwards and others": the person named speaks, with
            # others (as "X and Y" is the first named)
            name, given_kind = with_others.group(1), "person"
        head, _, tail = name.partition(",")
        if tail and (
            _named_after_role((*head.split(), *tail.split(",", 1)[0].split())) and (
                head.split()[0][:1].isupper()
                and not any(w[:1].isupper() for w in head.split()[1:])
            ) or _appositive(name, tail.split(",", 1)[0].strip())
        ):
            # "A top strategist, John Weaver", "An attorney for Pagliano, Mark MacDougall":
            # the name after the description is the speaker
            name, given_kind = tail.split(",", 1)[0].strip(), "person"
        kind = _kind(name, given_kind)
        if kind == "person" and "," in name:
            name = name.split(",", 1)[0].strip()
        key = name_key(name, kind)
        if kind == "group" and (described_group(name) or _describes(written, name)):
            # "Senate Republicans", "some Democrats", "Clinton supporters": a different set of
            # people in every article, so one speaker per article, never joined across them.
            if _describes(written, name):
                name = " ".join(written.split())
            key = f"{_GROUP_HERE}{quote.article}:{name_key(name, kind)}"
        mentions.append(
            _Mention(
                index=index, name=name, written=written, own=name, kind=kind,
                key=key,
                role=role, role_words=role_words(role), article=quote.article,
                date=_quote_date(quote), gender=_gender_of(written, name),
                candidates=tuple(quote.name_candidates),
            )
        )
        quote.name_candidates = []  # read here; the index keeps no copy
    return mentions


def _appositive(written: str, name: str) -> bool:
    """Whether ``written`` is a description, then a comma and the person's full name
    ``name``: "An attorney for Pagliano, Mark MacDougall" is Mark MacDougall, though the
    description relates him to Pagliano."""
    head, _, tail = written.partition(",")
    words = head.split()
    if not words or fold(words[0]) not in {"a", "an", "the"} or len(words) < 2:
        return False
    tail_name = " ".join(tail.split(",", 1)[0].split())
    person = parse_person(tail_name)
    return (
        tail_name == " ".join(name.split()) and not person.is_bare
        and 2 <= len(tail_name.split()) <= 4 and all(w[:1].isupper() for w in tail_name.split())
        and plausible_given(tail_name.split()[0])
    )


_WITH_OTHERS = re.compile(
    r"^((?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+and\s+"
    r"(?:others|(?:his|her|their)\s+[a-z]+)$"
)


def _gender_of(written: str, name: str) -> str | None:
    """The gender the writing says of the person named: "Mr. Trump", "she", "the
    congresswoman"; none when the gendered word describes someone the name only qualifies
    ("a Clinton campaign spokesman" says nothing of Clinton)."""
    gender = written_gender(written)
    if gender and written != name and fold(written.split()[0]).rstrip(".") in {"the", "a", "an"}:
        words = {fold(w).rstrip(".") for w in tokens(written)}
        if any(fold(w) in words for w in tokens(name) if w[:1].isupper()):
            return None
    return gender


def _distinct_pairs(curation: Curation) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for entry in curation.distincts:
        keys = [_any_key(n) for n in entry.names]
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if a != b:
                    pairs.add(frozenset((a, b)))
    return pairs


def _any_key(name: str) -> str:
    return name_key(name, guess_kind(name))


def _is_distinct(a: str, b: str, pairs: set[frozenset[str]]) -> bool:
    return frozenset((a, b)) in pairs


def _apply_splits(
    mentions: list[_Mention],
    curation: Curation,
    distinct_keys: set[frozenset[str]],
    warnings: list[str],
) -> None:
    for entry in curation.splits:
        alias = fold(entry.alias)
        articles = set(entry.articles)
        matched = 0
        for mention in mentions:
            if alias not in (fold(mention.name), fold(mention.written)):
                continue
            if articles and mention.article not in articles:
                continue
            matched += 1
            if entry.to:
                mention.name = mention.own = entry.to
                mention.key = _any_key(entry.to)
            else:  # a speaker of its own, called by the alias (not by whom it was joined to)
                mention.pinned = True
                mention.name = mention.own = entry.alias
                mention.key = "\x00split:" + _any_key(entry.alias)
        if entry.from_:
            distinct_keys.add(frozenset((_any_key(entry.alias), _any_key(entry.from_))))
        if not matched:
            warnings.append(f"line {entry.line}: [[split]] alias {entry.alias!r} matches nothing")


@lru_cache(maxsize=65536)
def described_group(name: str) -> bool:
    """A group the article describes or counts ("some Democrats", "Senate Republicans",
    "Democratic primary voters", "Clinton supporters"), as opposed to a bare plural that names
    a party or people as a whole ("Democrats", "Republicans") or a body named after a person
    ("the Clinton campaign"), which are one speaker across the archive."""
    text = " ".join(name.split())
    if _NAMED_BODY.match(text):
        return False
    words = tokens(text)
    if words and fold(words[0]) == "the":
        words = words[1:]
    return len(words) > 1


def _describes(written: str, name: str) -> bool:
    """Whether the words written are the name with a description or count around it
    ("some Democrats" written for "Democrats")."""
    if not written or written == name or not described_group(written):
        return False
    return f" {fold(name)} " in f" {' '.join(fold(w) for w in tokens(written))} "


HEADLINE_WORDS = 4  # a person's "name" this long, holding a known full name, is a headline


def _headline_names(mentions: list[_Mention]) -> None:
    """A headline given as the speaker's name ("Hillary Clinton Wins Delaware", "Elizabeth
    Warren Hammers Wells Fargo", "Conservative Icon Morton Blackwell Endorses") is the
    person the archive quotes by the full name inside it: at least ``HEADLINE_WORDS`` words,
    two or more of them around a full name (a known given name and a surname) that is a
    speaker's name elsewhere. A suffix is part of a name ("Donald Trump Jr.")."""
    long = [
        m for m in mentions if m.kind == "person" and not m.pinned
        and len(raw := m.name.split()) >= HEADLINE_WORDS and all(w[:1].isupper() for w in raw)
    ]
    if not long:
        return
    known: set[tuple[str, ...]] = set()
    for name in {m.name for m in mentions if m.kind == "person" and not m.pinned}:
        words = tuple(fold(w).rstrip(".") for w in name.split())
        if 2 <= len(words) <= 3 and is_given_name(words[0]):
            known.add(words)
    for mention in long:
        raw = mention.name.split()
        words = [fold(w).rstrip(".") for w in raw]
        if tuple(words) in known or any(w in GENERATIONS for w in words):
            continue
        for size in (3, 2):
            at = next(
                (i for i in range(len(words) - size + 1) if tuple(words[i:i + size]) in known),
                None,
            )
            if at is not None and len(words) - size >= 2:
                mention.name = " ".join(raw[at:at + size])
                mention.key = name_key(mention.name, "person")
                break


def _by_honorific(group: list[_Mention]) -> list[list[_Mention]]:
    """One article's mentions of a name, split when the writer's honorifics name two people:
    "Mr. Clinton" and "Mrs. Clinton" in one article are Bill and Hillary Clinton, whatever
    string attribution gave both. Mentions without an honorific stay together."""
    if len(group) < 2 or not any(m.written[:1] in "mM" for m in group):
        return [group]
    honorific = {
        id(m): written_gender(m.written) if m.written.split() and (
            fold(m.written.split()[0]).rstrip(".") in {"mr", "mrs", "ms", "miss"}
        ) else None
        for m in group
    }
    if len(set(honorific.values()) - {None}) < 2:
        return [group]
    parts: dict[str | None, list[_Mention]] = defaultdict(list)
    for mention in group:
        parts[honorific[id(mention)]].append(mention)
    return list(parts.values())


def _group_gender(group: list[_Mention]) -> str | None:
    return group_gender([m.written for m in group], [m.gender for m in group])


def _person_gender(person: PersonName, mentions: Iterable[_Mention]) -> str | None:
    """A person's gender from their given name and how articles wrote them ("Mrs.", "she"),
    or None when the evidence is missing or disagrees."""
    named = given_name_gender(person.given[0]) if person.given else None
    written = consensus(m.gender for m in mentions)
    if named and written and named != written:
        return None
    return named or written


def _suffix_fits(mention: PersonName, candidates: dict[str, PersonName]) -> list[str]:
    """Candidates a name may be, Jr./Sr. considered: a suffixed name only the same suffix; an
    unsuffixed one prefers unsuffixed candidates ("Donald Trump" is not "Donald Trump Jr.", but
    "Joe Biden" can be "Joseph R. Biden Jr." when no other Biden fits)."""
    if mention.suffix:
        return [k for k, p in candidates.items() if p.suffix == mention.suffix]
    plain = [k for k, p in candidates.items() if not p.suffix]
    return plain or list(candidates)


def _resolve_in_article(mentions: list[_Mention], distinct_keys: set[frozenset[str]]) -> None:
    """A bare surname (or given name) joins the only full name it fits in the same article;
    Jr./Sr. and gender ("Mrs. Clinton", "she") can decide between several.

    The full names are the ones the article quotes and, when the per-article stage passed
    them (``Quote.name_candidates``), the ones it only writes: "McDonough" in an article
    that writes "Denis McDonough" is Denis McDonough even if he is quoted nowhere else, and
    "Mr. Trump" in one that writes both "Donald J. Trump" and "Donald Trump Jr." is left to
    the archive-wide step, which chooses among those two only.
    """
    by_article: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.kind == "person" and not mention.pinned:
            by_article[mention.article].append(mention)
    dominant = _dominant_by_surname(mentions)
    for article_mentions in by_article.values():
        full: dict[str, PersonName] = {}
        names: dict[str, str] = {}
        by_key: dict[str, list[_Mention]] = defaultdict(list)
        for mention in article_mentions:
            by_key[mention.key].append(mention)
            person = parse_person(mention.name)
            if not person.is_bare:
                full[mention.key] = person
                names[mention.key] = mention.name
        genders = {k: _person_gender(full[k], by_key[k]) for k in full}
        for key, group in (
            (k, part) for k, whole in by_key.items() for part in _by_honorific(whole)
        ):
            person = parse_person(group[0].name)
            if not person.is_bare:
                continue
            same = {k: p for k, p in full.items() if p.surname == person.surname}
            written = _written_people(person, group, same)
            if same and written is not None and not (
                all(p.suffix for p in same.values()) and any(not p.suffix for p in written.values())
            ):
                # The people the article quotes decide, as without the names it writes (those
                # proved misleading beside a quoted namesake: "Bill Clinton" quoted, "Hillary
                # Clinton" written); only a son quoted beside his father written ("Donald
                # Trump Jr." / "Donald J. Trump") makes the surname ambiguous.
                written = None
            if written:
                pass  # the article writes the surname in full: no slip or given name needed
            elif not same and len(person.surname) >= 5:
                same = {
                    k: p for k, p in full.items()
                    if edit_distance(p.surname, person.surname, 1) <= 1
                }
            given_alone = " " not in person.surname and is_given_name(person.surname)
            if not same and not written and given_alone:
                # A given name alone ("Bob"): the one full name in the article it begins.
                same = {
                    k: p for k, p in full.items()
                    if p.given and given_compatible((person.surname,), p.given[:1])
                }
                written = _written_people(person, group, same, given=True)
            gender = _group_gender(group)
            if written is not None:
                for k, p in written.items():
                    names[k], genders[k] = p.display, _person_gender(p, ())
                targets = _suffix_fits(person, {**same, **written})
                if len(targets) > 1 and gender:
                    targets = [k for k in targets if genders.get(k) in (None, gender)]
                if len(targets) > 1:
                    people = {k: full.get(k) or written[k] for k in targets}
                    # if no name is followed, or the one followed is not the archive's
                    # (below), the archive-wide step chooses among these people only
                    for mention in group:
                        mention.article_people = tuple(people.values())
                    nearest = _nearest(group, people)
                    if nearest is None:
                        continue
                    targets = [nearest]
            else:
                targets = _suffix_fits(person, same)
                if len(targets) > 1 and gender:
                    targets = [k for k in targets if genders[k] in (None, gender)]
            if len(targets) == 1 and not _is_distinct(key, targets[0], distinct_keys):
                target = targets[0]
                if gender and genders.get(target) and gender != genders[target]:
                    continue
                main = dominant.get(person.surname)
                if (
                    main and main != target
                    and not _same_person(
                        parse_person(main), full.get(target) or parse_person(target)
                    )
                    and not (
                        # "Mr. Barrett" beside a quoted Kevin Barrett; "Mr. Clinton" beside a
                        # Bill Clinton only written, the archive's Clinton a woman
                        gender and gender == genders[target]
                        and (target in full or given_name_gender(main.split()[0]) != gender)
                    )
                    and len(by_key.get(target, ())) < len(group)
                ):
                    # "Clinton" said 20 times beside "Bill Clinton" quoted twice (or only
                    # written), nothing saying "he": the archive's Clinton (Hillary),
                    # decided in the next step.
                    continue
                for mention in group:
                    mention.name = names[target]
                    mention.key = target
                    mention.article_people = ()


NEAREST_SHARE = 2 / 3  # of a bare name's mentions in an article, to follow the nearest name


def _nearest(group: list[_Mention], people: dict[str, PersonName]) -> str | None:
    """The person most of these mentions follow: the full name the article wrote last
    before each (``Quote.name_candidates`` come in that order), when at least
    ``NEAREST_SHARE`` of them agree."""
    votes: Counter[str] = Counter()
    for mention in group:
        for text in mention.candidates:
            other = parse_person(text)
            keys = [k for k, p in people.items() if _same_person(other, p)]
            if keys:
                if len(keys) == 1:
                    votes[keys[0]] += 1
                break
    if not votes:
        return None
    key, n = votes.most_common(1)[0]
    return key if n >= NEAREST_SHARE * len(group) else None


def _written_people(
    person: PersonName, group: list[_Mention], quoted: dict[str, PersonName], *,
    given: bool = False,
) -> dict[str, PersonName] | None:
    """The people with this bare name the article writes but does not quote, by key, from
    the names the per-article stage passed; None when it passed none (then only the names
    quoted count). A name already quoted, or a shorter writing of another ("Donald Trump"
    beside "Donald J. Trump"), is not another person."""
    texts = dict.fromkeys(c for m in group for c in m.candidates)
    if not texts:
        return None
    bare = person.surname
    honorific = any(m.gender for m in group) and any(
        fold(m.written.split()[0]).rstrip(".") in {"mr", "mrs", "ms", "dr"} for m in group
        if m.written.split()
    )
    found: dict[str, PersonName] = {}
    for text in texts:
        if guess_kind(text) != "person" or names_someone_else(text):
            continue
        other = parse_person(text)
        if other.is_bare or not plausible_given(other.display.split()[0]):
            continue
        if (other.surname == bare) if not given else (
            not honorific and given_compatible((bare,), other.given[:1])
        ):
            found.setdefault(other.key, other)
        elif (
            honorific and len(tokens(other.display)) == 2 and other.given == (bare,)
            and len(bare) <= 4 and ("-" in other.surname or is_given_name(other.surname))
        ):
            # "Mr. Ban" for Ban Ki-moon, "Mr. Xi" for Xi Jinping: the family name first.
            found.setdefault(other.key, other)
    people = list(quoted.values())
    kept: dict[str, PersonName] = {}
    for key, other in found.items():
        if any(_same_person(other, p) for p in people):
            continue
        if any(
            k != key and o.surname == other.surname and o.suffix == other.suffix
            and less_specific(other.given, o.given) for k, o in found.items()
        ):
            continue
        kept[key] = other
    return kept


def _same_person(a: PersonName, b: PersonName) -> bool:
    """Two writings of one name: the same surname and suffix, given names compatible."""
    return a.surname == b.surname and a.suffix == b.suffix and (
        a.given == b.given or given_compatible(a.given, b.given)
        or given_compatible(b.given, a.given)
    )


_NEWS = wordset("news network channel")


def _resolve_short_organisations(
    mentions: list[_Mention], distinct_keys: set[frozenset[str]]
) -> None:
    """An organisation written short ("The Post", "the Times", "Fox") is the one
    organisation its article names in full with that word last ("The Washington Post"), or
    first before "News" ("Fox News"); two ("New York Times", "Tampa Bay Times") leave it as
    it was. The House, the Senate and Congress are bodies of their own."""
    for mention in mentions:
        if mention.kind != "organisation" or mention.pinned or not mention.candidates:
            continue
        words = tokens(mention.name)
        if words and fold(words[0]) == "the":
            words = words[1:]
        if len(words) != 1 or words[0].isupper() or not words[0][:1].isupper():
            continue
        short = fold(words[0]).rstrip(".")
        if short in _BODIES:
            continue
        found: dict[str, str] = {}
        for text in mention.candidates:
            text = text.rsplit(" The ", 1)[-1]  # "Enter The Washington Post"
            folded = [fold(w).rstrip(".") for w in tokens(text)]
            if not (folded[-1] == short or (folded[0] == short and folded[-1] in _NEWS)):
                continue
            if (
                _proper_name(text) and guess_kind(text) == "organisation"
                and not names_someone_else(text) and not re.search(r"['’]s?$", text)
                and fold(folded[0]) not in FUNCTION_CAPS
            ):
                found.setdefault(name_key(text, "organisation"), text)
        if len(found) == 1:
            key, text = next(iter(found.items()))
            if key != mention.key and not _is_distinct(mention.key, key, distinct_keys):
                mention.key, mention.name = key, text


def _dominant_by_surname(mentions: list[_Mention]) -> dict[str, str]:
    """Surname -> the full-name key the archive quotes far more often than any other with it
    (see ``DOMINANT_SHARE``/``DOMINANT_RATIO``)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        if mention.kind == "person":
            person = parse_person(mention.name)
            if person.given:
                counts[person.surname][mention.key] += 1
    dominant = {}
    for surname, keys in counts.items():
        ranked = keys.most_common(2)
        top = ranked[0][1]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if top >= DOMINANT_SHARE * sum(keys.values()) and top >= DOMINANT_RATIO * max(second, 1):
            dominant[surname] = ranked[0][0]
    return dominant


@dataclass
class _Candidate:
    key: str
    role: bool | None
    gap: int | None
    count: int = 0
    gender_conflict: bool = False


def _paragraphs(group: list[_Mention], contexts: list[str | None]) -> str:
    """The paragraphs these mentions were written in, folded to words between spaces."""
    texts = dict.fromkeys(contexts[m.index] or "" for m in group)
    return " " + " ".join(fold(w).rstrip(".") for w in tokens(" ".join(texts))) + " "


def _written_in(text: str, person: PersonName) -> bool:
    """Whether the article writes this full name: "Hillary Clinton", "Hillary Rodham Clinton",
    "Thomas C. Frank" (the first given name, up to two words, then the surname)."""
    if not person.given or not is_given_name(person.given[0]):
        return False  # "Republican Trump" is attribution's slip, not a name to find
    first, surname = person.given[0], person.surname.split()
    start = text.find(f" {first} ")
    while start >= 0:
        after = text[start + len(first) + 2:].split(" ", 4)
        for skip in range(3):
            end = skip + len(surname)
            if after[skip:end] == surname:
                # "Chelsea Clinton Foundation" names a body, not Chelsea Clinton
                if len(after) <= end or after[end] not in _ORG_WORDS:
                    return True
                break
        start = text.find(f" {first} ", start + 1)
    return False


def _article_writes(group: list[_Mention], person: PersonName) -> bool:
    """Whether the article of these mentions writes this person's full name (among the
    names the per-article stage passed for them)."""
    return any(
        _same_person(parse_person(text), person)
        for text in dict.fromkeys(c for m in group for c in m.candidates)
        if not parse_person(text).is_bare
    )


def _resolve_across_archive(
    mentions: list[_Mention],
    distinct_keys: set[frozenset[str]],
    max_gap_days: int,
    contexts: list[str | None] | None = None,
) -> dict[str, list[_Candidate]]:
    """Join less specific person names to the one more specific name the archive allows.

    Names with given names first ("Donald Trump" -> "Donald J. Trump"), then bare surnames,
    one article at a time, so the counts of the second pass include the first's joins. A
    given name alone that no article resolved stays a speaker of that article only.

    Returns the less specific keys left on their own, with the candidates they could be.
    """
    people: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.kind == "person" and not mention.pinned:
            people[mention.key].append(mention)
    parsed = {key: parse_person(group[0].name) for key, group in people.items()}
    contexts = contexts or []
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key, person in parsed.items():
        by_surname[person.surname].append(key)
    genders = {key: _person_gender(parsed[key], group) for key, group in people.items()}
    spans = {}
    for key, group in people.items():
        days = sorted(m.date for m in group if m.date)
        spans[key] = (days[0], days[-1]) if days else (None, None)
    words = {
        key: frozenset().union(*(m.role_words for m in group)) for key, group in people.items()
    }
    counts = Counter({key: len(group) for key, group in people.items()})
    # the articles that write each full name (quoted or only written), to tell a father from
    # a son: "Donald J. Trump" and "Donald Trump Jr." are written in one article
    articles_of: dict[str, set[str]] = defaultdict(set)
    for key, group in people.items():
        for mention in group:
            articles_of[key].add(mention.article)
            for text in mention.candidates:
                articles_of[parse_person(text).key].add(mention.article)

    def one_with_son(plain: str, suffixed: str) -> bool:
        """Whether a name and the same name with "Jr." may be one person: quoted at least as
        often with it, or never written in one article and in roles that agree ("Joseph R.
        Biden" and "Joseph R. Biden Jr.", both Vice President)."""
        if counts[suffixed] >= counts[plain]:
            return True
        together = articles_of[plain] & articles_of[suffixed] or any(
            articles_of[suffixed] & articles_of[k] for k in by_surname[parsed[plain].surname]
            if k != suffixed and not parsed[k].suffix
            and given_compatible(parsed[k].given, parsed[suffixed].given)
        )
        return not together and roles_compatible(words[plain], words[suffixed]) is True

    def more_specific(key: str) -> list[str]:
        person = parsed[key]
        found = {
            other: parsed[other] for other in by_surname[person.surname]
            if other != key
            and (
                less_specific(person.given, parsed[other].given)
                # "James B. Comey" may be "James B. Comey Jr." written short, but not when
                # the plain name is the father ("Donald Trump", see one_with_son)
                or (person.given == parsed[other].given and not person.suffix
                    and parsed[other].suffix and one_with_son(key, other))
            )
            and not _is_distinct(key, other, distinct_keys)
        }
        # Keep only the most specific: "Lightfoot" chooses between "Lori Lightfoot" and
        # others, not between "Lori Lightfoot" and "L. Lightfoot".
        tops = [
            other for other in found
            if not any(
                less_specific(parsed[other].given, parsed[top].given)
                or (parsed[other].given == parsed[top].given and not parsed[other].suffix
                    and parsed[top].suffix and one_with_son(other, top))
                for top in found
            )
        ]
        return _suffix_fits(person, {k: found[k] for k in tops})

    unresolved: dict[str, list[_Candidate]] = {}
    full_keys = [k for k in parsed if not parsed[k].is_bare]
    bare_keys = [k for k in parsed if parsed[k].is_bare]
    surnames_of_full = {parsed[k].surname for k in full_keys}
    for key in (*full_keys, *bare_keys):
        targets = more_specific(key)
        person = parsed[key]
        by_article: dict[str, list[_Mention]] = defaultdict(list)
        for mention in people[key]:
            by_article[mention.article].append(mention)
        if not targets:
            if person.is_bare and " " not in person.surname and (
                person.surname not in surnames_of_full and is_given_name(person.surname)
            ):
                # "Bob" that no article resolved: a speaker of its own article only.
                for article, group in by_article.items():
                    for mention in group:
                        mention.key = f"{_GIVEN_ONLY}{article}:{key}"
            continue
        left: list[_Candidate] = []
        for group in (part for whole in by_article.values() for part in _by_honorific(whole)):
            gender = _group_gender(group)
            group_words = frozenset().union(*(m.role_words for m in group))
            day_list = sorted(m.date for m in group if m.date)
            span = (day_list[0], day_list[-1]) if day_list else (None, None)
            # A spelt-out given name ("Donald Trump") is evidence enough: roles and dates only
            # weigh for a bare surname or initials, which many people share.
            weak = not any(len(g) > 1 for g in person.given)
            candidates = [
                _Candidate(
                    other,
                    roles_compatible(group_words, words[other]) if weak else None,
                    days_apart(span, spans[other]) if weak else None,
                    counts[other],
                    bool(gender and genders[other] and gender != genders[other]),
                )
                for other in targets
            ]
            target = None
            in_article = next((m.article_people for m in group if m.article_people), ())
            if person.is_bare and in_article:
                # The article writes several full names with this surname ("Donald J.
                # Trump", "Donald Trump Jr."): only those can be meant.
                written = [
                    c for c in candidates
                    if any(_same_person(parsed[c.key], p) for p in in_article)
                ]
                if written:
                    candidates = written
            if person.is_bare and len(candidates) > 1 and contexts:
                # The article's own words first: "Frank" in paragraphs that write "Thomas
                # Frank" and no other Frank is Thomas Frank, whoever the archive quotes more.
                text = _paragraphs(group, contexts)
                written = [c for c in candidates if _written_in(text, parsed[c.key])]
                top = max(candidates, key=lambda c: c.count)
                if len(written) == 1 and not written[0].gender_conflict and (
                    written[0] is top or not _article_writes(group, parsed[top.key])
                    or _nearest(group, {c.key: parsed[c.key] for c in (written[0], top)})
                    == written[0].key
                ):
                    # unless the article also writes the one the archive quotes most and
                    # the mentions do not follow the other: a "Bill Clinton" paragraph in an
                    # article that writes "Hillary Clinton" does not make every "Clinton" Bill
                    target = written[0].key
            target = target or _choose(candidates, max_gap_days)
            top = max(candidates, key=lambda c: c.count)
            if not target and person.is_bare and top.gender_conflict:
                # "she" resolved to "Obama" where the Obama the archive quotes is a man and no
                # other one fits alone: the article's own resolution contradicts itself, so
                # the statement is left without a speaker rather than given a speaker of its
                # own or the wrong one.
                for mention in group:
                    mention.key = UNRESOLVED
                continue
            if target:
                for mention in group:
                    mention.key = target
                    mention.name = people[target][0].name
                counts[target] += len(group)
                counts[key] -= len(group)
            else:
                left = candidates
        if left:
            unresolved[key] = left
    return unresolved


_DEFINITE = ("the ", "The ")
_PARTY_MEMBER = wordset("republican democrat")  # "the Wisconsin Republican", "Nevada Democrat"
_DOCUMENTS = wordset("poll polls survey study report analysis ad video memo letter statement")
DESCRIBED_RATIO = 4  # times the next person's mentions in that role, for a description


@lru_cache(maxsize=65536)
def _description_words(name: str) -> frozenset[str]:
    """The role words of a definite description used as a name ("The Republican nominee",
    "the Vermont senator", "The GOP candidate"); empty for anything else (a name, "a
    lawyer", "Obama's former strategist", "the Clinton campaign")."""
    if "'" in name or "’" in name or "," in name:
        return frozenset()
    definite = name.startswith(_DEFINITE)
    rest = name[4:] if definite else name
    words = tokens(rest)
    if not words or len(words) > (6 if definite else 4):
        return frozenset()
    if not words[-1][:1].islower() and not (len(words) >= 2 and fold(words[-1]) in _PARTY_MEMBER):
        return frozenset()  # "the White House": a body; a description ends in a noun
    if not definite and (
        len(words) < 2 or not words[0][:1].isupper() or len(rest.split()) != len(words)
    ):
        return frozenset()  # "Wisconsin Republican", "Indiana governor"; not "Republican"
    if fold(words[-1]) in _ORG_WORDS | _DOCUMENTS or _NAMED_BODY.match(name):
        return frozenset()  # "the Sanders campaign", "the agency": not a person
    if any(w[:1].isupper() and is_given_name(fold(w)) for w in words):
        return frozenset()
    return frozenset(w for w in role_words(rest) if not w.startswith(OFFICE))


def _resolve_descriptions(mentions: list[_Mention], contexts: list[str | None] = ()) -> None:
    """A definite description given as the speaker ("The Republican nominee", "the Vermont
    senator") is the person named in the same article whose roles, as the archive writes
    them ("Republican presidential nominee", "Vermont Sen."), hold all its words: the only
    one, the only one this article gives such a role, the only one with exactly that role,
    or the one the archive gives that role far more often (``DESCRIBED_RATIO``). None, or
    several alike, leave it as it was (a speaker of its article only). The article's own
    paragraphs count as its roles: "Ryan, a Wisconsin Republican," or "Wisconsin Republican
    Paul Ryan" make "Wisconsin Republican" Paul Ryan when no role on the records says so.
    Undefined descriptions count too when they are a place or body and a noun or party
    member ("Wisconsin Republican", "Indiana governor"), never a word alone ("Republican")."""
    labels: dict[str, Counter[frozenset[str]]] = defaultdict(Counter)
    people: dict[str, dict[str, str]] = defaultdict(dict)
    wanted: list[tuple[_Mention, frozenset[str]]] = []
    here: dict[tuple[str, str], set[frozenset[str]]] = defaultdict(set)  # in one article
    for mention in mentions:
        if mention.kind == "person" and not mention.key.startswith("\x00"):
            display = parse_person(mention.name)
            if display.is_bare:
                continue
            people[mention.article].setdefault(mention.key, mention.name)
            before = _before_name(mention.written, parse_person(mention.written).display)
            for text in (mention.role, before):
                words = frozenset(w for w in role_words(text) if not w.startswith(OFFICE))
                if words:
                    labels[mention.key][words] += 1
                    here[mention.article, mention.key].add(words)
        elif not mention.pinned:
            words = _description_words(mention.name)
            if words:
                wanted.append((mention, words))
    cache: dict[str, str] = {}
    apposed: dict[tuple[str, str], frozenset[str]] = {}
    for mention, words in wanted:
        fits = Counter({
            key: sum(n for label, n in labels[key].items() if words <= label)
            for key in people.get(mention.article, ()) if key in labels
        })
        local = [
            key for key in fits
            if any(words <= label for label in here.get((mention.article, key), ()))
        ]
        exact = [key for key in fits if labels[key][words]]
        if not local and contexts:
            here_people = people.get(mention.article, {})
            said = []
            for key, name in here_people.items():
                if (mention.article, name) not in apposed:
                    apposed[mention.article, name] = _apposed_words(
                        mention.article, name, here_people.values(), mentions, contexts, cache
                    )
                if words <= apposed[mention.article, name]:
                    said.append(key)
            if len(said) == 1:  # "Ryan, a Wisconsin Republican," in this article's text
                fits, local = Counter({said[0]: 1}), said
        if len(local) == 1:  # "Republican presidential candidate Ben Carson" in this article
            fits = Counter({local[0]: 1})
        elif len(exact) == 1:  # "Republican nominee" Trump, "... vice presidential ..." Pence
            fits = Counter({exact[0]: 1})
        ranked = [(key, n) for key, n in fits.most_common(2) if n]
        if not ranked or (len(ranked) > 1 and ranked[0][1] < DESCRIBED_RATIO * ranked[1][1]):
            continue  # "the Florida senator" beside two Florida senators quoted alike
        key = ranked[0][0]
        mention.key, mention.kind, mention.name = key, "person", people[mention.article][key]


# "Ryan, a Wisconsin Republican," up to a word that starts a clause or an object ("Cruz, a
# critic of the Republican establishment" says nothing of Cruz being one).
_APPOSITION = re.compile(
    r"\s*(?:\([^)]{1,12}\))?,\s+(?:a|an|the)\s+((?:(?!(?:of|who|whose|which|that|and|or|to|in"
    r"|for|with|on|at|from|by|about|against|over)\b)[^\s,.;:()“”\"]+\s*){1,6})"
)
_BEFORE = re.compile(r"([^,.;:()“”\"]{3,60})$")


def _apposed_words(
    article: str, name: str, others: Iterable[str], mentions: list[_Mention],
    contexts: list[str | None], cache: dict[str, str],
) -> frozenset[str]:
    """The role words the article's paragraphs write beside a person's name: after it in
    apposition ("Ryan, a Wisconsin Republican,") or right before it ("Wisconsin Republican
    Paul Ryan", "House Speaker Paul Ryan"). The surname alone counts only when no other
    person of the article (``others``) has it; a name needs a known given name."""
    if not cache:
        by_article: dict[str, dict[str, None]] = defaultdict(dict)
        for m in mentions:
            by_article[m.article].setdefault(contexts[m.index] or "", None)
        cache.update((a, "\n".join(texts)) for a, texts in by_article.items())
    text = cache.get(article, "")
    person = parse_person(name)
    found: set[str] = set()
    words = person.display.split()
    if len(words) < 2 or not plausible_given(words[0]) or not text:
        return frozenset()
    shared = any(parse_person(o).surname == person.surname for o in others if o != name)
    surname = person.display if shared else words[-1]
    for match in re.finditer(rf"\b{re.escape(surname)}\b", text):
        after = _APPOSITION.match(text, match.end())
        if after and not re.search(r"\b(?:former|ex|onetime|one-time)\b", after.group(1), re.I):
            found |= role_words(after.group(1))  # "Meyer, a former Fed governor" is not one
        start = text.rfind(person.display, 0, match.end())
        if start >= 0 and start + len(person.display) == match.end():
            before = _BEFORE.search(text[max(0, start - 60):start])
            if before:
                found |= role_words(" ".join(before.group(1).split()[-5:]))
    return frozenset(w for w in found if not w.startswith(OFFICE))


def _before_name(written: str, name: str) -> str | None:
    """What is written before the name: "Republican nominee" in "Republican nominee Donald
    Trump"."""
    written = " ".join(written.split())
    at = written.find(name)
    return written[:at].strip() or None if at > 0 else None


DOMINANT_SHARE = 0.8  # of the fitting candidates' mentions, for a bare surname to join one
DOMINANT_RATIO = 4  # times the next candidate's mentions


def _choose(candidates: list[_Candidate], max_gap_days: int) -> str | None:
    """The one candidate the archive makes unambiguous, or None.

    A candidate fits unless its role, dates or gender speak against it. One that fits wins;
    among several, the one quoted far more often than all others ("Trump": Donald Trump, not
    Eric or Ivanka Trump), else the only one whose role is confirmed.
    """

    def fits(c: _Candidate) -> bool:
        return (
            c.role is not False and not c.gender_conflict
            and (c.gap is None or c.gap <= max_gap_days)
        )

    fitting = [c for c in candidates if fits(c)]
    if len(fitting) == 1:
        return fitting[0].key
    if not fitting:
        return None
    fitting.sort(key=lambda c: -c.count)
    top, second = fitting[0], fitting[1]
    total = sum(c.count for c in fitting)
    if top.count >= DOMINANT_SHARE * total and top.count >= DOMINANT_RATIO * max(second.count, 1):
        return top.key
    confirmed = [c for c in fitting if c.role is True]
    if len(confirmed) == 1:
        return confirmed[0].key
    return None


def _nodes(mentions: list[_Mention]) -> dict[str, _Node]:
    nodes: dict[str, _Node] = {}
    for mention in mentions:
        if mention.key == UNRESOLVED:
            continue
        node = nodes.get(mention.key)
        if node is None:
            person = parse_person(mention.name)
            node = nodes[mention.key] = _Node(
                mention.key, mention.kind, person.given, person.surname
            )
        node.mentions.append(mention)
    for node in nodes.values():
        node.kind = Counter(m.kind for m in node.mentions).most_common(1)[0][0]
    return nodes


def _acronyms_in_article(mentions: list[_Mention]) -> None:
    """An acronym joins the one organisation with those initials its own article quotes:
    "BLM" beside "Black Lives Matter", though the archive also quotes the Bureau of Land
    Management (which the archive-wide rule, ``_join_acronyms``, cannot choose between)."""
    by_article: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for mention in mentions:
        if mention.kind == "organisation" and _proper_name(mention.name):
            initials = acronym(mention.name)
            if len(initials) >= 2:
                by_article[mention.article][initials].add(mention.key)
    for mention in mentions:
        if mention.kind != "person" and not mention.pinned and is_acronym(mention.name):
            keys = by_article.get(mention.article, {}).get(
                fold(mention.name).replace(".", ""), set()
            ) - {mention.key}
            if len(keys) == 1:
                mention.key = next(iter(keys))


def _join_acronyms(
    nodes: dict[str, _Node], union: _Union, distinct_keys: set[frozenset[str]]
) -> None:
    """"CTU" joins "Chicago Teachers Union" when no other organisation has those initials."""
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key, node in nodes.items():
        # Only a name can be abbreviated: "a count by The Associated Press" is not a second
        # "AP" beside "Associated Press".
        if node.kind == "organisation" and _proper_name(node.mentions[0].name):
            initials = acronym(node.mentions[0].name)
            if len(initials) >= 2:
                by_initials[initials].append(key)
    for key, node in nodes.items():
        name = node.mentions[0].name
        if node.kind != "person" and is_acronym(name):
            targets = by_initials.get(fold(name).replace(".", ""), [])
            if len(targets) == 1 and not _is_distinct(key, targets[0], distinct_keys):
                union.union(key, targets[0])


_NAME_JOINERS = wordset("of for and the on in at to &")


def _proper_name(name: str) -> bool:
    """Every word capitalised but the joiners ("Alliance to Reclaim Our Schools")."""
    words = tokens(name)
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or not w[:1].isalpha() or fold(w) in _NAME_JOINERS for w in words
    )


def _name_lookup(nodes: dict[str, _Node]) -> dict[str, set[str]]:
    """Every way a curation entry may name a speaker -> the node keys it means."""
    lookup: dict[str, set[str]] = defaultdict(set)
    for key, node in nodes.items():
        lookup[key].add(key)
        if node.kind == "person":
            lookup["\x00surname:" + node.surname].add(key)
        for mention in node.mentions:
            for form in (mention.name, mention.written):
                lookup[fold(form).strip()].add(key)
                lookup[name_key(form, node.kind)].add(key)
                lookup[slugify(form)].add(key)
    return lookup


def _add_names(lookup: dict[str, set[str]], names: dict[str, str]) -> None:
    """Let later curation entries name a cluster by the name a merge or rename gave it."""
    for root, name in names.items():
        for form in (fold(name).strip(), _any_key(name), slugify(name)):
            lookup[form].add(root)


def _resolve(name: str, lookup: dict[str, set[str]], union: _Union) -> set[str]:
    keys = (
        lookup.get(fold(name).strip())
        or lookup.get(_any_key(name))
        or lookup.get(slugify(name))
        or set()
    )
    roots = {union.find(k) for k in keys}
    if not roots:  # a bare surname names the one person who has it
        person = parse_person(name)
        if person.is_bare:
            by_surname = {union.find(k) for k in lookup.get("\x00surname:" + person.surname, ())}
            if len(by_surname) == 1:
                return by_surname
    return roots


def _apply_merges(
    curation: Curation, lookup: dict[str, set[str]], union: _Union, warnings: list[str]
) -> dict[str, str]:
    named: list[tuple[str, str]] = []
    for entry in curation.merges:
        roots: set[str] = set()
        for name in entry.names:
            found = _resolve(name, lookup, union)
            if not found:
                warnings.append(f"line {entry.line}: [[merge]] name {name!r} matches no speaker")
            roots |= found
        ordered = sorted(roots)
        for other in ordered[1:]:
            union.union(ordered[0], other)
        if entry.name and ordered:
            named.append((ordered[0], entry.name))
    return {union.find(root): name for root, name in named}


_GIVEN_ONLY = "\x00given:"  # key prefix of a given name alone, a speaker of one article
_GROUP_HERE = "\x00group:"  # key prefix of a described group ("Clinton aides"), one article's


def _in_article(name: str, quote: Quote) -> str:
    """"Bob (The Washington Post, 2016-01-16)": a given name alone or a described group
    ("Clinton aides") names someone in one article only, so its speaker says which, and two
    articles' Bobs or Clinton aides never look like one in the speakers list. Its records
    keep the name as written ("Bob"): a citation or an export quotes the person as the
    article named them."""
    where = ", ".join(str(part) for part in (quote.source, _quote_date(quote)) if part)
    return f"{name} ({where or quote.article})"


def _cluster_order(members: list[_Node], records: list[Quote]) -> tuple:
    first = min(
        (m.date or "9999", m.article, records[m.index].start, m.index)
        for node in members for m in node.mentions
    )
    return first


def _best_name(members: list[_Node]) -> str:
    """The fullest, most used name form: "Lori Lightfoot" over "Lightfoot", "Chicago Teachers
    Union" over "CTU"; titles stripped ("Mayor Lori Lightfoot" -> "Lori Lightfoot")."""
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    kind = Counter(n.kind for n in members for _ in n.mentions).most_common(1)[0][0]
    for node in members:
        for mention in node.mentions:
            own = mention.own or mention.name
            if kind == "person" and parse_person(own).surname != parse_person(mention.name).surname:
                own = mention.name  # a curation merge or a typo: the joined name
            display = parse_person(own).display if kind == "person" else own
            counts[display] += 1
            order.setdefault(display, len(order))
    if kind == "person" and all(parse_person(d).is_bare for d in counts):
        # surnames only, joined to the full name their article writes ("Nega" -> "Berhanu
        # Nega", quoted nowhere in full): that name
        joined = Counter(
            parse_person(m.name).display for node in members for m in node.mentions
            if not parse_person(m.name).is_bare
        )
        if len(joined) == 1:
            return next(iter(joined))

    def rank(display: str) -> tuple:
        if kind == "person":
            given = parse_person(display).given
            spelt_out = any(len(g) > 1 for g in given)
            return (-spelt_out, -counts[display], -len(given), order[display])
        return (is_acronym(display), -counts[display], order[display])

    return min(counts, key=rank)


def _speaker(slug: str, name: str, members: list[_Node], records: list[Quote]) -> Speaker:
    mentions = [m for node in members for m in node.mentions]
    kind = Counter(m.kind for m in mentions).most_common(1)[0][0]
    aliases: Counter[str] = Counter()
    references: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    years: Counter[str] = Counter()
    roles: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        if looks_like_name(mention.written) or _described_name(mention.written, kind):
            aliases[_name_form(mention.written, kind)] += 1
        else:  # a reference: the alias is the name the article resolved it to
            aliases[_name_form(mention.own or mention.name, kind)] += 1
            references[_reference_form(mention.written)] += 1
        quote = records[mention.index]
        topics.update(quote.topics)
        if mention.date:
            years[mention.date[:4]] += 1
        normal = normalise_role(mention.role)
        quote.speaker_role = normal.label if normal else None
        if normal:
            roles[normal.key].append(mention)
    dates = sorted(m.date for m in mentions if m.date)
    articles = sorted({m.article for m in mentions})
    spans = []
    for group in roles.values():
        normal = normalise_role(group[0].role)
        days = sorted(m.date for m in group if m.date)
        spans.append(
            RoleSpan(
                role=Counter(normalise_role(m.role).label for m in group).most_common(1)[0][0],
                organisation=normal.organisation,
                first=days[0] if days else None, last=days[-1] if days else None,
                articles=sorted({m.article for m in group}),
                office=normal.office, affiliation=normal.affiliation, count=len(group),
            )
        )
    # A short timeline: the roles most often seen, in date order.
    spans.sort(key=lambda r: -r.count)
    spans = spans[:MAX_ROLES]
    spans.sort(key=lambda r: (r.first or "9999", -r.count, r.role))
    if kind == "person":
        aliases = _bare_forms(aliases)
        for alias in [a for a in aliases if not _writes_name(a, name)]:
            references[alias] += aliases.pop(alias)  # "Wisconsin Republican" describes Ryan
    return Speaker(
        id=slug, name=name, kind=kind, aliases=_folded(aliases),
        references=_folded(references), roles=spans, articles=articles,
        quotes=len(mentions), first=dates[0] if dates else None,
        last=dates[-1] if dates else None, topics=dict(topics.most_common()),
        years=dict(sorted(years.items())),
    )


def _name_form(written: str, kind: str) -> str:
    """An alias is a name form: "Republican nominee Donald Trump" and "Mr. Trump" are written
    "Donald Trump" and "Trump"."""
    form = " ".join(written.split())
    if kind == "person":
        form = parse_person(form).display or form
    return re.sub(r"(?<=s)['’]$|['’]s$", "", form) or form  # "Sanders'" -> "Sanders"


def _described_name(written: str, kind: str) -> bool:
    """"his campaign chairman Paul Manafort": a name written after a description."""
    if kind != "person":
        return False
    display = parse_person(written).display
    words = display.split()
    return (
        display != " ".join(written.split()) and looks_like_name(display)
        and all(w[:1].isupper() or fold(w) in PARTICLES for w in words)
    )


def _writes_name(alias: str, name: str) -> bool:
    """Whether ``alias`` writes the person ``name`` at all: the same surname (or a slip of
    it), or a given name alone ("Hillary"); not a description ("Wisconsin Republican")."""
    written, canonical = parse_person(alias), parse_person(name)
    if written.surname == canonical.surname or not canonical.given:
        return True
    if written.is_bare and given_compatible((written.surname,), canonical.given[:1]):
        return True
    return edit_distance(written.surname, canonical.surname, 2) <= 2


def _bare_forms(aliases: Counter[str]) -> Counter[str]:
    """A description left before a name ("Billionaire Donald Trump", "Fox News Sean Hannity")
    is not a name form: counted under the name it ends with. A family ("Clintons") is no
    alias of one person."""
    forms = {fold(a): a for a in aliases if len(a.split()) >= 2}
    out: Counter[str] = Counter()
    for alias, n in aliases.items():
        words = fold(alias).split()
        shorter = next((forms[" ".join(words[i:])] for i in range(1, len(words) - 1)
                        if " ".join(words[i:]) in forms), None)
        if shorter is None and len(words) == 1 and any(
            fold(other) + "s" == words[0] for other in aliases
        ):
            continue  # "Clintons"
        out[shorter or alias] += n
    return out


def _reference_form(written: str) -> str:
    """"The mayor" and "She" at the start of a sentence are "the mayor" and "she"."""
    written = " ".join(written.split())
    first = written.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and fold(first) in NON_NAMES:
        return written[:1].lower() + written[1:]
    return written


def _folded(counts: Counter[str]) -> dict[str, int]:
    """Counts merged case-insensitively, each shown in its most used writing."""
    total: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for form, n in counts.most_common():
        key = fold(form)
        total[key] += n
        shown.setdefault(key, form)
    return {shown[key]: n for key, n in total.most_common()}


def _apply_roles(
    curation: Curation,
    registry: Registry,
    records: list[Quote],
    lookup: dict[str, set[str]],
    union: _Union,
    ids: dict[str, str],
    warnings: list[str],
) -> None:
    for entry in curation.roles:
        roots = [r for r in _resolve(entry.speaker, lookup, union) if r in ids]
        if not roots:
            warnings.append(f"line {entry.line}: [[role]] {entry.speaker!r} matches no speaker")
            continue
        for root in roots:
            speaker = registry.speakers[ids[root]]
            speaker.roles.append(
                RoleSpan(entry.role, entry.organisation, entry.first, entry.last, [], "curation")
            )
            speaker.roles.sort(key=lambda r: (r.first or "9999", r.role))
            label = f"{entry.role}, {entry.organisation}" if entry.organisation else entry.role
            for quote in records:
                day = _quote_date(quote)
                if quote.speaker_id != speaker.id or quote.role:
                    continue
                if (entry.first and (not day or day < entry.first)) or (
                    entry.last and (not day or day > entry.last)
                ):
                    continue
                quote.role = quote.speaker_role = label


# ---------------------------------------------------------------------------------------------
# Suggestions


def _suggestions(
    nodes: dict[str, _Node],
    union: _Union,
    ids: dict[str, str],
    registry: Registry,
    unresolved: dict[str, list[_Candidate]],
    distinct_keys: set[frozenset[str]],
    max_gap_days: int,
) -> list[Suggestion]:
    found: dict[frozenset[str], Suggestion] = {}

    def add(a_key: str, b_key: str, reason: str, distance: int | None) -> None:
        ra, rb = union.find(a_key), union.find(b_key)
        if ra == rb or ra not in ids or rb not in ids:
            return
        if _is_distinct(a_key, b_key, distinct_keys):
            return
        a, b = registry.speakers[ids[ra]], registry.speakers[ids[rb]]
        pair = frozenset((a.id, b.id))
        if pair in found:
            return
        found[pair] = Suggestion(a.id, b.id, a.name, b.name, reason, _evidence(a, b, distance))

    for key, candidates in unresolved.items():
        reason = "ambiguous surname" if len(candidates) > 1 else "surname only"
        if len(candidates) == 1:
            c = candidates[0]
            if c.role is False:
                reason = "surname only, different role"
            elif c.gap is not None and c.gap > max_gap_days:
                reason = "surname only, far apart in time"
        for candidate in candidates:
            add(key, candidate.key, reason, None)

    # Near-identical spellings: block on deletion variants, then measure.
    variants: dict[str, set[str]] = defaultdict(set)
    for key, node in nodes.items():
        # Groups ("union members") have no spelling to get wrong; long phrases are not names.
        # Persons are blocked by surname below (the same surname: given names compared).
        if key.startswith("\x00") or node.kind in ("group", "person") or len(key) > MAX_NAME_CHARS:
            continue
        for variant in deletion_variants(key, _depth(key)):
            variants[variant].add(f"{node.kind}\x00{key}")
    # Surnames are blocked as surnames, not per name: the dozens of names sharing "trump" are
    # compared with another surname's names only when the two surnames are close enough.
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key, node in nodes.items():
        if node.kind == "person" and not key.startswith("\x00") and len(node.surname) >= 4:
            by_surname[node.surname].append(key)
    surnames: dict[str, set[str]] = defaultdict(set)
    for surname in by_surname:
        for variant in deletion_variants(surname, _depth(surname)):
            surnames[variant].add(surname)
    pairs: set[tuple[str, str]] = set()
    for group in variants.values():
        if len(group) > 1:
            members = sorted(k.split("\x00", 1)[1] for k in group)
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if nodes[a].kind == nodes[b].kind:
                        pairs.add((a, b))
    for keys in by_surname.values():  # "Jesse Starkey" / "Jessie Starkey"
        given = [k for k in keys if nodes[k].given]
        for i, a in enumerate(given):
            for b in given[i + 1:]:
                if len(nodes[a].given) == len(nodes[b].given):
                    pairs.add((min(a, b), max(a, b)))
    close: set[tuple[str, str]] = set()
    for group in surnames.values():
        if len(group) > 1:
            ordered = sorted(group)
            for i, x in enumerate(ordered):
                for y in ordered[i + 1:]:
                    limit = _surname_limit(x, y)
                    if limit and edit_distance(x, y, limit) <= limit:
                        close.add((x, y))
    for x, y in close:
        for a in by_surname[x]:
            for b in by_surname[y]:
                pairs.add((min(a, b), max(a, b)))
    for a, b in sorted(pairs):
        na, nb = nodes[a], nodes[b]
        if na.kind == "person":
            found_person = _person_spelling(na, nb)
            if found_person:
                add(a, b, *found_person)
            continue
        if min(len(a), len(b)) < 5 or is_acronym(na.mentions[0].name) or is_acronym(
            nb.mentions[0].name
        ):
            continue  # "ABC" / "NBC" are different broadcasters, not typos
        limit = _depth(min(a, b, key=len))
        distance = edit_distance(a, b, limit)
        if distance <= limit:
            add(a, b, "similar spelling", distance)
    return sorted(
        found.values(),
        key=lambda s: (s.evidence.get("edit_distance") or 0, s.a_name.casefold(), s.b_name),
    )


def _depth(text: str) -> int:
    return 1 if len(text) < 10 else 2


def _surname_limit(a: str, b: str) -> int:
    """Edits allowed between two surnames: none below 6 letters ("Beck" / "Buck" are two
    people far more often than a typo), one up to 9, two from 10."""
    shorter = min(len(a), len(b))
    if shorter < 6 or a + "s" == b or b + "s" == a:  # "Trumps", "Khans": families
        return 0
    return 1 if shorter < 10 else 2


def _person_spelling(a: _Node, b: _Node) -> tuple[str, int] | None:
    """(reason, edit distance) when two person names look like one name misspelt."""
    if a.surname == b.surname:
        if len(a.given) != len(b.given) or not a.given:
            return None
        differing = [(x, y) for x, y in zip(a.given, b.given, strict=True) if x != y]
        if len(differing) != 1 or min(len(differing[0][0]), len(differing[0][1])) < 4:
            return None
        distance = edit_distance(*differing[0], 1)
        return ("similar spelling", distance) if distance <= 1 else None
    if not (given_compatible(a.given, b.given) or given_compatible(b.given, a.given)):
        return None
    limit = _surname_limit(a.surname, b.surname)
    distance = edit_distance(a.surname, b.surname, limit)
    if not limit or distance > limit:
        return None
    both_full = bool(a.given) and bool(b.given)
    return ("similar spelling" if both_full else "similar surname", distance)


def _evidence(a: Speaker, b: Speaker, distance: int | None) -> dict:
    a_words = frozenset().union(*(role_words(r.role) for r in a.roles)) if a.roles else frozenset()
    b_words = frozenset().union(*(role_words(r.role) for r in b.roles)) if b.roles else frozenset()
    evidence: dict = {
        "a_roles": [r.role for r in a.roles],
        "b_roles": [r.role for r in b.roles],
        "shared_role_words": shared_words(a_words, b_words),
        "a_dates": [a.first, a.last],
        "b_dates": [b.first, b.last],
        "days_apart": days_apart((a.first, a.last), (b.first, b.last)),
        "a_articles": len(a.articles),
        "b_articles": len(b.articles),
    }
    if distance is not None:
        evidence["edit_distance"] = distance
    return evidence
