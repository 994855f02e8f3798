"""The dateline that opens a release's body: place, date and wire."""

from __future__ import annotations

import re
from datetime import date

from ..model import Block, Dateline, Paragraph
from .dates import DATE, make_date
from .lines import one_line

# The dash that ends a dateline: two hyphens, an em dash or an en dash.
DASH = r"(?:--|—|–)"


# A republisher's mark before (or after) the dateline: ``/EIN News/ --``.
REPUBLISHER = rf"(?:/[^/\n]{{2,40}}/\s*{DASH}\s*)?"
# The place a dateline names: ``MADISON, Wis.``, ``SAN DIEGO``; no parentheses.
PLACE = r"(?P<place>[A-Z][^\n()]{1,60}?)"
PLACE_MAX = 60
PLACE_MAX_COMMAS = 3

# Datelines, most specific first; each names the wire it belongs to (None: no wire).
DATELINES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    # MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) --
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s+{DATE}\s*\((?:GLOBE\s*NEWSWIRE)\)\s*{REPUBLISHER}{DASH}?\s*", re.I), "GlobeNewswire"),
    # MADISON, Wis. (GLOBE NEWSWIRE) --   (the date is missing: a header line must give it)
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s*\((?:GLOBE\s*NEWSWIRE)\)\s*{REPUBLISHER}{DASH}\s*", re.I), "GlobeNewswire"),
    # SAN DIEGO--(BUSINESS WIRE)--   (no date: it comes from the header line)
    (re.compile(rf"^{REPUBLISHER}{PLACE}\s*{DASH}\s*\(\s*BUSINESS\s+WIRE\s*\)\s*{DASH}\s*", re.I), "Business Wire"),
    # SAN DIEGO, Jan. 9, 2019 /PRNewswire/ --   (also /PRNewswire-FirstCall/)
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s+{DATE}\s*/\s*PR\s*Newswire(?:-[A-Za-z]+)?\s*/\s*{DASH}?\s*", re.I), "PR Newswire"),
    # NEW YORK, NY / ACCESSWIRE / July 9, 2020 /
    (re.compile(rf"^{REPUBLISHER}{PLACE}\s*/\s*ACCESSWIRE\s*/\s*{DATE}\s*/\s*", re.I), "ACCESSWIRE"),
    # MADISON, Wis., (December 12, 2016) --   (SEC exhibits, company copy)
    (re.compile(rf"^{REPUBLISHER}{PLACE},?\s*\(\s*{DATE}\s*\)\s*{DASH}?\s*", re.I), None),
    # FLORHAM PARK, N.J., May 11, 2020 –
    (re.compile(rf"^{REPUBLISHER}{PLACE},\s+{DATE}\s*(?:{DASH}|-|/)\s*"), None),
)


def read_dateline(block: Block, path: str) -> tuple[Dateline, date | None]:
    """The dateline that opens the body's first paragraph, and its date (Business Wire's has none)."""
    assert isinstance(block, Paragraph)
    found = match_dateline(one_line(block.text))
    assert found is not None, "the body opens with the line split_head found the dateline on"
    match, wire = found
    city, region = _place(match.group("place"))
    day = make_date(match, path, block.line) if match.groupdict().get("date") else None
    return Dateline(match.group(0).strip(), city, region, wire), day


# wire's patterns, which spares most lines of the head most of the patterns.
_WIRE_WORDS = {"GlobeNewswire": "NEWSWIRE", "PR Newswire": "NEWSWIRE", "Business Wire": "WIRE", "ACCESSWIRE": "ACCESSWIRE"}


def match_dateline(text: str) -> tuple[re.Match[str], str | None] | None:
    upper = text.upper()
    for pattern, wire in DATELINES:
        if wire is not None and _WIRE_WORDS[wire] not in upper:
            continue
        match = pattern.match(text)
        if match and len(match.group("place")) <= PLACE_MAX and match.group("place").count(",") <= PLACE_MAX_COMMAS:
            return match, wire
    return None


def _place(place: str) -> tuple[str, str | None]:
    parts = [part.strip() for part in place.replace("\u00a0", " ").strip(" ,").split(",")]
    parts = [part for part in parts if part]
    return parts[0], ", ".join(parts[1:]) or None
