"""Wire text → ``Release``: the steps of the other modules, in order."""

from __future__ import annotations

from dataclasses import replace
from datetime import tzinfo
from pathlib import Path

from ..model import Block, Dateline, Finding, Paragraph, Release, ReleaseError, display_date
from .blocks import Layout, blocks_of, chunks_of, rejoin_page_breaks
from .dateline import DatelineMatch, match_dateline
from .dates import days_apart, file_date, file_date_text
from .embargo import DEFAULT_ZONE, embargo_of, embargoes_in
from .fields import emails_in, patents_in, tickers_in, unique
from .head import CORRECTION_RE, read_head, split_head
from .sections import lead, parts_of
from .text import clean_text, decode


def parse_file(path: Path, display: str | None = None, zone: tzinfo = DEFAULT_ZONE) -> Release:
    """Read and parse one release file; ``display`` is the path shown in messages."""
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReleaseError(shown, None, f"cannot read the file: {exc.strerror}") from None
    return parse_release(data, shown, zone)


def parse_release(data: bytes | str, path: str = "<release>", zone: tzinfo = DEFAULT_ZONE) -> Release:
    """Parse the wire text of one release; raise ``ReleaseError`` with file and line when it can't be.

    ``path`` is the file's path as shown in messages; a ``YYYY-MM-DD`` at the start of its name
    dates a release whose text names no date; ``zone`` is the zone of an embargo time printed
    without one (the plugin's ``timezone``).
    """
    text, findings = decode(data, path) if isinstance(data, bytes) else clean_text(data, path)
    # Every embargo line, wherever it stands: one that cannot be read stops the release here.
    embargoes = embargoes_in(text, path, zone)
    chunks = chunks_of(text)
    if not chunks:
        raise ReleaseError(path, None, "the file is empty: a release needs a headline, a date and a body")
    layout = Layout.of(chunks)
    split = split_head(chunks, layout)
    body_line = split.body[0].line if split.body else chunks[0].line
    head = read_head(split.head, path, body_line, layout)
    blocks = rejoin_page_breaks(blocks_of(split.body, layout, dateline=split.dateline is not None))
    if not blocks:
        raise ReleaseError(path, head.headline.line, "no body: the release has a headline but no text after it")

    found = _with_second_dateline(split.dateline, blocks)
    named = file_date(path)
    printed = found.date if found else None
    dated = printed.resolve(path, body_line, near=named or head.top_date) if printed else None
    stated = dated or head.top_date or next((e.stated_date for e in embargoes if e.stated_date), None)
    day = stated or named
    if day is None:
        written = file_date_text(path)
        name = f"the file name's {written} is no real date" if written else "the file name does not start with one"
        raise ReleaseError(
            path,
            head.headline.line,
            "no date: the text names none (no dateline such as 'MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) --' "
            f"and no date line above the headline), and {name}: name it YYYY-MM-DD-….txt",
        )
    if stated is None:
        findings.append(Finding(path, head.headline.line, "note", f"no date in the text: dated {day.isoformat()} from the file name"))
    elif named and days_apart(stated, named) > 1:
        line = body_line if dated else head.top_date_line or head.headline.line
        message = f"the text's date {display_date(stated)} disagrees with the file name's {named.isoformat()}: the text's date is used"
        findings.append(Finding(path, line, "warning", message))
    if head.top_date and dated and head.top_date != dated:
        message = f"the top date {display_date(head.top_date)} disagrees with the dateline's {display_date(dated)}"
        findings.append(Finding(path, head.top_date_line, "warning", message))

    # A notice without a date is on the latest day the text states: a top date may be later than
    # the dateline's (never early).
    embargo, disagreements = embargo_of(embargoes, day, path, max(day, head.top_date or day))
    findings.extend(disagreements)

    dateline = Dateline(found.text, found.city, found.region, found.wire) if found else None
    tail, source = parts_of(blocks, split.dateline is not None)
    release = Release(
        path=path,
        headline=head.headline.text,
        date=day,
        dateline=dateline,
        lead="",
        parts=(*head.contacts, *tail),
        deck=tuple(head.deck),
        headers=tuple(head.headers),
        top_date=head.top_date,
        embargo=embargo,
        correction=bool(CORRECTION_RE.match(head.headline.text)),
        source=source,
        emails=unique(emails_in(text)),
        findings=tuple(findings),
    )
    news = release.news_text
    return replace(
        release,
        lead=lead(release.body, dateline),
        tickers=tuple(tickers_in(news)),
        patents=tuple(patents_in(news)),
        phones=unique([c.phone for c in release.contacts if c.phone]),
    )


def _with_second_dateline(found: DatelineMatch | None, blocks: list[Block]) -> DatelineMatch | None:
    """A wire's line alone (``--News Direct--``) may stand above the full dateline: the place and
    date come from that one, the text stays the first (which opens the body)."""
    if found is None or found.city or found.date or len(blocks) < 2 or not isinstance(blocks[1], Paragraph):
        return found
    second = match_dateline(blocks[1].text.split("\n", 1)[0])
    if second is None or second.date is None:
        return found
    return DatelineMatch(found.text, second.city, second.region, found.wire or second.wire, second.date)
