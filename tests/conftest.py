"""Fixtures: fresh databases (a temporary file, or in memory), and one holding a sample article.

Every test that takes `db_url` (and so `engine`, `stored`, `session`, and the CLI's `kb`) runs
twice: on SQLite, and on PostgreSQL when KB_TEST_POSTGRES_URL names a server to use (.ci/run
starts one and sets it). Each PostgreSQL test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from databases import postgres_schema
from fakes import TANKS_ARTICLE, FakeExtractor
from many_articles import Fingerprint, commitments, fingerprint, write_corpus
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner, Result

from kb.cli import app
from kb.ingest.articles import iter_articles
from kb.loading import load_articles
from kb.storage.engine import open_database

POSTGRES_URL = os.environ.get("KB_TEST_POSTGRES_URL")
NO_POSTGRES = "KB_TEST_POSTGRES_URL is not set (.ci/run starts a PostgreSQL server and sets it)"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file, for what only SQLite has (pragmas, a file path as --db)."""
    return f"sqlite:///{tmp_path / 'kb.sqlite'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty schema on the test server, as a URL."""
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    yield from postgres_schema(POSTGRES_URL)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database of each kind kb supports."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A fresh database in a temporary file, migrated to head."""
    engine = open_database(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def memory_engine() -> Iterator[Engine]:
    """A fresh in-memory database, migrated to head."""
    engine = open_database("sqlite://")
    yield engine
    engine.dispose()


@pytest.fixture
def extractor() -> FakeExtractor:
    return FakeExtractor()


@pytest.fixture
def stored(engine: Engine, extractor: FakeExtractor) -> Engine:
    """The database holding the tanks article and its five records (ids 1 to 5)."""
    summary = load_articles(engine, [TANKS_ARTICLE], extractor=extractor)
    assert summary.mentions == 5
    return engine


@pytest.fixture
def session(stored: Engine) -> Iterator[Session]:
    with Session(stored) as session:
        yield session


@pytest.fixture
def runner() -> CliRunner:
    # Wide enough that rich tables do not wrap the words the tests look for.
    return CliRunner(env={"COLUMNS": "200", "KB_DATABASE_URL": None})


@pytest.fixture
def kb(runner: CliRunner, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `kb --db <fresh db> ARGS`, with extraction replaced by the fake records."""
    monkeypatch.setattr("kb.loading.extract", FakeExtractor())

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, ["--db", db_url, *args], input=input)

    return invoke


@pytest.fixture(scope="session")
def clean_load(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Fingerprint, list[tuple[Any, ...]]]:
    """A folder of many articles (long enough to load that a test can kill or race it), and
    what a clean, uninterrupted load of it stores: its mentions and its commitments."""
    folder = tmp_path_factory.mktemp("corpus") / "articles"
    write_corpus(folder, copies=40)
    url = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'kb.sqlite'}"
    engine = open_database(url)
    summary = load_articles(engine, iter_articles([folder]))
    engine.dispose()
    assert summary.failed == 0
    return folder, fingerprint(url), commitments(url)


@pytest.fixture(scope="session")
def corpus(clean_load: tuple[Path, Fingerprint, list[tuple[Any, ...]]]) -> tuple[Path, Fingerprint]:
    """The folder of clean_load and the mentions a clean load of it stores."""
    return clean_load[0], clean_load[1]
