"""newsroom.cache without MkDocs: every part of a rendering's or a parse's key changes the key,
entries read back exactly as written, damaged ones are refused with a warning, and pruning keeps
what was used."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from newsroom.cache import Entry, Parse, ParseCache, RenderCache, code_digest, digest, fingerprint, self_contained, versions

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


def test_a_damaged_entry_is_refused_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache = RenderCache(tmp_path, fingerprint(SETTINGS), {})
    key = cache.key("releases/a.md", "A", False)
    cache.put(key, ENTRY)
    [path] = tmp_path.rglob("*.json")
    path.write_text(path.read_text(encoding="utf-8").replace("Text", "Tekst"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.newsroom"):
        assert RenderCache(tmp_path, fingerprint(SETTINGS), {}).get(key) is None
    assert any(path.name in record.getMessage() for record in caplog.records)


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
    [path] = (tmp_path / "parse").rglob("*.json")
    stored = json.loads(path.read_text(encoding="utf-8"))
    if damage == "edited text":
        stored["entry"]["body"] += "Tampered.\n"
    else:  # checksum and all: the shape is checked too
        stored["entry"]["meta"]["date"] = "2017-02-30"
        stored["sha256"] = digest(stored["entry"])
    path.write_text(json.dumps(stored), encoding="utf-8")
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
