"""The Google News sitemap and robots.txt, unit by unit and in a really built site.

Read back with ElementTree and namespaces, against the fields Google documents for news sitemaps
(publication name and language, publication date, title under <news:news>).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest

from newsroom.crawlers import NewsItem, news_language, news_sitemap, robots_txt

from .helpers import SEED_HEADLINE, SEED_PUBLISHED, copy_project, mkdocs_setting, run_build

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
NEW_YORK = ZoneInfo("America/New_York")
SITE_URL = "https://ir.example.com/newsroom/"
MOMENT = datetime(2024, 5, 10, 12, 0, tzinfo=timezone.utc)


def read_news(document: str | bytes) -> list[dict[str, str]]:
    """Each <url> of a news sitemap as Google reads it; every documented field must be there."""
    root = ElementTree.fromstring(document)
    assert root.tag == f"{SM}urlset"
    entries = []
    for url in root.findall(f"{SM}url"):
        news = url.find(f"{NEWS}news")
        assert news is not None
        fields = {
            "loc": url.findtext(f"{SM}loc"),
            "name": news.findtext(f"{NEWS}publication/{NEWS}name"),
            "language": news.findtext(f"{NEWS}publication/{NEWS}language"),
            "date": news.findtext(f"{NEWS}publication_date"),
            "title": news.findtext(f"{NEWS}title"),
        }
        assert all(fields.values()), fields
        entries.append({key: value or "" for key, value in fields.items()})
    return entries


def item(slug: str, published: datetime, title: str = "") -> NewsItem:
    return NewsItem(f"{SITE_URL}releases/{slug}/", title or f"Release {slug}", published)


def test_only_the_last_two_days_newest_first() -> None:
    items = [
        item("two-days-ago", MOMENT - timedelta(days=2)),  # the window's edge is out
        item("yesterday", MOMENT - timedelta(days=1)),
        item("just-now", MOMENT),
        item("in-a-minute", MOMENT + timedelta(minutes=1)),  # never before its time
        item("almost-two-days", MOMENT - timedelta(days=2) + timedelta(seconds=1)),
    ]
    entries = read_news(news_sitemap(items, MOMENT, "Example Newsroom", "en"))
    assert [entry["loc"] for entry in entries] == [f"{SITE_URL}releases/{slug}/" for slug in ("just-now", "yesterday", "almost-two-days")]
    assert {(entry["name"], entry["language"]) for entry in entries} == {("Example Newsroom", "en")}
    assert datetime.fromisoformat(entries[1]["date"]) == MOMENT - timedelta(days=1)


def test_an_empty_news_sitemap_is_still_a_sitemap() -> None:
    assert read_news(news_sitemap([item("old", MOMENT - timedelta(days=30))], MOMENT, "X", "en")) == []


def test_text_is_escaped_and_forbidden_characters_dropped() -> None:
    entries = read_news(news_sitemap([item("r-d", MOMENT, "R&D <b>results</b>\x1b")], MOMENT, "A & B <News>", "en"))
    assert (entries[0]["title"], entries[0]["name"]) == ("R&D <b>results</b>", "A & B <News>")


@pytest.mark.parametrize(("language", "code"), [("en", "en"), ("en-GB", "en"), ("pt_BR", "pt"), ("zh-TW", "zh-tw"), ("zh-Hant", "zh-tw"), ("zh", "zh-cn"), ("zh-CN", "zh-cn")])
def test_language_is_googles_code(language: str, code: str) -> None:
    assert news_language(language) == code


def test_robots_txt_new_and_added_to() -> None:
    sitemaps = [f"{SITE_URL}sitemap.xml", f"{SITE_URL}news-sitemap.xml"]
    assert robots_txt(sitemaps) == f"User-agent: *\nDisallow:\n\nSitemap: {sitemaps[0]}\nSitemap: {sitemaps[1]}\n"
    own = f"User-agent: BadBot\nDisallow: /\n\nsitemap: {sitemaps[0]}"
    assert robots_txt(sitemaps, own) == own + f"\n\nSitemap: {sitemaps[1]}\n"
    assert robots_txt(sitemaps, robots_txt(sitemaps)) == robots_txt(sitemaps)
    assert robots_txt(sitemaps, "") == f"Sitemap: {sitemaps[0]}\nSitemap: {sitemaps[1]}\n"


# --------------------------------------------------------------------------- a built site

RECENT = (
    "2017-01-25-recent.txt",
    "January 25, 2017\n\nCellectar Names a New Chief Medical Officer\n\n"
    "MADISON, Wis., Jan. 25, 2017 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today named a new chief medical officer.\n",
)
HELD = (
    "2017-01-26-held.txt",
    "EMBARGOED UNTIL 09:00 AM ET, JANUARY 26, 2017\n\nCellectar Announces a Held Back Agreement\n\n"
    "MADISON, Wis., Jan. 26, 2017 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today announced an agreement.\n",
)
OLD = (
    "2016-12-01-old.txt",
    "December 1, 2016\n\nCellectar Presents at an Investor Conference\n\n"
    "MADISON, Wis., Dec. 1, 2016 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) presented at a conference.\n",
)
# An hour before the seed (24th, 08:00 New York) is two days old, before the held release's embargo (26th, 09:00).
BUILD_AT = SEED_PUBLISHED + timedelta(days=2) - timedelta(hours=1)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("crawlers") / "project")
    for name, text in (RECENT, HELD, OLD):
        (project / "content" / "releases" / name).write_text(text, encoding="utf-8")
    (project / "content" / "robots.txt").write_text("User-agent: BadBot\nDisallow: /\n", encoding="utf-8")
    run_build(project, env={"SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": str(int(BUILD_AT.timestamp()))})
    return project / "site"


def test_news_sitemap_has_the_last_two_days_and_no_held_release(site: Path) -> None:
    entries = read_news((site / "news-sitemap.xml").read_bytes())
    assert [entry["title"] for entry in entries] == ["Cellectar Names a New Chief Medical Officer", SEED_HEADLINE]
    for entry in entries:
        slug = entry["loc"].removeprefix(f"{SITE_URL}releases/").strip("/")
        assert (site / "releases" / slug / "index.html").is_file()
        assert entry["name"] == mkdocs_setting(r"^site_name:(.*)$")
        assert entry["language"] == "en"
    assert datetime.fromisoformat(entries[1]["date"]) == SEED_PUBLISHED
    assert datetime.fromisoformat(entries[0]["date"]) == datetime(2017, 1, 25, 8, 0, tzinfo=NEW_YORK)
    assert b"Held Back" not in (site / "news-sitemap.xml").read_bytes()
    assert not list(site.glob("releases/2017-01-26-*"))


def test_robots_txt_keeps_the_sites_own_rules_and_names_both_sitemaps(site: Path) -> None:
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots.startswith("User-agent: BadBot\nDisallow: /\n")
    assert [line for line in robots.splitlines() if line.startswith("Sitemap:")] == [
        f"Sitemap: {SITE_URL}sitemap.xml",
        f"Sitemap: {SITE_URL}news-sitemap.xml",
    ]
    assert (site / "sitemap.xml").is_file()
