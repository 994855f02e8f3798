"""newsroom.cache without MkDocs: every part of a rendering's or a parse's key changes the key,
entries read back exactly as written, damaged ones are refused with a warning, and pruning keeps
what was used."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pytest

from newsroom.cache import Entry, Parse, ParseCache, RenderCache, code_digest, fingerprint, self_contained, versions

from .helpers import cache_packs, cache_records, rewrite_cache_records

SETTINGS = {"versions": {"markdown": "3.5"}, "extensions": ["toc", "attr_list"], "extension_configs": {"toc": {"permalink": False}}}
PARSE = Parse(
    news_text="Text é",
    meta={"title": "A", "date": "2017-01-24", "dateline": {"city": "MADISON", "region": "Wis."}, "tags": [], "correction": True},
    body="# A\n\nText é\n",
    findings=[["releases/a.txt", 3, "warning", "a warning"], ["releases/a.txt", None, "note", "a note"]],
)
ENTRY = Entry(html="<h2 id=\"about\">About</h2><p>Text é</p>", toc=[{"level": 2, "id": "about", "name": "About", "children": []}], title=None, anchors=["about"])


def test_each_part_of_the_key_counts() -> None:
    cache = RenderCache(None, fingerprint(SETTINGS), {})
    base = cache.key("releases/a.md", "Text\n", False)
    assert cache.key("releases/a.md", "Text\n", False) == base
    assert cache.key("releases/b.md", "Text\n", False) != base
    assert cache.key("releases/a.md", "Text.\n", False) != base
    assert cache.key("releases/a.md", "Text\n", True) != base
    for changed in (
        {**SETTINGS, "versions": {"markdown": "3.6"}},
        {**SETTINGS, "extensions": ["toc"]},
        {**SETTINGS, "extension_configs": {"toc": {"permalink": True}}},
        {**SETTINGS, "allow_html": True},
    ):
        assert RenderCache(None, fingerprint(changed), {}).key("releases/a.md", "Text\n", False) != base


def test_versions_name_every_distribution_that_renders() -> None:
    found = versions()
    assert {"python", "mkdocs-newsroom", "mkdocs", "markdown", "mkdocs-material", "pymdown-extensions"} <= set(found)
    assert versions(["no-such-distribution-x"])["no-such-distribution-x"] == "absent"


def test_an_object_without_a_stable_form_never_matches_again() -> None:
    class Extension:
        pass

    assert fingerprint({"extensions": [Extension()]}) != fingerprint({"extensions": [Extension()]})


@pytest.mark.parametrize(
    ("html", "alone"),
    [
        ('<p><a href="https://example.com/x">x</a> <a href="mailto:a@example.com">a</a></p>', True),
        ("<p>no links</p>", True),
        ('<p><a href="../other/">other</a></p>', False),
        ('<p><a href="#about">about</a></p>', False),
        ("<p><img src='logo.png'></p>", False),
        ("<p><a href=/abs>abs</a></p>", False),
    ],
)
def test_only_renderings_with_absolute_links_are_self_contained(html: str, alone: bool) -> None:
    assert self_contained(html) is alone


def test_entries_read_back_and_unused_ones_are_pruned(tmp_path: Path) -> None:
    settings = fingerprint(SETTINGS)
    writer = RenderCache(tmp_path, settings, {})
    kept, dropped = writer.key("releases/a.md", "A", False), writer.key("releases/b.md", "B", False)
    writer.put(kept, ENTRY)
    writer.put(dropped, ENTRY)
    assert not list(tmp_path.rglob("*.partial"))
    reader = RenderCache(tmp_path, settings, {})
    assert reader.get(kept) == ENTRY
    reader.prune()
    assert RenderCache(tmp_path, settings, {}).get(kept) == ENTRY
    assert RenderCache(tmp_path, settings, {}).get(dropped) is None


@pytest.mark.parametrize("damage", ["edited", "cut short", "not a pack"])
def test_a_damaged_entry_is_refused_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str) -> None:
    cache = RenderCache(tmp_path, fingerprint(SETTINGS), {})
    key = cache.key("releases/a.md", "A", False)
    cache.put(key, ENTRY)
    cache.close()
    [path] = cache_packs(tmp_path / "render")
    data = path.read_bytes()
    if damage == "edited":  # the same length, so only the checksum tells
        path.write_bytes(data.replace(b"Text", b"Texx"))
    elif damage == "cut short":
        path.write_bytes(data[:-40])
    else:
        path.write_bytes(b"\x00\xff" * 100)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.newsroom"):
        assert RenderCache(tmp_path, fingerprint(SETTINGS), {}).get(key) is None
    assert any(path.name in record.getMessage() and "damaged build cache file" in record.getMessage() for record in caplog.records)


def test_each_process_appends_to_a_pack_of_its_own_and_the_latest_record_counts(tmp_path: Path) -> None:
    settings = fingerprint(SETTINGS)
    cache = RenderCache(tmp_path, settings, None)
    cache.open()
    first = cache.key("releases/a.md", "A", False)
    cache.put(first, ENTRY)
    assert cache.get(first) == ENTRY  # read back by the store that wrote it
    children = []
    for index in range(3):
        pid = os.fork()
        if pid == 0:  # a forked worker, as the build's: it writes a pack of its own
            code = 1
            try:
                cache.put(cache.key(f"releases/{index}.md", str(index), False), {**ENTRY, "html": f"<p>{index}</p>"})
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    assert all(os.waitpid(pid, 0)[1] == 0 for pid in children)
    later = {**ENTRY, "html": "<p>Later</p>"}
    RenderCache(tmp_path, settings, None).put(first, later)
    assert len(cache_packs(tmp_path / "render")) == 5
    reader = RenderCache(tmp_path, settings, None)
    assert reader.get(first) == later
    for index in range(3):
        assert reader.get(reader.key(f"releases/{index}.md", str(index), False)) == {**ENTRY, "html": f"<p>{index}</p>"}
    # Every record was used but one is superseded: pruning writes the used ones into one pack.
    reader.prune()
    [pack] = cache_packs(tmp_path / "render")
    assert sorted(stored["entry"]["html"] for stored in cache_records(tmp_path / "render")) == ["<p>0</p>", "<p>1</p>", "<p>2</p>", "<p>Later</p>"]
    assert RenderCache(tmp_path, settings, None).get(first) == later
    # A build that used them all, from one pack, leaves the pack as it is.
    again = RenderCache(tmp_path, settings, None)
    for key in [first, *(again.key(f"releases/{index}.md", str(index), False) for index in range(3))]:
        again.get(key)
    again.prune()
    assert cache_packs(tmp_path / "render") == [pack]


def test_files_of_the_old_layout_are_tidied_away(tmp_path: Path) -> None:
    old = tmp_path / "render" / "ab" / f"{'ab' * 32}.json"
    old.parent.mkdir(parents=True)
    old.write_text("{}", encoding="utf-8")
    cache = RenderCache(tmp_path, fingerprint(SETTINGS), {})
    key = cache.key("releases/a.md", "A", False)
    cache.put(key, ENTRY)
    cache.prune()
    assert [path.name for path in (tmp_path / "render").iterdir()] == [path.name for path in cache_packs(tmp_path / "render")]
    assert RenderCache(tmp_path, fingerprint(SETTINGS), {}).get(key) == ENTRY


def test_each_part_of_a_parse_key_counts() -> None:
    cache = ParseCache(None, fingerprint(SETTINGS), None)
    parts = ("0" * 64, "releases/a.txt", "Cellectar Biosciences, Inc.", "America/New_York")
    base = cache.key(*parts)
    assert cache.key(*parts) == base
    for index in range(len(parts)):
        changed = list(parts)
        changed[index] += "x"
        assert cache.key(*changed) != base
    # Parts are kept apart: moving text from one to the next is another key.
    assert cache.key("0" * 64, "releases/a.tx", "tCellectar Biosciences, Inc.", "America/New_York") != base
    assert ParseCache(None, fingerprint({**SETTINGS, "code": "other"}), None).key(*parts) != base


def test_parses_read_back_exactly(tmp_path: Path) -> None:
    settings = fingerprint(SETTINGS)
    writer = ParseCache(tmp_path, settings, None)
    key = writer.key("0" * 64, "releases/a.txt", "", "UTC")
    writer.put(key, PARSE)
    assert writer.memory is None  # the collection keeps parses in memory itself
    assert ParseCache(tmp_path, settings, None).get(key) == PARSE


@pytest.mark.parametrize("damage", ["edited text", "a date that is no date"])
def test_a_damaged_parse_is_refused_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str) -> None:
    cache = ParseCache(tmp_path, fingerprint(SETTINGS), None)
    key = cache.key("0" * 64, "releases/a.txt", "", "UTC")
    cache.put(key, PARSE)
    cache.close()
    [path] = cache_packs(tmp_path / "parse")

    def damaged(stored: dict[str, Any]) -> None:
        if damage == "edited text":
            stored["entry"]["body"] += "Tampered.\n"
        else:  # checksum and all: the shape is checked too
            stored["entry"]["meta"]["date"] = "2017-02-30"

    rewrite_cache_records(tmp_path / "parse", damaged, checksum=damage != "edited text")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.newsroom"):
        assert ParseCache(tmp_path, fingerprint(SETTINGS), None).get(key) is None
    assert any(path.name in record.getMessage() and "reading the release afresh" in record.getMessage() for record in caplog.records)


def test_the_code_digest_follows_every_module_of_the_package(tmp_path: Path) -> None:
    (tmp_path / "wire").mkdir()
    (tmp_path / "a.py").write_text("A = 1\n", encoding="utf-8")
    (tmp_path / "wire" / "b.py").write_text("B = 1\n", encoding="utf-8")
    base = code_digest(tmp_path)
    assert code_digest(tmp_path) == base
    (tmp_path / "wire" / "b.py").write_text("B = 2\n", encoding="utf-8")
    assert code_digest(tmp_path) != base
    (tmp_path / "notes.txt").write_text("not code\n", encoding="utf-8")
    edited = code_digest(tmp_path)
    (tmp_path / "c.py").write_text("", encoding="utf-8")
    assert code_digest(tmp_path) != edited
