"""Hostile arguments and outputs end in one line and an exit code, never a traceback.

Cases from issue 10's probe: ids and limits past what a database column holds, an
argument that is not UTF-8, a stdout that is full or closed, a malformed database URL, and
gold files that are a device, a FIFO or of the wrong JSON types.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import TANKS_ARTICLE, FakeExtractor
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from kb.cli import app
from kb.loading import load_articles
from kb.storage.engine import database_url, open_database

TOO_BIG = str(2**64)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "kb.sqlite"
    engine = open_database(database_url(str(path)))
    load_articles(engine, [TANKS_ARTICLE], extractor=FakeExtractor())
    engine.dispose()
    return path


def _kb(*args: str) -> Result:
    return CliRunner(env={"KB_DATABASE_URL": None}).invoke(app, list(args))


def _kb_process(
    *args: str | bytes, stdout: int | None = subprocess.PIPE
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from kb.cli import app; app()", *args]
    return subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)


@pytest.mark.parametrize("args", [["show", TOO_BIG], ["query", "--limit", TOO_BIG]])
def test_numbers_past_a_database_column_are_bad_options(
    kb: Callable[..., Result], stored: Engine, args: list[str]
) -> None:
    result = kb(*args)  # on SQLite and on PostgreSQL: both overflowed in the driver
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert str(2**63 - 1) in result.output  # the largest it takes


def test_a_full_stdout_is_one_line(db: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this machine")
    with open("/dev/full", "wb") as full:
        process = _kb_process("--db", str(db), "export", stdout=full.fileno())
        _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.decode() == "kb: cannot write to standard output: No space left on device\n"


def test_a_closed_pipe_ends_quietly(db: Path) -> None:
    process = _kb_process("--db", str(db), "export")
    assert process.stdout is not None
    process.stdout.close()  # the reader went away, as `kb export | head -0` does
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0
    assert err == b""


def test_an_argument_that_is_not_utf8(db: Path) -> None:
    process = _kb_process("--db", str(db), "remove", b"news/\xff.txt")
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.decode() == (
        "kb: news/\\xff.txt: no article stored under this source (kb sources lists them)\n"
    )


def test_a_malformed_database_url_is_one_line_without_its_password() -> None:
    result = _kb("--db", "postgresql+psycopg://kb:s3cret@[::1:5432/kb", "stats")
    assert result.exit_code == 1
    assert result.stderr.startswith("kb: cannot open database (not a database path or URL):")
    assert result.stderr.count("\n") == 1
    assert "s3cret" not in result.output


def _gold(tmp_path: Path, kind: str) -> str:
    if kind == "device":
        return "/dev/zero"
    path = tmp_path / f"{kind}.jsonl"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_text('{"article": 5, "commitments": "none"}\n', encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("device", "/dev/zero: not a regular file"),
        ("fifo", "fifo.jsonl: not a regular file"),
        ("types", 'types.jsonl:1: not a gold line: "article" must be a string'),
    ],
)
def test_a_gold_file_that_cannot_be_gold(tmp_path: Path, kind: str, message: str) -> None:
    if kind == "device" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this machine")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Norway will send 20 tents to Chad.\n", encoding="utf-8")
    result = _kb("eval", str(articles), "--gold", _gold(tmp_path, kind))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args", [[b"query", b"--donor", b"\xff"], [b"ask", b"what did \xff send?"]]
)
def test_a_filter_that_is_not_utf8(db: Path, args: list[bytes]) -> None:
    process = _kb_process("--db", str(db), *args)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.decode() == "kb: \\xff: not valid UTF-8, so nothing stored can match it\n"


def test_a_database_that_cannot_be_written_is_still_read(db: Path) -> None:
    # Read-only storage, forced by SQLite's read-only mode: the file is in rollback mode,
    # so a reader would try to switch it to WAL, and that write must not stop the read.
    import sqlite3

    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    result = _kb("--db", url, "stats")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 articles")
