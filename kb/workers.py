"""Worker processes, for what kb does in parallel (`kb load --jobs`, `kb export`): a pool
whose workers die with the process that started them and leave Ctrl-C to it."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def _worker_start(parent: int) -> None:
    """In each worker, first: die with the parent (a CI timeout, the OOM killer or `kill`
    would otherwise leave workers holding the database and stdout for ever), and leave
    Ctrl-C to the parent, which cancels the pool and says how far the work got."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def pool(jobs: int) -> ProcessPoolExecutor:
    """`jobs` workers, started now, from this thread.

    On Linux each worker dies with the thread that forked it (prctl's death signal is the
    thread's, not the process's), so none may be forked by a thread that ends before the
    work does (kb.loading.parallel's feeder). A fork pool starts all its workers at the
    first task; it is asked for by name because Python 3.14 defaults to a fork server, whose
    children are not ours.
    """
    linux = sys.platform.startswith("linux")
    with _ctrl_c_held():
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("fork") if linux else None,
            initializer=_worker_start,
            initargs=(os.getpid(),),
        )
        pool.submit(int)
    return pool


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """SIGINT held back from this thread until the block is done, then delivered. A Ctrl-C
    between the forks of a pool's workers and the start of the thread that stops them
    left workers no one would stop, and Python's exit waited on them for ever."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no fork, no such window
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
