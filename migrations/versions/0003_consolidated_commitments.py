"""mentions and consolidated commitments, their status history, items, actor keys

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Up to 0002 each record of an article was a row of `commitments`. From 0003 those rows are
`mentions` (same ids and columns, plus their group, canonical item and converted amount),
and `commitments` holds one row per commitment however many articles report it
(kb.consolidate.rule), with its history in `status_steps`; `items` holds the canonical items
and actors gain their canonical `key`.

Upgrade keeps every row: each old commitment becomes the mention with its id, and the
consolidated commitments are computed from them (kb.storage.backfill). Downgrade makes
every mention a row of the old `commitments` again, ids included, and drops what
consolidation derived (commitments, steps, items, keys), which an upgrade computes again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kb.storage import backfill

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out, not imported: a migration records the schema as it was (see 0001).
STATUSES = "'delivered', 'committed', 'offered', 'considering', 'sold', 'cancelled'"
QUALIFIERS = "'exact', 'about', 'over', 'up_to'"
AID_TYPES = "'military', 'humanitarian', 'financial'"
# The columns a row of 0002's `commitments` has, all kept by a mention.
OLD_COLUMNS = (
    "id, article_id, donor_id, recipient_id, item, category, quantity, qualifier, unit, "
    "amount, currency, status, announced, evidence, span_start, span_end, rule"
)
# A copy of the rows on their way from one table of that name to the next. CREATE TABLE ... AS
# copies no constraints and no index, so the names of the old ones are free at once.
HOLD = "kb_old_commitments"


def _checks(table: str) -> list[sa.CheckConstraint]:
    return [
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f(f"ck_{table}_status")),
        sa.CheckConstraint(f"qualifier IN ({QUALIFIERS})", name=op.f(f"ck_{table}_qualifier")),
        sa.CheckConstraint(f"aid_type IN ({AID_TYPES})", name=op.f(f"ck_{table}_aid_type")),
    ]


def _figures() -> list[sa.Column[object]]:
    """The columns that mentions and commitments share, after the item."""
    return [
        sa.Column("category", sa.String(), nullable=True),
        sa.Column("aid_type", sa.String(length=12), nullable=True),
        sa.Column("quantity", sa.Float(), nullable=True),
        sa.Column("qualifier", sa.String(length=8), nullable=True),
        sa.Column("unit", sa.String(), nullable=True),
        sa.Column("amount", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("amount_usd", sa.Float(), nullable=True),
    ]


def _fk(table: str, column: str, target: str, **kw: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), **kw
    )


def upgrade() -> None:
    connection = op.get_bind()
    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=True),
        sa.Column("aid_type", sa.String(length=12), nullable=True),
        sa.CheckConstraint(f"aid_type IN ({AID_TYPES})", name=op.f("ck_items_aid_type")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
        sa.UniqueConstraint("name", name=op.f("uq_items_name")),
    )
    # Nullable: SQLite adds a NOT NULL column to a filled table only by rebuilding it, and
    # rebuilding `actors` would cascade deletes into the tables that reference it.
    op.add_column("actors", sa.Column("key", sa.String(), nullable=True))
    backfill.fill_actor_keys(connection)
    op.create_index(op.f("ix_actors_key"), "actors", ["key"], unique=True)

    op.execute(f"CREATE TABLE {HOLD} AS SELECT {OLD_COLUMNS} FROM commitments")
    op.drop_table("commitments")
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("donor_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=True),
        sa.Column("thing", sa.String(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("item", sa.String(), nullable=False),
        *_figures(),
        sa.Column("amount_eur", sa.Float(), nullable=True),
        sa.Column("rate_usd", sa.Float(), nullable=True),
        sa.Column("rate_eur", sa.Float(), nullable=True),
        sa.Column("rate_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("conflict", sa.Boolean(), nullable=False),
        sa.Column("announced", sa.Date(), nullable=True),
        sa.Column("first_reported", sa.Date(), nullable=True),
        sa.Column("last_reported", sa.Date(), nullable=True),
        sa.Column("sources", sa.Integer(), nullable=False),
        *_checks("commitments"),
        _fk("commitments", "donor_id", "actors"),
        _fk("commitments", "recipient_id", "actors"),
        _fk("commitments", "item_id", "items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    op.create_index("ix_commitments_group", "commitments", ["donor_id", "thing", "recipient_id"])
    for column in ("donor_id", "recipient_id", "item_id", "category", "status", "first_reported"):
        op.create_index(op.f(f"ix_commitments_{column}"), "commitments", [column])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("lead", sa.Boolean(), nullable=False),
        sa.Column("donor_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=True),
        sa.Column("thing", sa.String(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("item", sa.String(), nullable=False),
        *_figures(),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("announced", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        *_checks("mentions"),
        _fk("mentions", "article_id", "articles", ondelete="CASCADE"),
        _fk("mentions", "commitment_id", "commitments", ondelete="SET NULL"),
        _fk("mentions", "donor_id", "actors"),
        _fk("mentions", "recipient_id", "actors"),
        _fk("mentions", "item_id", "items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    op.create_index("ix_mentions_group", "mentions", ["donor_id", "thing", "recipient_id"])
    for column in ("article_id", "commitment_id", "item_id"):
        op.create_index(op.f(f"ix_mentions_{column}"), "mentions", [column])

    op.create_table(
        "status_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reached", sa.Date(), nullable=True),
        sa.Column("mention_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_status_steps_status")),
        _fk("status_steps", "commitment_id", "commitments", ondelete="CASCADE"),
        _fk("status_steps", "mention_id", "mentions", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_steps")),
    )
    for column in ("commitment_id", "mention_id"):
        op.create_index(op.f(f"ix_status_steps_{column}"), "status_steps", [column])

    backfill.copy_mentions(connection, HOLD)
    op.drop_table(HOLD)
    backfill.consolidate_all(connection)
    backfill.restart_sequence(connection, "mentions")


def downgrade() -> None:
    op.execute(f"CREATE TABLE {HOLD} AS SELECT {OLD_COLUMNS} FROM mentions")
    # Children before the tables they reference.
    for table in ("status_steps", "mentions", "commitments", "items"):
        op.drop_table(table)
    # 0001's table, as it made it.
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("donor_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=True),
        sa.Column("item", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=True),
        sa.Column("quantity", sa.Float(), nullable=True),
        sa.Column("qualifier", sa.String(length=8), nullable=True),
        sa.Column("unit", sa.String(), nullable=True),
        sa.Column("amount", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("announced", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_commitments_status")),
        sa.CheckConstraint(f"qualifier IN ({QUALIFIERS})", name=op.f("ck_commitments_qualifier")),
        _fk("commitments", "article_id", "articles", ondelete="CASCADE"),
        _fk("commitments", "donor_id", "actors"),
        _fk("commitments", "recipient_id", "actors"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    for column in ("article_id", "donor_id", "recipient_id", "item", "category", "status",
                   "announced"):  # fmt: skip
        op.create_index(op.f(f"ix_commitments_{column}"), "commitments", [column])
    op.execute(f"INSERT INTO commitments ({OLD_COLUMNS}) SELECT {OLD_COLUMNS} FROM {HOLD}")
    op.drop_table(HOLD)
    backfill.restart_sequence(op.get_bind(), "commitments")
    op.drop_index(op.f("ix_actors_key"), table_name="actors")
    op.drop_column("actors", "key")
