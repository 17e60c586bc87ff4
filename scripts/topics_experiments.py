"""Cross-validate candidate topic-model features with folds grouped by article (fourth round).

    python scripts/topics_experiments.py                       # every variant, grouped folds
    python scripts/topics_experiments.py --variants shipped,knn --folds random
    python scripts/topics_experiments.py --compare /tmp/topics_oof_grouped_shipped.npy \
        /tmp/topics_oof_grouped_shipped+article.npy      # the difference, article bootstrap

Why grouped: the statements of one article share their context sentences, speakers and story.
With rows drawn into folds at random, a held-out statement's article-mates sit in the training
folds, so its context words, and above all its nearest training statements, were seen with
labels; a new article in the archive has no such neighbours. Here all statements of an article
fall in the same fold, and every feature learned from labels (neighbours, centroids, cluster
label distributions) is computed for a training row from the other *articles* of its fold's
training rows only (cross-fitted), and for a test row from the fold's training rows.

Method otherwise as ``scripts/train_topics.py``: its rows, features, priors, Adam logistic
regression, thresholds, term slack and ``within`` (``scripts/topics_encoder_ceiling.py``'s
``Block``). Extra columns are standardised, prior 0, one L2. Each line prints micro P/R/F1
over the 35 topics without the sub-topics and money P/R, twice: with thresholds chosen on all
out-of-fold scores (as every earlier round reported) and "nested" (each fold's thresholds
chosen on the other folds' scores: what a threshold rule really buys). Never reads dev.

The ``table`` variants need ``/tmp/onrecord_encoder_cache`` (MiniLM vectors of the training
statements and context sentences, ``scripts/topics_encoder_ceiling.py``); the table is
distilled again inside each fold from the fold's training texts only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import topics_encoder_ceiling as ceil  # noqa: E402
import train_topics as tt  # noqa: E402

from onrecord.topics import load_taxonomy  # noqa: E402
from onrecord.topics.embed import content_words  # noqa: E402
from onrecord.topics.model import TopicModel  # noqa: E402

FOLDS = 5
# (train rows, test rows) -> (train columns, test columns): extra dense features of a fold
Extra = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def grouped_folds(groups: list[str], folds: int = FOLDS, seed: int = tt.SEED) -> list[np.ndarray]:
    """Test rows of each fold: whole articles, assigned in a seeded random order."""
    articles = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(articles))
    fold_of = {articles[a]: i % folds for i, a in enumerate(order)}
    which = np.array([fold_of[g] for g in groups])
    return [np.flatnonzero(which == f) for f in range(folds)]


def random_folds(n: int, folds: int = FOLDS, seed: int = tt.SEED) -> list[np.ndarray]:
    """train_topics.out_of_fold's folds (rows at random)."""
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(order[f::folds]) for f in range(folds)]


def unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


class Neighbours:
    """Label features from the training rows' vectors, cross-fitted by article."""

    def __init__(self, vectors: np.ndarray, y: np.ndarray, mask: np.ndarray,
                 groups: np.ndarray) -> None:
        self.v, self.y, self.mask, self.groups = vectors, y, mask, groups

    def knn(self, k: int = 15) -> Extra:
        """Similarity-weighted labels of the ``k`` nearest training statements (other
        articles)."""
        def extra(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            out = []
            for rows in (train, test):
                sims = self.v[rows] @ self.v[train].T
                sims[self.groups[rows][:, None] == self.groups[train][None, :]] = -np.inf
                top = np.argpartition(-sims, k, axis=1)[:, :k]
                w = np.maximum(np.take_along_axis(sims, top, axis=1), 0.0)
                yl, ml = self.y[train][top], self.mask[train][top]  # rows x k x topics
                num = (w[:, :, None] * yl * ml).sum(1)
                den = (w[:, :, None] * ml).sum(1)
                out.append(num / np.maximum(den, 1e-9))
            return out[0], out[1]
        return extra

    def centroids(self) -> Extra:
        """Cosine to each topic's mean training vector (other articles)."""
        def extra(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            ym = self.y[train] * self.mask[train]
            total = ym.T @ self.v[train]  # topics x dims
            test_cols = self.v[test] @ unit(total).T
            train_cols = np.zeros((len(train), self.y.shape[1]))
            g = self.groups[train]
            for article in np.unique(g):
                own = np.flatnonzero(g == article)
                rest = unit(total - ym[own].T @ self.v[train][own])
                train_cols[own] = self.v[train][own] @ rest.T
            return train_cols, test_cols
        return extra

    def clusters(self, centres: int = 300, top: int = 5, alpha: float = 2.0,
                 seed: int = tt.SEED) -> Extra:
        """Label distribution of the nearest of ``centres`` k-means centres of the training
        vectors, similarity-weighted over the ``top`` nearest (smoothed towards the prior;
        a training row's own article left out of the counts)."""
        def extra(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            c = kmeans(self.v[train], centres, seed)
            assign = np.argmax(self.v[train] @ c.T, axis=1)
            ym, m = self.y[train] * self.mask[train], self.mask[train]
            onehot = sparse.csr_matrix((np.ones(len(train)), (assign, np.arange(len(train)))),
                                       shape=(centres, len(train)))
            pos, known = onehot @ ym, onehot @ m  # centres x topics
            prior = ym.sum(0) / np.maximum(m.sum(0), 1)

            def dist(rows_v: np.ndarray, p: np.ndarray, kn: np.ndarray) -> np.ndarray:
                sims = rows_v @ c.T
                near = np.argpartition(-sims, top, axis=1)[:, :top]
                w = np.maximum(np.take_along_axis(sims, near, axis=1), 0.0)
                w = w / np.maximum(w.sum(1, keepdims=True), 1e-9)
                d = (p + alpha * prior) / (kn + alpha)  # centres x topics (or rows x ...)
                if d.ndim == 2:
                    return (w[:, :, None] * d[near]).sum(1)
                return (w[:, :, None] * np.take_along_axis(
                    d, near[:, :, None], axis=1)).sum(1)

            test_cols = dist(self.v[test], pos, known)
            train_cols = np.zeros((len(train), self.y.shape[1]))
            g = self.groups[train]
            for article in np.unique(g):
                own = np.flatnonzero(g == article)
                own_pos = onehot[:, own] @ ym[own]
                own_known = onehot[:, own] @ m[own]
                train_cols[own] = dist(self.v[train][own], pos - own_pos, known - own_known)
            return train_cols, test_cols
        return extra


def kmeans(v: np.ndarray, k: int, seed: int, steps: int = 20) -> np.ndarray:
    """Spherical k-means on unit rows: k unit centres."""
    rng = np.random.default_rng(seed)
    c = v[rng.choice(len(v), k, replace=False)].copy()
    for _ in range(steps):
        assign = np.argmax(v @ c.T, axis=1)
        sums = np.zeros_like(c)
        np.add.at(sums, assign, v)
        empty = np.linalg.norm(sums, axis=1) < 1e-9
        sums[empty] = v[rng.choice(len(v), int(empty.sum()), replace=False)]
        c = unit(sums)
    return c


def table_extra(texts: list[str], contexts: list[str], groups: np.ndarray, dims: int = 128
                ) -> Extra:
    """The MiniLM table (scripts/distil_encoder.py) distilled on the fold's training texts
    only; columns: the statement's and its context sentence's unit table vectors."""
    from distil_encoder import StaticTable, distil

    cache = ceil.CACHE
    store = {}
    for name in ("minilm-text", "minilm-context"):
        data = np.load(cache / f"{name}.npz")
        store.update(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def extra(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        fit_texts = [texts[i] for i in train] + [contexts[i] for i in train if contexts[i]]
        targets = np.vstack([store[t] for t in fit_texts]).astype(np.float64)
        table: StaticTable = distil(fit_texts, targets, dims)
        cols = np.hstack([table.encode(texts), table.encode(contexts)])
        return cols[train], cols[test]
    return extra


def article_extra(groups: np.ndarray, keys: list[str], split: str = "train") -> Extra:
    """What the whole article is about, read without labels: the mean over every PolNeAR
    speech statement of the article (with its paragraph, as ingest tags an article in one
    batch) of the term-hit and meaning columns of the shipped features (3 x topics)."""
    import evaluate_topics as ev

    polnear = ev.POLNEAR / split
    gold = [json.loads(line) for line in (polnear / "gold.jsonl").open(encoding="utf-8")]
    names = list(dict.fromkeys(r["article"] for r in gold if r["speech"]))
    batches = ev._articles_with_paragraphs(gold, polnear / "articles")
    k = len(keys)
    means = {}
    for name, items in zip(names, batches, strict=True):
        dense = tt.featurize([{"text": t, "context": c} for t, c in items], keys,
                             article=False).dense
        means[name] = np.hstack([dense[:, :k].mean(0), dense[:, 2 * k + 1:].mean(0)])
    cols = np.vstack([means.get(g, np.zeros(3 * k)) for g in groups])
    print(f"article columns for {sum(g in means for g in set(groups))} of "
          f"{len(set(groups))} articles", file=sys.stderr)

    def extra(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return cols[train], cols[test]
    return extra


def bootstrap(a: np.ndarray, b: np.ndarray, y: np.ndarray, mask: np.ndarray, groups: np.ndarray,
              cols: list[int], resamples: int = 2000) -> str:
    """Micro F1 of tag matrices ``a`` and ``b`` and the article bootstrap of their difference
    (articles drawn with replacement; the same draw for both)."""
    names, which = np.unique(groups, return_inverse=True)

    def counts(pred: np.ndarray) -> np.ndarray:
        p, g = pred[:, cols] * mask[:, cols], y[:, cols] * mask[:, cols]
        out = np.zeros((3, len(names)))
        for row, values in enumerate(((p * g).sum(1), p.sum(1), g.sum(1))):
            np.add.at(out[row], which, values)
        return out

    ca, cb = counts(a), counts(b)

    def f1(c: np.ndarray, w: np.ndarray) -> float:
        return 2 * (c[0] * w).sum() / ((c[1] + c[2]) * w).sum()

    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(resamples):
        w = np.bincount(rng.integers(0, len(names), len(names)), minlength=len(names))
        diffs.append(f1(cb, w) - f1(ca, w))
    one = np.ones(len(names))
    low, high = np.percentile(diffs, [2.5, 97.5])
    return (f"F1 {f1(ca, one):.4f} -> {f1(cb, one):.4f}: {f1(cb, one) - f1(ca, one):+.4f}, "
            f"article-bootstrap s.e. {np.std(diffs):.4f}, 95% [{low:+.4f}, {high:+.4f}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", choices=["grouped", "random"], default="grouped")
    parser.add_argument("--variants", default="shipped,knn,centroids,clusters")
    parser.add_argument("--l2", type=float, default=30.0, help="L2 of the extra columns")
    parser.add_argument("--vectors", choices=["text", "text+context"], default="text",
                        help="what the neighbour features compare")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A.npy", "B.npy"),
                        help="two saved out-of-fold score files: the difference in micro F1 "
                             "and its article bootstrap (nothing is trained)")
    args = parser.parse_args(argv)

    taxonomy = load_taxonomy(model=False)
    keys = taxonomy.keys
    k = len(keys)
    rows, y, mask = tt.read_rows(tt.TRAIN_FILES, keys)
    groups = np.array([r.get("article") or r["id"].split("#")[0] for r in rows])
    print(f"{len(rows)} training statements from {len(set(groups))} articles", file=sys.stderr)
    within = ceil.within_matrix(taxonomy)
    plain = [j for j, key in enumerate(keys) if key not in tt.ASPECTS]
    money = keys.index("money")

    features = tt.featurize(rows, keys, article=False)
    hits = features.dense[:, :k]
    if args.compare:
        tags = []
        for path in args.compare:
            scores = np.load(path)
            if scores.shape != y.shape:
                print(f"{path}: {scores.shape[0]} rows, the training files now have "
                      f"{y.shape[0]}: run the variants again", file=sys.stderr)
                return 1
            tags.append(ceil.predict(scores, tt.best_thresholds(scores, y, mask), hits, within))
        print(bootstrap(tags[0], tags[1], y, mask, groups, plain))
        return 0
    design = tt.Design(features, keys)
    design.keep_own_terms(taxonomy)
    x = design.matrix(features)
    ns = design.sparse
    words, shipped = sparse.csr_matrix(x[:, :ns]), x[:, ns:]
    w0, b0, reg = design.prior()
    folds = (grouped_folds(list(groups)) if args.folds == "grouped"
             else random_folds(len(rows)))

    texts = [r["text"] for r in rows]
    contexts = [ceil.context_sentence(r["text"], r.get("context")) for r in rows]
    model = TopicModel.blank(keys)
    vec = model.mean_vectors([content_words(t) for t in texts])
    if args.vectors == "text+context":
        vec = unit(np.hstack([vec, model.mean_vectors([content_words(c) for c in contexts])]))
    near = Neighbours(vec, y, mask, groups)
    extras: dict[str, Callable[[], Extra]] = {
        "knn": near.knn, "centroids": near.centroids, "clusters": near.clusters,
        "clusters100": lambda: near.clusters(100), "clusters1000": lambda: near.clusters(1000),
        "clusters_top1": lambda: near.clusters(300, 1),
        "table": lambda: table_extra(texts, contexts, groups),
        "article": lambda: article_extra(groups, keys),
    }

    def run(name: str) -> None:
        start = time.process_time()
        parts = [extras[p]() for p in name.split("+") if p != "shipped"]
        scores = np.zeros_like(y)
        for test in folds:
            train = np.setdiff1d(np.arange(len(rows)), test)
            cols = [f(train, test) for f in parts]
            e = sum(c[0].shape[1] for c in cols)
            dense_tr = np.hstack([shipped[train], *[c[0] for c in cols]])
            dense_te = np.hstack([shipped[test], *[c[1] for c in cols]])
            block = ceil.Block(words[train], dense_tr, np.vstack([w0, np.zeros((e, k))]), b0,
                               np.vstack([reg, np.full((e, 1), args.l2)]),
                               np.concatenate([design.scaled()[ns:], np.ones(e, bool)]),
                               np.vstack([design.own_terms, np.zeros((e, k), bool)]))
            fitted = ceil.fit(block, y[train], mask[train])
            ww, wd, b, _ = fitted
            scores[test] = words[test] @ ww + dense_te @ wd + b
        cuts = tt.best_thresholds(scores, y, mask)
        pooled = ceil.micro(ceil.predict(scores, cuts, hits, within), y, mask, plain, money)
        nested = np.zeros_like(y)
        for test in folds:
            others = np.setdiff1d(np.arange(len(rows)), test)
            c = tt.best_thresholds(scores[others], y[others], mask[others])
            nested[test] = ceil.predict(scores[test], c, hits[test], within)
        honest = ceil.micro(nested, y, mask, plain, money)
        print(f"{args.folds:<7} {name:<28} L2 {args.l2:g}: {ceil.fmt(pooled)} | nested cuts "
              f"{ceil.fmt(honest)}  ({time.process_time() - start:.0f} CPU s)", flush=True)
        np.save(f"/tmp/topics_oof_{args.folds}_{name}.npy", scores)

    for name in args.variants.split(","):
        run(name if name == "shipped" or name.startswith("shipped") else f"shipped+{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
