"""What a regroup reads (kb.storage.regroup): for each group a batch touched, its mentions
and commitments, either whole or from the months its changes touch on.

A group is read from its earliest change on (kb.consolidate.window) when every change to it
is dated: the mentions that window.needed keeps, up to window.HORIZON_DAYS past its latest
change (`read`'s `latest`; without it, to its end), with every mention of each commitment
they belong to, and of each commitment that lost a mention. It is read whole when a change is
undated, or when what the window finds has a report of unknown date (it may join any
commitment) or a stored mention that no commitment holds. A part or a running total is read
as any report is: what the choice of holders (kb.consolidate.wholes) weighs of every
commitment of its group is kept with each (kb.storage.holding), and `holdings` reads that.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    Result,
    Select,
    Table,
    and_,
    bindparam,
    or_,
    select,
    text,
)

from kb.consolidate.window import HORIZON_DAYS, MARGIN_DAYS, SLACK_DAYS
from kb.storage.models import HOLDING_WHERE, ArticleRow, CommitmentRow, MentionRow

Key = tuple[int, int | None, str]  # donor id, recipient id, family

_MENTIONS: Table = MentionRow.__table__  # type: ignore[assignment]
_COMMITMENTS: Table = CommitmentRow.__table__  # type: ignore[assignment]
_ARTICLES: Table = ArticleRow.__table__  # type: ignore[assignment]

# Groups read by one statement. Every statement has this many (the last one padded with
# repeats), so that SQLAlchemy compiles a few shapes once a process, not one a batch.
GROUPS_PER_READ = 32
# Commitments read by id in one statement.
IDS_PER_READ = 500
# What a mention says that consolidation never reads: the sentence, its end, the rule; and
# the date it is found by, which mention_of takes from the report and its article.
_UNREAD = frozenset({"evidence", "span_end", "rule", "dated", "dated_precision"})
# What a mention's row is given of its article, after its own columns.
_ARTICLE_FIELDS = ("source", "published", "published_precision")


@dataclass
class Found:
    """What a regroup works on: mentions by id (each with its article's source, date and
    precision), the commitments it may rewrite (`stored`, by id; the rows of some of them),
    the groups read whole and their mentions, and for each group read from its changes on,
    the ids of the mentions read."""

    rows: dict[int, Any] = field(default_factory=dict)
    stored: set[int] = field(default_factory=set)
    # Rows of some: those of the groups read whole and those that lost a report (`read`);
    # a regroup adds those it writes again (`commitments`).
    commitments: dict[int, Any] = field(default_factory=dict)
    whole: set[Key] = field(default_factory=set)
    whole_rows: list[Any] = field(default_factory=list)  # the mentions of those groups
    windows: dict[Key, list[int]] = field(default_factory=dict)
    until: dict[Key, date] = field(default_factory=dict)  # how far a window was read

    def merge(self, other: Found) -> None:
        """Take in what a second read found (of groups read again, to their end)."""
        self.rows.update(other.rows)
        self.stored |= other.stored
        self.commitments.update(other.commitments)


def key_of(row: Any) -> Key:
    return (row.donor_id, row.recipient_id, row.family)


def read(
    connection: Connection,
    earliest: Mapping[Key, date | None],
    added: Collection[int],
    shrunk: Collection[int],
    latest: Mapping[Key, date] | None = None,
) -> Found:
    """The rows of the groups `earliest` names, each from the earliest date its changes touch
    (None: whole) to HORIZON_DAYS past the `latest` (without it: to its end); `added` are
    the articles the batch stored, `shrunk` the commitments that lost a mention to it."""
    found = Found(whole={key for key, day in earliest.items() if day is None})
    near: dict[Key, list[Any]] = {}
    dated = {key: day for key, day in earliest.items() if day is not None}
    if latest is not None:
        found.until = {key: latest[key] + timedelta(days=HORIZON_DAYS) for key in dated}
    window = _read_groups(connection, "mentions", dated, found.until)
    articles: dict[int, tuple[Any, ...]] = {}  # read once each, whichever read meets them
    for row in _with_articles(connection, window, articles):
        near.setdefault(key_of(row), []).append(row)
    found.whole |= {key for key, rows in near.items() if not _replayable(rows, added)}
    read_whole: dict[Key, list[Any]] = {}
    whole = _read_groups(connection, "mentions", dict.fromkeys(found.whole))
    for row in _with_articles(connection, whole, articles):
        found.rows[row.id] = row
        read_whole.setdefault(key_of(row), []).append(row)
    for key, rows in read_whole.items():
        # Read whole, yet replayable from its earliest change: replaying every mention is
        # replaying more than needed.
        if earliest.get(key) is not None and _replayable(rows, added):
            found.windows[key] = [row.id for row in rows]
            found.until.pop(key, None)  # read whole: to its end
        else:
            found.whole_rows += rows
    for row in _read_groups(connection, "commitments", dict.fromkeys(found.whole)):
        found.commitments[row.id] = row
    windowed = [(key, row) for key, rows in near.items() if key not in found.whole for row in rows]
    held = {r.commitment_id for _, r in windowed if r.commitment_id is not None} | set(shrunk)
    # Most reports of those commitments lie in the window, read already: their ids come from
    # the index alone, and only the others are read whole.
    seen = {row.id for _, row in windowed}
    rest = [i for i in _ids_by_commitment(connection, held) if i not in seen]
    others = [(key_of(row), row) for row in _mentions_by_id(connection, rest, articles)]
    # Of the groups asked for only: a commitment that lost a mention may be of another.
    for key, row in [*windowed, *others]:
        if key in earliest and key not in found.whole and row.id not in found.rows:
            found.rows[row.id] = row
            found.windows.setdefault(key, []).append(row.id)
    # A window's commitments by id alone: each is of its reports' group, and few are written
    # again (the function `commitments` reads those rows); reading every one by id cost more
    # than any other read. The rows of those that lost a report are read: such a one may be
    # of another group, or have no report left to name it.
    for row in _by_commitment(connection, _COMMITMENTS, shrunk):
        key = key_of(row)
        if key in earliest and key not in found.whole:
            found.commitments[row.id] = row
    found.stored = {r.commitment_id for r in found.rows.values()} - {None}
    found.stored |= found.commitments.keys()
    return found


def commitments(connection: Connection, ids: Collection[int]) -> dict[int, Any]:
    """The rows of the commitments `ids`, by id."""
    return {row.id: row for row in _by_commitment(connection, _COMMITMENTS, ids)}


def holding(connection: Connection, keys: Collection[Key]) -> set[Key]:
    """Of the groups `keys`, those where a stored commitment holds another or is held."""
    return {key_of(row) for row in _read_groups(connection, "holds", dict.fromkeys(keys))}


def holdings(connection: Connection, keys: Collection[Key]) -> dict[Key, list[Any]]:
    """Every commitment of the groups `keys`: its id, group, holder and `holding`."""
    found: dict[Key, list[Any]] = {key: [] for key in keys}
    for row in _read_groups(connection, "holding", dict.fromkeys(keys)):
        found[key_of(row)].append(row)
    return found


def _replayable(rows: list[Any], added: Collection[int]) -> bool:
    """Whether the rule can be replayed over these rows from a change on: every one is
    dated and either belongs to a stored commitment or was just added (the rule does not
    look at kinds)."""
    return all(
        (row.announced or row.published) is not None
        and (row.commitment_id is not None or row.article_id in added)
        for row in rows
    )


def _read_groups(
    connection: Connection,
    view: str,
    groups: Mapping[Key, date | None],
    until: Mapping[Key, date] | None = None,
) -> Iterable[Any]:
    """The rows of `view` (_VIEWS) in the groups given: whole where the date is None, else
    those a consolidation from that date needs (mentions only), up to `until` where it says."""
    ordered = sorted(groups, key=lambda k: (k[1] is None, k[0], k[2], k[1] or 0))
    triples = [k for k in ordered if k[1] is not None]
    pairs = [k for k in ordered if k[1] is None]
    near = any(day is not None for day in groups.values())
    for shape, wanted in (((GROUPS_PER_READ, 0), triples), ((0, GROUPS_PER_READ), pairs)):
        for at in range(0, len(wanted), GROUPS_PER_READ):
            chunk = wanted[at : at + GROUPS_PER_READ]
            chunk += [chunk[-1]] * (GROUPS_PER_READ - len(chunk))
            params: dict[str, Any] = {}
            for i, key in enumerate(chunk):
                donor, recipient, family = key
                params.update({f"d{i}": donor, f"t{i}": family, f"r{i}": recipient})
                if near:
                    params.update(_bounds(i, groups[key], (until or {}).get(key)))
            yield from _as_tuples(connection.execute(_reading(view, *shape, near), params))


def _bounds(i: int, earliest: date | None, until: date | None) -> dict[str, date]:
    """Group `i`'s earliest dates that window.needed keeps, a precision each, and the last."""
    assert earliest is not None
    return {
        f"until{i}": until or date.max,
        **{
            f"{precision}{i}": earliest - timedelta(days=MARGIN_DAYS + slack)
            for precision, slack in SLACK_DAYS.items()
        },
    }


def reports_of(connection: Connection, ids: Collection[int]) -> list[Any]:
    """The mentions of the commitments `ids`, each with its article's source and dates."""
    return _with_articles(connection, _by_commitment(connection, _MENTIONS, ids))


def _by_commitment(connection: Connection, table: Table, ids: Collection[int]) -> list[Any]:
    """The rows of `table` (mentions, or commitments) of the commitments `ids`."""
    column = table.c.commitment_id if table is _MENTIONS else table.c.id
    found: list[Any] = []
    for chosen in _in_chunks(sorted(ids)):
        found += _as_tuples(connection.execute(_with(table).where(column.in_(chosen))))
    return found


def _ids_by_commitment(connection: Connection, ids: Collection[int]) -> list[int]:
    """The ids of the mentions of the commitments `ids`, by commitment (an index's order)."""
    m = _MENTIONS.c
    found: list[int] = []
    for chosen in _in_chunks(sorted(ids)):
        wanted = select(m.id).where(m.commitment_id.in_(chosen))
        found += connection.execute(wanted.order_by(m.commitment_id, m.id)).scalars()
    return found


def _mentions_by_id(
    connection: Connection, ids: list[int], articles: dict[int, tuple[Any, ...]]
) -> list[Any]:
    """The mentions `ids`, with their article's source and dates, in the order given."""
    found: dict[int, Any] = {}
    for chosen in _in_chunks(ids):
        wanted = _with(_MENTIONS).where(_MENTIONS.c.id.in_(chosen))
        found.update((row.id, row) for row in _as_tuples(connection.execute(wanted)))
    return _with_articles(connection, [found[i] for i in ids], articles)


def _with_articles(
    connection: Connection, rows: Iterable[Any], articles: dict[int, tuple[Any, ...]] | None = None
) -> list[Any]:
    """The mentions `rows` with their article's source, date and precision, read once an
    article: joined to each mention, SQLite read the article's row (most of it its text) once
    a mention, two fifths of the time SQLite took to read a large group's window. `articles`
    holds those read already (by id), and takes in those read now."""
    rows = list(rows)
    if not rows:
        return rows
    a = _ARTICLES.c
    articles = {} if articles is None else articles
    unread = {row.article_id for row in rows} - articles.keys()
    for chosen in _in_chunks(sorted(unread)):
        wanted = select(a.id, a.source, a.published, a.precision).where(a.id.in_(chosen))
        articles.update((id_, tuple(rest)) for id_, *rest in connection.execute(wanted))
    make = _record_type((*rows[0]._fields, *_ARTICLE_FIELDS))._make
    return [make((*row, *articles[row.article_id])) for row in rows]


def _as_tuples(result: Result[Any]) -> Iterator[Any]:
    """The rows as named tuples: read by name as SQLAlchemy's rows are, about three times
    faster (a regroup in a large database reads hundreds of thousands, each many times)."""
    return map(_record_type(tuple(result.keys()))._make, result)


@cache
def _record_type(names: tuple[str, ...]) -> Any:
    return namedtuple("Read", names)


def _in_chunks(ids: list[int]) -> Iterator[list[int]]:
    """`ids` IDS_PER_READ at a time: one statement each."""
    for at in range(0, len(ids), IDS_PER_READ):
        yield ids[at : at + IDS_PER_READ]


def _with(table: Table) -> Select[Any]:
    """Mentions, without their article's fields (_with_articles adds them); or commitments."""
    if table is _COMMITMENTS:
        return select(_COMMITMENTS)
    return select(*(c for c in _MENTIONS.c if c.name not in _UNREAD))


def _holding_rows() -> Select[Any]:
    c = _COMMITMENTS.c
    return select(c.id, c.donor_id, c.recipient_id, c.family, c.part_of, c.holding)


def _holding_groups() -> Select[Any]:
    """The groups of the commitments that hold or are held, by migration 0012's index."""
    c = _COMMITMENTS.c
    where = text(f"({HOLDING_WHERE})")  # grouped: it is ANDed with the groups asked for
    return select(c.donor_id, c.recipient_id, c.family).where(where).distinct()


# What _read_groups reads of a group: its mentions, its commitments, what each commitment's
# holder is chosen by, or whether anything in it holds or is held.
_VIEWS = {
    "mentions": lambda: _with(_MENTIONS),
    "commitments": lambda: _with(_COMMITMENTS),
    "holding": _holding_rows,
    "holds": _holding_groups,
}


@cache
def _reading(view: str, triples: int, pairs: int, near: bool) -> Select[Any]:
    """The rows of `view` in `triples` groups with a recipient and `pairs` without: one
    condition a group, which an index on (donor_id, family, recipient_id) answers by a
    search each; `near`: only the mentions window.needed keeps from each group's bounds,
    a condition for each range of ix_mentions_dated (_needed), so that SQLite searches
    each range and reads no other mention. Made once a shape, with bound parameters, so
    that SQLAlchemy compiles it once. (A row-value IN of the groups, fewer statements still,
    is read by SQLite with a scan.)
    """
    table = _MENTIONS if view == "mentions" else _COMMITMENTS
    c = table.c
    conditions = []
    for i in range(triples + pairs):
        group = and_(
            c.donor_id == bindparam(f"d{i}"),
            c.family == bindparam(f"t{i}"),
            c.recipient_id == bindparam(f"r{i}") if i < triples else c.recipient_id.is_(None),
        )
        conditions += [and_(group, needed) for needed in _needed(i)] if near else [group]
    return _VIEWS[view]().where(or_(*conditions))


def _needed(i: int) -> list[Any]:
    """window.needed in SQL, for the bounds of group `i` (_bounds): for each precision of a
    date, those of it from that precision's earliest date to the last (migration 0014 keeps
    each mention's date and precision); and what makes a group be read whole (undated, no
    commitment), so that the read finds it."""
    m = _MENTIONS.c
    until: BindParameter[date] = bindparam(f"until{i}")
    return [
        *(
            and_(
                m.dated_precision == precision,
                m.dated >= bindparam(f"{precision}{i}"),
                m.dated <= until,
            )
            for precision in SLACK_DAYS
        ),
        and_(m.dated_precision == "day", m.dated.is_(None)),  # kb.storage.rows.dated
        m.commitment_id.is_(None),
    ]
