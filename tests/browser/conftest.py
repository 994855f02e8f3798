"""One built site served on 127.0.0.1 and one Chromium for the whole browser suite.

The browser is Debian's Chromium at /usr/bin/chromium when it is there, else Playwright's own
(``make test`` installs it); CI uses only Debian's and never downloads one. Without a browser the
suite fails with the one line that says how to get one (it must not skip in CI). Every page loads only from the test server:
anything else (web fonts, analytics) is refused and recorded, so the tests are hermetic and
can prove the site makes no third-party requests; answers of 400 and above from the site are
recorded too, catching assets that CSS or JavaScript load and a static crawl cannot see.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, Route, sync_playwright

from ..helpers import ROOT, NoChromium, chromium
from ..htmltext import is_redirect, release_page
from ..httpserver import serve

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SCHEMES = {"light": "default", "dark": "slate"}  # the test's name → Material's palette scheme
SCREENSHOTS = ROOT / "test-output" / "screenshots"


@dataclass
class Site:
    """The served site: its base URL and the paths of one page of each kind."""

    url: str
    root: Path
    pages: dict[str, str] = field(default_factory=dict)

    def __call__(self, path: str = "") -> str:
        return self.url + path


@pytest.fixture(scope="session")
def site(seed_site: Path) -> Iterator[Site]:
    release = release_page(seed_site).parent.relative_to(seed_site).as_posix() + "/"
    tag = sorted(p for p in (seed_site / "tags").glob("*/index.html") if not is_redirect(p))[0].parent.name
    product = sorted((seed_site / "products").glob("*/index.html"))[0].parent.name
    pages = {
        "home": "",
        "archive": "releases/",
        "release": release,
        "tag": f"tags/{tag}/",
        "products": "products/",
        "product": f"products/{product}/",
        "404": "no/such/page/",
    }
    with serve(seed_site) as url:
        yield Site(url, seed_site, pages)


@pytest.fixture(scope="session")
def injection_served(injection_site: Path) -> Iterator[Site]:
    """The site built from tests/fixtures/injection (markup in headlines, tags, a product name and
    an edited release's body), served; its pages are found by the tests that use it."""
    with serve(injection_site) as url:
        yield Site(url, injection_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    try:
        executable = chromium().executable
    except NoChromium as missing:
        problem = str(missing)
    else:
        problem = ""
    if problem:
        pytest.fail(problem, pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(params=list(VIEWPORTS))
def width(request: pytest.FixtureRequest) -> str:
    return request.param


class Context:
    """A browser context at one width and colour scheme that records requests leaving the site
    and the site's failed answers."""

    def __init__(self, browser: Browser, site: Site, width: str, scheme: str = "light") -> None:
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.context: BrowserContext = browser.new_context(
            viewport=VIEWPORTS[width], color_scheme=scheme, base_url=site.url, locale="en-US"
        )
        self.context.route("**/*", self._route)
        self.context.on("response", self._response)
        self.site = site

    def _response(self, response: Response) -> None:
        if response.status >= 400 and not self._alternate_sitemap_probe(response.url):
            self.failed.append(f"{response.status} {response.url}")

    def _alternate_sitemap_probe(self, url: str) -> bool:
        """Material's script asks for a sitemap.xml beside every <link rel="alternate"> (it takes
        them for other-language versions of the site); beside a tag's or product's feed there
        is none, and that miss is Material's, not a broken link of the site."""
        if not (url.startswith(self.site.url) and url.endswith("/sitemap.xml")):
            return False
        return (self.site.root / url[len(self.site.url) : -len("sitemap.xml")] / "feed.xml").is_file()

    def _route(self, route: Route) -> None:
        if route.request.url.startswith(self.site.url):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def scheme() -> str:
    """The reader's colour scheme; a test parametrizes ``scheme`` to change it."""
    return "light"


@pytest.fixture
def context(browser: Browser, site: Site, width: str, scheme: str) -> Iterator[Context]:
    opened = Context(browser, site, width, scheme)
    yield opened
    opened.close()


@pytest.fixture
def page(context: Context) -> Page:
    return context.context.new_page()
