"""How the `kb` process ends once a command is done: without Python's teardown.

Tearing down the interpreter frees every object of every module one by one, and SQLAlchemy's
(its ORM, the models) are many: measured on whole `kb query` calls, 0.08 to 0.17 s between
the command's last line and the process's end, a fifth of the call. The command has closed
its database and files by then, so the process flushes what it printed, runs the exit
handlers (a caller's, logging's, multiprocessing's) and ends at once, as Instagram's
servers skip the same teardown. A process that still has a thread at work, or an exit whose
code is not a number, ends the ordinary way.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn


def leave(code: int) -> NoReturn:
    """End the process with exit `code`, its output flushed and its exit handlers run."""
    # A closed or broken stream ends the ordinary way too: Python's own exit reports it.
    if _threads_at_work() or not _flushed():
        sys.exit(code)
    atexit._run_exitfuncs()
    _flushed()  # what the handlers printed
    os._exit(code)


def _flushed() -> bool:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return False
    return True


def _threads_at_work() -> bool:
    """Whether a thread that Python would wait for at exit is still running."""
    main = threading.main_thread()
    return any(t is not main and t.is_alive() and not t.daemon for t in threading.enumerate())
