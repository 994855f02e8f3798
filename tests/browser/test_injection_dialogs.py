"""Markup in headlines, tag and product names and an edited release's body runs nothing in
Chromium: no page of any kind, and no search result, opens a dialog, and the header shows the
headline as typed.

The site is the one tests/test_injection.py checks statically (tests/fixtures/injection);
every payload there calls alert(), which a dialog listener records.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from ..helpers import INJECTED, INJECTED_EDITED, release_url, tag_urls
from .conftest import Context, Site

RELEASES = INJECTED["releases"]
PRODUCT = INJECTED["product"]

pytestmark = pytest.mark.browser


class Watched:
    """A page in a fresh desktop context, with every dialog it opens recorded and dismissed."""

    def __init__(self, browser: Browser, site: Site) -> None:
        self.context = Context(browser, site, "desktop")
        self.page: Page = self.context.context.new_page()
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message} on {self.page.url}")
        dialog.dismiss()

    def visit(self, path: str) -> Page:
        self.page.goto(self.context.site(path))
        # Images that fail (src=x) fire onerror only after their request: wait for the network.
        self.page.wait_for_load_state("networkidle")
        return self.page


@pytest.fixture
def watched(browser: Browser, injection_served: Site) -> Iterator[Watched]:
    opened = Watched(browser, injection_served)
    yield opened
    opened.context.close()


def _titled_pages(site: Site) -> dict[str, str]:
    """Every page whose own title is a headline, tag or product name, with that title."""
    pages = {release_url(release): release["headline"] for release in RELEASES.values()}
    pages.update({url: name for name, url in tag_urls(site.root).items()})
    pages[f"products/{PRODUCT['id']}/"] = PRODUCT["name"]
    return pages


def test_no_page_opens_a_dialog_and_the_header_shows_the_title(watched: Watched, injection_served: Site) -> None:
    titled = _titled_pages(injection_served)
    headers: dict[str, str] = {}
    for path in ["", "releases/", "tags/", "products/", *titled]:
        page = watched.visit(path)
        # Material shows this topic in the header once the page is scrolled past its heading.
        headers[path] = (page.locator('[data-md-component="header-topic"]').text_content() or "").strip()
    assert watched.dialogs == []
    assert {path: headers[path] for path in titled} == titled
    # An <img src=x> that became an element would have asked the server for "x".
    assert watched.context.failed == [] and watched.context.outside == []
    # The 404 page links its assets under site_url's path (/newsroom/), which this server lacks.
    watched.visit("404.html")
    assert watched.dialogs == []


@pytest.mark.parametrize("query", ["Acme", "Beta", "Gamma", "Kestrel", "Heading"])
def test_search_results_open_no_dialog_and_show_titles_as_text(watched: Watched, query: str) -> None:
    """Material's search shows result titles as HTML: they must come out as the text typed."""
    titles = [*(r["headline"] for r in RELEASES.values()), PRODUCT["name"], *INJECTED_EDITED["tags"], *INJECTED_EDITED["literal"]]
    expected = [title for title in titles if title.startswith(query) or f" {query} " in title]
    page = watched.visit("")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=20)
    titles_shown = page.locator(".md-search-result__item :is(h1, h2)")
    for title in expected:
        expect(titles_shown.filter(has_text=title).first).to_be_visible(timeout=10_000)
    page.wait_for_load_state("networkidle")
    shown = [" ".join(text.split()) for text in page.locator(".md-search-result__item :is(h1, h2)").all_inner_texts()]
    assert expected and set(expected) <= set(shown), shown
    assert watched.dialogs == []
    assert watched.context.failed == [] and watched.context.outside == []
