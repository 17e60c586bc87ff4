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
    "WBBM": "CBS 2 Chicago",
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

# Other names an outlet goes by (any case and spacing), beyond its call sign and the brand in
# its name's parentheses, which are added below.
_OTHER_NAMES = {
    "Associated Press": ("The Associated Press",),
    "CBS News": ("CBSNews", "CBS News Chicago"),
    "CBS 2 Chicago": ("WBBM-TV (CBS 2 Chicago)", "CBS Chicago", "CBS2 Chicago"),
    "WLS-TV (ABC7 Chicago)": ("ABC 7 Chicago", "ABC7"),
    "WMAQ-TV (NBC 5 Chicago)": ("NBC Chicago",),
    "WFLD (FOX 32 Chicago)": ("FOX 32", "Fox 32 Chicago"),
}
# Where the networks' national desks file from too: a bare network sign there is the network.
_NETWORK_CITIES = frozenset({"NEWS", "NEW YORK", "WASHINGTON"})
_BRAND = re.compile(r"^(?P<network>ABC|CBS|NBC|FOX)\s*\d*\s+(?P<city>[A-Z][A-Za-z .]+)$")


def _name_key(name: str) -> str:
    return " ".join(name.replace("-", " ").split()).casefold()


def _outlet_tables() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Every known way of writing an outlet -> its one name; (place, network) -> the network's
    local station there, for datelines such as ``CHICAGO (CBS)``."""
    names: dict[str, str] = {}
    local: dict[tuple[str, str], str] = {}
    for sign, name in OUTLETS.items():
        inner = re.search(r"\(([^()]+)\)$", name)
        brand = inner.group(1) if inner else name
        for alias in (sign, f"{sign}-TV", name, brand, *_OTHER_NAMES.get(name, ())):
            names.setdefault(_name_key(alias), name)
        station = _BRAND.match(brand)
        if station and station.group("city").upper() not in _NETWORK_CITIES:
            local[(station.group("city").upper(), station.group("network"))] = name
    return names, local


_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Za-z.'-]*(?:[ ,]+[A-Z][A-Za-z.'-]*)*)\s*"  # the place: CHICAGO
    r"\((?P<sign>[A-Za-z0-9 .&/-]{2,20})\)\s*(?:--|[-–—:])"  # the outlet: (WLS) --
)
_OUTLET_NAMES, _LOCAL_STATIONS = _outlet_tables()


def outlet_name(name: str | None) -> str | None:
    """One outlet, one name: any known way of writing an outlet (its call sign, its brand,
    "WBBM-TV (CBS 2 Chicago)" or "CBS Chicago") becomes the name in :data:`OUTLETS`; an
    unknown outlet keeps its name as written, spacing tidied."""
    if not name or not name.strip():
        return None
    tidy = " ".join(name.split())
    return _OUTLET_NAMES.get(_name_key(tidy), tidy)


def dateline_outlet(place: str, sign: str) -> str:
    """The outlet a dateline names: a network's sign is its local station when the place has
    one ("CHICAGO (CBS)" is CBS 2 Chicago, whose own stories carry that dateline), else the
    network's news ("WASHINGTON (CBS)" is CBS News: national desks file there); call signs
    and wires by :data:`OUTLETS`."""
    city = " ".join(place.replace(",", " ").split()).upper()
    station = _LOCAL_STATIONS.get((city, sign.upper()))
    return station or outlet_name(OUTLETS.get(sign.upper(), sign)) or sign


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


_HEADLINE_WORDS = 16


def text_headline(body: str) -> str | None:
    """The headline a plain text opens with, if it has one: a short first line standing alone
    (a blank line after it) that is not a sentence, a dateline or a quotation.

    "Teachers strike enters fourth day\n\nCHICAGO (CBS) -- ..." gives the headline; a text
    that opens with its first paragraph ("The hearing ran late.") gives none.
    """
    first, blank, rest = body.lstrip().partition("\n\n")
    line = " ".join(first.split())
    if not blank or not rest.strip() or "\n" in first.strip() or not line:
        return None
    words = line.split(" ")
    if not 2 <= len(words) <= _HEADLINE_WORDS or len(line) > 150:
        return None
    if line[-1] in ".,;:" or line[0] in "\"“‘'(-—–" or _DATELINE.match(line):
        return None
    return line


def text_meta(body: str) -> Meta:
    """What the text itself states: a headline it opens with, the dateline outlet and a single
    unambiguous date."""
    meta: Meta = {}
    headline = text_headline(body)
    if headline:
        meta["title"] = headline
    dateline = _DATELINE.match(body[:200])
    if dateline:
        meta["source"] = dateline_outlet(dateline.group("place"), dateline.group("sign").strip())
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
