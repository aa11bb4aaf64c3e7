"""One consolidated commitment from its group of mentions: its figures, lead and history.

Pure, like kb.consolidate.rule: storage (kb.storage.regroup) and the migration that first
consolidated a filled knowledge base (migrations/versions/0003) both write what this says.

- The figures are those most reports give: the count (kb.consolidate.rule.Group.quantity), or
  the amount and currency (on a tie, the latest). Reports that disagree set `conflict`;
  nothing is averaged. A sum given in two currencies ("£300,000 ($366,000)") within
  CONFLICT_TOLERANCE of one another in dollars is one figure, not a conflict.
- The lead mention is the most specific report of those figures: one that gives them,
  then one with a unit, an exact figure, an announced date, the longest item text; on a
  tie the earliest. Its article, sentence, item text, qualifier and unit stand for the
  commitment in a table or an export.
- The value is the lead's amount converted at the rate of the commitment's date: the
  first announced date of any mention, else the first report (kb.rates; a currency with no
  known rate keeps its amount and no converted one, and so does a commitment of no known
  date, rather than take today's rate).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from kb.consolidate.rule import Group, StoredMention, first_and_last, money_of, most_reported
from kb.rates import convert

CONFLICT_TOLERANCE = 0.03  # amounts further apart than this in dollars are a conflict
# Of two announced dates on the same first day, the finer one stands for the commitment.
_FINER = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class MentionDetail:
    """What a mention says beyond what the rule compares."""

    item: str
    category: str | None = None
    aid_type: str | None = None
    qualifier: str | None = None
    unit: str | None = None
    announced: date | None = None
    announced_precision: str | None = None  # day, month or year
    finance: str | None = None  # money: grant, loan, ... (kb.records.FINANCE)
    # A person's review (kb.review): "corrected" or "added", the fields a person set, and
    # whether the report was rejected as no commitment.
    review: str | None = None
    fixed: tuple[str, ...] = ()
    rejected: bool = False


@dataclass(frozen=True)
class Step:
    """A status the commitment reached, when, and the mention that says so (a row of
    `status_steps`)."""

    status: str
    reached: date | None
    mention_id: int


@dataclass(frozen=True)
class Summary:
    """The consolidated commitment: `row()` holds the columns it is stored with."""

    lead: int  # the id of the lead mention
    mention_ids: tuple[int, ...]
    steps: tuple[Step, ...]
    item: str
    category: str | None
    aid_type: str | None
    quantity: float | None
    qualifier: str | None
    unit: str | None
    amount: float | None
    currency: str | None
    amount_usd: float | None
    amount_eur: float | None
    rate_usd: float | None
    rate_eur: float | None
    rate_date: date | None
    status: str
    conflict: bool
    announced: date | None
    announced_precision: str | None
    kind: str  # part if any report says so, else total if any does, else new
    finance: str | None  # the kind of money most reports that say one give
    first_reported: date | None
    last_reported: date | None
    sources: int
    reviewed: str | None = None  # "corrected" or "added" where a person did so
    rejected: bool = False  # a person said it is no commitment

    def row(self) -> dict[str, Any]:
        """The commitment's own columns (not its key, lead, mentions or steps)."""
        skip = {"lead", "mention_ids", "steps"}
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name not in skip}


def _earliest(detail: MentionDetail) -> tuple[date, int]:
    assert detail.announced is not None
    return detail.announced, _FINER[detail.announced_precision or "day"]


def money_conflict(mentions: list[StoredMention]) -> bool:
    """Whether the amounts reported differ: in one currency, or in dollars beyond the
    tolerance that rates of different days leave."""
    amounts = {m for m in map(money_of, mentions) if m is not None}
    by_currency: dict[str, set[float]] = {}
    for amount, currency in amounts:
        by_currency.setdefault(currency, set()).add(amount)
    if any(len(values) > 1 for values in by_currency.values()):
        return True
    dollars = [m.amount_usd for m in mentions if m.amount_usd is not None]
    return bool(dollars) and max(dollars) - min(dollars) > CONFLICT_TOLERANCE * max(dollars)


def summarise(group: Group, details: Mapping[int, MentionDetail]) -> Summary:
    """The commitment that `group` makes, with `details[mention.id]` for each mention."""
    mentions = group.mentions
    quantity = group.quantity
    money = group.money

    def rank(m: StoredMention) -> tuple[Any, ...]:
        d = details[m.id]
        gives = (quantity is not None and m.quantity == quantity) or (
            money is not None and (m.amount, m.currency) == money
        )
        exact = d.qualifier in (None, "exact")
        # Smallest first: the negated flags put the most specific report first.
        when = m.when or date.max
        return (
            -(d.review is not None),  # a report a person vouched for stands for it
            -gives,
            -(d.unit is not None),
            -exact,
            -(d.announced is not None),
            -len(d.item),
            when,
            m.source,
            m.position,
            m.id,
        )

    lead = min(mentions, key=rank)
    detail = details[lead.id]
    dated = [details[m.id] for m in mentions if details[m.id].announced is not None]
    earliest = min(dated, key=_earliest, default=None)
    announced = earliest.announced if earliest else None
    first, last = first_and_last(group)
    amount, currency = money if money is not None else (None, None)
    converted = _converted(amount, currency, announced or first)
    summary = Summary(
        lead=lead.id,
        mention_ids=tuple(m.id for m in mentions),
        steps=tuple(Step(m.status, m.when, m.id) for m in group.history()),
        item=detail.item,
        category=detail.category,
        aid_type=detail.aid_type,
        quantity=quantity,
        qualifier=detail.qualifier if quantity is not None or amount is not None else None,
        unit=detail.unit if quantity is not None else None,
        amount=amount,
        currency=currency,
        amount_usd=converted.amount_usd if converted else None,
        amount_eur=converted.amount_eur if converted else None,
        rate_usd=converted.rate_usd if converted else None,
        rate_eur=converted.rate_eur if converted else None,
        rate_date=converted.rate_date if converted else None,
        status=group.status,
        conflict=group.conflict or money_conflict(mentions),
        announced=announced,
        announced_precision=earliest.announced_precision if earliest else None,
        kind=group.kind,
        finance=most_reported([f for m in mentions if (f := details[m.id].finance)]),
        first_reported=first,
        last_reported=last,
        sources=len({m.source for m in mentions}),
    )
    return reviewed(summary, mentions, details)


def _converted(amount: float | None, currency: str | None, on: date | None) -> Any:
    if amount is None or currency is None or on is None:
        return None  # undated money is not converted: today's rate would make a new figure
    return convert(amount, currency, on)


def reviewed(
    summary: Summary, mentions: Sequence[StoredMention], details: Mapping[int, MentionDetail]
) -> Summary:
    """`summary` as a person's review of its reports has it: what a person set wins over
    what other reports say (the latest report's, where two set one field); one rejected
    report rejects the commitment, so that new reports of it stay out too."""
    kinds = {details[m.id].review for m in mentions}
    changes: dict[str, Any] = {
        "reviewed": "corrected" if "corrected" in kinds else "added" if "added" in kinds else None,
        "rejected": any(details[m.id].rejected for m in mentions),
    }
    for m in mentions:
        for name in details[m.id].fixed:
            changes.update(_fixed(name, m, details[m.id]))
    if {"amount", "currency", "announced"} & changes.keys():
        money = changes.get("amount", summary.amount), changes.get("currency", summary.currency)
        on = changes.get("announced", summary.announced) or summary.first_reported
        converted = _converted(*money, on)
        changes.update({name: getattr(converted, name, None) for name in _CONVERTED})
    return replace(summary, **changes)


_CONVERTED = ("amount_usd", "amount_eur", "rate_usd", "rate_eur", "rate_date")


def _fixed(name: str, m: StoredMention, d: MentionDetail) -> dict[str, Any]:
    """The commitment's fields that a person's value of `name` on report `m` sets."""
    if name == "item":
        return {"item": d.item, "category": d.category, "aid_type": d.aid_type}
    if name == "announced":
        return {"announced": d.announced, "announced_precision": d.announced_precision}
    if name in ("amount", "currency"):
        return {"amount": m.amount, "currency": m.currency}
    if name == "unit":
        return {"unit": d.unit}
    if name in ("quantity", "status"):
        return {name: getattr(m, name)}
    return {}  # donor and recipient: the group itself
