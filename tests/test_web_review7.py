"""What using the web front end as a reporter found at archive scale (session 7), on the seed
archive's real articles."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from onrecord.views import common


def test_an_empty_output_downloads_text(client) -> None:
    """``?output=`` (a form's menu left at its first, empty choice) was a 400."""
    for url in ("/export.chicago?q=money&output=", "/export.ris?q=money&output=",
                "/api/export.apa?q=money&output="):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Content-Type"].startswith(
            "text/plain" if "ris" not in url else "application/x-research-info-systems"), url
    same = client.get("/export.chicago?q=money").get_data()
    assert client.get("/export.chicago?q=money&output=").get_data() == same
    assert client.get("/export.chicago?q=money&output=pdf").status_code == 400


@pytest.mark.parametrize("url", ["/?q=money", "/speakers/lori-lightfoot"])
def test_a_big_download_says_the_citation_styles_take_a_while(client, monkeypatch,
                                                               url) -> None:
    """The whole archive took 41 s in a CSL style with nothing on the page to say so."""
    def hint(response) -> str:
        box = BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one(
            "details.export")
        return box.get_text(" ", strip=True)

    assert "may take several seconds" not in hint(client.get(url))
    monkeypatch.setitem(client.application.jinja_env.globals, "slow_download", 1)
    said = hint(client.get(url))
    assert "Chicago, APA and MLA are typeset statement by statement" in said
    assert common.SLOW_DOWNLOAD >= 1000  # only for downloads that do take seconds
