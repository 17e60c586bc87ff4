#!/usr/bin/env python3
"""List the statements whose speaker identity is wrong because of attribution.

    scripts/identity_errors.py OURS.jsonl GOLDATTR.jsonl [--split dev|train] [--cache FILE]
                               [--show N] [--json]

OURS is the export of ``scripts/evaluate_identity.py --pred-out`` (attribution's speakers),
GOLDATTR the same with ``--gold-attribution`` (the annotators' in-article speakers through the
same archive-wide stage). Each gold statement matched in a file has a gold identity and a
system id; it is an *error* there when its id is not the one most of its identity's statements
get, or that id mostly holds another identity (the rule docs/speakers.md uses). Listed: the
statements wrong with OURS and right with GOLDATTR, i.e. the ones attribution costs, each with
the gold speaker, attribution's in-article speaker (from ``--cache``: the per-article records,
before the archive-wide stage) and the source text around it, grouped by kind: no speaker,
another person of the article, a name sharing no word with the gold speaker.

Train is restricted to the first 444 articles of the seed-14 order (the identity gold's "train
part"); the articles after them are held out and never listed here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
POLNEAR = SHARED / "corpora" / "polnear"
DATA = REPO / "scripts" / "data"
sys.path.insert(0, str(SHARED / "eval"))

import score_quotes as sq  # noqa: E402

TRAIN_PART = 444


def train_part() -> set[str]:
    """The identity gold's train articles: ids[:444] of the seed-14 order."""
    ids = sorted(f[:-3] for f in os.listdir(POLNEAR / "train" / "articles") if f.endswith(".md"))
    random.Random(14).shuffle(ids)
    return set(ids[:TRAIN_PART])


def matched(gold_rows: list[dict], pred_rows: list[dict], ident: dict, keep: set[str] | None):
    """(article, gold line) -> (identity, system id, prediction row) for matched statements."""
    golds = sq.gold_items(gold_rows)
    preds = sq.pred_items(pred_rows)
    by_line = {r["_line"]: r for r in pred_rows}
    gb: dict[str, list] = defaultdict(list)
    pb: dict[str, list] = defaultdict(list)
    for g in golds:
        if keep is None or g.article in keep:
            gb[g.article].append(g)
    for p in preds:
        if p.article in gb:
            pb[p.article].append(p)
    out = {}
    for article, gs in gb.items():
        ps = pb.get(article, [])
        for pi, gi in sq.match(ps, gs).items():
            g = gs[gi]
            if not g.speaker or (article, g.speaker) not in ident:
                continue
            row = by_line[ps[pi].line]
            sid = row.get("speaker_id") or f"none:{article}:{pi}"
            out[(article, g.line)] = (ident[(article, g.speaker)], sid, row)
    return out


def errors(pairs: dict) -> set:
    """Keys whose id is not their identity's majority id, or whose id mostly holds another."""
    by_identity: dict[str, Counter] = defaultdict(Counter)
    by_id: dict[str, Counter] = defaultdict(Counter)
    for identity, sid, _ in pairs.values():
        by_identity[identity][sid] += 1
        by_id[sid][identity] += 1
    bad = set()
    for key, (identity, sid, _) in pairs.items():
        majority_id = by_identity[identity].most_common(1)[0][0]
        if majority_id != sid or by_id[sid].most_common(1)[0][0] != identity:
            bad.add(key)
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ours", type=Path)
    parser.add_argument("goldattr", type=Path)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--cache", type=Path, help="per-article records (in-article speakers)")
    parser.add_argument("--show", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="one JSON line per error")
    args = parser.parse_args(argv)
    corpus = POLNEAR / args.split
    ident_path = DATA / ("identity_dev.jsonl" if args.split == "dev" else
                         "identity_train_part.jsonl")
    ident = {}
    for line in ident_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        ident[(row["article"], row["name"])] = row["identity"]
    keep = train_part() if args.split == "train" else None
    gold_rows = sq.read_jsonl(corpus / "gold.jsonl")
    gold_by_line = {r["_line"]: r for r in gold_rows}
    in_article = {}
    if args.cache:
        for line in args.cache.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            in_article[row["id"]] = row
    ours = matched(gold_rows, sq.read_jsonl(args.ours), ident, keep)
    theirs = matched(gold_rows, sq.read_jsonl(args.goldattr), ident, keep)
    bad_ours, bad_theirs = errors(ours), errors(theirs)
    costly = sorted(k for k in bad_ours if k in theirs and k not in bad_theirs)
    kinds: Counter = Counter()
    listed = []
    for key in costly:
        identity, sid, row = ours[key]
        gold = gold_by_line[key[1]]
        record = in_article.get(row.get("id"), row)
        said = record.get("speaker")
        article_names = {ident.get((key[0], r["speaker"])) for r in gold_rows
                         if r.get("article") == key[0] and r.get("speaker")}
        if not said:
            kind = "no speaker"
        elif any(a != identity and a and said.lower() in a.lower() for a in article_names):
            kind = "another source of the article"
        elif not set(said.lower().split()) & set(identity.lower().split()):
            kind = "a name sharing no word with the identity"
        else:
            kind = "shares a word (identity or convention)"
        kinds[kind] += 1
        listed.append({
            "article": key[0], "kind": kind, "identity": identity,
            "gold_speaker": gold.get("speaker"), "source_text": gold.get("source_text"),
            "ours": said, "as_written": record.get("speaker_as_written"), "speaker_id": sid,
            "cue": record.get("cue"), "text": (gold.get("content") or "")[:90],
            "context": (record.get("context") or "")[:300],
        })
    print(f"{args.split}: matched ours {len(ours)}, errors {len(bad_ours)}; "
          f"gold-attribution matched {len(theirs)}, errors {len(bad_theirs)}; "
          f"wrong only through attribution: {len(costly)}")
    for kind, n in kinds.most_common():
        print(f"  {n:4d}  {kind}")
    for item in listed[: args.show]:
        if args.json:
            print(json.dumps(item, ensure_ascii=False))
        else:
            print(f"\n[{item['kind']}] {item['article']}\n  identity {item['identity']!r}; gold "
                  f"{item['gold_speaker']!r} ({item['source_text']!r}); ours {item['ours']!r} "
                  f"as written {item['as_written']!r}, cue {item['cue']!r}\n  text: {item['text']}"
                  f"\n  context: {item['context']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
