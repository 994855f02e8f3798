"""axe-core on every page type, at both widths and in both palettes; and the screenshots a
reviewer looks at, taken of the same pages (test-output/screenshots/).

axe comes with the `axe-playwright-python` package (it bundles axe.min.js), so the check runs
offline. Any violation fails, whatever its impact; the report names the rule and the elements.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .conftest import SCHEMES, Context, Site

pytestmark = pytest.mark.browser

PAGE_KINDS = ("home", "archive", "release", "tag", "products", "product", "404")
AXE = Axe()


def _open(page: Page, site: Site, kind: str, scheme: str) -> None:
    page.goto(site(site.pages[kind]))
    # The palette follows the reader's system preference; make sure the one under test is on.
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    # Material fades the header's tabs in after load: judge colours at rest, not mid-fade.
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_or_critical_violations(
    page: Page, context: Context, site: Site, kind: str, width: str, scheme: str, screenshots: Path
) -> None:
    _open(page, site, kind, scheme)
    page.screenshot(path=screenshots / f"{kind}-{width}-{scheme}.png", full_page=True)
    results = AXE.run(page)
    assert results.response["testEngine"]["name"] == "axe-core"
    violations = results.response["violations"]
    assert not violations, "\n".join(results.generate_report(v["id"]) for v in violations)
    # The 404 page is answered with its status, as GitHub Pages does; nothing else may fail.
    expected = [f"404 {site(site.pages[kind])}"] if kind == "404" else []
    assert context.failed == expected, "the site failed to answer some of the page's requests"
    assert context.outside == [], "the page asked for something outside the site"


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_print_is_the_page_alone_in_black_on_white(
    page: Page, site: Site, kind: str, width: str, scheme: str, screenshots: Path
) -> None:
    """Printed from either palette, a page is dark text on white paper without the site's chrome."""
    _open(page, site, kind, scheme)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-footer", ".md-search"):
        expect(page.locator(chrome)).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    colour = page.locator("article.md-content__inner").evaluate("element => getComputedStyle(element).color")
    assert _luminance(colour) < 0.1, colour
    background = page.locator("body").evaluate("element => getComputedStyle(element).backgroundColor")
    assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background
    if scheme == "light":
        page.screenshot(path=screenshots / f"{kind}-{width}-print.png", full_page=True)
        if kind == "release" and width == "desktop":
            pdf = screenshots / "release-print.pdf"
            page.pdf(path=pdf, format="A4", print_background=False)
            assert pdf.read_bytes().startswith(b"%PDF")


def _luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of an rgb()/rgba() colour, its alpha taken over white."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css_colour)]
    red, green, blue = numbers[:3]
    alpha = numbers[3] if len(numbers) > 3 else 1.0

    def channel(value: float) -> float:
        value = (value * alpha + 255 * (1 - alpha)) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("state", ["focus", "hover"])
def test_the_subscribe_button_and_links_stay_legible_when_focused_or_hovered(page: Page, site: Site, scheme: str, state: str) -> None:
    """axe on the home page with a button, then a link, focused or hovered: in the dark palette the
    button's label was 1.2:1 on its hover fill, and the accent's link text 3.8:1 (4.3:1 in light)."""
    _open(page, site, "home", scheme)
    for target in (page.locator(".md-typeset a.md-button").first, page.locator(".md-typeset a:not(.md-button)").first):
        target.focus() if state == "focus" else target.hover()
        page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")
        results = AXE.run(page, options={"runOnly": ["color-contrast"]})
        violations = results.response["violations"]
        assert not violations, "\n".join(results.generate_report(v["id"]) for v in violations)
