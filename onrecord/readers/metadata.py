"""Article metadata from every place it can come from, merged field by field.

Precedence, first found wins per field: the ``NAME.meta.json`` sidecar, then what the file
declares itself (front matter, HTML ``<meta>`` and JSON-LD), then what the text says (a
dateline outlet, an unambiguous date), then a date at the start of the file name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import yaml

from onrecord.readers.decode import ReadError

FIELDS = ("title", "source", "author", "url", "date", "id")
Meta = dict[str, str]

# Dateline call signs and wire services, mapped to the names readers know them by.
OUTLETS = {
    "AP": "Associated Press",
    "AFP": "Agence France-Presse",
    "UPI": "United Press International",
    "REUTERS": "Reuters",
    "CNN": "CNN",
    "CBS": "CBS News",
    "NBC": "NBC News",
    "ABC": "ABC News",
    "FOX": "Fox News",
    "NPR": "NPR",
    "WLS": "WLS-TV (ABC7 Chicago)",
    "WBBM": "WBBM-TV (CBS 2 Chicago)",
    "WMAQ": "WMAQ-TV (NBC 5 Chicago)",
    "WGN": "WGN-TV",
    "WFLD": "WFLD (FOX 32 Chicago)",
    "WABC": "WABC-TV (ABC7 New York)",
    "WCBS": "WCBS-TV (CBS New York)",
    "WNBC": "WNBC (NBC 4 New York)",
    "KABC": "KABC-TV (ABC7 Los Angeles)",
    "KCBS": "KCBS-TV (CBS Los Angeles)",
    "KNBC": "KNBC (NBC 4 Los Angeles)",
    "KTLA": "KTLA",
    "KTVU": "KTVU (FOX 2 San Francisco)",
    "KGO": "KGO-TV (ABC7 San Francisco)",
    "WPVI": "WPVI-TV (6abc Philadelphia)",
    "WJLA": "WJLA-TV (ABC7 Washington)",
    "WUSA": "WUSA (CBS 9 Washington)",
    "KTRK": "KTRK-TV (ABC13 Houston)",
    "WSB": "WSB-TV (Atlanta)",
}

_DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Za-z.'-]*(?:[ ,]+[A-Z][A-Za-z.'-]*)*)\s*"  # the place: CHICAGO
    r"\((?P<sign>[A-Za-z0-9 .&/-]{2,20})\)\s*(?:--|[-–—:])"  # the outlet: (WLS) --
)
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_TEXT_DATE = re.compile(
    r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
    r"|\b(?P<month>[A-Z][a-z]{2,8})\.? (?P<day>[0-3]?\d), (?P<year>(?:19|20)\d\d)\b"
)
_FILENAME_DATE = re.compile(r"^((?:19|20)\d\d-[01]\d-[0-3]\d)")


def normalise_date(value: Any) -> str | None:
    """An ISO ``YYYY-MM-DD`` from a date, datetime or ISO-like string; None if not a date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    match = _TEXT_DATE.fullmatch(text.rstrip("."))
    return _date_from_match(match) if match else None


def _date_from_match(match: re.Match[str]) -> str | None:
    if match.group("iso"):
        return normalise_date(match.group("iso"))
    month = _MONTHS.get(match.group("month").lower())
    if month is None:
        return None
    try:
        return dt.date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError:
        return None


def clean_meta(raw: dict[str, Any], origin: str) -> Meta:
    """Keep the known fields, as strings; a wrong type is an error naming the field."""
    meta: Meta = {}
    for name in FIELDS:
        value = raw.get(name)
        if value is None or value == "":
            continue
        if name == "date":
            date = normalise_date(value)
            if date is None:
                raise ReadError(f"{origin}: 'date' must be an ISO date (YYYY-MM-DD), got {value!r}")
            meta[name] = date
        elif isinstance(value, str | int) and not isinstance(value, bool):
            meta[name] = str(value).strip()
        else:
            raise ReadError(f"{origin}: {name!r} must be text, got {type(value).__name__}")
    return meta


def sidecar_meta(path: Path, root: Path | None = None) -> Meta:
    """Metadata from ``NAME.meta.json`` beside ``NAME.ext``, if there is one.

    A sidecar that links outside ``root`` (the archive) is refused, like an article would be.
    """
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.is_file():
        return {}
    if root is not None and not sidecar.resolve().is_relative_to(root.resolve()):
        raise ReadError(f"{sidecar.name} links outside the archive; refused")
    try:
        raw = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(f"{sidecar.name} is not valid JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise ReadError(f"{sidecar.name} must hold a JSON object")
    return clean_meta(raw, sidecar.name)


# libyaml's parser where PyYAML was built with it: the same safe constructors and resolver,
# ten times faster. It is more lenient than the pure-Python parser in corners (tabs, block
# scalar headers) and reports other error positions, so it is given only the plain form front
# matter nearly always has, one ``key: value`` per line with a plain or quoted single-line
# value; anything else goes to the pure-Python parser, whose verdict the reader always gave.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN = r"[^\n#:'\"|>&*!%@`{}\[\],\t]"  # a character a plain value may hold
_SIMPLE_LINE = re.compile(
    r"[A-Za-z_][A-Za-z0-9_-]*:"
    rf"(?: +(?:\"[^\"\\\n]*\"|'[^'\n]*'|[A-Za-z0-9](?:{_PLAIN}*(?! ){_PLAIN})?))? *"
)


def _load_yaml(block: str) -> Any:
    simple = all(_SIMPLE_LINE.fullmatch(line) for line in block.split("\n") if line)
    return yaml.load(block, Loader=_SAFE_LOADER if simple else yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[Meta, str]:
    """Split ``---`` fenced YAML front matter from the body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end == -1:
        raise ReadError("front matter opened with '---' but never closed")
    block = text[4:end]
    body_start = text.find("\n", end + 4)
    body = "" if body_start == -1 else text[body_start + 1 :]
    try:
        raw = _load_yaml(block) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ReadError(f"invalid YAML front matter{where}") from None
    except ValueError as exc:  # YAML's own date type: ``date: 2019-02-30`` fails in datetime
        raise ReadError(f"invalid YAML front matter: {exc}") from None
    if not isinstance(raw, dict):
        raise ReadError("front matter must be a YAML mapping of fields")
    return clean_meta(raw, "front matter"), body.lstrip("\n")


def text_meta(body: str) -> Meta:
    """What the text itself states: the dateline outlet and a single unambiguous date."""
    meta: Meta = {}
    dateline = _DATELINE.match(body[:200])
    if dateline:
        sign = dateline.group("sign").strip()
        meta["source"] = OUTLETS.get(sign.upper(), sign)
    head = body[:600]
    dates = {d for d in (_date_from_match(m) for m in _TEXT_DATE.finditer(head)) if d}
    if len(dates) == 1:
        meta["date"] = dates.pop()
    return meta


def filename_meta(path: Path) -> Meta:
    match = _FILENAME_DATE.match(path.name)
    date = normalise_date(match.group(1)) if match else None
    return {"date": date} if date else {}


def merge(*layers: Meta) -> Meta:
    """First found wins per field."""
    merged: Meta = {}
    for layer in layers:
        for key, value in layer.items():
            merged.setdefault(key, value)
    return merged
