"""Processes forked by newsroom.parallel die with the process that forked them, even when it is
killed outright (SIGKILL runs no clean-up): a killed build leaves no worker behind, holding memory,
the site lock or files. On Linux the kernel does it (PR_SET_PDEATHSIG); elsewhere a thread in the
worker watches its parent; both are tested here with workers that would otherwise run for minutes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsroom import parallel
from newsroom.manifest import replacing

from .helpers import alive

SURVIVORS = 20.0  # seconds the workers of a killed parent get to end

# Workers print their process id and then block; the parent waits for them.
SCRIPT = """
import os, sys, time
from newsroom import parallel
if sys.argv[1] == "watch":
    parallel._prctl = None  # as on a system without prctl: the portable parent watch
def block(_item=None):
    os.write(1, b"%d\\n" % os.getpid())  # one write: two workers do not interleave
    time.sleep(600)
if sys.argv[2] == "fork_map":
    parallel.fork_map(block, range(2), minimum=1)
else:
    parallel.in_background(block).wait()
"""


@pytest.mark.parametrize("how", ["prctl", "watch"])
@pytest.mark.parametrize("runner", ["fork_map", "in_background"])
def test_workers_die_with_a_killed_parent(how: str, runner: str) -> None:
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT, how, runner], stdout=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        assert parent.stdout is not None
        for _ in range(2 if runner == "fork_map" else 1):
            workers.append(int(parent.stdout.readline()))
        assert all(map(alive, workers))
        parent.kill()
        parent.wait(timeout=30)
        deadline = time.monotonic() + SURVIVORS
        while any(map(alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(alive, workers)), f"workers outlived their parent: {[w for w in workers if alive(w)]}"
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def test_a_cancelled_background_writer_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    """A preview stops the feed writer when the next edit comes: the feed it was writing stays
    as it was, whole, and its temporary file is gone (manifest.replacing, Background.cancel)."""
    target = tmp_path / "feed.xml"
    target.write_text("<old/>\n", encoding="utf-8")
    started = tmp_path / "started"

    def write() -> None:
        with replacing(target) as path:
            path.write_text("<new>part", encoding="utf-8")
            started.touch()
            time.sleep(60)

    writer = parallel.in_background(write)
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert started.exists() and writer.running()
    assert len(list(tmp_path.iterdir())) == 3  # the feed, the marker and the temporary file
    writer.cancel()
    assert target.read_text(encoding="utf-8") == "<old/>\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["feed.xml", "started"]


def test_a_file_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "feed.json"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(target) as path:
        path.write_text("half", encoding="utf-8")
        raise RuntimeError("failed mid-way")
    assert target.read_text(encoding="utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["feed.json"]
    with replacing(target) as path:
        path.write_text("new\n", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new\n" and [p.name for p in tmp_path.iterdir()] == ["feed.json"]
    assert target.stat().st_mode & 0o777 == 0o644
