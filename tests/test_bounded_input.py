"""Bounded input (issue 14, point 7): no input makes a build or `newsroom check` hang, eat the
machine's memory or end in a traceback.

Tag patterns run with a time bound; YAML (front matter, products.yml, tags.yml) is read without
aliases and anchors and with duplicate keys refused; impossible dates and times in front matter
are errors with file and line, and under `mkdocs serve` only that release is left out.
Subprocesses get a generous `timeout` as a hang guard only: no test measures time.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.catalogue import load_catalogue
from newsroom.collection import collect
from newsroom.model import DataError
from newsroom.tagging import load_vocabulary

from .helpers import MARK, NEWSROOM, PRODUCTS, SEED, TAGS, copy_project, data, edited_release, failed_build, release_path, run_build, serving

HANG_GUARD = 120  # seconds: only ever reached by a hang
SEED_LINE = "Cellecstar Biosciences Announces Additional US Patent"
# Ten lines that expand to 10^9 strings: 6 GB and a MemoryError before the fix.
BOMB = "".join(
    [
        'b0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n',
        *(f"b{n}: &b{n} [{', '.join([f'*b{n - 1}'] * 10)}]\n" for n in range(1, 9)),
    ]
)
# The same, three levels deep: a thousand strings, harmless to expand (on the code before the fix too).
SMALL_BOMB = "".join(BOMB.splitlines(keepends=True)[:3])


def check(project: Path, limit_memory: bool = False) -> subprocess.CompletedProcess[str]:
    """`newsroom check` in ``project``, stopped by the hang guard; with ``limit_memory``, in 1 GiB."""

    def at_most_one_gib() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [str(NEWSROOM), "check"], cwd=project, capture_output=True, text=True, timeout=HANG_GUARD,
        preexec_fn=at_most_one_gib if limit_memory else None,
    )


def add_tag(project: Path, rule: str) -> int:
    """A tag with ``rule`` appended to the project's tags.yml; the line of its ``patterns:``."""
    tags = project / "content" / "tags.yml"
    text = tags.read_text(encoding="utf-8").rstrip("\n") + f"\n\n  - name: Quotes\n    patterns: ['{rule}']  {MARK}\n"
    tags.write_text(text, encoding="utf-8")
    return next(n for n, line in enumerate(text.split("\n"), start=1) if MARK in line)


# Tag patterns ---------------------------------------------------------------------------------


def test_the_reported_pattern_no_longer_hangs_check_or_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    add_tag(project, r"(\w+\s?)+said:")
    result = check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    run_build(project)  # also bounded: run_build's own timeout


def test_a_pattern_that_runs_out_of_time_is_refused_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    line = add_tag(project, "(a|aa)+z")
    seed = project / "content" / "releases" / SEED.name
    # A long run of a's: (a|aa)+ can split it in more ways than there are atoms in the sun.
    seed.write_text(seed.read_text(encoding="utf-8").replace("radiotherapeutic", "Baa" + "a" * 80 + "h radiotherapeutic", 1), encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(rf"^content/tags\.yml:{line}: error: .*'Quotes'.*releases/{re.escape(SEED.name)}", result.stdout, re.M), result.stdout
    assert f"tags.yml:{line}: error:" in failed_build(project)


ASSIGN_TWICE = """
import sys
from pathlib import Path
from newsroom.catalogue import load_catalogue
from newsroom.model import DataError
from newsroom.tagging import load_vocabulary
vocabulary = load_vocabulary(Path(sys.argv[1]), load_catalogue(Path(sys.argv[2])), "tags.yml")
for _ in range(2):  # the second release fails at once, with the same message
    try:
        vocabulary.assign("Baa" + "a" * 80 + "h", [])
    except DataError as exc:
        print(exc)
"""


def test_a_timed_out_pattern_is_a_data_error_naming_the_tag(tmp_path: Path) -> None:
    """In a process of its own: a search that cannot be stopped would hang the test run."""
    project = copy_project(tmp_path / "project")
    line = add_tag(project, "(a|aa)+z")
    result = subprocess.run(
        [sys.executable, "-c", ASSIGN_TWICE, str(project / "content" / "tags.yml"), str(PRODUCTS)],
        capture_output=True, text=True, timeout=HANG_GUARD,
    )
    errors = result.stdout.splitlines()
    assert len(errors) == 2 and errors[0] == errors[1], result.stdout + result.stderr
    assert errors[0].startswith(f"tags.yml:{line}: error: ") and "'Quotes'" in errors[0]


# YAML ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bomb", [SMALL_BOMB, BOMB], ids=["small", "billion"])
def test_front_matter_aliases_are_refused(tmp_path: Path, bomb: str) -> None:
    project = copy_project(tmp_path / "project")
    (project / "content" / "releases" / "2018-03-01-office.md").write_text(edited_release(bomb), encoding="utf-8")
    result = check(project, limit_memory=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr and "MemoryError" not in result.stdout + result.stderr
    # The first anchor is on line 4, right after title and date.
    assert re.search(r"^content/releases/2018-03-01-office\.md:4: error: .*alias", result.stdout, re.M), result.stdout


@pytest.mark.parametrize("bomb", [SMALL_BOMB, BOMB], ids=["small", "billion"])
@pytest.mark.parametrize("data_file", ["products.yml", "tags.yml"])
def test_data_file_aliases_are_refused(tmp_path: Path, bomb: str, data_file: str) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "content" / data_file
    original = path.read_text(encoding="utf-8")
    path.write_text(bomb + original, encoding="utf-8")
    result = check(project, limit_memory=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr and "MemoryError" not in result.stdout + result.stderr
    assert re.search(rf"^content/{data_file}:1: error: .*alias", result.stdout, re.M), result.stdout


def test_an_alias_in_the_catalogue_names_its_line(tmp_path: Path) -> None:
    text = PRODUCTS.read_text(encoding="utf-8").replace("    name: CLR 125\n", f"    name: &short CLR 125  {MARK}\n    summary_again: *short\n", 1)
    path = tmp_path / "products.yml"
    path.write_text(text, encoding="utf-8")
    line = next(n for n, content in enumerate(text.split("\n"), start=1) if MARK in content)
    with pytest.raises(DataError) as caught:
        load_catalogue(path, "products.yml")
    assert (caught.value.path, caught.value.line) == ("products.yml", line)


def test_a_tags_file_alias_is_refused(tmp_path: Path) -> None:
    text = TAGS.read_text(encoding="utf-8").rstrip("\n") + f"\n\n  - name: Echo\n    phrases: &words [echo]  {MARK}\n  - name: Echo again\n    phrases: *words\n"
    path = tmp_path / "tags.yml"
    path.write_text(text, encoding="utf-8")
    line = next(n for n, content in enumerate(text.split("\n"), start=1) if MARK in content)
    with pytest.raises(DataError) as caught:
        load_vocabulary(path, load_catalogue(PRODUCTS), "tags.yml")
    assert (caught.value.path, caught.value.line) == ("tags.yml", line)
    assert "alias" in caught.value.finding.message


def test_a_duplicate_front_matter_key_is_an_error(tmp_path: Path) -> None:
    content = copy_project(tmp_path / "project") / "content"
    (content / "releases" / "2018-03-01-office.md").write_text(edited_release("title: Another Title\n"), encoding="utf-8")
    (error,) = collect(content, *data(content)).errors
    assert (error.path, error.line) == ("releases/2018-03-01-office.md", 4)
    assert "duplicate key 'title' (first on line 2)" in error.message


# Dates and times in front matter -----------------------------------------------------------------

# A value that YAML reads as a date or time but that is none, and the words the message quotes.
BAD_TIMES = {
    "date: 2017-02-30": "2017-02-30",
    "date: 2017-13-01": "2017-13-01",
    "date: 2017-02-01 25:00:00": "25:00",
    "date: 2017-02-01T10:00:00+25:00": "+25:00",
    "embargo: 2021-02-30T08:00:00-05:00": "2021-02-30",
    "embargo: 16:05": "the number 965, as YAML reads 16:05 without quotes",
}


@pytest.mark.parametrize("line", sorted(BAD_TIMES))
def test_an_impossible_date_or_time_is_an_error_with_its_line(tmp_path: Path, line: str) -> None:
    content = copy_project(tmp_path / "project") / "content"
    # A date replaces the good one on line 3; an embargo is added on line 4.
    text = edited_release().replace("date: 2018-03-01", line) if line.startswith("date") else edited_release(f"{line}\n")
    (content / "releases" / "2018-03-01-office.md").write_text(text, encoding="utf-8")
    collection = collect(content, *data(content))
    (error,) = collection.errors
    assert (error.path, error.line) == ("releases/2018-03-01-office.md", 3 if line.startswith("date") else 4)
    assert BAD_TIMES[line] in error.message
    assert [s.src_uri for s in collection.sources] == ["releases/" + SEED.name]


@pytest.mark.parametrize("value", ["2018-03-01T16:05:00-05:00", "2018-03-01 23:30:00"])
def test_a_date_with_a_time_is_an_error_not_a_release_at_the_default_time(tmp_path: Path, value: str) -> None:
    """YAML reads it as a date and time; keeping the date alone published the release hours early."""
    content = copy_project(tmp_path / "project") / "content"
    (content / "releases" / "2018-03-01-office.md").write_text(edited_release().replace("date: 2018-03-01", f"date: {value}"), encoding="utf-8")
    (error,) = collect(content, *data(content)).errors
    assert (error.path, error.line) == ("releases/2018-03-01-office.md", 3)
    assert "'date' must be YYYY-MM-DD" in error.message and "embargo:" in error.message


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("embargo: !!timestamp soon", "timestamp 'soon' cannot be read"),
        ("embargo: !!int x", "int 'x' cannot be read"),
        ("embargo: 2018-02-28T10:00:00-05:00", "is before the release's 'date' 2018-03-01"),
        ("embargo: 0001-01-01T00:00:00+14:00", "outside the years 1 to 9999"),
    ],
)
def test_an_embargo_that_cannot_be_a_moment_of_the_release_is_an_error(tmp_path: Path, line: str, words: str) -> None:
    """A tag PyYAML cannot make a value of ended in a traceback; an embargo before the date published early."""
    content = copy_project(tmp_path / "project") / "content"
    (content / "releases" / "2018-03-01-office.md").write_text(edited_release(f"{line}\n"), encoding="utf-8")
    (error,) = collect(content, *data(content)).errors
    assert (error.path, error.line) == ("releases/2018-03-01-office.md", 4)
    assert words in error.message


@pytest.mark.parametrize("key", ["Embargo", "EMBARGO", "embargoed", "embargo_until"])
def test_a_misspelt_embargo_key_is_an_error(tmp_path: Path, key: str) -> None:
    content = copy_project(tmp_path / "project") / "content"
    (content / "releases" / "2018-03-01-office.md").write_text(edited_release(f"{key}: 2018-03-01T16:05:00-05:00\n"), encoding="utf-8")
    collection = collect(content, *data(content))
    (error,) = collection.errors
    assert (error.path, error.line) == ("releases/2018-03-01-office.md", 4)
    assert f"unknown key {key!r}" in error.message
    assert [s.src_uri for s in collection.sources] == ["releases/" + SEED.name]


@pytest.mark.parametrize("character", ["\x01", "\x0c", "\x7f", "\x80"])
def test_a_character_yaml_refuses_is_an_error_with_its_line(tmp_path: Path, character: str) -> None:
    """Pasted from wire text (a form feed) into data or front matter, it ended in a traceback."""
    content = copy_project(tmp_path / "project") / "content"
    tags = (content / "tags.yml").read_text(encoding="utf-8")
    (content / "tags.yml").write_text(f"{tags}# a note{character}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_vocabulary(content / "tags.yml", load_catalogue(content / "products.yml"))
    assert caught.value.finding.line == tags.count("\n") + 1
    assert f"U+{ord(character):04X}" in caught.value.finding.message
    (content / "tags.yml").write_text(tags, encoding="utf-8")
    (content / "releases" / "2018-03-01-office.md").write_text(edited_release(f"description: a{character}b\n"), encoding="utf-8")
    (error,) = collect(content, *data(content)).errors
    assert (error.path, error.line) == ("releases/2018-03-01-office.md", 4)


def test_two_tags_of_one_topic_are_an_error(tmp_path: Path) -> None:
    """They were one page with two chips, each linking to it."""
    content = copy_project(tmp_path / "project") / "content"
    (content / "releases" / "2018-03-01-office.md").write_text(edited_release('tags: ["Foo Bar", "foo-bar"]\n'), encoding="utf-8")
    (error,) = collect(content, *data(content)).errors
    assert (error.path, error.line) == ("releases/2018-03-01-office.md", 4)
    assert "tags 'Foo Bar' and 'foo-bar' are one topic (tags/foo-bar/)" in error.message


def test_a_year_or_a_control_character_is_no_slug(tmp_path: Path) -> None:
    """``slug: "2017"`` took over the archive of 2017; a NUL was dropped and the rest published."""
    content = copy_project(tmp_path / "project") / "content"
    for slug, message in (('"2017"', "releases/2017/ is the archive of that year"), ('"x\\u0000y"', "not a name")):
        (content / "releases" / "2018-03-01-office.md").write_text(edited_release(f"slug: {slug}\n"), encoding="utf-8")
        (error,) = collect(content, *data(content)).errors
        assert (error.path, error.line) == ("releases/2018-03-01-office.md", 4)
        assert message in error.message


def test_an_impossible_date_stops_the_build_without_a_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "content" / "releases" / "2018-03-01-office.md").write_text(edited_release().replace("2018-03-01", "2017-02-30"), encoding="utf-8")
    output = failed_build(project)
    assert "releases/2018-03-01-office.md:3: error: '2017-02-30' is not a real date" in output


def test_serve_leaves_out_only_the_release_with_an_impossible_date(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with serving(project) as server:
        seed_path = release_path(server, SEED_LINE)
        broken = project / "content" / "releases" / "2018-03-01-office.md"
        broken.write_text(edited_release().replace("2018-03-01", "2017-02-30"), encoding="utf-8")
        server.wait_for("the error in the log", lambda: "releases/2018-03-01-office.md:3" in server.log)
        # A later edit is still picked up: the preview did not stall.
        tags = project / "content" / "tags.yml"
        tags.write_text(tags.read_text(encoding="utf-8") + "  - name: Kestrel news\n    phrases: [patent]\n", encoding="utf-8")
        server.wait_for("the next rebuild", lambda: server.get("tags/kestrel-news/")[0] == 200)
        assert SEED_LINE in server.text(seed_path)
        assert "Cellectar Opens a New Office" not in server.text("releases/")
        assert "Traceback" not in server.log
