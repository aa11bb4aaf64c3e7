"""Alembic environment for kb.

Two ways in: kb.storage.engine hands over an open connection through
`config.attributes["connection"]` (how kb migrates on first use, and the only way to reach an
in-memory database); the alembic command line connects to KB_DATABASE_URL or alembic.ini's url.
"""

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from kb.storage.engine import make_engine
from kb.storage.models import Base, modelled

config = context.config
target_metadata = Base.metadata

# Only the alembic command line configures logging; kb must not have its logging reset.
if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name)


def _url() -> str:
    return os.environ.get("KB_DATABASE_URL") or config.get_main_option("sqlalchemy.url") or ""


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    # Batch mode: SQLite cannot ALTER most things, so alembic recreates the table instead.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        # The full-text index is made by SQL (0010): autogenerate must not drop it.
        include_object=lambda obj, name, kind, reflected, compare_to: modelled(name, kind),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
