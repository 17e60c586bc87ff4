"""Look-ups the pages need beyond a ranked search: one record, an article, a speaker.

Everything reads the immutable index generation through Whoosh columns and stored fields;
results that depend only on the generation (the speaker list) are cached per generation path,
which is safe because a generation never changes once published.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from onrecord.index import Generation, searcher_for
from onrecord.search import (  # noqa: F401  (the look-ups the views use, re-exported)
    prepared,
    record_by_id,
    records_by_statement,
    records_of_article,
    speaker_statements,
    statements_per_speaker,
)
from onrecord.speakers import (
    Registry,
    RoleSpan,
    Speaker,
    SpeakerNotFound,
    registry_in,
    resolve_speaker,
)
from onrecord.speakers.names import fold

# References a page does not list: every speaker is "he" or "she" somewhere.
PRONOUNS = frozenset({
    "he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs", "it", "its",
    "i", "me", "my", "we", "us", "our", "you", "your",
})


@dataclass
class SpeakerRow:
    id: str
    name: str
    count: int
    matched: str | None = None  # the alias or reference a finder query matched, if not the name
    kind: str | None = None  # person / organisation / group, from the registry when there is one


@functools.lru_cache(maxsize=8)
def _speaker_table(generation_path: str) -> tuple[SpeakerRow, ...]:
    """Every speaker id with its statement count and display name, for one generation.

    Counts are of statements shown once however many articles carry them, as in a search.
    """
    generation = Generation(Path(generation_path))
    registry = registry_in(generation_path)
    searcher = searcher_for(generation)
    prep = prepared(generation, searcher)
    counts = statements_per_speaker(generation)
    rows = []
    for sid, count in counts.items():
        known = registry.get(sid) if registry else None
        name = known.name if known else prep.label(searcher, sid)
        rows.append(SpeakerRow(sid, name, count, kind=known.kind if known else None))
    return tuple(rows)


def speaker_table(generation: Generation) -> list[SpeakerRow]:
    return list(_speaker_table(str(generation.path)))


SPEAKER_KINDS = ("person", "organisation", "group")


def list_speakers(
    generation: Generation, *, q: str = "", sort: str = "count", kind: str = ""
) -> list[SpeakerRow]:
    """Speakers whose name, id, alias or reference ("the mayor") contains ``q`` (case- and
    accent-insensitive), of one ``kind`` if given, sorted by count or name; a row found by an
    alias or reference says which in ``matched``."""
    rows = speaker_table(generation)
    if kind:
        rows = [row for row in rows if row.kind == kind]
    needle = fold(" ".join(q.split()))
    if needle:
        registry = registry_in(str(generation.path))
        found = []
        for row in rows:
            if needle in fold(row.name) or needle in row.id:
                found.append(row)
                continue
            known = registry.get(row.id) if registry else None
            if known is None:
                continue
            forms = [("also written", a) for a in known.aliases]
            forms += [("referred to as", r) for r in known.references]
            hit = next((f"{how} \u201c{form}\u201d" for how, form in forms
                        if needle in fold(form)), None)
            if hit:
                found.append(replace(row, matched=hit))
        rows = found or _misspelt(rows, registry, q)
    if sort == "name":
        return sorted(rows, key=lambda r: (r.name.casefold(), r.id))
    return sorted(rows, key=lambda r: (-r.count, r.name.casefold(), r.id))


CLOSE_SPELLING = "close spelling"  # a finder row no name contained the query of


def _misspelt(rows: list[SpeakerRow], registry: Registry | None, q: str) -> list[SpeakerRow]:
    """When no name contains ``q``: the speakers a search's ``speaker=`` would take it for
    (a typo such as "Hilary Clinton", within an edit or two), or the names it may mean."""
    if registry is None:
        return []
    try:
        match = resolve_speaker(registry, q)
    except SpeakerNotFound as missing:
        by_name = {row.name: row for row in reversed(rows)}
        return [replace(by_name[name], matched=CLOSE_SPELLING)
                for name in missing.suggestions if name in by_name]
    return [replace(row, matched=CLOSE_SPELLING) for row in rows if row.id == match.speaker.id]


@dataclass
class SpeakerProfile:
    """What the speaker page shows above the statements."""

    id: str
    name: str
    kind: str | None
    total: int
    aliases: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)  # "the mayor", "she": from the registry
    roles: list[RoleSpan] = field(default_factory=list)
    months: dict[str, int] = field(default_factory=dict)  # "YYYY-MM" -> statements
    topics: dict[str, int] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None


MAX_PROFILE_RECORDS = 1000  # cap on stored records read to derive aliases and roles


def speaker_profile(generation: Generation, speaker_id: str) -> SpeakerProfile | None:
    """Name, aliases, roles over time and counts per month and topic; None if unknown.

    Months and topics come from index columns; names and roles from the registry when the
    ingest wrote one, otherwise from the speaker's own records (up to a cap). Cached per
    generation, which never changes.
    """
    return _speaker_profile(str(generation.path), speaker_id)


@functools.lru_cache(maxsize=256)
def _speaker_profile(generation_path: str, speaker_id: str) -> SpeakerProfile | None:
    generation = Generation(Path(generation_path))
    registry = registry_in(generation_path)
    entry = registry.get(speaker_id) if registry else None
    statements = speaker_statements(generation, speaker_id)
    if not statements.total:
        return None
    docnums = statements.docnums
    searcher = searcher_for(generation)
    sample = docnums[:: -(-len(docnums) // MAX_PROFILE_RECORDS)]  # evenly, across the years
    derived = _derive_from_records(
        json.loads(searcher.stored_fields(d)["record"]) for d in sample
    )
    profile = SpeakerProfile(
        id=speaker_id,
        name=derived["name"] or speaker_id,
        kind=derived["kind"],
        total=statements.total,
        aliases=derived["aliases"],
        roles=derived["roles"],
        months=statements.months,
        topics=statements.topics,
        first=min(statements.months, default=None),
        last=max(statements.months, default=None),
    )
    if entry:
        _apply_registry(profile, entry)
    return profile


def _derive_from_records(records: Any) -> dict[str, Any]:
    names: Counter[str] = Counter()
    spans: dict[str, RoleSpan] = {}
    kind = None
    for record in records:
        kind = kind or record.get("speaker_kind")
        for name in (record.get("speaker"), record.get("speaker_as_written")):
            if name:
                names[name] += 1
        role, date = record.get("role"), record.get("date")
        if role:
            span = spans.setdefault(role.casefold(), RoleSpan(role))
            if date:
                span.first = min(filter(None, [span.first, date]))
                span.last = max(filter(None, [span.last, date]))
    canonical = names.most_common(1)[0][0] if names else None
    return {
        "name": canonical,
        "kind": kind,
        "aliases": sorted(n for n in names if n != canonical),
        "roles": sorted(spans.values(), key=lambda r: (r.first or "", r.role)),
    }


def _apply_registry(profile: SpeakerProfile, speaker: Speaker) -> None:
    """Prefer the registry's curated name, aliases and roles over what records suggest."""
    profile.name = speaker.name or profile.name
    profile.kind = speaker.kind or profile.kind
    by_count = sorted(speaker.aliases, key=lambda a: (-speaker.aliases[a], a))
    profile.aliases = [a for a in by_count if a != profile.name]
    profile.references = sorted(
        (r for r in speaker.references if r.casefold() not in PRONOUNS),
        key=lambda r: (-speaker.references[r], r),
    )
    if speaker.roles:
        profile.roles = sorted(speaker.roles, key=lambda r: (r.first or "", r.role))


def also_in_count(record: dict[str, Any]) -> int:
    """How many other articles carry the same statement (0 when dedup has not run)."""
    others = record.get("also_in") or []
    articles = {o.get("article") for o in others if isinstance(o, dict)} - {record.get("article")}
    return len(articles)

