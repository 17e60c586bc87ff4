"""Fifth round of topic-model experiments: label interactions, the article's words and title.

    python scripts/topics_round5.py --cache             # featurize once (a few CPU minutes)
    python scripts/topics_round5.py --variants base,stack,stack+second
    python scripts/topics_round5.py --compare base stack  # paired article bootstrap

Everything is cross-validated on the training statements with folds grouped by article
(``train_topics.grouped_folds``) and never reads dev. The first stage is the shipped model
(``train_topics``' features, priors, L2 and thresholds); variants add

- ``stack``: a second stage per topic that reads every topic's first-stage probability
  (a logistic regression whose offset is the topic's own first-stage logit, L2 on the rest):
  "taxes high" may lower money, "a specific topic high" may lower elections;
- ``second``: the mean first-stage probability of each topic over the article's *other*
  statements (every PolNeAR speech statement of it, as ingest reads an article), with one
  average statement counted in (a second pass over the article's first-pass topics);
- ``speaker``: the same mean over the other statements of the same speaker in the article;
- ``spkcols``: the article columns (mean term hits and meaning) over the same speaker's other
  statements in the article, as first-stage columns (the speaker: the surname of PolNeAR's
  source, a pronoun counting as no one);
- ``artwords``: the article's words (stems of all its statements and their context sentences)
  as 0/1 columns; ``title``: the article title's words;
- ``sink``: drop ``elections`` when a more specific topic is given and the elections margin is
  below a cut chosen on the training folds.

The second stage is cross-fitted: its training rows' first-stage scores are out-of-fold scores
of the training folds (``--nested``: inner grouped folds inside each outer training fold, so
no first-stage score a second stage learns from has seen the outer test fold's labels either).
Out-of-fold scores go to /tmp/topics_r5_NAME.npy; ``--compare`` gives the paired article
bootstrap of two of them (2,000 resamples of the articles).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from scipy import optimize, sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import evaluate_topics as ev  # noqa: E402
import topics_encoder_ceiling as ceil  # noqa: E402
import topics_experiments as tx  # noqa: E402
import train_topics as tt  # noqa: E402

from onrecord.topics import load_taxonomy  # noqa: E402
from onrecord.topics.model import Features, article_parts  # noqa: E402

CACHE = Path("/tmp/topics_r5_cache.npz")
OUT = "/tmp/topics_r5_{}.npy"


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def titles(split: str = "train") -> dict[str, str]:
    out = {}
    for path in (ev.POLNEAR / split / "articles").glob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines()[1:8]:
            if line.startswith("title:"):
                out[path.stem] = line[6:].strip().strip('"')
                break
    return out


def build_cache() -> None:
    """Features of the labelled rows (as train_topics) and of every PolNeAR train speech
    statement (for the article's second pass), with the row -> article statement map."""
    taxonomy = load_taxonomy(model=False)
    keys = taxonomy.keys
    rows, y, mask = tt.read_rows(tt.TRAIN_FILES, keys, tt.CORRECTIONS)
    features = tt.featurize(rows, keys)
    design = tt.Design(features, keys)
    design.keep_own_terms(taxonomy)
    x = design.matrix(features)
    items = [(r["text"], r.get("context")) for r in rows]
    reader, statements = tt.article_reader(keys, items)
    groups = [tt.article_of(r) for r in rows]
    # every statement of each labelled row's article (the labelled rows where it is missing)
    names = sorted(set(groups))
    art_items: list[tuple[str, str | None]] = []
    art_of: list[int] = []
    own = np.full(len(rows), -1)
    for a, name in enumerate(names):
        members = [i for i, g in enumerate(groups) if g == name]
        batch = statements.get(name) or [items[i] for i in members]
        start = len(art_items)
        art_items += batch
        art_of += [a] * len(batch)
        exact = {item: j for j, item in reversed(list(enumerate(batch)))}
        texts = {t: j for j, (t, _) in reversed(list(enumerate(batch)))}
        for i in members:
            j = exact.get(items[i], texts.get(items[i][0]))
            own[i] = -1 if j is None else start + j
    art_features = []
    for a in range(len(names)):
        batch = [it for it, b in zip(art_items, art_of, strict=True) if b == a]
        art_features.append(reader.features(batch))
    allf = Features([s for f in art_features for s in f.stems],
                    [s for f in art_features for s in f.context_stems],
                    np.vstack([f.dense for f in art_features]))
    xa = design.matrix(allf)
    # the article's words: stems of its statements and their context sentences
    art_words = [set() for _ in names]
    for stems, context, a in zip(allf.stems, allf.context_stems, art_of, strict=True):
        art_words[a] |= stems | context
    title_of = titles()
    title_words = [set(taxonomy.stems(title_of.get(n, ""))) for n in names]
    # the speaker of each article statement (gold speaker, as attribution would give it)
    gold = [json.loads(line) for line in (ev.POLNEAR / "train" / "gold.jsonl").open()]
    speaker_of = {}
    for g in gold:
        if g["speech"]:
            speaker_of.setdefault((g["article"], g["content"]), g.get("speaker")
                                  or g.get("source_text") or "")
    speakers = [speaker_of.get((names[a], t), "") for (t, _), a in
                zip(art_items, art_of, strict=True)]
    np.savez_compressed(
        CACHE, words=x[:, :design.sparse], dense=x[:, design.sparse:], y=y, mask=mask,
        groups=np.array(groups), names=np.array(names), own=own,
        art_words_x=xa[:, :design.sparse], art_dense=xa[:, design.sparse:],
        art_of=np.array(art_of), own_terms=design.own_terms, scaled=design.scaled(),
        sparse_size=design.sparse, keys=np.array(keys), speakers=np.array(speakers),
        article_words=np.array([" ".join(sorted(w)) for w in art_words]),
        title_words=np.array([" ".join(sorted(w)) for w in title_words]),
        prior=reader.model.article_prior)
    print(f"cached {len(rows)} rows, {len(art_items)} article statements", file=sys.stderr)


class Data:
    def __init__(self) -> None:
        c = np.load(CACHE)
        self.words = sparse.csr_matrix(c["words"])
        self.dense = c["dense"]
        self.y, self.mask = c["y"], c["mask"]
        self.groups = c["groups"]
        self.names = c["names"]
        self.own = c["own"]
        self.art_words_x = sparse.csr_matrix(c["art_words_x"])
        self.art_dense = c["art_dense"]
        self.art_of = c["art_of"]
        self.own_terms = c["own_terms"]
        self.scaled = c["scaled"]
        self.ns = int(c["sparse_size"])
        self.keys = list(c["keys"])
        self.speakers = c["speakers"]
        self.article_words = [s.split() for s in c["article_words"]]
        self.title_words = [s.split() for s in c["title_words"]]
        self.row_article = np.searchsorted(self.names, self.groups)


def word_block(sets: list[list[str]], index: np.ndarray, min_articles: int = 3
               ) -> sparse.csr_matrix:
    """0/1 columns of an article-level word set, per row (``index``: the row's article)."""
    counts: dict[str, int] = {}
    for s in sets:
        for w in s:
            counts[w] = counts.get(w, 0) + 1
    vocab = {w: i for i, w in enumerate(sorted(w for w, n in counts.items() if n >= min_articles))}
    r, c = [], []
    for a, s in enumerate(sets):
        for w in s:
            if w in vocab:
                r.append(a)
                c.append(vocab[w])
    per_article = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(sets), len(vocab)))
    return per_article[index]


EXTRA_DENSE: dict[str, np.ndarray] = {}  # name -> rows x columns, standardised, L2 30


def first_stage(d: Data, extra_words: sparse.csr_matrix | None, l2_extra: float,
                train: np.ndarray) -> tuple:
    """train_topics' fit on the rows ``train``, with optional extra 0/1 columns."""
    k = d.y.shape[1]
    if EXTRA_DENSE:
        more = np.hstack(list(EXTRA_DENSE.values()))
        m = more.shape[1]
        dense = np.hstack([d.dense, more])
        scaled = np.concatenate([d.scaled[d.ns:], np.ones(m, bool)])
    else:
        m, dense, scaled = 0, d.dense, d.scaled[d.ns:]
    words = d.words if extra_words is None else sparse.hstack([d.words, extra_words]).tocsr()
    e = 0 if extra_words is None else extra_words.shape[1]
    design = SimpleNamespace(keys=d.keys, sparse=d.ns, dense=d.dense.shape[1])
    w0, b0, reg = tt.Design.prior(design)  # type: ignore[arg-type]
    ns = d.ns
    w0 = np.vstack([w0[:ns], np.zeros((e, k)), w0[ns:], np.zeros((m, k))])
    reg = np.vstack([reg[:ns], np.full((e, 1), l2_extra), reg[ns:], np.full((m, 1), 100.0)])
    own = np.vstack([d.own_terms[:ns], np.zeros((e, k), bool), d.own_terms[ns:],
                     np.zeros((m, k), bool)])
    block = ceil.Block(words[train], dense[train], w0, b0, reg, scaled, own)
    return ceil.fit(block, d.y[train], d.mask[train]), words


def oof_first(d: Data, rows: np.ndarray, extra: sparse.csr_matrix | None, l2_extra: float,
              folds: list[np.ndarray], with_articles: bool) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold first-stage logits of ``rows`` (folds are subsets of ``rows``), and of every
    article statement of the test folds' articles (for the second pass; NaN elsewhere)."""
    k = d.y.shape[1]
    scores = np.full((len(d.y), k), np.nan)
    art = np.full((len(d.art_of), k), np.nan)
    for test in folds:
        train = np.setdiff1d(rows, test)
        (ww, wd, b, _), words = first_stage(d, extra, l2_extra, train)
        if EXTRA_DENSE:
            dense = np.hstack([d.dense, *EXTRA_DENSE.values()])
            scores[test] = words[test] @ ww + dense[test] @ wd + b
            continue
        scores[test] = words[test] @ ww + d.dense[test] @ wd + b
        if with_articles:
            arts = np.unique(d.row_article[test])
            sel = np.flatnonzero(np.isin(d.art_of, arts))
            aw = d.art_words_x[sel]
            if extra is not None:  # article-level extra columns: the statement's article
                aw = sparse.hstack([aw, extra_article(d, extra)[d.art_of[sel]]]).tocsr()
            art[sel] = aw @ ww + d.art_dense[sel] @ wd + b
    return scores, art


_EXTRA_ARTICLE: dict[int, sparse.csr_matrix] = {}


def extra_article(d: Data, extra: sparse.csr_matrix) -> sparse.csr_matrix:
    """Per-article rows of an article-level extra block (the rows' block is indexed by the
    row's article; recover one row per article)."""
    key = id(extra)
    if key not in _EXTRA_ARTICLE:
        first = {}
        for i, a in enumerate(d.row_article):
            first.setdefault(a, i)
        rows = [first.get(a, 0) for a in range(len(d.names))]
        _EXTRA_ARTICLE[key] = extra[rows]
    return _EXTRA_ARTICLE[key]


def second_pass(d: Data, art: np.ndarray, prior: np.ndarray, speaker: bool = False
                ) -> np.ndarray:
    """Per labelled row: mean first-stage probability over its article's other statements
    (or the same speaker's other statements), plus ``prior`` counted once."""
    p = sigmoid(art)
    k = p.shape[1]
    out = np.zeros((len(d.y), k))
    sums = np.zeros((len(d.names), k))
    np.add.at(sums, d.art_of, np.nan_to_num(p))
    counts = np.bincount(d.art_of, minlength=len(d.names)).astype(float)
    for i in range(len(d.y)):
        a, j = d.row_article[i], d.own[i]
        if speaker:
            who = d.speakers[j] if j >= 0 else ""
            same = np.flatnonzero((d.art_of == a) & (d.speakers == who)) if who else []
            same = [s for s in same if s != j]
            total, n = p[same].sum(0) if len(same) else np.zeros(k), len(same)
        else:
            total, n = sums[a].copy(), counts[a]
            if j >= 0:
                total -= p[j]
                n -= 1
        out[i] = (total + prior) / (n + 1)
    return out


def speaker_columns(d: Data) -> np.ndarray:
    """Per labelled row: the mean term hits and meaning (the article columns' parts) of the
    same speaker's other statements in the article, with the average statement counted once."""
    k = d.y.shape[1]
    parts = article_parts(d.art_dense[:, :4 * k + 1], k)
    prior = np.load(CACHE)["prior"]
    out = np.zeros((len(d.y), 3 * k))
    pronouns = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"}
    # the surname stands for the speaker ("Trump", "Donald Trump"); a pronoun for no one known
    speakers = np.array([("" if not s or s.lower() in pronouns else s.split()[-1].lower())
                         for s in d.speakers])
    for i in range(len(d.y)):
        j = d.own[i]
        who = speakers[j] if j >= 0 else ""
        same = np.flatnonzero((d.art_of == d.row_article[i]) & (speakers == who)) if who \
            else np.zeros(0, int)
        same = same[same != j]
        out[i] = (parts[same].sum(0) + prior) / (len(same) + 1)
    return out


def fit_stack(offset: np.ndarray, z: np.ndarray, y: np.ndarray, mask: np.ndarray, l2: float
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Second stage: logit_j = offset_j + z @ V[:, j] + c_j (z standardised), L2 on V."""
    mean, scale = z.mean(0), z.std(0) + 1e-6
    zs = (z - mean) / scale
    m, k = zs.shape[1], y.shape[1]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        v, c = theta[:m * k].reshape(m, k), theta[m * k:]
        s = offset + zs @ v + c
        p = sigmoid(s)
        ll = -(mask * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum()
        g = (p - y) * mask
        gv = zs.T @ g + l2 * v
        return ll + 0.5 * l2 * (v * v).sum(), np.concatenate([gv.ravel(), g.sum(0)])

    res = optimize.minimize(loss, np.zeros(m * k + k), jac=True, method="L-BFGS-B",
                            options={"maxiter": 300})
    v, c = res.x[:m * k].reshape(m, k), res.x[m * k:]
    return v, c, mean, scale


def evaluate(d: Data, scores: np.ndarray, folds: list[np.ndarray], name: str,
             taxonomy_within: np.ndarray, hits: np.ndarray, cpu: float) -> None:
    keys = d.keys
    plain = [j for j, key in enumerate(keys) if key not in tt.ASPECTS]
    money = keys.index("money")
    y, mask = d.y, d.mask
    for pull in (0.5, 1.0):
        cuts = tt.best_thresholds(scores, y, mask, pull)
        pooled = ceil.micro(ceil.predict(scores, cuts, hits, taxonomy_within), y, mask, plain,
                            money)
        nested = np.zeros_like(y)
        for test in folds:
            others = np.setdiff1d(np.arange(len(y)), test)
            c = tt.best_thresholds(scores[others], y[others], mask[others], pull)
            nested[test] = ceil.predict(scores[test], c, hits[test], taxonomy_within)
        honest = ceil.micro(nested, y, mask, plain, money)
        print(f"{name:<24} pull {pull:g} {ceil.fmt(pooled)} | nested cuts {ceil.fmt(honest)}  "
              f"({cpu:.0f} CPU s)", flush=True)
    np.save(OUT.format(name), scores)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", action="store_true", help="featurize and cache, then stop")
    parser.add_argument("--variants", default="base,stack")
    parser.add_argument("--l2-stack", type=float, default=10.0)
    parser.add_argument("--l2-words", type=float, default=10.0,
                        help="L2 of the article's or title's word columns")
    parser.add_argument("--nested", action="store_true",
                        help="second stage learnt from inner out-of-fold scores")
    parser.add_argument("--thresholds", metavar="NAME",
                        help="threshold rules on a variant's saved out-of-fold scores")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"))
    args = parser.parse_args(argv)
    if args.cache or not CACHE.is_file():
        build_cache()
        if args.cache:
            return 0
    d = Data()
    taxonomy = load_taxonomy(model=False)
    within = ceil.within_matrix(taxonomy)
    k = d.y.shape[1]
    hits = d.dense[:, :k]
    folds = tt.grouped_folds(list(d.groups))
    if args.compare:
        plain = [j for j, key in enumerate(d.keys) if key not in tt.ASPECTS]
        tags = []
        for name in args.compare:  # nested cuts, the shipped rule (one shared cut)
            s = np.load(OUT.format(name))
            nested = np.zeros_like(d.y)
            for test in folds:
                others = np.setdiff1d(np.arange(len(d.y)), test)
                c = tt.best_thresholds(s[others], d.y[others], d.mask[others])
                nested[test] = ceil.predict(s[test], c, hits[test], within)
            tags.append(nested)
        print(f"{args.compare[0]} -> {args.compare[1]}: "
              f"{tx.bootstrap(tags[0], tags[1], d.y, d.mask, d.groups, plain)}")
        money = d.keys.index("money")
        print(f"money only: {tx.bootstrap(tags[0], tags[1], d.y, d.mask, d.groups, [money])}")
        return 0
    if args.thresholds:
        thresholds(d, np.load(OUT.format(args.thresholds)), folds, within, hits)
        return 0
    everything = np.arange(len(d.y))
    prior_p = None
    first: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
    for variant in args.variants.split(","):
        start = time.process_time()
        parts = set(variant.split("+"))
        extra = None
        if "artwords" in parts:
            extra = word_block(d.article_words, d.row_article)
        if "title" in parts:
            t = word_block(d.title_words, d.row_article, 2)
            extra = t if extra is None else sparse.hstack([extra, t]).tocsr()
        need_art = bool(parts & {"second", "speaker"})
        EXTRA_DENSE.clear()
        if "spkcols" in parts:
            EXTRA_DENSE["speaker"] = speaker_columns(d)
        if EXTRA_DENSE:
            s1, _ = oof_first(d, everything, extra, args.l2_words, folds, False)
            evaluate(d, s1, folds, variant, within, hits, time.process_time() - start)
            continue
        memo = ("artwords" in parts, "title" in parts, args.l2_words)
        saved = Path(f"/tmp/topics_r5_first_{int(memo[0])}{int(memo[1])}_{memo[2]:g}.npz")
        if memo not in first and saved.is_file():
            got = np.load(saved)
            first[memo] = (got["s1"], got["art"])
        if memo not in first:
            first[memo] = oof_first(d, everything, extra, args.l2_words, folds, True)
            np.savez(saved, s1=first[memo][0], art=first[memo][1])
        s1, art = first[memo]
        if not parts & {"stack", "second", "speaker", "sink"}:
            evaluate(d, s1, folds, variant, within, hits, time.process_time() - start)
            continue
        if need_art and prior_p is None:
            prior_p = np.nanmean(sigmoid(art), axis=0)
        scores = s1.copy()
        if "sink" in parts:
            scores = sink_rule(d, s1, folds, within, hits)
        else:
            def stack_inputs(s_rows: np.ndarray, art_scores: np.ndarray,
                             parts: set[str] = parts, prior_p: np.ndarray | None = prior_p
                             ) -> np.ndarray:
                cols = []
                if "stack" in parts:
                    cols.append(sigmoid(s_rows))
                if "second" in parts:
                    cols.append(second_pass(d, art_scores, prior_p))
                if "speaker" in parts:
                    cols.append(second_pass(d, art_scores, prior_p, speaker=True))
                return np.hstack(cols)

            z_all = stack_inputs(s1, art)
            for test in folds:
                train = np.setdiff1d(everything, test)
                if args.nested:
                    inner = tt.grouped_folds(list(d.groups[train]), seed=tt.SEED + 1)
                    inner = [train[f] for f in inner]
                    s_in, art_in = oof_first(d, train, extra, args.l2_words, inner, need_art)
                    z_train = stack_inputs(s_in, art_in)[train]
                    off = s_in[train]
                else:
                    z_train, off = z_all[train], s1[train]
                v, c, mean, scale = fit_stack(off, z_train, d.y[train], d.mask[train],
                                              args.l2_stack)
                scores[test] = s1[test] + ((z_all[test] - mean) / scale) @ v + c
        name = variant + (f"_l2{args.l2_stack:g}" if parts & {"stack", "second", "speaker"}
                          else "") + ("_nested" if args.nested else "")
        evaluate(d, scores, folds, name, within, hits, time.process_time() - start)
    return 0


def cuts_rule(scores: np.ndarray, y: np.ndarray, mask: np.ndarray, pull: float,
              min_positives: int) -> np.ndarray:
    """train_topics.best_thresholds with its pull towards the shared cut and its minimum
    number of examples as parameters (pull 0.5, 6 examples: the shipped rule)."""
    saved = tt.MIN_POSITIVES
    tt.MIN_POSITIVES = min_positives
    try:
        return tt.best_thresholds(scores, y, mask, pull)
    finally:
        tt.MIN_POSITIVES = saved


def thresholds(d: Data, scores: np.ndarray, folds: list[np.ndarray], within: np.ndarray,
               hits: np.ndarray) -> None:
    """Nested micro F1 of threshold rules on fixed out-of-fold scores."""
    keys = d.keys
    plain = [j for j, key in enumerate(keys) if key not in tt.ASPECTS]
    money = keys.index("money")
    for pull, least in ((0.5, 6), (0.0, 6), (0.25, 6), (0.75, 6), (1.0, 6), (0.5, 15),
                        (0.25, 15), (0.5, 3)):
        nested = np.zeros_like(d.y)
        for test in folds:
            others = np.setdiff1d(np.arange(len(d.y)), test)
            c = cuts_rule(scores[others], d.y[others], d.mask[others], pull, least)
            nested[test] = ceil.predict(scores[test], c, hits[test], within)
        print(f"cuts pulled {pull:g} to the shared one, own cut from {least} examples: "
              f"nested {ceil.fmt(ceil.micro(nested, d.y, d.mask, plain, money))}")
        if (pull, least) == (0.5, 6):
            shipped = nested
        else:
            print(f"  vs the shipped rule: "
                  f"{tx.bootstrap(shipped, nested, d.y, d.mask, d.groups, plain)}")


def sink_rule(d: Data, s1: np.ndarray, folds: list[np.ndarray], within: np.ndarray,
              hits: np.ndarray) -> np.ndarray:
    """Lower elections by ``gap`` when a more specific topic is given; ``gap`` chosen per fold
    on the training folds' out-of-fold scores by micro F1."""
    keys = d.keys
    e = keys.index("elections")
    specific = [j for j, key in enumerate(keys) if key not in tt.ASPECTS | {"elections"}]
    plain = [j for j, key in enumerate(keys) if key not in tt.ASPECTS]
    money = keys.index("money")
    out = s1.copy()
    for test in folds:
        train = np.setdiff1d(np.arange(len(s1)), test)
        cuts = tt.best_thresholds(s1[train], d.y[train], d.mask[train])

        def shifted(s: np.ndarray, gap: float, cuts: np.ndarray = cuts,
                    rows: np.ndarray = train) -> np.ndarray:
            margin = s - cuts + tt.TERM_SLACK * hits[rows]
            other = (margin[:, specific] >= 0).any(1)
            t = s.copy()
            t[other, e] -= gap
            return t

        best = max([0.0, 0.25, 0.5, 1.0, 1.5, 2.0], key=lambda g: ceil.micro(ceil.predict(
            shifted(s1[train], g), cuts, hits[train], within), d.y[train], d.mask[train],
            plain, money)["F1"])
        print(f"  sink gap {best}", file=sys.stderr)
        out[test] = shifted(s1[test], best, rows=test)
    return out


if __name__ == "__main__":
    sys.exit(main())
