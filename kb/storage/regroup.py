"""Consolidation on load: the commitments of the groups a batch of articles touches, rebuilt
inside the batch's own transaction.

A group is a donor, a recipient and a family of things (kb.storage.keys.family_of);
kb.consolidate.rule splits a group's mentions into commitments by a rule that depends only
on that set of mentions. So storing, replacing or removing articles re-runs the rule on
every group they touch (before and after), and the database holds what consolidating
everything at once would give, whatever order articles came in. Only those groups are read
and written, and of each only the months its changes can reach (kb.storage.reading,
kb.consolidate.window): a group that holds years of reports costs what the months around
the new ones hold. A commitment whose mentions are those it had is not written again.

Ids stay put where they can: a commitment keeps its id when most of its mentions belonged
to it before, and only rows whose figures changed are written.

Two loads at once: on SQLite, writers take turns anyway (kb.storage.engine.writer). On
PostgreSQL, whose transactions run side by side, each takes a transaction-scoped advisory
lock on every group it touches before it changes any of them, in one global order (so that
no two loads can wait for each other in a circle), and reads the groups once it holds them:
without that, each of two loads would rebuild a group from the mentions it alone can see
(tests/test_consolidation.py catches exactly that race). The second load then
sees the first one's mentions and commitments, committed, and rebuilds from all of them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    delete,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Session

from kb.consolidate.rule import Group, StoredMention, consolidate, order
from kb.consolidate.summary import MentionDetail, Summary, summarise
from kb.consolidate.wholes import Weighed, held_among, item_words, weigh
from kb.consolidate.window import Changes, Unsettled, reconsolidate
from kb.memory import with_collector_paused
from kb.storage import holding, reading
from kb.storage.keys import is_general
from kb.storage.models import CommitmentRow, MentionRow, StatusStepRow
from kb.storage.reading import Key
from kb.storage.rows import dated, fixed_names
from kb.storage.upsert import insert_many

LOCK_SPACE = 0x6B62  # "kb": the first of the two keys of PostgreSQL's advisory locks

_MENTIONS: Table = MentionRow.__table__  # type: ignore[assignment]
_COMMITMENTS: Table = CommitmentRow.__table__  # type: ignore[assignment]
_STEPS: Table = StatusStepRow.__table__  # type: ignore[assignment]


def lock_hash(key: Key) -> int:
    """A group's advisory lock: 32 bits of a hash that every process computes alike.
    Two groups that share one only wait for each other now and then."""
    digest = hashlib.blake2b(repr(key).encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock(session: Session, keys: Iterable[Key]) -> None:
    """Hold the groups `keys` until the transaction ends (PostgreSQL; SQLite's writers
    are one at a time already). Locks are taken in the order of their hashes."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for number in sorted({lock_hash(key) for key in keys}):
        session.execute(
            text("SELECT pg_advisory_xact_lock(:space, :key)"), {"space": LOCK_SPACE, "key": number}
        )


@dataclass
class Touched:
    """What storing or removing articles touches: their groups; the commitments that lose
    mentions when an old copy is deleted (they must be rebuilt even if what is left of them
    looks as it did); the dates of the mentions added and removed in each group (None: one
    of unknown date); and the articles added."""

    keys: set[Key] = field(default_factory=set)
    shrunk: set[int] = field(default_factory=set)
    added: dict[Key, list[date | None]] = field(default_factory=dict)
    removed: dict[Key, list[date | None]] = field(default_factory=dict)
    articles: set[int] = field(default_factory=set)

    def add(self, key: Key, when: date | None) -> None:
        self.keys.add(key)
        self.added.setdefault(key, []).append(when)

    def dates(self, key: Key) -> list[date | None]:
        """The dates of the group's changes (None: one of unknown date)."""
        return [*self.added.get(key, ()), *self.removed.get(key, ())]

    def earliest(self, key: Key) -> date | None:
        """The earliest date a change to the group touches; None if one is undated."""
        dates = self.dates(key)
        return None if not dates or None in dates else min(d for d in dates if d is not None)

    def latest(self, key: Key) -> date:
        """The latest date a change to the group touches (date.min if none is dated)."""
        return max((d for d in self.dates(key) if d is not None), default=date.min)


def touched_by(session: Session, article_ids: Collection[int]) -> Touched:
    """The groups of the articles' mentions, the commitments they belong to, and their
    dates: what deleting the articles changes."""
    touched = Touched()
    if not article_ids:
        return touched
    m = _MENTIONS.c
    stmt = select(m.donor_id, m.recipient_id, m.family, m.commitment_id, m.dated).where(
        m.article_id.in_(sorted(article_ids))
    )
    for donor, recipient, family, cid, when in session.execute(stmt):
        key = (donor, recipient, family)
        touched.keys.add(key)
        # A part or a running total that goes may free what it held anywhere in the group:
        # the group's holders are chosen again whole (_held), its commitments from the date.
        touched.removed.setdefault(key, []).append(when)
        if cid is not None:
            touched.shrunk.add(cid)
    return touched


_READ_STEPS = (
    select(_STEPS.c.commitment_id, _STEPS.c.status, _STEPS.c.reached, _STEPS.c.mention_id)
    .where(_STEPS.c.commitment_id.in_(bindparam("ids", expanding=True)))
    .order_by(_STEPS.c.id)
)
_UPDATE_COMMITMENT = _COMMITMENTS.update().where(_COMMITMENTS.c.id == bindparam("c_id"))
_SET_PART_OF = (
    _COMMITMENTS.update()
    .where(_COMMITMENTS.c.id == bindparam("h_id"))
    .values(part_of=bindparam("h_of"))
)
_MOVE_MENTION = (
    _MENTIONS.update()
    .where(_MENTIONS.c.id == bindparam("m_id"))
    .values(commitment_id=bindparam("m_cid"), lead=bindparam("m_lead"))
)


def mention_of(row: Any) -> StoredMention:
    """The rule's view of a stored mention: a row of `mentions` with its article's
    `source`, `published` and `published_precision`."""
    when, precision = dated(
        row.announced, row.announced_precision, row.published, row.published_precision
    )
    return _stored(
        row,
        when=when,
        precision=precision,
        family=row.family or row.thing,
        general=is_general(row.thing, row.family or ""),
        kind=row.kind,
    )


def early_mention_of(row: Any) -> StoredMention:
    """mention_of for the rows that migration 0003 consolidates, which predate kinds,
    precisions and families: new reports, dated to the day, each thing its own class."""
    when = row.announced or row.published
    return _stored(row, when=when, precision="day", family=row.thing, general=False, kind="new")


def _stored(
    row: Any, *, when: date | None, precision: str, family: str, general: bool, kind: str
) -> StoredMention:
    return StoredMention(
        id=row.id,
        donor=row.donor_id,
        recipient=row.recipient_id,
        thing=row.thing,
        status=row.status,
        when=when,
        source=row.source,
        precision=precision,
        family=family,
        general=general,
        kind=kind,
        position=row.span_start,
        quantity=row.quantity,
        amount_usd=row.amount_usd,
        amount=row.amount,
        currency=row.currency,
    )


def detail(row: Any) -> MentionDetail:
    """What kb.consolidate.summary needs of a stored mention beyond what the rule compares."""
    return MentionDetail(
        row.item,
        row.category,
        row.aid_type,
        row.qualifier,
        row.unit,
        row.announced,
        getattr(row, "announced_precision", None) or ("day" if row.announced else None),
        getattr(row, "finance", None),
        getattr(row, "review", None),
        fixed_names(getattr(row, "fixed", None)),
        bool(getattr(row, "rejected", False)),
    )


def commitment_values(group: Group, summary: Summary, item_id: int | None) -> dict[str, Any]:
    """A commitments row, id aside."""
    first = group.mentions[0]
    return {
        "donor_id": first.donor,
        "recipient_id": first.recipient,
        # A commitment is of its most specific thing ("leopard 2" over "tank").
        "thing": next((m.thing for m in group.mentions if not m.general), first.thing),
        "family": first.family,
        "item_id": item_id,
        **summary.row(),
    }


@with_collector_paused
def regroup(session: Session, touched: Touched) -> None:
    """Rebuild the commitments of the groups `touched.keys` (see the module's docstring);
    the caller holds their locks (lock) and its transaction commits."""
    keys = touched.keys
    if not keys:
        return
    connection = session.connection()  # Core, not the ORM: a load runs this per batch
    earliest = {key: touched.earliest(key) for key in keys}
    latest = {key: touched.latest(key) for key in keys}
    found = reading.read(connection, earliest, touched.articles, touched.shrunk, latest)
    groups, unsettled = _consolidated(found, touched)
    if unsettled:  # read again to their ends the groups whose replay needs more
        again = {key: earliest[key] for key in unsettled}
        more = reading.read(connection, again, touched.articles, touched.shrunk)
        found.merge(more)
        groups += _consolidated(more, touched)[0]
    rows, old = found.rows, found.commitments
    claimed: set[int] = set()
    groups.sort(key=lambda g: order(g.mentions[0]))
    weigher = _Weigher(rows)
    made = _changed_groups(groups, rows, found.stored, claimed, touched, weigher)
    # The rows of the stored commitments written again, to compare (few of those read).
    rewritten = {claim for _, _, claim, _ in made if claim is not None}
    old.update(reading.commitments(connection, rewritten - old.keys()))
    # New commitments in one statement, their ids in the order given.
    new = [values for _, _, cid, values in made if cid is None]
    ids = iter(insert_many(connection, _COMMITMENTS, new))
    old_steps: dict[int, list[tuple[Any, ...]]] = {}
    if rewritten:
        for cid, *step in connection.execute(_READ_STEPS, {"ids": sorted(rewritten)}):
            old_steps.setdefault(cid, []).append(tuple(step))
    changed: list[dict[str, Any]] = []
    new_steps: list[dict[str, Any]] = []
    stale_steps: list[int] = []
    moved: list[dict[str, Any]] = []
    placed: list[tuple[Group, int]] = []  # the commitments made, with their ids
    for group, summary, claim, values in made:
        cid = next(ids) if claim is None else claim
        placed.append((group, cid))
        if claim is not None and any(getattr(old[cid], k) != v for k, v in values.items()):
            changed.append({"c_id": cid, **values})
        steps = [(step.status, step.reached, step.mention_id) for step in summary.steps]
        if old_steps.get(cid, []) != steps:
            stale_steps.append(cid)
            new_steps += [
                {"commitment_id": cid, "status": st, "reached": on, "mention_id": mid}
                for st, on, mid in steps
            ]
        for m in group.mentions:
            lead = m.id == summary.lead
            if (rows[m.id].commitment_id, rows[m.id].lead) != (cid, lead):
                moved.append({"m_id": m.id, "m_cid": cid, "m_lead": lead})
    if changed:
        connection.execute(_UPDATE_COMMITMENT, changed)
    _write(connection, moved, stale_steps, new_steps, sorted(found.stored - claimed))
    held = _held(connection, touched.keys, placed, old, weigher)
    if held:
        connection.execute(_SET_PART_OF, held)


def _held(
    connection: Connection,
    keys: Collection[Key],
    made: list[tuple[Group, int]],
    old: dict[int, Any],
    weigher: _Weigher,
) -> list[dict[str, Any]]:
    """The commitments whose holder (kb.consolidate.wholes) is not the one stored, in the
    groups `keys` where anything holds or is held: those of the commitments just `made`,
    weighed from their reports, and those of the rest of each group (those left as they
    were included), by what their `holding` keeps."""
    by_key: dict[Key, list[tuple[Group, int]]] = {key: [] for key in keys}
    for group, cid in made:
        first = group.mentions[0]
        key = (first.donor, first.recipient, first.family)
        by_key.setdefault(key, []).append((group, cid))  # type: ignore[arg-type]
    # A commitment left as it was, and holding or held, is found by the index as stored.
    wanted = reading.holding(connection, by_key) | {
        key for key, members in by_key.items() if any(g.kind != "new" for g, _ in members)
    }
    ids = {cid for _, cid in made}
    others = {
        key: [r for r in stored if r.id not in ids]
        for key, stored in reading.holdings(connection, wanted).items()
    }
    weighed = _stored_weighed(connection, [r for rs in others.values() for r in rs])
    changed: list[dict[str, Any]] = []
    for key in wanted:
        # What each weighs, its id and its stored holder, in the rule's order, so that the
        # result does not depend on the order of loading.
        members = [
            (weigher(g), cid, old[cid].part_of if cid in old else None) for g, cid in by_key[key]
        ]
        members += [(weighed[r.id], r.id, r.part_of) for r in others[key]]
        members.sort(key=lambda member: member[0].order)
        held = held_among([w for w, _, _ in members])
        for index, (_, cid, stored) in enumerate(members):
            holder = members[held[index]][1] if index in held else None
            if holder != stored:
                changed.append({"h_id": cid, "h_of": holder})
    return changed


class _Weigher:
    """What the choice of holders weighs of each group (kb.consolidate.wholes.weigh), its
    reports' rows by id given, once a group: a group made is weighed for its `holding` and
    again for its holder."""

    def __init__(self, rows: dict[int, Any]) -> None:
        self.rows = rows
        self.done: dict[int, Weighed] = {}

    def __call__(self, group: Group) -> Weighed:
        found = self.done.get(id(group))  # groups live as long as the regroup: ids hold
        if found is None:
            reports = [self.rows[m.id] for m in group.mentions]
            words = item_words(r.item for r in reports)
            found = weigh(group, words, (r.article_id for r in reports))  # articles by id
            self.done[id(group)] = found
        return found


def _stored_weighed(connection: Connection, commitments: list[Any]) -> dict[int, Weighed]:
    """What each stored commitment's `holding` keeps; for one an older kb left without it,
    weighed from its reports and written (once: a later load reads it)."""
    out = {r.id: holding.decode(r.holding) for r in commitments if r.holding is not None}
    empty = [r.id for r in commitments if r.holding is None]
    if not empty:
        return out
    reports: dict[int, list[Any]] = {}
    for row in reading.reports_of(connection, empty):
        reports.setdefault(row.commitment_id, []).append(row)
    filled = []
    for cid, found in reports.items():
        group = Group(sorted(map(mention_of, found), key=order))
        out[cid] = _Weigher({row.id: row for row in found})(group)
        filled.append({"c_id": cid, "holding": holding.encode(out[cid])})
    connection.execute(_UPDATE_COMMITMENT, filled)
    return out


def _consolidated(found: reading.Found, touched: Touched) -> tuple[list[Group], list[Key]]:
    """The commitments of the groups read, and the groups whose window ended before their
    replay met the stored decisions (window.Unsettled), left out."""
    groups = consolidate(map(mention_of, found.whole_rows))
    unsettled: list[Key] = []
    for key, members in found.windows.items():
        try:
            groups += _window(key, members, found, touched)
        except Unsettled:
            unsettled.append(key)
    return groups, unsettled


def _window(key: Key, members: list[int], found: reading.Found, touched: Touched) -> list[Group]:
    """The commitments of a group read from its earliest change on (kb.consolidate.window)."""
    rows = found.rows
    changes = Changes(
        added={i for i in members if rows[i].article_id in touched.articles},
        removed_dates=[d for d in touched.removed.get(key, ()) if d is not None],
        shrunk=touched.shrunk,
    )
    stored = {i: rows[i].commitment_id for i in members}
    mentions = [mention_of(rows[i]) for i in members]
    return reconsolidate(mentions, stored, changes, found.until.get(key))


def _changed_groups(
    groups: list[Group],
    rows: dict[int, Any],
    stored: Collection[int],
    claimed: set[int],
    touched: Touched,
    weigher: _Weigher,
) -> list[tuple[Group, Summary, int | None, dict[str, Any]]]:
    """Of the groups the rule makes, in its order, those whose commitment must be written:
    each with its summary, the old commitment it claims (None for a new one) and its column
    values. One with the same mentions as the commitment it claims is that commitment, left
    as it is (claimed all the same, so that no other group takes it)."""
    members: dict[int, set[int]] = {}
    for row in rows.values():
        if row.commitment_id is not None:
            members.setdefault(row.commitment_id, set()).add(row.id)
    made: list[tuple[Group, Summary, int | None, dict[str, Any]]] = []
    for group in groups:
        claim = _claim(group, rows, stored, claimed)
        if (
            claim is not None
            and claim not in touched.shrunk
            and members.get(claim) == {m.id for m in group.mentions}
        ):
            continue  # the same mentions: the same commitment, unwritten
        summary = summarise(group, {m.id: detail(rows[m.id]) for m in group.mentions})
        values = commitment_values(group, summary, rows[summary.lead].item_id)
        values["holding"] = holding.encode(weigher(group))
        made.append((group, summary, claim, values))
    return made


def _claim(
    group: Group, rows: dict[int, Any], stored: Collection[int], claimed: set[int]
) -> int | None:
    """The stored commitment that most of the group's mentions belonged to (the lowest id on
    a tie), unless an earlier group took it; None for a new one."""
    was = [rows[m.id].commitment_id for m in group.mentions]
    free = {cid for cid in set(was) if cid in stored and cid not in claimed}
    if len(free) > 1:  # most groups a replay makes have one: no vote to count
        votes = Counter(cid for cid in was if cid in free)
        free = {min(votes, key=lambda c: (-votes[c], c))}
    cid = free.pop() if free else None
    if cid is not None:
        claimed.add(cid)
    return cid


def _write(
    connection: Connection,
    moved: Sequence[dict[str, Any]],
    stale_steps: Sequence[int],
    new_steps: Sequence[dict[str, Any]],
    unclaimed: Sequence[int],
) -> None:
    if moved:
        connection.execute(_MOVE_MENTION, list(moved))
    if stale_steps:
        connection.execute(delete(_STEPS).where(_STEPS.c.commitment_id.in_(stale_steps)))
    if new_steps:
        connection.execute(insert(_STEPS), list(new_steps))
    if unclaimed:  # after the mentions moved away; their steps go with them (CASCADE)
        connection.execute(delete(_COMMITMENTS).where(_COMMITMENTS.c.id.in_(unclaimed)))
