"""Train the topic model on the labelled training statements; write onrecord/data/topic_model.json.

    python scripts/train_topics.py                  # train, choose thresholds, write the model
    python scripts/train_topics.py --cv             # only report cross-validated scores

Training data: every ``scripts/data/topic_labels_train*.jsonl`` (labelled by reading, PolNeAR
train split) and ``scripts/data/topics_polnear_sample.jsonl`` (an earlier reading of 200 train
statements, made before the three newer topics and the elections aspects existed: those count
as unknown for its rows). The sub-topics ``polls`` and ``voting`` are labelled by a statement's
``elections_aspect``. The dev files are never read here.

    python scripts/train_topics.py --limit 1000 --out /tmp/m.json   # a learning-curve point

Method: one logistic regression per topic (L2, full-batch Adam in numpy) over the features of
:mod:`onrecord.topics.model`; the word-vector features are standardised while training and
the scaling is folded back into the weights; a topic's own one-word terms are kept >= 0 as
words. Each topic's threshold is the one maximising F1 over 5-fold out-of-fold scores (topics
with fewer than ``MIN_POSITIVES`` examples take the threshold that maximises micro F1 over all
topics).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from onrecord.topics import Taxonomy, load_taxonomy  # noqa: E402
from onrecord.topics.model import (  # noqa: E402
    MODEL_FILE,
    Features,
    TopicModel,
    article_parts,
    dense_size,
)

sys.path.insert(0, str(ROOT / "scripts"))
from evaluate_topics import POLNEAR, polnear_articles  # noqa: E402

DATA = ROOT / "scripts" / "data"
# Every train label file (topic_labels_train.jsonl, topic_labels_train_more_*.jsonl, ...), then
# the older sample; a statement in several files counts once (the first file read wins).
TRAIN_FILES = [*sorted(p for p in DATA.glob("topic_labels_train*.jsonl") if "audit" not in p.name),
               DATA / "topics_polnear_sample.jsonl"]
# Labels corrected by the audit of the training labels (scripts/topic_agreement.py
# --write-corrections): they replace a statement's labels and aspect, with all topics known.
CORRECTIONS = DATA / "topic_corrections_train.jsonl"
NEWER_TOPICS = {"campaign_finance", "election_security", "free_speech"}
# Sub-topics of elections: labelled as the `elections_aspect` of an elections statement.
ASPECTS = {"polls", "voting"}
OLD_FILE = "topics_polnear_sample.jsonl"
MIN_POSITIVES = 6
# How far each topic's own F1-best cut is pulled towards the one shared cut (the micro-F1-best
# over all topics): 0 = per-topic cuts, 1 = one cut for every topic. Fifth round, nested
# grouped CV (each fold's cuts chosen on the other folds' scores), 7,559 statements: 0 -> .715,
# 0.5 (rounds 1-4) -> .720, 1 -> .724 (+.0037, 95% [+.0014, +.0058], docs/topics.md). The
# logits are calibrated log-odds (one regression per topic, priors alike); a topic's own cut
# fitted on its few dozen out-of-fold positives mostly fits their noise.
CUT_PULL = 1.0
# Chosen by cross-validated micro F1 on the training rows among eight settings (docs/topics.md).
PRIOR = {"terms": 4.0, "context_terms": 2.0, "meaning": 1.5, "context_meaning": 1.0,
         "bias": -5.0}
L2_WORDS = 3.0
L2_DENSE = 30.0
# A topic's own term in the statement lowers its threshold by this much (logits). Over the
# cross-validated scores: 0 -> micro F1 .670, money P .75 R .72; 1 -> .668, money .74 / .74.
TERM_SLACK = 1.0
# The context sentence's words and meaning are read for statements with fewer index words than
# this: every statement. Cross-validated on 3,568 statements: below 8 words .683, below 15
# .685, every statement .693 (money P .70 R .71 in all three).
CONTEXT_BELOW = 1000
# Cross-validated on 3,568 statements: without .696, with .692; with it the seeds' "financial
# package" stays money ("financial" alone learned a negative money weight).
OWN_TERMS_NONNEGATIVE = True
SEED = 15
# Each statement also reads what its whole article is about (the mean term hits and meaning of
# the article's statements). Cross-validated with folds grouped by article: micro F1 .692 ->
# .723 (docs/topics.md, fourth round).
ARTICLE = True
# L2 of the article's columns. Cross-validated (grouped): 30 -> .726, 100 -> .725 (money P .71
# R .70 / .73 .69); the stronger one is kept: equal within the noise, simpler, and with 30 the
# seeds' "the union to end the strike ..." took money from its article (margin 0.16).
L2_ARTICLE = 100.0


def read_rows(paths: list[Path], keys: list[str], corrections: Path | None = CORRECTIONS
              ) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """Rows, labels (rows x topics) and a mask of which labels are known."""
    fixes = {}
    if corrections is not None and corrections.is_file():
        fixes = {row["id"]: row for row in map(json.loads, corrections.open(encoding="utf-8"))}
    rows: list[dict] = []
    seen: set[str] = set()
    for path in paths:
        if not path.is_file():
            continue
        for line in path.open(encoding="utf-8"):
            if not line.strip():
                continue
            row = json.loads(line)
            if row["id"] in seen:
                continue
            seen.add(row["id"])
            row["_old"] = path.name == OLD_FILE
            if row["id"] in fixes:
                row.pop("elections_aspect", None)
                row.update(fixes[row["id"]], _old=False)
            rows.append(row)
    labels = np.zeros((len(rows), len(keys)), dtype=np.float32)
    mask = np.ones_like(labels)
    for i, row in enumerate(rows):
        aspect = row.get("elections_aspect") if "elections" in row["labels"] else None
        for label in [*row["labels"], *([aspect] if aspect in ASPECTS else [])]:
            if label in keys:
                labels[i, keys.index(label)] = 1.0
        if row["_old"]:
            for key in (NEWER_TOPICS | ASPECTS) & set(keys):
                mask[i, keys.index(key)] = 0.0
    return rows, labels, mask


class Design:
    """The training matrix: statement stems, context stems (vocabularies from the training
    rows, words seen at least twice), then the model's dense features."""

    def __init__(self, features: Features, keys: list[str]) -> None:
        counts = Counter(stem for stems in features.stems for stem in stems)
        context_counts = Counter(stem for stems in features.context_stems for stem in stems)
        self.vocab = sorted(s for s, n in counts.items() if n >= 2)
        self.context_vocab = sorted(s for s, n in context_counts.items() if n >= 2)
        self.keys = keys
        self.sparse = len(self.vocab) + len(self.context_vocab)
        self.dense = features.dense.shape[1]  # with or without the article's columns
        self.own_terms = np.zeros((self.sparse + self.dense, len(keys)), dtype=bool)

    def keep_own_terms(self, taxonomy: Taxonomy) -> None:
        """A topic's own one-word terms may not count against it as words: the term feature
        already says what the term is worth, and a negative word weight would undo it
        ("financial" learned from "financial crisis" statements must not make "a financial
        package" for workers less money than it would be without the word)."""
        index = {s: i for i, s in enumerate(self.vocab)}
        for j, key in enumerate(self.keys):
            if key not in taxonomy:
                continue
            for term in taxonomy[key].terms:
                stems = taxonomy.stems(term)
                if len(stems) == 1 and stems[0] in index:
                    self.own_terms[index[stems[0]], j] = True

    def matrix(self, features: Features) -> np.ndarray:
        index = {s: i for i, s in enumerate(self.vocab)}
        offset = len(self.vocab)
        context_index = {s: offset + i for i, s in enumerate(self.context_vocab)}
        x = np.zeros((len(features.dense), self.sparse + self.dense))
        for row, (stems, context_stems) in enumerate(
                zip(features.stems, features.context_stems, strict=True)):
            for stem in stems:
                if stem in index:
                    x[row, index[stem]] = 1.0
            for stem in context_stems:
                if stem in context_index:
                    x[row, context_index[stem]] = 1.0
        x[:, self.sparse:] = features.dense
        return x

    def scaled(self) -> np.ndarray:
        """Which columns are standardised: the meaning features. The word columns stay 0/1:
        scaling a rare word up by its small spread let one training sentence give it a large
        weight ("met" for elections)."""
        k = len(self.keys)
        cols = np.zeros(self.sparse + self.dense, dtype=bool)
        cols[self.sparse + 2 * k + 1:] = True
        return cols

    def prior(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Prior weights (a topic's own terms and meaning count for it), bias, and L2 per
        feature: the words are many and learned from few examples; the rest are few."""
        k = len(self.keys)
        size = self.sparse + self.dense
        w0 = np.zeros((size, k))
        base = self.sparse
        for j in range(k):
            w0[base + j, j] = PRIOR["terms"]
            w0[base + k + j, j] = PRIOR["context_terms"]
            w0[base + 2 * k + 1 + j, j] = PRIOR["meaning"]
            w0[base + 3 * k + 1 + j, j] = PRIOR["context_meaning"]
        reg = np.full((size, 1), L2_DENSE)
        reg[:self.sparse] = L2_WORDS
        reg[self.sparse + dense_size(k):] = L2_ARTICLE  # the article's columns, if read
        return w0, np.full(k, PRIOR["bias"]), reg


def featurize(rows: list[dict], keys: list[str], article: bool = ARTICLE,
              split: str = "train") -> Features:
    """The model's features of each row; with ``article``, each row also reads its article
    (every PolNeAR speech statement of it with its paragraph, as ingest tags an article; the
    labelled rows of the article where the corpus is absent)."""
    items = [(r["text"], r.get("context")) for r in rows]
    if not article:
        blank = TopicModel.blank(keys)
        blank.context_below = CONTEXT_BELOW
        return Taxonomy(load_taxonomy(model=False).topics, model=blank).features(items)
    taxonomy, statements = article_reader(keys, items, split)
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(article_of(row), []).append(i)
    stems: list[frozenset[str]] = [frozenset()] * len(rows)
    context_stems: list[frozenset[str]] = [frozenset()] * len(rows)
    dense = np.zeros((len(rows), dense_size(len(keys), article=True)))
    for name, members in groups.items():
        batch = taxonomy.features([items[i] for i in members],
                                  statements.get(name) or [items[i] for i in members])
        for j, i in enumerate(members):
            stems[i], context_stems[i] = batch.stems[j], batch.context_stems[j]
        dense[members] = batch.dense
    return Features(stems, context_stems, dense)


def article_reader(keys: list[str], items: list[tuple[str, str | None]], split: str = "train"
                   ) -> tuple[Taxonomy, dict[str, list[tuple[str, str]]]]:
    """A taxonomy whose blank model reads articles, with its ``article_prior`` (the average
    statement's article columns over every statement of the split's articles: what a
    statement alone, or without article-mates, is read with), and those articles."""
    blank = TopicModel.blank(keys, article=True)
    blank.context_below = CONTEXT_BELOW
    taxonomy = Taxonomy(load_taxonomy(model=False).topics, model=blank)
    statements = polnear_articles(split)
    if not statements:
        print(f"{POLNEAR / split} not found: each row's article is its labelled rows",
              file=sys.stderr)
    every = [item for group in statements.values() for item in group] or items
    blank.article_prior = article_parts(taxonomy.features(every).dense, len(keys)).mean(0)
    return taxonomy, statements


def article_of(row: dict) -> str:
    return row.get("article") or row["id"].split("#")[0]


def fit(x: np.ndarray, y: np.ndarray, mask: np.ndarray, design: Design,
        steps: int = 500, rate: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Logistic regression per topic, L2 pulling each weight towards its prior."""
    w0, b0, reg = design.prior()
    w, b = w0.copy(), b0.copy()
    x = sparse.csr_matrix(x)  # mostly zeros: the word columns
    xt = x.T.tocsr()
    m1w, m2w = np.zeros_like(w), np.zeros_like(w)
    m1b, m2b = np.zeros_like(b), np.zeros_like(b)
    for step in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) * mask
        gw = xt @ g + reg * (w - w0)
        gb = g.sum(axis=0)
        for m1, m2, grad, param in ((m1w, m2w, gw, w), (m1b, m2b, gb, b)):
            m1 *= 0.9
            m1 += 0.1 * grad
            m2 *= 0.999
            m2 += 0.001 * grad * grad
            param -= rate * (m1 / (1 - 0.9 ** step)) / (np.sqrt(m2 / (1 - 0.999 ** step)) + 1e-8)
        if OWN_TERMS_NONNEGATIVE:
            np.maximum(w, 0.0, out=w, where=design.own_terms)
    return w, b


def train(x: np.ndarray, y: np.ndarray, mask: np.ndarray, design: Design
          ) -> tuple[np.ndarray, np.ndarray]:
    """Weights and bias on the raw features (the standardisation folded in)."""
    cols = design.scaled()
    mean = np.where(cols, x.mean(axis=0), 0.0)
    scale = np.where(cols, x.std(axis=0) + 1e-6, 1.0)
    w, b = fit((x - mean) / scale, y, mask, design)
    return w / scale[:, None], b - (mean / scale) @ w


def grouped_folds(groups: list[str], folds: int = 5, seed: int = SEED) -> list[np.ndarray]:
    """Test rows of each fold: whole articles (its statements share context sentences and
    story, so rows drawn at random let a statement's article-mates teach the model about it),
    articles dealt to folds in a seeded random order."""
    articles = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(articles))
    fold_of = {articles[a]: i % folds for i, a in enumerate(order)}
    which = np.array([fold_of[g] for g in groups])
    return [np.flatnonzero(which == f) for f in range(folds)]


def out_of_fold(x: np.ndarray, y: np.ndarray, mask: np.ndarray, design: Design,
                groups: list[str]) -> np.ndarray:
    """Scores of each row from a model trained on the other folds (folds grouped by article)."""
    scores = np.zeros_like(y)
    for test in grouped_folds(groups):
        train_rows = np.setdiff1d(np.arange(len(x)), test)
        w, b = train(x[train_rows], y[train_rows], mask[train_rows], design)
        scores[test] = x[test] @ w + b
    return scores


def best_thresholds(scores: np.ndarray, y: np.ndarray, mask: np.ndarray,
                    pull: float = CUT_PULL) -> np.ndarray:
    """Per topic: the middle of the plateau of F1-best cuts, moved ``pull`` of the way to the
    shared micro-F1-best cut (topics with fewer than MIN_POSITIVES examples take the shared
    one)."""
    grid = np.linspace(-3, 3, 61)

    def micro(cuts: np.ndarray) -> float:
        pred = (scores >= cuts) * mask
        tp = (pred * y).sum()
        return 2 * tp / max(pred.sum() + (y * mask).sum(), 1)

    shared = max(grid, key=lambda c: micro(np.full(y.shape[1], c)))
    cuts = np.full(y.shape[1], shared)
    for k in range(y.shape[1]):
        known = mask[:, k] > 0
        positives = y[known, k].sum()
        if positives < MIN_POSITIVES:
            continue

        def f1(c: float, k: int = k, known: np.ndarray = known) -> float:
            pred = scores[known, k] >= c
            tp = (pred * y[known, k]).sum()
            return 2 * tp / max(pred.sum() + y[known, k].sum(), 1)

        values = np.array([f1(c) for c in grid])
        best = grid[values >= values.max() - 1e-9]
        cuts[k] = float(np.median(best)) * (1 - pull) + shared * pull
    return cuts


def report(scores: np.ndarray, y: np.ndarray, mask: np.ndarray, cuts: np.ndarray,
           keys: list[str]) -> str:
    pred = (scores >= cuts) * mask
    tp = (pred * y).sum()
    p = tp / max(pred.sum(), 1)
    r = tp / max((y * mask).sum(), 1)
    money = keys.index("money")
    mp = (pred[:, money] * y[:, money]).sum() / max(pred[:, money].sum(), 1)
    mr = (pred[:, money] * y[:, money]).sum() / max(y[:, money].sum(), 1)
    return (f"micro P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}; "
            f"money P {mp:.3f} R {mr:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="report cross-validation only")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--no-corrections", action="store_true",
                        help=f"the training files as labelled, without {CORRECTIONS.name}")
    parser.add_argument("--limit", type=int,
                        help="train on this many statements drawn at random (a learning curve)")
    args = parser.parse_args(argv)
    keys = load_taxonomy(model=False).keys
    rows, y, mask = read_rows(TRAIN_FILES, keys, None if args.no_corrections else CORRECTIONS)
    if args.limit and args.limit < len(rows):
        keep = np.sort(np.random.default_rng(SEED).permutation(len(rows))[:args.limit])
        rows, y, mask = [rows[i] for i in keep], y[keep], mask[keep]
    print(f"{len(rows)} training statements, {int(y.sum())} labels", file=sys.stderr)
    features = featurize(rows, keys)
    design = Design(features, keys)
    design.keep_own_terms(load_taxonomy(model=False))
    x = design.matrix(features)
    terms = load_taxonomy(model=False)
    rule = np.array([[k in tags for k in keys] for tags in
                     (terms.tag(r["text"], r.get("context")) for r in rows)], dtype=np.float64)
    print(f"terms alone: {report(rule, y, mask, np.full(len(keys), 0.5), keys)}")
    scores = out_of_fold(x, y, mask, design, [article_of(r) for r in rows])
    cuts = best_thresholds(scores, y, mask)
    print(f"cross-validated: {report(scores, y, mask, cuts, keys)}")
    plain = [j for j, key in enumerate(keys) if key not in ASPECTS]
    without = report(scores[:, plain], y[:, plain], mask[:, plain], cuts[plain],
                     [keys[j] for j in plain])
    print(f"cross-validated, without the sub-topics {', '.join(sorted(ASPECTS))}: {without}")
    for key in sorted(ASPECTS & set(keys)):
        j = keys.index(key)
        pred = scores[:, j] >= cuts[j]
        tp = float((pred * y[:, j] * mask[:, j]).sum())
        print(f"cross-validated {key}: P {tp / max(float((pred * mask[:, j]).sum()), 1):.3f} "
              f"R {tp / max(float((y[:, j] * mask[:, j]).sum()), 1):.3f}")
    hits = x[:, design.sparse:design.sparse + len(keys)]
    print(f"cross-validated, term slack {TERM_SLACK}: "
          f"{report(scores + TERM_SLACK * hits, y, mask, cuts, keys)}")
    if args.cv:
        return 0
    w, b = train(x, y, mask, design)
    k = len(keys)

    def sparse(vocab: list[str], offset: int) -> dict[str, list[list[float]]]:
        table = {}
        for i, stem in enumerate(vocab):
            pairs = [[j, round(float(w[offset + i, j]), 3)] for j in range(k)
                     if abs(w[offset + i, j]) >= 0.01]
            if pairs:
                table[stem] = pairs
        return table

    model = {
        "version": 3,
        "article": ARTICLE,
        **({"article_prior": [round(float(v), 5) for v in article_reader(
            keys, [(r["text"], r.get("context")) for r in rows])[0].model.article_prior]}
           if ARTICLE else {}),
        "topics": keys,
        "dims": 256,
        "bias": [round(float(v), 4) for v in b],
        "threshold": [round(float(v), 3) for v in cuts],
        "term_slack": TERM_SLACK,
        "context_below": CONTEXT_BELOW,
        "dense": [[round(float(v), 4) for v in row] for row in w[design.sparse:]],
        "stems": sparse(design.vocab, 0),
        "context_stems": sparse(design.context_vocab, len(design.vocab)),
        "meta": {"training_statements": len(rows), "prior": PRIOR, "l2_words": L2_WORDS,
                 "l2_dense": L2_DENSE, "l2_article": L2_ARTICLE,
                 "files": [p.name for p in TRAIN_FILES if p.is_file()],
                 "corrections": None if args.no_corrections else CORRECTIONS.name},
    }
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
