"""The suite runs anywhere. The browser suite drives Debian's Chromium when it is there, else
Playwright's own, and in CI only Debian's: each case runs pytest in a child process with Debian's
Chromium hidden (its path pointed at a missing file) and reads what the suite says and does.
Tests of the real corpus skip where it is absent, but fail in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from . import helpers
from .helpers import DEBIAN_CHROMIUM, ROOT, in_ci

ONE_BROWSER_TEST = "tests/browser/test_reader.py::test_palette_toggle_switches_to_dark_and_back[desktop]"


def _pytest(*args: str, chromium: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["NEWSROOM_CHROMIUM"] = str(chromium)
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


def _playwrights_chromium() -> Path | None:
    """Where Playwright keeps its own Chromium, when it is there. Asked in a child process: the
    browser suite's Playwright may be running in this one, and a second cannot start beside it."""
    where = subprocess.run(
        [sys.executable, "-c", "from playwright.sync_api import sync_playwright\nwith sync_playwright() as p: print(p.chromium.executable_path)"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout.strip()
    return Path(where) if Path(where).is_file() else None


def test_without_debians_chromium_the_suite_uses_playwrights_or_says_how_to_get_one(tmp_path: Path) -> None:
    result = _pytest(ONE_BROWSER_TEST, chromium=tmp_path / "no-chromium", ci=False)
    output = result.stdout + result.stderr
    own = _playwrights_chromium()
    if own is not None:
        assert result.returncode == 0, output
        assert f"browser tests: Playwright's Chromium ({own})" in output
    else:
        assert result.returncode == 1, output
        instruction = "no Chromium for the browser tests: install Debian's (apt-get install chromium) or Playwright's (.venv/bin/python -m playwright install chromium; make test does it)"
        assert f"browser tests: {instruction}" in output  # the header says it before any test
        assert "1 error" in output and "skipped" not in output
        # The failure is that one line, not a traceback.
        assert output.count(instruction) == 2 and "Traceback" not in output


def test_in_ci_only_debians_chromium_counts_and_its_absence_fails(tmp_path: Path) -> None:
    missing = tmp_path / "no-chromium"
    result = _pytest(ONE_BROWSER_TEST, chromium=missing, ci=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"no Chromium for the browser tests: {missing} is missing and CI uses only Debian's (apt-get install chromium; .ci/run does it as root)" in output
    assert "1 error" in output and "skipped" not in output and "Playwright's Chromium" not in output


def test_the_header_names_debians_chromium_when_it_is_there() -> None:
    if not DEBIAN_CHROMIUM.is_file():
        if in_ci():
            pytest.fail(f"{DEBIAN_CHROMIUM} is missing in CI")
        pytest.skip(f"{DEBIAN_CHROMIUM} is not on this machine")
    result = _pytest("--collect-only", "tests/test_house.py", chromium=DEBIAN_CHROMIUM, ci=True)
    assert f"browser tests: Debian's Chromium ({DEBIAN_CHROMIUM})" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("ci", ["true", ""])
def test_a_missing_corpus_skips_with_its_reason_but_fails_in_ci(ci: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helpers, "CORPUS", tmp_path / "corpus")
    monkeypatch.setenv("CI", ci)
    expected = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(expected, match=f"the real corpus {tmp_path / 'corpus'} is not here"):
        helpers.require_corpus()
    (tmp_path / "corpus" / "releases").mkdir(parents=True)
    helpers.require_corpus()
