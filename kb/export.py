"""Commitments to CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import itertools
import operator
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TextIO

from kb.queries import CommitmentView

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
)
# Written by us as numbers, never text a spreadsheet could run, so never neutralised
# (a negative amount must stay a number).
NUMERIC = frozenset({"id", "quantity", "amount"})
DATES = frozenset({"published", "announced"})
# A spreadsheet treats a cell starting with one of these as a formula (CSV injection): the
# four that begin a formula, tab and carriage return (OWASP's list), NUL (OWASP ASVS 1.2.10),
# and the full-width forms, which Excel in East Asian locales reads as their ASCII twins.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def format_number(value: float | None) -> str:
    """14.0 -> "14", 2.5e9 -> "2500000000", 0.5 -> "0.5", None -> ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def neutralise(text: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would run as a formula: one that starts
    with FORMULA_STARTS, or with white space before them (a spreadsheet that trims cells on
    import, as LibreOffice and Google Sheets can, would then run it). The apostrophe makes
    the cell text and is not shown."""
    risky = text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)
    return "'" + text if risky else text


def csv_row(row: CommitmentView) -> list[str]:
    """The cells of one commitment, in COLUMNS order."""
    cells: list[str] = []
    for column in COLUMNS:
        value = getattr(row, column)
        if column in NUMERIC:
            cells.append(format_number(value))
        elif isinstance(value, date):
            cells.append(value.isoformat())
        else:
            cells.append(neutralise("" if value is None else str(value)))
    return cells


def write_csv(rows: Iterable[CommitmentView], out: TextIO) -> int:
    """Write a header and one line per commitment to `out`; return the number of rows.

    Lines end in CRLF. Open files with newline="" so that line breaks inside quoted cells
    survive.
    """
    return write_values(map(_VALUES, rows), out)


def write_values(rows: Iterable[Sequence[Any]], out: TextIO) -> int:
    """write_csv for rows given as values whose first len(COLUMNS) are in COLUMNS order
    (kb.queries.iter_rows gives them so, sparing a CommitmentView a row on large exports)."""
    # CRLF, as RFC 4180 has it: the csv module quotes a cell only for the characters of its
    # line terminator, so with "\n" alone a lone carriage return inside evidence (text from
    # an old Mac file) went out unquoted and split its row in two.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    # Counted by zipping with a counter, and written by writerows: a Python loop around
    # them costs a tenth of the export's time.
    # zip takes a number from the tally after each row, and none after the last.
    tally = itertools.count()
    counted = zip(rows, tally, strict=False)
    writer.writerows(map(_cells, map(operator.itemgetter(0), counted)))
    return next(tally)


_VALUES = operator.attrgetter(*COLUMNS)
_TEXT_AT = tuple(i for i, c in enumerate(COLUMNS) if c not in NUMERIC and c not in DATES)
# The id is an int, which the csv writer writes as format_number would.
_FLOAT_AT = tuple(i for i, c in enumerate(COLUMNS) if c in NUMERIC and c != "id")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)


def _cells(row: Sequence[Any]) -> list[Any]:
    """csv_row's cells, left for the csv writer to finish where it writes the same text: it
    writes None as "" and a date as its isoformat (a third of the time of a large export
    went on doing that here, one cell at a time)."""
    cells = list(row[: len(COLUMNS)])
    for i in _TEXT_AT:
        text = cells[i]
        if text and (text[0] in _FORMULA_FIRST or text[0].isspace()):
            cells[i] = neutralise(text)  # the rare cell that may need it decides there
    for i in _FLOAT_AT:
        value = cells[i]
        if value is not None:
            cells[i] = format_number(value)
    return cells
