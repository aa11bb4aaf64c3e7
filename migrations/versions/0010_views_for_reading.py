"""views made for reading, and full-text search

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

`kb serve` opens the knowledge base in Datasette (kb.web). Readers look at two views rather
than at the tables an SQL join would need: `commitment_rows` (a commitment with its donor
and recipient by name, its figures, its value in dollars, status, dates and year, the
sentence and article of its lead report, every article that reports it, and what a
person did) and `mention_rows` (each
report with its article). On SQLite, `search` indexes every report's sentence and its
article's title (FTS5), kept current by triggers as articles are stored and removed.

Down, the views, the triggers and the index go; nothing else changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COMMITMENT_ROWS = """
CREATE VIEW commitment_rows AS
SELECT c.id, d.name AS donor, r.name AS recipient, c.item, c.category, c.aid_type,
       c.quantity, c.unit, c.amount, c.currency, {value} AS value_usd,
       c.status, c.first_reported, c.last_reported, {year} AS year, c.sources,
       m.evidence, a.source AS article, a.title, a.url,
       (SELECT {joined} FROM mentions sm JOIN articles sa ON sa.id = sm.article_id
        WHERE sm.commitment_id = c.id) AS source_articles,
       c.kind, c.part_of, c.reviewed, c.rejected
FROM commitments c
JOIN actors d ON d.id = c.donor_id
LEFT JOIN actors r ON r.id = c.recipient_id
JOIN mentions m ON m.commitment_id = c.id AND m.lead
JOIN articles a ON a.id = m.article_id
"""
_MENTION_ROWS = """
CREATE VIEW mention_rows AS
SELECT m.id, m.commitment_id, d.name AS donor, r.name AS recipient, m.item, m.category,
       m.quantity, m.unit, m.amount, m.currency, m.status,
       COALESCE(m.announced, a.published) AS reported, m.evidence, a.source AS article,
       a.title, a.url, m.rule
FROM mentions m
JOIN articles a ON a.id = m.article_id
JOIN actors d ON d.id = m.donor_id
LEFT JOIN actors r ON r.id = m.recipient_id
"""
_SEARCH = (
    "CREATE VIRTUAL TABLE search USING fts5(evidence, title, tokenize='porter unicode61')",
    "INSERT INTO search (rowid, evidence, title) SELECT m.id, m.evidence, a.title "
    "FROM mentions m JOIN articles a ON a.id = m.article_id",
    "CREATE TRIGGER search_insert AFTER INSERT ON mentions BEGIN "
    "INSERT INTO search (rowid, evidence, title) VALUES (new.id, new.evidence, "
    "(SELECT title FROM articles WHERE id = new.article_id)); END",
    "CREATE TRIGGER search_delete AFTER DELETE ON mentions BEGIN "
    "DELETE FROM search WHERE rowid = old.id; END",
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    year = "CAST(strftime('%Y', c.first_reported) AS INTEGER)"
    value = "ROUND(c.amount_usd, 2)"
    joined = "group_concat(DISTINCT sa.source)"
    if not sqlite:  # PostgreSQL rounds a numeric, not a double, to places
        year = "CAST(EXTRACT(YEAR FROM c.first_reported) AS INTEGER)"
        value = "ROUND(CAST(c.amount_usd AS NUMERIC), 2)"
        joined = "string_agg(DISTINCT sa.source, ',')"
    op.execute(_COMMITMENT_ROWS.format(year=year, value=value, joined=joined))
    op.execute(_MENTION_ROWS)
    if sqlite:
        for statement in _SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS search_delete")
        op.execute("DROP TRIGGER IF EXISTS search_insert")
        op.execute("DROP TABLE IF EXISTS search")
    op.execute("DROP VIEW IF EXISTS mention_rows")
    op.execute("DROP VIEW IF EXISTS commitment_rows")
