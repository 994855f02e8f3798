"""WebSub: hub links in every feed of a built site, websub.json, and the Pages workflow's two steps
(which feeds changed, then the hub's ping) run as the workflow runs them, against HTTP servers on
127.0.0.1: one serving the deployed site, one playing the hub and recording what it is sent.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs
from xml.etree import ElementTree

import pytest
import yaml

from .helpers import ATOM, ROOT, copy_project, run_build
from .httpserver import serve, serving

HUB = "https://hub.example/"
EPOCH = 1640995200  # 2022-01-01
LATER = 1685577600  # 2023-06-01: the release below is out
NEW_RELEASE = (
    "2023-05-02-webcast.txt",
    "May 2, 2023\n\nCellectar Announces a Webcast on CLR 131 Results\n\n"
    "MADISON, Wis., May 2, 2023 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) will hold a webcast on CLR 131 results.\n",
)


def workflow_step(name: str) -> dict[str, object]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    (step,) = [step for step in steps if step.get("name") == name]
    return step


def run_step(name: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A workflow step's ``run`` script in bash as GitHub runs it (-e, pipefail), with this venv's newsroom."""
    step = workflow_step(name)
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", **env}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", str(step["run"])], cwd=cwd, env=environment, capture_output=True, text=True, timeout=300
    )


def with_hub(project: Path, hub: str = HUB) -> Path:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - newsroom:\n", f"  - newsroom:\n      websub_hub: {hub}\n"), encoding="utf-8")
    return project


def feed_files(site: Path) -> list[Path]:
    return sorted(path for name in ("feed.xml", "atom.xml", "feed.json") for path in site.rglob(name))


# --------------------------------------------------------------------------- the built feeds


@pytest.fixture(scope="module")
def hub_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = with_hub(copy_project(tmp_path_factory.mktemp("websub") / "project"))
    run_build(project, env={"SITE_URL": "https://ir.example.com/", "SOURCE_DATE_EPOCH": str(EPOCH)})
    return project / "site"


def test_every_feed_names_the_hub_and_itself(hub_site: Path) -> None:
    files = feed_files(hub_site)
    assert len(files) >= 3 * 5  # the site's and its tags' and products'
    for path in files:
        url = "https://ir.example.com/" + path.relative_to(hub_site).as_posix()
        if path.suffix == ".json":
            document = json.loads(path.read_bytes())
            assert document["hubs"] == [{"type": "WebSub", "url": HUB}] and document["feed_url"] == url, path
            continue
        root = ElementTree.fromstring(path.read_bytes())
        links = root.findall(f"channel/{ATOM}link") if path.name == "feed.xml" else root.findall(f"{ATOM}link")
        rels = {(link.get("rel"), link.get("href")) for link in links}
        assert {("hub", HUB), ("self", url)} <= rels, path


def test_websub_json_has_every_feed_and_its_digest(hub_site: Path) -> None:
    manifest = json.loads((hub_site / "websub.json").read_bytes())
    assert manifest["hub"] == HUB and manifest["url"] == "https://ir.example.com/websub.json"
    expected = {"https://ir.example.com/" + path.relative_to(hub_site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in feed_files(hub_site)}
    assert manifest["feeds"] == expected


def test_no_hub_no_manifest_and_no_changes(seed_site: Path, tmp_path: Path) -> None:
    assert not (seed_site / "websub.json").exists()
    assert b'rel="hub"' not in (seed_site / "feed.xml").read_bytes()
    output = tmp_path / "output"
    result = run_step("List the feeds that changed, for the WebSub hub", seed_site.parent, {"GITHUB_OUTPUT": str(output)})
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8") == "changes=\n"
    assert "no websub_hub" in result.stderr


# --------------------------------------------------------------------------- which feeds changed


@dataclass
class Deployed:
    """A site built and served as if deployed, then the project rebuilt with one more release."""

    url: str
    deployed: Path
    project: Path


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    root = tmp_path_factory.mktemp("deployed")
    (root / "live").mkdir()
    with serve(root / "live") as url:
        project = with_hub(copy_project(root / "project"))
        run_build(project, env={"SITE_URL": url, "SOURCE_DATE_EPOCH": str(EPOCH)})
        shutil.copytree(project / "site", root / "live", dirs_exist_ok=True)
        name, text = NEW_RELEASE
        (project / "content" / "releases" / name).write_text(text, encoding="utf-8")
        run_build(project, env={"SITE_URL": url, "SOURCE_DATE_EPOCH": str(LATER)})
        yield Deployed(url, root / "live", project)


def changes_step(project: Path, tmp_path: Path) -> dict[str, object] | None:
    output = tmp_path / "github-output"
    result = run_step("List the feeds that changed, for the WebSub hub", project, {"GITHUB_OUTPUT": str(output)})
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert text.startswith("changes=") and text.endswith("\n") and text.count("\n") == 1
    value = text[len("changes=") : -1]
    return json.loads(value) if value else None


def test_changed_feeds_are_those_whose_bytes_differ_from_the_deployed_ones(deployed: Deployed, tmp_path: Path) -> None:
    site = deployed.project / "site"
    expected = [
        deployed.url + path.relative_to(site).as_posix()
        for path in feed_files(site)
        if not (deployed.deployed / path.relative_to(site)).is_file() or (deployed.deployed / path.relative_to(site)).read_bytes() != path.read_bytes()
    ]
    unchanged = len(feed_files(site)) - len(expected)
    assert expected and unchanged  # the site's feeds and the webcast's tags changed; other tags did not
    assert deployed.url + "feed.json" in expected
    found = changes_step(deployed.project, tmp_path)
    assert found is not None and found["hub"] == HUB
    assert sorted(found["feeds"]) == sorted(expected)  # type: ignore[arg-type]


def test_nothing_changed_nothing_to_ping(deployed: Deployed, tmp_path: Path) -> None:
    result = subprocess.run(
        [Path(sys.executable).parent / "newsroom", "websub", "changes", str(deployed.project / "site"), "--previous", str(deployed.project / "site" / "websub.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout == "", result.stderr


def test_first_deploy_every_feed_changed(deployed: Deployed, tmp_path: Path) -> None:
    """No websub.json deployed yet (a 404): the hub hears of every feed."""
    site = deployed.project / "site"
    result = subprocess.run(
        [Path(sys.executable).parent / "newsroom", "websub", "changes", str(site), "--previous", deployed.url + "missing/websub.json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(json.loads(result.stdout)["feeds"]) == sorted(deployed.url + path.relative_to(site).as_posix() for path in feed_files(site))


def test_an_unreadable_deployed_manifest_counts_every_feed_as_changed(deployed: Deployed, tmp_path: Path) -> None:
    site = deployed.project / "site"
    garbage = tmp_path / "websub.json"
    garbage.write_text("<!doctype html><title>Not found</title>", encoding="utf-8")
    result = subprocess.run(
        [Path(sys.executable).parent / "newsroom", "websub", "changes", str(site), "--previous", str(garbage)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "every feed counts as changed" in result.stderr, result.stderr
    assert len(json.loads(result.stdout)["feeds"]) == len(feed_files(site))


# --------------------------------------------------------------------------- the ping


@dataclass
class Hub:
    """What a hub on 127.0.0.1 received, and how it answers (status by feed, or a stall)."""

    received: list[tuple[str, str, str, dict[str, list[str]]]] = field(default_factory=list)
    status: dict[str, int] = field(default_factory=dict)
    stall: float = 0.0

    def handler(self) -> type[BaseHTTPRequestHandler]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("ascii")
                form = parse_qs(body, strict_parsing=True)
                hub.received.append((self.command, self.path, self.headers.get("Content-Type") or "", form))
                time.sleep(hub.stall)
                self.send_response(hub.status.get(form["hub.url"][0], 204))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


FEEDS = ["https://ir.example.com/feed.xml", "https://ir.example.com/tags/patents/feed.json"]


def ping_step(changes: str) -> subprocess.CompletedProcess[str]:
    return run_step("Ping the WebSub hub", ROOT, {"CHANGES": changes})


def test_the_workflow_pings_the_hub_once_per_changed_feed() -> None:
    hub = Hub()
    with serving(hub.handler()) as url:
        result = ping_step(json.dumps({"hub": url + "publish", "feeds": FEEDS}))
    assert result.returncode == 0, result.stderr
    assert hub.received == [("POST", "/publish", "application/x-www-form-urlencoded", {"hub.mode": ["publish"], "hub.url": [feed]}) for feed in FEEDS]


def test_a_refused_ping_fails_the_step_after_trying_every_feed() -> None:
    hub = Hub(status={FEEDS[0]: 500})
    with serving(hub.handler()) as url:
        result = ping_step(json.dumps({"hub": url, "feeds": FEEDS}))
    assert result.returncode != 0
    assert [form["hub.url"][0] for *_, form in hub.received] == FEEDS
    assert f"FAILED {url}: {FEEDS[0]}" in result.stderr and "1 of 2 feed(s)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_hub_that_does_not_answer_does_not_hold_the_step() -> None:
    hub = Hub(stall=5.0)
    with serving(hub.handler()) as url:
        result = subprocess.run(
            [Path(sys.executable).parent / "newsroom", "websub", "ping", "--timeout", "0.5", "-"],
            input=json.dumps({"hub": url, "feeds": FEEDS[:1]}),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0 and "timed out" in result.stderr, result.stderr


def test_no_changes_no_ping() -> None:
    result = ping_step("")
    assert result.returncode == 0 and "nothing to tell the hub" in result.stderr


def test_a_changes_file_that_is_not_utf8_is_a_clean_error(tmp_path: Path) -> None:
    changes = tmp_path / "changes.json"
    changes.write_bytes(b"\xff\xfe{}")
    result = subprocess.run([Path(sys.executable).parent / "newsroom", "websub", "ping", str(changes)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"Error: {changes}: 'utf-8' codec can't decode"), result.stderr


def test_the_ping_job_runs_only_after_a_deploy_and_only_with_changes() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["websub"]
    assert set(job["needs"]) == {"build", "deploy"}
    assert job["if"] == "needs.build.outputs.websub != ''"
    assert workflow["jobs"]["build"]["outputs"]["websub"] == "${{ steps.websub.outputs.changes }}"
