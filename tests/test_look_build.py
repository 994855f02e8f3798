"""The newsroom's look in real `mkdocs build`s: titles, the current tab, a product as one place
(chips, redirects, the topic index, feed categories read with feedparser), the home page's dated
list, the archive's year, topic and product filters as links, the company's logo and sites, the 404.

Expectations come from mkdocs.yml, tags.yml, products.yml and the releases the test adds.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import feedparser
import pytest
import yaml

from .helpers import LOOK_SITE_URL, ROOT, build_look_site, copy_project, listed, run_build, target
from .htmltext import flat_text, is_redirect, links, read, release_pages, visible_text

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
SITE_NAME = re.search(r"^site_name: (.+)$", CONFIG, flags=re.M).group(1)


class _Config(yaml.SafeLoader):
    """mkdocs.yml's plugin options as written: an ``!ENV`` value (the signing key's) reads as None."""


_Config.add_constructor("!ENV", lambda loader, node: None)
PLUGIN = yaml.load(re.search(r"^  - newsroom:\n((?:      .*\n)+)", CONFIG, flags=re.M).group(1), Loader=_Config)  # noqa: S506
TAGS = yaml.safe_load((ROOT / "content" / "tags.yml").read_text(encoding="utf-8"))["tags"]
PRODUCT_TAGS = {tag.get("slug") or tag["name"].lower().replace(" ", "-"): tag["product"] for tag in TAGS if tag.get("product")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_look_site(tmp_path_factory.mktemp("look"))


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not is_redirect(p))


def title(page: Path) -> str:
    found = re.search(r"<title>(.*?)</title>", read(page), flags=re.S)
    assert found, page
    return flat_text(found.group(1))


def active_tab(page: Path) -> list[str]:
    return [flat_text(text) for text in re.findall(r'<li class="md-tabs__item md-tabs__item--active">\s*<a[^>]*>(.*?)</a>', read(page), flags=re.S)]


def years(site: Path) -> list[int]:
    return sorted({int(p.parent.name[:4]) for p in release_pages(site)}, reverse=True)


# Titles and tabs --------------------------------------------------------------------------------


def test_no_page_says_the_site_name_twice(site: Path) -> None:
    assert title(site / "index.html") == SITE_NAME
    for page in pages(site):
        assert title(page).count(SITE_NAME) == 1, (page, title(page))
        first = title(page).split(" - ")[0]
        assert first == SITE_NAME or first not in SITE_NAME, (page, title(page))


def test_the_current_tab_is_marked_on_every_page(site: Path) -> None:
    releases = [*release_pages(site), *(site / "releases" / str(year) / "index.html" for year in years(site))]
    releases += [p for p in (site / "tags").glob("*/index.html") if not is_redirect(p)]
    assert len(releases) > 8
    for page in releases:
        assert active_tab(page) == ["Releases"], page
    for page in (site / "products").glob("*/index.html"):
        assert active_tab(page) == ["Products"], page
    assert active_tab(site / "index.html") == ["Home"]
    assert active_tab(site / "releases" / "index.html") == ["Releases"]
    assert active_tab(site / "404.html") == []


def test_404_has_no_empty_navigation_column(site: Path) -> None:
    html = read(site / "404.html")
    assert "Page not found" in html
    # As on the newsroom's pages: the navigation column hidden (it stays the phone's drawer), no table of contents.
    for page in (site / "404.html", site / "releases" / "index.html"):
        assert re.findall(r'<div class="md-sidebar md-sidebar--primary"[^>]*>', read(page)) == [
            '<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation" hidden>'
        ], page
    assert 'data-md-type="toc"' not in html


# The company: logo and its sites ------------------------------------------------------------------


def test_logo_and_company_sites_on_every_page(site: Path) -> None:
    assert PLUGIN["company_url"].startswith("https://") and PLUGIN["investors_url"].startswith("https://")
    for page in [*pages(site)]:
        html = read(page)
        assert re.search(r'<a href="[^"]*" title="[^"]*" class="md-header__button md-logo"[^>]*>\s*<img src="[^"]*logo\.svg"', html), page
        hrefs = links(html)
        # In the tabs (desktop) and in the footer (every width).
        assert hrefs.count(PLUGIN["company_url"]) == 2, page
        assert hrefs.count(PLUGIN["investors_url"]) == 2, page
        assert re.search(rf'<a class="md-tabs__link" href="{re.escape(PLUGIN["investors_url"])}">Investor relations</a>', html), page


@pytest.mark.parametrize("value", ["www.example.com", "javascript:alert(1)", "https://a b", 5])
def test_a_company_url_that_is_not_a_web_address_stops_the_build(tmp_path: Path, value: object) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"company_url: .*", f"company_url: {yaml.safe_dump(value).splitlines()[0]}", text), encoding="utf-8")
    result = run_build(project, check=False)
    assert result.returncode != 0
    assert "company_url" in result.stderr and "web address" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# A product is one place -----------------------------------------------------------------------


def test_product_chips_lead_to_product_pages_and_old_topic_pages_redirect(site: Path) -> None:
    assert PRODUCT_TAGS == {"clr-131": "clr-131", "clr-125": "clr-125", "pdc": "pdc"}
    for slug, product in PRODUCT_TAGS.items():
        old = site / "tags" / slug / "index.html"
        assert is_redirect(old)
        html = read(old)
        assert re.findall(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html) == [f"../../products/{product}/"]
        assert re.findall(r'<link rel="canonical" href="([^"]+)">', html) == [f"{LOOK_SITE_URL}products/{product}/"]
        assert '<meta name="robots" content="noindex">' in html
        assert not (site / "tags" / slug / "feed.xml").exists()
        assert f"tags/{slug}/" not in read(site / "sitemap.xml")
    index = site / "tags" / "index.html"
    listed_topics = {target(site, index, href) for href in re.findall(r'<a class="md-tag" href="([^"]+)"', read(index))}
    assert listed_topics and all(p.parent.parent == site / "tags" and not is_redirect(p) for p in listed_topics)
    for page in release_pages(site):
        for href in re.findall(r'<a href="([^"]+)" class="md-tag', read(page)):
            assert not is_redirect(target(site, page, href)), (page, href)
    offering = next(p for p in release_pages(site) if "offering" in p.parent.name)
    assert "../../products/clr-131/" in re.findall(r'<a href="([^"]+)" class="md-tag', read(offering))


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_feeds_carry_each_product_once_as_a_category(site: Path, name: str) -> None:
    feed = feedparser.parse((site / name).read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == len(release_pages(site))
    product_pages = {f"{LOOK_SITE_URL}products/{product}/" for product in PRODUCT_TAGS.values()}
    seen = 0
    for entry in feed.entries:
        schemes = [tag.scheme for tag in entry.get("tags", [])]
        assert len(schemes) == len(set(schemes)), (entry.title, schemes)
        assert not any(f"tags/{slug}/" in scheme for scheme in schemes for slug in PRODUCT_TAGS), (entry.title, schemes)
        seen += len(product_pages & set(schemes))
    assert seen >= 4  # the seed's three products and the edited release's CLR 131
    offering = next(entry for entry in feed.entries if entry.title.startswith("Cellectar Closes Offering"))
    assert [tag.scheme for tag in offering.tags].count(f"{LOOK_SITE_URL}products/clr-131/") == 1
    if name == "atom.xml":  # Atom says term (the product's id) and label (its name) apart
        assert {(tag.term, tag.label) for tag in offering.tags} >= {("clr-131", "CLR 131")}


# Home and archive -------------------------------------------------------------------------------


def test_home_is_a_dated_list_of_the_latest_releases(site: Path) -> None:
    home = site / "index.html"
    entries = listed(site, home)
    assert len(entries) == min(PLUGIN.get("home_count", 10), len(release_pages(site)))
    assert [e.day for e in entries] == sorted((e.day for e in entries), reverse=True)
    assert all(re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", e.shown) for e in entries)
    assert 'class="nr-card' not in read(home)
    assert re.search(r'<p class="nr-entry__lead">', read(home))


def test_archive_filters_are_links_to_year_topic_and_product_pages(site: Path) -> None:
    archive = site / "releases" / "index.html"
    html = read(archive)
    filters = re.search(r'<nav class="nr-filters"[^>]*>(.*?)</nav>', html, flags=re.S)
    assert filters
    links_by_kind: dict[str, dict[str, Path]] = {}
    for href, kind, value in re.findall(r'<a href="([^"]+)" data-filter="(\w+)" data-value="([^"]*)"', filters.group(1)):
        links_by_kind.setdefault(kind, {})[value] = target(site, archive, href)
    assert set(links_by_kind) == {"year", "topic", "product"}
    for kind in links_by_kind:
        assert links_by_kind[kind].pop("") == archive
    assert sorted(map(int, links_by_kind["year"]), reverse=True) == years(site)
    for year, page in links_by_kind["year"].items():
        expected = sorted((p for p in release_pages(site) if p.parent.name.startswith(f"{year}-")), reverse=True)
        assert sorted((e.page for e in listed(site, page)), reverse=True) == expected, year
        assert all(e.day.startswith(year) for e in listed(site, page))
        assert 'aria-current="page"' in re.search(rf'<a href="[^"]*" data-filter="year" data-value="{year}"[^>]*>', read(page)).group(0)
    for slug, page in links_by_kind["topic"].items():
        assert page == site / "tags" / slug / "index.html" and not is_redirect(page)
        assert slug not in PRODUCT_TAGS
        tagged = [p for p in release_pages(site) if f"../../tags/{slug}/" in read(p)]
        assert sorted(e.page for e in listed(site, page)) == sorted(tagged)
    for product, page in links_by_kind["product"].items():
        assert page == site / "products" / product / "index.html"
    # Every release of the archive is listed with the data the in-page filter reads.
    rows = re.findall(r'<li class="nr-entry" data-year="(\d+)" data-topic="([^"]*)" data-product="([^"]*)">', html)
    assert len(rows) == len(release_pages(site))
    entries = listed(site, archive)
    for (year, topics, products), entry in zip(rows, entries, strict=True):
        assert entry.day.startswith(year)
        release = read(entry.page)
        assert all(f"../../tags/{t}/" in release for t in topics.split())
        assert all(f"../../products/{p}/" in release for p in products.split())


def test_release_page_puts_the_lead_before_the_fact_boxes(site: Path) -> None:
    seed = next(p for p in release_pages(site) if p.parent.name.startswith("2017-01-24-"))
    html = read(seed)
    lead = html.index('class="nr-release__body nr-release__lead"')
    boxes = html.index('class="nr-fact-boxes"')
    rest = html.index('class="nr-release__body nr-release__rest"')
    assert html.index("<h1") < html.index('class="nr-dateline"') < boxes
    assert lead < html.index('class="nr-dateline"') < boxes < rest
    # One line per box on a phone: the product's name and its stage (catalogue's Development stage).
    products = yaml.safe_load((ROOT / "content" / "products.yml").read_text(encoding="utf-8"))["products"]
    clr131 = next(p for p in products if p["id"] == "clr-131")
    (stage,) = [v["value"] for f in clr131["facts"] if f["label"] == "Development stage" for v in f["values"] if v["from"] <= date(2017, 1, 24)]
    summary = re.search(r'<aside class="fact-box" data-product="clr-131".*?<summary[^>]*>(.*?)</summary>', html, flags=re.S)
    assert summary and visible_text(summary.group(1)).split("\n") == ["CLR 131", stage]
