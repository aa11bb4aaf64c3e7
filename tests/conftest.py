"""Fixtures: fresh databases (a temporary file, or in memory), and one holding a sample article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import TANKS_ARTICLE, FakeExtractor
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kb.load import load_articles
from kb.storage.engine import open_database


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kb.sqlite'}"


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
    assert summary.commitments == 5
    return engine


@pytest.fixture
def session(stored: Engine) -> Iterator[Session]:
    with Session(stored) as session:
        yield session
