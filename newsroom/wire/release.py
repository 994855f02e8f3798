"""Wire text → ``Release``: the steps of the other modules, in order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..model import Finding, Release, ReleaseError, display_date
from .blocks import blocks_of, chunks_of, rejoin_page_breaks
from .dateline import read_dateline
from .fields import emails_in, patents_in, tickers_in, unique
from .head import CORRECTION_RE, read_head, split_head
from .sections import lead, parts_of
from .text import clean_text, decode


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
    chunks = chunks_of(text)
    if not chunks:
        raise ReleaseError(path, None, "the file is empty: a release needs a headline, a date and a body")
    head_chunks, body_chunks, has_dateline = split_head(chunks)
    body_line = body_chunks[0].line if body_chunks else chunks[0].line
    head = read_head(head_chunks, path, body_line)
    blocks = rejoin_page_breaks(blocks_of(body_chunks, dateline=has_dateline))
    if not blocks:
        raise ReleaseError(path, head.headline.line, "no body: the release has a headline but no text after it")

    dateline, day = read_dateline(blocks[0], path) if has_dateline else (None, None)
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

    tail, source = parts_of(blocks, has_dateline)
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
