"""A knowledge base of a million commitments, for timing queries and export at scale.

Extracting a million rows would take the corpus of a news archive; what the queries need
is a table of that size whose rows look like real ones. So the rows are copies of the
commitments a real load made, each with a copy of its lead mention (same donors, items,
statuses and evidence, in the same proportions), spread over synthetic articles of ten
mentions each, and inserted with executemany through SQLAlchemy Core into a database that
the migrations made. Status histories are left out: no command measured here reads them.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from kb import EXTRACTOR_VERSION
from kb.storage.engine import open_database
from kb.storage.models import (
    ActorAliasRow,
    ActorRow,
    ArticleRow,
    CommitmentRow,
    ItemRow,
    MentionRow,
    StatusStepRow,
)

PER_ARTICLE = 10
BATCH = 50_000


def _copy(source: Engine, target: Engine, table: Any) -> None:
    with source.connect() as read:
        rows = [dict(row._mapping) for row in read.execute(select(table))]
    if rows:
        with target.begin() as write:
            write.execute(insert(table), rows)


def build(source: Engine, url: str, rows: int) -> Engine:
    """Fill the (fresh) database at `url` with `rows` commitments copied from `source`'s.

    Returns the target's engine. Raises ValueError when `source` holds no commitments.
    """
    with source.connect() as read:
        commitments = {
            row.id: dict(row._mapping) for row in read.execute(select(CommitmentRow.__table__))
        }
        leads = [
            dict(row._mapping)
            for row in read.execute(select(MentionRow.__table__).where(MentionRow.lead))
        ]
        dates = [d for (d,) in read.execute(select(ArticleRow.published)) if d is not None]
    templates = [(commitments[m["commitment_id"]], m) for m in leads]
    if not templates:
        raise ValueError("the source knowledge base holds no commitments to copy")
    target = open_database(url)
    with target.begin() as write:  # a rerun into the same file starts again
        for table in (StatusStepRow, MentionRow, CommitmentRow, ArticleRow, ItemRow,
                      ActorAliasRow, ActorRow):  # fmt: skip
            write.execute(delete(table))
    for table in (ActorRow, ActorAliasRow, ItemRow):
        _copy(source, target, table.__table__)
    articles = -(-rows // PER_ARTICLE)
    loaded = datetime.now(UTC)
    fallback = [date(2023, 1, 1)]
    for first in range(0, articles, BATCH):
        batch = []
        for number in range(first + 1, min(first + BATCH, articles) + 1):
            text = f"Synthetic article {number}."
            batch.append(
                {
                    "id": number,
                    "source": f"synthetic/{number:07d}",
                    "title": None,
                    "url": None,
                    "published": (dates or fallback)[number % len(dates or fallback)],
                    "precision": "day",
                    "text": text,
                    "sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "loaded_at": loaded,
                    "extractor_version": EXTRACTOR_VERSION,
                }
            )
        with target.begin() as write:
            write.execute(insert(ArticleRow), batch)
    for first in range(0, rows, BATCH):
        made, mentioned = [], []
        for number in range(first, min(first + BATCH, rows)):
            commitment, mention = templates[number % len(templates)]
            made.append(commitment | {"id": number + 1, "sources": 1})
            mentioned.append(
                mention
                | {"id": number + 1, "commitment_id": number + 1,
                   "article_id": number // PER_ARTICLE + 1}
            )  # fmt: skip
        with target.begin() as write:
            write.execute(insert(CommitmentRow), made)
            write.execute(insert(MentionRow), mentioned)
    return target
