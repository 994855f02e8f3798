"""The dateline that opens a release's body, read by a grammar rather than a list of forms.

A dateline is an optional place (``CITY[, REGION][, COUNTRY]``, or several cities joined by
``and``/``&``), then, in any order, dates and wire tags, separated by ``--``, ``–``, ``—``, ``-``,
``/`` or commas, and a separator before the news begins::

    MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) -- …
    SAN DIEGO--(BUSINESS WIRE)--March 16, 2005-- …
    NEW YORK, NY / NewsDirect / March 25th, 2024 / …
    TAIPEI, TAIWAN - Media OutReach Newswire - 2 July 2026 - …
    Mission Viejo, CA (Newsworthy.ai) Tuesday Mar 25, 2025 @ 3:15 PM Pacific — …
    --News Direct--

The wires this newsroom knows are in ``WIRES``, one place; a name that has a wire's shape
(``(Acme Newswire)``, ``/BioWire/``) is accepted as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import PrintedDate, date_at

# Canonical wire name → how releases spell it (case is ignored).
WIRES: dict[str, str] = {
    "GlobeNewswire": r"GLOBE\s*NEWSWIRE|GLOBAL\s*NEWSWIRE",
    "Business Wire": r"BUSINESS\s*WIRE",
    "PR Newswire": r"PR\s*Newswire(?:-[A-Za-z]+)?|PRN\s*Asia",
    "ACCESSWIRE": r"ACCESS\s*(?:WIRE|Newswire)",
    "Marketwire": r"Market\s*wired?",
    "Canada NewsWire": r"CNW(?:\s+Group)?|Canada\s*NewsWire",
    "Newsfile": r"Newsfile(?:\s+Corp\.?)?",
    "NewMediaWire": r"New\s*Media\s*Wire",
    "News Direct": r"News\s*Direct",
    "24-7PressRelease": r"24-7\s*Press\s*Release",
    "Newsworthy.ai": r"Newsworthy\.ai",
    "Media OutReach": r"Media\s*OutReach(?:\s+Newswire)?",
    "PRISM MediaWire": r"PRISM\s*MediaWire",
    "Noticias Newswire": r"NOTICIAS\s*NEWSWIRE",
    "EIN Presswire": r"EIN\s*Presswire(?:\.com)?|EIN\s*News",
    "Cision": r"Cision(?:\s+Wire)?",
}
# A wire this table does not know, by its shape: up to four words, the last ending in Wire,
# Newswire, Presswire, PressRelease or MediaWire (``TheNewswire``, ``Acme Bio Wire``).
_UNKNOWN_WIRE = r"(?:[A-Z0-9][\w.&'\-]*\s+){0,3}[\w.\-]*(?:wire|press\s*release)(?:\.com)?"
# Every known spelling in one pattern, each wire a named group: one match tries them all.
_NAMES = list(WIRES)
_KNOWN = re.compile("(?:" + "|".join(f"(?P<w{index}>{WIRES[name]})" for index, name in enumerate(_NAMES)) + r")(?![\w])", re.IGNORECASE)
_UNKNOWN = re.compile(rf"{_UNKNOWN_WIRE}(?![\w])", re.IGNORECASE)
# What a date or a wire tag can begin with: a digit, a bracket or slash, a month's or a
# weekday's name, a wire's first word. A place's other words are passed over at a glance.
_MAY_BEGIN_ELEMENT = re.compile(
    r"[\d(/]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    + "|".join(sorted({re.split(r"[^A-Za-z0-9]", alternative, maxsplit=1)[0].lower() for spelling in WIRES.values() for alternative in spelling.split("|")} - {""}))
    + ")",
    re.IGNORECASE,
)
# What may stand between the elements: dashes, a slash, a comma, an ``@``, in any number.
_SEPARATOR = re.compile(r"(?:\s*(?:-{2,}|[—–―]|-(?=[\s(]|$)|/|,|@))*\s*")
_DASH = re.compile(r"[-—–―]")
# Several cities: ``NEW YORK, NY and DENVER, CO``, ``NEW YORK & ZURICH``.
_SEVERAL = re.compile(r"\s(?:and|&)\s")
# A separator that ends a dateline must have a dash, slash or comma in it, not only spaces.
_MARK = re.compile(r"[-—–―/,@]")
# A republisher's mark before the dateline: ``/EIN News/ --``.
_REPUBLISHER = re.compile(r"/[^/\n]{2,40}/\s*(?:-{2,}|[—–])\s*")
_SPACES = re.compile(r"[ \t\u00a0]*")
# Between two words of a place: spaces, or a comma and spaces (``MADISON, Wis.``).
_GAP = re.compile(r",?[ \u00a0]+|,(?=\S)")
# A word of a place name: ``MADISON``, ``Wis.``, ``N.J.``, ``Zürich``, ``St.``, ``O'Fallon``.
_WORD = re.compile(r"[^\W\d_](?:[\w.'’]|-(?=[^\W_]))*")
# Small words inside a place name (``Isle of Man``, ``Rio de Janeiro``) and between cities.
_AMPERSAND = re.compile("&")
_CONNECTORS = {"and", "&", "of", "de", "du", "la", "le", "les", "del", "da", "do", "dos", "das", "upon", "on", "am", "an", "der", "sur", "en", "y", "el", "al", "di", "van", "von", "the"}
PLACE_MAX = 60
PLACE_MAX_WORDS = 9
PLACE_MAX_COMMAS = 3
# A wire's description in parentheses after its name: ``PRISM MediaWire (Press Release Service – …)``.
_DESCRIPTION = re.compile(r"\s*\([^()\n]{1,80}\)")


@dataclass(frozen=True)
class DatelineMatch:
    """A dateline at the start of a text: ``text`` as printed (up to where the news starts)."""

    text: str
    city: str | None
    region: str | None
    wire: str | None
    date: PrintedDate | None


@dataclass(frozen=True)
class _Element:
    end: int
    wire: str | None = None
    date: PrintedDate | None = None
    # Delimited by its own brackets or slashes, so no separator needs to follow it.
    closed: bool = False


def _wire_name(text: str, position: int, delimited: bool) -> tuple[str, int] | None:
    """A wire's name starting at ``position``: its canonical name and where it ends. A name the
    table does not know counts only ``delimited`` by brackets or slashes: bare, ``Hardwire`` is a word."""
    match = _KNOWN.match(text, position)
    if match:
        assert match.lastgroup is not None
        return _NAMES[int(match.lastgroup[1:])], match.end()
    match = _UNKNOWN.match(text, position) if delimited else None
    if match:
        return " ".join(match.group(0).split()), match.end()
    return None


def _element(text: str, position: int) -> _Element | None:
    """A date or a wire tag at ``position``: ``(WIRE)``, ``(WIRE - DATE)``, ``/WIRE/``, ``(DATE)``,
    a bare wire name (with an optional description in parentheses) or a date."""
    if not _MAY_BEGIN_ELEMENT.match(text, position):
        return None
    opener = text[position]
    if opener in "(/":
        closer = ")" if opener == "(" else "/"
        inner = _SPACES.match(text, position + 1).end()  # type: ignore[union-attr]  # it matches the empty text
        found = _wire_name(text, inner, delimited=True)
        wire = found[0] if found else None
        day: PrintedDate | None = None
        after = found[1] if found else inner
        if found is None:
            day = date_at(text, inner)
            after = day.end if day else inner
        elif opener == "(":
            # ``(Marketwire - Jan. 24, 2012)``, ``(Newsfile Corp. - March 25, 2024)``
            separator = _SEPARATOR.match(text, after)
            inner_date = date_at(text, separator.end()) if separator and _MARK.search(separator.group(0)) else None
            if inner_date is not None:
                day, after = inner_date, inner_date.end
        after = _SPACES.match(text, after).end()  # type: ignore[union-attr]
        if (wire or day) and text.startswith(closer, after):
            return _Element(after + 1, wire, day, closed=True)
        return None
    day = date_at(text, position)
    if day is not None:
        return _Element(day.end, date=day)
    found = _wire_name(text, position, delimited=False)
    if found is not None:
        described = _DESCRIPTION.match(text, found[1])
        return _Element(described.end() if described else found[1], wire=found[0])
    return None


def _place(text: str, position: int) -> tuple[str | None, int, tuple[int, _Element] | None]:
    """The place at ``position`` (None when there is none) and where it ends: capitalised words
    in up to four comma-separated parts, ending where a date or a wire tag begins; and that
    element with its position, so it is read once."""
    words = commas = 0
    end = position
    index = position
    expect_capital = True
    following: tuple[int, _Element] | None = None
    while words < PLACE_MAX_WORDS:
        element = _element(text, index)
        if element is not None:
            following = (index, element)
            break
        word = _WORD.match(text, index) or _AMPERSAND.match(text, index)
        if word is None:
            break
        token = word.group(0)
        if token.lower() in _CONNECTORS and words and not expect_capital:
            index = word.end()
            expect_capital = True
        elif token[0].isupper():
            words += 1
            end = index = word.end()
            expect_capital = False
        else:
            break
        gap = _GAP.match(text, index)
        if gap is None:
            break
        if "," in gap.group(0):
            commas += 1
            if commas > PLACE_MAX_COMMAS:
                break
            expect_capital = True
        index = gap.end()
    place = text[position:end]
    if not words or len(place) > PLACE_MAX or place.split()[-1].lower() in _CONNECTORS:
        return None, position, following if following and following[0] == position else None
    return place, end, following


def _split_place(place: str) -> tuple[str, str | None]:
    """``MADISON, Wis.`` → (``MADISON``, ``Wis.``); several cities stay together as the city."""
    place = " ".join(place.replace("\u00a0", " ").split())
    if _SEVERAL.search(place):
        return place, None
    parts = [part.strip() for part in place.split(",") if part.strip()]
    return parts[0], ", ".join(parts[1:]) or None


def match_dateline(text: str) -> DatelineMatch | None:
    """The dateline that opens ``text``, or None when it opens with something else."""
    position = 0
    republisher = _REPUBLISHER.match(text)
    if republisher:
        position = republisher.end()
    place, position, read = _place(text, position)
    elements: list[_Element] = []
    separators: list[str] = []
    while True:
        separator = _SEPARATOR.match(text, position)
        assert separator is not None  # it matches the empty text
        at = separator.end()
        element = read[1] if read and read[0] == at else _element(text, at)
        if element is None:
            break
        separators.append(separator.group(0))
        elements.append(element)
        position = element.end
    if not elements:
        return None
    first_gap = separators[0]
    if place is None:
        # Without a place, a dateline opens with a wire (``(NewMediaWire) - …``, ``--News Direct--``)
        # or with a date the news follows after a dash (``January 24, 2017 -- …``).
        if elements[0].wire is None and not _DASH.search(_SEPARATOR.match(text, position).group(0)):  # type: ignore[union-attr]
            return None
    elif not (_MARK.search(first_gap) or elements[0].closed or place.endswith(".")):
        return None  # ``On March 13, 2024 the …`` is a sentence, not a place and a date
    ending = _SEPARATOR.match(text, position)
    assert ending is not None
    rest = text[ending.end() :]
    # The news follows a separator or a closed tag; a dateline that fills its paragraph
    # (``--News Direct--``) names only wires: a line that ends on a date is a caption.
    whole = not rest.strip() and all(element.date is None for element in elements)
    if not (_MARK.search(ending.group(0)) or elements[-1].closed or whole):
        return None
    wires = [element.wire for element in elements if element.wire]
    dates = [element.date for element in elements if element.date]
    city, region = _split_place(place) if place else (None, None)
    return DatelineMatch(text[: ending.end()].strip(), city, region, wires[0] if wires else None, dates[0] if dates else None)
