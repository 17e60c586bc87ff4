"""Chromium driving the real pages: search, facets, speaker, quote, copy, export, keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.webdata import by_text


def test_search_and_click_a_facet(page) -> None:
    page.goto("/")
    page.get_by_label("Search statements").fill("budget OR staffing")
    page.get_by_label("Search statements").press("Enter")
    page.wait_for_url("**/?q=budget+OR+staffing*")
    # the balanced-budget statement (carried by two articles, shown once) and the staffing one
    assert page.locator("article.quote").count() == 2
    page.locator(".facets a", has_text="Jesse Sharkey").click()
    page.wait_for_url("**speaker=jesse-sharkey*")
    assert page.locator("article.quote").count() == 1
    chip = page.locator(".chips a.chip", has_text="Jesse Sharkey")
    chip.click()
    page.wait_for_load_state()
    assert "speaker=" not in page.url
    assert page.locator("article.quote").count() == 2
    assert page.console_errors == []


def test_sort_select_submits_itself(page) -> None:
    page.goto("/?q=budget")
    with page.expect_navigation():
        page.get_by_label("Sort").select_option("date")
    assert "sort=date" in page.url
    dates = page.locator("article.quote time").all_inner_texts()
    assert dates == sorted(dates)


def test_open_a_speaker_and_see_chronological_order(page) -> None:
    page.goto("/?q=buses")
    page.locator("article.quote a.speaker").first.click()
    page.wait_for_url("**/speakers/lori-lightfoot")
    assert page.locator("h1").inner_text() == "Lori Lightfoot"
    assert page.locator("svg.timeline rect").count() == 3
    dates = page.locator(".statement-list time").all_inner_texts()
    assert len(dates) == 4 and dates == sorted(dates)
    page.locator("ul.topic-counts a", has_text="education").click()
    page.wait_for_url("**topic=education*")
    assert page.locator(".statement-list article.quote").count() == 2


def test_open_a_quote_and_copy_its_citation(page) -> None:
    record = by_text("every dollar")
    page.goto("/?q=dollar")
    page.locator("article.quote a.permalink").first.click()
    page.wait_for_url(f"**/quotes/{record['id']}")
    assert page.locator("blockquote.big").inner_text().strip().strip("“”") == record["text"]
    assert page.locator(".context mark").inner_text() == record["text"]
    button = page.get_by_role("button", name="Copy citation")
    assert button.is_visible()  # shown only when JavaScript runs
    button.click()
    page.locator(".copy-status", has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#citation-text").text_content()
    assert "every dollar" in copied
    assert page.console_errors == []


def test_export_downloads_the_current_results(page) -> None:
    page.goto("/?q=buses")
    page.locator("details.export summary").click()
    link = page.locator("details.export a").first
    fmt = link.inner_text()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.startswith("onrecord-buses.")  # named after the search
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Buses will run" in content and "dollar" not in content, fmt


def test_article_marks_link_to_their_quotes(page) -> None:
    page.goto("/articles/chicago/2019/strike-talks")
    marks = page.locator(".article-body mark")
    assert marks.count() == 3
    marks.nth(2).locator("a").click()
    page.wait_for_url("**/quotes/*")
    assert "staffing" in page.locator("blockquote.big").inner_text()


def test_keyboard_reaches_skip_link_and_search(page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(2):  # past "Skip to results" and "Skip to filters" to "Skip to content"
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_phone_width_has_no_sideways_scrolling(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    page = context.new_page()
    for url in ("/", "/?q=budget", "/speakers", "/speakers/lori-lightfoot",
                "/articles/chicago/2019/strike-talks", f"/quotes/{by_text('dollar')['id']}"):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (url, width)
    context.close()


def test_everything_works_without_javascript(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("Search statements").fill("budget")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**q=budget*")
    page.get_by_label("Sort").select_option("-date")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**sort=-date*")
    page.locator(".facets a", has_text="Lori Lightfoot").click()
    page.wait_for_url("**speaker=lori-lightfoot*")
    page.locator("article.quote a.permalink").first.click()
    page.wait_for_url("**/quotes/*")
    assert not page.get_by_role("button", name="Copy citation").is_visible()
    assert page.locator("#citation-text").inner_text().strip()
    page.locator(".cite ul.tabs a").last.click()
    page.wait_for_url("**cite=*")
    chosen = page.url.split("cite=")[1].split("#")[0]
    assert f"cite={chosen}" in page.locator(".cite a.selected").get_attribute("href")
    context.close()


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   return { tag: el.tagName, href: el.getAttribute('href') || '',
                            inResults: !!el.closest('#results .quote'),
                            inFacets: !!el.closest('#filters') }; }"""
    )


def test_keyboard_path_to_the_first_result(browser, base_url: str) -> None:
    """Tab, Enter, Tab: from the top of a results page to the first result, at both widths;
    at any width the results are reached before the facets."""
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 844}, base_url=base_url)
        page = context.new_page()
        page.goto("/?q=budget+OR+buses+OR+staffing")
        page.keyboard.press("Tab")
        assert _focused(page)["href"] == "#results", width
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert _focused(page)["inResults"], (width, _focused(page))
        # without the skip link, Tab from the search button meets a result before a facet
        page.goto("/?q=budget+OR+buses+OR+staffing")
        page.get_by_role("button", name="Search").focus()
        for _ in range(40):
            page.keyboard.press("Tab")
            where = _focused(page)
            if where["inResults"] or where["inFacets"]:
                break
        assert where["inResults"], (width, where)
        context.close()


def test_split_quote_is_marked_part_by_part(page) -> None:
    record = by_text("walking away")
    page.goto(f"/quotes/{record['id']}")
    assert page.locator(".context mark").count() == 2
    page.locator(".source-facts dd a").first.click()  # the article link lands on the mark
    page.wait_for_url(f"**/articles/union-answers#q-{record['id']}")
    marks = page.locator(f'.article-body mark[data-quote="{record["id"]}"]')
    assert marks.all_inner_texts() == [
        "We are not walking away from the table,",
        "The schools need nurses and librarians.",
    ]
    assert page.evaluate("document.querySelector(':target').id") == f"q-{record['id']}"
    assert page.locator(".article-body a.attr").all_inner_texts() == ["Stacy Davis Gates"]
    # a quote's link stands out from the text by more than its highlight (axe-core's
    # link-in-text-block: the highlight alone has 1.2:1 contrast with the page)
    underline = marks.first.locator("a").evaluate("a => getComputedStyle(a).textDecorationLine")
    assert "underline" in underline


def test_axe_finds_no_accessibility_violations(browser, base_url: str) -> None:
    axe_module = pytest.importorskip(
        "axe_playwright_python.sync_playwright",
        reason="the axe checks need axe-playwright-python: pip install -e '.[test]'",
    )
    axe = axe_module.Axe()
    urls = ["/", "/?q=budget+OR+buses", "/?q=education&per_page=1&page=2",
            "/speakers", "/speakers/lori-lightfoot", "/articles/chicago/2019/strike-talks",
            "/articles/union-answers", f"/quotes/{by_text('dollar')['id']}"]
    found = []
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 844}, base_url=base_url)
        page = context.new_page()
        for url in urls:
            page.goto(url)
            for violation in axe.run(page).response["violations"]:
                targets = [node["target"] for node in violation["nodes"]]
                found.append((width, url, violation["id"], targets))
        context.close()
    assert found == []


def test_speaker_counts_are_aligned_right(page) -> None:
    page.goto("/speakers")
    cell = page.locator("table.speakers td.num").first
    assert cell.evaluate("el => getComputedStyle(el).textAlign") == "right"
