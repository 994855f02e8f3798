"""When a page says its release was published: JSON-LD, then meta tags, then ``<time>``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, tzinfo

from lxml import html

# Meta tags that carry a publication time, most specific first.
META_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='DC.date.issued']/@content",
    "//meta[@name='dcterms.issued']/@content",
    "//meta[@name='date']/@content",
)
_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def parse_time(value: str, zone: tzinfo) -> datetime | None:
    """An ISO 8601 date or time (``2017-01-24``, ``2017-01-24T13:30:00Z``); a date or time
    without an offset is the newsroom's ``zone``'s, so a bare date stays that date."""
    match = _ISO_RE.match(value.strip())
    if match is None:
        return None
    text = match.group(0).replace(" ", "T").replace("Z", "+00:00")
    if re.search(r"[+-]\d{4}$", text):
        text = f"{text[:-2]}:{text[-2:]}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _json_ld(document: html.HtmlElement) -> Iterator[object]:
    for script in document.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item.get("datePublished")
                stack.extend(item.get("@graph") or [])


def published_time(document: html.HtmlElement, zone: tzinfo, own: str = "") -> datetime | None:
    """The page's publication time; ``own`` is an XPath to the wire's own date element (its
    ``datetime`` attribute is read)."""
    candidates: list[object] = list(_json_ld(document))
    for xpath in META_XPATHS:
        candidates.extend(document.xpath(xpath))
    if own:
        candidates.extend(document.xpath(own))
    for value in candidates:
        if isinstance(value, str) and (moment := parse_time(value, zone)):
            return moment
    return None
