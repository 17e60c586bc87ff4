"""Write quote records out in the export formats.

One function per format, registered in :data:`FORMATS`; the CLI ``export`` command and the web
export routes both call :func:`export`, so a format added here appears in both.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]

CSV_COLUMNS = (
    "id",
    "speaker",
    "role",
    "text",
    "kind",
    "date",
    "source",
    "title",
    "url",
    "article",
    "topics",
    "cue",
    "published",
    "author",
    "speaker_id",
    "speaker_as_written",
    "confidence",
)
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Format:
    """An export format: how to render records, and how to serve the result."""

    render: Callable[[list[Record]], str]
    media_type: str
    extension: str


def to_jsonl(records: list[Record]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def _csv_cell(value: Any) -> str:
    """Render one CSV cell, neutralising spreadsheet formulas (OWASP CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_LEADS):
        return "'" + text
    return text


def to_csv(records: list[Record]) -> str:
    """CSV with a UTF-8 byte-order mark so spreadsheets read the text as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow([_csv_cell(record.get(column)) for column in CSV_COLUMNS])
    return "\ufeff" + buffer.getvalue()


FORMATS: dict[str, Format] = {
    "jsonl": Format(to_jsonl, "application/x-ndjson; charset=utf-8", "jsonl"),
    "csv": Format(to_csv, "text/csv; charset=utf-8", "csv"),
}


class UnknownFormat(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown export format {name!r}; choose one of: {', '.join(FORMATS)}")


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormat(name) from None


def export(records: Iterable[Record], fmt: str) -> str:
    """Render ``records`` (dicts with the record contract's fields) in format ``fmt``."""
    return get_format(fmt).render(list(records))
