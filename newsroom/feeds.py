"""RSS 2.0 and Atom 1.0 feeds with feedgen, JSON Feed 1.1 with json: the same items, reproducible
to the byte, dated from the releases.

Nothing here reads the clock: ``lastBuildDate``/``updated`` come from the newest item. With a WebSub
hub, every document names it (``rel="hub"``) beside its own address (``rel="self"``).

A release is an item of several feeds (the site's, its tags', its products'), and prints the same in
each: each document is its channel as feedgen and json print it with no items, and each item's
part as they print it inside such a document, made once per item however many feeds carry it
and kept in an unlinked file while the feeds are written, not in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from html import escape
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urljoin

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

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

    @property
    def content(self) -> str:
        """The HTML as feeds carry it: the release from its body on (readers show the item's title
        and date above it, so the page's headline would be said twice), URLs absolute, forbidden
        characters gone."""
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

    def entry(self) -> FeedEntry:
        """The item as feedgen holds it, but for its content."""
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

    def json_item(self, content: str) -> dict[str, Any]:
        """The item as JSON Feed 1.1 has it, with ``content``: the same id, dates, title and
        content as the entry."""
        tags = list(dict.fromkeys(clean(category.label) for category in self.categories))
        item = {
            "id": self.url,
            "url": self.url,
            "title": clean(self.title),
            "content_html": content,
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


def generator(channel: Channel, items: Sequence[FeedItem]) -> FeedGenerator:
    """feedgen's generator of ``channel``'s RSS, its items to be added: dated from ``items``."""
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
    feed.link(href=channel.rss_url, rel="self", type="application/rss+xml", replace=True)
    feed.link(href=channel.home_url, rel="alternate")
    return feed


def to_atom(feed: FeedGenerator, channel: Channel) -> None:
    """``feed`` (``generator``'s) turned to ``channel``'s Atom: a text subtitle, its own self link."""
    feed.subtitle(clean(channel.description))
    feed.link(href=channel.home_url, rel="alternate", replace=True)
    feed.link(href=channel.atom_url, rel="self", type="application/atom+xml")
    if channel.hub:
        feed.link(href=channel.hub, rel="hub")


def _cut(document: bytes, closing: bytes) -> tuple[bytes, bytes]:
    """``document`` (pretty-printed XML) split where items go: before the line that closes the
    element holding them (``closing``, the document's last such tag)."""
    at = document.rindex(b"\n", 0, document.rindex(closing)) + 1
    return document[:at], document[at:]


# A channel of no consequence: the documents items are printed in, to cut their parts from.
_FRAME = Channel("-", "-", "https://example.invalid/", "https://example.invalid/rss", "https://example.invalid/atom", "https://example.invalid/json", "en", "-", datetime(2000, 1, 1, tzinfo=timezone.utc))
# Where an item's part lies in the unlinked file: its first byte and its length.
_Place = tuple[int, int]


class Documents:
    """Writes feeds' RSS, Atom and JSON Feed documents, each item's parts made once.

    An item's part is cut from a document of one item: for RSS and Atom, an empty channel's
    document as lxml prints it with the item added (lxml prints each child of the element holding
    the items by itself, so the cut is what it prints in any document); for JSON, json's print of
    the item, each line indented two places more, as json indents the items of a document.
    """

    def __init__(self, scratch: BinaryIO) -> None:
        # Where the parts go (an unlinked file: it goes with this process, however it ends).
        self.scratch = scratch
        # Each item's RSS, Atom and JSON parts.
        self.places: dict[FeedItem, tuple[_Place, _Place, _Place]] = {}
        # The frames, read back from feedgen's print without whitespace (lxml indents them
        # afresh as it prints them again).
        frame = generator(_FRAME, ())
        self.channel = etree.fromstring(frame.rss_str(pretty=False))[0]
        self.channel_cut = _cut(self._print(self.channel), b"</channel>")
        to_atom(frame, _FRAME)
        self.feed = etree.fromstring(frame.atom_str(pretty=False))
        self.feed_cut = _cut(self._print(self.feed), b"</feed>")

    @staticmethod
    def _print(element: etree._Element) -> bytes:
        """The document of ``element`` as feedgen writes it (``ElementTree.write``, pretty, UTF-8)."""
        return etree.tostring(element.getroottree(), pretty_print=True, encoding="UTF-8", xml_declaration=True)

    def _part(self, parent: etree._Element, cut: tuple[bytes, bytes], element: etree._Element) -> _Place:
        """Keep ``element`` as lxml prints it as the last child of ``parent`` (``cut``: the
        document without it, split where it goes)."""
        parent.append(element)
        try:
            document = self._print(parent)
        finally:
            parent.remove(element)
        before, after = cut
        if not (document.startswith(before) and document.endswith(after)):
            raise RuntimeError("lxml printed a feed item elsewhere than where it was added")
        return self._keep(document[len(before) : len(document) - len(after)])

    def _keep(self, part: bytes) -> _Place:
        start = self.scratch.seek(0, os.SEEK_END)
        self.scratch.write(part)
        return start, len(part)

    def _places(self, item: FeedItem) -> tuple[_Place, _Place, _Place]:
        """Where ``item``'s parts lie, made now if no feed has carried it yet."""
        found = self.places.get(item)
        if found is None:
            content = item.content
            entry = item.entry()
            # RSS carries the HTML as CDATA in content:encoded, Atom as escaped type="html" content.
            entry.content(content, type="CDATA")
            rss = self._part(self.channel, self.channel_cut, entry.rss_entry())
            entry.content(content, type="html")
            atom = self._part(self.feed, self.feed_cut, entry.atom_entry())
            # json escapes a line break in a string: each one is a line json began, indented
            # as json indents an item in the list of a document's items.
            text = json.dumps(item.json_item(content), ensure_ascii=False, indent=1)
            found = self.places[item] = (rss, atom, self._keep(("  " + text.replace("\n", "\n  ")).encode("utf-8")))
        return found

    def _copy(self, place: _Place, out: BinaryIO) -> None:
        start, length = place
        out.write(os.pread(self.scratch.fileno(), length, start))

    def write(self, channel: Channel, items: Sequence[FeedItem], rss: BinaryIO, atom: BinaryIO, json_feed: BinaryIO) -> None:
        """Write ``channel``'s three documents of ``items`` (already newest first)."""
        places = [self._places(item) for item in items]
        self.scratch.flush()
        feed = generator(channel, items)
        rss_cut = _cut(feed.rss_str(pretty=True), b"</channel>")
        to_atom(feed, channel)
        atom_cut = _cut(feed.atom_str(pretty=True), b"</feed>")
        for index, (out, (before, after)) in enumerate(((rss, rss_cut), (atom, atom_cut))):
            out.write(before)
            for place in places:
                self._copy(place[index], out)
            out.write(after)
        text = json.dumps(json_document(channel), ensure_ascii=False, indent=1) + "\n"
        if not places:
            json_feed.write(text.encode("utf-8"))
            return
        # The items' list is the document's last "[]" (json_document puts it last).
        head, _, tail = text.rpartition("[]")
        json_feed.write((head + "[\n").encode("utf-8"))
        for number, place in enumerate(places):
            json_feed.write(b",\n" if number else b"")
            self._copy(place[2], json_feed)
        json_feed.write(("\n ]" + tail).encode("utf-8"))


def json_document(channel: Channel) -> dict[str, Any]:
    """The JSON Feed 1.1 document of ``channel``, its ``items`` (the last key) still empty."""
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
    document["items"] = []
    return document


@dataclass(frozen=True)
class Feed:
    """One feed to write in every format: ``folder`` (``""``, ``tags/patents/`` …) gets feed.xml, atom.xml and feed.json."""

    folder: str
    channel: Channel
    items: tuple[FeedItem, ...]


def _write(feed: Feed, site_dir: Path, documents: Documents, cache: FileCache | None = None) -> tuple[dict[str, Path], str | None]:
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
    with replacing(rss_path) as rss_temporary, replacing(atom_path) as atom_temporary, replacing(json_path) as json_temporary:
        with rss_temporary.open("wb") as rss, atom_temporary.open("wb") as atom, json_temporary.open("wb") as json_feed:
            documents.write(feed.channel, feed.items, rss, atom, json_feed)
    if cache is not None and key is not None:
        cache.keep(key, by_name)
    return files, problem


def write_all(feeds: Sequence[Feed], site_dir: Path, websub: Manifest | None = None, cache: FileCache | None = None) -> list[str]:
    """Write every feed, one after the other, each item's parts made once and kept in an unlinked
    file in ``site_dir`` meanwhile (a large archive's items are hundreds of megabytes), then the
    WebSub manifest of them all when there is a hub; the warnings about the ``cache``, which then
    keeps only these feeds."""
    written: dict[str, Path] = {}
    problems = []
    site_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=site_dir) as scratch:
        documents = Documents(scratch)
        for feed in feeds:
            files, problem = _write(feed, site_dir, documents, cache)
            written.update(files)
            if problem is not None:
                problems.append(problem)
    if websub is not None:
        websub.write(site_dir, written)
    if cache is not None:
        cache.prune()
    return problems
