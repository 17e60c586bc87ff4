"""CSL-JSON (``article-newspaper``): the data model of CSL styles, pandoc, Zotero, citation.js."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from onrecord.citations.items import Record, to_csl_item


def to_csl_json(records: Iterable[Record], *, accessed: dt.date | None = None) -> str:
    """A JSON array of items, one per quote record; ids fall back to ``quote-N`` when missing."""
    items = []
    for index, record in enumerate(records):
        item = to_csl_item(record, accessed=accessed)
        item["id"] = item["id"] or f"quote-{index + 1}"
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
