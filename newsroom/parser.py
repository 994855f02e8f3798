"""Wire text → ``Release``.

Reads the plain text a newswire, an SEC exhibit or a republisher hands an IR team and splits
it into the parts of a release without changing a word. Pure functions, read top to bottom:

1. ``decode``: bytes → text; characters XML forbids are dropped with a warning, binary is refused.
2. ``_chunks``: runs of lines between blank lines and page breaks.
3. ``_split_head``: the dateline opens the body; what stands above it is the head.
4. ``_read_head``: header lines (date, embargo, ``Exhibit 99.1`` …), headline, sub-headlines,
   a bullet summary, a contact block printed above the dateline.
5. ``_blocks``: paragraphs, bullet lists and column tables; page-break splits rejoined.
6. ``_parts``: the body, ``About …`` sections, the safe harbour, contacts and trailers, in order.
7. fields: dates, the embargo, the dateline's place, tickers, patents, contacts.

No MkDocs import.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from zoneinfo import ZoneInfo

from .model import (
    XML_FORBIDDEN,
    Block,
    BulletList,
    Contact,
    ContactBlock,
    Dateline,
    Finding,
    Paragraph,
    Part,
    Preformatted,
    Release,
    ReleaseError,
    Section,
    SectionKind,
    Trailer,
    display_date,
)

# --------------------------------------------------------------------------- patterns

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# A month as wires print it: in full, abbreviated (``Jan.``) or as ``Sept.``.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# ``Jan. 24, 2017``, ``June 01, 2018``: group ``date`` is the date as printed, for messages.
DATE = rf"(?P<date>(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}))"
DATE_RE = re.compile(DATE, re.IGNORECASE)
# ``2016-09-16``, as European GlobeNewswire headers print it.
ISO_DATE_RE = re.compile(r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))")
# The dash that ends a dateline: two hyphens, an em dash or an en dash.
DASH = r"(?:--|—|–)"
# A clock time: ``05:30 PM``, ``15:01``, ``8 a.m.``.
_TIME = r"\d{1,2}(?::\d{2})?\s*(?:[AaPp]\.?\s?[Mm]\.?)?"
# A header line that is only a date, maybe with a time and zone: ``March 07, 2019 05:30 PM
# Eastern Standard Time``, ``2016-09-16 15:01 CEST``.
TOP_DATE_RE = re.compile(
    rf"^\s*(?:{DATE}|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))(?:\s+{_TIME}(?:\s+[A-Za-z][A-Za-z .]*)?)?\s*$",
    re.IGNORECASE,
)
# ``EMBARGOED UNTIL 08:00 AM ET, MARCH 3, 2021``.
EMBARGO_RE = re.compile(r"^\s*EMBARGOED\s+(?:UNTIL|TILL|FOR)\b", re.IGNORECASE)
# Header lines that say what the text is, not part of it.
HEADER_RE = re.compile(
    r"^\s*(?:FOR\s+IMMEDIATE\s+RELEASE\b.*|Exhibit\s+\d+(?:\.\d+)?\s*|NEWS\s+RELEASE\s*|PRESS\s+RELEASE\s*)$",
    re.IGNORECASE,
)
# A headline that corrects an earlier release: ``CORRECTING and REPLACING …``.
CORRECTION_RE = re.compile(r"^\s*CORRECT(?:ING|ED|ION)\b", re.IGNORECASE)
# A republisher's mark before (or after) the dateline: ``/EIN News/ --``.
REPUBLISHER = rf"(?:/[^/\n]{{2,40}}/\s*{DASH}\s*)?"
# The place a dateline names: ``MADISON, Wis.``, ``SAN DIEGO``; no parentheses.
PLACE = r"(?P<place>[A-Z][^\n()]{1,60}?)"
PLACE_MAX = 60
PLACE_MAX_COMMAS = 3

# Datelines, most specific first; each names the wire it belongs to (None: no wire).
DATELINES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    # MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) --
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s+{DATE}\s*\((?:GLOBE\s*NEWSWIRE)\)\s*{REPUBLISHER}{DASH}?\s*", re.I), "GlobeNewswire"),
    # MADISON, Wis. (GLOBE NEWSWIRE) --   (the date is missing: a header line must give it)
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s*\((?:GLOBE\s*NEWSWIRE)\)\s*{REPUBLISHER}{DASH}\s*", re.I), "GlobeNewswire"),
    # SAN DIEGO--(BUSINESS WIRE)--   (no date: it comes from the header line)
    (re.compile(rf"^{REPUBLISHER}{PLACE}\s*{DASH}\s*\(\s*BUSINESS\s+WIRE\s*\)\s*{DASH}\s*", re.I), "Business Wire"),
    # SAN DIEGO, Jan. 9, 2019 /PRNewswire/ --   (also /PRNewswire-FirstCall/)
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s+{DATE}\s*/\s*PR\s*Newswire(?:-[A-Za-z]+)?\s*/\s*{DASH}?\s*", re.I), "PR Newswire"),
    # NEW YORK, NY / ACCESSWIRE / July 9, 2020 /
    (re.compile(rf"^{REPUBLISHER}{PLACE}\s*/\s*ACCESSWIRE\s*/\s*{DATE}\s*/\s*", re.I), "ACCESSWIRE"),
    # MADISON, Wis., (December 12, 2016) --   (SEC exhibits, company copy)
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s*\(\s*{DATE}\s*\)\s*{DASH}?\s*", re.I), None),
    # FLORHAM PARK, N.J., May 11, 2020 –
    (re.compile(rf"^{REPUBLISHER}{PLACE},\s+{DATE}\s*(?:{DASH}|-|/)\s*"), None),
)
# A parenthesis that may hold tickers: ``(Nasdaq: CLRB)``, ``(NYSE: RMD, ASX: RMD)``.
TICKER_GROUP_RE = re.compile(r"\(([^()]{2,80})\)")
# One ``EXCHANGE: SYMBOL`` in it.
TICKER_RE = re.compile(r"^\s*(?P<exchange>[A-Za-z][A-Za-z .\-]{0,30}?)\s*:\s*(?P<symbol>[A-Z0-9][A-Z0-9.\-]{0,9})\s*$")
# Exchanges as wires name them (lower case); a parenthesis naming another word is not a ticker.
EXCHANGES = {
    "nasdaq", "nasdaqgs", "nasdaqgm", "nasdaqcm", "nasdaq capital market", "nasdaq global market",
    "nasdaq global select market", "nyse", "nyse american", "nyse mkt", "nyse arca", "amex",
    "otc", "otcqb", "otcqx", "otc pink", "otcpink", "otcbb", "tsx", "tsxv", "tsx-v", "tsx venture",
    "cse", "asx", "lse", "aim", "frankfurt", "fse", "fwb", "xetra", "six", "euronext", "nasdaq stockholm",
    "nasdaq copenhagen", "nasdaq helsinki", "oslo", "ose", "hkex", "sgx", "jse", "tase", "nzx", "bse", "nse",
}
# ``patent number 9,550,002``, ``Patent Nos. 9,550,002 and 9,603,954``, ``RE46,123``.
PATENT_RE = re.compile(
    r"\b[Pp]atents?\s+(?:[Nn]umbers?|[Nn]os?\.|#)?\s*(?P<first>(?:US\s?)?\d{1,2},\d{3},\d{3}|RE\d{2},\d{3})"
    r"(?P<rest>(?:\s*(?:,|and|&)\s*(?:US\s?)?\d{1,2},\d{3},\d{3})*)"
)
PATENT_NUMBER_RE = re.compile(r"\d{1,2},\d{3},\d{3}|RE\d{2},\d{3}")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# A telephone number: international (``+47 22 00 00 00``, ``+1 858 555 0175``) or North
# American (``917-885-7378``, ``(646) 555-0190``).
PHONE_RE = re.compile(
    r"(?<![\w.+])(?:\+\d{1,3}(?:[\s.\-]?\(?\d{1,4}\)?){2,5}"
    r"|(?:\(\d{2,4}\)\s?|\d{2,4}[\s.\-])\d{3,4}[\s.\-]\d{3,4})(?![\w])"
)
# A bullet: a mark and a space, then the item (``•  Phase 2 …``, ``- Signed …``, ``* More …``).
# ``1.`` and ``+`` are not wire bullets: such lines stay text.
BULLET_RE = re.compile(r"^\s*(?P<marker>[•·▪●◦\-*–])\s+(?P<text>\S.*)$")
# A bullet row copied from an exhibit's HTML table: ``|·|item|``; the bars are cell borders.
TABLE_BULLET_RE = re.compile(r"^\s*\|\s*(?P<marker>[•·▪●◦])\s*\|?\s*(?P<text>[^\s|].*?)\s*\|?$")
# A contact heading; what follows its colon on the same line is the first contact line.
CONTACT_RE = re.compile(
    r"^\s*(?P<label>(?:"
    r"(?:Media|Press|Investors?|Investor\s+Relations|IR|PR)"
    r"(?:\s+(?:and|&)\s+(?:Media|Press|Investors?|Investor\s+Relations))?(?:\s+Contacts?)?"
    r"|(?:Company|Corporate|Analyst|Financial)\s+Contacts?"
    r"|Contacts?(?:\s+Information)?"
    r"|For\s+(?:further|more|additional)\s+information(?:,?\s+(?:please\s+)?contact)?"
    r")\s*:)(?P<rest>.*)$",
    re.IGNORECASE,
)
# A line in a contact block that names a group, not a person: ``Media``, ``Investor Relations``.
ROLE_RE = re.compile(
    r"^(?:Media|Press|Investors?|Investor\s+Relations|Management|Company|IR|PR|Analysts?)"
    r"(?:\s+(?:and|&)\s+\w+(?:\s+Relations)?)?(?:\s+Contacts?)?:?$",
    re.IGNORECASE,
)
# A company form that marks a contact line as the organisation: ``JQA Partners, Inc.``.
ORGANIZATION_RE = re.compile(
    r"\b(?:Inc|Corp|Ltd|Co|L\.?L\.?C|L\.?L\.?P|L\.?P|S\.A|N\.V)\.?(?!\w)"
    r"|\b(?:Limited|Corporation|Company|Group|Partners|Communications|Associates|Advisors|Holdings"
    r"|ASA|AG|GmbH|plc|PLC)\b"
)
# ``About …`` heads a section about the company or a product (``About 80 patients …`` is text).
ABOUT_RE = re.compile(r"^About\s+(?!\d)\S")
SAFE_HARBOR_HEADING_RE = re.compile(
    r"^(?:Cautionary\s+(?:Note|Statement).*|(?:Safe\s+Harbor|Forward[\s\-]+Looking)\s+Statements?.*|"
    r"Note\s+Regarding\s+Forward[\s\-]+Looking\s+Statements?.*)$",
    re.IGNORECASE,
)
# The first sentence of a safe-harbour statement printed without a heading.
SAFE_HARBOR_OPENING_RE = re.compile(
    r"^(?:This|The|Certain|Statements|Any|Except|All|Safe\s+Harbor|Forward)\b[^.]{0,160}?forward[\s\-]+looking\s+statements?",
    re.IGNORECASE,
)
# A sentence ends here, unless the last word is an abbreviation such as ``Inc.`` or ``U.S.``.
SENTENCE_END_RE = re.compile(r"[.!?:;,]$")
ABBREVIATION_RE = re.compile(r"(?:^|\s)(?:[A-Z][A-Za-z]{0,3}\.|(?:[A-Za-z]\.){2,})$")
# ``Source: Company`` (GlobeNewswire), ``SOURCE: Company`` (ACCESSWIRE) or ``SOURCE Company`` (PR Newswire).
SOURCE_RE = re.compile(r"^\s*(?:(?i:source):|SOURCE\b)\s*(?P<name>\S.*)$")
# Lines a wire appends after the text.
TRAILER_RE = re.compile(
    r"^\s*(?:View\s+source\s+version\s+on|Cision\s+View\s+original\s+content|View\s+original\s+content|"
    r"KEYWORDS?:|INDUSTRY\s+KEYWORDS?:|PHOTO:|PUB:|Web\s*Site:|Copyright\b)",
    re.IGNORECASE,
)
# A web address on a line of its own: after a trailer, it is one too.
BARE_URL_RE = re.compile(r"^https?://\S+$")
# End marks: ``###``, ``# # #``, ``-30-``.
END_MARK_RE = re.compile(r"^\s*(?:###|#\s#\s#|-\s?30\s?-)\s*$")
# A gap between table columns: two or more spaces or a tab, but not the double space a
# typist leaves after a sentence.
COLUMN_GAP_RE = re.compile(r"(?<=[^\s.!?])(?: {2,}|\t+)(?=\S)")
# What decoding drops: the characters XML forbids (and lone surrogates), except the form
# feed, which is a page break.
# One character class (no look-ahead), so the engine can scan for it quickly.
FORBIDDEN_RE = re.compile(XML_FORBIDDEN.pattern.replace("\f", "")[:-1] + "\ud800-\udfff]")

WRAP_WIDTH = 100  # a chunk with a longer line was not hard-wrapped: each line is a paragraph
CONTACT_LINE_MAX = 80  # contact lines are short: names, titles, numbers, addresses
HEAD_MAX_LINES = 40  # the dateline comes within this many lines of the top, or there is none
PAGE_BREAK_MIN = 120  # a paragraph a page break cut is at least this long
PROSE_LINE_MIN = 60  # ... and has a line this long (a block of short lines is a list of names)
SOURCE_MAX = 200
BINARY_SAMPLE = 65536

# --------------------------------------------------------------------------- decoding


# Bytes that plain text does not hold (all below 0x20 except tab, line feed, form feed, return).
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13))


def decode(data: bytes, path: str) -> tuple[str, list[Finding]]:
    """Bytes as received → text: UTF-8 with or without BOM, UTF-16 with its BOM, else each line
    that is not UTF-8 is read as Windows-1252 (so a file mixing the two keeps every character).
    Binary files are refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return clean_text(data.decode("utf-16"), path)
        except UnicodeDecodeError:
            raise ReleaseError(path, None, "unreadable bytes: the file starts like UTF-16 but is not") from None
    if not data.strip():
        raise ReleaseError(path, None, "the file is empty: a release needs a headline, a date and a body")
    sample = data[:BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) // 100):
        raise ReleaseError(path, None, "the file is binary, not the plain text of a release")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = "\n".join(_decode_line(raw, path, number) for number, raw in enumerate(data.split(b"\n"), start=1))
    return clean_text(text, path)


def _decode_line(raw: bytes, path: str, number: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReleaseError(path, number, f"unreadable bytes: neither UTF-8 nor Windows-1252 (byte 0x{raw[exc.start]:02x})") from None


def clean_text(text: str, path: str) -> tuple[str, list[Finding]]:
    """Unix line ends, no byte-order mark, and no character XML forbids: each drop is a warning,
    so pages and feeds stay valid and the IR team hears about it."""
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not FORBIDDEN_RE.search(text):
        return text, []
    findings: list[Finding] = []
    for number, line in enumerate(text.split("\n"), start=1):
        dropped = FORBIDDEN_RE.findall(line)
        if dropped:
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in dropped}))
            findings.append(Finding(path, number, "warning", f"dropped {len(dropped)} control character(s) ({names})"))
    return FORBIDDEN_RE.sub("", text), findings


# --------------------------------------------------------------------------- chunks


@dataclass
class _Chunk:
    """Lines between blank lines (or page breaks), right-trimmed, with the first one's number."""

    lines: list[str]
    line: int

    def split(self, offset: int) -> tuple[list[_Chunk], list[_Chunk]]:
        """The lines before ``offset`` and from it on, as chunks (none when empty)."""
        before = [_Chunk(self.lines[:offset], self.line)] if offset > 0 else []
        after = [_Chunk(self.lines[offset:], self.line + offset)] if offset < len(self.lines) else []
        return before, after


def _chunks(text: str) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        for index, piece in enumerate(raw.split("\f") if "\f" in raw else (raw,)):
            line = piece.rstrip()
            if index > 0 or not line:
                if current:
                    chunks.append(_Chunk(current, start))
                    current = []
                if not line:
                    continue
            if not current:
                start = number
            current.append(line)
    if current:
        chunks.append(_Chunk(current, start))
    return chunks


def _strip(line: str) -> str:
    """Spaces and tabs off both ends; other characters (a no-break space) are text."""
    return line.strip(" \t")


def _hard_wrapped(lines: list[str]) -> bool:
    return max(len(line) for line in lines) <= WRAP_WIDTH


# --------------------------------------------------------------------------- head


def _is_header_line(line: str) -> bool:
    return bool(EMBARGO_RE.match(line) or HEADER_RE.match(line) or TOP_DATE_RE.match(line))


def _split_head(chunks: list[_Chunk]) -> tuple[list[_Chunk], list[_Chunk], bool]:
    """The head and the body; the body opens with the dateline when there is one (the bool).

    Without a dateline the head ends with the headline: its chunk when hard-wrapped, its line
    otherwise.
    """
    lines = ((index, offset, line) for index, chunk in enumerate(chunks) for offset, line in enumerate(chunk.lines))
    for index, offset, line in islice(lines, HEAD_MAX_LINES):
        if _match_dateline(_strip(line)) and not _is_header_line(line):
            before, after = chunks[index].split(offset)
            return chunks[:index] + before, after + chunks[index + 1 :], True
    for index, chunk in enumerate(chunks):
        headline = next((i for i, line in enumerate(chunk.lines) if not _is_header_line(line)), None)
        if headline is not None:
            before, after = chunk.split(len(chunk.lines) if _hard_wrapped(chunk.lines) else headline + 1)
            return chunks[:index] + before, after + chunks[index + 1 :], False
    return chunks, [], False


@dataclass
class _Head:
    headline: Paragraph
    subheadlines: list[str]
    summary: list[str]
    contacts: list[ContactBlock]
    headers: list[str]
    top_date: date | None
    top_date_line: int
    embargo: datetime | None


def _read_head(chunks: list[_Chunk], path: str, body_line: int) -> _Head:
    """Header lines are metadata; of the rest, the first paragraph is the headline, the
    others sub-headlines, a list the summary, a ``CONTACT:`` block a contact block."""
    headers: list[str] = []
    top_date: tuple[date, int] | None = None
    embargo: datetime | None = None
    content: list[_Chunk] = []
    for chunk in chunks:
        start = 0
        for offset, line in enumerate(chunk.lines):
            text = _strip(line)
            if not _is_header_line(text):
                continue
            if offset > start:
                content.append(_Chunk(chunk.lines[start:offset], chunk.line + start))
            start = offset + 1
            number = chunk.line + offset
            headers.append(text)
            if EMBARGO_RE.match(text):
                embargo = embargo or parse_embargo(text, path, number)
                continue
            day = _top_date(text, path, number)  # None for ``FOR IMMEDIATE RELEASE``, ``Exhibit 99.1``
            if day and top_date is None:
                top_date = (day, number)
        if start < len(chunk.lines):
            content.append(_Chunk(chunk.lines[start:], chunk.line + start))

    blocks = _blocks(content)
    headline: Paragraph | None = None
    subheadlines: list[str] = []
    summary: list[str] = []
    contacts: list[ContactBlock] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Paragraph) and _is_contact_heading(block.text):
            contact_block, index = _contact_block(blocks, index)
            contacts.append(contact_block)
            continue
        index += 1
        if headline is None:
            if not isinstance(block, Paragraph):
                raise ReleaseError(path, block.line, "no headline: the first text above the dateline is a list or a table")
            headline = Paragraph(_one_line(block.text), block.line)
        elif isinstance(block, BulletList):
            summary.extend(block.items)
        else:
            subheadlines.append(_one_line(block.text))
    if headline is None:
        raise ReleaseError(path, body_line, "no headline: expected the headline above the dateline")
    return _Head(
        headline=headline,
        subheadlines=subheadlines,
        summary=summary,
        contacts=contacts,
        headers=headers,
        top_date=top_date[0] if top_date else None,
        top_date_line=top_date[1] if top_date else 0,
        embargo=embargo,
    )


# --------------------------------------------------------------------------- blocks


def _blocks(chunks: list[_Chunk], dateline: bool = False) -> list[Block]:
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
    return (match.group("marker"), _strip(match.group("text"))) if match else None


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


def _split_chunk(chunk: _Chunk) -> list[Block]:
    """One chunk of text → paragraphs and lists.

    A chunk whose lines all fit ``WRAP_WIDTH`` was hard-wrapped: its lines are one paragraph.
    Longer lines are paragraphs of their own (SEC exhibits separate paragraphs by single
    newlines). A contact heading starts a paragraph of short contact lines, one per line.
    """
    wrapped = _hard_wrapped(chunk.lines)
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
        text = _strip(line)
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
        contact = _contact_heading(text)
        if contact and len(text) <= CONTACT_LINE_MAX and (offset == 0 or not contact.group("rest").strip()):
            flush()
            add(text, number)
            in_contact = True
            if not contact.group("rest").strip():
                flush()
            continue
        if in_contact and len(text) <= CONTACT_LINE_MAX and not _ends_contact(text):
            add(text, number)
            continue
        in_contact = False
        if not wrapped or (offset == 0 and len(chunk.lines) > 1 and _heading_kind(text)):
            flush()
            blocks.append(Paragraph(text, number))
            continue
        if items:
            flush()
        add(text, number)
    flush()
    return blocks


def _one_line(text: str) -> str:
    return text.replace("\n", " ")


def _flat(block: Block) -> Block:
    """A hard-wrapped paragraph as one line of text; other blocks keep their lines."""
    return Paragraph(_one_line(block.text), block.line) if isinstance(block, Paragraph) and "\n" in block.text else block


def _rejoin_page_breaks(blocks: list[Block]) -> list[Block]:
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
    return (
        len(text) >= PAGE_BREAK_MIN
        and max(map(len, text.split("\n"))) >= PROSE_LINE_MIN
        and text.rsplit(None, 1)[-1].isalpha()
    )


def _continues(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return first[:1].isalnum() and not (_heading_kind(first) or _is_contact_heading(first) or _ends_contact(first))


# --------------------------------------------------------------------------- parts


def _heading_kind(text: str) -> SectionKind | None:
    """``about`` or ``safe_harbor`` when the text is a heading on a line of its own."""
    if "\n" in text or len(text) > WRAP_WIDTH:
        return None
    if SAFE_HARBOR_HEADING_RE.match(text):
        return "safe_harbor"
    if ABOUT_RE.match(text) and not (SENTENCE_END_RE.search(text) and not ABBREVIATION_RE.search(text)):
        return "about"
    return None


def _contact_heading(line: str) -> re.Match[str] | None:
    """A contact heading's match; a line without a colon (most lines) is none, unsearched."""
    return CONTACT_RE.match(line) if ":" in line else None


def _is_contact_heading(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return len(first) <= CONTACT_LINE_MAX and bool(_contact_heading(first))


def _ends_contact(line: str) -> bool:
    """Lines that close a contact block: a heading, an end mark, a trailer."""
    return bool(_heading_kind(line) or END_MARK_RE.match(line) or SOURCE_RE.match(line) or TRAILER_RE.match(line))


def _is_trailer(text: str) -> bool:
    if END_MARK_RE.match(text) or TRAILER_RE.match(text):
        return True
    return bool(SOURCE_RE.match(text)) and len(text) <= SOURCE_MAX


def _is_contact_group(block: Block, first: bool) -> bool:
    """Short lines that name a contact; after the first group, only lines with a number or address."""
    if not isinstance(block, Paragraph):
        return False
    lines = block.text.split("\n")
    if max(map(len, lines)) > CONTACT_LINE_MAX or _ends_contact(lines[0]) or _contact_heading(lines[0]):
        return False
    return first or bool(EMAIL_RE.search(block.text) or PHONE_RE.search(block.text))


def _contact_block(blocks: list[Block], index: int) -> tuple[ContactBlock, int]:
    """The contact block starting at ``blocks[index]``: its heading if it has one, then one
    contact per paragraph of short lines. Returns it and the index after it."""
    start = blocks[index]
    assert isinstance(start, Paragraph)
    lines = start.text.split("\n")
    heading_match = _contact_heading(lines[0])
    heading: str | None = None
    groups: list[list[str]] = []
    if heading_match:
        heading = _strip(heading_match.group("label"))
        rest = _strip(heading_match.group("rest"))
        first_group = ([rest] if rest else []) + lines[1:]
        if first_group:
            groups.append(first_group)
        index += 1
    while index < len(blocks) and _is_contact_group(blocks[index], first=not groups):
        following = blocks[index]
        assert isinstance(following, Paragraph)
        groups.append(following.text.split("\n"))
        index += 1
    return ContactBlock(heading, tuple(_contact(group) for group in groups), start.line), index


def _parts(blocks: list[Block], opens_with_dateline: bool) -> tuple[list[Part], str | None]:
    """The body and what follows it, in source order, and the ``Source:`` line's name.

    The body runs from the dateline to the first ``About …``, safe-harbour statement, contact
    block or trailer. Text after a contact block or trailer that starts nothing new is kept as
    a headless ``text`` section.
    """
    parts: list[Part] = []
    source: str | None = None
    kind: SectionKind | None = "body"
    heading: str | None = None
    start = blocks[0].line if blocks else 0
    current: list[Block] = []

    def open_section(new_kind: SectionKind | None, new_heading: str | None = None, line: int = 0) -> None:
        nonlocal kind, heading, start, current
        if kind is not None and (current or heading):
            parts.append(Section(kind, heading, tuple(current), start))
        kind, heading, start, current = new_kind, new_heading, line, []

    index = 0
    if opens_with_dateline:
        current.append(_flat(blocks[0]))
        index = 1
    while index < len(blocks):
        block = blocks[index]
        text = block.text if isinstance(block, Paragraph) else ""
        if text and (_is_trailer(text) or (kind is None and BARE_URL_RE.match(text))):
            open_section(None)
            index += 1
            following = blocks[index] if index < len(blocks) else None
            if text.endswith(":") and isinstance(following, Paragraph) and "\n" not in following.text:
                text = f"{text}\n{following.text}"  # ``View source version on accesswire.com:`` and its address
                index += 1
            parts.append(Trailer(text, block.line))
            source_match = SOURCE_RE.match(text)
            if source_match and source is None:
                source = source_match.group("name").strip()
            continue
        if text and (_is_contact_heading(text) or (kind is None and _is_contact_group(block, first=False))):
            open_section(None)
            contact_block, index = _contact_block(blocks, index)
            parts.append(contact_block)
            continue
        index += 1
        heading_kind = _heading_kind(text) if text else None
        if heading_kind == "about" or (heading_kind == "safe_harbor" and kind != "safe_harbor"):
            open_section(heading_kind, text, block.line)
            continue
        if text and kind != "safe_harbor" and SAFE_HARBOR_OPENING_RE.match(text):
            open_section("safe_harbor", None, block.line)
        elif isinstance(block, Preformatted) and kind == "safe_harbor":
            open_section("text", None, block.line)  # a table is not part of the safe harbour
        elif kind is None:
            open_section("text", None, block.line)
        current.append(_flat(block))
    open_section(None)
    return parts, source


# --------------------------------------------------------------------------- fields


def _make_date(match: re.Match[str], path: str, line: int) -> date:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text[:3].casefold()]
    try:
        return date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        raise ReleaseError(path, line, f"impossible date {match.group('date')!r}") from None


def _top_date(line: str, path: str, number: int) -> date | None:
    match = TOP_DATE_RE.match(line)
    if not match:
        return None
    if match.group("iso"):
        iso = ISO_DATE_RE.match(match.group("iso"))
        assert iso is not None
        return _make_date(iso, path, number)
    return _make_date(match, path, number)


_ZONES = {
    "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York", "eastern": "America/New_York",
    "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago", "central": "America/Chicago",
    "mt": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver", "mountain": "America/Denver",
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pacific": "America/Los_Angeles",
    "gmt": "Europe/London", "bst": "Europe/London", "utc": "UTC", "cet": "Europe/Berlin", "cest": "Europe/Berlin",
}


def parse_embargo(text: str, path: str, line: int) -> datetime:
    """``EMBARGOED UNTIL 08:00 AM ET, MARCH 3, 2021`` → an aware datetime (zone names → IANA)."""
    day_match = DATE_RE.search(text) or ISO_DATE_RE.search(text)
    if not day_match:
        raise ReleaseError(path, line, f"embargo line without a date: {text.strip()!r}")
    day = _make_date(day_match, path, line)
    hour, minute = 0, 0
    time_match = re.search(r"\b(\d{1,2})(?::(\d{2}))?\s*([AaPp])\.?\s?[Mm]\b\.?", text) or re.search(
        r"\b(\d{1,2}):(\d{2})\b()", text
    )
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2) or 0)
        half = time_match.group(3).lower()
        if half == "p" and hour < 12:
            hour += 12
        elif half == "a" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            raise ReleaseError(path, line, f"impossible embargo time in {text.strip()!r}")
    zone = "America/New_York"
    for word in re.findall(r"[A-Za-z]+", text.replace(day_match.group(0), " ")):
        if word.lower() in _ZONES:
            zone = _ZONES[word.lower()]
            break
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))


def _read_dateline(block: Block, path: str) -> tuple[Dateline, date | None]:
    """The dateline that opens the body's first paragraph, and its date (Business Wire's has none)."""
    assert isinstance(block, Paragraph)
    found = _match_dateline(_one_line(block.text))
    assert found is not None, "the body opens with the line _split_head found the dateline on"
    match, wire = found
    city, region = _place(match.group("place"))
    day = _make_date(match, path, block.line) if match.groupdict().get("date") else None
    return Dateline(match.group(0).strip(), city, region, wire), day


def _lead(body: tuple[Block, ...], dateline: Dateline | None) -> str:
    """The first words of the news: the dateline paragraph after the dateline (or the next one)."""
    texts = [block.text for block in body if isinstance(block, Paragraph)]
    if dateline and texts:
        texts[0] = texts[0][len(dateline.text) :].strip()
    return next((text for text in texts if text), "")


# The word a wire's dateline prints (any case): a line without it is not tried against that
# wire's patterns, which spares most lines of the head most of the patterns.
_WIRE_WORDS = {"GlobeNewswire": "NEWSWIRE", "PR Newswire": "NEWSWIRE", "Business Wire": "WIRE", "ACCESSWIRE": "ACCESSWIRE"}


def _match_dateline(text: str) -> tuple[re.Match[str], str | None] | None:
    upper = text.upper()
    for pattern, wire in DATELINES:
        if wire is not None and _WIRE_WORDS[wire] not in upper:
            continue
        match = pattern.match(text)
        if match and len(match.group("place")) <= PLACE_MAX and match.group("place").count(",") <= PLACE_MAX_COMMAS:
            return match, wire
    return None


def _place(place: str) -> tuple[str, str | None]:
    parts = [part.strip() for part in place.replace("\u00a0", " ").strip(" ,").split(",")]
    parts = [part for part in parts if part]
    return parts[0], ", ".join(parts[1:]) or None


def tickers_in(text: str) -> list[str]:
    """Every ``(EXCHANGE: SYMBOL)`` notation, stored as ``EXCHANGE:SYMBOL`` with the exchange as printed."""
    found: list[str] = []
    for group in TICKER_GROUP_RE.finditer(text):
        for part in group.group(1).split(","):
            match = TICKER_RE.match(part.replace("\u00a0", " "))
            if match and " ".join(match.group("exchange").lower().split()) in EXCHANGES:
                ticker = f"{' '.join(match.group('exchange').split())}:{match.group('symbol')}"
                if ticker not in found:
                    found.append(ticker)
    return found


def emails_in(text: str) -> list[str]:
    """Every e-mail address, searched for only on the lines with an ``@`` (a whole-text search
    tries an address at every letter)."""
    if "@" not in text:
        return []
    return EMAIL_RE.findall("\n".join(line for line in text.split("\n") if "@" in line))


def patents_in(text: str) -> list[str]:
    found: list[str] = []
    if "atent" not in text:  # neither "patent" nor "Patent": skip the slower search
        return found
    for match in PATENT_RE.finditer(text):
        for number in PATENT_NUMBER_RE.findall(match.group(0)):
            if number not in found:
                found.append(number)
    return found


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _contact(lines: list[str]) -> Contact:
    """Name, organisation, phone and e-mail from a contact's lines, kept one per line as printed.

    The organisation is the line with a company form (``Inc.``, ``Partners``); the name the
    first other line that is not a group label (``Media``) or a number.
    """
    name = organization = phone = email = None
    for text in lines:
        email_match = EMAIL_RE.search(text)
        phone_match = PHONE_RE.search(text)
        if email_match or phone_match:
            email = email or (email_match.group(0) if email_match else None)
            phone = phone or (phone_match.group(0) if phone_match else None)
        elif ORGANIZATION_RE.search(text):
            organization = organization or text
        elif name is None and not ROLE_RE.match(text):
            name = text
    return Contact(tuple(lines), name, organization, phone, email)


# --------------------------------------------------------------------------- release


def parse_file(path: Path, display: str | None = None) -> Release:
    """Read and parse one release file; ``display`` is the path shown in messages."""
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReleaseError(shown, None, f"cannot read the file: {exc.strerror}") from None
    return parse_release(data, shown)


def parse_release(data: bytes | str, path: str = "<release>") -> Release:
    """Parse the wire text of one release; raise ``ReleaseError`` with file and line when it can't be."""
    text, findings = decode(data, path) if isinstance(data, bytes) else clean_text(data, path)
    chunks = _chunks(text)
    if not chunks:
        raise ReleaseError(path, None, "the file is empty: a release needs a headline, a date and a body")
    head_chunks, body_chunks, has_dateline = _split_head(chunks)
    body_line = body_chunks[0].line if body_chunks else chunks[0].line
    head = _read_head(head_chunks, path, body_line)
    blocks = _rejoin_page_breaks(_blocks(body_chunks, dateline=has_dateline))
    if not blocks:
        raise ReleaseError(path, head.headline.line, "no body: the release has a headline but no text after it")

    dateline, day = _read_dateline(blocks[0], path) if has_dateline else (None, None)
    day = day or head.top_date or (head.embargo.date() if head.embargo else None)
    if day is None and dateline:
        raise ReleaseError(path, body_line, f"no date: the dateline {dateline.text!r} has none and no date line stands above the headline")
    if day is None:
        raise ReleaseError(
            path,
            head.headline.line,
            "no date: expected a dateline such as 'MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) --' or a date line above the headline",
        )
    if head.top_date and head.top_date != day:
        message = f"the top date {display_date(head.top_date)} disagrees with the dateline's {display_date(day)}"
        findings.append(Finding(path, head.top_date_line, "warning", message))

    tail, source = _parts(blocks, has_dateline)
    release = Release(
        path=path,
        headline=head.headline.text,
        date=day,
        dateline=dateline,
        lead="",
        parts=(*head.contacts, *tail),
        subheadlines=tuple(head.subheadlines),
        summary=tuple(head.summary),
        headers=tuple(head.headers),
        top_date=head.top_date,
        embargo=head.embargo,
        correction=bool(CORRECTION_RE.match(head.headline.text)),
        source=source,
        emails=_unique(emails_in(text)),
        findings=tuple(findings),
    )
    news = release.news_text
    return replace(
        release,
        lead=_lead(release.body, dateline),
        tickers=tuple(tickers_in(news)),
        patents=tuple(patents_in(news)),
        phones=_unique([c.phone for c in release.contacts if c.phone]),
    )
