"""What a user sees on the pages: chart labels, export names and order, format and topic
labels, the keyboard path, highlights and long words (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from onrecord.views.charts import timeline_svg
from onrecord.webapp import create_app
from tests.webdata import build_web_index


@pytest.fixture(scope="module")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_index(tmp_path_factory.mktemp("ux") / "index")


@pytest.fixture
def web(web_index: Path):
    return create_app({"TESTING": True, "INDEX_DIR": str(web_index)}).test_client()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_a_year_and_a_month_of_bars_gets_several_month_labels() -> None:
    counts = {"2015-11": 3, "2016-03": 1, "2016-11": 2}
    svg = BeautifulSoup(str(timeline_svg(counts, label="x")), "html.parser")
    labels = [t.get_text() for t in svg.select("text") if re.fullmatch(r"\d{4}-\d\d", t.get_text())]
    assert len(svg.select("rect")) == 3
    assert labels[0] == "2015-11" and labels[-1] == "2016-11" and len(labels) >= 4
