"""Dates as wires print them: ``Jan. 24, 2017``, ``March 25th, 2024``, ``2 July 2026``,
``Tuesday Mar 25, 2025 @ 3:15 PM Pacific``, ``2016-09-16 15:01 CEST``, ``Feb. 4`` (no year).

``date_at`` reads one such expression where it stands; the dateline grammar and the header
lines are built on it, so every place a release prints a date reads the same forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import PurePath

from ..model import ReleaseError

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# A month as wires print it: in full, abbreviated (``Jan.``) or as ``Sept.``.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
# ``Jan. 24, 2017``, ``June 01, 2018``, ``March 25th, 2024``: group ``date`` is the date as
# printed, for messages.
DATE = rf"(?P<date>(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>{_YEAR}))"
DATE_RE = re.compile(DATE, re.IGNORECASE)
# ``2016-09-16``, as European GlobeNewswire headers print it.
ISO_DATE_RE = re.compile(r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))")

_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+"
# A zone after a time: ``ET``, ``CEST``, ``Eastern Standard Time``, ``Pacific``, ``Australia/Melbourne``, ``UTC+2``.
_ZONE = (
    r"(?:(?:Eastern|Central|Mountain|Pacific|Atlantic|Alaska|Hawaii)(?:\s+(?:Standard|Daylight|Prevailing))?(?:\s+Time)?"
    r"|(?-i:[A-Z][a-z]+/[A-Za-z_]+|(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|[A-Z]{1,4}T|UTC|GMT|Z))(?![\w/])"
)
_HALF = r"(?:[AaPp]\.?\s?[Mm]\.?(?!\w))"
# A clock time after a date: ``, 08:00 ET``, `` @ 3:15 PM Pacific``, `` 15:01 CEST``, `` at 8 a.m.``.
_TIME = rf"(?:\s*(?:,|@|at\b)?\s*\d{{1,2}}(?::\d{{2}}\s*{_HALF}?|\s*{_HALF})(?:\s*{_ZONE})?)"
_MONTH_FIRST = rf"(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL}(?!\d)(?:(?:,\s*|\s+)(?P<y1>{_YEAR}))?"
_DAY_FIRST = rf"(?P<d2>\d{{1,2}}){_ORDINAL}\.?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>{_YEAR})"
_ISO = r"(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?!\d)"
# One date expression: a weekday, the date (month first, day first or ISO), a time and zone.
_EXPRESSION = re.compile(rf"(?:{_WEEKDAY})?(?:{_MONTH_FIRST}|{_DAY_FIRST}|{_ISO})(?P<time>{_TIME})?", re.IGNORECASE)
# A file name that starts with a date, as the README's naming rule asks: ``2017-01-24-patent.txt``.
_FILE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True)
class PrintedDate:
    """A calendar date as a release prints it; ``year`` is None when it printed none (``Feb. 4``)."""

    printed: str
    year: int | None
    month: int
    day: int
    start: int
    end: int

    def resolve(self, path: str, line: int | None, near: date | None = None) -> date:
        """The date itself; a missing year is the one that puts it nearest ``near``."""
        if self.year is None:
            if near is None:
                raise ReleaseError(path, line, f"the date {self.printed!r} has no year, and the file name gives none (name it YYYY-MM-DD-….txt)")
            candidates = [_real(year, self.month, self.day) for year in (near.year - 1, near.year, near.year + 1)]
            found = [day for day in candidates if day is not None]
            if not found:
                raise ReleaseError(path, line, f"impossible date {self.printed!r}")
            return min(found, key=lambda day: abs(day - near))
        day = _real(self.year, self.month, self.day)
        if day is None:
            raise ReleaseError(path, line, f"impossible date {self.printed!r}")
        return day


def _real(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text[:3].casefold()]


def date_at(text: str, position: int = 0, with_time: bool = True) -> PrintedDate | None:
    """The date expression that starts at ``position`` (weekday, date, then time and zone when
    ``with_time``), or None."""
    match = _EXPRESSION.match(text, position)
    if match is None:
        return None
    groups = match.groupdict()
    number = next(index for index in "123" if groups[f"m{index}"] is not None)
    year = groups[f"y{number}"]
    end = match.end() if with_time else match.start("time") if groups["time"] is not None else match.end()
    return PrintedDate(
        printed=text[match.start() : end].strip(),
        year=int(year) if year else None,
        month=_month(groups[f"m{number}"]),
        day=int(groups[f"d{number}"]),
        start=match.start(),
        end=end,
    )


def date_line(line: str) -> PrintedDate | None:
    """The date of a line that holds nothing but a dated expression with its year (a top date
    line such as ``March 07, 2019 05:30 PM Eastern Standard Time``)."""
    text = line.strip()
    found = date_at(text)
    if found is None or found.year is None or text[found.end :].strip(" ,.") != "":
        return None
    return found


def make_date(match: re.Match[str], path: str, line: int) -> date:
    """The date of a ``DATE_RE`` or ``ISO_DATE_RE`` match; an impossible one is the user's error."""
    day = _real(int(match.group("year")), _month(match.group("month")), int(match.group("day")))
    if day is None:
        raise ReleaseError(path, line, f"impossible date {match.group('date')!r}")
    return day


def file_date(path: str) -> date | None:
    """The ``YYYY-MM-DD`` that begins a file's name, when it is a real date."""
    written = file_date_text(path)
    return _real(*map(int, written.split("-"))) if written else None


def file_date_text(path: str) -> str | None:
    """The ``YYYY-MM-DD`` that begins a file's name as written, real date or not (``2018-02-30``)."""
    match = _FILE_DATE.match(PurePath(path).name)
    return match.group(0) if match else None


def days_apart(first: date, second: date) -> int:
    return abs((first - second) // timedelta(days=1))
