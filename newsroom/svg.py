"""A very small SVG writer: elements as strings, text and attributes escaped, numbers rounded.

The newsroom's pictures (pipeline chart, product timeline) are drawn at build time into the page:
no plotting library, no JavaScript, nothing fetched. The same input gives the same bytes, since
attributes keep the order given and numbers are written with one rounding rule.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
# Characters escaped in an attribute; most values (numbers, classes) have none.
_SPECIAL = re.compile('[&<>"\n\t]')
Value = str | int | float | None


def num(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zero: ``12``, ``12.5``."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@lru_cache(maxsize=256)
def _name(name: str) -> str:
    """Python names to SVG's: class_ is class, stroke_width is stroke-width."""
    return name.rstrip("_").replace("_", "-")


def _attributes(attributes: dict[str, Value]) -> str:
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        shown = num(value) if isinstance(value, float) else str(value)
        if _SPECIAL.search(shown):
            shown = escape(shown, _ATTRIBUTE)
        parts.append(f' {_name(name)}="{shown}"')
    return "".join(parts)


def element(tag: str, *children: str, **attributes: Value) -> str:
    """``<tag attributes>children</tag>``; children are elements already written (or ``text``)."""
    inner = "".join(children)
    opened = f"<{tag}{_attributes(attributes)}"
    return f"{opened}>{inner}</{tag}>" if inner else f"{opened}/>"


def text(content: str) -> str:
    """Text as element content: ``&``, ``<`` and ``>`` escaped."""
    return escape(content)


def label(x: float, y: float, content: str, **attributes: Value) -> str:
    """A ``<text>`` at (x, y): real text, which a reader can select, find and enlarge."""
    return element("text", text(content), x=float(x), y=float(y), **attributes)


def picture(kind: str, picture_id: str, width: float, height: float, role: str, title: str, *children: str, description: str = "") -> str:
    """A whole ``<svg>`` of class ``nr-chart nr-<kind>``, drawn at its own size, named by its
    ``title`` (and ``description``) for assistive technology."""
    labels = f"{picture_id}-title {picture_id}-desc" if description else f"{picture_id}-title"
    return element(
        "svg",
        element("title", text(title), id=f"{picture_id}-title"),
        element("desc", text(description), id=f"{picture_id}-desc") if description else "",
        *children,
        xmlns="http://www.w3.org/2000/svg",
        class_=f"nr-chart nr-{kind}",
        role=role,
        aria_labelledby=labels,
        viewBox=f"0 0 {num(width)} {num(height)}",
        width=num(width),
        height=num(height),
    )
