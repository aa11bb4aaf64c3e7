"""an index that holds what a sum of money reads

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

`kb totals` adds up every commitment with money that is not rejected, by donor (or
recipient, category, status, month or year), kind of money, status and currency. Read from
the table, a million commitments took it 0.8 s on SQLite; this index holds every column the
sum reads, only for commitments with money, in the order of a sum by donor, so that the sum
reads the index alone and in order (0.09 s). It is partial (`amount IS NOT NULL`) on SQLite
and PostgreSQL alike. Down, it goes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As kb.storage.models.SUM_COLUMNS was when this revision was written.
COLUMNS = [
    "rejected",
    "donor_id",
    "finance",
    "status",
    "currency",
    "amount_usd",
    "amount_eur",
    "amount",
    "part_of",
    "recipient_id",
    "category",
    "first_reported",
]


def upgrade() -> None:
    where = sa.text("amount IS NOT NULL")
    op.create_index(
        "ix_commitments_sums",
        "commitments",
        COLUMNS,
        sqlite_where=where,
        postgresql_where=where,
    )


def downgrade() -> None:
    op.drop_index("ix_commitments_sums", table_name="commitments")
