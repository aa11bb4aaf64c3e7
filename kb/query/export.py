"""Commitments (or mentions) to CSV, safe to open in a spreadsheet.

COLUMNS are those of issue 2 (the first 17, which eval/score.py reads), then the value and
sources of a consolidated commitment; MENTION_COLUMNS, for `kb export --mentions`, the first
17 for each mention, then its amount in dollars and the commitment it belongs to.
"""

from __future__ import annotations

import csv
import itertools
import operator
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TextIO

from kb.query.commitments import DATES, FIELD_OF, FIELDS, CommitmentView
from kb.records import FORMULA_STARTS, PLACES, format_number, neutralise

COLUMNS = (
    "id",
    "article",
    "published",
    "donor",
    "donor_code",
    "recipient",
    "recipient_code",
    "item",
    "category",
    "quantity",
    "qualifier",
    "unit",
    "amount",
    "currency",
    "status",
    "announced",
    "evidence",
    "amount_usd",
    "amount_eur",
    "sources",
    "first_reported",
    "last_reported",
    # How to add up (issue 12): a part of a whole or a running total, and the commitment
    # that holds this one (a sum leaves a held row out beside its holder).
    "announced_precision",
    "kind",
    "part_of",
    "finance",
    # What a person did to it (kb.review): corrected, added, or rejected where asked for.
    "reviewed",
    # Issue 15's: its aid type, the lead article's URL and title and how much of its date is
    # known (day, month, unknown), and every article that reports it.
    "aid_type",
    "url",
    "title",
    "published_precision",
    "source_articles",
)
MENTION_COLUMNS = (
    *COLUMNS[:17],
    "amount_usd",
    "commitment_id",
    "announced_precision",
    "kind",
    "finance",
    "reviewed",
    "aid_type",
    "url",
    "title",
    "published_precision",
)
# Written by us as numbers, never text a spreadsheet could run, so never neutralised
# (a negative amount must stay a number).
NUMERIC = frozenset(
    {"id", "quantity", "amount", "amount_usd", "amount_eur", "sources", "commitment_id", "part_of"}
)


# Converted money is worth no more than its cents; a figure as reported keeps what it gave.
CONVERTED = frozenset({"amount_usd", "amount_eur"})


def csv_row(row: CommitmentView, columns: Sequence[str] = COLUMNS) -> list[str]:
    """The cells of one commitment, in `columns` order."""
    cells: list[str] = []
    for column in columns:
        value = getattr(row, FIELD_OF.get(column, column))
        if column in NUMERIC:
            cells.append(format_number(value, 2 if column in CONVERTED else PLACES))
        elif isinstance(value, date):
            cells.append(value.isoformat())
        else:
            cells.append(neutralise("" if value is None else str(value)))
    return cells


def write_csv(
    rows: Iterable[CommitmentView], out: Writable, columns: Sequence[str] = COLUMNS
) -> int:
    """Write a header and one line per commitment to `out`; return the number of rows.

    Lines end in CRLF. Open files with newline="" so that line breaks inside quoted cells
    survive.
    """
    return write_values(map(astuple_fast, rows), out, columns)


def astuple_fast(row: CommitmentView) -> tuple[Any, ...]:
    """A view's values in field order (dataclasses.astuple copies each value deeply)."""
    values: tuple[Any, ...] = _ALL_FIELDS(row)
    return values


class Writable(Protocol):
    """Where CSV goes: a file, stdout, or a stream that filters what it is given."""

    def write(self, text: str, /) -> int: ...


def write_values(
    rows: Iterable[Sequence[Any]],
    out: Writable,
    columns: Sequence[str] = COLUMNS,
    fields: Sequence[str] = FIELDS,
    *,
    header: bool = True,
) -> int:
    """write_csv for rows given as values of `fields`, CommitmentView's by default
    (kb.query.commitments.iter_rows gives them so; export_rows gives `columns` alone,
    sparing a CommitmentView a row on large exports); without `header`, the rows alone (a
    part of an export: kb.query.parts)."""
    cells = _Cells(tuple(columns), tuple(fields))
    # CRLF, as RFC 4180 has it: the csv module quotes a cell only for the characters of its
    # line terminator, so with "\n" alone a lone carriage return inside evidence (text from
    # an old Mac file) went out unquoted and split its row in two.
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(columns)
    # Counted by zipping with a counter, and written by writerows: a Python loop around
    # them costs a tenth of the export's time.
    # zip takes a number from the tally after each row, and none after the last.
    tally = itertools.count()
    counted = zip(rows, tally, strict=False)
    writer.writerows(map(cells, map(operator.itemgetter(0), counted)))
    return next(tally)


_ALL_FIELDS = operator.attrgetter(*FIELDS)
# Ints, which the csv writer writes as format_number would.
INTEGERS = frozenset({"id", "sources", "commitment_id"})
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
# A formula's start or white space (re's \s is str.isspace's): a cell's first character
# that sends it to neutralise.
RISKY_CLASS = f"[{re.escape(''.join(FORMULA_STARTS))}\\s]"
_RISKY_FIRST = re.compile(RISKY_CLASS)


class _Cells:
    """csv_row's cells from a row of values, left for the csv writer to finish where it
    writes the same text: it writes None as "" and a date as its isoformat (a third of the
    time of a large export went on doing that here, one cell at a time)."""

    def __init__(self, columns: tuple[str, ...], fields: tuple[str, ...] = FIELDS) -> None:
        positions = [fields.index(FIELD_OF.get(c, c) if fields is FIELDS else c) for c in columns]
        # A slice where the columns lead the fields in order: the export's common case.
        self.take: Any = (
            operator.itemgetter(slice(0, len(columns)))
            if positions == list(range(len(columns)))
            else operator.itemgetter(*positions)
        )
        self.text_at = tuple(i for i, c in enumerate(columns) if c not in NUMERIC | DATES)
        self.float_at = tuple(
            (i, 2 if c in CONVERTED else PLACES)
            for i, c in enumerate(columns)
            if c in NUMERIC and c not in INTEGERS
        )

    def __call__(self, row: Sequence[Any]) -> list[Any]:
        cells = list(self.take(row))
        # The first characters of the row's text, looked at in one search: the rare row with
        # a cell that may need neutralising is looked at cell by cell.
        firsts = "".join([text[:1] for text in map(cells.__getitem__, self.text_at) if text])
        if _RISKY_FIRST.search(firsts):
            for i in self.text_at:
                text = cells[i]
                if text and (text[0] in _FORMULA_FIRST or text[0].isspace()):
                    cells[i] = neutralise(text)  # the cell decides there
        for i, places in self.float_at:
            value = cells[i]
            if value is not None:
                cells[i] = format_number(value, places)
        return cells


def write_file(target: Path, write: Callable[[TextIO], int]) -> int:
    """Run `write` on a temporary file beside `target` and put it in target's place only
    when it is complete: a failure (a full disk, an interrupted query) leaves `target` as
    it was, never empty or half written. Returns what `write` returns."""

    def to_path(path: Path) -> int:
        with open(path, "w", newline="", encoding="utf-8") as out:
            count = write(out)
            out.flush()
            os.fsync(out.fileno())
        return count

    return write_path(target, to_path)


def write_path(target: Path, write: Callable[[Path], int]) -> int:
    """Write `target` through a temporary file beside it, by its path (a workbook writes
    so), and put it in place only when complete (see write_file)."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    try:
        count = write(Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
