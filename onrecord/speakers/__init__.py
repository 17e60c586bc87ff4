"""Speakers: one identity per person or organisation across the whole archive.

Stages, in order: ``curation`` reads ``archive/speakers.toml`` (a human's fixes);
``registry`` joins the in-article speaker names of every quote into archive-wide speakers
(``names`` and ``roles`` hold the matching rules) and hands the quotes to ``statements``, which
dedups the same statement across articles; ``store`` saves the registry next to the index;
``lookup`` finds a speaker by what a user types and lays out their statements in order.

Rules and the curation file format: ``docs/speakers.md``.
"""

from .curation import (
    CURATION_FILE,
    Curation,
    CurationError,
    add_role,
    distinct,
    hide,
    load_curation,
    merge,
    parse_curation,
    reassign,
    rename,
    split,
)
from .lookup import (
    Match,
    SpeakerNotFound,
    chronology,
    find_speaker,
    list_speakers,
    render_speaker,
    resolve_speaker,
    speaker_card,
    speaker_ids,
    suggest,
)
from .model import Registry, RoleSpan, Speaker, Suggestion
from .registry import build_registry
from .statements import also_in_articles, assign_statements, normalise
from .store import REGISTRY_FILE, load_registry, registry_in, save_registry

__all__ = [
    "CURATION_FILE",
    "REGISTRY_FILE",
    "Curation",
    "CurationError",
    "Match",
    "Registry",
    "RoleSpan",
    "Speaker",
    "SpeakerNotFound",
    "Suggestion",
    "add_role",
    "also_in_articles",
    "assign_statements",
    "build_registry",
    "chronology",
    "distinct",
    "find_speaker",
    "hide",
    "list_speakers",
    "load_curation",
    "load_registry",
    "registry_in",
    "merge",
    "normalise",
    "parse_curation",
    "reassign",
    "rename",
    "render_speaker",
    "resolve_speaker",
    "speaker_ids",
    "save_registry",
    "speaker_card",
    "split",
    "suggest",
]
