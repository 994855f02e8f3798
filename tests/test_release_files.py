"""Only known files are releases (issue 14, point 2).

`*.txt` and `*.md` in any letter case are releases; every other file under `releases/` stops the
build (and is an error in `newsroom check`) with its name and the reason, unless the plugin's
`ignore:` globs or the dot-file rule leave it alone; and nothing under `releases/` but the pages
the plugin generates ever reaches `site/`, so no raw file can publish an embargoed text early.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsroom.catalogue import load_catalogue
from newsroom.collection import collect
from newsroom.tagging import load_vocabulary

from .helpers import FIXTURES, ROOT, copy_project, failed_build, files, newsroom, run_build

EMBARGOED = FIXTURES / "wire" / "gnw-embargoed.txt"
EMBARGOED_WORDS = "All six WM patients treated to date achieved a response"
# The fixture is embargoed until 2021-03-03 08:00 New York time (13:00 UTC).
BEFORE = str(int(datetime(2021, 3, 3, 12, 59, tzinfo=timezone.utc).timestamp()))
AFTER = str(int(datetime(2021, 3, 3, 13, 1, tzinfo=timezone.utc).timestamp()))

# Files that are not releases, and a word of the reason their message must give.
NOT_RELEASES = {
    "2021-03-03-x.txt~": "backup",
    "2021-03-03-x.txt.bak": "backup",
    "#2021-03-03-x.txt#": "backup",
    "2021-03-03-x.txt.orig": "backup",
    "2021-03-03-x.docx": "'.docx'",
    "2021-03-03-x.markdown": "NAME.md",
    "2021-03-03-x.mdown": "NAME.md",
    "NOTES": "extension",
    "2021/2021-03-03-x.pdf": "'.pdf'",
    "index.md": "archive",
}


def data(content: Path):  # type: ignore[no-untyped-def]
    catalogue = load_catalogue(content / "products.yml")
    return catalogue, load_vocabulary(content / "tags.yml", catalogue)


def put(releases: Path, name: str, payload: bytes) -> Path:
    path = releases / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    return path


def texts_under(site: Path) -> str:
    """Every text file of the site, concatenated: what a visitor (or a crawler) can fetch."""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt", ".md", ""))


def raw_files(site: Path) -> list[str]:
    """Files under site/releases/ that are not generated pages."""
    folder = site / "releases"
    return sorted(p.relative_to(site).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != "index.html") if folder.exists() else []


def converted(source: Path) -> bytes:
    """``newsroom convert`` of a text release: an edited release as a user makes one."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("newsroom")), "convert", str(source), "-f", str(ROOT / "mkdocs.yml")],
        capture_output=True, check=True,
    )
    return result.stdout


@pytest.mark.parametrize("name", ["2021-03-03-wm.TXT", "2021-03-03-wm.Txt", "2021-03-03-wm.MD", "2021-03-03-wm.Md"])
def test_a_release_in_any_letter_case_waits_for_its_embargo(tmp_path: Path, name: str) -> None:
    project = copy_project(tmp_path / "project")
    payload = converted(EMBARGOED) if name.lower().endswith(".md") else EMBARGOED.read_bytes()
    put(project / "content" / "releases", name, payload)
    run_build(project, env={"SOURCE_DATE_EPOCH": BEFORE})
    site = project / "site"
    assert raw_files(site) == []
    assert EMBARGOED_WORDS not in texts_under(site)

    run_build(project, env={"SOURCE_DATE_EPOCH": AFTER})
    pages = [p for p in (site / "releases").glob("2021-03-03-*/index.html") if EMBARGOED_WORDS in p.read_text(encoding="utf-8")]
    assert len(pages) == 1
    assert raw_files(site) == []


@pytest.mark.parametrize("name", sorted(NOT_RELEASES))
def test_every_other_file_is_an_error_naming_it_and_why(tmp_path: Path, name: str) -> None:
    content = copy_project(tmp_path / "project") / "content"
    put(content / "releases", name, EMBARGOED.read_bytes())
    collection = collect(content, *data(content))
    (error,) = collection.errors
    assert error.path == f"releases/{name}"
    assert NOT_RELEASES[name] in error.message
    assert [s.src_uri for s in collection.sources] == ["releases/2017-01-24-patent-9550002.txt"]


def test_other_files_stop_the_build_and_check_names_each(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project, env={"SOURCE_DATE_EPOCH": BEFORE})
    before = files(project / "site")
    for name in NOT_RELEASES:
        put(project / "content" / "releases", name, EMBARGOED.read_bytes())
    output = failed_build(project, env={"SOURCE_DATE_EPOCH": BEFORE})
    for name in NOT_RELEASES:
        assert re.search(rf"releases/{re.escape(name)}: error: .*{re.escape(NOT_RELEASES[name])}", output), name
    assert files(project / "site") == before

    check = newsroom("check", cwd=project)
    assert check.returncode == 1
    for name in NOT_RELEASES:
        assert f"content/releases/{name}: error: " in check.stdout, name


def test_dot_files_and_ignored_files_are_left_alone_and_never_copied(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - newsroom:\n", "  - newsroom:\n      ignore: ['*.pdf', 'drafts/*']\n"), encoding="utf-8")
    releases = project / "content" / "releases"
    for name in (".DS_Store", ".2021-03-03-wm.txt.swp", ".drafts/2021-03-03-wm.txt", "2021/2021-03-03-wm.pdf", "drafts/2021-03-03-wm.txt"):
        put(releases, name, EMBARGOED.read_bytes())
    run_build(project, env={"SOURCE_DATE_EPOCH": AFTER})
    site = project / "site"
    assert raw_files(site) == []
    assert EMBARGOED_WORDS not in texts_under(site)
    check = newsroom("check", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr


def test_nothing_under_releases_is_copied_raw(tmp_path: Path) -> None:
    """A release in a year folder is published at its address like any other; its file is not copied."""
    project = copy_project(tmp_path / "project")
    put(project / "content" / "releases", "2021/2021-03-03-wm.txt", EMBARGOED.read_bytes())
    run_build(project, env={"SOURCE_DATE_EPOCH": AFTER})
    site = project / "site"
    assert raw_files(site) == []
    assert len(list((site / "releases").glob("*-*/index.html"))) == 2  # not the year pages, releases/2017/


def test_an_unreadable_release_is_a_clear_error_and_the_site_stays(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project)
    before = files(project / "site")
    # Root reads a chmod-000 file all the same: a link to nothing is unreadable for everyone.
    os.symlink(tmp_path / "gone.txt", project / "content" / "releases" / "2031-03-03-x.TXT")
    output = failed_build(project)
    assert re.search(r"releases/2031-03-03-x\.TXT: error: cannot read the file", output), output
    assert files(project / "site") == before


def test_an_unreadable_release_names_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = copy_project(tmp_path / "project") / "content"
    locked = put(content / "releases", "2031-03-03-x.TXT", EMBARGOED.read_bytes())
    reading = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return reading(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    (error,) = collect(content, *data(content)).errors
    assert str(error) == "releases/2031-03-03-x.TXT: error: cannot read the file: Permission denied"


def disabled(project: Path) -> None:
    """The plugin switched off, and the nav without the pages only the plugin makes."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - newsroom:\n", "  - newsroom:\n      enabled: false\n")
    config.write_text(re.sub(r"^nav:\n(?:  - .*\n)+", "", text, flags=re.M), encoding="utf-8")


def test_a_disabled_plugin_publishes_no_release_and_copies_nothing_raw(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    disabled(project)
    releases = project / "content" / "releases"
    put(releases, "2021-03-03-wm.TXT", EMBARGOED.read_bytes())
    put(releases, "2021-03-03-wm.txt~", EMBARGOED.read_bytes())
    result = run_build(project, env={"SOURCE_DATE_EPOCH": BEFORE})
    site = project / "site"
    assert not (site / "releases").exists()
    assert not (site / "products.yml").exists() and not (site / "tags.yml").exists()
    assert "Cellecstar" not in texts_under(site) and EMBARGOED_WORDS not in texts_under(site)
    assert (site / "index.html").exists()
    assert "no release is published" in result.stdout + result.stderr

