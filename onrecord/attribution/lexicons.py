"""Word lists kept as data files beside the code (``lexicons/<name>.<lang>.txt``).

One entry per line, lowercase, sorted, ``#`` starts a comment line. Keeping them as files lets a
reviewer read and extend a list without touching the rules that use it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

_PACKAGE = "onrecord.attribution"


def available(name: str) -> list[str]:
    """Languages a lexicon exists in, e.g. ``available("reporting_verbs") == ["en"]``."""
    folder = resources.files(_PACKAGE) / "lexicons"
    prefix = f"{name}."
    return sorted(
        entry.name[len(prefix) : -len(".txt")]
        for entry in folder.iterdir()
        if entry.name.startswith(prefix) and entry.name.endswith(".txt")
    )


@cache
def load_lexicon(name: str, lang: str = "en") -> frozenset[str]:
    """Read one lexicon file once per process.

    Raises:
        ValueError: when no file exists for ``lang``; the message lists the languages that do.
    """
    resource = resources.files(_PACKAGE) / "lexicons" / f"{name}.{lang}.txt"
    if not resource.is_file():
        raise ValueError(f"no {name!r} lexicon for language {lang!r}; available: {available(name)}")
    lines = resource.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def words(text: str) -> frozenset[str]:
    """A small inline word set written as one spaced string (short closed classes in code)."""
    return frozenset(text.split())
