"""Embargo lines → the instant a release may go public, never earlier than the line says.

A line is an embargo line when it *starts* like one (``notice_at``): ``EMBARGOED UNTIL``,
``EMBARGO:``, ``UNDER EMBARGO UNTIL``, ``HOLD FOR RELEASE``, ``NOT FOR RELEASE BEFORE``,
``DO NOT PUBLISH BEFORE``, ``FOR RELEASE AT``, ``FOR PUBLICATION:``…, after any decoration
(``***``, ``[``, ``(``, ``<b>``) and label (``NOTE TO EDITORS:``, ``Media``). The same words
inside a sentence are prose ("the embargo on Russian oil was lifted", "abstracts are embargoed
until the meeting", "Embargo for decades, the Cuban market …") and are left alone
(``_sentence``, ``embargoes_in``); lines that go on with a notice are part of it.

Reading one (``read_embargo``) is all or nothing: every word after the keyword must be a date,
a time, a zone or a linking word ("until", "on", "at"…), or the line is refused saying what
could not be read. Where a line can mean two instants, the later one is taken or the line is
refused (the README's "Embargoed and scheduled releases" lists the rules):

- a time without a.m./p.m. is 24-hour time when its hour is 0 or 13-23, or when its zone
  writes the 24-hour clock (UTC/GMT, offsets, European, African and East Asian zones);
  otherwise (1:00-12:59 in a North American or Australian zone, or with no zone where the
  configured ``timezone`` is such a zone) it is refused as ambiguous, and so are
  ``12:00 a.m.``/``12:00 p.m.`` (write noon or midnight);
- ``midnight, March 3`` is the end of March 3 (00:00 on March 4), ``noon`` is 12:00;
- a date without a time is refused; a time without a date is on the release's own date;
- a zone abbreviation is every instant it can mean (``EST`` in July: UTC-5 or New York's
  EDT) and the latest is taken; ``IST`` (India, Ireland, Israel) and unknown zones are
  refused; no zone is the configured ``timezone``; a wall time that a clock change skips or
  repeats is its later instant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from itertools import compress, count
from zoneinfo import ZoneInfo, available_timezones

from ..model import Finding, ReleaseError, display_date
from .dates import PrintedDate

DEFAULT_ZONE = ZoneInfo("America/New_York")

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTH_WORDS = {**{name[:3]: n for n, name in enumerate(_MONTHS, 1)}, **{name: n for n, name in enumerate(_MONTHS, 1)}, "sept": 9}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_WORDS = {**{name[:3]: n for n, name in enumerate(_WEEKDAYS)}, **{name: n for n, name in enumerate(_WEEKDAYS)}, "tues": 1, "thur": 3, "thurs": 3}


def _words(names: dict[str, int]) -> str:
    """An alternation of whole words, longest first, each maybe followed by a period."""
    return "(?:" + "|".join(sorted(names, key=len, reverse=True)) + r")(?![^\W\d_])\.?"


_MONTH = _words(_MONTH_WORDS)
_WEEKDAY = _words(_WEEKDAY_WORDS)

# --------------------------------------------------------------------------- recognising

# What may stand before the keyword: spaces, ``***``, ``[``, ``(``, ``>``, bullets, the
# character reference a Markdown writer puts for a first ``*``, or an HTML tag (``<b>``).
_DECORATION = r"(?:<[A-Za-z/][^<>\n]*>|&\#\d+;|[\W_])*"
# A label before the notice: ``PRESS RELEASE –``, ``NOTE TO EDITORS:``, ``Media Embargo:``.
_BANNER = (
    r"(?:(?:press|news|media)\s+release|(?:media|news)\s+(?:advisory|alert)|for\s+immediate\s+release|please\s+note|the"
    r"|notes?\s+to\s+(?:editors?|media|reporters|journalists)|editor[’']?s\s+note|attention(?:\s+(?:editors?|media|reporters))?"
    r"|advisory|important|this\s+(?:(?:press|news)\s+)?(?:release|announcement|information)\s+is|release|media|(?:publication|news|press|journal)(?=\s+embargo))"
    rf"{_DECORATION}"
)
_NOUN = r"(?:releases?|released|publication|published|distribution|distributed|broadcast|dissemination|use|used|reported|transmission)"
_VERB = r"(?:publish|release|distribute|broadcast|disseminate|use|report)"
_UNTIL = r"(?:before|until|till|prior\s+to)"
# Words after EMBARGO(ED) that make it an embargo notice rather than the start of a sentence.
_EMBARGO_NEXT = (
    rf"(?:\s*(?:[:)\]*|]|[-–—]{{1,2}}(?![^\W\d_])|\.?\s*$)|\s+(?:\d|{_MONTH}|{_WEEKDAY}|(?:until|untill|till|til|to|for|at|before|"
    r"through|thru|time|date|ends|lifts|expires|notice|pending|upon|material|press|news|release|statement|advisory)\b)"
    r"|\s+(?:lifted|(?:is|will\s+be)\s+lifted|will\s+lift)\s+at\b|\s+in\s+effect\s+until\b)"
)
_FOR_RELEASE_NEXT = rf"(?:\s*[:(\-–—]|\s*$|\s+(?:\d|{_MONTH}|{_WEEKDAY}|(?:at|on|after|from|until|upon|pending|not\s+before|no\s+earlier)\b))"
_FOR_NOUN = r"(?:release|publication|distribution|broadcast)"
_KEYWORD = (
    rf"(?:strict(?:ly)?\s+)?(?:under\s+(?:strict\s+)?)?embargo(?:ed)?(?={_EMBARGO_NEXT})"
    r"|hold\s+(?:for\s+(?:release|publication)|until|till)\b"
    rf"|(?:strict(?:ly)?\s+)?not\s+(?:for|to\s+be)\s+{_NOUN}(?:(?:\s*[,/]\s*|\s+)(?:(?:or|and)\s+)?{_NOUN})*\s+{_UNTIL}\b"
    rf"|(?:please\s+)?do\s+not\s+{_VERB}(?:\s*(?:,|or|and)\s*{_VERB})*\s+{_UNTIL}\b"
    rf"|(?:scheduled\s+)?for\s+{_FOR_NOUN}(?:\s*(?:[,/]|\band\b|\bor\b)\s*{_FOR_NOUN})*(?={_FOR_RELEASE_NEXT})"
    r"|(?:on\s+hold|confidential)\s+until\b|to\s+be\s+released\s+(?:at|on)\b"
    # In other languages: recognised so that they stop the build (their words are not read)
    # rather than let the release out at once.
    r"|(?P<foreign>sous\s+embargo|embargo\s+(?:jusqu|hasta|até|fino|tot\b|bis\b)|embargad[oa]\b|sperrfrist"
    r"|ne\s+pas\s+(?:publier|diffuser)\s+avant|(?:報道)?解禁)"
)
EMBARGO_RE = re.compile(rf"^{_DECORATION}(?:{_BANNER})?(?P<keyword>{_KEYWORD})", re.IGNORECASE)
# Characters a page shows as nothing (a zero-width space still parts two words; direction
# marks, joiners, variation selectors, tag characters): a notice is read as a person sees it.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f]")


def visible(text: str) -> str:
    """``text`` as a reader sees it: full-width letters and digits as their plain forms (NFKC)
    and without the characters a page shows as nothing. Most texts are ASCII: no change."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    return _INVISIBLE.sub(lambda found: " " if found.group() == "\u200b" else "", text) if _INVISIBLE.search(text) else text


# ``EMBARGO: NONE``, ``FOR RELEASE: IMMEDIATELY``: the line says there is no embargo.
_NO_EMBARGO_RE = re.compile(r"[\W_]*(?:none|n/?a|no|nil|not\s+applicable|immediate(?:ly)?|(?:up)?on\s+receipt)[\W_]*$", re.IGNORECASE)


def _notice(text: str) -> re.Match[str] | None:
    """Where ``text`` matches as a notice (its ``keyword``), or None: a line that says there is
    no embargo, or a sentence about something else, is none."""
    match = EMBARGO_RE.match(text)
    if match is None or _NO_EMBARGO_RE.match(text, match.end()) or _sentence(text, match):
        return None
    return match


def embargoes_in(text: str, path: str, zone: tzinfo = DEFAULT_ZONE, first: int = 1) -> list[Embargo]:
    """Every embargo notice of ``text`` (whose first line is number ``first``), read; one that
    cannot be read raises ``ReleaseError`` with its file and line.

    A notice is a line that starts like one (``notice_at``) and the lines below it in its
    paragraph that go on with it (``notice_end``); read alone and read whole, the later holds
    (``embargo_of``). A lower-case ``embargoed until …`` that continues a paragraph may be a
    hard-wrapped sentence ("… stayed / embargoed until 2019, when …"): it is a notice only when
    it names a date or time, or reads.
    """
    text = visible(text)  # ``EMBARGOED<zero-width space>UNTIL`` as a reader sees it
    lines = text.split("\n")
    numbers: Sequence[int] = range(first, first + len(lines))
    if "\f" in text:
        # A page break (form feed) ends the paragraph: it stands as an empty line between the
        # pieces it cuts its line into, each numbered as that line.
        numbers = [number for number, line in zip(numbers, lines, strict=True) for _ in range(2 * line.count("\f") + 1)]
        lines = text.replace("\f", "\n\n").split("\n")
    found: list[Embargo] = []
    end = 0  # the lines before it are read already, as part of a notice above them
    # Tried on every line in C (``map``), the rest only where it matches.
    for index in compress(count(), map(EMBARGO_RE.match, lines)):
        if index < end or not notice_at(lines, index, zone):
            continue
        end = notice_end(lines, index, zone)
        found.extend(_readings(lines[index:end], path, numbers[index], zone))
    return found


def notice_at(lines: Sequence[str], index: int, zone: tzinfo = DEFAULT_ZONE) -> bool:
    """Whether ``lines[index]`` starts an embargo notice: it starts like one and is no sentence
    about something else (``_sentence``); in lower case, undecorated and continuing a paragraph,
    only when it names a date or time, or reads."""
    match = _notice(lines[index])
    if match is None:
        return False
    if match.group("keyword")[0].islower() and not lines[index][: match.start("keyword")].strip() and index and lines[index - 1].strip():
        # A sentence's wrapped line ("… stayed / embargoed until 2019, when …") names no moment;
        # one that names a date or time is a notice, and must read.
        whole = " ".join(line.strip() for line in lines[index : notice_end(lines, index, zone)])
        return _names(lines[index][match.end() :], _MOMENTS) or _reads(whole, zone)
    return True


def notice_end(lines: Sequence[str], index: int, zone: tzinfo = DEFAULT_ZONE) -> int:
    """The end of the notice that starts at ``lines[index]``: the lines below it in its paragraph
    that go on with it are part of it. A line goes on with it when it opens with a date, time,
    weekday, year, zone or joining word, or is a notice line itself (``Embargo time: …`` under
    ``Embargo date: …``), and the notice reads with it; or when it names a date or time the
    notice lacks and is written as the notice is (capitals under capitals, or in lower case):
    then it must read with it (``4:30 P.M. CT`` / ``ON JUNE 4, 2021, AT THE ASCO MEETING`` is
    refused, not read as a notice for today)."""
    end = index + 1
    text = lines[index].strip()
    dated = _names(text, ("date", "iso", "numeric"))
    while end < len(lines) and end - index <= NOTICE_LINES_MAX and (line := lines[end].strip()):
        opening = _opening(line)
        if opening is None and not EMBARGO_RE.match(line):
            break
        joined = f"{text} {line}"
        alike = line[0].islower() or (_capitals(text) and _capitals(line))
        if not (_reads(joined, zone) or (not dated and alike and (_names(line, _MOMENTS) or opening == "joining"))):
            break
        text, end = joined, end + 1
    return end


def _reads(text: str, zone: tzinfo) -> bool:
    try:
        read_embargo(text, "", 0, zone)
    except ReleaseError:
        return False
    return True


def _capitals(text: str) -> bool:
    return text.upper() == text and text.lower() != text


def _names(text: str, kinds: Iterable[str]) -> bool:
    """Whether ``text`` names a moment of one of these kinds (a clock only with real minutes)."""
    return any(kind in kinds and _real_moment(kind, match) for kind, match in _tokens(text, 0))


def _real_moment(kind: str, token: re.Match[str]) -> bool:
    """Whether a token of a moment's kind names one: a clock only with real minutes (``$4.99`` is none)."""
    return kind != "clock" or int(token.group("mi") or 0) < 60


def _readings(lines: list[str], path: str, number: int, zone: tzinfo) -> list[Embargo]:
    """A notice's line read alone and, when lines below it go on with it, read with them; the
    whole must read, the line alone need not."""
    whole = read_embargo(" ".join(line.strip() for line in lines), path, number, zone)
    if whole.day is None and _OPEN_END.search(whole.text):
        # ``… 3:15 p.m. ET,`` then a page break: its date is elsewhere, and "today" could be early.
        raise whole._error("it stops mid-phrase, without a date: write the notice whole, on its own lines")
    if len(lines) == 1:
        return [whole]
    try:
        alone = read_embargo(lines[0], path, number, zone)
    except ReleaseError:
        return [whole]
    # A weekday alone would be dated by the release's own date: the whole dates it.
    return [whole] if alone.day is None and alone.weekday is not None else [alone, whole]


def _opening(line: str) -> str | None:
    """How ``line`` opens (maybe after a bracket), when it has the shape of a notice's next line:
    ``"joining"`` with a word that joins (``on``, ``or``), ``"moment"`` with a date, a time, a
    weekday, a year or a zone; else None."""
    for kind, match in _tokens(line, 0):
        if kind == "space":
            if match.group(0).strip(" \t([{*-–—,;:"):
                return None  # a table's bar, a quote, a tag: something else
            continue
        if kind == "word":
            word = match.group(0).lower().rstrip(".")
            return "joining" if word in _JOINING else "moment" if word in _zone_words() else None
        return "moment" if kind != "?" or _YEAR_ALONE.match(match.group(0)) else None
    return None


def _sentence(text: str, match: re.Match[str]) -> bool:
    """Whether a line that starts like a notice is a sentence about something else: ``Embargo
    for decades, the Cuban market remains closed.``, ``For release on iOS and Android, the app
    will cost $4.99.``, ``| Embargo | Country |``, ``- embargo at ports in the region``. It ends
    as a sentence does (or is a table's row, or its keyword is in lower case), names no date or
    time, is not written in capitals, and four or more of its words (two in a table's row or
    after a lower-case keyword) are none a notice uses.
    (``Embargoed until further notice`` and ``Embargoed until the close of markets``, a line of
    its own, are notices.)"""
    start = match.end()
    # A table's row, or a line whose keyword is in lower case, is read more loosely.
    loose = "|" in text[start:] or match.group("keyword")[0].islower()
    if text.upper() == text or not (loose or _SENTENCE_END.search(text)):
        return False
    strangers = 0
    for kind, token in _tokens(text, start):
        if kind in _MOMENTS and _real_moment(kind, token):
            return False
        if kind in ("word", "?"):
            word = token.group(0).lower().rstrip(".")
            strangers += word not in _LINKING and word not in _HOLDING and word not in _zone_words()
    # A table's row or a lower-case line is about something else with two such words; a line
    # that ends as a sentence does with four (a notice of its own names its event in fewer:
    # "Embargoed until the close of markets.").
    return strangers >= (2 if loose else 4)


# --------------------------------------------------------------------------- zones


@dataclass(frozen=True)
class _Zone:
    """What a zone as printed can mean: every reading, and whether it writes 24-hour time."""

    readings: tuple[tzinfo, ...]
    clock24: bool


def _offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


_ZONES: dict[tuple[str, ...], _Zone] = {}
_REFUSED: dict[tuple[str, ...], str] = {
    ("ist",): "'IST' is India (UTC+5:30), Ireland (UTC+1) or Israel (UTC+2) time: write the offset, e.g. UTC+05:30",
}


def _zone(names: str, *readings: tzinfo | str, clock24: bool = False) -> None:
    """Register ``names`` (``|``-separated, words separated by spaces) for the same readings."""
    zone = _Zone(tuple(ZoneInfo(r) if isinstance(r, str) else r for r in readings), clock24)
    for name in names.split("|"):
        _ZONES[tuple(name.split())] = zone


def _place(key: str, local: str, standard: tuple[str, float], daylight: tuple[str, float] | None = None, clock24: bool = False) -> None:
    """A place's names: for its local time, and its standard and daylight abbreviations, each of
    which may be meant literally (a fixed offset) or as the place's time: both are readings."""
    if local:
        _zone(local, key, clock24=clock24)
    for names, hours in (standard, daylight) if daylight else (standard,):
        _zone(names, key, _offset(hours), clock24=clock24)


# North America, Australia and New Zealand write 12-hour time. CST is also China Standard Time
# (UTC+8) and AST Arabia Standard Time (UTC+3): always earlier than the American readings, so the
# latest reading is the American one.
_place("America/New_York", "et|eastern|eastern time|ept|eastern prevailing time|new york time", ("est|eastern standard time", -5), ("edt|eastern daylight time", -4))
_place("America/Chicago", "ct|central|central time", ("cst|central standard time", -6), ("cdt|central daylight time", -5))
# Arizona keeps MST all year: the literal reading.
_place("America/Denver", "mt|mountain|mountain time", ("mst|mountain standard time", -7), ("mdt|mountain daylight time", -6))
_place("America/Los_Angeles", "pt|pacific|pacific time", ("pst|pacific standard time", -8), ("pdt|pacific daylight time", -7))
_place("America/Anchorage", "akt|alaska|alaska time", ("akst|alaska standard time", -9), ("akdt|alaska daylight time", -8))
_place("Pacific/Honolulu", "", ("hst|hast|hawaii|hawaii time|hawaii standard time", -10))
_place("America/Halifax", "atlantic|atlantic time", ("ast|atlantic standard time", -4), ("adt|atlantic daylight time", -3))
_place("America/St_Johns", "nt|newfoundland|newfoundland time", ("nst|newfoundland standard time", -3.5), ("ndt|newfoundland daylight time", -2.5))
_place("Australia/Sydney", "", ("aest|australian eastern standard time", 10), ("aedt|australian eastern daylight time", 11))
_place("Australia/Adelaide", "", ("acst|australian central standard time", 9.5), ("acdt|australian central daylight time", 10.5))
_place("Australia/Perth", "", ("awst|australian western standard time", 8))
_place("Pacific/Auckland", "", ("nzst|new zealand standard time", 12), ("nzdt|new zealand daylight time", 13))
# UTC and GMT are the same all year (GMT is not London's summer time); Europe, Africa and East
# Asia write 24-hour time.
_zone("utc|z|zulu|gmt|coordinated universal time|greenwich mean time", timezone.utc, clock24=True)
_place("Europe/London", "", ("bst|british summer time", 1), clock24=True)
_place("Europe/Lisbon", "", ("wet|western european time", 0), clock24=True)
_place("Europe/Paris", "", ("cet|central european time", 1), ("cest|central european summer time", 2), clock24=True)
_place("Europe/Helsinki", "", ("eet|eastern european time", 2), ("eest|eastern european summer time", 3), clock24=True)
_zone("msk|moscow time", "Europe/Moscow", clock24=True)
_zone("wat|west africa time", "Africa/Lagos", clock24=True)
_zone("cat|central africa time", "Africa/Maputo", clock24=True)
_zone("sast|south africa standard time", "Africa/Johannesburg", clock24=True)
_zone("eat|east africa time", "Africa/Nairobi", clock24=True)
_zone("jst|japan standard time", "Asia/Tokyo", clock24=True)
_zone("kst|korea standard time", "Asia/Seoul", clock24=True)
_zone("hkt|hong kong time", "Asia/Hong_Kong", clock24=True)
_zone("sgt|singapore time", "Asia/Singapore", clock24=True)
_ZONE_LONGEST = max(len(name) for name in (*_ZONES, *_REFUSED))


@lru_cache(maxsize=1)
def _zone_words() -> frozenset[str]:
    """Every word of a zone's name (``pacific``, ``time``, ``est``): a notice's words."""
    return frozenset(word for name in (*_ZONES, *_REFUSED) for word in name)

# IANA zones where business writes 24-hour time; elsewhere 1:00-12:59 needs a.m./p.m.
_CLOCK24_REGIONS = ("Europe/", "Etc/", "Africa/", "UTC", "GMT", "Zulu", "Universal")
_CLOCK24_ZONES = {"Asia/Tokyo", "Asia/Seoul", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore", "Asia/Taipei"}


def writes_24_hour(zone: tzinfo) -> bool:
    """Whether a time without a.m./p.m. in ``zone`` (an IANA zone or an offset) is 24-hour time."""
    if not isinstance(zone, ZoneInfo):
        return True
    return zone.key.startswith(_CLOCK24_REGIONS) or zone.key in _CLOCK24_ZONES


@lru_cache(maxsize=1)
def _iana_names() -> dict[str, str]:
    """IANA zone names by their lower case: a notice in capitals may print ``AMERICA/NEW_YORK``."""
    return {name.lower(): name for name in available_timezones()}


# --------------------------------------------------------------------------- reading

# Words that link the parts of a notice and carry no date, time or zone.
_LINKING = frozenset(
    "until untill till til to for release released releases publication published distribution distributed "
    "broadcast dissemination embargo embargoed strictly strict under hold not no before prior after from at on "
    "of the and or by time date lifts lifted lift ends expires hours hrs earlier than today through thru is will this "
    "material press news statement advisory use used reported transmission publish distribute report do please be upon pending "
    "in effect".split()
)
# A notice that stops mid-phrase: a comma or a joining word at its end.
_OPEN_END = re.compile(r"(?:,|\b(?:on|at|or|and|until|till|by|from|to|of|the))\s*$", re.IGNORECASE)
# A notice and the lines that go on with it: a few at most (a wire wraps one sentence).
NOTICE_LINES_MAX = 4
# Words that open a line going on with the notice above it (``ON MARCH 4``, ``OR 19:00 CET``).
_JOINING = frozenset("on at or and until till by from to through thru".split())
# What a notice names its moment with (a clock only with real minutes: ``$4.99`` is none).
_MOMENTS = frozenset({"iso", "numeric", "named", "clock", "date"})
# A sentence's end: a stop after a word, maybe inside a closing quote or bracket.
_SENTENCE_END = re.compile(r"[\w)][.!?][\"'”’)\]]*\s*$")
# Words a notice without a moment holds with (``until further notice``): it is still a notice.
_HOLDING = frozenset("further notice".split())
_YEAR_ALONE = re.compile(r"\d{4}(?:\W|$)")
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"\d{4}(?![\d:])"
_HALF = r"[ap]\.?\s?m(?![^\W\d_])\.?"
_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("iso", r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:T(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?(?P<zone>Z|[+\-−]\d{2}(?::?\d{2})?)?)?(?!\d)"),
        ("numeric", r"(?P<a>\d{1,4})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})(?!\d)"),
        # A sign spaced on both sides (``00:00 UTC - 2000-12-31``) separates, and an offset is
        # never the start of a date (``UTC-2000-12-31``).
        ("offset", r"(?:UTC|GMT)(?:\s*(?=[+\-−]\d)|(?=[+\-−]))(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?:[:.]?(?P<mi>\d{2}))?(?![\d\-/])"),
        ("offset", r"(?P<sign>[+\-−])(?P<h>\d{2})(?P<colon>:?)(?P<mi>\d{2})(?!\d)"),
        ("named", r"(?:12(?:[:.]00)?\s*)?(?P<name>noon|midday|midnight)(?![^\W\d_])"),
        ("clock", rf"(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}})(?::(?P<s>\d{{2}}))?)?(?!\d)(?:\s*(?P<half>{_HALF}))?"),
        ("date", rf"(?P<month>{_MONTH})\s*(?P<d>\d{{1,2}}){_ORDINAL}(?!\d)(?:\s*,?\s*(?P<y>{_YEAR}))?"),
        ("date", rf"(?P<d>\d{{1,2}}){_ORDINAL}\s*(?:of\s+)?(?P<month>{_MONTH})(?:\s*,?\s*(?P<y>{_YEAR}))?"),
        ("weekday", _WEEKDAY),
        ("iana", r"[A-Za-z]+(?:/[A-Za-z][A-Za-z_+\-]*)+"),
        ("word", r"[^\W\d_]+(?:\.(?=[^\W\d_])[^\W\d_]+)*\.?"),
        # an HTML tag or character reference around the words (``<b>…</b>``, ``&nbsp;``) is space too
        ("space", r"(?:<[A-Za-z/][^<>\n]*>|&(?:\#\d+|\#x[0-9a-f]+|[a-z]+);|[\s,;:.()\[\]{}<>*/|\\\"'“”‘’`#_=~!?&@+\-–—−•·])+"),
    )
)


_UNREAD = re.compile(r"\S+")


def _accepts(kind: str, match: re.Match[str], text: str) -> bool:
    """Checks a pattern cannot make: a clock needs minutes or a.m./p.m.; a bare offset
    (``-05:00``) a colon or a time right before it; an IANA name must exist."""
    if kind == "clock":
        return bool(match.group("mi") or match.group("half"))
    if kind == "offset" and "colon" in match.groupdict():
        return bool(match.group("colon")) or text[match.start() - 1 : match.start()].isdigit()
    if kind == "iana":
        return match.group(0).lower() in _iana_names()
    return True


@dataclass
class _Moment:
    """A time of day (from the day's midnight; 24:00 is the day's end) and the zones after it."""

    clock: timedelta
    printed: str
    twelve_hour_doubt: bool
    zones: list[_Zone]


@dataclass(frozen=True)
class Embargo:
    """What one embargo line states; ``at`` turns it into an instant."""

    text: str
    path: str
    line: int
    # None when the line gives no date; its year is None when it prints none.
    day: PrintedDate | None
    weekday: int | None
    # Each time of day stated (``8:00 a.m. ET / 5:00 a.m. PT`` states two) and its readings.
    moments: tuple[tuple[timedelta, tuple[tzinfo, ...]], ...]

    @property
    def stated_date(self) -> date | None:
        """The date the line prints with its year, if any."""
        return self.day.resolve(self.path, self.line) if self.day and self.day.year is not None else None

    def _error(self, message: str) -> ReleaseError:
        return _refusal(self.path, self.line, self.text, message)

    def _date(self, release_day: date | None) -> date:
        if release_day is None and (self.day is None or self.day.year is None):
            missing = "a time without a date" if self.day is None else "a date without a year"
            raise self._error(f"{missing}, and the release has no date of its own")
        if self.day is None:
            assert release_day is not None
            day = release_day
        else:
            try:
                day = self.day.resolve(self.path, self.line, near=release_day)
            except ReleaseError as exc:  # Feb. 29 in a year near the release's that has none
                raise self._error(exc.finding.message) from None
        if self.weekday is not None and day.weekday() != self.weekday:
            raise self._error(f"{_WEEKDAYS[self.weekday].title()} does not match {day:%B} {day.day}, {day.year}, a {day:%A}")
        return day

    def at(self, release_day: date | None = None) -> datetime:
        """The latest instant the line can mean; ``release_day`` dates a line that gives no date
        (or no year). Raises ``ReleaseError`` when it cannot be dated."""
        midnight = datetime.combine(self._date(release_day), time())
        try:
            instant = max(latest_instant(midnight + clock, readings) for clock, readings in self.moments)
            instant.astimezone(timezone.utc)  # the site states it in UTC: it must be one there
        except OverflowError:  # past the end of the year 9999, or before the year 1 in UTC
            raise self._error("a time outside the years 1 to 9999") from None
        return instant


def latest_instant(wall: datetime, zones: Iterable[tzinfo]) -> datetime:
    """The latest instant the naive ``wall`` time can be in any of ``zones``, with a fixed offset:
    a wall time a clock change skips or repeats is read on both sides of the change."""
    instants = []
    for zone in zones:
        for fold in (0, 1):
            offset = wall.replace(tzinfo=zone, fold=fold).utcoffset()
            assert offset is not None
            instants.append(wall.replace(tzinfo=timezone(offset), fold=0))
    return max(instants)


def _refusal(path: str, line: int, text: str, message: str) -> ReleaseError:
    """The error for an embargo line that cannot be read: what is wrong, and the line as printed."""
    shown = " ".join(text.split())
    shown = shown if len(shown) <= 120 else shown[:119] + "…"
    return ReleaseError(path, line, f"cannot read the embargo line {shown!r}: {message}")


def _tokens(text: str, start: int) -> Iterator[tuple[str, re.Match[str]]]:
    """The pieces of ``text`` from ``start``: (kind, match); an unreadable piece is kind ``?``."""
    position = start
    while position < len(text):
        for kind, pattern in _TOKENS:
            match = pattern.match(text, position)
            if match and match.end() > position and _accepts(kind, match, text):
                break
        else:
            match = _UNREAD.match(text, position)
            assert match is not None  # the space pattern takes any white space
            kind = "?"
        yield kind, match
        position = match.end()


def _offset_zone(sign: str, hours: str, minutes: str | None, error: Callable[[str], ReleaseError]) -> _Zone:
    span = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if span >= timedelta(hours=15) or int(minutes or 0) > 59:
        raise error(f"impossible UTC offset {sign}{hours}:{minutes or '00'}")
    return _Zone((timezone(-span if sign in "-−" else span),), clock24=True)


def _clock(hours: int, minutes: int, seconds: int, half: str | None, printed: str, error: Callable[[str], ReleaseError]) -> tuple[timedelta, bool]:
    """A printed time of day → (time since midnight, whether it is 1:00-12:59 without a.m./p.m.)."""
    if minutes > 59 or seconds > 59:
        raise error(f"impossible time {printed!r}")
    if half:
        if not 1 <= hours <= 12:
            raise error(f"impossible time {printed!r}: a.m./p.m. goes with hours 1 to 12")
        if hours == 12 and minutes == 0 and seconds == 0:
            raise error(f"{printed!r} can mean noon or midnight: write 'noon', 'midnight' or '12:01 a.m.'")
        hours = hours % 12 + (12 if half[0].lower() == "p" else 0)
        return timedelta(hours=hours, minutes=minutes, seconds=seconds), False
    if hours > 24 or (hours == 24 and (minutes or seconds)):
        raise error(f"impossible time {printed!r}")
    return timedelta(hours=hours, minutes=minutes, seconds=seconds), 1 <= hours <= 12


def _words_at(tokens: list[tuple[str, re.Match[str]]], index: int) -> list[str]:
    """The words from ``tokens[index]`` on that only white space separates, lower case, no dots:
    as many as the longest zone's name has (more are never looked at)."""
    words: list[str] = []
    while index < len(tokens) and len(words) < _ZONE_LONGEST:
        kind, match = tokens[index]
        if kind == "word":
            words.append(match.group(0).lower().replace(".", ""))
        elif not (kind == "space" and not match.group(0).strip()):
            break
        index += 1
    return words


def read_embargo(text: str, path: str, line: int, zone: tzinfo = DEFAULT_ZONE) -> Embargo:
    """What the embargo line ``text`` states; ``zone`` is the zone of a time printed without one.

    Raises ``ReleaseError`` (file, line, what could not be read) unless every part is read.
    """

    def error(message: str) -> ReleaseError:
        return _refusal(path, line, text, message)

    head = EMBARGO_RE.match(text)
    if head is None:
        raise error("not an embargo line")
    if head.group("foreign"):
        raise error(f"a notice in another language ({head.group('foreign')!r}), whose dates and times are not read: keep the release out of releases/ (or list it under the plugin option 'ignore') until its time")
    tokens = list(_tokens(text, head.end()))
    days: dict[tuple[int | None, int, int], PrintedDate] = {}
    weekdays: set[int] = set()
    moments: list[_Moment] = []
    waiting: list[_Zone] = []  # zones printed before any time: they go with the first one

    def add_zone(found: _Zone) -> None:
        (moments[-1].zones if moments else waiting).append(found)

    def add_day(year: int | None, month: int, number: int, printed: str, match: re.Match[str]) -> None:
        found = PrintedDate(printed.strip(), year, month, number, match.start(), match.end())
        if year is not None:
            try:
                found.resolve(path, line)
            except ReleaseError as exc:
                raise error(exc.finding.message) from None
        days[(year, month, number)] = found

    def add_time(clock: timedelta, printed: str, doubt: bool) -> None:
        moments.append(_Moment(clock, printed, doubt, waiting[:] if not moments else []))

    index = 0
    while index < len(tokens):
        kind, match = tokens[index]
        piece = match.group(0)
        index += 1
        if kind == "space":
            continue
        if kind == "iso":
            add_day(int(match.group("y")), int(match.group("mo")), int(match.group("d")), piece[:10], match)
            if match.group("h"):
                clock, _ = _clock(int(match.group("h")), int(match.group("mi")), int(match.group("s") or 0), None, piece, error)
                add_time(clock, piece, False)  # ISO 8601 is 24-hour time
                offset = match.group("zone")
                if offset:
                    add_zone(_ZONES[("z",)] if offset in "Zz" else _offset_zone(offset[0], offset[1:3], offset[-2:] if len(offset) > 3 else None, error))
        elif kind == "numeric":
            add_day(*_numeric_date(match, error), piece, match)
        elif kind == "offset":
            add_zone(_offset_zone(match.group("sign"), match.group("h"), match.group("mi"), error))
        elif kind == "named":
            name = match.group("name").lower()
            add_time(timedelta(hours=24 if name == "midnight" else 12), piece, False)
        elif kind == "clock":
            clock, doubt = _clock(int(match.group("h")), int(match.group("mi") or 0), int(match.group("s") or 0), match.group("half"), piece, error)
            add_time(clock, piece, doubt)
        elif kind == "date":
            year = int(match.group("y")) if match.group("y") else None
            add_day(year, _MONTH_WORDS[match.group("month").lower().rstrip(".")], int(match.group("d")), piece, match)
        elif kind == "weekday":
            weekdays.add(_WEEKDAY_WORDS[piece.lower().rstrip(".")])
        elif kind == "iana":
            found = ZoneInfo(_iana_names()[piece.lower()])
            add_zone(_Zone((found,), writes_24_hour(found)))
        elif kind == "word":
            words = _words_at(tokens, index - 1)
            for size in range(min(len(words), _ZONE_LONGEST), 0, -1):
                name = tuple(words[:size])
                if name in _REFUSED:
                    raise error(_REFUSED[name])
                if name in _ZONES:
                    add_zone(_ZONES[name])
                    index += 2 * (size - 1)  # the words and the spaces between them
                    break
            else:
                if words[0] not in _LINKING:
                    unknown = match.group(0)
                    if unknown.isupper() and len(unknown.rstrip(".")) <= 5:
                        raise error(f"unknown time zone {unknown!r}: write a UTC offset such as UTC-05:00 or a zone such as America/New_York")
                    raise error(f"cannot read {unknown!r}")
        else:
            raise error(f"cannot read {piece!r}")

    if len(days) > 1:
        raise error("two different dates")
    if len(weekdays) > 1:
        raise error("two different weekdays")
    if not moments:
        if days:
            raise error("a date without a time (an embargo needs its time, e.g. '8:00 a.m. ET')")
        raise error("no date or time")
    readings: list[tuple[timedelta, tuple[tzinfo, ...]]] = []
    for moment in moments:
        zones = moment.zones or [_Zone((zone,), writes_24_hour(zone))]
        if moment.twelve_hour_doubt and not all(found.clock24 for found in zones):
            raise error(f"{moment.printed.strip()!r} has no a.m. or p.m. (write '{moment.printed.strip()} a.m.' or '… p.m.', or 24-hour time with a UTC offset)")
        readings.append((moment.clock, tuple(reading for found in zones for reading in found.readings)))
    return Embargo(
        text=text,
        path=path,
        line=line,
        day=next(iter(days.values()), None),
        weekday=next(iter(weekdays), None),
        moments=tuple(readings),
    )


def _numeric_date(match: re.Match[str], error: Callable[[str], ReleaseError]) -> tuple[int, int, int]:
    """``3/17/2021``, ``17.03.2021``, ``2021/03/17``: accepted only when month and day cannot swap."""
    first, second, third = match.group("a"), int(match.group("b")), match.group("c")
    if len(first) == 4:
        day: tuple[int, int, int] = (int(first), second, int(third))
    elif len(third) != 4:
        raise error(f"{match.group(0)!r} has no four-digit year")
    elif int(first) == second or int(first) > 12:
        day = (int(third), second, int(first))
    elif second > 12:
        day = (int(third), int(first), second)
    else:
        raise error(f"{match.group(0)!r} can be day/month or month/day: write the month's name")
    return day


def parse_embargo(text: str, path: str, line: int, zone: tzinfo = DEFAULT_ZONE, day: date | None = None) -> datetime:
    """The instant the embargo line ``text`` allows publication: never earlier than any reading of
    it. ``zone`` is the zone of a time printed without one, ``day`` the date of a line without
    one (the release's). Raises ``ReleaseError`` naming ``path`` and ``line``."""
    return read_embargo(text, path, line, zone).at(day)


def embargo_of(lines: list[Embargo], day: date | None, path: str, undated: date | None = None) -> tuple[datetime | None, list[Finding]]:
    """The embargo of a release with these embargo lines (``day`` its date; ``undated`` the day
    of a line without a date, when the text states a later one than ``day``): the latest of
    them, and a warning when they disagree."""
    instants = [(stated.at(undated or day if stated.day is None else day), stated) for stated in lines]
    if not instants:
        return None, []
    latest, chosen = max(instants, key=lambda pair: pair[0])
    # The notice that holds, dated before the release's own date (a year typed wrong in January,
    # most often): read as written it would publish the release early.
    printed = chosen._date(day) if chosen.day is not None and day is not None else None
    if printed is not None and day is not None and printed < day:
        raise chosen._error(f"its date, {display_date(printed)}, is before the release's own, {display_date(day)}: correct the one that is wrong")
    # (A line read alone and with the next one is one notice: its readings do not disagree with each other.)
    others = [stated for instant, stated in instants if instant != latest and stated.line != chosen.line]
    findings = [
        Finding(path, stated.line, "warning", f"this embargo line says an earlier time than line {chosen.line}: the release waits until {latest.isoformat()}")
        for stated in others
    ]
    return latest, findings
