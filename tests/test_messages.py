"""Messages a person can act on (issue 14, point 8): each names the file and line, nothing is
dropped or guessed silently, and plugin options are checked by MkDocs' own config validation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsroom.collection import collect
from newsroom.wire import decode

from .helpers import SEED, copy_project, data, edited_release, failed_build, newsroom, release_body, run_build
from .htmltext import read, visible_text

OFFICE = "releases/2018-03-01-office.md"


def write_edited(content: Path, front: str = "", replace: tuple[str, str] = ("", "")) -> None:
    """The edited release with ``front`` on line 4 (and one replacement in it)."""
    (content / OFFICE).write_text(edited_release(front).replace(*replace), encoding="utf-8")


def the_error(content: Path) -> tuple[int | None, str]:
    collection = collect(content, *data(content))
    (error,) = collection.errors
    assert error.path == OFFICE
    assert [s.src_uri for s in collection.sources] == ["releases/" + SEED.name]
    return error.line, error.message


def test_front_matter_errors_have_their_line_wherever_check_runs(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    write_edited(project / "content", replace=("date: 2018-03-01", "date: next Tuesday"))
    result = newsroom("check", cwd=project)
    assert result.returncode == 1
    assert f"content/{OFFICE}:3: error: 'date' must be YYYY-MM-DD, not 'next Tuesday'" in result.stdout.splitlines()
    result = newsroom("check", str(project / "content"), cwd=tmp_path)
    assert re.search(rf"{re.escape(OFFICE)}:3: error: 'date'", result.stdout), result.stdout


def test_an_embargo_that_is_no_time_has_its_line(tmp_path: Path) -> None:
    content = copy_project(tmp_path / "project") / "content"
    write_edited(content, "embargo: 'soon, we hope'\n")
    line, message = the_error(content)
    assert line == 4 and "embargo" in message


@pytest.mark.parametrize("key", ["tags", "products"])
def test_a_comma_separated_text_is_not_one_name(tmp_path: Path, key: str) -> None:
    content = copy_project(tmp_path / "project") / "content"
    write_edited(content, f'{key}: "Patents, Regulatory"\n' if key == "tags" else f'{key}: "clr-131, pdc"\n')
    line, message = the_error(content)
    assert line == 4 and f"'{key}'" in message and "list" in message


def test_one_tag_without_a_comma_is_one_tag(tmp_path: Path) -> None:
    content = copy_project(tmp_path / "project") / "content"
    write_edited(content, "tags: Patents\n")
    collection = collect(content, *data(content))
    assert not collection.errors
    (office,) = [s for s in collection.sources if s.src_uri == OFFICE]
    assert office.entry.tags == ("Patents",)


def test_an_unknown_product_is_an_error_naming_the_known_ones(tmp_path: Path) -> None:
    content = copy_project(tmp_path / "project") / "content"
    write_edited(content, "products:\n  - clr-131\n  - clr-999\n")
    line, message = the_error(content)
    assert line == 6
    assert "'clr-999'" in message and "clr-131, clr-125, pdc" in message


@pytest.mark.parametrize(
    ("front", "line", "words"),
    [
        ("title: !!binary SGVsbG8gd29ybGQ=", 2, "binary"),
        ("title: [Cellectar, Opens]", 2, "'title'"),
        ("title: 2018", 2, "'title'"),
        ("description: {lead: text}", 4, "'description'"),
        ("wire: yes", 4, "'wire'"),
        ("slug: !!binary MjAxOC0wMy0wMS1vZmZpY2U=", 4, "binary"),
        ("tickers: [CLRB, {nasdaq: CLRB}]", 4, "'tickers'"),
        ("dateline: MADISON", 4, "'dateline'"),
        ("dateline: {city: [MADISON]}", 4, "'dateline'"),
    ],
)
def test_a_value_that_is_not_text_is_an_error(tmp_path: Path, front: str, line: int, words: str) -> None:
    content = copy_project(tmp_path / "project") / "content"
    if front.startswith("title:"):
        write_edited(content, replace=("title: Cellectar Opens a New Office\n", f"{front}\n"))
    else:
        write_edited(content, f"{front}\n")
    found_line, message = the_error(content)
    assert found_line == line and words in message
    assert "b'" not in message


def test_a_line_mixing_utf8_and_cp1252_is_a_warning_with_its_number() -> None:
    lines = [b"January 24, 2017", b"", b"Caf\xc3\xa9 Holdings Announces a Deal", b"", b"MADISON, Wis. -- It\x92s Caf\xc3\xa9 day.", b"Plain \x93cp1252\x94 line."]
    text, findings = decode(b"\n".join(lines), "releases/mixed.txt")
    assert [(f.line, f.level) for f in findings] == [(5, "warning")]
    assert "Ã©" in findings[0].message and "é" in findings[0].message
    assert "It\u2019s Caf\u00c3\u00a9 day." in text  # published as read, never rewritten


def test_check_and_build_report_the_mixed_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    seed = SEED.read_bytes()
    at = seed.index(b"an oncology-focused")
    mixed = seed[:at] + "caf\u00e9 ".encode("utf-8") + b"\x96 " + seed[at:]
    (project / "content" / "releases" / SEED.name).write_bytes(mixed)
    line = mixed[:at].count(b"\n") + 1
    result = newsroom("check", cwd=project)
    assert result.returncode == 0
    assert re.search(rf"^content/releases/{re.escape(SEED.name)}:{line}: warning: .*UTF-8.*Windows-1252", result.stdout, re.M), result.stdout
    build = run_build(project)  # --strict: a warning does not fail it
    assert f"releases/{SEED.name}:{line}: warning:" in build.stdout + build.stderr


@pytest.mark.parametrize(
    ("option", "value"),
    [("feed_length", "-1"), ("home_count", "-3"), ("home_count", "true"), ("release_time", "'25:00'"), ("release_time", "8:00"), ("release_time", "'8 am'"), ("timezone", "Mars/Olympus_Mons"), ("ignore", "'*.pdf'"), ("websub_hub", "pubsubhubbub.appspot.com"), ("websub_hub", "'ftp://hub.example/'")],
)
def test_a_bad_plugin_option_is_named(tmp_path: Path, option: str, value: str) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = re.sub(rf"^      {option}: .*\n", "", config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(text.replace("  - newsroom:\n", f"  - newsroom:\n      {option}: {value}\n"), encoding="utf-8")
    output = failed_build(project)
    assert re.search(rf"Plugin 'newsroom' option '{option}'", output), output


def test_feed_length_zero_means_every_item(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - newsroom:\n", "  - newsroom:\n      feed_length: 0\n"), encoding="utf-8")
    run_build(project)
    assert read(project / "site" / "feed.xml").count("<item>") == 1


def test_an_edited_release_without_a_headline_gets_its_title_as_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    body_first = edited_release().replace("# Cellectar Opens a New Office\n\n", "")
    assert "# " not in body_first.split("---", 2)[2]
    (project / "content" / OFFICE).write_text(body_first, encoding="utf-8")
    run_build(project)
    html = read(project / "site" / "releases" / "2018-03-01-cellectar-opens-a-new-office" / "index.html")
    assert html.count("</h1>") == html.count("<h1") == 1
    headline = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)
    assert headline and visible_text(headline.group(1)) == "Cellectar Opens a New Office"
    assert html.index("<h1") < html.index("nr-release__date") < html.index("Cellectar opened an office.")
    assert "Cellectar opened an office." in release_body(html)
