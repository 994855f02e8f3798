"""Facts that say their age, dated stages, the pipeline chart and product timelines, without a
build: the catalogue as a person edits it, the fact box wording, the stale-facts check, and the
SVG read back as XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from newsroom import pipeline, timeline
from newsroom.catalogue import Catalogue, load_catalogue
from newsroom.freshness import fact_age, stale_findings
from newsroom.model import DataError, Entry
from newsroom.stages import DEFAULT_STAGES

from . import test_catalogue
from .helpers import MARK, ROOT

PRODUCTS = ROOT / "content" / "products.yml"
SVG = "{http://www.w3.org/2000/svg}"
SEED_DAY = date(2017, 1, 24)
STAGES_131 = "    indications: [Relapsed or refractory multiple myeloma]\n    stages:\n      - stage: phase 1\n"

# (case, old text, new text with the error line marked, words the message must hold)
STAGE_ERRORS = [
    ("unknown stage", STAGES_131, f"{STAGES_131[:-len('      - stage: phase 1')-1]}\n      - stage: phase one  {MARK}\n", "unknown stage 'phase one'"),
    (
        "dates out of order",
        STAGES_131,
        f"{STAGES_131}        from: 2017-03-01\n      - stage: phase 2  {MARK}\n",
        "out of order",
    ),
    (
        "an indication no stage mentions",
        STAGES_131,
        f"    indications: [Relapsed or refractory multiple myeloma, B-cell malignancies]  {MARK}\n    stages:\n      - indication: Relapsed or refractory multiple myeloma\n        stage: phase 1\n",
        "'B-cell malignancies' of 'clr-131' has no stage",
    ),
    (
        "unknown indication",
        STAGES_131,
        f"    indications: [Relapsed or refractory multiple myeloma, Lymphoma]\n    stages:\n      - indication: Lymphoma\n        stage: phase 1\n        from: 2017-01-24\n      - indication: Myeloma  {MARK}\n        stage: phase 1\n",
        "unknown indication 'Myeloma'",
    ),
    ("stages without indications", "    indications: [Relapsed or refractory multiple myeloma]\n    stages:\n", f"    stages:  {MARK}\n", "no 'indications'"),
    ("reviewed not a date", "  - id: clr-125\n", f"  - id: clr-125\n    reviewed: last spring  {MARK}\n", "'reviewed' must be a date"),
    ("stage without a date", f"{STAGES_131}        from: 2017-01-24\n", f"{STAGES_131[:-1]}  {MARK}\n", "needs 'from'"),
]


@pytest.mark.parametrize(("case", "old", "new", "words"), STAGE_ERRORS, ids=[case[0] for case in STAGE_ERRORS])
def test_stage_errors_name_file_and_line(tmp_path: Path, case: str, old: str, new: str, words: str) -> None:
    test_catalogue.test_validation_error_names_file_and_line(tmp_path, case, old, new, words)


def test_a_custom_stage_list(tmp_path: Path) -> None:
    path = tmp_path / "products.yml"
    path.write_text(PRODUCTS.read_text(encoding="utf-8").replace("stage: phase 1", "stage: Early  Clinical"), encoding="utf-8")
    custom = ("discovery", "preclinical", "early clinical", "late clinical", "market")
    catalogue = load_catalogue(path, "products.yml", custom)
    stage = catalogue.get("clr-131").stages[0]  # type: ignore[union-attr]
    assert (stage.stage, stage.rank) == ("early clinical", 2)
    with pytest.raises(DataError, match="unknown stage"):
        load_catalogue(path, "products.yml")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PRODUCTS, "products.yml")


def test_shipped_stages_are_what_the_seed_says(catalogue: Catalogue) -> None:
    shipped = {(product.id, stage.indication, stage.stage, stage.day) for product in catalogue.products for stage in product.stages}
    assert shipped == {
        ("clr-131", "Relapsed or refractory multiple myeloma", "phase 1", SEED_DAY),
        ("clr-125", "Triple-negative breast cancer", "preclinical", SEED_DAY),
        ("pdc", "CLR 1603-PTX (paclitaxel) in cancer", "preclinical", SEED_DAY),
    }


@pytest.mark.parametrize(
    ("day", "wording", "said"),
    [
        (SEED_DAY, "Facts as of", SEED_DAY),  # on a fact's date
        (SEED_DAY + timedelta(days=36), "Facts last updated", SEED_DAY),  # after it
        (date(2019, 5, 9), "Facts last updated", SEED_DAY),  # long after it
    ],
)
def test_fact_box_wording(catalogue: Catalogue, day: date, wording: str, said: date) -> None:
    age = fact_age(catalogue.get("clr-131"), day)  # type: ignore[arg-type]
    assert (age.wording, age.day) == (wording, said)


def test_a_review_makes_facts_current_that_day_and_after(tmp_path: Path) -> None:
    path = tmp_path / "products.yml"
    path.write_text(PRODUCTS.read_text(encoding="utf-8").replace("  - id: clr-131\n", "  - id: clr-131\n    reviewed: [2019-05-09, 2018-01-02]\n"), encoding="utf-8")
    product = load_catalogue(path).get("clr-131")
    assert product is not None
    assert fact_age(product, date(2019, 5, 9)).wording == "Facts as of"
    assert (fact_age(product, date(2018, 6, 1)).wording, fact_age(product, date(2018, 6, 1)).day) == ("Facts last updated", date(2018, 1, 2))
    # A review that may not show yet (its day's release is held) does not count.
    assert fact_age(product, date(2019, 5, 9), lambda day: day < date(2019, 1, 1)).day == date(2018, 1, 2)


def _entry(day: date, products: tuple[str, ...] = ("clr-131",), tags: tuple[str, ...] = (), slug: str = "") -> Entry:
    slug = slug or f"{day.isoformat()}-news"
    return Entry(path=f"releases/{slug}.txt", slug=slug, title=f"News of {day.isoformat()} <&>", date=day, products=products, tags=tags)


def test_stale_facts_warning(catalogue: Catalogue) -> None:
    entries = [_entry(SEED_DAY + timedelta(days=180)), _entry(SEED_DAY + timedelta(days=181)), _entry(date(2019, 5, 9), ("clr-125", "pdc"))]
    findings = stale_findings(entries, catalogue, 180)
    assert [(f.path, f.level) for f in findings] == [
        ("releases/2017-07-24-news.txt", "warning"),
        ("releases/2019-05-09-news.txt", "warning"),
        ("releases/2019-05-09-news.txt", "warning"),
    ]
    assert "CLR 131 (clr-131)" in findings[0].message and "January 24, 2017" in findings[0].message and "181 days" in findings[0].message
    assert "CLR 125" in findings[1].message and "PDC platform" in findings[2].message
    assert stale_findings(entries, catalogue, 0) == []
    assert stale_findings(entries, catalogue, 10_000) == []


CLR_1603 = """
  - id: clr-1603
    name: CLR 1603-PTX
    aliases: [CLR 1603]
    summary: Paclitaxel phospholipid drug conjugate.
    indications: [Solid tumors, Lymphoma]
    stages:
      - indication: Solid tumors
        stage: preclinical
        from: 2016-05-01
      - indication: Lymphoma
        stage: preclinical
        from: 2017-02-01
      - indication: Solid tumors
        stage: phase 2
        from: 2018-03-01
"""


def _chart(catalogue: Catalogue, day: date | None) -> ET.Element:
    drawn = pipeline.chart(pipeline.rows(catalogue, day, lambda product, stage: True), catalogue.stage_names, "Pipeline", "t")
    return ET.fromstring(drawn)


def test_chart_rows_and_bars_for_a_product_added_by_yaml(tmp_path: Path) -> None:
    path = tmp_path / "products.yml"
    path.write_text(PRODUCTS.read_text(encoding="utf-8") + CLR_1603, encoding="utf-8")
    catalogue = load_catalogue(path)
    root = _chart(catalogue, None)
    assert root.get("role") == "img" and root.find(f"{SVG}title") is not None
    bars = root.findall(f".//{SVG}rect[@class='nr-chart__bar']")
    assert [(bar.get("data-product"), bar.get("data-stage")) for bar in bars] == [
        ("clr-131", "phase 1"),
        ("clr-125", "preclinical"),
        ("pdc", "preclinical"),
        ("clr-1603", "phase 2"),
        ("clr-1603", "preclinical"),
    ]
    column = float(root.findall(f".//{SVG}rect[@class='nr-chart__track']")[0].get("width") or 0) / len(DEFAULT_STAGES)
    assert [round(float(bar.get("width") or 0) / column) for bar in bars] == [2, 1, 1, 3, 1]
    labels = ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]
    assert labels[: len(DEFAULT_STAGES)] == ["Preclinical", "Phase 1", "Phase 2", "Phase 3", "Filed", "Approved"]
    assert "CLR 1603-PTX – Solid tumors · since March 1, 2018" in labels
    description = root.find(f"{SVG}desc")
    assert description is not None and "CLR 1603-PTX – Lymphoma, Preclinical since February 1, 2017." in (description.text or "")
    # As it stood on a day: before the Lymphoma program and before phase 2.
    then = _chart(catalogue, date(2017, 1, 24))
    assert [(bar.get("data-product"), bar.get("data-stage")) for bar in then.findall(f".//{SVG}rect[@class='nr-chart__bar']")][-1] == ("clr-1603", "preclinical")
    assert len(then.findall(f".//{SVG}rect[@class='nr-chart__bar']")) == 4
    assert pipeline.chart(pipeline.rows(catalogue, date(2016, 1, 1), lambda p, s: True), catalogue.stage_names, "P", "t") == ""


@pytest.mark.parametrize("count", [1, 37, 500])
def test_timeline_scales_and_keeps_every_release(catalogue: Catalogue, count: int) -> None:
    product = catalogue.get("clr-131")
    assert product is not None
    tags = [("Clinical trials",), ("Regulatory",), ("Patents",), ("Financing",), ("Corporate",)]
    # Two to three a week from 2016: crowded months stack.
    entries = [_entry(date(2016, 1, 4) + timedelta(days=3 * n), tags=tags[n % 5], slug=f"r{n}") for n in range(count)]
    items = [timeline.Item(e, timeline.topic_of(t.lower().replace(" ", "-") for t in e.tags), f"../../{e.url}") for e in entries]
    marks = timeline.milestones(product, lambda day: True, lambda stage: True)
    drawn = timeline.draw(product, items, marks, "tl")
    root = ET.fromstring(drawn.svg)
    links = root.findall(f".//{SVG}a")
    assert [link.get("href") for link in links] == [f"../../releases/r{n}/" for n in range(count)]
    assert all(link.get("aria-label", "").endswith(")") and "<&>" in link.get("aria-label", "") for link in links)
    assert {link.get("class", "").rsplit("--", 1)[1] for link in links} == {"clinical", "regulatory", "patents", "financing", "other"} if count >= 5 else True
    # Every marker inside the picture, and no two markers of the timeline on top of each other.
    width, height = (float(n) for n in (root.get("viewBox") or "").split()[2:])
    centres = []
    for link in links:
        shape = link[1]
        xs = [float(v) for v in (shape.get("cx"), shape.get("x")) if v] or [float(p.split(",")[0]) for p in (shape.get("points") or "").split()]
        ys = [float(v) for v in (shape.get("cy"), shape.get("y")) if v] or [float(p.split(",")[1]) for p in (shape.get("points") or "").split()]
        assert 0 <= min(xs) and max(xs) <= width and 0 <= min(ys) and max(ys) <= height
        centres.append((sum(xs) / len(xs), sum(ys) / len(ys)))
    for (x1, y1), (x2, y2) in zip(centres, centres[1:], strict=False):
        assert abs(x1 - x2) >= timeline.MARK - 2 or abs(y1 - y2) >= timeline.MARK - 2
    years = sorted({e.date.year for e in entries} | {m.day.year for m in marks})
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "nr-timeline__year"] == [str(y) for y in range(years[0], years[-1] + 1)]
    # The list form: every release and milestone day, oldest first.
    assert len(drawn.events) == count + len(marks)
    assert [event[0] for event in drawn.events] == sorted(event[0] for event in drawn.events)


def test_drawing_is_deterministic(catalogue: Catalogue) -> None:
    product = catalogue.get("pdc")
    assert product is not None
    items = [timeline.Item(_entry(date(2017, 1, 24) + timedelta(days=n), tags=("Patents",)), "patents", "x/") for n in range(40)]
    marks = timeline.milestones(product, lambda day: True, lambda stage: True)
    assert timeline.draw(product, items, marks, "a").svg == timeline.draw(product, list(items), marks, "a").svg
    assert _chart(catalogue, None) is not None and ET.tostring(_chart(catalogue, None)) == ET.tostring(_chart(catalogue, None))


@pytest.mark.parametrize(
    ("tags", "topic"),
    [(("patents", "clr-131"), "patents"), (("clinical-trials", "regulatory"), "clinical"), (("regulatory",), "regulatory"), (("financial-results",), "financing"), (("financing",), "financing"), (("corporate", "conferences"), "other"), ((), "other")],
)
def test_topic_from_tags(tags: tuple[str, ...], topic: str) -> None:
    assert timeline.topic_of(tags) == topic
