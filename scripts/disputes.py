#!/usr/bin/env python3
"""List the speaker disputes between a prediction file and a gold corpus, for reading.

    scripts/disputes.py CORPUS_DIR PRED_JSONL [--kind all] [--blind] [--out FILE]
    scripts/disputes.py CORPUS_DIR PRED_JSONL --content [--blind] [--out FILE]

A dispute is a gold item matched by a prediction (the shared scorer's own matching) whose
speaker does not match. Each line holds the article, the gold span, the context around it and
the two names. With ``--blind`` the names are given as ``candidates`` in an order fixed by a
hash of the item, without saying which is the gold's: that is how the adjudication file
``scripts/data/adjudication_polnear_dev.jsonl`` was read (see ``evaluate.py --adjudication``).

With ``--content`` the list holds the content disputes instead: every gold item no prediction
matched and every prediction that matched no gold item, each as a span in its context
(``⟦…⟧``). With ``--blind`` the side is left out and the items come in a fixed random order,
so the reader cannot tell the gold's misses from ours: each is read as a statement or not by
its words alone (``content_adjudication_polnear_dev.jsonl``, applied by ``evaluate.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from onrecord.readers.metadata import split_front_matter  # noqa: E402

DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score_quotes.py"


def load_scorer(path: Path):  # noqa: ANN201 - a module
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot load the scorer")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def disputes(corpus: Path, pred: Path, kind: str, scorer: Path) -> list[dict]:
    sq = load_scorer(scorer)
    result = sq.score(
        sq.gold_items(sq.read_jsonl(corpus / "gold.jsonl")),
        sq.pred_items(sq.read_jsonl(pred)),
        kind,
    )
    pred_rows = {i: row for i, row in enumerate(sq.read_jsonl(pred), 1)}
    bodies: dict[str, str] = {}
    out = []
    for p, g in result["_errors"]["speaker"]:
        if g.article not in bodies:
            path = corpus / "articles" / f"{g.article}.md"
            bodies[g.article] = split_front_matter(path.read_text(encoding="utf-8"))[1]
        body = bodies[g.article]
        start, end = g.start or 0, g.end or 0
        row = pred_rows.get(p.line, {})
        out.append(
            {
                "article": g.article,
                "content_start": g.start,
                "content_end": g.end,
                "content": g.text[:120],
                "direct": g.direct,
                "context": body[max(0, start - 500) : end + 250],
                "gold": g.speaker,
                "ours": p.speaker,
                "ours_as_written": row.get("speaker_as_written"),
            }
        )
    return out


def content_disputes(corpus: Path, pred: Path, scorer: Path) -> list[dict]:
    """The gold items left unmatched (``side: gold``) and the predictions that match no gold
    item (``side: ours``), for the speech items of every kind."""
    sq = load_scorer(scorer)
    result = sq.score(
        sq.gold_items(sq.read_jsonl(corpus / "gold.jsonl")),
        sq.pred_items(sq.read_jsonl(pred)),
        "all",
    )
    bodies: dict[str, str] = {}
    out = []
    errors = result["_errors"]
    for side, items in (("gold", errors["fn"]), ("ours", errors["fp"])):
        for item in items:
            if item.article not in bodies:
                path = corpus / "articles" / f"{item.article}.md"
                bodies[item.article] = split_front_matter(path.read_text(encoding="utf-8"))[1]
            body = bodies[item.article]
            start, end = item.start or 0, item.end or 0
            out.append(
                {
                    "article": item.article,
                    "start": item.start,
                    "end": item.end,
                    "side": side,
                    "text": item.text,
                    "context": body[max(0, start - 300) : start]
                    + "⟦"
                    + body[start:end]
                    + "⟧"
                    + body[end : end + 150],
                }
            )
    return out


def content_key(row: dict) -> str:
    """How a content reading names its span: article and offsets."""
    return f"{row['article']}:{row['start']}:{row['end']}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--kind", default="all", choices=["all", "direct", "indirect"])
    parser.add_argument("--blind", action="store_true")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--content", action="store_true", help="content disputes instead")
    args = parser.parse_args(argv)
    lines = []
    if args.content:
        items = content_disputes(args.corpus, args.pred, args.scorer)
        if args.blind:
            items.sort(key=content_key)
            random.Random(19).shuffle(items)  # a fixed order that says nothing of the side
            for item in items:
                item.pop("side")
        return write_lines([json.dumps(item, ensure_ascii=False) for item in items], args.out)
    for item in disputes(args.corpus, args.pred, args.kind, args.scorer):
        if args.blind:
            names = [item.pop("gold"), item.pop("ours")]
            item.pop("ours_as_written")
            key = f"{item['article']}:{item['content_start']}".encode()
            if hashlib.sha1(key).digest()[0] & 1:
                names.reverse()
            item["candidates"] = names
        lines.append(json.dumps(item, ensure_ascii=False))
    return write_lines(lines, args.out)


def write_lines(lines: list[str], out: Path | None) -> int:
    """The JSON lines to ``out``, or to standard output."""
    text = "\n".join(lines) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
