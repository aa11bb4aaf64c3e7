"""one copy of a text: articles.sha256 becomes unique

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

kb never stores one text twice (a second source with the same text is a duplicate), but
before this revision it only checked, so two loads running at once could both insert it.
A unique index lets the database itself refuse the second copy (kb.storage.write).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The copies that such a race left behind: every article whose text an older one also holds.
LATER_COPIES = (
    "SELECT a.id FROM articles a WHERE EXISTS "
    "(SELECT 1 FROM articles b WHERE b.sha256 = a.sha256 AND b.id < a.id)"
)


def upgrade() -> None:
    # Keep the first copy. Its commitments are deleted explicitly rather than by ON DELETE
    # CASCADE, which SQLite honours only on connections that turned foreign keys on.
    op.execute(f"DELETE FROM commitments WHERE article_id IN ({LATER_COPIES})")
    op.execute(f"DELETE FROM articles WHERE id IN ({LATER_COPIES})")
    op.drop_index(op.f("ix_articles_sha256"), table_name="articles")
    op.create_index(op.f("ix_articles_sha256"), "articles", ["sha256"], unique=True)


def downgrade() -> None:
    # Every row stays; only the database stops refusing a second copy.
    op.drop_index(op.f("ix_articles_sha256"), table_name="articles")
    op.create_index(op.f("ix_articles_sha256"), "articles", ["sha256"])
