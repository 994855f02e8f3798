"""Fact boxes, product pages and tag pages in real `mkdocs build`s.

Expectations come from the sources: the seed, the catalogue and tag rules as the test edits them,
and the release texts written here; never from the generated pages themselves. Counts and
orders on listing pages are checked against what the release pages show.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from .helpers import CATALOGUE_ERRORS, PRODUCTS, SEED_FACTS, TAG_ERRORS, copy_project, edited, listed, run_build, target
from .htmltext import flat_text, is_redirect, read, release_page, release_pages, visible_text

SEED_DATE = "January 24, 2017"
SEED_HEADLINE = "Cellecstar Biosciences Announces Additional US Patent Granted for CLR 131 and CLR 125 in a Broad Range of Solid Tumors"
SEED_TOPICS = {"patents", "multiple-myeloma", "solid-tumors"}
# The tags of the seed's products (tags.yml: product:), whose chips lead to the product pages.
SEED_PRODUCTS = {"clr-131", "clr-125", "pdc"}


# Reading built pages ------------------------------------------------------------------------


def release_date(page: Path) -> str:
    found = re.search(r'<time class="nr-release__date" datetime="([^"]+)"', read(page))
    assert found, page
    return found.group(1)


def chips(site: Path, page: Path) -> dict[str, Path]:
    """A release page's tag chips: the text each shows and the page it leads to."""
    found = re.findall(r'<a href="([^"]+)" class="md-tag[^"]*">(.*?)</a>', read(page), flags=re.S)
    return {html.unescape(text.strip()): target(site, page, href) for href, text in found}


def fact_boxes(page: Path) -> dict[str, str]:
    """Product id → the inner HTML of its fact box."""
    return dict(re.findall(r'<aside class="fact-box" data-product="([^"]+)"[^>]*>(.*?)</aside>', read(page), flags=re.S))


def facts(box: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", box, flags=re.S)
    return {flat_text(label): flat_text(value) for label, value in pairs}


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


# The seed site as committed -------------------------------------------------------------------


def test_seed_page_has_three_fact_boxes_as_of_its_date(seed_site: Path) -> None:
    page = release_page(seed_site)
    boxes = fact_boxes(page)
    assert set(boxes) == set(SEED_FACTS) == {"clr-131", "clr-125", "pdc"}
    for product_id, box in boxes.items():
        text = flat_text(box)
        assert f"Facts as of {SEED_DATE}" in text
        for phrase in SEED_FACTS[product_id]:
            assert phrase.lower() in text.lower(), (product_id, phrase)
        links = re.findall(r'href="([^"]+)"', box)
        assert [target(seed_site, page, href) for href in links] == [seed_site / "products" / product_id / "index.html"]
        assert (seed_site / "products" / product_id / "index.html").is_file()


def test_seed_page_links_its_tags_and_not_its_boilerplate(seed_site: Path) -> None:
    page = release_page(seed_site)
    shown = chips(seed_site, page)
    assert all(p.is_file() for p in shown.values())
    assert {p.parent.name for p in shown.values() if p.parent.parent == seed_site / "tags"} == SEED_TOPICS
    # A product is one place: its chip leads to its product page, not to a topic page.
    assert {p.parent.name for p in shown.values() if p.parent.parent == seed_site / "products"} == SEED_PRODUCTS
    assert len(shown) == len(SEED_TOPICS) + len(SEED_PRODUCTS)
    assert not {"regulatory", "clinical-trials"} & {p.parent.name for p in shown.values()}
    assert not (seed_site / "tags" / "regulatory").exists()


def test_tag_index_links_every_tag_page_with_its_count(seed_site: Path) -> None:
    check_tag_index(seed_site)
    index = seed_site / "tags" / "index.html"
    linked = {target(seed_site, index, href).parent.name for href in re.findall(r'<a class="md-tag" href="([^"]+)"', read(index))}
    assert linked == SEED_TOPICS


@pytest.mark.parametrize("slug", sorted(SEED_TOPICS))
def test_each_seed_tag_page_lists_the_seed_with_its_date(seed_site: Path, slug: str) -> None:
    entries = listed(seed_site, seed_site / "tags" / slug / "index.html")
    assert [(e.day, e.shown, e.page) for e in entries] == [("2017-01-24", SEED_DATE, release_page(seed_site))]


def test_products_index_links_every_catalogue_product(seed_site: Path) -> None:
    ids = [p["id"] for p in yaml.safe_load(PRODUCTS.read_text(encoding="utf-8"))["products"]]
    index = seed_site / "products" / "index.html"
    hrefs = re.findall(r'href="([^"]+)"', read(index))
    linked = [target(seed_site, index, h) for h in hrefs]
    for product_id in ids:
        page = seed_site / "products" / product_id / "index.html"
        assert page in linked, product_id
        entries = listed(seed_site, page)
        assert [(e.day, e.shown, e.page) for e in entries] == [("2017-01-24", SEED_DATE, release_page(seed_site))]


def test_navigation_has_products(seed_site: Path) -> None:
    home = seed_site / "index.html"
    tabs = re.findall(r'<a href="([^"]+)" class="md-tabs__link">(.*?)</a>', read(home), flags=re.S)
    assert any(flat_text(text) == "Products" and target(seed_site, home, href) == seed_site / "products" / "index.html" for href, text in tabs)


# A site with more releases, a dated fact that changes, a fourth product and an edited release --

NEW_STAGE = "Phase II clinical study in B-cell malignancies enrolling (Kestrel test value)"
FUTURE_FACT = "Approved (a fact dated 2099, not yet public)"


def wire(headline: str, day: date, paragraphs: list[str], about: str) -> str:
    """A GlobeNewswire release as the wire sends it."""
    month = day.strftime("%B")
    body = "\n\n".join(paragraphs)
    return (
        f"{headline}\n\nMADISON, Wis., {month} {day.day}, {day.year} (GLOBE NEWSWIRE) -- {body}\n\n"
        f"About Cellectar Biosciences, Inc.\n\n{about}\n\nCONTACT:\n\nJules Abraham\njabraham@jqapartners.com\n"
    )


ABOUT = (
    "Cellectar's lead compound CLR 131 has FDA orphan drug designation in multiple myeloma and is in a Phase II "
    "clinical study; its PDC platform, patented, has been tested in solid tumors, and CLR 1603-PTX is preclinical."
)
RELEASES = {
    "2016-07-15-preclinical.txt": wire(
        "Cellectar Biosciences Reports Preclinical Data for CLR 131",
        date(2016, 7, 15),
        ["Cellectar Biosciences, Inc. (Nasdaq:CLRB) today reported preclinical data for CLR 131."],
        ABOUT,
    ),
    "2017-06-01-update.txt": wire(
        "Cellectar Biosciences Provides CLR 131 Program Update",
        date(2017, 6, 1),
        ["Cellectar Biosciences, Inc. (Nasdaq:CLRB) today provided an update on CLR 131."],
        ABOUT,
    ),
    "2018-03-01-enrolment.txt": wire(
        "Cellectar Biosciences Begins Enrolment for CLR 131 and Advances CLR 1603-PTX",
        date(2018, 3, 1),
        ["Cellectar Biosciences, Inc. (Nasdaq:CLRB) today began enrolment for CLR 131 and advanced its paclitaxel conjugate CLR 1603-PTX."],
        ABOUT,
    ),
    "2018-02-01-board.txt": wire(
        "Cellectar Biosciences Names New Board Member",
        date(2018, 2, 1),
        ["Cellectar Biosciences, Inc. (Nasdaq:CLRB) today announced the appointment of a new member of its board of directors."],
        ABOUT,
    ),
}
EDITED_TAGS = ["Financing", "Kestrel <b>&</b> news"]
EDITED = (
    "---\n"
    "title: Cellectar Biosciences Prices Offering Backed by CLR 125 Patent\n"
    "date: 2018-05-02\n"
    f"tags: {yaml.safe_dump(EDITED_TAGS, default_flow_style=True).strip()}\n"
    "---\n\n"
    "# Cellectar Biosciences Prices Offering Backed by CLR 125 Patent\n\n"
    "The patent covering CLR 125 in solid tumors supports the offering.\n"
)


@pytest.fixture(scope="module")
def multi_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("multi") / "project")
    releases = project / "content" / "releases"
    for name, text in RELEASES.items():
        (releases / name).write_text(text, encoding="utf-8")
    (releases / "2018-05-02-edited.md").write_text(EDITED, encoding="utf-8")
    catalogue = yaml.safe_load(PRODUCTS.read_text(encoding="utf-8"))
    clr131 = next(p for p in catalogue["products"] if p["id"] == "clr-131")
    stage = next(f for f in clr131["facts"] if f["label"] == "Development stage")
    stage["values"].append({"from": date(2018, 1, 1), "value": NEW_STAGE})
    clr131["facts"].append({"label": "Approval", "values": [{"from": date(2099, 1, 1), "value": FUTURE_FACT}]})
    catalogue["products"].append(
        {
            "id": "clr-1603-ptx",
            "name": "CLR 1603-PTX",
            "aliases": ["CLR 1603-PTX"],
            "summary": "Paclitaxel phospholipid drug conjugate.",
            "facts": [{"label": "Payload", "value": "Paclitaxel"}],
        }
    )
    (project / "content" / "products.yml").write_text(yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True), encoding="utf-8")
    run_build(project)
    return project / "site"


def page_dated(site: Path, day: str) -> Path:
    (page,) = [p for p in release_pages(site) if release_date(p) == day]
    return page


def seed_stage() -> str:
    catalogue = yaml.safe_load(PRODUCTS.read_text(encoding="utf-8"))
    clr131 = next(p for p in catalogue["products"] if p["id"] == "clr-131")
    (value,) = [v["value"] for f in clr131["facts"] if f["label"] == "Development stage" for v in f["values"]]
    return value


def catalogue_updates(product_id: str) -> set[date]:
    """The days the multi site's catalogue updates a product: its facts' and stages' dates."""
    catalogue = yaml.safe_load(PRODUCTS.read_text(encoding="utf-8"))
    product = next((p for p in catalogue["products"] if p["id"] == product_id), {})  # clr-1603-ptx: undated
    days = {v["from"] for f in product.get("facts", []) for v in f.get("values", [])}
    days |= {stage["from"] for stage in product.get("stages", [])}
    if product_id == "clr-131":
        days |= {date(2018, 1, 1), date(2099, 1, 1)}
    return days


def test_fact_box_shows_facts_as_they_stood_on_the_release_date(multi_site: Path) -> None:
    before = facts(fact_boxes(page_dated(multi_site, "2017-06-01"))["clr-131"])
    after = facts(fact_boxes(page_dated(multi_site, "2018-03-01"))["clr-131"])
    assert before["Development stage"] == " ".join(seed_stage().split())
    assert after["Development stage"] == NEW_STAGE
    for page in release_pages(multi_site):
        boxes = fact_boxes(page)
        assert all(FUTURE_FACT not in box for box in boxes.values()), page
        day = date.fromisoformat(release_date(page))
        for product_id, box in boxes.items():
            # "as of" the release's date only when the catalogue was updated that day (or has
            # no dated fact before it); otherwise when it was last updated (issue 16).
            last = max((update for update in catalogue_updates(product_id) if update <= day), default=day)
            wording = "Facts as of" if last == day else "Facts last updated"
            assert f"{wording} {long_date(last)}." in flat_text(box), (page, product_id)


def test_release_before_a_facts_first_date_leaves_it_out(multi_site: Path) -> None:
    early = facts(fact_boxes(page_dated(multi_site, "2016-07-15"))["clr-131"])
    seed = facts(fact_boxes(page_dated(multi_site, "2017-01-24"))["clr-131"])
    assert "Payload" in early and "Payload" in seed
    assert "Regulatory" in seed and "Regulatory" not in early
    assert "Development stage" in seed and "Development stage" not in early


def test_product_page_shows_current_facts_and_every_mention_newest_first(multi_site: Path) -> None:
    page = multi_site / "products" / "clr-131" / "index.html"
    text = flat_text(read(page))
    assert NEW_STAGE in text
    assert FUTURE_FACT not in text
    mentions = sorted((release_date(p), p) for p in release_pages(multi_site) if "clr-131" in fact_boxes(p))
    entries = listed(multi_site, page)
    assert [(e.day, e.page) for e in entries] == list(reversed(mentions))
    assert [e.shown for e in entries] == [long_date(date.fromisoformat(e.day)) for e in entries]
    assert len(entries) == 4  # the seed, 2016, 2017 and the 2018 release; not the board news


def test_fourth_product_from_yaml_alone_gets_box_and_page(multi_site: Path) -> None:
    release = page_dated(multi_site, "2018-03-01")
    box = fact_boxes(release)["clr-1603-ptx"]
    assert "Paclitaxel" in flat_text(box)
    page = multi_site / "products" / "clr-1603-ptx" / "index.html"
    assert [e.page for e in listed(multi_site, page)] == [release]
    index = multi_site / "products" / "index.html"
    assert page in [target(multi_site, index, h) for h in re.findall(r'href="([^"]+)"', read(index))]
    assert all("clr-1603-ptx" not in fact_boxes(p) for p in release_pages(multi_site) if p != release)


def test_about_section_mentions_give_no_tags_and_no_boxes(multi_site: Path) -> None:
    board = page_dated(multi_site, "2018-02-01")
    assert "orphan drug designation" in flat_text(read(board))  # published, in its About section
    assert fact_boxes(board) == {}
    assert set(chips(multi_site, board)) == {"Corporate"}


def test_edited_release_tags_replace_the_automatic_ones_and_are_escaped(multi_site: Path) -> None:
    page = page_dated(multi_site, "2018-05-02")
    shown = chips(multi_site, page)
    assert list(shown) == EDITED_TAGS  # not Patents, CLR 125 or Solid tumors, which its body names
    assert all(p.is_file() for p in shown.values())
    assert "<b>&</b>" not in read(page)
    assert "clr-125" in fact_boxes(page)  # products are still detected: it set no `products:`
    tag_page = shown["Kestrel <b>&</b> news"]
    assert "Kestrel <b>&</b> news" in visible_text(read(tag_page))
    assert [e.page for e in listed(multi_site, tag_page)] == [page]


def check_tag_index(site: Path) -> None:
    """The tag index links every tag page with the number of releases whose chips lead there."""
    index = site / "tags" / "index.html"
    rows = re.findall(r'<a class="md-tag" href="([^"]+)">.*?</a>\s*<span class="nr-count">(\d+) releases?</span>', read(index), flags=re.S)
    counted = {target(site, index, href): int(count) for href, count in rows}
    # Old topic pages of products are redirects, not listings (test_product_one_place).
    pages = {p for p in (site / "tags").glob("*/index.html") if not is_redirect(p)}
    assert set(counted) == pages
    tagged: dict[Path, list[Path]] = {}
    for release in release_pages(site):
        for tag_page in chips(site, release).values():
            if tag_page.parent.parent == site / "tags":
                tagged.setdefault(tag_page, []).append(release)
    assert counted == {tag_page: len(releases) for tag_page, releases in tagged.items()}
    for tag_page, releases in tagged.items():
        entries = listed(site, tag_page)
        assert sorted(e.page for e in entries) == sorted(releases)
        assert [e.day for e in entries] == sorted((e.day for e in entries), reverse=True), tag_page
        assert all(e.shown == long_date(date.fromisoformat(e.day)) == long_date(date.fromisoformat(release_date(e.page))) for e in entries)


def test_tag_pages_and_counts_with_many_releases(multi_site: Path) -> None:
    check_tag_index(multi_site)
    clr131 = listed(multi_site, multi_site / "products" / "clr-131" / "index.html")
    assert len(clr131) == 4


# Bad data files stop the build and leave the last site -----------------------------------------

BUILD_CATALOGUE_CASES = ["unknown key", "fact with neither value nor values", "impossible date", "date in words", "duplicate alias", "duplicate id", "invalid YAML"]
BUILD_TAG_CASES = ["two tags with one slug", "invalid regular expression", "unknown key", "unknown product"]
BAD_FILES = [
    pytest.param("products.yml", old, new, id=f"products.yml: {case}") for case, old, new, _ in CATALOGUE_ERRORS if case in BUILD_CATALOGUE_CASES
] + [pytest.param("tags.yml", None, addition, id=f"tags.yml: {case}") for case, addition, _ in TAG_ERRORS if case in BUILD_TAG_CASES]


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("bad-data") / "project")
    run_build(project)
    return project


@pytest.mark.parametrize(("name", "old", "new"), BAD_FILES)
def test_bad_data_file_stops_the_build_with_file_and_line(built_project: Path, name: str, old: str | None, new: str) -> None:
    path = built_project / "content" / name
    good = path.read_text(encoding="utf-8")
    site_before = tree(built_project / "site")
    text, line = edited(path, old if old is not None else good, new if old is not None else good + new)
    try:
        path.write_text(text, encoding="utf-8")
        result = run_build(built_project, check=False)
    finally:
        path.write_text(good, encoding="utf-8")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert re.search(rf"^ERROR\s+-\s+newsroom: {re.escape(name)}:{line}: error: ", result.stderr, flags=re.M), result.stderr
    assert tree(built_project / "site") == site_before
