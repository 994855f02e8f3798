"""Reading a content folder: edited releases, boilerplate limits, duplicates."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsroom.cache import ParseCache
from newsroom.catalogue import load_catalogue
from newsroom.collection import collect
from newsroom.model import Finding
from newsroom.tagging import load_vocabulary

from .helpers import ROOT, cache_packs, cache_records, rewrite_cache_records


@pytest.fixture(scope="module")
def data():
    catalogue = load_catalogue(ROOT / "content" / "products.yml")
    return catalogue, load_vocabulary(ROOT / "content" / "tags.yml", catalogue)


EDITED = """---
title: Cellectar Opens a New Office
date: 2018-03-01
---

# Cellectar Opens a New Office

MADISON, Wis. -- Cellectar opened an office.

??? info "Forward-looking statements"

    The FDA review process and CLR 131 trials are risks.

## CONTACT:

Jules Abraham, regarding PDC questions
"""


@pytest.mark.parametrize("boilerplate", ["??? info", "## About Cellectar", "## CONTACT:"])
def test_edited_release_is_not_tagged_by_its_boilerplate(tmp_path: Path, data, boilerplate: str) -> None:
    releases = tmp_path / "releases"
    releases.mkdir()
    text = EDITED if boilerplate == "??? info" else EDITED.replace('??? info "Forward-looking statements"\n\n    ', f"{boilerplate}\n\n")
    (releases / "2018-03-01-office.md").write_text(text, encoding="utf-8")
    collection = collect(tmp_path, *data)
    assert not collection.errors
    (source,) = collection.sources
    # The words are really there, after the news: only the boundary keeps them out.
    assert "FDA" in source.markdown and "CLR 131" in source.markdown
    assert "Regulatory" not in source.entry.tags
    assert source.entry.products == ()


@pytest.mark.parametrize(
    "notice",
    ["Embargoed&nbsp;until 3:15 p.m. ET, March 1, 2018", "<p>EMBARGOED UNTIL 3:15 p.m. ET, March 1, 2018</p>", "| Embargo | 3:15 p.m. ET, March 1, 2018 |"],
)
def test_an_edited_releases_notice_in_markup_holds_it(tmp_path: Path, data, notice: str) -> None:
    """Written with a character reference, a tag or a table's bars, a notice still holds the release."""
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "2018-03-01-office.md").write_text(EDITED.replace("# Cellectar Opens a New Office\n", f"{notice}\n\n# Cellectar Opens a New Office\n"), encoding="utf-8")
    collection = collect(tmp_path, *data)
    assert not collection.errors
    (source,) = collection.sources
    assert source.entry.embargo == datetime(2018, 3, 1, 20, 15, tzinfo=timezone.utc)


def test_a_link_back_to_a_folder_read_already_is_one_error(tmp_path: Path, data) -> None:
    """A loop was followed about 40 levels deep, every file an error at each level."""
    releases = tmp_path / "releases"
    (releases / "2018").mkdir(parents=True)
    (releases / "2018" / "2018-03-01-office.md").write_text(EDITED, encoding="utf-8")
    (releases / "2018" / "again").symlink_to("..")
    collection = collect(tmp_path, *data)
    assert [source.src_uri for source in collection.sources] == ["releases/2018/2018-03-01-office.md"]
    (error,) = collection.errors
    assert error.path == "releases/2018/again" and "a link to the folder releases/, read already" in error.message


def test_a_file_where_the_releases_folder_goes_is_an_error(tmp_path: Path, data) -> None:
    """No releases and no word: MkDocs copied the file, and the archive page then collided with it."""
    (tmp_path / "releases").write_text("hi\n", encoding="utf-8")
    collection = collect(tmp_path, *data)
    (error,) = collection.errors
    assert collection.sources == [] and error.path == "releases" and "is a file, not a folder" in error.message


def test_an_edited_headline_that_is_not_the_title_is_a_warning(tmp_path: Path, data) -> None:
    """Feeds and listings show the title: readers got a headline the page does not print."""
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "2018-03-01-office.md").write_text(EDITED.replace("# Cellectar Opens a New Office", "# Cellectar Opens a New Office \\<HQ\\> &amp; Lab"), encoding="utf-8")
    (source,) = collect(tmp_path, *data).sources
    (warning,) = [finding for finding in source.findings if "is not the title" in finding.message]
    assert (warning.level, warning.line) == ("warning", 6)
    assert "'Cellectar Opens a New Office <HQ> & Lab'" in warning.message
    (releases / "2018-03-01-office.md").write_text(EDITED, encoding="utf-8")
    (source,) = collect(tmp_path, *data).sources
    assert not [finding for finding in source.findings if "is not the title" in finding.message]


@pytest.mark.parametrize("written", ["[Corporate]", "[Corporate, clr-131]"])
def test_written_tags_keep_the_tag_of_a_written_product(tmp_path: Path, data, written: str) -> None:
    """With 'tags:' written, the page lost its product's chip (the product page listed it)."""
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "2018-03-01-office.md").write_text(EDITED.replace("date: 2018-03-01\n", f"date: 2018-03-01\ntags: {written}\nproducts: [clr-131]\n"), encoding="utf-8")
    (source,) = collect(tmp_path, *data).sources
    assert source.entry.products == ("clr-131",)
    assert [data[1].tag_for(name).slug for name in source.entry.tags] == ["corporate", "clr-131"]


@pytest.mark.parametrize("heading", ["### About CLR 125", "**About CLR 125**", "About CLR 125", "## Safe Harbour Statement", "## Media Contacts"])
def test_an_edited_releases_boilerplate_under_any_heading_is_not_news(tmp_path: Path, data, heading: str) -> None:
    """Under these the boilerplate was read as news: a CLR 125 fact box, its chip and Patents."""
    releases = tmp_path / "releases"
    releases.mkdir()
    text = "---\ntitle: Cellectar Opens a New Office\ndate: 2018-03-01\n---\n\n# Cellectar Opens a New Office\n\nMADISON, Wis. -- Cellectar opened an office.\n\n"
    (releases / "2018-03-01-office.md").write_text(f"{text}{heading}\n\nCLR 125 has a new patent and FDA orphan drug designation.\n", encoding="utf-8")
    (source,) = collect(tmp_path, *data).sources
    assert source.entry.products == () and source.entry.tags == ()


def test_edited_release_replaces_its_text(tmp_path: Path, data) -> None:
    releases = tmp_path / "releases"
    releases.mkdir()
    seed = (ROOT / "content" / "releases" / "2017-01-24-patent-9550002.txt").read_bytes()
    (releases / "2017-01-24-patent.txt").write_bytes(seed)
    (releases / "2017-01-24-patent.md").write_text(EDITED, encoding="utf-8")
    collection = collect(tmp_path, *data)
    assert [s.src_uri for s in collection.sources] == ["releases/2017-01-24-patent.md"]


def test_edited_release_loses_control_characters_with_a_warning(tmp_path: Path, data) -> None:
    releases = tmp_path / "releases"
    releases.mkdir()
    text = EDITED.replace("title: Cellectar Opens a New Office", 'title: "Cellectar Opens\\x1b a New\\x00 Office"')
    (releases / "2018-03-01-office.md").write_text(text.replace("opened an office.", "opened\x0b an office."), encoding="utf-8")
    collection = collect(tmp_path, *data)
    (source,) = collection.sources
    assert source.entry.title == "Cellectar Opens a New Office"
    assert "opened an office." in source.markdown and "\x0b" not in source.markdown
    assert [f.level for f in collection.findings] == ["warning"]


def test_parallel_reading_gives_what_one_by_one_gives(tmp_path: Path, data) -> None:
    """The forked workers a large archive gets must read releases exactly as the sequential path does."""
    releases = tmp_path / "releases"
    releases.mkdir()
    for source in sorted((ROOT / "tests" / "fixtures" / "wire").glob("*.txt")):
        (releases / source.name).write_bytes(source.read_bytes())
    (releases / "empty.txt").write_bytes(b"")
    one_by_one = collect(tmp_path, *data, "Cellectar Biosciences, Inc.", parallel_from=10**9)
    from newsroom import collection as module

    module._CACHE.clear()
    parallel = collect(tmp_path, *data, "Cellectar Biosciences, Inc.", parallel_from=1, keep_parses=True)
    assert len(parallel.sources) >= 18
    assert [(s.src_uri, s.entry, s.body, s.meta, s.findings) for s in parallel.sources] == [
        (s.src_uri, s.entry, s.body, s.meta, s.findings) for s in one_by_one.sources
    ]
    assert parallel.findings == one_by_one.findings
    assert any(f.path == "releases/empty.txt" and f.level == "error" for f in parallel.findings)
    # The parses the workers made are the parent's cache now: a rebuild does not parse again.
    assert len(module._CACHE) == len(parallel.sources)
    # And the workers really ran: on this machine (two cores, fork) the parallel path is taken.
    key = ("digest", "releases/blank.txt", "", "America/New_York")
    outcome = module._read_in_parallel([("releases/blank.txt", b"   \n", key)], *data, "", ZoneInfo("America/New_York"), minimum=1)
    assert list(outcome) == [key]
    finding = outcome[key][0]
    assert isinstance(finding, Finding) and finding.level == "error" and finding.path == "releases/blank.txt"


def test_parses_are_kept_for_serve_only(tmp_path: Path, data) -> None:
    from newsroom import collection as module

    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "seed.txt").write_bytes((ROOT / "content" / "releases" / "2017-01-24-patent-9550002.txt").read_bytes())
    module._CACHE.clear()
    collect(tmp_path, *data, keep_parses=True)
    assert len(module._CACHE) == 1
    collect(tmp_path, *data)
    assert module._CACHE == {}


@pytest.mark.parametrize("parallel_from", [1, 10**9], ids=["workers", "one-by-one"])
def test_parses_from_the_build_cache_read_as_fresh_ones(tmp_path: Path, data, parallel_from: int, caplog: pytest.LogCaptureFixture) -> None:
    """A warm build reads each text release's parse from the build cache, and publishes what a
    fresh parse gives; an embargoed release is never stored (its instant follows timezone rules)."""
    docs = tmp_path / "docs"
    (docs / "releases").mkdir(parents=True)
    for source in sorted((ROOT / "tests" / "fixtures" / "wire").glob("*.txt")):
        (docs / "releases" / source.name).write_bytes(source.read_bytes())
    (docs / "releases" / "empty.txt").write_bytes(b"")
    company = "Cellectar Biosciences, Inc."

    def read(parses: ParseCache | None) -> list[tuple[object, ...]]:
        found = collect(docs, *data, company, parallel_from=parallel_from, parses=parses)
        return [(s.src_uri, s.entry, s.body, s.meta, s.findings) for s in found.sources] + [tuple(found.findings)]

    fresh = read(None)
    folder = tmp_path / "cache"
    assert read(ParseCache(folder, "settings", None)) == fresh
    stored = cache_records(folder / "parse")
    embargoed = [row for row in fresh[:-1] if row[1].embargo is not None]  # type: ignore[attr-defined]
    assert embargoed and len(stored) == len(fresh) - 1 - len(embargoed)
    assert read(ParseCache(folder, "settings", None)) == fresh
    # The stored parses are what the second read used: marked, they show in what is published.
    rewrite_cache_records(folder / "parse", lambda record: record["entry"].update(body=record["entry"]["body"] + "Marked from the cache.\n"))
    marked = collect(docs, *data, company, parallel_from=parallel_from, parses=ParseCache(folder, "settings", None)).sources
    assert sum(s.body.endswith("Marked from the cache.\n") for s in marked) == len(stored)
    # A damaged record is read afresh, and said in this process (where --strict counts warnings),
    # even when a worker read it.
    pack = cache_packs(folder / "parse")[0]
    packed = pack.read_bytes()
    pack.write_bytes(packed.replace(b"Marked from the cache.", b"Marked from the cachE.", 1))
    start = len(packed.partition(b"\n")[0]) + 1
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.newsroom"):
        again = read(ParseCache(folder, "settings", None))
    assert sum(str(row[2]).endswith("Marked from the cache.\n") for row in again[:-1]) == len(stored) - 1
    assert [r.getMessage() for r in caplog.records] == [f"newsroom: ignoring a damaged build cache file {pack} (the entry at byte {start}); reading the release afresh"]
    # Another key (here other settings) misses them all.
    assert read(ParseCache(folder, "other settings", None)) == fresh
