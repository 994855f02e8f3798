"""Embargo property (hypothesis): for any embargo line and any "now", a release is either refused
at that line or published no earlier than the instant the line states.

The test draws the instant meant, the zone its writer used and a way to print it (many notices,
12- or 24-hour time, ISO 8601, month names, day-first, ordinals, weekdays, odd spacing, case and
punctuation), then hostile changes: a.m./p.m., zone, date or year left out, a wrong weekday, words
after the notice, a second notice. It renders the line itself, independently of the parser, and
puts it in a release's head, middle or end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsroom.collection import entry_from_meta
from newsroom.markdown_writer import front_matter
from newsroom.model import ReleaseError
from newsroom.publication import published_at
from newsroom.wire import parse_release


def fixed(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@dataclass(frozen=True)
class Writer:
    """A zone someone writes in and the names they may print for it; ``twelve`` when its
    people write 12-hour time (a time 1:00-12:59 without a.m./p.m. is ambiguous there)."""

    zone: tzinfo
    labels: tuple[str, ...]
    twelve: bool


WRITERS = [
    Writer(ZoneInfo("America/New_York"), ("ET", "Eastern", "Eastern Time", "E.T.", "EST", "EDT", "Eastern Standard Time"), True),
    Writer(fixed(-5), ("EST",), True),
    Writer(fixed(-4), ("EDT",), True),
    Writer(ZoneInfo("America/Chicago"), ("CT", "Central", "CST", "CDT", "Central Time"), True),
    Writer(fixed(-6), ("CST",), True),
    Writer(fixed(8), ("CST",), True),  # China Standard Time
    Writer(ZoneInfo("America/Denver"), ("MT", "MST", "MDT", "Mountain"), True),
    Writer(ZoneInfo("America/Phoenix"), ("MST",), True),
    Writer(ZoneInfo("America/Los_Angeles"), ("PT", "PST", "PDT", "Pacific", "Pacific Time"), True),
    Writer(ZoneInfo("America/Anchorage"), ("AKST", "AKDT", "Alaska"), True),
    Writer(ZoneInfo("Pacific/Honolulu"), ("HST", "Hawaii"), True),
    Writer(ZoneInfo("America/Halifax"), ("AST", "ADT", "Atlantic"), True),
    Writer(timezone.utc, ("UTC", "GMT", "Z", "Greenwich Mean Time"), False),
    Writer(ZoneInfo("Europe/London"), ("GMT", "BST"), False),
    Writer(ZoneInfo("Europe/Paris"), ("CET", "CEST", "Europe/Paris"), False),
    Writer(ZoneInfo("Europe/Helsinki"), ("EET", "EEST"), False),
    Writer(ZoneInfo("Asia/Tokyo"), ("JST", "Asia/Tokyo"), False),
    Writer(ZoneInfo("Asia/Singapore"), ("SGT",), False),
    Writer(ZoneInfo("Asia/Hong_Kong"), ("HKT",), False),
    Writer(ZoneInfo("Australia/Sydney"), ("AEST", "AEDT"), True),
    Writer(ZoneInfo("Pacific/Auckland"), ("NZST", "NZDT"), True),
]
DEFAULT_ZONES = [ZoneInfo(name) for name in ("America/New_York", "America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo", "UTC")]
NOTICES = [
    "EMBARGOED UNTIL", "Embargoed until", "EMBARGOED TILL", "Embargoed to", "EMBARGOED FOR", "EMBARGOED:",
    "EMBARGO UNTIL", "Embargo:", "EMBARGO -", "UNDER EMBARGO UNTIL", "Under strict embargo until", "HOLD FOR RELEASE UNTIL",
    "HOLD FOR RELEASE AT", "Hold for release:", "NOT FOR RELEASE BEFORE", "Not for publication until",
    "NOT FOR RELEASE, PUBLICATION OR DISTRIBUTION BEFORE", "FOR RELEASE AT", "For release on", "FOR RELEASE:",
    "EMBARGOED FOR RELEASE UNTIL", "STRICTLY EMBARGOED UNTIL", "*** EMBARGOED UNTIL", "[EMBARGOED UNTIL",
    "(Embargoed until", "PRESS RELEASE -- EMBARGOED UNTIL",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MARKERS = [("a.m.", "p.m."), ("AM", "PM"), ("am", "pm"), ("A.M.", "P.M."), ("a. m.", "p. m."), ("a.m", "p.m")]
GARBAGE = ["subject to change", "(tentative)", "pending approval", "or when the call starts", "approximately", "xyz"]


def latest_wall(wall: datetime, zone: tzinfo) -> datetime:
    """The later instant of a wall time in ``zone`` (the parser's rule at clock changes)."""
    return max(wall.replace(tzinfo=zone, fold=fold).astimezone(timezone.utc) for fold in (0, 1))


@dataclass(frozen=True)
class Case:
    line: str
    # The instant the line states by the README's rules; the release may not go out before it.
    stated: datetime
    release_day: date
    default: ZoneInfo
    where: str
    # False: the line must be refused (a contradiction or words that are not a time).
    readable: bool
    # True when nothing was left out or added: such a line must be accepted.
    faithful: bool
    second: str | None = None


def spaced(draw: st.DrawFn, parts: list[str]) -> str:
    """Parts joined by separators, with odd spacing."""
    out = parts[0]
    for part in parts[1:]:
        out += draw(st.sampled_from([" ", ", ", "  ", "\t", " , ", " - ", " -- ", " — ", " at ", " on ", " @ ", " / "])) + part
    return out


def month_name(draw: st.DrawFn, month: int) -> str:
    name = MONTHS[month - 1]
    return draw(st.sampled_from([name, name[:3], name[:3] + ".", "Sept." if month == 9 else name]))


def ordinal(day: int, draw: st.DrawFn) -> str:
    if not draw(st.booleans()):
        return str(day)
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def date_text(draw: st.DrawFn, day: date, year: bool, weekday: int | None) -> str:
    style = draw(st.sampled_from(["month first", "day first", "iso", "numeric"] if year else ["month first", "day first"]))
    if style == "iso":
        text = day.isoformat()
    elif style == "numeric" and day.day > 12:
        text = f"{day.month}/{day.day}/{day.year}"
    elif style == "day first":
        text = f"{ordinal(day.day, draw)} {month_name(draw, day.month)}" + (f" {day.year}" if year else "")
    else:
        text = f"{month_name(draw, day.month)} {ordinal(day.day, draw)}" + (f", {day.year}" if year else "")
    if weekday is not None:
        name = WEEKDAYS[weekday]
        text = f"{draw(st.sampled_from([name, name[:3], name[:3] + '.']))}, {text}"
    return text


@st.composite
def cases(draw: st.DrawFn) -> Case:
    instant = draw(st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2036, 12, 31))).replace(second=0, microsecond=0, tzinfo=timezone.utc)
    default = draw(st.sampled_from(DEFAULT_ZONES))
    writer = draw(st.sampled_from(WRITERS))
    local = instant.astimezone(writer.zone)
    wall = local.replace(tzinfo=None)
    faithful, readable = True, True

    # The time of day as printed, and the wall time it means by the rules (24-hour without a.m./p.m.).
    style = draw(st.sampled_from(["12-hour", "24-hour", "iso"]))
    if style == "24-hour" and writer.twelve and 1 <= wall.hour <= 12:
        style = "12-hour"
    meant, unmarked = wall, False
    label: str | None = None
    if style == "iso":
        offset = local.utcoffset()
        assert offset is not None
        sign, span = ("-" if offset < timedelta(0) else "+"), abs(offset)
        zone_text = "Z" if not offset and draw(st.booleans()) else f"{sign}{span.seconds // 3600:02d}:{span.seconds % 3600 // 60:02d}"
        clock = f"{wall:%Y-%m-%dT%H:%M}" + draw(st.sampled_from(["", ":00"])) + zone_text
    else:
        label = draw(st.sampled_from(writer.labels))
        if style == "24-hour":
            clock = draw(st.sampled_from([f"{wall.hour:02d}:{wall.minute:02d}", f"{wall.hour}:{wall.minute:02d}", f"{wall.hour:02d}.{wall.minute:02d}"]))
            unmarked = 1 <= wall.hour <= 12
        elif wall.hour == 12 and wall.minute == 0:
            clock = draw(st.sampled_from(["noon", "NOON", "12 noon", "12:00 noon", "Noon"]))
        elif wall.hour == 0 and wall.minute == 0:
            clock = "00:00"  # the start of the day, in 24-hour time
        else:
            am, pm = draw(st.sampled_from(MARKERS))
            hour = wall.hour % 12 or 12
            number = str(hour) if wall.minute == 0 and draw(st.booleans()) else f"{hour}:{wall.minute:02d}"
            clock = number + draw(st.sampled_from(["", " "])) + (am if wall.hour < 12 else pm)
            if draw(st.integers(0, 9)) == 0:  # hostile: a.m./p.m. left out
                clock, meant, unmarked, faithful = number, wall.replace(hour=hour), True, False

    # The zone: printed, or left out (then the configured one is meant).
    zone, twelve = writer.zone, writer.twelve
    if label is not None and draw(st.integers(0, 7)) == 0:
        label, zone, twelve, faithful = None, default, default.key.startswith("America/"), False
    if unmarked and twelve:
        readable = False  # 1:00-12:59 without a.m./p.m. where people write 12-hour time
    # An ISO time carries its offset, so it names one instant even in the hour clocks repeat
    # (2028-04-02T02:00+11:00 in Sydney); a wall time there means its later reading.
    stated = instant if style == "iso" else latest_wall(meant, zone)

    # The date: in full, without its year, or left out (the release's own date is meant).
    keep = "full" if style == "iso" else draw(st.sampled_from(["full", "full", "full", "no year", "none"]))
    faithful = faithful and keep == "full"
    date_part = ""
    if style != "iso" and keep != "none":
        weekday = None
        if draw(st.booleans()):
            weekday = wall.weekday()
            if draw(st.integers(0, 9)) == 0:  # hostile: a weekday the date is not
                weekday, faithful, readable = (weekday + draw(st.integers(1, 6))) % 7, False, False
        date_part = date_text(draw, wall.date(), keep == "full", weekday)

    parts = [clock + (f" {label}" if label else "")]
    if style != "iso" and draw(st.integers(0, 7)) == 0:
        # A second time for the same day in UTC (``8:00 a.m. ET / 13:00 UTC``): the later one holds.
        other = draw(st.times()).replace(second=0, microsecond=0)
        parts[0] += f" / {other:%H:%M} UTC"
        stated = max(stated, datetime.combine(wall.date(), other, tzinfo=timezone.utc))
    if date_part:
        parts.insert(draw(st.integers(0, 1)), date_part)
    line = f"{draw(st.sampled_from(NOTICES))} {spaced(draw, parts)}"
    if draw(st.integers(0, 9)) == 0:  # hostile: words that are not a time
        line, faithful, readable = f"{line} {draw(st.sampled_from(GARBAGE))}", False, False
    line = draw(st.sampled_from([str.upper, str.lower, str.title, lambda text: text]))(line)
    line = draw(st.sampled_from(["", "  ", "** "])) + line + draw(st.sampled_from(["", " ***", ")", "]", "  "]))

    second = None
    if draw(st.integers(0, 5)) == 0:  # a second, earlier notice: the later one must win
        earlier = instant - timedelta(minutes=draw(st.integers(1, 600)))
        second, faithful = f"EMBARGOED UNTIL {earlier:%Y-%m-%dT%H:%M}Z", False
    return Case(line, stated, local.date(), default, draw(st.sampled_from(["head", "middle", "end"])), readable, faithful, second)


def release_text(case: Case) -> tuple[str, int]:
    """A release with the line where the case says, and that line's number."""
    day = case.release_day
    dateline = f"MADISON, Wis., {MONTHS[day.month - 1]} {day.day}, {day.year} (GLOBE NEWSWIRE) -- Acme Widgets, Inc. (Nasdaq: ACME) today announced results."
    parts = ["Acme Widgets Announces Results", dateline, "Revenue grew in every region.", "Source: Acme Widgets, Inc."]
    at = {"head": 0, "middle": 2, "end": 4}[case.where]
    parts.insert(at, case.line)
    if case.second is not None:
        parts.insert(at + 1 if case.where == "head" else 2, case.second)
    text = "\n\n".join(parts) + "\n"
    return text, text.split("\n").index(case.line) + 1


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), minutes=st.integers(-3000, 3000))
def test_never_published_before_the_stated_instant(case: Case, minutes: int) -> None:
    text, number = release_text(case)
    now = case.stated + timedelta(minutes=minutes)
    try:
        release = parse_release(text, "releases/x.txt", case.default)
    except ReleaseError as error:
        # Refused at the embargo line, and never a faithful line.
        assert error.line == number, (case, error)
        assert not case.faithful, (case, error)
        event("refused")
        return
    assert case.readable, (case, release.embargo)
    assert release.embargo is not None, case  # the line was seen
    entry = entry_from_meta(front_matter(release), "releases/x.txt", case.default)
    published = published_at(entry, time(8), case.default)
    assert published >= case.stated, (case, published)
    event("accepted, the stated instant exactly" if published == case.stated else "accepted, later than stated")
    if published <= now:  # on the site at this "now"
        assert now >= case.stated
