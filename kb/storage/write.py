"""Storing one article and its commitments: one transaction, idempotent on the article's source."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.records import QUALIFIERS, STATUSES, Actor, Article, Commitment
from kb.storage.aliases import ensure_actor
from kb.storage.models import ArticleRow, CommitmentRow

Outcome = Literal["new", "updated", "unchanged"]
Extractor = Callable[[Article], Sequence[Commitment]]


@dataclass(frozen=True)
class Stored:
    """What storing one article did, and how many commitments it wrote."""

    outcome: Outcome
    commitments: int = 0


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _same(row: ArticleRow, article: Article, sha: str, version: str) -> bool:
    return (
        row.sha256 == sha
        and row.extractor_version == version
        and row.published == article.published
        and row.precision == article.precision
        and row.title == article.title
        and row.url == article.url
    )


def store_article(session: Session, article: Article, extractor: Extractor, version: str) -> Stored:
    """Store `article` and what `extractor` finds in it, within the caller's transaction.

    - unchanged: the source is stored with the same text, metadata and extractor version,
      or the same text is stored under another source (a duplicate); nothing is written and
      the extractor is not called.
    - new: the source was not stored.
    - updated: the source was stored with other text, metadata or extractor version; the
      old article is deleted (its commitments go with it, ON DELETE CASCADE) and stored anew.
      If its new text duplicates another source's, it is only deleted.
    """
    sha = text_sha256(article.text)
    old = session.scalars(select(ArticleRow).where(ArticleRow.source == article.source)).first()
    if old is not None and _same(old, article, sha, version):
        return Stored("unchanged")
    if old is not None:
        # passive_deletes: the database's ON DELETE CASCADE removes the old commitments.
        session.delete(old)
        session.flush()
    duplicate = session.scalars(
        select(ArticleRow.id).where(ArticleRow.sha256 == sha, ArticleRow.source != article.source)
    ).first()
    if duplicate is not None:
        return Stored("updated" if old is not None else "unchanged")

    commitments = extractor(article)
    row = ArticleRow(
        source=article.source,
        title=article.title,
        url=article.url,
        published=article.published,
        precision=article.precision,
        text=article.text,
        sha256=sha,
        loaded_at=datetime.now(UTC),
        extractor_version=version,
    )
    session.add(row)
    session.flush()
    actor_ids: dict[Actor, int] = {}
    for c in commitments:
        _check(c)
        for actor in (c.donor, c.recipient):
            if actor is not None and actor not in actor_ids:
                actor_ids[actor] = ensure_actor(session, actor)
        session.add(_commitment_row(row.id, c, actor_ids))
    session.flush()
    return Stored("new" if old is None else "updated", len(commitments))


def _check(c: Commitment) -> None:
    """Refuse a record the schema would refuse, with a message that says which field."""
    if c.status not in STATUSES:
        raise ValueError(f"extractor gave unknown status {c.status!r} for {c.item!r}")
    if c.qualifier is not None and c.qualifier not in QUALIFIERS:
        raise ValueError(f"extractor gave unknown qualifier {c.qualifier!r} for {c.item!r}")


def _commitment_row(article_id: int, c: Commitment, actor_ids: dict[Actor, int]) -> CommitmentRow:
    return CommitmentRow(
        article_id=article_id,
        donor_id=actor_ids[c.donor],
        recipient_id=None if c.recipient is None else actor_ids[c.recipient],
        item=c.item,
        category=c.category,
        quantity=c.quantity,
        qualifier=c.qualifier,
        unit=c.unit,
        amount=c.amount,
        currency=c.currency,
        status=c.status,
        announced=c.announced,
        evidence=c.evidence,
        span_start=c.span[0],
        span_end=c.span[1],
        rule=c.rule,
    )
