"""A review sheet: the commitments to review as CSV rows that a person edits in a
spreadsheet and kb applies (`kb corrections export` and `apply`).

A row is a commitment with a column per field a person may correct, then the note, and the
source and sentence of its lead report, which say which report the row is about. A person
fills in `action` on the rows to change: `correct` (the fields whose cells differ from the
database are set), `reject`, `restore`, or `add` on a new row with no id (its source,
sentence and fields as `kb add` takes them). Every acted-on row needs a note saying why.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kb.errors import ReviewError, UnknownName
from kb.records import ACTIONS, CORRECTABLE, format_number, neutralise
from kb.review.values import canonical_values

COLUMNS = ("action", "id", *CORRECTABLE, "note", "source", "evidence")
SHEET_ACTIONS = ACTIONS  # a sheet row does what a command does
_NEEDS_ID = ("correct", "reject", "restore")


class SheetError(ReviewError):
    """A row of a review sheet that cannot be applied; the message names its line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")


@dataclass(frozen=True)
class SheetRow:
    """One acted-on row: its line in the file, what to do, and its cells."""

    line: int
    action: str
    id: int | None
    cells: dict[str, str]  # the correctable fields, as typed
    note: str
    source: str
    evidence: str


def cells_of(values: Mapping[str, Any]) -> dict[str, str]:
    """The sheet's cells of a commitment's fields (`announced_precision` beside `announced`
    writes the date to its precision: "2023-01" for a month)."""
    cells: dict[str, str] = {}
    for name in CORRECTABLE:
        value = values.get(name)
        if isinstance(value, float):
            cells[name] = format_number(value)  # as the export writes it: 0.3, not 0.1 + 0.2
        elif isinstance(value, date):
            precision = values.get("announced_precision") or "day"
            cells[name] = value.isoformat()[: {"year": 4, "month": 7}.get(precision, 10)]
        else:
            cells[name] = "" if value is None else str(value)
    return cells


def read_sheet(lines: Iterable[str]) -> list[SheetRow]:
    """The rows with an action, checked for what each needs; SheetError names the line."""
    reader = csv.DictReader(lines)
    missing = [c for c in ("action", "id", "note") if c not in (reader.fieldnames or ())]
    if missing:
        raise SheetError(1, f"no column {', '.join(missing)} (`kb corrections export` makes one)")
    rows: list[SheetRow] = []
    for record in reader:
        action = _cell(record, "action").lower()
        if action:
            rows.append(_row(reader.line_num, action, record))
    return rows


def _cell(record: Mapping[str, str | None], name: str) -> str:
    text = record.get(name) or ""
    # The export's apostrophe before a cell a spreadsheet would run (kb.records.neutralise).
    if text.startswith("'") and neutralise(text[1:]) == text:
        text = text[1:]
    return text.strip()


def _row(line: int, action: str, record: Mapping[str, str | None]) -> SheetRow:
    if action not in SHEET_ACTIONS:
        raise SheetError(line, f"unknown action {action!r}; use one of {', '.join(SHEET_ACTIONS)}")
    text = _cell(record, "id")
    if action in _NEEDS_ID and not text.isdigit():
        raise SheetError(line, f"{action} needs the id of a commitment, not {text!r}")
    if action == "add" and text:
        raise SheetError(line, "add is a new row: leave its id empty")
    note = _cell(record, "note")
    if not note:
        raise SheetError(line, f"{action} needs a note saying why")
    cells = {name: _cell(record, name) for name in CORRECTABLE}
    source, evidence = _cell(record, "source"), _cell(record, "evidence")
    if action == "add" and not (source and evidence):
        raise SheetError(line, "add needs the source and the sentence (evidence) that say so")
    return SheetRow(line, action, int(text) if text else None, cells, note, source, evidence)


def changes(row: SheetRow, current: Mapping[str, str]) -> dict[str, Any]:
    """The canonical values of the cells of `row` that differ from the database's `current`
    cells (an emptied cell changes nothing); SheetError names a bad one. A date goes with its
    precision: "2023-01" after "2023-01-01" is a change, and either way both are set."""
    typed = {n: c for n, c in row.cells.items() if c and c != current.get(n, "")}
    try:
        wanted = canonical_values(typed)
        now = canonical_values({n: current.get(n) or None for n in typed})
    except (ReviewError, UnknownName) as error:
        raise SheetError(row.line, str(error)) from None
    changed = {n: v for n, v in wanted.items() if now.get(n) != v}
    if changed.keys() & {"announced", "announced_precision"}:
        changed.update(
            announced=wanted["announced"], announced_precision=wanted["announced_precision"]
        )
    return changed


def added_values(row: SheetRow) -> dict[str, Any]:
    """The canonical values of an `add` row."""
    try:
        return canonical_values({n: c or None for n, c in row.cells.items()})
    except (ReviewError, UnknownName) as error:
        raise SheetError(row.line, str(error)) from None
