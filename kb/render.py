"""How results look in a terminal: tables, one commitment in full, answers, JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # types only: `kb query` should not pay to import scoring and asking
    from kb.ask import Answer
    from kb.queries import CommitmentView, Stats
    from kb.scoring import Report

QUALIFIER_WORDS = {"exact": "", "about": "about", "over": "over", "up_to": "up to"}
STATUS_WORDS: dict[tuple[str, ...], str] = {
    ("delivered", "committed"): "delivered or committed",
    ("committed", "offered"): "committed or offered",
}


def number(value: float) -> str:
    """A figure for people: 300000.0 -> "300,000", 2.5 -> "2.5"."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def quantity(row: CommitmentView) -> str:
    """ "over 70 pallets", "14", or "" where the text gives no number."""
    if row.quantity is None:
        return ""
    words = [QUALIFIER_WORDS.get(row.qualifier or "exact", ""), number(row.quantity)]
    return " ".join(w for w in [*words, row.unit or ""] if w)


def money(row: CommitmentView) -> str:
    if row.amount is None:
        return ""
    words = [QUALIFIER_WORDS.get(row.qualifier or "exact", ""), number(row.amount), row.currency]
    return " ".join(w for w in words if w)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def rows_table(rows: Sequence[CommitmentView]) -> Table:
    """Rows as a table that stays readable in 80 columns: what was given, by whom to whom,
    in one cell; status and date in another; the evidence sentence beside them."""
    table = Table(show_lines=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("commitment", ratio=2)
    table.add_column("status", no_wrap=True)
    table.add_column("evidence", ratio=3)
    for row in rows:
        counted = quantity(row)
        amount = f"{counted} {'of ' if row.unit else ''}{row.item}" if counted else row.item
        what = Text.assemble(
            (row.donor, "bold"),
            f" → {row.recipient or '?'}\n",
            amount,
            f"\n{money(row)}" if row.amount is not None else "",
        )
        when = f"{row.status}\n{_iso(row.when)}".strip()
        table.add_row(str(row.id), what, when, Text(row.evidence))
    return table


def rows_json(rows: Sequence[CommitmentView]) -> str:
    return json.dumps([asdict(row) for row in rows], default=_iso, indent=2, ensure_ascii=False)


def show_text(row: CommitmentView) -> str:
    """One commitment in full, with its evidence and where it came from."""
    published = _iso(row.published) or "date unknown"
    if row.published and row.precision == "month":
        published = f"{row.published:%Y-%m} (month)"
    fields = [
        ("donor", f"{row.donor} ({row.donor_code})" if row.donor_code else row.donor),
        ("recipient", _actor(row.recipient, row.recipient_code)),
        ("item", f"{row.item} [{row.category}]" if row.category else row.item),
        ("quantity", quantity(row)),
        ("money", money(row)),
        ("status", row.status),
        ("announced", _iso(row.announced)),
        ("article", f"{row.article}, published {published}"),
        ("span", f"{row.span_start}-{row.span_end}"),
        ("rule", row.rule),
    ]
    lines = [f"commitment {row.id}"]
    lines += [f"  {name:<10} {value}" for name, value in fields if value]
    lines.append(f"  evidence   {row.evidence}")
    return "\n".join(lines)


def _actor(name: str | None, code: str | None) -> str:
    if name is None:
        return ""
    return f"{name} ({code})" if code else name


def stats_group(stats: Stats) -> Group:
    tables = []
    for title, counts in (
        ("donor", stats.by_donor),
        ("recipient", stats.by_recipient),
        ("category", stats.by_category),
        ("status", stats.by_status),
    ):
        table = Table(title=f"by {title}", title_justify="left")
        table.add_column(title)
        table.add_column("commitments", justify="right")
        for key, count in counts:
            table.add_row(key, str(count))
        tables.append(table)
    return Group(f"{stats.articles} articles, {stats.commitments} commitments", *tables)


def answer_text(answer: Answer) -> str:
    """The lines printed above the table of rows: how many, and the totals asked for."""
    question, rows = answer.question, answer.rows
    filters = question.filters
    # Name actors as stored ("United Kingdom"), not as asked ("UK"): every row shares them.
    donor = rows[0].donor if rows and filters.donor else filters.donor
    recipient = rows[0].recipient if rows and filters.recipient else filters.recipient
    scope = [
        f"from {donor}" if donor else "",
        f"to {recipient}" if recipient else "",
        f"matching {filters.item!r}" if filters.item else "",
        "in money" if filters.money else "",
        f"({STATUS_WORDS.get(filters.statuses, ' or '.join(filters.statuses))})",
    ]
    matched = answer.count
    count = f"{matched:,} commitment{'' if matched == 1 else 's'}" if matched else "No commitments"
    lines = [" ".join(part for part in (count, *scope) if part) + "."]
    if question.kind == "who" and matched:
        lines.append("By donor: " + ", ".join(f"{name} ({n})" for name, n in answer.donors))
    if question.kind in ("count", "money") and matched:
        counted = "" if question.kind == "money" else filters.item or "items"
        figures = [
            f"{number(total)} {unit or counted}".strip()
            for unit, total in sorted(answer.totals.items())
        ]
        total = "; ".join(figures) or "no figures given"
        if answer.approximate:
            total += " (some figures are approximate)"
        lines.append(f"Total: {total}.")
        if answer.unnumbered and figures:
            lines.append(f"{answer.unnumbered} more give no figure.")
    return "\n".join(lines)


def report_text(report: Report, verbose: bool = False) -> str:
    """The evaluation as score.py prints it, by status too; the last line is the strict F1."""
    lines: list[str] = []
    if verbose:
        for miss in report.misses:
            lines.append(
                f"{miss.article}  {miss.kind:6}  {miss.donor}: {miss.what} [{miss.status}]"
            )
            if miss.evidence:
                lines.append(f"    {miss.evidence}")
    strict, loose = report.strict, report.donor_item
    lines.append(
        f"articles {report.articles}  gold rows {strict.tp + strict.fn}  "
        f"predicted rows {strict.tp + strict.fp}"
    )
    lines.append(f"donor+item only: P {loose.precision:.3f} R {loose.recall:.3f} F1 {loose.f1:.3f}")
    for status, figures in sorted(report.by_status.items()):
        lines.append(
            f"  {status or '(none)':12} P {figures.precision:.3f} R {figures.recall:.3f} "
            f"F1 {figures.f1:.3f}  (tp {figures.tp}, fp {figures.fp}, fn {figures.fn})"
        )
    lines.append(
        "field accuracy on matched rows: "
        + ", ".join(f"{k} {v:.3f}" for k, v in report.fields.items())
    )
    lines.append(f"strict: P {strict.precision:.3f} R {strict.recall:.3f} F1 {strict.f1:.3f}")
    lines.append(f"F1 {strict.f1:.3f}")
    return "\n".join(lines)
