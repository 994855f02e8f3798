"""newsroom.preview without MkDocs: which edits a preview may redo in part, and which call for a
whole build. Plans are made here from the test's own releases, so every expectation comes from
its inputs; tests/test_serve_equals_build.py checks the served site against a clean build."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from newsroom import preview
from newsroom.catalogue import Catalogue
from newsroom.collection import Source
from newsroom.crawlers import NEWS_WINDOW
from newsroom.history import History, Version
from newsroom.plan import Plan
from newsroom.tagging import Vocabulary

from .helpers import EIGHT, PLAN_SETTINGS, plan_of, source

# An hour after D's releases: the last fact of PRODUCT (dated D) has been public since 08:00.
LATER = EIGHT + timedelta(hours=1)


def plan(sources: list[Source], moment: datetime = LATER, histories: dict[str, History] | None = None) -> Plan:
    return plan_of(sources, moment, histories=histories)


def reworded(release: Source, body: str = "Body, reworded.") -> Source:
    return replace(release, body=body)


OLD = [source("first", day=date(2020, 5, 1), products=("clr-131",)), source("second", day=date(2020, 6, 1))]


def test_a_release_whose_text_alone_changed_is_the_only_one_redone() -> None:
    assert preview.text_edits(plan(OLD), plan([reworded(OLD[0]), OLD[1]])) == {"releases/first.md"}
    assert preview.text_edits(plan(OLD), plan([reworded(OLD[0]), reworded(OLD[1], "Other.")])) == {"releases/first.md", "releases/second.md"}
    # Nothing changed (a file saved as it was): nothing to redo, and no whole build either.
    assert preview.text_edits(plan(OLD), plan(OLD)) == frozenset()


def test_what_listings_feeds_or_other_pages_show_calls_for_a_whole_build() -> None:
    before = plan(OLD)
    for changed in (
        replace(OLD[0], entry=replace(OLD[0].entry, title="A new headline")),
        replace(OLD[0], entry=replace(OLD[0].entry, description="A new lead")),
        replace(OLD[0], entry=replace(OLD[0].entry, tags=("Patents",))),
        replace(OLD[0], entry=replace(OLD[0].entry, products=())),
        replace(OLD[0], meta={**OLD[0].meta, "wire": "GlobeNewswire"}),
    ):
        assert preview.text_edits(before, plan([changed, OLD[1]])) is None, changed
    # A release added or removed.
    assert preview.text_edits(before, plan([OLD[0]])) is None
    assert preview.text_edits(before, plan([*OLD, source("third")])) is None
    # Data files read differently.
    other = Plan(OLD, Catalogue(()), Vocabulary(()), PLAN_SETTINGS, LATER)
    assert preview.text_edits(before, other) is None


def test_the_clock_passing_an_embargo_a_fact_or_the_news_window_calls_for_a_whole_build() -> None:
    held = source("held", embargo=LATER + timedelta(minutes=30))
    assert preview.text_edits(plan([*OLD, held]), plan([reworded(OLD[0]), OLD[1], held], LATER + timedelta(minutes=29))) == {"releases/first.md"}
    # The held release goes public: the listings change even though no file did.
    assert preview.text_edits(plan([*OLD, held]), plan([*OLD, held], LATER + timedelta(minutes=31))) is None
    # PRODUCT's fact dated D shows from 08:00 on D: a preview across that moment is a whole build.
    assert preview.text_edits(plan(OLD, EIGHT - timedelta(minutes=1)), plan([reworded(OLD[0]), OLD[1]], EIGHT)) is None
    # D's release leaves the news sitemap two days after it was published.
    today = source("today")
    after = EIGHT + NEWS_WINDOW
    assert preview.text_edits(plan([today], after - timedelta(minutes=1)), plan([reworded(today)], after - timedelta(seconds=1))) == {"releases/today.md"}
    assert preview.text_edits(plan([today], after - timedelta(minutes=1)), plan([reworded(today)], after)) is None


def test_history_may_change_only_in_the_current_text_of_the_edited_release() -> None:
    first, second = OLD
    published = EIGHT - timedelta(days=400)

    def history(*texts: bytes, corrected: timedelta = timedelta(days=1)) -> History:
        """Versions a day apart, the last ``corrected`` after the one before it."""
        times = [published + timedelta(days=n) for n in range(len(texts) - 1)]
        times.append(times[-1] + corrected)
        return History(tuple(Version(n, when, text, "first.txt") for n, (text, when) in enumerate(zip(texts, times, strict=True), 1)))

    before = plan(OLD, histories={"first": history(b"v1", b"v2")})
    # The edited release's file, its current version, reads anew: its page is redone.
    assert preview.text_edits(before, plan([reworded(first), second], histories={"first": history(b"v1", b"v2 edited")})) == {"releases/first.md"}
    # An earlier version changed (history rewritten), or a version added: a whole build.
    assert preview.text_edits(before, plan([reworded(first), second], histories={"first": history(b"v0", b"v2 edited")})) is None
    assert preview.text_edits(before, plan([reworded(first), second], histories={"first": history(b"v1", b"v2", b"v3")})) is None
    # An edit not yet committed is a correction dated now: each save dates it anew, and the page of
    # the version it replaces (which says when it was superseded) is redone with the release's.
    assert before.versions.keys() == {"releases/first/v1.md"}
    resaved = plan([reworded(first), second], histories={"first": history(b"v1", b"v2 edited", corrected=timedelta(days=2))})
    assert preview.text_edits(before, resaved) == {"releases/first.md", "releases/first/v1.md"}
    # A release whose text did not change must keep its history as it was.
    assert preview.text_edits(before, plan([first, reworded(second)], histories={"first": history(b"v1", b"v2 edited")})) is None


def test_snapshots_see_files_written_added_and_removed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "releases").mkdir(parents=True)
    release, data = docs / "releases" / "a.txt", docs / "products.yml"
    release.write_text("one", encoding="utf-8")
    data.write_text("products: []\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    roots = [docs, config, tmp_path / "missing"]
    before = preview.snapshot(roots)
    assert set(before) == {str(release), str(data), str(config)}
    assert preview.changed(before, preview.snapshot(roots)) == set()

    release.write_text("two", encoding="utf-8")
    os.utime(release, ns=(before[str(release)][0] + 10**9,) * 2)  # a later save, on any clock granularity
    after = preview.snapshot(roots)
    edited = preview.changed(before, after)
    assert edited == {str(release)}
    assert preview.only_release_texts(edited, docs, before, after)

    (docs / "releases" / "b.txt").write_text("new", encoding="utf-8")
    config.write_text("site_name: y\n", encoding="utf-8")
    later = preview.snapshot(roots)
    for path in (str(docs / "releases" / "b.txt"), str(config)):
        assert path in preview.changed(after, later)
        assert not preview.only_release_texts({path}, docs, after, later)
    data.unlink()
    assert not preview.only_release_texts(preview.changed(later, preview.snapshot(roots)), docs, later, preview.snapshot(roots))
