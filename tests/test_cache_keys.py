"""newsroom.cache without MkDocs: every part of a rendering's key changes the key, entries read
back exactly as written, damaged ones are refused with a warning, and pruning keeps what was used."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from newsroom.cache import Entry, RenderCache, fingerprint, self_contained, versions

SETTINGS = {"versions": {"markdown": "3.5"}, "extensions": ["toc", "attr_list"], "extension_configs": {"toc": {"permalink": False}}}
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
    assert not list(tmp_path.rglob("*.tmp"))
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
