"""HTML → the text a reader sees, in the blocks the release parser reads.

Block elements become paragraphs separated by a blank line, ``<br>`` a line break, list items
bullet lines (``• item``), tables tab-separated rows. Whitespace collapses as a browser shows
it; the words are kept as they are. Scripts, styles, forms, buttons and images show no text.
"""

from __future__ import annotations

import re

from lxml import html

BLOCKS = frozenset(
    "address article aside blockquote center dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
# Elements that show no release text.
SILENT = frozenset("button form iframe img input link meta noscript object script select style svg template textarea video audio canvas".split())
SPACE_RE = re.compile(r"[ \t\r\n\f]+")
BULLET = "•"
# A cell holding only a currency sign or a closing bracket is printed beside its number.
_BEFORE = frozenset({"$", "€", "£", "(", "($"})
_AFTER = frozenset({")", "%", ")%", "%)"})


def _tag(element: html.HtmlElement) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _lines(text: str) -> str:
    """Each line stripped, blank lines at the ends dropped, runs of blank lines cut to one."""
    lines = [line.strip(" \xa0") for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def inline_text(element: html.HtmlElement) -> str:
    """The element's text as one block: collapsed whitespace, ``<br>`` as line breaks."""
    parts: list[str] = []

    def walk(node: html.HtmlElement) -> None:
        tag = _tag(node)
        if tag == "br":
            parts.append("\n")
        elif tag and tag not in SILENT:
            parts.append(SPACE_RE.sub(" ", node.text or ""))
            for child in node:
                walk(child)
            if tag in BLOCKS:
                parts.append(" ")
        if node.tail:
            parts.append(SPACE_RE.sub(" ", node.tail))

    parts.append(SPACE_RE.sub(" ", element.text or ""))
    for child in element:
        walk(child)
    return _lines(re.sub(r" {2,}", " ", "".join(parts)))


def blocks_of(element: html.HtmlElement) -> list[str]:
    """The text blocks inside ``element``, in page order."""
    out: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = _lines(re.sub(r" {2,}", " ", "".join(buffer)))
        buffer.clear()
        if text:
            out.append(text)

    def walk(node: html.HtmlElement) -> None:
        tag = _tag(node)
        if tag == "br":
            buffer.append("\n")
        elif tag in ("ul", "ol"):
            flush()
            items = [inline_text(item).replace("\n", " ") for item in node if _tag(item) == "li"]
            items = [item for item in items if item]
            if items:
                out.append("\n".join(f"{BULLET} {item}" for item in items))
        elif tag == "table":
            flush()
            rows = table_rows(node)
            if rows:
                out.append("\n".join(rows))
        elif tag in BLOCKS:
            flush()
            buffer.append(SPACE_RE.sub(" ", node.text or ""))
            for child in node:
                walk(child)
            flush()
        elif tag and tag not in SILENT:
            buffer.append(SPACE_RE.sub(" ", node.text or ""))
            for child in node:
                walk(child)
        if node.tail:
            buffer.append(SPACE_RE.sub(" ", node.tail))

    buffer.append(SPACE_RE.sub(" ", element.text or ""))
    for child in element:
        walk(child)
    flush()
    return out


def table_rows(table: html.HtmlElement) -> list[str]:
    """A table's rows as tab-separated cells: a lone ``$`` or ``)`` joined to its number,
    columns that hold nothing (spacers) left out, a cell spanning columns placed in the first
    column left of its span, empty cells at a row's end and empty rows dropped."""
    grid: list[list[tuple[str, int]]] = []  # per row: (text, columns spanned) for each column it starts
    for row in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        cells: list[tuple[str, int]] = []
        for cell in row:
            if _tag(cell) in ("td", "th"):
                span = cell.get("colspan", "1").strip()
                cells.append((inline_text(cell).replace("\n", " "), min(int(span), 50) if span.isdigit() and int(span) > 0 else 1))
        grid.append(_joined(cells))
    width = max((sum(span for _, span in row) for row in grid), default=0)
    used = [False] * width
    for row in grid:
        column = 0
        for text, span in row:
            if text and span == 1:
                used[column] = True
            column += span
    for row in grid:  # a spanning cell whose columns hold nothing else keeps its first one
        column = 0
        for text, span in row:
            if text and span > 1 and not any(used[column : column + span]):
                used[column] = True
            column += span
    rows: list[str] = []
    for row in grid:
        out: list[str] = []
        column = 0
        for text, span in row:
            kept = [index for index in range(column, column + span) if used[index]]
            out.extend([text] + [""] * (len(kept) - 1) if kept else [])
            column += span
        out.extend([""] * (sum(used) - len(out)))
        if any(out):  # trailing empty cells show nothing
            rows.append("\t".join(out).rstrip("\t"))
    return rows


def _joined(cells: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``$ | 1,234 | )`` printed as ``$1,234)``: a sign moves into its number's cell, leaving its own empty."""
    cells = list(cells)
    for index, (text, span) in enumerate(cells):
        if text in _BEFORE:
            target = next((i for i in range(index + 1, len(cells)) if cells[i][0]), None)
            if target is not None and cells[target][0] not in _BEFORE | _AFTER:
                cells[target], cells[index] = (text + cells[target][0], cells[target][1]), ("", span)
        elif text in _AFTER:
            target = next((i for i in range(index - 1, -1, -1) if cells[i][0]), None)
            if target is not None:
                cells[target], cells[index] = (cells[target][0] + text, cells[target][1]), ("", span)
    return cells
