"""The items of an RSS or Atom feed of releases: each one's page address and date."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin

import feedparser

from .page import Fetched, ImportFailure

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml"})


@dataclass(frozen=True)
class Item:
    """One feed item: the address of its release page and when the feed says it was published."""

    url: str
    published: datetime | None
    title: str


def is_feed(fetched: Fetched) -> bool:
    """A feed by its media type, else by its first element (a saved feed has no media type)."""
    if fetched.content_type in FEED_TYPES:
        return True
    head = fetched.data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head) or head.startswith((b"<rss", b"<feed"))


def items_of(fetched: Fetched) -> list[Item]:
    """The feed's items in feed order; ImportFailure when it is no feed."""
    parsed = feedparser.parse(fetched.data, response_headers={"content-location": fetched.location})
    if not parsed.entries and parsed.get("bozo"):
        raise ImportFailure(f"{fetched.location}: not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith("http") else "")
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), tz=timezone.utc) if stamp else None
        items.append(Item(urljoin(fetched.location, link), published, str(entry.get("title", ""))))
    return items
