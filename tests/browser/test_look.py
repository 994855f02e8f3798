"""The newsroom's look in Chromium: the news before the fact boxes on a phone, the boxes beside the
text on a desktop, and the archive's filters with and without JavaScript.

Expectations come from the pages' sources (the seed, the releases the build adds) or from the
pages that work without JavaScript, never from what the script itself computes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, expect

from ..helpers import build_look_site, copy_project, run_build
from .conftest import VIEWPORTS, Context, Site, serve

pytestmark = pytest.mark.browser


def _box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def test_phone_shows_headline_date_dateline_and_lead_before_any_fact_box(browser: Browser, site: Site) -> None:
    context = Context(browser, site, "phone")
    try:
        page = context.context.new_page()
        page.goto(site(site.pages["release"]))
        boxes = page.locator("aside.fact-box")
        assert boxes.count() == 3
        first_box = min(box.bounding_box()["y"] for box in boxes.all())  # type: ignore[index]
        for selector in ("h1", ".nr-release__date", ".nr-dateline", ".nr-release__lead"):
            part = _box(page, selector)
            assert part["y"] + part["height"] <= first_box, selector
        # Each box is one line (name and stage) until opened, and then shows its facts.
        line = _box(page, ".nr-release__lead p")
        for box in boxes.all():
            expect(box.locator(".fact-box__name")).to_be_visible()
            expect(box.locator(".fact-box__stage")).to_be_visible()
            expect(box.locator("dl")).to_be_hidden()
            height = box.bounding_box()["height"]  # type: ignore[index]
            assert height < 3 * 24, height  # about one line of 1.1rem text plus padding
        first = boxes.first
        first.locator("summary").click()
        expect(first.locator("dl")).to_be_visible()
        expect(first.get_by_role("link", name=re.compile("^Current facts about"))).to_be_visible()
        assert line["y"] < _box(page, ".nr-release__rest p")["y"]
        assert context.failed == [] and context.outside == []
    finally:
        context.close()


def test_desktop_keeps_the_fact_boxes_beside_the_text(browser: Browser, site: Site) -> None:
    context = Context(browser, site, "desktop")
    try:
        page = context.context.new_page()
        page.goto(site(site.pages["release"]))
        lead = _box(page, ".nr-release__lead")
        boxes = page.locator("aside.fact-box")
        for box in boxes.all():
            expect(box.locator("dl")).to_be_visible()
            expect(box.locator(".fact-box__stage")).to_be_hidden()
            assert box.bounding_box()["x"] >= lead["x"] + lead["width"]  # type: ignore[index]
        # The column starts beside the lead, and the rest follows the lead without a gap for the boxes.
        assert abs(boxes.first.bounding_box()["y"] - lead["y"]) < 40  # type: ignore[index]
        rest = _box(page, ".nr-release__rest")
        assert 0 <= rest["y"] - (lead["y"] + lead["height"]) < 40
        # Shown whole, each box says so (it was announced as collapsed), and its summary, which
        # opens nothing here, is no keyboard stop.
        for box in boxes.all():
            expect(box.locator("details")).to_have_attribute("open", "")
            assert box.locator("summary").get_attribute("tabindex") == "-1"
        # Made narrow, the boxes close again and open on demand.
        page.set_viewport_size({"width": 400, "height": 800})
        expect(boxes.first.locator("dl")).to_be_hidden()
        assert boxes.first.locator("summary").get_attribute("tabindex") is None
    finally:
        context.close()


# The archive's filters, on a site with several years, topics and products -------------------------


@pytest.fixture(scope="module")
def look(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = build_look_site(tmp_path_factory.mktemp("look-browser"))
    with serve(root) as url:
        yield Site(url, root, {"archive": "releases/"})


def _listed(page: Page) -> list[str]:
    """The addresses of the releases the page shows, in order."""
    return [urljoin(page.url, href or "") for href in (a.get_attribute("href") for a in page.locator(".nr-entry:visible .nr-entry__title").all())]


def _filter_links(page: Page, kind: str) -> list[tuple[str, str]]:
    """(value, absolute address) of each filter link of a kind, "All" left out."""
    found = []
    for link in page.locator(f'.nr-filters a[data-filter="{kind}"]').all():
        value = link.get_attribute("data-value") or ""
        if value:
            found.append((value, urljoin(page.url, link.get_attribute("href") or "")))
    return found


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_filters_are_links_without_javascript(browser: Browser, look: Site, width: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[width], java_script_enabled=False, base_url=look.url)
    try:
        page = context.new_page()
        page.goto(look("releases/"))
        everything = _listed(page)
        years = _filter_links(page, "year")
        assert len(years) >= 3
        for year, address in years:
            page.goto(look("releases/"))
            page.locator(f'.nr-filters a[data-filter="year"][data-value="{year}"]').click()
            page.wait_for_url(address)
            assert address.endswith(f"/releases/{year}/")
            shown = _listed(page)
            assert shown and all(re.search(rf"/releases/{year}-\d\d-\d\d-", url) for url in shown), shown
            assert shown == [url for url in everything if f"/releases/{year}-" in url]
            expect(page.locator(f'.nr-filters a[data-value="{year}"]')).to_have_attribute("aria-current", "page")
        topic, address = _filter_links(page, "topic")[0]
        page.locator(f'.nr-filters a[data-filter="topic"][data-value="{topic}"]').click()
        page.wait_for_url(address)
        assert address.endswith(f"/tags/{topic}/")
        assert set(_listed(page)) <= set(everything) and _listed(page)
    finally:
        context.close()


def test_filters_combine_in_place_with_javascript(browser: Browser, look: Site) -> None:
    context = Context(browser, look, "desktop")
    try:
        page = context.context.new_page()
        # What the pages without JavaScript list: each year's page and each topic's page.
        page.goto(look("releases/"))
        everything = _listed(page)
        by_year = {}
        for year, address in _filter_links(page, "year"):
            page.goto(address)
            by_year[year] = _listed(page)
        page.goto(look("releases/"))
        by_topic = {}
        for topic, address in _filter_links(page, "topic"):
            page.goto(address)
            by_topic[topic] = set(_listed(page))
        page.goto(look("releases/"))
        status = page.locator(".nr-filter__status")
        for year, listed in by_year.items():
            page.locator(f'.nr-filters a[data-filter="year"][data-value="{year}"]').click()
            expect(page).to_have_url(re.compile(rf"/releases/\?year={year}$"))
            assert _listed(page) == listed
            expect(status).to_have_text(f"{len(listed)} press release{'' if len(listed) == 1 else 's'}")
            expect(page.locator(f'.nr-filters a[data-value="{year}"]')).to_have_attribute("aria-current", "true")
        # A year and a topic together: what both pages list.
        year, listed = next((y, entries) for y, entries in by_year.items() if any(set(entries) & t for t in by_topic.values()))
        topic = next(t for t, entries in by_topic.items() if set(listed) & entries)
        page.locator(f'.nr-filters a[data-filter="year"][data-value="{year}"]').click()
        page.locator(f'.nr-filters a[data-filter="topic"][data-value="{topic}"]').click()
        expect(page).to_have_url(re.compile(rf"/releases/\?year={year}&topic={topic}$"))
        assert _listed(page) == [url for url in listed if url in by_topic[topic]]
        # The address keeps the choice: opened afresh, the page shows the same; back undoes a step.
        page.goto(look(f"releases/?year={year}&topic={topic}"))
        assert _listed(page) == [url for url in listed if url in by_topic[topic]]
        page.locator('.nr-filters a[data-filter="topic"][data-value=""]').click()
        page.locator('.nr-filters a[data-filter="year"][data-value=""]').click()
        assert _listed(page) == everything
        expect(status).to_have_text("")
        page.go_back()
        expect(page).to_have_url(re.compile(rf"/releases/\?year={year}$"))
        assert _listed(page) == listed
        assert context.failed == [] and context.outside == []
    finally:
        context.close()


def test_the_site_path_and_404_are_served_like_github_pages(look: Site, browser: Browser) -> None:
    """The test server answers a missing address with 404.html, whose links carry site_url's path."""
    context = Context(browser, look, "desktop")
    try:
        page = context.context.new_page()
        response = page.goto(look("no/such/page/"))
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("Page not found")
        page.get_by_role("link", name="All press releases").click()
        expect(page.locator("h1")).to_have_text("Press releases")
        assert Path(look.root / "404.html").is_file()
    finally:
        context.close()


# Wide content on paper and on a small phone ------------------------------------------------------

WIDE_TABLE = (
    "Cellectar Reports Quarterly Figures\n\n"
    "MADISON, Wis., Feb. 3, 2025 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today reported its figures.\n\n"
    + "\t".join(["Metric", *(f"Q{q} {y}" for y in (2024, 2025) for q in range(1, 5)), "FY 2024", "FY 2025", "Change %"])
    + "\n"
    + "\n".join("\t".join([label, *(f"$({n},{n}45,000)" for n in range(1, 12))]) for label in ("Research and development expenses", "General and administrative expenses"))
    + "\n\nSource: Cellectar Biosciences, Inc.\n"
)


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = copy_project(tmp_path_factory.mktemp("wide") / "project")
    (project / "content" / "releases" / "2025-02-03-figures.txt").write_text(WIDE_TABLE, encoding="utf-8")
    run_build(project)
    root = project / "site"
    with serve(root) as url:
        yield Site(url, root, {"release": next(root.glob("releases/2025-02-03-*/index.html")).parent.relative_to(root).as_posix() + "/"})


def test_a_wide_table_prints_whole(browser: Browser, wide: Site) -> None:
    """On screen it scrolls in its box; on paper its last columns were cut off at the margin."""
    # About an A4 page's width inside its margins.
    context = browser.new_context(viewport={"width": 700, "height": 1000}, base_url=wide.url)
    try:
        page = context.new_page()
        page.goto(wide(wide.pages["release"]))
        page.emulate_media(media="print")
        region = page.locator(".nr-table").first
        sizes = region.evaluate("box => [box.scrollWidth, box.clientWidth]")
        assert sizes[0] <= sizes[1] + 1, sizes
        body = _box(page, ".md-content")
        last = page.locator(".nr-table__table tr").first.locator("td, th").last
        expect(last).to_have_text("Change %")
        cell = last.bounding_box()
        assert cell is not None and cell["x"] + cell["width"] <= body["x"] + body["width"] + 1, (cell, body)
    finally:
        context.close()


def test_the_products_page_fits_a_small_phone(browser: Browser, wide: Site) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=wide.url)
    try:
        page = context.new_page()
        page.goto(wide("products/"))
        cards = page.locator(".nr-cards > *")
        assert cards.count() >= 3
        for card in cards.all():
            box = card.bounding_box()
            assert box is not None and box["x"] + box["width"] <= 320, box
    finally:
        context.close()
