"""What search engines and social cards read about a page: Open Graph, Twitter and JSON-LD.

Plain data built from an ``Entry`` and the site's settings, so the template only prints it
(escaped) and tests can check it without a build. No MkDocs import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from .catalogue import Catalogue
from .model import Entry

# (attribute, key, content): Open Graph uses property="og:…", Twitter name="twitter:…".
MetaTag = tuple[str, str, str]


@dataclass(frozen=True)
class Site:
    """The settings every page's metadata shares."""

    name: str
    url: str = ""
    company: str = ""
    ticker: str = ""
    language: str = "en"

    def absolute(self, path: str) -> str:
        """An absolute URL under ``site_url``; empty when the site has no address to give."""
        return urljoin(self.url, path) if self.url else ""


@dataclass(frozen=True)
class PageMeta:
    meta_tags: tuple[MetaTag, ...]
    # The body of <script type="application/ld+json">, safe to print unescaped.
    json_ld: str = ""


def ticker_symbol(ticker: str) -> str:
    """schema.org writes exchange and symbol separated by a space: ``Nasdaq: CLRB`` → ``Nasdaq CLRB``."""
    return " ".join(ticker.replace(":", " ").split())


def script_json(data: dict[str, Any]) -> str:
    """JSON for a <script> element: ``<`` is escaped, so no text can close the element or open a comment."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what a page has no value for, rather than publish empty properties."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def publisher(site: Site) -> dict[str, Any]:
    """The company that issues the releases."""
    return _compact(
        {
            "@type": "Corporation",
            "name": site.company or site.name,
            "tickerSymbol": ticker_symbol(site.ticker),
            "url": site.url,
        }
    )


def dateline(entry: Entry) -> str:
    """``MADISON, Wis.``: the place part of the wire dateline, as the release printed it."""
    return ", ".join(part for part in (entry.dateline.get("city"), entry.dateline.get("region")) if part)


def news_article(
    entry: Entry, published: datetime, url: str, catalogue: Catalogue, site: Site, modified: datetime | None = None
) -> dict[str, Any]:
    """The schema.org ``NewsArticle`` of one release page at ``url``; ``modified`` is its last correction."""
    company = publisher(site)
    about = [
        _compact({"@type": "Product", "name": product.name, "description": product.summary, "url": site.absolute(product.url)})
        for product in (catalogue.get(pid) for pid in entry.products)
        if product is not None
    ]
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": entry.title,
            "description": entry.description,
            "datePublished": published.isoformat(),
            "dateModified": modified.isoformat() if modified else None,
            "dateline": dateline(entry),
            "inLanguage": site.language,
            "keywords": list(entry.tags),
            "publisher": company,
            "author": company,
            "about": about,
            "url": url,
            "mainEntityOfPage": _compact({"@type": "WebPage", "@id": url}) if url else None,
        }
    )


def _card(kind: str, title: str, description: str, url: str, site: Site) -> list[MetaTag]:
    """The Open Graph and Twitter tags every page has."""
    tags = [
        ("property", "og:type", kind),
        ("property", "og:site_name", site.name),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    return [tag for tag in tags if tag[2]]


def release_meta(
    entry: Entry, published: datetime, url: str, catalogue: Catalogue, site: Site, modified: datetime | None = None
) -> PageMeta:
    """A release page: an article card dated with its publication time, and its ``NewsArticle``."""
    tags = _card("article", entry.title, entry.description, url, site)
    tags.append(("property", "article:published_time", published.isoformat()))
    # Open Graph's article is modified when it is corrected (``modified``); until then when it was published.
    tags.append(("property", "article:modified_time", (modified or published).isoformat()))
    tags.extend(("property", "article:tag", name) for name in entry.tags)
    return PageMeta(tuple(tags), script_json(news_article(entry, published, url, catalogue, site, modified)))


def page_meta(title: str, description: str, url: str, site: Site) -> PageMeta:
    """Any other page (home, listings): a website card."""
    return PageMeta(tuple(_card("website", title, description, url, site)))
