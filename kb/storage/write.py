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
from kb.storage.upsert import insert_or_ignore

Outcome = Literal["new", "updated", "unchanged"]
Plan = Literal["unchanged", "extract", "delete"]
Extractor = Callable[[Article], Sequence[Commitment]]


@dataclass(frozen=True)
class Stored:
    """What storing one article did, and how many commitments it wrote."""

    outcome: Outcome
    commitments: int = 0


class Conflict(Exception):
    """Another process stored the same source or text while this transaction ran (possible on
    PostgreSQL, whose transactions run side by side); running it again will see that one's."""


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan(session: Session, article: Article, version: str) -> Plan:
    """What store_article would do now, without writing: nothing ("unchanged"); extract and
    store ("extract"); or only delete the stored copy, whose new text another source holds.

    kb.load asks this first, so that extraction runs outside the write transaction and the
    write lock is held only for writing. store_article decides again inside it.
    """
    sha = text_sha256(article.text)
    old = session.scalars(select(ArticleRow).where(ArticleRow.source == article.source)).first()
    if old is not None and _same(old, article, sha, version):
        return "unchanged"
    if _duplicate(session, sha, article.source):
        return "unchanged" if old is None else "delete"
    return "extract"


def _duplicate(session: Session, sha: str, source: str) -> bool:
    """Whether another source holds this text."""
    found = session.scalars(
        select(ArticleRow.id).where(ArticleRow.sha256 == sha, ArticleRow.source != source)
    ).first()
    return found is not None


def _same(row: ArticleRow, article: Article, sha: str, version: str) -> bool:
    return (
        row.sha256 == sha
        and row.extractor_version == version
        and row.published == article.published
        and row.precision == article.precision
        and row.title == article.title
        and row.url == article.url
    )


def store_article(
    session: Session,
    article: Article,
    extractor: Extractor,
    version: str,
    actors: dict[Actor, int] | None = None,
) -> Stored:
    """Store `article` and what `extractor` finds in it, within the caller's transaction.

    `actors`, when given, caches actor ids from one article to the next (kb.load keeps one
    a load): looking an actor up costs more than inserting its commitments. It gains the
    ids this transaction inserts, so the caller must clear it when the transaction fails.

    - unchanged: the source is stored with the same text, metadata and extractor version,
      or the same text is stored under another source (a duplicate); nothing is written and
      the extractor is not called.
    - new: the source was not stored.
    - updated: the source was stored with other text, metadata or extractor version; the
      old article is deleted (its commitments go with it, ON DELETE CASCADE) and stored anew.
      If its new text duplicates another source's, it is only deleted.
    """
    sha = text_sha256(article.text)
    # FOR UPDATE (PostgreSQL): a second process replacing the same article waits here for
    # the first to commit, and then finds the first one's copy. SQLite ignores it.
    old = session.scalars(
        select(ArticleRow).where(ArticleRow.source == article.source).with_for_update()
    ).first()
    if old is not None and _same(old, article, sha, version):
        return Stored("unchanged")
    if old is not None:
        # passive_deletes: the database's ON DELETE CASCADE removes the old commitments.
        session.delete(old)
        session.flush()
    if _duplicate(session, sha, article.source):
        return Stored("updated" if old is not None else "unchanged")

    commitments = extractor(article)
    for c in commitments:
        _check(c)
    row = {
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "precision": article.precision,
        "text": article.text,
        "sha256": sha,
        "loaded_at": datetime.now(UTC),
        "extractor_version": version,
    }
    # Source and text are both unique: if another process stored either since we looked,
    # nothing is inserted, and the caller runs the transaction again to see what it stored.
    article_id = session.scalar(
        insert_or_ignore(session, ArticleRow).values(row).returning(ArticleRow.id)
    )
    if article_id is None:
        raise Conflict(f"{article.source} was stored by another load at the same time")
    actor_ids: dict[Actor, int] = {} if actors is None else actors
    new_actors = {a for c in commitments for a in (c.donor, c.recipient) if a is not None}
    # In name order, so that two processes inserting the same new actors lock them in the
    # same order (in opposite orders, PostgreSQL would have to abort one as a deadlock).
    for actor in sorted(new_actors - actor_ids.keys(), key=lambda a: a.name):
        actor_ids[actor] = ensure_actor(session, actor)
    session.add_all(_commitment_row(article_id, c, actor_ids) for c in commitments)
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
