"""initial: articles, actors and their aliases, commitments

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The allowed values are written out here, not imported: a migration records the schema as it
# was, so a later change to kb.records must come with a migration of its own.
STATUSES = "'delivered', 'committed', 'offered', 'considering', 'sold', 'cancelled'"
QUALIFIERS = "'exact', 'about', 'over', 'up_to'"
PRECISIONS = "'day', 'month', 'unknown'"


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("precision", sa.String(length=7), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extractor_version", sa.String(), nullable=False),
        sa.CheckConstraint(f"precision IN ({PRECISIONS})", name=op.f("ck_articles_precision")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("source", name=op.f("uq_articles_source")),
    )
    op.create_index(op.f("ix_articles_sha256"), "articles", ["sha256"])

    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("code", sa.String(length=3), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
        sa.UniqueConstraint("name", name=op.f("uq_actors_name")),
    )

    op.create_table(
        "actor_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
            name=op.f("fk_actor_aliases_actor_id_actors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_aliases")),
        sa.UniqueConstraint("key", name=op.f("uq_actor_aliases_key")),
    )
    op.create_index(op.f("ix_actor_aliases_actor_id"), "actor_aliases", ["actor_id"])

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
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_commitments_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["donor_id"], ["actors.id"], name=op.f("fk_commitments_donor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["actors.id"], name=op.f("fk_commitments_recipient_id_actors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    # One index per query filter (kb.query.commitments), plus the article for cascades and reloads.
    for column in (
        "article_id",
        "donor_id",
        "recipient_id",
        "item",
        "category",
        "status",
        "announced",
    ):
        op.create_index(op.f(f"ix_commitments_{column}"), "commitments", [column])


def downgrade() -> None:
    # Dropping a table drops its indexes; children go before the tables they reference.
    op.drop_table("commitments")
    op.drop_table("actor_aliases")
    op.drop_table("actors")
    op.drop_table("articles")
