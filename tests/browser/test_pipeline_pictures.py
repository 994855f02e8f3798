"""The pipeline chart and product timelines as a reader meets them in Chromium: axe-core finds
nothing on the pages that carry them (light and dark, desktop and phone), they are visible and
reachable whole at 390 px without the page scrolling sideways, their colours keep WCAG contrast in
both palettes, and printing keeps them. Screenshots: test-output/screenshots/pipeline-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from .conftest import SCHEMES, Site

pytestmark = pytest.mark.browser

AXE = Axe()
# Page kind → (path in the site, the picture it carries)
PICTURES = {
    "home": ("", ".nr-pipeline"),
    "products": ("products/", ".nr-pipeline"),
    "product": ("products/clr-131/", ".nr-timeline"),
    "release": (None, ".nr-pipeline"),
}


def _open(page: Page, site: Site, kind: str, scheme: str) -> Locator:
    path = PICTURES[kind][0]
    page.goto(site(site.pages["release"] if path is None else path))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")
    if kind == "release":
        page.locator("details.nr-pipeline-then > summary").click()
    picture = page.locator(PICTURES[kind][1])
    expect(picture).to_be_visible()
    return picture


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", list(PICTURES))
def test_no_axe_violations(page: Page, site: Site, kind: str, width: str, scheme: str, screenshots: Path) -> None:
    _open(page, site, kind, scheme)
    page.screenshot(path=screenshots / f"pipeline-{kind}-{width}-{scheme}.png", full_page=True)
    results = AXE.run(page)
    violations = results.response["violations"]
    assert not violations, "\n".join(results.generate_report(v["id"]) for v in violations)


@pytest.mark.parametrize("width", ["phone"])
@pytest.mark.parametrize("kind", list(PICTURES))
def test_whole_and_reachable_on_a_phone(page: Page, site: Site, kind: str, width: str) -> None:
    assert page.viewport_size == {"width": 390, "height": 844}
    picture = _open(page, site, kind, "light")
    frame = picture.locator("xpath=..")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
    box = frame.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    # The picture scrolls inside its frame: scrolled to its end, its right edge shows.
    frame.evaluate("frame => { frame.scrollLeft = frame.scrollWidth; }")
    right = picture.evaluate("svg => svg.getBoundingClientRect().right")
    assert right <= 390 + 0.5, right
    assert frame.evaluate("frame => getComputedStyle(frame).overflowX") == "auto"
    # Text stays readable: drawn at its own size (12 CSS pixels and more), not shrunk to fit.
    sizes = picture.locator("text").evaluate_all("texts => texts.map(t => t.getBoundingClientRect().height)")
    assert min(sizes) >= 12, sizes
    # The frame can take keyboard focus, so a keyboard can scroll it.
    assert frame.get_attribute("tabindex") == "0"


def _contrast(page: Page, selector: str, prop: str) -> float:
    """The WCAG contrast of ``selector``'s computed ``prop`` (fill or stroke) against the page background."""
    return page.evaluate(
        """([selector, prop]) => {
            const parse = c => { const ctx = document.createElement('canvas').getContext('2d'); ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1); return Array.from(ctx.getImageData(0, 0, 1, 1).data); };
            const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const mix = (top, bottom) => top.slice(0, 3).map((v, i) => v * top[3] / 255 + bottom[i] * (1 - top[3] / 255));
            const background = parse(getComputedStyle(document.body).backgroundColor);
            const colour = mix(parse(getComputedStyle(document.querySelector(selector))[prop]), background);
            const [a, b] = [lum(colour), lum(background)].sort((x, y) => y - x);
            return (a + 0.05) / (b + 0.05);
        }""",
        [selector, prop],
    )


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_colours_keep_their_contrast(page: Page, site: Site, scheme: str) -> None:
    _open(page, site, "products", scheme)
    assert _contrast(page, ".nr-pipeline .nr-chart__bar", "fill") >= 3
    assert _contrast(page, ".nr-pipeline .nr-chart__label", "fill") >= 4.5
    assert _contrast(page, ".nr-pipeline .nr-chart__since", "fill") >= 4.5
    assert _contrast(page, ".nr-pipeline .nr-chart__stage", "fill") >= 4.5
    _open(page, site, "product", scheme)
    assert _contrast(page, ".nr-timeline .nr-timeline__release > :not(title)", "fill") >= 3
    assert _contrast(page, ".nr-timeline .nr-timeline__year", "fill") >= 4.5
    assert _contrast(page, ".nr-timeline .nr-timeline__legend", "fill") >= 4.5


@pytest.mark.parametrize("kind", list(PICTURES))
def test_printing_keeps_them(page: Page, site: Site, kind: str, width: str, screenshots: Path) -> None:
    picture = _open(page, site, kind, "light")
    page.emulate_media(media="print")
    expect(picture).to_be_visible()
    frame = picture.locator("xpath=..")
    # Nothing cut off on paper: the picture fits its frame, which does not scroll.
    assert frame.evaluate("frame => frame.scrollWidth <= frame.clientWidth + 1")
    if kind == "product":
        expect(page.locator(".nr-timeline__list li").first).to_be_visible()
    if width == "desktop":
        page.screenshot(path=screenshots / f"pipeline-{kind}-print.png", full_page=True)


def test_a_timeline_marker_opens_its_release(page: Page, site: Site) -> None:
    picture = _open(page, site, "product", "light")
    marker = picture.get_by_role("link").first
    name = marker.get_attribute("aria-label") or ""
    expect(page.get_by_role("link", name=name)).to_have_count(1)
    marker.click()
    page.wait_for_url(site(site.pages["release"]))
    expect(page.locator("h1")).to_contain_text(name.split(": ", 1)[1].rsplit(" (", 1)[0])
