#!/usr/bin/env python3
"""Score attribution on a gold corpus laid out like PolNeAR (articles/*.md, gold.jsonl).

    scripts/evaluate.py CORPUS_DIR [--scorer PATH] [--show-errors N] [--kind direct|indirect|all]
                                   [--pred-out FILE] [--direct] [--calibration]

By default the corpus goes through the real pipeline, as a user's archive would: ``onrecord
ingest CORPUS_DIR/articles`` into a temporary index, then the JSON-lines export of every record
(uncollapsed: the gold lists a statement in each article that repeats it).
With ``--direct`` (or when the pipeline cannot be imported) the articles are read here and
passed to :func:`onrecord.attribution.extract` alone. Either way the predictions (article,
text, speaker, kind, start, end) are scored by the shared scorer once per kind (direct,
indirect, all). The last lines of the output are the summary table and the speed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from onrecord.attribution import extract  # noqa: E402
from onrecord.attribution.joining import join_parts  # noqa: E402
from onrecord.readers.metadata import split_front_matter  # noqa: E402
from onrecord.records import Article  # noqa: E402

DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score_quotes.py"


def read_markdown(path: Path) -> Article:
    """The front matter and the raw body, which is byte-identical to the gold text (the .md
    reader of the pipeline renders Markdown, so its offsets can differ a little)."""
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    date = meta.get("date")
    return Article(
        id=str(meta.get("id") or path.stem),
        body=body,
        title=meta.get("title"),
        source=meta.get("source"),
        author=meta.get("author"),
        url=meta.get("url"),
        date=str(date) if date else None,
        path=path.name,
    )


def verbatim(
    body: str, text: str, start: int, end: int, parts: list[list[int]] | None = None
) -> bool:
    """The text is the body's own characters: the span itself, or its parts (each inside the
    span, in order) joined as :func:`join_parts` reads a split quotation (one space; a comma
    before a new sentence made a full stop)."""
    if parts:
        spans = [(a, b) for a, b in parts]
        inside = all(start <= a <= b <= end for a, b in spans)
        ordered = all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
        return inside and ordered and text == join_parts(body, spans)
    span = body[start:end]
    if text == span:
        return True
    position = 0
    for piece in text.split(" "):
        found = span.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return span.startswith(text.split(" ")[0]) and text.endswith(span[-5:].strip() or text)


def predict(corpus: Path) -> tuple[list[dict], int, float]:
    articles = [read_markdown(p) for p in sorted((corpus / "articles").glob("*.md"))]
    began = time.perf_counter()
    rows = []
    for article in articles:
        for quote in extract(article):
            quote_ok = quote.kind != "direct" or verbatim(
                article.body, quote.text, quote.start, quote.end, quote.parts
            )
            rows.append(
                {
                    "article": article.id,
                    "text": quote.text,
                    "speaker": quote.speaker,
                    "kind": quote.kind,
                    "start": quote.start,
                    "end": quote.end,
                    "confidence": quote.confidence,
                    "speaker_as_written": quote.speaker_as_written,
                    "verbatim": quote_ok,
                }
            )
    return rows, len(articles), time.perf_counter() - began


# Every attributed statement of the two seed articles in archive/: a phrase of its text and
# the speaker names accepted (written by hand from the articles, 2019 Chicago strike).
SEEDS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "000_f52bc5f2a411ac12": [
        ("two sides still remain far apart", ("Lori Lightfoot",)),
        ("not a negotiation session per se", ("Miguel del Valle",)),
        ("both sides realize they are running out of time", ("Miguel del Valle",)),
        ("It can be avoided if they give it to us in writing", ("Carrene Beverly-Bass",)),
        ("they are overworked, underpaid and not respected", ("Teachers",)),
        ("we have teachers that have to work two to three jobs", ("Carol Paddock",)),
        ("negotiations were going nowhere", ("CPS support staff",)),
        ("I'm here to let Mayor Lightfoot know", ("Jonothan Williams",)),
        ("We have a mayor who is dangling pay", ("Jesse Starkey",)),
        ("it's not about the money", ("Chicago Teachers Union",)),
        ("If she puts it in writing", ("Jesse Starkey",)),
        ("put a very important financial package on the table", ("Lori Lightfoot",)),
        ("there has been progress, just not on the big issues", ("Lori Lightfoot",)),
    ],
    "003_cdc591f935bf55c3": [
        ("do not have the money to increase the offers", ("Lori Lightfoot",)),
        ("Beyond what we put on the table, there is no more money", ("Lori Lightfoot",)),
        (
            "there is more work to do before they reach a deal",
            ("Lori Lightfoot", "Chicago Teachers Union"),
        ),
        ("to end the strike and send teachers back to work", ("Lori Lightfoot",)),
        ("That’s not going to happen", ("Alison Eichhorn",)),
        ("That’s an interesting move", ("Jake Myers",)),
        ("Why would we give in", ("Barbara Trinh",)),
        ("the union tried to hold a news conference", ("Mike Puccinelli",)),
        ("CPS has made a commitment in its contract proposal", ("Lori Lightfoot",)),
        ("the union continues to press for more demands", ("Lori Lightfoot",)),
        ("the district simply cannot afford", ("Lori Lightfoot",)),
        ("There are not unlimited resources", ("Lori Lightfoot",)),
        ("they’ve seen movement and made some wins", ("Chicago Teachers Union",)),
        ("the city has agreed to put in writing", ("Chicago Teachers Union",)),
        ("the contract also needs enforcement provisions", ("CTU leaders",)),
        ("We now have contract language", ("Jennifer Johnson",)),
        ("their offer will increase average salary", ("Chicago Public Schools",)),
        ("it’s actually nowhere near that", ("Chicago Teachers Union",)),
        ("missed days will not be made up", ("Lori Lightfoot",)),
        ("they’re willing to pay a heavy price", ("union members",)),
        ("We lost so much in the last strike", ("Ann Bramlett",)),
        ("the kids need this", ("Ann Bramlett",)),
        ("could end up worsening the city’s", ("Lori Lightfoot",)),
        ("what is needed now is a greater sense of urgency", ("Lori Lightfoot",)),
        ("There needs to be an increased sense of urgency", ("Lori Lightfoot",)),
        ("the city stonewalled for 10 months", ("union members",)),
        ("should be brought in as an honest broker", ("union members",)),
        ("Jesse Jackson is a great mediator", ("Alison Eichhorn",)),
        ("Rev. Jackson is a respected resident", ("Sharkey",)),
        ("bringing in a mediator at this stage", ("Lori Lightfoot",)),
        ("When you’ve got a complicated matter like this", ("Lori Lightfoot",)),
    ],
}


def check_seeds(archive: Path) -> tuple[int, int, int, list[str]]:
    """(statements expected, found, found with the right speaker, problems) for the seeds."""
    expected = found = right = 0
    problems: list[str] = []
    for stem, statements in SEEDS.items():
        path = archive / f"{stem}.txt"
        if not path.exists():
            continue
        meta_path = archive / f"{stem}.meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        article = Article(id=stem, body=path.read_text(encoding="utf-8"), date=meta.get("date"))
        quotes = extract(article)
        for phrase, speakers in statements:
            expected += 1
            hits = [q for q in quotes if phrase.lower() in q.text.lower()]
            if not hits:
                problems.append(f"{stem}: missed {phrase!r}")
                continue
            found += 1
            if any(q.speaker in speakers for q in hits):
                right += 1
            else:
                problems.append(f"{stem}: {phrase!r} by {hits[0].speaker!r}, not {speakers[0]!r}")
    return expected, found, right, problems


def pipeline_available() -> bool:
    try:
        import onrecord.cli  # noqa: F401
        import onrecord.ingest  # noqa: F401
    except ImportError:
        return False
    return True


def run_pipeline(corpus: Path, pred: Path, workdir: Path) -> tuple[int, float]:
    """Ingest the corpus into a temporary index (``onrecord ingest``) and export every record
    as JSON lines; returns the number of records and the wall-clock seconds of the ingest."""
    index_dir = workdir / "index"
    command = [sys.executable, "-m", "onrecord.cli"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    began = time.perf_counter()
    subprocess.run(
        [*command, "ingest", str(corpus / "articles"), "--index", str(index_dir)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    seconds = time.perf_counter() - began
    # The export, uncollapsed: `onrecord export` shows a statement repeated across articles
    # once, in its first article; the gold has it in every article that carries it.
    from onrecord import export as exporting
    from onrecord.index import current_generation
    from onrecord.search import SearchRequest, all_records

    records = all_records(current_generation(index_dir), SearchRequest(collapse=False))
    pred.write_text(exporting.export(records, "jsonl"), encoding="utf-8")
    with pred.open(encoding="utf-8") as lines:
        return sum(1 for _ in lines), seconds


def adjudicate(gold: Path, adjudication: Path, out: Path) -> int:
    """Write ``gold`` with the readings of ``adjudication`` applied; returns how many gold
    items changed. A reading names the speaker read in the text (``speaker``, other acceptable
    names in ``ok``) or says the item is no statement (``not_statement``: it then counts
    neither for nor against, as the scorer's ``required: false``). Items are found by
    article and content offsets."""
    readings = {}
    for line in adjudication.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            readings[(row["article"], row["content_start"], row["content_end"])] = row
    changed = 0
    lines = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        key = (row.get("article"), row.get("content_start"), row.get("content_end"))
        reading = readings.get(key)
        if reading is not None:
            changed += 1
            if reading.get("not_statement"):
                row["required"] = False
            else:
                row["speaker"] = reading["speaker"]
                row["ok"] = list(reading.get("ok", []))
        lines.append(json.dumps(row, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def adjudicate_content(gold: Path, readings_path: Path, out: Path) -> tuple[int, int]:
    """Apply blind content readings (``scripts/disputes.py --content --blind``) to ``gold``,
    writing ``out``; returns (gold items read as no statement, statements added). A reading
    whose span is a gold item's and says ``not_statement`` makes that item count neither for
    nor against (``required: false``); one whose span is no gold item's (a prediction's) and
    says ``statement`` adds the statement the annotators skipped, with no speaker (so it
    counts for content and not for speakers). ``misspan`` changes nothing either way."""
    readings = [
        json.loads(line)
        for line in readings_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rows = [
        json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    spans = {(r.get("article"), r.get("content_start"), r.get("content_end")): r for r in rows}
    dropped = added = 0
    for reading in readings:
        key = (reading["article"], reading["start"], reading["end"])
        row = spans.get(key)
        if row is not None:
            if reading["reading"] == "not_statement" and row.get("required", True):
                row["required"] = False
                dropped += 1
        elif reading["reading"] == "statement":
            text = reading.get("full_text") or reading["text"]
            rows.append(
                {
                    "article": reading["article"],
                    "content": text,
                    "content_start": reading["start"],
                    "content_end": reading["end"],
                    "speaker": None,
                    "speech": True,
                    "direct": any(m in text for m in "“”\""),
                    "adjudicated": "statement the annotators skipped",
                }
            )
            added += 1
    lines = (json.dumps(r, ensure_ascii=False) for r in rows)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dropped, added


def score(scorer: Path, gold: Path, pred: Path, kind: str, show: int) -> tuple[dict, str]:
    base = [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), "--kind", kind]
    metrics = json.loads(
        subprocess.run([*base, "--json"], capture_output=True, text=True, check=True).stdout
    )
    shown = ""
    if show:
        shown = subprocess.run(
            [*base, "--show-errors", str(show)], capture_output=True, text=True, check=True
        ).stdout
    return metrics, shown


def calibration(scorer: Path, gold: Path, rows: list[dict]) -> list[tuple[float, int, int]]:
    """(confidence, records, right) for each confidence value the rules give, where a record
    is right when its text matches a gold item (any kind) and its speaker matches that item's,
    or the gold speaker is unknown. Uses the scorer's own matching, so "right" means what the
    scores mean."""
    spec = importlib.util.spec_from_file_location("score_quotes", scorer)
    if spec is None or spec.loader is None:
        return []
    sq = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = sq  # dataclasses look their module up while it loads
    spec.loader.exec_module(sq)
    golds = sq.gold_items(sq.read_jsonl(gold))
    preds = sq.pred_items([{**r, "_line": i} for i, r in enumerate(rows, 1)])
    by_article: dict[str, tuple[list[int], list[int]]] = {}
    for i, p in enumerate(preds):
        by_article.setdefault(p.article, ([], []))[0].append(i)
    for j, g in enumerate(golds):
        by_article.setdefault(g.article, ([], []))[1].append(j)
    right = [False] * len(preds)
    for pis, gis in by_article.values():
        matched = sq.match([preds[i] for i in pis], [golds[j] for j in gis])
        for a, b in matched.items():
            p, g = preds[pis[a]], golds[gis[b]]
            names = [g.speaker, *g.aliases] if g.speaker else []
            right[pis[a]] = not names or any(sq.speaker_match(p.speaker, n) for n in names)
    bands: dict[float, list[int]] = {}
    for row, ok in zip(rows, right, strict=True):
        band = bands.setdefault(round(float(row["confidence"]), 2), [0, 0])
        band[0] += 1
        band[1] += ok
    return [(c, n, k) for c, (n, k) in sorted(bands.items())]


def _get(metrics: dict, *keys: str) -> float | None:
    value = metrics
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, int | float) else None


def print_table(results: dict[str, dict]) -> None:
    print(f"{'kind':<9} {'P':>6} {'R':>6} {'F1':>6} {'spk_acc':>8} {'e2e_F1':>7}")
    for kind, m in results.items():
        cells = [
            _get(m, "content", "precision"),
            _get(m, "content", "recall"),
            _get(m, "content", "f1"),
            _get(m, "speaker", "accuracy"),
            _get(m, "end_to_end", "f1"),
        ]
        print(
            f"{kind:<9} "
            + " ".join(
                f"{c:>{w}.3f}" if c is not None else f"{'-':>{w}}"
                for c, w in zip(cells, (6, 6, 6, 8, 7), strict=True)
            )
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    parser.add_argument(
        "--kind",
        choices=["direct", "indirect", "all"],
        default=None,
        help="show errors for this kind only (default: all three)",
    )
    parser.add_argument("--pred-out", type=Path, help="keep the predictions JSONL here")
    parser.add_argument(
        "--direct", action="store_true", help="call extract() directly, not ingest + export"
    )
    parser.add_argument(
        "--calibration", action="store_true", help="how often each confidence value is right"
    )
    parser.add_argument(
        "--adjudication",
        type=Path,
        help="readings of disputed gold items (default: scripts/data/"
        "adjudication_polnear_<corpus>.jsonl when it exists); scores raw and adjudicated",
    )
    parser.add_argument(
        "--content-adjudication",
        type=Path,
        help="blind readings of missed and extra statements (default: scripts/data/"
        "content_adjudication_polnear_<corpus>.jsonl when it exists)",
    )
    args = parser.parse_args(argv)

    rows, n_articles, seconds = predict(args.corpus)  # also times extraction alone
    real = not args.direct and pipeline_available()
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.pred_out or Path(tmp) / "pred.jsonl"
        if real:
            n_records, ingest_seconds = run_pipeline(args.corpus, pred, Path(tmp))
        else:
            lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
            pred.write_text("".join(lines), encoding="utf-8")
            n_records = len(rows)
        results = {}
        for kind in ("direct", "indirect", "all"):
            show = args.show_errors if args.kind in (None, kind) else 0
            results[kind], shown = score(args.scorer, args.corpus / "gold.jsonl", pred, kind, show)
            if shown:
                print(f"===== {kind}\n{shown}")
        adjudication = args.adjudication or (
            REPO / "scripts" / "data" / f"adjudication_polnear_{args.corpus.resolve().name}.jsonl"
        )
        content_readings = args.content_adjudication or (
            REPO
            / "scripts"
            / "data"
            / f"content_adjudication_polnear_{args.corpus.resolve().name}.jsonl"
        )
        adjudicated: dict[str, dict] = {}
        both: dict[str, dict] = {}
        n_read = 0
        dropped = added = 0
        if adjudication.exists():
            patched = Path(tmp) / "gold.adjudicated.jsonl"
            n_read = adjudicate(args.corpus / "gold.jsonl", adjudication, patched)
            for kind in ("direct", "indirect", "all"):
                adjudicated[kind], _ = score(args.scorer, patched, pred, kind, 0)
            if content_readings.exists():
                patched_both = Path(tmp) / "gold.adjudicated.content.jsonl"
                dropped, added = adjudicate_content(patched, content_readings, patched_both)
                for kind in ("direct", "indirect", "all"):
                    both[kind], _ = score(args.scorer, patched_both, pred, kind, 0)
    print_table(results)
    if adjudicated:
        print(f"adjudicated ({n_read} gold items read in {adjudication.name}):")
        print_table(adjudicated)
    if both:
        print(
            f"adjudicated speakers and content ({content_readings.name}: {dropped} gold items "
            f"read as no statement, {added} statements the gold skipped):"
        )
        print_table(both)
    bands = calibration(args.scorer, args.corpus / "gold.jsonl", rows)
    if bands:
        low = [(n, k) for c, n, k in bands if c < 0.5]
        high = [(n, k) for c, n, k in bands if c >= 0.5]
        for name, group in (("below 0.5", low), ("0.5 and up", high)):
            n, k = sum(g[0] for g in group), sum(g[1] for g in group)
            if n:
                print(f"confidence {name}: {k}/{n} records right ({k / n:.0%})")
        if args.calibration:
            for c, n, k in bands:
                print(f"  confidence {c:.2f}: {k:>5}/{n:<5} right ({k / n:.0%})")
    expected, found, right, problems = check_seeds(REPO / "archive")
    for problem in problems:
        print(f"  seed: {problem}")
    rate = n_articles / seconds if seconds else 0.0
    how = "ingest + export" if real else "extract() only"
    direct = [r for r in rows if r["kind"] == "direct"]
    exact = sum(r["verbatim"] for r in direct)
    print(f"verbatim: {exact}/{len(direct)} direct texts are the body's own characters")
    if expected:
        print(f"seeds: {found}/{expected} statements found, {right}/{expected} speakers right")
    print(
        f"{n_articles} articles, {n_records} records via {how}; "
        f"extract() {rate:.0f} articles/s"
        + (f", ingest {n_articles / ingest_seconds:.0f} articles/s" if real else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
