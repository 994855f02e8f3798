"""Work spread over every core with forked workers, for the two heavy steps of a large build:
parsing releases and rendering feeds.

Workers are forked, so they inherit the function and its inputs from memory: only the results
travel back (pickled). Where fork is not available, or there is one core, or too little work
to pay for the start-up, ``fork_map`` says so and the caller does the work itself.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The function and inputs of the map under way: set before the workers fork, never pickled.
_SHARED: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _call(index: int) -> Any:
    assert _SHARED is not None
    function, items = _SHARED
    return function(items[index])


def fork_map(function: Callable[[T], R], items: Sequence[T], minimum: int) -> list[R] | None:
    """``[function(item) for item in items]`` on every core, in order; None when not worth it."""
    global _SHARED
    cores = os.cpu_count() or 1
    if len(items) < minimum or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    _SHARED = (function, items)
    # The parent's objects move out of the collector's sight, so a worker's collections do not
    # write to (and so copy) every page of memory it shares with the parent.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_call, range(len(items)), chunksize=max(1, len(items) // (cores * 4))))
    finally:
        gc.unfreeze()
        _SHARED = None
