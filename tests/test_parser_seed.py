"""The parser on the seed release, field by field, checked against the seed's own text."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest

from newsroom.model import BulletList, Paragraph
from newsroom.wire import parse_file

from .helpers import SEED, SEED_SHA256


@pytest.fixture(scope="module")
def release():
    return parse_file(SEED)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_committed_seed_is_byte_for_byte_the_seed_as_issued() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_top_date_and_headline(release, seed_text: str) -> None:
    assert release.top_date == date(2017, 1, 24)
    assert release.headers == ("January 24, 2017",)
    headline_line = next(line for line in seed_text.splitlines() if line.startswith("Cellecstar Biosciences Announces"))
    assert release.headline == headline_line.strip()


def test_dateline(release) -> None:
    assert release.dateline is not None
    assert release.dateline.city == "MADISON"
    assert release.dateline.region == "Wis."
    assert release.dateline.wire == "GlobeNewswire"
    assert release.dateline.text == "MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) --"
    assert release.date == date(2017, 1, 24)


def test_ticker_and_patent(release) -> None:
    assert release.tickers == ("Nasdaq:CLRB",)
    assert release.patents == ("9,550,002",)


def test_body_paragraphs_are_the_news_before_the_boilerplate(release, seed_text: str) -> None:
    paragraphs = [block.text for block in release.body]
    assert len(paragraphs) == 3
    assert all(isinstance(block, Paragraph) for block in release.body)
    for text in paragraphs:
        assert text in seed_text
    assert paragraphs[0].startswith("MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) -- Cellecstar Biosciences, Inc.")


def test_page_break_splits_are_rejoined(release, seed_text: str) -> None:
    about_125 = next(s for s in release.abouts if s.heading == "About CLR 125")
    text = about_125.blocks[0].text
    assert "retention of CLR 125 has been observed in malignant tissues" in text
    # The source really has the split: the words sit on two lines with a blank line between.
    assert re.search(r"has been\s*\n\s*\nobserved", seed_text)
    assert release.safe_harbor is not None
    harbor = release.safe_harbor.blocks[0].text
    assert "filed with the Securities and Exchange Commission including our Form 10-K/A" in harbor
    assert re.search(r"Securities and\s*\n\s*\nExchange Commission", seed_text)
    assert len(release.safe_harbor.blocks) == 1


def test_about_sections(release, seed_text: str) -> None:
    headings = [section.heading for section in release.abouts]
    expected = [line.strip() for line in seed_text.splitlines() if line.startswith("About ")]
    assert headings == expected
    assert all(len(section.blocks) == 1 for section in release.abouts)


def test_safe_harbor_is_its_own_section(release) -> None:
    assert release.safe_harbor is not None
    assert release.safe_harbor.blocks[0].text.startswith("This news release contains forward-looking statements.")
    assert all("forward-looking" not in block.text for section in release.abouts for block in section.blocks)


def test_contact_block(release, seed_text: str) -> None:
    assert release.contact_heading == "CONTACT:"
    (contact,) = release.contacts
    block = seed_text.split("CONTACT:", 1)[1].split("Source:", 1)[0]
    assert list(contact.lines) == [line for line in block.splitlines() if line.strip()]
    assert contact.name == "Jules Abraham"
    assert contact.organization == "JQA Partners, Inc."
    assert contact.phone == "917-885-7378"
    assert contact.email == "jabraham@jqapartners.com"


def test_source_line(release) -> None:
    assert release.source == "Cellestar Biosciences, Inc."
    assert release.trailers[-1] == "Source: Cellestar Biosciences, Inc."


def test_no_bullets_or_tables_invented(release) -> None:
    assert not any(isinstance(block, BulletList) for block in release.body)


def test_every_word_of_the_seed_is_kept(release, seed_text: str) -> None:
    kept = " ".join(
        [release.headline, *release.headers]
        + [b.text for b in release.body]
        + [s.heading or "" for s in release.abouts]
        + [b.text for s in release.abouts for b in s.blocks]
        + [b.text for b in release.safe_harbor.blocks]
        + [release.contact_heading or ""]
        + [line for c in release.contacts for line in c.lines]
        + list(release.trailers)
    )
    assert sorted(kept.split()) == sorted(seed_text.split())
