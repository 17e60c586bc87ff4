"""scripts/topic_agreement.py: agreement between the two readings and the adjudicated set."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "topic_agreement.py"
_spec = importlib.util.spec_from_file_location("topic_agreement", SCRIPT)
ta = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ta)


def _row(key: str, labels: list[str], aspect: str | None = None) -> dict:
    row = {"id": key, "article": "a", "text": key, "context": key, "kind": "direct",
           "labels": labels}
    if aspect:
        row["elections_aspect"] = aspect
    return row


FIRST = {"s1": _row("s1", ["money", "taxes"]),
         "s2": _row("s2", ["elections"], "polls"),
         "s3": _row("s3", [])}
SECOND = {"s1": _row("s1", ["money"]),
          "s2": _row("s2", ["elections", "media"], "strategy"),
          "s3": _row("s3", [])}


def test_disagreements_list_topic_pairs_and_aspect_clashes():
    assert ta.disagreements(FIRST, SECOND) == [("s1", "taxes"), ("s2", "media"),
                                               ("s2", ta.ASPECT)]


def test_agreement_is_symmetric_micro_f1_with_per_topic_kappa():
    result = ta.agreement(FIRST, SECOND)
    assert result["shared"] == 2 and result["f1"] == pytest.approx(4 / 6)
    assert result["per_topic"]["money"]["kappa"] == pytest.approx(1.0)
    # taxes: only the first reading gives it, on 1 of 3 statements -> no agreement beyond chance
    assert result["per_topic"]["taxes"]["kappa"] == pytest.approx(0.0)
    with_aspects = ta.agreement(FIRST, SECOND, with_aspects=True)
    assert with_aspects["a_labels"] == result["a_labels"] + 1  # polls from the aspect
    assert ta.aspect_agreement(FIRST, SECOND) == (0, 1)


def test_adjudicate_applies_decisions_and_reports_gaps():
    decisions = {("s1", "taxes"): {"decision": "yes"},
                 ("s2", "media"): {"decision": "no"},
                 ("s2", ta.ASPECT): {"decision": "polls"}}
    labels, problems = ta.adjudicate(FIRST, SECOND, decisions)
    assert problems == []
    assert labels["s1"]["labels"] == ["money", "taxes"]
    assert labels["s2"]["labels"] == ["elections"] and labels["s2"][ta.ASPECT] == "polls"
    _, problems = ta.adjudicate(FIRST, SECOND, {("s3", "money"): {"decision": "yes"}})
    assert "no decision for s1 taxes" in problems
    assert "decision for an agreed pair s3 money" in problems


def test_load_decisions_rejects_an_elections_yes_without_aspect(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "s", "topic": "elections", "decision": "yes"}) + "\n")
    with pytest.raises(ValueError, match="needs an aspect"):
        ta.load_decisions(path)


def test_committed_adjudicated_set_is_what_the_script_builds():
    """No hand edits: agreement + decisions give exactly the committed file."""
    first, second = ta.load(ta.FIRST), ta.load([ta.SECOND])
    assert list(first) == list(second)
    built, problems = ta.adjudicate(first, second, ta.load_decisions(ta.DECISIONS))
    assert problems == []
    assert list(built.values()) == list(ta.load([ta.ADJUDICATED]).values())
