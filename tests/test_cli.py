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


def test_extract_warns_about_a_file_read_as_plain_text(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "rally.md", ARTICLE + "\n" + "[" * 2000 + "\n")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert f"warning: {path}: read as plain text: 2,000 link brackets" in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["speaker"] == "Maria Lopez"


def test_user_mistakes_are_one_line_and_nonzero(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(cli, ["search", "money", "--index", str(tmp_path / "none")])
    assert missing.exit_code != 0
    assert "onrecord ingest" in missing.output
    assert "Traceback" not in missing.output
    archive = tmp_path / "archive"
    write(archive / "rally.txt", ARTICLE)
    runner.invoke(cli, ["ingest", str(archive), "--index", str(tmp_path / "ix")])
    bad = runner.invoke(cli, ["search", "date:yesterday", "--index", str(tmp_path / "ix")])
    assert bad.exit_code != 0
    assert "not a date" in bad.output
    assert len(bad.output.strip().splitlines()) == 1
    # a loosely written query is searched anyway, saying how it was read
    loose = runner.invoke(cli, ["search", '"ready -strike', "--index", str(tmp_path / "ix")])
    assert loose.exit_code == 0
    assert "note: an unclosed quotation mark was left out" in loose.output
    assert "note: -word excludes the word: read as NOT strike" in loose.output
    assert "0 statement(s)" in loose.output  # the one quote says "strike"
    nothing = runner.invoke(
        cli, ["search", "--source", "Fox News", "--year", "1999", "--index", str(tmp_path / "ix")]
    )
    assert "note: no statement in the archive has the outlet 'Fox News'" in nothing.output
    assert "note: no statement in the archive has the year '1999'" in nothing.output
    past = runner.invoke(cli, ["search", "--page", "99", "--index", str(tmp_path / "ix")])
    assert "note: page 99 is past the last page (1)" in past.output
    fmt = runner.invoke(cli, ["export", "--format", "docx", "--index", str(tmp_path / "ix")])
    assert fmt.exit_code != 0 and "unknown export format" in fmt.output


def test_speaker_card_and_chronology_on_the_seeds(runner: CliRunner, seed_index: Path) -> None:
    result = runner.invoke(cli, ["speaker", "lightfoot", "--index", str(seed_index)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Lori Lightfoot")
    assert "note: 'lightfoot' is the surname of Lori Lightfoot" in result.stderr
    dates = [line[:10] for line in result.output.splitlines() if line[:4] == "2019"]
    assert dates == sorted(dates) and dates[0] == "2019-10-10" and dates[-1] == "2019-10-21"
    [topics] = [line for line in result.stdout.splitlines() if line.startswith("  topics: ")]
    assert "Money and budgets 7" in topics  # the taxonomy's labels, as the web shows them
    as_json = runner.invoke(cli, ["speaker", "lightfoot", "--format", "json",
                                  "--index", str(seed_index)])
    assert json.loads(as_json.stdout)["topics"]["money"] == 7  # keys stay keys for tools
    typo = runner.invoke(cli, ["speaker", "Lightfot", "--index", str(seed_index)])
    assert typo.exit_code == 0 and typo.stdout.startswith("Lori Lightfoot")
    assert "closest spelling: Lori Lightfoot" in typo.stderr  # never corrected silently
    nobody = runner.invoke(cli, ["speaker", "Zelda Quux", "--index", str(seed_index)])
    assert nobody.exit_code != 0 and "no speaker called" in nobody.output


def test_speaker_fixes_are_written_to_the_curation_file_and_survive_reingest(
    runner: CliRunner, archive: Path, index_dir: Path
) -> None:
    ix = ["--index", str(index_dir)]
    assert runner.invoke(cli, ["ingest", str(archive), *ix]).exit_code == 0
    suggest = runner.invoke(cli, ["speakers", "suggest", *ix])
    assert "'Jesse Starkey' and 'Sharkey'" in suggest.output
    merged = runner.invoke(
        cli, ["speakers", "merge", "Jesse Starkey", "Sharkey", "--archive", str(archive)]
    )
    assert merged.exit_code == 0 and "re-run" in merged.output.lower()
    assert "Sharkey" in (archive / "speakers.toml").read_text(encoding="utf-8")
    for _ in range(2):  # the fix holds on every re-ingest
        assert runner.invoke(cli, ["ingest", str(archive), *ix]).exit_code == 0
        card = runner.invoke(cli, ["speaker", "Sharkey", "--format", "json", *ix])
        data = json.loads(card.stdout)
        assert data["name"] == "Jesse Starkey"
        assert any("statesman" in s["text"] for s in data["statements_in_order"])


def test_bad_curation_file_stops_ingest_and_keeps_the_index(
    runner: CliRunner, archive: Path, index_dir: Path
) -> None:
    ix = ["--index", str(index_dir)]
    assert runner.invoke(cli, ["ingest", str(archive), *ix]).exit_code == 0
    before = sorted(p.name for p in index_dir.iterdir())
    write(archive / "speakers.toml", "[[merge]]\nnames = 'not a list'\n")
    result = runner.invoke(cli, ["ingest", str(archive), *ix])
    assert result.exit_code != 0
    assert "speakers.toml" in result.output and "line" in result.output
    assert sorted(p.name for p in index_dir.iterdir()) == before


def test_quote_reassign_holds_across_reingest(
    runner: CliRunner, archive: Path, index_dir: Path
) -> None:
    ix = ["--index", str(index_dir)]
    assert runner.invoke(cli, ["ingest", str(archive), *ix]).exit_code == 0
    found = runner.invoke(cli, ["search", '"honest broker"', "--format", "jsonl", *ix])
    quote = json.loads(found.output.splitlines()[0])
    fixed = runner.invoke(
        cli, ["quote", "reassign", quote["id"], "Jesse Jackson", "--archive", str(archive), *ix]
    )
    assert fixed.exit_code == 0, fixed.output
    curation = (archive / "speakers.toml").read_text(encoding="utf-8")
    assert quote["id"] in curation and quote["article"] in curation
    assert runner.invoke(cli, ["ingest", str(archive), *ix]).exit_code == 0
    again = runner.invoke(cli, ["search", '"honest broker"', "--format", "jsonl", *ix])
    assert json.loads(again.output.splitlines()[0])["speaker"] == "Jesse Jackson"


def test_split_and_role_are_written_and_applied(
    runner: CliRunner, archive: Path, index_dir: Path
) -> None:
    ix = ["--index", str(index_dir)]
    where = ["--archive", str(archive)]
    role = runner.invoke(
        cli,
        [
            "speakers",
            "role",
            "Lori Lightfoot",
            "Mayor of Chicago",
            "--from",
            "2019-05-20",
            "--organisation",
            "City of Chicago",
            *where,
        ],
    )
    assert role.exit_code == 0, role.output
    bad = runner.invoke(
        cli, ["speakers", "role", "Lori Lightfoot", "Mayor", "--from", "May", *where]
    )
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    split = runner.invoke(
        cli, ["speakers", "split", "Lighftoot", "--from", "Lori Lightfoot", *where]
    )
    assert split.exit_code == 0, split.output
    assert runner.invoke(cli, ["ingest", str(archive), *ix]).exit_code == 0
    card = json.loads(
        runner.invoke(cli, ["speaker", "Lori Lightfoot", "--format", "json", *ix]).output
    )
    assert "Mayor of Chicago" in [r["role"] for r in card["roles"]]
    assert "Lighftoot" not in card["aliases"]


def test_ingest_is_incremental_and_full_on_request(
    runner: CliRunner, archive: Path, index_dir: Path
) -> None:
    ix = ["--index", str(index_dir)]
    assert "full:" in runner.invoke(cli, ["ingest", str(archive), *ix]).output
    assert "unchanged:" in runner.invoke(cli, ["ingest", str(archive), *ix]).output
    write(archive / "new.txt", ARTICLE)
    again = runner.invoke(cli, ["ingest", str(archive), *ix]).output
    assert "incremental: 1 file(s) read" in again
    assert "full:" in runner.invoke(cli, ["ingest", str(archive), "--full", *ix]).output


def test_search_names_speakers_as_people_write_them(runner: CliRunner, seed_index: Path) -> None:
    ix = ["--index", str(seed_index)]
    by_surname = runner.invoke(cli, ["search", "money", "--speaker", "lightfoot", *ix])
    assert by_surname.exit_code == 0, by_surname.output
    assert "Lori Lightfoot" in by_surname.output and "Starkey" not in by_surname.output
    unknown = runner.invoke(cli, ["search", "money", "--speaker", "Zork Quux", *ix])
    assert unknown.exit_code != 0 and "no speaker called" in unknown.output


def test_extract_applies_the_archive_corrections(runner: CliRunner, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    path = write(archive / "rally.txt", ARTICLE)
    write(archive / "speakers.toml", '[[rename]]\nspeaker = "Maria Lopez"\nname = "María López"\n')
    plain = json.loads(runner.invoke(cli, ["extract", str(path)]).output.splitlines()[0])
    fixed = runner.invoke(cli, ["extract", str(path), "--archive", str(archive)])
    assert plain["speaker"] == "Maria Lopez"
    assert json.loads(fixed.output.splitlines()[0])["speaker"] == "María López"


def test_ingest_with_two_workers_gives_the_same_records(
    runner: CliRunner, archive: Path, tmp_path: Path
) -> None:
    outputs = []
    for workers in ("1", "2"):
        ix = ["--index", str(tmp_path / f"ix{workers}")]
        assert (
            runner.invoke(cli, ["ingest", str(archive), "--workers", workers, *ix]).exit_code == 0
        )
        outputs.append(runner.invoke(cli, ["export", "--format", "jsonl", *ix]).output)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") > 10


def test_export_opensearch_bundle(runner: CliRunner, seed_index: Path, tmp_path: Path) -> None:
    out = tmp_path / "os"
    ix = ["--index", str(seed_index)]
    result = runner.invoke(cli, ["export", "--format", "opensearch", "--output-dir", str(out), *ix])
    assert result.exit_code == 0, result.output
    mapping = json.loads((out / "mapping.json").read_text(encoding="utf-8"))
    assert "mappings" in mapping
    lines = (out / "bulk.ndjson").read_text(encoding="utf-8").splitlines()
    assert len(lines) % 2 == 0 and json.loads(lines[0])["index"]["_index"] == "onrecord"
    misuse = runner.invoke(cli, ["export", "--format", "csv", "--output-dir", str(out), *ix])
    assert misuse.exit_code != 0 and "opensearch" in misuse.output


def test_topics_tag_reads_json_lines_and_writes_one_line_each(runner: CliRunner) -> None:
    lines = ('{"text": "the district simply cannot afford to meet the demands"}\n'
             "oops\n"
             '{"text": "No.", "context": "Asked whether the city could pay more, she said no."}\n')
    result = runner.invoke(cli, ["topics", "tag"], input=lines)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3
    assert "money" in out[0]["topics"] and out[0]["why"]["money"][0]["term"] == "afford"
    assert out[1]["error"].startswith("line 2:")
    assert set(out[2]) == {"topics", "why"}


def test_serve_on_a_busy_port_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(
            cli, ["serve", "--port", str(port), "--index", str(tmp_path / "index")]
        )
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "Serving" not in result.output
    assert result.output.strip().count("\n") == 0, result.output
    assert f"cannot serve on 127.0.0.1:{port}" in result.output
    assert not isinstance(result.exception, OSError)


def test_speaker_lookup_by_reference_or_typo_says_what_matched(
    runner: CliRunner, seed_index: Path
) -> None:
    result = runner.invoke(cli, ["speaker", "the mayor", "--index", str(seed_index)])
    assert result.exit_code == 0, result.output
    assert "note: 'the mayor' is a reference" in result.output
    assert "Lori Lightfoot (person, id lori-lightfoot)" in result.output
    result = runner.invoke(cli, ["search", "strike", "--speaker", "Lightfot",
                                 "--index", str(seed_index)])
    assert result.exit_code == 0, result.output
    assert "note: 'Lightfot'" in result.output


# A statement first printed without a speaker (a banner) and then attributed, and one repeated
# in two articles: the card must count them as the speaker page and the search do.
REPEATS = {
    "2019-10-01-a.txt": (
        "CHICAGO (WLS) -- Teachers rallied downtown on Tuesday over school funding.\n"
        'A banner at the rally read: "We will fight for every school and every child in this'
        ' city."\nThe rally ended peacefully.\n'
    ),
    "2019-10-02-b.txt": (
        "CHICAGO (WLS) -- The strike vote is set for Thursday.\n"
        '"We will fight for every school and every child in this city," said Maria Lopez,'
        ' a union delegate.\n'
        '"The money for schools is there and the budget proves it," Lopez said.\n'
    ),
    "2019-10-03-c.txt": (
        "CHICAGO (WLS) -- Talks resumed on Wednesday.\n"
        '"The money for schools is there and the budget proves it," said Maria Lopez,'
        ' a union delegate.\n'
    ),
}


def test_speaker_card_counts_as_the_speaker_page_and_search(
    runner: CliRunner, tmp_path: Path
) -> None:
    from onrecord.index import current_generation
    from onrecord.views.queries import list_speakers, speaker_profile

    for name, text in REPEATS.items():
        write(tmp_path / "archive" / name, text)
    index = tmp_path / "index"
    assert runner.invoke(cli, ["ingest", str(tmp_path / "archive"), "--index", str(index)]
                         ).exit_code == 0
    page = speaker_profile(current_generation(index), "maria-lopez")
    assert page is not None and page.total == 2  # the banner's words, then hers; and a repeat

    card = json.loads(runner.invoke(
        cli, ["speaker", "maria-lopez", "--format", "json", "--index", str(index)]
    ).output)
    assert card["statements"] == page.total == len(card["statements_in_order"])
    assert card["topics"] == page.topics
    years: dict[str, int] = {}
    for month, count in page.months.items():
        years[month[:4]] = years.get(month[:4], 0) + count
    assert card["years"] == years
    text = runner.invoke(cli, ["speaker", "maria-lopez", "--index", str(index)]).output
    assert f"{page.total} statements in 2 articles" in text
    listed = runner.invoke(cli, ["speakers", "--index", str(index)]).output
    row = next(r for r in list_speakers(current_generation(index)) if r.id == "maria-lopez")
    assert listed.split()[0] == str(row.count) == str(page.total)
