"""RSS 2.0 and Atom 1.0 feeds with feedgen, JSON Feed 1.1 with json: the same items, reproducible
to the byte, dated from the releases.

Nothing here reads the clock: ``lastBuildDate``/``updated`` come from the newest item. With a WebSub
hub, every document names it (``rel="hub"``) beside its own address (``rel="self"``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from html import escape
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urljoin

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .cache import FileCache
from .manifest import replacing
from .model import XML_FORBIDDEN
from .websub import Manifest

# A start tag: Python-Markdown escapes "<" and ">" in text and attribute values, so a tag is
# the only place a "<" is followed by a letter and no "<" or ">" until its end.
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_URL_ATTR = re.compile(r'(?P<attr>\s(?:href|src|poster)=)(?P<quote>["\'])(?P<url>.*?)(?P=quote)', re.IGNORECASE)
_SRCSET = re.compile(r'\ssrcset=(["\']).*?\1', re.IGNORECASE)
# The page's headline (the plan gives every release one); text cannot close it, Markdown escapes "<".
_HEADLINE = re.compile(r"<h1\b[^>]*>.*?</h1>\s*", re.DOTALL)
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# A feed's files in its folder, one per format.
RSS_FILE, ATOM_FILE, JSON_FILE = "feed.xml", "atom.xml", "feed.json"


@dataclass(frozen=True)
class Category:
    term: str
    label: str
    scheme: str


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str
    published: datetime
    description: str
    html: str
    categories: tuple[Category, ...] = ()
    # When the release was last corrected (Atom's ``updated``), and the notice saying so (HTML),
    # which opens the item's content; the id and guid stay the release's address.
    updated: datetime | None = None
    notice: str = ""

    @cached_property
    def content(self) -> str:
        """The HTML as feeds carry it: the release from its body on (readers show the item's title
        and date above it, so the page's headline would be said twice), URLs absolute, forbidden
        characters gone; made once per item, in the process that renders its feeds."""
        return self.notice + clean(absolute_html(_HEADLINE.sub("", self.html, count=1), self.url))

    @cached_property
    def fingerprint(self) -> str:
        """A hash of every field, for the key of a cached feed that carries the item."""
        return hashlib.sha256(repr(self).encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def modified(self) -> datetime:
        """When the item last changed (Atom's ``updated``, JSON Feed's ``date_modified``)."""
        return self.updated or self.published

    @cached_property
    def summary(self) -> str:
        """The lead as text (the headline when there is none)."""
        return clean(self.description) or clean(self.title)

    @cached_property
    def entry(self) -> FeedEntry:
        """The item as feedgen holds it, made once and shared by every feed that carries it."""
        entry = FeedEntry()
        entry.id(self.url)
        entry.guid(self.url, permalink=True)
        entry.title(clean(self.title))
        entry.link(href=self.url, rel="alternate")
        entry.published(self.published)
        entry.updated(self.modified)
        # RSS readers show a description as HTML: the lead is text, so it goes in escaped (and
        # Atom's summary says it is HTML), or its "<b>" would be markup.
        entry.summary(escape(self.summary, quote=False), type="html")
        for category in self.categories:
            entry.category(term=clean(category.term), label=clean(category.label), scheme=category.scheme)
        return entry

    @cached_property
    def json_item(self) -> dict[str, Any]:
        """The item as JSON Feed 1.1 has it: the same id, dates, title and content as the entry."""
        tags = list(dict.fromkeys(clean(category.label) for category in self.categories))
        item = {
            "id": self.url,
            "url": self.url,
            "title": clean(self.title),
            "content_html": self.content,
            "summary": self.summary,
            "date_published": self.published.isoformat(),
            "date_modified": self.modified.isoformat(),
            "tags": tags,
        }
        return {key: value for key, value in item.items() if value}


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    home_url: str
    rss_url: str
    atom_url: str
    json_url: str
    language: str
    # Atom requires an author for every entry; the publisher stands for all of them.
    author: str
    # When the newsroom last published: dates a feed with no items (Atom requires ``updated``).
    updated: datetime
    # The WebSub hub that pushes the feed to subscribers ("": none).
    hub: str = ""


def clean(text: str) -> str:
    """Drop the characters XML 1.0 forbids; the parser already did, this guards edited releases."""
    return XML_FORBIDDEN.sub("", text)


def absolute_html(html: str, page_url: str) -> str:
    """Every ``href``/``src`` in a tag made absolute against the page it came from; ``srcset`` removed.

    Only tags are touched: a release's text that reads like an attribute stays as written.
    """

    def fix_url(match: re.Match[str]) -> str:
        url = match.group("url")
        return f"{match.group('attr')}{match.group('quote')}{urljoin(page_url, url)}{match.group('quote')}"

    def fix_tag(match: re.Match[str]) -> str:
        return _URL_ATTR.sub(fix_url, _SRCSET.sub("", match.group(0)))

    return _TAG.sub(fix_tag, html)


class _RssHub(BaseExtension):  # type: ignore[misc]  # feedgen is untyped
    """The hub's ``atom:link`` in RSS's channel: feedgen writes only the self link there."""

    url = ""

    def extend_rss(self, feed: Any) -> Any:
        xml_elem("{http://www.w3.org/2005/Atom}link", feed[0], href=self.url, rel="hub")
        return feed


def render(channel: Channel, items: Sequence[FeedItem], rss: Path | BinaryIO, atom: Path | BinaryIO) -> None:
    """Write the RSS and Atom documents for ``items`` (already newest first) to ``rss`` and ``atom``.

    Each document goes straight from feedgen's tree to the file, one after the other: a large
    archive's feed is a hundred megabytes that need not also be held as bytes.
    """
    feed = FeedGenerator()
    feed.id(channel.home_url)
    feed.title(clean(channel.title))
    # RSS's channel description is read as HTML too (a tag or product name is text); Atom's subtitle is text.
    feed.subtitle(escape(clean(channel.description), quote=False))
    feed.language(channel.language)
    feed.author({"name": clean(channel.author)})
    # An empty generator is feedgen's way to write no <generator> element at all.
    feed.generator("")
    # feedgen defaults both to the clock; the newest item keeps rebuilds byte-identical.
    updated = max((item.modified for item in items), default=channel.updated)
    feed.updated(updated)
    feed.lastBuildDate(updated)
    if channel.hub:
        feed.register_extension("websub", _RssHub, atom=False)
        feed.websub.url = channel.hub
    entries = [(feed.add_entry(item.entry, order="append"), item.content) for item in items]
    # RSS carries the HTML as CDATA in content:encoded, Atom as escaped type="html" content;
    # each document's self link names that document.
    for entry, html in entries:
        entry.content(html, type="CDATA")
    feed.link(href=channel.rss_url, rel="self", type="application/rss+xml", replace=True)
    feed.link(href=channel.home_url, rel="alternate")
    feed.rss_file(_target(rss), pretty=True)
    for entry, html in entries:
        entry.content(html, type="html")
    feed.subtitle(clean(channel.description))
    feed.link(href=channel.home_url, rel="alternate", replace=True)
    feed.link(href=channel.atom_url, rel="self", type="application/atom+xml")
    if channel.hub:
        feed.link(href=channel.hub, rel="hub")
    feed.atom_file(_target(atom), pretty=True)


def json_feed(channel: Channel, items: Sequence[FeedItem]) -> dict[str, Any]:
    """The JSON Feed 1.1 document for ``items`` (already newest first): the RSS/Atom items' JSON form."""
    document: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": clean(channel.title),
        "home_page_url": channel.home_url,
        "feed_url": channel.json_url,
        "description": clean(channel.description),
        "language": channel.language,
        "authors": [{"name": clean(channel.author)}],
    }
    if channel.hub:
        document["hubs"] = [{"type": "WebSub", "url": channel.hub}]
    document["items"] = [item.json_item for item in items]
    return document


def render_json(channel: Channel, items: Sequence[FeedItem], out: Path) -> None:
    """Write the JSON Feed for ``items`` to ``out``, UTF-8, keys in a fixed order (rebuilds are byte-identical)."""
    with out.open("w", encoding="utf-8") as file:
        json.dump(json_feed(channel, items), file, ensure_ascii=False, indent=1)
        file.write("\n")


def _target(out: Path | BinaryIO) -> str | BinaryIO:
    """What lxml writes to: a file name, or a file object as given."""
    return str(out) if isinstance(out, Path) else out


@dataclass(frozen=True)
class Feed:
    """One feed to write in every format: ``folder`` (``""``, ``tags/patents/`` …) gets feed.xml, atom.xml and feed.json."""

    folder: str
    channel: Channel
    items: tuple[FeedItem, ...]


def _write(feed: Feed, site_dir: Path, cache: FileCache | None = None) -> tuple[dict[str, Path], str | None]:
    """Write ``feed`` in every format, each file whole or not at all (a preview writes them in
    the site being served, and may stop the writer for the next edit); each file by its address,
    and a warning when the cache held the feed damaged. With a ``cache``, a feed made of the same
    channel and items as before is taken from it, and one written afresh is kept in it."""
    folder = site_dir / feed.folder
    folder.mkdir(parents=True, exist_ok=True)
    files = {feed.channel.rss_url: folder / RSS_FILE, feed.channel.atom_url: folder / ATOM_FILE, feed.channel.json_url: folder / JSON_FILE}
    by_name = {path.name: path for path in files.values()}
    key, problem = None, None
    if cache is not None:
        key = cache.key(feed.folder, repr(feed.channel), *(item.fingerprint for item in feed.items))
        found, problem = cache.fetch(key, by_name)
        if found:
            return files, None
    rss_path, atom_path, json_path = files.values()
    with replacing(rss_path) as rss, replacing(atom_path) as atom, replacing(json_path) as json_feed_file:
        render(feed.channel, feed.items, rss, atom)
        render_json(feed.channel, feed.items, json_feed_file)
    if cache is not None and key is not None:
        cache.keep(key, by_name)
    return files, problem


def write_all(feeds: Sequence[Feed], site_dir: Path, websub: Manifest | None = None, cache: FileCache | None = None) -> list[str]:
    """Render and write every feed, one after the other (a feed's tree is as large as its items'
    HTML, so one at a time keeps the memory of a large archive's feeds to the largest), then the
    WebSub manifest of them all when there is a hub; the warnings about the ``cache``, which then
    keeps only these feeds."""
    written: dict[str, Path] = {}
    problems = []
    for feed in feeds:
        files, problem = _write(feed, site_dir, cache)
        written.update(files)
        if problem is not None:
            problems.append(problem)
    if websub is not None:
        websub.write(site_dir, written)
    if cache is not None:
        cache.prune()
    return problems
