"""What a built page may hold: the theme's own markup, and everything from content as text only.

A page is parsed into a small tree with the standard library's HTML tokenizer (tags and attributes
are read the way a browser reads them; a ``<title>`` is parsed as markup, which can only report
more). Then every element and attribute that could run script or load another document is looked
at: a finding names the page, the element and why it may not be there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# Elements that are never the theme's: they load or run another document or change every link.
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "math", "style", "template", "portal"}
# Attributes a browser follows or loads as a URL.
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
# Material's icons: an <svg viewBox> of <path d> inside a button or label.
ICON_ATTRIBUTES = {"xmlns", "viewbox"}
# What Material's search keeps of a page's markup in search_index.json (its plugin's "keep" list).
SEARCH_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
THEME_SCRIPT = re.compile(r"^(?:\.\./)*(?:/[\w-]+)*/?(?:assets/javascripts/[\w.]+|newsroom)\.js$")


@dataclass
class Node:
    tag: str
    attrs: list[tuple[str, str]]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def attr(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def classes(self) -> list[str]:
        return (self.attr("class") or "").split()

    def describe(self) -> str:
        attrs = " ".join(f'{key}="{value}"' for key, value in self.attrs)
        return f"<{self.tag}{' ' + attrs if attrs else ''}>"


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [])
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, [(key, value or "") for key, value in attrs], self.open[-1])
        self.open[-1].children.append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def has_bad_scheme(url: str) -> bool:
    """Whether a browser would run or load ``url`` as script or inline data (it ignores case,
    white space and control characters around and, tabs and newlines, inside a scheme)."""
    return "".join(char for char in url if char > " ").lower().startswith(BAD_SCHEMES)


def normalized_script(text: str) -> str:
    """An inline script as the theme writes it on every page: its base URL (".", "..", "/x/")
    is the only part that changes with the page's depth."""
    return re.sub(r'new URL\("[^"]*",location\)', "new URL(BASE,location)", text.strip())


def _is_icon(node: Node) -> bool:
    names = {key for key, _ in node.attrs}
    parts = list(node.iter())[1:]
    return (
        names <= ICON_ATTRIBUTES
        and "viewbox" in names
        and node.parent is not None
        and node.parent.tag in ("label", "button")
        and all(part.tag == "path" and {key for key, _ in part.attrs} <= {"d"} for part in parts)
    )


# What the newsroom's own pictures (newsroom/svg.py: pipeline chart, timelines) are drawn with.
CHART_TAGS = {"title", "desc", "text", "tspan", "rect", "line", "circle", "polygon", "g", "a"}


def _is_chart(node: Node) -> bool:
    """A newsroom picture: shapes and text only, no handler, links only within the site."""
    if "nr-chart" not in node.classes():
        return False
    for part in node.iter():
        if part is not node and part.tag not in CHART_TAGS and not part.tag.startswith("#"):
            return False
        for key, value in part.attrs:
            if key.startswith("on") or (key == "href" and not (value or "").startswith("../")):
                return False
    return True


def _in_svg(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "svg":
            return True
        parent = parent.parent
    return False


def _script_problem(node: Node, theme_scripts: set[str]) -> str | None:
    src, kind = node.attr("src"), node.attr("type")
    if src is not None:
        return None if THEME_SCRIPT.match(src) and len(node.attrs) == 1 else "a script that is not the theme's"
    if kind in ("application/json", "application/ld+json"):
        try:
            json.loads(node.text())
        except ValueError:
            return "a JSON script that is not JSON (something closed or broke it)"
        return None
    if kind is None and normalized_script(node.text()) in theme_scripts:
        return None
    return "an inline script that is not the theme's"


def problems(html: str, theme_scripts: set[str] | None = None) -> list[str]:
    """Everything in ``html`` that can run script, load a document or follow a script URL and
    is not the theme's own. ``theme_scripts=None`` reads a fragment (feed content), where no
    script or icon belongs at all."""
    found = []
    for node in parse(html).iter():
        if node.tag == "#document":
            continue
        why = None
        if node.tag in FORBIDDEN:
            why = "an element that loads or changes documents"
        elif node.tag == "meta" and (node.attr("http-equiv") or "").lower() == "refresh":
            why = "a refresh"
        elif node.tag == "script":
            why = "a script" if theme_scripts is None else _script_problem(node, theme_scripts)
        elif node.tag == "svg" and (theme_scripts is None or not (_is_icon(node) or _is_chart(node))):
            why = "an SVG that is not a theme icon"
        for key, value in node.attrs:
            if key.startswith("on"):
                why = f"an event handler ({key})"
            elif key in URL_ATTRIBUTES and has_bad_scheme(value):
                why = f"a script or data URL in {key}"
        if why:
            found.append(f"{why}: {node.describe()}")
    return found


def search_problems(html: str) -> list[str]:
    """A search_index.json field, which Material's search shows as HTML: only the tags its
    search plugin keeps, without attributes."""
    return [
        f"markup in the search index: {node.describe()}"
        for node in parse(html).iter()
        if node.tag != "#document" and (node.tag not in SEARCH_TAGS or node.attrs)
    ]


def theme_scripts(site: Path) -> set[str]:
    """Every inline script of a site built from trusted content: the theme's own."""
    return {
        normalized_script(node.text())
        for page in site.rglob("*.html")
        for node in parse(page.read_text(encoding="utf-8")).iter()
        if node.tag == "script" and node.attr("src") is None and node.attr("type") is None
    }


def texts(html: str, tag: str, class_name: str | None = None) -> list[str]:
    """The text of every ``tag`` element (with ``class_name``), white space folded."""
    return [
        " ".join(node.text().split())
        for node in parse(html).iter()
        # A picture's <title> is its name, not the page's.
        if node.tag == tag and (class_name is None or class_name in node.classes()) and not _in_svg(node)
    ]
