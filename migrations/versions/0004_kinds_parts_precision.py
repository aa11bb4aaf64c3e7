"""kinds of report, parts of commitments, dates to their precision

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

A mention now says what kind of report it is (`kind`: a new commitment, a part of one, or
a running total) and how much of its announced date the text gives (`announced_precision`:
day, month or year). A commitment carries both, and `part_of`: the commitment of its group
that holds it (the whole a tranche is paid from, or the running total that includes it),
so that sums add each whole once. `part_of` is recomputed with its group on every load
(kb.storage.regroup), always within the group, so it needs no foreign key.

Existing rows are new reports with dates to the day, which is what earlier rules gave;
a reload re-extracts them with the current rules anyway.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("mentions", "commitments"):
        op.add_column(table, sa.Column("announced_precision", sa.String(5), nullable=True))
        op.add_column(table, sa.Column("kind", sa.String(5), nullable=False, server_default="new"))
        op.execute(f"UPDATE {table} SET announced_precision = 'day' WHERE announced IS NOT NULL")
    op.add_column("commitments", sa.Column("part_of", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_commitments_part_of"), "commitments", ["part_of"])


def downgrade() -> None:
    op.drop_index(op.f("ix_commitments_part_of"), table_name="commitments")
    with op.batch_alter_table("commitments") as batch:
        batch.drop_column("part_of")
    for table in ("commitments", "mentions"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("kind")
            batch.drop_column("announced_precision")
