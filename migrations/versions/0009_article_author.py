"""an article's author

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

A web page names its author (kb.ingest.pages); `kb sources` shows it. Down, the column goes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("author", sa.String(), nullable=True))


def downgrade() -> None:
    # In place: copying the table, as batch mode would, makes SQLite delete its mentions.
    with op.batch_alter_table("articles", recreate="never") as batch:
        batch.drop_column("author")
