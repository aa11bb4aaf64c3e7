"""The data steps of migration 0003, which consolidated a filled knowledge base in place.

They write through the tables as they were at revision 0003 (defined below), not through
kb's models, so that a later revision may change the models without breaking an upgrade
from 0002; they apply kb's rule (kb.consolidate.rule, kb.consolidate.summary, kb.rates,
kb.storage.keys) as it is when the upgrade runs. Memory stays bounded by the mentions of one donor.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from kb.consolidate.rule import Group, consolidate
from kb.consolidate.summary import Summary, summarise
from kb.rates import convert
from kb.storage.keys import MONEY, guess_item, key_for
from kb.storage.regroup import commitment_values, detail, early_mention_of

BATCH = 5000


_TYPES: dict[str, Any] = {
    "i": sa.Integer(),
    "s": sa.String(),
    "f": sa.Float(),
    "d": sa.Date(),
    "b": sa.Boolean(),
}
# 0002's commitments, whose every column a mention keeps: "name:type" (i, s, f, d, b).
OLD = (
    "id:i article_id:i donor_id:i recipient_id:i item:s category:s quantity:f qualifier:s "
    "unit:s amount:f currency:s status:s announced:d evidence:s span_start:i span_end:i rule:s"
)


def _table(name: str, columns: str) -> sa.Table:
    """A table as it is at revision 0003, with the columns these steps use; each in a
    metadata of its own, as 0002's `commitments` and 0003's share a name."""
    specs = [spec.split(":") for spec in columns.split()]
    return sa.Table(
        name,
        sa.MetaData(),
        *(sa.Column(column, _TYPES[kind], primary_key=column == "id") for column, kind in specs),
    )


ACTORS = _table("actors", "id:i name:s code:s key:s")
ALIASES = _table("actor_aliases", "actor_id:i")
OLD_COMMITMENTS = _table("commitments", "donor_id:i recipient_id:i")
ARTICLES = _table("articles", "id:i source:s published:d")
ITEMS = _table("items", "id:i name:s category:s aid_type:s")
MENTIONS = _table(
    "mentions", f"{OLD} commitment_id:i lead:b thing:s item_id:i aid_type:s amount_usd:f"
)
COMMITMENTS = _table(
    "commitments",
    "id:i donor_id:i recipient_id:i thing:s item_id:i item:s category:s aid_type:s "
    "quantity:f qualifier:s unit:s amount:f currency:s amount_usd:f amount_eur:f rate_usd:f "
    "rate_eur:f rate_date:d status:s conflict:b announced:d first_reported:d last_reported:d "
    "sources:i",
)
STEPS = _table("status_steps", "commitment_id:i status:s reached:d mention_id:i")


def fill_actor_keys(connection: Connection) -> None:
    """Give every actor its key (kb.storage.keys.key_for). Two actors with one key are one
    canonical entry stored under two names (a gazetteer renamed it between loads): the
    later is merged into the earlier, its commitments and aliases moved over."""
    kept: dict[str, int] = {}
    for actor_id, name, code in connection.execute(
        sa.select(ACTORS.c.id, ACTORS.c.name, ACTORS.c.code).order_by(ACTORS.c.id)
    ).all():
        key = key_for(name, code)
        into = kept.setdefault(key, actor_id)
        if into == actor_id:
            connection.execute(ACTORS.update().where(ACTORS.c.id == actor_id).values(key=key))
            continue
        for column in (OLD_COMMITMENTS.c.donor_id, OLD_COMMITMENTS.c.recipient_id):
            connection.execute(
                OLD_COMMITMENTS.update().where(column == actor_id).values({column.name: into})
            )
        connection.execute(
            ALIASES.update().where(ALIASES.c.actor_id == actor_id).values(actor_id=into)
        )
        connection.execute(ACTORS.delete().where(ACTORS.c.id == actor_id))


def _old_rows(connection: Connection, hold: str) -> Iterator[Any]:
    """The rows of 0002's commitments (copied to `hold`), with their article's date, by id,
    a page at a time."""
    old = _table(hold, OLD)
    last = 0
    while True:
        page = connection.execute(
            sa.select(old, ARTICLES.c.published)
            .join(ARTICLES, old.c.article_id == ARTICLES.c.id)
            .where(old.c.id > last)
            .order_by(old.c.id)
            .limit(BATCH)
        ).all()
        if not page:
            return
        yield from page
        last = page[-1].id


def copy_mentions(connection: Connection, hold: str) -> None:
    """Each row of 0002's commitments becomes the mention with its id: its group, its
    canonical item (the gazetteer term its text contains, as kb.storage.keys.guess_item
    finds it) and its amount in dollars at the rate of its date."""
    items: dict[str, int] = {}
    batch: list[dict[str, Any]] = []
    for row in _old_rows(connection, hold):
        values = {spec.split(":")[0]: getattr(row, spec.split(":")[0]) for spec in OLD.split()}
        canonical, category, aid_type = (
            (MONEY, MONEY, None)
            if row.amount is not None
            else (guess_item(row.item) or (None, None, None))
        )
        if canonical is not None and canonical not in items:
            kind = "financial" if canonical == MONEY else aid_type
            items[canonical] = connection.execute(
                ITEMS.insert()
                .values(name=canonical, category=category, aid_type=kind)
                .returning(ITEMS.c.id)
            ).scalar_one()
        converted = None
        if row.amount is not None and row.currency is not None:
            converted = convert(row.amount, row.currency, row.announced or row.published)
        thing = (
            MONEY
            if row.amount is not None
            else " ".join((canonical or row.item).split()).casefold()
        )
        batch.append(
            values
            | {
                "commitment_id": None,
                "lead": False,
                "thing": thing,
                "item_id": None if canonical is None else items[canonical],
                "aid_type": aid_type,
                "amount_usd": converted.amount_usd if converted else None,
            }
        )
        if len(batch) == BATCH:
            connection.execute(MENTIONS.insert(), batch)
            batch = []
    if batch:
        connection.execute(MENTIONS.insert(), batch)


def consolidate_all(connection: Connection) -> None:
    """Consolidate every group, one donor at a time, as a load would (kb.storage.regroup)."""
    m, a = MENTIONS.c, ARTICLES.c
    donors = connection.execute(sa.select(m.donor_id).distinct().order_by(m.donor_id))
    for donor in donors.scalars().all():
        stmt = (
            sa.select(MENTIONS, a.source, a.published)
            .join(ARTICLES, m.article_id == a.id)
            .where(m.donor_id == donor)
        )
        rows = {row.id: row for row in connection.execute(stmt)}
        mentions = sorted(map(early_mention_of, rows.values()), key=_group_key)
        made = [
            (group, summarise(group, {x.id: detail(rows[x.id]) for x in group.mentions}))
            for _, members in groupby(mentions, key=_group_key)
            for group in consolidate(members)
        ]
        _write(connection, made, rows)


def _group_key(mention: Any) -> tuple[Any, ...]:
    return (mention.recipient is None, mention.recipient or 0, mention.thing)


def _write(connection: Connection, made: list[tuple[Group, Summary]], rows: dict[int, Any]) -> None:
    """Insert the commitments (in one statement), then point their mentions at them."""
    values = [_as_of_0003(commitment_values(g, s, rows[s.lead].item_id)) for g, s in made]
    ids = (
        connection.execute(
            COMMITMENTS.insert().returning(COMMITMENTS.c.id, sort_by_parameter_order=True), values
        )
        .scalars()
        .all()
    )
    moved, steps = [], []
    for cid, (group, summary) in zip(ids, made, strict=True):
        moved += [
            {"m_id": x.id, "m_cid": cid, "m_lead": x.id == summary.lead} for x in group.mentions
        ]
        steps += [
            {
                "commitment_id": cid,
                "status": step.status,
                "reached": step.reached,
                "mention_id": step.mention_id,
            }
            for step in summary.steps
        ]
    connection.execute(
        MENTIONS.update()
        .where(MENTIONS.c.id == sa.bindparam("m_id"))
        .values(commitment_id=sa.bindparam("m_cid"), lead=sa.bindparam("m_lead")),
        moved,
    )
    connection.execute(STEPS.insert(), steps)


def _as_of_0003(values: dict[str, Any]) -> dict[str, Any]:
    """A commitment's values in the columns `commitments` had at revision 0003, and only
    those: a field that kb's summary gains later is no column of this revision's table,
    and one it loses is stored as NULL."""
    return {
        column.name: values.get(column.name)
        for column in COMMITMENTS.columns
        if column.name != "id"
    }


def restart_sequence(connection: Connection, table: str) -> None:
    """After rows went in with their ids given (PostgreSQL): the next id follows the last."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        )
