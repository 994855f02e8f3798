"""Markup in a headline, a tag, a product name or an edited release's body reaches every page,
the search index and the feeds as text, and never as markup or script.

One build of the project with tests/fixtures/injection (see expected.yml there): text releases
whose headlines carry <script>, <img onerror> and an attribute break-out, an edited release with
such a title, tags and raw HTML in its body, and a product whose name and facts carry markup.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from mkdocs.config import load_config

from .helpers import INJECTED, INJECTED_EDITED, ROOT, injection_project, links_by_text, newsroom, page, release_url, run_build, tag_urls
from .htmlsafety import parse, problems, search_problems, texts, theme_scripts
from .htmltext import flat_text, read

RELEASES = INJECTED["releases"]
PRODUCT = INJECTED["product"]
SITE_NAME = load_config(str(ROOT / "mkdocs.yml")).site_name


def header_topic(html: str) -> str:
    """The page's own title in Material's header (the other topic is the site name)."""
    return [node for node in parse(html).iter() if node.attr("data-md-component") == "header-topic"][0].text().strip()


def meta_content(html: str, key: str) -> str:
    (node,) = [node for node in parse(html).iter() if node.tag == "meta" and key in (node.attr("property"), node.attr("name"))]
    return node.attr("content") or ""


# --------------------------------------------------------------------------- nothing live


def test_every_page_holds_only_the_themes_markup(injection_site: Path, seed_site: Path) -> None:
    own_scripts = theme_scripts(seed_site)
    pages = sorted(injection_site.rglob("*.html"))
    kinds = ["", "releases/", "tags/", "products/", f"products/{PRODUCT['id']}/", *map(release_url, RELEASES.values()), *tag_urls(injection_site).values()]
    assert {injection_site / url / "index.html" for url in kinds} | {injection_site / "404.html"} <= set(pages)
    found = {p.relative_to(injection_site).as_posix(): problems(read(p), own_scripts) for p in pages}
    # The one refresh allowed: an old topic page of a product sends the reader to the product's page.
    product_redirect = re.compile(r'a refresh: <meta http-equiv="refresh" content="0; url=\.\./\.\./products/([\w-]+)/">')
    for path, issues in found.items():
        moved = [m for m in map(product_redirect.fullmatch, issues) if m and path.startswith("tags/")]
        assert all((injection_site / "products" / m.group(1) / "index.html").is_file() for m in moved), path
        issues[:] = [issue for issue in issues if not product_redirect.fullmatch(issue) or not path.startswith("tags/")]
    assert {path: issues for path, issues in found.items() if issues} == {}


def test_the_search_index_holds_text_only(injection_site: Path) -> None:
    docs = json.loads(read(injection_site / "search" / "search_index.json"))["docs"]
    for doc in docs:
        for value in [doc["title"], doc["text"], *doc.get("tags", [])]:
            assert search_problems(value) == [], doc["location"]
    # Material shows each field as HTML: what a reader sees is the text of that HTML.
    shown = {doc["location"]: parse(doc["title"]).text() for doc in docs}
    for release in RELEASES.values():
        assert shown[release_url(release)] == release["headline"]
    # Search matches words as stored: an apostrophe stays one ("Waldenstrom's", not "&#39;").
    titles = {doc["location"]: doc["title"] for doc in docs}
    assert all(titles[release_url(r)].count("'") == r["headline"].count("'") for r in RELEASES.values())
    assert shown[f"products/{PRODUCT['id']}/"] == PRODUCT["name"]
    for name, url in tag_urls(injection_site).items():
        assert shown[url] == name
    edited = next(doc for doc in docs if doc["location"] == release_url(INJECTED_EDITED))
    assert [parse(tag).text() for tag in edited["tags"]] == INJECTED_EDITED["tags"]


# --------------------------------------------------------------------------- shown as text


@pytest.mark.parametrize("name", list(RELEASES))
def test_a_headline_shows_literally_on_every_page(injection_site: Path, name: str) -> None:
    release = RELEASES[name]
    headline, url = release["headline"], release_url(release)
    html = page(injection_site, url)
    assert texts(html, "title") == [f"{headline} - {SITE_NAME}"]
    assert header_topic(html) == headline
    assert texts(html, "h1") == [headline]
    assert meta_content(html, "og:title") == meta_content(html, "twitter:title") == headline
    (ld,) = [node.text() for node in parse(html).iter() if node.attr("type") == "application/ld+json"]
    assert json.loads(ld)["headline"] == headline
    for listing in ("", "releases/"):
        assert headline in links_by_text(page(injection_site, listing))


def test_tag_names_show_literally(injection_site: Path) -> None:
    index = page(injection_site, "tags/")
    for name, url in tag_urls(injection_site).items():
        html = page(injection_site, url)
        assert header_topic(html) == name
        assert texts(html, "h1") == [name]
        assert texts(html, "title") == [f"{name} - {SITE_NAME}"]
        assert meta_content(html, "og:title") == name
        assert name in links_by_text(index, "md-tag")
        assert INJECTED_EDITED["headline"] in links_by_text(html, "nr-entry__title")


def test_product_name_and_facts_show_literally(injection_site: Path) -> None:
    url = f"products/{PRODUCT['id']}/"
    html = page(injection_site, url)
    name = PRODUCT["name"]
    assert header_topic(html) == name
    assert texts(html, "h1") == [name]
    assert texts(html, "title") == [f"{name} - {SITE_NAME}"]
    assert meta_content(html, "og:title") == name
    (fact,) = PRODUCT["facts"]
    for literal in (PRODUCT["summary"], PRODUCT["description"], fact["label"], fact["value"]):
        assert literal in flat_text(html)
    assert name in links_by_text(page(injection_site, "products/"))
    mentioning = page(injection_site, release_url(RELEASES["2017-05-01-script-headline.txt"]))
    assert texts(mentioning, "h2", "fact-box__name") == [name]


def test_raw_html_in_an_edited_release_is_text_and_its_links_stay(injection_site: Path) -> None:
    html = page(injection_site, release_url(INJECTED_EDITED))
    shown = flat_text(html)
    for literal in INJECTED_EDITED["literal"]:
        assert literal in shown, literal
    # The release's text: its lead, then the rest (the fact boxes stand between them).
    parts = [node for node in parse(html).iter() if "nr-release__body" in node.classes()]
    assert [node.attr("href") for body in parts for node in body.iter() if node.tag == "a"] == INJECTED_EDITED["links"]


def test_text_releases_keep_the_writers_own_markup(injection_site: Path) -> None:
    html = page(injection_site, release_url(RELEASES["2017-05-01-script-headline.txt"]))
    assert texts(html, "strong", "nr-dateline") == ["MADISON, Wis., May 1, 2017 (GLOBE NEWSWIRE) --"]


# --------------------------------------------------------------------------- feeds


def _feed_entries(site: Path) -> list[tuple[Path, feedparser.FeedParserDict, feedparser.FeedParserDict]]:
    """Every entry of every RSS and Atom feed, as feedparser reads it (content not sanitised, so
    whatever the feed carries is seen)."""
    entries = []
    for path in sorted([*site.rglob("feed.xml"), *site.rglob("atom.xml")]):
        parsed = feedparser.parse(str(path), sanitize_html=False)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        entries.extend((path, parsed.feed, entry) for entry in parsed.entries)
    return entries


def _as_text(detail: feedparser.FeedParserDict) -> str:
    """What a feed reader shows for a text construct: HTML (an RSS description) is rendered,
    so it must hold nothing live and its text is what shows."""
    if detail.type == "text/html":
        assert problems(detail.value) == [], detail.value
        return parse(detail.value).text()
    return detail.value


def test_feeds_carry_headlines_and_leads_as_text_and_safe_html(injection_site: Path) -> None:
    headlines = {release_url(r): r["headline"] for r in RELEASES.values()}
    entries = _feed_entries(injection_site)
    assert {urlsplit(entry.link).path.split("/", 2)[2] for _, _, entry in entries} >= set(headlines)
    for path, _, entry in entries:
        url = urlsplit(entry.link).path.split("/", 2)[2]
        if url in headlines:
            assert _as_text(entry.title_detail) == headlines[url], path
        (content,) = entry.content
        assert problems(content.value) == [], (path, entry.link)
        if url == release_url(INJECTED_EDITED):
            assert _as_text(entry.summary_detail) == INJECTED_EDITED["description"], path
            for literal in INJECTED_EDITED["literal"]:
                assert literal in flat_text(content.value), (path, literal)


def test_tag_and_product_feeds_are_named_as_text(injection_site: Path) -> None:
    channels = {path.parent.relative_to(injection_site).as_posix() + "/": feed for path, feed, _ in _feed_entries(injection_site)}
    named = {url: name for name, url in tag_urls(injection_site).items()} | {f"products/{PRODUCT['id']}/": PRODUCT["name"]}
    for url, name in named.items():
        assert _as_text(channels[url].title_detail) == f"{SITE_NAME}: {name}"
        assert _as_text(channels[url].subtitle_detail).endswith(f" {name}")


# --------------------------------------------------------------------------- refused, allowed


def test_a_script_link_stops_the_build_and_check_with_file_and_line(tmp_path: Path) -> None:
    project = injection_project(tmp_path / "project", refused=True)
    build = run_build(project, check=False)
    check = newsroom("check", cwd=project)
    assert build.returncode != 0 and check.returncode == 1
    assert not (project / "site").exists()
    for name, want in INJECTED["refused"].items():
        where = f"releases/{name}:{want['line']}:"
        for output in (build.stderr + build.stdout, check.stdout + check.stderr):
            lines = [line for line in output.splitlines() if where in line]
            assert lines and all(want["message_contains"] in line for line in lines), output
            assert "Traceback" not in output


def test_allow_html_publishes_an_edited_releases_html(tmp_path: Path) -> None:
    project = injection_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(read(config).replace("      timezone: America/New_York\n", "      timezone: America/New_York\n      allow_html: true\n"), encoding="utf-8")
    edited = project / "content" / "releases" / "2017-05-04-edited.md"
    edited.write_text(read(edited) + '\n<p class="team-note">Kept as <em>HTML</em>.</p>\n', encoding="utf-8")
    run_build(project)
    html = page(project / "site", release_url(INJECTED_EDITED))
    assert texts(html, "p", "team-note") == ["Kept as HTML."]
    # Only the body: the title, tags and product names stay text whatever the option says.
    assert header_topic(html) == INJECTED_EDITED["headline"]


def test_a_title_taken_from_a_heading_stays_text(tmp_path: Path, seed_site: Path) -> None:
    """A site page without a front-matter title is titled by its heading, which MkDocs keeps as
    HTML: the <title> shows it as text, so an escaped "</title><script>" cannot end the element."""
    project = injection_project(tmp_path / "project")
    heading = "Q&A </title><script>alert(30)</script>"
    (project / "content" / "about.md").write_text("# Q&amp;A &lt;/title&gt;&lt;script&gt;alert(30)&lt;/script&gt;\n", encoding="utf-8")
    run_build(project)
    html = page(project / "site", "about/")
    assert problems(html, theme_scripts(seed_site)) == []
    assert texts(html, "title") == [f"{heading} - {SITE_NAME}"] and header_topic(html) == heading
