"""Word vectors for reading meaning: WordLlama's static token embeddings, pooled per word.

WordLlama (a PyPI package, MIT) ships a 32,000-token embedding table (16 MB, 256 dimensions,
trained so that averaged token vectors compare sentences) and its tokenizer inside its wheel.
Only those two files are read here, never ``WordLlama.load`` (which reaches for the network
when its file names disagree): nothing is downloaded at run time.

A text's vector is the mean of the token vectors of its words, stop words left out. Each word
is tokenized once and cached as (sum of its token vectors, token count), so tagging a
statement costs a regex pass and a few dictionary look-ups; the mean is then exactly linear
in the words, which is what lets a linear topic model say how much each word counted.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from functools import lru_cache
from itertools import compress
from pathlib import Path

import numpy as np

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*")
# Function words carry no topic; leaving them out keeps the mean about the content words.
_STOP_WORDS = """
's a about above according after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most mr mrs ms my myself no nor not now of off on once only or other our
ours ourselves out over own said same say says she should so some such tell tells than that the
their theirs them themselves then there these they this those through to told too under until up
us very was we were what when where which while who whom why will with would you your yours
yourself yourselves ’s
"""
STOP = frozenset(_STOP_WORDS.split())



class WordVectors:
    """Per-word vectors (sum of token vectors, token count), built lazily and cached.

    Thread-safe for reading; a new word is added under a lock.
    """

    def __init__(self, embedding: np.ndarray, tokenizer: object, dims: int) -> None:
        self._table = np.asarray(embedding[:, :dims], dtype=np.float32)
        self._tokenizer = tokenizer
        self.dims = dims
        self._index: dict[str, int] = {}
        self._sums = np.zeros((1024, dims), dtype=np.float32)
        self._counts = np.zeros(1024, dtype=np.float32)
        self._lock = threading.Lock()

    def rows(self, words: list[str]) -> list[int]:
        """Row numbers of ``words`` in :attr:`sums` / :attr:`counts`, adding new words."""
        rows = list(map(self._index.get, words))
        if None in rows:
            self._add([word for word, row in zip(words, rows, strict=True) if row is None])
            rows = list(map(self._index.__getitem__, words))
        return rows  # type: ignore[return-value]

    def _add(self, words: list[str]) -> None:
        with self._lock:
            words = list(dict.fromkeys(w for w in words if w not in self._index))
            if not words:
                return
            # encode_batch hands the words to a thread pool: worth it for many words, several
            # times the cost of encode() for the few new words of one statement.
            encoded = (self._tokenizer.encode_batch(words, add_special_tokens=False)
                       if len(words) > 8 else
                       [self._tokenizer.encode(word, add_special_tokens=False) for word in words])
            start = len(self._index)
            need = start + len(words)
            if need > len(self._counts):
                size = max(need, 2 * len(self._counts))
                sums = np.zeros((size, self.dims), dtype=np.float32)
                sums[:start] = self._sums[:start]
                counts = np.zeros(size, dtype=np.float32)
                counts[:start] = self._counts[:start]
                self._sums, self._counts = sums, counts
            for offset, enc in enumerate(encoded):
                ids = [i for i in enc.ids if i > 2]  # 0-2: unknown, begin, end
                self._sums[start + offset] = self._table[ids].sum(axis=0) if ids else 0.0
                self._counts[start + offset] = len(ids)
            for offset, word in enumerate(words):
                self._index[word] = start + offset

    @property
    def sums(self) -> np.ndarray:
        return self._sums

    @property
    def counts(self) -> np.ndarray:
        return self._counts


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry meaning (stop words and numbers left out).

    Whether a word (as written) is kept is decided once and remembered: the words of news
    repeat, so tagging mostly costs one ``findall`` and one dictionary look-up a word."""
    words = WORD.findall(text)
    kept = list(map(_KEEP.get, words))
    if None in kept:
        kept = list(map(is_content_word, words))
    return list(compress(words, kept))


def is_content_word(word: str) -> bool:
    """Whether ``word`` (one match of :data:`WORD`) carries meaning; decided once a word."""
    kept = _KEEP.get(word)
    if kept is None:
        kept = not (word[0].isdigit() or word.lower() in STOP)
        if len(_KEEP) < 200_000:
            _KEEP[word] = kept
    return kept


_KEEP: dict[str, bool] = {}  # word as written -> carries meaning


class EmbeddingUnavailable(RuntimeError):
    """The wordllama package (which ships the vectors) is not installed or is damaged."""


def _package_files() -> tuple[Path, Path]:
    """The two files read from the wordllama package, found without importing it: its
    ``__init__`` imports requests, pydantic and its model classes (0.12 CPU s, in every
    process that tags a statement, each ingest worker included)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency of onrecord
        raise EmbeddingUnavailable("wordllama is not installed")
    root = Path(spec.origin).parent
    weights = root / "weights" / "l2_supercat_256.safetensors"
    tokenizer = root / "tokenizers" / "l2_supercat_tokenizer_config.json"
    for path in (weights, tokenizer):
        if not path.is_file():
            raise EmbeddingUnavailable(f"{path}: missing from the wordllama package")
    return weights, tokenizer


@lru_cache(maxsize=4)
def word_vectors(dims: int = 256) -> WordVectors:
    """The shipped word vectors truncated to ``dims`` (WordLlama's are nested: 64, 128, 256)."""
    from safetensors import safe_open
    from tokenizers import Tokenizer

    weights, tokenizer_file = _package_files()
    with safe_open(str(weights), framework="np") as handle:
        table = handle.get_tensor("embedding.weight")
    return WordVectors(table, Tokenizer.from_file(str(tokenizer_file)), dims)
