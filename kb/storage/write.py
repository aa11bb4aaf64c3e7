"""Storing one article and its mentions: one transaction, idempotent on the article's source."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from kb.memory import with_collector_paused
from kb.records import AID_TYPES, FINANCE, KINDS, QUALIFIERS, STATUSES, Actor, Article, Mention
from kb.storage import corrections, regroup
from kb.storage.models import ArticleRow, MentionRow
from kb.storage.rows import ensure_actors, ensure_items, mention_row
from kb.storage.upsert import insert_all, insert_many

_ARTICLES: Table = ArticleRow.__table__  # type: ignore[assignment]
_MENTIONS: Table = MentionRow.__table__  # type: ignore[assignment]
# What plan() compares of a stored article: never its text, which may be long.
_COMPARED_NAMES = "source sha256 extractor_version published precision title url author"
_COMPARED = tuple(_ARTICLES.c[name] for name in _COMPARED_NAMES.split())

Outcome = Literal["new", "updated", "unchanged"]
Plan = Literal["unchanged", "extract", "delete"]


@dataclass(frozen=True)
class Stored:
    """What storing one article did, and how many mentions it wrote."""

    outcome: Outcome
    mentions: int = 0
    duplicate_of: str | None = None  # the source that holds the same text, stored once


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
    return plan_many(session, [article], version)[0]


def plan_many(session: Session, articles: Sequence[Article], version: str) -> list[Plan]:
    """plan() of each article, as the database is now, in two queries for all of them (an
    article earlier in `articles` is not taken as stored: store_articles decides again)."""
    return [plan for plan, _ in plans_and_copies(session, articles, version)]


def plans_and_copies(
    session: Session, articles: Sequence[Article], version: str
) -> list[tuple[Plan, str | None]]:
    """plan_many, each with the source that holds the article's text already, where another
    one does (a copy of a stored article under another name is stored once)."""
    if not articles:
        return []
    shas = [text_sha256(a.text) for a in articles]
    found = _Lookup.of(session, articles, shas, lock=False)
    out: list[tuple[Plan, str | None]] = []
    for article, sha in zip(articles, shas, strict=True):
        state, old = found.state(article, sha, version)
        if state == "store":
            out.append(("extract", None))
        elif state == "duplicate":
            out.append(("delete" if old is not None else "unchanged", found.copy_of(article, sha)))
        else:
            out.append(("unchanged", None))
    return out


@dataclass(frozen=True)
class _Lookup:
    """What the database holds of a set of articles: the stored copy of each source (its id
    and what _same compares), and the sources that hold each text."""

    stored: dict[str, Any]
    holders: dict[str, set[str]]

    @classmethod
    def of(
        cls, session: Session, articles: Sequence[Article], shas: Sequence[str], *, lock: bool
    ) -> _Lookup:
        """Two queries; with `lock`, the stored copies are locked (FOR UPDATE: a second
        process replacing the same article waits for the first to commit, and then finds
        the first one's copy; SQLite ignores it)."""
        a = _ARTICLES.c
        stmt = select(a.id, *_COMPARED).where(a.source.in_({x.source for x in articles}))
        stored = {
            row.source: row for row in session.execute(stmt.with_for_update() if lock else stmt)
        }
        holders: dict[str, set[str]] = {}
        for source, sha in session.execute(
            select(a.source, a.sha256).where(a.sha256.in_(set(shas)))
        ):
            holders.setdefault(sha, set()).add(source)
        return cls(stored, holders)

    def state(
        self, article: Article, sha: str, version: str
    ) -> tuple[Literal["same", "duplicate", "store"], Any]:
        """Whether the article is stored as it is, its text is another source's (then only
        its old copy, if any, goes), or it is to be stored; and its stored copy, if any."""
        old = self.stored.get(article.source)
        if old is not None and _same(old, article, sha, version):
            return "same", old
        if self.copy_of(article, sha) is not None:
            return "duplicate", old
        return "store", old

    def copy_of(self, article: Article, sha: str) -> str | None:
        """The other source that holds the article's text (the first by name), if any."""
        return min(self.holders.get(sha, set()) - {article.source}, default=None)


def _same(row: Any, article: Article, sha: str, version: str) -> bool:
    return bool(
        row.sha256 == sha
        and row.extractor_version == version
        and row.published == article.published
        and row.precision == article.precision
        and row.title == article.title
        and row.url == article.url
        and row.author == article.author
    )


def store_article(
    session: Session,
    article: Article,
    mentions: Sequence[Mention] | None,
    version: str,
    actors: dict[Actor, int] | None = None,
) -> Stored:
    """Store `article` and its `mentions`, within the caller's transaction, and consolidate
    the commitments they belong to: store_articles with one article."""
    return store_articles(session, [(article, mentions)], version, actors)[0]


@with_collector_paused
def store_articles(
    session: Session,
    batch: Sequence[tuple[Article, Sequence[Mention] | None]],
    version: str,
    actors: dict[Actor, int] | None = None,
) -> list[Stored]:
    """Store each article with its mentions within the caller's transaction, and then
    consolidate once the commitments of every group they touched (kb.storage.regroup): a
    group that many articles of a batch touch is rebuilt once, not once each. The
    articles' sources and texts must be distinct (kb.loading.load cuts batches so).

    An article's mentions may be None where plan() said "unchanged" or "delete" (none are
    needed then); if the stored copy has changed since, so that they are needed after all,
    this raises Conflict, and the caller plans again.

    `actors`, when given, caches actor ids from one batch to the next (kb.loading.load keeps
    one a load): looking an actor up costs more than inserting its commitments. It gains the
    ids this transaction inserts, so the caller must clear it when the transaction fails.

    - unchanged: the source is stored with the same text, metadata and extractor version,
      or the same text is stored under another source (a duplicate); nothing is written.
    - new: the source was not stored.
    - updated: the source was stored with other text, metadata or extractor version; the
      old article is deleted (its mentions go with it, ON DELETE CASCADE) and stored anew.
      If its new text duplicates another source's, it is only deleted.
    Either way the groups it touched, before and after, are consolidated again.
    """
    shas = [text_sha256(article.text) for article, _ in batch]
    if len({a.source for a, _ in batch}) < len(batch):
        raise ValueError("a batch holds one source twice")
    if len(set(shas)) < len(batch):
        raise ValueError("a batch holds one text twice")
    decided = _decide(session, batch, shas, version)
    # A person's corrections of these articles apply to what the rules gave them now.
    applied = corrections.apply_to(
        session, [(d.article, d.mentions) for d in decided if d.mentions is not None]
    )
    decided = [
        replace(d, mentions=applied[d.article.source].mentions)
        if d.article.source in applied and d.mentions is not None
        else d
        for d in decided
    ]
    rows = _rows(session, decided, {} if actors is None else actors)
    touched = regroup.touched_by(session, [d.old for d in decided if d.old is not None])
    for r in (r for rs in rows for r in rs):  # with the date the rule gives it (rows.dated)
        touched.add((r["donor_id"], r["recipient_id"], r["family"]), r["dated"])
    # Every group the batch touches is held from here to the commit, before anything changes
    # (kb.storage.regroup), in one order: a load beside this one on PostgreSQL waits, and
    # then reads what this one wrote.
    regroup.lock(session, touched.keys)
    gone = [d.old for d in decided if d.old is not None and d.outcome != "unchanged"]
    if gone:  # the database's ON DELETE CASCADE removes their mentions
        session.execute(delete(_ARTICLES).where(_ARTICLES.c.id.in_(gone)))
    ids = _insert(session, decided, rows, version)
    touched.articles |= set(ids)
    stored = [d.article.source for d in decided if d.mentions is not None]
    corrections.attach(session, dict(zip(stored, ids, strict=True)), applied)
    regroup.regroup(session, touched)
    return [Stored(d.outcome, len(r), d.duplicate_of) for d, r in zip(decided, rows, strict=True)]


@dataclass(frozen=True)
class _Decided:
    """What storing one article of a batch does: its outcome, the id of the stored copy to
    delete (if any), and the mentions to insert (None: the article itself is not stored)."""

    article: Article
    sha: str
    outcome: Outcome
    old: int | None = None
    mentions: Sequence[Mention] | None = None
    duplicate_of: str | None = None


def _decide(
    session: Session,
    batch: Sequence[tuple[Article, Sequence[Mention] | None]],
    shas: Sequence[str],
    version: str,
) -> list[_Decided]:
    """Each article's outcome, as the database holds it now, its stored copy locked."""
    found = _Lookup.of(session, [article for article, _ in batch], shas, lock=True)
    out: list[_Decided] = []
    outcome: Outcome
    for (article, mentions), sha in zip(batch, shas, strict=True):
        state, old = found.state(article, sha, version)
        old_id = None if old is None else old.id
        if state == "same":
            out.append(_Decided(article, sha, "unchanged"))
        elif state == "duplicate":
            outcome = "unchanged" if old is None else "updated"
            holder = found.copy_of(article, sha)
            out.append(_Decided(article, sha, outcome, old_id, duplicate_of=holder))
        elif mentions is None:
            raise Conflict(f"{article.source} changed since its load was planned")
        else:
            for c in mentions:
                _check(c)
            outcome = "new" if old is None else "updated"
            out.append(_Decided(article, sha, outcome, old_id, mentions))
    return out


def _rows(
    session: Session, decided: Sequence[_Decided], actor_ids: dict[Actor, int]
) -> list[list[dict[str, Any]]]:
    """The mention rows of each article (article ids aside), inserting the actors and items
    they name that the database lacks."""
    commitments = [c for d in decided for c in d.mentions or ()]
    ensure_actors(session, commitments, actor_ids)
    item_ids = ensure_items(session, commitments)
    return [
        [
            mention_row(
                c,
                d.article.published,
                actor_ids,
                item_ids,
                published_precision=d.article.precision,
            )
            for c in d.mentions or ()
        ]
        for d in decided
    ]


def _insert(
    session: Session,
    decided: Sequence[_Decided],
    rows: Sequence[list[dict[str, Any]]],
    version: str,
) -> list[int]:
    """Insert the articles to store, then all their mentions, many rows a statement
    (upsert.insert_all); the ids of the articles."""
    stored = [(d, r) for d, r in zip(decided, rows, strict=True) if d.mentions is not None]
    if not stored:
        return []
    now = datetime.now(UTC)
    values = [_article_row(d.article, d.sha, version, now) for d, _ in stored]
    # Source and text are both unique: if another process stored either since we looked,
    # the insert fails (IntegrityError), and the caller runs the transaction again.
    ids = insert_many(session.connection(), _ARTICLES, values)
    mentions = [{**r, "article_id": i} for (_, rs), i in zip(stored, ids, strict=True) for r in rs]
    # On the connection: the ORM's bulk insert costs more than the inserting.
    insert_all(session.connection(), _MENTIONS, mentions)
    return ids


def _article_row(article: Article, sha: str, version: str, now: datetime) -> dict[str, Any]:
    return {
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "author": article.author,
        "published": article.published,
        "precision": article.precision,
        "text": article.text,
        "sha256": sha,
        "loaded_at": now,
        "extractor_version": version,
    }


def remove_article(session: Session, source: str) -> bool:
    """Delete the article stored under `source` with its mentions, within the caller's
    transaction, and consolidate the groups they belonged to again. False if none is."""
    old = session.scalars(
        select(ArticleRow).where(ArticleRow.source == source).with_for_update()
    ).first()
    if old is None:
        return False
    touched = regroup.touched_by(session, [old.id])
    regroup.lock(session, touched.keys)
    session.delete(old)
    session.flush()
    regroup.regroup(session, touched)
    return True


def _check(c: Mention) -> None:
    """Refuse a record the schema would refuse, with a message that says which field."""
    if c.status not in STATUSES:
        raise ValueError(f"extractor gave unknown status {c.status!r} for {c.item!r}")
    if c.qualifier is not None and c.qualifier not in QUALIFIERS:
        raise ValueError(f"extractor gave unknown qualifier {c.qualifier!r} for {c.item!r}")
    if c.finance is not None and c.finance not in FINANCE:
        raise ValueError(f"extractor gave unknown kind of money {c.finance!r} for {c.item!r}")
    if c.kind not in KINDS:
        raise ValueError(f"extractor gave unknown kind {c.kind!r} for {c.item!r}")
    if c.aid_type is not None and c.aid_type not in AID_TYPES:
        raise ValueError(f"extractor gave unknown aid type {c.aid_type!r} for {c.item!r}")


# The extractor version of an article whose stored extraction is to be made again (kb
# reextract): no extractor has it, so the next load of the article extracts it anew. Set in
# one transaction before re-extracting, it survives a kill: what was not done yet is still
# marked, and `kb reextract` or `kb load` does it then.
STALE = "stale"


def mark_stale(session: Session, sources: Sequence[str] | None) -> tuple[list[int], list[str]]:
    """Mark the articles `sources` (all where None) for extraction anew; their ids, and
    the sources given that no article is stored under."""
    a = _ARTICLES.c
    stmt = select(a.id, a.source).order_by(a.id)
    if sources is not None:
        stmt = stmt.where(a.source.in_(sorted(set(sources))))
    found = {source: article_id for article_id, source in session.execute(stmt)}
    missing = [s for s in dict.fromkeys(sources or ()) if s not in found]
    ids = sorted(found.values())
    for at in range(0, len(ids), 500):
        chunk = ids[at : at + 500]
        session.execute(_ARTICLES.update().where(a.id.in_(chunk)).values(extractor_version=STALE))
    return ids, missing


def stored_articles(session: Session, ids: Sequence[int]) -> list[Article]:
    """The articles `ids` as they were loaded (their text and what their file said)."""
    a = _ARTICLES.c
    stmt = select(a.source, a.text, a.published, a.precision, a.title, a.url, a.author)
    rows = session.execute(stmt.where(a.id.in_(list(ids))).order_by(a.id))
    return [
        Article(r.source, r.text, r.published, r.precision, r.title, r.url, author=r.author)
        for r in rows
    ]
