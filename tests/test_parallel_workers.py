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

import pytest

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
