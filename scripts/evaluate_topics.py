"""Measure topic tagging: precision and recall on held-out labelled statements, and speed.

The held-out statements are ``scripts/data/topic_labels_dev.jsonl`` and
``topic_labels_dev_more.jsonl`` (PolNeAR dev, labelled by reading; never trained on). The older
``topics_polnear_dev_sample.jsonl`` (100 dev statements, 32 topics) can be scored with --sample.

    python scripts/evaluate_topics.py                 # scores, confusion and speed
    python scripts/evaluate_topics.py --terms-only    # the same for the term lists alone
    python scripts/evaluate_topics.py --errors        # also list false positives / negatives
    python scripts/evaluate_topics.py sample          # redraw the old unlabelled sample
    python scripts/evaluate_topics.py --gold adjudicated   # against the held-out set read twice

Needs only the repository for scoring; drawing the sample needs /work/shared (PolNeAR).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "scripts" / "data" / "topics_polnear_sample.jsonl"
DEV = [ROOT / "scripts" / "data" / "topic_labels_dev.jsonl",
       ROOT / "scripts" / "data" / "topic_labels_dev_more.jsonl"]
# The held-out set read twice (scripts/data/topic_labels_README.md, "Held-out, read twice").
GOLDS = {"first": DEV, "second": [ROOT / "scripts" / "data" / "topic_labels_dev_second.jsonl"],
         "adjudicated": [ROOT / "scripts" / "data" / "topic_labels_dev_adjudicated.jsonl"],
         "agreed": DEV}
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"
SUBTOPICS = {"polls", "voting"}  # within elections, labelled as the elections aspect
SEED = 5  # issue 5
SIZE = 200
_FRONT_MATTER = re.compile(r"---\n.*?\n---\n", re.S)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s")


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def _sentence_around(body: str, start: int, end: int) -> str:
    """The sentence(s) holding body[start:end], bounded by the paragraph: the ingest context."""
    para_start = body.rfind("\n", 0, start) + 1
    para_end = body.find("\n", end)
    para_end = len(body) if para_end < 0 else para_end
    left = para_start
    for match in _SENTENCE_END.finditer(body, para_start, start):
        left = match.end()
    right_match = _SENTENCE_END.search(body, end, para_end)
    right = right_match.end() if right_match else para_end
    return body[left:right].strip()


def draw_sample(polnear: Path, size: int = SIZE, seed: int = SEED, split: str = "train"
                ) -> list[dict]:
    """Draw ``size`` distinct speech statements from one split with a fixed seed."""
    rows = [json.loads(line) for line in (polnear / split / "gold.jsonl").open(encoding="utf-8")]
    seen: set[tuple[str, str]] = set()
    speech = []
    for row in rows:
        key = (row["article"], row["content"].strip())
        if row["speech"] and key not in seen:
            seen.add(key)
            speech.append(row)
    picked = random.Random(seed).sample(speech, size)
    picked.sort(key=lambda row: (row["article"], row["content_start"]))
    bodies: dict[str, str] = {}
    sample = []
    for row in picked:
        body = bodies.setdefault(row["article"], _body(polnear / split / "articles" /
                                                       f"{row['article']}.md"))
        first = row["content_spans"][0]
        start = body.find(row["content"][:40], max(0, first[0] - 5))  # some offsets are 1 off
        start = first[0] if start < 0 else start
        end = start + (row["content_spans"][-1][1] - first[0])
        sample.append({
            "id": f"{row['article']}#{row['id']}",
            "article": row["article"],
            "text": row["content"],
            "context": _sentence_around(body, start, end),
            "labels": [],
        })
    return sample


def _ignore_disputed(sample: list[dict]) -> None:
    """Drop from scoring every (statement, topic) the two readings disagree on."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from topic_agreement import ASPECT, disagreements, load

    disputed: dict[str, set[str]] = {}
    for key, topic in disagreements(load(DEV), load([GOLDS["second"][0]])):
        # an aspect clash, or elections itself, puts the sub-topics in dispute too
        disputed.setdefault(key, set()).update(
            SUBTOPICS if topic == ASPECT else {topic} | (SUBTOPICS if topic == "elections"
                                                         else set()))
    for item in sample:
        item["ignore"] = disputed.get(item["id"], set())
        item["labels"] = [key for key in item["labels"] if key not in item["ignore"]]


def load_sample(path: Path = SAMPLE) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def score(sample: list[dict], predict) -> dict:
    """Micro and macro precision/recall over topics; per-topic counts for the table."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()  # (gold topic missed, topic given instead)
    errors = []
    for item in sample:
        gold = set(item["labels"])
        got = set(predict(item))
        for key in got & gold:
            tp[key] += 1
        for key in got - gold:
            fp[key] += 1
        for key in gold - got:
            fn[key] += 1
        if got != gold:
            errors.append((item, sorted(got - gold), sorted(gold - got)))
            for missed in gold - got:
                for extra in got - gold:
                    confusion[(missed, extra)] += 1
    keys = sorted(set(tp) | set(fp) | set(fn))
    per_topic = {}
    for key in keys:
        p = tp[key] / (tp[key] + fp[key]) if tp[key] + fp[key] else None
        r = tp[key] / (tp[key] + fn[key]) if tp[key] + fn[key] else None
        per_topic[key] = {"tp": tp[key], "fp": fp[key], "fn": fn[key], "p": p, "r": r}
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    gold_topics = [k for k in keys if tp[k] + fn[k]]
    predicted = [k for k in keys if tp[k] + fp[k]]
    return {
        "micro_p": total_tp / (total_tp + total_fp) if total_tp + total_fp else 0.0,
        "micro_r": total_tp / (total_tp + total_fn) if total_tp + total_fn else 0.0,
        # Macro precision over topics the tagger predicted, recall over topics in the gold.
        "macro_p": sum(per_topic[k]["p"] for k in predicted) / len(predicted) if predicted else 0.0,
        "macro_r": sum(per_topic[k]["r"] for k in gold_topics) / len(gold_topics)
        if gold_topics else 0.0,
        "per_topic": per_topic,
        "errors": errors,
        "confusion": confusion,
    }


def speed(taxonomy, texts: list[tuple[str, str | None]], repeat: int) -> float:
    """Statements tagged per CPU second (tag() on text and context, as ingest calls it).

    CPU time of this process, not wall time: the machine is shared, and a busy neighbour
    should not make tagging look slower than it is.
    """
    start = time.process_time()
    count = 0
    for _ in range(repeat):
        for text, context in texts:
            taxonomy.tag(text, context)
            count += 1
    return count / max(time.process_time() - start, 1e-9)


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="score", choices=["score", "sample"])
    parser.add_argument("--sample", type=Path, action="append",
                        help="annotation file (repeatable; default: the two dev files)")
    parser.add_argument("--terms-only", action="store_true", help="the term lists alone")
    parser.add_argument("--split", default="train", help="PolNeAR split to draw from (sample)")
    parser.add_argument("--size", type=int, default=SIZE, help="statements to draw (sample)")
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--errors", action="store_true", help="list disagreements")
    parser.add_argument("--no-context", action="store_true", help="tag the statement alone")
    parser.add_argument("--repeat", type=int, default=50, help="passes over the sample for speed")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    parser.add_argument("--model", type=Path, help="a model file other than the shipped one")
    parser.add_argument("--gold", choices=GOLDS, default="first",
                        help="held-out labels: the first reading (default), the second, the "
                             "adjudicated set, or only the (statement, topic) pairs both "
                             "readings agree on (scripts/topic_agreement.py)")
    args = parser.parse_args(argv)

    if args.command == "sample":
        args.sample = (args.sample or [SAMPLE])[0]
        if args.sample.exists() and any(item["labels"] for item in load_sample(args.sample)):
            print(f"{args.sample} has labels; not overwriting it", file=sys.stderr)
            return 1
        sample = draw_sample(args.polnear, args.size, SEED, args.split)
        with args.sample.open("w", encoding="utf-8") as handle:
            for item in sample:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"wrote {len(sample)} statements to {args.sample}")
        return 0

    from onrecord.topics import load_taxonomy

    taxonomy = load_taxonomy(model=not args.terms_only)
    if args.model:
        from onrecord.topics import Taxonomy
        from onrecord.topics.model import TopicModel

        taxonomy = Taxonomy(taxonomy.topics, model=TopicModel.load(args.model))
    sample = [item for path in (args.sample or GOLDS[args.gold]) for item in load_sample(path)]
    if args.gold == "agreed" and not args.sample:
        _ignore_disputed(sample)
    for item in sample:  # the elections sub-topics are labelled as the statement's aspect
        aspect = item.get("elections_aspect")
        if aspect in SUBTOPICS and aspect in taxonomy and "elections" in item["labels"] \
                and aspect not in item.get("ignore", ()):
            item["labels"] = [*item["labels"], aspect]

    # Each statement is tagged with its article, as ingest tags it: the article read from all
    # of its PolNeAR speech statements with their paragraphs (the labelled ones alone when
    # the corpus is absent).
    articles = polnear_articles("dev", args.polnear)
    by_article: dict[str, list[dict]] = {}
    for item in sample:
        by_article.setdefault(item.get("article") or item["id"].split("#")[0], []).append(item)
    tagged: dict[int, list[str]] = {}
    for name, members in by_article.items():
        items = [(m["text"], None if args.no_context else m.get("context")) for m in members]
        for member, tags in zip(members, taxonomy.tag_many(items, articles.get(name) or items),
                                strict=True):
            tagged[member["id"]] = tags
    print(f"articles read from PolNeAR dev: {sum(n in articles for n in by_article)} of "
          f"{len(by_article)}")

    def predict(item: dict) -> list[str]:
        return [key for key in tagged[item["id"]] if key not in item.get("ignore", ())]

    result = score(sample, predict)
    micro_f = 2 * result["micro_p"] * result["micro_r"] / max(result["micro_p"]
                                                               + result["micro_r"], 1e-9)
    labelled = sum(1 for item in sample if item["labels"])
    print(f"{len(sample)} statements, {labelled} with at least one topic, "
          f"{sum(len(item['labels']) for item in sample)} gold labels")
    print(f"micro  P {result['micro_p']:.3f}  R {result['micro_r']:.3f}  F1 {micro_f:.3f}")
    print(f"macro  P {result['macro_p']:.3f}  R {result['macro_r']:.3f}")
    if any(key in taxonomy for key in SUBTOPICS):
        plain = score([{**item, "labels": [k for k in item["labels"] if k not in SUBTOPICS]}
                       for item in sample],
                      lambda item: [k for k in predict(item) if k not in SUBTOPICS])
        f1 = 2 * plain["micro_p"] * plain["micro_r"] / max(plain["micro_p"] + plain["micro_r"],
                                                           1e-9)
        print(f"micro without the sub-topics {', '.join(sorted(SUBTOPICS))}: "
              f"P {plain['micro_p']:.3f}  R {plain['micro_r']:.3f}  F1 {f1:.3f}")
    print(f"\n{'topic':<16} {'tp':>3} {'fp':>3} {'fn':>3}     P     R")
    for key, row in result["per_topic"].items():
        print(f"{key:<16} {row['tp']:>3} {row['fp']:>3} {row['fn']:>3}  {_fmt(row['p'])}  "
              f"{_fmt(row['r'])}")
    print("\nconfusion (gold topic missed -> topic given instead, same statement):")
    for (missed, extra), count in result["confusion"].most_common(15):
        print(f"  {missed:<18} -> {extra:<18} {count}")
    if args.errors:
        print("\ndisagreements (+ false positive, - missed):")
        for item, extra, missed in result["errors"]:
            reasons = [f"{m.topic}:{m.term}" for m in taxonomy.matches(item["text"],
                                                                         item.get("context"))]
            print(f"  {item['id']}  +{extra} -{missed}  {item['text'][:110]!r}  {reasons}")
    if args.terms_only:
        print(f"\nquery agreement: {query_agreement(taxonomy, sample)}")
    if not args.no_speed:
        report_speed(taxonomy, sample, args.repeat, args.polnear)
    return 0


def query_agreement(taxonomy, sample: list[dict]) -> str:
    """Does ``taxonomy.query(key)`` on a Whoosh index find exactly the statements tag() gives?"""
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.filedb.filestore import RamStorage

    from onrecord.topics import index_analyzer

    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=index_analyzer(), phrase=True))
    index = RamStorage().create_index(schema)
    with index.writer() as writer:
        for number, item in enumerate(sample):
            writer.add_document(id=str(number), text=item["text"])
    differ = 0
    with index.searcher() as searcher:
        for key in taxonomy.keys:
            found = {hit["id"] for hit in searcher.search(taxonomy.query(key), limit=None)}
            tagged = {str(n) for n, item in enumerate(sample) if key in taxonomy.tag(item["text"])}
            differ += len(found ^ tagged)
    return (f"{differ} (statement, topic) pairs differ between the Whoosh topic queries and "
            f"tag() over {len(taxonomy.keys)} topics x {len(sample)} statements")


def report_speed(taxonomy, sample: list[dict], repeat: int, polnear: Path) -> None:
    from whoosh.analysis import StemmingAnalyzer

    from onrecord.topics import Taxonomy

    start = time.perf_counter()
    Taxonomy(taxonomy.topics, model=taxonomy.model)
    print(f"\ncompile: {1000 * (time.perf_counter() - start):.0f} ms for {len(taxonomy)} topics, "
          f"{sum(len(t.terms) for t in taxonomy.topics)} terms")
    pairs = [(item["text"], item.get("context")) for item in sample]
    words = sum(len(text.split()) for text, _ in pairs) / len(pairs)
    rate = speed(taxonomy, pairs, repeat)
    print(f"speed: {rate:,.0f} statements per CPU second on the sample (mean {words:.0f} words, "
          f"with context, {repeat} passes = {repeat * len(pairs):,} statements)")
    gold = polnear / "train" / "gold.jsonl"
    if gold.is_file():
        rows = [json.loads(line) for line in gold.open(encoding="utf-8")]
        texts = [(row["content"], None) for row in rows if row["speech"]]
        fresh = Taxonomy(taxonomy.topics, model=taxonomy.model)  # cold stem cache
        rate = speed(fresh, texts, 1)
        words = sum(len(text.split()) for text, _ in texts) / len(texts)
        print(f"speed: {rate:,.0f} statements per CPU second on all {len(texts):,} PolNeAR train "
              f"speech statements (mean {words:.0f} words, cold stem cache)")
        articles = _articles_with_paragraphs(rows, polnear / "train" / "articles")
        count = sum(len(items) for items in articles)
        for name in ("tag() a statement at a time", "tag_many() an article at a time"):
            fresh = Taxonomy(taxonomy.topics, model=taxonomy.model)
            start = time.process_time()
            if name.startswith("tag_many"):
                batched = [tags for items in articles for tags in fresh.tag_many(items)]
            else:
                single = [fresh.tag(*item) for items in articles for item in items]
            rate = count / max(time.process_time() - start, 1e-9)
            print(f"speed: {rate:,.0f} statements per CPU second, {name}, the same statements "
                  f"with their paragraphs as context ({len(articles)} articles)")
        if not getattr(taxonomy.model, "article", False):
            same = sum(a == b for a, b in zip(single, batched, strict=True))
            print(f"tag() and tag_many() agree on {same} of {count} statements")
        else:  # tag() reads a statement as its own article; given the article, they agree
            few = articles[:200]
            alone = [fresh.tag_many([item], items)[0] for items in few for item in items]
            same = sum(a == b for a, b in zip(alone, batched[:len(alone)], strict=True))
            print(f"tag_many() of each statement alone, given its article, agrees with the "
                  f"article's batch on {same} of {len(alone)} statements")
        if taxonomy.model is not None:
            return
        slow = Taxonomy(taxonomy.topics)
        analyzer = StemmingAnalyzer()
        slow._tokens = lambda text: [  # the plain Whoosh analyzer path
            (t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True)]
        rate = speed(slow, texts, 1)
        print(f"speed: {rate:,.0f} statements per CPU second, the same through Whoosh's analyzer "
              f"objects")


def _articles_with_paragraphs(rows: list[dict], articles: Path) -> list[list[tuple[str, str]]]:
    """Speech statements grouped by article, each with its paragraph as context (as ingest
    gives it)."""
    return list(article_statements(rows, articles).values())


def polnear_articles(split: str, polnear: Path = POLNEAR) -> dict[str, list[tuple[str, str]]]:
    """Every speech statement of each article of a PolNeAR split with its paragraph (what
    ingest tags as one batch); empty when the corpus is not there."""
    gold = polnear / split / "gold.jsonl"
    if not gold.is_file():
        return {}
    rows = [json.loads(line) for line in gold.open(encoding="utf-8")]
    return article_statements(rows, polnear / split / "articles")


def article_statements(rows: list[dict], articles: Path) -> dict[str, list[tuple[str, str]]]:
    """Speech statements by article name, each with its paragraph as context; gold offsets
    index the body after the front matter."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    bodies: dict[str, str] = {}
    for row in rows:
        if not row["speech"]:
            continue
        body = bodies.get(row["article"])
        if body is None:
            path = articles / f"{row['article']}.md"
            body = bodies[row["article"]] = _body(path) if path.is_file() else ""
        start = row["content_spans"][0][0]
        left = body.rfind("\n", 0, start) + 1
        right = body.find("\n", start)
        paragraph = body[left:len(body) if right < 0 else right]
        grouped.setdefault(row["article"], []).append((row["content"], paragraph))
    return grouped


if __name__ == "__main__":
    sys.exit(main())
