"""INSERT ... ON CONFLICT DO NOTHING, the one statement that SQLite and PostgreSQL spell alike.

Two loads in two processes may insert the same actor, alias or article at the same moment.
Checking first and inserting after is a race on PostgreSQL (both check, both insert, one
fails); with the database's own upsert the loser's insert does nothing and it reads the
winner's row instead. On SQLite writers are serialised anyway (see kb.storage.engine.writer),
so there the statement only keeps one code path for both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert


def insert_or_ignore(session: Session, model: Any) -> Insert:
    """An INSERT into `model`'s table that skips rows clashing with a unique constraint."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(model).on_conflict_do_nothing()
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(model).on_conflict_do_nothing()
    raise NotImplementedError(f"kb stores into SQLite or PostgreSQL, not {dialect}")
