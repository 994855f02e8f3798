"""The wire-text corpus (tests/fixtures/wire): every release parses to the fields its .yml expects,
and a real site built from all of them shows every expected sentence, list and table."""

from __future__ import annotations

import html as htmllib
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from newsroom.catalogue import load_catalogue
from newsroom.model import BulletList, ContactBlock, Release, Section, Trailer, release_slug
from newsroom.wire import clean_text, decode, parse_release

from .helpers import FIXTURES, ROOT, copy_project, release_body, release_texts, run_build
from .htmltext import flat_text, read, visible_text

WIRE = FIXTURES / "wire"
CASES = sorted(WIRE.glob("*.yml"))
CATALOGUE = load_catalogue(ROOT / "content" / "products.yml")
# A bullet line as the wires print it (independent of the parser): a mark, then the item;
# ``|·|item|`` rows from exhibits too.
BULLET_LINE = re.compile(r"^\s*(?:\|\s*)?[•·*-](?:\s+|\s*\|)(?P<item>[^|\s].*?)\s*\|?\s*$")


def expected(case: Path) -> dict:
    return yaml.safe_load(case.read_text(encoding="utf-8"))


def parsed(case: Path) -> Release:
    source = case.with_suffix(".txt")
    return parse_release(source.read_bytes(), f"releases/{source.name}")


def source_lines(case: Path) -> list[str]:
    return decode(case.with_suffix(".txt").read_bytes(), case.name)[0].split("\n")


# --------------------------------------------------------------------------- fields


def test_the_corpus_covers_every_form() -> None:
    cases = [expected(case) for case in CASES]
    assert len(cases) >= 15
    assert {case["wire"] for case in cases} == {"GlobeNewswire", "Business Wire", "PR Newswire", "ACCESSWIRE", None}
    assert {case["encoding"] for case in cases} == {"utf-8", "utf-8-sig", "cp1252"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_the_fixture_is_stored_in_its_encoding(case: Path) -> None:
    data = case.with_suffix(".txt").read_bytes()
    encoding = expected(case)["encoding"]
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    if encoding == "cp1252":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    else:
        data.decode("utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_fields(case: Path) -> None:
    want = expected(case)
    release = parsed(case)
    assert release.headline == want["headline"]
    assert release.date == date.fromisoformat(want["date"])
    assert release.dateline is not None
    assert (release.dateline.city, release.dateline.region, release.dateline.wire) == (want["city"], want["region"], want["wire"])
    assert list(release.tickers) == want["tickers"]
    assert CATALOGUE.detect(release.news_text) == want["products"]
    assert release.correction is want.get("correction", False)
    assert release.embargo == (datetime.fromisoformat(want["embargo"]) if want.get("embargo") else None)
    assert list(release.subheadlines) == want["subheadlines"]
    assert list(release.summary) == want.get("summary", [])
    assert not [f for f in release.findings if f.level == "error"]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_nothing_is_lost_or_invented(case: Path) -> None:
    """Every character of the text is in the release (header lines kept aside, bullet marks
    and exhibit cell bars turned into list structure), and no other."""
    release = parsed(case)
    text = "\n".join(source_lines(case))
    kept = "".join([*release.headers, *release_texts(release)])
    strip = re.compile(r"\s")
    source = sorted(strip.sub("", "\n".join(BULLET_LINE.sub(lambda m: m.group("item"), line) for line in text.split("\n"))))
    assert sorted(strip.sub("", kept)) == source


def test_utf16_with_a_byte_order_mark_reads_like_utf8() -> None:
    case = WIRE / "prn-firstcall-cp1252.txt"
    text = case.read_bytes().decode("cp1252")
    assert parse_release(text.encode("utf-16"), "x.txt") == parse_release(case.read_bytes(), "x.txt")


def test_a_windows_1252_line_in_a_utf8_file_is_read_as_windows_1252() -> None:
    utf8 = (WIRE / "gnw-nbsp-tsx.txt").read_bytes()
    mixed = utf8.replace(b"The Company expects", "“The Company” expects".encode("cp1252"))
    release = parse_release(mixed, "x.txt")
    body = " ".join(block.text for block in release.body)
    assert "“The Company” expects" in body and "Hélène Tremblay" in body


def test_other_dates_in_the_text_are_not_the_release_date() -> None:
    """A correction note, a later event, a PUB: trailer: only the dateline and header date count."""
    for stem, other in (("bw-correcting-replacing", "April 25, 2019"), ("prn-three-line-headline", "Jan. 24, 2019"), ("bw-two-subheadlines-crlf", "PUB: 03/07/2019")):
        release = parsed(WIRE / f"{stem}.yml")
        assert other in "\n".join(source_lines(WIRE / f"{stem}.yml"))
        assert release.date == date.fromisoformat(expected(WIRE / f"{stem}.yml")["date"])


def test_a_restated_headline_in_a_correction_is_body_text() -> None:
    release = parsed(WIRE / "bw-correcting-replacing.yml")
    assert "FLEXWELL SYSTEMS REPORTS FISCAL FOURTH QUARTER AND FULL YEAR 2019 RESULTS" in [b.text for b in release.body]


def test_page_breaks_are_rejoined_whatever_case_the_next_page_starts_with() -> None:
    release = parsed(WIRE / "gnw-formfeed-pagebreak.yml")
    texts = [b.text for part in release.parts if isinstance(part, Section) for b in part.blocks]
    assert any("marginal zone lymphoma. Approximately 80 patients" in t for t in texts)
    assert any("filed with the Securities and Exchange Commission including" in t for t in texts)


def test_a_contact_block_above_the_dateline_is_neither_headline_nor_sub_headline() -> None:
    release = parsed(WIRE / "plain-contact-before-dateline.yml")
    (contact,) = release.contacts
    assert (contact.name, contact.organization, contact.phone, contact.email) == ("Jules Abraham", "JQA Partners, Inc.", "917-885-7378", "jabraham@jqapartners.com")
    assert isinstance(release.parts[0], ContactBlock) and release.parts[0].heading == "CONTACT:"


def test_str_input_is_cleaned_like_bytes() -> None:
    text = (WIRE / "gnw-wrapped-headline.txt").read_text(encoding="utf-8")
    assert clean_text("\ufeff" + text.replace("\n", "\r\n"), "x")[0] == text
    assert parse_release(text, "x.txt") == parse_release(text.encode("utf-8"), "x.txt")


# --------------------------------------------------------------------------- the built site


@pytest.fixture(scope="module")
def wire_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build with every wire fixture in the project's releases."""
    project = copy_project(tmp_path_factory.mktemp("wire") / "project")
    for source in sorted(WIRE.glob("*.txt")):
        shutil.copy2(source, project / "content" / "releases" / source.name)
    run_build(project)
    return project / "site"


def page(site: Path, case: Path) -> str:
    want = expected(case)
    path = site / "releases" / release_slug(date.fromisoformat(want["date"]), want["headline"]) / "index.html"
    assert path.exists(), f"no page for {case.stem} at {path}"
    return read(path)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_page_shows_every_expected_sentence(wire_site: Path, case: Path) -> None:
    html = page(wire_site, case)
    text = flat_text(html)
    for sentence in expected(case)["must_contain"]:
        assert " ".join(sentence.split()) in text, sentence
    h1 = re.findall(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)
    assert [flat_text(h) for h in h1] == [expected(case)["headline"]]


def test_no_break_spaces_are_kept(wire_site: Path) -> None:
    html = release_body(page(wire_site, WIRE / "gnw-nbsp-tsx.yml"))
    assert "fund a Phase\u00a02 study" in html
    assert "Ontario,\u00a0Aug.\u00a015, 2019 (GLOBE\u00a0NEWSWIRE)" in html


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_parts_appear_in_the_order_of_the_source(wire_site: Path, case: Path) -> None:
    release = parsed(case)
    text = flat_text(release_body(page(wire_site, case)))
    anchors = []
    for part in release.parts:
        if isinstance(part, Trailer):
            anchors.append((part.line, part.text))
        elif isinstance(part, ContactBlock):
            anchors.append((part.line, part.heading or part.contacts[0].lines[0]))
        else:
            first = part.blocks[0]
            anchors.append((part.line, part.heading or (first.items[0] if isinstance(first, BulletList) else first.text)))
    assert [line for line, _ in anchors] == sorted(line for line, _ in anchors), "parts out of source order"
    positions = [text.index(" ".join(anchor.split()[:8])) for _, anchor in anchors]
    assert positions == sorted(positions)


def test_contacts_before_about_stay_before_about(wire_site: Path) -> None:
    text = flat_text(release_body(page(wire_site, WIRE / "gnw-cest-header.yml")))
    assert text.index("For further information, please contact:") < text.index("Lars Haugen, CFO") < text.index("About Fjordline Oncology")


@pytest.mark.parametrize("case", [c for c in CASES if any(BULLET_LINE.match(line) for line in source_lines(c))], ids=lambda p: p.stem)
def test_bullets_become_lists(wire_site: Path, case: Path) -> None:
    items = [match.group("item") for line in source_lines(case) if (match := BULLET_LINE.match(line))]
    body = release_body(page(wire_site, case))
    lists = re.findall(r"<ul>(.*?)</ul>", body, flags=re.S)
    shown = [flat_text(item) for ul in lists for item in re.findall(r"<li>(.*?)</li>", ul, flags=re.S)]
    assert shown == [" ".join(item.split()) for item in items]


def test_the_financial_table_keeps_its_alignment(wire_site: Path) -> None:
    lines = source_lines(WIRE / "gnw-financial-table.yml")
    start = next(i for i, line in enumerate(lines) if line.strip() == "CELLECTAR BIOSCIENCES, INC.")
    end = next(i for i, line in enumerate(lines) if line.startswith("About "))
    table = "\n".join(line.rstrip() for line in lines[start:end]).strip("\n")
    pres = re.findall(r"<pre[^>]*>(.*?)</pre>", release_body(page(wire_site, WIRE / "gnw-financial-table.yml")), flags=re.S)
    assert len(pres) == 1
    shown = htmllib.unescape(re.sub(r"</?code[^>]*>", "", pres[0])).strip("\n")
    assert shown == table


def test_the_safe_harbour_is_collapsed_and_whole(wire_site: Path) -> None:
    for case in CASES:
        release = parsed(case)
        body = release_body(page(wire_site, case))
        details = re.findall(r"<details[^>]*>(.*?)</details>", body, flags=re.S)
        assert len(details) == (1 if release.safe_harbor else 0), case.stem
        if release.safe_harbor:
            shown = visible_text(details[0])
            assert all(" ".join(b.text.split()) in " ".join(shown.split()) for b in release.safe_harbor.blocks)
