"""The export in other formats than CSV: JSON (one array), JSON Lines (an object a line) and
Excel's .xlsx (typed cells, dates as dates, a frozen header, a filter, widths that fit).

Every writer takes the rows export_rows gives (the values of `columns`, dates as ISO text
or dates) and streams them: memory stays flat however many there are (openpyxl's
write-only mode for .xlsx). Numbers are those of the CSV: exact decimals, money converted at
a rate to the cent.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from kb.query.commitments import DATES
from kb.query.export import CONVERTED, NUMERIC, Writable
from kb.records import EXPORT_FORMATS, PLACES, format_number

FORMATS = EXPORT_FORMATS
# A cell wider than this is cut in the view, not in the data: evidence sentences are long.
MAX_WIDTH = 60


def format_of(target: str | Path, given: str | None = None) -> str:
    """The format to write `target` in: `given`, else its extension; ValueError if neither
    names one kb writes."""
    chosen = (given or Path(str(target)).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise ValueError(
            f"cannot tell the format of {target}: name a file .csv, .xlsx, .json or .jsonl, "
            "or give --format"
        )
    return chosen


def _plain(column: str, value: Any) -> Any:
    """A value as JSON holds it: numbers as exact decimals, dates as ISO text."""
    if value is None:
        return None
    if column in NUMERIC:
        text = format_number(value, 2 if column in CONVERTED else PLACES)
        return int(text) if "." not in text else Decimal(text)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"not JSON: {value!r}")


def _objects(rows: Iterable[Sequence[Any]], columns: Sequence[str]) -> Iterator[str]:
    """Each row as one JSON object."""
    for row in rows:
        record = {c: _plain(c, v) for c, v in zip(columns, row, strict=True)}
        yield json.dumps(record, ensure_ascii=False, default=_json)


def write_jsonl(rows: Iterable[Sequence[Any]], out: Writable, columns: Sequence[str]) -> int:
    """One JSON object a line; how many were written."""
    count = 0
    for text in _objects(rows, columns):
        out.write(text + "\n")
        count += 1
    return count


def write_json(rows: Iterable[Sequence[Any]], out: Writable, columns: Sequence[str]) -> int:
    """One JSON array of objects, written as it goes; how many were written."""
    count = 0
    out.write("[")
    for count, text in enumerate(_objects(rows, columns), start=1):
        out.write(("\n  " if count == 1 else ",\n  ") + text)
    out.write("\n]\n" if count else "]\n")
    return count


def write_xlsx(rows: Iterable[Sequence[Any]], target: Path, columns: Sequence[str]) -> int:
    """An Excel workbook of one sheet; how many rows were written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("commitments")
    sheet.freeze_panes = "A2"
    widths = [len(c) + 2 for c in columns]
    # Widths must be set before the first row: measured on the header and a sample of rows.
    sample: list[list[Any]] = []
    stream = iter(rows)
    for row in stream:
        sample.append(list(row))
        if len(sample) == 200:
            break
    for row in sample:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], min(MAX_WIDTH, len(str(value or "")) + 2))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    last = get_column_letter(len(columns))
    count = 0

    def cells(row: Sequence[Any]) -> list[Any]:
        out = []
        for column, value in zip(columns, row, strict=True):
            cell = WriteOnlyCell(sheet, value=_typed(column, value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it begins with
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            out.append(cell)
        return out

    header = [WriteOnlyCell(sheet, value=c) for c in columns]
    sheet.append(header)
    for row in (*sample, *stream):
        sheet.append(cells(row))
        count += 1
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    book.save(target)
    return count


def _typed(column: str, value: Any) -> Any:
    """A cell's value: a number, a date, or text."""
    if value is None or value == "":
        return None
    if column in DATES and isinstance(value, str):
        return date.fromisoformat(value)
    if column in NUMERIC:
        plain = _plain(column, value)
        return float(plain) if isinstance(plain, Decimal) else plain
    return value
