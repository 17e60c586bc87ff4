#!/usr/bin/env python3
"""Score attribution on a gold corpus laid out like PolNeAR (articles/*.md, gold.jsonl).

    scripts/evaluate.py CORPUS_DIR [--scorer PATH] [--show-errors N] [--kind direct|indirect|all]
                                   [--pred-out FILE] [--direct]

By default the corpus goes through the real pipeline, as a user's archive would: ``onrecord
ingest CORPUS_DIR/articles`` into a temporary index, then ``onrecord export --format jsonl``.
With ``--direct`` (or when the pipeline cannot be imported) the articles are read here and
passed to :func:`onrecord.attribution.extract` alone. Either way the predictions (article,
text, speaker, kind, start, end) are scored by the shared scorer once per kind (direct,
indirect, all). The last lines of the output are the summary table and the speed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from onrecord.attribution import extract  # noqa: E402
from onrecord.records import Article  # noqa: E402

DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score_quotes.py"


def read_markdown(path: Path) -> Article:
    """Split YAML front matter from the body; the body is byte-identical to the gold text."""
    text = path.read_text(encoding="utf-8")
    meta: dict = {}
    body = text
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        meta = yaml.safe_load(text[4:end]) or {}
        body = text[end + 5 :].lstrip("\n")
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


def predict(corpus: Path) -> tuple[list[dict], int, float]:
    articles = [read_markdown(p) for p in sorted((corpus / "articles").glob("*.md"))]
    began = time.perf_counter()
    rows = []
    for article in articles:
        for quote in extract(article):
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
                }
            )
    return rows, len(articles), time.perf_counter() - began


def pipeline_available() -> bool:
    try:
        import onrecord.cli  # noqa: F401
        import onrecord.ingest  # noqa: F401
    except ImportError:
        return False
    return True


def run_pipeline(corpus: Path, pred: Path, workdir: Path) -> tuple[int, float]:
    """Ingest the corpus into a temporary index and export it as JSON lines; returns the
    number of records and the wall-clock seconds of the ingest."""
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
    subprocess.run(
        [*command, "export", "--format", "jsonl", "--index", str(index_dir), "-o", str(pred)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    with pred.open(encoding="utf-8") as lines:
        return sum(1 for _ in lines), seconds


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


def _get(metrics: dict, *keys: str) -> float | None:
    value = metrics
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, int | float) else None


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
    rate = n_articles / seconds if seconds else 0.0
    how = "ingest + export" if real else "extract() only"
    print(
        f"{n_articles} articles, {n_records} records via {how}; "
        f"extract() {rate:.0f} articles/s"
        + (f", ingest {n_articles / ingest_seconds:.0f} articles/s" if real else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
