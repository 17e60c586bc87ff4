"""Features of the candidates a he/she may refer to, for a learned choice among them.

The rules of :meth:`Registry._resolve_pronoun` walk back sentence by sentence and take the
first person of the right gender who spoke or led a sentence. This module describes the same
candidates by the facts those rules read (sentence distance, salience, gender agreement,
possessive, whether the person spoke, how often the article names them), so that a linear
model trained on PolNeAR train (``scripts/train_ranker.py``) can be compared with the rules.
Measured (docs/attribution.md): the ranker is no better than the rules (dev 0.845 both; train
0.765 against 0.777), so the rules choose and this module only describes the candidates.
"""

from __future__ import annotations

import math
from typing import Any

FEATURES = (
    "dist0",
    "dist1",
    "dist2",
    "dist3plus",
    "salience0",
    "salience1",
    "possessive",
    "gender_match",
    "gender_unknown",
    "other_votes",
    "spoke_before",
    "nearest",
    "mentions_log",
    "first_in_sentence",
    "near_speaker",
    "near_subject",
)

# When set to a list, Registry._resolve_pronoun appends each he/she resolution's candidates
# (scripts/train_ranker.py reads them); None in normal runs.
CANDIDATE_LOG: list[dict[str, Any]] | None = None


def candidates(
    by_sentence: dict[int, list[tuple[int, bool, int, Any]]], here: int, gender: str
) -> list[tuple[Any, dict[str, float]]]:
    """One feature dict per person named in the six sentences before, read at their nearest
    mention (their best salience over the window)."""
    other = "f" if gender == "m" else "m"
    seen: dict[int, tuple[Any, dict[str, float]]] = {}
    order: list[tuple[int, int]] = []
    for si in range(here, here - 7, -1):
        mentions = sorted(by_sentence.get(si, ()), key=lambda c: c[2])
        first_person = next((m[2] for m in mentions if m[3].kind == "person"), None)
        for salience, possessive, p, entity in mentions:
            if entity.kind != "person" or entity.gender == other:
                continue
            key = id(entity)
            if key in seen:
                feats = seen[key][1]
                if p > feats["_p"]:  # a nearer mention in the same sentence
                    feats["_p"] = p
                feats["salience0"] = max(feats["salience0"], float(salience == 0))
                feats["salience1"] = max(feats["salience1"], float(salience == 1))
                continue
            d = here - si
            feats = {
                "dist0": float(d == 0),
                "dist1": float(d == 1),
                "dist2": float(d == 2),
                "dist3plus": float(d >= 3),
                "salience0": float(salience == 0),
                "salience1": float(salience == 1),
                "possessive": float(possessive),
                "gender_match": float(entity.gender == gender),
                "gender_unknown": float(entity.gender is None),
                "other_votes": float(bool(entity.votes.get(other))),
                "spoke_before": float(entity.speaker),
                "nearest": 0.0,
                "mentions_log": math.log1p(len(entity.positions)),
                "first_in_sentence": float(p == first_person),
                "_p": p,
            }
            seen[key] = (entity, feats)
            order.append((p, key))
    if order:
        seen[max(order)[1]][1]["nearest"] = 1.0
    for _, feats in seen.values():
        near = feats["dist0"] + feats["dist1"]
        feats["near_speaker"] = near * feats["salience0"]
        feats["near_subject"] = near * feats["first_in_sentence"]
    return [(entity, feats) for entity, feats in seen.values()]
