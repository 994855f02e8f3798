"""`mkdocs serve` re-does only what an edit touches (release renderings come from the build cache's
memory), yet after a sequence of edits every file it serves is byte for byte what a clean `mkdocs
build` of the same project writes, search index and feeds included."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from .helpers import FIXTURES, SEED_NAME, Server, commit, copy_project, edit_seed_and_a_fact, git, release_path, run_build, serving

EMBARGOED = FIXTURES / "wire" / "gnw-embargoed.txt"
EASTERN = ZoneInfo("America/New_York")


def without_livereload(body: bytes) -> bytes:
    """A page as served minus the live-reload script MkDocs puts just before its last </body>."""
    end = body.rfind(b"</body>")
    if end < 0 or not body[:end].endswith(b"</script>"):
        return body
    return body[: body.rindex(b"<script>", 0, end)] + body[end:]


def comparable(name: str, body: bytes) -> bytes:
    """A file as compared: releases.json says when it was generated, the one field two builds
    of the same project made at different moments cannot share, so it is left out."""
    if name != "releases.json":
        return body
    data = json.loads(body)
    assert data.pop("generated")
    return json.dumps(data, sort_keys=True).encode("utf-8")


def embargoed_release(until: datetime) -> bytes:
    """The embargoed fixture moved to ``until`` (Eastern time, whole minutes)."""
    text = EMBARGOED.read_text(encoding="utf-8")
    text = text.replace("08:00 AM ET, MARCH 3, 2021", f"{until:%I:%M %p} ET, {until:%B} {until.day}, {until.year}".upper())
    return text.replace("March 3, 2021", f"{until:%B} {until.day}, {until.year}").encode("utf-8")


def test_served_files_equal_a_clean_build_after_edits(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    releases = project / "content" / "releases"
    for name in ("gnw-financial-table.txt", "accesswire-us.txt", "bw-two-subheadlines-crlf.txt"):
        shutil.copy2(FIXTURES / "wire" / name, releases / name)
    doomed = yaml.safe_load((FIXTURES / "wire" / "accesswire-us.yml").read_text(encoding="utf-8"))["headline"]

    with serving(project) as server:
        # A release's words, then a catalogue fact.
        edit_seed_and_a_fact(server, project)

        # A tag rule.
        tags = project / "content" / "tags.yml"
        tags.write_text(tags.read_text(encoding="utf-8") + "  - name: Kestrel news\n    phrases: [Kestrelbrook]\n", encoding="utf-8")
        server.wait_for("the new topic", lambda: server.get("tags/kestrel-news/")[0] == 200)

        # A deletion.
        doomed_path = release_path(server, doomed)
        (releases / "accesswire-us.txt").unlink()
        server.wait_for("the deleted release to go", lambda: server.get(doomed_path)[0] == 404)

        # An embargo passing: held at first, published by the first rebuild after its time.
        until = (datetime.now(EASTERN) + timedelta(seconds=80)).replace(second=0, microsecond=0)
        embargoed = releases / "embargoed-today.txt"
        embargoed.write_bytes(embargoed_release(until))
        server.wait_for("the release to be held", lambda: "embargoed-today.txt until" in server.log)
        headline = yaml.safe_load(EMBARGOED.with_suffix(".yml").read_text(encoding="utf-8"))["headline"]
        assert headline not in server.text("releases/")
        server.wait_for("the embargo time", lambda: datetime.now(EASTERN) > until + timedelta(seconds=2))
        tags.write_text(tags.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
        server.wait_for("the embargoed release", lambda: headline in server.text("releases/"))

        assert_served_as_built(server, project, tmp_path / "fresh")
        assert server.fetch(doomed_path)[0] == 404


def assert_served_as_built(server: Server, project: Path, fresh: Path) -> None:
    """Every file a clean build of ``project`` (copied to ``fresh``) writes is served, byte for byte."""
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".cache", "site"))
    # `mkdocs serve` publishes at its own address (site_url is the server's), so the build does too.
    run_build(fresh, env={"SITE_URL": server.url})
    site = fresh / "site"
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert "search/search_index.json" in files and "feed.xml" in files
    differing = []
    for name in files:
        status, body = server.fetch(name, timeout=30)
        if status != 200 or comparable(name, without_livereload(body)) != comparable(name, (site / name).read_bytes()):
            differing.append(name)
    assert not differing, f"{len(differing)} of {len(files)} files differ from a clean build, first: {differing[:5]}"


# Words deep in the seed's text (past its lead, which listings and feeds show as its description).
SEED_DEEP = "The granted patent covers the use of CLR 131"
PREVIEWED = "previewed the text of releases/"
# What `mkdocs serve` logs as each whole build begins (not "Documentation built in N seconds": MkDocs
# drops a build message it has logged before, so a rebuild as quick as an earlier one says nothing).
WHOLE_BUILD = "Building documentation..."


def test_a_text_edit_is_previewed_in_place_and_equals_a_clean_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    releases = project / "content" / "releases"
    other = releases / "gnw-financial-table.txt"
    shutil.copy2(FIXTURES / "wire" / other.name, other)
    seed = releases / SEED_NAME
    with serving(project) as server:
        seed_path = release_path(server, "Cellecstar Biosciences Announces Additional US Patent")
        seed.write_bytes(seed.read_bytes().replace(SEED_DEEP.encode(), f"Pemberwick {SEED_DEEP}".encode(), 1))
        server.wait_for("the edited release", lambda: f"Pemberwick {SEED_DEEP}" in server.text(seed_path))
        assert server.log.count(PREVIEWED) == 1, server.log
        # Its search entry, its feeds and releases.json follow the edit.
        server.wait_for("the search index", lambda: "Pemberwick" in server.get("search/search_index.json")[1])
        server.wait_for("the feed", lambda: "Pemberwick" in server.get("feed.xml")[1])

        # The same release again and a second one, a word in the middle of its text.
        seed.write_bytes(seed.read_bytes().replace(b"Pemberwick", b"Kestrelbrook", 1))
        text = other.read_text(encoding="utf-8")
        middle = text.index(" the ", len(text) // 2)
        other.write_text(text[:middle] + " the Zqxvole " + text[middle + 5 :], encoding="utf-8")
        server.wait_for("both edits", lambda: "Kestrelbrook" in server.text(seed_path) and "Zqxvole" in server.get("search/search_index.json")[1])
        assert_served_as_built(server, project, tmp_path / "fresh")
        assert server.log.count(PREVIEWED) >= 2 and WHOLE_BUILD not in server.log.split(PREVIEWED, 1)[1], server.log

        # A headline is shown by listings, feeds and every page's search: the whole site is built again.
        seed.write_bytes(seed.read_bytes().replace(b"Additional US Patent", b"Additional United States Patent", 1))
        server.wait_for("the new headline", lambda: "Additional United States Patent" in server.text("releases/"))
        assert WHOLE_BUILD in server.log.split(PREVIEWED)[-1], server.log
        assert_served_as_built(server, project, tmp_path / "fresh-again")


def test_a_correction_not_yet_committed_is_previewed_with_the_page_of_the_version_it_replaces(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    seed = project / "content" / "releases" / SEED_NAME
    git(project, "init", "-q", "-b", "main")
    commit(project, "The seed", datetime(2017, 1, 23, 18, tzinfo=EASTERN))
    corrected_on = re.compile(r'Corrected on <time datetime="([^"]+)"')
    superseded_on = re.compile(r'and corrected <time datetime="([^"]+)"')
    with serving(project) as server:
        seed_path = release_path(server, "Cellecstar Biosciences Announces Additional US Patent")
        # A correction begun: the release gains a second version (dated now), listings mark it: a whole build.
        seed.write_bytes(seed.read_bytes().replace(SEED_DEEP.encode(), f"Pemberwick {SEED_DEEP}".encode(), 1))
        server.wait_for("the correction", lambda: "Pemberwick" in server.get(seed_path)[1] and server.get(f"{seed_path}v1/")[0] == 200)
        assert PREVIEWED not in server.log
        (first,) = corrected_on.findall(server.get(seed_path)[1])
        assert superseded_on.findall(server.get(f"{seed_path}v1/")[1]) == [first]
        # The correction reworded before it is committed: previewed, and dated anew on both pages.
        seed.write_bytes(seed.read_bytes().replace(b"Pemberwick", b"Kestrelbrook", 1))
        server.wait_for("the reworded correction", lambda: "Kestrelbrook" in server.get(seed_path)[1])
        assert PREVIEWED in server.log and WHOLE_BUILD not in server.log.split(PREVIEWED, 1)[1], server.log
        (second,) = corrected_on.findall(server.get(seed_path)[1])
        assert second > first
        assert superseded_on.findall(server.get(f"{seed_path}v1/")[1]) == [second]
