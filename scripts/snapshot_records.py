"""Everything an ingest writes that a user can see, as one sorted text file, to compare bytes.

    python scripts/snapshot_records.py OUT [ARCHIVE] [--workers N] [--extract]

Ingests ARCHIVE (default: the PolNeAR train articles in ../shared) into a temporary index and
writes to OUT, sorted: every indexed record as stored (JSON), every article of the store
(metadata, body, fingerprint, per-article records), the word list, the speaker registry, the
manifest's counts, failures and warnings. With ``--extract`` it also adds the records
``onrecord extract`` prints for the same files. Used to check that a speed-up changed no record:
snapshot before, snapshot after, ``cmp`` the two files. ``--slow`` turns the fast paths off
(Markdown always rendered, pure-Python YAML, ``dataclasses.asdict``), to compare both at the
same code.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import sqlite3
import tempfile
from pathlib import Path

from whoosh import index as whoosh_index

from onrecord import index as idx
from onrecord.ingest import extract_paths, ingest
from onrecord.speakers import REGISTRY_FILE

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared/corpora/polnear/train/articles"


def snapshot(archive: Path, workers: int, with_extract: bool) -> list[str]:
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        report = ingest(archive, Path(tmp) / "index", workers=workers)
        generation = idx.current_generation(Path(tmp) / "index")
        with whoosh_index.open_dir(str(generation.path)).reader() as reader:
            records = sorted(fields["record"] for _, fields in reader.iter_docs())
        lines += [f"record\t{r}" for r in records]
        with contextlib.closing(sqlite3.connect(generation.path / idx.ARTICLES_DB)) as db:
            rows = db.execute("SELECT * FROM articles ORDER BY id").fetchall()
            digests = db.execute("SELECT * FROM records ORDER BY id").fetchall()
        lines += [f"article\t{json.dumps(row, ensure_ascii=False)}" for row in rows]
        lines += [f"digest\t{a}\t{b}" for a, b in digests]
        lines += [f"word\t{w}" for w in (generation.path / idx.WORDS).read_text().splitlines()]
        registry = (generation.path / REGISTRY_FILE).read_text(encoding="utf-8")
        lines.append(f"registry\t{json.dumps(json.loads(registry), sort_keys=True)}")
        manifest = generation.manifest()
        for key in ("built", "code"):
            manifest.pop(key, None)
        lines.append(f"manifest\t{json.dumps(manifest, sort_keys=True, ensure_ascii=False)}")
        lines.append(f"report\t{report.articles}\t{report.quotes}\t{report.speakers}")
    if with_extract:
        quotes, failures, warnings = extract_paths([archive])
        lines += sorted(
            f"extract\t{json.dumps(q.to_dict(), ensure_ascii=False)}" for q in quotes
        )
        lines += [f"extract-failure\t{f.path}\t{f.reason}" for f in failures]
        lines += [f"extract-warning\t{w}" for w in warnings]
    return lines


def use_slow_paths() -> None:
    """The reading and serialising paths as they were before the speed-ups."""
    import dataclasses

    import yaml

    from onrecord import readers, records
    from onrecord.readers import metadata

    readers.plain_paragraphs = lambda body: None
    metadata._SAFE_LOADER = yaml.SafeLoader
    records.Quote.to_dict = dataclasses.asdict  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--extract", action="store_true", help="add onrecord extract's records")
    parser.add_argument("--slow", action="store_true", help="turn the fast paths off")
    args = parser.parse_args()
    if args.slow:
        use_slow_paths()
    text = "\n".join(snapshot(args.archive, args.workers, args.extract)) + "\n"
    args.out.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    print(f"{args.out}: {text.count(chr(10))} lines, sha256 {digest}")


if __name__ == "__main__":
    main()
