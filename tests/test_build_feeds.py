"""The feeds of a really built site, read with feedparser and checked against the W3C validator's rules.

The project is the seed plus releases written here: a later one, two on one day (one under an
embargo that has passed, so its time decides the order), one with control characters, and one
in the future that must not be published. Expected values come from these sources and from the
built pages, never from the feeds themselves.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import fastfeedparser
import feedparser
import pytest

from .helpers import ATOM, CONTENT, RFC822, SEED_HEADLINE, SEED_PUBLISHED, Built, copy_project, failed_build, forbidden_in, json_feed_errors, mkdocs_setting, run_build, seed_lines
from .htmltext import flat_text, is_redirect, read

SITE_URL = "https://ir.example.com/newsroom/"
NEW_YORK = ZoneInfo("America/New_York")
EPOCH = 1640995200  # 2022-01-01T00:00:00Z: after every release below except the future one
LATER_EPOCH = 1685577600  # 2023-06-01T00:00:00Z: still before the future one
CONTACT = "CONTACT:\n\nJules Abraham\nJQA Partners, Inc.\n917-885-7378\njabraham@jqapartners.com\n"


@dataclass(frozen=True)
class Written:
    name: str
    data: bytes
    headline: str  # as a reader must see it (control characters dropped)
    published: datetime | None  # None: in the future, so never published


RELEASES = (
    Written(
        "2018-06-12-phase-2.txt",
        (
            "June 12, 2018\n\nCellectar Biosciences Doses First Patient in Phase 2 Study of CLR 131\n\n"
            "MADISON, Wis., June 12, 2018 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today announced "
            "that the first patient has been dosed in its Phase 2 clinical study of CLR 131. The protocol was drafted as "
            '<a href="study.html">study notes</a> and is quoted here as received.\n\n' + CONTACT
        ).encode(),
        "Cellectar Biosciences Doses First Patient in Phase 2 Study of CLR 131",
        datetime(2018, 6, 12, 8, 0, tzinfo=NEW_YORK),
    ),
    Written(
        "2019-09-10-board.txt",
        (
            b"September 10, 2019\n\nCellectar Biosciences\x1b Announces Board Appointment\n\n"
            b"MADISON, Wis., Sept. 10, 2019 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today announced "
            b"the appointment of Dr. Helen Ortiz to its board of directors. \x00 Dr. Ortiz brings 25 years of oncology "
            b"experience.\x0b The appointment is effective immediately.\n\n" + CONTACT.encode()
        ),
        "Cellectar Biosciences Announces Board Appointment",
        datetime(2019, 9, 10, 8, 0, tzinfo=NEW_YORK),
    ),
    Written(
        "2021-03-03-results.txt",
        (
            "EMBARGOED UNTIL 06:30 AM ET, MARCH 3, 2021\n\nCellectar Reports Fourth Quarter and Full Year 2020 Financial Results\n\n"
            "MADISON, Wis., March 3, 2021 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today reported "
            "financial results for the fourth quarter and the fiscal year 2020, with progress in its CLR 131 programme.\n\n" + CONTACT
        ).encode(),
        "Cellectar Reports Fourth Quarter and Full Year 2020 Financial Results",
        datetime(2021, 3, 3, 6, 30, tzinfo=NEW_YORK),  # the embargo time, ahead of the day's 08:00
    ),
    Written(
        "2021-03-03-webcast.txt",
        (
            "March 3, 2021\n\nCellectar Announces Webcast of CLR 131 Data\n\n"
            "MADISON, Wis., March 3, 2021 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) will present "
            "CLR 131 data in a webcast and presentation to investors.\n\n" + CONTACT
        ).encode(),
        "Cellectar Announces Webcast of CLR 131 Data",
        datetime(2021, 3, 3, 8, 0, tzinfo=NEW_YORK),
    ),
    Written(
        "2031-01-15-future.txt",
        (
            "January 15, 2031\n\nCellectar Biosciences to Present CLR 131 Data at a Future Conference\n\n"
            "MADISON, Wis., Jan. 15, 2031 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) will present "
            "CLR 131 data.\n\n" + CONTACT
        ).encode(),
        "Cellectar Biosciences to Present CLR 131 Data at a Future Conference",
        None,
    ),
)


def build(project: Path, epoch: int, into: Path) -> Path:
    run_build(project, env={"SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": str(epoch)})
    return Path(shutil.copytree(project / "site", into))


# A product no release mentions: its page and its (empty) feeds exist all the same.
QUIET_PRODUCT = """
  - id: clr-2099
    name: CLR 2099
    aliases: [CLR 2099]
    summary: A product candidate no release has mentioned yet.
    facts:
      - label: Stage
        value: Discovery
"""


def newsroom_project(target: Path) -> Path:
    project = copy_project(target)
    for release in RELEASES:
        (project / "content" / "releases" / release.name).write_bytes(release.data)
    with (project / "content" / "products.yml").open("a", encoding="utf-8") as catalogue:
        catalogue.write(QUIET_PRODUCT)
    return project


@dataclass(frozen=True)
class Builds:
    site: Path  # built at EPOCH
    again: Path  # the same input, another checkout, the same EPOCH
    later: Path  # the first checkout rebuilt at LATER_EPOCH


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("feeds")
    first = newsroom_project(root / "first")
    second = newsroom_project(root / "second")
    return Builds(
        site=build(first, EPOCH, root / "site"),
        again=build(second, EPOCH, root / "again"),
        later=build(first, LATER_EPOCH, root / "later"),
    )


@pytest.fixture(scope="module")
def site(builds: Builds) -> Path:
    return builds.site


class _Page(HTMLParser):
    """What a page says about feeds: its <link>s, its anchors with their text, its tags and fact boxes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head_links: list[dict[str, str | None]] = []
        self.anchors: list[tuple[dict[str, str | None], str]] = []
        self.products: list[str] = []
        self.h1 = ""
        self._open: tuple[str, dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link":
            self.head_links.append(attributes)
        elif tag == "aside" and "fact-box" in (attributes.get("class") or "").split():
            self.products.append(attributes.get("data-product") or "")
        elif tag in ("a", "h1") and self._open is None:
            self._open = (tag, attributes, [])

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and self._open[0] == tag:
            name, attributes, parts = self._open
            text = " ".join("".join(parts).split())
            if name == "a":
                self.anchors.append((attributes, text))
            elif not self.h1:
                self.h1 = text
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[2].append(data)


def page(path: Path) -> _Page:
    parser = _Page()
    parser.feed(read(path))
    return parser


def page_url(site: Path, path: Path) -> str:
    return Built(SITE_URL, site).page_url(path)


def local_file(site: Path, url: str) -> Path:
    """The file a static host at SITE_URL answers ``url`` with."""
    target = Built(SITE_URL, site).target(url.split("#", 1)[0])
    assert target is not None, url
    return target


def feed_folders(site: Path) -> list[str]:
    """The site's folder, then every tag page's and product page's: each carries a feed pair (an old
    topic page of a product is a redirect to the product's page, and has none)."""
    folders = [""]
    for section in ("tags", "products"):
        pages = [index for index in (site / section).glob("*/index.html") if not is_redirect(index)]
        folders += sorted(f"{section}/{index.parent.name}/" for index in pages)
    return folders


def feed_files(site: Path) -> list[Path]:
    return [site / folder / name for folder in feed_folders(site) for name in ("feed.xml", "atom.xml")]


def json_files(site: Path) -> list[Path]:
    return [site / folder / "feed.json" for folder in feed_folders(site)]


@dataclass(frozen=True)
class Feed:
    path: Path
    url: str
    raw: bytes

    @cached_property
    def parsed(self) -> feedparser.FeedParserDict:
        return feedparser.parse(self.raw)

    @cached_property
    def xml(self) -> ElementTree.Element:
        return ElementTree.fromstring(self.raw)

    @property
    def is_rss(self) -> bool:
        return self.path.name == "feed.xml"

    def contents(self) -> list[str]:
        """Each item's HTML as a reader gets it (content:encoded, or Atom's content unescaped)."""
        if self.is_rss:
            return [item.findtext(CONTENT) or "" for item in self.xml.findall("channel/item")]
        return [entry.findtext(f"{ATOM}content") or "" for entry in self.xml.findall(f"{ATOM}entry")]


def feeds_of(site: Path) -> list[Feed]:
    return [Feed(path, SITE_URL + path.relative_to(site).as_posix(), path.read_bytes()) for path in feed_files(site)]


@pytest.fixture(scope="module")
def all_feeds(site: Path) -> list[Feed]:
    return feeds_of(site)


def root_feeds(all_feeds: list[Feed]) -> list[Feed]:
    return [feed for feed in all_feeds if feed.url in (SITE_URL + "feed.xml", SITE_URL + "atom.xml")]


def published(entry: feedparser.FeedParserDict) -> datetime:
    return datetime(*entry.published_parsed[:6], tzinfo=timezone.utc)


def seed_entry(feed: Feed) -> feedparser.FeedParserDict:
    matches = [entry for entry in feed.parsed.entries if entry.title == SEED_HEADLINE]
    assert len(matches) == 1, feed.path
    return matches[0]


@dataclass(frozen=True)
class SeedPage:
    url: str
    tags: dict[str, str]  # tag page URL → the tag's name as the page shows it
    products: set[str]  # product page URLs of its fact boxes


@pytest.fixture(scope="module")
def seed_page(site: Path) -> SeedPage:
    (path,) = site.glob("releases/2017-01-24-*/index.html")
    shown = page(path)
    url = page_url(site, path)
    tags = {urljoin(url, attrs["href"] or ""): text for attrs, text in shown.anchors if "md-tag" in (attrs.get("class") or "").split()}
    products = {SITE_URL + f"products/{product}/" for product in shown.products}
    assert tags and products
    return SeedPage(url, tags, products)


@pytest.fixture(scope="module")
def seed_feeds(all_feeds: list[Feed], seed_page: SeedPage) -> list[Feed]:
    """The site's feeds and those of the seed's tags and products."""
    homes = {SITE_URL} | set(seed_page.tags) | seed_page.products
    chosen = [feed for feed in all_feeds if feed.url.rsplit("/", 1)[0] + "/" in homes]
    assert len(chosen) == 2 * len(homes)
    return chosen


# --------------------------------------------------------------------------- every feed


def test_every_tag_and_product_page_has_its_feeds(site: Path) -> None:
    folders = feed_folders(site)
    assert any(folder.startswith("tags/") for folder in folders) and "products/clr-2099/" in folders
    for path in [*feed_files(site), *json_files(site)]:
        assert path.is_file(), path
    written = {path.relative_to(site) for path in [*site.rglob("feed.xml"), *site.rglob("atom.xml"), *site.rglob("feed.json")]}
    assert written == {path.relative_to(site) for path in [*feed_files(site), *json_files(site)]}


def test_every_feed_reads_without_error(all_feeds: list[Feed]) -> None:
    for feed in all_feeds:
        assert not feed.parsed.bozo, (feed.path, feed.parsed.get("bozo_exception"))
        assert feed.parsed.version == ("rss20" if feed.is_rss else "atom10"), feed.path


def test_items_are_newest_first(all_feeds: list[Feed]) -> None:
    for feed in all_feeds:
        times = [published(entry) for entry in feed.parsed.entries]
        assert times == sorted(times, reverse=True), feed.path


def test_site_feed_carries_every_published_release_at_its_time(all_feeds: list[Feed]) -> None:
    expected = sorted(
        [(SEED_PUBLISHED, SEED_HEADLINE)] + [(r.published, r.headline) for r in RELEASES if r.published is not None],
        reverse=True,
    )
    for feed in root_feeds(all_feeds):
        assert [(published(entry), entry.title) for entry in feed.parsed.entries] == expected, feed.path


def test_future_release_is_in_no_feed(all_feeds: list[Feed]) -> None:
    future = next(r for r in RELEASES if r.published is None)
    for feed in all_feeds:
        assert future.headline.encode() not in feed.raw, feed.path


def test_item_links_are_absolute_and_resolve_to_their_pages(site: Path, all_feeds: list[Feed]) -> None:
    for feed in all_feeds:
        for entry in feed.parsed.entries:
            assert entry.link.startswith(SITE_URL), entry.link
            target = local_file(site, entry.link)
            assert target.is_file(), entry.link
            assert page(target).h1 == entry.title
            assert entry.id == entry.link  # the guid is the permalink


def test_rss_guids_are_permalinks(all_feeds: list[Feed]) -> None:
    for feed in all_feeds:
        if feed.is_rss:
            for item in feed.xml.findall("channel/item"):
                guid = item.find("guid")
                assert guid is not None and guid.get("isPermaLink") == "true"
                assert guid.text == item.findtext("link")


# --------------------------------------------------------------------------- the seed item


def test_seed_item_link_date_and_guid(seed_page: SeedPage, seed_feeds: list[Feed]) -> None:
    for feed in seed_feeds:
        entry = seed_entry(feed)
        assert entry.link == seed_page.url
        assert entry.id == entry.link
        assert published(entry) == SEED_PUBLISHED == datetime(2017, 1, 24, 13, 0, tzinfo=timezone.utc)
    rss = root_feeds(seed_feeds)[0]
    (item,) = [item for item in rss.xml.findall("channel/item") if item.findtext("title") == SEED_HEADLINE]
    assert item.findtext("pubDate") == "Tue, 24 Jan 2017 08:00:00 -0500"


def test_seed_is_only_in_its_feeds(all_feeds: list[Feed], seed_feeds: list[Feed]) -> None:
    for feed in all_feeds:
        if feed not in seed_feeds:
            assert SEED_HEADLINE not in [entry.title for entry in feed.parsed.entries], feed.path


def test_tag_and_product_feeds_carry_the_releases_their_pages_list(site: Path, all_feeds: list[Feed]) -> None:
    for feed in all_feeds:
        folder = feed.path.parent
        if folder == site:
            continue
        url = page_url(site, folder / "index.html")
        listed = {urljoin(url, attrs["href"] or "") for attrs, _ in page(folder / "index.html").anchors}
        listed = {link for link in listed if re.fullmatch(re.escape(SITE_URL) + r"releases/\d{4}-\d{2}-\d{2}-[^/]+/", link)}
        assert listed == {entry.link for entry in feed.parsed.entries}, feed.path


def test_seed_item_categories_are_its_tags_and_products(site: Path, seed_page: SeedPage, seed_feeds: list[Feed]) -> None:
    for feed in seed_feeds:
        categories = seed_entry(feed).tags
        assert {category.scheme for category in categories} == set(seed_page.tags) | seed_page.products, feed.path
        for category in categories:
            assert local_file(site, category.scheme).is_file()
            if category.scheme in seed_page.tags:
                assert (category.get("label") or category.term) == seed_page.tags[category.scheme]


def seed_content(feed: Feed) -> str:
    entry = seed_entry(feed)
    (html,) = [html for html, item in zip(feed.contents(), feed.parsed.entries, strict=True) if item is entry]
    return html


def test_seed_item_content_is_the_whole_release_under_its_title_and_date(seed_feeds: list[Feed]) -> None:
    """The item's title is the headline and its date the release's: the content is all the rest."""
    top_date, headline = seed_lines()[:2]
    assert headline == SEED_HEADLINE and top_date == "January 24, 2017"
    for feed in seed_feeds:
        text = flat_text(seed_content(feed))
        missing = [line for line in seed_lines()[2:] if line not in text]
        assert not missing, (feed.path, missing)


def test_seed_item_content_starts_with_the_dateline_paragraph(seed_feeds: list[Feed]) -> None:
    dateline = next(line for line in seed_lines() if line.startswith("MADISON, Wis."))
    for feed in seed_feeds:
        html = seed_content(feed)
        assert html.startswith("<p>") and "<h1" not in html, feed.path
        assert flat_text(html[: html.index("</p>")]) == dateline, feed.path
        assert SEED_HEADLINE not in flat_text(html) and "January 24, 2017" not in flat_text(html), feed.path


def test_seed_item_description_is_its_lead(seed_feeds: list[Feed]) -> None:
    dateline = next(line for line in seed_lines() if line.startswith("MADISON, Wis."))
    lead = dateline.split(" -- ", 1)[1]
    for feed in seed_feeds:
        description = seed_entry(feed).summary
        assert len(description) > 100
        assert lead.startswith(description.removesuffix("…")), feed.path


def test_rss_description_comes_before_content(all_feeds: list[Feed]) -> None:
    for feed in all_feeds:
        if feed.is_rss:
            for item in feed.xml.findall("channel/item"):
                children = [child.tag for child in item]
                assert children.index("description") < children.index(CONTENT), feed.path


# --------------------------------------------------------------------------- W3C validator rules


def test_self_link_is_the_feeds_own_url(all_feeds: list[Feed]) -> None:
    for feed in all_feeds:
        links = feed.xml.findall(f"channel/{ATOM}link") if feed.is_rss else feed.xml.findall(f"{ATOM}link")
        assert [link.get("href") for link in links if link.get("rel") == "self"] == [feed.url]


def test_rss_dates_are_rfc822_with_matching_weekdays(all_feeds: list[Feed]) -> None:
    for feed in all_feeds:
        if feed.is_rss:
            channel = feed.xml.find("channel")
            assert channel is not None
            dates = [channel.findtext("lastBuildDate") or ""] + [item.findtext("pubDate") or "" for item in channel.findall("item")]
            for text in dates:
                assert RFC822.match(text), (feed.path, text)
                assert parsedate_to_datetime(text).strftime("%a") == text[:3], (feed.path, text)


def test_content_urls_are_absolute_and_internal_ones_resolve(site: Path, all_feeds: list[Feed]) -> None:
    checked = 0
    for feed in all_feeds:
        for html in feed.contents():
            assert html
            for attribute, value in re.findall(r'<[a-zA-Z][^<>]*?\s(href|src|srcset|poster)=["\']([^"\']*)', html):
                scheme = urlsplit(value).scheme
                assert attribute != "srcset" and scheme in ("http", "https", "mailto", "tel"), (feed.path, attribute, value)
                if value.startswith(SITE_URL):
                    assert local_file(site, value).is_file(), value
                checked += 1
    assert checked  # the seed's contact links at least


def test_text_that_looks_like_a_link_stays_text(all_feeds: list[Feed]) -> None:
    release = RELEASES[0]
    words = 'The protocol was drafted as <a href="study.html">study notes</a> and is quoted here as received.'
    for feed in root_feeds(all_feeds):
        (html,) = [html for html, entry in zip(feed.contents(), feed.parsed.entries, strict=True) if entry.title == release.headline]
        assert words in flat_text(html), feed.path


def test_no_generator(all_feeds: list[Feed]) -> None:
    for feed in all_feeds:
        assert feed.xml.find("channel/generator" if feed.is_rss else f"{ATOM}generator") is None, feed.path
        assert not feed.parsed.feed.get("generator"), feed.path


def test_feed_dates_are_the_newest_item(all_feeds: list[Feed]) -> None:
    """A feed is as new as its newest item; one without items (a product not yet in the news) as the site's."""
    site_newest = max([SEED_PUBLISHED] + [r.published for r in RELEASES if r.published is not None])
    for feed in all_feeds:
        newest = max((published(entry) for entry in feed.parsed.entries), default=site_newest)
        if feed.is_rss:
            stamp = parsedate_to_datetime(feed.xml.findtext("channel/lastBuildDate") or "")
        else:
            stamp = datetime.fromisoformat(feed.xml.findtext(f"{ATOM}updated") or "")
        assert stamp == newest, feed.path
        assert stamp < datetime.fromtimestamp(EPOCH, tz=timezone.utc)


def test_feeds_do_not_follow_the_build_clock(builds: Builds) -> None:
    for path in [*feed_files(builds.site), *json_files(builds.site)]:
        assert path.read_bytes() == (builds.later / path.relative_to(builds.site)).read_bytes(), path


def test_channel_title_and_language(site: Path, all_feeds: list[Feed]) -> None:
    name = mkdocs_setting(r"^site_name:(.*)$")
    language = mkdocs_setting(r"^\s+language:(.*)$")
    for feed in all_feeds:
        folder = feed.path.parent
        expected = name if folder == site else f"{name}: {page(folder / 'index.html').h1}"
        assert feed.parsed.feed.title == expected, feed.path
        if feed.is_rss:
            assert feed.xml.findtext("channel/language") == language
            assert feed.xml.findtext("channel/link") == page_url(site, folder / "index.html")
        else:
            assert feed.xml.get("{http://www.w3.org/XML/1998/namespace}lang") == language


def test_atom_has_an_author(all_feeds: list[Feed]) -> None:
    company = mkdocs_setting(r"^\s+company:(.*)$")
    for feed in all_feeds:
        if not feed.is_rss:
            assert feed.xml.findtext(f"{ATOM}author/{ATOM}name") == company


# --------------------------------------------------------------------------- bytes


def test_rebuilds_are_byte_identical(builds: Builds) -> None:
    """The same input and SOURCE_DATE_EPOCH give the same site, feeds, sitemap and pages alike."""
    first = sorted(path.relative_to(builds.site) for path in builds.site.rglob("*") if path.is_file())
    second = sorted(path.relative_to(builds.again) for path in builds.again.rglob("*") if path.is_file())
    assert first == second
    differ = [path for path in first if (builds.site / path).read_bytes() != (builds.again / path).read_bytes()]
    assert not differ


def test_forbidden_characters_never_reach_a_feed(all_feeds: list[Feed]) -> None:
    board = RELEASES[1]
    assert re.search(rb"[\x00\x0b\x1b]", board.data)
    for feed in all_feeds:
        assert not forbidden_in(feed.raw), feed.path
    for feed in root_feeds(all_feeds):
        (html,) = [html for html, entry in zip(feed.contents(), feed.parsed.entries, strict=True) if entry.title == board.headline]
        assert "board of directors. Dr. Ortiz brings 25 years of oncology experience. The appointment is effective immediately." in flat_text(html)


# --------------------------------------------------------------------------- JSON Feed


@pytest.fixture(scope="module")
def json_feeds(site: Path) -> dict[str, dict]:
    """Each folder's feed.json, read as JSON, by folder."""
    return {folder: json.loads((site / folder / "feed.json").read_bytes()) for folder in feed_folders(site)}


def test_every_json_feed_follows_the_1_1_rules(json_feeds: dict[str, dict]) -> None:
    for folder, document in json_feeds.items():
        assert not json_feed_errors(document), folder


def test_json_feed_has_the_items_ids_and_dates_of_rss_and_atom(site: Path, all_feeds: list[Feed], json_feeds: dict[str, dict]) -> None:
    """The same releases, in the same order, with the ids, links, titles and dates feedparser reads in the XML feeds."""
    by_url = {feed.url: feed for feed in all_feeds}
    compared = 0
    for folder, document in json_feeds.items():
        items = document["items"]
        for name in ("feed.xml", "atom.xml"):
            entries = by_url[SITE_URL + folder + name].parsed.entries
            assert [item["id"] for item in items] == [entry.id for entry in entries], (folder, name)
            assert [item["url"] for item in items] == [entry.link for entry in entries], (folder, name)
            assert [item["title"] for item in items] == [entry.title for entry in entries], (folder, name)
            assert [datetime.fromisoformat(item["date_published"]) for item in items] == [published(entry) for entry in entries], (folder, name)
            compared += len(items)
        atom = by_url[SITE_URL + folder + "atom.xml"]
        assert [item["content_html"] for item in items] == atom.contents(), folder
        assert [datetime.fromisoformat(item["date_modified"]) for item in items] == [
            datetime(*entry.updated_parsed[:6], tzinfo=timezone.utc) for entry in atom.parsed.entries
        ], folder
    assert compared > 10


def test_json_feed_names_its_page_and_itself(site: Path, json_feeds: dict[str, dict]) -> None:
    name = mkdocs_setting(r"^site_name:(.*)$")
    for folder, document in json_feeds.items():
        assert document["feed_url"] == SITE_URL + folder + "feed.json"
        assert document["home_page_url"] == page_url(site, site / folder / "index.html")
        assert document["title"] == (name if not folder else f"{name}: {page(site / folder / 'index.html').h1}")
        assert document["language"] == mkdocs_setting(r"^\s+language:(.*)$")
        assert "hubs" not in document  # no websub_hub in mkdocs.yml


def test_seed_in_the_json_feed(seed_page: SeedPage, json_feeds: dict[str, dict]) -> None:
    (item,) = [item for item in json_feeds[""]["items"] if item["title"] == SEED_HEADLINE]
    assert item["id"] == item["url"] == seed_page.url
    assert datetime.fromisoformat(item["date_published"]) == SEED_PUBLISHED
    assert set(item["tags"]) >= set(seed_page.tags.values())
    text = flat_text(item["content_html"])
    assert not [line for line in seed_lines()[2:] if line not in text]
    assert item["content_html"].startswith("<p>") and SEED_HEADLINE not in text


def test_a_feed_reader_reads_every_json_feed(site: Path, json_feeds: dict[str, dict]) -> None:
    """fastfeedparser, a maintained reader of RSS, Atom and JSON Feed, sees the releases the RSS feed has."""
    for folder in json_feeds:
        from_json = fastfeedparser.parse((site / folder / "feed.json").read_bytes())
        from_rss = feedparser.parse((site / folder / "feed.xml").read_bytes())
        assert [(e.title, e.link, datetime.fromisoformat(e.published)) for e in from_json.entries] == [
            (e.title, e.link, published(e)) for e in from_rss.entries
        ], folder
        assert from_json.feed.title == from_rss.feed.title


def test_future_release_is_in_no_json_feed(site: Path) -> None:
    future = next(r for r in RELEASES if r.published is None)
    for path in json_files(site):
        assert future.headline not in path.read_text(encoding="utf-8"), path


# --------------------------------------------------------------------------- autodiscovery


def test_every_page_links_the_site_feed(site: Path) -> None:
    pages = sorted(path for path in site.rglob("*.html") if not is_redirect(path))
    assert len(pages) > 15
    for path in pages:
        url = page_url(site, path)
        links = [link for link in page(path).head_links if link.get("rel") == "alternate"]
        rss = [urljoin(url, link.get("href") or "") for link in links if link.get("type") == "application/rss+xml"]
        assert SITE_URL + "feed.xml" in rss, path
        json_feed = [urljoin(url, link.get("href") or "") for link in links if link.get("type") == "application/feed+json"]
        assert SITE_URL + "feed.json" in json_feed, path
        # Every feed a page names is a file of the site.
        for link in links:
            assert local_file(site, urljoin(url, link.get("href") or "")).is_file(), (path, link)
    # The old topic pages of products, which send the reader on, link the site's feed too.
    redirects = sorted(path for path in site.rglob("*.html") if is_redirect(path))
    assert redirects
    for path in redirects:
        rss = [urljoin(page_url(site, path), link.get("href") or "") for link in page(path).head_links if link.get("type") == "application/rss+xml"]
        assert rss == [SITE_URL + "feed.xml"], path


def test_tag_and_product_pages_link_their_own_feeds(site: Path) -> None:
    for folder in feed_folders(site)[1:]:
        path = site / folder / "index.html"
        alternates = {(link.get("type"), urljoin(page_url(site, path), link.get("href") or "")) for link in page(path).head_links if link.get("rel") == "alternate"}
        assert ("application/rss+xml", SITE_URL + folder + "feed.xml") in alternates, path
        assert ("application/atom+xml", SITE_URL + folder + "atom.xml") in alternates, path
        assert ("application/feed+json", SITE_URL + folder + "feed.json") in alternates, path


def test_visible_subscribe_link(site: Path) -> None:
    pages = {"": "", "releases/": ""} | {folder: folder for folder in feed_folders(site)[1:]}
    for folder, feed_folder in pages.items():
        path = site / folder / "index.html"
        anchors = page(path).anchors
        subscribe = [attrs for attrs, text in anchors if text == "Subscribe (RSS)"]
        assert len(subscribe) == 1, path
        assert urljoin(page_url(site, path), subscribe[0]["href"] or "") == SITE_URL + feed_folder + "feed.xml", path
        json_feed = {urljoin(page_url(site, path), attrs["href"] or "") for attrs, text in anchors if text == "JSON Feed"}
        assert SITE_URL + feed_folder + "feed.json" in json_feed, path


# --------------------------------------------------------------------------- options and errors


def test_feed_length_limits_the_items(tmp_path: Path, all_feeds: list[Feed]) -> None:
    project = newsroom_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      timezone: America/New_York\n" in text
    config.write_text(text.replace("      timezone: America/New_York\n", "      timezone: America/New_York\n      feed_length: 2\n"), encoding="utf-8")
    short = feeds_of(build(project, EPOCH, tmp_path / "site"))
    full = {feed.url: feed for feed in all_feeds}
    assert [feed.url for feed in short] == list(full)
    for feed in short:
        ids = [entry.id for entry in full[feed.url].parsed.entries]
        assert [entry.id for entry in feed.parsed.entries] == ids[:2], feed.path
    assert len(root_feeds(short)[0].parsed.entries) == 2


def without_site_url(project: Path) -> Path:
    config = project / "mkdocs.yml"
    text, count = re.subn(r"^site_url:.*\n", "", config.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1
    config.write_text(text, encoding="utf-8")
    return project


def test_no_site_url_stops_the_build_with_a_clear_message(project: Path) -> None:
    result = run_build(without_site_url(project), check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "newsroom: feeds need absolute URLs" in output and "site_url" in output
    assert "Traceback" not in output
    assert not (project / "site").exists()


def test_a_site_url_with_a_space_stops_the_build(project: Path) -> None:
    """The feeds carried the space raw: every JSON Feed failed its schema, readers broke links."""
    output = failed_build(project, env={"SITE_URL": "https://example.com/investor news/"})
    assert "newsroom: site_url 'https://example.com/investor news/' has white space in it: write a space as %20" in output
    assert not (project / "site").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_mkdocs_serve_works_without_site_url(project: Path, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
            cwd=without_site_url(project),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}/"
        body = b""
        try:
            for _ in range(240):  # an upper bound for the first build, not a measurement
                if server.poll() is not None:
                    break
                try:
                    with urllib.request.urlopen(base + "feed.xml", timeout=5) as response:
                        body = response.read()
                    break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.25)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    assert body, log.read_text(encoding="utf-8")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries and all(entry.link.startswith(base) for entry in feed.entries)
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [base + "feed.xml"]
