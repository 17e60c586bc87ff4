"""Shared fixtures: a copy of the seed archive, a built index, the Flask app and clients."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.ingest import ingest
from onrecord.webapp import create_app
from tests.helpers import SEED_ARCHIVE


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A private copy of the project's seed archive that a test may change."""
    target = tmp_path / "archive"
    shutil.copytree(SEED_ARCHIVE, target)
    return target


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


@pytest.fixture
def built(archive: Path, index_dir: Path) -> Path:
    """The seed archive ingested; returns the index directory."""
    report = ingest(archive, index_dir)
    assert report.failures == []
    return index_dir


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed archive ingested once per session, for read-only tests."""
    index_dir = tmp_path_factory.mktemp("seed") / "index"
    ingest(SEED_ARCHIVE, index_dir)
    return index_dir


@pytest.fixture
def app(seed_index: Path):
    return create_app(
        {"TESTING": True, "INDEX_DIR": str(seed_index), "ARCHIVE_DIR": str(SEED_ARCHIVE)}
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
