"""Work on a second core with forked processes, for the two heavy steps of a build: parsing
releases (``fork_map``, every core) and rendering feeds (``in_background``, beside MkDocs'
rendering of the pages).

Workers are forked, so they inherit the function and its inputs from memory: only results and
failures travel back (pickled). Where fork is not available, or there is one core, or too little
work to pay for the start-up, the caller's process does the work itself. A worker dies with the
process that forked it, even one killed outright, so a killed build leaves no worker running.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")

# The function and inputs of the map under way: set before the workers fork, never pickled.
_SHARED: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _find_prctl() -> Callable[..., int] | None:
    """Linux's prctl(2) from the C library, or None where there is none."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_prctl = _find_prctl()
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """First thing in a forked worker: end it when ``parent`` ends, however it ends.

    On Linux the kernel sends SIGKILL when the thread that forked the worker ends (the build's
    thread, which joins its workers before it goes on); elsewhere a thread watches for the worker
    being handed to another parent.
    """
    if _prctl is None or _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent was gone before the watch began
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _call(index: int) -> Any:
    assert _SHARED is not None
    function, items = _SHARED
    return function(items[index])


def _can_fork() -> bool:
    return (os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()


def fork_map(function: Callable[[T], R], items: Sequence[T], minimum: int) -> list[R] | None:
    """``[function(item) for item in items]`` on every core, in order; None when not worth it."""
    global _SHARED
    cores = os.cpu_count() or 1
    if len(items) < minimum or not _can_fork():
        return None
    _SHARED = (function, items)
    # The parent's objects move out of the collector's sight, so a worker's collections do not
    # write to (and so copy) every page of memory it shares with the parent.
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=cores, mp_context=multiprocessing.get_context("fork"), initializer=_die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            return list(pool.map(_call, range(len(items)), chunksize=max(1, len(items) // (cores * 4))))
    finally:
        gc.unfreeze()
        _SHARED = None


@dataclass
class Background(Generic[R]):
    """A function running in a forked process (``in_background``); ``wait`` for its result."""

    process: BaseProcess | None
    # The pipe the process sends its result, or its failure, down.
    results: Connection | None
    # The result of a function called in this process (no fork).
    result: R | None = None

    def wait(self) -> R | None:
        """The function's result once it has returned; its failure is raised here as a ``RuntimeError``."""
        if self.process is None or self.results is None:
            return self.result
        try:
            # A pipe closed without a word (the process was killed) reads as EOFError; the
            # result is read before the join, as a large one fills the pipe before the process ends.
            sent = self.results.recv()
        except EOFError:
            sent = ("failed", None)
        self.process.join()
        gc.unfreeze()
        code, self.process = self.process.exitcode, None
        self.results.close()
        how, value = sent
        if code != 0 or how != "returned":
            raise RuntimeError((value if how == "failed" else None) or f"the background process ended with exit code {code}")
        return cast(R, value)

    def running(self) -> bool:
        """Whether the function is still at work."""
        return self.process is not None and self.process.is_alive()

    def cancel(self) -> None:
        """Stop the function where it is (the build failed meanwhile)."""
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            gc.unfreeze()
            self.process = None


def _stopped(signum: int, frame: object) -> None:
    raise SystemExit(1)


def _run(function: Callable[[], R], results: Connection, parent: int) -> None:
    _die_with_parent(parent)
    # Stopped by ``Background.cancel``, the function unwinds as an interrupted program does, so
    # a file it was writing whole or not at all (``manifest.replacing``) is not left behind.
    signal.signal(signal.SIGTERM, _stopped)
    try:
        result = function()
    except BaseException as exc:  # reported to the parent by ``Background.wait``
        results.send(("failed", f"{type(exc).__name__}: {exc}"))
        raise SystemExit(1) from None
    results.send(("returned", result))


def in_background(function: Callable[[], R]) -> Background[R]:
    """Call ``function`` in a forked process while this one goes on; without fork, call it now."""
    if not _can_fork():
        return Background(None, None, function())
    receiving, sending = multiprocessing.Pipe(duplex=False)
    gc.freeze()  # as in fork_map; until ``wait``, the parent's collections leave those objects alone too
    process = multiprocessing.get_context("fork").Process(target=_run, args=(function, sending, os.getpid()), daemon=True)
    try:
        process.start()
    except BaseException:
        gc.unfreeze()
        raise
    finally:
        sending.close()
    return Background(process, receiving)
