"""Facts respect embargo: a fact dated D shows once the releases dated D that mention its
product are out (or D at the default release time when none does), never before."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from newsroom.model import Entry
from newsroom.publication import fact_clock

from .helpers import NEW_YORK, PRODUCT, D

MINUTE = timedelta(minutes=1)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def entry(slug: str, day: date, products: tuple[str, ...], embargo: str | None = None) -> Entry:
    return Entry(path=f"releases/{slug}.txt", slug=slug, title=slug, date=day, products=products, embargo=utc(embargo) if embargo else None)


def test_a_fact_waits_for_its_embargoed_release() -> None:
    """Issue 14 point 4: shown at 07:59 ET for a release embargoed to 08:00 ET (13:00 UTC)."""
    clock = fact_clock([entry("a", D, ("clr-131",), "2021-03-03 13:00")], time(8), NEW_YORK)
    assert clock.public_at("clr-131", D) == utc("2021-03-03 13:00")
    before, at = clock.shown("clr-131", utc("2021-03-03 12:59")), clock.shown("clr-131", utc("2021-03-03 13:00"))
    # The product page (the newest values) and a fact box as of D, a minute before and at 08:00 ET.
    assert PRODUCT.facts_as_of(None, before) == [("Payload", "Iodine-131"), ("Stage", "Phase I")]
    assert PRODUCT.facts_as_of(D, before) == [("Payload", "Iodine-131"), ("Stage", "Phase I")]
    assert PRODUCT.facts_as_of(None, at) == [("Payload", "Iodine-131"), ("Stage", "Phase II")]
    assert PRODUCT.facts_as_of(D, at) == [("Payload", "Iodine-131"), ("Stage", "Phase II")]
    # A fact box dated before D never shows it.
    assert PRODUCT.facts_as_of(date(2021, 3, 2), at) == [("Payload", "Iodine-131"), ("Stage", "Phase I")]


def test_several_releases_of_the_day_the_fact_waits_for_the_last() -> None:
    entries = [
        entry("early", D, ("clr-131",), "2021-03-03 11:30"),  # 06:30 ET
        entry("late", D, ("clr-131",), "2021-03-03 21:05"),  # 4:05 p.m. ET
        entry("other-product", D, ("pdc",), "2021-03-04 02:00"),
        entry("other-day", date(2021, 3, 2), ("clr-131",), "2021-03-05 00:00"),
    ]
    clock = fact_clock(entries, time(8), NEW_YORK)
    assert clock.public_at("clr-131", D) == utc("2021-03-03 21:05")
    assert not clock.shown("clr-131", utc("2021-03-03 21:04"))(D)
    assert clock.shown("clr-131", utc("2021-03-03 21:05"))(D)


def test_without_a_release_a_fact_shows_at_the_default_release_time() -> None:
    clock = fact_clock([entry("about-pdc", D, ("pdc",), "2021-03-03 21:05")], time(8), NEW_YORK)
    # 08:00 in New York: EST on March 3, EDT on July 3.
    assert clock.public_at("clr-131", D) == utc("2021-03-03 13:00")
    assert clock.public_at("clr-131", date(2021, 7, 3)) == utc("2021-07-03 12:00")
    # A release without an embargo counts at its own publication time, the same default.
    clock = fact_clock([entry("plain", D, ("clr-131",))], time(6, 30), NEW_YORK)
    assert clock.public_at("clr-131", D) == utc("2021-03-03 11:30")
