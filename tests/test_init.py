"""`newsroom init DIR`: a new newsroom that builds with `--strict` at once, made from the starter
files in the package, that never overwrites a file; the seed added to it builds with the generic
topics and no product."""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsroom import cli, scaffold
from newsroom.cli import main
from newsroom.project import load_project

from .helpers import ROOT, SEED, check_fresh_newsroom, run_build

STARTER_FILES = [
    ".github/workflows/pages.yml",
    ".gitignore",
    "README.md",
    "content/index.md",
    "content/products.yml",
    "content/releases/README.md",
    "content/tags.yml",
    "mkdocs.yml",
    "requirements.txt",
]
COMPANY = 'Acme: "Rocket" & Sons, Inc.'


def init(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def made(directory: Path) -> list[str]:
    return sorted(path.relative_to(directory).as_posix() for path in directory.rglob("*") if path.is_file())


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    directory = tmp_path / "acme-news"
    status, output = init(str(directory), "--company", COMPANY, "--ticker", "NYSE: ACME", "--site-url", "https://news.acme.example")
    assert status == 0, output
    return directory


def test_init_writes_the_starter_and_it_builds_strict_at_once(fresh: Path) -> None:
    assert made(fresh) == STARTER_FILES
    project = load_project(fresh / "mkdocs.yml")
    assert project.company == COMPANY and project.options["ticker"] == "NYSE: ACME"
    assert project.docs_dir == fresh / "content" and project.tags_file.is_file()
    run_build(fresh)
    home = (fresh / "site" / "index.html").read_text(encoding="utf-8")
    assert "Acme: &#34;Rocket&#34; &amp; Sons, Inc." in home or "Acme: &quot;Rocket&quot; &amp; Sons, Inc." in home
    assert '<link rel="canonical" href="https://news.acme.example/">' in home and '<link rel="alternate" type="application/rss+xml"' in home
    assert "<link>https://news.acme.example/</link>" in (fresh / "site" / "feed.xml").read_text(encoding="utf-8")
    assert not (fresh / "site" / "releases" / "README").exists() and made(fresh / "site" / "releases") == ["index.html"]
    assert "Cellectar" not in "".join(path.read_text(encoding="utf-8") for path in (fresh / "content").rglob("*.yml"))


def test_the_seed_in_a_fresh_newsroom_has_generic_topics_and_no_fact_box(fresh: Path) -> None:
    shutil.copy2(SEED, fresh / "content" / "releases" / SEED.name)
    run_build(fresh)
    check_fresh_newsroom(fresh / "site")


def test_the_releases_readme_is_no_release_for_check(fresh: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(fresh / "content")])
    assert result.exit_code == 1 and "no releases found" in result.output and "README" not in result.output


def test_init_overwrites_nothing_and_names_what_exists(fresh: Path) -> None:
    (fresh / "content" / "index.md").write_text("ours\n", encoding="utf-8")
    (fresh / "content" / "tags.yml").unlink()
    status, output = init(str(fresh), "--company", "Other", "--ticker", "", "--site-url", "https://other.example/")
    assert status == 1 and "file(s) exist already and are left alone" in output
    for name in set(STARTER_FILES) - {"content/tags.yml"}:
        assert str(fresh / name) in output
    assert (fresh / "content" / "index.md").read_text(encoding="utf-8") == "ours\n"
    assert not (fresh / "content" / "tags.yml").exists(), "nothing is written when anything exists"


def test_without_a_terminal_missing_options_are_a_clear_error(tmp_path: Path) -> None:
    status, output = init(str(tmp_path / "x"), "--company", "Acme")
    assert status == 2 and "give --ticker, --site-url (there is no terminal to ask on)" in output
    assert not (tmp_path / "x").exists()


def test_in_a_terminal_init_asks_for_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    status, output = init(str(tmp_path / "x"), input="Acme, Inc.\n\nhttps://acme.example/news\n")
    assert status == 0, output
    assert "Company name" in output and "Ticker" in output and "address" in output
    text = (tmp_path / "x" / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'company: "Acme, Inc."' in text and 'ticker: ""' in text and '"https://acme.example/news/"' in text


@pytest.mark.parametrize("url", ["acme.example", "ftp://acme.example/", "https://acme example/"])
def test_a_site_url_that_is_no_address_is_refused(tmp_path: Path, url: str) -> None:
    status, output = init(str(tmp_path / "x"), "--company", "Acme", "--ticker", "", "--site-url", url)
    assert status == 1 and "must be an absolute http(s) URL" in output and not (tmp_path / "x").exists()


def test_the_starter_workflow_is_this_repositorys_own() -> None:
    """One Pages workflow: the one a new newsroom gets is the one this repository runs."""
    starter = ROOT / "newsroom" / "starter" / "dot-github" / "workflows" / "pages.yml"
    assert starter.read_bytes() == (ROOT / ".github" / "workflows" / "pages.yml").read_bytes()


def test_requirements_name_the_package_as_it_was_installed(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new newsroom's Pages workflow installs requirements.txt: from a git install, the same commit."""
    lines = [line for line in (fresh / "requirements.txt").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert lines == [scaffold.requirement()]
    monkeypatch.setattr(scaffold, "_direct_url", lambda: {"url": "https://github.com/acme/newsroom", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}})
    assert scaffold.requirement() == "mkdocs-newsroom @ git+https://github.com/acme/newsroom@0123abc"
    assert scaffold.installed_from_folder() is None
    monkeypatch.setattr(scaffold, "_direct_url", lambda: {"url": "file:///home/me/newsroom", "dir_info": {"editable": True}})
    assert scaffold.requirement() == f"mkdocs-newsroom=={metadata.version('mkdocs-newsroom')}"
    assert scaffold.installed_from_folder() == "/home/me/newsroom"


def test_init_from_a_folder_install_says_where_ci_must_install_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaffold, "_direct_url", lambda: {"url": "file:///home/me/newsroom", "dir_info": {}})
    status, output = init(str(tmp_path / "x"), "--company", "Acme", "--ticker", "", "--site-url", "https://acme.example/")
    assert status == 0, output
    assert "installed from the folder /home/me/newsroom, not from the package index" in output and "git+https://" in output
