#!/usr/bin/env python3
"""Derive the communication verbs that report speech from WordNet 3.0.

    scripts/derive_cue_verbs.py [--wordnet DIR] > LIST

Needs the WordNet database files (Debian: ``apt-get install wordnet-base``); the list it
prints is committed, so nothing reads WordNet at run time. A verb is kept when one of its
senses is in the lexicographer file ``verb.communication`` (32), descends (hypernym links)
from a sense of saying (``state/say/tell``, ``express/utter``, ``inform``, ``declare``,
``assert``, ``allege``, ``answer/reply``, ``complain``, ``warn``, ``urge``, ``argue``,
``announce``, ``admit``, ``deny``, ``criticize``, ``praise``, ``ask``, ``promise``) and takes
a clause in WordNet's own verb frames (frame 26, "Somebody ----s that CLAUSE"), and is one word.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

# root senses of saying (offsets in the data.verb of Debian's wordnet-base, WordNet 3.0)
ROOTS = {
    "01009258": "state, say, tell: express in words",
    "00940402": "express, verbalize, utter",
    "00831669": "inform",
    "00820819": "declare: state firmly",
    "01010136": "declare: state emphatically",
    "01016796": "assert, asseverate, maintain",
    "00756356": "claim: assert strongly",
    "01016020": "allege, aver, say",
    "00815704": "answer, reply, respond",
    "00907165": "complain, kick, sound off",
    "00832925": "warn: notify in advance",
    "00870231": "warn: of danger",
    "00875159": "recommend, urge, advocate",
    "00772207": "argue, reason",
    "00965889": "announce, declare",
    "00817329": "admit, acknowledge",
    "00816574": "deny: declare untrue",
    "00826527": "knock, criticize",
    "00856842": "praise",
    "00752511": "ask: make a request",
    "00897764": "ask: address a question",
    "00884029": "promise, assure",
    "01027192": "add, append, supply: state further",
    "00939295": "explain, explicate",
    "00917790": "predict, foretell",
}
CLAUSE_FRAME = 26


def read(wordnet: Path) -> tuple[dict, dict]:
    synsets: dict[str, tuple[int, list[str], set[str]]] = {}
    hyponyms: dict[str, list[str]] = collections.defaultdict(list)
    for line in (wordnet / "data.verb").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.partition("|")[0].split()
        offset, lexfile, count = fields[0], int(fields[1]), int(fields[3], 16)
        lemmas = [fields[4 + 2 * i].lower() for i in range(count)]
        k = 4 + 2 * count
        n_ptr = int(fields[k])
        for i in range(n_ptr):
            symbol, target, pos, _ = fields[k + 1 + 4 * i : k + 5 + 4 * i]
            if symbol == "@" and pos == "v":
                hyponyms[target].append(offset)
        k += 1 + 4 * n_ptr
        clause: set[str] = set()
        for i in range(int(fields[k])):
            _, frame, word = fields[k + 1 + 3 * i : k + 4 + 3 * i]
            if int(frame) == CLAUSE_FRAME:
                number = int(word, 16)
                clause.update(lemmas if number == 0 else [lemmas[number - 1]])
        synsets[offset] = (lexfile, lemmas, clause)
    return synsets, hyponyms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    args = parser.parse_args(argv)
    synsets, hyponyms = read(args.wordnet)
    missing = [root for root in ROOTS if root not in synsets]
    if missing:
        raise SystemExit(f"not WordNet 3.0 verb offsets: {missing}")
    seen: set[str] = set()
    todo = list(ROOTS)
    kept: set[str] = set()
    while todo:
        offset = todo.pop()
        if offset in seen:
            continue
        seen.add(offset)
        lexfile, _lemmas, clause = synsets[offset]
        if lexfile == 32:
            kept.update(lemma for lemma in clause if lemma.isalpha())
        todo.extend(hyponyms.get(offset, ()))
    out = sys.stdout
    out.write(
        "# Communication verbs that report speech, derived from WordNet 3.0 (Princeton\n"
        "# University, WordNet 3.0 licence) by scripts/derive_cue_verbs.py: one-word verbs of\n"
        "# verb.communication under a sense of saying that take a that-clause (frame 26).\n"
    )
    for lemma in sorted(kept):
        out.write(lemma + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
