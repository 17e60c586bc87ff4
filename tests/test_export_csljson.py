"""CSL-JSON export, validated against the CSL-JSON schema shipped in tests/data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from onrecord.export import export

SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text("utf-8"))


def record(**changes) -> dict:
    base = {
        "id": "3f2a9c1b7d4e", "kind": "direct",
        "text": "Beyond what we put on the table, there is no more money.",
        "speaker": "Lori Lightfoot", "role": "Mayor", "source": "CBS 2 Chicago",
        "title": "Chicago teachers strike heads into fourth day as mayor says there is no more "
                 "money",
        "published": "2019-10-21", "date": "2019-10-21", "url": "https://example.org/a?b=1&c=%20",
        "author": "By Miguel del Valle and Jan Łukasiewicz", "occurrences_in": ["other"],
    }
    return {**base, **changes}


def test_valid_against_schema_and_fields() -> None:
    text = export([record(), record(id="", url=None, published="2019", author=None)],
                  "csl-json", accessed=dt.date(2026, 11, 25))
    data = json.loads(text)
    jsonschema.validate(data, SCHEMA)
    first, second = data
    assert first["type"] == "article-newspaper"
    assert first["container-title"] == "CBS 2 Chicago"
    assert first["title-short"] == "Chicago teachers strike heads"
    assert first["issued"] == {"date-parts": [[2019, 10, 21]]}
    assert first["accessed"] == {"date-parts": [[2026, 11, 25]]}
    assert first["author"] == [
        {"given": "Miguel", "family": "Valle", "non-dropping-particle": "del"},
        {"given": "Jan", "family": "Łukasiewicz"},
    ]
    assert first["custom"]["quote"] == record()["text"]
    assert first["custom"]["speaker"] == "Lori Lightfoot"
    assert first["custom"]["role"] == "Mayor"
    assert second["id"] == "quote-2"
    assert second["issued"] == {"date-parts": [[2019]]}
    assert "URL" not in second and "accessed" not in second and "author" not in second


def test_schema_rejects_what_it_should() -> None:
    """The schema is a real check: an unknown top-level key fails."""
    bad = json.loads(export([record()], "csl-json"))
    bad[0]["speaker"] = "not a CSL variable"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_tricky_text_survives() -> None:
    text = '<script>alert(1)</script> “curly ‘nested’” and "straight" {brace'
    data = json.loads(export([record(text=text, title=text)], "csl-json"))
    jsonschema.validate(data, SCHEMA)
    assert data[0]["custom"]["quote"] == text
    assert data[0]["title"] == text
