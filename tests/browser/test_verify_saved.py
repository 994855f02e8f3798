"""A release page as a browser saves it (its DOM after the page's scripts ran, serialized by
Chromium) checked with `newsroom verify`: still genuine; with one word changed in the browser, altered."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import Browser

from newsroom.cli import main

from .conftest import Site


def _saved(browser: Browser, site: Site, folder: Path, change: str = "") -> tuple[Path, object]:
    """The release page loaded in Chromium, ``change`` (a JavaScript function) run on it, saved
    as HTML; and what ``change`` returned."""
    page = browser.new_page()
    try:
        page.goto(site(site.pages["release"]))
        answer = page.evaluate(change) if change else None
        html = page.content()
    finally:
        page.close()
    saved = folder / "saved.html"
    saved.write_text(html, encoding="utf-8")
    return saved, answer


def test_a_page_saved_by_the_browser_is_genuine(browser: Browser, site: Site, tmp_path: Path) -> None:
    saved, _ = _saved(browser, site, tmp_path)
    result = CliRunner().invoke(main, ["verify", str(saved), "--manifest", str(site.root / "releases.json")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("genuine, published ")


def test_a_word_changed_in_the_browser_is_altered(browser: Browser, site: Site, tmp_path: Path) -> None:
    # The third paragraph of the body gets one word more, as a forger editing the page would; its
    # number counts the headline and every block of the body before it.
    change = """() => {
        const p = document.querySelectorAll('.nr-release__body p')[2];
        p.textContent = p.textContent + ' Guaranteed.';
        const blocks = [...document.querySelectorAll('.nr-release__body :is(p, h1, h2, h3, h4, h5, h6, li, td, th, pre, dt, dd)')];
        return blocks.indexOf(p) + 2;
    }"""
    saved, number = _saved(browser, site, tmp_path, change)
    result = CliRunner().invoke(main, ["verify", str(saved), "--manifest", str(site.root / "releases.json")])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("altered")
    assert f"paragraph {number} differs:" in result.output
    assert "Guaranteed." in result.output
