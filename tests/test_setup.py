"""Setting up as a new user: `make demo` needs the runtime only, and the README says how to
reach the `onrecord` command and which extra the CSL styles need."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _dry_run(target: str, venv: Path) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(
        ["make", "-n", target, f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True,
        check=True,
    )
    return done.stdout


def test_demo_installs_the_runtime_only(tmp_path: Path) -> None:
    commands = _dry_run("demo", tmp_path / "venv")
    installs = [line for line in commands.splitlines() if "pip install" in line]
    assert any(line.rstrip().endswith("-e .") for line in installs), commands
    assert "[test]" not in commands


def test_test_installs_the_test_extras(tmp_path: Path) -> None:
    commands = _dry_run("test", tmp_path / "venv")
    assert "-e '.[test]'" in commands
    assert "pytest" in commands


def test_readme_says_how_to_run_onrecord_and_what_styles_need() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in readme
    assert ".[styles]" in readme
