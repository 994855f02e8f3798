"""The build plan: what a build publishes at its moment, and what every page and feed shows.

Made once per build from the releases read (a ``Collection``) and the plugin's settings; the
plugin only turns MkDocs events into questions to the plan (which files, which page data, which
feeds) and its answers back into MkDocs objects, as Material's blog plugin keeps its structure
out of its event handlers. No MkDocs import, so every answer can be checked without a build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from . import metadata
from .catalogue import Catalogue
from .collection import RELEASES_DIR, Source
from .feeds import Category, Channel, Feed, FeedItem
from .listings import Listings, build_listings, listing_pages
from .model import Entry, display_date
from .publication import FactClock, fact_clock, published_at
from .tagging import Vocabulary


@dataclass(frozen=True)
class Settings:
    """What the plan needs from mkdocs.yml and the plugin's options."""

    site: metadata.Site
    release_time: time
    zone: ZoneInfo
    # The site's description: the site-wide feed's, when set.
    description: str = ""
    home_count: int = 10
    # Items per feed; 0 is all.
    feed_length: int = 0
    # Whether feeds are written (and linked from every page).
    feeds: bool = True
    # A sign-up page for e-mail alerts, linked beside the feeds; empty: none.
    email_alerts_url: str = ""


@dataclass(frozen=True)
class Schedule:
    """The releases of a build split at its moment: published (by page source URI, with their
    publication times by slug) and held back (with the time each goes public, soonest first)."""

    sources: dict[str, Source]
    published: dict[str, datetime]
    held: tuple[tuple[datetime, Source], ...]


def schedule(sources: Iterable[Source], moment: datetime, release_time: time, zone: ZoneInfo) -> Schedule:
    """The embargo loop: a release is published once its publication time has come, never before."""
    published_sources: dict[str, Source] = {}
    published: dict[str, datetime] = {}
    held: list[tuple[datetime, Source]] = []
    for source in sources:
        when = published_at(source.entry, release_time, zone)
        if when > moment:
            held.append((when, source))
        else:
            published_sources[f"{RELEASES_DIR}/{source.entry.slug}.md"] = source
            published[source.entry.slug] = when
    return Schedule(published_sources, published, tuple(sorted(held, key=lambda h: h[0])))


@dataclass(frozen=True)
class PageData:
    """A page's template data: ``newsroom`` for the newsroom's templates and, on a release page,
    ``tags`` in the form Material's ``partials/tags.html`` prints."""

    newsroom: dict[str, Any]
    tags: list[dict[str, Any]] | None = None


class Plan:
    """One build's plan; ``html`` fills in as pages are converted, before the feeds are made."""

    def __init__(
        self, sources: Iterable[Source], catalogue: Catalogue, vocabulary: Vocabulary, settings: Settings, moment: datetime
    ) -> None:
        every = list(sources)
        self.catalogue = catalogue
        self.vocabulary = vocabulary
        self.settings = settings
        self.moment = moment
        # A fact shows once public: with the releases of its day, held ones included, not before.
        self.facts: FactClock = fact_clock((s.entry for s in every), settings.release_time, settings.zone)
        self.schedule = schedule(every, moment, settings.release_time, settings.zone)
        self.sources = self.schedule.sources
        self.published = self.schedule.published
        self.listings: Listings = build_listings([s.entry for s in self.sources.values()], vocabulary, catalogue)
        # Each published release's article HTML by slug, as MkDocs converted it.
        self.html: dict[str, str] = {}

    @property
    def held(self) -> tuple[tuple[datetime, Source], ...]:
        return self.schedule.held

    def listing_pages(self) -> dict[str, str]:
        """Source URI → Markdown of every generated listing page."""
        return listing_pages(self.listings, self.catalogue)

    def rendered(self, source: Source, html: str) -> str:
        """A release's converted HTML, kept for the feeds: an edited release without a headline
        gets its title as one (the release template puts the date under the headline)."""
        if "<h1" not in html:
            html = f"<h1>{escape(source.entry.title)}</h1>\n{html}"
        self.html[source.entry.slug] = html
        return html

    def _common(self) -> dict[str, Any]:
        return {
            "listings": self.listings,
            "catalogue": self.catalogue,
            "company": self.settings.site.company,
            "ticker": self.settings.site.ticker,
            "home_count": self.settings.home_count,
            "display_date": display_date,
            "tag_for": self.vocabulary.tag_for,
            "feeds": [("Press releases", "feed.xml", "atom.xml")] if self.settings.feeds else [],
            "email_alerts_url": self.settings.email_alerts_url,
        }

    def release_data(self, source: Source, url: str) -> PageData:
        """A release page at ``url`` (its canonical URL): entry, publication time, metadata, fact boxes, tags."""
        entry = source.entry
        published = self.published[entry.slug]
        data = self._common()
        data["entry"] = entry
        data["published"] = published
        data["meta"] = metadata.release_meta(entry, published, url, self.catalogue, self.settings.site)
        data["fact_boxes"] = [
            (product, product.facts_as_of(entry.date, self.facts.shown(product.id, self.moment)))
            for product in (self.catalogue.get(pid) for pid in entry.products)
            if product is not None
        ]
        # Material's partials/tags.html prints tag.name as is (MkDocs' Jinja has no autoescape).
        tags = [{"name": escape(tag.name), "url": tag.url} for tag in map(self.vocabulary.tag_for, entry.tags)]
        return PageData(data, tags)

    def page_data(self, src_uri: str, url: str, title: str, description: str) -> PageData:
        """Any other page (home, listings, a tag's or a product's, the site's own): its listing,
        its feeds and a website card with ``title`` and ``description`` (text)."""
        data = self._common()
        if src_uri.startswith("tags/") and src_uri != "tags/index.md":
            tag_listing = self.listings.tag(src_uri[len("tags/") : -len(".md")])
            data["tag"] = tag_listing
            if tag_listing is not None and self.settings.feeds:
                tag = tag_listing.tag
                data["feeds"].append((tag.name, f"{tag.url}feed.xml", f"{tag.url}atom.xml"))
        elif src_uri.startswith("products/") and src_uri != "products/index.md":
            product_listing = self.listings.product(src_uri[len("products/") : -len(".md")])
            data["product"] = product_listing
            if product_listing is not None:
                product = product_listing.product
                data["current_facts"] = product.facts_as_of(None, self.facts.shown(product.id, self.moment))
                if self.settings.feeds:
                    data["feeds"].append((product.name, f"{product.url}feed.xml", f"{product.url}atom.xml"))
        data["meta"] = metadata.page_meta(title, description, url, self.settings.site)
        return PageData(data)

    def feeds(self) -> list[Feed]:
        """Every feed pair: the site's, each tag's and each product's."""
        site, limit = self.settings.site, self.settings.feed_length or None
        # Each release becomes an item once, however many feeds carry it.
        items = {entry.slug: self._item(entry) for entry in self.listings.entries}
        # The last publication dates a feed with no items; a newsroom with none has only its moment.
        last_published = max(self.published.values(), default=self.moment)

        def feed(folder: str, title: str, description: str, entries: tuple[Entry, ...]) -> Feed:
            """The feed pair in ``folder``, the page it belongs to (``""`` is the home page)."""
            # Newest first by publication time: an embargo time can put a release ahead of another of its day.
            chosen = sorted((items[entry.slug] for entry in entries), key=lambda item: (item.published, item.url), reverse=True)
            channel = Channel(
                title=title,
                description=description,
                home_url=site.absolute(folder),
                rss_url=site.absolute(f"{folder}feed.xml"),
                atom_url=site.absolute(f"{folder}atom.xml"),
                language=site.language,
                author=site.company or site.name,
                updated=last_published,
            )
            return Feed(folder, channel, tuple(chosen[:limit]))

        description = self.settings.description or f"Press releases of {site.company or site.name}"
        all_feeds = [feed("", site.name, description, self.listings.entries)]
        for listing in self.listings.tags:
            tag = listing.tag
            all_feeds.append(feed(tag.url, f"{site.name}: {tag.name}", f"Press releases about {tag.name}", listing.entries))
        for product_listing in self.listings.products:
            product = product_listing.product
            all_feeds.append(feed(product.url, f"{site.name}: {product.name}", f"Press releases that mention {product.name}", product_listing.entries))
        return all_feeds

    def _item(self, entry: Entry) -> FeedItem:
        site = self.settings.site
        categories = [
            Category(tag.slug, tag.name, site.absolute(tag.url))
            for tag in (self.vocabulary.tag_for(name) for name in entry.tags)
        ]
        categories += [
            Category(product.id, product.name, site.absolute(product.url))
            for product in (self.catalogue.get(pid) for pid in entry.products)
            if product is not None
        ]
        return FeedItem(
            title=entry.title,
            url=site.absolute(entry.url),
            published=self.published[entry.slug],
            day=entry.date,
            description=entry.description,
            html=self.html.get(entry.slug, ""),
            categories=tuple(categories),
        )


def page_title(title: str | None, site_name: str, is_homepage: bool) -> str:
    """A page's title as text for its card: the site's name on the home page or when it has none
    (MkDocs gives page titles as HTML, see the plugin's on_page_markdown)."""
    return site_name if is_homepage else Markup(title or "").unescape() or site_name
