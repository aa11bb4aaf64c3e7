"""What a chart shows, read through the queries and nothing else: each commitment counted
once, held parts and running totals left out as `kb totals` leaves them (kb.query.totals)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from sqlalchemy import func
from sqlalchemy.orm import Session

from kb.query.commitments import matching
from kb.query.filters import Filters, added_up, resolve
from kb.query.totals import totals
from kb.records import AID_TYPES, CHART_KINDS
from kb.storage.models import ActorRow, CommitmentRow

KINDS = CHART_KINDS
TOP = 15  # bars a chart shows; the rest are summed into "others"


@dataclass(frozen=True)
class Series:
    """Bars: a label each, and one value a label for each named series."""

    title: str
    unit: str  # what the values are in: "USD", "EUR", or the items counted
    labels: list[str]
    values: dict[str, list[float]] = field(default_factory=dict)  # series name -> one a label
    commitments: int = 0  # how many commitments the chart adds up


def pledged_delivered(session: Session, filters: Filters, currency: str) -> Series:
    """Money pledged (committed or offered) beside money delivered, by donor, largest first."""
    found = totals(session, "donor", currency, filters)
    by: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    count = 0
    for row in found.rows:  # each kind of money a row: a chart shows them added, and says so
        by[row.key][0] += row.pledged
        by[row.key][1] += row.delivered
        count += row.commitments
    order = sorted(by, key=lambda k: -(by[k][0] + by[k][1]))
    labels, pledged, delivered = _top(order, [by[k][0] for k in order], [by[k][1] for k in order])
    return Series(
        f"Money pledged and delivered, by donor ({currency})",
        currency,
        labels,
        {"pledged": pledged, "delivered": delivered},
        count,
    )


def over_time(session: Session, filters: Filters, currency: str, by: str) -> Series:
    """Money by month or year, one series an aid type (military, humanitarian, financial)."""
    values: dict[str, dict[str, float]] = {}
    count = 0
    for aid_type in AID_TYPES:
        found = totals(session, by, currency, replace(filters, aid_type=aid_type))
        sums = values.setdefault(aid_type, defaultdict(float))
        for row in found.rows:  # a row a kind of money: the chart adds them, and says so
            sums[row.key] += row.total
            count += row.commitments
    labels = sorted({k for v in values.values() for k in v})
    series = {t: [values[t].get(k, 0.0) for k in labels] for t in AID_TYPES if values[t]}
    return Series(f"Money by {by} and aid type ({currency})", currency, labels, series, count)


def items(session: Session, filters: Filters) -> Series:
    """How many items of the filters' category (or item) each donor gave, largest first."""
    selection = resolve(session, filters)
    c = CommitmentRow
    stmt = (
        matching(session, selection, ActorRow.name, func.sum(c.quantity), func.count(c.id))
        .join(ActorRow, c.donor_id == ActorRow.id)
        .where(c.quantity.is_not(None), added_up(session, selection))
        .group_by(ActorRow.name)
        .order_by(func.sum(c.quantity).desc(), ActorRow.name)
    )
    rows = list(session.execute(stmt))
    what = filters.category or filters.item or "items"
    labels, counts, _ = _top([r[0] for r in rows], [float(r[1]) for r in rows], [0.0] * len(rows))
    return Series(
        f"{what.capitalize()} given, by donor",
        what,
        labels,
        {"count": counts},
        sum(int(r[2]) for r in rows),
    )


def _top(
    labels: list[str], first: list[float], second: list[float]
) -> tuple[list[str], list[float], list[float]]:
    """The TOP first labels, the rest summed as "others"."""
    if len(labels) <= TOP:
        return labels, first, second
    rest = ("others", sum(first[TOP:]), sum(second[TOP:]))
    return (
        [*labels[:TOP], rest[0]],
        [*first[:TOP], rest[1]],
        [*second[:TOP], rest[2]],
    )
