"""A load killed with SIGKILL part-way, for real: a sound database holding whole articles only,
and a re-run that finishes the job with no duplicates. On SQLite and on PostgreSQL."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from many_articles import Fingerprint, commitments, fingerprint, kb_command, kb_process, summary
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kb.storage.engine import make_engine, open_database
from kb.storage.models import ArticleRow

# Kill the first load after this many articles, and the second after this many more.
KILLS = (30, 120)


def stored_articles(url: str) -> int:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(ArticleRow)) or 0
    finally:
        engine.dispose()


def kill_after(url: str, folder: Path, articles: int) -> None:
    """Start `kb load FOLDER` and SIGKILL it once the database holds `articles` articles."""
    process = kb_process("--db", url, "load", str(folder))
    deadline = time.monotonic() + 120
    while stored_articles(url) < articles:
        assert process.poll() is None, "the load ended before it could be killed: " + (
            "make the corpus larger" if process.returncode == 0 else str(process.communicate())
        )
        assert time.monotonic() < deadline, "the load stored too little in two minutes"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL


def assert_sound(url: str) -> None:
    if url.startswith("sqlite"):
        engine = make_engine(url)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        engine.dispose()


@pytest.mark.slow
def test_a_killed_load_leaves_whole_articles_and_a_rerun_finishes(
    db_url: str, clean_load: tuple[Path, Fingerprint, list[tuple[Any, ...]]]
) -> None:
    folder, clean, consolidated = clean_load
    open_database(db_url).dispose()  # migrated first, so that its tables can be counted
    partial: Fingerprint = {}
    for articles in KILLS:
        kill_after(db_url, folder, len(partial) + articles)
        assert_sound(db_url)
        partial = fingerprint(db_url)
        assert len(partial) < len(clean)
        for source, rows in partial.items():  # every article stored has all its commitments
            assert rows == clean[source], source
    rerun = subprocess.run(
        kb_command("--db", db_url, "load", str(folder)), capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun.stdout)[:4] == (len(clean) - len(partial), 0, len(partial), 0)
    assert_sound(db_url)
    assert fingerprint(db_url) == clean  # all of it, and once
    assert commitments(db_url) == consolidated  # consolidated as one load would
