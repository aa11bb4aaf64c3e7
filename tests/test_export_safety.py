"""An export never destroys data: not the database it reads, not a file it replaces.

Defects from the fault probe of issue 10: `kb export kb.sqlite` wrote CSV over the live
database and reported success; a failed export left a partial file; `--db 'a?b.sqlite'`
opened a file called "a".
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import pytest
from fakes import TANKS_ARTICLE, FakeExtractor
from typer.testing import CliRunner

from kb.cli import app
from kb.loading import load_articles
from kb.query import export as exporting
from kb.query import lines
from kb.storage.engine import database_files, database_url, open_database


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An SQLite file holding the tanks article; the working folder is its folder."""
    path = tmp_path / "kb.sqlite"
    engine = open_database(database_url(str(path)))
    load_articles(engine, [TANKS_ARTICLE], extractor=FakeExtractor())
    engine.dispose()
    monkeypatch.chdir(tmp_path)
    yield path


def _kb(*args: str) -> Any:
    return CliRunner(env={"KB_DATABASE_URL": None}).invoke(app, list(args))


@pytest.mark.parametrize("target", ["kb.sqlite", "./kb.sqlite", "kb.sqlite-wal", "kb.sqlite-shm"])
def test_export_refuses_the_database_and_its_files(database: Path, target: str) -> None:
    before = database.read_bytes()
    result = _kb("--db", "kb.sqlite", "export", target)
    assert result.exit_code == 1
    assert result.stderr == (
        f"kb: {target} is the database itself; choose another file for the export\n"
    )
    assert database.read_bytes() == before
    assert _kb("--db", "kb.sqlite", "stats").exit_code == 0


def test_export_refuses_the_default_database(database: Path) -> None:
    result = _kb("export", str(database))  # no --db: ./kb.sqlite is the database
    assert result.exit_code == 1
    assert "is the database itself" in result.stderr


# Commitments' lines are written by SQLite (kb.query.lines), mentions' by the csv module;
# `at`: where the writer takes its stream.
@pytest.mark.parametrize(
    ("module", "writer", "at", "options"),
    [(lines, "write_rows", 3, ()), (exporting, "write_values", 1, ("--mentions",))],
)
def test_a_failed_export_leaves_the_old_file_whole(
    database: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    writer: str,
    at: int,
    options: tuple[str, ...],
) -> None:
    out = database.parent / "out.csv"
    out.write_text("yesterday's export\n", encoding="utf-8")

    def disk_full(*args: Any, **kwargs: Any) -> int:
        stream: TextIO = args[at]
        stream.write("id,article\n1,half a row")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(module, writer, disk_full)
    result = _kb("--db", "kb.sqlite", "export", *options, "out.csv")
    assert result.exit_code == 1
    assert result.stderr == "kb: cannot write out.csv: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "yesterday's export\n"
    assert sorted(p.name for p in database.parent.iterdir() if p.suffix == ".tmp") == []


def test_a_completed_export_replaces_the_file(database: Path) -> None:
    out = database.parent / "out.csv"
    out.write_text("yesterday's export\n", encoding="utf-8")
    result = _kb("--db", "kb.sqlite", "export", "out.csv")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("id,article,")


@pytest.mark.parametrize("name", ["a?b.sqlite", "data%20x.sqlite", "with space.sqlite"])
def test_a_path_is_the_file_of_that_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    result = _kb("--db", str(path), "load", str(tmp_path / "none"))
    assert path.exists(), sorted(p.name for p in tmp_path.iterdir())
    assert result.exit_code == 1  # the folder to load does not exist; the database does
    assert database_files(str(path))[0] == path.resolve()


def test_no_files_for_a_server_or_memory() -> None:
    assert database_files(":memory:") == ()
    assert database_files("postgresql+psycopg://kb@localhost/kb") == ()
