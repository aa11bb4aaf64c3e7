"""a person's corrections, rejections and additions

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

`corrections` keeps every correction, rejection, restoration and addition a person made
(kb.review), attached to its evidence so that it applies again after a new extraction.
Mentions gain what a review did to them (review, fixed, rejected) and commitments what it
did to them (reviewed, rejected); the donor and status index takes `rejected` in, so that
counting a donor's commitments, which leaves rejected ones out, still reads the index alone.

Down, the table and the columns go: the corrections are lost with them, and the stored
mentions keep the values they had with the corrections applied until a re-extraction.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(7), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("donor", sa.String(), nullable=True),
        sa.Column("item", sa.String(), nullable=True),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mention_id", sa.Integer(), nullable=True),
        sa.Column("extracted", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "action IN ('correct', 'reject', 'restore', 'add')", name="ck_corrections_action"
        ),
        sa.ForeignKeyConstraint(
            ["mention_id"],
            ["mentions.id"],
            name="fk_corrections_mention_id_mentions",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_source", "corrections", ["source"])
    op.create_index("ix_corrections_mention_id", "corrections", ["mention_id"])
    op.add_column("mentions", sa.Column("review", sa.String(9), nullable=True))
    op.add_column("mentions", sa.Column("fixed", sa.String(), nullable=True))
    op.add_column(
        "mentions", sa.Column("rejected", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("commitments", sa.Column("reviewed", sa.String(9), nullable=True))
    op.add_column(
        "commitments",
        sa.Column("rejected", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_commitments_rejected", "commitments", ["rejected"])
    op.drop_index("ix_commitments_donor_status", table_name="commitments")
    op.create_index(
        "ix_commitments_donor_status", "commitments", ["donor_id", "status", "rejected"]
    )


def downgrade() -> None:
    op.drop_index("ix_commitments_donor_status", table_name="commitments")
    op.create_index("ix_commitments_donor_status", "commitments", ["donor_id", "status"])
    op.drop_index("ix_commitments_rejected", table_name="commitments")
    # In place (SQLite 3.35 drops a column without an index itself): copying the table, as
    # batch mode would, makes SQLite delete what references its rows.
    with op.batch_alter_table("commitments", recreate="never") as batch:
        batch.drop_column("rejected")
        batch.drop_column("reviewed")
    with op.batch_alter_table("mentions", recreate="never") as batch:
        batch.drop_column("rejected")
        batch.drop_column("fixed")
        batch.drop_column("review")
    op.drop_index("ix_corrections_mention_id", table_name="corrections")
    op.drop_index("ix_corrections_source", table_name="corrections")
    op.drop_table("corrections")
