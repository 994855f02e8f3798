"""A release's converted HTML cut where the page puts other things between its parts.

The release page shows the headline, the date line and the lead first, and the fact boxes after
the lead (a phone reader gets the news before the boxes). The cuts fall only between elements
the Markdown writer made, so every word of the release is published, in order. No MkDocs import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The writer marks the dateline; a release without one leads with its first plain paragraph.
_DATELINE = 'class="nr-dateline"'
_PLAIN_PARAGRAPH = re.compile(r"<p>")
# The lead is only looked for before the first section heading or collapsed block.
_SECTION = re.compile(r"<h[2-6][\s>]|<details[\s>]")


@dataclass(frozen=True)
class Article:
    headline: str
    lead: str
    rest: str


def split_article(html: str) -> Article:
    """``html`` as headline (up to its ``</h1>``), lead (to the end of the paragraph with the
    dateline, else of the first plain paragraph) and the rest; an empty lead when neither is found
    before the first section."""
    head, closed, body = html.partition("</h1>")
    if not closed:
        head, body = "", html
    headline = head + closed
    section = _SECTION.search(body)
    searched = body[: section.start()] if section else body
    start = searched.find(_DATELINE)
    if start < 0:
        plain = _PLAIN_PARAGRAPH.search(searched)
        start = plain.start() if plain else -1
    end = searched.find("</p>", start) if start >= 0 else -1
    if end < 0:
        return Article(headline, "", body)
    end += len("</p>")
    return Article(headline, body[:end], body[end:])
