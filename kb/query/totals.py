"""`kb totals`: money added up, each consolidated commitment once, pledged apart from delivered.

Sums are of the converted amounts (USD or EUR, at the ECB rate of each commitment's date;
kb.rates). Commitments in a currency with no known rate are never guessed into a total:
they are reported apart, in their own currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, case, cast, extract, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.types import String

from kb.query.commitments import undated_left_out
from kb.query.filters import Filters, added_up, conditions
from kb.records import TOTALS_BY, TOTALS_CURRENCIES
from kb.storage.models import ActorRow, CommitmentRow

BY = TOTALS_BY
CURRENCIES = TOTALS_CURRENCIES
PLEDGED = ("committed", "offered")
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


def _keys(stmt: Select[Any], by: str) -> tuple[Select[Any], list[Any]]:
    """The statement with what `by` needs joined, and the columns it groups by."""
    c = CommitmentRow
    if by in ("donor", "recipient"):
        actor = ActorRow.__table__.alias(by)
        on = c.donor_id if by == "donor" else c.recipient_id
        return stmt.outerjoin(actor, on == actor.c.id), [actor.c.name]
    if by in ("category", "status"):
        return stmt, [getattr(c, by)]
    year = extract("year", c.first_reported)
    return stmt, [year] if by == "year" else [year, extract("month", c.first_reported)]


def _label(by: str, values: Sequence[Any]) -> str:
    if values[0] is None:
        return "(undated)" if by in ("month", "year") else "(none)"
    if by == "month":
        return f"{int(values[0]):04d}-{int(values[1]):02d}"
    if by == "year":
        return f"{int(values[0]):04d}"
    return str(values[0])


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
    c = CommitmentRow
    value = c.amount_usd if currency.upper() == "USD" else c.amount_eur
    money = replace(filters or Filters(), money=True)
    where = [*conditions(session, money, c), added_up(session, money)]
    bucket = case(
        (c.status.in_(PLEDGED), literal("pledged")),
        (c.status == "delivered", literal("delivered")),
        else_=literal("other"),
    )
    # One pass over the table: what converts is summed by key and bucket; what does not,
    # by key and its currency (`apart`), for the list of sums never added to a total.
    apart = case((value.is_(None), c.currency), else_=None)
    stmt, keys = _keys(select().select_from(c), by)
    summed = stmt.add_columns(
        *keys,
        c.finance,
        cast(bucket, String),
        apart,
        func.sum(value),
        func.sum(c.amount),
        func.count(),
    )
    found: dict[tuple[str, str], dict[str, Any]] = {}
    unsummed: dict[tuple[str, str], list[float]] = {}
    for *values, finance, kind, code, total, amount, count in session.execute(
        summed.where(*where).group_by(*keys, c.finance, bucket, apart)
    ):
        label = _label(by, values)
        if code is not None:
            figures = unsummed.setdefault((label, str(code)), [0.0, 0])
            figures[0] += float(amount)
            figures[1] += int(count)
            continue
        row = found.setdefault((label, finance or UNSTATED), {"commitments": 0})
        row[kind] = float(total)
        row["commitments"] += int(count)
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
