"""Processes that open one fresh SQLite file at the same moment all succeed (issue 10).

The probe saw 8 of 30 tries fail with "database is locked" in PRAGMA journal_mode=WAL. The
moment is forced with a barrier: every process has its engine ready and opens the file only
when all of them are there.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from kb.storage.engine import database_url, open_database

OPENERS = 6
ROUNDS = 5


def _open(
    url: str, barrier: multiprocessing.synchronize.Barrier, out: multiprocessing.Queue[str]
) -> None:
    barrier.wait(timeout=60)
    try:
        open_database(url).dispose()
        out.put("ok")
    except Exception as error:  # the outcome, not a traceback in a child
        out.put(f"{type(error).__name__}: {error}")


@pytest.mark.slow
def test_processes_opening_a_fresh_file_at_once_all_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    outcomes: list[str] = []
    for round_ in range(ROUNDS):
        url = database_url(str(tmp_path / f"fresh{round_}.sqlite"))
        barrier = context.Barrier(OPENERS)
        out: multiprocessing.Queue[str] = context.Queue()
        openers = [context.Process(target=_open, args=(url, barrier, out)) for _ in range(OPENERS)]
        for process in openers:
            process.start()
        outcomes += [out.get(timeout=120) for _ in openers]
        for process in openers:
            process.join(timeout=60)
    assert [o for o in outcomes if o != "ok"] == []
