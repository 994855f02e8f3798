"""Text → chunks (lines between blank lines and page breaks) → paragraphs, lists and tables."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Block, BulletList, Paragraph, Preformatted, Table
from .lines import (
    BARE_URL_RE,
    CONTACT_LINE_MAX,
    END_MARK_RE,
    WRAP_WIDTH,
    contact_heading,
    ends_contact,
    heading_kind,
    is_contact_heading,
    logical_lines,
    one_line,
    strip,
)

# ``1.`` and ``+`` are not wire bullets: such lines stay text.
BULLET_RE = re.compile(r"^\s*(?P<marker>[•·▪●◦\-*–])\s+(?P<text>\S.*)$")
# A line that ends a sentence or opens what follows, perhaps inside a closing quote or bracket.
_STOP_RE = re.compile(r"[.!?:;][\"'”’)\]]*$")
# A line that ends with a web address (``To view the full release, visit https://ibn.fm/u082L``).
_ENDS_ADDRESS = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
# A bullet row copied from an exhibit's HTML table: ``|·|item|``; the bars are cell borders.
TABLE_BULLET_RE = re.compile(r"^\s*\|\s*(?P<marker>[•·▪●◦])\s*\|?\s*(?P<text>[^\s|].*?)\s*\|?$")


# A gap between table columns: two or more spaces or a tab, but not the double space a
# typist leaves after a sentence.
COLUMN_GAP_RE = re.compile(r"(?<=[^\s.!?])(?: {2,}|\t+)(?=\S)")


# A line drawn with rule characters (``------------  ------------``, ``====``).
RULE_RE = re.compile(r"^[\s\-=_—–]*[\-=_—–]{3,}[\s\-=_—–]*$")
# A cell of a Markdown table's rule row: ``---``, ``:---:``.
SEPARATOR_CELL_RE = re.compile(r"^:?-{3,}:?$")
# A figure in a cell: a digit (``1,712,310``, ``(0.15)``, ``200%``, ``2017``).
FIGURE_RE = re.compile(r"\d")
# An amount in a cell, not a period's name: a currency, a bracketed negative, thousands, a decimal, a percentage.
AMOUNT_RE = re.compile(r"[$€£¥]|\(\s*[\d$€£]|\d,\d{3}|\d\.\d|\d\s?%")
CURRENCY = {"", "$", "€", "£", "¥", "C$", "US$", "A$", "CHF", "USD", "EUR"}
GUTTER_MIN = 2  # columns of a table are at least two spaces apart
WRAP_FILL = 0.7  # a wrapped paragraph's lines fill at least this share of the width

PAGE_BREAK_MIN = 120  # a paragraph a page break cut is at least this long
PROSE_LINE_MIN = 60  # ... and has a line this long (a block of short lines is a list of names)


# --------------------------------------------------------------------------- chunks


@dataclass
class Chunk:
    """Lines between blank lines (or page breaks), right-trimmed, with the first one's number."""

    lines: list[str]
    line: int

    def split(self, offset: int) -> tuple[list[Chunk], list[Chunk]]:
        """The lines before ``offset`` and from it on, as chunks (none when empty)."""
        before = [Chunk(self.lines[:offset], self.line)] if offset > 0 else []
        after = [Chunk(self.lines[offset:], self.line + offset)] if offset < len(self.lines) else []
        return before, after


def chunks_of(text: str) -> list[Chunk]:
    chunks: list[Chunk] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        for index, piece in enumerate(raw.split("\f") if "\f" in raw else (raw,)):
            line = piece.rstrip()
            if index > 0 or not line:
                if current:
                    chunks.append(Chunk(current, start))
                    current = []
                if not line:
                    continue
            if not current:
                start = number
            current.append(line)
    if current:
        chunks.append(Chunk(current, start))
    return chunks


@dataclass(frozen=True)
class Layout:
    """How the sender laid the text out. ``wrapped``: hard-wrapped at about ``width`` columns (a
    paragraph's lines join); otherwise each paragraph is one long line, and shorter lines that
    follow each other stand as printed."""

    wrapped: bool
    width: int = WRAP_WIDTH

    @classmethod
    def of(cls, chunks: list[Chunk]) -> Layout:
        """Hard-wrapped when no line of prose runs past ``WRAP_WIDTH`` and some paragraph has
        several lines: decided from the whole text, not one paragraph. (Tables and web
        addresses on lines of their own are not prose.)"""
        width = 0
        several = False
        for chunk in chunks:
            lines = chunk.lines
            if len(lines) > 1 and (_is_table(lines) or _has_cells(lines)):
                continue
            # A web address runs past the width it is wrapped at: it sets neither.
            longest = max((len(line) for line in lines if not (line.startswith("http") and BARE_URL_RE.match(line))), default=0)
            if longest > WRAP_WIDTH:
                return cls(False)  # most texts of long lines end here, at their first paragraph
            width = max(width, longest)
            several = several or len(lines) > 1
        return cls(True, width) if several else cls(False)

    def prose(self, lines: list[str]) -> bool:
        """Whether a chunk's lines are one wrapped paragraph (some line but the last fills the width)."""
        return self.wrapped and (len(lines) == 1 or any(len(line) >= WRAP_FILL * self.width for line in lines[:-1]))

    def breaks_off(self, line: str) -> bool:
        """Whether ``line`` fills the width and stops mid-sentence: a hard wrap cut it, and the next line goes on with it."""
        return len(line) >= WRAP_FILL * self.width and not _STOP_RE.search(line)


def hard_wrapped(lines: list[str]) -> bool:
    return max(map(len, lines)) <= WRAP_WIDTH


# --------------------------------------------------------------------------- blocks


def blocks_of(chunks: list[Chunk], layout: Layout, dateline: bool = False) -> list[Block]:
    """Chunks → paragraphs, lists and tables. With ``dateline`` the first chunk opens with the
    dateline, which is text however its spacing looks."""
    blocks: list[Block] = []
    for index, chunk in enumerate(chunks):
        following = chunks[index + 1].lines if index + 1 < len(chunks) else []
        opens = dateline and index == 0
        # Rows of tabs or bars are cut at them; other aligned rows at their columns, and a centred
        # title above such a table belongs to it.
        lines = chunk.lines
        cells = ("\t" in lines[0] or "|" in lines[0]) if len(lines) == 1 else _has_cells(lines)
        aligned = not (cells and all(_row_kind(line) for line in chunk.lines)) and (_is_table(chunk.lines) or (_is_indented(chunk.lines) and _is_table(following)))
        if aligned and not opens:
            rows = _aligned_rows(chunk.lines)
            _append(blocks, _table(rows, chunk.line) if rows else Preformatted("\n".join(chunk.lines), chunk.line))
            continue
        if not cells:
            for part in _cut_at_headings(chunk, layout):
                for block in _split_chunk(part, layout):
                    _append(blocks, block)
            continue
        for kind, lines, number in _row_runs(chunk, skip_first=opens):
            if kind and len(lines) > 1:
                _append(blocks, _table([_cells(line, kind) for line in lines], number))
            else:
                for block in _split_chunk(Chunk(lines, number), layout):
                    _append(blocks, block)
    return blocks


def _append(blocks: list[Block], block: Block) -> None:
    """Add a block, joining a list or table that a blank line or page break interrupted."""
    if type(block) is Paragraph and "\t" not in block.text and "|" not in block.text:
        blocks.append(block)  # most blocks: prose, which joins nothing before it
        return
    previous = blocks[-1] if blocks else None
    if isinstance(previous, BulletList) and isinstance(block, BulletList):
        blocks[-1] = BulletList(previous.items + block.items, previous.line, previous.marker)
    elif isinstance(previous, Preformatted) and isinstance(block, Preformatted):
        last_line = previous.line + previous.text.count("\n")
        blank_lines = max(0, block.line - last_line - 1)
        blocks[-1] = Preformatted(previous.text + "\n" * (blank_lines + 1) + block.text, previous.line)
    elif (later := _rows(block)) and (earlier := _rows(previous)) and earlier[0] == later[0]:
        # Rows a blank line set apart (each its own paragraph, or tables of as many columns) are one table.
        assert previous is not None
        joined = _table([*earlier[1], *later[1]], previous.line)
        blocks[-1] = Table(joined.rows, joined.line, max(previous.header if isinstance(previous, Table) else 0, joined.header))
    else:
        blocks.append(block)


def _bullet(line: str) -> tuple[str, str] | None:
    """``(marker, item)`` when the line is a bullet."""
    match = BULLET_RE.match(line) or TABLE_BULLET_RE.match(line)
    return (match.group("marker"), strip(match.group("text"))) if match else None


def _runs_on(lines: list[str], offset: int, layout: Layout) -> bool:
    """Whether the bullet-like line at ``offset`` (``– the highest growth …``) goes on a wrapped
    sentence: a hard wrap can put a spaced dash first on a line. So it is when the line before
    fills the width and stops mid-sentence, and the line after is neither an item nor an item's
    indented continuation: a list is not spliced into a sentence."""
    before = lines[offset - 1]
    after = lines[offset + 1] if offset + 1 < len(lines) else ""
    return (
        layout.breaks_off(before)
        and after[:1] not in ("", " ", "\t")
        and _bullet(after) is None
    )


def _is_table(lines: list[str]) -> bool:
    """Column-aligned rows: most lines have column gaps, and some column edge is shared by two rows."""
    if len(lines) < 2 or sum(1 for line in lines if "  " in line or "\t" in line) < 2:
        return False  # most chunks: no two lines with a gap
    if 2 * sum(1 for line in lines if _bullet(line)) >= len(lines):
        return False
    edges: Counter[tuple[str, int]] = Counter()
    gapped = 0
    for line in lines:
        gaps = list(COLUMN_GAP_RE.finditer(line.expandtabs()))
        gapped += bool(gaps)
        edges.update(edge for gap in gaps for edge in (("end", gap.start()), ("start", gap.end())))
    return gapped >= 2 and 2 * gapped >= len(lines) and max(edges.values()) >= 2


def _is_indented(lines: list[str]) -> bool:
    if lines and lines[0][:1] not in " \t":
        return False  # most chunks: no generator needed to see it
    return all(len(line.expandtabs()) - len(line.expandtabs().lstrip(" ")) >= 4 for line in lines)


# --------------------------------------------------------------------------- tables


def _has_cells(lines: list[str]) -> bool:
    """Whether any line has a tab or a bar: most chunks have neither, and need no row search."""
    if len(lines) == 1:
        return "\t" in lines[0] or "|" in lines[0]
    text = "\n".join(lines)
    return "\t" in text or "|" in text


def _row_kind(line: str) -> str | None:
    """``tabs`` or ``bars`` when the line is a row of cells separated by tabs or ``|``; a tab at
    the start of a row stands for an empty first cell (``\t2024\t2023`` heads the columns)."""
    if "\t" in line.rstrip() and not _bullet(line):
        return "tabs"
    if "|" in line and not TABLE_BULLET_RE.match(line):
        text = strip(line)
        if text.count("|") >= 2 or (text.startswith("|") or text.endswith("|")) and len(text) > 1:
            return "bars"
    return None


def _row_runs(chunk: Chunk, skip_first: bool) -> list[tuple[str | None, list[str], int]]:
    """A chunk cut into runs of table rows of one kind and runs of other lines, with line numbers.
    Rows of tabs are a table only where two of them hold two cells or more (an indented
    paragraph also starts with a tab)."""
    kinds = [None if skip_first and offset == 0 else _row_kind(line) for offset, line in enumerate(chunk.lines)]
    if sum(kind == "tabs" and _filled(line) >= 2 for kind, line in zip(kinds, chunk.lines, strict=True)) < 2:
        kinds = [None if kind == "tabs" else kind for kind in kinds]
    runs: list[tuple[str | None, list[str], int]] = []
    for offset, (line, kind) in enumerate(zip(chunk.lines, kinds, strict=True)):
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(line)
        else:
            runs.append((kind, [line], chunk.line + offset))
    return runs


def _filled(line: str) -> int:
    return len([cell for cell in line.split("\t") if cell.strip()])


def _cells(line: str, kind: str) -> tuple[str, ...]:
    if kind == "tabs":
        return tuple(strip(cell) for cell in line.rstrip().split("\t"))
    text = strip(line)
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") else text
    return tuple(strip(cell) for cell in text.split("|"))


def _aligned_rows(lines: list[str]) -> list[tuple[str, ...]] | None:
    """Column-aligned lines cut at the gutters (columns of two or more spaces that no line
    crosses); None when that is not clearly a table: fewer than two columns, or rules drawn
    with ``---``/``===`` whose meaning only the spacing carries."""
    texts = [line.expandtabs() for line in lines]
    if any(RULE_RE.match(text) for text in texts):
        return None
    width = max(map(len, texts))
    used = [False] * width
    for text in texts:
        for column, character in enumerate(text):
            if character != " ":
                used[column] = True
    spans: list[tuple[int, int]] = []  # runs of columns some line uses
    column = 0
    while column < width:
        start = column
        while column < width and used[column]:
            column += 1
        if column > start:
            spans.append((start, column))
        column += 1
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] < GUTTER_MIN:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    # A column of currency signs alone (``$  1,712,310``) belongs to the figures after it.
    index = 0
    while index < len(merged) - 1:
        start, end = merged[index]
        if all(strip(text[start:end]) in CURRENCY for text in texts):
            merged[index : index + 2] = [(start, merged[index + 1][1])]
        else:
            index += 1
    if len(merged) < 2:
        return None
    return [tuple(strip(text[start:end]) for start, end in merged) for text in texts]


def _table(rows: list[tuple[str, ...]], line: int) -> Table:
    """A table headed by its first rows when they are headers: a row over a Markdown rule, rows
    with an empty first cell over rows with labels (the periods over a financial statement), or
    words over rows of figures."""
    width = max(map(len, rows))
    rows = [row + ("",) * (width - len(row)) for row in rows]
    if len(rows) >= 2 and all(SEPARATOR_CELL_RE.match(cell) for cell in rows[1] if cell) and any(rows[1]):
        return Table(tuple([rows[0], *rows[2:]]), line, header=1)
    header = 0
    while header < len(rows) - 1 and not rows[header][0] and any(rows[header]):
        header += 1
    if header:
        return Table(tuple(rows), line, header=header)
    # Words over figures; periods (``Q1 2025``, ``FY 2024``, ``December 31, 2024``) over amounts:
    # a heading names none, and most rows below it do.
    heads = len(rows) >= 3 and any(_marks_heading(rows, mark) for mark in (AMOUNT_RE, FIGURE_RE))
    return Table(tuple(rows), line, header=1 if heads else 0)


def _marks_heading(rows: list[tuple[str, ...]], mark: re.Pattern[str]) -> bool:
    """Whether no cell of the first row has ``mark`` and most rows below it do."""
    marked = [any(mark.search(cell) for cell in row) for row in rows]
    return not marked[0] and sum(marked[1:]) * 2 >= len(rows) - 1


def _rows(block: Block | None) -> tuple[tuple[str, int], list[tuple[str, ...]]] | None:
    """A table's or a one-row paragraph's (kind, width) and rows; None for other blocks. A lone
    row stays the paragraph it was unless another row of its kind and width follows it."""
    if isinstance(block, Table):
        return ("table", max(map(len, block.rows))), list(block.rows)
    if isinstance(block, Paragraph) and ("\t" in block.text or "|" in block.text) and not block.breaks and "\n" not in block.text:
        kind = _row_kind(block.text)
        if kind:
            row = _cells(block.text, kind)
            return ("table", len(row)), [row]
    return None


# --------------------------------------------------------------------------- paragraphs


def _cut_at_headings(chunk: Chunk, layout: Layout) -> list[Chunk]:
    """A chunk cut before each ``About …`` or safe-harbour heading on a line of its own inside it,
    after a line that ends its paragraph (a sentence, a short line, a web address): the blank line
    above the heading was lost (single-spaced copy), and the boilerplate below it is no news."""
    cuts = [
        offset
        for offset in range(1, len(chunk.lines))
        if heading_kind(text := strip(chunk.lines[offset]))
        and (not layout.breaks_off(above := strip(chunk.lines[offset - 1])) or _ENDS_ADDRESS.search(above))
        and not (layout.prose(chunk.lines) and layout.breaks_off(text))
    ]
    if not cuts:
        return [chunk]
    return [Chunk(chunk.lines[start:end], chunk.line + start) for start, end in zip([0, *cuts], [*cuts, len(chunk.lines)], strict=True)]


def _split_chunk(chunk: Chunk, layout: Layout) -> list[Block]:
    """One chunk of text → paragraphs and lists.

    A chunk of wrapped prose is one paragraph. In text that was not hard-wrapped, a line longer
    than ``WRAP_WIDTH`` is a paragraph of its own (SEC exhibits separate paragraphs by single
    newlines), and shorter lines stand as printed, one per line. A contact heading starts a
    paragraph of short contact lines, one per line.
    """
    prose = layout.wrapped and layout.prose(chunk.lines)
    if (prose or len(chunk.lines) == 1) and all(line[:1].isalnum() for line in chunk.lines):
        # Most chunks: one line, or wrapped prose, with no bullet; without a contact heading it is
        # one paragraph (after a heading on its first line), as the reading line by line finds.
        lines = [strip(line) for line in chunk.lines]
        if not any(map(contact_heading, lines)):
            if len(lines) > 1 and heading_kind(lines[0]):
                return [Paragraph(lines[0], chunk.line), Paragraph("\n".join(lines[1:]), chunk.line + 1)]
            return [Paragraph("\n".join(lines), chunk.line)]
    long_lines = not hard_wrapped(chunk.lines)
    blocks: list[Block] = []
    pending: list[str] = []
    pending_line = chunk.line
    items: list[str] = []
    items_line = chunk.line
    marker = "•"
    in_contact = False

    def flush() -> None:
        nonlocal pending, items
        if pending:
            if in_contact or prose or len(pending) == 1:
                blocks.append(Paragraph("\n".join(pending), pending_line))
            else:
                kept = logical_lines(pending, wrapped=False)
                blocks.append(Paragraph("\n".join(kept), pending_line, breaks=len(kept) > 1))
            pending = []
        if items:
            blocks.append(BulletList(tuple(items), items_line, marker))
            items = []

    def add(text: str, number: int) -> None:
        nonlocal pending_line
        if not pending:
            pending_line = number
        pending.append(text)

    for offset, line in enumerate(chunk.lines):
        number = chunk.line + offset
        text = strip(line)
        # A line that opens with a letter or digit is neither a bullet nor an end mark.
        bullet = None if line[:1].isalnum() or END_MARK_RE.match(text) else _bullet(line)
        if bullet and prose and pending and not in_contact and _runs_on(chunk.lines, offset, layout):
            bullet = None
        if bullet:
            if pending:
                flush()
            in_contact = False
            if not items:
                items_line, marker = number, bullet[0]
            items.append(bullet[1])
            continue
        if items and prose and line[:1] in " \t":
            items[-1] = f"{items[-1]} {text}"  # an item's wrapped continuation
            continue
        contact = contact_heading(text)
        if contact and is_contact_heading(text) and (offset == 0 or not contact.group("rest").strip()):
            flush()
            in_contact = True
            add(text, number)
            if not contact.group("rest").strip():
                flush()
            continue
        if in_contact and len(text) <= CONTACT_LINE_MAX and not ends_contact(text):
            add(text, number)
            continue
        if in_contact:
            flush()
            in_contact = False
        if long_lines and not prose or (offset == 0 and len(chunk.lines) > 1 and heading_kind(text)):
            flush()
            blocks.append(Paragraph(text, number))
            continue
        if items:
            flush()
        add(text, number)
    flush()
    return blocks


def flat(block: Block) -> Block:
    """A hard-wrapped paragraph as one line of text; other blocks (and lines kept as printed) keep their lines."""
    if isinstance(block, Paragraph) and "\n" in block.text and not block.breaks:
        return Paragraph(one_line(block.text), block.line)
    return block


def rejoin_page_breaks(blocks: list[Block]) -> list[Block]:
    """Join a paragraph that a page break cut: a long paragraph of prose that stops on a bare
    word continues in the next paragraph (``has been`` / ``observed``, ``Securities and`` /
    ``Exchange Commission``)."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            isinstance(previous, Paragraph)
            and isinstance(block, Paragraph)
            and not (previous.breaks or block.breaks)
            and _stops_mid_sentence(previous.text)
            and _continues(block.text)
        ):
            joined[-1] = Paragraph(f"{previous.text} {block.text}", previous.line)
        else:
            joined.append(block)
    return joined


def _stops_mid_sentence(text: str) -> bool:
    """Long prose whose last word is bare: no stop, comma, quote or figure after it."""
    return len(text) >= PAGE_BREAK_MIN and text.rsplit(None, 1)[-1].isalpha() and max(map(len, text.split("\n"))) >= PROSE_LINE_MIN


def _continues(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return first[:1].isalnum() and not (heading_kind(first) or is_contact_heading(first) or ends_contact(first))
