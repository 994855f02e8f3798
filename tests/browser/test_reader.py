"""A reader's way through the newsroom in Chromium, at desktop and phone widths.

Expectations come from the sources a person would compare the page with: the seed release as
received, the product catalogue and the tag rules, never from the generated HTML.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import feedparser
import pytest
import yaml
from playwright.sync_api import Page, expect

from ..helpers import ROOT, SEED
from .conftest import Context, Site

pytestmark = pytest.mark.browser

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = [" ".join(line.split()) for line in SEED_TEXT.splitlines() if line.strip()]
HEADLINE = next(line for line in SEED_LINES if line.startswith("Cellecstar Biosciences Announces"))
TOP_DATE = SEED_LINES[0]
DATELINE = re.search(r"^(MADISON.*?\(GLOBE NEWSWIRE\) --)", SEED_TEXT, flags=re.M).group(1)
NEWS = SEED_TEXT.split("\nAbout ", 1)[0]  # the news before the boilerplate, where products count


def _mentioned_products() -> list[str]:
    """Names of the catalogue's products whose aliases the seed's news text uses."""
    products = yaml.safe_load((ROOT / "content" / "products.yml").read_text(encoding="utf-8"))["products"]
    return [
        product["name"]
        for product in products
        if any(re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", NEWS) for alias in product["aliases"])
    ]


def _tag_names() -> set[str]:
    return {tag["name"] for tag in yaml.safe_load((ROOT / "content" / "tags.yml").read_text(encoding="utf-8"))["tags"]}


def _open_release_from_home(page: Page, site: Site) -> None:
    page.goto(site())
    card = page.locator(".nr-latest .nr-entry", has_text=HEADLINE)
    expect(card).to_be_visible()
    expect(card.locator("time")).to_have_text(TOP_DATE)
    card.get_by_role("link", name=HEADLINE).click()
    page.wait_for_url(site(site.pages["release"]))


def test_home_release_tag_product_and_back(page: Page, site: Site, context: Context) -> None:
    _open_release_from_home(page, site)
    expect(page.locator("h1")).to_have_text(HEADLINE)
    expect(page.locator(".nr-release__date")).to_have_text(TOP_DATE)
    expect(page.locator(".nr-dateline")).to_have_text(DATELINE)
    expect(page.locator(".nr-dateline")).to_be_visible()

    products = _mentioned_products()
    assert len(products) == 3  # CLR 131, CLR 125 and the PDC platform (DESIGN.md)
    boxes = page.locator("aside.fact-box")
    expect(boxes).to_have_count(len(products))
    for product in products:
        box = boxes.filter(has=page.get_by_role("heading", name=product, exact=True))
        expect(box).to_be_visible()
        expect(box).to_contain_text(f"Facts as of {TOP_DATE}")

    chips = page.locator(".nr-release .md-tag")
    shown = chips.all_inner_texts()
    assert "Patents" in shown and set(products) <= set(shown), shown
    assert set(shown) <= _tag_names(), shown
    for chip in chips.all():
        expect(chip).to_be_visible()

    release_url = page.url
    chips.filter(has_text=re.compile(r"^Patents$")).click()
    page.wait_for_url(re.compile(r"/tags/patents/$"))
    expect(page.locator("h1")).to_have_text("Patents")
    expect(page.get_by_role("link", name=HEADLINE)).to_be_visible()
    page.go_back()
    page.wait_for_url(release_url)
    expect(page.locator("h1")).to_have_text(HEADLINE)

    product = products[0]
    current = page.get_by_role("link", name=f"Current facts about {product}")
    if not current.is_visible():  # on a phone the box is one line until opened
        boxes.filter(has=page.get_by_role("heading", name=product, exact=True)).locator("summary").click()
    current.click()
    page.wait_for_url(re.compile(r"/products/[^/]+/$"))
    expect(page.locator("h1")).to_have_text(product)
    # Exactly: the timeline's marker for it is named by its date, headline and topic.
    expect(page.get_by_role("link", name=HEADLINE, exact=True)).to_be_visible()
    page.go_back()
    page.wait_for_url(release_url)
    expect(page.locator("h1")).to_have_text(HEADLINE)
    assert context.outside == [], "the pages asked for something outside the site"
    assert context.failed == [], "the site failed to answer some of the pages' requests"


def test_forward_looking_statements_open_on_click(page: Page, site: Site) -> None:
    page.goto(site(site.pages["release"]))
    details = page.locator("details", has_text="forward-looking statements")
    first_sentence = "This news release contains forward-looking statements."
    text = details.get_by_text(first_sentence)
    expect(details.locator("summary")).to_be_visible()
    expect(text).to_be_hidden()
    details.locator("summary").click()
    expect(text).to_be_visible()
    expect(details).to_have_attribute("open", "")


def test_search_finds_the_release_by_a_phrase_from_its_body(page: Page, site: Site) -> None:
    phrase = "glycolipoprotein microdomains"
    assert phrase in " ".join(SEED_TEXT.split())
    page.goto(site())
    toggle = page.locator('label.md-header__button[for="__search"]')
    if toggle.is_visible():  # phones: the search field opens from an icon
        toggle.click()
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(phrase, delay=20)
    result = page.locator(".md-search-result__item a", has_text=HEADLINE).first
    expect(result).to_be_visible(timeout=10_000)
    result.click()
    # search.highlight adds ?h=… to the result link, to mark the words on the page
    page.wait_for_url(re.compile(re.escape(site(site.pages["release"])) + r"(\?h=[^#]*)?(#.*)?$"))
    expect(page.locator("h1")).to_have_text(HEADLINE)


def test_subscribe_link_is_the_rss_feed(page: Page, site: Site) -> None:
    page.goto(site())
    link = page.get_by_role("link", name=re.compile(r"Subscribe.*RSS"))
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href is not None
    url = urljoin(page.url, href)
    assert url == site("feed.xml")
    response = page.request.get(url)
    assert response.ok
    assert "xml" in response.headers["content-type"]
    feed = feedparser.parse(response.body())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == [HEADLINE]


def test_palette_toggle_switches_to_dark_and_back(page: Page, site: Site) -> None:
    page.goto(site())
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator('form[data-md-component="palette"] label').filter(visible=True).click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator('form[data-md-component="palette"] label').filter(visible=True).click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_print_shows_the_release_without_navigation(page: Page, site: Site) -> None:
    page.goto(site(site.pages["release"]))
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".md-footer__inner", ".nr-subscribe"):
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    article = page.locator("article.md-content__inner")
    printed = " ".join(article.inner_text().split())
    missing = [line for line in SEED_LINES if line not in printed]
    assert not missing, missing
    expect(page.locator("h1")).to_be_visible()
    expect(page.get_by_text("This news release contains forward-looking statements.")).to_be_visible()
    expect(page.get_by_text("Jules Abraham")).to_be_visible()
    expect(page.locator("a[href^='mailto:']").first).to_be_visible()
