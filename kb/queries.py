"""Filters in, commitments out: the one query behind `kb query`, `kb export` and `kb ask`."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
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


def _conditions(session: Session, filters: Filters) -> list[ColumnElement[bool]]:
    """The WHERE conditions for `filters`; date bounds need ArticleRow joined."""
    conditions: list[ColumnElement[bool]] = []
    for role, name, column in (
        ("donor", filters.donor, CommitmentRow.donor_id),
        ("recipient", filters.recipient, CommitmentRow.recipient_id),
    ):
        if name:
            found = find_actor(session, name)
            if found is None:
                raise UnknownActor(role, name)
            conditions.append(column == found.id)
    if filters.item:
        word = singular(filters.item)
        conditions.append(
            or_(
                CommitmentRow.item.icontains(word, autoescape=True),
                func.lower(CommitmentRow.category) == word,
                func.lower(CommitmentRow.category) == filters.item.strip().lower(),
            )
        )
    if filters.category:
        conditions.append(func.lower(CommitmentRow.category) == filters.category.strip().lower())
    if filters.statuses:
        conditions.append(CommitmentRow.status.in_(filters.statuses))
    when = func.coalesce(CommitmentRow.announced, ArticleRow.published)
    if filters.since:
        conditions.append(when >= filters.since)
    if filters.until:
        conditions.append(when <= filters.until)
    if filters.money is True:
        conditions.append(CommitmentRow.amount.is_not(None))
    elif filters.money is False:
        conditions.append(CommitmentRow.amount.is_(None))
    return conditions


def matching(session: Session, filters: Filters, *columns: Any) -> Select[Any]:
    """A select of `columns` over the commitments that match `filters`, for counts and sums.

    Only CommitmentRow is in FROM, plus ArticleRow when a date bound needs it: joining
    what a filter does not need would cost a lookup per row on a large table.
    """
    stmt = select(*columns).select_from(CommitmentRow)
    if filters.since or filters.until:
        stmt = stmt.join(ArticleRow, CommitmentRow.article_id == ArticleRow.id)
    return stmt.where(*_conditions(session, filters))


def _views(session: Session, filters: Filters, commitment_id: int | None = None) -> Select[Any]:
    donor, recipient = aliased(ActorRow), aliased(ActorRow)
    # Plain columns in CommitmentView's field order: building ORM objects for four
    # entities a row is several times slower, and export reads a million rows.
    columns: tuple[Any, ...] = (
        CommitmentRow.id,
        ArticleRow.source,
        ArticleRow.published,
        donor.name,
        donor.code,
        recipient.name,
        recipient.code,
        CommitmentRow.item,
        CommitmentRow.category,
        CommitmentRow.quantity,
        CommitmentRow.qualifier,
        CommitmentRow.unit,
        CommitmentRow.amount,
        CommitmentRow.currency,
        CommitmentRow.status,
        CommitmentRow.announced,
        CommitmentRow.evidence,
        CommitmentRow.span_start,
        CommitmentRow.span_end,
        CommitmentRow.rule,
        ArticleRow.precision,
    )
    stmt = (
        select(*columns)
        .join(ArticleRow, CommitmentRow.article_id == ArticleRow.id)
        .join(donor, CommitmentRow.donor_id == donor.id)
        .outerjoin(recipient, CommitmentRow.recipient_id == recipient.id)
        .where(*_conditions(session, filters))
        .order_by(CommitmentRow.id)
    )
    if commitment_id is not None:
        stmt = stmt.where(CommitmentRow.id == commitment_id)
    return stmt


def find_commitments(
    session: Session, filters: Filters | None = None, limit: int | None = None
) -> list[CommitmentView]:
    """The commitments that match `filters`, in the order they were stored; with `limit`,
    only the first `limit` of them (count_commitments says how many there are in all).

    Raises UnknownActor when a donor or recipient name matches no stored actor.
    """
    stmt = _views(session, filters or Filters())
    if limit is not None:
        stmt = stmt.limit(limit)
    return [CommitmentView(*row) for row in session.execute(stmt)]


def iter_commitments(
    session: Session, filters: Filters | None = None, batch: int = 2000
) -> Iterator[CommitmentView]:
    """The same rows as find_commitments, fetched `batch` at a time, so that memory stays
    flat however many match (kb export of a million rows). UnknownActor is raised at once.
    """
    return (CommitmentView(*row) for row in iter_rows(session, filters, batch))


def iter_rows(
    session: Session, filters: Filters | None = None, batch: int = 2000
) -> Iterator[Sequence[Any]]:
    """iter_commitments as plain rows of values in CommitmentView's field order: the export
    of a million rows spends a third less time without building a view a row."""
    stmt = _views(session, filters or Filters())
    # Through the connection, not the ORM: plain columns need none of its per-row work.
    result = session.connection().execute(stmt, execution_options={"yield_per": batch})
    return iter(result)


def count_commitments(session: Session, filters: Filters | None = None) -> int:
    """How many commitments match `filters` (UnknownActor as above)."""
    return session.scalar(matching(session, filters or Filters(), func.count())) or 0


def get_commitment(session: Session, commitment_id: int) -> CommitmentView | None:
    """One commitment by id, or None."""
    row = session.execute(_views(session, Filters(), commitment_id)).first()
    return None if row is None else CommitmentView(*row)


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
