"""Opening a database: URLs, engines with the pragmas kb needs, migrating to head on first use."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, make_url, text

from kb.errors import MissingDatabase, NotKbDatabase

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_URL = "sqlite:///kb.sqlite"
# The newest migration's revision, so that checking a database is one SELECT: asking alembic
# costs a quarter of a second of imports and file parsing on every command. Alembic is only
# imported when a database needs upgrading. tests/test_migrations.py checks this is the head.
HEAD = "0015"
# Any fixed number, the same in every process: PostgreSQL's advisory lock for migrations.
MIGRATION_LOCK = 0x6B62_0001

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def database_url(path_or_url: str) -> str:
    """Return an SQLAlchemy URL: URLs pass through, a plain path becomes an SQLite URL.

    The path is the database's name as given, whatever its characters: "a?b.sqlite" is a
    file of that name, not "a" with a query, and "data%20x.sqlite" keeps its "%20"."""
    if _URL.match(path_or_url):
        return path_or_url
    if path_or_url == ":memory:":
        return "sqlite://"
    return URL.create("sqlite", database=path_or_url).render_as_string(hide_password=False)


# Query parameters that carry a secret: "?password=...", "?sslpassword=...".
_SECRET = re.compile(r"pass|pwd|secret|token|key", re.IGNORECASE)


def shown_url(url: str) -> str:
    """The URL as a message may show it: its password and every secret-like query
    parameter masked."""
    parsed = make_url(url)
    masked = {k: ("***" if _SECRET.search(k) else v) for k, v in parsed.query.items()}
    return parsed.set(query=masked).render_as_string(hide_password=True)


def database_files(path_or_url: str) -> tuple[Path, ...]:
    """The files an SQLite database keeps on disk (the file and its -wal and -shm), resolved;
    none for a server or an in-memory database."""
    url = make_url(database_url(path_or_url))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return ()
    name = url.database
    if url.query.get("uri") in ("true", "1") and name.startswith("file:"):
        name = name.removeprefix("file:")  # an SQLite URI: "file:kb.sqlite?mode=ro&uri=true"
    main = Path(name).resolve()
    return (main, main.with_name(main.name + "-wal"), main.with_name(main.name + "-shm"))


BUSY_TIMEOUT_MS = 30_000  # how long an SQLite writer waits for another one to commit
_WRITER = "kb_writer"  # the execution option that marks a writing engine (see writer)


# Seconds to wait for a PostgreSQL server to answer a connection: a server that accepts
# and never answers would otherwise hang every command. A URL's own connect_timeout wins.
CONNECT_TIMEOUT = 10


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite, every connection enforces foreign keys and uses WAL, and
    transactions begin as kb says (see writer); for PostgreSQL, connecting times out."""
    parsed = make_url(database_url(url))
    arguments: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        arguments["connect_timeout"] = CONNECT_TIMEOUT
    engine = create_engine(parsed, connect_args=arguments)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, for transactions that write.

    On SQLite they BEGIN IMMEDIATE: they take the write lock first, waiting up to the busy
    timeout for another process's transaction to end, and then read only what is current.
    A plain (deferred) BEGIN would read first and ask for the lock at its first write, and
    under WAL that fails at once with "database is locked", busy timeout or not, whenever
    another process committed in between. Readers keep deferred transactions, which never
    wait for a writer. Elsewhere this changes nothing.
    """
    return engine.execution_options(**{_WRITER: True})


def in_memory(engine: Engine) -> bool:
    """Whether the database lives in memory: each thread's connection then sees a database
    of its own (SQLAlchemy's SingletonThreadPool), never the one the others write."""
    url = engine.url
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling issues a deferred BEGIN behind our back and none
    # before DDL; _sqlite_begin takes over, so that migrations are transactional too.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # First: the pragmas below may themselves wait for a lock (two processes opening a new file).
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # Off by default in SQLite; ON DELETE CASCADE from articles to mentions depends on it.
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers (kb query) run while a load writes; in-memory databases ignore it. It
    # is set only where it is not yet, and only on a new or a kb database: another program's
    # file is left as it was (kb then refuses it), and a file on read-only storage is read
    # in the mode it has.
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal" and _new_or_kb(cursor):
        # On read-only storage the switch fails: there is nothing to write, and reading
        # needs no WAL.
        with contextlib.suppress(sqlite3.OperationalError):
            cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL under WAL is much faster than FULL for one transaction per article, and a killed
    # process loses nothing committed; only a power cut may undo the last few transactions.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _new_or_kb(cursor: Any) -> bool:
    tables = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return not tables or "alembic_version" in tables


def _sqlite_begin(connection: Connection) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get(_WRITER) else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", migrations_location())
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    """The head revision(s) of the shipped migrations; there should be exactly one."""
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    """The revision(s) the database is at; empty for a database alembic has never touched."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` in one transaction, one process at a time."""
    from alembic import command

    with writer(engine).begin() as connection:
        _lock_for_migrations(connection)
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Run the migrations down to `revision` (use "base" for an empty database)."""
    from alembic import command

    with writer(engine).begin() as connection:
        _lock_for_migrations(connection)
        command.downgrade(alembic_config(connection), revision)


def _lock_for_migrations(connection: Connection) -> None:
    """Make a second process that finds the database behind wait for the first to migrate it,
    and then find nothing to do, instead of creating the same tables again and failing.

    Alembic reads the current revision inside this transaction, after the lock. On SQLite the
    writer's BEGIN IMMEDIATE is the lock; PostgreSQL gets a lock of its own until commit.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def open_database(url: str, create: bool = True) -> Engine:
    """Return an engine for `url` (path or URL), its schema brought to head if it was behind.

    The check is cheap, so every command calls this; alembic only runs when there is work.
    Without `create`, a missing SQLite file raises MissingDatabase instead of being made. A
    database with tables but no kb version (another program's) raises NotKbDatabase and is
    left as it was: only an empty database, or one of an older kb, is migrated.
    """
    files = database_files(url)
    if not create and files and not files[0].exists():
        raise MissingDatabase(f"no database at {files[0]}")
    engine = make_engine(url)
    try:
        if not _at_head(engine):
            _refuse_foreign(engine, url)
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _refuse_foreign(engine: Engine, url: str) -> None:
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
    if tables and "alembic_version" not in tables:
        raise NotKbDatabase(
            f"{shown_url(url)} is not a kb database (it holds other tables: "
            f"{', '.join(sorted(tables)[:3])}{', ...' if len(tables) > 3 else ''}); "
            "kb changes nothing in it"
        )


def _at_head(engine: Engine) -> bool:
    """Whether the database is at HEAD, read from alembic's table without importing alembic."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        return set(found) == {HEAD}
