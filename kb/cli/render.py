"""How results look in a terminal: tables, one commitment in full, answers, JSON."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Group
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from kb.cli.figures import as_written, iso, money, number, quantity, short
from kb.cli.terminal import data_console, printable

if TYPE_CHECKING:  # types only: `kb query` should not pay to import scoring and asking
    from kb.ask.parse import Answer
    from kb.evaluate.scoring import Report
    from kb.query.commitments import CommitmentView, Stats
    from kb.query.sources import SourceEntry
    from kb.query.totals import TotalRow, Totals

# How a kind of money reads (kb.records.FINANCE).
FINANCE_WORDS = {
    "grant": "grants",
    "loan": "loans",
    "guarantee": "guarantees",
    "in_kind": "in kind",
    "debt_relief": "debt relief",
    "unstated": "not stated",
}
STATUS_WORDS: dict[tuple[str, ...], str] = {
    ("delivered", "committed"): "delivered or committed",
    ("committed", "offered"): "committed or offered",
    ("delivered", "committed", "offered"): "delivered, committed or offered",
}


def value(row: CommitmentView) -> str:
    """ "300,000 GBP (≈ 367,165 USD)", the amount as reported with its value in dollars."""
    given = money(row)
    if given and row.amount_usd is not None and row.currency != "USD":
        given += f" (≈ {number(round(row.amount_usd))} USD)"
    return given


def compact_table(rows: Sequence[CommitmentView], width: int = 80) -> Table:
    """One line a commitment, to fit `width` columns: who gave what to whom, its status (with
    a star where a person corrected, added or rejected it) and date; what does not fit ends
    in an ellipsis (`--wide` shows the evidence and sources)."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    widest = max((len(str(row.id)) for row in rows), default=2)
    states, day = len("considering*"), len("2023-01-17")
    # What the id, status and date leave of the width, and the space on either side of
    # each column's text: a third for who, the rest for what.
    left = max(28, width - widest - states - day - 12)
    table.add_column("id", justify="right", no_wrap=True, min_width=widest)
    who = left // 3
    table.add_column("donor → recipient", no_wrap=True, overflow="ellipsis", max_width=who)
    table.add_column("what", no_wrap=True, overflow="ellipsis", max_width=left - who)
    table.add_column("status", no_wrap=True, min_width=states)
    table.add_column("date", no_wrap=True, min_width=day)
    for row in rows:
        counted = quantity(row)
        what = f"{counted} {'of ' if row.unit else ''}{row.item}" if counted else row.item
        if row.amount is not None:
            what = f"{money(row)} {row.item}"
        status = row.status + ("*" if row.reviewed else "")  # a person's hand: kb show ID
        table.add_row(
            str(row.id),
            printable(_parties(row, who)),
            printable(what),
            status,
            iso(row.when) if row.when_precision == "day" else as_written(row.when, "month"),
        )
    return table


def _parties(row: CommitmentView, width: int) -> str:
    """ "United Kingdom → Ukraine", or where that is too wide, their ISO codes ("GBR → UKR")
    for the countries among them."""
    names = f"{row.donor} → {row.recipient or '?'}"
    if len(names) <= width:
        return names
    return f"{row.donor_code or row.donor} → {row.recipient_code or row.recipient or '?'}"


def rows_table(
    rows: Sequence[CommitmentView], sources: Mapping[int, Sequence[str]] | None = None
) -> Table:
    """Rows as a table that stays readable in 80 columns: what was given, by whom to whom,
    in one cell; status and date in another; the evidence sentence beside them, and the
    articles that report it (`sources`, by row id) under it."""
    table = Table(show_lines=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("commitment", ratio=2)
    table.add_column("status", no_wrap=True)
    table.add_column("evidence", ratio=3, overflow="fold")  # a long source wraps, not cut
    for row in rows:
        counted = quantity(row)
        amount = f"{counted} {'of ' if row.unit else ''}{row.item}" if counted else row.item
        what = Text.assemble(
            (printable(row.donor), "bold"),
            f" → {printable(row.recipient or '?')}\n",
            printable(amount),
            f"\n{value(row)}" if row.amount is not None else "",
            "\n(figures differ between reports)" if row.conflict else "",
        )
        when = f"{row.status}\n{as_written(row.when, row.when_precision)}".strip()
        if row.reviewed:  # a person's hand: corrected, added, or rejected (shown if asked)
            when += f"\n({row.reviewed})"
        evidence = Text(printable(row.evidence))
        cited = (sources or {}).get(row.id)
        if cited:
            label = f"{len(cited)} source{'' if len(cited) == 1 else 's'}"
            evidence.append(printable(f"\n{label}: {', '.join(cited)}"), style="dim")
        table.add_row(str(row.id), what, when, evidence)
    return table


def rows_json(
    rows: Sequence[CommitmentView], sources: Mapping[int, Sequence[str]] | None = None
) -> str:
    return json.dumps(
        [_record(row, sources) for row in rows], default=iso, indent=2, ensure_ascii=False
    )


def rows_lines(
    rows: Sequence[CommitmentView], sources: Mapping[int, Sequence[str]] | None = None
) -> str:
    """One JSON object a line (newline-delimited JSON, as `sqlite-utils --nl` prints)."""
    return "".join(
        json.dumps(_record(row, sources), default=iso, ensure_ascii=False) + "\n" for row in rows
    )


def rows_csv(
    rows: Sequence[CommitmentView], sources: Mapping[int, Sequence[str]] | None = None
) -> str:
    """The rows as `kb export` writes them."""
    from kb.knowledge import KnowledgeBase

    out = io.StringIO()
    KnowledgeBase.rows_csv([replace(r, source_articles=_joined(r, sources)) for r in rows], out)
    return out.getvalue()


def _joined(row: CommitmentView, sources: Mapping[int, Sequence[str]] | None) -> str | None:
    cited = (sources or {}).get(row.id)
    return "; ".join(cited) if cited else row.source_articles


def _record(row: CommitmentView, sources: Mapping[int, Sequence[str]] | None) -> dict[str, Any]:
    return asdict(replace(row, source_articles=_joined(row, sources)))


def stats_json(stats: Stats) -> str:
    return json.dumps(asdict(stats), indent=2, ensure_ascii=False)


def stats_group(stats: Stats) -> Group:
    tables = []
    for title, counts in (
        ("donor", stats.by_donor),
        ("recipient", stats.by_recipient),
        ("category", stats.by_category),
        ("status", stats.by_status),
    ):  # of consolidated commitments, each once
        table = Table(title=f"by {title}", title_justify="left")
        table.add_column(title)
        table.add_column("commitments", justify="right")
        for key, count in counts:
            table.add_row(printable(key), str(count))
        tables.append(table)
    heading = (
        f"{stats.articles} articles, {stats.commitments} commitments ({stats.mentions} mentions)"
    )
    if stats.rejected:
        heading += f"; {stats.rejected} rejected by a person, left out"
    return Group(heading, *tables)


def answer_json(answer: Answer) -> str:
    """The answer as JSON: what it says in words, its figures, and its rows."""
    question = answer.question
    payload = {
        "kind": question.kind,
        "answer": answer_text(answer),
        "count": answer.count,
        "totals": answer.totals,
        "usd": answer.usd,
        "usd_by_finance": answer.usd_by_finance,
        "unconverted": answer.unconverted,
        "donors": [{"name": name, "commitments": n} for name, n in answer.donors],
        "ranking": [{"name": name, "value": value} for name, value in answer.ranking],
        "ranked_in": answer.ranked_in if answer.ranking else None,
        "undated_left_out": answer.undated,
        "rows": [_record(row, answer.sources) for row in answer.rows],
    }
    return json.dumps(payload, default=iso, indent=2, ensure_ascii=False)


def answer_text(answer: Answer) -> str:
    """The lines printed above the table of rows: how many, and the totals asked for."""
    question, rows = answer.question, answer.rows
    filters = question.filters
    # Name actors as stored ("United Kingdom"), not as asked ("UK"): every row shares them.
    donor = rows[0].donor if rows and filters.donor else filters.donor
    recipient = rows[0].recipient if rows and filters.recipient else filters.recipient
    kind = {"country": "countries", "organisation": "organisations"}.get(filters.donor_kind or "")
    scope = [
        f"from {donor}" if donor else f"from {kind}" if kind else "",
        f"to {recipient}" if recipient else "",
        f"matching {answer.relaxed_to or filters.item!r}"
        if filters.item and (answer.relaxed_to or not answer.relaxed)
        else "",
        "in money" if filters.money else "",
        question.period or "",
        f"({STATUS_WORDS.get(filters.statuses, ' or '.join(filters.statuses))})",
    ]
    matched = answer.count
    count = f"{matched:,} commitment{'' if matched == 1 else 's'}" if matched else "No commitments"
    lines = [" ".join(part for part in (count, *scope) if part) + "."]
    if answer.relaxed and answer.relaxed_to:
        lines.insert(0, f"No stored item matches {answer.relaxed!r}; for {answer.relaxed_to!r}:")
    elif answer.relaxed:
        lines.insert(0, f"No stored item matches {answer.relaxed!r}; without it:")
    if question.kind == "who" and matched:
        label = (kind or "by donor").capitalize()
        if question.by_recipient:
            label = "Given to"
        lines.append(f"{label}: " + ", ".join(f"{name} ({n})" for name, n in answer.donors))
    if question.kind == "largest" and rows:
        row = rows[0]
        if row.amount is not None:
            what = f"{value(row)} of {row.item}"
        else:
            counted = quantity(row)
            what = f"{counted} {'of ' if row.unit else ''}{row.item}" if counted else row.item
        lines.append(f"The largest: {what}.")
    if question.kind == "yesno":
        says = matched and (not answer.relaxed or answer.relaxed_to)
        lines.insert(0, "Yes." if says else "No: no stored commitment says so.")
        if answer.unknown:
            lines.insert(1, f"(Nothing of {answer.unknown!r} is stored.)")
    if question.kind == "rank":
        lines += _ranking_lines(answer)
    if question.kind == "count" and matched:
        counted = filters.item or "items"
        figures = [
            f"{number(total)} {unit or counted}".strip()
            for unit, total in sorted(answer.totals.items())
        ]
        lines += _total_lines(answer, "; ".join(figures))
    if question.kind == "money" and matched:
        lines += _money_lines(answer)
    return "\n".join(lines)


def _ranking_lines(answer: Answer) -> list[str]:
    """One line a place: "1. United States: 1,234,000,000 USD"."""
    if not answer.ranking:
        return ["Nothing to rank: no commitment gives a figure."]
    whom = "recipients" if answer.question.by_recipient else "donors"
    what = answer.ranked_in or answer.question.filters.item or "items"
    lines = [
        f"The {len(answer.ranking)} largest {whom}, by {'value' if answer.ranked_in else 'count'}:"
    ]
    lines += [
        f"  {place}. {name}: {number(round(value))} {what}".rstrip()
        for place, (name, value) in enumerate(answer.ranking, start=1)
    ]
    return lines


def _money_lines(answer: Answer) -> list[str]:
    """The total in dollars of what converts, in the currencies given; apart, what does not."""

    def sums(converted: bool) -> str:
        return "; ".join(
            f"{number(total)} {code}"
            for code, total in sorted(answer.totals.items())
            if (code not in answer.unconverted) == converted
        )

    apart = sums(converted=False)
    if answer.usd is None:
        return _total_lines(answer, apart + (" (no known rate: not converted)" if apart else ""))
    total = f"{number(round(answer.usd))} USD at the ECB rate of each commitment's date"
    if set(answer.totals) - set(answer.unconverted) != {"USD"}:  # say what it was given in
        total += f" ({sums(converted=True)})"
    if len(answer.usd_by_finance) > 1:  # grants and loans are not one sum
        total = (
            "; ".join(
                f"{number(round(value))} USD in {FINANCE_WORDS.get(kind, kind)}"
                for kind, value in sorted(answer.usd_by_finance.items(), key=lambda kv: -kv[1])
            )
            + ", at the ECB rate of each commitment's date (kinds of money not added together)"
        )
    lines = _total_lines(answer, total)
    if apart:
        lines.append(f"Not in that total (no known rate): {apart}.")
    return lines


def _total_lines(answer: Answer, figures: str) -> list[str]:
    total = figures or "no figures given"
    if answer.approximate:
        total += " (some figures are approximate)"
    lines = [f"Total: {total}."]
    if answer.held:
        lines.append(
            f"Left out, as inside another commitment counted (a part of its whole, or in a "
            f"running total): {answer.held}."
        )
    if answer.unnumbered and figures:
        lines.append(f"{answer.unnumbered} more give no figure.")
    return lines


def totals_table(totals: Totals, width: int = 80) -> Group:
    """`kb totals`: one row a key, pledged apart from delivered, in the chosen currency; sums
    shortened ("302.7 tn") where the full figures would leave the key no room in `width`."""
    rows = [*totals.rows, *totals.overall]
    table = _sums_table(totals, rows, lambda x: number(round(x)))
    unbounded = data_console(width=10_000)  # a measurement is never wider than its console
    shortened = Measurement.get(unbounded, unbounded.options, table).minimum > width
    if shortened:
        table = _sums_table(totals, rows, short)
    notes = [
        "pledged: committed or offered; other: considering, sold or cancelled. Each "
        "commitment counts once, at the ECB rate of its date. Grants, loans and other kinds "
        "of money are added apart, never together."
        + (" tn, bn, m: trillion, billion, million (--json: every digit)." if shortened else ""),
    ]
    if totals.unconverted:
        notes.append("Not added (no known rate for the currency):")
        notes += [
            f"  {printable(u.key)}: {number(u.amount)} {u.currency} ({u.commitments} commitment"
            f"{'' if u.commitments == 1 else 's'})"
            for u in totals.unconverted
        ]
    return Group(table, *notes)


def _sums_table(totals: Totals, rows: Sequence[TotalRow], figure: Callable[[float], str]) -> Table:
    """The table of `kb totals`, each sum written by `figure`."""
    table = Table(title=f"money by {totals.by}, in {totals.currency}", title_justify="left")
    table.add_column(totals.by, min_width=12)  # a name may wrap, never to nothing
    table.add_column("money", min_width=7)
    cells = [
        [figure(x) if x else "" for x in (row.pledged, row.delivered, row.other)]
        + [str(row.commitments)]
        for row in rows
    ]
    for at, name in enumerate(("pledged", "delivered", "other", "commitments")):
        # A figure is never cut, so its column is as wide as its widest: given, rich measures
        # none of its cells (a table of hundreds of rows took a tenth of a second to measure).
        width = max((cell_len(c[at]) for c in cells), default=0)
        table.add_column(name, justify="right", no_wrap=True, width=max(width, cell_len(name)))
    for row, figures in zip(rows, cells, strict=True):
        last = row is (totals.rows[-1] if totals.rows else None)  # a rule above the totals
        table.add_row(
            printable(row.key),
            FINANCE_WORDS.get(row.finance, row.finance),
            *figures,
            end_section=last,
        )
    return table


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


def sources_table(entries: Sequence[SourceEntry], width: int = 80) -> Table:
    """One line an article: its source, date, commitments, and title (or URL)."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    left = max(30, width - 10 - 6 - 12)
    table.add_column("source", no_wrap=True, overflow="ellipsis", max_width=left // 2)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("rows", justify="right", no_wrap=True)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=left - left // 2)
    for entry in entries:
        when = as_written(entry.published, entry.precision) if entry.published else "undated"
        table.add_row(
            printable(entry.source),
            when,
            str(entry.commitments),
            printable(entry.title or entry.url or ""),
        )
    return table
