"""The real `mkdocs build --strict` on the project as committed: the seed becomes a page."""

from __future__ import annotations

import re
from pathlib import Path

from .helpers import SEED
from .htmltext import flat_text, links, read, release_page, visible_text

SLUG = "2017-01-24-cellecstar-biosciences-announces-additional-us-patent-granted-for-clr-131-and"


def _seed_lines() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_release_page_at_its_slug(seed_site: Path) -> None:
    page = release_page(seed_site)
    assert page.parent.name == SLUG
    assert len(page.parent.name) - len("2017-01-24-") <= 80


def test_headline_is_the_h1(seed_site: Path) -> None:
    html = read(release_page(seed_site))
    h1s = re.findall(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)
    headline = next(line for line in _seed_lines() if line.startswith("Cellecstar Biosciences Announces"))
    assert [flat_text(h) for h in h1s] == [headline]


def test_every_line_of_the_seed_is_in_the_page_verbatim(seed_site: Path) -> None:
    text = flat_text(read(release_page(seed_site)))
    missing = [line for line in _seed_lines() if line not in text]
    assert not missing


def test_page_break_splits_are_single_paragraphs(seed_site: Path) -> None:
    paragraphs = [flat_text(p) for p in re.findall(r"<p[^>]*>(.*?)</p>", read(release_page(seed_site)), flags=re.S)]
    assert any("selective uptake and retention of CLR 125 has been observed in malignant tissues" in p for p in paragraphs)
    assert any("filed with the Securities and Exchange Commission including our Form 10-K/A" in p for p in paragraphs)


def test_every_sentence_is_in_one_paragraph(seed_site: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    joined = re.sub(r"(has been|Securities and)\s*\n\s*\n", r"\1 ", seed)
    sentences = [s for line in joined.splitlines() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", line.strip()) if s]
    blocks = [flat_text(p) for p in re.findall(r"<(?:p|h1|h2)[^>]*>(.*?)</(?:p|h1|h2)>", read(release_page(seed_site)), flags=re.S)]
    for sentence in sentences:
        assert any(sentence in block for block in blocks), sentence


def test_contact_block_keeps_its_lines(seed_site: Path) -> None:
    html = read(release_page(seed_site))
    lines = visible_text(html).split("\n")
    start = lines.index("Jules Abraham")
    assert lines[start : start + 4] == ["Jules Abraham", "JQA Partners, Inc.", "917-885-7378", "jabraham@jqapartners.com"]
    assert 'href="mailto:jabraham@jqapartners.com"' in html
    assert 'href="tel:+19178857378"' in html


def test_date_and_dateline_are_shown(seed_site: Path) -> None:
    html = read(release_page(seed_site))
    assert '<time class="nr-release__date" datetime="2017-01-24">January 24, 2017</time>' in html
    assert re.search(r'<strong class="nr-dateline">MADISON, Wis\., Jan\. 24, 2017 \(GLOBE NEWSWIRE\) --</strong>', html)


def test_safe_harbor_is_collapsed(seed_site: Path) -> None:
    html = read(release_page(seed_site))
    # The release's own collapsed block, not a fact box (also a <details>).
    details = re.search(r"<details(?![^>]*fact-box)[^>]*>(.*?)</details>", html, flags=re.S)
    assert details and "open" not in details.group(0).split(">", 1)[0]
    assert "This news release contains forward-looking statements." in flat_text(details.group(1))


def test_archive_and_home_link_the_release(seed_site: Path) -> None:
    for page, href in ((seed_site / "releases" / "index.html", f"{SLUG}/"), (seed_site / "index.html", f"releases/{SLUG}/")):
        html = read(page)
        assert href in links(html), page
    archive = flat_text(read(seed_site / "releases" / "index.html"))
    assert "2017 January 24, 2017 Cellecstar Biosciences Announces" in archive


def test_sources_and_data_are_not_copied(seed_site: Path) -> None:
    # The only text file is the robots.txt the build writes.
    assert [path.relative_to(seed_site).as_posix() for path in seed_site.rglob("*.txt")] == ["robots.txt"]
    assert not (seed_site / "products.yml").exists()
    assert not (seed_site / "tags.yml").exists()
