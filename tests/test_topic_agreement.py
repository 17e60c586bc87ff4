"""scripts/topic_agreement.py: agreement between the two readings and the adjudicated set."""

from __future__ import annotations

import importlib.util
import json
import random
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


def test_audit_sample_is_the_seeded_stratified_draw_without_labels():
    """The committed audit reads exactly the statements the seeded draw gives, in its order,
    and the draw shows the reader neither labels nor the file a statement came from."""
    strata = ta.train_strata()
    assert [len(strata[name]) for name, *_ in ta.TRAIN_STRATA] == [1800, 689, 2172, 1238, 138]
    drawn = ta.draw_audit(strata)
    assert drawn == ta.draw_audit(strata)  # seeded
    assert all(set(row) <= {"id", "article", "text", "context", "kind"} for row in drawn)
    audit = ta.load([ta.AUDIT])
    assert list(audit) == [row["id"] for row in drawn]
    per_stratum = {name: sum(key in strata[name] for key in audit) for name, *_ in ta.TRAIN_STRATA}
    assert per_stratum == {name: size for name, _, _, _, size in ta.TRAIN_STRATA}
    assert all(row["stratum"] in strata and row["id"] in strata[row["stratum"]]
               for row in audit.values())


def test_late_audit_sample_is_its_own_seeded_draw():
    """The late file's audit reads exactly its own seeded draw, in order, all from that file;
    drawing it leaves the first audit's draw as it was (checked above)."""
    strata = ta.train_strata()
    assert len(strata["late"]) == 1522 and not set(strata["late"]) & set().union(
        *(strata[name] for name, *_ in ta.TRAIN_STRATA))
    drawn = ta.draw_audit(strata, which=ta.LATE_STRATA)
    assert all(set(row) <= {"id", "article", "text", "context", "kind"} for row in drawn)
    audit = ta.load([ta.LATE_AUDIT])
    assert list(audit) == [row["id"] for row in drawn]
    assert len(audit) == 150 and all(row["stratum"] == "late" for row in audit.values())


def test_late_auditor_reads_a_seeded_half_of_the_held_out_audit():
    ids = sorted(ta.load([ta.DEV_AUDIT]))
    drawn = random.Random(ta.AUDIT_SEED).sample(ids, ta.DEV_AUDIT_LATE_SIZE)
    assert list(ta.load([ta.DEV_AUDIT_LATE])) == drawn


def test_audit_pairs_compare_the_old_sample_on_its_own_topics():
    strata = {name: {} for name, *_ in ta.ALL_STRATA}
    strata["old_sample"]["s"] = _row("s", ["money"])
    audit = {"s": _row("s", ["money", "campaign_finance", "elections"], "strategy")}
    mine, theirs = ta.audit_pairs(audit, strata)["old_sample"]
    assert mine["s"]["labels"] == ["money", "elections"] and ta.ASPECT not in mine["s"]
    assert ta.disagreements(mine, theirs) == [("s", "elections")]


def test_committed_corrections_are_what_the_script_builds():
    """No hand edits: audit + decisions + the old sample's re-reading give the committed file."""
    built, problems = ta.corrections(ta.load([ta.AUDIT, ta.LATE_AUDIT]), ta.train_strata(),
                                     ta.train_decisions(), ta.load([ta.OLD_REREAD]),
                                     ta.load_decisions(ta.LATE_REREADS))
    assert problems == []
    committed = [json.loads(line) for line in ta.CORRECTIONS.open(encoding="utf-8")]
    assert built == committed
    old = ta.train_strata()["old_sample"]
    assert {row["id"] for row in committed if row["id"] in old} == set(old)  # all re-read


def test_late_rereads_add_or_remove_one_topic_of_unaudited_statements():
    strata = {name: {} for name, *_ in ta.ALL_STRATA}
    strata["late"] = {"x": _row("x", ["corruption"]), "y": _row("y", ["justice", "guns"]),
                      "z": _row("z", ["justice", "elections"], "strategy"),
                      "a": _row("a", ["justice"])}
    def said(key: str, decision: str) -> dict:
        return {"id": key, "topic": "justice", "decision": decision}
    rereads = {(k, "justice"): said(k, d) for k, d in
               (("x", "yes"), ("y", "no"), ("z", "yes"), ("a", "no"))}
    audit = {"a": _row("a", ["justice"])}
    rows, problems = ta.corrections(audit, strata, {}, {}, rereads)
    source = "late file, read again for justice"
    assert rows == [{"id": "x", "labels": ["corruption", "justice"], "source": source},
                    {"id": "y", "labels": ["guns"], "source": source}]
    assert problems == ["a justice: re-reads are of un-audited late statements, one topic other "
                        "than elections"]


def test_corrections_replace_labels_and_unmask_the_old_sample(tmp_path):
    pytest.importorskip("scipy")  # train_topics needs the `train` extra
    spec = importlib.util.spec_from_file_location(
        "train_topics", SCRIPT.parent / "train_topics.py")
    tt = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tt)
    new, old, fixes = tmp_path / "new.jsonl", tmp_path / tt.OLD_FILE, tmp_path / "fixes.jsonl"
    new.write_text(json.dumps(_row("a", ["elections"], "polls")) + "\n")
    old.write_text(json.dumps({"id": "b", "labels": ["money"]}) + "\n")
    fixes.write_text(json.dumps({"id": "a", "labels": ["taxes"]}) + "\n" + json.dumps(
        {"id": "b", "labels": ["money", "campaign_finance", "elections"],
         "elections_aspect": "voting"}) + "\n")
    keys = ["money", "taxes", "elections", "campaign_finance", "voting"]
    rows, y, mask = tt.read_rows([new, old], keys, fixes)
    assert y.tolist() == [[0, 1, 0, 0, 0], [1, 0, 1, 1, 1]]
    assert mask.min() == 1  # the corrected old row's newer topics and aspects are known
    _, y, mask = tt.read_rows([new, old], keys, None)
    assert y.tolist() == [[0, 0, 1, 0, 0], [1, 0, 0, 0, 0]]
    assert mask[1].tolist() == [1, 1, 1, 0, 0]
