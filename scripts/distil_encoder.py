"""Distil the sentence encoder into a static token table that tags at WordLlama's speed.

A table over WordLlama's 32,000 tokens (the tokenizer onrecord already ships and caches per
word, ``onrecord/topics/embed.py``), ``D`` dimensions, such that the mean of a text's content
words' token rows regresses the encoder's (MiniLM's) sentence vector of that text, projected
on its first ``D`` principal directions. Two parts:

- a linear map ``A`` (256 x D) from WordLlama's own token vectors: every token has a row
  ``W_wordllama @ A`` (ridge least squares over the texts' mean vectors);
- a residual row for each token seen in the distillation texts (ridge towards zero, solved by
  conjugate gradients on the normal equations), so "afford" can move away from where
  WordLlama put it, towards where the encoder puts the sentences that use it.

The distillation texts are the training statements and their context sentences (never the
held-out ones); the targets are the cached encoder vectors of
``scripts/topics_encoder_ceiling.py``. Runs in that script's side venv:

    /tmp/encvenv/bin/python scripts/distil_encoder.py --dims 128 --out /tmp/minilm_table.npz
    /tmp/encvenv/bin/python scripts/topics_encoder_ceiling.py --table /tmp/minilm_table.npz
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from onrecord.topics.embed import WordVectors, content_words, word_vectors  # noqa: E402


class StaticTable:
    """Token table (WordLlama's tokens) -> unit mean vectors of a text's content words."""

    def __init__(self, mean: np.ndarray, basis: np.ndarray, linear: np.ndarray,
                 tokens: np.ndarray, residual: np.ndarray) -> None:
        base = word_vectors(256)
        table = base._table @ linear  # every token: WordLlama's vector, mapped
        table[tokens] += residual
        self.parts = (mean, basis, linear, tokens, residual)
        self.vectors = WordVectors(table, base._tokenizer, table.shape[1])

    @classmethod
    def load(cls, path: Path) -> StaticTable:
        data = np.load(path)
        return cls(data["mean"], data["basis"], data["linear"].astype(np.float32),
                   data["tokens"], data["residual"].astype(np.float32))

    def save(self, path: Path) -> None:
        mean, basis, linear, tokens, residual = self.parts
        np.savez_compressed(path, mean=mean, basis=basis, linear=linear.astype(np.float16),
                            tokens=tokens.astype(np.int32), residual=residual.astype(np.float16))

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit mean vectors (zeros for a text without content words)."""
        out = np.zeros((len(texts), self.vectors.dims), dtype=np.float32)
        for i, text in enumerate(texts):
            words = content_words(text)
            if not words:
                continue
            rows = self.vectors.rows(words)
            total = self.vectors.counts[rows].sum()
            if total:
                v = self.vectors.sums[rows].sum(axis=0) / total
                out[i] = v / (np.linalg.norm(v) + 1e-9)
        return out


def token_matrix(texts: list[str]) -> sparse.csr_matrix:
    """Texts x WordLlama tokens: each row the mean over its content words' tokens."""
    base = word_vectors(256)
    cache: dict[str, list[int]] = {}
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        ids: list[int] = []
        for word in content_words(text):
            if word not in cache:
                enc = base._tokenizer.encode(word, add_special_tokens=False)
                cache[word] = [t for t in enc.ids if t > 2]
            ids.extend(cache[word])
        for t in ids:
            rows.append(i)
            cols.append(t)
            vals.append(1.0 / len(ids))
    n = base._table.shape[0]
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), n))


def distil(texts: list[str], targets: np.ndarray, dims: int, ridge: float = 1e-3
           ) -> StaticTable:
    base = word_vectors(256)._table.astype(np.float64)
    mean = targets.mean(0)
    _, _, vt = np.linalg.svd(targets - mean, full_matrices=False)
    basis = vt[:dims].T  # 384 x D
    y = (targets - mean) @ basis
    s = token_matrix(texts)
    keep = np.flatnonzero(np.asarray(s.sum(0)).ravel() > 0)
    x = s @ base
    linear = np.linalg.solve(x.T @ x + ridge * len(texts) * np.eye(x.shape[1]), x.T @ y)
    rest = y - x @ linear
    sk = s[:, keep].tocsc()
    gram = (sk.T @ sk).tocsr()
    lam = ridge * 10
    rhs = sk.T @ rest
    r = np.zeros_like(rhs)  # block conjugate gradients, one column per output dimension
    res = rhs - (gram @ r + lam * r)
    p = res.copy()
    rs = (res * res).sum(0)
    for _ in range(300):
        ap = gram @ p + lam * p
        alpha = rs / np.maximum((p * ap).sum(0), 1e-30)
        r += alpha * p
        res -= alpha * ap
        new = (res * res).sum(0)
        if np.sqrt(new.max()) < 1e-6:
            break
        p = res + (new / np.maximum(rs, 1e-30)) * p
        rs = new
    fitted = x @ linear + s[:, keep] @ r
    print(f"distilled {len(keep)} tokens, {dims} dims: R^2 on the distillation texts "
          f"{1 - ((y - fitted) ** 2).sum() / (y ** 2).sum():.3f} (linear map alone "
          f"{1 - (rest ** 2).sum() / (y ** 2).sum():.3f})", file=sys.stderr)
    return StaticTable(mean, basis, linear.astype(np.float32), keep, r.astype(np.float32))


def main(argv: list[str] | None = None) -> int:
    import topics_encoder_ceiling as ceiling
    import train_topics as tt
    from minilm_numpy import MiniLM

    from onrecord.topics import load_taxonomy

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--ridge", type=float, default=1e-3)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--text-only", action="store_true",
                        help="distil on the statements alone, not their context sentences")
    parser.add_argument("--cache", type=Path, default=ceiling.CACHE)
    args = parser.parse_args(argv)
    rows, _, _ = tt.read_rows(tt.TRAIN_FILES, load_taxonomy(model=False).keys)
    encoder = MiniLM()
    texts = [r["text"] for r in rows]
    targets = [ceiling.encode_cached(texts, "minilm-text", encoder.encode, args.cache)]
    if not args.text_only:
        contexts = [c for c in (ceiling.context_sentence(r["text"], r.get("context"))
                                for r in rows) if c]
        texts += contexts
        targets.append(ceiling.encode_cached(contexts, "minilm-context", encoder.encode,
                                             args.cache))
    targets = np.vstack(targets)
    table = distil(texts, targets.astype(np.float64), args.dims, args.ridge)
    table.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
