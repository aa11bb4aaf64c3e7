"""`kb totals`: money added up, each consolidated commitment once, pledged apart from delivered.

Sums are of the converted amounts (USD or EUR, at the ECB rate of each commitment's date;
kb.rates). Commitments in a currency with no known rate are never guessed into a total:
they are reported apart, in their own currency.

What is no part of another is added from the sums the database keeps (migration 0013,
kb.storage.models.CommitmentSumRow), and the parts from the commitments themselves, where
the filters ask only what those sums know; a sum by date or item reads every commitment's
money from the index of what sums read (0011).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import case, extract, func, select
from sqlalchemy.orm import Session

from kb.query.commitments import undated_left_out
from kb.query.filters import (
    Filters,
    Selection,
    added_up,
    conditions,
    keyed_conditions,
    resolve,
)
from kb.records import STATUS_GROUPS, TOTALS_BY, TOTALS_CURRENCIES
from kb.storage.models import ActorRow, CommitmentRow, CommitmentSumRow

BY = TOTALS_BY
CURRENCIES = TOTALS_CURRENCIES
PLEDGED = STATUS_GROUPS["pledged"]
# Columns of a total, in this order: what is promised, what has arrived, and the rest
# (considering, sold, cancelled), which is neither and is shown so that nothing is hidden.
BUCKETS = ("pledged", "delivered", "other")


# Money whose article does not say what kind it is.
UNSTATED = "unstated"


@dataclass(frozen=True)
class TotalRow:
    """One key's sums of one kind of money (grants, loans, ...: never added together)."""

    key: str
    pledged: float = 0.0
    delivered: float = 0.0
    other: float = 0.0
    commitments: int = 0
    finance: str = UNSTATED

    @property
    def total(self) -> float:
        return self.pledged + self.delivered + self.other


@dataclass(frozen=True)
class Unconverted:
    """Money in a currency with no known rate: its own sum, apart from every total."""

    key: str
    currency: str
    amount: float
    commitments: int


@dataclass(frozen=True)
class Totals:
    by: str
    currency: str
    rows: Sequence[TotalRow]
    unconverted: Sequence[Unconverted]
    undated: int = 0  # money the date bounds left out because its date is unknown

    @property
    def overall(self) -> list[TotalRow]:
        """The sums over every key, one for each kind of money: a loan is not added to
        a grant, so there is no one sum of all."""
        kinds = sorted({r.finance for r in self.rows}, key=lambda f: (f == UNSTATED, f))
        return [
            TotalRow(
                "total",
                sum(r.pledged for r in self.rows if r.finance == kind),
                sum(r.delivered for r in self.rows if r.finance == kind),
                sum(r.other for r in self.rows if r.finance == kind),
                sum(r.commitments for r in self.rows if r.finance == kind),
                kind,
            )
            for kind in kinds
        ]


def _keys(by: str) -> list[Any]:
    """The columns a sum by `by` groups by: a commitment's own, ids rather than names, so
    that a sum by donor reads the index of what sums read in its order (kb.storage.models)."""
    c = CommitmentRow
    if by in ("donor", "recipient"):
        return [c.donor_id if by == "donor" else c.recipient_id]
    if by in ("category", "status"):
        return [getattr(c, by)]
    year = extract("year", c.first_reported)
    return [year] if by == "year" else [year, extract("month", c.first_reported)]


def _grouped(session: Session, by: str, currency: str, money: Selection) -> list[Any]:
    """The sums by key, kind of money, status and currency, each with its count, the sum and
    count of what converts, and the sum of what does not. Where the filters ask only what
    the sums kept (kb.storage.models.CommitmentSumRow) know, those and the parts; else every
    commitment the filters select, read from the index of what a sum reads (0011)."""
    c = CommitmentRow
    value = c.amount_usd if currency == "USD" else c.amount_eur
    keys = [*_keys(by), c.finance, c.status, c.currency]
    summed = select(
        *keys,
        func.sum(value),
        func.count(value),
        func.sum(case((value.is_(None), c.amount))),
        func.count(),
    ).where(*conditions(session, money, c), added_up(session, money))
    if not kept_sums_answer(by, money):
        return list(session.execute(summed.group_by(*keys)))
    # The parts alone (whether one is added depends on its holder), read by their own index
    # (0013), with the sums kept of the rest.
    parts = session.execute(summed.where(c.part_of.is_not(None)).group_by(*keys))
    return [*_kept(session, by, currency, money), *parts]


def kept_sums_answer(by: str, filters: Selection) -> bool:
    """Whether the sums kept can answer: they know no item and no date (so no sum by one)."""
    wanted = filters.filters
    dated = by in ("month", "year") or wanted.since or wanted.until
    return not (dated or wanted.item) and wanted.money is not False


def _kept(session: Session, by: str, currency: str, money: Selection) -> list[Any]:
    """_grouped's rows from the sums kept of the commitments that are no part; by donor, in
    the order they are stored. Their keys are never NULL: 0 or '' where a commitment's is,
    made None again here, after the grouping (on the columns themselves, in their order)."""
    s = CommitmentSumRow
    usd = currency == "USD"
    key = {"donor": s.donor_id, "recipient": s.recipient_id, "category": s.category}
    keys = [key.get(by, s.status), s.finance, s.status, s.currency]  # by status, the status alone
    kept = (
        select(
            *keys,
            func.sum(s.usd if usd else s.eur),
            func.sum(s.usd_count if usd else s.eur_count),
            func.sum(s.unconverted_usd if usd else s.unconverted_eur),
            func.sum(s.commitments),
        )
        .where(*keyed_conditions(money, s))
        .group_by(*keys)
    )
    return [
        (*(v if v not in (0, "") else None for v in row[:4]), *row[4:])
        for row in session.execute(kept)
    ]


def _names(session: Session, by: str, found: set[Any]) -> dict[Any, Any]:
    """What a key is shown as: a donor's or recipient's name for its id; else itself."""
    if by not in ("donor", "recipient"):
        return {}
    ids = sorted(k[0] for k in found if k[0] is not None)
    chosen = select(ActorRow.id, ActorRow.name).where(ActorRow.id.in_(ids))
    return {actor: name for actor, name in session.execute(chosen)}


def _label(by: str, values: Sequence[Any], names: dict[Any, Any]) -> str:
    if values[0] is None:
        return "(undated)" if by in ("month", "year") else "(none)"
    if by == "month":
        return f"{int(values[0]):04d}-{int(values[1]):02d}"
    if by == "year":
        return f"{int(values[0]):04d}"
    return str(names.get(values[0], values[0]))


def _bucket(status: str) -> str:
    return "pledged" if status in PLEDGED else "delivered" if status == "delivered" else "other"


def totals(
    session: Session, by: str = "donor", currency: str = "USD", filters: Filters | None = None
) -> Totals:
    """Sums of converted amounts by `by`, largest first (by month or year: in time order).

    Raises ValueError for an unknown `by` or currency, UnknownActor as kb.query.commitments does.
    """
    if by not in BY:
        raise ValueError(f"cannot add up by {by!r}; use one of {', '.join(BY)}")
    if currency.upper() not in CURRENCIES:
        raise ValueError(f"no totals in {currency!r}; use one of {', '.join(CURRENCIES)}")
    money = resolve(session, replace(filters or Filters(), money=True))  # names looked up once
    grouped = _grouped(session, by, currency.upper(), money)
    keys = len(_keys(by))
    names = _names(session, by, {tuple(row[:keys]) for row in grouped})
    found: dict[tuple[str, str], dict[str, Any]] = {}
    unsummed: dict[tuple[str, str], list[float]] = {}
    for row in grouped:
        label = _label(by, row[:keys], names)
        finance, status, code, total, converted, amount, count = row[keys:]
        if converted:
            figures = found.setdefault((label, finance or UNSTATED), {"commitments": 0})
            figures[_bucket(status)] = figures.get(_bucket(status), 0.0) + float(total)
            figures["commitments"] += int(converted)
        if count > converted:
            apart = unsummed.setdefault((label, str(code)), [0.0, 0])
            apart[0] += float(amount)
            apart[1] += int(count) - int(converted)
    rows = [
        TotalRow(label, **figures, finance=finance) for (label, finance), figures in found.items()
    ]
    size = {key: sum(r.total for r in rows if r.key == key) for key in {r.key for r in rows}}
    if by in ("month", "year"):
        rows.sort(key=lambda r: (r.key.startswith("("), r.key, r.finance == UNSTATED, r.finance))
    else:
        rows.sort(key=lambda r: (-size[r.key], r.key, r.finance == UNSTATED, r.finance))
    unconverted = [
        Unconverted(label, code, amount, int(count))
        for (label, code), (amount, count) in sorted(unsummed.items())
    ]
    undated = undated_left_out(session, money)
    return Totals(by, currency.upper(), rows, unconverted, undated)
