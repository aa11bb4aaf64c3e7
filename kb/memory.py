"""Python's cycle collector, paused while kb builds large short-lived structures.

Consolidating a batch into a large database reads hundreds of thousands of rows and makes
as many objects, which live until the batch is written. The collector runs each time
allocations outnumber deallocations by a few hundred, and now and then walks every object
the process holds: a fifth of the time of loading 1,000 articles into a database of 100,000
went to it, for nothing, since what a batch makes is freed by reference counting when it
ends. Garbage in cycles made meanwhile is collected once the collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block; leave it as it was found (a caller that
    paused it already keeps it paused)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def with_collector_paused(function: Callable[P, R]) -> Callable[P, R]:
    """`function`, run with the cycle collector paused (collector_paused)."""

    @wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return function(*args, **kwargs)

    return paused
