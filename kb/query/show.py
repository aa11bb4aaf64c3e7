"""One consolidated commitment in full (what `kb show ID` prints, kb.cli.show): its figures
(every reported one where the reports conflict), its value and the rate it was converted
at, its status history with the evidence of each step, and every mention with its article
and sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kb.consolidate.summary import Step
from kb.query.commitments import CommitmentView, get_commitment
from kb.query.review import CorrectionView, corrections
from kb.storage.models import ArticleRow, CommitmentRow, ItemRow, MentionRow, StatusStepRow


@dataclass(frozen=True)
class MentionLine:
    id: int
    article: str
    published: date | None
    status: str
    when: date | None
    item: str
    quantity: float | None
    qualifier: str | None
    unit: str | None
    amount: float | None
    currency: str | None
    evidence: str
    span_start: int
    span_end: int
    rule: str
    lead: bool


@dataclass(frozen=True)
class CommitmentDetail:
    """A commitment with what kb show prints beyond its row."""

    view: CommitmentView
    canonical: str | None
    aid_type: str | None
    rate_usd: float | None
    rate_eur: float | None
    rate_date: date | None
    steps: list[Step]
    mentions: list[MentionLine]
    holds: list[int] = field(default_factory=list)  # the commitments this one holds
    # A person's corrections of its reports, with what the rules gave (kb.review).
    corrections: list[CorrectionView] = field(default_factory=list)
    rejected: bool = False

    @property
    def kind(self) -> str:
        return self.view.kind

    @property
    def part_of(self) -> int | None:
        """The commitment that holds this one (kb.consolidate.wholes), if any."""
        return self.view.part_of

    @property
    def announced_precision(self) -> str | None:
        return self.view.announced_precision


def describe(session: Session, commitment_id: int) -> CommitmentDetail | None:
    """The commitment `commitment_id` in full, or None."""
    view = get_commitment(session, commitment_id)
    if view is None:
        return None
    c = CommitmentRow
    canonical, aid_type, rate_usd, rate_eur, rate_date, rejected = session.execute(
        select(ItemRow.name, c.aid_type, c.rate_usd, c.rate_eur, c.rate_date, c.rejected)
        .outerjoin(ItemRow, c.item_id == ItemRow.id)
        .where(c.id == commitment_id)
    ).one()
    holds = list(session.scalars(select(c.id).where(c.part_of == commitment_id).order_by(c.id)))
    s = StatusStepRow
    steps = [
        Step(*row)
        for row in session.execute(
            select(s.status, s.reached, s.mention_id)
            .where(s.commitment_id == commitment_id)
            .order_by(s.id)
        )
    ]
    m, a = MentionRow, ArticleRow
    when = func.coalesce(m.announced, a.published)
    mentions = [
        MentionLine(*tuple[Any, ...](row))
        for row in session.execute(
            select(
                m.id,
                a.source,
                a.published,
                m.status,
                when,
                m.item,
                m.quantity,
                m.qualifier,
                m.unit,
                m.amount,
                m.currency,
                m.evidence,
                m.span_start,
                m.span_end,
                m.rule,
                m.lead,
            )
            .join(a, m.article_id == a.id)
            .where(m.commitment_id == commitment_id)
            .order_by(when, a.source, m.span_start, m.id)
        )
    ]
    return CommitmentDetail(
        view,
        canonical,
        aid_type,
        rate_usd,
        rate_eur,
        rate_date,
        steps,
        mentions,
        holds,
        corrections(session, commitment_id=commitment_id),
        rejected,
    )
