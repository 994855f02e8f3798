"""The distribution as a user gets it: `python -m build --wheel` from the sources, installed into a
fresh venv (no system site-packages, nothing of this checkout), then `newsroom init`, `mkdocs build
--strict`, the seed added, built again. Needs the package index (CI reaches it); pip's cache keeps
reruns short. `pytest -m wheel` runs only this."""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .helpers import ROOT, SEED, check_fresh_newsroom

pytestmark = pytest.mark.wheel
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "newsroom")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in {"SITE_URL", "PYTHONPATH", "VIRTUAL_ENV"}}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run([str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the sources (the checkout is left as it is)."""
    sources = tmp_path_factory.mktemp("sources")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, sources / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, sources / name)
    run(sys.executable, "-m", "build", "--wheel", "--outdir", sources / "dist", cwd=sources)
    (built,) = (sources / "dist").glob("mkdocs_newsroom-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel and what it depends on; its bin folder."""
    root = tmp_path_factory.mktemp("venv") / "venv"
    run(sys.executable, "-m", "venv", root, cwd=root.parent)
    run(root / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=root.parent)
    return root / "bin"


def test_the_wheel_carries_the_theme_the_starter_and_its_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (metadata_name,) = [name for name in names if name.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
    in_package = {path.relative_to(ROOT).as_posix() for path in (ROOT / "newsroom").rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert in_package <= names, sorted(in_package - names)
    assert {"newsroom/py.typed", "newsroom/theme/main.html", "newsroom/starter/dot-gitignore", "newsroom/starter/dot-github/workflows/pages.yml"} <= names
    assert not any(name.startswith(("tests/", "content/", "bench/")) for name in names)
    assert metadata["Name"] == "mkdocs-newsroom" and metadata["License-Expression"] == "MIT"
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    assert {"Framework :: MkDocs", "Typing :: Typed"} <= set(metadata.get_all("Classifier"))
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert {"Homepage", "Source", "Issues", "Documentation"} <= set(urls)
    assert metadata["Requires-Python"] and metadata["Description-Content-Type"] == "text/markdown"


def test_a_newsroom_made_by_the_installed_wheel_builds_and_publishes_the_seed(venv: Path, tmp_path: Path) -> None:
    # The installed package is the wheel's, not this checkout's.
    where = run(venv / "python", "-c", "import newsroom; print(newsroom.__file__)", cwd=tmp_path).stdout.strip()
    assert where.startswith(str(venv.parent)), where
    run(venv / "newsroom", "init", "news", "--company", "Acme, Inc.", "--ticker", "NYSE: ACME", "--site-url", "https://news.acme.example/", cwd=tmp_path)
    site = tmp_path / "news"
    run(venv / "mkdocs", "build", "--strict", cwd=site)
    assert (site / "site" / "index.html").is_file() and (site / "site" / "newsroom.css").is_file()
    shutil.copy2(SEED, site / "content" / "releases" / SEED.name)
    run(venv / "newsroom", "check", cwd=site)
    run(venv / "mkdocs", "build", "--strict", cwd=site)
    check_fresh_newsroom(site / "site")
