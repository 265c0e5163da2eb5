"""The explorer in real headless Chromium (the Debian package, driven by Playwright).

Skipped when /usr/bin/chromium is absent, except under CI=true, where that is a failure.
Screenshots go to tests/screenshots/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .serve_helpers import corpus_store, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _need_browser() -> None:
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed (pip install -e '.[test]')"
    if missing is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {missing}")
    pytest.skip(missing)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _need_browser()
    process, url = start_server(corpus_store())
    try:
        yield url
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_search_actor_and_follow_a_fact_to_its_evidence(server, page):
    page.goto(server + "/")
    page.fill("input[name=q]", "babilov")  # a variant spelling from one article
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=babilov")
    shot(page, "search")
    page.click("text=Anatoly Bibilov")
    page.wait_for_url("**/actor/anatoly-bibilov")
    assert page.inner_text("h1").startswith("Anatoly Bibilov")
    shot(page, "actor")
    page.locator("a.doc[href*='#span-849-989']").first.click()
    page.wait_for_url("**/document/2011-11-28-dfwatch-south-ossetia-waits-for-runoff-results#span-849-989")
    target = page.locator("#fulltext mark#span-849-989")
    assert "25.44%" in target.inner_text()
    assert target.locator("a.mention").count() >= 2
    assert page.evaluate("document.querySelector(':target').id") == "span-849-989"
    highlighted = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert highlighted == "rgb(255, 201, 77)", "the span the link points at stands out"
    assert page.locator("#fulltext mark.evidence").count() >= 5  # every fact span, not only this one
    assert "Eleven candidates participated" in page.inner_text("#fulltext")  # the whole text
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "scrolled to the span"
    shot(page, "document")


def test_election_chart_draws(server, page):
    page.goto(server + "/election/south-ossetia/president/2011")
    canvas = page.locator("#chart-round-1")
    page.wait_for_function("document.getElementById('chart-round-1').dataset.drawn !== undefined")
    assert int(canvas.get_attribute("data-drawn") or 0) >= 2
    # something was painted: the canvas is not blank
    painted = page.evaluate(
        """() => { const c = document.getElementById('chart-round-1');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""
    )
    assert painted > 1000
    shot(page, "election")


def drawn_nodes(page: Any) -> int:
    return int(page.get_attribute("#network", "data-nodes") or 0)


def test_network_draws_nodes_and_filters_without_a_reload(server, page):
    page.goto(server + "/network")
    page.wait_for_function("document.getElementById('network').dataset.nodes !== undefined", timeout=20000)
    everyone = drawn_nodes(page)
    assert everyone >= 5
    assert page.locator("#network canvas").count() == 1
    shot(page, "network")
    rows = page.locator("#network-table tbody tr").count()
    page.evaluate("window.notReloaded = true")
    page.select_option("select[name=election]", label="2005 Abkhazia presidential election")
    page.wait_for_function(f"Number(document.getElementById('network').dataset.nodes) < {everyone}")
    fewer = drawn_nodes(page)
    assert 0 < fewer < everyone
    assert page.evaluate("window.notReloaded === true"), "filtered in place"
    assert "election=" in page.url  # the address keeps the filter
    assert page.locator("#network-table tbody tr").count() < rows
    assert "Raul Khajimba" in page.inner_text("#network-table tbody")
    assert "Unity" not in page.inner_text("#network-table tbody")
    shot(page, "network-filtered")
    page.select_option("select[name=election]", value="")
    page.fill("input[name=until]", "1990-01-01")
    page.wait_for_function("Number(document.getElementById('network').dataset.nodes) === 0")
    assert "No endorsements match." in page.inner_text("#network-table tbody")
    page.fill("input[name=until]", "")
    page.wait_for_function(f"Number(document.getElementById('network').dataset.nodes) === {everyone}")
    assert page.evaluate("window.notReloaded === true")


def test_a_network_too_large_to_carry_is_filtered_by_the_server(server, page):
    # the server says a page is incomplete past app.DRAWN_EDGES endorsements; here its page is told so
    def incomplete(route: Any) -> None:
        response = route.fetch()
        marker = '<script type="application/json" id="network-data">{'
        route.fulfill(response=response, body=response.text().replace(marker, marker + '"complete": false, ', 1))

    page.route(re.compile(r"/network(\?[^/]*)?$"), incomplete)  # the pages, not network.js
    page.goto(server + "/network")
    page.wait_for_function("document.getElementById('network').dataset.nodes !== undefined", timeout=20000)
    assert drawn_nodes(page) >= 5  # the edges it was sent
    rows = page.locator("#network-table tbody tr").count()
    page.evaluate("window.notReloaded = true")
    page.select_option("select[name=election]", label="2005 Abkhazia presidential election")
    page.wait_for_url("**/network?election=*")  # the form went to the server
    page.wait_for_function("document.getElementById('network').dataset.nodes !== undefined", timeout=20000)
    assert page.evaluate("window.notReloaded === undefined"), "a new page"
    assert 0 < page.locator("#network-table tbody tr").count() < rows
    assert "Raul Khajimba" in page.inner_text("#network-table tbody")


def test_recognition_timeline_shows_dated_entries_with_evidence(server, page):
    page.goto(server + "/recognitions")
    page.click("text=South Ossetia")
    page.wait_for_url("**/recognitions/south-ossetia")
    entries = page.locator("ol.timeline > li")
    assert entries.count() >= 10
    dates = page.eval_on_selector_all("ol.timeline time[datetime]", "els => els.map(e => e.getAttribute('datetime'))")
    assert dates[0] == "2008" and dates == sorted(dates) and len(dates) == entries.count()
    assert "Russia" in entries.first.inner_text() and "recognizes" in entries.first.inner_text()
    shot(page, "recognition-timeline")
    entries.first.locator("a.sentence").click()
    page.wait_for_url("**/document/2012-04-09-*#span-*")
    target = page.locator(":target")
    assert target.locator("a.mention[href='/actor/russia']").count() == 1  # 'Moscow', resolved to Russia
    assert "recognized" in target.inner_text()


def test_pages_read_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(server + "/network")
        assert tab.locator("table td a").count() >= 5  # the edges as a table
        tab.select_option("select[name=election]", label="2005 Abkhazia presidential election")
        tab.click("text=Filter")  # without JavaScript the form asks the server
        tab.wait_for_url("**/network?election=*")
        assert "Raul Khajimba" in tab.inner_text("#network-table") and "Unity" not in tab.inner_text("#network-table")
        tab.goto(server + "/recognitions/south-ossetia")
        assert tab.locator("ol.timeline time[datetime]").count() >= 10
        tab.goto(server + "/document/2011-11-28-dfwatch-south-ossetia-waits-for-runoff-results")
        assert tab.locator("#fulltext mark.evidence").count() >= 5
        tab.goto(server + "/election/south-ossetia/president/2011")
        assert "25.44" in tab.inner_text("table")
    finally:
        context.close()
