"""The build cache (.cache/newsroom/ beside mkdocs.yml): a warm build publishes exactly what a build
without the cache does, a cached rendering or parse is used only while every part of its key
holds, and a damaged cache file is ignored with a warning, never published."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import marshal
import os
import pickle
import re
import shutil
from importlib import metadata
from pathlib import Path
from types import CodeType
from typing import Any

import pytest
from jinja2.bccache import bc_magic

from newsroom.cache import FOLDER, FileCache, digest

from .helpers import cache_packs, cache_records, copy_project, generate, injection_project, pack_records, rewrite_cache_records, run_build

# Fixed "now", so two builds of the same project are the same bytes (sitemap dates, embargoes).
ENV = {"SOURCE_DATE_EPOCH": "1767225600"}
MARKER = "Quillfeather cached marker"


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path in the site."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def entries(project: Path, kind: str = "render") -> list[dict[str, Any]]:
    """The records of one kind the project's build cache holds, as stored."""
    return cache_records(project / FOLDER / kind)


def packs(project: Path, kind: str = "render") -> list[Path]:
    return cache_packs(project / FOLDER / kind)


def set_plugin_option(project: Path, name: str, value: object) -> None:
    """Set an option of the newsroom plugin in the project's mkdocs.yml (a line under ``- newsroom:``)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - newsroom:\n" in text
    config.write_text(text.replace("  - newsroom:\n", f"  - newsroom:\n      {name}: {json.dumps(value)}\n", 1), encoding="utf-8")


def override_template(project: Path, name: str, text: str) -> None:
    """Give the project a custom_dir (overrides/) holding template ``name`` as ``text``."""
    config = project / "mkdocs.yml"
    yml = config.read_text(encoding="utf-8")
    assert "theme:\n  name: material\n" in yml
    config.write_text(yml.replace("theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n", 1), encoding="utf-8")
    override = project / "overrides" / name
    override.parent.mkdir(parents=True)
    override.write_text(text, encoding="utf-8")


def feed_entries(project: Path) -> list[Path]:
    """The build cache's entries of feeds, one folder each."""
    folder = project / FOLDER / FileCache.kind
    return sorted(folder.iterdir()) if folder.is_dir() else []


def tamper(project: Path) -> None:
    """Put MARKER into every cached rendering, checksums and all: a build that publishes it used the cache."""
    assert entries(project), "the build wrote no cache entry"

    def mark(stored: dict[str, Any]) -> None:
        stored["entry"]["html"] += f"<p>{MARKER}</p>"

    rewrite_cache_records(project / FOLDER / "render", mark)


def rebuilt_quietly(project: Path, fresh: dict[str, bytes]) -> None:
    """The damaged entry was written over whole: the next build reads the cache without a word."""
    again = run_build(project, env=ENV)
    assert "build cache" not in again.stderr
    assert snapshot(project / "site") == fresh


def published_marker(site: Path) -> bool:
    return any(MARKER.encode() in data for data in snapshot(site).values())


def test_warm_build_equals_a_build_without_cache(tmp_path: Path) -> None:
    # Over 200 releases, so misses are rendered in forked workers; the injection releases bring
    # edited pages, tables and markup in headlines and bodies.
    project = injection_project(tmp_path / "project")
    generate.generate(210, project / "content" / "releases", seed=5)
    # Material's search reads data-search-* attributes, and strips them from the page's HTML.
    (project / "content" / "releases" / "2017-05-06-search-excluded.md").write_text(
        "---\ntitle: Search Excluded Release\ndate: 2017-05-06\n---\n\n# Search Excluded Release\n\n"
        "WILMINGTON, Del., May 6, 2017 -- Kept out of the search index.\n{ data-search-exclude }\n\nIndexed words.\n",
        encoding="utf-8",
    )
    set_plugin_option(project, "cache", False)
    run_build(project, env=ENV)
    assert not (project / FOLDER).exists()
    without = snapshot(project / "site")
    page = "releases/2017-05-06-search-excluded-release/index.html"
    assert b"Kept out of the search index" in without[page] and b"Indexed words" in without["search/search_index.json"]
    assert b"Kept out of the search index" not in without["search/search_index.json"]
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8").replace("      cache: false\n", ""), encoding="utf-8")

    cold = run_build(project, env=ENV)
    assert snapshot(project / "site") == without
    stored = entries(project)
    releases = [p for p in snapshot(project / "site") if p.startswith("releases/") and p.count("/") == 2 and p.endswith("index.html")]
    assert len(stored) >= 210 and len(stored) <= len(releases)
    # A pack per process that rendered or parsed, not a file per release.
    assert 1 <= len(packs(project)) <= (os.cpu_count() or 1) + 1 and 1 <= len(packs(project, "parse")) <= (os.cpu_count() or 1) + 1
    assert not any(".cache" in name for name in without)

    # The sections search found in every page, and every feed's documents.
    pages = [p for p in without if p.endswith(".html") and p != "404.html"]
    assert len({record["key"] for record in entries(project, "search")}) >= len(pages) // 2
    # The workers parse the releases they render for search (each its own pack), and the build
    # finds those: had it parsed them again, prune would have left one pack.
    if (os.cpu_count() or 1) >= 2:
        assert len(packs(project, "search")) >= 2
    assert len(feed_entries(project)) == sum(1 for p in without if p.endswith("feed.xml")) >= 3
    # The templates compiled, also those only forked workers compiled (kept all the same).
    compiled = entries(project, "templates")
    assert any(b"newsroom/release.html" in base64.b64decode(record["entry"]) for record in compiled)

    warm = run_build(project, env=ENV)
    assert snapshot(project / "site") == without
    assert entries(project) == stored and entries(project, "templates") == compiled
    assert "WARNING" not in cold.stderr + warm.stderr


# A part of the header of the site's own that prints more of the page than its title: Material's
# header prints the title once (so a release page's header is rendered once per folder, with each
# page's title put in afterwards); these print the page's address too, by themselves or through
# the partial Material's header includes.
OWN_HEADERS = {
    "partials/header.html": '<header class="md-header">{% if page %}{{ page.meta.title }} <span class="nr-test-url">{{ page.url }}</span>{% endif %}</header>\n',
    "partials/search.html": '{% if page %}<span class="nr-test-url">{{ page.url }}</span>{% endif %}\n',
}


@pytest.mark.parametrize("name", sorted(OWN_HEADERS))
def test_a_header_part_of_the_sites_own_is_rendered_for_each_page(tmp_path: Path, name: str) -> None:
    project = copy_project(tmp_path / "project")
    generate.generate(4, project / "content" / "releases", seed=11)
    override_template(project, name, OWN_HEADERS[name])
    run_build(project, env=ENV)
    releases = [page for page in sorted((project / "site" / "releases").glob("*/index.html")) if not page.parent.name.isdigit()]
    assert len(releases) >= 5, [page.parent.name for page in releases]
    for page in releases:
        html = page.read_text(encoding="utf-8")
        assert html.count('<span class="nr-test-url">') == 1 and f'<span class="nr-test-url">releases/{page.parent.name}/</span>' in html, page
        if name == "partials/header.html":
            title = html.split("<title>", 1)[1].split(" - ", 1)[0]
            assert f'<header class="md-header">{title} <span class="nr-test-url">' in html, page


def test_an_entry_partial_of_the_sites_own_is_rendered_for_each_listing(tmp_path: Path) -> None:
    # A release is rendered once per build for every listing that links it alike; an entry partial
    # of the site's own (custom_dir) may print more of the page, so it is rendered for each.
    project = copy_project(tmp_path / "project")
    generate.generate(4, project / "content" / "releases", seed=11)
    entry = '<li class="nr-entry"><a href="{{ entry.url | url }}">{{ entry.title | e }}</a> <span class="nr-test-url">{{ page.url }}</span></li>\n'
    override_template(project, "partials/newsroom/entry.html", entry)
    run_build(project, env=ENV)
    site = project / "site"
    shown: dict[str, list[str]] = {}
    for page in sorted(site.rglob("index.html")):
        folder = page.parent.relative_to(site).as_posix()
        url = "" if folder == "." else f"{folder}/"  # MkDocs' page.url: "" for the home page
        for printed in re.findall(r'<span class="nr-test-url">([^<]*)</span>', page.read_text(encoding="utf-8")):
            shown.setdefault(url, []).append(printed)
    assert sum(len(printed) for printed in shown.values()) >= 15 and len(shown) >= 5, shown
    assert all(printed == [url] * len(printed) for url, printed in shown.items()), shown


def test_a_cached_rendering_is_used(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    tamper(project)
    run_build(project, env=ENV)
    # Only the cache can have put the marker there (this is how the key tests below know it was not used).
    assert published_marker(project / "site")


def _change_extension_setting(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      permalink: false\n" in text
    config.write_text(text.replace("      permalink: false\n", "      permalink: false\n      toc_depth: 5\n"), encoding="utf-8")


def _hook_adds_extension(project: Path) -> None:
    """A hook that adds a Markdown extension in its on_config, which runs after the newsroom's."""
    (project / "hooks.py").write_text('def on_config(config):\n    config.markdown_extensions.append("nl2br")\n    return config\n', encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks.py\n", encoding="utf-8")


def _fake_version(distribution: str) -> object:
    """A distribution's installed version seen as 99.0: a dist-info ahead on the path, with the
    installed one's entry points (its plugins and themes)."""

    def change(project: Path, env: dict[str, str]) -> None:
        info = project.parent / "fake" / f"{distribution.replace('-', '_')}-99.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 99.0\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(metadata.distribution(distribution).read_text("entry_points.txt") or "", encoding="utf-8")
        env["PYTHONPATH"] = str(info.parent)

    return change


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda project, env: _change_extension_setting(project), id="markdown-extension-setting"),
        pytest.param(lambda project, env: set_plugin_option(project, "allow_html", True), id="allow-html"),
        pytest.param(_fake_version("mkdocs-newsroom"), id="newsroom-version"),
        pytest.param(_fake_version("markdown"), id="markdown-version"),
        pytest.param(_fake_version("mkdocs-material"), id="material-version"),
        pytest.param(lambda project, env: _hook_adds_extension(project), id="extension-added-by-a-hook"),
    ],
)
def test_a_changed_key_part_misses_the_cache(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    tamper(project)
    env = dict(ENV)
    change(project, env)
    run_build(project, env=env)
    assert not published_marker(project / "site")
    # The stale entries are gone, replaced by this build's.
    assert entries(project) and not any(MARKER in json.dumps(stored) for stored in entries(project))


def _replace_in_config(old: str, new: str) -> object:
    def change(project: Path, env: dict[str, str]) -> None:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert old in text
        config.write_text(text.replace(old, new), encoding="utf-8")

    return change


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(None, id="unchanged"),
        pytest.param(_fake_version("mkdocs-newsroom"), id="newsroom-version"),
        pytest.param(_replace_in_config("company: Cellectar Biosciences, Inc.", "company: Cellectar Inc."), id="company"),
        pytest.param(_replace_in_config("timezone: America/New_York", "timezone: America/Chicago"), id="timezone"),
    ],
)
def test_a_cached_parse_is_used_while_its_key_holds(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    [stored] = entries(project, "parse")

    def mark(stored: dict[str, Any]) -> None:
        stored["entry"]["body"] += f"\n{MARKER}\n"

    rewrite_cache_records(project / FOLDER / "parse", mark)
    env = dict(ENV)
    if change is not None:
        change(project, env)
    run_build(project, env=env)
    # Only the parse cache can have put the marker in the release's page.
    assert published_marker(project / "site") is (change is None)
    # A missed entry is replaced by this build's (and so pruned).
    keys = [record["key"] for record in entries(project, "parse")]
    assert len(keys) == 1 and (keys == [stored["key"]]) is (change is None)


def test_a_damaged_parse_is_ignored_with_a_warning(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    fresh = snapshot(project / "site")
    [path] = packs(project, "parse")
    path.write_bytes(path.read_bytes()[:-40])
    result = run_build(project, "--no-strict", env=ENV)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert any("damaged build cache file" in line and path.name in line and "reading the release afresh" in line for line in warnings), result.stderr
    assert snapshot(project / "site") == fresh
    rebuilt_quietly(project, fresh)


@pytest.mark.parametrize("damage", ["cut short", "not json", "edited html", "another key"])
def test_a_damaged_cache_file_is_ignored_with_a_warning(tmp_path: Path, damage: str) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    fresh = snapshot(project / "site")
    [path] = packs(project)
    data = path.read_bytes()
    if damage == "cut short":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "not json":
        path.write_bytes(b"\x00\xff" * 100)
    elif damage == "edited html":  # the same length, so only the checksum tells
        assert b"</p>" in data
        path.write_bytes(data.replace(b"</p>", b"</P>", 1))
    else:  # a whole, valid entry of another key, filed under this one

        def rekey(stored: dict[str, Any]) -> None:
            stored["entry"]["html"] += f"<p>{MARKER}</p>"
            stored["key"] = "0" * 64

        rewrite_cache_records(project / FOLDER / "render", rekey)
    # Not --strict's business here: the warning is what a strict build would fail on.
    result = run_build(project, "--no-strict", env=ENV)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert any("damaged build cache file" in line and path.name in line for line in warnings), result.stderr
    assert len(warnings) == 1, result.stderr  # once, however often the build asks for the entry
    assert snapshot(project / "site") == fresh
    assert not published_marker(project / "site")
    rebuilt_quietly(project, fresh)


def test_a_damaged_cache_file_fails_one_strict_build_and_is_gone(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    fresh = snapshot(project / "site")
    [path] = packs(project)
    path.write_bytes(path.read_bytes()[:100])
    failed = run_build(project, env=ENV, check=False)
    assert failed.returncode != 0 and "damaged build cache file" in failed.stderr
    # The strict build that failed left the site as it was, stored the entry anew and let the damaged pack go.
    assert snapshot(project / "site") == fresh
    [fresh_pack] = packs(project)
    assert fresh_pack != path
    [(_, stored)] = pack_records(fresh_pack)
    assert stored["sha256"] == digest(stored["entry"])
    rebuilt_quietly(project, fresh)
    assert packs(project) == [fresh_pack]


def test_an_extension_that_reads_other_files_is_never_served_stale(tmp_path: Path) -> None:
    """pymdownx.snippets appends a glossary file to every page (Material's recipe for abbreviations):
    a rendering depends on that file too, so none is kept, and an edit of it reaches every page."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "markdown_extensions:\n" in text
    config.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n  - abbr\n  - pymdownx.snippets:\n      auto_append: [glossary.md]\n", 1), encoding="utf-8")
    glossary = project / "glossary.md"
    glossary.write_text("*[Nasdaq]: Nasdaq Stock Market, first wording\n", encoding="utf-8")
    run_build(project, env=ENV)
    [page] = (project / "site" / "releases").glob("2017-01-24-*/index.html")
    assert 'title="Nasdaq Stock Market, first wording"' in page.read_text(encoding="utf-8")
    glossary.write_text("*[Nasdaq]: Nasdaq Stock Market, second wording\n", encoding="utf-8")
    run_build(project, env=ENV)
    html = page.read_text(encoding="utf-8")
    assert 'title="Nasdaq Stock Market, second wording"' in html and "first wording" not in html
    assert not entries(project)


def test_a_cached_feed_that_cannot_be_read_fails_one_strict_build(tmp_path: Path) -> None:
    """An entry's file that is a folder (or unreadable) is warned of once: the entry goes, the
    feed is written afresh and kept, and the next strict build passes."""
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    fresh = snapshot(project / "site")
    entry = feed_entries(project)[0]
    (entry / "feed.xml").unlink()
    (entry / "feed.xml").mkdir()
    failed = run_build(project, env=ENV, check=False)
    assert failed.returncode != 0 and "cannot read the build cache entry" in failed.stderr, failed.stderr
    assert "newsroom: newsroom:" not in failed.stderr
    run_build(project, env=ENV)
    assert snapshot(project / "site") == fresh


@pytest.mark.parametrize("blocked", [".cache", ".cache/newsroom"])
def test_a_file_where_the_cache_folder_goes_means_building_without_it(tmp_path: Path, blocked: str) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    fresh = snapshot(project / "site")
    shutil.rmtree(project / ".cache")
    (project / blocked).parent.mkdir(parents=True, exist_ok=True)
    (project / blocked).write_text("not a folder\n", encoding="utf-8")
    result = run_build(project, env=ENV)  # strict: an INFO, no warning
    assert "building without it" in result.stderr and snapshot(project / "site") == fresh
    assert (project / blocked).read_text(encoding="utf-8") == "not a folder\n"


def test_tidying_the_cache_removes_only_what_it_made(tmp_path: Path) -> None:
    """A cache folder that is a link to another folder (or holds files of someone else's): its
    entries are tidied, nothing else in it is touched."""
    project = copy_project(tmp_path / "project")
    elsewhere = tmp_path / "shared"
    (elsewhere / "releases").mkdir(parents=True)
    (elsewhere / "releases" / "notes.txt").write_text("precious\n", encoding="utf-8")
    (elsewhere / "top.txt").write_text("precious\n", encoding="utf-8")
    (project / FOLDER).mkdir(parents=True)
    (project / FOLDER / FileCache.kind).symlink_to(elsewhere)
    (project / FOLDER / "templates").mkdir()
    (project / FOLDER / "templates" / "notes.txt").write_text("precious\n", encoding="utf-8")
    run_build(project, env=ENV)
    release = project / "content" / "releases" / next(path.name for path in (project / "content" / "releases").glob("*.txt"))
    release.write_text(release.read_text(encoding="utf-8").replace("Cellectar Biosciences, Inc.", "Cellectar Biosciences, Inc. (the Company)", 1), encoding="utf-8")
    run_build(project, env=ENV)  # every feed changed: the first build's entries are tidied away
    assert (elsewhere / "releases" / "notes.txt").read_text(encoding="utf-8") == "precious\n"
    assert (elsewhere / "top.txt").read_text(encoding="utf-8") == "precious\n"
    assert (project / FOLDER / "templates" / "notes.txt").read_text(encoding="utf-8") == "precious\n"


def test_the_cache_can_be_switched_off_and_deleted(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    fresh = snapshot(project / "site")
    shutil.rmtree(project / ".cache")
    run_build(project, env=ENV)
    assert snapshot(project / "site") == fresh
    tamper(project)
    set_plugin_option(project, "cache", False)
    run_build(project, env=ENV)
    assert not published_marker(project / "site")


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(None, id="unchanged"),
        pytest.param(_fake_version("mkdocs-material"), id="material-version"),
        pytest.param(_fake_version("mkdocs-newsroom"), id="newsroom-version"),
    ],
)
def test_cached_search_sections_are_used_while_their_key_holds(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    assert entries(project, "search")

    def mark(stored: dict[str, Any]) -> None:
        for section in stored["entry"]:
            section[2].append(MARKER)

    rewrite_cache_records(project / FOLDER / "search", mark)
    env = dict(ENV)
    if change is not None:
        change(project, env)
    run_build(project, env=env)
    # Only the search cache can have put the marker in the index; the pages show none of it.
    index = (project / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert (MARKER in index) is (change is None)
    assert not any(MARKER.encode() in data for name, data in snapshot(project / "site").items() if name != "search/search_index.json")


def _with_marker(code: CodeType) -> CodeType:
    """A compiled template's code printing the marker before the release article it prints."""
    consts = [
        _with_marker(c) if isinstance(c, CodeType) else c.replace('<div class="nr-release"', f'<p>{MARKER}</p><div class="nr-release"') if isinstance(c, str) else c
        for c in code.co_consts
    ]
    return code.replace(co_consts=tuple(consts))


def _marked_release_template(stored: dict[str, Any]) -> None:
    """The compiled newsroom/release.html in the cache made to print the marker (as Jinja stores
    it: its magic, the pickled checksum of its source, then the marshalled code), any other left."""
    payload = base64.b64decode(stored["entry"])
    rest = io.BytesIO(payload[len(bc_magic) :])
    pickle.load(rest)
    head, code = payload[: len(bc_magic) + rest.tell()], marshal.loads(rest.read())
    if "newsroom/release.html" in code.co_consts:
        stored["entry"] = base64.b64encode(head + marshal.dumps(_with_marker(code))).decode("ascii")


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(None, id="unchanged"),
        pytest.param(_fake_version("jinja2"), id="jinja-version"),
        pytest.param(_fake_version("mkdocs-newsroom"), id="newsroom-version"),
    ],
)
def test_compiled_templates_are_used_while_their_key_holds(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    fresh = snapshot(project / "site")
    before = entries(project, "templates")
    rewrite_cache_records(project / FOLDER / "templates", _marked_release_template)
    assert sum(a != b for a, b in zip(before, entries(project, "templates"), strict=True)) == 1
    env = dict(ENV)
    if change is not None:
        change(project, env)
    run_build(project, env=env)
    # Only the cached code can have put the marker in the release's page (and nothing else).
    built = snapshot(project / "site")
    pages = [name for name, data in fresh.items() if b'<div class="nr-release"' in data]
    assert pages and all((MARKER.encode() in built[name]) is (change is None) for name in pages)
    assert not any(MARKER.encode() in data for name, data in built.items() if name not in pages)


def test_a_cached_feed_is_used_while_its_releases_are_the_same(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    fresh = snapshot(project / "site")
    stored = feed_entries(project)
    assert len(stored) == sum(1 for name in fresh if name.endswith("feed.xml"))
    for entry in stored:
        sums = json.loads((entry / FileCache.SUMS).read_text(encoding="utf-8"))
        for name in sums["files"]:
            path = entry / name
            path.write_bytes(path.read_bytes().replace(b"Cellectar", b"Quillfeather"))
            sums["files"][name] = hashlib.sha256(path.read_bytes()).hexdigest()
        (entry / FileCache.SUMS).write_text(json.dumps(sums), encoding="utf-8")
    run_build(project, env=ENV)
    feeds = [name for name in fresh if name.endswith(("feed.xml", "atom.xml", "feed.json"))]
    assert all(b"Quillfeather" in (project / "site" / name).read_bytes() for name in feeds)
    # A release's words changed: every feed carries it, so none comes from the cache.
    [release] = (project / "content" / "releases").glob("*.txt")
    release.write_text(release.read_text(encoding="utf-8").replace("Cellectar Biosciences, Inc.", "Cellectar Biosciences, Inc. (the Company)", 1), encoding="utf-8")
    run_build(project, env=ENV)
    assert not any(b"Quillfeather" in (project / "site" / name).read_bytes() for name in feeds)
    assert b"(the Company)" in (project / "site" / "feed.xml").read_bytes()
    assert [entry.name for entry in feed_entries(project)] != [entry.name for entry in stored]


def test_a_damaged_cached_feed_fails_one_strict_build_and_is_written_afresh(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project, env=ENV)
    fresh = snapshot(project / "site")
    [entry] = [entry for entry in feed_entries(project) if (entry / "feed.xml").read_bytes() == fresh["feed.xml"]]
    damaged = entry / "feed.xml"
    damaged.write_bytes(damaged.read_bytes().replace(b"<title>", b"<TITLE>", 1))
    failed = run_build(project, env=ENV, check=False)
    assert failed.returncode != 0 and "damaged build cache entry" in failed.stderr and entry.name in failed.stderr
    # The strict build that failed left the site as it was; the entry is whole again.
    assert snapshot(project / "site") == fresh
    assert (entry / "feed.xml").read_bytes() == fresh["feed.xml"]
    result = run_build(project, "--no-strict", env=ENV)
    assert "build cache" not in result.stderr
    assert snapshot(project / "site") == fresh
