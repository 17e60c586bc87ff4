#!/usr/bin/env python3
"""Score speaker identity across an archive against a gold read by hand.

    scripts/evaluate_identity.py [--corpus DIR ...] [--gold GOLD IDENTITY ...]
                                 [--cache FILE] [--pred-out FILE] [--top N]

Identity is an archive-wide question, so every corpus given (default: PolNeAR dev and train)
is ingested TOGETHER into one temporary archive with ``onrecord ingest``; every record is
exported as JSON lines (uncollapsed, with ``speaker_id``) and scored by
``../shared/eval/score_identity.py`` against each (gold.jsonl, identity.jsonl) pair given
(default: dev with ``scripts/data/identity_dev.jsonl``, and the part of train in
``scripts/data/identity_train_part.jsonl`` when that file exists).

``--gold-attribution`` measures identity alone: the gold's in-article speakers (what the
annotators wrote as each statement's speaker) go through the archive-wide stage instead of
attribution's, so a wrong in-article speaker does not count against identity.

``--cache FILE`` skips the ingest for the per-article stage: the attribution records of every
article are computed once (the same ``read_article`` + ``process_article`` the ingest runs) and
kept in FILE; later runs only redo the archive-wide stage (``process_archive``: speakers,
statements), which is what identity depends on. ``--top N`` prints the N most quoted speakers
with their aliases and first roles, as a user sees them, plus the done-when checks.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SHARED = REPO.parent / "shared"
POLNEAR = SHARED / "corpora" / "polnear"
SCORER = SHARED / "eval" / "score_identity.py"
DATA = REPO / "scripts" / "data"


def link_archive(corpora: list[Path], archive: Path) -> int:
    """One archive folder holding every corpus's articles (copies: ingest refuses links that
    point outside the archive; names are unique)."""
    archive.mkdir(parents=True, exist_ok=True)
    count = 0
    for corpus in corpora:
        for path in sorted((corpus / "articles").iterdir()):
            target = archive / path.name
            if not target.exists():
                shutil.copyfile(path, target)
                count += 1
    return count


def ingest_and_export(archive: Path, workdir: Path, pred: Path) -> float:
    """``onrecord ingest`` into a temporary index, then every record as JSON lines."""
    index_dir = workdir / "index"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "ingest", str(archive), "--index", str(index_dir)],
        check=True, capture_output=True, text=True, env=env, cwd=REPO,
    )
    seconds = time.perf_counter() - began
    from onrecord import export as exporting
    from onrecord.index import current_generation
    from onrecord.search import SearchRequest, all_records

    records = all_records(current_generation(index_dir), SearchRequest(collapse=False))
    pred.write_text(exporting.export(records, "jsonl"), encoding="utf-8")
    return seconds


def cached_quotes(archive: Path, cache: Path) -> list:
    """Per-article attribution records of every article, computed once and kept in ``cache``."""
    from onrecord.pipeline import process_article
    from onrecord.readers import read_article
    from onrecord.records import Quote

    if not cache.exists():
        rows = []
        for path in sorted(archive.iterdir()):
            article = read_article(path, archive)
            rows += [q.to_dict() for q in process_article(article, archive)]
        cache.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    lines = cache.read_text(encoding="utf-8").splitlines()
    return [Quote.from_dict(json.loads(line)) for line in lines if line.strip()]


def with_paragraphs(quotes: list, articles: dict) -> list:
    """Gold quotes with ``context`` set to their paragraph, as attribution sets it, and the
    article's ``name_candidates``, as the per-article stage sets them, so the archive stage
    sees the same article text in both modes."""
    import dataclasses
    import re

    spans = {}
    for article_id, article in articles.items():
        spans[article_id] = [(m.start(), m.end(), m.group(0))
                             for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", article.body)]
    from onrecord.speakers.article_names import name_candidates

    out = []
    by_article: dict[str, list] = {}
    for quote in quotes:
        para = next((text for start, end, text in spans.get(quote.article, ())
                     if start <= quote.start < end), None)
        out.append(dataclasses.replace(quote, context=para) if para else quote)
        by_article.setdefault(quote.article, []).append(out[-1])
    for article_id, group in by_article.items():  # as process_article does
        if article_id in articles:
            name_candidates(articles[article_id].body, group)
    return out


def archive_stage(quotes: list, pred: Path):
    """The archive-wide stage alone (speakers, statements), exported as JSON lines."""
    from onrecord import export as exporting
    from onrecord.pipeline import process_archive

    began = time.perf_counter()
    result = process_archive(quotes)
    seconds = time.perf_counter() - began
    pred.write_text(
        exporting.export([q.to_dict() for q in result.quotes], "jsonl"), encoding="utf-8"
    )
    return result.registry, seconds


def score(gold: Path, identity: Path, pred: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(identity), str(pred)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def show_top(registry, top: int) -> None:
    """The most quoted people as a user sees them, and the issue's done-when checks."""
    from onrecord.speakers import list_speakers
    from onrecord.speakers.names import parse_person

    people = list_speakers(registry, kind="person")
    shown = people[:top]
    for s in shown:
        roles = " | ".join(r.role for r in sorted(s.roles, key=lambda r: -r.count)[:3])
        aliases = ", ".join(list(s.aliases)[:6])
        print(f"{s.statements:5d}  {s.name} [{s.id}]  aliases: {aliases}  roles: {roles}")
    surnames = {}
    for s in people:
        person = parse_person(s.name)
        if person.is_bare:
            surnames.setdefault(person.surname, []).append(s)
    twins = [
        f"{s.name} ({s.statements}) / "
        + ", ".join(f"{t.name} ({t.statements})" for t in surnames[parse_person(s.name).surname])
        for s in shown
        if not parse_person(s.name).is_bare and parse_person(s.name).surname in surnames
    ]
    bare_top = [f"{s.name} ({s.statements}, {len(s.articles)} article(s))"
                for s in shown if parse_person(s.name).is_bare]
    print(f"\ntop {top}: surname-only speakers among them: {bare_top or 'none'}")
    print(f"top {top}: full names with a surname-only twin: {twins or 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, action="append",
                        help="a PolNeAR-like corpus (articles/); default: dev and train")
    parser.add_argument("--gold", nargs=2, type=Path, action="append",
                        metavar=("GOLD", "IDENTITY"), help="gold.jsonl and identity.jsonl")
    parser.add_argument("--cache", type=Path, help="keep per-article records here")
    parser.add_argument("--pred-out", type=Path, help="keep the exported records here")
    parser.add_argument("--top", type=int, default=0, help="show the N most quoted people")
    parser.add_argument(
        "--gold-attribution", action="store_true",
        help="identity alone: feed the gold in-article speakers (not attribution's) to the "
             "archive-wide stage, so attribution mistakes do not count",
    )
    args = parser.parse_args(argv)
    corpora = args.corpus or [POLNEAR / "dev", POLNEAR / "train"]
    golds = args.gold or [(POLNEAR / "dev" / "gold.jsonl", DATA / "identity_dev.jsonl")]
    if not args.gold and (DATA / "identity_train_part.jsonl").exists():
        golds.append((POLNEAR / "train" / "gold.jsonl", DATA / "identity_train_part.jsonl"))
    with tempfile.TemporaryDirectory(prefix="onrecord-identity-") as tmp:
        work = Path(tmp)
        archive = work / "archive"
        n = link_archive(corpora, archive)
        pred = args.pred_out or work / "pred.jsonl"
        registry = None
        if args.gold_attribution:
            from speakers_stats import gold_quotes, read_articles

            quotes = []
            for corpus in corpora:
                articles = read_articles(corpus)
                quotes += with_paragraphs(
                    gold_quotes(corpus, articles, speech_only=False), articles
                )
            registry, seconds = archive_stage(quotes, pred)
            how = f"gold in-article speakers, archive-wide stage: {seconds:.2f} s"
        elif args.cache:
            registry, seconds = archive_stage(cached_quotes(archive, args.cache), pred)
            how = f"archive-wide stage on cached records: {seconds:.2f} s"
        else:
            seconds = ingest_and_export(archive, work, pred)
            how = f"ingest + export: {seconds:.0f} s"
            if args.top:
                from onrecord.index import current_generation
                from onrecord.speakers import registry_in

                registry = registry_in(str(current_generation(work / "index").path))
        print(f"{n} articles in one archive; {how}; {len(registry or [])} speakers")
        for gold, identity in golds:
            if not identity.exists():
                print(f"{identity}: missing, skipped")
                continue
            result = score(gold, identity, pred)
            print(
                f"{identity.name}: {result['statements']} statements  "
                f"P {result['b3_precision']:.3f}  R {result['b3_recall']:.3f}  "
                f"F1 {result['b3_f1']:.3f}"
            )
            print("  most split:", result["most_split"])
            print("  most merged:", result["most_merged"])
        if args.top and registry is not None:
            show_top(registry, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
