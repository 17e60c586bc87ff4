"""The registry's record types: a speaker, a role held over time, a merge suggestion.

Plain dataclasses that round-trip through JSON (``store.py``) so the CLI and the web app can
load the registry built at ingest without rebuilding it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..records import asdict_value


@dataclass
class RoleSpan:
    """One role a speaker was seen in, with the first and last date and the articles."""

    role: str
    organisation: str | None = None
    first: str | None = None
    last: str | None = None
    articles: list[str] = field(default_factory=list)
    origin: str = "archive"  # "archive" (seen in articles) or "curation" (speakers.toml)
    office: str | None = None  # "Senator", "President" (abbreviations written out)
    affiliation: str | None = None  # party: "Republican" (also for "GOP"), "Democratic"
    count: int = 0  # mentions in this role

    def to_dict(self) -> dict[str, Any]:
        """What ``dataclasses.asdict`` gives, without its generic recursion."""
        return {name: asdict_value(getattr(self, name)) for name in _ROLE_FIELDS}


@dataclass
class Speaker:
    """One identity across the archive: every name it was written as, every role it held."""

    id: str
    name: str
    kind: str = "person"  # person / organisation / group
    aliases: dict[str, int] = field(default_factory=dict)  # name forms seen, with counts
    references: dict[str, int] = field(default_factory=dict)  # "the mayor", "she", ...
    roles: list[RoleSpan] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    quotes: int = 0  # occurrences attributed (one per article a statement appears in)
    statements: int = 0  # distinct statements after cross-article dedup
    first: str | None = None
    last: str | None = None
    topics: dict[str, int] = field(default_factory=dict)
    years: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """What ``dataclasses.asdict`` gives (a test compares them), in a fifth of the time:
        ingest writes every speaker of the archive to the registry file after the serial
        whole-archive stage."""
        return {
            name: [role.to_dict() for role in self.roles]
            if name == "roles"
            else asdict_value(getattr(self, name))
            for name in _SPEAKER_FIELDS
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        data = dict(data)
        data["roles"] = [RoleSpan(**r) for r in data.get("roles", [])]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Suggestion:
    """Two speakers that may be one person, with the evidence, for a human to decide.

    Accept with ``onrecord speakers merge A B``; dismiss with a ``[[distinct]]`` entry.
    """

    a: str  # speaker id
    b: str
    a_name: str
    b_name: str
    reason: str  # "similar spelling" / "surname only" / "ambiguous surname" / ...
    evidence: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        parts = [f"{self.a_name!r} and {self.b_name!r}: {self.reason}"]
        ev = self.evidence
        if "edit_distance" in ev:
            parts.append(f"edit distance {ev['edit_distance']}")
        if ev.get("shared_role_words"):
            parts.append("shared role/organisation: " + ", ".join(ev["shared_role_words"]))
        if ev.get("a_roles") or ev.get("b_roles"):
            parts.append(
                f"roles {ev.get('a_roles') or ['?']} / {ev.get('b_roles') or ['?']}"
            )
        if ev.get("a_dates") or ev.get("b_dates"):
            parts.append(f"dates {_span(ev.get('a_dates'))} / {_span(ev.get('b_dates'))}")
        if ev.get("days_apart") is not None:
            parts.append(f"{ev['days_apart']} days apart")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_ROLE_FIELDS = tuple(f.name for f in fields(RoleSpan))
_SPEAKER_FIELDS = tuple(f.name for f in fields(Speaker))


def _span(dates: list[str | None] | None) -> str:
    if not dates or not any(dates):
        return "undated"
    first, last = dates
    return first if first == last else f"{first}..{last}"


@dataclass
class Registry:
    """All speakers of an archive, keyed by ``speaker_id``, plus what needs a human's eye."""

    speakers: dict[str, Speaker] = field(default_factory=dict)
    suggestions: list[Suggestion] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # names hidden by the curation file
    warnings: list[str] = field(default_factory=list)  # curation entries that matched nothing

    def __len__(self) -> int:
        return len(self.speakers)

    def __iter__(self):
        return iter(self.speakers.values())

    def get(self, speaker_id: str) -> Speaker | None:
        return self.speakers.get(speaker_id)
