"""What stands above the dateline: header lines, the headline, sub-headlines, a summary.

The head ends where the dateline begins. Without a dateline it is the headline alone (what
follows is news), so a release with neither dateline nor sub-headline still reads right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import compress, count
from typing import NamedTuple

from ..model import BulletList, ContactBlock, Paragraph, ReleaseError
from .blocks import BULLET_RE, Chunk, Layout, blocks_of
from .contacts import contact_block
from .dateline import DatelineMatch, match_dateline
from .dates import date_line
from .embargo import EMBARGO_RE, notice_at, notice_end, visible
from .lines import continues, is_banner, is_contact_heading, line_groups, one_line, strip

PROVIDED_BY_RE = re.compile(r"^News\s+provided\s+by:?$", re.IGNORECASE)
# A headline that corrects an earlier release: ``CORRECTING and REPLACING …``.
CORRECTION_RE = re.compile(r"^\s*CORRECT(?:ING|ED|ION)\b", re.IGNORECASE)

HEADER_MAX = 160  # a header line is a short label: longer lines are text
HEAD_MAX_LINES = 40  # the dateline comes within this many lines of the top, or there is none
# A paragraph this long is news, not a sub-headline: no dateline follows it.
SUBHEADLINE_MAX = 400


def is_label_line(line: str) -> bool:
    """A line that labels the text rather than belonging to it: a banner or a date (embargo
    notices are found by ``notice_lines``)."""
    text = strip(line)
    return len(text) <= HEADER_MAX and bool(is_banner(text) or date_line(text))


def header_lines(lines: list[str], layout: Layout) -> tuple[set[int], set[int]]:
    """The places in ``lines`` (one paragraph) of its header lines, and of those that are embargo
    notices. A label that carries on the line above it is that line's text (a headline a wire
    wrapped): a date after an open end (``… Results on`` / ``February 12, 2025``), a banner's
    word, set as the line is, under a line the wrap cut (``… in Private Capital`` / ``Advisory``)."""
    notices = notice_lines(lines)
    found = set(notices)
    wrapped = layout.prose(lines)
    for offset, line in enumerate(lines):
        text = strip(line)
        if offset in found or not is_label_line(text):
            continue
        above = strip(lines[offset - 1]) if offset and offset - 1 not in found else ""
        goes_on = bool(above) and (
            continues(above, text) or (wrapped and not date_line(text) and layout.breaks_off(above) and text.isupper() == above.isupper())
        )
        if not goes_on:
            found.add(offset)
    return found, notices


def notice_lines(lines: list[str]) -> set[int]:
    """The places in ``lines`` (one paragraph) of the lines of embargo notices: a notice's line
    and those below it that go on with it (``PACIFIC TIME``), as ``embargoes_in`` reads them."""
    shown = list(map(visible, lines))
    found: set[int] = set()
    for offset in compress(count(), map(EMBARGO_RE.match, shown)):
        if offset not in found and notice_at(shown, offset):
            found.update(range(offset, notice_end(shown, offset)))
    return found


@dataclass(frozen=True)
class Split:
    """The head and the body of a release; ``dateline`` opens the body when there is one."""

    head: list[Chunk]
    body: list[Chunk]
    dateline: DatelineMatch | None


class _Line(NamedTuple):
    """A line of the first ones, as the head's reading sees it."""

    chunk: int  # its index among the chunks
    offset: int  # its place in the chunk
    text: str
    # It may start a paragraph: it starts a chunk, stands alone, or follows a header line. In
    # a wrapped paragraph only its first line does; a dateline on another line must say all it
    # can (place, date and wire) to be taken as one.
    starts: bool
    header: bool


def _first_lines(chunks: list[Chunk], layout: Layout) -> Iterator[_Line]:
    """The first ``HEAD_MAX_LINES`` lines, read as they are needed."""
    seen = 0
    for index, chunk in enumerate(chunks):
        alone = not layout.prose(chunk.lines)
        after_header = False
        headers = header_lines(chunk.lines, layout)[0]
        for offset, line in enumerate(chunk.lines):
            seen += 1
            if seen > HEAD_MAX_LINES:
                return
            text = strip(line)
            header = offset in headers
            yield _Line(index, offset, text, offset == 0 or alone or after_header, header)
            after_header = header


def split_head(chunks: list[Chunk], layout: Layout) -> Split:
    """Find the headline (the first line that is not a header line) and the dateline after it."""
    lines = _first_lines(chunks, layout)
    headline = next((line for line in lines if not line.header), None)
    if headline is None:
        return Split(chunks, [], None)
    first, first_offset = headline.chunk, headline.offset
    opening = match_dateline(headline.text)
    if opening is not None and (opening.date or opening.city):
        # The text opens with its dateline: there is no headline above it (read_head says so).
        before, after = chunks[first].split(first_offset)
        return Split(chunks[:first] + before, after + chunks[first + 1 :], opening)
    groups = line_groups(chunks[first].lines[first_offset:], layout.prose(chunks[first].lines))
    headline_end = (first, first_offset + len(groups[0]))
    for line in lines:
        if (line.chunk, line.offset) < headline_end or line.header:
            continue
        found = _dateline_at(chunks[line.chunk], line.offset, line.text, layout)
        if found is not None and (line.starts or (found.date and found.wire and found.city)):
            before, after = chunks[line.chunk].split(line.offset)
            return Split(chunks[: line.chunk] + before, after + chunks[line.chunk + 1 :], found)
        if line.starts and len(_paragraph_text(chunks[line.chunk], line.offset, layout)) > SUBHEADLINE_MAX and not BULLET_RE.match(line.text):
            break
    index, end = headline_end
    before, after = chunks[index].split(end)
    return Split(chunks[:index] + before, after + chunks[index + 1 :], None)


def _dateline_at(chunk: Chunk, offset: int, text: str, layout: Layout) -> DatelineMatch | None:
    """The dateline that opens line ``offset`` (``text``). In a wrapped paragraph it may go on
    to the next line (``MADISON, Wis., Jan.`` / ``24, 2017 (GLOBE NEWSWIRE) --``, or a line that
    ends in the dash the news follows), read as the paragraph's lines are joined."""
    found = match_dateline(text)
    if found is not None or offset + 1 >= len(chunk.lines) or not layout.prose(chunk.lines):
        return found
    return match_dateline(one_line(f"{text}\n{strip(chunk.lines[offset + 1])}"))


def _paragraph_text(chunk: Chunk, offset: int, layout: Layout) -> str:
    return one_line("\n".join(chunk.lines[offset:])) if layout.prose(chunk.lines) else chunk.lines[offset]


@dataclass
class Head:
    headline: Paragraph
    deck: list[Paragraph | BulletList]  # sub-headline lines and summary lists, in order
    contacts: list[ContactBlock]
    headers: list[str]
    top_date: date | None
    top_date_line: int


def read_head(chunks: list[Chunk], path: str, body_line: int, layout: Layout) -> Head:
    """Header lines are metadata; of the rest, the first line (or wrapped paragraph) is the
    headline, the other lines sub-headlines, a list the summary, a ``CONTACT:`` block a contact block."""
    headers: list[str] = []
    dated: tuple[date, int] | None = None
    content: list[Chunk] = []
    issuer_next = False  # PR Newswire's page: ``News provided by`` stands over the issuer's name
    for chunk in chunks:
        start = 0
        labels, notices = header_lines(chunk.lines, layout)
        for offset, line in enumerate(chunk.lines):
            text = strip(line)
            issuer, issuer_next = issuer_next, bool(PROVIDED_BY_RE.match(text))
            if not (issuer or offset in labels):
                continue
            if offset > start:
                content.append(Chunk(chunk.lines[start:offset], chunk.line + start))
            start = offset + 1
            number = chunk.line + offset
            headers.append(text)
            if offset in notices:
                continue  # read with every other embargo line of the release (release.py)
            day = date_line(text)  # None for ``FOR IMMEDIATE RELEASE``, ``Exhibit 99.1``
            if day is not None and dated is None:
                dated = (day.resolve(path, number), number)
        if start < len(chunk.lines):
            content.append(Chunk(chunk.lines[start:], chunk.line + start))

    blocks = blocks_of(content, layout)
    headline: Paragraph | None = None
    deck: list[Paragraph | BulletList] = []
    contacts: list[ContactBlock] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Paragraph) and is_contact_heading(block.text):
            found, index = contact_block(blocks, index)
            contacts.append(found)
            continue
        index += 1
        if isinstance(block, BulletList):
            if headline is None:
                raise ReleaseError(path, block.line, "no headline: the first text above the dateline is a list")
            if deck and isinstance(deck[-1], BulletList):  # one list a blank line interrupted
                deck[-1] = BulletList(deck[-1].items + block.items, deck[-1].line)
            else:
                deck.append(BulletList(block.items, block.line))
            continue
        if not isinstance(block, Paragraph):
            if headline is None:
                raise ReleaseError(path, block.line, "no headline: the first text above the dateline is a table")
            deck.append(Paragraph(one_line(block.text), block.line))
            continue
        lines = block.text.split("\n") if block.breaks else [one_line(block.text)]
        if headline is None:
            headline = Paragraph(lines[0], block.line)
            lines = lines[1:]
        deck.extend(Paragraph(line, block.line) for line in lines)
    if headline is None:
        raise ReleaseError(path, body_line, "no headline: expected the headline above the dateline")
    return Head(
        headline=headline,
        deck=deck,
        contacts=contacts,
        headers=headers,
        top_date=dated[0] if dated else None,
        top_date_line=dated[1] if dated else 0,
    )
