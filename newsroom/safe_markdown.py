"""Edited releases as text, not markup: raw HTML shows literally and links go only to web,
e-mail and phone addresses or to other pages of the site.

An edited ``.md`` release is published as written, so its Markdown is trusted for structure
(headings, lists, links) but not for HTML or script. Two layers, both MkDocs-free:

- ``unsafe_targets`` finds, with its line, every link target or attribute-list value in the
  Markdown that a browser would read as another scheme (``javascript:``, ``data:``, ...), even
  when entity-encoded or split by white space; reading a release refuses those (a ``ReleaseError``).
- ``SafeMarkdown`` is the Python-Markdown extension the plugin turns on for edited releases: it
  takes out raw-HTML handling (so ``<script>`` is text, escaped) and, as a second line behind the
  refusal, drops any URL or event-handler attribute that still comes out unsafe. The one markup it
  keeps is a table exactly as ``newsroom convert`` writes it (``WriterTables``), cells as text.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from html.parser import HTMLParser

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# What a published link may be besides a relative reference (a path, ``#anchor``, ``?query``).
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Attributes a browser loads or follows as a URL.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping"}
)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers drop tabs and newlines anywhere in a URL and spaces and controls around it; drop every
# white space and control character, so "java\nscript:" reads as what the browser follows.
_IGNORED = re.compile(r"[\s\x00-\x1f\x7f]+")
# Where the Markdown syntax puts a URL: an inline link or image's destination (up to the first
# ")", with any title, within its paragraph), a reference definition's (not a footnote's), and
# the inside of an attribute list. A bracket or brace escaped with a backslash (as ``newsroom
# convert`` writes every one in a release's text) is text, not syntax; an escaped backslash is not.
_UNESCAPED = r"(?<!\\)(?:\\\\)*"
_INLINE_TARGET = re.compile(_UNESCAPED + r"\]\([ \t]*\n?[ \t]*((?:[^)\n]|\n(?![ \t]*\n))*)")
_REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]*\]:[ \t]*\n?[ \t]*(\S+)", re.MULTILINE)
_ATTRIBUTE_LIST = re.compile(_UNESCAPED + r"\{:?([^}\n]*)\}")
_ATTRIBUTE = re.compile(r"""([^\s=}]+)=("[^"]*"|'[^']*'|[^\s}]*)""")


def link_scheme(url: str) -> str | None:
    """The scheme a browser reads in ``url``, in lower case; ``None`` for a relative reference.

    Character references are decoded (again, until none is left: ``&amp;#106;`` too) and white
    space and controls removed first, so ``JaVaScRiPt:``, ``&#106;avascript:`` and ``java&#x0A;script:``
    all read as ``javascript``.
    """
    text = url
    while (decoded := html.unescape(text)) != text:
        text = decoded
    match = _SCHEME.match(_IGNORED.sub("", text))
    return match.group(1).lower() if match else None


def _refusal(name: str, value: str) -> str | None:
    """Why attribute ``name=value`` may not be published, or ``None`` when it may."""
    lowered = name.lower()
    if lowered.startswith("on"):
        return f"the event-handler attribute {name}= is refused: an edited release may not carry script"
    if lowered in URL_ATTRIBUTES:
        return _target_refusal(value)
    return None


def _target_refusal(target: str) -> str | None:
    """Why a link to ``target`` may not be published, or ``None`` when it may."""
    scheme = link_scheme(target)
    if scheme is None or scheme in ALLOWED_SCHEMES:
        return None
    return f"a link to {scheme}: is refused: links may only go to http:, https:, mailto: or tel: addresses or be relative"


def unsafe_targets(markdown: str) -> Iterator[tuple[int, str]]:
    """``(line, reason)`` for each link target or attribute in ``markdown`` that must not be published.

    A search of the source rather than a Markdown parse, so it can name the line; it reads more as
    a link than Python-Markdown does (never less), which errs on the side of refusing.
    """
    found: list[tuple[int, str]] = []
    for pattern in (_INLINE_TARGET, _REFERENCE_TARGET):
        for match in pattern.finditer(markdown):
            # A destination may be written in angle brackets: <javascript:...>.
            reason = _target_refusal(match.group(1).strip().lstrip("<"))
            if reason:
                found.append((match.start(1), reason))
    for match in _ATTRIBUTE_LIST.finditer(markdown):
        for attribute in _ATTRIBUTE.finditer(match.group(1)):
            reason = _refusal(attribute.group(1), attribute.group(2).strip("\"'"))
            if reason:
                found.append((match.start(1) + attribute.start(), reason))
    for offset, reason in sorted(found):
        yield markdown.count("\n", 0, offset) + 1, reason


class _DropUnsafeAttributes(Treeprocessor):
    """Removes event handlers and unsafe URLs from the finished tree (from attribute lists or any
    extension), noting each; reading the release has refused them already, so this never fires
    on a release that passed ``newsroom check``."""

    def __init__(self, md: Markdown, removed: list[str]) -> None:
        super().__init__(md)
        self.removed = removed

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name, value in list(element.attrib.items()):
                if _refusal(name, value):
                    del element.attrib[name]
                    self.removed.append(f"{name}={value!r}")


# The table markup markdown_writer writes: each tag, the attributes it may carry (each set
# exactly one of these) and the tags it may hold. Nothing else passes for a table.
_TABLE_TAGS: dict[str, tuple[tuple[dict[str, str], ...], frozenset[str]]] = {
    "div": (({"class": "nr-table", "role": "region", "aria-label": "Table", "tabindex": "0"},), frozenset({"table"})),
    "table": (({"class": "nr-table__table"},), frozenset({"thead", "tbody"})),
    "thead": (({},), frozenset({"tr"})),
    "tbody": (({},), frozenset({"tr"})),
    "tr": (({},), frozenset({"th", "td"})),
    "th": (({"scope": "col"}, {"scope": "row"}), frozenset()),
    "td": (({},), frozenset()),
}


class _TableReader(HTMLParser):
    """Reads a block as the writer's table into a tree, or marks it ``refused`` at the first
    tag, attribute or text out of place; character references are decoded into the cells' text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: etree.Element | None = None
        self.open: list[etree.Element] = []
        self.refused = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        expected = _TABLE_TAGS.get(tag)
        inside = self.open[-1].tag if self.open else None
        fits = tag == "div" if inside is None else tag in _TABLE_TAGS[inside][1]
        given = {name: value or "" for name, value in attrs}
        if expected is None or not fits or self.root is not None and not self.open or given not in expected[0] or len(given) != len(attrs):
            self.refused = True
            return
        element = etree.Element(tag, given) if inside is None else etree.SubElement(self.open[-1], tag, given)
        self.root = self.root if self.root is not None else element
        self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1].tag != tag:
            self.refused = True
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1].tag in ("th", "td"):
            self.open[-1].text = AtomicString((self.open[-1].text or "") + data)
        elif data.strip():
            self.refused = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refused = True

    def handle_comment(self, data: str) -> None:
        self.refused = True

    def handle_decl(self, decl: str) -> None:
        self.refused = True

    def handle_pi(self, data: str) -> None:
        self.refused = True

    def unknown_decl(self, data: str) -> None:
        self.refused = True


class WriterTables(BlockProcessor):
    """A table as ``newsroom convert`` wrote it stays a table in an edited release; any other HTML,
    or a table changed into other markup, is left to be shown as text."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return block.startswith('<div class="nr-table"')

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        reader = _TableReader()
        reader.feed(blocks[0])
        reader.close()
        if reader.refused or reader.open or reader.root is None:
            return False
        parent.append(reader.root)
        blocks.pop(0)
        return None


class SafeMarkdown(Extension):
    """Edited-release Markdown without raw HTML; armed by the plugin for one page at a time.

    MkDocs builds a new Markdown instance for every page, after the plugin's ``on_page_markdown``:
    the plugin sets ``edited`` there, and this extension changes only the pages it is set for, so
    the writer's own markup in pages made from text releases (and the site's own pages) is kept.
    """

    def __init__(self, allow_html: bool = False) -> None:
        super().__init__()
        self.allow_html = allow_html
        self.edited = False
        # What the last armed page lost to _DropUnsafeAttributes, for the plugin to report.
        self.removed: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        self.removed = []
        if not self.edited:
            return
        if not self.allow_html:
            # Without these, "<" and "&" outside entities are text, escaped by the serializer.
            for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
                if name in registry:
                    registry.deregister(name)
            # Before paragraphs (10), which would show it as text.
            md.parser.blockprocessors.register(WriterTables(md.parser), "newsroom_writer_tables", 95)
        # After attr_list (8) and the inline patterns (20), before MkDocs' own tree processors.
        md.treeprocessors.register(_DropUnsafeAttributes(md, self.removed), "newsroom_safe_attributes", 3)
