"""Inserts that SQLite and PostgreSQL spell alike: INSERT ... ON CONFLICT DO NOTHING, a batch
that returns its ids, and a batch written many rows a statement.

Two loads in two processes may insert the same actor, alias or article at the same moment.
Checking first and inserting after is a race on PostgreSQL (both check, both insert, one
fails); with the database's own upsert the loser's insert does nothing and it reads the
winner's row instead. On SQLite writers are serialised anyway (see kb.storage.engine.writer),
so there the statement only keeps one code path for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, select
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


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert `rows` into `table` in a few statements; their new ids, in the order given.

    PostgreSQL returns them in order from one batched INSERT ... RETURNING. SQLite cannot
    tie RETURNING rows to the parameters of a batch, so SQLAlchemy would insert one row a
    statement; there the ids are taken after the largest, which is safe because a writer
    holds the database's write lock from its BEGIN IMMEDIATE (kb.storage.engine.writer),
    and the rows, ids given, go in as insert_all writes them.
    """
    if not rows:
        return []
    if connection.dialect.name != "sqlite":
        stmt = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.execute(stmt, list(rows)).scalars().all())
    top = connection.execute(select(func.max(table.c.id))).scalar() or 0
    ids = list(range(top + 1, top + 1 + len(rows)))
    insert_all(connection, table, [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
    return ids


def insert_all(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` into `table`, many rows a statement where the database can.

    Asked for the rows' ids, SQLAlchemy writes a batch as INSERTs of up to a thousand rows
    each ("insertmanyvalues"); without, SQLite runs the INSERT once a row. That matters for
    `mentions`, whose trigger adds each report to the full-text index (0010): SQLite opens a
    savepoint for each run of a statement whose trigger writes elsewhere, and FTS5 writes
    what it holds to the index at every savepoint, a segment to merge a report. 5,000
    reports into the 100,000-article database: 1.2 s a row a statement, 0.3 s in five
    statements, 0.24 s with no index to write. SQLite before 3.35 returns nothing: a row a
    statement there.
    """
    if not rows:
        return
    stmt = table.insert()
    if connection.dialect.insert_returning:
        stmt = stmt.returning(table.c.id)
    connection.execute(stmt, list(rows))
