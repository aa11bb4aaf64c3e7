"""Which mentions, across articles, report the same commitment: the rule, as a pure function.

Two mentions are the same commitment when all of these hold:

1. the same donor, the same recipient, and the same thing: the same canonical item, or
   both money, or a report in the class's own word of a model in it ("14 tanks" and "14
   Leopard 2": the class is the family, the gazetteer's category); two models are never
   one; and reported by different articles (extraction already made one record
   per commitment of an article, so two records of one article are two commitments);
2. compatible figures: a count or amount missing on either side, or the two within
   25% of each other (counts) or 10% (amounts: in their own currency where both give
   the same one, else in US dollars where both convert; 10m of a currency without a
   known rate is never compared with dollars). Figures that differ but are compatible
   ("12 tanks", "14 tanks") stay visible as a conflict, never averaged;
3. close in time: within 14 days when both report the same stage (two pledges of
   four HIMARS a month apart are two packages), within 120 days when the later one
   moves the commitment on (offered, then committed, then delivered). A date the text
   gives only to the month or year ("in October of last year") is that whole month or
   year: days are counted between the nearest days the two dates may be.

Mentions are taken in date order (then by source and position, so that the result
does not depend on the order articles were loaded in); each joins the compatible
commitment whose last mention is nearest in time, or starts a new one. A commitment's
status is that of its latest dated mention, and its history the changes of status
between its dated mentions: a report of unknown date joins, but says nothing of when.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

T = TypeVar("T")

# How far along a commitment is; a later mention may move it on, not back.
STAGE = {"considering": 0, "offered": 1, "sold": 2, "committed": 2, "delivered": 3, "cancelled": 3}
SAME_STAGE_DAYS = 14
NEXT_STAGE_DAYS = 120
COUNT_TOLERANCE = 0.25
AMOUNT_TOLERANCE = 0.10


@dataclass(frozen=True)
class StoredMention:
    """What the rule needs to know of one stored mention."""

    id: int
    donor: Hashable
    recipient: Hashable
    thing: str  # canonical item, or "money"
    status: str
    when: date | None  # announced, else the article's date
    source: str
    precision: str = "day"  # of `when`: day, month or year (then its first day)
    family: str = ""  # the class of the thing ("tank"): the group; "" means the thing itself
    general: bool = False  # the thing is its family's own word ("tank"), not a model in it
    kind: str = "new"  # new, part or total (kb.records.KINDS)
    position: int = 0  # the span's start in its article
    quantity: float | None = None
    amount_usd: float | None = None  # money, converted, for comparing amounts
    amount: float | None = None  # money as reported, compared where there is no rate
    currency: str | None = None


@dataclass
class Group:
    """One consolidated commitment: its mentions, in date order.

    Beside them it keeps what `compatible` asks of all of them (their sources, their models,
    the range of their counts, those with money), so that asking costs the same however
    many reports a commitment has. Add mentions with `add`, which keeps those up to date.
    """

    mentions: list[StoredMention] = field(default_factory=list)
    sources: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    models: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    counts: tuple[float, float] | None = field(default=None, init=False, repr=False, compare=False)
    with_money: list[StoredMention] = field(
        default_factory=list, init=False, repr=False, compare=False
    )
    # Its place in the order commitments were started (Candidates.start): on a tie in time,
    # the rule gives a mention to the one started first.
    started: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for mention in self.mentions:
            self._note(mention)

    def add(self, mention: StoredMention) -> None:
        self.mentions.append(mention)
        self._note(mention)

    def _note(self, mention: StoredMention) -> None:
        self.sources.add(mention.source)
        if not mention.general:
            self.models.add(mention.thing)
        q = mention.quantity
        if q is not None:
            low, high = self.counts or (q, q)
            self.counts = (min(low, q), max(high, q))
        if mention.amount is not None or mention.amount_usd is not None:
            self.with_money.append(mention)

    @property
    def last(self) -> StoredMention:
        return self.mentions[-1]

    @property
    def dated(self) -> list[StoredMention]:
        """The mentions whose date is known, or all of them where none is: a report of
        unknown date cannot say which status came last."""
        return [m for m in self.mentions if m.when is not None] or self.mentions

    @property
    def status(self) -> str:
        """The current status: that of the latest dated mention."""
        return self.dated[-1].status

    @property
    def quantities(self) -> list[float]:
        """The distinct counts reported, in the order first reported."""
        return list(dict.fromkeys(m.quantity for m in self.mentions if m.quantity is not None))

    @property
    def quantity(self) -> float | None:
        """The count most reports give; on a tie, the latest."""
        reported = [m.quantity for m in self.mentions if m.quantity is not None]
        if not reported:
            return None
        counts = Counter(reported)
        top = max(counts.values())
        return next(q for q in reversed(reported) if counts[q] == top)

    @property
    def money(self) -> tuple[float, str] | None:
        """The amount and currency most reports give; on a tie, the latest."""
        return most_reported([m for m in map(money_of, self.mentions) if m is not None])

    @property
    def kind(self) -> str:
        """Part if any report says so, else running total if any does, else new."""
        kinds = {m.kind for m in self.mentions}
        return "part" if "part" in kinds else "total" if "total" in kinds else "new"

    @property
    def conflict(self) -> bool:
        """True when the reports give different counts."""
        return len(self.quantities) > 1

    def history(self) -> list[StoredMention]:
        """The dated mentions at which the status changed, first one included."""
        steps: list[StoredMention] = []
        for mention in self.dated:
            if not steps or mention.status != steps[-1].status:
                steps.append(mention)
        return steps


def order(mention: StoredMention) -> tuple[date, str, int, int]:
    """The order mentions are taken in: by date, then source and position, so that the
    result does not depend on the order articles were loaded in."""
    return (mention.when or date.max, mention.source, mention.position, mention.id)


def money_of(mention: StoredMention) -> tuple[float, str] | None:
    if mention.amount is None or mention.currency is None:
        return None
    return (mention.amount, mention.currency)


def most_reported(values: list[T]) -> T | None:
    """The value given most often; on a tie, the latest (values are in date order)."""
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in reversed(values) if counts[v] == top)


def _close(a: float | None, b: float | None, tolerance: float) -> bool:
    if a is None or b is None:
        return True
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _span(mention: StoredMention) -> tuple[date, date]:
    """The days `when` may be: one day, or the whole month or year the text names."""
    start = mention.when
    assert start is not None
    if mention.precision == "day":  # most are
        return start, start
    if mention.precision == "year":
        return start, date(start.year, 12, 31)
    if mention.precision == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - timedelta(days=1)
    return start, start


def days_apart(a: StoredMention, b: StoredMention) -> int:
    """Days between two reports, compared at the coarser precision of the two: "October
    2022" is no day away from 14 October 2022."""
    if a.when is None or b.when is None:
        return 0  # an undated report cannot be told apart in time
    if a.precision == "day" and b.precision == "day":  # most are: spans of one day each
        return abs((a.when - b.when).days)
    (a_start, a_end), (b_start, b_end) = _span(a), _span(b)
    return max((b_start - a_end).days, (a_start - b_end).days, 0)


def compatible(group: Group, mention: StoredMention) -> bool:
    """Whether `mention` may report the same commitment as `group` (rules 2 and 3)."""
    last = group.last
    moves_on = STAGE.get(mention.status, 0) > STAGE.get(last.status, 0)
    window = NEXT_STAGE_DAYS if moves_on else SAME_STAGE_DAYS
    if STAGE.get(mention.status, 0) < STAGE.get(last.status, 0) and mention.status != "cancelled":
        window = SAME_STAGE_DAYS  # a late echo of an earlier stage
    if days_apart(mention, last) > window:
        return False
    if mention.source in group.sources:
        return False
    if not _same_thing(group, mention):
        return False
    if not _close_counts(group, mention.quantity):
        return False
    return all(_same_money(m, mention) for m in group.with_money)


def _same_thing(group: Group, mention: StoredMention) -> bool:
    """The same thing, or a report in the class's own word ("14 tanks" beside "14 Leopard
    2"): two models, or two classes, are never one commitment."""
    return mention.general or group.models <= {mention.thing}


def _close_counts(group: Group, quantity: float | None) -> bool:
    """Whether `quantity` is close to every count of the group. The counts close to one
    that is not negative form an interval, so the smallest and the largest decide for all."""
    if group.counts is None or quantity is None:
        return True
    low, high = group.counts
    if low < 0 or quantity < 0:  # no count is, but a stored row may say so: compare each
        return all(_close(m.quantity, quantity, COUNT_TOLERANCE) for m in group.mentions)
    return _close(low, quantity, COUNT_TOLERANCE) and _close(high, quantity, COUNT_TOLERANCE)


def _same_money(a: StoredMention, b: StoredMention) -> bool:
    """Amounts that may be one figure: close in their own currency where they share one
    (no rate between them to blur it), else close in dollars; never a sum in a currency
    without a rate beside one in another currency."""
    if a.amount is not None and b.amount is not None and a.currency == b.currency:
        return _close(a.amount, b.amount, AMOUNT_TOLERANCE)
    if a.amount_usd is not None and b.amount_usd is not None:
        return _close(a.amount_usd, b.amount_usd, AMOUNT_TOLERANCE)
    return a.amount is None or b.amount is None


def consolidate(mentions: Iterable[StoredMention]) -> list[Group]:
    """Group mentions into commitments by the rule above; the result depends only on the set."""
    groups: dict[tuple[Hashable, Hashable, str], Candidates] = {}
    for mention in sorted(mentions, key=order):
        key = (mention.donor, mention.recipient, mention.family or mention.thing)
        groups.setdefault(key, Candidates()).place(mention)
    return sorted((g for c in groups.values() for g in c.every), key=lambda g: order(g.mentions[0]))


class Candidates:
    """The commitments of one group, in the order they were started, and those of them a
    dated mention may still join. Mentions come in date order, so a commitment whose last
    report is more than NEXT_STAGE_DAYS before one mention is so before every later one:
    it is set aside, and a group's commitments cost what the last months hold, not what
    the years do. A report of unknown date comes last and may join any of them."""

    def __init__(self) -> None:
        self.every: list[Group] = []
        self.open: list[Group] = []
        self.limit = 8  # set aside again when this many are open: amortised, linear

    def place(self, mention: StoredMention) -> Group:
        """Add `mention` to the compatible commitment whose last report is nearest in time
        (the first started, on a tie), or start one with it; the commitment it went to."""
        candidates = [g for g in self.for_(mention) if compatible(g, mention)]
        if candidates:
            chosen = min(candidates, key=lambda g: days_apart(g.last, mention))
            chosen.add(mention)
            return chosen
        chosen = Group([mention])
        self.start(chosen)
        return chosen

    def start(self, group: Group) -> None:
        group.started = len(self.every)
        self.every.append(group)
        self.open.append(group)

    def for_(self, mention: StoredMention) -> list[Group]:
        if mention.when is None:
            return self.every
        if len(self.open) > self.limit or (self.open and ended(self.open[0], mention)):
            self.open = [g for g in self.open if not ended(g, mention)]  # in the order started
            self.limit = max(8, 2 * len(self.open))
        return self.open


def ended(group: Group, mention: StoredMention) -> bool:
    """Whether `group` can take no mention dated as `mention` is, or later."""
    return too_old(group.last, mention)


def too_old(last: StoredMention, mention: StoredMention) -> bool:
    """Whether a commitment last reported by `last` can take no mention dated as `mention`
    is, or later."""
    assert mention.when is not None
    if last.when is None:
        return False
    end = last.when if last.precision == "day" else _span(last)[1]
    return (mention.when - end).days > NEXT_STAGE_DAYS


def first_and_last(group: Group) -> tuple[date | None, date | None]:
    """When the commitment was first and last reported."""
    dates: Sequence[date] = sorted(m.when for m in group.mentions if m.when is not None)
    return (dates[0], dates[-1]) if dates else (None, None)
