"""What crawlers read besides the pages: a Google News sitemap of the latest releases, and the
robots.txt that names it beside MkDocs' sitemap.xml.

Plain text from the build plan's published releases and its moment, so a held release never
appears and two builds at one ``SOURCE_DATE_EPOCH`` give the same bytes. No MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from .model import XML_FORBIDDEN

NEWS_SITEMAP = "news-sitemap.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
# Google News reads articles of the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000
_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class NewsItem:
    url: str
    title: str
    published: datetime


def news_language(language: str) -> str:
    """Google's code for a page language: ISO 639 (``en`` for ``en-GB``), except ``zh-cn``/``zh-tw``."""
    code = language.strip().lower().replace("_", "-")
    if code.split("-")[0] == "zh":
        return "zh-tw" if any(part in ("tw", "hk", "mo", "hant") for part in code.split("-")[1:]) else "zh-cn"
    return code.split("-")[0]


def news_sitemap(items: Iterable[NewsItem], moment: datetime, publication: str, language: str) -> str:
    """The news sitemap at ``moment``: every item published in the two days before it, newest first."""
    recent = sorted(
        (item for item in items if moment - NEWS_WINDOW < item.published <= moment),
        key=lambda item: (item.published, item.url),
        reverse=True,
    )[:NEWS_LIMIT]
    name, code = _text(publication), _text(news_language(language))
    urls = "".join(
        "  <url>\n"
        f"    <loc>{_text(item.url)}</loc>\n"
        "    <news:news>\n"
        "      <news:publication>\n"
        f"        <news:name>{name}</news:name>\n"
        f"        <news:language>{code}</news:language>\n"
        "      </news:publication>\n"
        f"      <news:publication_date>{item.published.isoformat()}</news:publication_date>\n"
        f"      <news:title>{_text(item.title)}</news:title>\n"
        "    </news:news>\n"
        "  </url>\n"
        for item in recent
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        f"{urls}</urlset>\n"
    )


def robots_txt(sitemaps: Iterable[str], existing: str | None = None) -> str:
    """robots.txt naming every sitemap: the site's own file with the lines it lacks added, or one
    that lets every crawler in."""
    text = existing if existing is not None else "User-agent: *\nDisallow:\n"
    named = set(_SITEMAP_LINE.findall(text))
    missing = [url for url in sitemaps if url not in named]
    if not missing:
        return text
    separator = "" if not text else "\n" if text.endswith("\n") else "\n\n"
    return text + separator + "".join(f"Sitemap: {url}\n" for url in missing)


def _text(value: str) -> str:
    return escape(XML_FORBIDDEN.sub("", value))
