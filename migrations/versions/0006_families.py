"""families of things: a general report may be the same commitment as a specific one

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

A mention and a commitment gain `family`, the class their thing belongs to (the category
of its canonical item: "tank" for a Leopard 2 and for "tanks"; "money" for a sum); a thing
that is its family's own word ("tank") is a report of the class
(kb.storage.keys.is_general, derived, not stored). Consolidation now groups by family, so
that "14 tanks" in one article and "14 Leopard 2" in another can be found to be one
commitment (kb.consolidate.rule); the group index moves to the family.

Existing rows take their thing as their family, which keeps their commitments as they are;
a reload re-extracts them with the current rules.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPS = {"mentions": "ix_mentions_group", "commitments": "ix_commitments_group"}


def upgrade() -> None:
    for table, index in GROUPS.items():
        op.add_column(table, sa.Column("family", sa.String(), nullable=True))
        op.execute(f"UPDATE {table} SET family = thing")
        op.drop_index(index, table_name=table)
        op.create_index(index, table, ["donor_id", "family", "recipient_id"])


def downgrade() -> None:
    for table, index in GROUPS.items():
        op.drop_index(index, table_name=table)
        op.create_index(index, table, ["donor_id", "thing", "recipient_id"])
        with op.batch_alter_table(table) as batch:
            batch.drop_column("family")
