"""Where each wire puts the release on its page, and the extraction that reads it there.

A page's wire is known from its address (the URL given, else the page's canonical link or
``og:url``), else from the wire's own page structure. Each rule names the headline, the
sub-headlines, the release body, the contacts box when it stands outside the body, the wire's
own date element and the chrome inside the body that is not the release (share buttons,
images, "view the original" links). An SEC exhibit has no chrome: the whole body is the release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from lxml import html

from ..wire.dates import date_at
from .fetch import is_url
from .html_text import blocks_of, inline_text
from .page import Extracted, ImportFailure
from .published import parse_time, published_time


@dataclass(frozen=True)
class Wire:
    """One wire's page layout, as XPath expressions."""

    name: str
    hosts: tuple[str, ...]
    body: str
    headline: str = ""
    subheadlines: str = ""
    contacts: str = ""
    # The wire's own date element: its ``datetime`` attribute, else its printed date.
    date: str = ""
    # Elements inside the body that the wire adds around the release.
    chrome: tuple[str, ...] = ()


_MEDIA = (".//figure", ".//picture", ".//*[contains(@class,'social') or contains(@class,'share')]")

WIRES = (
    Wire(
        "GlobeNewswire",
        ("globenewswire.com",),
        body="//div[@id='main-body-container']",
        headline="//div[contains(@class,'main-header-container')]//h1",
        subheadlines="//div[contains(@class,'main-header-container')]//h2",
        date="//span[contains(@class,'article-published')]//time",
        chrome=_MEDIA,
    ),
    Wire(
        "Business Wire",
        ("businesswire.com",),
        body="//div[contains(@class,'bw-release-story')]",
        headline="//*[contains(@class,'bw-release-main')]//h1",
        subheadlines="//div[contains(@class,'bw-release-subhead')]/*",
        contacts="//div[contains(@class,'bw-release-contact')]",
        date="//div[contains(@class,'bw-release-timestamp')]//time",
        chrome=_MEDIA,
    ),
    Wire(
        "PR Newswire",
        ("prnewswire.com", "prnewswire.co.uk"),
        body="//section[contains(@class,'release-body')]",
        headline="//header[contains(@class,'release-header')]//h1",
        subheadlines="//header[contains(@class,'release-header')]//*[contains(@class,'subtitle')]",
        date="//header[contains(@class,'release-header')]//p[contains(@class,'mb-no')]",
        chrome=(*_MEDIA, ".//div[contains(@class,'image')]", ".//p[contains(., 'View original content')]"),
    ),
    Wire(
        "ACCESS Newswire",
        ("accessnewswire.com", "accesswire.com"),
        body="//div[@id='articlebody']",
        headline="//h1[contains(@class,'article-title')]",
        subheadlines="//*[contains(@class,'article-subtitle')]",
        date="//*[contains(@class,'article-date')]",
        chrome=(*_MEDIA, ".//p[contains(., 'View the original press release')]"),
    ),
)
EDGAR = Wire("SEC EDGAR", ("sec.gov",), body="//body")


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def page_address(document: html.HtmlElement) -> str:
    found = document.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content")
    return str(found[0]) if found else ""


# How filers name the exhibit 99 of a form 8-K, the press release: ex99-1.htm, ex991.htm,
# d123456dex991.htm, tm2412345d1_ex99-1.htm, exhibit99.htm.
EXHIBIT_RE = re.compile(r"ex(?:hibit)?[-_]?99[-_.\d]*\.html?$", re.IGNORECASE)


def _is_exhibit(location: str) -> bool:
    """An SEC exhibit 99 by its file name (of a URL or a saved file)."""
    return bool(EXHIBIT_RE.search(PurePosixPath(urlsplit(location).path if is_url(location) else location).name))


def wire_of(document: html.HtmlElement, location: str) -> Wire:
    """The wire whose page this is; ImportFailure when it is none this importer knows."""
    for address in (location, page_address(document)):
        host = _host(address)
        for wire in WIRES:
            if any(host == known or host.endswith("." + known) for known in wire.hosts):
                return wire
    for wire in WIRES:
        if document.xpath(wire.body):
            return wire
    if _is_exhibit(location) or _host(location).endswith("sec.gov"):
        return EDGAR
    names = ", ".join(wire.name for wire in WIRES)
    raise ImportFailure(f"{location}: not a release page of a wire this importer reads ({names}, or an SEC exhibit ex99*.htm)")


def _own_date(document: html.HtmlElement, wire: Wire, zone: tzinfo) -> datetime | None:
    """The time the wire gives on the page (a ``datetime`` attribute) or the date it prints there,
    when its metadata has none."""
    if not wire.date:
        return None
    for element in document.xpath(wire.date):
        for stamp in element.xpath("descendant-or-self::*/@datetime"):
            if moment := parse_time(str(stamp), zone):
                return moment
        printed = date_at(inline_text(element).strip())
        if printed is not None and printed.year is not None:
            return datetime(printed.year, printed.month, printed.day, tzinfo=zone)
    return None


def extract(document: html.HtmlElement, location: str, zone: tzinfo) -> Extracted:
    """The release on a wire's page, as text blocks, with the page's publication time."""
    wire = wire_of(document, location)
    bodies = document.xpath(wire.body)
    if not bodies:
        raise ImportFailure(f"{location}: a {wire.name} page without its release body ({wire.body}); the page layout may have changed")
    body = bodies[0]
    for xpath in wire.chrome:
        for element in body.xpath(xpath):
            if element is not body and element.getparent() is not None:
                element.drop_tree()
    blocks: list[str] = []
    for xpath in (wire.headline, wire.subheadlines):
        for element in document.xpath(xpath) if xpath else ():
            blocks.extend(blocks_of(element))
    blocks.extend(blocks_of(body))
    for element in document.xpath(wire.contacts) if wire.contacts else ():
        blocks.extend(blocks_of(element))
    if not blocks:
        raise ImportFailure(f"{location}: the {wire.name} page shows no release text")
    return Extracted(tuple(blocks), wire.name, published_time(document, zone) or _own_date(document, wire, zone))
