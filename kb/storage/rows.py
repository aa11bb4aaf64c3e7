"""A report as a row of `mentions`: the columns its record gives and those that follow from
it (its thing and family, its item's id, its amount in dollars)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.rates import convert
from kb.records import Actor, Mention
from kb.storage.aliases import ensure_actor
from kb.storage.keys import MONEY, family_of, thing_of
from kb.storage.models import ItemRow
from kb.storage.upsert import insert_or_ignore


def ensure_actors(
    session: Session, mentions: Sequence[Mention], known: dict[Actor, int]
) -> dict[Actor, int]:
    """`known` with the ids of the donors and recipients of `mentions` it lacks, inserting
    those the database lacks. In name order, so that two processes inserting the same new
    actors lock them in the same order (in opposite orders, PostgreSQL would have to abort
    one as a deadlock)."""
    named = {a for c in mentions for a in (c.donor, c.recipient) if a is not None}
    for actor in sorted(named - known.keys(), key=lambda a: a.name):
        known[actor] = ensure_actor(session, actor)
    return known


def fixed_names(text: str | None) -> tuple[str, ...]:
    """The fields a person set, as a mention row stores them ("quantity,status")."""
    return tuple(name for name in (text or "").split(",") if name)


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


def dated(
    announced: date | None,
    announced_precision: str | None,
    published: date | None,
    published_precision: str | None,
) -> tuple[date | None, str]:
    """The date consolidation gives a report, the report's own or else its article's, and
    its precision: day, month or year (an article's "unknown" date counts as a day's); an
    undated report's is "day", where kb.storage.reading looks for it. The rule's view of a
    report (kb.storage.regroup.mention_of) and the date kept with it (`dated`, filled by
    migration 0014 alike) are both this."""
    if announced is not None:
        return announced, announced_precision or "day"
    return published, "month" if published is not None and published_precision == "month" else "day"


def mention_row(
    c: Mention,
    published: date | None,
    actor_ids: dict[Actor, int],
    item_ids: dict[str, int],
    *,
    published_precision: str,
) -> dict[str, Any]:
    """The mention's row, its article aside (not stored yet when this is made);
    `published` is its article's date, at whose rate undated money is converted, and
    `published_precision` that date's precision."""
    converted = None
    on = c.announced or published
    # Undated money is not converted: today's rate would make a figure no report gave,
    # and compare amounts across currencies by it (issue 12).
    if c.amount is not None and c.currency is not None and on is not None:
        converted = convert(c.amount, c.currency, on)
    name = _item_name(c)
    thing = thing_of(c.canonical, c.item, c.amount)
    day, precision = dated(c.announced, c.announced_precision, published, published_precision)
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
        "review": c.review,
        "fixed": ",".join(c.fixed) or None,
        "rejected": c.rejected,
        "dated": day,
        "dated_precision": precision,
    }
