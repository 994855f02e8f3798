"""Bad input (tests/fixtures/bad): one clear message per problem, naming the file and line;
`newsroom check` reports them all at once; a failed build leaves the previous site alone;
warnings never fail `mkdocs build --strict`."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from newsroom.catalogue import load_catalogue
from newsroom.collection import collect
from newsroom.model import ReleaseError
from newsroom.tagging import load_vocabulary
from newsroom.wire import parse_release
from newsroom.wire.text import FORBIDDEN_RE, clean_text

from .helpers import BAD, FIXTURES, SEED, copy_project, files, newsroom, run_build

SPEC: dict[str, dict] = yaml.safe_load((BAD / "bad.yml").read_text(encoding="utf-8"))
SINGLE = sorted(name for name, spec in SPEC.items() if "pair" not in spec)
ERRORS = sorted(name for name, spec in SPEC.items() if spec["level"] == "error")
CONTROL_CHARS = FIXTURES / "hostile" / "control-chars.txt"


def finding_line(name: str) -> re.Pattern[str]:
    """The `path:line: level: message` line `newsroom check` prints for a bad fixture."""
    spec = SPEC[name]
    line = rf":{spec['line']}" if spec["line"] else r"(?::\d+)?"
    return re.compile(rf"^content/releases/{re.escape(name)}{line}: {spec['level']}: .*{re.escape(spec['message_contains'])}", re.I | re.M)


@pytest.mark.parametrize("name", SINGLE)
def test_each_bad_file_gives_one_clear_finding(name: str) -> None:
    spec = SPEC[name]
    path = f"releases/{name}"
    data = (BAD / name).read_bytes()
    if spec["level"] == "error":
        with pytest.raises(ReleaseError) as caught:
            parse_release(data, path)
        finding = caught.value.finding
    else:
        release = parse_release(data, path)
        (finding,) = release.findings
        assert (release.headline, release.date) == (spec["headline"], date.fromisoformat(spec["date"]))
    assert (finding.path, finding.level) == (path, spec["level"])
    assert spec["message_contains"] in finding.message.lower()
    if spec["line"] is not None:
        assert finding.line == spec["line"]
    where = f"{path}:{finding.line}" if finding.line else path
    assert str(finding) == f"{where}: {spec['level']}: {finding.message}"


def test_the_impossible_date_is_quoted_alone() -> None:
    with pytest.raises(ReleaseError) as caught:
        parse_release((BAD / "impossible-date.txt").read_bytes(), "releases/impossible-date.txt")
    assert caught.value.finding.message == "impossible date 'February 30, 2017'"


def test_a_duplicate_slug_names_both_files(tmp_path: Path) -> None:
    content = copy_project(tmp_path / "project") / "content"
    for name in ("dup-a.txt", "dup-b.txt"):
        assert parse_release((BAD / name).read_bytes(), name).slug  # each one alone is fine
        shutil.copy2(BAD / name, content / "releases" / name)
    catalogue = load_catalogue(content / "products.yml")
    collection = collect(content, catalogue, load_vocabulary(content / "tags.yml", catalogue))
    (error,) = collection.errors
    assert "duplicate" in error.message
    assert {error.path, *re.findall(r"releases/dup-[ab]\.txt", error.message)} == {"releases/dup-a.txt", "releases/dup-b.txt"}


def test_check_reports_every_problem_in_one_run(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name in SPEC:
        shutil.copy2(BAD / name, project / "content" / "releases" / name)
    result = newsroom("check", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for name in SPEC:
        if "pair" not in SPEC[name]:
            assert len(finding_line(name).findall(result.stdout)) == 1, name
    duplicates = [line for line in result.stdout.splitlines() if "duplicate" in line]
    assert len(duplicates) == 1 and "dup-a.txt" in duplicates[0] and "dup-b.txt" in duplicates[0]
    errors = [line for line in result.stdout.splitlines() if re.match(r"^\S+?(?::\d+)?: error: ", line)]
    assert len(errors) == len(ERRORS) - 1  # the pair is one problem
    assert all(re.match(r"^content/releases/\S+?(?::\d+)?: (?:error|warning): \S", line) for line in result.stdout.splitlines())


def test_a_failed_build_stops_cleanly_and_leaves_the_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project)
    before = files(project / "site")
    shutil.copy2(BAD / "impossible-date.txt", project / "content" / "releases" / "impossible-date.txt")
    result = run_build(project, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "releases/impossible-date.txt:3: error: impossible date 'February 30, 2017'" in output
    assert "Traceback" not in output
    assert files(project / "site") == before

    for name in SPEC:
        shutil.copy2(BAD / name, project / "content" / "releases" / name)
    result = run_build(project, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    for name in ERRORS:
        if "pair" not in SPEC[name]:
            assert re.search(rf"releases/{re.escape(name)}\S*: error: .*{re.escape(SPEC[name]['message_contains'])}", output, re.I), name
    assert re.search(r"releases/dup-b\.txt: error: duplicate .*releases/dup-a\.txt", output)
    assert files(project / "site") == before


def test_warnings_are_reported_with_file_and_line_and_do_not_fail_strict(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    releases = project / "content" / "releases"
    shutil.copy2(BAD / "date-disagrees.txt", releases / "date-disagrees.txt")
    shutil.copy2(CONTROL_CHARS, releases / "control-chars.txt")
    build = run_build(project)  # --strict
    assert "releases/date-disagrees.txt:1: warning:" in build.stdout + build.stderr

    result = newsroom("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "content/releases/date-disagrees.txt:1: warning: the top date January 23, 2017 disagrees with the dateline's January 24, 2017" in lines
    control_lines = [n for n, line in enumerate(CONTROL_CHARS.read_text(encoding="utf-8").split("\n"), 1) if FORBIDDEN_RE.search(line)]
    assert len(control_lines) >= 3
    shown = [int(m.group(1)) for line in lines if (m := re.match(r"^content/releases/control-chars\.txt:(\d+): warning: dropped \d+ control character", line))]
    assert shown == control_lines
    misspelt = [n for n, line in enumerate(SEED.read_text(encoding="utf-8").split("\n"), 1) if re.search(r"\bCelle(?:cs|s)tar\b", line)]
    shown = [int(m.group(1)) for line in lines if (m := re.match(rf"^content/releases/{SEED.name}:(\d+): warning: 'Celle(?:cs|s)tar'", line))]
    assert shown == misspelt and misspelt


def test_every_forbidden_character_is_dropped_and_no_other() -> None:
    """Each character FORBIDDEN_RE names (controls, U+FFFE, U+FFFF, lone surrogates) is dropped with
    a warning, in ASCII text and beyond it; every other character, all in one text, is kept."""
    forbidden = [chr(code) for code in range(0x110000) if FORBIDDEN_RE.match(chr(code))]
    assert {"\x00", "\x7f", "\ufffe", "\uffff", chr(0xD800), chr(0xDFFF)} <= set(forbidden) and "\f" not in forbidden
    for character in forbidden:
        for before in ("a", "a\u00e9"):
            text, findings = clean_text(f"{before}{character}b", "x.txt")
            assert (text, [(f.line, f.level) for f in findings]) == (f"{before}b", [(1, "warning")]), repr(character)
    others = "".join(chr(code) for code in range(0x110000) if not FORBIDDEN_RE.match(chr(code)) and chr(code) not in "\r\ufeff")
    assert clean_text(others, "x.txt") == (others, [])
