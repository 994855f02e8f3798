"""Text → chunks (lines between blank lines and page breaks) → paragraphs, lists and tables."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Block, BulletList, Paragraph, Preformatted
from .lines import (
    CONTACT_LINE_MAX,
    END_MARK_RE,
    WRAP_WIDTH,
    contact_heading,
    ends_contact,
    heading_kind,
    is_contact_heading,
    one_line,
    strip,
)

# ``1.`` and ``+`` are not wire bullets: such lines stay text.
BULLET_RE = re.compile(r"^\s*(?P<marker>[•·▪●◦\-*–])\s+(?P<text>\S.*)$")
# A bullet row copied from an exhibit's HTML table: ``|·|item|``; the bars are cell borders.
TABLE_BULLET_RE = re.compile(r"^\s*\|\s*(?P<marker>[•·▪●◦])\s*\|?\s*(?P<text>[^\s|].*?)\s*\|?$")


# A gap between table columns: two or more spaces or a tab, but not the double space a
# typist leaves after a sentence.
COLUMN_GAP_RE = re.compile(r"(?<=[^\s.!?])(?: {2,}|\t+)(?=\S)")


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


def hard_wrapped(lines: list[str]) -> bool:
    return max(len(line) for line in lines) <= WRAP_WIDTH


# --------------------------------------------------------------------------- blocks


def blocks_of(chunks: list[Chunk], dateline: bool = False) -> list[Block]:
    """Chunks → paragraphs, lists and tables. With ``dateline`` the first chunk opens with the
    dateline, which is text however its spacing looks."""
    blocks: list[Block] = []
    for index, chunk in enumerate(chunks):
        following = chunks[index + 1].lines if index + 1 < len(chunks) else []
        # A centred title above a table belongs to it.
        tabular = _is_table(chunk.lines) or (_is_indented(chunk.lines) and _is_table(following))
        if tabular and not (dateline and index == 0):
            _append(blocks, Preformatted("\n".join(chunk.lines), chunk.line))
        else:
            for block in _split_chunk(chunk):
                _append(blocks, block)
    return blocks


def _append(blocks: list[Block], block: Block) -> None:
    """Add a block, joining a list or table that a blank line or page break interrupted."""
    previous = blocks[-1] if blocks else None
    if isinstance(previous, BulletList) and isinstance(block, BulletList):
        blocks[-1] = BulletList(previous.items + block.items, previous.line, previous.marker)
    elif isinstance(previous, Preformatted) and isinstance(block, Preformatted):
        last_line = previous.line + previous.text.count("\n")
        blank_lines = max(0, block.line - last_line - 1)
        blocks[-1] = Preformatted(previous.text + "\n" * (blank_lines + 1) + block.text, previous.line)
    else:
        blocks.append(block)


def _bullet(line: str) -> tuple[str, str] | None:
    """``(marker, item)`` when the line is a bullet."""
    match = BULLET_RE.match(line) or TABLE_BULLET_RE.match(line)
    return (match.group("marker"), strip(match.group("text"))) if match else None


def _is_table(lines: list[str]) -> bool:
    """Column-aligned rows: most lines have column gaps, and some column edge is shared by two rows."""
    if len(lines) < 2 or 2 * sum(1 for line in lines if _bullet(line)) >= len(lines):
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


def _split_chunk(chunk: Chunk) -> list[Block]:
    """One chunk of text → paragraphs and lists.

    A chunk whose lines all fit ``WRAP_WIDTH`` was hard-wrapped: its lines are one paragraph.
    Longer lines are paragraphs of their own (SEC exhibits separate paragraphs by single
    newlines). A contact heading starts a paragraph of short contact lines, one per line.
    """
    wrapped = hard_wrapped(chunk.lines)
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
            blocks.append(Paragraph("\n".join(pending), pending_line))
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
        if bullet:
            if pending:
                flush()
            in_contact = False
            if not items:
                items_line, marker = number, bullet[0]
            items.append(bullet[1])
            continue
        if items and wrapped and line[:1] in " \t":
            items[-1] = f"{items[-1]} {text}"  # an item's wrapped continuation
            continue
        contact = contact_heading(text)
        if contact and len(text) <= CONTACT_LINE_MAX and (offset == 0 or not contact.group("rest").strip()):
            flush()
            add(text, number)
            in_contact = True
            if not contact.group("rest").strip():
                flush()
            continue
        if in_contact and len(text) <= CONTACT_LINE_MAX and not ends_contact(text):
            add(text, number)
            continue
        in_contact = False
        if not wrapped or (offset == 0 and len(chunk.lines) > 1 and heading_kind(text)):
            flush()
            blocks.append(Paragraph(text, number))
            continue
        if items:
            flush()
        add(text, number)
    flush()
    return blocks


def flat(block: Block) -> Block:
    """A hard-wrapped paragraph as one line of text; other blocks keep their lines."""
    return Paragraph(one_line(block.text), block.line) if isinstance(block, Paragraph) and "\n" in block.text else block


def rejoin_page_breaks(blocks: list[Block]) -> list[Block]:
    """Join a paragraph that a page break cut: a long paragraph of prose that stops on a bare
    word continues in the next paragraph (``has been`` / ``observed``, ``Securities and`` /
    ``Exchange Commission``)."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if isinstance(previous, Paragraph) and isinstance(block, Paragraph) and _stops_mid_sentence(previous.text) and _continues(block.text):
            joined[-1] = Paragraph(f"{previous.text} {block.text}", previous.line)
        else:
            joined.append(block)
    return joined


def _stops_mid_sentence(text: str) -> bool:
    """Long prose whose last word is bare: no stop, comma, quote or figure after it."""
    return len(text) >= PAGE_BREAK_MIN and max(map(len, text.split("\n"))) >= PROSE_LINE_MIN and text.rsplit(None, 1)[-1].isalpha()


def _continues(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return first[:1].isalnum() and not (heading_kind(first) or is_contact_heading(first) or ends_contact(first))
