"""Embargo lines read so that a release never goes out early (issue 14 point 3, issue 13 class 4).

Every accepted form is checked against its instant written by hand in UTC (the offsets in the
comments are the reasoning, not computed here); every refused form against its message and line.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import frontmatter
import pytest
from click.testing import CliRunner

from newsroom.catalogue import load_catalogue
from newsroom.cli import main
from newsroom.collection import collect, entry_from_meta
from newsroom.markdown_writer import body_markdown, front_matter
from newsroom.model import ReleaseError
from newsroom.publication import published_at
from newsroom.tagging import load_vocabulary
from newsroom.wire import parse_release
from newsroom.wire.embargo import embargoes_in, notice_at, parse_embargo, visible

from .helpers import ROOT


def is_embargo_line(text: str) -> bool:
    """Whether ``text``, a line of its own, is an embargo notice as the parser sees it."""
    return notice_at([visible(text)], 0)


def utc(text: str) -> datetime:
    """``2021-03-03 13:00`` → that minute in UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


D = date(2021, 3, 3)  # the release's date, for lines that give no date or no year
# (line, the release's date, the instant in UTC)
ACCEPTED = [
    # ET on March 3, 2021 is EST, UTC-5.
    ("EMBARGOED UNTIL 08:00 AM ET, MARCH 3, 2021", None, "2021-03-03 13:00"),
    # ISO 8601: the offset is not a time of day (it was read as 05:00).
    ("EMBARGOED UNTIL 2021-03-03T16:05:00-05:00", None, "2021-03-03 21:05"),
    ("Embargoed until 2021-03-03T21:05Z", None, "2021-03-03 21:05"),
    ("EMBARGOED UNTIL 2021-03-03T16:05:00.000-0500", None, "2021-03-03 21:05"),
    # ISO without an offset: the configured zone (New York, EST).
    ("EMBARGOED UNTIL 2021-03-03T16:05", None, "2021-03-03 21:05"),
    # A spaced dash before a date separates: "UTC - 2021" was read as the offset UTC-20:21.
    ("EMBARGOED UNTIL 8:00 A.M. ET / 13:00 UTC - 2021-03-03", None, "2021-03-03 13:00"),
    ("EMBARGOED UNTIL 7:01 P.M. ET / 00:00 UTC - 2021-03-03", None, "2021-03-04 00:01"),
    ("EMBARGOED UNTIL 2021-03-03 16:05 UTC -5", None, "2021-03-03 21:05"),
    ("EMBARGOED UNTIL 2021-03-03 16:05 GMT- 05:00", None, "2021-03-03 21:05"),
    # NOON was 00:00; a time without a date is on the release's date.
    ("EMBARGOED UNTIL NOON ET", D, "2021-03-03 17:00"),
    ("EMBARGOED UNTIL 12 noon ET, March 3, 2021", None, "2021-03-03 17:00"),
    # Midnight of March 3 is its end: 00:00 EST on March 4.
    ("EMBARGOED UNTIL MIDNIGHT ET, MARCH 3, 2021", None, "2021-03-04 05:00"),
    ("EMBARGOED UNTIL 12:00 midnight, March 3, 2021", None, "2021-03-04 05:00"),
    # Issue 13's body line, 3:15 p.m. EST on the release's date.
    ("EMBARGOED UNTIL 3:15 p.m. ET", D, "2021-03-03 20:15"),
    # 12:01 a.m. CST (UTC-6) on Monday, November 17, 2025.
    ("EMBARGOED UNTIL 12:01 a.m. CT, Monday, Nov. 17, 2025", None, "2025-11-17 06:01"),
    ("EMBARGO UNTIL 12:01 A.M. CT MONDAY NOV 17 2025", None, "2025-11-17 06:01"),
    # HST is UTC-10 (was read as New York time).
    ("EMBARGOED UNTIL 4:05 p.m. HST, July 3, 2021", None, "2021-07-04 02:05"),
    # AKST written in July: literally UTC-9 (17:00) or Alaska's AKDT (16:00): the later.
    ("EMBARGOED UNTIL 8:00 a.m. AKST, July 3, 2021", None, "2021-07-03 17:00"),
    # GMT is UTC all year (was London time: 07:00 UTC in July).
    ("EMBARGOED UNTIL 08:00 GMT, July 3, 2021", None, "2021-07-03 08:00"),
    ("Embargoed until 8:00 GMT on 3 July 2021", None, "2021-07-03 08:00"),
    # EST in July: literally UTC-5 (13:00) or New York's EDT (12:00): the later.
    ("HOLD FOR RELEASE UNTIL 8:00 A.M. EST, July 3, 2021", None, "2021-07-03 13:00"),
    # EDT in January: literally UTC-4 (12:00) or New York's EST (13:00): the later.
    ("EMBARGOED UNTIL 8:00 A.M. EDT, January 5, 2021", None, "2021-01-05 13:00"),
    # CST in July: UTC-6 (14:00), Chicago's CDT (13:00) or China's UTC+8 (00:00): the latest.
    ("EMBARGOED UNTIL 8:00 AM CST, July 3, 2021", None, "2021-07-03 14:00"),
    # MST in July: Arizona's UTC-7 (15:00) or Denver's MDT (14:00).
    ("EMBARGOED UNTIL 8:00 a.m. MST, July 3, 2021", None, "2021-07-03 15:00"),
    ("EMBARGO UNTIL 10:00 CET, 3 March 2021", None, "2021-03-03 09:00"),
    # CET written in July: UTC+1 (09:00) or Paris' CEST (08:00).
    ("EMBARGOED: 10:00 CET, 3 July 2021", None, "2021-07-03 09:00"),
    ("Embargoed until 12:30 CEST, 3 July 2021", None, "2021-07-03 10:30"),
    ("UNDER EMBARGO UNTIL 09:30 BST on 3rd July 2021", None, "2021-07-03 08:30"),
    ("EMBARGOED UNTIL 09:00 EET, 3 March 2021", None, "2021-03-03 07:00"),
    ("HOLD FOR RELEASE UNTIL 6:00 A.M. PT, TUESDAY, MARCH 2, 2021", None, "2021-03-02 14:00"),
    ("Hold for release: 6 a.m. Pacific Time, March 2, 2021", None, "2021-03-02 14:00"),
    ("NOT FOR RELEASE BEFORE 07:00 UTC+2, 3 March 2021", None, "2021-03-03 05:00"),
    ("NOT FOR RELEASE, PUBLICATION OR DISTRIBUTION BEFORE 9:00 a.m. MT on March 3, 2021", None, "2021-03-03 16:00"),
    ("Not for publication until 9 a.m. Mountain, March 3rd, 2021", None, "2021-03-03 16:00"),
    # Two zones for one instant: both read, the later kept (they agree here).
    ("FOR RELEASE AT 4:05 p.m. ET / 1:05 p.m. PT, March 3, 2021", None, "2021-03-03 21:05"),
    ("For release on March 3, 2021 at 4:05 p.m. Eastern Time", None, "2021-03-03 21:05"),
    ("EMBARGOED FOR RELEASE 17:30 JST, 3 March 2021", None, "2021-03-03 08:30"),
    # AEDT is UTC+11: the evening before in UTC.
    ("*** EMBARGOED UNTIL 8:00 a.m. AEDT, 3 March 2021 ***", None, "2021-03-02 21:00"),
    ("[Embargoed until 11:00 SGT, March 3, 2021]", None, "2021-03-03 03:00"),
    ("(EMBARGOED UNTIL 7:00 a.m. ET, Wed., Mar. 3, 2021)", None, "2021-03-03 12:00"),
    ("Embargoed until 16:30 GMT-05:00 on 3 March 2021", None, "2021-03-03 21:30"),
    ("EMBARGOED UNTIL 08:00 Europe/Berlin, 2021-03-03", None, "2021-03-03 07:00"),
    ("EMBARGOED UNTIL 08:00 EUROPE/BERLIN, 2021-03-03", None, "2021-03-03 07:00"),
    ("EMBARGOED UNTIL 9:00 a.m. Eastern Standard Time, March 3rd, 2021", None, "2021-03-03 14:00"),
    ("Strictly embargoed until 00:01 GMT Wednesday 3rd March 2021", None, "2021-03-03 00:01"),
    # A date without its year: the year nearest the release's date.
    ("EMBARGOED UNTIL 4 PM ET March 3", D, "2021-03-03 21:00"),
    ("EMBARGOED UNTIL 8:00 a.m. ET, Jan. 4", date(2021, 12, 30), "2022-01-04 13:00"),
    # Month and day cannot swap (17 > 12); EDT from March 14, 2021.
    ("EMBARGOED UNTIL 4:05 p.m. ET, 3/17/2021", None, "2021-03-17 20:05"),
    # 1:30 a.m. happens twice on November 7, 2021 in New York (EDT, then EST): the second.
    ("EMBARGOED UNTIL 1:30 a.m. ET, Nov. 7, 2021", None, "2021-11-07 06:30"),
    # 2:30 a.m. is skipped on March 14, 2021: read in EST (07:30), the later of the two sides.
    ("EMBARGOED UNTIL 2:30 a.m. ET, March 14, 2021", None, "2021-03-14 07:30"),
    # An offset names one instant even in the hour Sydney's clocks repeat (AEDT ends at 03:00).
    ("EMBARGOED UNTIL 2028-04-02T02:00+11:00", None, "2028-04-01 15:00"),
    ("EMBARGOED UNTIL 2028-04-02T02:00+10:00", None, "2028-04-01 16:00"),
    # Hours 0 and 13-23 are 24-hour time in any zone.
    ("EMBARGOED UNTIL 00:01 ET, March 3, 2021", None, "2021-03-03 05:01"),
    ("EMBARGOED UNTIL 20:00 ET, March 3, 2021", None, "2021-03-04 01:00"),
    # No zone: the configured timezone (New York).
    ("EMBARGOED UNTIL 8:00 a.m., March 3, 2021", None, "2021-03-03 13:00"),
    ("EMBARGOED UNTIL 8.30am ET, 3 March 2021", None, "2021-03-03 13:30"),
    ("Embargoed till 8 A.M. E.T. Mar. 3, 2021", None, "2021-03-03 13:00"),
    ("EMBARGOED TO 3:15 P.M. ET TODAY", D, "2021-03-03 20:15"),
    ("EMBARGO: 3:15 p.m. ET", D, "2021-03-03 20:15"),
    ("EMBARGOED -- 3:15 p.m. ET", D, "2021-03-03 20:15"),
    ("NEWS RELEASE - EMBARGOED UNTIL 3:15 p.m. ET", D, "2021-03-03 20:15"),
    ("&#42;\\*\\* EMBARGOED UNTIL 3:15 p.m. ET \\*\\*\\*", D, "2021-03-03 20:15"),
]


@pytest.mark.parametrize(("line", "day", "instant"), ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_accepted_form_and_its_instant(line: str, day: date | None, instant: str) -> None:
    assert is_embargo_line(line)
    read = parse_embargo(line, "releases/x.txt", 7, day=day)
    assert read == utc(instant)
    assert read.utcoffset() is not None


def test_a_time_without_zone_is_in_the_configured_timezone() -> None:
    line = "EMBARGOED UNTIL 8:00 a.m., March 3, 2021"
    assert parse_embargo(line, "x.txt", 1, ZoneInfo("Europe/Berlin")) == utc("2021-03-03 07:00")
    assert parse_embargo(line, "x.txt", 1, ZoneInfo("America/Los_Angeles")) == utc("2021-03-03 16:00")
    # Berlin writes 24-hour time: 8:00 is 8:00 there, and ambiguous in New York.
    assert parse_embargo("EMBARGOED UNTIL 8:00, March 3, 2021", "x.txt", 1, ZoneInfo("Europe/Berlin")) == utc("2021-03-03 07:00")


# (line, the release's date, what the message says)
REFUSED = [
    # 4:05 a.m. or p.m.? (was read as 04:05)
    ("EMBARGOED UNTIL 4:05 ET", D, "'4:05' has no a.m. or p.m."),
    ("EMBARGOED UNTIL 4:05 ET, March 3, 2021", None, "'4:05' has no a.m. or p.m."),
    ("EMBARGOED UNTIL 08:00 ET, March 3, 2021", None, "'08:00' has no a.m. or p.m."),
    ("EMBARGOED UNTIL 12:30 PT, March 3, 2021", None, "'12:30' has no a.m. or p.m."),
    ("EMBARGOED UNTIL 8:00, March 3, 2021", None, "'8:00' has no a.m. or p.m."),
    ("EMBARGOED UNTIL 12:00 p.m. ET, March 3, 2021", None, "'12:00 p.m.' can mean noon or midnight"),
    ("EMBARGOED UNTIL 12 AM ET March 3 2021", None, "'12 AM' can mean noon or midnight"),
    # A date alone (was 00:00).
    ("EMBARGOED UNTIL March 3, 2021", None, "a date without a time"),
    ("EMBARGOED UNTIL 2021-03-03", None, "a date without a time"),
    ("EMBARGOED", D, "no date or time"),
    ("HOLD FOR RELEASE", D, "no date or time"),
    ("EMBARGOED UNTIL 8:00 a.m. IST, March 3, 2021", None, "'IST' is India (UTC+5:30), Ireland (UTC+1) or Israel (UTC+2) time"),
    ("EMBARGOED UNTIL 8:00 a.m. XYZ, March 3, 2021", None, "unknown time zone 'XYZ'"),
    ("EMBARGOED UNTIL 8:00 a.m. local time, March 3, 2021", None, "cannot read 'local'"),
    ("EMBARGOED UNTIL 8:00 a.m. Mars/Olympus, March 3, 2021", None, "cannot read 'Mars'"),
    ("EMBARGOED UNTIL 8:00 a.m. ET, Tuesday, March 3, 2021", None, "Tuesday does not match March 3, 2021, a Wednesday"),
    ("EMBARGOED UNTIL 8:00 a.m. ET, February 30, 2021", None, "impossible date 'February 30, 2021'"),
    ("EMBARGOED UNTIL 2021-02-30T08:00:00Z", None, "impossible date '2021-02-30'"),
    ("EMBARGOED UNTIL 25:00 GMT, March 3, 2021", None, "impossible time '25:00'"),
    ("EMBARGOED UNTIL 8:61 a.m. ET, March 3, 2021", None, "impossible time '8:61 a.m.'"),
    ("EMBARGOED UNTIL 13:00 p.m. ET, March 3, 2021", None, "a.m./p.m. goes with hours 1 to 12"),
    ("EMBARGOED UNTIL 8:00 a.m. ET, 03/04/2021", None, "'03/04/2021' can be day/month or month/day"),
    ("EMBARGOED UNTIL 8:00 a.m. ET, 3/17/21", None, "'3/17/21' has no four-digit year"),
    ("EMBARGOED UNTIL 8:00 a.m. ET, March 3, 2021 or March 4, 2021", None, "two different dates"),
    ("EMBARGOED UNTIL 8:00 a.m. ET, Monday, Tuesday, March 3, 2021", None, "two different weekdays"),
    ("EMBARGOED UNTIL further notice", D, "cannot read 'further'"),
    ("EMBARGOED UNTIL 8:00 a.m. ET, March 3, 2021, subject to change", None, "cannot read 'subject'"),
    ("EMBARGOED UNTIL 8:00 a.m. ET, March 3, 2021 (0800 hrs)", None, "cannot read '0800'"),
    ("EMBARGOED UNTIL 8:00 a.m. UTC+15, March 3, 2021", None, "impossible UTC offset +15:00"),
    ("EMBARGOED UNTIL 8:00 a.m. ET, March 3", None, "a date without a year, and the release has no date of its own"),
    ("EMBARGOED UNTIL 3:15 p.m. ET", None, "a time without a date, and the release has no date of its own"),
]


@pytest.mark.parametrize(("line", "day", "message"), REFUSED, ids=[case[0] for case in REFUSED])
def test_refused_form_says_why_with_file_and_line(line: str, day: date | None, message: str) -> None:
    assert is_embargo_line(line)
    with pytest.raises(ReleaseError) as caught:
        parse_embargo(line, "releases/x.txt", 7, day=day)
    assert caught.value.path == "releases/x.txt" and caught.value.line == 7
    assert message in caught.value.finding.message
    assert repr(line) in caught.value.finding.message  # the line as printed, to find it


NOTICES = [
    "EMBARGOED UNTIL 08:00 AM ET, MARCH 3, 2021",
    "Embargoed till 8 a.m.",
    "embargoed for release at 8 a.m.",
    "EMBARGOED TO 8:00",
    "EMBARGOED: Tuesday",
    "EMBARGOED - 8:00",
    "EMBARGOED",
    "Embargoed.",
    "EMBARGO UNTIL 8 a.m.",
    "EMBARGO: 8 a.m.",
    "EMBARGO TIME: 8 a.m.",
    "UNDER EMBARGO UNTIL 8 a.m.",
    "Under strict embargo until 8 a.m.",
    "STRICTLY EMBARGOED UNTIL 00:01 GMT",
    "HOLD FOR RELEASE UNTIL 8 a.m.",
    "HOLD FOR RELEASE AT 8 a.m.",
    "HOLD FOR RELEASE",
    "Hold until 8 a.m.",
    "NOT FOR RELEASE BEFORE 8 a.m.",
    "NOT FOR PUBLICATION UNTIL 8 a.m.",
    "NOT FOR DISTRIBUTION PRIOR TO 8 a.m.",
    "Not for release, publication or distribution before 8 a.m.",
    "NOT TO BE RELEASED BEFORE 8 a.m.",
    "FOR RELEASE AT 8 a.m.",
    "FOR RELEASE ON MARCH 3, 2021",
    "For release: 8 a.m. ET",
    "FOR RELEASE 8:00 AM ET",
    "SCHEDULED FOR RELEASE AT 8 a.m.",
    "EMBARGOED FOR RELEASE UNTIL 8 a.m.",
    "*** EMBARGOED UNTIL 8 a.m. ***",
    "[EMBARGOED UNTIL 8 a.m.]",
    "(Embargoed until 8 a.m.)",
    "<<EMBARGO: 8 a.m.>>",
    "  \t** EMBARGOED UNTIL 8 a.m. **",
    "PRESS RELEASE — EMBARGOED UNTIL 8 a.m.",
    "&#42;\\*\\* EMBARGOED UNTIL 8 a.m.",
]
PROSE = [
    "The embargo on Russian oil was lifted in 2019.",
    "Embargo on Russian Oil Lifted, Company Resumes Exports",
    "Embargoed shipments rose 4%.",
    "Embargo-free shipping lanes opened.",
    "Abstracts are embargoed until 5:00 p.m. ET on May 23, 2024.",
    "EMBARGO: NONE",
    "Embargo: n/a",
    "FOR IMMEDIATE RELEASE",
    "FOR RELEASE: IMMEDIATELY",
    "For release upon receipt",
    "NOT FOR DISTRIBUTION TO U.S. NEWSWIRE SERVICES OR FOR DISSEMINATION IN THE UNITED STATES",
    "NOT FOR RELEASE, PUBLICATION OR DISTRIBUTION, IN WHOLE OR IN PART, IN OR INTO THE UNITED STATES",
    "Holdings rose.",
    "Released on March 3, 2021.",
]


@pytest.mark.parametrize("line", NOTICES)
def test_recognises_every_common_notice(line: str) -> None:
    assert is_embargo_line(line) and is_embargo_line(line.upper()) and is_embargo_line(line.lower())


@pytest.mark.parametrize("line", PROSE)
def test_leaves_prose_alone(line: str) -> None:
    assert not is_embargo_line(line)


def test_a_wrapped_sentence_is_not_a_notice_but_a_paragraph_of_its_own_is() -> None:
    text = "The shipments stayed\nembargoed until 2019, when trade resumed.\n\nembargoed until 3:15 p.m. ET\n\fEMBARGOED UNTIL 4 p.m. ET"
    found = embargoes_in(text, "r.txt", first=10)
    assert [(stated.line, stated.text) for stated in found] == [(13, "embargoed until 3:15 p.m. ET"), (14, "EMBARGOED UNTIL 4 p.m. ET")]


# --------------------------------------------------------------------------- in a release

HEAD = "Acme Widgets Announces Quarterly Results"
DATELINE = "MADISON, Wis., March 3, 2021 (GLOBE NEWSWIRE) -- Acme Widgets, Inc. (Nasdaq: ACME) today announced its results."
BODY = "Revenue grew in every region."
SOURCE = "Source: Acme Widgets, Inc."


def release(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def line_of(text: str, wanted: str) -> int:
    return text.split("\n").index(wanted) + 1


def refusal(text: str) -> ReleaseError:
    """The error that stops the release ``text`` (the test fails when it publishes)."""
    with pytest.raises(ReleaseError) as caught:
        parse_release(text, "releases/x.txt")
    return caught.value


@pytest.mark.parametrize(
    "keyword",
    ["EMBARGO UNTIL", "EMBARGOED:", "UNDER EMBARGO UNTIL", "HOLD FOR RELEASE UNTIL", "NOT FOR RELEASE BEFORE", "EMBARGOED UNTIL"],
)
def test_a_header_notice_holds_the_release_and_is_not_its_headline(keyword: str) -> None:
    """These were not recognised: the line became the headline and the release went out at once."""
    parsed = parse_release(release(f"{keyword} 3:15 p.m. ET, March 3, 2021", HEAD, DATELINE, BODY, SOURCE), "releases/x.txt")
    assert parsed.headline == HEAD
    assert parsed.embargo == utc("2021-03-03 20:15")


@pytest.mark.parametrize(
    "notice",
    [
        "RELEASE UNDER EMBARGO UNTIL 3:15 p.m. ET, March 4, 2021",
        "NOTE TO EDITORS: EMBARGOED UNTIL 3:15 p.m. ET, March 4, 2021",
        "PLEASE NOTE: EMBARGOED UNTIL 3:15 p.m. ET, March 4, 2021",
        "Media Embargo: 3:15 p.m. ET, March 4, 2021",
        "Embargo lifted at 3:15 p.m. ET, March 4, 2021",
        "DO NOT PUBLISH BEFORE 3:15 p.m. ET, March 4, 2021",
        "DO NOT RELEASE UNTIL 3:15 p.m. ET, March 4, 2021",
        "FOR PUBLICATION: 3:15 p.m. ET, March 4, 2021",
        "FOR PUBLICATION AT 3:15 p.m. ET ON March 4, 2021",
        "<b>EMBARGOED UNTIL 3:15 p.m. ET, March 4, 2021</b>",
        "| Embargo | 3:15 p.m. ET, March 4, 2021 |",
        "EMBARGOED MATERIAL: NOT FOR RELEASE UNTIL 3:15 p.m. ET, March 4, 2021",
        "EMBARGOED NEWS RELEASE - 3:15 p.m. ET, March 4, 2021",
        "THE EMBARGO LIFTS AT 3:15 p.m. ET, March 4, 2021",
        "EMBARGO IS LIFTED AT 3:15 p.m. ET, March 4, 2021",
        "This release is embargoed until 3:15 p.m. ET, March 4, 2021.",
        "NOT FOR PUBLICATION, BROADCAST OR TRANSMISSION BEFORE 20:15 GMT ON THURSDAY 4 MARCH 2021",
        "NOT TO BE USED BEFORE 3:15 p.m. ET, March 4, 2021",
        "PLEASE DO NOT PUBLISH OR BROADCAST BEFORE 3:15 p.m. ET, March 4, 2021",
        "HOLD FOR PUBLICATION UNTIL 3:15 p.m. ET, March 4, 2021",
        "FOR RELEASE (3:15 p.m. ET, March 4, 2021)",
        "FOR BROADCAST AND PUBLICATION AT 3:15 p.m. ET, March 4, 2021",
        "JOURNAL EMBARGO: 3:15 p.m. ET, March 4, 2021",
        "EDITOR'S NOTE: Embargoed until 3:15 p.m. ET, March 4, 2021",
        "MEDIA ALERT: Embargoed until 3:15 p.m. ET, March 4, 2021",
        "EMBARGOED THROUGH 3:15 p.m. ET, March 4, 2021",
        "EMBARGOED\u200bUNTIL 3:15 p.m. ET, March 4, 2021",
        # a hard wrap carried the notice onto the lines below
        "EMBARGOED UNTIL 3:15 p.m. ET,\nMarch 4, 2021",
        "EMBARGOED UNTIL 3:15 p.m. ET\nThursday, March 4, 2021",
        "EMBARGOED UNTIL\n3:15 p.m. ET\nMarch 4, 2021",
        "HOLD FOR RELEASE\n3:15 p.m. ET\nTHURSDAY, MARCH 4, 2021",
        "FOR RELEASE\n3:15 p.m. ET, March 4, 2021",
        "EMBARGOED UNTIL MARCH 4, 2021, 12:15 P.M.\nPACIFIC TIME",
        "Embargoed until 12:15 p.m. on March 4, 2021\n(Pacific Time)",
        "EMBARGOED UNTIL 10:00 A.M. ET, MARCH 4, 2021,\nOR 21:15 CET",
        "Embargo time: 3:15 p.m. ET\nEmbargo date: March 4, 2021",
        "Embargo date: March 4, 2021\nEmbargo time: 3:15 p.m. ET",
    ],
)
def test_other_wordings_of_a_notice_hold_the_release(notice: str) -> None:
    """These were not read (or read in part) and the release went out at 08:00 on its date, a day early."""
    parsed = parse_release(release(notice, HEAD, DATELINE, BODY, SOURCE), "releases/x.txt")
    assert parsed.headline == HEAD
    assert parsed.embargo == utc("2021-03-04 20:15")


def test_a_keyword_alone_on_its_line_is_read_with_the_next() -> None:
    text = release(HEAD, DATELINE, "EMBARGOED UNTIL\n3:15 p.m. ET, March 4, 2021", BODY, SOURCE)
    assert parse_release(text, "releases/x.txt").embargo == utc("2021-03-04 20:15")


def test_a_year_the_wrap_carried_over_is_read() -> None:
    """Read alone, the line gave the year of the release's date: a year early."""
    assert parse_release(release("EMBARGOED UNTIL 10:00 A.M. ET, MARCH 3,\n2022", HEAD, DATELINE, BODY), "x.txt").embargo == utc("2022-03-03 15:00")


@pytest.mark.parametrize(
    "notice",
    [
        "EMBARGOED UNTIL 4:30 P.M. CT\nON JUNE 4, 2021, AT THE ASCO ANNUAL MEETING",
        "EMBARGOED UNTIL 10:00 A.M. ET\nTHURSDAY, MARCH 4, 2021, OR UPON PRESENTATION",
        # labelled or decorated, a notice in lower case is one whatever stands above it
        "NOTE TO EDITORS: embargoed until 10:00 a.m. ET, March 4, 2021, at the AACR meeting",
        "*** embargoed until 10:00 a.m. ET, March 4, 2021 - AACR abstract ***",
        "<b>embargoed until</b> 10:00 a.m. ET, March 4, 2021, AACR",
    ],
)
def test_a_notice_with_words_it_cannot_read_stops_the_release_at_its_first_line(notice: str) -> None:
    """Read without the words it cannot read, each went out months or a day early."""
    text = release(f"{HEAD}\n{notice}" if notice[0] in "N*<" else notice, DATELINE, BODY, SOURCE)
    error = refusal(text)
    assert error.line == line_of(text, notice.split("\n")[0])
    assert "cannot read the embargo line" in error.finding.message


@pytest.mark.parametrize(
    "notice",
    [
        "Embargoed until the close of markets",
        "Hold for release pending FDA approval",
        "Not for publication until the start of the AGM",
        "For release upon FDA approval",
        "Embargo: upon presentation",
        "Embargoed until ten a.m. Eastern on Thursday",
        "EMBARGOED UNTIL MIDNIGHT ET, DEC. 31, 9999",
    ],
)
def test_a_notice_of_its_own_without_a_time_it_can_read_is_refused(notice: str) -> None:
    """A line of its own, not a sentence: these went out at once as prose (or crashed, past 9999)."""
    error = refusal(release(notice, HEAD, DATELINE, BODY, SOURCE))
    assert error.line == 1 and "cannot read the embargo line" in error.finding.message


@pytest.mark.parametrize(
    ("lines", "held"),
    [
        # a lower-case notice that reads holds, whatever line follows it
        (f"{HEAD}\nembargoed until 10:00 a.m. ET, March 4, 2021\nMarch 3, 2021", "2021-03-04 15:00"),
        (f"{HEAD}\nembargoed until 10:00 a.m. ET, March 4, 2021\nOn Track for Record Year, Company Raises Outlook", "2021-03-04 15:00"),
        # a zone below a notice of two lines is read with them
        ("Embargo date: March 4, 2021\nEmbargo time: 10:00 p.m.\nPacific Time", "2021-03-05 06:00"),
        # a weekday whose date the wrap carried over
        ("EMBARGOED UNTIL 10:00 A.M. ET THURSDAY\nMARCH 4, 2021", "2021-03-04 15:00"),
    ],
)
def test_a_notice_holds_with_what_goes_on_with_it(lines: str, held: str) -> None:
    parts = (lines, DATELINE, BODY) if lines.startswith(HEAD) else (lines, HEAD, DATELINE, BODY)
    assert parse_release(release(*parts), "releases/x.txt").embargo == utc(held)


@pytest.mark.parametrize(
    "below",
    ["On Track: Acme Widgets Reports Record Quarter", "2021 Outlook Raised", "Pacific Gas and Electric Reports", "On March 4, Acme Will Present at ASCO"],
)
def test_a_headline_right_under_a_notice_stays_the_headline(below: str) -> None:
    """Joined to the notice above it, each stopped the build or vanished into the notice."""
    parsed = parse_release(release(f"EMBARGOED UNTIL 10:00 A.M. ET, MARCH 4, 2021\n{below}", DATELINE, BODY), "releases/x.txt")
    assert parsed.headline == below and parsed.embargo == utc("2021-03-04 15:00")


@pytest.mark.parametrize("top", ["March 3, 2021", "MARCH 3, 2021", "2021-03-03"])
def test_a_date_line_under_a_dated_notice_is_the_top_date(top: str) -> None:
    parsed = parse_release(release(f"EMBARGOED UNTIL 10:00 A.M. ET, MARCH 4, 2021\n{top}", HEAD, DATELINE, BODY), "releases/x.txt")
    assert parsed.embargo == utc("2021-03-04 15:00") and parsed.top_date == D


def test_a_wrapped_headline_is_not_a_notice() -> None:
    parsed = parse_release(release("Acme Brings Cuban Cigars to U.S. Stores,\nembargoed for decades", DATELINE, BODY), "releases/x.txt")
    assert parsed.headline == "Acme Brings Cuban Cigars to U.S. Stores, embargoed for decades" and parsed.embargo is None


SENTENCES = [
    "Embargo for decades, the Cuban market remains largely closed to U.S. exporters.",
    "Embargoed for more than 50 years, Cuban cigars are now available to U.S. collectors.",
    "Embargoed until the end of the trial, the data were released on Monday.",
    "Under embargo until 2015, the country is now a growth market.",
    "For release on iOS and Android, the app will cost $4.99.",
    "For publication on the company's website, all materials must be approved by legal.",
    "Hold until maturity strategies have outperformed in rising rate environments.",
    "Do not publish before you have read the terms of use of the images.",
    "| Embargo | Country | Since |",
    "Sales were hurt by the U.S. Cuban\nEmbargo for most of the year, the company said.",
    "Key risks include:\n\n- embargo at ports in the region\n- sanctions on key customers",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_sentence_that_opens_like_a_notice_stays_prose(sentence: str) -> None:
    """No date or time, not in capitals, and words no notice uses: the build stopped on these."""
    parsed = parse_release(release(HEAD, DATELINE, sentence, SOURCE), "releases/x.txt")
    assert parsed.embargo is None


@pytest.mark.parametrize("headline", ["Embargo Lifted on Venezuelan Gold: What It Means for Miners", "Media Embargo Lifted in Myanmar, Acme Resumes Broadcasts"])
def test_a_headline_that_opens_like_a_notice_is_the_headline(headline: str) -> None:
    parsed = parse_release(release(headline, DATELINE, BODY), "releases/x.txt")
    assert parsed.headline == headline and parsed.embargo is None


def test_until_further_notice_is_still_a_notice() -> None:
    refusal(release("Embargoed until further notice", HEAD, DATELINE, BODY))


def test_a_notice_read_with_its_next_line_is_never_earlier_than_read_alone() -> None:
    """The next line may be a date line of its own: of the two readings the later one holds."""
    parsed = parse_release(release("EMBARGOED UNTIL 3:15 p.m. ET\nMarch 4, 2021", HEAD, DATELINE, BODY, SOURCE), "releases/x.txt")
    assert parsed.embargo == utc("2021-03-04 20:15")
    assert not [finding for finding in parsed.findings if "embargo" in finding.message]


@pytest.mark.parametrize(
    "notice",
    ["EMBARGOED UNTIL 8:00 a.m. ET, March 3, 2020", "EMBARGOED UNTIL 8:00 a.m. ET, March 2", "EMBARGOED UNTIL 2021-03-02T23:00:00-05:00"],
)
def test_a_notice_dated_before_the_release_is_refused(notice: str) -> None:
    """The year typed wrong in January: read as written, the release went out a year early."""
    error = refusal(release(notice, HEAD, DATELINE, BODY, SOURCE))
    assert error.line == 1 and "is before the release's own, March 3, 2021" in error.finding.message


@pytest.mark.parametrize(
    "notice",
    [
        # a page break or a blank line cut it after a comma or a joining word: its date is elsewhere
        "EMBARGOED UNTIL 3:15 p.m. ET,\fMarch 4, 2021",
        "EMBARGOED UNTIL 3:15 p.m. ET on\n\fThursday, March 4, 2021",
        # a line that goes on with it, written alike, that cannot be read
        "EMBARGOED UNTIL 8:00 A.M. ET\nON THE DAY AFTER THE FDA DECISION",
        # in lower case, naming a time, unreadable: a notice all the same
        f"{HEAD}\nembargoed until 10:00 ET, March 4, 2021",
        # one of its own, naming its event, ending as a sentence
        "Embargoed until the close of markets.",
        "Hold for release until FDA approval is announced.",
    ],
)
def test_a_notice_that_cannot_be_read_whole_is_refused(notice: str) -> None:
    """Each was read as "today" (or as prose): a day, or months, early."""
    parts = (notice, DATELINE, BODY) if notice.startswith(HEAD) else (notice, HEAD, DATELINE, BODY)
    error = refusal(release(*parts))
    assert "cannot read the embargo line" in error.finding.message


@pytest.mark.parametrize(
    "notice",
    [
        "EMBARGOED\u200f UNTIL 3:15 p.m. ET, March 4, 2021",
        "\uff25\uff2d\uff22\uff21\uff32\uff27\uff2f\uff25\uff24 UNTIL 3:15 p.m. ET, March 4, 2021",
        "STRICTLY NOT FOR PUBLICATION BEFORE 3:15 p.m. ET, March 4, 2021",
        "THIS ANNOUNCEMENT IS EMBARGOED UNTIL 3:15 p.m. ET, March 4, 2021",
        "EMBARGO IN EFFECT UNTIL 3:15 p.m. ET, March 4, 2021",
    ],
)
def test_more_notices_hold_the_release(notice: str) -> None:
    assert parse_release(release(notice, HEAD, DATELINE, BODY), "releases/x.txt").embargo == utc("2021-03-04 20:15")


@pytest.mark.parametrize(
    "notice",
    [
        "SOUS EMBARGO JUSQU'AU 4 MARS 2021, 10H00 CET",
        "SPERRFRIST: 4. M\u00e4rz 2021, 10:00 Uhr MEZ",
        "EMBARGO HASTA EL 4 DE MARZO DE 2021, 10:00 CET",
        "\u3010\u5831\u9053\u89e3\u7981\u30112021\u5e743\u67084\u65e5 10:00 JST",
    ],
)
def test_a_notice_in_another_language_stops_the_release(notice: str) -> None:
    """Not recognised, each went out at once; its words are not read, so it is refused, saying how to hold the release."""
    error = refusal(release(notice, HEAD, DATELINE, BODY))
    assert error.line == 1 and "a notice in another language" in error.finding.message


@pytest.mark.parametrize("notice", ["ON HOLD UNTIL 3:15 p.m. ET, March 4, 2021", "CONFIDENTIAL UNTIL 3:15 p.m. ET, March 4, 2021", "TO BE RELEASED AT 3:15 p.m. ET, March 4, 2021"])
def test_hold_wordings_hold_the_release(notice: str) -> None:
    assert parse_release(release(notice, HEAD, DATELINE, BODY), "releases/x.txt").embargo == utc("2021-03-04 20:15")


@pytest.mark.parametrize("notice", ["EMBARGOED UNTIL 0001-01-01T00:00+14:00", "EMBARGOED UNTIL 12:01 a.m. NZDT, January 1, 0001"])
def test_a_time_before_the_year_1_in_utc_is_refused(notice: str) -> None:
    """It parsed, and the build ended in an OverflowError writing the manifest."""
    refusal(release(notice, HEAD, DATELINE, BODY))


def test_a_notice_without_a_date_is_on_the_latest_day_the_text_states() -> None:
    """Its top date (March 4) is later than the dateline's (March 3): the notice's time is on March 4."""
    text = release("EMBARGOED UNTIL 3:15 P.M. ET", "THURSDAY, MARCH 4, 2021", HEAD, DATELINE, BODY)
    assert parse_release(text, "releases/x.txt").embargo == utc("2021-03-04 20:15")


def test_a_lower_case_notice_right_under_the_headline_holds_the_release() -> None:
    parsed = parse_release(release(f"{HEAD}\nembargoed until 3:15 p.m. ET, March 4, 2021", DATELINE, BODY, SOURCE), "releases/x.txt")
    assert parsed.embargo == utc("2021-03-04 20:15")


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme said the abstracts are\nembargoed until the meeting opens, as is usual.",
        "Acme said its findings stay\nembargoed until 2022, when the trial ends.",
        "Acme makes widgets. For publication in journals, it\nuses plain language.",
    ],
)
def test_a_wrapped_sentence_about_an_embargo_stays_prose(sentence: str) -> None:
    assert parse_release(release(HEAD, DATELINE, sentence, SOURCE), "releases/x.txt").embargo is None


def test_a_notice_below_the_highlights_holds_the_release() -> None:
    """Issue 13: below the highlights, the line was ignored and the release went out 7 h 15 min early."""
    text = release(HEAD, "- Revenue up 12%\n- Margin up 3 points", "EMBARGOED UNTIL 3:15 p.m. ET", DATELINE, BODY, SOURCE)
    assert parse_release(text, "releases/x.txt").embargo == utc("2021-03-03 20:15")


@pytest.mark.parametrize("where", ["middle", "end"])
def test_a_notice_in_the_body_holds_the_release_and_stays_in_its_text(where: str) -> None:
    notice = "EMBARGOED UNTIL 3:15 p.m. ET, March 3, 2021"
    lines = [HEAD, DATELINE, notice, BODY, SOURCE] if where == "middle" else [HEAD, DATELINE, BODY, SOURCE, notice]
    parsed = parse_release(release(*lines), "releases/x.txt")
    assert parsed.embargo == utc("2021-03-03 20:15")
    assert notice in body_markdown(parsed)  # verbatim: the page prints it where it stands


def test_an_unreadable_notice_anywhere_stops_the_release_at_its_line() -> None:
    text = release(HEAD, DATELINE, BODY, "Embargoed until 4:05 ET", SOURCE)
    error = refusal(text)
    assert (error.path, error.line) == ("releases/x.txt", line_of(text, "Embargoed until 4:05 ET"))
    assert "'4:05' has no a.m. or p.m." in error.finding.message


def test_several_notices_the_latest_wins_and_the_earlier_is_a_warning() -> None:
    early, late = "EMBARGOED UNTIL 8:00 a.m. ET, March 3, 2021", "EMBARGOED UNTIL 3:15 p.m. ET"
    text = release(early, HEAD, DATELINE, late, BODY, SOURCE)
    parsed = parse_release(text, "releases/x.txt")
    assert parsed.embargo == utc("2021-03-03 20:15")
    (warning,) = [f for f in parsed.findings if "embargo" in f.message]
    assert warning.level == "warning" and warning.line == line_of(text, early)


def test_a_release_dated_only_by_its_notice_takes_that_date() -> None:
    parsed = parse_release(release("EMBARGOED UNTIL 8:00 a.m. ET, March 3, 2021", HEAD, "Acme Widgets today announced its results.", BODY), "x.txt")
    assert parsed.date == D and parsed.embargo == utc("2021-03-03 13:00")


def test_the_configured_timezone_reaches_the_parser() -> None:
    text = release(HEAD, DATELINE, "EMBARGOED UNTIL 9:00 a.m.", BODY)
    assert parse_release(text, "x.txt").embargo == utc("2021-03-03 14:00")
    assert parse_release(text, "x.txt", ZoneInfo("America/Los_Angeles")).embargo == utc("2021-03-03 17:00")


def test_a_text_release_embargo_survives_its_front_matter() -> None:
    parsed = parse_release(release("EMBARGOED UNTIL 4:05 p.m. HST, March 3, 2021", HEAD, DATELINE, BODY), "releases/x.txt")
    entry = entry_from_meta(front_matter(parsed), "releases/x.txt")
    assert published_at(entry, datetime.min.time(), ZoneInfo("America/New_York")) == utc("2021-03-04 02:05")


# --------------------------------------------------------------------------- content folders


@pytest.fixture(scope="module")
def data():
    catalogue = load_catalogue(ROOT / "content" / "products.yml")
    return catalogue, load_vocabulary(ROOT / "content" / "tags.yml", catalogue)


def test_the_parse_cache_is_per_timezone(tmp_path, data) -> None:
    """`mkdocs serve` keeps parses between rebuilds: a changed `timezone` must not reuse them."""
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "x.txt").write_text(release(HEAD, DATELINE, "EMBARGOED UNTIL 9:00 a.m.", BODY), encoding="utf-8")
    new_york = collect(tmp_path, *data, keep_parses=True)
    los_angeles = collect(tmp_path, *data, keep_parses=True, zone=ZoneInfo("America/Los_Angeles"))
    collect(tmp_path, *data)  # lets the kept parses go
    assert new_york.sources[0].entry.embargo == utc("2021-03-03 14:00")
    assert los_angeles.sources[0].entry.embargo == utc("2021-03-03 17:00")


EDITED = """---
title: Acme Widgets Announces Quarterly Results
date: 2021-03-03
{embargo}
---

# Acme Widgets Announces Quarterly Results

{body}
"""


def edited(tmp_path, data, embargo: str = "", body: str = DATELINE, zone: str = "America/New_York"):
    (tmp_path / "releases").mkdir(exist_ok=True)
    (tmp_path / "releases" / "x.md").write_text(EDITED.format(embargo=embargo, body=body), encoding="utf-8")
    return collect(tmp_path, *data, zone=ZoneInfo(zone))


@pytest.mark.parametrize(
    ("value", "zone", "instant"),
    [
        ("2021-03-03T08:00:00-05:00", "America/New_York", "2021-03-03 13:00"),
        ("'2021-03-03T13:00:00Z'", "America/New_York", "2021-03-03 13:00"),
        # Without an offset: the configured timezone.
        ("2021-03-03 08:00:00", "America/New_York", "2021-03-03 13:00"),
        ("'2021-03-03T08:00'", "Europe/Berlin", "2021-03-03 07:00"),
        # The words of an embargo line.
        ("8:00 a.m. PT, March 3, 2021", "America/New_York", "2021-03-03 16:00"),
        ("3:15 p.m. ET", "America/New_York", "2021-03-03 20:15"),
    ],
)
def test_front_matter_embargo(tmp_path, data, value: str, zone: str, instant: str) -> None:
    collection = edited(tmp_path, data, f"embargo: {value}", zone=zone)
    assert not collection.errors
    assert collection.sources[0].entry.embargo == utc(instant)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # A date alone meant 00:00.
        ("2021-03-03", "has a date but no time"),
        ("'2021-03-03'", "has a date but no time"),
        ("4:05 ET", "'4:05' has no a.m. or p.m."),
        ("'2021-03-03T25:00:00-05:00'", "is not a real ISO 8601 date and time"),
        ("1614776400", "must be an ISO date and time"),
    ],
)
def test_front_matter_embargo_refused_with_its_line(tmp_path, data, monkeypatch, value: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)  # where today's line lookup finds the file
    collection = edited(tmp_path, data, f"embargo: {value}")
    (error,) = collection.errors
    assert (error.path, error.line) == ("releases/x.md", 4) and message in error.message


def test_an_edited_release_honours_a_notice_in_its_text(tmp_path, data) -> None:
    body = f"**EMBARGOED UNTIL 3:15 p.m. ET, March 3, 2021**\n\n{DATELINE}"
    collection = edited(tmp_path, data, "embargo: 2021-03-03T08:00:00-05:00", body=body)
    assert collection.sources[0].entry.embargo == utc("2021-03-03 20:15")  # the later of the two
    collection = edited(tmp_path, data, body=f"{DATELINE}\n\nEMBARGOED UNTIL 4:05 ET")
    (error,) = collection.errors
    assert (error.path, error.line) == ("releases/x.md", 11) and "'4:05' has no a.m. or p.m." in error.message


# --------------------------------------------------------------------------- the command


def test_newsroom_commands_read_embargo_times_in_the_configured_timezone(tmp_path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - newsroom:\n      timezone: Europe/Berlin\n", encoding="utf-8")
    source = tmp_path / "x.txt"
    source.write_text(release(HEAD, DATELINE, "EMBARGOED UNTIL 9:00, March 3, 2021", BODY), encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(source), "-f", str(config)])
    assert result.exit_code == 0, result.output
    assert datetime.fromisoformat(frontmatter.loads(result.stdout).metadata["embargo"]) == utc("2021-03-03 08:00")
    # Without the setting, New York writes 12-hour time: '9:00' is ambiguous there.
    config.write_text("site_name: x\nplugins:\n  - newsroom\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(source), "-f", str(config)])
    assert result.exit_code == 1 and f"{source}:5: error: cannot read the embargo line" in result.output


def test_newsroom_check_reports_an_unreadable_embargo_line_with_file_and_line(tmp_path) -> None:
    content = tmp_path / "content"
    (content / "releases").mkdir(parents=True)
    text = release(HEAD, DATELINE, BODY, "Embargoed until 4:05 ET")
    (content / "releases" / "2021-03-03-x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\nplugins:\n  - newsroom\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(content), "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 1
    assert f"releases/2021-03-03-x.txt:{line_of(text, 'Embargoed until 4:05 ET')}: error: cannot read the embargo line" in result.output
