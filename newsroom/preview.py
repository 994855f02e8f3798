"""What a rebuild of the preview (`mkdocs serve`) must redo after an edit. No MkDocs import.

Saving a release's text is the common edit: when that is all that changed, every page but that
release's reads as it did, and only its page, the feeds that carry it, the search index and
releases.json need writing again. ``text_edits`` tells when so; anything it cannot vouch for
(a headline, date, tag or product changed, a file added or removed, a data file or the
configuration edited, the clock passing an embargo, a fact's day or the news sitemap's window)
asks for a whole build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from . import feeds
from .collection import RELEASE_SUFFIXES, RELEASES_DIR
from .crawlers import NEWS_WINDOW
from .plan import Plan

# A file as last seen: its modification time (ns) and size.
Stamp = tuple[int, int]


def snapshot(roots: Iterable[str | Path]) -> dict[str, Stamp]:
    """Every file under ``roots`` (each a folder or a file; a missing one has none), by path."""
    stamps: dict[str, Stamp] = {}

    def visit(path: str) -> None:
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=True):
                        visit(entry.path)
                    else:
                        seen = entry.stat(follow_symlinks=True)
                        stamps[entry.path] = (seen.st_mtime_ns, seen.st_size)
        except NotADirectoryError:
            seen = os.stat(path)
            stamps[path] = (seen.st_mtime_ns, seen.st_size)
        except FileNotFoundError:
            pass

    for root in roots:
        visit(os.path.abspath(root))
    return stamps


def changed(before: dict[str, Stamp], after: dict[str, Stamp]) -> set[str]:
    """The files added, removed or written between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def only_release_texts(paths: Iterable[str], docs_dir: str | Path, before: dict[str, Stamp], after: dict[str, Stamp]) -> bool:
    """Whether every changed path is a release file under the releases folder that was there
    before and still is (an added or removed release changes listings; a data file, everything)."""
    folder = os.path.join(os.path.abspath(docs_dir), RELEASES_DIR) + os.sep
    return all(
        path.startswith(folder) and Path(path).suffix.lower() in RELEASE_SUFFIXES and path in before and path in after
        for path in paths
    )


def turning_points(plan: Plan) -> Iterator[datetime]:
    """Every moment at which ``plan``'s site changes with time alone: a held release going
    public, a release leaving the news sitemap, a product's dated fact, stage or review
    becoming public."""
    yield from (when for when, _ in plan.held)
    yield from (when + NEWS_WINDOW for when in plan.published.values())
    for product in plan.catalogue.products:
        for day in product.updates():
            yield plan.facts.public_at(product.id, day)


def text_edits(old: Plan, new: Plan) -> frozenset[str] | None:
    """The page source URIs of the releases whose text alone differs from ``old`` to ``new``
    (with their earlier versions' pages when that text is a correction not yet committed), or
    None when anything else may differ (then the whole site is built again)."""
    if (
        old.sources.keys() != new.sources.keys()
        or (old.settings, old.catalogue, old.vocabulary) != (new.settings, new.catalogue, new.vocabulary)
        or old.published != new.published
        or [(when, s.src_uri, s.entry) for when, s in old.held] != [(when, s.src_uri, s.entry) for when, s in new.held]
        or old.versions != new.versions
        or old.histories.keys() != new.histories.keys()
        or any(old.moment < when <= new.moment for when in turning_points(new))
    ):
        return None
    touched = set()
    for uri, was in old.sources.items():
        now = new.sources[uri]
        if (was.src_uri, was.entry, was.meta, was.edited) != (now.src_uri, now.entry, now.meta, now.edited):
            return None
        if was.body != now.body:
            touched.add(uri)
    for slug, history in old.histories.items():
        other = new.histories[slug]
        if history == other:
            continue
        # A release's current version is its file as it stands: an edit changes that one alone.
        if f"{RELEASES_DIR}/{slug}.md" not in touched or history.earlier != other.earlier:
            return None
        if history.current.time != other.current.time:
            # An edit not yet committed is the correction it will be, dated now (newsroom.history):
            # the pages of the versions it replaces say when they were superseded.
            touched.update(uri for uri, page in new.versions.items() if page.slug == slug)
    return frozenset(touched)


def write_feeds(plan: Plan, edited: Iterable[str], site_dir: Path) -> None:
    """Write again every feed that carries one of the ``edited`` releases (page source URIs)
    whose text alone changed: every other feed reads as it was written, channel and items. With
    a WebSub hub, every feed, for the manifest that lists them all."""
    site, websub = plan.settings.site, plan.websub()
    urls = {site.absolute(plan.sources[uri].entry.url) for uri in edited if uri in plan.sources}
    chosen = [feed for feed in plan.feeds() if websub is not None or any(item.url in urls for item in feed.items)]
    feeds.write_all(chosen, site_dir, websub)
