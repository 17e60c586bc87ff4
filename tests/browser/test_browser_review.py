"""Chromium over the pages the archive-scale review changed: layout a test client cannot see."""

from __future__ import annotations


def test_a_roles_dates_never_break_at_their_hyphens(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    page = context.new_page()
    page.goto("/speakers/lori-lightfoot")
    dates = page.locator("ol.roles time")
    assert dates.count() >= 2
    for k in range(dates.count()):
        assert dates.nth(k).evaluate("el => getComputedStyle(el).whiteSpace") == "nowrap"
        assert dates.nth(k).evaluate("el => el.getClientRects().length") == 1
    context.close()


def test_the_exact_words_box_sits_beside_its_label(page) -> None:
    for url in ("/?q=budget", "/speakers/lori-lightfoot"):
        page.goto(url)
        box = page.locator("#exact").bounding_box()
        label = page.locator("label[for=exact]").bounding_box()
        assert box["x"] + box["width"] <= label["x"], url  # before the words, not above them
        middle = box["y"] + box["height"] / 2
        assert label["y"] <= middle <= label["y"] + label["height"], url
