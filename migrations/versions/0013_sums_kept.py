"""sums of money kept as commitments change, and an index of the parts

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

`kb totals` read every commitment with money (0011's index: 0.1 s a million). Most are no
part of another, and what a sum needs of those is kept in `commitment_sums`: one row for
each group (donor, recipient, family), category, aid type, kind of money, status,
currency, and rejected or not, with the sums and counts of the amounts in USD and EUR, and
of the amounts with no rate. (Not by month: that made a row of almost every commitment of
a database grown from news over years.) Triggers keep it as commitments are inserted,
changed or deleted, whoever writes them. A missing value is kept as 0 or '' (a key of a
primary key is never NULL): kb.query.totals reads them back as NULL.

One row of it belongs to one group, and a load changes a group only under that group's
lock (kb.storage.regroup): on PostgreSQL two loads never wait for each other's rows here.

The parts (`part_of` set) are summed from the commitments, as before, since whether one is
added depends on its holder: the partial index `ix_commitments_parts` holds what their sum
reads, in the order of 0011's (so that SQLite's planner, which takes hints from no one,
prefers it to that one for them). Down, the triggers, the table and the index go.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As kb.storage.models had them when this revision was written.
PARTS_COLUMNS = [
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
PARTS_WHERE = "part_of IS NOT NULL AND amount IS NOT NULL"

# The key of a row of sums, from a commitment `{r}` (NEW or OLD), in the order of a sum by
# donor, which SQLite then reads in the order of the table (WITHOUT ROWID: stored by its key).
_KEYS = {
    "rejected": "{r}.rejected",
    "donor_id": "{r}.donor_id",
    "finance": "coalesce({r}.finance, '')",
    "status": "{r}.status",
    "currency": "coalesce({r}.currency, '')",
    "recipient_id": "coalesce({r}.recipient_id, 0)",
    "family": "coalesce({r}.family, '')",
    "category": "coalesce({r}.category, '')",
    "aid_type": "coalesce({r}.aid_type, '')",
}
_FIGURES = {
    "usd": "coalesce({r}.amount_usd, 0)",
    "usd_count": "CASE WHEN {r}.amount_usd IS NULL THEN 0 ELSE 1 END",
    "eur": "coalesce({r}.amount_eur, 0)",
    "eur_count": "CASE WHEN {r}.amount_eur IS NULL THEN 0 ELSE 1 END",
    "unconverted_usd": "CASE WHEN {r}.amount_usd IS NULL THEN {r}.amount ELSE 0 END",
    "unconverted_eur": "CASE WHEN {r}.amount_eur IS NULL THEN {r}.amount ELSE 0 END",
    "commitments": "1",
}
_KEPT = "{r}.amount IS NOT NULL AND {r}.part_of IS NULL"
# The columns a row of sums depends on (its key's, and what decides whether and what it
# adds): a change to any other leaves the sums alone.
_WATCHED = [*_KEYS, "amount", "amount_usd", "amount_eur", "part_of"]


def _add(row: str) -> str:
    """Add the commitment `row` to its sums, if they keep it."""
    columns = ", ".join([*_KEYS, *_FIGURES])
    values = ", ".join(e.format(r=row) for e in [*_KEYS.values(), *_FIGURES.values()])
    added = ", ".join(f"{f} = commitment_sums.{f} + excluded.{f}" for f in _FIGURES)
    return (
        f"INSERT INTO commitment_sums ({columns}) SELECT {values} "
        f"WHERE {_KEPT.format(r=row)} "
        f"ON CONFLICT ({', '.join(_KEYS)}) DO UPDATE SET {added}"
    )


def _remove(row: str) -> list[str]:
    """Take the commitment `row` out of its sums, if they keep it; a row of sums left with
    no commitment goes (so that nothing is left of its sums but rounding)."""
    key = " AND ".join(f"{k} = {e.format(r=row)}" for k, e in _KEYS.items())
    taken = ", ".join(f"{f} = {f} - {e.format(r=row)}" for f, e in _FIGURES.items())
    return [
        f"UPDATE commitment_sums SET {taken} WHERE {key} AND {_KEPT.format(r=row)}",
        f"DELETE FROM commitment_sums WHERE {key} AND commitments = 0 AND {_KEPT.format(r=row)}",
    ]


def _changed() -> str:
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _WATCHED)


def _sqlite_triggers() -> list[str]:
    on_update = "; ".join([*_remove("OLD"), _add("NEW")])
    return [
        "CREATE TRIGGER commitment_sums_insert AFTER INSERT ON commitments "
        f"BEGIN {_add('NEW')}; END",
        "CREATE TRIGGER commitment_sums_delete AFTER DELETE ON commitments "
        f"BEGIN {'; '.join(_remove('OLD'))}; END",
        f"CREATE TRIGGER commitment_sums_update AFTER UPDATE OF {', '.join(_WATCHED)} "
        f"ON commitments WHEN {_changed()} BEGIN {on_update}; END",
    ]


def _postgresql_triggers() -> list[str]:
    removed = "; ".join(_remove("OLD"))
    function = (
        "CREATE FUNCTION commitment_sums_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN {removed}; END IF; "
        f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {_add('NEW')}; END IF; "
        "RETURN NULL; END $$"
    )
    old = ", ".join(f"OLD.{c}" for c in _WATCHED)
    new = ", ".join(f"NEW.{c}" for c in _WATCHED)
    run = "FOR EACH ROW EXECUTE FUNCTION commitment_sums_change()"
    return [
        function,
        f"CREATE TRIGGER commitment_sums_insert AFTER INSERT ON commitments {run}",
        f"CREATE TRIGGER commitment_sums_delete AFTER DELETE ON commitments {run}",
        f"CREATE TRIGGER commitment_sums_update AFTER UPDATE OF {', '.join(_WATCHED)} "
        f"ON commitments FOR EACH ROW WHEN (({old}) IS DISTINCT FROM ({new})) "
        "EXECUTE FUNCTION commitment_sums_change()",
    ]


def _fill() -> str:
    """The sums of the commitments there are."""
    keys = [e.format(r="c") for e in _KEYS.values()]
    sums = [f"sum({e.format(r='c')})" for e in _FIGURES.values()]
    return (
        f"INSERT INTO commitment_sums ({', '.join([*_KEYS, *_FIGURES])}) "
        f"SELECT {', '.join(keys + sums)} FROM commitments c WHERE {_KEPT.format(r='c')} "
        f"GROUP BY {', '.join(keys)}"
    )


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    op.create_table(
        "commitment_sums",
        sa.Column("rejected", sa.Boolean(), nullable=False),
        sa.Column("donor_id", sa.Integer(), nullable=False),
        sa.Column("finance", sa.String(length=11), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("family", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("aid_type", sa.String(length=12), nullable=False),
        sa.Column("usd", sa.Float(), nullable=False),
        sa.Column("usd_count", sa.Integer(), nullable=False),
        sa.Column("eur", sa.Float(), nullable=False),
        sa.Column("eur_count", sa.Integer(), nullable=False),
        sa.Column("unconverted_usd", sa.Float(), nullable=False),
        sa.Column("unconverted_eur", sa.Float(), nullable=False),
        sa.Column("commitments", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*_KEYS, name="pk_commitment_sums"),
        sqlite_with_rowid=False,
    )
    op.execute(_fill())
    triggers = _postgresql_triggers() if dialect == "postgresql" else _sqlite_triggers()
    for statement in triggers:
        op.execute(statement)
    where = sa.text(PARTS_WHERE)
    op.create_index(
        "ix_commitments_parts",
        "commitments",
        PARTS_COLUMNS,
        sqlite_where=where,
        postgresql_where=where,
    )


def downgrade() -> None:
    postgresql = op.get_context().dialect.name == "postgresql"
    on = " ON commitments" if postgresql else ""  # PostgreSQL names a trigger by its table
    op.drop_index("ix_commitments_parts", table_name="commitments")
    for name in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER commitment_sums_{name}{on}")
    if postgresql:
        op.execute("DROP FUNCTION commitment_sums_change()")
    op.drop_table("commitment_sums")
