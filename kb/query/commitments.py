"""Filters in, commitments out: the queries behind `kb query`, `export`, `show` and `ask`.

A row is a consolidated commitment (kb.consolidate.rule): its figures, current status and value,
with the article, date and sentence of its lead mention, the most specific report of it.
`mentions=True` selects the mentions instead, one row per record of an article, with the
same first columns (what `kb export --mentions` and `kb eval` read).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from dataclasses import replace as dataclass_replace
from datetime import date
from typing import Any

from sqlalchemy import Select, String, case, cast, false, func, literal, null, select
from sqlalchemy.orm import Session, aliased

from kb.errors import UnknownActor
from kb.query.filters import (
    Filters,
    Selection,
    conditions,
    needs_article,
    parse_bound,
    resolve,
)
from kb.storage.models import ActorRow, ArticleRow, CommitmentRow, MentionRow
from kb.words import singular

__all__ = [
    "CommitmentView",
    "Filters",
    "Page",
    "Selection",
    "Stats",
    "UnknownActor",
    "article_count",
    "count_commitments",
    "find_commitments",
    "get_commitment",
    "iter_commitments",
    "iter_rows",
    "matching",
    "page",
    "parse_bound",
    "resolve",
    "singular",
    "sources_of",
    "stats",
    "undated_left_out",
    "views",
]


@dataclass(frozen=True)
class CommitmentView:
    """One commitment (or mention), flattened with its actors and (lead) article.

    The first 22 fields are the export's columns, in order (kb.query.export.COLUMNS)."""

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
    amount_usd: float | None = None
    amount_eur: float | None = None
    sources: int = 1
    first_reported: date | None = None
    last_reported: date | None = None
    span_start: int = 0
    span_end: int = 0
    rule: str = ""
    precision: str = "unknown"
    commitment_id: int | None = None  # a mention's commitment; a commitment's own id
    conflict: bool = False
    announced_precision: str | None = None  # day, month or year
    kind: str = "new"  # new, part or total
    part_of: int | None = None  # the commitment that holds it (kb.consolidate.wholes)
    finance: str | None = None  # money: grant, loan, guarantee, in_kind, debt_relief
    # What a person did (kb.review): "corrected", "added", "rejected" (shown only when
    # asked for), or None.
    reviewed: str | None = None
    aid_type: str | None = None  # military, humanitarian or financial
    url: str | None = None  # the (lead) article's URL and title
    title: str | None = None
    # Every article that reports it, "; " between them: filled by export_rows alone (a page
    # or an answer gives them apart, in Page.sources).
    source_articles: str | None = None

    @property
    def when(self) -> date | None:
        """When it was first reported (a mention: announced, else published)."""
        return self.first_reported or self.announced or self.published

    @property
    def when_precision(self) -> str:
        """How much of `when` is known: the announced date's precision where it is that
        date, else the article's ("day" or "month")."""
        if self.announced is not None and self.when == self.announced:
            return self.announced_precision or "day"
        return "month" if self.precision == "month" else "day"


FIELDS = tuple(CommitmentView.__dataclass_fields__)
# Export columns named otherwise than the field they hold.
FIELD_OF = {"published_precision": "precision"}
# The fields that hold dates (an export writes them as ISO text).
DATES = frozenset({"published", "announced", "first_reported", "last_reported"})


def matching(session: Session, filters: Filters | Selection, *columns: Any) -> Select[Any]:
    """A select of `columns` over the commitments that match `filters`, for counts and sums.
    Only CommitmentRow is in FROM: joining what a filter does not need would cost a lookup
    per row on a large table."""
    return (
        select(*columns)
        .select_from(CommitmentRow)
        .where(*conditions(session, filters, CommitmentRow))
    )


def views(
    session: Session, filters: Filters | Selection, commitment_id: int | None = None
) -> Select[Any]:
    """The select of CommitmentView rows over the commitments that match, by id."""
    donor, recipient = aliased(ActorRow), aliased(ActorRow)
    c, m = CommitmentRow, MentionRow
    # Plain columns in CommitmentView's field order: building ORM objects for five
    # entities a row is several times slower, and export reads a million rows.
    columns: tuple[Any, ...] = (
        c.id, ArticleRow.source, ArticleRow.published, donor.name, donor.code, recipient.name,
        recipient.code, c.item, c.category, c.quantity, c.qualifier, c.unit, c.amount,
        c.currency, c.status, c.announced, m.evidence, c.amount_usd, c.amount_eur, c.sources,
        c.first_reported, c.last_reported, m.span_start, m.span_end, m.rule,
        ArticleRow.precision, c.id, c.conflict, c.announced_precision, c.kind, c.part_of,
        c.finance, case((c.rejected, "rejected"), else_=c.reviewed), c.aid_type, ArticleRow.url,
        ArticleRow.title, null(),
    )  # fmt: skip
    stmt = (
        select(*columns)
        .join(m, (m.commitment_id == c.id) & m.lead)
        .join(ArticleRow, m.article_id == ArticleRow.id)
        .join(donor, c.donor_id == donor.id)
        .outerjoin(recipient, c.recipient_id == recipient.id)
        .where(*conditions(session, filters, c))
        .order_by(c.id)
    )
    if commitment_id is not None:
        stmt = stmt.where(c.id == commitment_id)
    return stmt


def _mention_views(session: Session, filters: Filters | Selection) -> Select[Any]:
    donor, recipient = aliased(ActorRow), aliased(ActorRow)
    m = MentionRow
    when = func.coalesce(m.announced, ArticleRow.published)
    columns: tuple[Any, ...] = (
        m.id, ArticleRow.source, ArticleRow.published, donor.name, donor.code, recipient.name,
        recipient.code, m.item, m.category, m.quantity, m.qualifier, m.unit, m.amount,
        m.currency, m.status, m.announced, m.evidence, m.amount_usd, null(), literal(1),
        when, when, m.span_start, m.span_end, m.rule, ArticleRow.precision, m.commitment_id,
        literal(False), m.announced_precision, m.kind, null(), m.finance,
        case((m.rejected, "rejected"), else_=m.review), m.aid_type, ArticleRow.url,
        ArticleRow.title, ArticleRow.source,
    )  # fmt: skip
    return (
        select(*columns)
        .join(ArticleRow, m.article_id == ArticleRow.id)
        .join(donor, m.donor_id == donor.id)
        .outerjoin(recipient, m.recipient_id == recipient.id)
        .where(*conditions(session, filters, m))
        .order_by(m.id)
    )


def find_commitments(
    session: Session,
    filters: Filters | Selection | None = None,
    limit: int | None = None,
    *,
    mentions: bool = False,
) -> list[CommitmentView]:
    """The commitments (or mentions) that match `filters`, in the order they were stored;
    with `limit`, only the first `limit` (count_commitments says how many there are).

    Raises UnknownActor when a donor or recipient name matches no stored actor.
    """
    selection = resolve(session, filters)
    stmt = _mention_views(session, selection) if mentions else views(session, selection)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [CommitmentView(*row) for row in session.execute(stmt)]


def iter_commitments(
    session: Session, filters: Filters | Selection | None = None, batch: int = 2000
) -> Iterator[CommitmentView]:
    """The same rows as find_commitments, fetched `batch` at a time, so that memory stays
    flat however many match (kb export of a million rows). UnknownActor is raised at once.
    """
    return (CommitmentView(*row) for row in iter_rows(session, filters, batch))


def iter_rows(
    session: Session,
    filters: Filters | Selection | None = None,
    batch: int = 2000,
    *,
    mentions: bool = False,
) -> Iterator[Sequence[Any]]:
    """iter_commitments as plain rows of values in CommitmentView's field order: the export
    of a million rows spends a third less time without building a view a row."""
    selection = resolve(session, filters)
    stmt = _mention_views(session, selection) if mentions else views(session, selection)
    # Through the connection, not the ORM: plain columns need none of its per-row work.
    result = session.connection().execute(stmt, execution_options={"yield_per": batch})
    return iter(result)


def export_rows(
    session: Session,
    filters: Filters | Selection | None,
    columns: Sequence[str],
    *,
    mentions: bool = False,
    batch: int = 5000,
    ids: tuple[int, int] | None = None,
) -> Iterator[Sequence[Any]]:
    """The values of `columns` (CommitmentView's fields, by name) of each matching
    commitment (or mention), in id order: what an export writes, and only that. Dates come as
    ISO text and are not turned into date objects a million times only to be written back as
    text; commitments are ordered by the index that joins each to its lead mention (SQLite
    still sorts them where it reads the commitments by the index on `rejected`, as it does
    when rejected ones are left out: ordered by their own id instead, half a million rows
    took no less time). `ids`: only the commitments from the first id up to (not including) the
    second (kb.query.parts)."""
    selection = resolve(session, filters)
    stmt, chosen = export_select(session, selection, columns, mentions=mentions, ids=ids)
    stmt = stmt.with_only_columns(*chosen)
    result = session.connection().execute(stmt, execution_options={"yield_per": batch})
    if mentions or "source_articles" not in columns:
        return iter(result)
    at = list(columns).index("source_articles")
    return _with_sources(result, _sources_in_order(session, selection, batch, ids), at)


def export_select(
    session: Session,
    filters: Filters | Selection | None,
    columns: Sequence[str],
    *,
    mentions: bool = False,
    ids: tuple[int, int] | None = None,
) -> tuple[Select[Any], list[Any]]:
    """export_rows' select, in the order it reads the rows, and its expression for each of
    `columns` (for kb.query.lines to write them otherwise)."""
    selection = resolve(session, filters)
    stmt = _mention_views(session, selection) if mentions else views(session, selection)
    if not mentions:
        stmt = stmt.order_by(None).order_by(CommitmentRow.id)
    if ids is not None:
        stmt = stmt.where(*_between(ids))
    chosen = [stmt.selected_columns[FIELDS.index(FIELD_OF.get(n, n))] for n in columns]
    # SQLite keeps dates as ISO text already; PostgreSQL's driver gives date objects, whose
    # str() is the same text (a cast there would follow the server's DateStyle).
    if session.get_bind().dialect.name == "sqlite":
        chosen = [
            cast(c, String) if name in DATES else c for c, name in zip(chosen, columns, strict=True)
        ]
    return stmt, chosen


def _between(ids: tuple[int, int]) -> tuple[Any, Any]:
    return CommitmentRow.id >= ids[0], CommitmentRow.id < ids[1]


def _sources_in_order(
    session: Session, selection: Selection, batch: int, ids: tuple[int, int] | None = None
) -> Iterator[tuple[int, str, Any, int]]:
    """(commitment id, source, date, mention id) of every report of each matching
    commitment, in the order of the export (by commitment id, as the index on it reads them:
    no sort of a million rows; _with_sources orders each commitment's few by date)."""
    m = MentionRow
    stmt = (
        select(
            m.commitment_id,
            ArticleRow.source,
            func.coalesce(m.announced, ArticleRow.published),
            m.id,
        )
        .join(ArticleRow, m.article_id == ArticleRow.id)
        .join(CommitmentRow, m.commitment_id == CommitmentRow.id)
        .where(*conditions(session, selection, CommitmentRow))
        .where(*(_between(ids) if ids is not None else ()))
        .order_by(m.commitment_id)
    )
    options = {"yield_per": batch}
    return iter(session.connection().execute(stmt, execution_options=options))


def _with_sources(
    rows: Iterable[Sequence[Any]], sources: Iterator[tuple[int, str, Any, int]], at: int
) -> Iterator[Sequence[Any]]:
    """Each row (its id first) with the sources of its commitment at column `at`, earliest
    report first: both streams come in commitment order, so one pass joins them and memory
    stays flat."""
    pending = next(sources, None)
    for row in rows:
        cid = row[0]
        while pending is not None and pending[0] < cid:
            pending = next(sources, None)
        reports: list[tuple[Any, ...]] = []
        while pending is not None and pending[0] == cid:
            reports.append(pending)
            pending = next(sources, None)
        values = list(row)
        if len(reports) == 1:  # most commitments: one report, nothing to order
            values[at] = reports[0][1]
        else:
            reports.sort(key=lambda r: (r[2] is None, str(r[2] or ""), r[3]))
            values[at] = "; ".join(dict.fromkeys(r[1] for r in reports))
        yield values


def count_commitments(
    session: Session, filters: Filters | Selection | None = None, *, mentions: bool = False
) -> int:
    """How many commitments (or mentions) match `filters` (UnknownActor as above)."""
    selection = resolve(session, filters)
    if not mentions:
        return session.scalar(matching(session, selection, func.count())) or 0
    stmt = select(func.count()).select_from(MentionRow)
    if needs_article(selection):
        stmt = stmt.join(ArticleRow, MentionRow.article_id == ArticleRow.id)
    return session.scalar(stmt.where(*conditions(session, selection, MentionRow))) or 0


@dataclass(frozen=True)
class Page:
    """The first rows that match, how many match in all, and the sources of those shown."""

    rows: list[CommitmentView]
    matched: int
    sources: dict[int, list[str]]
    undated: int = 0  # left out by the date bounds: their date is unknown (undated_left_out)


def undated_left_out(session: Session, filters: Filters | Selection | None) -> int:
    """How many commitments the filters would select but for their date bounds, because
    no report of them gives a date: a date filter cannot see them, and the reader should
    know."""
    selection = resolve(session, filters)
    if not (selection.filters.since or selection.filters.until):
        return 0
    undated = dataclass_replace(selection.filters, since=None, until=None)
    stmt = matching(session, dataclass_replace(selection, filters=undated), func.count())
    return session.scalar(stmt.where(CommitmentRow.first_reported.is_(None))) or 0


def page(session: Session, filters: Filters | Selection | None, limit: int | None) -> Page:
    """The first `limit` matching commitments (all without it) with their sources, and how
    many match; counted only when the page is full, since otherwise the rows are all."""
    selection = resolve(session, filters)
    rows = find_commitments(session, selection, limit)
    matched = count_commitments(session, selection) if len(rows) == limit else len(rows)
    sources = sources_of(session, (row.id for row in rows))
    return Page(rows, matched, sources, undated_left_out(session, selection))


def get_commitment(session: Session, commitment_id: int) -> CommitmentView | None:
    """One commitment by id, or None."""
    row = session.execute(views(session, Filters(include_rejected=True), commitment_id)).first()
    return None if row is None else CommitmentView(*row)


def sources_of(session: Session, ids: Iterable[int]) -> dict[int, list[str]]:
    """The articles that report each of the commitments `ids`, earliest first."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    m = MentionRow
    stmt = (
        select(m.commitment_id, ArticleRow.source)
        .join(ArticleRow, m.article_id == ArticleRow.id)
        .where(m.commitment_id.in_(wanted))
        .order_by(m.commitment_id, func.coalesce(m.announced, ArticleRow.published), m.id)
    )
    found: dict[int, list[str]] = {}
    for cid, source in session.execute(stmt):
        names = found.setdefault(cid, []) if cid is not None else []
        if source not in names:
            names.append(source)
    return found


@dataclass(frozen=True)
class Stats:
    articles: int
    mentions: int
    commitments: int  # those a person did not reject
    by_donor: Sequence[tuple[str, int]]
    by_recipient: Sequence[tuple[str, int]]
    by_category: Sequence[tuple[str, int]]
    by_status: Sequence[tuple[str, int]]
    rejected: int = 0  # commitments a person rejected (kb reject)


def article_count(session: Session) -> int:
    """How many articles are stored."""
    return session.scalar(select(func.count(ArticleRow.id))) or 0


def stats(session: Session) -> Stats:
    """Counts of commitments by donor, recipient, category and status, largest first (a
    rejected commitment counted apart)."""
    donor, recipient = aliased(ActorRow), aliased(ActorRow)
    kept = CommitmentRow.rejected == false()

    def counts(column: Any, *joins: tuple[Any, Any]) -> list[tuple[str, int]]:
        n = func.count(CommitmentRow.id)
        stmt = select(column, n).select_from(CommitmentRow)
        for target, on in joins:
            stmt = stmt.outerjoin(target, on)
        stmt = stmt.where(kept).group_by(column).order_by(n.desc(), column)
        rows = session.execute(stmt).all()
        return [("(none)" if key is None else str(key), int(count)) for key, count in rows]

    return Stats(
        articles=article_count(session),
        mentions=session.scalar(select(func.count(MentionRow.id))) or 0,
        commitments=session.scalar(select(func.count(CommitmentRow.id)).where(kept)) or 0,
        by_donor=counts(donor.name, (donor, CommitmentRow.donor_id == donor.id)),
        by_recipient=counts(
            recipient.name, (recipient, CommitmentRow.recipient_id == recipient.id)
        ),
        by_category=counts(CommitmentRow.category),
        by_status=counts(CommitmentRow.status),
        rejected=session.scalar(select(func.count(CommitmentRow.id)).where(~kept)) or 0,
    )
