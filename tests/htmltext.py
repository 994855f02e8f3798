"""Reading built pages the way a reader sees them: visible text, links, elements by class."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

_SKIP = {"script", "style", "template", "svg"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        if tag in ("p", "br", "li", "h1", "h2", "h3", "div", "dt", "dd", "summary", "pre"):
            self.parts.append("\n")
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skipping:
            self.skipping -= 1
        if tag in ("p", "li", "h1", "h2", "h3", "div", "dt", "dd", "summary", "pre"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text with tags removed and entities decoded; runs of spaces folded, lines kept."""
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.parts)
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def flat_text(html: str) -> str:
    return " ".join(visible_text(html).split())


def links(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.links


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def is_redirect(page: Path) -> bool:
    """Whether ``page`` is a redirect page (an old topic page of a product), not a page to read."""
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")


def release_pages(site: Path) -> list[Path]:
    """Every release page of a built site (not the archive's year pages, releases/2017/)."""
    return sorted(p for p in (site / "releases").glob("*/index.html") if not p.parent.name.isdigit())


def release_page(site: Path, prefix: str = "2017-01-24-") -> Path:
    matches = sorted((site / "releases").glob(f"{prefix}*/index.html"))
    assert len(matches) == 1, f"expected one release page {prefix}*, found {matches}"
    return matches[0]


def element(html: str, pattern: str) -> list[str]:
    """The outer HTML of elements matching a simple opening-tag regex (non-nested use only)."""
    return re.findall(pattern, html, flags=re.S)
