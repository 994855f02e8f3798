"""Live preview: the real `mkdocs serve` on a loopback port follows every edit, and survives a bad one.

MkDocs 1.6 reloads mkdocs.yml on every rebuild but keeps the newsroom plugin (it has
``on_startup``), which sets all its build state again in on_config and on_pre_build; the parse
cache in newsroom.collection is keyed by content, so a changed release is parsed again and a
deleted one is gone. A failed rebuild would stall every request until fixed (MkDocs waits for a
good build before answering), so under `serve` a release that cannot be published is logged as
an error and left out of the preview while the rest is served. Every wait is bounded; the server
is stopped in ``finally``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .helpers import FIXTURES, copy_project, edit_seed_and_a_fact, release_path, serving


def test_serve_follows_edits_and_survives_a_broken_release(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    releases = project / "content" / "releases"
    fixture = FIXTURES / "wire" / "gnw-embargoed.txt"
    headline = yaml.safe_load(fixture.with_suffix(".yml").read_text(encoding="utf-8"))["headline"]

    with serving(project) as server:
        # A release's text changes: its page shows the new words (no stale parse); then the
        # catalogue: the product's page and the release's fact box follow.
        seed_path = edit_seed_and_a_fact(server, project)
        assert "Pemberwick edition" in server.text(seed_path)

        # The tag rules change: a new topic appears on its page and on the release.
        tags = project / "content" / "tags.yml"
        tags.write_text(tags.read_text(encoding="utf-8") + "  - name: Kestrel news\n    phrases: [Kestrelbrook]\n", encoding="utf-8")
        server.wait_for("the new topic's page", lambda: server.get("tags/kestrel-news/")[0] == 200)
        assert "Kestrel news" in server.text(seed_path)

        # A new release appears; deleted, its page is gone and so is its listing.
        added = releases / fixture.name
        added.write_bytes(fixture.read_bytes())
        server.wait_for("the added release", lambda: headline in server.text("releases/"))
        added_path = release_path(server, headline)
        assert server.get(added_path)[0] == 200
        added.unlink()
        server.wait_for(
            "the deleted release to disappear",
            lambda: server.get(added_path)[0] == 404 and headline not in server.text("releases/") and "Pemberwick edition" in server.text(seed_path),
        )

        # A release that cannot be published: the log names it, and the server keeps serving the rest.
        broken = releases / "2021-05-05-broken.txt"
        broken.write_bytes(b"")
        server.wait_for("the error in the log", lambda: "releases/2021-05-05-broken.txt" in server.log)
        error_lines = [line for line in server.log.splitlines() if "2021-05-05-broken.txt" in line]
        assert any(line.startswith("ERROR") for line in error_lines), error_lines
        assert "Kestrelbrook" in server.text(seed_path)
        assert server.get("releases/")[0] == 200

        # Fixed, it is published and the server carries on.
        broken.write_bytes(fixture.read_bytes())
        server.wait_for("recovery after the fix", lambda: headline in server.text("releases/"))
        assert server.get(release_path(server, headline))[0] == 200
        assert "Traceback" not in server.log
