"""The build plan without MkDocs: what is published at a moment, each page's data, the feeds.

Releases and products are made here, so every expected value comes from the test's own inputs.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from newsroom.history import History, Version
from newsroom.plan import FeedLinks, Settings, page_title, schedule

from .helpers import EIGHT, NEW_YORK, PLAN_SITE, PRODUCT, plan_of, source


def test_schedule_publishes_at_the_publication_time_and_holds_what_comes_later() -> None:
    on_time = source("on-time")  # D at 08:00 New York
    embargoed = source("embargoed", embargo=EIGHT + timedelta(hours=2))
    soon = source("soon", embargo=EIGHT + timedelta(minutes=1))
    split = schedule([on_time, embargoed, soon], EIGHT, time(8), NEW_YORK)
    assert split.sources == {"releases/on-time.md": on_time}
    assert split.published == {"on-time": EIGHT}
    # Held back soonest first, each with its time.
    assert split.held == ((EIGHT + timedelta(minutes=1), soon), (EIGHT + timedelta(hours=2), embargoed))
    assert schedule([on_time], EIGHT - timedelta(seconds=1), time(8), NEW_YORK).sources == {}


def test_release_data_shows_facts_as_public_at_the_moment() -> None:
    # A release of D mentioning the product, embargoed to 10:00: before then, D's fact waits for it.
    held = source("held", embargo=EIGHT + timedelta(hours=2), products=("clr-131",))
    early = source("early", day=date(2020, 1, 2), products=("clr-131",), tags=("R&D",))
    before = plan_of([held, early], EIGHT)
    data = before.release_data(early, "https://ir.example.com/releases/early/")
    assert data.newsroom["entry"] is early.entry
    assert data.newsroom["fact_boxes"] == [(PRODUCT, [("Payload", "Iodine-131"), ("Stage", "Phase I")])]
    assert data.newsroom["published"] == datetime(2020, 1, 2, 8, tzinfo=NEW_YORK)
    # Material prints tag names as they are: the plan hands them escaped.
    assert data.tags == [{"name": "R&amp;D", "url": "tags/r-d/"}]
    product_page = before.page_data("products/clr-131.md", "", "CLR 131", "")
    assert product_page.newsroom["current_facts"] == [("Payload", "Iodine-131"), ("Stage", "Phase I")]
    after = plan_of([held, early], EIGHT + timedelta(hours=2))
    assert after.page_data("products/clr-131.md", "", "CLR 131", "").newsroom["current_facts"] == [("Payload", "Iodine-131"), ("Stage", "Phase II")]


def test_page_data_names_the_listing_and_its_feeds() -> None:
    tagged = source("tagged", tags=("Patents",), products=("clr-131",))
    built = plan_of([tagged], EIGHT)
    tag_page = built.page_data("tags/patents.md", "https://ir.example.com/tags/patents/", "Patents", "About patents")
    assert tag_page.newsroom["tag"].entries == (tagged.entry,)
    assert tag_page.newsroom["feeds"] == [FeedLinks("Press releases", ""), FeedLinks("Patents", "tags/patents/")]
    assert [(f.rss, f.atom, f.json) for f in tag_page.newsroom["feeds"]] == [
        ("feed.xml", "atom.xml", "feed.json"),
        ("tags/patents/feed.xml", "tags/patents/atom.xml", "tags/patents/feed.json"),
    ]
    assert ("property", "og:title", "Patents") in tag_page.newsroom["meta"].meta_tags
    product_page = built.page_data("products/clr-131.md", "", "CLR 131", "")
    assert product_page.newsroom["product"].entries == (tagged.entry,)
    assert product_page.newsroom["feeds"][1] == FeedLinks("CLR 131", "products/clr-131/")
    assert built.page_data("tags/unknown.md", "", "x", "").newsroom["tag"] is None
    # Without feeds, no page links one.
    quiet = plan_of([tagged], EIGHT, Settings(site=PLAN_SITE, release_time=time(8), zone=NEW_YORK, feeds=False))
    assert quiet.page_data("tags/patents.md", "", "Patents", "").newsroom["feeds"] == []
    assert quiet.release_data(tagged, "").newsroom["feeds"] == []


def test_feeds_order_by_publication_time_and_cut_to_the_feed_length() -> None:
    # Same day: the embargoed one at 07:00 comes out before the 08:00 default, so it is older.
    first = source("a-first", embargo=EIGHT - timedelta(hours=1), tags=("Patents",))
    second = source("b-second", tags=("Patents",))
    older = source("c-older", day=date(2020, 1, 2))
    built = plan_of([first, second, older], EIGHT + timedelta(days=1))
    built.rendered(first, "<p>First.</p>")
    site_feed, tag_feed, product_feed = built.feeds()
    assert [item.url for item in site_feed.items] == [PLAN_SITE.absolute(f"releases/{slug}/") for slug in ("b-second", "a-first", "c-older")]
    assert site_feed.channel.description == "Press releases of Example, Inc."
    assert site_feed.channel.updated == EIGHT
    assert (tag_feed.channel.rss_url, tag_feed.channel.atom_url, tag_feed.channel.json_url) == tuple(
        f"https://ir.example.com/tags/patents/{name}" for name in ("feed.xml", "atom.xml", "feed.json")
    )
    assert site_feed.channel.hub == ""
    hubbed = plan_of([first], EIGHT, Settings(site=PLAN_SITE, release_time=time(8), zone=NEW_YORK, hub="https://hub.example/"))
    assert {feed.channel.hub for feed in hubbed.feeds()} == {"https://hub.example/"}
    assert tag_feed.folder == "tags/patents/" and len(tag_feed.items) == 2
    assert product_feed.folder == "products/clr-131/" and product_feed.items == ()
    # The HTML a page was converted to, headline added where it had none.
    assert site_feed.items[1].html == "<h1>Title of a-first &lt;b&gt;</h1>\n<p>First.</p>"
    cut = plan_of([first, second, older], EIGHT + timedelta(days=1), Settings(site=PLAN_SITE, release_time=time(8), zone=NEW_YORK, feed_length=1))
    assert [len(feed.items) for feed in cut.feeds()] == [1, 1, 0]


def test_an_empty_newsroom_dates_its_feed_by_the_build_moment() -> None:
    site_feed, product_feed = plan_of([], EIGHT).feeds()
    assert site_feed.items == product_feed.items == ()
    assert site_feed.channel.updated == product_feed.channel.updated == EIGHT


def test_page_title_is_text() -> None:
    assert page_title("R&amp;D", "Site", False) == "R&D"
    assert page_title("Anything", "Site", True) == "Site"
    assert page_title(None, "Site", False) == "Site"


def test_histories_reach_pages_feeds_and_listings_of_published_releases_only() -> None:
    corrected_at = EIGHT + timedelta(days=2)
    fixed = source("fixed")
    held = source("held", embargo=EIGHT + timedelta(days=10))
    versions = History((Version(1, EIGHT, b"Old words <b>.", "fixed.txt"), Version(2, corrected_at, b"New words <b>.", "fixed.txt")))
    built = plan_of([fixed, held], EIGHT + timedelta(days=3) - timedelta(hours=3), histories={"fixed": versions, "held": versions})
    # The held release is not published, so its history is not either.
    assert built.histories == {"fixed": versions}
    assert built.corrected("fixed") == corrected_at and built.corrected("held") is None
    # v1 has a page of its own, out of search; its text as it was, as plain text when it no longer reads.
    (uri,) = built.versions
    assert uri == "releases/fixed/v1.md"
    assert built.versions[uri].meta["search"] == {"exclude": True} and built.versions[uri].meta["robots"] == "noindex"
    assert "Old words" in built.versions[uri].body and "<b>" not in built.versions[uri].body
    page = built.version_data(uri).newsroom
    assert page["canonical"] == "https://ir.example.com/releases/fixed/" and page["superseded"] == corrected_at
    rows = built.release_data(fixed, "https://ir.example.com/releases/fixed/").newsroom["history"]
    assert [(row.version.number, row.url) for row in rows] == [(1, "releases/fixed/v1/"), (2, None)]
    (change,) = rows[1].changes
    assert "<del>" in change and "&lt;b&gt;" in change
    (feed, *_) = built.feeds()
    (item,) = feed.items
    assert item.updated == corrected_at and item.url == "https://ir.example.com/releases/fixed/"
    assert item.content.startswith("<p><strong>Corrected on")
