"""Shared fixtures: the seed, and real sites built by a real `mkdocs build` in a temporary copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "releases" / "2017-01-24-patent-9550002.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "2017-01-24-patent-9550002.txt"
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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


BuildSite = Callable[..., Path]


@pytest.fixture
def build_site(project: Path) -> BuildSite:
    """Build the copied project and return its site/ folder."""

    def build(**env: str) -> Path:
        run_build(project, env=env or None)
        return project / "site"

    return build


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as it is, built once for the whole session."""
    project = copy_project(tmp_path_factory.mktemp("seed") / "project")
    run_build(project)
    return project / "site"


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


@pytest.fixture(scope="session")
def injection_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The injection project built once for the build and browser tests."""
    project = injection_project(tmp_path_factory.mktemp("injection") / "project")
    run_build(project)
    return project / "site"
