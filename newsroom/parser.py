"""Wire text → ``Release``.

Reads the plain text a newswire, an SEC exhibit or a republisher hands an IR team and splits
it into the parts of a release without changing a word. Pure functions: no MkDocs import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .model import (
    Block,
    BulletList,
    Contact,
    Dateline,
    Finding,
    Paragraph,
    Preformatted,
    Release,
    ReleaseError,
    Section,
    XML_FORBIDDEN,
)

# --------------------------------------------------------------------------- patterns

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE = rf"(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
DATE_RE = re.compile(DATE, re.IGNORECASE)
ISO_DATE_RE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
DASH = r"(?:--|—|–)"
_TIME = r"\d{1,2}(?::\d{2})?\s*(?:[AaPp]\.?\s?[Mm]\.?)?"
# A header line that is only a date, optionally with a time and zone.
TOP_DATE_RE = re.compile(
    rf"^\s*(?:{DATE}|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))(?:\s+{_TIME}(?:\s+[A-Za-z][A-Za-z .]*)?)?\s*$",
    re.IGNORECASE,
)
EMBARGO_RE = re.compile(r"^\s*EMBARGOED\s+(?:UNTIL|TILL|FOR)\b", re.IGNORECASE)
HEADER_RE = re.compile(
    r"^\s*(?:FOR\s+IMMEDIATE\s+RELEASE\b.*|Exhibit\s+\d+(?:\.\d+)?\s*|NEWS\s+RELEASE\s*|PRESS\s+RELEASE\s*)$",
    re.IGNORECASE,
)
CORRECTION_RE = re.compile(r"^\s*CORRECT(?:ING|ED|ION)\b", re.IGNORECASE)
REPUBLISHER = rf"(?:/[^/\n]{{2,40}}/\s*{DASH}\s*)?"
PLACE = r"(?P<place>[A-Z][^\n()]{1,60}?)"

# Datelines, most specific first. Each names the wire it belongs to.
DATELINES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s+{DATE}\s*\((?:GLOBE\s*NEWSWIRE)\)\s*{REPUBLISHER}{DASH}?\s*", re.I), "GlobeNewswire"),
    (re.compile(rf"^{REPUBLISHER}{PLACE}\s*{DASH}\s*\(\s*BUSINESS\s+WIRE\s*\)\s*{DASH}\s*", re.I), "Business Wire"),
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s+{DATE}\s*/\s*PR\s*Newswire(?:-[A-Za-z]+)?\s*/\s*{DASH}?\s*", re.I), "PR Newswire"),
    (re.compile(rf"^{REPUBLISHER}{PLACE}\s*/\s*ACCESSWIRE\s*/\s*{DATE}\s*/\s*", re.I), "ACCESSWIRE"),
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s*\(\s*{DATE}\s*\)\s*{DASH}?\s*", re.I), None),
    (re.compile(rf"^{REPUBLISHER}{PLACE},\s+{DATE}\s*(?:{DASH}|-|/)\s*"), None),
)
TICKER_GROUP_RE = re.compile(r"\(([^()]{2,80})\)")
TICKER_RE = re.compile(r"^\s*(?P<exchange>[A-Za-z][A-Za-z .\-]{0,30}?)\s*:\s*(?P<symbol>[A-Z0-9][A-Z0-9.\-]{0,9})\s*$")
EXCHANGES = {
    "nasdaq", "nasdaqgs", "nasdaqgm", "nasdaqcm", "nasdaq capital market", "nasdaq global market",
    "nasdaq global select market", "nyse", "nyse american", "nyse mkt", "nyse arca", "amex",
    "otc", "otcqb", "otcqx", "otc pink", "otcpink", "otcbb", "tsx", "tsxv", "tsx-v", "tsx venture",
    "cse", "asx", "lse", "aim", "frankfurt", "fse", "fwb", "xetra", "six", "euronext", "nasdaq stockholm",
    "nasdaq copenhagen", "nasdaq helsinki", "oslo", "hkex", "sgx", "jse", "tase", "nzx", "bse", "nse",
}
PATENT_RE = re.compile(
    r"\b[Pp]atents?\s+(?:[Nn]umbers?|[Nn]os?\.|#)?\s*(?P<first>(?:US\s?)?\d{1,2},\d{3},\d{3}|RE\d{2},\d{3})"
    r"(?P<rest>(?:\s*(?:,|and|&)\s*(?:US\s?)?\d{1,2},\d{3},\d{3})*)"
)
PATENT_NUMBER_RE = re.compile(r"\d{1,2},\d{3},\d{3}|RE\d{2},\d{3}")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
PHONE_RE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.\-])\d{3,4}[\s.\-]\d{3,4}(?![\w])")
BULLET_RE = re.compile(r"^\s*\|?\s*(?P<marker>[•·▪●◦\-*–])\s+(?P<text>\S.*)$")
CONTACT_RE = re.compile(
    r"^\s*(?:(?:Media|Investors?|Investor\s+Relations|Press|Company|IR)\s+(?:and\s+\w+\s+)?)?Contacts?\s*(?:Information)?\s*:(?P<rest>.*)$",
    re.IGNORECASE,
)
ABOUT_RE = re.compile(r"^About\s+\S")
SAFE_HARBOR_HEADING_RE = re.compile(
    r"^(?:Cautionary\s+(?:Note|Statement).*|(?:Safe\s+Harbor|Forward[\s\-]+Looking)\s+Statements?.*|"
    r"Note\s+Regarding\s+Forward[\s\-]+Looking\s+Statements?.*)$",
    re.IGNORECASE,
)
SAFE_HARBOR_OPENING_RE = re.compile(
    r"^(?:This|The|Certain|Statements|Any|Except|All|Safe\s+Harbor|Forward)\b[^.]{0,160}?forward[\s\-]+looking\s+statements?",
    re.IGNORECASE,
)
SOURCE_RE = re.compile(r"^\s*(?:Source:\s*(?P<a>.+)|SOURCE\s+(?P<b>\S.*))$")
TRAILER_RE = re.compile(
    r"^\s*(?:View\s+source\s+version\s+on\s+businesswire\.com|Cision\s+View\s+original\s+content|"
    r"View\s+original\s+content|KEYWORDS?:|INDUSTRY\s+KEYWORDS?:|SOURCE:|PHOTO:|Copyright\b)",
    re.IGNORECASE,
)
END_MARK_RE = re.compile(r"^\s*(?:###|#\s#\s#|-\s?30\s?-)\s*$")
# What decoding drops: the characters XML forbids, except the form feed, which is a page break.
FORBIDDEN_RE = re.compile(f"(?!\f){XML_FORBIDDEN.pattern}")
TERMINAL = tuple('.!?:;"\'”’)]»…')
WRAP_WIDTH = 100

# --------------------------------------------------------------------------- decoding


def decode(data: bytes, path: str) -> tuple[str, list[Finding]]:
    """Bytes as received → text: UTF-8 (BOM or not), else Windows-1252; binary is refused."""
    if not data.strip():
        raise ReleaseError(path, None, "the file is empty: a release needs a headline, a date and a body")
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(sample) // 100):
        raise ReleaseError(path, None, "the file is binary, not the plain text of a release")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ReleaseError(
                path, line, f"unreadable bytes: neither UTF-8 nor Windows-1252 (byte 0x{data[exc.start]:02x})"
            ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    findings: list[Finding] = []
    for number, line_text in enumerate(text.split("\n"), start=1):
        bad = FORBIDDEN_RE.findall(line_text)
        if bad:
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in bad}))
            findings.append(Finding(path, number, "warning", f"dropped {len(bad)} control character(s) ({names})"))
    return FORBIDDEN_RE.sub("", text), findings


# --------------------------------------------------------------------------- paragraphs


@dataclass
class _Chunk:
    """Lines of text between blank lines, with the line number of the first."""

    lines: list[str]
    line: int


def _chunks(text: str) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        pieces = raw.split("\f")
        for index, piece in enumerate(pieces):
            line = piece.rstrip()
            if index > 0 or not line.strip():
                if current:
                    chunks.append(_Chunk(current, start))
                    current = []
                if not line.strip():
                    continue
            if not current:
                start = number
            current.append(line)
    if current:
        chunks.append(_Chunk(current, start))
    return chunks


def _is_table(lines: list[str]) -> bool:
    """Column-aligned rows: several lines with runs of spaces between columns."""
    if len(lines) < 2:
        return False
    columned = sum(1 for line in lines if re.search(r"\S(?: {2,}|\t)\S", line.strip()))
    return columned >= max(2, (len(lines) + 1) // 2)


def _strip(line: str) -> str:
    return line.strip(" \t")


def _split_chunk(chunk: _Chunk) -> list[Block]:
    """One chunk → blocks: a table, a list, hard-wrapped text joined, or one paragraph per line."""
    lines = chunk.lines
    if _is_table(lines) and not any(BULLET_RE.match(line) for line in lines):
        return [Preformatted("\n".join(lines), chunk.line)]
    blocks: list[Block] = []
    wrapped = max(len(line) for line in lines) <= WRAP_WIDTH
    pending: list[str] = []
    pending_line = chunk.line
    items: list[str] = []
    items_line = chunk.line
    marker = "•"

    def flush_paragraph() -> None:
        nonlocal pending
        if pending:
            blocks.append(Paragraph("\n".join(_strip(p) for p in pending), pending_line))
            pending = []

    def flush_list() -> None:
        nonlocal items
        if items:
            blocks.append(BulletList(tuple(items), items_line, marker))
            items = []

    for offset, line in enumerate(lines):
        number = chunk.line + offset
        bullet = BULLET_RE.match(line)
        if bullet and not (bullet.group("marker") in "-–" and not items and offset == 0 and len(lines) == 1 and len(line) > WRAP_WIDTH):
            flush_paragraph()
            if not items:
                items_line = number
                marker = bullet.group("marker")
            items.append(_strip(bullet.group("text")))
            continue
        if items and wrapped and line[:1] in " \t":
            items[-1] = f"{items[-1]} {_strip(line)}"
            continue
        flush_list()
        starts_section = bool(ABOUT_RE.match(_strip(line)) or CONTACT_RE.match(line) or SAFE_HARBOR_HEADING_RE.match(_strip(line)))
        if not wrapped or starts_section or (pending and _is_heading(pending[-1])):
            flush_paragraph()
        if not pending:
            pending_line = number
        pending.append(line)
        if not wrapped or (starts_section and len(_strip(line)) <= WRAP_WIDTH and not CONTACT_RE.match(line)):
            flush_paragraph()
    flush_paragraph()
    flush_list()
    return blocks


def _is_heading(text: str) -> bool:
    text = _strip(text)
    return bool(ABOUT_RE.match(text) or SAFE_HARBOR_HEADING_RE.match(text)) and len(text) <= WRAP_WIDTH


def _flat(block: Block) -> Block:
    """A hard-wrapped paragraph as one line of text; other blocks keep their lines."""
    if isinstance(block, Paragraph) and "\n" in block.text:
        return Paragraph(" ".join(block.text.split("\n")), block.line)
    return block


def _longest_line(text: str) -> int:
    return max(len(line) for line in text.split("\n"))


def _rejoin_page_breaks(blocks: list[Block]) -> list[Block]:
    """Join a paragraph a page break split: a long paragraph that stops mid-sentence continues in the next."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            isinstance(block, Paragraph)
            and isinstance(previous, Paragraph)
            and len(previous.text) >= 120
            and not previous.text.endswith(TERMINAL)
            and not _is_heading(block.text)
            and not CONTACT_RE.match(block.text)
            and not SOURCE_RE.match(block.text)
            and not END_MARK_RE.match(block.text)
            and block.text[:1].isalnum()
        ):
            joined[-1] = Paragraph(f"{previous.text} {block.text}", previous.line)
        else:
            joined.append(block)
    return joined


# --------------------------------------------------------------------------- fields


def _make_date(match: re.Match[str], path: str, line: int) -> date:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text[:3].lower()]
    try:
        return date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        raise ReleaseError(path, line, f"impossible date {match.group(0)!r}") from None


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
    from zoneinfo import ZoneInfo

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


def _match_dateline(text: str) -> tuple[re.Match[str], str | None] | None:
    for pattern, wire in DATELINES:
        match = pattern.match(text)
        if match and len(match.group("place")) <= 60 and match.group("place").count(",") <= 3:
            return match, wire
    return None


def _place(place: str) -> tuple[str, str | None]:
    parts = [part.strip() for part in place.replace("\u00a0", " ").strip(" ,").split(",")]
    parts = [part for part in parts if part]
    city = parts[0]
    region = ", ".join(parts[1:]) or None
    return city, region


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


def patents_in(text: str) -> list[str]:
    found: list[str] = []
    for match in PATENT_RE.finditer(text):
        for number in PATENT_NUMBER_RE.findall(match.group(0)):
            if number not in found:
                found.append(number)
    return found


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _contact(lines: list[str]) -> Contact:
    """Name, organisation, phone and e-mail from a contact block, one per line as printed."""
    name = organization = phone = email = None
    for line in lines:
        text = _strip(line)
        email_match = EMAIL_RE.search(text)
        phone_match = PHONE_RE.search(text)
        if email_match and email is None:
            email = email_match.group(0)
        elif phone_match and phone is None:
            phone = phone_match.group(0)
        elif not email_match and not phone_match:
            if name is None:
                name = text
            elif organization is None:
                organization = text
    return Contact(tuple(_strip(line) for line in lines), name, organization, phone, email)


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
    if isinstance(data, bytes):
        source_text, findings = decode(data, path)
    else:
        source_text, findings = decode(data.encode("utf-8"), path)
    blocks: list[Block] = []
    for chunk in _chunks(source_text):
        blocks.extend(_split_chunk(chunk))
    blocks = _rejoin_page_breaks(blocks)
    if not blocks:
        raise ReleaseError(path, None, "the file is empty: a release needs a headline, a date and a body")

    # The dateline opens the body; what comes before it is the header.
    dateline_at = None
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph) and _match_dateline(block.text):
            dateline_at = index
            break

    headers: list[str] = []
    head_blocks: list[Block] = []
    top_date: date | None = None
    top_date_line = 0
    embargo: datetime | None = None
    pre_contacts: list[Contact] = []
    contact_heading: str | None = None
    head_end = dateline_at if dateline_at is not None else len(blocks)
    index = 0
    while index < head_end:
        block = blocks[index]
        index += 1
        if isinstance(block, Paragraph):
            first = block.text
            if EMBARGO_RE.match(first):
                embargo = parse_embargo(first, path, block.line)
                headers.append(first)
                continue
            if HEADER_RE.match(first):
                headers.append(first)
                continue
            found = _top_date(first, path, block.line)
            if found and not head_blocks:
                top_date, top_date_line = found, block.line
                headers.append(first)
                continue
            contact = CONTACT_RE.match(first)
            if contact and head_blocks:
                contact_heading = first
                lines = [contact.group("rest")] if contact.group("rest").strip() else []
                while index < head_end and isinstance(blocks[index], Paragraph) and not _match_dateline(blocks[index].text):
                    following = blocks[index]
                    assert isinstance(following, Paragraph)
                    if len(following.text) > WRAP_WIDTH:
                        break
                    lines.append(following.text)
                    index += 1
                pre_contacts.append(_contact(lines))
                continue
        head_blocks.append(block)
    # When a chunk held header and headline together, one per line, the split already happened.
    if not head_blocks or not isinstance(head_blocks[0], Paragraph):
        line = blocks[dateline_at].line if dateline_at is not None else blocks[0].line
        raise ReleaseError(path, line, "no headline: expected the headline above the dateline")
    headline_block = head_blocks[0]
    assert isinstance(headline_block, Paragraph)
    headline = " ".join(headline_block.text.split())
    subheadlines: list[str] = []
    summary: list[str] = []
    for block in head_blocks[1:]:
        if isinstance(block, BulletList):
            summary.extend(block.items)
        else:
            subheadlines.append(_flat(block).text)

    # Dateline and date.
    dateline: Dateline | None = None
    day: date | None = None
    body_blocks = blocks[dateline_at:] if dateline_at is not None else []
    if dateline_at is not None:
        first = blocks[dateline_at]
        assert isinstance(first, Paragraph)
        match, wire = _match_dateline(first.text)  # type: ignore[misc]
        city, region = _place(match.group("place"))
        dateline = Dateline(match.group(0).strip(), city, region, wire)
        if match.groupdict().get("month"):
            day = _make_date(match, path, first.line)
    if day is None:
        day = top_date
    if day is None and embargo is not None:
        day = embargo.date()
    if day is None:
        line = blocks[dateline_at].line if dateline_at is not None else headline_block.line
        raise ReleaseError(path, line, "no date: expected a dateline such as 'MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) --' or a date line above the headline")
    if top_date and top_date != day:
        findings.append(
            Finding(path, top_date_line, "warning", f"the top date {top_date:%B %-d, %Y} disagrees with the dateline's {day:%B %-d, %Y}")
        )
    if dateline is None and not body_blocks:
        # No dateline: the body is what follows the header.
        body_blocks = head_blocks[1 + len(subheadlines) + (1 if summary else 0):]
        subheadlines = []
    if not body_blocks:
        raise ReleaseError(path, headline_block.line, "no body: the release has a headline but no text after it")

    # Split the body from the boilerplate: About sections, safe harbour, contacts, trailers.
    body: list[Block] = []
    abouts: list[Section] = []
    safe_harbor: Section | None = None
    contacts = list(pre_contacts)
    trailers: list[str] = []
    source: str | None = None
    current: list[Block] | None = body
    about_heading: tuple[str, int] | None = None
    harbor_heading: tuple[str | None, int] | None = None
    contact_lines: list[str] | None = None

    def close_section() -> None:
        nonlocal about_heading, harbor_heading, safe_harbor, current
        if about_heading is not None and current is not None:
            abouts.append(Section(about_heading[0], tuple(current), about_heading[1]))
            about_heading = None
        if harbor_heading is not None and current is not None:
            blocks_so_far = tuple(safe_harbor.blocks if safe_harbor else ()) + tuple(current)
            safe_harbor = Section(harbor_heading[0], blocks_so_far, harbor_heading[1])
            harbor_heading = None
        current = None

    def close_contact() -> None:
        nonlocal contact_lines
        if contact_lines:
            contacts.append(_contact(contact_lines))
        contact_lines = None

    for block in body_blocks:
        text = block.text if isinstance(block, (Paragraph, Preformatted)) else ""
        first_line = _strip(text.split("\n", 1)[0]) if text else ""
        if isinstance(block, Paragraph) and END_MARK_RE.match(text):
            close_contact()
            close_section()
            trailers.append(_strip(text))
            continue
        source_match = SOURCE_RE.match(text) if isinstance(block, Paragraph) else None
        if source_match and len(text) <= 200:
            close_contact()
            close_section()
            source = (source_match.group("a") or source_match.group("b")).strip()
            trailers.append(text)
            continue
        if isinstance(block, Paragraph) and TRAILER_RE.match(text):
            close_contact()
            close_section()
            trailers.append(text)
            continue
        contact_match = CONTACT_RE.match(text) if isinstance(block, Paragraph) else None
        if contact_match and len(first_line) <= WRAP_WIDTH:
            close_contact()
            close_section()
            contact_heading = contact_heading or text
            contact_lines = []
            rest = contact_match.group("rest").strip()
            if rest:
                contact_lines.append(rest)
            continue
        if contact_lines is not None and isinstance(block, Paragraph) and _longest_line(text) <= WRAP_WIDTH:
            # A blank line inside the contact block separates two contacts.
            if contact_lines:
                contacts.append(_contact(contact_lines))
            contact_lines = text.split("\n")
            continue
        if contact_lines is not None and isinstance(block, Preformatted):
            if contact_lines:
                contacts.append(_contact(contact_lines))
            contact_lines = block.text.split("\n")
            continue
        close_contact()
        if isinstance(block, Paragraph) and ABOUT_RE.match(text) and len(text) <= WRAP_WIDTH and body:
            close_section()
            about_heading = (text, block.line)
            current = []
            continue
        if isinstance(block, Paragraph) and body and harbor_heading is None and (
            (SAFE_HARBOR_HEADING_RE.match(text) and len(text) <= WRAP_WIDTH) or SAFE_HARBOR_OPENING_RE.match(text)
        ):
            close_section()
            is_heading = len(text) <= WRAP_WIDTH and bool(SAFE_HARBOR_HEADING_RE.match(text))
            harbor_heading = (text if is_heading else None, block.line)
            current = [] if is_heading else [_flat(block)]
            continue
        if current is None:
            # Text after a contact block or trailer that belongs to nothing else stays in the body's tail.
            trailers.append(_flat(block).text if not isinstance(block, BulletList) else "\n".join(block.items))
            continue
        current.append(_flat(block))
    close_contact()
    close_section()

    first_paragraph = body[0] if body else None
    lead = ""
    if isinstance(first_paragraph, Paragraph):
        lead = first_paragraph.text[len(dateline.text):].strip() if dateline else first_paragraph.text
    everything = "\n".join(
        [headline, *subheadlines, *(b.text if not isinstance(b, BulletList) else " ".join(b.items) for b in body)]
    )
    return Release(
        path=path,
        headline=headline,
        date=day,
        dateline=dateline,
        lead=lead,
        body=tuple(body),
        subheadlines=tuple(subheadlines),
        summary=tuple(summary),
        headers=tuple(headers),
        top_date=top_date,
        embargo=embargo,
        correction=bool(CORRECTION_RE.match(headline)),
        abouts=tuple(abouts),
        safe_harbor=safe_harbor,
        contact_heading=contact_heading,
        contacts=tuple(contacts),
        trailers=tuple(trailers),
        source=source,
        tickers=tuple(tickers_in(everything)),
        patents=tuple(patents_in(everything)),
        emails=_unique(EMAIL_RE.findall(source_text)),
        phones=_unique([c.phone for c in contacts if c.phone]),
        findings=tuple(findings),
    )
