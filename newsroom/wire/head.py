"""What stands above the dateline: header lines, the headline, sub-headlines, a summary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

from ..model import BulletList, ContactBlock, Paragraph, ReleaseError
from .blocks import Chunk, blocks_of, hard_wrapped
from .contacts import contact_block
from .dateline import match_dateline
from .dates import TOP_DATE_RE, top_date
from .embargo import EMBARGO_RE, parse_embargo
from .lines import is_contact_heading, one_line, strip

# Header lines that say what the text is, not part of it.
HEADER_RE = re.compile(
    r"^\s*(?:FOR\s+IMMEDIATE\s+RELEASE\b.*|Exhibit\s+\d+(?:\.\d+)?\s*|NEWS\s+RELEASE\s*|PRESS\s+RELEASE\s*)$",
    re.IGNORECASE,
)
# A headline that corrects an earlier release: ``CORRECTING and REPLACING …``.
CORRECTION_RE = re.compile(r"^\s*CORRECT(?:ING|ED|ION)\b", re.IGNORECASE)


HEAD_MAX_LINES = 40  # the dateline comes within this many lines of the top, or there is none


def _is_header_line(line: str) -> bool:
    return bool(EMBARGO_RE.match(line) or HEADER_RE.match(line) or TOP_DATE_RE.match(line))


def split_head(chunks: list[Chunk]) -> tuple[list[Chunk], list[Chunk], bool]:
    """The head and the body; the body opens with the dateline when there is one (the bool).

    Without a dateline the head ends with the headline: its chunk when hard-wrapped, its line
    otherwise.
    """
    lines = ((index, offset, line) for index, chunk in enumerate(chunks) for offset, line in enumerate(chunk.lines))
    for index, offset, line in islice(lines, HEAD_MAX_LINES):
        if match_dateline(strip(line)) and not _is_header_line(line):
            before, after = chunks[index].split(offset)
            return chunks[:index] + before, after + chunks[index + 1 :], True
    for index, chunk in enumerate(chunks):
        headline = next((i for i, line in enumerate(chunk.lines) if not _is_header_line(line)), None)
        if headline is not None:
            before, after = chunk.split(len(chunk.lines) if hard_wrapped(chunk.lines) else headline + 1)
            return chunks[:index] + before, after + chunks[index + 1 :], False
    return chunks, [], False


@dataclass
class Head:
    headline: Paragraph
    subheadlines: list[str]
    summary: list[str]
    contacts: list[ContactBlock]
    headers: list[str]
    top_date: date | None
    top_date_line: int
    embargo: datetime | None


def read_head(chunks: list[Chunk], path: str, body_line: int) -> Head:
    """Header lines are metadata; of the rest, the first paragraph is the headline, the
    others sub-headlines, a list the summary, a ``CONTACT:`` block a contact block."""
    headers: list[str] = []
    dated: tuple[date, int] | None = None
    embargo: datetime | None = None
    content: list[Chunk] = []
    for chunk in chunks:
        start = 0
        for offset, line in enumerate(chunk.lines):
            text = strip(line)
            if not _is_header_line(text):
                continue
            if offset > start:
                content.append(Chunk(chunk.lines[start:offset], chunk.line + start))
            start = offset + 1
            number = chunk.line + offset
            headers.append(text)
            if EMBARGO_RE.match(text):
                embargo = embargo or parse_embargo(text, path, number)
                continue
            day = top_date(text, path, number)  # None for ``FOR IMMEDIATE RELEASE``, ``Exhibit 99.1``
            if day and dated is None:
                dated = (day, number)
        if start < len(chunk.lines):
            content.append(Chunk(chunk.lines[start:], chunk.line + start))

    blocks = blocks_of(content)
    headline: Paragraph | None = None
    subheadlines: list[str] = []
    summary: list[str] = []
    contacts: list[ContactBlock] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Paragraph) and is_contact_heading(block.text):
            found, index = contact_block(blocks, index)
            contacts.append(found)
            continue
        index += 1
        if headline is None:
            if not isinstance(block, Paragraph):
                raise ReleaseError(path, block.line, "no headline: the first text above the dateline is a list or a table")
            headline = Paragraph(one_line(block.text), block.line)
        elif isinstance(block, BulletList):
            summary.extend(block.items)
        else:
            subheadlines.append(one_line(block.text))
    if headline is None:
        raise ReleaseError(path, body_line, "no headline: expected the headline above the dateline")
    return Head(
        headline=headline,
        subheadlines=subheadlines,
        summary=summary,
        contacts=contacts,
        headers=headers,
        top_date=dated[0] if dated else None,
        top_date_line=dated[1] if dated else 0,
        embargo=embargo,
    )
