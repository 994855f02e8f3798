"""A build that is interrupted, fails or runs beside another never costs the previous site.

Real `mkdocs build --strict` processes on 1,000 generated releases (bench/generate.py). A build
is interrupted (SIGINT as Ctrl-C sends it, SIGKILL as the system does) at moments read from its
verbose log: during the parallel parse, as MkDocs cleans its output folder, in the middle of the
pages, and at the post-build steps; after each, ``site/`` must hold every byte of the previous
build (at the post-build steps, where the build may have finished before the signal lands, the
previous build or the whole new one), and no process the build forked may outlive it. A failed
write (a file size limit, the unprivileged stand-in for a full disk) and two builds at once get the
same check. Every wait is bounded; none is a measurement.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import ROOT, copy_project, free_port, run_build

_SPEC = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
assert _SPEC is not None and _SPEC.loader is not None
generate = sys.modules[_SPEC.name] = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(generate)

RELEASES = 1000
WAIT = 120.0  # seconds: an upper bound for one build on a busy machine, never a measurement
SURVIVORS = 20.0  # seconds a killed build's forked processes get to end
# "Now" for the builds: the generated releases run from 2006 to 2025, so an earlier "now" holds
# back the later ones and its site differs from a later one's in pages, listings and feeds.
LATE = str(1767225600)  # 2026-01-01
MIDDLE = str(1451606400)  # 2016-01-01

Digest = dict[str, str]


def digest(site: Path) -> Digest:
    """Every file and folder under ``site``, with the SHA-256 of each file's bytes."""
    tree: Digest = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        tree[name] = "folder" if path.is_dir() and not path.is_symlink() else hashlib.sha256(path.read_bytes()).hexdigest()
    return tree


def difference(found: Digest, expected: Digest) -> str:
    missing = sorted(expected.keys() - found.keys())
    extra = sorted(found.keys() - expected.keys())
    changed = sorted(name for name in found.keys() & expected.keys() if found[name] != expected[name])
    return f"{len(missing)} missing (e.g. {missing[:3]}), {len(extra)} extra (e.g. {extra[:3]}), {len(changed)} changed (e.g. {changed[:3]})"


def environment(epoch: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch, PYTHONUNBUFFERED="1")
    return env


def start_build(project: Path, log: Path, epoch: str = LATE) -> subprocess.Popen[bytes]:
    """A verbose `mkdocs build --strict` in ``project``, its output in ``log``."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose"],
            cwd=project, env=environment(epoch), stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )


def processes() -> list[tuple[int, int, int]]:
    """(process id, parent, process group) of every running process (Linux /proc; zombies have ended)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                state, parent, group = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:3]
            except (OSError, IndexError, ValueError):
                continue
            if state not in "ZX":
                found.append((int(entry.name), int(parent), int(group)))
    return found


def children(pid: int) -> set[int]:
    """The living processes whose parent is ``pid``."""
    return {child for child, parent, _ in processes() if parent == pid}


def group(pgid: int) -> set[int]:
    """A build's process group (it starts one): the build and every process it forked, even orphaned."""
    return {pid for pid, _, member in processes() if member == pgid}


def wait_until(what: str, condition: Callable[[], bool]) -> None:
    """Poll until ``condition`` holds, failing after ``WAIT`` seconds."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


class Log:
    """A build's log as it grows: how often a line containing a marker has been written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []
        self._tail = b""
        self._offset = 0

    def count(self, marker: str) -> int:
        with self.path.open("rb") as log:
            log.seek(self._offset)
            chunk = log.read()
        self._offset += len(chunk)
        *complete, self._tail = (self._tail + chunk).split(b"\n")
        self.lines += [line.decode("utf-8", "replace") for line in complete]
        return sum(marker in line for line in self.lines)


@dataclass(frozen=True)
class Moment:
    """Where to interrupt a build: at the ``count``-th log line holding ``marker``."""

    name: str
    signal: signal.Signals
    marker: str
    count: int = 1
    # Hold the build there until it has forked worker processes (the parallel parse).
    forked: bool = False
    # False when the build may have finished between the line and the signal.
    before_the_end: bool = True


MOMENTS = [
    Moment("parse", signal.SIGKILL, "Running `pre_build` event from plugin 'newsroom'", forked=True),
    Moment("cleaning", signal.SIGINT, "Cleaning site directory"),
    Moment("pages", signal.SIGKILL, "Building page releases/", count=RELEASES // 3),
    Moment("pages-ctrl-c", signal.SIGINT, "Building page releases/", count=2 * RELEASES // 3),
    Moment("search-index", signal.SIGINT, "Running `post_build` event from plugin 'material/search'", before_the_end=False),
    Moment("post-build", signal.SIGKILL, "Running `post_build` event from plugin 'newsroom'", before_the_end=False),
]


def interrupt(project: Path, moment: Moment) -> tuple[int, set[int]]:
    """Run a build, signal it at ``moment`` and wait for its end: its process group (its own id)
    and the processes it had forked then."""
    log = Log(project.parent / f"{moment.name}.log")
    process = start_build(project, log.path)
    try:
        deadline = time.monotonic() + WAIT
        while log.count(moment.marker) < moment.count:
            assert process.poll() is None, f"the build ended before {moment.name}:\n" + "\n".join(log.lines[-20:])
            assert time.monotonic() < deadline, f"timed out waiting for {moment.name}"
            time.sleep(0.002)
        forked = children(process.pid)
        if moment.forked:
            # The parse lasts a fraction of a second: the build is stopped while it is looked at,
            # and let on a step at a time until its workers are there.
            process.send_signal(signal.SIGSTOP)
            while not (forked := children(process.pid)):
                assert log.count("Cleaning site directory") == 0, "the build parsed without forking workers"
                process.send_signal(signal.SIGCONT)
                time.sleep(0.001)
                process.send_signal(signal.SIGSTOP)
        process.send_signal(moment.signal)
        process.send_signal(signal.SIGCONT)
        process.wait(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if moment.before_the_end:
        assert process.returncode != 0, f"{moment.name}: the interrupted build reported success"
    return process.pid, forked


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Digest]:
    """A project with 1,000 releases and its site as built at LATE, with that site's digest."""
    project = copy_project(tmp_path_factory.mktemp("archive") / "project")
    generate.generate(RELEASES, project / "content" / "releases", seed=11)
    run_build(project, env={"SOURCE_DATE_EPOCH": LATE})
    return project, digest(project / "site")


def copy_of(archive: tuple[Path, Digest], target: Path) -> Path:
    project, _ = archive
    shutil.copytree(project, target / "project", symlinks=True)
    return target / "project"


def withdraw_newest(project: Path) -> str:
    """A change for the next build to make: the newest release is taken down; its page's path."""
    newest = max((project / "content" / "releases").glob("2*.txt"))
    newest.unlink()
    return f"releases/{newest.stem}/index.html"


def folders(project: Path) -> set[str]:
    return {path.name for path in project.iterdir() if path.is_dir()}


def test_an_interrupted_build_leaves_the_previous_site_whole(archive: tuple[Path, Digest], tmp_path: Path) -> None:
    project = copy_of(archive, tmp_path)
    previous = archive[1]
    before = folders(project)
    withdrawn = withdraw_newest(project)
    assert withdrawn in previous

    outcomes: dict[str, Digest] = {}
    problems: list[str] = []
    for moment in MOMENTS:
        build, forked = interrupt(project, moment)
        if moment.forked and not forked:
            problems.append(f"{moment.name}: the parse forked no worker")
        # No process the build forked lives on after it (parse workers, the feed writer).
        deadline = time.monotonic() + SURVIVORS
        while (survivors := group(build)) and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in survivors:
            problems.append(f"{moment.name}: process {pid}, forked by the build, outlived it")
            os.kill(pid, signal.SIGKILL)
        outcomes[moment.name] = digest(project / "site")
        if moment.before_the_end and outcomes[moment.name] != previous:
            problems.append(f"{moment.name}: site/ is not the previous build: {difference(outcomes[moment.name], previous)}")
    assert not problems, "\n".join(problems)

    # The next build succeeds, makes the change, and leaves nothing of the interrupted ones behind.
    run_build(project, env={"SOURCE_DATE_EPOCH": LATE})
    rebuilt = digest(project / "site")
    assert withdrawn not in rebuilt and "index.html" in rebuilt
    assert folders(project) == before
    for moment in MOMENTS:
        if not moment.before_the_end:
            assert outcomes[moment.name] in (previous, rebuilt), f"{moment.name}: site/ is a mix: {difference(outcomes[moment.name], previous)}"


def test_two_builds_at_once_leave_one_whole_site(archive: tuple[Path, Digest], tmp_path: Path) -> None:
    # Over the site built at LATE, a build at LATE and one at MIDDLE run together; the first holds
    # back nothing, so a page of its own left among the second's would show.
    project = copy_of(archive, tmp_path)
    reference = copy_of(archive, tmp_path / "reference")
    run_build(reference, env={"SOURCE_DATE_EPOCH": MIDDLE})
    middle, late = digest(reference / "site"), archive[1]
    assert middle != late

    first_log, second_log = Log(tmp_path / "first.log"), Log(tmp_path / "second.log")
    first = start_build(project, first_log.path, LATE)
    second = None
    try:
        # The second starts once the first is reading the releases, well before it writes.
        wait_until("the first build to start", lambda: first_log.count("Running `pre_build` event from plugin 'newsroom'") > 0 or first.poll() is not None)
        second = start_build(project, second_log.path, MIDDLE)
        assert first.wait(timeout=WAIT) == 0, "\n".join(first_log.lines[-20:])
        assert second.wait(timeout=WAIT) == 0, "\n".join(second_log.lines[-20:])
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    # The site is the second build's, whole: the second waited for the first, and said so.
    final = digest(project / "site")
    assert final == middle, f"site/ is not the second build's: {difference(final, middle)}; against the first's: {difference(final, late)}"
    second_log.count("")
    waiting = [line for line in second_log.lines if re.search(r"^INFO .*newsroom: .*waiting", line)]
    assert waiting, "the second build did not say it waited"


@pytest.mark.parametrize(
    "limit",
    [
        pytest.param(64 * 1024, id="theme-assets"),  # MkDocs copying the theme's scripts fails
        pytest.param(2 * 1024 * 1024, id="search-index-and-feeds"),  # the last, largest files fail
    ],
)
def test_a_failed_write_keeps_the_previous_site(archive: tuple[Path, Digest], tmp_path: Path, limit: int) -> None:
    """A file size limit is what a full disk is to a build: writes fail with an OSError part-way."""
    project = copy_of(archive, tmp_path)
    before = folders(project)
    withdraw_newest(project)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, env=environment(LATE), capture_output=True, text=True, timeout=WAIT,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    site = digest(project / "site")
    assert site == archive[1], difference(site, archive[1])
    assert "Traceback" not in output, output
    assert re.search(r"^ERROR .*File too large.*left as it was", output, re.MULTILINE), output
    assert folders(project) == before


def test_a_strict_build_that_warns_keeps_the_previous_site(project: Path) -> None:
    """MkDocs aborts a --strict build on its warnings only after every post-build step."""
    run_build(project, env={"SOURCE_DATE_EPOCH": LATE})
    before, previous = folders(project), digest(project / "site")
    index = project / "content" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nSee [the annual report](annual-report.md).\n", encoding="utf-8")
    result = run_build(project, env={"SOURCE_DATE_EPOCH": LATE}, check=False)
    assert result.returncode != 0 and "annual-report.md" in result.stderr
    site = digest(project / "site")
    assert site == previous, difference(site, previous)
    assert folders(project) == before


def test_a_dirty_build_is_refused_and_keeps_the_site(project: Path) -> None:
    """`--dirty` rewrites only the pages whose files changed: a release held back since (an
    embargo line added) stayed on its page and in the listings. So it is refused, site kept."""
    run_build(project, env={"SOURCE_DATE_EPOCH": LATE})
    before, previous = folders(project), digest(project / "site")
    (seed,) = (project / "content" / "releases").glob("2017-01-24-*.txt")
    seed.write_text("EMBARGOED UNTIL 8:00 a.m. ET, January 24, 2099\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    dirty = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty"], cwd=project, env=environment(LATE), capture_output=True, text=True, timeout=WAIT)
    assert dirty.returncode != 0 and "Traceback" not in dirty.stderr, dirty.stderr
    assert "newsroom: --dirty is refused" in dirty.stderr
    site = digest(project / "site")
    assert site == previous, difference(site, previous)
    assert folders(project) == before


def test_serve_dirty_is_refused_too(project: Path) -> None:
    """`mkdocs serve --dirty` kept a removed or held-back release in its preview: refused, saying why."""
    serve = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{free_port()}"]
    refused = subprocess.run(serve, cwd=project, env=environment(LATE), capture_output=True, text=True, timeout=WAIT)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr, refused.stderr
    assert "newsroom: --dirty is refused" in refused.stderr
