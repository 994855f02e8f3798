"""Facts that say their age, the pipeline chart and product timelines in real `mkdocs build`s:
fact box wording by release date, the stale-facts warning of `newsroom check`, a product added by
YAML alone, markers that link to pages that exist, held releases absent, identical rebuilds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone
from pathlib import Path

from click.testing import CliRunner

from newsroom.cli import main

from .helpers import SEED, run_build
from .htmltext import release_page

SVG = "{http://www.w3.org/2000/svg}"
SEED_SLUG = "2017-01-24-cellecstar-biosciences-announces-additional-us-patent-granted-for-clr-131-and"


def dated_seed(day: date, words: str) -> str:
    """The seed as if issued on ``day`` under a headline ending in ``words``."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("January 24, 2017", f"{day:%B} {day.day}, {day.year}", 1)
    text = text.replace("Jan. 24, 2017", f"{day:%b}. {day.day}, {day.year}", 1)
    return text.replace("Broad Range of Solid Tumors", f"Broad Range of Solid Tumors {words}", 1)


def add_release(project: Path, day: date, words: str) -> str:
    """A copy of the seed dated ``day``; returns its slug."""
    name = f"{day.isoformat()}-{words.lower().replace(' ', '-')}.txt"
    (project / "content" / "releases" / name).write_text(dated_seed(day, words), encoding="utf-8")
    return f"{day.isoformat()}-cellecstar-biosciences-announces-additional-us-patent-granted-for-clr-131-and"


def svgs(html: str, kind: str) -> list[ET.Element]:
    """The inline SVG pictures of ``kind`` (``pipeline``, ``timeline``) in a page, parsed as XML."""
    return [ET.fromstring(found) for found in re.findall(rf'<svg [^>]*class="nr-chart nr-{kind}".*?</svg>', html, re.S)]


def fact_box_age(page: Path, product: str) -> str:
    html = page.read_text(encoding="utf-8")
    box = re.search(rf'<aside class="fact-box" data-product="{product}".*?</aside>', html, re.S)
    assert box is not None
    age = re.search(r'<p class="fact-box__as-of">\s*(.*?)<time datetime="([\d-]+)">', box.group(0), re.S)
    assert age is not None
    return f"{age.group(1).strip()} {age.group(2)}"


def page_of(site: Path, day: date) -> Path:
    return next((site / "releases").glob(f"{day.isoformat()}-*/index.html"))


def test_fact_boxes_say_the_age_of_their_facts(project: Path, build_site) -> None:  # type: ignore[no-untyped-def]
    add_release(project, date(2017, 3, 1), "in March")
    add_release(project, date(2019, 5, 9), "in May 2019")
    site = build_site()
    assert fact_box_age(page_of(site, date(2017, 1, 24)), "clr-131") == "Facts as of 2017-01-24"
    assert fact_box_age(page_of(site, date(2017, 3, 1)), "clr-131") == "Facts last updated 2017-01-24"
    assert fact_box_age(page_of(site, date(2019, 5, 9)), "clr-125") == "Facts last updated 2017-01-24"
    # The product page says when its current facts were last updated.
    product = (site / "products" / "clr-131" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="nr-facts-updated">Facts last updated <time datetime="2017-01-24">January 24, 2017</time>', product)
    # Each release shows the pipeline as it stood on its date, collapsed.
    release = page_of(site, date(2017, 3, 1)).read_text(encoding="utf-8")
    assert re.search(r"<details class=\"nr-pipeline-then\">\s*<summary>Pipeline on March 1, 2017</summary>", release)
    (chart,) = svgs(release, "pipeline")
    assert chart.findtext(f"{SVG}title") == "Pipeline on March 1, 2017"


def test_a_review_date_makes_a_later_box_current(project: Path, build_site) -> None:  # type: ignore[no-untyped-def]
    add_release(project, date(2019, 5, 9), "in May 2019")
    products = project / "content" / "products.yml"
    products.write_text(products.read_text(encoding="utf-8").replace("  - id: clr-125\n", "  - id: clr-125\n    reviewed: 2019-05-09\n"), encoding="utf-8")
    site = build_site()
    assert fact_box_age(page_of(site, date(2019, 5, 9)), "clr-125") == "Facts as of 2019-05-09"
    assert fact_box_age(page_of(site, date(2019, 5, 9)), "clr-131") == "Facts last updated 2017-01-24"


def test_check_warns_of_stale_facts(project: Path) -> None:
    add_release(project, date(2017, 3, 1), "in March")
    add_release(project, date(2019, 5, 9), "in May 2019")
    content = project / "content"
    result = CliRunner().invoke(main, ["check", str(content), "-f", str(project / "mkdocs.yml")])
    stale = [line for line in result.output.splitlines() if "last updated" in line]
    # Only the 2019 release, once per product it mentions; the March 2017 one is 36 days on.
    assert len(stale) == 3, result.output
    assert all(line.startswith(f"{content}/releases/2019-05-09-in-may-2019.txt: warning: mentions ") for line in stale)
    assert {re.search(r"mentions (.*?) \(", line).group(1) for line in stale} == {"CLR 131", "CLR 125", "PDC platform"}  # type: ignore[union-attr]
    assert result.exit_code == 0
    # stale_facts_after from mkdocs.yml, as the build reads it.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      release_time:", "      stale_facts_after: 1000\n      release_time:"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(content), "-f", str(config)])
    assert "last updated" not in result.output
    run_build(project)  # the option is the plugin's too
    config.write_text(config.read_text(encoding="utf-8").replace("stale_facts_after: 1000", "stale_facts_after: -1"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(content), "-f", str(config)])
    assert result.exit_code == 1 and "stale_facts_after" in result.output


def test_a_stage_naming_an_unknown_release_fails_build_and_check(project: Path) -> None:
    products = project / "content" / "products.yml"
    text = products.read_text(encoding="utf-8")
    products.write_text(text.replace("        from: 2017-01-24\n", "        from: 2017-01-24\n        release: 2017-01-24-no-such-release\n", 1), encoding="utf-8")
    line = next(n for n, content in enumerate(products.read_text(encoding="utf-8").splitlines(), 1) if "no-such-release" in content) - 2
    result = run_build(project, check=False)
    assert result.returncode != 0
    assert f"products.yml:{line}: error: stage 'phase 1' of 'clr-131' names the release '2017-01-24-no-such-release'" in result.stdout + result.stderr
    assert not (project / "site").exists()
    checked = CliRunner().invoke(main, ["check", str(project / "content"), "-f", str(project / "mkdocs.yml")])
    assert checked.exit_code == 1 and f"products.yml:{line}: error: stage 'phase 1'" in checked.output


CLR_1603 = """
  - id: clr-1603
    name: CLR 1603-PTX
    aliases: [CLR 1603]
    summary: Paclitaxel phospholipid drug conjugate.
    indications: [Solid tumors]
    stages:
      - stage: preclinical
        from: 2016-05-01
      - stage: phase 1
        from: 2020-02-03
        release: {release}
    facts:
      - label: Development stage
        values:
          - from: 2016-05-01
            value: Preclinical
          - from: 2020-02-03
            value: Phase 1
"""


def test_a_product_added_by_yaml_gets_its_row_and_held_news_stays_out(project: Path) -> None:
    """CLR 1603 added to products.yml alone has its row; a stage and a fact dated on a held
    release's day, and the release itself, appear only once it is published."""
    held = add_release(project, date(2020, 2, 3), "with CLR 1603")
    release = project / "content" / "releases" / "2020-02-03-with-clr-1603.txt"
    release.write_text(release.read_text(encoding="utf-8").replace("today announces", "today announces, for CLR 1603 as well,", 1), encoding="utf-8")
    products = project / "content" / "products.yml"
    products.write_text(products.read_text(encoding="utf-8") + CLR_1603.format(release=held), encoding="utf-8")
    before = int(datetime(2020, 2, 3, 12, 0, tzinfo=timezone.utc).timestamp())  # 07:00 in New York
    run_build(project, env={"SOURCE_DATE_EPOCH": str(before)})
    site = project / "site"
    for page in ("index.html", "products/index.html"):
        (chart,) = svgs((site / page).read_text(encoding="utf-8"), "pipeline")
        bars = {bar.get("data-product"): bar.get("data-stage") for bar in chart.iter(f"{SVG}rect") if bar.get("class") == "nr-chart__bar"}
        assert bars == {"clr-131": "phase 1", "clr-125": "preclinical", "pdc": "preclinical", "clr-1603": "preclinical"}, page
    product = (site / "products" / "clr-1603" / "index.html").read_text(encoding="utf-8")
    assert held not in product and "2020-02-03" not in product and "Phase 1" not in re.sub(r"<svg.*?</svg>", "", product, flags=re.S)
    (clr_131_timeline,) = svgs((site / "products" / "clr-131" / "index.html").read_text(encoding="utf-8"), "timeline")
    assert [a.get("data-slug") for a in clr_131_timeline.iter(f"{SVG}a")] == [SEED_SLUG]
    run_build(project, env={"SOURCE_DATE_EPOCH": str(before + 3600)})  # 08:00: published
    (chart,) = svgs((site / "index.html").read_text(encoding="utf-8"), "pipeline")
    assert [bar.get("data-stage") for bar in chart.iter(f"{SVG}rect") if bar.get("data-product") == "clr-1603"] == ["phase 1"]
    (timeline,) = svgs((site / "products" / "clr-1603" / "index.html").read_text(encoding="utf-8"), "timeline")
    assert [a.get("data-slug") for a in timeline.iter(f"{SVG}a")] == [held]
    assert {g.get("data-day") for g in timeline.iter(f"{SVG}g") if g.get("data-day")} == {"2016-05-01", "2020-02-03"}


def test_markers_link_to_pages_that_exist_and_name_them(seed_site: Path) -> None:
    for product in ("clr-131", "clr-125", "pdc"):
        page = seed_site / "products" / product / "index.html"
        (timeline,) = svgs(page.read_text(encoding="utf-8"), "timeline")
        links = list(timeline.iter(f"{SVG}a"))
        assert links
        for link in links:
            target = (page.parent / (link.get("href") or "") / "index.html").resolve()
            assert target.is_file(), link.get("href")
            headline = re.search(r"<h1[^>]*>(.*?)</h1>", target.read_text(encoding="utf-8"), re.S)
            assert headline is not None and link.get("aria-label", "").startswith("January 24, 2017: Cellecstar Biosciences Announces")
            assert link.findtext(f"{SVG}title") == link.get("aria-label")
    assert release_page(seed_site).is_file()


def test_rebuilds_are_byte_identical(project: Path) -> None:
    add_release(project, date(2018, 6, 1), "in June")
    env = {"SOURCE_DATE_EPOCH": "1800000000"}
    pages = ("index.html", "products/index.html", "products/clr-131/index.html", "products/pdc/index.html")
    run_build(project, env=env)
    first = {page: (project / "site" / page).read_bytes() for page in pages}
    first_releases = {p.name: p.read_bytes() for p in (project / "site" / "releases").glob("*/index.html")}
    run_build(project, env={**env, "LANG": "de_DE.UTF-8", "TZ": "Asia/Tokyo"})
    assert {page: (project / "site" / page).read_bytes() for page in pages} == first
    assert {p.name: p.read_bytes() for p in (project / "site" / "releases").glob("*/index.html")} == first_releases
    assert all(b'class="nr-chart' in first[page] for page in pages)


def test_timelines_off_draws_nothing(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      release_time:", "      timelines: false\n      release_time:"), encoding="utf-8")
    run_build(project)
    for page in ("index.html", "products/index.html", "products/clr-131/index.html"):
        assert "nr-chart" not in (project / "site" / page).read_text(encoding="utf-8")


def test_a_custom_stage_list_in_mkdocs_yml(project: Path) -> None:
    config = project / "mkdocs.yml"
    products = project / "content" / "products.yml"
    products.write_text(products.read_text(encoding="utf-8").replace("stage: phase 1", "stage: Clinical"), encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(project / "content"), "-f", str(config)])
    assert checked.exit_code == 1 and "unknown stage 'Clinical'" in checked.output
    config.write_text(config.read_text(encoding="utf-8").replace("      release_time:", "      stages: [discovery, preclinical, clinical, clinical]\n      release_time:"), encoding="utf-8")
    result = run_build(project, check=False)
    assert result.returncode != 0 and "stages" in result.stdout + result.stderr and "'clinical' twice" in result.stdout + result.stderr
    config.write_text(config.read_text(encoding="utf-8").replace("clinical, clinical]", "clinical, market]"), encoding="utf-8")
    assert CliRunner().invoke(main, ["check", str(project / "content"), "-f", str(config)]).exit_code == 0
    converted = CliRunner().invoke(main, ["convert", str(SEED), "-f", str(config)])
    assert converted.exit_code == 0, converted.output
    run_build(project)
    (chart,) = svgs((project / "site" / "products" / "index.html").read_text(encoding="utf-8"), "pipeline")
    headers = [text.text for text in chart.iter(f"{SVG}text") if text.get("class") == "nr-chart__stage"]
    assert headers == ["Discovery", "Preclinical", "Clinical", "Market"]
    bars = {bar.get("data-product"): bar.get("data-stage") for bar in chart.iter(f"{SVG}rect") if bar.get("class") == "nr-chart__bar"}
    assert bars == {"clr-131": "clinical", "clr-125": "preclinical", "pdc": "preclinical"}
