"""Synthetic quote records with realistic shapes, for benchmarks (never for tests' expectations).

Quote texts follow a Zipf word distribution over a mixed vocabulary (common English words plus
generated ones) with news-like lengths; speakers, outlets, roles and topics are skewed the way
a real archive is (a few people and outlets account for most statements); about 5% of
statements recur in a second article, sharing a ``statement_id``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
from collections.abc import Iterator
from typing import Any


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


COMMON = _words(
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if so "
    "no will can more about said our who what up out do them than people year years time city "
    "school schools teachers teacher students union strike budget money tax taxes police "
    "public safety health care hospital nurses workers contract deal vote election mayor "
    "council state federal government court judge law bill plan program community families "
    "children parents housing rent jobs economy business market prices water climate energy "
    "transit trains buses roads crime violence guns officers fire emergency support need must "
    "should work working believe think know want make going right new good important every "
    "together future sure clear fair process talks negotiations table agreement proposal "
    "members leaders officials residents voters taxpayers district neighborhood country"
)
SYLLABLES = _words(
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge go ka ke ki ko la le li lo "
    "lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to "
    "tu va ve vi vo za ze zi zo ar er ir or ur an en in on un al el il ol st tr pl gr"
)
FIRST = _words(
    "Lori Miguel Jesse Carrene Maria John Mary James Patricia Robert Linda Michael Barbara "
    "David Susan William Karen Richard Nancy Joseph Lisa Thomas Betty Daniel Sandra Paul "
    "Ashley Mark Kimberly Donald Emily Steven Donna Andrew Michelle Kenneth Carol Joshua Amanda"
)
LAST = _words(
    "Lightfoot Valle Sharkey Beverly Lopez Smith Johnson Williams Brown Jones Garcia Miller "
    "Davis Rodriguez Martinez Hernandez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee "
    "Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King "
    "Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell"
)
ROLES = (
    "mayor", "teacher", "union president", "spokeswoman", "spokesman", "alderman",
    "police superintendent", "nurse", "parent", "economist", "governor", "state senator",
    "council member", "board president", "professor", "analyst", "resident", "chief executive",
)
TOPICS = (
    "education", "money", "labor", "public-safety", "health", "housing", "transport",
    "elections", "environment", "economy", "courts", "immigration",
)


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words = list(COMMON)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def zipf_weights(n: int, s: float = 1.05) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


def records(count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``count`` records, deterministic for a seed, in article order."""
    rng = random.Random(seed)
    words = vocabulary(30_000, rng)
    cum = zipf_weights(len(words))
    speakers = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(max(50, count // 40))]
    speaker_cum = zipf_weights(len(speakers), 0.9)
    sources = [f"{rng.choice(LAST)} {rng.choice(('Times', 'Post', 'Tribune', 'News', 'TV'))}"
               for _ in range(60)]
    source_cum = zipf_weights(len(sources), 0.8)
    start = dt.date(2012, 1, 1)
    recent: list[dict[str, Any]] = []
    article_no = 0
    made = 0
    while made < count:
        article_no += 1
        article = f"{2012 + article_no % 13}/{article_no:07d}"
        date = (start + dt.timedelta(days=rng.randrange(365 * 13))).isoformat()
        source = rng.choices(sources, cum_weights=source_cum)[0]
        title = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(5, 12))).capitalize()
        offset = 0
        for _ in range(min(rng.randint(2, 12), count - made)):
            if recent and rng.random() < 0.05:
                original = rng.choice(recent)
                text, speaker, role = original["text"], original["speaker"], original["role"]
                statement, canonical = original["statement_id"], False
            else:
                text = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(8, 60)))
                text = text[0].upper() + text[1:] + rng.choice((".", ".", "?", "!"))
                speaker = rng.choices(speakers, cum_weights=speaker_cum)[0]
                role = rng.choice(ROLES) if rng.random() < 0.7 else None
                statement, canonical = None, True
            qid = hashlib.sha1(f"{article}\x00{offset}\x00{text}".encode()).hexdigest()[:12]
            context = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(20, 60)))
            record = {
                "id": qid,
                "text": text,
                "kind": "direct" if rng.random() < 0.7 else "indirect",
                "article": article,
                "speaker": speaker,
                "speaker_id": speaker.lower().replace(" ", "-"),
                "speaker_as_written": speaker.split()[-1],
                "speaker_kind": "person",
                "role": role,
                "cue": rng.choice(("said", "says", "told", "added", "argued")),
                "title": title,
                "source": source,
                "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "url": f"https://news.example/{article}",
                "published": date,
                "date": date,
                "topics": sorted(set(rng.choices(TOPICS, k=rng.choice((0, 1, 1, 2, 3))))),
                "context": context,
                "start": offset,
                "end": offset + len(text),
                "confidence": round(rng.random(), 3),
                "occurrences": 1,
                "statement_id": statement or qid,
                "canonical": canonical,
                "also_in": [],
            }
            offset += len(text) + len(context)
            made += 1
            if canonical:
                recent.append(record)
                if len(recent) > 500:
                    recent.pop(rng.randrange(len(recent)))
            yield record
