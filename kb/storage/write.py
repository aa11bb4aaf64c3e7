"""Storing one article and its mentions: one transaction, idempotent on the article's source."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kb.rates import convert
from kb.records import AID_TYPES, FINANCE, KINDS, QUALIFIERS, STATUSES, Actor, Article, Mention
from kb.storage import regroup
from kb.storage.aliases import ensure_actor
from kb.storage.keys import MONEY, family_of, thing_of
from kb.storage.models import ArticleRow, ItemRow, MentionRow
from kb.storage.upsert import insert_or_ignore

Outcome = Literal["new", "updated", "unchanged"]
Plan = Literal["unchanged", "extract", "delete"]


@dataclass(frozen=True)
class Stored:
    """What storing one article did, and how many mentions it wrote."""

    outcome: Outcome
    mentions: int = 0


class Conflict(Exception):
    """Another process stored the same source or text while this transaction ran (possible on
    PostgreSQL, whose transactions run side by side), or the stored copy changed since the
    caller planned; planning and running it again will see what is there now."""


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan(session: Session, article: Article, version: str) -> Plan:
    """What store_article would do now, without writing: nothing ("unchanged"); store the
    article and its mentions ("extract"); or only delete the stored copy, whose new text
    another source holds ("delete": no mentions are needed).

    kb.loading.load asks this first, so that extraction runs outside the write transaction and
    the write lock is held only for writing. store_article decides again inside it.
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
    mentions: Sequence[Mention] | None,
    version: str,
    actors: dict[Actor, int] | None = None,
) -> Stored:
    """Store `article` and its `mentions`, within the caller's transaction, and consolidate
    the commitments they belong to (kb.storage.regroup).

    `mentions` may be None where plan() said "unchanged" or "delete" (none are needed then);
    if the stored copy has changed since, so that they are needed after all, this raises
    Conflict, and the caller plans again.

    `actors`, when given, caches actor ids from one article to the next (kb.loading.load keeps one
    a load): looking an actor up costs more than inserting its commitments. It gains the
    ids this transaction inserts, so the caller must clear it when the transaction fails.

    - unchanged: the source is stored with the same text, metadata and extractor version,
      or the same text is stored under another source (a duplicate); nothing is written.
    - new: the source was not stored.
    - updated: the source was stored with other text, metadata or extractor version; the
      old article is deleted (its mentions go with it, ON DELETE CASCADE) and stored anew.
      If its new text duplicates another source's, it is only deleted.
    Either way the groups it touched, before and after, are consolidated again.
    """
    sha = text_sha256(article.text)
    # FOR UPDATE (PostgreSQL): a second process replacing the same article waits here for
    # the first to commit, and then finds the first one's copy. SQLite ignores it.
    old = session.scalars(
        select(ArticleRow).where(ArticleRow.source == article.source).with_for_update()
    ).first()
    if old is not None and _same(old, article, sha, version):
        return Stored("unchanged")
    touched = regroup.touched_by(session, old.id) if old is not None else regroup.Touched()
    duplicate = _duplicate(session, sha, article.source)
    if old is None and duplicate:
        return Stored("unchanged")
    if mentions is None and not duplicate:
        raise Conflict(f"{article.source} changed since its load was planned")
    commitments = [] if duplicate or mentions is None else list(mentions)
    for c in commitments:
        _check(c)
    actor_ids: dict[Actor, int] = {} if actors is None else actors
    new_actors = {a for c in commitments for a in (c.donor, c.recipient) if a is not None}
    # In name order, so that two processes inserting the same new actors lock them in the
    # same order (in opposite orders, PostgreSQL would have to abort one as a deadlock).
    for actor in sorted(new_actors - actor_ids.keys(), key=lambda a: a.name):
        actor_ids[actor] = ensure_actor(session, actor)
    item_ids = ensure_items(session, commitments)
    rows = [_mention_row(c, article, actor_ids, item_ids) for c in commitments]
    touched.keys |= {(r["donor_id"], r["recipient_id"], r["family"]) for r in rows}
    # Every group this article touches is held from here to the commit (kb.storage.regroup).
    regroup.lock(session, touched.keys)
    if old is not None:
        # passive_deletes: the database's ON DELETE CASCADE removes the old mentions.
        session.delete(old)
        session.flush()
    if duplicate:
        regroup.regroup(session, touched)
        return Stored("updated")
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
    if rows:  # through Core: building ORM objects for them costs more than inserting them
        session.execute(insert(MentionRow), [{**r, "article_id": article_id} for r in rows])
    regroup.regroup(session, touched)
    return Stored("new" if old is None else "updated", len(commitments))


def remove_article(session: Session, source: str) -> bool:
    """Delete the article stored under `source` with its mentions, within the caller's
    transaction, and consolidate the groups they belonged to again. False if none is."""
    old = session.scalars(
        select(ArticleRow).where(ArticleRow.source == source).with_for_update()
    ).first()
    if old is None:
        return False
    touched = regroup.touched_by(session, old.id)
    regroup.lock(session, touched.keys)
    session.delete(old)
    session.flush()
    regroup.regroup(session, touched)
    return True


def ensure_items(session: Session, commitments: Sequence[Mention]) -> dict[str, int]:
    """The ids of the canonical items the records name, inserting those new to the database."""
    wanted: dict[str, dict[str, str | None]] = {}
    for c in commitments:
        name = _item_name(c)
        if name is not None and name not in wanted:
            aid_type = "financial" if name == MONEY else c.aid_type
            category = MONEY if name == MONEY else c.category
            wanted[name] = {"name": name, "category": category, "aid_type": aid_type}
    if not wanted:
        return {}
    known = select(ItemRow.name, ItemRow.id).where(ItemRow.name.in_(sorted(wanted)))
    ids: dict[str, int] = {name: item_id for name, item_id in session.execute(known)}
    missing = [wanted[name] for name in sorted(wanted) if name not in ids]
    if missing:  # in name order, like actors, so that two loads never wait on each other
        session.execute(insert_or_ignore(session, ItemRow).values(missing))
        ids.update({name: item_id for name, item_id in session.execute(known)})
    return ids


def _item_name(c: Mention) -> str | None:
    if c.amount is not None:
        return MONEY
    return c.canonical


def _check(c: Mention) -> None:
    """Refuse a record the schema would refuse, with a message that says which field."""
    if c.status not in STATUSES:
        raise ValueError(f"extractor gave unknown status {c.status!r} for {c.item!r}")
    if c.qualifier is not None and c.qualifier not in QUALIFIERS:
        raise ValueError(f"extractor gave unknown qualifier {c.qualifier!r} for {c.item!r}")
    if c.finance is not None and c.finance not in FINANCE:
        raise ValueError(f"extractor gave unknown kind of money {c.finance!r} for {c.item!r}")
    if c.quantity is not None and c.quantity < 0:
        raise ValueError(f"extractor gave a negative count {c.quantity!r} for {c.item!r}")
    if c.kind not in KINDS:
        raise ValueError(f"extractor gave unknown kind {c.kind!r} for {c.item!r}")
    if c.aid_type is not None and c.aid_type not in AID_TYPES:
        raise ValueError(f"extractor gave unknown aid type {c.aid_type!r} for {c.item!r}")


def _mention_row(
    c: Mention, article: Article, actor_ids: dict[Actor, int], item_ids: dict[str, int]
) -> dict[str, Any]:
    """The mention's row, its article aside (not stored yet when this is made)."""
    converted = None
    on = c.announced or article.published
    # Undated money is not converted: today's rate would make a figure no report gave,
    # and compare amounts across currencies by it (issue 12).
    if c.amount is not None and c.currency is not None and on is not None:
        converted = convert(c.amount, c.currency, on)
    name = _item_name(c)
    thing = thing_of(c.canonical, c.item, c.amount)
    return {
        "lead": False,
        "donor_id": actor_ids[c.donor],
        "recipient_id": None if c.recipient is None else actor_ids[c.recipient],
        "thing": thing,
        "family": family_of(thing, c.category),
        "item_id": None if name is None else item_ids[name],
        "item": c.item,
        "category": c.category,
        "aid_type": c.aid_type,
        "quantity": c.quantity,
        "qualifier": c.qualifier,
        "unit": c.unit,
        "amount": c.amount,
        "currency": c.currency,
        "amount_usd": converted.amount_usd if converted else None,
        "status": c.status,
        "announced": c.announced,
        "announced_precision": c.announced_precision if c.announced else None,
        "kind": c.kind,
        "finance": c.finance if c.amount is not None else None,
        "evidence": c.evidence,
        "span_start": c.span[0],
        "span_end": c.span[1],
        "rule": c.rule,
    }
