"""Measure search by meaning: does the query ``money`` find what is about money?

Judged set: the held-out dev statements labelled by reading
(``scripts/data/topic_labels_dev*.jsonl``, 494 statements, never trained on) are indexed
with the real schema (``onrecord.index``) and
searched with the real query parser and topic widening (``onrecord.search``). A statement is
relevant to the query ``money`` when its readers' labels include ``money``; the queries are the
topics' own names, as a reporter would type them (``scripts/data/search_meaning_queries.txt``).

Three ways are compared, each on the same index text:

- ``exact``: the words only (what ``--exact``, ``exact=1`` or a "quoted" word give);
- ``terms``: words plus the records tagged by the term lists alone (the tagger before issue 15);
- ``model``: words plus the records tagged by the shipped model, every tag alike;
- ``ranked``: the same, with records found through a topic ranked by the model's margin
  (``topic_scores``, stored at ingest as the repeat count of the topic in the index).

Reported per query and on average: P@10, nDCG@10, precision and recall over everything found.

    python scripts/evaluate_search_meaning.py
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from whoosh.filedb.filestore import RamStorage  # noqa: E402

from onrecord.index import document, make_schema  # noqa: E402
from onrecord.search import TopicExpander, _parse  # noqa: E402
from onrecord.topics import Taxonomy, load_taxonomy  # noqa: E402

DATA = ROOT / "scripts" / "data"
DEV = [DATA / "topic_labels_dev.jsonl", DATA / "topic_labels_dev_more.jsonl"]
QUERIES = DATA / "search_meaning_queries.txt"


def read_queries(path: Path = QUERIES) -> list[tuple[str, str]]:
    """(query as typed, topic key whose labels judge it), from ``query<TAB>topic`` lines."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, topic = line.split("\t")
            out.append((query.strip(), topic.strip()))
    return out


def build(rows: list[dict], taxonomy: Taxonomy | None, ranked: bool = True):
    from evaluate_topics import polnear_articles

    articles = polnear_articles("dev")  # each statement read with its article, as ingest does
    index = RamStorage().create_index(make_schema())
    with index.writer() as writer:
        for number, row in enumerate(rows):
            item = (row["text"], row.get("context"))
            scored = taxonomy.scored_many([item], articles.get(row.get("article", "")))[0] \
                if taxonomy else {}
            if not ranked:  # every topic at the lowest level: ranked by the words only
                scored = dict.fromkeys(scored, 0.0)
            writer.add_document(**document({"id": str(number), "text": row["text"],
                                            "topics": list(scored), "topic_scores": scored}))
    return index


def ndcg(ranked: list[bool], relevant: int, k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, hit in enumerate(ranked[:k]) if hit)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(relevant, k)))
    return dcg / ideal if ideal else 0.0


def run(index, rows: list[dict], queries: list[tuple[str, str]],
        expander: TopicExpander | None) -> list[dict]:
    results = []
    with index.searcher() as searcher:
        for query, topic in queries:
            parsed = _parse(query, expander)
            hits = [int(json.loads(hit["record"])["id"])
                    for hit in searcher.search(parsed.query, limit=None)]
            judged = [topic in rows[h]["labels"] for h in hits]
            relevant = sum(topic in row["labels"] for row in rows)
            found = sum(judged)
            results.append({
                "query": query, "relevant": relevant, "found": len(hits),
                "p10": sum(judged[:10]) / 10, "ndcg10": ndcg(judged, relevant),
                "p": found / len(hits) if hits else 0.0, "r": found / relevant if relevant else 0.0,
            })
    return results


def main() -> int:
    rows = [json.loads(line) for path in DEV for line in path.open(encoding="utf-8")
            if line.strip()]
    queries = read_queries()
    model = load_taxonomy()
    terms = load_taxonomy(model=False)
    ways = {
        "exact": run(build(rows, None), rows, queries, None),
        "terms": run(build(rows, terms), rows, queries, TopicExpander.from_taxonomy(terms)),
        "model": run(build(rows, model, ranked=False), rows, queries,
                     TopicExpander.from_taxonomy(model)),
        "ranked": run(build(rows, model), rows, queries, TopicExpander.from_taxonomy(model)),
    }
    print(f"{len(rows)} judged statements, {len(queries)} queries\n")
    print(f"{'query':<16} {'rel':>4} " + "  ".join(f"{w + ' P@10 nDCG  P    R':<28}"
                                                    for w in ways))
    for i, (query, _) in enumerate(queries):
        cells = []
        for way in ways.values():
            r = way[i]
            cells.append(f"{'':<6}{r['p10']:.2f} {r['ndcg10']:.2f} {r['p']:.2f} {r['r']:.2f}  ")
        print(f"{query:<16} {ways['exact'][i]['relevant']:>4} " + "".join(cells))
    print()
    for name, way in ways.items():
        mean = {key: sum(r[key] for r in way) / len(way) for key in ("p10", "ndcg10", "p", "r")}
        print(f"mean {name:<6} P@10 {mean['p10']:.3f}  nDCG@10 {mean['ndcg10']:.3f}  "
              f"P {mean['p']:.3f}  R {mean['r']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
