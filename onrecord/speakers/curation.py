"""The curation file, ``archive/speakers.toml``: a human's corrections to the speaker registry.

Read and validated on every ingest (errors name the line), and written by the CLI commands
(``onrecord speakers merge``, ``rename``, ``quote reassign`` ...). Writers append new entries as
text at the end of the file or replace one value in place, so everything the user wrote --
comments, order, blank lines -- stays as it was. Format and examples: ``docs/speakers.md``.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError

CURATION_FILE = "speakers.toml"

HEADER = """\
# Speaker corrections for this archive, applied on every `onrecord ingest`.
# Edit by hand or with `onrecord speakers merge|rename|distinct|hide` and
# `onrecord quote reassign`; re-run `onrecord ingest` after a change. Format: docs/speakers.md
# Every entry names speakers by any name the registry knows (canonical name, alias or id).
#
#   [[merge]]     names = ["Jesse Sharkey", "Jesse Starkey"]   # name = "..." picks the name
#   [[rename]]    speaker = "Lori Lightfoot"   name = "Lori E. Lightfoot"
#   [[split]]     alias = "Clinton"   from = "Hillary Clinton"   to = "Bill Clinton"
#   [[distinct]]  names = ["Clinton", "Bill Clinton"]   # never join; silences a suggestion
#   [[hide]]      speaker = "Rallying"                   # not a speaker: quotes unattributed
#   [[reassign]]  quote = "0a1b2c3d4e5f"   speaker = "Jesse Sharkey"
#   [[role]]      speaker = "Jesse Sharkey"   role = "President"
#                 organisation = "Chicago Teachers Union"   from = 2018-07-01   to = 2022-06-30
"""

# section -> (required keys, optional keys)
SECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "merge": (("names",), ("name",)),
    "rename": (("speaker", "name"), ()),
    "split": (("alias",), ("from", "to", "articles")),
    "distinct": (("names",), ()),
    "hide": (("speaker",), ()),
    "reassign": (("quote", "speaker"), ("article", "text")),
    "role": (("speaker", "role"), ("organisation", "from", "to")),
}


class CurationError(ValueError):
    """The curation file is invalid; the message names the file and the line."""

    def __init__(self, path: str | os.PathLike[str] | None, line: int | None, message: str):
        self.path = str(path) if path else "speakers.toml"
        self.line = line
        self.message = message
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Merge:
    names: tuple[str, ...]
    name: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Rename:
    speaker: str
    name: str
    line: int = 0


@dataclass(frozen=True)
class Split:
    alias: str
    from_: str | None = None
    to: str | None = None
    articles: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Distinct:
    names: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Hide:
    speaker: str
    line: int = 0


@dataclass(frozen=True)
class Reassign:
    quote: str
    speaker: str  # "" leaves the quote without a speaker
    article: str | None = None  # with text: find the quote again if re-extraction moved it
    text: str | None = None
    line: int = 0


@dataclass(frozen=True)
class RoleEntry:
    speaker: str
    role: str
    organisation: str | None = None
    first: str | None = None
    last: str | None = None
    line: int = 0


@dataclass
class Curation:
    """The parsed, validated curation file."""

    merges: list[Merge] = field(default_factory=list)
    renames: list[Rename] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)
    distincts: list[Distinct] = field(default_factory=list)
    hides: list[Hide] = field(default_factory=list)
    reassigns: list[Reassign] = field(default_factory=list)
    roles: list[RoleEntry] = field(default_factory=list)
    path: str | None = None

    def __bool__(self) -> bool:
        return any(
            (self.merges, self.renames, self.splits, self.distincts, self.hides,
             self.reassigns, self.roles)
        )


# ---------------------------------------------------------------------------------------------
# Reading


_HEADER_LINE = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_TABLE_LINE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


@dataclass
class _Block:
    section: str
    line: int  # 1-based line of the [[section]] header
    keys: dict[str, int]  # key -> 1-based line


def _scan_blocks(text: str) -> tuple[list[_Block], dict[str, int]]:
    """Map each [[section]] entry and each key to its line; also top-level keys."""
    blocks: list[_Block] = []
    top: dict[str, int] = {}
    current: _Block | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        header = _HEADER_LINE.match(raw)
        if header:
            current = _Block(header.group(1), number, {})
            blocks.append(current)
            continue
        table = _TABLE_LINE.match(raw)
        if table:
            current = _Block(table.group(1), number, {})
            continue
        key = _KEY_LINE.match(raw)
        if key:
            target = current.keys if current else top
            target.setdefault(key.group(1), number)
    return blocks, top


def parse_curation(text: str, path: str | os.PathLike[str] | None = None) -> Curation:
    """Parse and validate curation text; raise :class:`CurationError` naming the line."""
    try:
        document = tomlkit.parse(text)
    except ParseError as error:
        detail = str(error)
        if "\\x00" in detail or "\x00" in detail:
            detail = "the file ends inside a value (an unclosed [ or quote?)"
        raise CurationError(path, error.line, f"not valid TOML: {detail}") from None
    data = document.unwrap()
    blocks, top = _scan_blocks(text)
    per_section: dict[str, list[_Block]] = {}
    for block in blocks:
        per_section.setdefault(block.section, []).append(block)
    curation = Curation(path=str(path) if path else None)
    for section, value in data.items():
        if section not in SECTIONS:
            line = top.get(section) or _first_line(per_section.get(section))
            known = ", ".join(f"[[{s}]]" for s in SECTIONS)
            raise CurationError(path, line, f"unknown section {section!r}; use one of {known}")
        section_blocks = per_section.get(section, [])
        if not isinstance(value, list) or len(section_blocks) != len(value):
            line = top.get(section) or _table_line(text, section)
            raise CurationError(
                path, line, f"write each {section} entry as its own [[{section}]] table"
            )
        for entry, block in zip(value, section_blocks, strict=True):
            _add_entry(curation, section, entry, block, path)
    _check_duplicates(curation, path)
    return curation


def _first_line(blocks: list[_Block] | None) -> int | None:
    return blocks[0].line if blocks else None


def _table_line(text: str, section: str) -> int | None:
    for number, raw in enumerate(text.splitlines(), 1):
        match = _TABLE_LINE.match(raw)
        if match and match.group(1) == section:
            return number
    return None


def _add_entry(
    curation: Curation, section: str, entry: dict[str, Any], block: _Block, path: Any
) -> None:
    required, optional = SECTIONS[section]
    where = f"[[{section}]]"
    for key in entry:
        if key not in required and key not in optional:
            allowed = ", ".join(required + optional)
            raise CurationError(
                path, block.keys.get(key, block.line),
                f"{where} has unknown key {key!r}; allowed: {allowed}",
            )
    for key in required:
        if key not in entry:
            raise CurationError(path, block.line, f"{where} needs {key!r}")

    def text(key: str, *, empty: bool = False) -> str | None:
        if key not in entry:
            return None
        value = entry[key]
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise CurationError(
                path, block.keys.get(key, block.line), f"{where} {key!r} must be a non-empty string"
            )
        return value.strip()

    def names(key: str, minimum: int) -> tuple[str, ...]:
        value = entry.get(key)
        if (
            not isinstance(value, list)
            or len(value) < minimum
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise CurationError(
                path, block.keys.get(key, block.line),
                f"{where} {key!r} must be a list of at least {minimum} non-empty names",
            )
        return tuple(v.strip() for v in value)

    def day(key: str) -> str | None:
        if key not in entry:
            return None
        value = entry[key]
        if isinstance(value, date):
            return value.isoformat()[:10]
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        raise CurationError(
            path, block.keys.get(key, block.line),
            f"{where} {key!r} must be a date like 2019-10-17, got {value!r}",
        )

    line = block.line
    if section == "merge":
        curation.merges.append(Merge(names("names", 2), text("name"), line))
    elif section == "rename":
        curation.renames.append(Rename(text("speaker"), text("name"), line))
    elif section == "split":
        articles = names("articles", 1) if "articles" in entry else ()
        curation.splits.append(Split(text("alias"), text("from"), text("to"), articles, line))
    elif section == "distinct":
        curation.distincts.append(Distinct(names("names", 2), line))
    elif section == "hide":
        curation.hides.append(Hide(text("speaker"), line))
    elif section == "reassign":
        curation.reassigns.append(
            Reassign(
                text("quote"), text("speaker", empty=True), text("article"), text("text"),
                line=line,
            )
        )
    elif section == "role":
        first, last = day("from"), day("to")
        if first and last and first > last:
            raise CurationError(
                path, block.keys.get("to", line),
                f"{where} 'to' ({last}) is before 'from' ({first})",
            )
        curation.roles.append(
            RoleEntry(text("speaker"), text("role"), text("organisation"), first, last, line)
        )


def _check_duplicates(curation: Curation, path: Any) -> None:
    seen: dict[str, int] = {}
    for entry in curation.reassigns:
        if entry.quote in seen:
            raise CurationError(
                path, entry.line,
                f"quote {entry.quote!r} is reassigned twice (also on line {seen[entry.quote]})",
            )
        seen[entry.quote] = entry.line
    renamed: dict[str, int] = {}
    for entry in curation.renames:
        key = entry.speaker.casefold()
        if key in renamed:
            raise CurationError(
                path, entry.line,
                f"{entry.speaker!r} is renamed twice (also on line {renamed[key]})",
            )
        renamed[key] = entry.line


def load_curation(path: str | os.PathLike[str]) -> Curation:
    """Read ``path`` (usually ``archive/speakers.toml``); a missing file is an empty curation."""
    path = Path(path)
    if not path.exists():
        return Curation(path=str(path))
    return parse_curation(path.read_text(encoding="utf-8"), path)


# ---------------------------------------------------------------------------------------------
# Writing (the CLI commands)

RERUN = "Re-run `onrecord ingest` to apply it."


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else HEADER


def _write_text(path: Path, text: str) -> None:
    """Validate ``text`` as a whole, then replace the file atomically: never write a bad file."""
    parse_curation(text, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".speakers-", suffix=".toml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _append_entry(path: Path, section: str, values: dict[str, Any], comment: str | None) -> str:
    text = _read_text(path)
    parse_curation(text, path)  # refuse to touch a file that is already broken
    table = tomlkit.table()
    for key, value in values.items():
        if value is not None and value != ():
            table[key] = list(value) if isinstance(value, tuple) else value
    entry = tomlkit.document()
    entry.append(section, tomlkit.aot())
    entry[section].append(table)
    rendered = tomlkit.dumps(entry)
    if comment:
        rendered = f"# {comment}\n{rendered}"
    if text and not text.endswith("\n"):
        text += "\n"
    if text.strip():
        text += "\n"
    _write_text(path, text + rendered)
    return rendered


def _replace_value(path: Path, text: str, line: int, key: str, value: Any) -> None:
    """Replace ``key = <value>`` on ``line`` (1-based), keeping indentation and any comment."""
    lines = text.splitlines(keepends=True)
    raw = lines[line - 1]
    value_pattern = r"(\"(?:[^\"\\]|\\.)*\"|'[^']*'|[^#\r\n]*?)"
    match = re.match(
        r"^(\s*" + re.escape(key) + r"\s*=\s*)" + value_pattern + r"(\s*(?:#.*)?)(\r?\n)?$", raw
    )
    if not match:  # a multi-line value: fall back to rewriting the whole line
        raise CurationError(path, line, f"cannot rewrite {key!r} here; edit the file by hand")
    rendered = tomlkit.item(value).as_string()
    lines[line - 1] = match.group(1) + rendered + match.group(3) + (match.group(4) or "")
    _write_text(path, "".join(lines))


def _message(action: str, path: Path) -> str:
    return f"{action} in {path}. {RERUN}"


def merge(curation_path: str | os.PathLike[str], *names: str, name: str | None = None) -> str:
    """Record that ``names`` are one speaker (optionally called ``name``); returns a message."""
    if len(names) < 2:
        raise ValueError("merge needs at least two names")
    path = Path(curation_path)
    _append_entry(path, "merge", {"names": tuple(names), "name": name}, None)
    listed = ", ".join(repr(n) for n in names)
    return _message(f"Recorded: {listed} are one speaker", path)


def rename(curation_path: str | os.PathLike[str], speaker: str, new_name: str) -> str:
    """Give ``speaker`` the canonical name ``new_name`` (replaces an earlier rename of it)."""
    path = Path(curation_path)
    text = _read_text(path)
    current = parse_curation(text, path)
    for entry in current.renames:
        if entry.speaker.casefold() == speaker.casefold():
            block_keys = _block_at(text, entry.line)
            _replace_value(path, text, block_keys["name"], "name", new_name)
            break
    else:
        _append_entry(path, "rename", {"speaker": speaker, "name": new_name}, None)
    return _message(f"Recorded: {speaker!r} is now called {new_name!r}", path)


def reassign(
    curation_path: str | os.PathLike[str],
    quote_id: str,
    name: str,
    *,
    article: str | None = None,
    text: str | None = None,
) -> str:
    """Attribute quote ``quote_id`` to ``name`` ("" = no speaker); replaces an earlier fix.

    Pass the quote's ``article`` and ``text`` too (the CLI has them from the index): if a
    later re-extraction gives the quote another span, and so another id, the fix finds it again
    by its words.
    """
    path = Path(curation_path)
    content = _read_text(path)
    current = parse_curation(content, path)
    for entry in current.reassigns:
        if entry.quote == quote_id:
            keys = _block_at(content, entry.line)
            _replace_value(path, content, keys["speaker"], "speaker", name)
            break
    else:
        values = {"quote": quote_id, "speaker": name, "article": article, "text": text}
        _append_entry(path, "reassign", values, None)
    who = repr(name) if name else "no speaker"
    return _message(f"Recorded: quote {quote_id} is by {who}", path)


def split(
    curation_path: str | os.PathLike[str],
    alias: str,
    *,
    from_: str | None = None,
    to: str | None = None,
    articles: list[str] | tuple[str, ...] = (),
) -> str:
    """Take the mentions written as ``alias`` out of the speaker ``from_`` (to ``to``)."""
    path = Path(curation_path)
    values = {"alias": alias, "from": from_, "to": to, "articles": tuple(articles)}
    _append_entry(path, "split", values, None)
    target = f" into {to!r}" if to else " into a speaker of its own"
    return _message(f"Recorded: {alias!r} is split{target}", path)


def distinct(curation_path: str | os.PathLike[str], *names: str) -> str:
    """Record that ``names`` are different speakers: never joined, never suggested again."""
    if len(names) < 2:
        raise ValueError("distinct needs at least two names")
    path = Path(curation_path)
    _append_entry(path, "distinct", {"names": tuple(names)}, None)
    return _message("Recorded: " + ", ".join(repr(n) for n in names) + " are different", path)


def hide(curation_path: str | os.PathLike[str], speaker: str) -> str:
    """Hide a false speaker: its quotes stay in the archive without a speaker."""
    path = Path(curation_path)
    _append_entry(path, "hide", {"speaker": speaker}, None)
    return _message(f"Recorded: {speaker!r} is hidden", path)


def add_role(
    curation_path: str | os.PathLike[str],
    speaker: str,
    role: str,
    *,
    organisation: str | None = None,
    first: str | date | None = None,
    last: str | date | None = None,
) -> str:
    """Add a role held by ``speaker`` between ``first`` and ``last`` (ISO dates)."""
    path = Path(curation_path)
    values = {
        "speaker": speaker, "role": role, "organisation": organisation,
        "from": _as_date(first), "to": _as_date(last),
    }
    _append_entry(path, "role", values, None)
    return _message(f"Recorded: {speaker!r} was {role}", path)


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a date like 2019-10-17: {value!r}") from None


def _block_at(text: str, header_line: int) -> dict[str, int]:
    blocks, _ = _scan_blocks(text)
    for block in blocks:
        if block.line == header_line:
            return block.keys
    raise KeyError(header_line)
