"""RSS 2.0 and Atom 1.0 feeds with feedgen: reproducible to the byte, dated from the releases.

Nothing here reads the clock: ``lastBuildDate``/``updated`` come from the newest item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from .model import XML_FORBIDDEN

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


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    home_url: str
    rss_url: str
    atom_url: str
    language: str


def clean(text: str) -> str:
    """Drop the characters XML 1.0 forbids; the parser already did, this guards edited releases."""
    return XML_FORBIDDEN.sub("", text)


def absolute_html(html: str, page_url: str) -> str:
    """Every ``href``/``src`` made absolute against the page it came from; ``srcset`` removed."""

    def fix(match: re.Match[str]) -> str:
        url = match.group("url")
        return f"{match.group('attr')}{match.group('quote')}{urljoin(page_url, url)}{match.group('quote')}"

    return _URL_ATTR.sub(fix, _SRCSET.sub("", html))


def render(channel: Channel, items: Sequence[FeedItem]) -> tuple[bytes, bytes]:
    """The RSS and Atom documents for ``items`` (already newest first)."""
    feed = FeedGenerator()
    feed.id(channel.home_url)
    feed.title(clean(channel.title))
    feed.subtitle(clean(channel.description))
    feed.language(channel.language)
    feed.generator("")
    if items:
        newest = max(item.published for item in items)
        feed.updated(newest)
        feed.lastBuildDate(newest)
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
            entry.category(term=category.term, label=clean(category.label), scheme=category.scheme)
        entries.append((entry, clean(absolute_html(item.html, item.url))))
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
