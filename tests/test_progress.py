"""Ingest progress bars: drawn on a terminal with rate and time left, silent elsewhere."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from onrecord import progress as progress_module
from onrecord.ingest import ingest


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_rate_and_time_left(
    archive: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_module, "SHOW_AFTER", 0)
    screen = Terminal()
    with progress_module.bars(screen, reading="article", indexing="record") as bar:
        report = ingest(
            archive, index_dir, progress=bar["reading"], index_progress=bar["indexing"]
        )
    drawn = screen.getvalue()
    assert f"{report.read}/{report.read}" in drawn and "article/s" in drawn
    assert f"{report.quotes}/{report.quotes}" in drawn and "record/s" in drawn
    assert "<" in drawn  # elapsed<left


def test_a_pipe_or_log_gets_nothing(
    archive: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_module, "SHOW_AFTER", 0)
    log = io.StringIO()
    with progress_module.bars(log, reading="article") as bar:
        ingest(archive, index_dir, progress=bar["reading"])
    assert log.getvalue() == ""
