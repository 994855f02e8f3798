"""Static redirect pages: an old address that now lives elsewhere keeps working on any static host.

A product's tag once had a topic page (tags/<slug>/) beside the product's page; the product page is
now the one place, and the old address answers with a page that sends the reader there (meta
refresh, a visible link for browsers that refuse refreshes) and names it canonical, so search
engines fold the two addresses into one. Nothing here needs MkDocs.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from markupsafe import escape

from .tagging import Vocabulary


def redirect_html(title: str, relative: str, absolute: str, feed: str = "") -> str:
    """A page that sends the reader from where it is served to ``relative`` (``absolute`` when the
    site's address is known, for the canonical link); ``feed``, the site's RSS feed from there,
    is linked as every page links it."""
    canonical = absolute or relative
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        + (f'<link rel="alternate" type="application/rss+xml" href="{escape(feed)}">\n' if feed else "")
        + f'<meta http-equiv="refresh" content="0; url={escape(relative)}">\n'
        "</head>\n<body>\n"
        f'<p>This page has moved to <a href="{escape(relative)}">{escape(title)}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def redirects(vocabulary: Vocabulary, absolute: Callable[[str], str], feed: str = "") -> dict[str, str]:
    """Site path of each redirect page (``tags/<slug>/index.html``) → its HTML: one per product tag,
    to the product's page. ``absolute`` makes a site-relative URL absolute (empty when the site
    has no address); ``feed`` is the site's RSS feed (site-relative; empty when there is none)."""
    pages: dict[str, str] = {}
    for tag in vocabulary.tags:
        if tag.product is None:
            continue
        relative = posixpath.relpath(tag.url, tag.page_url) + "/"
        shown_feed = posixpath.relpath(feed, tag.page_url) if feed else ""
        pages[f"{tag.page_url}index.html"] = redirect_html(tag.name, relative, absolute(tag.url), shown_feed)
    return pages
