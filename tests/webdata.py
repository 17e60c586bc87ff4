"""A small hand-made index for the web tests: articles and records written here, not extracted.

The web pages are tested against records whose every field the test controls (speakers,
roles, dates, topics, repeated statements, hostile HTML), independent of the attribution
engine. The records go through the real index writer (:func:`onrecord.index.build`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onrecord.attribution import extract
from onrecord.index import StoredArticle, build
from onrecord.records import Article, Quote, quote_id
from onrecord.speakers.roles import normalise_role

CHICAGO = "chicago/2019/strike-talks"  # an article id with slashes
EVIL = "evil"
SPLIT = "union-answers"  # a quotation split by its attribution, extracted for real

ARTICLES = [
    Article(
        id=CHICAGO,
        title="Strike talks stall as deadline nears",
        source="Daily Ledger",
        url="https://example.org/strike-talks",
        date="2019-10-10",
        body=(
            "Talks between the union and the city stalled on Thursday.\n\n"
            '"We have put every dollar we have on the table," Mayor Lori Lightfoot said. '
            "She added that class sizes would be capped.\n\n"
            "Union president Jesse Sharkey said the offer did not go far enough on staffing."
        ),
    ),
    Article(
        id="budget-2019",
        title="Budget hearing draws crowd",
        source="Evening Post",
        url="https://example.com/budget",
        date="2019-11-02",
        body=(
            "The budget hearing ran late.\n\n"
            '"The budget is balanced without new taxes," Lightfoot said at the hearing.'
        ),
    ),
    Article(
        id="budget-echo",
        title="Mayor defends budget",
        source="Morning Star",
        date="2019-11-03",
        body='Lightfoot repeated it: "The budget is balanced without new taxes," she said.',
    ),
    Article(
        id="transit-2020",
        title="Transit plan unveiled",
        source="Daily Ledger",
        date="2020-01-15",
        body='"Buses will run every ten minutes," Mayor Lightfoot said of the transit plan.',
    ),
    Article(
        id=SPLIT,
        title="Union answers the mayor",
        source="Evening Post",
        date="2019-10-12",
        body=(
            "The union answered on Saturday.\n\n"
            "“We are not walking away from the table,” said union leader Stacy Davis Gates. "
            "“The schools need nurses and librarians.”"
        ),
    ),
    Article(
        id=EVIL,
        title="<img src=x onerror=alert(1)> Hostile title",
        source="<b>Evil</b> News",
        url="javascript:alert(1)",
        date="2019-12-01",
        body=(
            "<p>Markup in the body.</p>\n\n"
            '"Run <script>alert(1)</script> now, please," said Maria Lopez.'
        ),
    ),
]


def record(article: Article, text: str, speaker: str, kind: str = "direct", **extra: Any) -> dict:
    """A record for ``text`` in ``article``, with the offsets where the text really is."""
    start = article.body.index(text)
    end = start + len(text)
    quote = Quote(
        id=quote_id(article.id, start, end, text),
        text=text,
        kind=kind,  # type: ignore[arg-type]
        article=article.id,
        speaker=speaker,
        speaker_id=extra.pop("speaker_id", None) or speaker.lower().replace(" ", "-"),
        title=article.title,
        source=article.source,
        url=article.url,
        date=article.date,
        start=start,
        end=end,
        **{k: v for k, v in extra.items() if k in Quote.__dataclass_fields__},
    )
    if quote.role and "speaker_role" not in extra:  # as the registry normalises it at ingest
        normal = normalise_role(quote.role)
        quote.speaker_role = normal.label if normal else None
    data = quote.to_dict()
    data.update({k: v for k, v in extra.items() if k not in Quote.__dataclass_fields__})
    return data


def make_records() -> list[dict[str, Any]]:
    chicago, budget, echo, transit, split, evil = ARTICLES
    (split_quote,) = [q for q in extract(split) if q.kind == "direct"]
    split_record = split_quote.to_dict() | {"speaker_id": "stacy-davis-gates"}
    balanced = "The budget is balanced without new taxes,"
    budget_record = record(
        budget, balanced, "Lori Lightfoot", role="Mayor of Chicago", topics=["budget"],
        speaker_as_written="Lightfoot", statement_id="stmt-balanced",
    )
    echo_record = record(
        echo, balanced, "Lori Lightfoot", topics=["budget"], speaker_as_written="Lightfoot",
        statement_id="stmt-balanced", canonical=False,
    )
    budget_record["also_in"] = [
        {"article": echo.id, "source": echo.source, "date": echo.date, "title": echo.title,
         "quote": echo_record["id"]}
    ]
    echo_record["also_in"] = [
        {"article": budget.id, "source": budget.source, "date": budget.date,
         "title": budget.title, "quote": budget_record["id"]}
    ]
    return [
        record(
            chicago, "We have put every dollar we have on the table,", "Lori Lightfoot",
            role="Mayor", topics=["education", "labor"], speaker_as_written="Mayor Lori Lightfoot",
        ),
        record(
            chicago, "class sizes would be capped", "Lori Lightfoot", kind="indirect",
            role="Mayor", topics=["education"],
        ),
        record(
            chicago, "the offer did not go far enough on staffing", "Jesse Sharkey",
            kind="indirect", role="Union president", topics=["labor"],
        ),
        budget_record,
        echo_record,
        record(
            transit, "Buses will run every ten minutes,", "Lori Lightfoot", role="Mayor",
            topics=["transit"], speaker_as_written="Mayor Lightfoot",
        ),
        record(evil, "Run <script>alert(1)</script> now, please,", "Maria Lopez"),
        split_record,
    ]


def build_web_index(index_dir: Path) -> Path:
    """Write the test articles and records as a live generation in ``index_dir``."""
    records = make_records()
    manifest = {"articles": len(ARTICLES), "quotes": len(records), "speakers": 4}
    build(index_dir, records, [StoredArticle(a, fingerprint="") for a in ARTICLES],
          manifest=manifest)
    return index_dir


def by_text(fragment: str) -> dict[str, Any]:
    return next(r for r in make_records() if fragment in r["text"])
