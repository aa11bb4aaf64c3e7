"""the full-text index merges its segments eight at a time, not four

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

SQLite's FTS5 index (`search`, 0010) is written in segments, and merges them as they
accumulate: by default whenever four of one size are there. In a large database a merge
rewrites large segments, so a report's entry cost more the more reports were stored: 7,000
reports took 1.9 s to index in a database of 100,000 articles, and 0.25 s in a fresh one.
Merging eight at a time (FTS5's `automerge`, kept in the index's own configuration) writes
each entry fewer times over: 1.2 s. A search reads up to eight segments of a size instead of
four, still a few. PostgreSQL has no such index. Down, the default (four) comes back.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MERGE = 8
DEFAULT = 4  # FTS5's own


def _set(segments: int) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"INSERT INTO search (search, rank) VALUES ('automerge', {segments})")


def upgrade() -> None:
    _set(MERGE)


def downgrade() -> None:
    _set(DEFAULT)
