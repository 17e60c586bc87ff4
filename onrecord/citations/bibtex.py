"""BibLaTeX and classic BibTeX entries for quote records.

Every value from a record is escaped here: BibTeX writers do not do it for the caller. LaTeX's
specials become commands, and braces become ``\\textbraceleft{}`` / ``\\textbraceright{}`` rather
than ``\\{`` ``\\}``, because BibTeX and biber count braces without looking at backslashes: an odd
brace in a quotation, escaped or not, would end the field early and break the whole file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from onrecord.citations.items import (
    Record,
    byline_names,
    date_parts,
    quote_note,
    surname,
    title_short,
)

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIALS_RE = re.compile(r"[\\{}%&#$_~^]")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Letters NFKD does not split into a base letter plus accent.
_ASCII_FOLD = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE",
                             "æ": "ae", "Đ": "D", "đ": "d", "Œ": "OE", "œ": "oe", "ı": "i"})


def escape(text: str) -> str:
    """Escape LaTeX's special characters and collapse whitespace (a field is one line)."""
    text = " ".join(str(text).split())
    return _SPECIALS_RE.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text)


def url_value(url: str) -> str:
    """A URL for BibTeX's verbatim ``url`` field: kept as is except what would break the file.

    Braces, backslashes and spaces are percent-encoded (``%7B`` ...), as they would be in a link.
    """
    return (url.strip().replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
            .replace(" ", "%20"))


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return "".join(c for c in folded if c.isascii() and c.isalnum())


def cite_key(record: Record, index: int = 0) -> str:
    """A readable key that stays unique: speaker surname, year, first 6 characters of the id."""
    speaker = record.get("speaker") or ""
    name = _ascii(surname(speaker)).lower() if speaker.strip() else ""
    year = (date_parts(record.get("published")) or [""])[0]
    ident = _ascii(str(record.get("id") or ""))[:6] or str(index)
    return f"{name or 'quote'}{year}-{ident}"


def _names(record: Record) -> str:
    written = []
    for name in byline_names(record.get("author"), record.get("source")):
        if "literal" in name:
            written.append("{" + escape(name["literal"]) + "}")
            continue
        family = " ".join(p for p in (name.get("non-dropping-particle"), name["family"]) if p)
        parts = [escape(family)]
        if name.get("suffix"):
            parts.append(escape(name["suffix"]))
        if name.get("given"):
            parts.append(escape(name["given"]))
        written.append(", ".join(parts))
    return " and ".join(written)


def _entry(key: str, fields: list[tuple[str, str]], macros: list[tuple[str, str]] = ()) -> str:
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields if value)
    body += "".join(f"  {name} = {value},\n" for name, value in macros)
    return f"@article{{{key},\n{body}}}\n"


def _iso(parts: list[int]) -> str:
    return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts))


def _short(record: Record) -> str:
    """The short title when it differs from the title (biblatex's ``shorttitle``)."""
    title = " ".join((record.get("title") or "").split())
    short = title_short(title)
    return short if short != title else ""


def biblatex_entry(record: Record, *, index: int = 0, accessed: dt.date | None = None) -> str:
    """One ``@article`` with ``entrysubtype = {newspaper}``; the quotation goes in ``annote``."""
    issued = date_parts(record.get("published"))
    url = record.get("url") or ""
    fields = [
        ("entrysubtype", "newspaper"),
        ("author", _names(record)),
        ("title", escape(record.get("title") or "")),
        ("shorttitle", escape(_short(record))),
        ("journaltitle", escape(record.get("source") or "")),
        ("date", _iso(issued) if issued else ""),
        ("url", url_value(url) if url else ""),
        ("urldate", accessed.isoformat() if url and accessed else ""),
        ("annote", escape(quote_note(record))),
        ("keywords", escape(record.get("speaker") or "")),
    ]
    return _entry(cite_key(record, index), fields)


def bibtex_entry(record: Record, *, index: int = 0, accessed: dt.date | None = None) -> str:
    """One classic BibTeX ``@article`` (``journal``, ``year``, ``month``); title case kept."""
    issued = date_parts(record.get("published")) or []
    url = record.get("url") or ""
    title = escape(record.get("title") or "")
    fields = [
        ("author", _names(record)),
        # Double braces stop BibTeX styles from lower-casing the outlet's headline.
        ("title", "{" + title + "}" if title else ""),
        ("journal", escape(record.get("source") or "")),
        ("year", str(issued[0]) if issued else ""),
        ("url", url_value(url) if url else ""),
        ("urldate", accessed.isoformat() if url and accessed else ""),
        ("annote", escape(quote_note(record))),
        ("keywords", escape(record.get("speaker") or "")),
    ]
    # month is a BibTeX macro (jan ... dec), written without braces
    month = [("month", MONTHS[issued[1] - 1])] if len(issued) > 1 and 1 <= issued[1] <= 12 else []
    return _entry(cite_key(record, index), fields, month)


def to_biblatex(records: Iterable[Record], *, accessed: dt.date | None = None) -> str:
    return "\n".join(
        biblatex_entry(r, index=i, accessed=accessed) for i, r in enumerate(records)
    )


def to_bibtex(records: Iterable[Record], *, accessed: dt.date | None = None) -> str:
    return "\n".join(bibtex_entry(r, index=i, accessed=accessed) for i, r in enumerate(records))
