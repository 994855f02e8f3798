"""newsroom.sitedir on its own: the swap, what it does after a kill, what it never touches, the lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.sitedir import UNFINISHED, SiteDir


def make_site(path: Path, text: str) -> Path:
    (path / "releases").mkdir(parents=True)
    (path / "index.html").write_text(text)
    (path / "releases" / "index.html").write_text(text)
    return path


def contents(path: Path) -> dict[str, str]:
    return {p.relative_to(path).as_posix(): p.read_text() for p in sorted(path.rglob("*")) if p.is_file()}


def test_a_finished_build_replaces_the_site_and_nothing_else(tmp_path: Path) -> None:
    site = SiteDir.of(make_site(tmp_path / "site", "old"))
    (tmp_path / "site").chmod(0o750)
    neighbours = [make_site(tmp_path / "site-old", "mine"), make_site(tmp_path / ".site.other", "mine")]
    building = site.start()
    assert building.parent == tmp_path and [p.name for p in building.iterdir()] == [UNFINISHED]
    make_site(building, "new")
    site.swap_in()
    assert contents(tmp_path / "site") == {"index.html": "new", "releases/index.html": "new"}
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.other", "site", "site-old"]
    assert all(contents(folder) == {"index.html": "mine", "releases/index.html": "mine"} for folder in neighbours)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_on_linux_the_site_and_the_build_change_places_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No moment without a site: the swap is one exchange, not two renames."""
    site = SiteDir.of(make_site(tmp_path / "site", "old"))
    make_site(site.start(), "new")

    def no_rename(*args: object) -> None:
        raise AssertionError("renamed: the site was missing for a moment")

    monkeypatch.setattr(os, "rename", no_rename)
    site.swap_in()
    assert contents(tmp_path / "site") == {"index.html": "new", "releases/index.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_without_an_exchange_the_swap_is_two_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsroom.sitedir._exchange", lambda first, second: False)
    site = SiteDir.of(make_site(tmp_path / "site", "old"))
    (tmp_path / "site" / ".git").mkdir()
    make_site(site.start(), "new")
    site.swap_in()
    assert contents(tmp_path / "site") == {"index.html": "new", "releases/index.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (tmp_path / "site" / ".git").is_dir()


def test_a_kill_after_the_exchange_keeps_the_hidden_entries(tmp_path: Path) -> None:
    # Killed after the folders changed places and before the old site was removed: it sits where
    # the build was, with the deploy checkout's .git, which the next build moves back into the site.
    site = SiteDir.of(make_site(tmp_path / "site", "new"))
    make_site(site.building, "old")
    (site.building / ".git").mkdir()
    site.start()
    assert (tmp_path / "site" / ".git").is_dir()
    assert contents(tmp_path / "site") == {"index.html": "new", "releases/index.html": "new"}


def test_a_kill_between_the_two_renames_is_undone_by_the_next_build(tmp_path: Path) -> None:
    site = SiteDir.of(make_site(tmp_path / "site", "old"))
    make_site(site.start(), "new, never finished")
    os.rename(tmp_path / "site", site.previous)  # the first rename of a swap, then the kill
    site.start()
    assert contents(tmp_path / "site") == {"index.html": "old", "releases/index.html": "old"}
    assert not site.previous.exists() and [p.name for p in site.building.iterdir()] == [UNFINISHED]


@pytest.mark.parametrize("ended", ["failed", "killed"])
def test_an_unfinished_build_moves_nothing_into_the_site(tmp_path: Path, ended: str) -> None:
    """A build that failed (or was killed: the next build clears it) is removed whole: hidden
    files it wrote (a site that publishes ``.well-known/``) never reach the site it did not replace."""
    site = SiteDir.of(make_site(tmp_path / "site", "old"))
    building = site.start()
    make_site(building, "new, never finished")
    (building / ".well-known").mkdir()
    (building / ".well-known" / "security.txt").write_text("Contact: mailto:new@example.com\n")
    site.discard() if ended == "failed" else site.start()
    assert contents(tmp_path / "site") == {"index.html": "old", "releases/index.html": "old"}
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html", "releases"]


def test_hidden_entries_stay_with_the_site(tmp_path: Path) -> None:
    """MkDocs leaves a site's hidden files (a deploy checkout's .git) when it cleans; so does the swap,
    also when the build was killed after the swap and before the previous site was removed."""
    site = SiteDir.of(make_site(tmp_path / "site", "old"))
    (tmp_path / "site" / ".git").mkdir()
    (tmp_path / "site" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    make_site(site.start(), "new")
    site.swap_in()
    assert (tmp_path / "site" / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    # Killed after the swap: the previous site, with the hidden folder, is still beside the new one.
    os.rename(tmp_path / "site" / ".git", tmp_path / "git")
    make_site(tmp_path / ".site.newsroom-previous", "old")
    os.rename(tmp_path / "git", tmp_path / ".site.newsroom-previous" / ".git")
    site.start()
    assert (tmp_path / "site" / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert contents(tmp_path / "site")["index.html"] == "new"


def test_links_are_followed_never_replaced(tmp_path: Path) -> None:
    # A site_dir that is a link to the web server's folder: the folder is swapped, the link stays.
    served = make_site(tmp_path / "www" / "newsroom", "old")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "site").symlink_to(served)
    site = SiteDir.of(tmp_path / "project" / "site")
    make_site(site.start(), "new")
    site.swap_in()
    assert (tmp_path / "project" / "site").is_symlink()
    assert contents(tmp_path / "project" / "site")["index.html"] == "new"
    # A link where a leftover would be is not ours: neither it nor what it leads to is removed.
    keep = make_site(tmp_path / "keep", "keep")
    (tmp_path / "www" / ".newsroom.newsroom-previous").symlink_to(keep)
    site.start()
    assert (tmp_path / "www" / ".newsroom.newsroom-previous").is_symlink()
    assert contents(keep)["index.html"] == "keep"


def test_a_mount_point_is_refused_before_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = SiteDir.of(make_site(tmp_path / "site", "old"))
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == site.path)
    with pytest.raises(OSError, match="mount point"):
        site.start()
    assert not site.building.exists()


HOLDER = """
import sys
from newsroom.sitedir import UNFINISHED, SiteDir
SiteDir.of(sys.argv[1]).lock(lambda holder: None)
print("locked", flush=True)
sys.stdin.read()
"""


def test_the_lock_waits_for_the_build_that_holds_it(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path / "site")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline() == "locked\n"
        heard: list[str] = []

        def waiting(pid: str) -> None:
            heard.append(pid)
            holder.stdin.close()  # the other build ends; its lock goes with it

        SiteDir.of(tmp_path / "site").lock(waiting)
        assert heard == [str(holder.pid)]
        assert holder.wait(timeout=60) == 0
        assert (tmp_path / ".site.newsroom-lock").read_text() == f"{os.getpid()}\n"
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
