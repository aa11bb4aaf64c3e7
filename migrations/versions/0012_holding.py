"""what a commitment's holder is chosen by, kept with it

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

A part goes to a whole of its group, and a running total holds the commitments before it
(kb.consolidate.wholes): the choice weighs every commitment of the group, so a load that
changed one commitment of a group with a part or a total read every report of the group
again, however many years it held. `holding` keeps, per commitment, what that choice
weighs (kind, figure, first date, sources, item words, place in the rule's order; JSON,
kb.storage.holding), so that a load reads one short row per commitment of such a group
instead. It is filled as loads rewrite commitments; one left empty by an older version is
filled from its reports the first time a load needs it (kb.storage.regroup). The partial
index finds the groups where anything holds or is held. Down, both go.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As kb.storage.models.HOLDING_WHERE was when this revision was written.
WHERE = "kind != 'new' OR part_of IS NOT NULL"


def upgrade() -> None:
    # A plain ADD COLUMN: no copy of the table, however many commitments it holds.
    op.add_column("commitments", sa.Column("holding", sa.Text(), nullable=True))
    where = sa.text(WHERE)
    op.create_index(
        "ix_commitments_holding",
        "commitments",
        ["donor_id", "family", "recipient_id"],
        sqlite_where=where,
        postgresql_where=where,
    )


def downgrade() -> None:
    op.drop_index("ix_commitments_holding", table_name="commitments")
    # Not a batch (a copy of the table, renamed): 0010's views read the table by its name.
    # SQLite drops a column in place since 3.35.
    op.drop_column("commitments", "holding")
