"""RIS records (``TY  - NEWS``) for quote records, as Zotero, EndNote and Mendeley import them.

One tag and one value per line, CRLF line ends (the RIS specification's), each record closed by
``ER  - ``. Values are single lines: newlines in a quotation become spaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from onrecord.citations.items import (
    Record,
    byline_names,
    date_parts,
    quote_note,
    title_short,
)

EOL = "\r\n"


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(str(value).split())}{EOL}"


def _ris_date(parts: list[int]) -> str:
    """RIS dates are ``YYYY/MM/DD/`` with missing parts left empty (``2019//`` for a year)."""
    year, month, day = (parts + [None, None])[:3]
    return f"{year:04d}/{'' if month is None else f'{month:02d}'}/" + (
        "" if day is None else f"{day:02d}/"
    )


def _name(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name["family"]) if p)
    rest = [p for p in (name.get("given"), name.get("suffix")) if p]
    return ", ".join([family, *rest])


def ris_record(record: Record, *, accessed: dt.date | None = None) -> str:
    """One RIS record: the article (``T2`` the outlet), the quotation and speaker in ``N1``."""
    lines = [_line("TY", "NEWS")]
    if record.get("title"):
        lines.append(_line("TI", record["title"]))
        short = title_short(record["title"])
        if short and short != " ".join(str(record["title"]).split()):
            lines.append(_line("ST", short))
    names = byline_names(record.get("author"), record.get("source"))
    lines += [_line("AU", _name(n)) for n in names]
    if record.get("source"):
        lines.append(_line("T2", record["source"]))
    issued = date_parts(record.get("published"))
    if issued:
        lines.append(_line("DA", _ris_date(issued)))
        lines.append(_line("PY", f"{issued[0]:04d}"))
    if record.get("url"):
        lines.append(_line("UR", record["url"]))
        if accessed:
            lines.append(_line("Y2", _ris_date([accessed.year, accessed.month, accessed.day])))
    note = quote_note(record)
    if note:
        lines.append(_line("N1", note))
    if record.get("speaker"):
        lines.append(_line("KW", record["speaker"]))
    if record.get("id"):
        lines.append(_line("ID", record["id"]))
    lines.append(f"ER  - {EOL}")
    return "".join(lines)


def to_ris(records: Iterable[Record], *, accessed: dt.date | None = None) -> str:
    return EOL.join(ris_record(r, accessed=accessed) for r in records)
