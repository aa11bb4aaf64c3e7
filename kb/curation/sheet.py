"""Review in a spreadsheet (kb.review.sheet): the commitments to review written out, and the
rows a person filled in applied, all or nothing."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kb.errors import ReviewError, UnknownName
from kb.query.commitments import CommitmentView, Filters, get_commitment, iter_commitments
from kb.query.export import Writable
from kb.records import CORRECTABLE, neutralise
from kb.review.sheet import COLUMNS, SheetError, SheetRow, added_values, cells_of, changes
from kb.storage import corrections


def cells_now(view: CommitmentView) -> dict[str, str]:
    """A commitment's cells in a review sheet."""
    return cells_of({name: getattr(view, name) for name in (*CORRECTABLE, "announced_precision")})


def write_sheet(session: Session, filters: Filters, out: Writable) -> int:
    """The matching commitments as a review sheet; how many rows were written."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for view in iter_commitments(session, filters):
        cells = cells_now(view)
        texts = [neutralise(cells[name]) for name in CORRECTABLE]
        writer.writerow(
            ["", view.id, *texts, "", neutralise(view.article), neutralise(view.evidence)]
        )
        count += 1
    return count


@dataclass(frozen=True)
class Applied:
    """What one row did, as kb says it."""

    line: int
    said: str


def apply_sheet(session: Session, rows: Iterable[SheetRow], author: str) -> list[Applied]:
    """Apply each row in the caller's transaction, which rolls back on the first error
    (SheetError, naming its line): all or nothing."""
    done: list[Applied] = []
    for row in rows:
        try:
            done.append(Applied(row.line, _apply(session, row, author)))
        except SheetError:
            raise
        except (ReviewError, UnknownName) as error:
            raise SheetError(row.line, str(error)) from None
    return done


def _apply(session: Session, row: SheetRow, author: str) -> str:
    if row.action == "add":
        values = added_values(row)
        new = corrections.add(session, row.source, values, row.evidence, row.note, author)
        return f"added commitment {new}"
    assert row.id is not None
    view = _matching(session, row)
    if row.action == "reject":
        corrections.reject(session, row.id, row.note, author)
        return f"rejected commitment {row.id}"
    if row.action == "restore":
        corrections.restore(session, row.id, row.note, author)
        return f"restored commitment {row.id}"
    before = cells_now(view)
    wanted = changes(row, before)
    if not wanted:
        return f"commitment {row.id}: no cell differs from the database; nothing to correct"
    now = corrections.correct(session, row.id, wanted, row.note, author)
    shown = ", ".join(_change(name, wanted, before) for name in wanted if name in CORRECTABLE)
    moved = "" if now == row.id else f" (now commitment {now})"
    return f"corrected commitment {row.id}{moved}: {shown}"


def _change(name: str, wanted: dict[str, Any], before: Mapping[str, str]) -> str:
    """ "quantity 14 -> 16": a field's cell before and after."""
    value = wanted[name]
    if name == "announced":
        value = date.fromisoformat(value)
    after = cells_of({name: value, "announced_precision": wanted.get("announced_precision")})
    return f"{name} {before[name] or '(none)'} -> {after[name]}"


def _matching(session: Session, row: SheetRow) -> CommitmentView:
    """The commitment a row names, if it is still the one the sheet was made from: the same
    article and sentence lead it (after a re-extraction or another's correction, it may not)."""
    assert row.id is not None
    view = get_commitment(session, row.id)
    if view is None:
        raise SheetError(row.line, f"no commitment {row.id} in the database; export again")
    if (row.source and row.source != view.article) or (
        row.evidence and " ".join(row.evidence.split()) != " ".join(view.evidence.split())
    ):
        raise SheetError(
            row.line,
            f"commitment {row.id} no longer matches the database (its report is now "
            f"{view.article}: {view.evidence[:60]!r}); export again",
        )
    return view
