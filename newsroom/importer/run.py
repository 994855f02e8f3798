"""One import: a page becomes one release file, a feed each new item's page; what happened is reported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path

from lxml import etree, html

from .feed import is_feed, items_of
from .fetch import TIMEOUT, fetch, is_url
from .page import Fetched, ImportFailure
from .wires import extract, page_address
from .writer import compose, read_index, record, write_new


@dataclass
class Report:
    """Files written, items left alone (already imported, dated in the future) and failures."""

    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _document(fetched: Fetched) -> html.HtmlElement:
    try:
        if fetched.charset:
            return html.document_fromstring(fetched.data, parser=html.HTMLParser(encoding=fetched.charset))
        return html.document_fromstring(fetched.data)
    except (etree.ParserError, ValueError, LookupError) as exc:
        raise ImportFailure(f"{fetched.location}: not a readable HTML page ({exc})") from None


def _import_page(fetched: Fetched, key: str, folder: Path, zone: tzinfo, now: datetime, given: date | None, seen: dict[str, str], report: Report, future_ok: bool) -> None:
    document = _document(fetched)
    extracted = extract(document, fetched.location, zone)
    address = key or page_address(document) or fetched.location
    if address in seen:
        report.skipped.append(f"{address}: already imported as {seen[address]}")
        return
    composed = compose(extracted, key or fetched.location, zone, given)
    if not future_ok and composed.release.date > now.astimezone(zone).date():
        report.skipped.append(f"{address}: dated {composed.release.date}, in the future; not imported yet")
        return
    written = write_new(folder, composed)
    record(folder, address.replace("\t", "%09").replace("\n", "%0A"), written)
    seen[address] = written.name
    report.written.append(written)


def import_source(
    source: str, folder: Path, zone: tzinfo, now: datetime, given: date | None = None,
    timeout: float = TIMEOUT, progress: Callable[[str], None] = lambda message: None,
) -> Report:
    """Import ``source`` (a page or feed, a path or an http(s) URL) into the releases ``folder``.

    A page is always imported (refused when its file or address exists); a feed's items are
    imported in feed order, each address once, none dated after ``now``; one failing item does
    not stop the others.
    """
    report = Report()
    seen = read_index(folder)
    fetched = fetch(source, timeout)
    if not is_feed(fetched):
        _import_page(fetched, source if is_url(source) else "", folder, zone, now, given, seen, report, future_ok=True)
        return report
    for item in items_of(fetched):
        if item.url in seen:
            continue
        if item.published and item.published > now:
            report.skipped.append(f"{item.url}: published {item.published.isoformat()}, in the future; not imported yet")
            continue
        progress(f"fetching {item.url}")
        try:
            _import_page(fetch(item.url, timeout), item.url, folder, zone, now, None, seen, report, future_ok=False)
        except ImportFailure as exc:
            report.failed.append(str(exc))
    return report
