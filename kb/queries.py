"""Filters in, commitments out: the one query behind `kb query`, `kb export` and `kb ask`."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from kb.records import STATUSES
from kb.storage.aliases import find_actor
from kb.storage.models import ActorRow, ArticleRow, CommitmentRow


class UnknownActor(LookupError):
    """A donor or recipient name that no stored actor goes by."""

    def __init__(self, role: str, name: str) -> None:
        super().__init__(
            f"no {role} called {name!r} in the database "
            "(names, short forms and ISO codes work; `kb stats` lists them)"
        )
        self.role, self.name = role, name


@dataclass(frozen=True)
class Filters:
    """What to select; every field left empty selects everything.

    `item` matches any item containing the word (singular or plural) or that category, so
    "tanks" finds "Challenger 2 main battle tanks". `since`/`until` bound the announced date,
    or the article's date where the commitment has none. `money` keeps only money rows (True)
    or only goods (False).
    """

    donor: str | None = None
    recipient: str | None = None
    item: str | None = None
    category: str | None = None
    statuses: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    money: bool | None = None

    def __post_init__(self) -> None:
        unknown = [s for s in self.statuses if s not in STATUSES]
        if unknown:
            raise ValueError(f"unknown status {unknown[0]!r}; use one of {', '.join(STATUSES)}")


@dataclass(frozen=True)
class CommitmentView:
    """One stored commitment, flattened with its actors and article."""

    id: int
    article: str
    published: date | None
    donor: str
    donor_code: str | None
    recipient: str | None
    recipient_code: str | None
    item: str
    category: str | None
    quantity: float | None
    qualifier: str | None
    unit: str | None
    amount: float | None
    currency: str | None
    status: str
    announced: date | None
    evidence: str
    span_start: int = 0
    span_end: int = 0
    rule: str = ""
    precision: str = "unknown"

    @property
    def when(self) -> date | None:
        """When it was announced, else when the article was published."""
        return self.announced or self.published


def parse_bound(text: str, *, end: bool = False) -> date:
    """A date bound from `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; with `end`, the last day of a
    year or month, so that `--until 2023-01` includes all of January."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
    if match is None:
        raise ValueError(f"bad date {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if day is not None:
            return date(year, month or 1, day)
        if month is not None:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except (ValueError, calendar.IllegalMonthError):
        raise ValueError(f"bad date {text!r} (no such day)") from None


def singular(word: str) -> str:
    """A rough singular, enough to match "tanks" to "tank" and "supplies" to "supply"."""
    word = word.strip().lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _select(
    session: Session, filters: Filters, commitment_id: int | None = None
) -> list[CommitmentView]:
    donor, recipient = aliased(ActorRow), aliased(ActorRow)
    stmt = (
        select(CommitmentRow, ArticleRow, donor, recipient)
        .join(ArticleRow, CommitmentRow.article_id == ArticleRow.id)
        .join(donor, CommitmentRow.donor_id == donor.id)
        .outerjoin(recipient, CommitmentRow.recipient_id == recipient.id)
        .order_by(CommitmentRow.id)
    )
    if filters.donor:
        found = find_actor(session, filters.donor)
        if found is None:
            raise UnknownActor("donor", filters.donor)
        stmt = stmt.where(CommitmentRow.donor_id == found.id)
    if filters.recipient:
        found = find_actor(session, filters.recipient)
        if found is None:
            raise UnknownActor("recipient", filters.recipient)
        stmt = stmt.where(CommitmentRow.recipient_id == found.id)
    if filters.item:
        word = singular(filters.item)
        stmt = stmt.where(
            or_(
                CommitmentRow.item.icontains(word, autoescape=True),
                func.lower(CommitmentRow.category) == word,
                func.lower(CommitmentRow.category) == filters.item.strip().lower(),
            )
        )
    if filters.category:
        stmt = stmt.where(func.lower(CommitmentRow.category) == filters.category.strip().lower())
    if filters.statuses:
        stmt = stmt.where(CommitmentRow.status.in_(filters.statuses))
    when = func.coalesce(CommitmentRow.announced, ArticleRow.published)
    if filters.since:
        stmt = stmt.where(when >= filters.since)
    if filters.until:
        stmt = stmt.where(when <= filters.until)
    if filters.money is True:
        stmt = stmt.where(CommitmentRow.amount.is_not(None))
    elif filters.money is False:
        stmt = stmt.where(CommitmentRow.amount.is_(None))
    if commitment_id is not None:
        stmt = stmt.where(CommitmentRow.id == commitment_id)
    return [_view(*row) for row in session.execute(stmt).all()]


def _view(c: CommitmentRow, a: ArticleRow, d: ActorRow, r: ActorRow | None) -> CommitmentView:
    return CommitmentView(
        id=c.id,
        article=a.source,
        published=a.published,
        donor=d.name,
        donor_code=d.code,
        recipient=r.name if r else None,
        recipient_code=r.code if r else None,
        item=c.item,
        category=c.category,
        quantity=c.quantity,
        qualifier=c.qualifier,
        unit=c.unit,
        amount=c.amount,
        currency=c.currency,
        status=c.status,
        announced=c.announced,
        evidence=c.evidence,
        span_start=c.span_start,
        span_end=c.span_end,
        rule=c.rule,
        precision=a.precision,
    )


def find_commitments(session: Session, filters: Filters | None = None) -> list[CommitmentView]:
    """The commitments that match `filters`, in the order they were stored.

    Raises UnknownActor when a donor or recipient name matches no stored actor.
    """
    return _select(session, filters or Filters())


def get_commitment(session: Session, commitment_id: int) -> CommitmentView | None:
    """One commitment by id, or None."""
    found = _select(session, Filters(), commitment_id)
    return found[0] if found else None


@dataclass(frozen=True)
class Stats:
    articles: int
    commitments: int
    by_donor: Sequence[tuple[str, int]]
    by_recipient: Sequence[tuple[str, int]]
    by_category: Sequence[tuple[str, int]]
    by_status: Sequence[tuple[str, int]]


def stats(session: Session) -> Stats:
    """Counts of commitments by donor, recipient, category and status, largest first."""
    donor, recipient = aliased(ActorRow), aliased(ActorRow)

    def counts(column: Any, *joins: tuple[Any, Any]) -> list[tuple[str, int]]:
        n = func.count(CommitmentRow.id)
        stmt = select(column, n).select_from(CommitmentRow)
        for target, on in joins:
            stmt = stmt.outerjoin(target, on)
        rows = session.execute(stmt.group_by(column).order_by(n.desc(), column)).all()
        return [("(none)" if key is None else str(key), int(count)) for key, count in rows]

    return Stats(
        articles=session.scalar(select(func.count(ArticleRow.id))) or 0,
        commitments=session.scalar(select(func.count(CommitmentRow.id))) or 0,
        by_donor=counts(donor.name, (donor, CommitmentRow.donor_id == donor.id)),
        by_recipient=counts(
            recipient.name, (recipient, CommitmentRow.recipient_id == recipient.id)
        ),
        by_category=counts(CommitmentRow.category),
        by_status=counts(CommitmentRow.status),
    )
