"""Helpers shared by the extraction tests: run a text, reduce records to the fields a case checks.

A plain module, not a conftest, imported as `from extract_helpers import ...` (the tests
folder is on the path, as for `fakes`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from kb.extract import extract
from kb.records import Article, Mention

# A Tuesday: "at the weekend" is Saturday 2023-01-14, "on Friday" 2023-01-13.
PUBLISHED = date(2023, 1, 17)

# (donor, recipient or None, item substring, quantity, unit, amount, currency, status)
Row = tuple[str, str | None, str, float | None, str | None, float | None, str | None, str]

_HEADER = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\s")


def extract_text(text: str, published: date | None = PUBLISHED) -> list[Mention]:
    """The records of `text` read as one whole article published on `published`."""
    return extract(Article(source="test", text=text, published=published))


def row(record: Mention) -> Row:
    """The fields that a case table compares."""
    return (
        record.donor.name,
        record.recipient.name if record.recipient else None,
        record.item,
        record.quantity,
        record.unit,
        record.amount,
        record.currency,
        record.status,
    )


def _same(expected: Row, actual: Row) -> bool:
    item_ok = expected[2].casefold() in actual[2].casefold()
    return item_ok and expected[:2] == actual[:2] and expected[3:] == actual[3:]


def assert_rows(records: Sequence[Mention], expected: Sequence[Row]) -> None:
    """The records are exactly the expected rows, in any order.

    An expected item is a case-insensitive substring of the record's item
    ("Challenger" for "Challenger 2 main battle tanks"); every other field is equal.
    """
    actual = [row(r) for r in records]
    unmatched = list(actual)
    missing = []
    for want in expected:
        found = next((got for got in unmatched if _same(want, got)), None)
        if found is None:
            missing.append(want)
        else:
            unmatched.remove(found)
    assert not missing and not unmatched, (
        f"\nmissing: {missing}\nunexpected: {unmatched}\nall extracted: {actual}"
    )


def split_header(text: str) -> tuple[str, date | None]:
    """Take a leading `date YYYY-MM(-DD)` header off an article file's text.

    A month alone stands for its first day.
    """
    match = _HEADER.match(text)
    if match is None:
        return text, None
    year, month, day = match.groups()
    return text[match.end() :], date(int(year), int(month), int(day or 1))
