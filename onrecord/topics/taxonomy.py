"""Topic tagging: which subjects a statement is about, from a user-editable taxonomy.

A topic is a key (``money``), a label, a description and a list of terms: words and phrases
such as ``"fund"`` or ``"cannot afford"``. A statement gets a topic when its text contains one
of the topic's terms. Terms are compared on stems, after exactly the analysis the search index
gives the ``text`` field (``whoosh.analysis.StemmingAnalyzer``: lower case, stop words and
one-letter words dropped, Porter stems), so ``"fund"`` also matches "funding" and "funded", and
:meth:`Taxonomy.query` can turn a topic into a Whoosh query that finds the same statements.

The default taxonomy ships as ``onrecord/data/topics.toml``; an archive can replace, extend or
disable topics with its own ``topics.toml`` (see docs/topics.md for the format).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.analysis import (
    CompositeAnalyzer,
    StemmingAnalyzer,
)

from onrecord.topics.embed import content_words
from onrecord.topics.model import (
    Features,
    TopicModel,
    article_columns,
    article_parts,
    dense_size,
    one_blas_thread,
    shipped_model,
)
from onrecord.whoosh_fast import WORDS, word_terms

DEFAULT_FILE = Path(__file__).parent.parent / "data" / "topics.toml"
ARCHIVE_FILE = "topics.toml"  # an archive's own taxonomy, overlaid on the default
SHORT_STATEMENT = 8  # a statement with fewer index words than this is tagged with its context too

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_WORD = re.compile(r"\w+")
_FIELDS = {"label", "description", "terms", "add_terms", "exclude", "disabled", "within"}

Token = tuple[str, int, int]  # (stem, start, end) with character offsets into the text


class TaxonomyError(ValueError):
    """A topics file that cannot be used; the message names the file, the topic and the fix."""


@dataclass(frozen=True)
class Topic:
    """One topic of the taxonomy, as the file defines it (terms as written, not stemmed)."""

    key: str
    label: str
    description: str = ""
    terms: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # phrases inside which a term does not count ("pay attention")
    source: str = ""  # the file that last defined or changed it
    redefined: bool = False  # an archive file gave it its own terms: the model does not decide it
    within: str = ""  # a broader topic every statement of this one also has ("money")


@dataclass(frozen=True)
class TopicMatch:
    """Why a statement has a topic: which term matched where.

    ``start``/``end`` are character offsets into the statement, or into the context when
    ``in_context`` is true (context is only read for short statements).
    """

    topic: str
    term: str
    start: int
    end: int
    in_context: bool = False


# -- analysis: the index's analyzer, made fast -------------------------------------------------


def index_analyzer() -> CompositeAnalyzer:
    """The analyzer of the index's ``text`` field; topics must stem exactly as it does."""
    return StemmingAnalyzer()


def _tokenizer_for(analyzer: Any) -> tuple[Callable[[str], list[Token]],
                                            Callable[[str], list[str]]]:
    """A tokenizer giving the same (stem, start, end) stream as ``analyzer``, and one giving
    the stems alone.

    Whoosh's analyzer builds a Token object per word through a generator chain; for the usual
    compositions (:func:`onrecord.whoosh_fast.word_terms`, which the index writer reads words
    with too) this does the same steps with one regex pass and a stem cache, several times
    faster (tests check both agree). Other analyzers are called as they are.
    """
    def slow(text: str) -> list[Token]:
        return [(t.text, t.startchar, t.endchar)
                for t in analyzer(text, chars=True, removestops=True)]

    reading = word_terms(analyzer)
    if reading is None:
        return slow, _stems_of(slow)
    cache, index_word, _ = reading
    finditer = analyzer.items[0].expression.finditer

    def tokens(text: str) -> list[Token]:
        lowered = text.lower()
        if len(lowered) != len(text):  # rare letters whose lower case is longer: go word by word
            return [(stem, m.start(), m.end()) for m in finditer(text)
                    if (stem := index_word(m.group().lower())) is not None]
        out = []
        get = cache.get
        for match in finditer(lowered):
            word = match.group()
            stem = get(word, "")
            if stem == "":
                stem = index_word(word)
            if stem is not None:
                out.append((stem, match.start(), match.end()))
        return out

    return tokens, _stems_only(tokens, cache, index_word)


def _stems_of(tokens: Callable[[str], list[Token]]) -> Callable[[str], list[str]]:
    return lambda text: [token[0] for token in tokens(text)]


def _stems_only(tokens: Callable[[str], list[Token]], cache: dict[str, str | None],
                index_word: Callable[[str], str | None]) -> Callable[[str], list[str]]:
    """The stems of ``tokens(text)`` without their offsets (what the model reads): ``findall``
    on the same words, several times cheaper than a match object a word."""
    findall = WORDS.findall

    def stems(text: str) -> list[str]:
        lowered = text.lower()
        if len(lowered) != len(text):
            return [token[0] for token in tokens(text)]
        words = findall(lowered)
        found = list(map(cache.get, words, repeat("")))  # "" not seen yet; None dropped
        if "" in found:
            found = [index_word(word) if stem == "" else stem
                     for word, stem in zip(words, found, strict=True)]
        return [stem for stem in found if stem is not None]

    return stems


# -- the taxonomy ------------------------------------------------------------------------------


class Taxonomy:
    """A compiled list of topics: tags statements, explains tags, expands topics into queries."""

    def __init__(self, topics: Iterable[Topic], *, analyzer: Any = None,
                 short_statement: int = SHORT_STATEMENT, model: TopicModel | None = None
                 ) -> None:
        self.topics: list[Topic] = list(topics)
        self.model = model
        self._protos: np.ndarray | None = None
        # the topics the model decides: those it was trained on, unless an archive redefined them
        self.decided: frozenset[str] = frozenset(
            topic.key for topic in self.topics
            if model is not None and topic.key in model.keys and not topic.redefined)
        self.short_statement = short_statement
        self._tokens, self._stems = _tokenizer_for(analyzer or index_analyzer())
        self._by_key = {topic.key: topic for topic in self.topics}
        self._order = {topic.key: number for number, topic in enumerate(self.topics)}
        # first stem -> [(stems, topic index, term as written)]; phrases checked token by token
        self._terms: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
        self._excludes: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._stemmed: dict[str, list[tuple[str, ...]]] = {}
        for index, topic in enumerate(self.topics):
            seen: set[tuple[str, ...]] = set()
            for term in topic.terms:
                stems = self.stems(term)
                if stems and stems not in seen:
                    seen.add(stems)
                    self._terms.setdefault(stems[0], []).append((stems, index, term))
            self._stemmed[topic.key] = list(seen)
            for phrase in topic.exclude:
                stems = self.stems(phrase)
                if stems:
                    self._excludes.setdefault(stems[0], []).append((stems, index))
        self._first_stems = frozenset(self._terms) | frozenset(self._excludes)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __getitem__(self, key: str) -> Topic:
        return self._by_key[key]

    def __len__(self) -> int:
        return len(self.topics)

    def get(self, key: str) -> Topic | None:
        return self._by_key.get(key)

    @property
    def keys(self) -> list[str]:
        return [topic.key for topic in self.topics]

    def stems(self, text: str) -> tuple[str, ...]:
        """The index words of ``text``: what a term is matched on (``"Funding"`` -> ``fund``)."""
        return tuple(self._stems(text))

    def _find(self, text: str, in_context: bool = False, tokens: list[Token] | None = None
              ) -> tuple[list[TopicMatch], int]:
        tokens = self._tokens(text) if tokens is None else tokens
        matches = [TopicMatch(self.topics[index].key, term, tokens[first][1], tokens[last][2],
                              in_context)
                   for index, first, last, term in self._hits([token[0] for token in tokens])]
        return matches, len(tokens)

    def _hits(self, stems: list[str]) -> list[tuple[int, int, int, str]]:
        """(topic index, first word, last word, term) of each term in ``stems`` (a text's index
        words) that no exclusion of its topic covers."""
        hits: list[tuple[int, int, int, str]] = []
        blocked: list[tuple[int, int, int]] = []  # (topic index, first token, last token)
        terms, excludes = self._terms, self._excludes
        present = self._first_stems.intersection(stems)
        if not present:
            return hits
        positions = []
        for stem in present:  # list.index scans in C; most words start no term
            at = stems.index(stem)
            while True:
                positions.append(at)
                try:
                    at = stems.index(stem, at + 1)
                except ValueError:
                    break
        for i in sorted(positions):
            stem = stems[i]
            if stem in terms:
                for phrase, index, term in terms[stem]:
                    if len(phrase) == 1 or tuple(stems[i:i + len(phrase)]) == phrase:
                        hits.append((index, i, i + len(phrase) - 1, term))
            if stem in excludes:
                for phrase, index in excludes[stem]:
                    if tuple(stems[i:i + len(phrase)]) == phrase:
                        blocked.append((index, i, i + len(phrase) - 1))
        if blocked:
            hits = [hit for hit in hits if not any(
                b[0] == hit[0] and b[1] <= hit[1] and hit[2] <= b[2] for b in blocked)]
        return hits

    def term_matches(self, text: str, context: str | None = None) -> list[TopicMatch]:
        """Every term occurrence that gives ``text`` a topic by the terms alone, in text order.

        When the statement has fewer than ``short_statement`` index words ("no", "the
        president's actions"), the sentence of ``context`` that holds it is matched too, so a
        short reply is found under the subject it answers. Context matches come last, with
        offsets into ``context``.
        """
        found, size = self._find(text)
        if context and size < self.short_statement:
            found.extend(self._context_matches(text, context))
        return found

    def _context_matches(self, text: str, context: str) -> list[TopicMatch]:
        """Term matches in the sentence of ``context`` holding ``text``, outside ``text``."""
        start, end, skip = _sentence_of(text, context)
        return [replace(match, start=match.start + start, end=match.end + start)
                for match in self._find(context[start:end], in_context=True)[0]
                if skip is None or not (skip[0] < match.end + start
                                        and match.start + start < skip[1])]

    def features(self, items: Sequence[tuple[str, str | None]],
                 article: Sequence[tuple[str, str | None]] | None = None) -> Features:
        """What the model reads of each (statement, context); the same code serves training
        and tagging.

        ``items`` are read as one article: a model that reads the article gets, for each, the
        mean columns of the others (or of ``article``'s statements other than itself, the
        article's statements when ``items`` are only some of them). Statements of one article
        often share a context sentence, which is read once; the meaning of all statements and
        sentences is one matrix product.
        """
        model = self.model
        assert model is not None
        k = len(model.keys)
        features = self._own_features(items)
        if not model.article:
            return features
        if article is None:  # the batch is the article; each statement leaves itself out
            parts = article_parts(features.dense, k)
            own: list[int | None] = list(range(len(items)))
        else:
            parts = article_parts(self._own_features(article).dense, k)
            exact = {item: i for i, item in reversed(list(enumerate(article)))}
            texts = {text: i for i, (text, _) in reversed(list(enumerate(article)))}
            own = [exact.get(item, texts.get(item[0])) for item in items]
        dense = np.hstack([features.dense, article_columns(parts, own, model.article_prior)])
        return Features(features.stems, features.context_stems, dense)

    def _own_features(self, items: Sequence[tuple[str, str | None]]) -> Features:
        """Each statement's features alone (without the article's columns)."""
        model = self.model
        assert model is not None
        k = len(model.keys)
        column = [model.keys.index(t.key) if t.key in model.keys else -1 for t in self.topics]
        below = self._context_below()
        sentences: dict[str, _Sentence] = {}  # each context sentence read once a batch
        words: list[list[str]] = []  # content words: statement i at 2i, its sentence at 2i + 1
        ones: list[tuple[int, int]] = []  # (statement, dense column) set to 1
        all_stems: list[frozenset[str]] = []
        all_context_stems: list[frozenset[str]] = []
        empty: frozenset[str] = frozenset()
        for number, (text, context) in enumerate(items):
            stems = self._stems(text)
            ones += [(number, column[hit[0]]) for hit in self._hits(stems)
                     if column[hit[0]] >= 0]
            if len(stems) < self.short_statement:
                ones.append((number, 2 * k))
            words.append(content_words(text))
            sentence_words: list[str] = []
            context_stems = empty
            if context:
                start, end, skip = _sentence_of(text, context)
                sentence = context[start:end]
                read = sentences.get(sentence)
                if read is None:
                    around = self._stems(sentence)
                    read = sentences[sentence] = _Sentence(around, self._hits(around))
                hits = read.hits
                if hits and skip is not None:  # terms of the statement itself do not count
                    hits = self._outside(hits, stems, context, start, skip)
                ones += [(number, k + column[hit[0]]) for hit in hits if column[hit[0]] >= 0]
                if len(stems) < below:
                    context_stems = frozenset(read.stems).difference(stems)
                    sentence_words = read.words(sentence)
            words.append(sentence_words)
            all_stems.append(frozenset(stems))
            all_context_stems.append(context_stems)
        dense = np.zeros((len(items), dense_size(k)))
        if ones:
            dense[tuple(zip(*ones, strict=True))] = 1.0
        if items:
            meaning = model.mean_vectors(words) @ self._prototypes().T
            dense[:, 2 * k + 1:3 * k + 1] = meaning[0::2]
            dense[:, 3 * k + 1:] = meaning[1::2]
        return Features(all_stems, all_context_stems, dense)

    def _outside(self, hits: list[tuple[int, int, int, str]], stems: list[str], context: str,
                 start: int, skip: tuple[int, int]) -> list[tuple[int, int, int, str]]:
        """The ``hits`` of the sentence ``context[start:]`` that do not touch the statement at
        ``skip`` (whose index words are ``stems``). The statement is whole words, so its words
        are the sentence's words from the count of those before it; only where a word could
        run across its edges ("U.S." or "*" beside it) are the words' offsets read."""
        if context[skip[0] - 1:skip[0]] in ("*", ".") or context[skip[1]:skip[1] + 1] in (
                "*", "."):
            offsets = [(a + start, b + start) for _, a, b in self._tokens(context[start:])]
            return [hit for hit in hits if not (skip[0] < offsets[hit[2]][1]
                                                and offsets[hit[1]][0] < skip[1])]
        before = len(self._stems(context[start:skip[0]]))
        after = before + len(stems)
        return [hit for hit in hits if not (hit[1] < after and hit[2] >= before)]

    def _context_below(self) -> int:
        """Statements with fewer index words than this: the model reads their context too."""
        below = self.model.context_below if self.model is not None else None
        return self.short_statement if below is None else below

    def _prototypes(self) -> np.ndarray:
        """Each model topic's meaning: the mean vector of its label, description and terms."""
        if self._protos is None:
            assert self.model is not None
            self._protos = self.model.prototypes({
                topic.key: " ".join([topic.label, topic.description, *topic.terms])
                for topic in self.topics})
        return self._protos

    def _margins(self, items: Sequence[tuple[str, str | None]],
                 article: Sequence[tuple[str, str | None]] | None = None) -> np.ndarray:
        """The model's margins (statements x topics) of a batch, on one BLAS thread."""
        assert self.model is not None
        with one_blas_thread():
            return self.model.margins(self.features(items, article))

    def scores(self, text: str, context: str | None = None) -> dict[str, float]:
        """The model's logit per topic it decides, minus the topic's threshold (>= 0: tagged)."""
        return self.scores_many([(text, context)])[0]

    def scores_many(self, items: Sequence[tuple[str, str | None]],
                    article: Sequence[tuple[str, str | None]] | None = None
                    ) -> list[dict[str, float]]:
        """:meth:`scores` of each (statement, context) of one article, computed as one batch
        (``article``: see :meth:`scored_many`)."""
        if self.model is None:
            return [{} for _ in items]
        margins = self._margins(items, article)
        decided = [(j, key) for j, key in enumerate(self.model.keys) if key in self.decided]
        return [{key: row[j] for j, key in decided} for row in margins.tolist()]

    def matches(self, text: str, context: str | None = None,
                topics: Iterable[str] | None = None) -> list[TopicMatch]:
        """Why each of the statement's topics was given: terms it (or its context) has.

        Without a model (or for a topic the model does not know), a topic is given when one of
        its terms occurs: every such occurrence is listed, as :meth:`term_matches` does. With
        the model, the topics it gives are explained by their terms in the statement and, for
        a short statement, in the context sentence; a topic given on the other words is
        explained by the (at most three) words that raised its score most. ``topics``: the
        topics to explain (a record's stored ones, given with its article) instead of those
        :meth:`tag` gives the statement alone.
        """
        terms = self.term_matches(text, context)
        if self.model is None:
            return terms
        tagged = set(self.tag(text, context) if topics is None else topics)
        found = [m for m in terms if m.topic in tagged]
        explained = {m.topic for m in found}
        for key in self.keys:
            if key in tagged and key not in explained and key in self.decided:
                found.extend(self._word_evidence(key, text, context))
        explained = {m.topic for m in found}
        for topic in self.topics:  # a broader topic given through a narrower one: its reasons
            if topic.key in tagged and topic.within in tagged and topic.within not in explained:
                found.extend(replace(m, topic=topic.within) for m in found if m.topic == topic.key)
                explained.add(topic.within)
        return found

    def _word_evidence(self, key: str, text: str, context: str | None) -> list[TopicMatch]:
        assert self.model is not None
        tokens = self._tokens(text)
        weights = self.model.word_weights(key, [t[0] for t in tokens])
        spans = [(w, t[1], t[2], False) for w, t in zip(weights, tokens, strict=True)]
        if context and len(tokens) < self._context_below():
            start, end, _ = _sentence_of(text, context)
            around = [t for t in self._tokens(context[start:end])
                      if t[0] not in {s[0] for s in tokens}]
            weights = self.model.word_weights(key, [t[0] for t in around], in_context=True)
            spans += [(w, t[1] + start, t[2] + start, True)
                      for w, t in zip(weights, around, strict=True)]
        best: dict[str, tuple[float, int, int, bool]] = {}
        for weight, begin, end, in_context in spans:
            word = (context if in_context else text)[begin:end]  # type: ignore[index]
            if weight > 0.05 and weight > best.get(word.lower(), (0.0,))[0]:
                best[word.lower()] = (weight, begin, end, in_context)
        ranked = sorted(best.values(), key=lambda item: -item[0])[:3]
        return [TopicMatch(key, ((context if c else text) or "")[b:e], b, e, c)
                for _, b, e, c in ranked]

    def tag(self, text: str, context: str | None = None) -> list[str]:
        """The topic keys of a statement read alone (an article of its own: ingest, which reads
        it with its article, can give more or other topics), in taxonomy order."""
        return self.tag_many([(text, context)])[0]

    def tag_many(self, items: Sequence[tuple[str, str | None]],
                 article: Sequence[tuple[str, str | None]] | None = None) -> list[list[str]]:
        """The topics of each (statement, context) of one article (see :meth:`scored_many`);
        an article's statements in one call share the reading of their context sentences and
        one matrix product (several times faster)."""
        return [list(scored) for scored in self.scored_many(items, article)]

    def scored_many(self, items: Sequence[tuple[str, str | None]],
                    article: Sequence[tuple[str, str | None]] | None = None
                    ) -> list[dict[str, float]]:
        """Each statement's topics (taxonomy order) with how clearly it has them: the model's
        margin over the topic's threshold (>= 0), 0 for a topic given by its terms alone, and
        for a broader topic the largest margin of the narrower ones that gave it. Search ranks
        statements found through a topic by it.

        ``items`` are the statements of one article (what ingest passes): the model reads
        what the article as a whole is about from them, or from ``article`` (all the article's
        statements) when ``items`` are only some of them. :meth:`tag` reads a statement as an
        article of its own."""
        if self.model is None:
            return [self._with_broader({match.topic: 0.0 for match in self.term_matches(*item)})
                    for item in items]
        decided = self.decided
        keys = self.model.keys
        margins = self._margins(items, article)
        out = []
        for item, row in zip(items, margins, strict=True):
            hit = {keys[j]: float(row[j]) for j in np.flatnonzero(row >= 0)
                   if keys[j] in decided}
            if len(decided) < len(self.topics):  # topics an archive added or redefined
                hit.update((match.topic, 0.0) for match in self.term_matches(*item)
                           if match.topic not in decided)
            out.append(self._with_broader(hit))
        return out

    def _with_broader(self, hit: dict[str, float]) -> dict[str, float]:
        """``hit`` plus the topics they are ``within`` (transitively, with the largest score
        of those that gave them), in taxonomy order."""
        scores = dict(hit)
        todo = list(hit)
        while todo:
            key = todo.pop()
            narrower = self._by_key.get(key)
            broader = narrower.within if narrower else ""
            # (a topic the model gave itself keeps its own margin)
            if (broader in self._by_key and broader not in hit
                    and scores.get(broader, -1.0) < scores[key]):
                scores[broader] = scores[key]
                todo.append(broader)
        return {key: scores[key] for key in sorted(scores, key=self._order.__getitem__)}

    def explain(self, text: str, context: str | None = None,
                topics: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """Distinct (topic key, term) pairs that tagged ``text`` (with ``topics``: that gave it
        those topics): the "why" shown to a reader."""
        pairs = [(match.topic, match.term) for match in self.matches(text, context, topics)]
        return list(dict.fromkeys(pairs))

    def query_terms(self, key: str) -> list[str]:
        """A topic's terms as index words; a phrase is its stems joined by spaces."""
        return sorted(" ".join(stems) for stems in self._stemmed[self[key].key])

    def query(self, key: str, fieldname: str = "text") -> wq.Query:
        """A Whoosh query matching the statements whose ``fieldname`` has one of the terms.

        Terms become ``Term`` queries on the stem and phrases ``Phrase`` queries on the stems
        (the field must store positions, as the index's ``text`` field does). A term with
        exclusions becomes ``AndNot(term, exclusions)``: a statement that has both "pay
        attention" and, elsewhere, "pay" is tagged but not found this way; the stored
        ``topics`` field has the exact tags. Raises KeyError for an unknown key.
        """
        topic = self[key]
        excludes = [self.stems(phrase) for phrase in topic.exclude]
        parts: list[wq.Query] = []
        for stems in sorted(self._stemmed[topic.key]):
            part: wq.Query = (wq.Term(fieldname, stems[0]) if len(stems) == 1
                              else wq.Phrase(fieldname, list(stems)))
            covering = [ex for ex in excludes if _contains(ex, stems)]
            if covering:
                part = _Unless(part, wq.Or([_phrase(fieldname, ex) for ex in covering]))
            parts.append(part)
        return wq.Or(parts) if parts else wq.NullQuery


class _Unless(wq.AndNot):
    """``a ANDNOT b`` that reports only ``a``'s terms, so a highlighter marks the "pay" of a
    match but never the words of an exclusion such as "at all costs"."""

    def leaves(self) -> Iterator[wq.Query]:
        yield from self.a.leaves()


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")



class _Sentence:
    """A context sentence as the model reads it, kept while a batch of statements is tagged:
    its index words and term hits, and (only when needed) its content words."""

    def __init__(self, stems: list[str], hits: list[tuple[int, int, int, str]]) -> None:
        self.stems = stems
        self.hits = hits
        self._words: list[str] | None = None

    def words(self, text: str) -> list[str]:
        if self._words is None:
            self._words = content_words(text)
        return self._words


def _sentence_of(text: str, context: str) -> tuple[int, int, tuple[int, int] | None]:
    """The span of the sentence(s) of ``context`` holding ``text``, and ``text``'s own span.

    Ingest gives a paragraph as context; only the reporting sentence says what a short reply
    answers. If ``text`` is not found in ``context`` the whole context is used.
    """
    needle = text.strip()
    at = _find_word(context, needle) if needle else -1
    if at < 0 and needle and len(context.lower()) == len(context):
        at = _find_word(context.lower(), needle.lower())
    if at < 0:
        return 0, len(context), None
    found = (at, at + len(needle))
    start = 0
    for boundary in _SENTENCE_END.finditer(context, 0, found[0]):
        start = boundary.end()
    after = _SENTENCE_END.search(context, found[1])
    end = after.start() + 1 if after else len(context)
    return start, end, found


def _find_word(haystack: str, needle: str) -> int:
    """Where ``needle`` first occurs in ``haystack`` as whole words, or -1."""
    at = haystack.find(needle)
    while at >= 0:
        end = at + len(needle)
        if ((at == 0 or not _is_word(haystack[at - 1]))
                and (end == len(haystack) or not _is_word(haystack[end]))):
            return at
        at = haystack.find(needle, at + 1)
    return -1


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def expand_topics(query: wq.Query, taxonomy: Taxonomy, fieldname: str = "text",
                  topics_field: str | None = "topics") -> wq.Query:
    """Let a search word that is a topic key also find that topic's statements.

    Every ``Term`` (or ``Phrase``) on ``fieldname`` whose words are a topic key ("money",
    "civil rights" for ``civil_rights``) becomes ``Or([word, topics_field:key,
    taxonomy.query(key)])``: the literal word, the tags stored at ingest (which include tags
    from context), and the topic's terms, which the highlighter then marks as the reason.
    Other parts of the query are left as they are. Pass ``topics_field=None`` to skip the
    stored tags.
    """
    by_words = {taxonomy.stems(key.replace("_", " ")): key for key in taxonomy.keys}

    def visit(node: wq.Query) -> wq.Query:
        words: tuple[str, ...] | None = None
        if isinstance(node, wq.Term) and node.fieldname == fieldname:
            words = (node.text,)
        elif isinstance(node, wq.Phrase) and node.fieldname == fieldname:
            words = tuple(node.words)
        key = by_words.get(words) if words else None
        if key is None:
            return node.apply(visit)
        parts = [node]
        if topics_field:
            parts.append(wq.Term(topics_field, key))
        parts.append(taxonomy.query(key, fieldname))
        return wq.Or(parts, boost=node.boost)

    return visit(query)


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    return any(outer[i:i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1))


def _phrase(fieldname: str, stems: tuple[str, ...]) -> wq.Query:
    return wq.Term(fieldname, stems[0]) if len(stems) == 1 else wq.Phrase(fieldname, list(stems))


# -- reading and validating files --------------------------------------------------------------


def _line_of(text: str, key: str) -> int | None:
    """The line of ``[topics.KEY]`` in the file, so an error can point at it."""
    pattern = re.compile(r"^[ \t]*\[\s*topics\s*\.\s*[\"']?" + re.escape(key) + r"[\"']?\s*\]",
                         re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _strings(value: Any, what: str, fail: Callable[[str], TaxonomyError]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"{what} must be a list of non-empty strings, like {what} = [\"fund\"]")
    return tuple(v.strip() for v in value)


def read_topics_file(path: Path, base: list[Topic] | None = None,
                     stems: Callable[[str], tuple[str, ...]] | None = None) -> list[Topic]:
    """Read ``path`` and overlay it on ``base`` (the topics so far), checking every field.

    A table with ``terms`` defines a topic (replacing one with the same key, in its place);
    ``disabled = true`` removes one; a table with only ``label``, ``description``,
    ``add_terms`` or ``exclude`` changes one that exists. Raises :class:`TaxonomyError`.
    """
    stems = stems or _default_stems()
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read topics file: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"topics"})
    if unknown:
        raise TaxonomyError(f"{path}: unknown top-level key {unknown[0]!r}; topics are tables "
                            f"named [topics.KEY]")
    tables = data.get("topics", {})
    if not isinstance(tables, dict):
        raise TaxonomyError(f"{path}: 'topics' must be a table of [topics.KEY] tables")

    topics = {topic.key: topic for topic in (base or [])}
    for key, table in tables.items():
        line = _line_of(raw, key)
        where = f"{path}:{line}" if line else str(path)

        def fail(problem: str, where: str = where, key: str = key) -> TaxonomyError:
            return TaxonomyError(f"{where}: topic {key!r}: {problem}")

        if not _KEY.match(key):
            raise fail("a key is lower-case letters, digits and _, starting with a letter")
        if not isinstance(table, dict):
            raise fail(f"must be a table [topics.{key}], not a {type(table).__name__}")
        extra = sorted(set(table) - _FIELDS)
        if extra:
            raise fail(f"unknown field {extra[0]!r} (fields: {', '.join(sorted(_FIELDS))})")
        if "disabled" in table:
            if not isinstance(table["disabled"], bool):
                raise fail("disabled must be true or false")
            if table["disabled"]:
                if key not in topics:
                    raise fail(f"cannot disable a topic that does not exist (topics: "
                               f"{', '.join(topics) or 'none'})")
                del topics[key]
                continue
        for name in ("label", "description"):
            if name in table and not isinstance(table[name], str):
                raise fail(f"{name} must be a string")
        if "label" in table and not table["label"].strip():
            raise fail("label must not be empty")
        terms = _strings(table["terms"], "terms", fail) if "terms" in table else None
        added = _strings(table["add_terms"], "add_terms", fail) if "add_terms" in table else ()
        exclude = _strings(table["exclude"], "exclude", fail) if "exclude" in table else ()
        within = table.get("within")
        if within is not None and (not isinstance(within, str) or not _KEY.match(within)
                                   or within == key):
            raise fail("within must be the key of another topic, like within = \"money\"")
        for term in (terms or ()) + added + exclude:
            kept = stems(term)
            if not kept:
                raise fail(f"term {term!r} has no word the index keeps (stop words such as "
                           f"'the', 'can', 'not' and one-letter words are dropped)")
            if len(kept) == 1 and len(_WORD.findall(term)) > 1:
                raise fail(f"phrase {term!r} keeps only the index word {kept[0]!r} (the "
                           f"others are stop words or one letter), so it would match any "
                           f"{kept[0]!r}; write the single word, or a longer phrase")
        old = topics.get(key)
        if terms is not None:
            if "label" not in table:
                raise fail("a topic with terms needs a label")
            if not terms and not added:
                raise fail("terms is empty; list at least one word or phrase")
            topic = Topic(key, table["label"].strip(), table.get("description", "").strip(),
                          terms + added, exclude, str(path), redefined=path != DEFAULT_FILE,
                          within=within or "")
        elif old is None:
            raise fail("no such topic to change; a new topic needs label and terms")
        else:
            topic = Topic(key, table.get("label", old.label).strip(),
                          table.get("description", old.description).strip(),
                          old.terms + added, old.exclude + exclude, str(path), old.redefined,
                          old.within if within is None else within)
        topics[key] = topic  # a replaced key keeps its place; a new key goes last
    return list(topics.values())


@lru_cache(maxsize=1)
def _default_stems() -> Callable[[str], tuple[str, ...]]:
    stems = _tokenizer_for(index_analyzer())[1]
    return lambda text: tuple(stems(text))


def taxonomy_files(archive_dir: Path | None = None) -> list[Path]:
    """The files that make the taxonomy: the shipped default, then the archive's own if any."""
    files = [DEFAULT_FILE]
    if archive_dir is not None and (Path(archive_dir) / ARCHIVE_FILE).is_file():
        files.append(Path(archive_dir) / ARCHIVE_FILE)
    return files


def load_taxonomy(archive_dir: Path | None = None, *, model: bool = True) -> Taxonomy:
    """The default taxonomy with ``archive_dir/topics.toml`` overlaid; cached until a file changes.

    With ``model`` (the default) the shipped topic model decides the topics it knows; without,
    every topic is given by its terms alone.

    Raises:
        TaxonomyError: a file is not valid TOML or a topic is malformed; the message names the
            file, the line where known, the topic and the problem.
    """
    files = taxonomy_files(archive_dir)
    stamp = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    return _load(stamp, model)


def topic_labels(archive_dir: Path | None = None) -> dict[str, str]:
    """Each topic's label by key ("civil_rights" -> "Civil rights and race"), for people to read;
    an unreadable archive taxonomy gives the default labels, never an error (labels only)."""
    try:
        taxonomy = load_taxonomy(archive_dir, model=False)
    except (TaxonomyError, OSError):
        taxonomy = load_taxonomy(model=False)
    return {topic.key: topic.label for topic in taxonomy.topics}


@lru_cache(maxsize=8)
def _load(stamp: tuple[tuple[str, int, int], ...], model: bool = True) -> Taxonomy:
    topics: list[Topic] = []
    for path, _, _ in stamp:
        topics = read_topics_file(Path(path), topics)
    return Taxonomy(topics, model=shipped_model() if model else None)


# -- python -m onrecord.topics -----------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Check a taxonomy and see how it tags a sentence, without building an index."""
    parser = argparse.ArgumentParser(
        prog="python -m onrecord.topics",
        description="List the topics (default + ARCHIVE/topics.toml) or explain a statement.")
    parser.add_argument("--archive", type=Path, help="archive folder with its own topics.toml")
    parser.add_argument("--context", help="context sentence, used when the text is short")
    parser.add_argument("text", nargs="?", help="a statement to tag and explain")
    args = parser.parse_args(argv)
    try:
        taxonomy = load_taxonomy(args.archive)
    except TaxonomyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.text is None:
        for path in taxonomy_files(args.archive):
            print(f"# {path}")
        for topic in taxonomy.topics:
            print(f"{topic.key:<14} {topic.label} ({len(topic.terms)} terms)")
        return 0
    print(f"words: {' '.join(taxonomy.stems(args.text))}")
    for match in taxonomy.matches(args.text, args.context):
        source = args.context if match.in_context else args.text
        where = " (context)" if match.in_context else ""
        print(f"{match.topic:<14} {match.term!r} matched {source[match.start:match.end]!r}{where}")
    return 0


def tag_lines(lines: Iterable[str], taxonomy: Taxonomy) -> Iterator[tuple[str, str | None]]:
    """``onrecord topics tag``: for each JSON line ``{"text": ..., "context": ...}`` one JSON
    line ``{"topics": [...], "why": {topic: [{"term", "start", "end", "in_context"}]}}``.

    Yields (output line, problem or None); a line that cannot be read still gets an output line
    (``{"error": ...}``), so outputs stay aligned with inputs for the tool reading them.
    """
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('expected an object with a "text" string')
            context = item.get("context")
            if context is not None and not isinstance(context, str):
                raise ValueError('"context" must be a string or null')
        except ValueError as exc:
            problem = f"line {number}: {exc}"
            yield json.dumps({"error": problem}), problem
            continue
        why: dict[str, list[dict[str, Any]]] = {}
        topics = taxonomy.tag(item["text"], context)
        for match in taxonomy.matches(item["text"], context):
            if match.topic in topics:
                why.setdefault(match.topic, []).append({
                    "term": match.term, "start": match.start, "end": match.end,
                    "in_context": match.in_context})
        yield json.dumps({"topics": topics, "why": why}, ensure_ascii=False), None
