"""A person's review in the database (kb.review): every correction, rejection, restoration
and addition is a row of `corrections`, never changed but for where it applies now.

- Storing an article (kb.storage.write) applies its corrections to the reports extraction
  gave (`apply_to`) and then records which stored report each applies to (`attach`): so they
  survive a re-extraction, a new EXTRACTOR_VERSION, and the article's removal and return.
- `correct`, `reject`, `restore` and `add` record one and apply it at once to the stored
  report, then consolidate its groups again (whole: a person's change may move a report to
  another group, or change what it holds).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from kb.errors import ReviewError
from kb.records import CORRECTABLE, Actor, Article, Correction, Mention
from kb.review.apply import Applied, added, apply, corrected, value_of
from kb.storage import regroup
from kb.storage.models import (
    ActorRow,
    ArticleRow,
    CommitmentRow,
    CorrectionRow,
    ItemRow,
    MentionRow,
)
from kb.storage.reading import Key
from kb.storage.rows import ensure_actors, ensure_items, fixed_names, mention_row
from kb.storage.upsert import insert_many

_CORRECTIONS: Table = CorrectionRow.__table__  # type: ignore[assignment]
_MENTIONS: Table = MentionRow.__table__  # type: ignore[assignment]
_ATTACH = (
    update(_CORRECTIONS)
    .where(_CORRECTIONS.c.id == bindparam("c_id"))
    .values(mention_id=bindparam("c_mention"), extracted=bindparam("c_extracted"))
)


def _correction(row: Any) -> Correction:
    return Correction(
        action=row.action,
        source=row.source,
        evidence=row.evidence,
        span=(row.span_start, row.span_end),
        donor=row.donor,
        item=row.item,
        values=row.values,
        id=row.id,
    )


def read_for(session: Session, sources: Collection[str]) -> dict[str, list[Correction]]:
    """The corrections of the articles `sources`, oldest first."""
    if not sources:
        return {}
    c = _CORRECTIONS.c
    stmt = select(_CORRECTIONS).where(c.source.in_(sorted(sources))).order_by(c.id)
    found: dict[str, list[Correction]] = {}
    for row in session.execute(stmt):
        found.setdefault(row.source, []).append(_correction(row))
    return found


def apply_to(
    session: Session, articles: Sequence[tuple[Article, Sequence[Mention]]]
) -> dict[str, Applied]:
    """The reports of each article that has corrections, with them applied (by source)."""
    found = read_for(session, {article.source for article, _ in articles})
    return {
        article.source: apply(mentions, found[article.source], article.text)
        for article, mentions in articles
        if article.source in found
    }


def attach(session: Session, stored: Mapping[str, int], applied: Mapping[str, Applied]) -> None:
    """Record which report each correction of the articles just stored (their ids by
    source) applies to, in the order their mentions were inserted, and the rules' values."""
    wanted = {stored[source]: result for source, result in applied.items() if source in stored}
    if not wanted:
        return
    m = _MENTIONS.c
    ids: dict[int, list[int]] = {}
    stmt = select(m.id, m.article_id).where(m.article_id.in_(sorted(wanted))).order_by(m.id)
    for mention_id, article_id in session.execute(stmt):
        ids.setdefault(article_id, []).append(mention_id)
    rows = [
        {
            "c_id": cid,
            "c_mention": None if at is None else ids[article_id][at],
            "c_extracted": result.extracted.get(cid),
        }
        for article_id, result in wanted.items()
        for cid, at in result.attached.items()
    ]
    session.connection().execute(_ATTACH, rows)


def correct(
    session: Session, commitment_id: int, values: Mapping[str, Any], note: str, author: str
) -> int:
    """Set fields of a commitment (kb.review.values made them canonical) on its lead report;
    the id of the commitment that report belongs to afterwards."""
    wanted = {k: v for k, v in values.items() if k in CORRECTABLE or k == "announced_precision"}
    if not wanted:
        raise ReviewError("nothing to correct: give at least one field to set")
    lead = _lead(session, commitment_id)
    mention = _as_mention(session, lead)
    earlier = _earlier(session, lead.id)
    extracted = {
        n: earlier["extracted"].get(n, value_of(mention, n)) for n in wanted if n in CORRECTABLE
    }
    made = _anchored(session, "correct", lead, earlier, wanted)
    _record(session, made, note, author, lead.id, extracted)
    _rewrite(session, lead, corrected(mention, wanted))
    return _commitment_of(session, lead.id)


def reject(session: Session, commitment_id: int, note: str, author: str) -> None:
    """Mark a commitment as none: its lead report is rejected, and with it the commitment."""
    if session.scalar(select(CommitmentRow.rejected).where(CommitmentRow.id == commitment_id)):
        raise ReviewError(f"commitment {commitment_id} is rejected already")
    lead = _lead(session, commitment_id)
    made = _anchored(session, "reject", lead, _earlier(session, lead.id))
    _record(session, made, note, author, lead.id)
    _set_rejected(session, lead, True)


def restore(session: Session, commitment_id: int, note: str, author: str) -> None:
    """Take a rejection back: every rejected report of the commitment is restored."""
    rows = _reports(session, MentionRow.commitment_id == commitment_id, MentionRow.rejected)
    if not rows:
        _lead(session, commitment_id)  # says so if there is no such commitment
        raise ReviewError(f"commitment {commitment_id} is not rejected")
    for row in rows:
        made = _anchored(session, "restore", row, _earlier(session, row.id))
        _record(session, made, note, author, row.id)
    # All of them, then one consolidation (not one a report).
    keys = {(row.donor_id, row.recipient_id, row.family) for row in rows}
    ids = [row.id for row in rows]
    update_them = update(_MENTIONS).where(_MENTIONS.c.id.in_(ids)).values(rejected=False)
    _consolidating(session, keys, commitment_id, lambda: session.execute(update_them))


def add(
    session: Session,
    source: str,
    values: Mapping[str, Any],
    evidence: str,
    note: str,
    author: str,
) -> int:
    """A commitment the rules missed, reported by the article `source` in the sentence
    `evidence`; the id of the commitment it makes or joins."""
    _check_addition(values)
    article = session.execute(
        select(
            ArticleRow.id,
            ArticleRow.text,
            ArticleRow.published,
            ArticleRow.precision.label("published_precision"),
        ).where(ArticleRow.source == source)
    ).first()
    if article is None:
        raise ReviewError(f"no article is stored under {source!r} (`kb sources` lists them)")
    new = added(Correction("add", source, evidence, (0, 0), values=dict(values)), article.text)
    if new is None:
        raise ReviewError(f"the evidence is not in the stored text of {source}: {evidence!r}")
    made = Correction("add", source, new.evidence, new.span, values=dict(values))
    row = _row(session, new, article)
    stored = {**row, "article_id": article.id, "lead": False}
    inserted: list[int] = []

    def insert() -> None:
        inserted.extend(insert_many(session.connection(), _MENTIONS, [stored]))

    _consolidating(session, [_key(row)], None, insert)
    _record(session, made, note, author, inserted[0])
    return _commitment_of(session, inserted[0])


def _check_addition(values: Mapping[str, Any]) -> None:
    missing = [n for n in ("donor", "status") if values.get(n) is None]
    money = values.get("amount") is not None
    if money and values.get("currency") is None:
        missing.append("currency")
    if not money and not values.get("item"):
        missing.append("item (or an amount and currency)")
    if missing:
        raise ReviewError(f"an addition needs {', '.join(missing)}")


def _lead(session: Session, commitment_id: int) -> Any:
    """The lead report of a commitment, with its article: what a correction is made on."""
    rows = _reports(session, MentionRow.commitment_id == commitment_id, MentionRow.lead)
    if not rows:
        raise ReviewError(f"no commitment {commitment_id} (`kb query` lists them)")
    return rows[0]


def _reports(session: Session, *where: Any) -> list[Any]:
    a = ArticleRow
    stmt = (
        select(_MENTIONS, a.source, a.published, a.precision.label("published_precision"))
        .join(a, _MENTIONS.c.article_id == a.id)
        .where(*where)
        .order_by(_MENTIONS.c.id)
    )
    return list(session.execute(stmt))


def _earlier(session: Session, mention_id: int) -> dict[str, Any]:
    """What earlier corrections of a report knew of what the rules gave it: the donor and
    item that anchor it, and the rules' value of each field one of them set."""
    c = _CORRECTIONS.c
    stmt = (
        select(c.action, c.donor, c.item, c["values"], c.extracted)
        .where(c.mention_id == mention_id)
        .order_by(c.id)
    )
    found: dict[str, Any] = {"extracted": {}}
    for action, donor, item, values, extracted in session.execute(stmt):
        if action == "add":  # a person's report: as added, it is what anchors it
            donor, item = values.get("donor"), values.get("item")
        found.setdefault("donor", donor)
        found.setdefault("item", item)
        for name, value in (extracted or {}).items():
            found["extracted"].setdefault(name, value)
    return found


def _anchored(
    session: Session,
    action: str,
    row: Any,
    earlier: Mapping[str, Any],
    values: Mapping[str, Any] | None = None,
) -> Correction:
    """A correction of the stored report `row`, anchored by what the rules gave it."""
    donor = earlier.get("donor") or session.scalar(
        select(ActorRow.name).where(ActorRow.id == row.donor_id)
    )
    return Correction(
        action=action,
        source=row.source,
        evidence=row.evidence,
        span=(row.span_start, row.span_end),
        donor=donor,
        item=earlier.get("item") or row.item,
        values=dict(values or {}),
    )


def _record(
    session: Session,
    made: Correction,
    note: str,
    author: str,
    mention_id: int | None,
    extracted: dict[str, Any] | None = None,
) -> None:
    values = {
        "action": made.action,
        "source": made.source,
        "evidence": made.evidence,
        "span_start": made.span[0],
        "span_end": made.span[1],
        "donor": made.donor,
        "item": made.item,
        "values": dict(made.values),
        "note": note,
        "author": author,
        "made_at": datetime.now(UTC),
        "mention_id": mention_id,
        "extracted": extracted,
    }
    insert_many(session.connection(), _CORRECTIONS, [values])


def _as_mention(session: Session, row: Any) -> Mention:
    """The record a stored report was made from, as storing it again needs it."""
    wanted = {row.donor_id, row.recipient_id} - {None}
    actors = {
        a.id: Actor(name=a.name, kind=a.kind, code=a.code, key=a.key)
        for a in session.scalars(select(ActorRow).where(ActorRow.id.in_(wanted)))
    }
    canonical = None
    if row.item_id is not None:
        canonical = session.scalar(select(ItemRow.name).where(ItemRow.id == row.item_id))
    return Mention(
        donor=actors[row.donor_id],
        recipient=None if row.recipient_id is None else actors[row.recipient_id],
        item=row.item,
        status=row.status,
        evidence=row.evidence,
        span=(row.span_start, row.span_end),
        rule=row.rule,
        category=row.category,
        quantity=row.quantity,
        qualifier=row.qualifier,
        unit=row.unit,
        amount=row.amount,
        currency=row.currency,
        announced=row.announced,
        announced_precision=row.announced_precision,
        kind=row.kind,
        finance=row.finance,
        canonical=canonical,
        aid_type=row.aid_type,
        review=row.review,
        fixed=fixed_names(row.fixed),
        rejected=row.rejected,
    )


def _row(session: Session, mention: Mention, article: Any) -> dict[str, Any]:
    """The stored row of a report (its article's id and whether it leads aside); `article`
    has the `published` date and `published_precision` of the report's article."""
    actor_ids = ensure_actors(session, [mention], {})
    items = ensure_items(session, [mention])
    row = mention_row(
        mention,
        article.published,
        actor_ids,
        items,
        published_precision=article.published_precision,
    )
    row.pop("lead")
    return row


def _key(row: Mapping[str, Any]) -> Key:
    return (row["donor_id"], row["recipient_id"], row["family"])


def _consolidating(
    session: Session, keys: Iterable[Key], shrunk: int | None, change: Callable[[], object]
) -> None:
    """Make `change` to stored reports of the groups `keys` (and the commitment `shrunk`,
    whose reports change though its set of them may not), holding the groups, and then
    consolidate them whole: a person's change may move a report to another group, or
    change what a commitment holds."""
    touched = regroup.Touched()
    for key in keys:
        touched.add(key, None)
    if shrunk is not None:
        touched.shrunk.add(shrunk)
    regroup.lock(session, touched.keys)
    change()
    regroup.regroup(session, touched)


def _rewrite(session: Session, old: Any, mention: Mention) -> None:
    """Store the report `old` as `mention` says now, and consolidate both its groups."""
    row = _row(session, mention, old)
    was = (old.donor_id, old.recipient_id, old.family)
    # Moved to another group, it belongs to no commitment there until consolidated.
    changes = {**row, "commitment_id": None} if _key(row) != was else row
    update_it = update(_MENTIONS).where(_MENTIONS.c.id == old.id).values(**changes)
    _consolidating(session, [was, _key(row)], old.commitment_id, lambda: session.execute(update_it))


def _set_rejected(session: Session, row: Any, rejected: bool) -> None:
    key = (row.donor_id, row.recipient_id, row.family)
    update_it = update(_MENTIONS).where(_MENTIONS.c.id == row.id).values(rejected=rejected)
    _consolidating(session, [key], row.commitment_id, lambda: session.execute(update_it))


def _commitment_of(session: Session, mention_id: int) -> int:
    found = session.scalar(select(MentionRow.commitment_id).where(MentionRow.id == mention_id))
    assert found is not None, "a stored report belongs to a commitment once consolidated"
    return found


__all__ = ["add", "apply_to", "attach", "correct", "read_for", "reject", "restore"]
