"""Agreement between two readings of the held-out topic labels, and the adjudicated set.

The held-out statements (``topic_labels_dev.jsonl`` + ``topic_labels_dev_more.jsonl``, the first
reading) were read a second time, independently, into ``topic_labels_dev_second.jsonl``. Rows
match on ``id``. Every (statement, topic) where the readings differ, and every statement where
both say ``elections`` with different aspects, was decided again blind to which reading said
what; the decisions are ``topic_adjudication_dev.jsonl``. This script measures how far two
careful readers agree (the ceiling a tagger can be held to) and builds the adjudicated labels
from agreement + decisions, so nobody edits them by hand.

    python scripts/topic_agreement.py                       # agreement, per topic
    python scripts/topic_agreement.py --write-adjudicated   # also (re)write the adjudicated set
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
FIRST = [DATA / "topic_labels_dev.jsonl", DATA / "topic_labels_dev_more.jsonl"]
SECOND = DATA / "topic_labels_dev_second.jsonl"
DECISIONS = DATA / "topic_adjudication_dev.jsonl"
ADJUDICATED = DATA / "topic_labels_dev_adjudicated.jsonl"
ASPECT = "elections_aspect"  # the pseudo-topic of an aspect decision
ASPECTS = {"polls", "voting", "candidates", "strategy"}

# The training labels as scripts/train_topics.py reads them (a statement in several files counts
# once: the first file read wins), split by reader. Lines 1-1,800 and 1,801-2,489 of
# topic_labels_train.jsonl had different readers (topic_labels_README.md).
# (stratum, file, first line, end line or None, statements drawn for the audit)
TRAIN_STRATA = [("train_1-1800", "topic_labels_train.jsonl", 0, 1800, 100),
                ("train_1801-2489", "topic_labels_train.jsonl", 1800, None, 100),
                ("more_a", "topic_labels_train_more_a.jsonl", 0, None, 100),
                ("more_b", "topic_labels_train_more_b.jsonl", 0, None, 100),
                ("old_sample", "topics_polnear_sample.jsonl", 0, None, 50)]
OLD_TOPICS_MISSING = {"campaign_finance", "election_security", "free_speech"}  # old_sample
AUDIT = DATA / "topic_labels_train_audit.jsonl"  # the same statements read again, blind
# The general-election file added later (one reader, topic_labels_README_late.md): audited the
# same way with its own seeded draw and audit file, so the first audit's draw stays as it was.
LATE_STRATA = [("late", "topic_labels_train_late.jsonl", 0, None, 150)]
LATE_AUDIT = DATA / "topic_labels_train_late_audit.jsonl"
ALL_STRATA = TRAIN_STRATA + LATE_STRATA
AUDIT_SEED = 1515
# The same auditor's blind reading of 100 held-out statements (random.Random(AUDIT_SEED) over the
# sorted held-out ids): ties the audit reader to the held-out readers, so that train-vs-audit
# and held-out-vs-held-out agreement compare.
DEV_AUDIT = DATA / "topic_labels_dev_audit.jsonl"
# The late file's auditor is another reader: the same tie for them, on 50 of those 100
# (random.Random(AUDIT_SEED) over their sorted ids), so they also compare with the first auditor.
DEV_AUDIT_LATE = DATA / "topic_labels_dev_audit_late.jsonl"
DEV_AUDIT_LATE_SIZE = 50
# Decisions on every (statement, topic) where a training label and the audit differ, made
# shuffled and without saying which reading gave what (format of DECISIONS).
TRAIN_DECISIONS = DATA / "topic_adjudication_train.jsonl"
LATE_DECISIONS = DATA / "topic_adjudication_train_late.jsonl"  # the same for the late audit
# The late audit found `justice` missing on statements about the FBI's and the Justice
# Department's handling of Clinton's emails (the README's convention adds it). Every un-audited
# statement of the late file whose text names the FBI, Comey, Lynch or the Justice Department was
# read again for that one topic, blind to its labels (format of DECISIONS, topic by topic).
LATE_REREADS = DATA / "topic_rereads_train_late.jsonl"
# The old sample's statements that are not in the audit, read again blind with all 35 topics and
# the aspects: with the audited ones, the whole old sample is re-read.
OLD_REREAD = DATA / "topics_polnear_sample_reread.jsonl"
# What scripts/train_topics.py applies on top of the training files: one row per statement whose
# labels change, {"id", "labels", "elections_aspect" (with elections), "source"}. Built by
# --write-corrections from the audit, its adjudication and the old sample's re-reading.
CORRECTIONS = DATA / "topic_corrections_train.jsonl"


def load(paths: list[Path]) -> dict[str, dict]:
    """Rows by id, in file order."""
    rows: dict[str, dict] = {}
    for path in paths:
        for number, line in enumerate(path.open(encoding="utf-8"), 1):
            if line.strip():
                row = json.loads(line)
                if row["id"] in rows:
                    raise ValueError(f"{path}:{number}: id {row['id']} repeats")
                rows[row["id"]] = row
    return rows


def train_strata() -> dict[str, dict[str, dict]]:
    """The training rows by stratum (TRAIN_STRATA), each row once, as the trainer reads them."""
    seen: set[str] = set()
    strata: dict[str, dict[str, dict]] = {}
    for name, file, start, end, _ in ALL_STRATA:
        lines = (DATA / file).read_text(encoding="utf-8").splitlines()[start:end]
        rows = [json.loads(line) for line in lines if line.strip()]
        strata[name] = {row["id"]: row for row in rows if row["id"] not in seen}
        seen |= set(strata[name])
    return strata


def draw_audit(strata: dict[str, dict[str, dict]], seed: int = AUDIT_SEED,
               which: list[tuple] = TRAIN_STRATA) -> list[dict]:
    """The audit sample: a seeded random draw per stratum of ``which``, shuffled together, without
    labels (what the auditor reads: statement, context, kind; not the file, not the labels)."""
    rng = random.Random(seed)
    drawn = []
    for name, _, _, _, size in which:
        ids = sorted(strata[name])
        drawn += [(name, key) for key in rng.sample(ids, min(size, len(ids)))]
    rng.shuffle(drawn)
    return [{field: strata[name][key][field] for field in ("id", "article", "text", "context",
                                                           "kind") if field in strata[name][key]}
            for name, key in drawn]


def disagreements(first: dict[str, dict], second: dict[str, dict]) -> list[tuple[str, str]]:
    """(id, topic) pairs one reading gives and the other does not, plus aspect clashes."""
    pairs = []
    for key, row in first.items():
        other = second[key]
        a, b = set(row["labels"]), set(other["labels"])
        pairs += [(key, topic) for topic in sorted(a ^ b)]
        if "elections" in a & b and row.get(ASPECT) != other.get(ASPECT):
            pairs.append((key, ASPECT))
    return pairs


def kappa(both: int, only_a: int, only_b: int, n: int) -> float | None:
    """Cohen's kappa for one yes/no label over n statements."""
    neither = n - both - only_a - only_b
    observed = (both + neither) / n
    yes_a, yes_b = (both + only_a) / n, (both + only_b) / n
    expected = yes_a * yes_b + (1 - yes_a) * (1 - yes_b)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def agreement(a: dict[str, dict], b: dict[str, dict], with_aspects: bool = False) -> dict:
    """Micro F1 of b against a (symmetric: 2 x shared / (labels of a + labels of b)), per topic.

    ``with_aspects`` adds the scored sub-topics ``polls`` and ``voting`` from the aspect, as
    evaluate_topics.py does.
    """
    def labels(row: dict) -> set[str]:
        found = set(row["labels"])
        if with_aspects and "elections" in found and row.get(ASPECT) in {"polls", "voting"}:
            found.add(row[ASPECT])
        return found

    both: Counter[str] = Counter()
    only_a: Counter[str] = Counter()
    only_b: Counter[str] = Counter()
    same_statements = 0
    for key, row in a.items():
        x, y = labels(row), labels(b[key])
        same_statements += x == y
        for topic in x & y:
            both[topic] += 1
        for topic in x - y:
            only_a[topic] += 1
        for topic in y - x:
            only_b[topic] += 1
    n = len(a)
    shared, a_total, b_total = sum(both.values()), sum(only_a.values()), sum(only_b.values())
    per_topic = {}
    for topic in sorted(set(both) | set(only_a) | set(only_b),
                        key=lambda t: -(2 * both[t] + only_a[t] + only_b[t])):
        count = 2 * both[topic] + only_a[topic] + only_b[topic]
        per_topic[topic] = {"a": both[topic] + only_a[topic], "b": both[topic] + only_b[topic],
                            "both": both[topic], "f1": 2 * both[topic] / count,
                            "kappa": kappa(both[topic], only_a[topic], only_b[topic], n)}
    return {
        "statements": n, "same_statements": same_statements,
        "a_labels": shared + a_total, "b_labels": shared + b_total, "shared": shared,
        "p": shared / (shared + b_total) if shared + b_total else 0.0,  # b's labels a also gave
        "r": shared / (shared + a_total) if shared + a_total else 0.0,  # a's labels b also gave
        "f1": 2 * shared / (2 * shared + a_total + b_total),
        "per_topic": per_topic,
    }


def aspect_agreement(a: dict[str, dict], b: dict[str, dict]) -> tuple[int, int]:
    """(same aspect, statements both readings label elections)."""
    pairs = [(row.get(ASPECT), b[key].get(ASPECT)) for key, row in a.items()
             if "elections" in row["labels"] and "elections" in b[key]["labels"]]
    return sum(x == y for x, y in pairs), len(pairs)


def load_decisions(path: Path) -> dict[tuple[str, str], dict]:
    decisions: dict[tuple[str, str], dict] = {}
    for number, line in enumerate(path.open(encoding="utf-8"), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        where = f"{path}:{number}"
        if row["topic"] == ASPECT:
            if row["decision"] not in ASPECTS:
                raise ValueError(f"{where}: an aspect decision is one of {sorted(ASPECTS)}")
        elif row["decision"] not in {"yes", "no"}:
            raise ValueError(f"{where}: decision is yes or no")
        elif row["topic"] == "elections" and row["decision"] == "yes" and \
                row.get("aspect") not in ASPECTS:
            raise ValueError(f"{where}: elections decided yes needs an aspect")
        if (row["id"], row["topic"]) in decisions:
            raise ValueError(f"{where}: ({row['id']}, {row['topic']}) decided twice")
        decisions[(row["id"], row["topic"])] = row
    return decisions


def train_decisions() -> dict[tuple[str, str], dict]:
    """The decisions on both training audits (the first audit's and the late file's)."""
    decisions = load_decisions(TRAIN_DECISIONS)
    late = load_decisions(LATE_DECISIONS)
    if set(decisions) & set(late):
        raise ValueError(f"{LATE_DECISIONS}: decides pairs {TRAIN_DECISIONS.name} decides")
    return decisions | late


def adjudicate(first: dict[str, dict], second: dict[str, dict],
               decisions: dict[tuple[str, str], dict]) -> tuple[dict[str, dict], list[str]]:
    """Labels both readings give, plus those decided yes; problems found on the way."""
    problems = []
    wanted = set(disagreements(first, second))
    problems += [f"no decision for {key} {topic}" for key, topic in sorted(wanted - set(decisions))]
    problems += [f"decision for an agreed pair {key} {topic}"
                 for key, topic in sorted(set(decisions) - wanted)]
    result = {}
    for key, row in first.items():
        other = second[key]
        labels = set(row["labels"]) & set(other["labels"])
        labels |= {topic for (k, topic), d in decisions.items()
                   if k == key and topic != ASPECT and d["decision"] == "yes"}
        out = {field: row[field] for field in ("id", "article", "text", "context", "kind")
               if field in row}
        out["labels"] = sorted(labels)
        if "elections" in labels:
            if (key, ASPECT) in decisions:
                out[ASPECT] = decisions[(key, ASPECT)]["decision"]
            elif (key, "elections") in decisions:
                out[ASPECT] = decisions[(key, "elections")]["aspect"]
            elif ASPECT in row:  # the old training sample has no aspects
                out[ASPECT] = row[ASPECT]
        if "campaign_finance" in labels and "money" not in labels:
            problems.append(f"{key}: campaign_finance without money")
        result[key] = out
    return result, problems


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def report(name: str, a: dict[str, dict], b: dict[str, dict], topics: bool = True) -> None:
    for with_aspects in (False, True):
        result = agreement(a, b, with_aspects)
        extra = " (+ polls, voting from the aspect)" if with_aspects else ""
        print(f"{name}{extra}: micro F1 {result['f1']:.3f}  (P {result['p']:.3f}, "
              f"R {result['r']:.3f}; {result['a_labels']} vs {result['b_labels']} labels, "
              f"{result['shared']} shared; {result['same_statements']}/{result['statements']} "
              f"statements with identical topic sets)")
    same, total = aspect_agreement(a, b)
    print(f"  elections aspect: same on {same} of {total} statements both label elections")
    if not topics:
        return
    result = agreement(a, b)
    print(f"  {'topic':<18} {'A':>4} {'B':>4} {'both':>4}    F1  kappa")
    for topic, row in result["per_topic"].items():
        print(f"  {topic:<18} {row['a']:>4} {row['b']:>4} {row['both']:>4}  {_fmt(row['f1'])}"
              f"  {_fmt(row['kappa'])}")


def audit_pairs(audit: dict[str, dict], strata: dict[str, dict[str, dict]]
                ) -> dict[str, tuple[dict[str, dict], dict[str, dict]]]:
    """Per stratum, (audit reading, original reading) of the audited statements, comparable:
    the old sample was labelled before campaign_finance, election_security, free_speech and
    the aspects existed, so those are dropped from both sides of its rows."""
    pairs: dict[str, tuple[dict[str, dict], dict[str, dict]]] = {}
    for name, *_ in ALL_STRATA:
        mine = {key: row for key, row in audit.items() if key in strata[name]}
        theirs = {key: strata[name][key] for key in mine}
        if name == "old_sample":
            def strip(row: dict) -> dict:
                return {"id": row["id"],
                        "labels": [t for t in row["labels"] if t not in OLD_TOPICS_MISSING]}
            mine = {key: strip(row) for key, row in mine.items()}
            theirs = {key: strip(row) for key, row in theirs.items()}
        pairs[name] = (mine, theirs)
    return pairs


def train_report(audit: dict[str, dict], strata: dict[str, dict[str, dict]],
                 min_labels: int = 5) -> None:
    """Agreement of each training stratum's labels with the audit reading; per topic, which
    side gives it more (O = original training label, A = audit)."""
    pairs = audit_pairs(audit, strata)
    every_a: dict[str, dict] = {}
    every_o: dict[str, dict] = {}
    print("stratum            n  micro F1  +aspects  P(orig)  R(orig)  same sets  same aspect")
    for name, (mine, theirs) in pairs.items():
        every_a.update({f"{name}:{k}": v for k, v in mine.items()})
        every_o.update({f"{name}:{k}": v for k, v in theirs.items()})
        plain, full = agreement(mine, theirs), agreement(mine, theirs, with_aspects=True)
        same, total = aspect_agreement(mine, theirs)
        print(f"{name:<16} {len(mine):>3}  {plain['f1']:8.3f}  {full['f1']:8.3f}  "
              f"{plain['p']:7.3f}  {plain['r']:7.3f}  {plain['same_statements']:>5}/{len(mine):<3}"
              f"  {same:>4}/{total}")
    plain = agreement(every_a, every_o)
    print(f"{'all':<16} {len(every_a):>3}  {plain['f1']:8.3f}  "
          f"{agreement(every_a, every_o, with_aspects=True)['f1']:8.3f}  {plain['p']:7.3f}  "
          f"{plain['r']:7.3f}")
    print(f"\nper topic, all strata (topics with >= {min_labels} labels on either side); "
          "O only = the training label gives it and the audit does not")
    print(f"  {'topic':<18} {'orig':>4} {'audit':>5} {'both':>4} {'O only':>6} {'A only':>6}"
          f"  P(orig) R(orig)  kappa")
    for topic, row in plain["per_topic"].items():
        if max(row["a"], row["b"]) < min_labels:
            continue
        print(f"  {topic:<18} {row['b']:>4} {row['a']:>5} {row['both']:>4} "
              f"{row['b'] - row['both']:>6} {row['a'] - row['both']:>6}  "
              f"{_fmt(row['both'] / row['b'] if row['b'] else None):>7} "
              f"{_fmt(row['both'] / row['a'] if row['a'] else None):>7}  {_fmt(row['kappa'])}")
    if TRAIN_DECISIONS.exists():
        decisions = train_decisions()
        print(f"\n{len(decisions)} decisions ({TRAIN_DECISIONS.name}, {LATE_DECISIONS.name}); per "
              "stratum, the training labels and the audit against the adjudicated labels")
        print("stratum            n  decisions  orig won  audit won   orig F1  audit F1")
        for name, (mine, theirs) in pairs.items():
            wanted = {pair: decisions[pair] for pair in disagreements(mine, theirs)
                      if pair in decisions}
            adjudicated, problems = adjudicate(mine, theirs, wanted)
            for problem in problems:
                print(f"  problem: {problem}", file=sys.stderr)
            won: Counter[str] = Counter()
            for (key, topic), decision in wanted.items():
                if topic == ASPECT:
                    orig = theirs[key].get(ASPECT) == decision["decision"]
                else:
                    orig = (topic in theirs[key]["labels"]) == (decision["decision"] == "yes")
                won["orig" if orig else "audit"] += 1
            print(f"{name:<16} {len(mine):>3}  {len(wanted):>9}  {won['orig']:>8}  "
                  f"{won['audit']:>9}   {agreement(adjudicated, theirs)['f1']:7.3f}  "
                  f"{agreement(adjudicated, mine)['f1']:8.3f}")
    print("\nper stratum and topic, where the two readings differ by 3 or more labels "
          "(O only / A only)")
    for name, (mine, theirs) in pairs.items():
        result = agreement(mine, theirs)["per_topic"]
        drift = [f"{t} {r['b'] - r['both']}/{r['a'] - r['both']}" for t, r in result.items()
                 if r["a"] + r["b"] - 2 * r["both"] >= 3]
        print(f"  {name:<16} {', '.join(drift) or '-'}")


def corrections(audit: dict[str, dict], strata: dict[str, dict[str, dict]],
                decisions: dict[tuple[str, str], dict], reread: dict[str, dict],
                late_rereads: dict[tuple[str, str], dict] | None = None
                ) -> tuple[list[dict], list[str]]:
    """Corrected labels for the training statements: the adjudicated labels of every audited
    statement where they differ from the training label, and every statement of the old sample
    (labelled before the conventions, the newer topics and the aspects existed; the audit finds
    it short of `elections`) as read again: adjudicated on its 32 topics where audited, the
    re-reading's newer topics and aspect, the re-reading alone for the rest; and the late
    file's statements read again for one topic (``late_rereads``) where the decision differs."""
    rows: list[dict] = []
    problems: list[str] = []
    pairs = audit_pairs(audit, strata)
    for name, (mine, theirs) in pairs.items():
        wanted = {pair: decisions[pair] for pair in disagreements(mine, theirs)
                  if pair in decisions}
        built, found = adjudicate(mine, theirs, wanted)
        problems += found
        for key, row in built.items():
            labels, aspect = set(row["labels"]), row.get(ASPECT)
            if name == "old_sample":
                labels |= set(audit[key]["labels"]) & OLD_TOPICS_MISSING
                if "elections" in labels:
                    aspect = (decisions[(key, "elections")]["aspect"]
                              if (key, "elections") in decisions else audit[key].get(ASPECT))
                source = "old sample read again, adjudicated"
            else:
                original = strata[name][key]
                if labels == set(original["labels"]) and aspect == original.get(ASPECT):
                    continue
                source = "audit, adjudicated"
            rows.append({"id": key, "labels": sorted(labels),
                         **({ASPECT: aspect} if "elections" in labels else {}), "source": source})
    old = strata["old_sample"]
    problems += [f"{key}: the old sample has no such statement" for key in set(reread) - set(old)]
    problems += [f"{key}: old sample statement neither audited nor read again"
                 for key in set(old) - set(reread) - set(audit)]
    for key, row in reread.items():
        rows.append({"id": key, "labels": sorted(row["labels"]),
                     **({ASPECT: row[ASPECT]} if "elections" in row["labels"] else {}),
                     "source": "old sample read again"})
    for (key, topic), decision in (late_rereads or {}).items():
        if key not in strata["late"] or key in audit or topic in {"elections", ASPECT}:
            problems.append(f"{key} {topic}: re-reads are of un-audited late statements, "
                            "one topic other than elections")
            continue
        labels = set(strata["late"][key]["labels"])
        changed = labels ^ {topic} if (topic in labels) != (decision["decision"] == "yes") \
            else labels
        if changed != labels:
            aspect = strata["late"][key].get(ASPECT)
            rows.append({"id": key, "labels": sorted(changed),
                         **({ASPECT: aspect} if "elections" in changed else {}),
                         "source": f"late file, read again for {topic}"})
    for row in rows:
        if "campaign_finance" in row["labels"] and "money" not in row["labels"]:
            problems.append(f"{row['id']}: campaign_finance without money")
        if "elections" in row["labels"] and row.get(ASPECT) not in ASPECTS:
            problems.append(f"{row['id']}: elections without an aspect")
    return rows, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-adjudicated", action="store_true",
                        help=f"write {ADJUDICATED.name} from agreement + decisions")
    parser.add_argument("--train", action="store_true",
                        help=f"agreement of the training labels with {AUDIT.name}, by reader")
    parser.add_argument("--write-corrections", action="store_true",
                        help=f"(re)write {CORRECTIONS.name} for train_topics.py")
    parser.add_argument("--draw-audit", type=Path, metavar="PATH",
                        help="write the audit sample without labels, in reading order")
    parser.add_argument("--late", action="store_true",
                        help=f"with --draw-audit: draw from {LATE_STRATA[0][1]} instead")
    args = parser.parse_args(argv)
    if args.draw_audit:
        with args.draw_audit.open("w", encoding="utf-8") as handle:
            for row in draw_audit(train_strata(), which=LATE_STRATA if args.late else TRAIN_STRATA):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        return 0
    if args.train:
        train_report(load([AUDIT, LATE_AUDIT]), train_strata())
        mine = load([DEV_AUDIT])
        print(f"\nthe auditor on {len(mine)} held-out statements (A = {DEV_AUDIT.name})")
        for name, paths in (("first reading", FIRST), ("second reading", [SECOND]),
                            ("adjudicated", [ADJUDICATED])):
            other = load(paths)
            report(f"A vs {name}", mine, {key: other[key] for key in mine},
                   topics=name == "first reading")
        mine = load([DEV_AUDIT_LATE])
        print(f"\nthe late file's auditor on {len(mine)} of them (A = {DEV_AUDIT_LATE.name})")
        for name, paths in (("first reading", FIRST), ("second reading", [SECOND]),
                            ("adjudicated", [ADJUDICATED]), ("first auditor", [DEV_AUDIT])):
            other = load(paths)
            report(f"A vs {name}", mine, {key: other[key] for key in mine}, topics=False)
        return 0
    if args.write_corrections:
        rows, problems = corrections(load([AUDIT, LATE_AUDIT]), train_strata(),
                                     train_decisions(), load([OLD_REREAD]),
                                     load_decisions(LATE_REREADS))
        for problem in problems:
            print(f"problem: {problem}", file=sys.stderr)
        if problems:
            return 1
        with CORRECTIONS.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"wrote {len(rows)} corrections to {CORRECTIONS}")
        return 0
    first, second = load(FIRST), load([SECOND])
    if set(first) != set(second):
        print(f"the readings cover different statements: {len(set(first) ^ set(second))} ids "
              f"differ", file=sys.stderr)
        return 1
    print(f"{len(first)} held-out statements; A = first reading, B = second reading\n")
    report("A vs B", first, second)
    pairs = disagreements(first, second)
    print(f"\n{len(pairs)} disagreements to decide: "
          f"{sum(t != ASPECT for _, t in pairs)} (statement, topic) pairs, "
          f"{sum(t == ASPECT for _, t in pairs)} aspect clashes")
    if not DECISIONS.exists():
        return 0
    decisions = load_decisions(DECISIONS)
    adjudicated, problems = adjudicate(first, second, decisions)
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    sides: Counter[str] = Counter()
    for (key, topic), decision in decisions.items():
        if topic == ASPECT:
            sides["A" if first[key].get(ASPECT) == decision["decision"] else
                  "B" if second[key].get(ASPECT) == decision["decision"] else "neither"] += 1
        else:
            said_yes = "A" if topic in first[key]["labels"] else "B"
            sides[said_yes if decision["decision"] == "yes" else "AB"[said_yes == "A"]] += 1
    print(f"\n{len(decisions)} decisions; they side with A {sides['A']}, with B {sides['B']}, "
          f"with neither {sides['neither']}\n")
    report("adjudicated vs A", adjudicated, first, topics=False)
    report("adjudicated vs B", adjudicated, second, topics=False)
    if args.write_adjudicated:
        if problems:
            print("not writing the adjudicated set: fix the problems above", file=sys.stderr)
            return 1
        with ADJUDICATED.open("w", encoding="utf-8") as handle:
            for row in adjudicated.values():
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"\nwrote {len(adjudicated)} statements to {ADJUDICATED}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
