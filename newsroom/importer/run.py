"""One import: a page becomes one release file, a feed each new item's page; what happened is reported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path

from lxml import etree, html

from .feed import is_feed, items_of
from .fetch import DEFAULT_CLIENT, Client, fetch, is_url
from .page import Fetched, ImportFailure
from .wires import extract, page_address
from .writer import compose, read_index, record, write_new


@dataclass
class Report:
    """Files written, items left alone (already imported, dated in the future) and failures."""

    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def document_of(fetched: Fetched) -> html.HtmlElement:
    """The page's HTML tree, decoded by the charset the server gave, else by the page's own."""
    try:
        if fetched.charset:
            return html.document_fromstring(fetched.data, parser=html.HTMLParser(encoding=fetched.charset))
        return html.document_fromstring(fetched.data)
    except (etree.ParserError, ValueError, LookupError) as exc:
        raise ImportFailure(f"{fetched.location}: not a readable HTML page ({exc})") from None


@dataclass
class _Import:
    """The releases folder an import writes to, what it knows is there, and what it did."""

    folder: Path
    zone: tzinfo
    now: datetime
    report: Report = field(default_factory=Report)
    seen: dict[str, str] = field(default_factory=dict)

    def page(self, fetched: Fetched, address: str, given: date | None, from_feed: bool) -> None:
        """Write the release on one page; ``address`` is its source address ("" for a saved page:
        its canonical link then, else its path)."""
        document = document_of(fetched)
        extracted = extract(document, fetched.location, self.zone)
        address = address or page_address(document) or fetched.location
        if address in self.seen:
            self.report.skipped.append(f"{address}: already imported as {self.seen[address]}")
            return
        composed = compose(extracted, fetched.location, self.zone, given)
        if from_feed and composed.release.date > self.now.astimezone(self.zone).date():
            self.report.skipped.append(f"{address}: dated {composed.release.date}, in the future; not imported yet")
            return
        written = write_new(self.folder, composed)
        record(self.folder, address, written)
        self.seen[address] = written.name
        self.report.written.append(written)


def import_source(
    source: str,
    folder: Path,
    zone: tzinfo,
    now: datetime,
    given: date | None = None,
    client: Client = DEFAULT_CLIENT,
    progress: Callable[[str], None] = lambda message: None,
) -> Report:
    """Import ``source`` (a page or feed, a path or an http(s) URL) into the releases ``folder``.

    A page is imported whatever its date (the build holds a future one back); refused when its
    address was imported before or its file exists. A feed's items are imported in feed order,
    each address once, none dated after ``now``; one failing item does not stop the others.
    """
    run = _Import(folder, zone, now, seen=read_index(folder))
    fetched = fetch(source, client)
    if not is_feed(fetched):
        run.page(fetched, source if is_url(source) else "", given, from_feed=False)
        return run.report
    if given is not None:
        raise ImportFailure(f"{source}: a feed; --date is for one page whose text and metadata give no date")
    for item in items_of(fetched):
        if item.url in run.seen:
            continue
        if item.published and item.published > now:
            run.report.skipped.append(f"{item.url}: published {item.published.isoformat()}, in the future; not imported yet")
            continue
        progress(f"fetching {item.url}")
        try:
            run.page(fetch(item.url, client), item.url, None, from_feed=True)
        except ImportFailure as exc:
            run.report.failed.append(str(exc))
    return run.report
