"""How figures read for people: counts with their qualifier and unit, sums, dates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kb.query.commitments import CommitmentView

QUALIFIER_WORDS = {"exact": "", "about": "about", "over": "over", "up_to": "up to"}


def number(value: float) -> str:
    """A figure for people: 300000.0 -> "300,000", 2.5 -> "2.5"."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


# Large sums, shortened where the full figures would not fit the terminal.
SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def short(value: float) -> str:
    """A sum in three or four figures: 302686411460001 -> "302.7 tn"; below a million, whole."""
    for size, word in SCALES:
        if abs(value) >= size:
            return f"{value / size:,.1f} {word}"
    return number(round(value))


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


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def as_written(value: date | None, precision: str | None) -> str:
    """A date to the precision the text gave it: "2022-10-14", "October 2022", "2022"."""
    if value is None:
        return ""
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return value.strftime("%B %Y")
    return value.isoformat()
