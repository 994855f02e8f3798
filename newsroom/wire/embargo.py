"""Embargo lines: ``EMBARGOED UNTIL 08:00 AM ET, MARCH 3, 2021`` → an aware datetime."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from ..model import ReleaseError
from .dates import DATE_RE, ISO_DATE_RE, make_date

# ``EMBARGOED UNTIL 08:00 AM ET, MARCH 3, 2021``.
EMBARGO_RE = re.compile(r"^\s*EMBARGOED\s+(?:UNTIL|TILL|FOR)\b", re.IGNORECASE)


_ZONES = {
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "eastern": "America/New_York",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "central": "America/Chicago",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mountain": "America/Denver",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
    "gmt": "Europe/London",
    "bst": "Europe/London",
    "utc": "UTC",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
}


def parse_embargo(text: str, path: str, line: int) -> datetime:
    """``EMBARGOED UNTIL 08:00 AM ET, MARCH 3, 2021`` → an aware datetime (zone names → IANA)."""
    day_match = DATE_RE.search(text) or ISO_DATE_RE.search(text)
    if not day_match:
        raise ReleaseError(path, line, f"embargo line without a date: {text.strip()!r}")
    day = make_date(day_match, path, line)
    hour, minute = 0, 0
    time_match = re.search(r"\b(\d{1,2})(?::(\d{2}))?\s*([AaPp])\.?\s?[Mm]\b\.?", text) or re.search(r"\b(\d{1,2}):(\d{2})\b()", text)
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2) or 0)
        half = time_match.group(3).lower()
        if half == "p" and hour < 12:
            hour += 12
        elif half == "a" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            raise ReleaseError(path, line, f"impossible embargo time in {text.strip()!r}")
    zone = "America/New_York"
    for word in re.findall(r"[A-Za-z]+", text.replace(day_match.group(0), " ")):
        if word.lower() in _ZONES:
            zone = _ZONES[word.lower()]
            break
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))
