"""The forms real releases take (issue "Real releases publish"), one class at a time.

Each case is a short release written here in a form seen in real wire copy (datelines, banners,
tables, contact blocks, glued headings), not a copy of a corpus file; expected values are written
out by hand from the text, never taken from the parser.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from newsroom.markdown_writer import body_markdown
from newsroom.model import BulletList, ContactBlock, Paragraph, Preformatted, Release, Section, Table
from newsroom.wire import parse_release
from newsroom.wire.fields import tickers_in
from newsroom.wire.lines import one_line

from .helpers import CORPUS, assert_renders_every_word, render
from .htmltext import visible_text

BODY = "Acme Robotics, Inc. (Nasdaq: ACME) today announced a new product for warehouses.\n\nThe product ships in May."


def release(text: str, name: str = "releases/2024-03-25-acme.txt") -> Release:
    return parse_release(text.encode("utf-8"), name)


def sections(parsed: Release, kind: str) -> list[Section]:
    return [part for part in parsed.parts if isinstance(part, Section) and part.kind == kind]


# --------------------------------------------------------------------------- 1, 2: dates and datelines

DATELINES = [
    # (dateline as printed, date, city, region, wire)
    ("MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) --", date(2017, 1, 24), "MADISON", "Wis.", "GlobeNewswire"),
    ("BOSTON, May 2, 2023 (GLOBAL NEWSWIRE) --", date(2023, 5, 2), "BOSTON", None, "GlobeNewswire"),
    ("NEW YORK, NY / NewsDirect / March 25th, 2024 /", date(2024, 3, 25), "NEW YORK", "NY", "News Direct"),
    ("HOUSTON, TX - (NewMediaWire) - August 23, 2024 -", date(2024, 8, 23), "HOUSTON", "TX", "NewMediaWire"),
    ("NEWPORT, OR, April 03, 2024 /24-7PressRelease/ --", date(2024, 4, 3), "NEWPORT", "OR", "24-7PressRelease"),
    ("Mission Viejo, CA (Newsworthy.ai) Tuesday Mar 25, 2025 @ 3:15 PM Pacific —", date(2025, 3, 25), "Mission Viejo", "CA", "Newsworthy.ai"),
    ("MOUNTAIN VIEW, CA — July 9, 2025 — (NOTICIAS NEWSWIRE) —", date(2025, 7, 9), "MOUNTAIN VIEW", "CA", "Noticias Newswire"),
    ("TAIPEI, TAIWAN - Media OutReach Newswire - 2 July 2026 -", date(2026, 7, 2), "TAIPEI", "TAIWAN", "Media OutReach"),
    ("DALLAS, TEXAS, February 9, 2026 – PRISM MediaWire (Press Release Service – Press Release Distribution) –", date(2026, 2, 9), "DALLAS", "TEXAS", "PRISM MediaWire"),
    ("SAN DIEGO--(BUSINESS WIRE)--March 16, 2005--", date(2005, 3, 16), "SAN DIEGO", None, "Business Wire"),
    ("DALLAS, TX -- December 6th, 2019 --", date(2019, 12, 6), "DALLAS", "TX", None),
    ("TORONTO, ONTARIO--(Marketwire - Jan. 24, 2012) -", date(2012, 1, 24), "TORONTO", "ONTARIO", "Marketwire"),
    ("Vancouver, British Columbia--(Newsfile Corp. - March 25, 2024) -", date(2024, 3, 25), "Vancouver", "British Columbia", "Newsfile"),
    ("VANCOUVER, BC / ACCESS Newswire / June 5, 2025 /", date(2025, 6, 5), "VANCOUVER", "BC", "ACCESSWIRE"),
    ("WASHINGTON, DC, UNITED STATES, March 25, 2024 /EINPresswire.com/ --", date(2024, 3, 25), "WASHINGTON", "DC, UNITED STATES", "EIN Presswire"),
    ("NEW YORK, NY and DENVER, CO — June 25, 2026 — (NOTICIAS NEWSWIRE) —", date(2026, 6, 25), "NEW YORK, NY and DENVER, CO", None, "Noticias Newswire"),
    ("LAS VEGAS, 7 February 2025 –", date(2025, 2, 7), "LAS VEGAS", None, None),
    ("TAMPA, Fla. April 30, 2026 –", date(2026, 4, 30), "TAMPA", "Fla.", None),
    ("CUPERTINO, CA, Friday, May 1, 2026 –", date(2026, 5, 1), "CUPERTINO", "CA", None),
    ("(NewMediaWire) - August 28, 2024 -", date(2024, 8, 28), None, None, "NewMediaWire"),
    ("STOCKHOLM, Sweden (Acme Newswire) -- March 3, 2024 --", date(2024, 3, 3), "STOCKHOLM", "Sweden", "Acme Newswire"),
]


@pytest.mark.parametrize(("line", "day", "city", "region", "wire"), DATELINES, ids=lambda value: str(value)[:40])
def test_a_dateline_of_any_shape_gives_place_date_and_wire(line: str, day: date, city: str | None, region: str | None, wire: str | None) -> None:
    parsed = release(f"Acme Robotics Launches a Warehouse Robot\n\n{line} {BODY}\n", "releases/acme.txt")
    assert parsed.date == day
    assert parsed.dateline is not None and parsed.dateline.text == line
    assert (parsed.dateline.city, parsed.dateline.region, parsed.dateline.wire) == (city, region, wire)
    assert parsed.lead.startswith("Acme Robotics, Inc.")
    assert not [finding for finding in parsed.findings if finding.level == "note"]


def test_business_wire_without_a_date_is_dated_from_the_file_name_with_a_note() -> None:
    parsed = release("Acme Names a New Chief Financial Officer\n\nCHICAGO–(BUSINESS WIRE)–" + BODY + "\n", "releases/2025-06-03-acme-cfo.txt")
    assert parsed.date == date(2025, 6, 3)
    assert (parsed.dateline.city, parsed.dateline.wire) == ("CHICAGO", "Business Wire")
    notes = [finding for finding in parsed.findings if finding.level == "note"]
    assert len(notes) == 1 and "file name" in notes[0].message and notes[0].line == 1


def test_an_impossible_date_in_the_file_name_is_named_as_such() -> None:
    with pytest.raises(Exception) as raised:
        release("Acme Names a New Chief Financial Officer\n\n" + BODY + "\n", "releases/2025-02-30-acme-cfo.txt")
    assert "the file name's 2025-02-30 is no real date" in str(raised.value)


def test_a_release_without_any_dateline_is_dated_from_the_file_name() -> None:
    parsed = release("Acme Names a New Chief Financial Officer\n\n" + BODY + "\n", "releases/2025-06-03-acme-cfo.txt")
    assert parsed.date == date(2025, 6, 3) and parsed.dateline is None
    assert parsed.headline == "Acme Names a New Chief Financial Officer"


def test_a_release_with_no_date_anywhere_is_refused_with_its_line() -> None:
    with pytest.raises(Exception) as raised:
        release("Acme Names a New Chief Financial Officer\n\nCHICAGO–(BUSINESS WIRE)–" + BODY + "\n", "releases/acme-cfo.txt")
    assert "no date" in str(raised.value) and "YYYY-MM-DD" in str(raised.value)


def test_a_date_without_a_year_takes_the_year_of_the_file_name() -> None:
    parsed = release("Acme Reports Results\n\nNEW YORK, Feb. 4 /PRNewswire/ -- " + BODY + "\n", "releases/2011-02-04-acme.txt")
    assert parsed.date == date(2011, 2, 4) and parsed.dateline.wire == "PR Newswire"


def test_a_text_date_far_from_the_file_name_wins_with_a_warning() -> None:
    parsed = release("Acme Reports Results\n\nLAS VEGAS, VALETTA, Feb. 9, 2024 – " + BODY + "\n", "releases/2025-02-10-acme.txt")
    assert parsed.date == date(2024, 2, 9)
    warnings = [finding for finding in parsed.findings if finding.level == "warning"]
    assert len(warnings) == 1 and "2025-02-10" in warnings[0].message and warnings[0].line == 3


def test_a_day_off_between_text_and_file_name_is_no_warning() -> None:
    parsed = release("Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- " + BODY + "\n", "releases/2024-03-25-acme.txt")
    assert parsed.date == date(2024, 3, 24) and not parsed.findings


@pytest.mark.parametrize(
    "line",
    [
        "On March 13, 2024 the company opened a plant in Texas.",
        "Meridianbet, a global sports betting brand, grew in March 13, 2024 results.",
        "Hardwire Inc. announced results on March 3, 2024 - a record.",
        "— Acme MediaWire (@acme) February 17, 2026",
    ],
)
def test_prose_that_only_looks_like_a_dateline_is_not_one(line: str) -> None:
    parsed = release(f"Acme Reports Results\n\n{line}\n\nMore text.\n", "releases/2024-03-25-acme.txt")
    assert parsed.dateline is None and parsed.date == date(2024, 3, 25)


def test_a_wire_line_above_the_full_dateline_takes_place_and_date_from_it() -> None:
    text = "Acme Reports Results\n\n--News Direct--\n\nNEW YORK, NY / NewsDirect / March 25th, 2024 / " + BODY + "\n"
    parsed = release(text, "releases/2024-03-26-acme.txt")
    assert parsed.dateline.text == "--News Direct--"
    assert (parsed.dateline.city, parsed.dateline.region, parsed.dateline.wire, parsed.date) == ("NEW YORK", "NY", "News Direct", date(2024, 3, 25))


# --------------------------------------------------------------------------- 3: headline and sub-headlines


@pytest.mark.parametrize("banner", ["COMMUNIQUE DE PRESSE", "Business Editors/Health/Medical Writers", "Exhibit 99.1", "NEWS RELEASE", "FOR IMMEDIATE RELEASE"])
def test_a_banner_is_not_the_headline_but_stays_on_the_page(banner: str) -> None:
    parsed = release(f"{banner}\n\nAcme Robotics Launches a Warehouse Robot\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n")
    assert parsed.headline == "Acme Robotics Launches a Warehouse Robot"
    html = render(body_markdown(parsed))
    above = html.split("<h1", 1)[0]
    assert banner in visible_text(above)


def test_a_wire_web_page_copy_keeps_its_furniture_above_the_headline() -> None:
    text = (
        "Acme Robotics Faces Investor Lawsuit over Its Warehouse Unit – Roe & Doe\n"
        "August 08, 2024 14:25 ET\n"
        " | Source: Roe & Doe LLP\n\nShare\n\n"
        "SAN FRANCISCO, Aug. 08, 2024 (GLOBE NEWSWIRE) -- Roe & Doe urges investors of Acme Robotics, Inc. (NASDAQ: ACME) who suffered losses to contact the firm.\n"
    )
    parsed = release(text, "releases/2024-08-08-acme.txt")
    assert parsed.headline == "Acme Robotics Faces Investor Lawsuit over Its Warehouse Unit – Roe & Doe"
    assert parsed.subheadlines == () and parsed.date == date(2024, 8, 8)
    assert parsed.headers == ("August 08, 2024 14:25 ET", "| Source: Roe & Doe LLP", "Share")
    html = render(body_markdown(parsed))
    assert "Source: Roe &amp; Doe LLP" in html.split("<h1", 1)[0]


def test_a_pr_newswire_page_copy_names_its_issuer_above_the_headline() -> None:
    text = (
        "Acme Robotics Launches a Warehouse Robot\n\nRobot lifts twice the load of its predecessor\n\n"
        "News provided by\n\nAcme Robotics, Inc.\n\nSep 04, 2024, 08:00 ET\n\n"
        "BOSTON, Sept. 4, 2024 /PRNewswire/ -- Acme Robotics, Inc. (NYSE: ACME) today launched a robot that lifts twice the load of its predecessor.\n"
    )
    parsed = release(text, "releases/2024-09-04-acme.txt")
    assert parsed.subheadlines == ("Robot lifts twice the load of its predecessor",)
    assert parsed.headers == ("News provided by", "Acme Robotics, Inc.", "Sep 04, 2024, 08:00 ET")
    assert (parsed.date, parsed.dateline.wire) == (date(2024, 9, 4), "PR Newswire")


def test_in_text_of_long_lines_each_short_line_under_the_headline_is_a_sub_headline() -> None:
    body = "Acme Robotics, Inc. (Nasdaq: ACME), a maker of warehouse robots for retailers and logistics companies, today announced a new product."
    text = f"Acme Robotics Launches a Warehouse Robot\nRobot lifts twice the load of its predecessor\nShipments begin in May\nCHICAGO--(BUSINESS WIRE)--{body}\n"
    parsed = release(text)
    assert parsed.headline == "Acme Robotics Launches a Warehouse Robot"
    assert parsed.subheadlines == ("Robot lifts twice the load of its predecessor", "Shipments begin in May")


# A web address on a line of its own runs past the width the text is wrapped at.
LONG_ADDRESS = "\nMore at:\nhttps://www.example.com/news/2024/03/24/acme-robotics-launches-a-warehouse-robot-that-lifts-twice-the-load-of-its-predecessor.html\n"


@pytest.mark.parametrize("after", ["", LONG_ADDRESS], ids=["alone", "long-address-below"])
def test_a_wrapped_headline_in_hard_wrapped_text_is_joined(after: str) -> None:
    text = (
        "Acme Robotics Launches a Warehouse Robot That Lifts Twice the Load, Shaping\n"
        "The Future Of Logistics\n\n"
        "BOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- Acme Robotics, Inc. (Nasdaq: ACME),\n"
        "a maker of warehouse robots, today announced a new product for retailers and\n"
        f"logistics companies across North America.\n{after}"
    )
    parsed = release(text)
    assert parsed.headline == "Acme Robotics Launches a Warehouse Robot That Lifts Twice the Load, Shaping The Future Of Logistics"
    assert parsed.subheadlines == ()


WRAPPED_BODY = (
    "NEW YORK--(BUSINESS WIRE)--Acme Robotics, Inc. (Nasdaq: ACME), a maker of warehouse\n"
    "robots, today announced the date of its next report to shareholders and the\n"
    "time of the conference call that will follow it for analysts and investors.\n"
)


@pytest.mark.parametrize(
    ("headline", "tail"),
    [
        ("Acme Robotics Will Report Its Fourth Quarter and Full Year 2024 Results on", "February 12, 2025"),
        ("Acme Robotics Names Jane Doe Senior Managing Director of Its Private Capital", "Advisory"),
    ],
    ids=["date-after-an-open-end", "banner-word-under-a-full-line"],
)
def test_a_wrapped_headline_whose_last_line_looks_like_a_label_keeps_it(headline: str, tail: str) -> None:
    """The headline's last line is its text, not a top date or a banner (the date is no release date)."""
    parsed = release(f"{headline}\n{tail}\n\n{WRAPPED_BODY}", "releases/2025-01-06-acme.txt")
    assert parsed.headline == f"{headline} {tail}"
    assert parsed.headers == () and parsed.top_date is None and parsed.date == date(2025, 1, 6)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Acme Robotics Reports Fourth Quarter and Full Year 2024 Financial Results", "February 12, 2025"),
        ("Acme Robotics Names Jane Doe Senior Managing Director of Its Private Capital", "MEDIA ADVISORY"),
    ],
    ids=["date-under-a-closed-headline", "capitals-under-mixed-case"],
)
def test_a_label_under_a_headline_that_does_not_run_on_stays_a_header(first: str, second: str) -> None:
    parsed = release(f"{first}\n{second}\n\n{WRAPPED_BODY}", "releases/2025-02-12-acme.txt")
    assert parsed.headline == first and parsed.headers == (second,)


WRAPPED_DATELINES = [
    # (the dateline's two lines, date, city, region, wire)
    (("MADISON, Wis., Jan.", "24, 2017 (GLOBE NEWSWIRE) -- Acme Robotics, Inc. (Nasdaq: ACME), a maker"), date(2017, 1, 24), "MADISON", "Wis.", "GlobeNewswire"),
    (
        ("Melbourne, Australia (Newsworthy.ai) Friday Sep 5, 2025 @ 3:10 AM", "Australia/Melbourne — Acme Robotics, Inc. (Nasdaq: ACME), a maker"),
        date(2025, 9, 5),
        "Melbourne",
        "Australia",
        "Newsworthy.ai",
    ),
    (
        ("MIAMI, May 4, 2026 – PRISM MediaWire (Press Release Service – Press", "Release Distribution) – Acme Robotics, Inc. (Nasdaq: ACME), a maker"),
        date(2026, 5, 4),
        "MIAMI",
        None,
        "PRISM MediaWire",
    ),
    (("VANCOUVER, British Columbia - (NewMediaWire) - September 4, 2024 -", "Acme Robotics, Inc. (Nasdaq: ACME), a maker of warehouse robots for"), date(2024, 9, 4), "VANCOUVER", "British Columbia", "NewMediaWire"),
]


@pytest.mark.parametrize(("lines", "day", "city", "region", "wire"), WRAPPED_DATELINES, ids=[row[4] for row in WRAPPED_DATELINES])
def test_a_dateline_a_hard_wrap_cut_is_read_whole(lines: tuple[str, str], day: date, city: str, region: str | None, wire: str) -> None:
    """Named a day before its dateline's date (as a wire's UTC-dated file name may be): the date is the dateline's."""
    text = (
        "Acme Robotics Opens a New Plant for Its Warehouse Robots in Ohio\n\n"
        f"{lines[0]}\n{lines[1]}\n"
        "of warehouse robots, today announced a new plant for its customers in the\n"
        "state of Ohio, where it will employ about two hundred people this year.\n"
    )
    parsed = release(text, f"releases/{(day - timedelta(days=1)).isoformat()}-acme.txt")
    assert parsed.dateline is not None
    assert (parsed.date, parsed.dateline.city, parsed.dateline.region, parsed.dateline.wire) == (day, city, region, wire)
    markdown = body_markdown(parsed)
    assert f"**{parsed.dateline.text}**{{ .nr-dateline }}" in markdown.replace("\\", "")
    assert_renders_every_word(parsed)


# --------------------------------------------------------------------------- 5: tables


def _table(parsed: Release) -> Table:
    tables = [block for part in parsed.parts if isinstance(part, Section) for block in part.blocks if isinstance(block, Table)]
    assert len(tables) == 1, parsed.parts
    return tables[0]


def test_tab_separated_rows_are_a_table_with_a_header() -> None:
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\nFund\tTicker\tLeverage\nAcme Bull\tACMU\t200%\nAcme Bear\tACMD\t-200%\n")
    table = _table(parsed)
    assert table.rows == (("Fund", "Ticker", "Leverage"), ("Acme Bull", "ACMU", "200%"), ("Acme Bear", "ACMD", "-200%"))
    assert table.header == 1


@pytest.mark.parametrize(
    ("heading", "header"),
    [
        ("(in thousands, except per share)\tQ1 2025\tQ1 2024\tChange", 1),
        ("Period\tDecember 31, 2024\tDecember 31, 2023\tChange", 1),
        # a row of amounts heads nothing
        ("Net revenue\t$1,200\t$1,100\t9%", 0),
    ],
)
def test_periods_over_amounts_head_the_table(heading: str, header: int) -> None:
    """Its column headings were an ordinary row: no <th> for a screen reader to name the columns by."""
    rows = "Revenue\t$1,234\t$1,100\t12%\nNet loss\t$(2,345)\t$(2,100)\t(12)%\n"
    table = _table(release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\n{heading}\n{rows}"))
    assert table.rows[0] == tuple(heading.split("\t")) and table.header == header


def test_tab_separated_rows_a_blank_line_apart_are_one_table() -> None:
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\nQuarter\tRevenue\n\nQ1\t$1.2M\n\nQ2\t$1.5M\n")
    assert _table(parsed).rows == (("Quarter", "Revenue"), ("Q1", "$1.2M"), ("Q2", "$1.5M"))


def test_bar_separated_rows_with_a_rule_are_a_table_headed_by_the_first_row() -> None:
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\n| Metric | 2023 | 2024 |\n|---|---:|---:|\n| Revenue | 10.1 | 12.4 |\n")
    table = _table(parsed)
    assert table.rows == (("Metric", "2023", "2024"), ("Revenue", "10.1", "12.4")) and table.header == 1


def test_column_aligned_rows_are_a_table_and_rules_keep_the_block_as_printed() -> None:
    aligned = "Segment          2024      2023\nRobots          $ 12.4    $ 10.1\nServices           3.2       2.9\n"
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\n{aligned}")
    assert _table(parsed).rows == (("Segment", "2024", "2023"), ("Robots", "$ 12.4", "$ 10.1"), ("Services", "3.2", "2.9"))
    ruled = "Segment          2024      2023\n                ------    ------\nRobots          $ 12.4    $ 10.1\n"
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\n{ruled}")
    blocks = sections(parsed, "body")[0].blocks
    assert any(isinstance(block, Preformatted) and block.text == ruled.rstrip("\n") for block in blocks)


def test_a_table_renders_its_cells_verbatim_in_a_scrolling_region() -> None:
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\nName\tNote\nA<b>\t1 & 2\nB\t*x*\n")
    html = assert_renders_every_word(parsed)
    region = re.search(r'<div class="nr-table"[^>]*tabindex="0"[^>]*>(.*?)</div>', html, re.S)
    assert region and "<th" in region.group(1)
    assert "A&lt;b&gt;" in region.group(1) and "1 &amp; 2" in region.group(1) and "*x*" in region.group(1)


def test_a_body_rows_label_heads_its_row() -> None:
    """A screen reader names each figure with its row's label (``Revenue``) as well as its column."""
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\nSegment\t2024\t2023\nRobots\t$ 12.4\t$ 10.1\n\t$ 1.0\t$ 2.0\n")
    html = assert_renders_every_word(parsed)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert rows[0].count('<th scope="col">') == 3
    assert '<th scope="row">Robots</th>' in rows[1] and "<td>$ 12.4</td>" in rows[1]
    assert "<td></td>" in rows[2] and "<th" not in rows[2]  # no label, no row header


# --------------------------------------------------------------------------- 6: the safe harbour collapses only itself


def test_contacts_and_tables_after_the_safe_harbour_stay_outside_it() -> None:
    text = (
        f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\n"
        "Forward-Looking Statements\n\nThis press release contains forward-looking statements. Actual results may differ.\n\n"
        "Investor Relations Contact:\nJane Roe\nir@acme.example\n\n"
        "Condensed Statements of Operations\n\nItem\tQ1\nRevenue\t10\nCost\t4\n"
    )
    parsed = release(text)
    harbour = sections(parsed, "safe_harbor")
    assert len(harbour) == 1 and len(harbour[0].blocks) == 1
    contacts = [part for part in parsed.parts if isinstance(part, ContactBlock)]
    assert contacts and contacts[0].heading == "Investor Relations Contact:"
    assert _table(parsed).rows[0] == ("Item", "Q1")
    html = render(body_markdown(parsed))
    details = re.search(r"<details.*?</details>", html, re.S)
    assert details and "Jane Roe" not in details.group(0) and "Revenue" not in details.group(0)


def test_the_safe_harbour_ends_at_the_next_heading() -> None:
    text = (
        f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\n"
        "This press release contains forward-looking statements. Actual results may differ.\n\n"
        "Use of Non-GAAP Financial Measures\n\nAcme uses adjusted EBITDA.\n"
    )
    parsed = release(text)
    assert [block.text for block in sections(parsed, "safe_harbor")[0].blocks] == ["This press release contains forward-looking statements. Actual results may differ."]
    after = [part for part in parsed.parts if isinstance(part, Section) and part.heading == "Use of Non-GAAP Financial Measures"]
    assert after and after[0].blocks[0].text == "Acme uses adjusted EBITDA."


# --------------------------------------------------------------------------- 7: contacts


@pytest.mark.parametrize(
    ("heading", "lines"),
    [
        ("Contacts", ["Jane Roe", "Acme Robotics", "jane@acme.example"]),
        ("Media Contact:", ["Jane Roe", "+1 617 555 0100"]),
        ("Investor Relations Contact:", ["John Doe", "ir@acme.example"]),
        ("For Media Inquiries, please contact:", ["Jane Roe", "press@acme.example"]),
        ("Investor & Media Contacts:", ["Jane Roe", "617-555-0100"]),
    ],
)
def test_contact_headings_in_real_forms_start_a_contact_block(heading: str, lines: list[str]) -> None:
    block = "\n".join(lines)
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\n{heading}\n{block}\n")
    contacts = [part for part in parsed.parts if isinstance(part, ContactBlock)]
    assert len(contacts) == 1 and contacts[0].heading == heading
    assert [line for contact in contacts[0].contacts for line in contact.lines] == lines


def test_contact_lines_each_in_their_own_paragraph_are_one_person_until_an_address() -> None:
    text = f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\nMedia Contact:\n\nJane Roe\n\nAcme PR\n\njane@acme.example\n\nJohn Doe\n\njohn@acme.example\n"
    contacts = [part for part in release(text).parts if isinstance(part, ContactBlock)][0].contacts
    assert [contact.lines for contact in contacts] == [("Jane Roe", "Acme PR", "jane@acme.example"), ("John Doe", "john@acme.example")]
    assert [contact.email for contact in contacts] == ["jane@acme.example", "john@acme.example"]


@pytest.mark.parametrize(
    ("glued", "lines", "name", "phone", "email"),
    [
        (
            "Jorge FloresTel: 631-555-0142Email: jorge@acme.example",
            ("Jorge Flores", "Tel: 631-555-0142", "Email: jorge@acme.example"),
            "Jorge Flores", "631-555-0142", "jorge@acme.example",
        ),
        # A number run into the address after it: the address is not "6315550142Investors@…".
        (
            "Jorge FloresTel: 631-555-0142Investors@acme.example",
            ("Jorge Flores", "Tel: 631-555-0142", "Investors@acme.example"),
            "Jorge Flores", "631-555-0142", "Investors@acme.example",
        ),
        # An address run into the label after it: the address is not "ir@acme.comTel".
        (
            "Paul FoisyEmail: ir@acme.comTel: (914) 555 0313",
            ("Paul Foisy", "Email: ir@acme.com", "Tel: (914) 555 0313"),
            "Paul Foisy", "(914) 555 0313", "ir@acme.com",
        ),
    ],
    ids=["labels", "number-then-address", "address-then-label"],
)
def test_contacts_a_copy_ran_together_are_cut_back_into_lines(glued: str, lines: tuple[str, ...], name: str, phone: str, email: str) -> None:
    """Every character kept, in order: only the line breaks the copy lost come back."""
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\nCompany Contact:{glued}\n")
    contacts = [part for part in parsed.parts if isinstance(part, ContactBlock)]
    assert contacts and contacts[0].heading == "Company Contact:"
    (person,) = contacts[0].contacts
    assert "".join(person.lines) == glued and person.lines == lines
    assert (person.name, person.phone, person.email) == (name, phone, email)
    html = assert_renders_every_word(parsed)
    assert f'href="mailto:{email}"' in html and 'href="tel:+1' in html


# --------------------------------------------------------------------------- 8: sections


def test_an_about_heading_in_capitals_ends_the_news() -> None:
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\nABOUT ACME ROBOTICS\n\nAcme makes patent-pending robots.\n")
    abouts = sections(parsed, "about")
    assert [section.heading for section in abouts] == ["ABOUT ACME ROBOTICS"]
    assert "patent-pending" not in parsed.news_text


WRAPPED_NEWS = (
    "BOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- Acme Robotics, Inc. (Nasdaq: ACME), a maker of\n"
    "warehouse robots, today announced a new product for retailers and logistics\n"
    "companies across North America.\n"
)


@pytest.mark.parametrize(
    ("news", "above", "heading"),
    [
        (f"BOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}", "For more information, visit www.acme.example.", "About Acme Robotics"),
        (f"BOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}", "To view the full press release, visit https://acme.example/u082L", "About Acme Robotics, Inc."),
        (WRAPPED_NEWS, "Register for the webcast at the company's site", "About Acme Robotics"),
        (WRAPPED_NEWS, "The product ships in May.", "Forward-Looking Statements"),
    ],
    ids=["sentence-above", "address-above", "short-wrapped-line-above", "safe-harbour"],
)
def test_a_heading_with_no_blank_line_above_it_still_ends_the_news(news: str, above: str, heading: str) -> None:
    """Single-spaced copy lost the blank line over the heading: what follows is boilerplate, not news."""
    boilerplate = "Acme makes patent-pending robots and expects FDA approval of its clinical trial robot."
    parsed = release(f"Acme Reports Results\n\n{news}\n\n{above}\n{heading}\n\n{boilerplate}\n")
    assert "patent-pending" not in parsed.news_text and above in parsed.news_text
    found = parsed.safe_harbor if heading.startswith("Forward") else sections(parsed, "about")[0]
    assert found is not None and found.heading == heading
    assert_renders_every_word(parsed)


def test_a_wrapped_sentence_whose_line_opens_with_about_stays_one_paragraph() -> None:
    text = (
        "Acme Reports Results\n\n"
        "BOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- Acme Robotics, Inc. (Nasdaq: ACME) today said that\n"
        "its robots moved a record number of parcels in the first quarter of the year.\n"
        "About Acme Robotics robots, customers said they would buy more of them this\n"
        "year than last, the company said in a statement to its shareholders.\n"
    )
    parsed = release(text)
    assert sections(parsed, "about") == [] and len(parsed.body) == 1 and "customers said" in parsed.news_text


def test_an_about_heading_glued_to_its_paragraph_is_bold_and_keeps_every_character() -> None:
    paragraph = "About Tenpoint Therapeutics Tenpoint Therapeutics Ltd. is a clinical-stage company developing eye drops."
    parsed = release(f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n\n{paragraph}\n")
    about = sections(parsed, "about")
    assert len(about) == 1 and about[0].heading == "About Tenpoint Therapeutics" and about[0].glued
    assert about[0].blocks[0].text == paragraph
    assert "eye drops" not in parsed.news_text
    html = assert_renders_every_word(parsed)
    strong = re.search(r"<strong class=\"nr-glued-heading\">(.*?)</strong>(.*?)</p>", html, re.S)
    assert strong and strong.group(1) == "About Tenpoint Therapeutics"
    assert visible_text(strong.group(0)) == paragraph


# --------------------------------------------------------------------------- 9: words and tickers


def test_a_hyphen_at_the_end_of_a_wrapped_line_joins_without_a_space() -> None:
    assert one_line("cloud-\nconnectable devices and\nmore") == "cloud-connectable devices and more"
    text = (
        "Acme Launches Robots\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- Acme Robotics, Inc. makes cloud-\n"
        "connectable robots for warehouses, retailers and logistics companies in North\nAmerica and Europe.\n"
    )
    html = render(body_markdown(release(text)))
    assert "cloud-connectable robots" in visible_text(html)


@pytest.mark.parametrize(
    ("text", "tickers"),
    [
        ("BioCryst (Nasdaq: BCRX - News) said", ["Nasdaq:BCRX"]),
        ("Lexaria (Nasdaq: LEXX, LEXXW) said", ["Nasdaq:LEXX", "Nasdaq:LEXXW"]),
        ("Redfund (CSE: LOAN) (OTC: PNNRF) (Frankfurt: O3X4) said", ["CSE:LOAN", "OTC:PNNRF", "Frankfurt:O3X4"]),
        ("Energy Fuels (NYSE American: UUUU) (TSX: EFR) said", ["NYSE American:UUUU", "TSX:EFR"]),
        ("Novo (ASX:NVO TSE:NVO) said", ["ASX:NVO", "TSE:NVO"]),
        ("Timken (NYSE: TKR; www.timken.com) said", ["NYSE:TKR"]),
        ("Rogers (TSX: RCI.A and RCI.B; NYSE: RCI) said", ["TSX:RCI.A", "TSX:RCI.B", "NYSE:RCI"]),
        ("the Company (the \"Company\"; Note: see below) said", []),
        ("Acme (NASDAQ: ACME) said ... Acme (Nasdaq: ACME) is", ["NASDAQ:ACME"]),  # one listing, as first printed
    ],
)
def test_tickers_in_real_forms(text: str, tickers: list[str]) -> None:
    assert tickers_in(text) == tickers


# --------------------------------------------------------------------------- the layout is read from the whole text


def test_short_lines_in_text_of_long_lines_stand_as_printed() -> None:
    text = f"Acme Reports Results\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY} It is a long paragraph of its own, as web copies have them.\n\nDATE: April 25th\nTIME: 4:00 pm Eastern\n"
    blocks = sections(release(text), "body")[0].blocks
    kept = [block for block in blocks if isinstance(block, Paragraph) and block.breaks]
    assert [block.text for block in kept] == ["DATE: April 25th\nTIME: 4:00 pm Eastern"]
    html = render(body_markdown(release(text)))
    assert "DATE: April 25th<br" in html


WRAPPED = (
    "Acme Reports Results\n\n"
    "BOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- Acme Robotics, Inc. (Nasdaq: ACME), a maker of robots\n"
    "for warehouses, today announced that its revenue for the year rose by a fifth\n"
    "{marker} the highest growth in the company's history {marker} and that the board\n"
    "approved the annual report for the fiscal year ended December 31, 2023.\n\n"
    "The second paragraph of the release is wrapped at about the same width as\n"
    "the first one, so that the whole text reads as hard-wrapped by the wire.\n"
)


@pytest.mark.parametrize("marker", ["–", "-", "*", "•"])
def test_a_wrapped_sentence_whose_line_opens_with_a_dash_stays_one_paragraph(marker: str) -> None:
    blocks = sections(release(WRAPPED.format(marker=marker)), "body")[0].blocks
    assert not any(isinstance(block, BulletList) for block in blocks)
    sentence = one_line(WRAPPED.format(marker=marker).split("\n\n")[1])
    assert [one_line(block.text) for block in blocks if isinstance(block, Paragraph)][0] == sentence


@pytest.mark.parametrize(
    "intro, items, after",
    [
        # an introduction that ends in a colon or a stop, or items that follow each other, make a list
        ("today announced the following results for the fiscal year, as its board approved:", ["Revenue of $5 million", "Net loss of $2 million"], "The"),
        ("today announced the following results for the fiscal year that its board approved.", ["Revenue of $5 million"], "The"),
        ("today announced the following results for the fiscal year that its board approved", ["Revenue of $5 million", "Net loss of $2 million"], "The"),
        ("today announced the following results for the fiscal year that its board approved", ["Revenue of $5 million"], ""),
    ],
)
def test_a_list_after_wrapped_prose_stays_a_list(intro: str, items: list[str], after: str) -> None:
    lines = "".join(f"- {item}\n" for item in items)
    tail = f"{after} company expects more of the same in the year to come.\n" if after else ""
    text = (
        "Acme Reports Results\n\n"
        "BOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- Acme Robotics, Inc. (Nasdaq: ACME), a maker of robots\n"
        f"for warehouses, {intro}\n{lines}{tail}\n"
        "The second paragraph of the release is wrapped at about the same width as\n"
        "the first one, so that the whole text reads as hard-wrapped by the wire.\n"
    )
    blocks = sections(release(text), "body")[0].blocks
    assert [block.items for block in blocks if isinstance(block, BulletList)] == [tuple(items)]


def test_bullets_in_a_summary_stay_a_summary() -> None:
    parsed = release(f"Acme Reports Results\n\n* Revenue up 20%\n* Two new customers\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n")
    assert parsed.summary == ("Revenue up 20%", "Two new customers")
    assert not any(isinstance(block, BulletList) for block in sections(parsed, "body")[0].blocks)


def test_the_head_keeps_its_order_around_a_summary() -> None:
    """A sub-headline below the bullet summary stays below it in the page (it was written above)."""
    text = (
        "Acme Reports Results\n\nRecord quarter for the company\n\n* Revenue up 20%\n* Two new customers\n\n"
        f"Company to host call at 9 a.m.\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- {BODY}\n"
    )
    parsed = release(text)
    assert parsed.deck == (
        Paragraph("Record quarter for the company", 3),
        BulletList(("Revenue up 20%", "Two new customers"), 5),
        Paragraph("Company to host call at 9 a.m.", 8),
    )
    markdown = body_markdown(parsed)
    order = ["Record quarter", "- Revenue up 20%", "- Two new customers", "Company to host call", "BOSTON"]
    assert [markdown.index(words) for words in order] == sorted(markdown.index(words) for words in order)
    assert_renders_every_word(parsed)

@pytest.mark.corpus
def test_the_real_forms_here_are_not_copies_of_the_corpus() -> None:
    bodies = {path.read_text(encoding="utf-8-sig") for path in (CORPUS / "releases").glob("*.txt")}
    assert BODY not in "".join(bodies)
