"""Commitments to CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from typing import TextIO

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
# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def format_number(value: float | None) -> str:
    """14.0 -> "14", 2.5e9 -> "2500000000", 0.5 -> "0.5", None -> ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def neutralise(text: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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

    Open files with newline="" so that newlines inside quoted cells survive.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(csv_row(row))
        count += 1
    return count
