"""Persist the registry next to the index as one JSON file, so readers need not rebuild it."""

from __future__ import annotations

import functools
import json
import os
import tempfile
from pathlib import Path

from .model import Registry, Speaker, Suggestion

REGISTRY_FILE = "speakers.json"
FORMAT_VERSION = 1


def save_registry(registry: Registry, path: str | os.PathLike[str]) -> None:
    """Write ``registry`` to ``path`` (e.g. ``index/speakers.json``) atomically."""
    path = Path(path)
    data = {
        "version": FORMAT_VERSION,
        "speakers": [s.to_dict() for s in registry.speakers.values()],
        "suggestions": [s.to_dict() for s in registry.suggestions],
        "hidden": registry.hidden,
        "warnings": registry.warnings,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".speakers-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            # one string, one write: json.dump writes each of its many pieces on its own
            out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def load_registry(path: str | os.PathLike[str]) -> Registry:
    """Read a registry written by :func:`save_registry`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    version = data.get("version")
    if version != FORMAT_VERSION:
        raise ValueError(f"{path}: registry format {version!r}, expected {FORMAT_VERSION}; "
                         "re-run `onrecord ingest`")
    speakers = [Speaker.from_dict(s) for s in data.get("speakers", [])]
    return Registry(
        speakers={s.id: s for s in speakers},
        suggestions=[Suggestion(**s) for s in data.get("suggestions", [])],
        hidden=list(data.get("hidden", [])),
        warnings=list(data.get("warnings", [])),
    )


@functools.lru_cache(maxsize=4)
def registry_in(directory: str) -> Registry | None:
    """The registry saved in an index generation, or None; read once per generation (a
    generation never changes after it is published)."""
    path = Path(directory) / REGISTRY_FILE
    return load_registry(path) if path.exists() else None
