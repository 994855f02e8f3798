"""What test modules share: the project's paths, copies of the project, real builds, and the
rule for the real corpus. Test modules import from here, never from each other."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "releases" / "2017-01-24-patent-9550002.txt"
# The seed as the company issued it: the file must stay byte for byte this (its SHA-256).
SEED_SHA256 = "58fad952a4f139983b8fea037ceeed044f3684166fbd6de02f62fbc890d93793"
# Real releases kept beside the repository in this workplace and in CI (read-only).
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INJECTION = FIXTURES / "injection"
PROJECT_PARTS = ("mkdocs.yml", "content")


def copy_project(target: Path) -> Path:
    """A copy of the site project (config, content, theme) to change and build."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def run_build(project: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in ``project`` as a user runs it; returns the finished process."""
    # The project's site_url comes from mkdocs.yml unless the test sets SITE_URL itself.
    environment = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    environment.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def alive(pid: int) -> bool:
    """Whether process ``pid`` is running (Linux /proc); a zombie has ended, only its status is left."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in "ZX"


def injection_expected() -> dict[str, Any]:
    """What the injection fixtures must show: tests/fixtures/injection/expected.yml."""
    return yaml.safe_load((INJECTION / "expected.yml").read_text(encoding="utf-8"))


def injection_project(target: Path, refused: bool = False) -> Path:
    """A copy of the project with releases whose headline, tags and body carry markup and a
    product whose name does; ``refused`` adds the releases that must stop the build."""
    project = copy_project(target)
    expected = injection_expected()
    for name in [*expected["releases"], *(expected["refused"] if refused else ())]:
        shutil.copy2(INJECTION / name, project / "content" / "releases" / name)
    products = project / "content" / "products.yml"
    catalogue = yaml.safe_load(products.read_text(encoding="utf-8"))
    catalogue["products"].append(expected["product"])
    products.write_text(yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return project


def in_ci() -> bool:
    """Whether this is CI (``CI=true``, as .ci/run and hosted runners set), where nothing may skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_corpus() -> None:
    """The real corpus must be there: in CI its absence fails the test; elsewhere (a clone without
    ``../shared``) the test is skipped, saying why."""
    if (CORPUS / "releases").is_dir():
        return
    message = f"the real corpus {CORPUS} is not here (it lies beside the repository in CI)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


# Debian's Chromium; NEWSROOM_CHROMIUM points elsewhere (a test hides it by naming a missing file).
DEBIAN_CHROMIUM = Path(os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium"))
INSTALL_DEBIAN = "apt-get install chromium"
INSTALL_PLAYWRIGHT = ".venv/bin/python -m playwright install chromium"


class NoChromium(Exception):
    """No browser for the browser tests; the message is the one line that says how to get one."""


@dataclass(frozen=True)
class Chromium:
    """The browser the browser tests drive: its executable and whose it is."""

    executable: Path
    whose: str

    def __str__(self) -> str:
        return f"{self.whose} ({self.executable})"


@functools.cache
def chromium() -> Chromium:
    """Debian's Chromium when it is there, else Playwright's own (which ``make test`` installs,
    without root). In CI only Debian's counts: CI never downloads a browser."""
    if DEBIAN_CHROMIUM.is_file():
        return Chromium(DEBIAN_CHROMIUM, "Debian's Chromium")
    if in_ci():
        raise NoChromium(f"no Chromium for the browser tests: {DEBIAN_CHROMIUM} is missing and CI uses only Debian's ({INSTALL_DEBIAN}; .ci/run does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        own = Path(playwright.chromium.executable_path)
    if own.is_file():
        return Chromium(own, "Playwright's Chromium")
    raise NoChromium(f"no Chromium for the browser tests: install Debian's ({INSTALL_DEBIAN}) or Playwright's ({INSTALL_PLAYWRIGHT}; make test does it)")


def starter_vocabulary() -> set[str]:
    """The tag names `newsroom init` starts a newsroom with (its generic IR topics)."""
    data = yaml.safe_load((ROOT / "newsroom" / "starter" / "content" / "tags.yml").read_text(encoding="utf-8"))
    return {tag["name"] for tag in data["tags"]}


def check_fresh_newsroom(site: Path) -> None:
    """A site `newsroom init` made and built with the seed added: the seed is published, with
    no fact box (the starter has no products) and only tags of the generic vocabulary."""
    pages = sorted((site / "releases").glob("2017-01-24-*/index.html"))
    assert len(pages) == 1, sorted(p.name for p in (site / "releases").iterdir())
    html = pages[0].read_text(encoding="utf-8")
    assert "fact-box" not in html
    assert not list((site / "products").glob("*/index.html"))
    names = {html_unescape(name) for name in re.findall(r'<a href="[^"]*tags/[^"/]+/" class="md-tag">([^<]*)</a>', html)}
    assert "Intellectual property" in names and names <= starter_vocabulary(), names
    assert {path.parent.name for path in (site / "tags").glob("*/index.html")} <= {"patents", "partnerships", "results", "financing", "dividends", "leadership", "acquisitions", "events", "meetings"}
