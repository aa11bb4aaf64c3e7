"""The lines of a CSV export of commitments, written by SQLite itself.

Written by Python, a row of 35 cells costs more in making its values into Python objects
and in the csv module than in reading them: about 17 us a row on a million, 5 of them in
the csv writer. Here SQLite writes each line in one printf of its cells, and Python writes
the lines. They are byte for byte what kb.query.export.write_values writes for the same
rows (a test holds them to that, on cells made awkward), because SQL does only what it can
do exactly and leaves the rest to the functions that write_values uses, registered on the
connection:
- a whole number under 10^15 is written by SQLite as an integer; any other number by
  format_number;
- the short texts of a row (all but the sentence, the title and the sources) are joined
  and looked at once, by kb_plain; where none needs quotes or neutralise, as in almost
  every row, they are written as they are. Otherwise, and for the long texts always, each
  is quoted in SQL as the csv module quotes (for a comma, a quote, CR or LF; quotes
  doubled), or, where its first character is one a spreadsheet may run or white space,
  neutralised and quoted in Python;
- a row with a NUL in a text (printf's %s ends the text at one: kb_plain compares the
  joined text's bytes with the texts') is written by write_values.
SQLite only: PostgreSQL's rows are written as they always were.
"""

from __future__ import annotations

import csv
import functools
import io
import operator
import re
import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    LargeBinary,
    String,
    and_,
    case,
    cast,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from kb.query.commitments import DATES, export_rows, export_select
from kb.query.export import (
    CONVERTED,
    INTEGERS,
    NUMERIC,
    RISKY_CLASS,
    Writable,
    write_values,
)
from kb.query.filters import Filters, Selection
from kb.records import (
    AID_TYPES,
    FORMULA_STARTS,
    PLACES,
    PRECISIONS,
    QUALIFIERS,
    STATUSES,
    format_number,
    neutralise,
)
from kb.storage.models import ArticleRow, CommitmentRow, MentionRow

# The first characters that send a cell to neutralise (export.RISKY_CLASS), by code point for
# SQL. White space as str.isspace has it lies in the Basic Multilingual Plane (a test checks):
# scanning all of Unicode cost 50 ms at every import, that is every `kb export` and worker.
RISKY_FIRST = tuple(
    sorted({ord(c) for c in FORMULA_STARTS} | {n for n in range(0x10000) if chr(n).isspace()})
)
# Below this, SQLite writes a whole number as an integer exactly; above, format_number
# does (CAST stops at 2^63, and SQLite may find 2.0**63 equal to what it gives: a test).
WHOLE_BELOW = 1e15
# Besides a quote (whose cell is quoted with its quotes doubled), what makes the csv module
# quote a cell: the delimiter and the characters of the line terminator (CRLF).
QUOTED = (",", "\r", "\n")
# Texts that often hold a comma or a quote: each is looked at on its own.
LONG = frozenset({"evidence", "title", "source_articles"})
# Between the short texts of a row when they are looked at together: a character neither
# white space nor a formula's first (which kb_plain looks for after it).
SEPARATOR = "\x01"
# A short text of a joined row that starts with what neutralise looks at.
_RISKY_AFTER = re.compile(SEPARATOR + RISKY_CLASS)


def write_rows(
    session: Session,
    filters: Filters | Selection | None,
    columns: Sequence[str],
    out: Writable,
    *,
    ids: tuple[int, int] | None = None,
    header: bool = True,
    batch: int = 5000,
) -> int:
    """What write_values writes for export_rows(session, filters, columns, ids=ids): the
    CSV of the commitments `filters` selects (with ids in [ids), if given), its lines made
    by SQLite (by the csv module from another database); returns the number of rows."""
    if session.get_bind().dialect.name != "sqlite":
        rows = export_rows(session, filters, columns, ids=ids)
        return write_values(rows, out, columns, columns, header=header)
    unwritable: set[int] = set()
    _register(session, unwritable)
    if header:
        write_values((), out, columns, columns)
    # The driver's cursor, read in batches: SQLAlchemy's rows cost a tenth of the time here.
    cursor = session.connection().execute(_select(session, filters, columns, ids)).cursor
    count = 0
    while part := cursor.fetchmany(batch):
        count += len(part)
        # Rows SQLite cannot write, which Python writes (see above). The set is not emptied
        # after a batch: the driver reads a row ahead, so it may hold one of the next.
        if unwritable and not unwritable.isdisjoint(cid for cid, _ in part):
            _write_mixed(session, filters, columns, out, part, unwritable)
        else:
            out.write("\r\n".join([line for _, line in part]) + "\r\n")
    return count


def _write_mixed(
    session: Session,
    filters: Filters | Selection | None,
    columns: Sequence[str],
    out: Writable,
    part: Sequence[Any],
    unwritable: set[int],
) -> None:
    for cid, line in part:
        if cid in unwritable:
            rows = export_rows(session, filters, columns, ids=(cid, cid + 1))
            write_values(rows, out, columns, columns, header=False)
        else:
            out.write(line + "\r\n")


def _select(
    session: Session,
    filters: Filters | Selection | None,
    columns: Sequence[str],
    ids: tuple[int, int] | None,
) -> Any:
    """(id, line) of each row. Most cells of most rows need neither quotes nor neutralise:
    the short texts of a row are joined and looked at once, by kb_plain, and written as they
    are where it finds nothing; a row where it finds something has each cell looked at."""
    stmt, chosen = export_select(session, filters, columns, ids=ids)
    named = list(zip(columns, chosen, strict=True))
    # (The columns the database keeps to a few words need no look.)
    short = [column for name, column in named if _is_short(name) and name not in PLAIN]
    joined = func.printf(SEPARATOR + SEPARATOR.join(["%s"] * len(short)), *short)
    # Their bytes, NULs and all: printf's %s ends a text at a NUL, and the joined text is
    # then shorter than they are (a row that looked plain lost the rest of that text).
    size = functools.reduce(
        operator.add, [func.ifnull(func.length(cast(c, LargeBinary)), 0) for c in short]
    )
    fast = [column if _is_short(name) else _cell_of(name, column) for name, column in named]
    slow = [_cell_of(name, column) for name, column in named]
    line_format = ",".join(["%s"] * len(named))
    line = case(
        (func.kb_plain(joined, len(short), size) == 1, func.printf(line_format, *fast)),
        else_=func.printf(line_format, *slow),
    )
    return stmt.with_only_columns(CommitmentRow.id, type_coerce(line, String))


def _is_short(name: str) -> bool:
    """A text cell seldom quoted: all but the sentence, the title and the sources."""
    return name not in NUMERIC and name not in LONG


def _cell_of(name: str, column: ColumnElement[Any]) -> ColumnElement[Any]:
    if name == "source_articles":
        return _sources()
    if name in NUMERIC:
        return _integer(column) if name in INTEGERS else _number(column, name)
    if name in PLAIN:
        return func.coalesce(column, "")
    return _text(column, neutral=name not in DATES)


def _text(value: ColumnElement[Any], *, neutral: bool) -> ColumnElement[Any]:
    """A text cell as the csv module writes it, after neutralise where `neutral`; a cell
    with a NUL in it has its row written by Python (kb_unwritable notes the row)."""
    whens: list[tuple[Any, Any]] = [
        (value.is_(None), ""),
        (func.instr(value, "\0") > 0, func.kb_unwritable(CommitmentRow.id)),
    ]
    if neutral:
        whens.append((func.unicode(value).in_(RISKY_FIRST), func.kb_cell(value)))
    whens += [
        (func.instr(value, '"') > 0, '"' + func.replace(value, '"', '""') + '"'),
        (or_(*(func.instr(value, c) > 0 for c in QUOTED)), '"' + value + '"'),
    ]
    return case(*whens, else_=value)


def _number(value: ColumnElement[Any], name: str) -> ColumnElement[Any]:
    places = 2 if name in CONVERTED else PLACES
    whole = and_(func.abs(value) < WHOLE_BELOW, value == cast(value, Integer))
    return case(
        (value.is_(None), ""),
        (whole, cast(value, Integer)),
        else_=func.kb_number(value, places),
    )


def _integer(value: ColumnElement[Any]) -> ColumnElement[Any]:
    """A count or an id: the csv module writes str() of it (an integer, always, in SQLite's
    INTEGER columns; anything else as Python would)."""
    return case((func.typeof(value) == "integer", value), else_=func.kb_text(value))


def _sources() -> ColumnElement[Any]:
    """Every article that reports the commitment, earliest report first (as
    commitments._with_sources orders them): the lead's alone where the commitment has one
    source, as `sources` counts them; else gathered by a subquery, written by kb_sources
    (as kb_cell writes a text, or the row by Python where a source holds a NUL)."""
    m, a = aliased(MentionRow), aliased(ArticleRow)
    when = func.coalesce(m.announced, a.published)
    # (undated, date, mention id) as one text that sorts as the tuple: dates are ISO text.
    key = func.printf("%d%s%020d", when.is_(None), func.coalesce(when, ""), m.id)
    first = (
        select(a.source.label("source"), func.min(key).label("first"))
        .join(a, m.article_id == a.id)
        .where(m.commitment_id == CommitmentRow.id)
        .group_by(a.source)
        .correlate(CommitmentRow)
        .subquery()
    )
    # In the order of a window, which is defined, unlike that of a subquery's rows given to
    # an aggregate (SQLite may drop a subquery's ORDER BY since 3.41).
    joined = (
        select(
            func.group_concat(first.c.source, "; ").over(order_by=first.c.first, rows=(None, None))
        )
        .limit(1)
        .scalar_subquery()
    )
    return case(
        (CommitmentRow.sources == 1, _text(ArticleRow.source.expression, neutral=True)),
        else_=func.kb_sources(joined, CommitmentRow.id),
    )


def _register(session: Session, unwritable: set[int]) -> None:
    """The functions the select calls, on this connection; kb_unwritable adds the id of a
    row that Python is to write to `unwritable` (and writes nothing)."""
    driver = session.connection().connection.driver_connection
    connection: sqlite3.Connection = driver  # type: ignore[assignment]

    def note(cid: int) -> str:
        unwritable.add(cid)
        return ""

    def sources(joined: str | None, cid: int) -> str:
        return note(cid) if joined is not None and "\0" in joined else _cell(joined)

    connection.create_function("kb_cell", 1, _cell, deterministic=True)
    connection.create_function("kb_number", 2, format_number, deterministic=True)
    connection.create_function("kb_text", 1, _as_text, deterministic=True)
    connection.create_function("kb_unwritable", 1, note)
    connection.create_function("kb_sources", 2, sources)
    connection.create_function("kb_plain", 3, _plain_cells, deterministic=True)


def _cell(value: Any) -> str:
    """A text cell neutralised and quoted, as write_values writes it."""
    if value is None:
        return ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([neutralise(str(value)), ""])
    return buffer.getvalue()[:-1]  # the cell, without the comma of the empty one after it


def _plain_cells(joined: str, count: int, size: int) -> int:
    """1 if none of the `count` texts joined (each after SEPARATOR), of `size` UTF-8 bytes
    in all, is to be quoted or neutralised: no quote, comma or line break, nor a risky first
    character; nor holds the separator or a NUL. printf's %s ends a text at a NUL, so a
    row with one is shorter joined than its texts are, and is looked at."""
    # str's own searches, then one pattern: an alternation of the two took four times as long.
    quoted = "," in joined or '"' in joined or "\r" in joined or "\n" in joined
    whole = (len(joined) if joined.isascii() else len(joined.encode())) == size + count
    return int(
        whole
        and joined.count(SEPARATOR) == count
        and not quoted
        and _RISKY_AFTER.search(joined) is None
    )


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


# Columns whose values the database's checks keep to the words of kb.records, none of which
# is quoted or neutralised (as checked here, with _cell): written as they are.
_CHECKED = {
    "status": STATUSES,
    "qualifier": QUALIFIERS,
    "aid_type": AID_TYPES,
    "published_precision": PRECISIONS,
}
PLAIN = frozenset(name for name, words in _CHECKED.items() if all(_cell(w) == w for w in words))
