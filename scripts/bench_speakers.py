#!/usr/bin/env python3
"""Time the archive-wide speaker stage (``build_registry``) on synthetic archives.

    scripts/bench_speakers.py [--articles 1000,10000,100000] [--per-article 11] [--repeat 3]

Each archive has ``--per-article`` mentions per article (PolNeAR averages 11), written the way
news writes people: full names with and without a middle initial, titles ("Sen.", "Mayor"),
bare surnames, "Mr./Ms. X", pronouns and descriptions ("she", "the mayor"), organisations and
their acronyms, groups, and one-letter typos; a bare surname carries the full names its
article writes (``name_candidates``). Speakers are drawn from a Zipf-like population (a few
people get most of the quotes) that grows with the archive, many sharing surnames, so
the surname, gender and suggestion rules all have work. Every size runs in a fresh process; the
figures are the median CPU and wall seconds of ``--repeat`` builds and the peak RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GIVEN_M = _words("""
    James John Robert Michael William David Richard Joseph Thomas Charles Daniel Paul
    Mark Donald George Kenneth Steven Edward Brian Ronald Anthony Kevin Jason Matthew
    Gary Timothy Jose Larry Jeffrey Frank Scott Eric Stephen Andrew Raymond Jesse
""")
GIVEN_F = _words("""
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa
    Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda
    Melissa Deborah Stephanie Rebecca Laura Sharon Cynthia Kathleen Amy Lori Hillary
""")
SYLLABLES = _words("""
    bar ker son man ley ton field wood ford ham ing ster well berg stein ski vic ley mor
    gan tel lo ri da co vas quez ara hol land fitz gerald mac don ald o neil
""")
TITLES = ("Sen.", "Rep.", "Gov.", "Mayor", "President", "Secretary", "Dr.", "Judge", "Chief")
ROLES = ("Republican presidential candidate", "Democratic senator", "mayor of Springfield",
         "CTU President", "spokeswoman for the campaign", "a teacher", "former governor",
         "Texas Sen.", "the GOP nominee", "board president", "speaking Tuesday")
ORGS = ("Chicago Teachers Union", "Federal Bureau of Investigation", "Department of Justice",
        "National Rifle Association", "Springfield Park District", "Board of Education")
GROUPS = ("union members", "Republicans", "many voters", "supporters of the mayor", "officials")


def population(size: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(given, middle initial, surname) with surnames shared among several people."""
    surnames = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()
        for _ in range(max(size // 3, 10))
    ]
    people = []
    for _ in range(size):
        female = rng.random() < 0.4
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        people.append((given, rng.choice("ABCDEFGHJKLMRST"), rng.choice(surnames)))
    return people


def written(person: tuple[str, str, str], rng: random.Random) -> tuple[str, str]:
    """(in-article speaker, as written) for one mention of a person."""
    given, middle, surname = person
    full = f"{given} {surname}"
    form = rng.random()
    if form < 0.35:
        return full, full
    if form < 0.45:
        return f"{given} {middle}. {surname}", f"{given} {middle}. {surname}"
    if form < 0.55:
        return full, f"{rng.choice(TITLES)} {full}"
    if form < 0.75:
        return surname, surname
    if form < 0.82:
        honorific = "Ms." if given in GIVEN_F else "Mr."
        return surname, f"{honorific} {surname}"
    if form < 0.97:
        return full, rng.choice(("she" if given in GIVEN_F else "he", "the mayor", "the senator"))
    typo = list(surname)
    if len(typo) < 4:
        return surname, surname
    i = rng.randrange(1, len(typo) - 1)
    typo[i], typo[i + 1] = typo[i + 1], typo[i]
    return "".join(typo), "".join(typo)


def synthetic_quotes(articles: int, per_article: int, seed: int = 14) -> list:
    from onrecord.records import Quote, quote_id

    rng = random.Random(seed)
    people = population(max(200, articles // 4), rng)
    weights = [1 / (rank + 1) for rank in range(len(people))]
    quotes = []
    start = 0
    for a in range(articles):
        article = f"art{a:07d}"
        year = 2012 + a * 5 // max(articles, 1)
        day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        cast = rng.choices(people, weights, k=3)
        for m in range(per_article):
            pick = rng.random()
            if pick < 0.8:
                speaker, as_written = written(cast[m % 3], rng)
                kind = "person"
            elif pick < 0.9:
                org = rng.choice(ORGS)
                speaker = as_written = org if rng.random() < 0.7 else "".join(
                    w[0] for w in org.split() if w[0].isupper())
                kind = "organisation"
            else:
                speaker = as_written = rng.choice(GROUPS)
                kind = "group"
            text = f"Statement {m} of article {a} about the budget and the schools."
            start += 80
            # a short name carries the full names its article writes with it, as the
            # per-article stage passes them (``name_candidates``)
            candidates = list(dict.fromkeys(
                f"{g} {s}" for g, _, s in cast if kind == "person" and s == speaker
            ))
            quotes.append(Quote(
                id=quote_id(article, start, start + len(text), text), text=text,
                kind="direct", article=article, speaker=speaker, speaker_as_written=as_written,
                speaker_kind=kind, role=rng.choice(ROLES) if rng.random() < 0.4 else None,
                date=day, start=start, end=start + len(text), name_candidates=candidates,
            ))
    return quotes


def one_size(articles: int, per_article: int, repeat: int) -> dict:
    from onrecord.speakers import build_registry

    quotes = synthetic_quotes(articles, per_article)
    cpu, wall = [], []
    registry = None
    for _ in range(repeat):
        began_cpu, began = time.process_time(), time.perf_counter()
        registry, _ = build_registry(quotes)
        cpu.append(time.process_time() - began_cpu)
        wall.append(time.perf_counter() - began)
    return {
        "articles": articles, "mentions": len(quotes), "speakers": len(registry),
        "suggestions": len(registry.suggestions),
        "cpu_s": statistics.median(cpu), "cpu_min": min(cpu), "cpu_max": max(cpu),
        "wall_s": statistics.median(wall),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", default="1000,10000,100000")
    parser.add_argument("--per-article", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a size, in this process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one, args.per_article, args.repeat)))
        return 0
    print("| articles | mentions | speakers | suggestions | CPU s (median, min-max) | wall s "
          "| mentions per CPU s | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.articles.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--per-article",
             str(args.per_article), "--repeat", str(args.repeat)],
            check=True, capture_output=True, text=True,
        ).stdout
        r = json.loads(out)
        print(f"| {r['articles']:,} | {r['mentions']:,} | {r['speakers']:,} | "
              f"{r['suggestions']:,} | {r['cpu_s']:.2f} ({r['cpu_min']:.2f}-{r['cpu_max']:.2f}) "
              f"| {r['wall_s']:.2f} | {r['mentions'] / r['cpu_s']:,.0f} | "
              f"{r['peak_rss_mb']:,} MB |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
