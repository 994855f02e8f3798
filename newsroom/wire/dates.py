"""Dates as wires print them: ``Jan. 24, 2017``, ``2016-09-16``, a top date line."""

from __future__ import annotations

import re
from datetime import date

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
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# ``Jan. 24, 2017``, ``June 01, 2018``: group ``date`` is the date as printed, for messages.
DATE = rf"(?P<date>(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}))"
DATE_RE = re.compile(DATE, re.IGNORECASE)
# ``2016-09-16``, as European GlobeNewswire headers print it.
ISO_DATE_RE = re.compile(r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))")


# A clock time: ``05:30 PM``, ``15:01``, ``8 a.m.``.
_TIME = r"\d{1,2}(?::\d{2})?\s*(?:[AaPp]\.?\s?[Mm]\.?)?"
# A header line that is only a date, maybe with a time and zone: ``March 07, 2019 05:30 PM
# Eastern Standard Time``, ``2016-09-16 15:01 CEST``.
TOP_DATE_RE = re.compile(
    rf"^\s*(?:{DATE}|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))(?:\s+{_TIME}(?:\s+[A-Za-z][A-Za-z .]*)?)?\s*$",
    re.IGNORECASE,
)


def make_date(match: re.Match[str], path: str, line: int) -> date:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text[:3].casefold()]
    try:
        return date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        raise ReleaseError(path, line, f"impossible date {match.group('date')!r}") from None


def top_date(line: str, path: str, number: int) -> date | None:
    match = TOP_DATE_RE.match(line)
    if not match:
        return None
    if match.group("iso"):
        iso = ISO_DATE_RE.match(match.group("iso"))
        assert iso is not None
        return make_date(iso, path, number)
    return make_date(match, path, number)
