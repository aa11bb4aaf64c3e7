"""Test databases on a PostgreSQL server: one schema per test, so that tests start empty
(sequences at 1, as on a fresh SQLite file) without the cost of a database each."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from sqlalchemy import create_engine, make_url


def postgres_schema(server_url: str) -> Iterator[str]:
    """Create an empty schema on `server_url`'s database, yield a URL whose connections use
    it (and only it), and drop it with everything in it afterwards."""
    name = f"kb_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{name}"')
        url = make_url(server_url).update_query_dict({"options": f"-csearch_path={name}"})
        yield url.render_as_string(hide_password=False)
        with admin.connect() as connection:
            # A test that left a connection open would otherwise hang the drop forever.
            connection.exec_driver_sql("SET lock_timeout = '20s'")
            connection.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
    finally:
        admin.dispose()
