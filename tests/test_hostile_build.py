"""Hostile releases in a real build: HTML, Markdown and YAML in the text, control characters and a
4 MB release all show literally, and no markup from a release reaches the site."""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from newsroom.model import Release, release_slug
from newsroom.wire import parse_file

from .helpers import FIXTURES, WRITER_TAGS, copy_project, predicted_structure, release_body, run_build, structure, tags
from .htmltext import flat_text, read, visible_text

HOSTILE = FIXTURES / "hostile"
CASES = sorted(HOSTILE.glob("*.yml"))
BIG_SIZE = 4_000_000
# What XML 1.0 forbids (and DEL): none of it may reach a page, a feed or the search index.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _make_big() -> Callable[..., None]:
    spec = importlib.util.spec_from_file_location("make_big", HOSTILE / "make_big.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_big


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """One build of the project with every hostile fixture and a 4 MB release; the site and the
    release files by fixture name."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    releases = project / "content" / "releases"
    sources = {}
    for source in sorted(HOSTILE.glob("*.txt")):
        sources[source.stem] = shutil.copy2(source, releases / source.name)
    sources["big"] = releases / "big.txt"
    _make_big()(sources["big"], size=BIG_SIZE)
    run_build(project)
    return project / "site", {name: Path(path) for name, path in sources.items()}


def _page(site: Path, case: Path) -> str:
    want = yaml.safe_load(case.read_text(encoding="utf-8"))
    path = site / "releases" / release_slug(date.fromisoformat(want["date"]), want["headline"]) / "index.html"
    assert path.exists(), f"no page for {case.stem}"
    return read(path)


def test_the_big_release_is_big(hostile) -> None:
    _, sources = hostile
    assert sources["big"].stat().st_size == BIG_SIZE


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_literal_text_shows_as_text(hostile, case: Path) -> None:
    site, _ = hostile
    html = _page(site, case)
    text = flat_text(html)
    for literal in yaml.safe_load(case.read_text(encoding="utf-8"))["literal"]:
        assert " ".join(literal.split()) in text, literal
    h1 = re.findall(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)
    assert [flat_text(h) for h in h1] == [yaml.safe_load(case.read_text(encoding="utf-8"))["headline"]]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_no_markup_from_the_release_reaches_the_page(hostile, case: Path) -> None:
    site, sources = hostile
    release: Release = parse_file(sources[case.stem])
    body = release_body(_page(site, case))
    assert set(tags(body)) <= WRITER_TAGS
    expected = predicted_structure(release)
    expected["h1"] = 0  # the page shows the headline above the release text
    assert structure(body) == expected
    assert not re.search(r"<(?:script|img|iframe|style|b|i)\b", body, flags=re.I)


def test_a_pipe_table_in_the_text_is_a_table_of_its_cells(hostile) -> None:
    site, _ = hostile
    case = HOSTILE / "markdown-syntax.yml"
    want = yaml.safe_load(case.read_text(encoding="utf-8"))["table"]
    body = release_body(_page(site, case))
    table = re.search(r"<table[^>]*>(.*?)</table>", body, re.S)
    assert table, "the |a|b| rows are not a table"
    header = [flat_text(cell) for cell in re.findall(r'<th scope="col">(.*?)</th>', table.group(1), re.S)]
    # A body row's cells: its label (a row header) and the rest.
    body_cells = r'<(?:td|th scope="row")>(.*?)</(?:td|th)>'
    rows = [[flat_text(cell) for cell in re.findall(body_cells, row, re.S)] for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)]
    assert header == want["header"]
    assert [row for row in rows if row] == want["rows"]


def test_html_in_the_text_is_escaped_not_dropped(hostile) -> None:
    site, _ = hostile
    body = release_body(_page(site, HOSTILE / "html-script.yml"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "&amp;amp;" in body and "&amp;#169;" in body


def test_yaml_in_the_text_is_not_front_matter(hostile) -> None:
    site, _ = hostile
    html = _page(site, HOSTILE / "yaml-frontmatter.yml")
    title = re.search(r"<title>(.*?)</title>", html, flags=re.S)
    assert title and "pwned" not in title.group(1)
    assert "2017-01-30" in html and "1999-01-01" in visible_text(html)
    assert not list(site.rglob("redirect.html"))


def test_control_characters_never_reach_the_site(hostile) -> None:
    site, _ = hostile
    html = _page(site, HOSTILE / "control-chars.yml")
    assert "Dr. Ortiz brings 25 years" in html
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            assert not CONTROL.search(path.read_text(encoding="utf-8")), path


def test_every_paragraph_of_the_big_release_is_published(hostile) -> None:
    site, sources = hostile
    want = yaml.safe_load((HOSTILE / "big.yml").read_text(encoding="utf-8"))
    html = read(site / "releases" / release_slug(date.fromisoformat(want["date"]), want["headline"]) / "index.html")
    listed = Counter(re.findall(r"Listing (\d{6})\. Patient \1 received", sources["big"].read_text(encoding="ascii")))
    shown = Counter(re.findall(r"<p>Listing (\d{6})\. Patient \1 received", release_body(html)))
    assert shown == listed and len(listed) > 9000
    for literal in want["literal"]:
        assert literal in html
