"""kinds of money: grant, loan, guarantee, in-kind value, debt relief

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

A sum of money now says what kind of money it is where its article says (`finance`), on a
mention and on its commitment, so that totals and answers give grants, loans and the rest
apart instead of one sum of all. Existing rows say nothing (NULL); a reload re-extracts
them with the current rules.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("mentions", "commitments"):
        op.add_column(table, sa.Column("finance", sa.String(11), nullable=True))


def downgrade() -> None:
    for table in ("commitments", "mentions"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("finance")
