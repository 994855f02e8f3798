"""The build plan: what a build publishes at its moment, and what every page and feed shows.

Made once per build from the releases read (a ``Collection``) and the plugin's settings; the
plugin only turns MkDocs events into questions to the plan (which files, which page data, which
feeds) and its answers back into MkDocs objects, as Material's blog plugin keeps its structure
out of its event handlers. No MkDocs import, so every answer can be checked without a build.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from . import manifest, metadata, pipeline, timeline
from .article import split_article
from .catalogue import Catalogue, Product
from .collection import RELEASES_DIR, Source, read_release
from .crawlers import NEWS_SITEMAP, ROBOTS, SITEMAP, NewsItem, news_sitemap, robots_txt
from .feeds import ATOM_FILE, JSON_FILE, RSS_FILE, Category, Channel, Feed, FeedItem
from .freshness import fact_age
from .history import History, Version
from .listings import Listings, build_listings, listing_pages
from .markdown_writer import escape_text
from .model import Entry, ReleaseError, display_date
from .publication import FactClock, fact_clock, published_at
from .redirects import redirects
from .stages import Stage
from .tagging import Vocabulary
from .textdiff import word_diff
from .websub import MANIFEST, Manifest


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
    # The allowed-signers line of the key that signs releases.json; empty when it is not signed.
    signers: str = ""
    # Whether pages carry the pipeline chart and product timelines.
    timelines: bool = True
    # A sign-up page for e-mail alerts, linked beside the feeds; empty: none.
    email_alerts_url: str = ""
    # The WebSub hub every feed names ("": none).
    hub: str = ""


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
class VersionPage:
    """An earlier version of a corrected release, at ``releases/<slug>/v<N>/``: its text as it was
    (parsed as the release was, or shown as plain text when it no longer parses), never indexed."""

    slug: str
    version: Version
    title: str
    body: str
    edited: bool
    entry: Entry

    @property
    def meta(self) -> dict[str, Any]:
        """The page's front matter: out of search and out of the sitemap (its canonical is the release)."""
        return {
            "title": f"{self.title} (version {self.version.number})",
            "template": "newsroom/release.html",
            "search": {"exclude": True},
            "robots": "noindex",
        }


@dataclass(frozen=True)
class HistoryRow:
    """One published version in a release's History section: ``url`` of its page (None for the
    current text) and the changes from the version before (none for the first)."""

    version: Version
    url: str | None
    changes: tuple[Markup, ...]


@dataclass(frozen=True)
class FeedLinks:
    """A page's feed in every format (paths from the site's root), for its autodiscovery and subscribe links."""

    title: str
    folder: str

    @property
    def rss(self) -> str:
        return self.folder + RSS_FILE

    @property
    def atom(self) -> str:
        return self.folder + ATOM_FILE

    @property
    def json(self) -> str:
        return self.folder + JSON_FILE


@dataclass(frozen=True)
class PageData:
    """A page's template data: ``newsroom`` for the newsroom's templates and, on a release page,
    ``tags`` in the form Material's ``partials/tags.html`` prints."""

    newsroom: dict[str, Any]
    tags: list[dict[str, Any]] | None = None


class Plan:
    """One build's plan; ``html`` fills in as pages are converted, before the feeds are made."""

    def __init__(
        self,
        sources: Iterable[Source],
        catalogue: Catalogue,
        vocabulary: Vocabulary,
        settings: Settings,
        moment: datetime,
        histories: Mapping[str, History] | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.vocabulary = vocabulary
        self.settings = settings
        self.moment = moment
        every, histories = self._first_addresses(list(sources), dict(histories or {}))
        # A fact shows once public: with the releases of its day, held ones included, not before.
        self.facts: FactClock = fact_clock((s.entry for s in every), settings.release_time, settings.zone)
        self.schedule = schedule(every, moment, settings.release_time, settings.zone)
        self.sources = self.schedule.sources
        self.published = self.schedule.published
        self.listings: Listings = build_listings([s.entry for s in self.sources.values()], vocabulary, catalogue)
        # Each published release's article HTML by slug, as MkDocs converted it.
        self.html: dict[str, str] = {}
        # Each earlier version's converted HTML by source URI, for its page.
        self.version_html: dict[str, str] = {}
        # Each published release's versions by slug (read from git by newsroom.history).
        self.histories: dict[str, History] = {slug: h for slug, h in histories.items() if slug in self.published}
        # The pages of the earlier versions of corrected releases, by page source URI.
        self.versions: dict[str, VersionPage] = {
            f"{RELEASES_DIR}/{source.entry.slug}/v{version.number}.md": self._version_page(source, version)
            for source in self.sources.values()
            for version in self.history(source.entry.slug).earlier
        }

    @property
    def held(self) -> tuple[tuple[datetime, Source], ...]:
        return self.schedule.held

    def history(self, slug: str) -> History:
        """A published release's versions; one, as published, when git gave none."""
        found = self.histories.get(slug)
        if found is not None:
            return found
        source = self.sources[f"{RELEASES_DIR}/{slug}.md"]
        return History((Version(1, self.published[slug], source.body.encode(), source.src_uri),))

    def corrected(self, slug: str) -> datetime | None:
        """When a published release was last corrected (None: never), for listings and feeds."""
        found = self.histories.get(slug)
        return found.corrected if found is not None else None

    def _read(self, source: Source, version: Version) -> Source | None:
        """An earlier version read as the release is; None when it no longer reads."""
        settings = self.settings
        try:
            return read_release(source.entry.path, version.data, self.catalogue, self.vocabulary, settings.site.company, settings.zone)
        except ReleaseError:
            return None

    def _first_addresses(self, sources: list[Source], histories: dict[str, History]) -> tuple[list[Source], dict[str, History]]:
        """A corrected headline would change the slug made from it: a release keeps the address it
        was first published at, so its links, its feed id and guid and its versions' pages stay."""
        taken = {source.entry.slug for source in sources}
        kept: list[Source] = []
        for source in sources:
            found = histories.get(source.entry.slug)
            first = self._read(source, found.versions[0]) if found is not None and found.corrected else None
            slug = first.entry.slug if first is not None else source.entry.slug
            if slug != source.entry.slug and slug not in taken:
                taken.add(slug)
                histories[slug] = histories.pop(source.entry.slug)
                source = replace(source, entry=replace(source.entry, slug=slug), meta={**source.meta, "slug": slug})
            kept.append(source)
        return kept, histories

    def _version_page(self, source: Source, version: Version) -> VersionPage:
        """An earlier version's page: read as the release is, or its text as plain text when it no longer reads."""
        entry, old = source.entry, self._read(source, version)
        if old is None:
            body = "\n\n".join(escape_text(paragraph) for paragraph in version.text.split("\n\n") if paragraph.strip())
            return VersionPage(entry.slug, version, entry.title, body, False, entry)
        return VersionPage(entry.slug, version, old.entry.title, old.body, old.edited, old.entry)

    def history_rows(self, slug: str) -> list[HistoryRow]:
        """A corrected release's History section: every version, with its changes and its page."""
        history = self.history(slug)
        rows = []
        for index, version in enumerate(history.versions):
            url = None if version is history.current else f"{RELEASES_DIR}/{slug}/v{version.number}/"
            changes = tuple(word_diff(history.versions[index - 1].text, version.text)) if index else ()
            rows.append(HistoryRow(version, url, changes))
        return rows

    def listing_pages(self) -> dict[str, str]:
        """Source URI → Markdown of every generated listing page."""
        return listing_pages(self.listings, self.catalogue)

    def redirects(self) -> dict[str, str]:
        """Site path → HTML of every redirect page (old topic pages of products)."""
        return redirects(self.vocabulary, self.settings.site.absolute, RSS_FILE if self.settings.feeds else "")

    @staticmethod
    def section(src_uri: str) -> str | None:
        """The listing whose tab a page belongs under, by source URI: a release, a year and a topic
        are releases (a topic page is the archive filtered), a product's page is under products."""
        if src_uri.startswith((f"{RELEASES_DIR}/", "tags/")) and src_uri not in (f"{RELEASES_DIR}/index.md", "tags/index.md"):
            return f"{RELEASES_DIR}/index.md"
        if src_uri.startswith("products/") and src_uri != "products/index.md":
            return "products/index.md"
        return None

    def rendered(self, source: Source, html: str) -> str:
        """A release's converted HTML, kept for the feeds: an edited release without a headline
        gets its title as one (the release template puts the date under the headline)."""
        html = headed(source.entry.title, html)
        self.html[source.entry.slug] = html
        return html

    def rendered_version(self, src_uri: str, html: str) -> str:
        """An earlier version's converted HTML, headed like a release's, kept for its page's parts."""
        page = self.versions[src_uri]
        html = headed(page.title, html)
        self.version_html[src_uri] = html
        return html

    def stage_shown(self, product: Product, stage: Stage) -> bool:
        """A stage shows once public: on its fact clock, and after the release that announced it."""
        return self.facts.shown(product.id, self.moment)(stage.day) and (stage.release is None or stage.release in self.published)

    def pipeline(self, day: date | None, chart_id: str) -> Markup:
        """The pipeline chart as it stood on ``day`` (today's when None), or nothing when off or empty."""
        if not self.settings.timelines:
            return Markup("")
        title = f"Pipeline on {display_date(day)}" if day else "Development pipeline"
        return Markup(pipeline.chart(pipeline.rows(self.catalogue, day, self.stage_shown), self.catalogue.stage_names, title, chart_id))

    def timeline(self, product: Product, entries: tuple[Entry, ...]) -> timeline.Timeline:
        """A product page's timeline of its published releases (``entries``, newest first) and milestones."""
        if not self.settings.timelines:
            return timeline.Timeline("", ())
        topics: dict[tuple[str, ...], str] = {}  # releases share a few combinations of tags
        for entry in entries:
            if entry.tags not in topics:
                topics[entry.tags] = timeline.topic_of(self.vocabulary.tag_for(name).slug for name in entry.tags)
        # The product page is products/<id>/: two folders below the site's root.
        items = [timeline.Item(entry, topics[entry.tags], f"../../{entry.url}") for entry in reversed(entries)]
        marks = timeline.milestones(product, self.facts.shown(product.id, self.moment), lambda stage: self.stage_shown(product, stage))
        return timeline.draw(product, items, marks, f"timeline-{product.id}")

    def _common(self) -> dict[str, Any]:
        return {
            "listings": self.listings,
            "catalogue": self.catalogue,
            "company": self.settings.site.company,
            "ticker": self.settings.site.ticker,
            "home_count": self.settings.home_count,
            "display_date": display_date,
            "tag_for": self.vocabulary.tag_for,
            "feeds": [FeedLinks("Press releases", "")] if self.settings.feeds else [],
            "email_alerts_url": self.settings.email_alerts_url,
            "corrected": self.corrected,
            "display_time": self.display_time,
            "display_day": self.display_day,
        }

    def display_day(self, moment: datetime) -> str:
        """``March 5, 2021``: the day of a moment in the newsroom's time zone."""
        return display_date(moment.astimezone(self.settings.zone).date())

    def display_time(self, moment: datetime) -> str:
        """``March 5, 2021, 14:30 EST``: a moment in the newsroom's time zone."""
        local = moment.astimezone(self.settings.zone)
        return f"{display_date(local.date())}, {local:%H:%M} {local.tzname()}"

    def release_data(self, source: Source, url: str) -> PageData:
        """A release page at ``url`` (its canonical URL): entry, publication time, metadata, fact boxes, tags."""
        entry = source.entry
        published = self.published[entry.slug]
        data = self._common()
        data["entry"] = entry
        data["published"] = published
        corrected = self.corrected(entry.slug)
        data["meta"] = metadata.release_meta(entry, published, url, self.catalogue, self.settings.site, corrected)
        if corrected is not None:
            data["history"] = self.history_rows(entry.slug)
        data["fact_boxes"] = [
            (product, product.facts_as_of(entry.date, self.facts.shown(product.id, self.moment)))
            for product in (self.catalogue.get(pid) for pid in entry.products)
            if product is not None
        ]
        # A box's one line on a phone: the product's name and its stage as the box shows it.
        data["stages"] = {product.id: stage_line(facts, product.summary) for product, facts in data["fact_boxes"]}
        # The headline, the lead (dateline and first paragraph) and the rest: the fact boxes stand after the lead.
        data["article"] = split_article(self.html.get(entry.slug, ""))
        data["fact_ages"] = {
            product.id: fact_age(product, entry.date, self.facts.shown(product.id, self.moment)) for product, _ in data["fact_boxes"]
        }
        data["pipeline"] = self.pipeline(entry.date, "pipeline-then")
        # Material's partials/tags.html prints tag.name as is (MkDocs' Jinja has no autoescape).
        tags = [{"name": escape(tag.name), "url": tag.url} for tag in map(self.vocabulary.tag_for, entry.tags)]
        return PageData(data, tags)

    def version_data(self, src_uri: str) -> PageData:
        """An earlier version's page: its text as it was, a notice naming the current page (its canonical)."""
        page = self.versions[src_uri]
        history = self.history(page.slug)
        data = self._common()
        current_url = self.settings.site.absolute(f"{RELEASES_DIR}/{page.slug}/")
        data["entry"] = page.entry
        data["published"] = page.version.time
        data["fact_boxes"] = []
        data["article"] = split_article(self.version_html.get(src_uri, ""))
        data["version"] = page.version
        data["superseded"] = history.versions[page.version.number].time
        data["current"] = f"{RELEASES_DIR}/{page.slug}/"
        data["canonical"] = current_url
        data["meta"] = metadata.page_meta(page.meta["title"], page.entry.description, current_url, self.settings.site)
        return PageData(data, [])

    def page_data(self, src_uri: str, url: str, title: str, description: str) -> PageData:
        """Any other page (home, listings, a tag's or a product's, the site's own): its listing,
        its feeds and a website card with ``title`` and ``description`` (text)."""
        data = self._common()
        if src_uri in ("index.md", "products/index.md"):
            data["pipeline"] = self.pipeline(None, "pipeline")
        if src_uri.startswith(f"{RELEASES_DIR}/") and src_uri[len(RELEASES_DIR) + 1 : -len(".md")].isdigit():
            data["year"] = self.listings.year(int(src_uri[len(RELEASES_DIR) + 1 : -len(".md")]))
        elif src_uri.startswith("tags/") and src_uri != "tags/index.md":
            tag_listing = self.listings.tag(src_uri[len("tags/") : -len(".md")])
            data["tag"] = tag_listing
            if tag_listing is not None and self.settings.feeds:
                tag = tag_listing.tag
                data["feeds"].append(FeedLinks(tag.name, tag.url))
        elif src_uri.startswith("products/") and src_uri != "products/index.md":
            product_listing = self.listings.product(src_uri[len("products/") : -len(".md")])
            data["product"] = product_listing
            if product_listing is not None:
                product = product_listing.product
                data["current_facts"] = product.facts_as_of(None, self.facts.shown(product.id, self.moment))
                data["facts_updated"] = product.last_updated(None, self.facts.shown(product.id, self.moment))
                data["timeline"] = self.timeline(product, product_listing.entries)
                if self.settings.feeds:
                    data["feeds"].append(FeedLinks(product.name, product.url))
        elif src_uri == "verify.md":
            data["verify"] = {"manifest": manifest.MANIFEST, "signers": self.settings.signers, "site": self.settings.site.url}
        data["meta"] = metadata.page_meta(title, description, url, self.settings.site)
        return PageData(data)

    def manifest(self, articles: Mapping[tuple[str, int | None], str], docs_dir: Path) -> dict[str, Any]:
        """releases.json of this build: every published release (none held back) with the SHA-256
        of its source file under ``docs_dir`` and of its article (``articles``: from the pages as
        written, by slug and version number, None for the current text), and its versions from
        git (without history, its current text is its one version)."""
        site = self.settings.site
        releases = []
        for source in self.sources.values():
            entry = source.entry
            when = self.published[entry.slug]
            digest = manifest.sha256((docs_dir / source.src_uri).read_bytes())
            found = self.histories.get(entry.slug)
            versions = (
                tuple(manifest.Version(v.number, v.time, v.text_sha256, articles.get((entry.slug, v.number), "")) for v in found.versions)
                if found is not None
                else manifest.current_version(when, digest)
            )
            url = site.absolute(entry.url) or entry.url
            releases.append(manifest.Release(url, entry.url, when, entry.title, source.src_uri, digest, articles[(entry.slug, None)], versions))
        return manifest.build(site.url, self.moment, releases)

    def feeds(self) -> list[Feed]:
        """Every feed: the site's, each tag's and each product's."""
        site, limit = self.settings.site, self.settings.feed_length or None
        # Each release becomes an item once, however many feeds carry it.
        items = {entry.slug: self._item(entry) for entry in self.listings.entries}
        # The last publication dates a feed with no items; a newsroom with none has only its moment.
        last_published = max(self.published.values(), default=self.moment)

        def feed(folder: str, title: str, description: str, entries: tuple[Entry, ...]) -> Feed:
            """The feed in ``folder``, the page it belongs to (``""`` is the home page)."""
            # Newest first by publication time: an embargo time can put a release ahead of another of its day.
            chosen = sorted((items[entry.slug] for entry in entries), key=lambda item: (item.published, item.url), reverse=True)
            channel = Channel(
                title=title,
                description=description,
                home_url=site.absolute(folder),
                rss_url=site.absolute(folder + RSS_FILE),
                atom_url=site.absolute(folder + ATOM_FILE),
                json_url=site.absolute(folder + JSON_FILE),
                language=site.language,
                author=site.company or site.name,
                updated=last_published,
                hub=self.settings.hub,
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

    def websub(self) -> Manifest | None:
        """The WebSub manifest the feeds' writer adds, when there is a hub."""
        return Manifest(self.settings.hub, self.settings.site.absolute(MANIFEST)) if self.settings.hub else None

    def crawler_files(self, robots: str | None) -> dict[str, str]:
        """news-sitemap.xml of the last two days' releases and robots.txt naming it and sitemap.xml
        (the site's own robots.txt, when given, with those lines added); none for a site without an address."""
        site = self.settings.site
        if not site.url:
            return {}
        items = [NewsItem(site.absolute(s.entry.url), s.entry.title, self.published[s.entry.slug]) for s in self.sources.values()]
        return {
            NEWS_SITEMAP: news_sitemap(items, self.moment, site.name, site.language),
            ROBOTS: robots_txt([site.absolute(SITEMAP), site.absolute(NEWS_SITEMAP)], robots),
        }

    def _item(self, entry: Entry) -> FeedItem:
        site = self.settings.site
        tags = [self.vocabulary.tag_for(name) for name in entry.tags]
        # By the page each leads to: a product's tag and the product are one category, the product's.
        categories = {tag.url: Category(tag.slug, tag.name, site.absolute(tag.url)) for tag in tags if tag.product is None}
        for product_id in (*entry.products, *(tag.product for tag in tags if tag.product)):
            product = self.catalogue.get(product_id)
            if product is not None:
                categories.setdefault(product.url, Category(product.id, product.name, site.absolute(product.url)))
        corrected = self.corrected(entry.slug)
        url = site.absolute(entry.url)
        notice = ""
        if corrected is not None:
            notice = (
                f'<p><strong>Corrected on <time datetime="{corrected.isoformat()}">{escape(self.display_time(corrected))}</time>.</strong> '
                f'Every published version and what changed: <a href="{escape(url)}#nr-history">History</a>.</p>\n'
            )
        return FeedItem(
            title=entry.title,
            url=url,
            published=self.published[entry.slug],
            updated=corrected,
            notice=notice,
            description=entry.description,
            html=self.html.get(entry.slug, ""),
            categories=tuple(categories.values()),
        )


def headed(title: str, html: str) -> str:
    """A page's HTML with ``title`` as its headline when it has none."""
    return html if "<h1" in html else f"<h1>{escape(title)}</h1>\n{html}"


# The fact labels that say where a product stands, in the order they are looked for.
STAGE_LABELS = ("development stage", "stage", "status")


def stage_line(facts: Iterable[tuple[str, str]], fallback: str) -> str:
    """The value of a product's stage fact (its first of ``STAGE_LABELS``), else ``fallback``."""
    by_label = {label.casefold(): value for label, value in facts}
    return next((by_label[label] for label in STAGE_LABELS if label in by_label), fallback)


def page_title(title: str | None, site_name: str, is_homepage: bool) -> str:
    """A page's title as text for its card: the site's name on the home page or when it has none
    (MkDocs gives page titles as HTML, see the plugin's on_page_markdown)."""
    return site_name if is_homepage else Markup(title or "").unescape() or site_name
