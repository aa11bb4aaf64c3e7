"""Opening a database: URLs, engines with the pragmas kb needs, migrating to head on first use."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event

DEFAULT_URL = "sqlite:///kb.sqlite"

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def database_url(path_or_url: str) -> str:
    """Return an SQLAlchemy URL: URLs pass through, a plain path becomes an SQLite URL."""
    if _URL.match(path_or_url):
        return path_or_url
    if path_or_url == ":memory:":
        return "sqlite://"
    return f"sqlite:///{path_or_url}"


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite, every connection enforces foreign keys and uses WAL."""
    engine = create_engine(database_url(url))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # Off by default in SQLite; ON DELETE CASCADE from articles to commitments depends on it.
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers (kb query) run while a load writes; in-memory databases ignore it.
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable under WAL and much faster than FULL for one transaction per article.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Wait for another writer instead of failing at once with "database is locked".
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def migrations_location() -> str:
    """Where the migrations are: inside the installed package (kb._migrations, mapped from the
    top-level migrations/ by pyproject.toml), or, when kb is imported from a source checkout
    that is not installed as such, that top-level folder itself."""
    try:
        return str(files("kb._migrations"))
    except ModuleNotFoundError:
        return str(Path(__file__).resolve().parents[2] / "migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """An alembic config for the migrations shipped inside the package (kb._migrations).

    The connection, when given, is handed to env.py through `config.attributes`, so that
    migrations run on it (an in-memory database has no other way in).
    """
    config = Config()
    config.set_main_option("script_location", migrations_location())
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    """The head revision(s) of the shipped migrations; there should be exactly one."""
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    """The revision(s) the database is at; empty for a database alembic has never touched."""
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Run the migrations down to `revision` (use "base" for an empty database)."""
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def open_database(url: str) -> Engine:
    """Return an engine for `url` (path or URL), its schema brought to head if it was behind.

    The check is cheap, so every command calls this; alembic only runs when there is work.
    """
    engine = make_engine(url)
    try:
        if current_revisions(engine) != head_revisions():
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
