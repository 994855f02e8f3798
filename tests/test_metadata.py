"""What search engines and social cards read: canonical, description, Open Graph, Twitter, JSON-LD.

The values are checked against the sources (the release text, the fixture's expectations,
mkdocs.yml, products.yml) and against what the page itself shows and the feed says.
"""

from __future__ import annotations

import json
import re
import shutil
from calendar import timegm
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import feedparser
import pytest
import yaml

from newsroom.catalogue import Catalogue
from newsroom.metadata import Site, release_meta, script_json, ticker_symbol
from newsroom.model import Entry

from .helpers import FIXTURES, ROOT, SEED, copy_project, run_build
from .htmltext import flat_text, is_redirect, links, read, release_pages

SITE_URL = "https://org.github.io/newsroom/"
# Releases beside the seed; the NAME.yml beside each says what to expect (headline, products, embargo).
FIXTURE_RELEASES = (FIXTURES / "wire" / "gnw-embargoed.txt", FIXTURES / "hostile" / "html-script.txt")


class _NoEnv(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: ``!ENV [NAME, default]`` is its default."""


_NoEnv.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_NoEnv)


def plugin_options() -> dict:
    plugins = mkdocs_config()["plugins"]
    return next(item["newsroom"] for item in plugins if isinstance(item, dict) and "newsroom" in item)


class Head(HTMLParser):
    """The metadata of one page: <meta> by property or name, <link rel>, JSON-LD scripts (raw),
    and, to compare with, the topic chips and fact boxes the page shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.rel: dict[str, list[str]] = {}
        self.json_ld: list[str] = []
        self.tag_chips: list[str] = []
        self.products: list[str] = []
        self._script = False
        self._chip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        elif tag == "link" and "rel" in a:
            self.rel.setdefault(a["rel"], []).append(a.get("href", ""))
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._script = True
            self.json_ld.append("")
        elif tag == "a" and "md-tag" in a.get("class", "").split():
            self._chip = True
            self.tag_chips.append("")
        elif tag == "aside" and "data-product" in a:
            self.products.append(a["data-product"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False
        if tag == "a":
            self._chip = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.json_ld[-1] += data
        elif self._chip:
            self.tag_chips[-1] += data

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]


def head(page: Path) -> Head:
    parser = Head()
    parser.feed(read(page))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("metadata") / "project")
    for release in FIXTURE_RELEASES:
        shutil.copy2(release, project / "content" / "releases" / release.name)
    run_build(project, env={"SITE_URL": SITE_URL})
    return project / "site"


def page_url(site: Path, page: Path) -> str:
    """The page's address, a directory URL for index.html."""
    return SITE_URL + page.relative_to(site).as_posix().removesuffix("index.html")


def article(page: Path) -> dict:
    scripts = head(page).json_ld
    assert len(scripts) == 1, page
    return json.loads(scripts[0])


@dataclass(frozen=True)
class Expected:
    """What a release's own source says about it."""

    headline: str
    lead: str
    published: datetime
    products: tuple[str, ...] | None = None


def _lead(text: str) -> str:
    """The first paragraph after the wire's dateline ``… (GLOBE NEWSWIRE) --``."""
    start = text.index("(GLOBE NEWSWIRE) --") + len("(GLOBE NEWSWIRE) --")
    return " ".join(re.split(r"\n\s*\n", text[start:].strip(), maxsplit=1)[0].split())


def expectations() -> dict[str, Expected]:
    """Release date prefix → what its source says."""
    seed = SEED.read_text(encoding="utf-8")
    headline = next(" ".join(line.split()) for line in seed.splitlines() if line.startswith("Cellecstar Biosciences Announces"))
    # No embargo line: the seed's date at the default release time, 08:00 in New York (EST in January).
    found = {"2017-01-24-": Expected(headline, _lead(seed), datetime.fromisoformat("2017-01-24T08:00:00-05:00"))}
    for path in FIXTURE_RELEASES:
        spec = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
        embargo = spec.get("embargo")
        # Else its date at the configured release time, in the configured zone (DESIGN.md).
        options = plugin_options()
        default = datetime.combine(date.fromisoformat(spec["date"]), time.fromisoformat(options["release_time"]), ZoneInfo(options["timezone"]))
        published = datetime.fromisoformat(embargo) if embargo else default
        products = tuple(spec["products"]) if "products" in spec else None
        found[f"{spec['date']}-"] = Expected(spec["headline"], _lead(path.read_text(encoding="utf-8")), published, products)
    return found


def assert_is_the_lead(description: str, lead: str) -> None:
    """The whole lead when it fits in 200 characters, else the lead cut at a word boundary with
    an ellipsis, where the next word would not have fitted (so nothing was lost to markup)."""
    if len(lead) <= 200:
        assert description == lead
        return
    prefix = description.removesuffix("…")
    assert description.endswith("…") and len(description) <= 200 and lead.startswith(prefix), description
    next_space = lead.find(" ", len(prefix) + 1)
    assert next_space == -1 or next_space >= 199, (description, lead)


def _page_for(site: Path, prefix: str) -> Path:
    matches = [page for page in release_pages(site) if page.parent.name.startswith(prefix)]
    assert len(matches) == 1, (prefix, matches)
    return matches[0]


# -- unit ----------------------------------------------------------------------------------------


def test_script_json_cannot_close_its_script_element() -> None:
    data = {"headline": "a </script><script>alert(1)</script> <!-- b", "dateline": "R&D \u2028 'x'"}
    text = script_json(data)
    assert "<" not in text
    assert json.loads(text) == data


def test_ticker_symbol_is_exchange_space_symbol() -> None:
    assert ticker_symbol("Nasdaq: CLRB") == "Nasdaq CLRB"
    assert ticker_symbol("NYSE American:XYZ") == "NYSE American XYZ"
    assert ticker_symbol("") == ""


def test_a_page_without_an_address_or_products_gets_no_empty_properties() -> None:
    """Without site_url (feeds off) there is no URL to give; nothing is published empty."""
    entry = Entry(path="releases/x.txt", slug="2021-01-04-x", title="X", date=date(2021, 1, 4))
    published = datetime(2021, 1, 4, 8, 0, tzinfo=ZoneInfo("America/New_York"))
    meta = release_meta(entry, published, "", Catalogue(()), Site(name="Newsroom"))
    data = json.loads(meta.json_ld)
    assert {key for _, key, _ in meta.meta_tags} == {"og:type", "og:site_name", "og:title", "twitter:card", "twitter:title", "article:published_time", "article:modified_time"}
    assert dict((key, value) for _, key, value in meta.meta_tags)["article:modified_time"] == published.isoformat()
    corrected = release_meta(entry, published, "", Catalogue(()), Site(name="Newsroom"), modified=published + timedelta(days=2))
    assert ("property", "article:modified_time", "2021-01-06T08:00:00-05:00") in corrected.meta_tags
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "X",
        "datePublished": "2021-01-04T08:00:00-05:00",
        "inLanguage": "en",
        "publisher": {"@type": "Corporation", "name": "Newsroom"},
        "author": {"@type": "Corporation", "name": "Newsroom"},
    }


# -- built pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", sorted(expectations()))
def test_release_page_metadata_matches_its_source(site: Path, prefix: str) -> None:
    expected = expectations()[prefix]
    page = _page_for(site, prefix)
    meta = head(page)
    url = page_url(site, page)
    data = article(page)

    assert meta.rel["canonical"] == [url]
    assert meta.one("og:url") == url
    assert data["url"] == url
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == expected.headline
    assert meta.one("og:title") == expected.headline
    assert meta.one("twitter:title") == expected.headline

    description = meta.one("description")
    assert_is_the_lead(description, expected.lead)
    assert meta.one("og:description") == description == data["description"] == meta.one("twitter:description")

    assert meta.one("og:type") == "article"
    assert meta.one("og:site_name") == mkdocs_config()["site_name"]
    assert meta.one("twitter:card") == "summary"
    published = datetime.fromisoformat(data["datePublished"])
    assert published.utcoffset() is not None and published == expected.published
    assert data["datePublished"] == meta.one("article:published_time") == expected.published.isoformat()
    # Not corrected: modified when published.
    assert meta.one("article:modified_time") == meta.one("article:published_time")

    assert meta.meta.get("article:tag", []) == data.get("keywords", []) == meta.tag_chips
    assert meta.tag_chips, "every test release has topics"

    options = plugin_options()
    assert data["publisher"]["@type"] == "Corporation"
    assert data["publisher"]["name"] == options["company"]
    assert data["publisher"]["tickerSymbol"].split() == re.split(r":\s*", options["ticker"])

    about = data.get("about", [])
    assert [thing["url"] for thing in about] == [f"{SITE_URL}products/{pid}/" for pid in meta.products]
    assert all(thing["@type"] == "Product" and thing["name"] for thing in about)
    if expected.products is not None:
        assert tuple(meta.products) == expected.products
    catalogue = yaml.safe_load((ROOT / "content" / "products.yml").read_text(encoding="utf-8"))
    names = {product["id"]: product["name"] for product in catalogue["products"]}
    assert [thing["name"] for thing in about] == [names[pid] for pid in meta.products]
    for thing in about:
        assert (site / thing["url"][len(SITE_URL) :] / "index.html").is_file()


def test_seed_dateline_is_its_place(site: Path) -> None:
    assert article(_page_for(site, "2017-01-24-"))["dateline"] == "MADISON, Wis."


def test_markup_in_a_release_stays_text_in_the_metadata(site: Path) -> None:
    """The hostile release's lead carries a <script>: attributes and JSON-LD keep it inert and exact."""
    page = _page_for(site, "2017-04-18-")
    html = read(page)
    meta = head(page)
    script = yaml.safe_load((FIXTURES / "hostile" / "html-script.yml").read_text(encoding="utf-8"))["literal"][0]
    assert script in meta.one("description")
    assert script in article(page)["description"]
    assert "<" not in meta.json_ld[0]
    assert script not in html
    assert "R&D" in meta.one("og:title")


def test_published_time_is_the_feed_items_time(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    by_link = {entry.link: timegm(entry.published_parsed) for entry in feed.entries}
    for page in release_pages(site):
        published = datetime.fromisoformat(article(page)["datePublished"])
        assert by_link[page_url(site, page)] == published.timestamp(), page


def test_every_release_page_has_its_metadata(site: Path) -> None:
    pages = release_pages(site)
    assert len(pages) == len(expectations())
    for page in pages:
        meta = head(page)
        assert article(page)["@type"] == "NewsArticle"
        assert meta.one("og:type") == "article"
        assert meta.rel["canonical"] == [meta.one("og:url")]


def test_other_pages_are_website_cards(site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html" and p not in release_pages(site) and not is_redirect(p)]
    assert len(pages) >= 8
    for page in pages:
        meta = head(page)
        assert meta.one("og:type") == "website", page
        assert meta.one("og:url") == page_url(site, page) == meta.rel["canonical"][0], page
        assert meta.one("og:title"), page
        assert not meta.json_ld, page
    assert head(site / "index.html").one("og:title") == mkdocs_config()["site_name"]


# -- archive notice ------------------------------------------------------------------------------


def _listing_pages(site: Path) -> list[Path]:
    pages = [site / "index.html", site / "releases" / "index.html"]
    pages += sorted((site / "releases").glob("[0-9][0-9][0-9][0-9]/index.html"))  # the years' pages
    pages += sorted((site / "tags").glob("*/index.html")) + sorted((site / "products").glob("*/index.html"))
    return [page for page in pages if not is_redirect(page)]


def _release_dates(site: Path) -> dict[str, tuple[str, str]]:
    """Release URL → (datetime attribute, shown text) of the date the release page itself shows."""
    dates = {}
    for page in release_pages(site):
        found = re.search(r'<time class="nr-release__date" datetime="([^"]+)">([^<]+)</time>', read(page))
        assert found, page
        dates[page_url(site, page)] = (found.group(1), found.group(2))
    return dates


def test_archive_pages_say_releases_are_statements_as_of_their_date(site: Path) -> None:
    for page in _listing_pages(site):
        assert "statements as of their date" in flat_text(read(page)), page


def test_every_archived_release_link_shows_its_date(site: Path) -> None:
    dates = _release_dates(site)
    seen = 0
    for page in _listing_pages(site):
        html = read(page)
        base = page_url(site, page)
        in_page = [url for url in (urljoin(base, href) for href in links(html)) if url in dates]
        in_items = 0
        for _, item in re.findall(r"<(li|article)\b[^>]*>(.*?)</\1>", html, flags=re.S):
            times = re.findall(r'<time[^>]*datetime="([^"]+)"[^>]*>([^<]+)</time>', item)
            for url in (urljoin(base, href) for href in links(item)):
                if url in dates:
                    in_items += 1
                    assert dates[url] in times, (page, url, times)
        assert in_items == len(in_page), (page, "a release link outside a dated list item")
        seen += in_items
    assert seen >= len(dates) * 2  # each release is on the archive and on the home page at least
