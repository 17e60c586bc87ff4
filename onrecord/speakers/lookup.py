"""Find a speaker by what a user types, list speakers, and lay out one speaker's record.

These are the library functions behind ``onrecord speaker NAME`` and ``onrecord speakers``;
the CLI parses arguments and prints what they return.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..records import Quote
from .model import Registry, Speaker, Suggestion
from .names import edit_distance, fold, name_key, parse_person, slugify
from .statements import also_in_articles


class SpeakerNotFound(LookupError):
    """No single speaker matches; ``suggestions`` are the names the user may have meant."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        message = f"no speaker called {name!r}"
        if suggestions:
            message += "; did you mean: " + ", ".join(suggestions) + "?"
        super().__init__(message)


def _canonical_forms(speaker: Speaker) -> set[str]:
    return {fold(speaker.name), speaker.id, name_key(speaker.name, speaker.kind)}


def _alias_forms(speaker: Speaker) -> set[str]:
    forms = {fold(alias) for alias in speaker.aliases}
    forms |= {name_key(alias, speaker.kind) for alias in speaker.aliases}
    return {f.strip() for f in forms if f.strip()}


@dataclass(frozen=True)
class Match:
    """The speaker a typed name resolved to, and how: ``id``, ``name``, ``surname``,
    ``alias``, ``reference`` ("the mayor") or ``spelling`` (a typo corrected)."""

    speaker: Speaker
    how: str
    matched: str  # the name form, reference or id that matched
    others: tuple[str, ...] = ()  # other people an id that is a bare surname might mean

    @property
    def notice(self) -> str | None:
        """What a user must be told, or None when they typed the speaker's id or name."""
        if self.how == "id" and self.others:
            return (f"{self.matched!r} is the id of {self.speaker.name!r} only; others with "
                    f"that surname: {', '.join(self.others)}")
        if self.how == "surname" and self.others:
            return (f"{self.matched!r} is the surname most often written for "
                    f"{self.speaker.name} (id {self.speaker.id}); also: {', '.join(self.others)}")
        if self.how in ("id", "name"):
            return None
        what = {
            "surname": "the surname of",
            "alias": "a name used for",
            "reference": "a reference the archive links to",
            "spelling": "no speaker; closest spelling",
        }[self.how]
        if self.how == "spelling":
            return f"{self.matched!r} matches {what}: {self.speaker.name} (id {self.speaker.id})"
        return f"{self.matched!r} is {what} {self.speaker.name} (id {self.speaker.id})"


def find_speaker(registry: Registry, name: str) -> Speaker:
    """The one speaker ``name`` means, or :class:`SpeakerNotFound` with "did you mean" names.

    See :func:`resolve_speaker`, which also says how the name matched.
    """
    return resolve_speaker(registry, name).speaker


def resolve_speaker(registry: Registry, name: str) -> Match:
    """The one speaker ``name`` means and how it matched, or :class:`SpeakerNotFound`.

    Tried in order (case- and accent-insensitive, titles ignored): an id, exactly (``trump``
    is the speaker whose id is ``trump``, never another); the canonical name; for a bare
    surname, the one person with that surname; an alias, when one speaker was written that way
    far more often than any other; a reference ("the mayor") the same way; a spelling within
    one or two edits of exactly one name.
    """
    exact = registry.get(name.strip())
    if exact is not None:
        person = parse_person(exact.name)
        others: tuple[str, ...] = ()
        if exact.kind == "person" and person.is_bare:
            others = tuple(_names(sorted(
                (s for s in registry if s is not exact and s.kind == "person"
                 and parse_person(s.name).surname == person.surname),
                key=lambda s: (-s.statements, s.name),
            )))
        return Match(exact, "id", name.strip(), others)
    query = fold(" ".join(name.split()))
    if not query:
        raise SpeakerNotFound(name, [])
    keys = {query, slugify(name), name_key(name, "person"), name_key(name, "organisation")}
    query_person = parse_person(name)

    def uses(speaker: Speaker) -> int:
        return sum(n for alias, n in speaker.aliases.items() if keys & {fold(alias)})

    def ranked(speakers: Iterable[Speaker]) -> list[Speaker]:
        return sorted(speakers, key=lambda s: (-uses(s), -s.quotes, s.name))

    same_surname = []
    if query_person.is_bare:
        same_surname = [
            s for s in registry
            if s.kind == "person" and parse_person(s.name).surname == query_person.surname
        ]
    canonical = [s for s in registry if keys & _canonical_forms(s)]
    if len(canonical) == 1 and len(same_surname) <= 1:
        return Match(canonical[0], "name", name)
    if len(same_surname) == 1:
        return Match(same_surname[0], "surname", name)
    if same_surname:
        # "trump": the one the archive writes that way far more often than anyone else.
        by_use = ranked(same_surname)
        if uses(by_use[0]) >= 3 * max(uses(by_use[1]), 1):
            others = tuple(s.name for s in by_use[1:8])
            return Match(by_use[0], "surname", name, others)
        raise SpeakerNotFound(name, _names(by_use))
    if canonical:
        raise SpeakerNotFound(name, _names(ranked(canonical)))

    aliased = ranked(s for s in registry if keys & _alias_forms(s))
    if len(aliased) == 1 or (len(aliased) > 1 and uses(aliased[0]) >= 3 * max(uses(aliased[1]), 1)):
        return Match(aliased[0], "alias", name)
    if aliased:
        raise SpeakerNotFound(name, _names(aliased))

    def refs(speaker: Speaker) -> int:
        return sum(n for ref, n in speaker.references.items() if fold(ref) == query)

    referred = sorted((s for s in registry if refs(s)), key=lambda s: (-refs(s), s.name))
    if referred and (len(referred) == 1 or refs(referred[0]) >= 3 * refs(referred[1])):
        return Match(referred[0], "reference", name)
    if referred:
        raise SpeakerNotFound(name, _names(referred))

    scored: list[tuple[int, Speaker]] = []
    for speaker in registry:
        targets = {fold(speaker.name), *(fold(a) for a in speaker.aliases)}
        if speaker.kind == "person" and query_person.is_bare:
            targets.add(parse_person(speaker.name).surname)
        limit = 1 if len(query) < 8 else 2
        best = min(edit_distance(query, t, limit) for t in targets)
        if best <= limit:
            scored.append((best, speaker))
    if scored:
        scored.sort(key=lambda item: (item[0], -item[1].quotes, item[1].name))
        closest = [s for d, s in scored if d == scored[0][0]]
        if len(closest) == 1:
            return Match(closest[0], "spelling", name)
        raise SpeakerNotFound(name, _names(s for _, s in scored))
    # A given name or any one word of a name ("Jesse"): offer everyone it fits.
    word_hits = [s for s in registry if query in fold(s.name).split()]
    if word_hits:
        raise SpeakerNotFound(name, _names(ranked(word_hits)))
    names = {fold(s.name): s.name for s in registry}
    close = difflib.get_close_matches(query, list(names), n=5, cutoff=0.6)
    raise SpeakerNotFound(name, [names[c] for c in close])


def _names(speakers: Iterable[Speaker]) -> list[str]:
    """Up to eight names, in the order given (callers rank them)."""
    return [s.name for s in speakers][:8]


def speaker_ids(
    registry: Registry | None,
    names: Iterable[str],
    *,
    strict: bool,
    notices: list[str] | None = None,
    say: Callable[[Match], str | None] = lambda match: match.notice,
) -> list[str]:
    """Speaker ids for names as people write them: a name, alias, lone surname, id or typo.

    ``strict`` (the CLI) raises :class:`SpeakerNotFound` for a name that matches nobody;
    otherwise (links on the web) the value is kept as an id, so a stale link finds nothing
    rather than failing. Without a registry the names are taken as ids or slugged names.
    What was matched other than by id or name (an alias, a reference, a corrected typo) is
    appended to ``notices``, so no correction is silent, in the words ``say`` gives it (by
    default the CLI's :attr:`Match.notice`; the web says it as a reader would).
    """
    ids: list[str] = []
    for name in names:
        if registry is None:
            ids.append(slugify(name))
            continue
        try:
            match = resolve_speaker(registry, name)
        except SpeakerNotFound:
            if strict:
                raise
            ids.append(name)
            continue
        ids.append(match.speaker.id)
        notice = say(match) if notices is not None else None
        if notice:
            notices.append(notice)
    return ids


def list_speakers(
    registry: Registry,
    *,
    top: int | None = None,
    kind: str | None = None,
    counts: Mapping[str, int] | None = None,
) -> list[Speaker]:
    """Speakers, most quoted first (``onrecord speakers [--top N] [--kind K]``).

    ``counts`` are statements per speaker id as the search counts them
    (:func:`onrecord.search.statements_per_speaker`), which the CLI shows; without them the
    registry's own counts order the list.
    """
    speakers = [s for s in registry if kind is None or s.kind == kind]

    def statements(speaker: Speaker) -> int:
        return speaker.statements if counts is None else counts.get(speaker.id, 0)

    speakers.sort(key=lambda s: (-statements(s), -s.quotes, s.name.casefold()))
    return speakers[:top] if top else speakers


def suggest(registry: Registry) -> list[Suggestion]:
    """Possible merges for a human to decide (``onrecord speakers suggest``)."""
    return list(registry.suggestions)


def chronology(
    speaker: Speaker | str, quotes: Iterable[Quote], *, collapse: bool = True
) -> list[Quote]:
    """Every statement of ``speaker`` in order: by statement date, then by position.

    With ``collapse``, a statement repeated across articles appears once, at its earliest
    occurrence (whose ``also_in`` lists the rest). Undated statements come last.
    """
    speaker_id = speaker.id if isinstance(speaker, Speaker) else speaker
    own = [q for q in quotes if q.speaker_id == speaker_id]
    if collapse:
        own = [q for q in own if q.canonical or not q.statement_id]
    return sorted(own, key=_when)


def _when(quote: Quote) -> tuple:
    day = quote.date or quote.published
    return (str(day)[:10] if day else "9999-99-99", quote.published or "", quote.article,
            quote.start, quote.id)


def speaker_card(speaker: Speaker) -> dict[str, Any]:
    """The speaker's card: name, aliases, roles over time, counts by topic and by year."""
    return {
        "id": speaker.id,
        "name": speaker.name,
        "kind": speaker.kind,
        "aliases": speaker.aliases,
        "references": speaker.references,
        "roles": [
            {"role": r.role, "organisation": r.organisation, "first": r.first, "last": r.last,
             "articles": len(r.articles), "origin": r.origin}
            for r in speaker.roles
        ],
        "statements": speaker.statements,
        "quotes": speaker.quotes,
        "articles": len(speaker.articles),
        "first": speaker.first,
        "last": speaker.last,
        "topics": speaker.topics,
        "years": speaker.years,
    }


def _statement(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "statement_id": quote.statement_id,
        "date": quote.date or quote.published,
        "kind": quote.kind,
        "text": quote.text,
        "role": quote.role,
        "source": quote.source,
        "title": quote.title,
        "article": quote.article,
        "url": quote.url,
        "also_in": quote.also_in,
    }


def render_speaker(
    speaker: Speaker,
    statements: list[Quote],
    fmt: str = "text",
    labels: Mapping[str, str] | None = None,
) -> str:
    """Render a card and its chronology as ``text``, ``json`` or ``jsonl`` (one statement a
    line, after a first line holding the card). ``labels`` names topics in the text for
    people; JSON keeps the topic keys, which other tools filter on."""
    card = speaker_card(speaker)
    if fmt == "json":
        card["statements_in_order"] = [_statement(q) for q in statements]
        return json.dumps(card, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        lines = [json.dumps({"speaker": card}, ensure_ascii=False)]
        lines += [json.dumps(_statement(q), ensure_ascii=False) for q in statements]
        return "\n".join(lines) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r}; choose one of: text, json, jsonl")
    return _text(card, statements, labels or {})


def _text(card: dict[str, Any], statements: list[Quote], labels: Mapping[str, str]) -> str:
    out = [f"{card['name']} ({card['kind']}, id {card['id']})"]
    out.append(
        f"  {card['statements']} statements in {card['articles']} articles"
        + (f", {card['first']} to {card['last']}" if card["first"] else "")
    )
    if card["aliases"]:
        out.append("  written as: " + ", ".join(f"{a} ({n})" for a, n in card["aliases"].items()))
    for role in card["roles"]:
        org = f", {role['organisation']}" if role["organisation"] else ""
        when = role["first"] or "?"
        if role["last"] and role["last"] != role["first"]:
            when += f" to {role['last']}"
        out.append(f"  role: {role['role']}{org} ({when})")
    if card["topics"]:
        out.append("  topics: " + ", ".join(
            f"{labels.get(t, t)} {n}" for t, n in card["topics"].items()
        ))
    if card["years"]:
        out.append("  years: " + ", ".join(f"{y} {n}" for y, n in card["years"].items()))
    out.append("")
    for quote in statements:
        day = quote.date or quote.published or "undated"
        text = f"\u201c{quote.text}\u201d" if quote.kind == "direct" else quote.text
        out.append(f"{day}  {quote.source or quote.article}: {text}")
        more = also_in_articles(quote)
        if more:
            out.append(f"            also in {more} other article{'s' if more > 1 else ''}")
    return "\n".join(out) + "\n"
