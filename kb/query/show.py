"""`kb show ID`: one consolidated commitment in full: its figures (every reported one where
the reports conflict), its value and the rate it was converted at, its status history with
the evidence of each step, and every mention with its article and sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kb.consolidate.summary import Step
from kb.query.commitments import CommitmentView, get_commitment
from kb.query.figures import QUALIFIER_WORDS, iso, number, quantity
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


def describe(session: Session, commitment_id: int) -> CommitmentDetail | None:
    """The commitment `commitment_id` in full, or None."""
    view = get_commitment(session, commitment_id)
    if view is None:
        return None
    c = CommitmentRow
    canonical, aid_type, rate_usd, rate_eur, rate_date = session.execute(
        select(ItemRow.name, c.aid_type, c.rate_usd, c.rate_eur, c.rate_date)
        .outerjoin(ItemRow, c.item_id == ItemRow.id)
        .where(c.id == commitment_id)
    ).one()
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
        view, canonical, aid_type, rate_usd, rate_eur, rate_date, steps, mentions
    )


def _figure(
    quantity_: float | None,
    qualifier: str | None,
    unit: str | None,
    amount: float | None,
    currency: str | None,
) -> str:
    words = QUALIFIER_WORDS.get(qualifier or "exact", "")
    if amount is not None:
        return " ".join(w for w in (words, number(amount), currency or "") if w)
    if quantity_ is not None:
        return " ".join(w for w in (words, number(quantity_), unit or "") if w)
    return "no figure"


def _value(detail: CommitmentDetail) -> str:
    """The amount as given, its value in the currencies it was not given in, and the rates."""
    row = detail.view
    if row.amount is None:
        return ""
    given = _figure(None, row.qualifier, None, row.amount, row.currency)
    if row.amount_usd is None or row.amount_eur is None:
        return f"{given} (no known rate for {row.currency}: not converted)"
    values = [
        (f" = {number(round(amount))} {code}", f"1 {row.currency} = {rate:.4f} {code}")
        for code, amount, rate in (
            ("USD", row.amount_usd, detail.rate_usd),
            ("EUR", row.amount_eur, detail.rate_eur),
        )
        if code != row.currency and rate is not None
    ]
    rates = ", ".join(rate for _, rate in values)
    return f"{given}{''.join(v for v, _ in values)} (ECB rates of {iso(detail.rate_date)}: {rates})"


def show_text(detail: CommitmentDetail) -> str:
    """The commitment, its history and its mentions, as `kb show` prints them."""
    row = detail.view
    donor = f"{row.donor} ({row.donor_code})" if row.donor_code else row.donor
    recipient = row.recipient or "?"
    if row.recipient_code:
        recipient += f" ({row.recipient_code})"
    kinds = ", ".join(k for k in (row.category, detail.aid_type) if k)
    articles = f"{row.sources} article{'' if row.sources == 1 else 's'}"
    reported = iso(row.first_reported)
    if row.last_reported and row.last_reported != row.first_reported:
        reported += f" to {iso(row.last_reported)}"
    fields = [
        ("item", row.item),
        ("canonical", f"{detail.canonical or row.item} ({kinds})" if kinds else detail.canonical),
        ("quantity", quantity(row)),
        ("money", _value(detail)),
        ("status", row.status),
        ("announced", iso(row.announced)),
        ("reported", f"{reported}, by {articles}".lstrip(", ")),
    ]
    if row.conflict:
        figures = dict.fromkeys(
            _figure(m.quantity, m.qualifier, m.unit, m.amount, m.currency)
            for m in detail.mentions
            if m.quantity is not None or m.amount is not None
        )
        fields.insert(4, ("CONFLICT", "the reports differ: " + "; ".join(figures)))
    lines = [f"commitment {row.id}: {donor} → {recipient}"]
    lines += [f"  {name:<10} {value}" for name, value in fields if value]
    by_id = {m.id: m for m in detail.mentions}
    lines.append("history")
    for step in detail.steps:
        evidence = by_id.get(step.mention_id)
        source = f"  {evidence.article}" if evidence else ""
        lines.append(f"  {step.status:<10} {iso(step.reached) or 'undated':<10}{source}")
        if evidence:
            lines.append(f"             {evidence.evidence}")
    lines.append(f"mentions ({len(detail.mentions)})")
    for m in detail.mentions:
        published = iso(m.published) or "date unknown"
        lines.append(
            f"  mention {m.id}{' (lead)' if m.lead else ''}: {m.article}, published {published}"
        )
        figure = _figure(m.quantity, m.qualifier, m.unit, m.amount, m.currency)
        lines.append(
            f"    {m.status}, {figure}, {m.item}; span {m.span_start}-{m.span_end}, rule {m.rule}"
        )
        lines.append(f"    {m.evidence}")
    return "\n".join(lines)
