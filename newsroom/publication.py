"""When a release goes public (its embargo time, else its date at the default release time), and
when a product fact dated the same day may show.

"Now" is ``SOURCE_DATE_EPOCH`` when set, so builds are reproducible and embargo is testable.
"""

from __future__ import annotations

import os
import re
import time as clock
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from .model import Entry, Release

# SOURCE_DATE_EPOCH's values MkDocs can use too: it stamps the gzipped sitemap with it, in 32 bits.
_EPOCH = re.compile(r"\d{1,10}")
EPOCH_END = 2**32
# The release_time option: when a release without an embargo goes public on its date.
DEFAULT_RELEASE_TIME = "08:00"
_RELEASE_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")


def release_time_problem(value: object) -> str | None:
    """Why ``value`` cannot be the ``release_time`` option, or None (the build's config and
    ``newsroom check`` both ask)."""
    if not isinstance(value, str) or not _RELEASE_TIME.fullmatch(value):
        # Unquoted, YAML reads 8:00 as the number 480.
        return f"must be a time of day written HH:MM in quotes, such as '08:00', not {value!r}"
    return None


class ClockError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set to something that is not a moment."""


def now() -> datetime:
    """This build's "now": ``SOURCE_DATE_EPOCH`` when set, else the clock. ``ClockError`` when it
    is set but not a whole number of seconds that MkDocs can use too (a guess could publish early)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.fromtimestamp(clock.time(), tz=timezone.utc)
    if not _EPOCH.fullmatch(epoch) or int(epoch) >= EPOCH_END:
        raise ClockError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 00:00 UTC, 0 to {EPOCH_END - 1}, "
            f"not {epoch!r}: set it to the moment the build stands for (date +%s), or unset it to build at the current time"
        )
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc)


def published_at(entry: Entry | Release, default_time: time, zone: ZoneInfo) -> datetime:
    """The moment a release (its listing entry, or as parsed) is public: its embargo time
    (always with its offset), else its date at ``default_time`` in ``zone``."""
    if entry.embargo is not None:
        return entry.embargo
    return datetime.combine(entry.date, default_time, tzinfo=zone)


@dataclass(frozen=True)
class FactClock:
    """When a product's fact dated D may show: a fact is news, so it waits for the releases dated
    D that mention the product (all of them: which one tells it is not known), or for D at the
    default release time when none does."""

    releases: Mapping[tuple[str, date], datetime]
    default_time: time
    zone: ZoneInfo

    def public_at(self, product_id: str, day: date) -> datetime:
        return self.releases.get((product_id, day)) or datetime.combine(day, self.default_time, tzinfo=self.zone)

    def shown(self, product_id: str, moment: datetime) -> Callable[[date], bool]:
        """Whether a fact of ``product_id`` dated ``day`` may show at ``moment``."""
        return lambda day: self.public_at(product_id, day) <= moment


def fact_clock(entries: Iterable[Entry], default_time: time, zone: ZoneInfo) -> FactClock:
    """The fact clock of these releases: every release read, held back ones included."""
    releases: dict[tuple[str, date], datetime] = {}
    for entry in entries:
        when = published_at(entry, default_time, zone)
        for product_id in entry.products:
            key = (product_id, entry.date)
            releases[key] = max(releases.get(key, when), when)
    return FactClock(releases, default_time, zone)
