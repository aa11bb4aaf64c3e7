"""How `kb show ID` prints a commitment in full (kb.query.show.describe gathers it)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import TYPE_CHECKING

from kb.cli.figures import QUALIFIER_WORDS, as_written, iso, number, quantity

if TYPE_CHECKING:
    from kb.query.review import CorrectionView
    from kb.query.show import CommitmentDetail


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


def _kind(detail: CommitmentDetail) -> str:
    """What kind of report, and where it sits among its group's commitments."""
    words = {"part": "a part of a larger commitment", "total": "a running total"}
    said = [words[detail.kind]] if detail.kind in words else []
    if detail.part_of is not None:
        said.append(f"held by commitment {detail.part_of} (left out of sums beside it)")
    if detail.holds:
        said.append("holds commitments " + ", ".join(map(str, detail.holds)))
    return "; ".join(said)


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
        ("announced", as_written(row.announced, detail.announced_precision)),
        ("kind", _kind(detail)),
        ("reported", f"{reported}, by {articles}".lstrip(", ")),
    ]
    if row.conflict:
        figures = dict.fromkeys(
            _figure(m.quantity, m.qualifier, m.unit, m.amount, m.currency)
            for m in detail.mentions
            if m.quantity is not None or m.amount is not None
        )
        fields.insert(4, ("CONFLICT", "the reports differ: " + "; ".join(figures)))
    mark = " (REJECTED: left out of every answer)" if detail.rejected else ""
    lines = [f"commitment {row.id}: {donor} → {recipient}{mark}"]
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
    if detail.corrections:
        lines.append(f"review ({len(detail.corrections)})")
        lines += [line for c in detail.corrections for line in review_lines(c)]
    return "\n".join(lines)


def review_lines(c: CorrectionView) -> list[str]:
    """A correction as `kb show` and `kb corrections` print it: who, when, what it set
    beside what the rules gave, and why."""
    when = c.made_at.strftime("%Y-%m-%d %H:%M")
    lines = [f"  #{c.id} {c.action} by {c.author}, {when}: {c.note}"]
    extracted = c.extracted or {}
    for name, value in c.values.items():
        if name == "announced_precision":
            continue
        shown = (
            as_written(_date(value), c.values.get("announced_precision"))
            if name == "announced"
            else _shown(value)
        )
        rules = f" (the rules: {_shown(extracted[name])})" if name in extracted else ""
        lines.append(f"      {name} {shown}{rules}")
    if c.orphaned:
        lines.append(f"      ORPHANED: {c.why_orphaned}")
    return lines


def _shown(value: object) -> str:
    if value is None:
        return "none"
    return number(value) if isinstance(value, float) else str(value)


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def show_json(detail: CommitmentDetail) -> str:
    """The commitment in full as JSON: what `kb show` prints, field by field."""
    payload = asdict(detail)
    payload["corrections"] = [c.as_dict() for c in detail.corrections]
    return json.dumps(payload, default=_plain, indent=2, ensure_ascii=False)


def _plain(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")
