"""RSS 2.0 and Atom 1.0 feeds with feedgen: reproducible to the byte, dated from the releases.

Nothing here reads the clock: ``lastBuildDate``/``updated`` come from the newest item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from datetime import datetime
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from .model import XML_FORBIDDEN

# A start tag: Python-Markdown escapes "<" and ">" in text and attribute values, so a tag is
# the only place a "<" is followed by a letter and no "<" or ">" until its end.
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_URL_ATTR = re.compile(r'(?P<attr>\s(?:href|src|poster)=)(?P<quote>["\'])(?P<url>.*?)(?P=quote)', re.IGNORECASE)
_SRCSET = re.compile(r'\ssrcset=(["\']).*?\1', re.IGNORECASE)


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

    @cached_property
    def content(self) -> str:
        """The HTML as feeds carry it: URLs absolute, forbidden characters gone; made once per item."""
        return clean(absolute_html(self.html, self.url))


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    home_url: str
    rss_url: str
    atom_url: str
    language: str
    # Atom requires an author for every entry; the publisher stands for all of them.
    author: str
    # When the newsroom last published: dates a feed with no items (Atom requires ``updated``).
    updated: datetime


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


def render(channel: Channel, items: Sequence[FeedItem]) -> tuple[bytes, bytes]:
    """The RSS and Atom documents for ``items`` (already newest first)."""
    feed = FeedGenerator()
    feed.id(channel.home_url)
    feed.title(clean(channel.title))
    feed.subtitle(clean(channel.description))
    feed.language(channel.language)
    feed.author({"name": clean(channel.author)})
    # An empty generator is feedgen's way to write no <generator> element at all.
    feed.generator("")
    # feedgen defaults both to the clock; the newest item keeps rebuilds byte-identical.
    updated = max((item.published for item in items), default=channel.updated)
    feed.updated(updated)
    feed.lastBuildDate(updated)
    entries = []
    for item in items:
        entry = feed.add_entry(order="append")
        entry.id(item.url)
        entry.guid(item.url, permalink=True)
        entry.title(clean(item.title))
        entry.link(href=item.url, rel="alternate")
        entry.published(item.published)
        entry.updated(item.published)
        entry.summary(clean(item.description) or clean(item.title))
        for category in item.categories:
            entry.category(term=clean(category.term), label=clean(category.label), scheme=category.scheme)
        entries.append((entry, item.content))
    # RSS carries the HTML as CDATA in content:encoded, Atom as escaped type="html" content;
    # each document's self link names that document.
    for entry, html in entries:
        entry.content(html, type="CDATA")
    feed.link(href=channel.rss_url, rel="self", type="application/rss+xml", replace=True)
    feed.link(href=channel.home_url, rel="alternate")
    rss = feed.rss_str(pretty=True)
    for entry, html in entries:
        entry.content(html, type="html")
    feed.link(href=channel.home_url, rel="alternate", replace=True)
    feed.link(href=channel.atom_url, rel="self", type="application/atom+xml")
    return rss, feed.atom_str(pretty=True)
