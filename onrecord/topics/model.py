"""A trained linear topic model: reads the words, the taxonomy's terms and their meaning.

Per topic, one logistic regression over

- the statement's index words (stems), and for a short statement the words of its context
  sentence (a short reply is about what the sentence around it says);
- which topics' terms the statement has, and which its context sentence has;
- how close the statement's meaning is to each topic's own (the cosine between the mean word
  vector of the statement and of the topic's label, description and terms; word vectors from
  :mod:`onrecord.topics.embed`), and the same for the context sentence of a short statement;
- whether the statement is short;
- what the rest of its article is about: the mean, over the article's other statements (the
  batch ingest tags at once), of their term hits and meaning columns, with one "average
  statement" of the training articles mixed in (so a statement alone reads as if in an average
  article). A statement is read with its story: "That is not acceptable" in an article about
  the budget leans to money.

The model is linear, so a tag's score splits into what each word and each matched term added:
that split is the "why" of a tag. Weights and a threshold per topic (chosen by cross-validation
on the training labels, never the dev labels; today one shared value) ship as JSON in
``onrecord/data/topic_model.json``, written by ``scripts/train_topics.py``. A topic the file
does not know (one an archive adds) is given by its terms alone; an archive that edits a known
topic's terms or description changes what the model reads, since those are features.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from onrecord.topics.embed import WordVectors, content_words, word_vectors

MODEL_FILE = Path(__file__).parent.parent / "data" / "topic_model.json"


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the enclosed numpy work on one BLAS thread.

    The products here are a few hundred columns wide: OpenBLAS's thread pool made them no
    faster and burnt 3.6 of `onrecord extract`'s 12.5 CPU seconds spinning, and with
    ``--workers 2`` each worker's pool fought the other worker for the same two cores
    (docs/benchmarks.md, "BLAS threads"). Scoped, so a program that imports onrecord keeps its
    own setting.
    """
    with _blas().limit(limits=1, user_api="blas"):
        yield


@dataclass
class Features:
    """What the model reads of a batch of statements, one row each."""

    stems: list[frozenset[str]]  # index words of each statement
    context_stems: list[frozenset[str]]  # of its context sentence, outside the statement
    dense: np.ndarray  # statements x dense_size: term hits, context term hits, short, meaning,
    #                    context meaning, then (a model that reads the article) the article's
    #                    mean term hits, meaning and context meaning


def dense_size(topics: int, article: bool = False) -> int:
    """Dense columns: 4 per topic and "short"; 3 more per topic for the article's means."""
    return 4 * topics + 1 + (3 * topics if article else 0)


def article_parts(dense: np.ndarray, topics: int) -> np.ndarray:
    """What each statement adds to its article's columns (statements x 3 topics): its own
    term hits, meaning and context meaning."""
    return np.hstack([dense[:, :topics], dense[:, 2 * topics + 1:4 * topics + 1]])


def article_columns(parts: np.ndarray, own: list[int | None], prior: np.ndarray
                    ) -> np.ndarray:
    """Each statement's article columns: the mean of the ``parts`` of the article's statements
    other than its own row (``own[i]``, None when it is not among them), plus ``prior`` (the
    training articles' average statement) counted once."""
    total = parts.sum(0) + prior
    rows = np.tile(total, (len(own), 1))
    count = np.full(len(own), len(parts) + 1.0)
    for i, row in enumerate(own):
        if row is not None:
            rows[i] -= parts[row]
            count[i] -= 1
    return rows / count[:, None]


class TopicModel:
    """Weights per topic; ``keys`` are the topics it decides, in its own column order."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.keys: list[str] = list(data["topics"])
        k = len(self.keys)
        self.dims: int = int(data.get("dims", 256))
        self.bias = np.asarray(data["bias"], dtype=np.float64)
        self.threshold = np.asarray(data["threshold"], dtype=np.float64)
        # Whether the model reads the article's columns (the version-3 models do).
        self.article = bool(data.get("article", False))
        self.article_prior = np.asarray(data.get("article_prior", [0.0] * (3 * k)),
                                        dtype=np.float64)
        self.dense = np.asarray(data["dense"], dtype=np.float64).reshape(
            dense_size(k, self.article), k)
        self.stem_weights = self._sparse(data.get("stems", {}), k)
        self.context_stem_weights = self._sparse(data.get("context_stems", {}), k)
        # The word weights as one matrix (statement words, then context words, then a zero row
        # for words the model ignores), so a batch of statements is scored with one gather.
        self._word_row: dict[str, int] = {stem: i for i, stem in enumerate(self.stem_weights)}
        offset = len(self._word_row)
        self._context_row: dict[str, int] = {
            stem: offset + i for i, stem in enumerate(self.context_stem_weights)}
        self._word_matrix = np.zeros((offset + len(self._context_row) + 1, k))
        for table, rows in ((self.stem_weights, self._word_row),
                            (self.context_stem_weights, self._context_row)):
            for stem, weights in table.items():
                self._word_matrix[rows[stem]] = weights
        self.term_slack = float(data.get("term_slack", 0.0))
        # Statements with fewer index words than this also read their context sentence's words
        # and meaning (None: the taxonomy's short-statement size).
        below = data.get("context_below")
        self.context_below: int | None = None if below is None else int(below)
        self.meta: dict[str, Any] = dict(data.get("meta", {}))
        self._vectors: WordVectors | None = None

    @staticmethod
    def _sparse(table: dict[str, list[list[float]]], k: int) -> dict[str, np.ndarray]:
        out = {}
        for stem, pairs in table.items():
            row = np.zeros(k)
            for column, weight in pairs:
                row[int(column)] = weight
            out[stem] = row
        return out

    @classmethod
    def blank(cls, keys: list[str], dims: int = 256, article: bool = False) -> TopicModel:
        """A model with no weights: what training uses to compute features."""
        k = len(keys)
        return cls({"topics": keys, "dims": dims, "bias": [0.0] * k, "threshold": [0.0] * k,
                    "article": article,
                    "dense": np.zeros((dense_size(k, article), k)).tolist()})

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> TopicModel:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @property
    def vectors(self) -> WordVectors:
        if self._vectors is None:
            self._vectors = word_vectors(self.dims)
        return self._vectors

    def mean_vector(self, text: str) -> np.ndarray:
        """Mean word vector of the content words of ``text``, unit length (zeros for none)."""
        return self.mean_vectors([content_words(text)])[0]

    def mean_vectors(self, texts: list[list[str]]) -> np.ndarray:
        """Unit mean vectors of several texts given as content words, one row each (zeros for
        a text without words): one gather and one sum for the whole batch."""
        out = np.zeros((len(texts), self.dims))
        filled = [i for i, words in enumerate(texts) if words]
        if not filled:
            return out
        vectors = self.vectors
        rows = vectors.rows([word for i in filled for word in texts[i]])
        starts = np.cumsum([0] + [len(texts[i]) for i in filled[:-1]])
        sums = np.add.reduceat(vectors.sums.take(rows, axis=0), starts, axis=0,
                               dtype=np.float64)
        norms = np.sqrt(np.einsum("ij,ij->i", sums, sums))
        out[filled] = sums / np.where(norms > 0, norms, 1.0)[:, None]
        return out

    def prototypes(self, descriptions: dict[str, str]) -> np.ndarray:
        """Unit mean vectors of each model topic's text (zeros for a topic not described)."""
        return np.stack([self.mean_vector(descriptions.get(key, "")) for key in self.keys])

    def logits(self, features: Features) -> np.ndarray:
        """Statements x topics: bias, dense features and every known word's weights."""
        scores = self.bias + features.dense @ self.dense
        word, context = self._word_row.get, self._context_row.get
        rows: list[int] = []
        starts: list[int] = []  # where each statement's rows begin (one zero row if none)
        none = len(self._word_matrix) - 1
        for stems, context_stems in zip(features.stems, features.context_stems, strict=True):
            starts.append(len(rows))
            found = [row for row in map(word, stems) if row is not None]
            found += [row for row in map(context, context_stems) if row is not None]
            rows += found or [none]
        if rows:
            scores += np.add.reduceat(self._word_matrix.take(rows, axis=0), starts, axis=0)
        return scores

    def margins(self, features: Features) -> np.ndarray:
        """Logit minus threshold, statements x topics (>= 0: tagged). A topic whose own term
        is in the statement gets ``term_slack`` more: the reader of a term list expects the
        term to count unless the rest of the statement clearly says otherwise."""
        k = len(self.keys)
        return (self.logits(features) - self.threshold
                + self.term_slack * features.dense[:, :k])

    def word_weights(self, key: str, stems: list[str], in_context: bool = False) -> list[float]:
        """What each of ``stems`` added to ``key``'s score (0 for words the model ignores)."""
        column = self.keys.index(key)
        table = self.context_stem_weights if in_context else self.stem_weights
        return [float(table[s][column]) if s in table else 0.0 for s in stems]


@lru_cache(maxsize=2)
def shipped_model(path: str = str(MODEL_FILE)) -> TopicModel | None:
    """The model that ships with onrecord, or None when its file is absent."""
    file = Path(path)
    return TopicModel.load(file) if file.is_file() else None
