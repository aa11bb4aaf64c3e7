"""A load whose database stops answering stops after a few articles, with one line.

Issue 10's probe killed the PostgreSQL server mid-load: every remaining article then failed
with two or three lines each. The condition is forced here: storing raises what SQLAlchemy
raises for a connection the server dropped (a DBAPIError marked connection_invalidated).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from kb.cli import app
from kb.loading import load as loading


def _dropped(*args: Any, **kwargs: Any) -> Any:
    raise OperationalError(
        "INSERT ...", {}, Exception("server closed the connection"), connection_invalidated=True
    )


def test_a_lost_connection_stops_the_load_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(10):
        (folder / f"a{n}.txt").write_text(f"Norway will send {n + 1} tents to Chad.\n", "utf-8")
    db = tmp_path / "kb.sqlite"
    runner = CliRunner(env={"KB_DATABASE_URL": None})
    assert runner.invoke(app, ["--db", str(db), "load", str(tmp_path / "none")]).exit_code == 1
    monkeypatch.setattr(loading, "_store", _dropped)
    result = runner.invoke(app, ["--db", str(db), "load", str(folder)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == loading.LOST_CONNECTION_LIMIT, lines  # two failures, then the stop
    assert lines[-1].startswith("kb: lost the connection to the database (not stored: ")
    assert lines[-1].endswith(
        "stopped after 0 articles stored, each whole; the same command finishes the job"
    )


def test_a_single_failure_does_not_stop_the_load() -> None:
    summary = loading.LoadSummary()
    dropped = loading.LoadResult("a", "failed", reason="x", disconnected=True)
    for _ in range(loading.LOST_CONNECTION_LIMIT - 1):
        summary.add(dropped)
    summary.add(loading.LoadResult("b", "new", 1))
    for _ in range(loading.LOST_CONNECTION_LIMIT - 1):
        summary.add(dropped)  # not in a row with the first ones: no stop
    with pytest.raises(loading.ConnectionLost):
        summary.add(dropped)
