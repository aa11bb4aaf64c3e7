"""Two loads of one database at once, for real, and readers beside a writer.

Both loads succeed and each article is stored once (SQLite: WAL, a busy timeout, writers that
take the lock first and hold it only to write; PostgreSQL: the database's upsert and a retry).
A reader is never blocked by a writer.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fakes import TANKS_ARTICLE, FakeExtractor
from kept_sums import assert_kept
from many_articles import Fingerprint, commitments, fingerprint, kb_process, summary
from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from kb.cli import app
from kb.loading import load_articles
from kb.records import Article, Mention
from kb.storage.engine import make_engine, open_database, writer
from kb.storage.models import ArticleRow

UNCOMMITTED = {
    "source": "uncommitted.txt",
    "precision": "unknown",
    "text": "Not yet.",
    "sha256": "0" * 64,
    "loaded_at": datetime(2023, 1, 1, tzinfo=UTC),
    "extractor_version": "0",
}


@pytest.mark.slow
def test_two_loads_at_once_store_every_article_once(
    db_url: str, clean_load: tuple[Path, Fingerprint, list[tuple[Any, ...]]]
) -> None:
    folder, clean, consolidated = clean_load
    # A fresh database: the two also race to create its tables.
    loads = [kb_process("--db", db_url, "load", str(folder)) for _ in range(2)]
    queries = 0
    while any(load.poll() is None for load in loads):  # and readers read all the while
        reader = kb_process("--db", db_url, "query", "--json", "--limit", "3")
        out, err = reader.communicate(timeout=30)
        if reader.returncode == 1 and "no database at" in err:
            continue  # a read before either load made the file creates none; it says so
        assert reader.returncode == 0, err
        assert len(json.loads(out)) <= 3
        queries += 1
    results = [load.communicate() for load in loads]
    for load, (_, err) in zip(loads, results, strict=True):
        assert load.returncode == 0, err
        assert err == ""
    first, second = (summary(out) for out, _ in results)
    # Each article was new to one load and unchanged to the other.
    assert first[0] + second[0] == len(clean)
    assert first[2] + second[2] == len(clean)
    assert first[3] == second[3] == 0
    assert fingerprint(db_url) == clean
    # And the copies of each seed's commitments, which the two loads stored in turns, make
    # the commitments that one load makes: one each, with every copy as a source.
    assert commitments(db_url) == consolidated
    engine = make_engine(db_url)
    try:
        assert_kept(engine)  # the sums kept by triggers, written by two processes in turns
    finally:
        engine.dispose()
    assert queries >= 1


def test_a_reader_is_not_blocked_by_a_writer(stored: Engine, db_url: str) -> None:
    runner = CliRunner(env={"KB_DATABASE_URL": None})
    # A load in the middle of storing an article: its transaction holds the write lock.
    with Session(writer(stored)) as session, session.begin():
        session.execute(insert(ArticleRow).values(UNCOMMITTED))
        started = time.monotonic()
        result = runner.invoke(app, ["--db", db_url, "query", "--json"])
        stats = runner.invoke(app, ["--db", db_url, "stats"])
        waited = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 5  # what was committed, and nothing else
    assert stats.stdout.startswith("1 articles, 5 commitments")
    assert waited < 5  # it read at once, not after a busy timeout


def test_a_writer_waits_for_another_writer(sqlite_url: str) -> None:
    engine = open_database(sqlite_url)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with Session(writer(engine)) as session, session.begin():
            session.execute(insert(ArticleRow).values(UNCOMMITTED))
            locked.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    locked.wait(10)
    threading.Timer(0.5, release.set).start()
    started = time.monotonic()
    summary = load_articles(open_database(sqlite_url), [TANKS_ARTICLE], extractor=FakeExtractor())
    waited = time.monotonic() - started
    holder.join()
    engine.dispose()
    assert str(summary) == "1 new, 0 updated, 0 unchanged, 0 failed; 5 mentions stored"
    assert waited >= 0.4  # it waited for the lock instead of failing with "database is locked"


def test_extraction_runs_outside_the_write_transaction(sqlite_url: str) -> None:
    """The write lock is held only to write: while the rules run, another process can write."""
    path = sqlite_url.removeprefix("sqlite:///")
    engine = open_database(sqlite_url)
    fake = FakeExtractor()

    def extractor(article: Article) -> list[Mention]:
        other = sqlite3.connect(path, timeout=0.1, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # "database is locked" if the load held the lock
            other.execute("ROLLBACK")
        finally:
            other.close()
        return fake(article)

    summary = load_articles(engine, [TANKS_ARTICLE], extractor=extractor)
    engine.dispose()
    assert str(summary) == "1 new, 0 updated, 0 unchanged, 0 failed; 5 mentions stored"
