"""each report's date kept with it, and indexed with its group

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

A load consolidates a group again from the months its changes touch (kb.storage.reading):
it read every report of the group by `ix_mentions_group` and kept those whose date, the
report's own or else its article's, lay in the window. In a database of 100,000 articles
that was 600,000 reports read for 245,000 kept, each joined with its article for its date.
`dated` and `dated_precision` keep that date and its precision (day, month or year; an
article's "unknown" counts as a day, as kb.consolidate does; an undated report's is a
day's, where kb.storage.reading looks for it) on the report itself, and
`ix_mentions_dated` orders a group's reports by them, so that the window is a few ranges
of the index. It begins with the columns of `ix_mentions_group`, which serves whole
groups as before and goes. `ix_mentions_loose` finds a group's reports that no commitment
holds (a read takes the group whole then): few, and none once a load has ended. Down, the
columns and the new indexes go and `ix_mentions_group` comes back.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUP = ["donor_id", "family", "recipient_id"]
LOOSE = "commitment_id IS NULL"

# As kb.storage.rows.dated gives them; the article of each report by its id.
_FILL = """
UPDATE mentions SET
    dated = coalesce(
        announced, (SELECT published FROM articles WHERE articles.id = mentions.article_id)
    ),
    dated_precision = CASE
        WHEN announced IS NOT NULL THEN coalesce(announced_precision, 'day')
        ELSE (
            SELECT CASE WHEN precision = 'month' AND published IS NOT NULL THEN 'month'
                ELSE 'day' END
            FROM articles WHERE articles.id = mentions.article_id
        )
    END
"""


def upgrade() -> None:
    # Plain ADD COLUMNs: no copy of the table, however many reports it holds.
    op.add_column("mentions", sa.Column("dated", sa.Date(), nullable=True))
    op.add_column(
        "mentions",
        sa.Column("dated_precision", sa.String(5), nullable=False, server_default="day"),
    )
    op.execute(_FILL)
    op.create_index("ix_mentions_dated", "mentions", [*GROUP, "dated_precision", "dated"])
    where = sa.text(LOOSE)
    op.create_index(
        "ix_mentions_loose", "mentions", GROUP, sqlite_where=where, postgresql_where=where
    )
    op.drop_index("ix_mentions_group", table_name="mentions")


def downgrade() -> None:
    op.create_index("ix_mentions_group", "mentions", GROUP)
    op.drop_index("ix_mentions_loose", table_name="mentions")
    op.drop_index("ix_mentions_dated", table_name="mentions")
    # Not a batch (a copy of the table, renamed): 0010's views read the table by its name.
    # SQLite drops a column in place since 3.35.
    op.drop_column("mentions", "dated_precision")
    op.drop_column("mentions", "dated")
