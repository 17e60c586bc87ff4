"""The command line: each command end to end, and user mistakes as one clear line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from onrecord.cli import cli
from tests.helpers import write

ARTICLE = (
    "CHICAGO (WLS) -- Teachers rallied downtown.\n"
    '"We are ready to strike if we must," said Maria Lopez, a union delegate.\n'
)


def test_ingest_search_and_export(runner: CliRunner, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write(archive / "2019-10-10-rally.txt", ARTICLE)
    write(archive / "empty.txt", "")
    index = str(tmp_path / "index")
    result = runner.invoke(cli, ["ingest", str(archive), "--index", index])
    assert result.exit_code == 0, result.output
    assert "Ingested 1 articles" in result.output
    assert "empty.txt: empty file" in result.output

    result = runner.invoke(cli, ["search", "strike", "--index", index, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.splitlines()[0])
    assert record["speaker"] == "Maria Lopez"
    assert record["source"] == "WLS-TV (ABC7 Chicago)"
    assert record["date"] == "2019-10-10"

    result = runner.invoke(
        cli, ["search", "--speaker", "Maria Lopez", "--since", "2019-10", "--index", index]
    )
    assert "Maria Lopez" in result.output and "ready to strike" in result.output

    result = runner.invoke(cli, ["export", "--format", "csv", "--index", index])
    rows = list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))
    assert [row["speaker"] for row in rows] == ["Maria Lopez"]


def test_extract_prints_records_without_an_index(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "rally.txt", ARTICLE)
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records[0]["text"] == "We are ready to strike if we must"
    assert not (tmp_path / "index").exists()


def test_user_mistakes_are_one_line_and_nonzero(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(cli, ["search", "money", "--index", str(tmp_path / "none")])
    assert missing.exit_code != 0
    assert "onrecord ingest" in missing.output
    assert "Traceback" not in missing.output
    archive = tmp_path / "archive"
    write(archive / "rally.txt", ARTICLE)
    runner.invoke(cli, ["ingest", str(archive), "--index", str(tmp_path / "ix")])
    bad = runner.invoke(cli, ["search", '"unclosed', "--index", str(tmp_path / "ix")])
    assert bad.exit_code != 0
    assert "quotation mark" in bad.output
    assert len(bad.output.strip().splitlines()) == 1
    fmt = runner.invoke(cli, ["export", "--format", "docx", "--index", str(tmp_path / "ix")])
    assert fmt.exit_code != 0 and "unknown export format" in fmt.output
