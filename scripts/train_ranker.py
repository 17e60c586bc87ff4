#!/usr/bin/env python3
"""Train and check a linear ranker for the antecedent of a speaking he/she, against the rules.

    scripts/train_ranker.py [--train DIR] [--dev DIR] [--adjudication FILE]

For every quotation or statement whose speaker is written as he/she, the candidates the
registry sees (``onrecord.attribution.ranker.candidates``) are labelled by the gold speaker of
the matched gold item (the shared scorer's matching and name rule). A conditional logit
(softmax over each statement's candidates) is fitted on train by gradient descent; then on
dev both the rules' choice and the ranker's are scored on the same statements. Prints the
weights and the accuracies; nothing is written unless ``--write`` is given.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from disputes import DEFAULT_SCORER, load_scorer  # noqa: E402
from evaluate import read_markdown  # noqa: E402

from onrecord.attribution import assemble, ranker  # noqa: E402
from onrecord.attribution.registry import Registry  # noqa: E402


def collect(corpus: Path, sq, adjudication: Path | None = None) -> list[dict]:  # noqa: ANN001
    gold_rows = sq.read_jsonl(corpus / "gold.jsonl")
    if adjudication is not None and adjudication.exists():
        readings = {
            (r["article"], r["content_start"], r["content_end"]): r
            for r in map(json.loads, adjudication.read_text(encoding="utf-8").splitlines())
        }
        for row in gold_rows:
            r = readings.get((row["article"], row.get("content_start"), row.get("content_end")))
            if r is not None and not r.get("not_statement"):
                row["speaker"], row["ok"] = r["speaker"], r.get("ok", [])
    golds = sq.gold_items(gold_rows)
    by_article: dict[str, list] = {}
    for g in golds:
        by_article.setdefault(g.article, []).append(g)
    drafts_seen: list[tuple[int, int, int]] = []
    original_records = assemble._records
    original_resolve = Registry.resolve

    def records(article, drafts, registry):  # noqa: ANN001, ANN202
        for d in drafts:
            m = d.attribution.mention
            if m is not None and m.kind == "pronoun" and m.text.lower() in ("he", "she"):
                drafts_seen.append((m.start, d.parts[0][0], d.parts[-1][1]))
        return original_records(article, drafts, registry)

    def resolve(self, mention, position=None):  # noqa: ANN001, ANN202
        n = len(ranker.CANDIDATE_LOG)
        res = original_resolve(self, mention, position)
        if len(ranker.CANDIDATE_LOG) > n:
            ranker.CANDIDATE_LOG[-1]["mention"] = mention.start
            ranker.CANDIDATE_LOG[-1]["rule"] = res.name
        return res

    assemble._records = records
    Registry.resolve = resolve
    out: list[dict] = []
    try:
        for path in sorted((corpus / "articles").glob("*.md")):
            article = read_markdown(path)
            ranker.CANDIDATE_LOG = []
            drafts_seen.clear()
            assemble.extract(article)
            logs = {e["mention"]: e for e in ranker.CANDIDATE_LOG if "mention" in e}
            spans = [(m, s, e) for m, s, e in drafts_seen if m in logs]
            if not spans:
                continue
            preds = sq.pred_items(
                [
                    {
                        "article": article.id,
                        "text": article.body[s:e],
                        "start": s,
                        "end": e,
                        "_line": i,
                    }
                    for i, (_, s, e) in enumerate(spans)
                ]
            )
            golds_a = by_article.get(article.id, [])
            matched = sq.match(preds, golds_a)
            for i, (m, _s, _e) in enumerate(spans):
                if i not in matched:
                    continue
                g = golds_a[matched[i]]
                if not g.speaker:
                    continue
                names = [g.speaker, *g.aliases]
                log = logs[m]
                cands = log["candidates"]
                labels = [any(sq.speaker_match(e.name, n) for n in names) for e, _ in cands]
                rule_ok = log["rule"] is not None and any(
                    sq.speaker_match(log["rule"], n) for n in names
                )
                out.append(
                    {"cands": cands, "labels": labels, "rule_ok": rule_ok, "rule": log["rule"]}
                )
    finally:
        assemble._records = original_records
        Registry.resolve = original_resolve
        ranker.CANDIDATE_LOG = None
    return out


def vectors(cands: list) -> list[list[float]]:
    return [[f.get(n, 0.0) for n in ranker.FEATURES] for _, f in cands]


def dot(w: list[float], x: list[float]) -> float:
    return sum(a * b for a, b in zip(w, x, strict=True))


def fit(items: list[dict], l2: float = 0.01, steps: int = 600, rate: float = 0.5) -> list[float]:
    """Gradient descent on the mean negative log-likelihood of the right candidates."""
    usable = [(vectors(it["cands"]), it["labels"]) for it in items if any(it["labels"])]
    w = [0.0] * len(ranker.FEATURES)
    for _ in range(steps):
        grad = [l2 * v for v in w]
        for xs, ys in usable:
            scores = [dot(w, x) for x in xs]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            right = sum(ys)
            for x, e, y in zip(xs, exps, ys, strict=True):
                coef = (y / right - e / total) / len(usable)
                for k, value in enumerate(x):
                    grad[k] -= coef * value
        w = [v - rate * g for v, g in zip(w, grad, strict=True)]
    return w


def accuracy(items: list[dict], w: list[float]) -> tuple[int, int, int, int]:
    """(statements, right by the rules, right by the ranker, right by the rules with the
    ranker filling in where the rules name nobody)."""
    rule = rank = hybrid = 0
    for it in items:
        rule += it["rule_ok"]
        hybrid += it["rule_ok"]
        if it["cands"]:
            scored = [
                (dot(w, x), f["_p"])
                for x, (_, f) in zip(vectors(it["cands"]), it["cands"], strict=True)
            ]
            k = max(range(len(scored)), key=lambda i: scored[i])
            rank += it["labels"][k]
            if it["rule"] is None:
                hybrid += it["labels"][k]
    return len(items), rule, rank, hybrid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = REPO.parent / "shared" / "corpora" / "polnear"
    parser.add_argument("--train", type=Path, default=shared / "train")
    parser.add_argument("--dev", type=Path, default=shared / "dev")
    parser.add_argument(
        "--adjudication",
        type=Path,
        default=REPO / "scripts" / "data" / "adjudication_polnear_dev.jsonl",
    )
    args = parser.parse_args(argv)
    sq = load_scorer(DEFAULT_SCORER)
    train = collect(args.train, sq)
    dev = collect(args.dev, sq)
    dev_adj = collect(args.dev, sq, args.adjudication)
    w = fit(train)
    for name, value in zip(ranker.FEATURES, w, strict=True):
        print(f"  {name:<18} {value:+.3f}")
    for label, items in (("train", train), ("dev", dev), ("dev adjudicated", dev_adj)):
        n, rule, rank, hybrid = accuracy(items, w)
        some = sum(any(it["labels"]) for it in items)
        print(
            f"{label:<16} {n} he/she statements ({some} with the right person among the "
            f"candidates): rules {rule} right ({rule / n:.3f}), ranker {rank} ({rank / n:.3f}), "
            f"rules then ranker where they name nobody {hybrid} ({hybrid / n:.3f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
