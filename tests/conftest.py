"""Shared fixtures: the seed, and real sites built by a real `mkdocs build` in a temporary copy;
the browser the suite drives, named in pytest's header; the real-corpus rule for ``corpus`` tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import (
    NoChromium,
    chromium,
    copy_project,
    injection_project,
    require_corpus,
    run_build,
)


def pytest_report_header() -> str:
    """Which browser the browser tests drive, or why there is none, before any test runs."""
    try:
        return f"browser tests: {chromium()}"
    except NoChromium as missing:
        return f"browser tests: {missing}"


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("corpus"):
        require_corpus()


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


@pytest.fixture(scope="session")
def injection_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The injection project built once for the build and browser tests."""
    project = injection_project(tmp_path_factory.mktemp("injection") / "project")
    run_build(project)
    return project / "site"
