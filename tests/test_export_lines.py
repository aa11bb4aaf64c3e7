"""Lines written by SQLite (kb.query.lines) are the bytes the csv module writes for the same
rows (kb.query.export.write_values), whatever the cells hold: the seed articles' commitments
with cells made awkward (commas, quotes, line breaks, formulas behind white space, NULs,
numbers with no short decimal form) and reports of one commitment dated out of id order."""

from __future__ import annotations

import io
import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from kb.ingest.articles import iter_articles
from kb.loading import load_articles
from kb.query import lines
from kb.query.commitments import export_rows
from kb.query.export import COLUMNS, write_values
from kb.query.filters import Filters
from kb.storage.engine import open_database

SEEDS = Path(__file__).parent.parent / "seeds"

AWKWARD_TEXTS = [
    "plain words",
    "a, b and c",
    'the "Leopard" tanks',
    "two\nlines",
    "a lone\rreturn",
    "=SUM(A1:A2)",
    "+44 20",
    "-5 guns",
    "@home",
    "\tafter a tab",
    "  =behind spaces",
    "\u3000=behind an ideographic space",
    "\uff1dfullwidth",
    " just a space first",
    "",
    "über, ça",
    "100% of %s and %d",
    "it's",
    "a\x01b",
    "a NUL\x00inside",
    '"quoted", then more',
]
AWKWARD_NUMBERS = [
    0.1 + 0.2,
    1e20,
    -0.0,
    1234567.1234567,
    2.5e9,
    -3.75,
    1e-7,
    1e300,
    123456789012345.67,
    0.125,
    999999999999999.0,
    1e15,
    2.0**53 + 2,
    2.0**63,
    None,
]
# Cells of each table made awkward, texts and numbers.
TEXT_CELLS = {
    "commitments": ["item", "category", "unit", "currency", "kind", "finance", "reviewed"],
    "mentions": ["evidence"],
    "articles": ["title", "url", "source"],
    "actors": ["name", "code"],
}
NUMBER_CELLS = ["quantity", "amount", "amount_usd", "amount_eur"]


@pytest.fixture(scope="module")
def awkward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The seed articles' commitments, cells made awkward in turn, row after row."""
    path = tmp_path_factory.mktemp("lines") / "kb.sqlite"
    engine = open_database(f"sqlite:///{path}")
    load_articles(engine, iter_articles([SEEDS]))
    with engine.begin() as connection:
        for table, columns in TEXT_CELLS.items():
            _spoil(connection, table, columns, AWKWARD_TEXTS)
        _spoil(connection, "commitments", NUMBER_CELLS, AWKWARD_NUMBERS)
        _reports_out_of_order(connection)
        connection.execute(text("UPDATE commitments SET rejected = 1 WHERE id % 7 = 3"))
    yield engine
    engine.dispose()


# Unique columns: their awkward texts end in the row's id.
UNIQUE = {("articles", "source"), ("actors", "name")}


def _spoil(connection: Any, table: str, columns: list[str], values: list[Any]) -> None:
    ids = connection.execute(text(f"SELECT id FROM {table} ORDER BY id")).scalars().all()
    turns = itertools.cycle(values)
    for column in columns:
        for row in ids:
            value = next(turns)
            if (table, column) in UNIQUE:
                value = f"{value} {row}"
            connection.execute(
                text(f"UPDATE {table} SET {column} = :value WHERE id = :id"),
                {"value": value, "id": row},
            )
        next(turns)  # the next column starts at another value


def _reports_out_of_order(connection: Any) -> None:
    """Commitments reported by several articles (the reports of two commitments from other
    articles made theirs), dated against their ids (later ids earlier; some undated), so
    that the sources' order is the dates'."""
    leads = connection.execute(
        text("SELECT commitment_id, id, article_id FROM mentions WHERE lead ORDER BY id")
    ).all()
    by_article = {article: (cid, mention) for cid, mention, article in leads}  # one a source
    picked = list(by_article.items())
    for first in range(0, 15, 3):
        group = picked[first : first + 3]
        (_, (whole, _)), *others = [(a, pair) for a, pair in group]
        # Sources whose order by date (a, z, m) is neither their ids' nor the alphabet's.
        names = ("m", "a\x00", "z") if first == 12 else ("m", "a", "z")  # a NUL, once
        for (article, _), name in zip(group, names, strict=True):
            connection.execute(
                text("UPDATE articles SET source = :s WHERE id = :id"),
                {"s": f"{name} {first}", "id": article},
            )
        others = [(cid, mention, article) for article, (cid, mention) in group[1:]]
        moved = [mention for _, mention, _ in others]
        for mention in moved:
            connection.execute(
                text("UPDATE mentions SET commitment_id = :c, lead = 0 WHERE id = :m"),
                {"c": whole, "m": mention},
            )
        connection.execute(
            text("DELETE FROM commitments WHERE id IN (:a, :b)"),
            {"a": others[0][0], "b": others[1][0]},
        )
        reports = (
            connection.execute(
                text("SELECT id FROM mentions WHERE commitment_id = :c ORDER BY id"), {"c": whole}
            )
            .scalars()
            .all()
        )
        for n, mention in enumerate(reports):
            day = None if n == 1 else f"2024-0{9 - n}-1{first % 10}"
            connection.execute(
                text("UPDATE mentions SET announced = :day WHERE id = :id"),
                {"day": day, "id": mention},
            )
        connection.execute(
            text(
                "UPDATE commitments SET sources = (SELECT count(DISTINCT a.source) FROM "
                "mentions m JOIN articles a ON a.id = m.article_id WHERE m.commitment_id = :c) "
                "WHERE id = :c"
            ),
            {"c": whole},
        )


def _python(engine: Engine, filters: Filters, ids: tuple[int, int] | None = None) -> str:
    out = io.StringIO()
    with Session(engine) as session:
        write_values(export_rows(session, filters, COLUMNS, ids=ids), out, COLUMNS, COLUMNS)
    return out.getvalue()


def _sqlite(
    engine: Engine, filters: Filters, ids: tuple[int, int] | None = None, batch: int = 5000
) -> str:
    out = io.StringIO()
    with Session(engine) as session:
        lines.write_rows(session, filters, COLUMNS, out, ids=ids, batch=batch)
    return out.getvalue()


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(include_rejected=True), Filters(donor="UK"), Filters(money=True)],
)
def test_sqlite_writes_the_bytes_the_csv_module_writes(awkward: Engine, filters: Filters) -> None:
    expected = _python(awkward, filters)
    assert expected.count("\r\n") > 2  # rows, not a header alone
    assert _sqlite(awkward, filters) == expected


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_rows_that_python_writes_in_any_batch(awkward: Engine, batch: int) -> None:
    """A row with a NUL is noted as SQLite reads it, which may be a row ahead of the batch
    (the driver reads ahead): it is written by Python wherever the batches end."""
    filters = Filters(include_rejected=True)
    assert _sqlite(awkward, filters, batch=batch) == _python(awkward, filters)


def test_a_range_of_ids_alike(awkward: Engine) -> None:
    assert _sqlite(awkward, Filters(), (5, 40)) == _python(awkward, Filters(), (5, 40))


def test_the_awkward_cells_are_there(awkward: Engine) -> None:
    """The comparison above is of rows that hold what it means to test."""
    written = _sqlite(awkward, Filters(include_rejected=True))
    for cell in ('"a, b and c"', "'=SUM(A1:A2)", '"the ""Leopard"" tanks"', "'\u3000=behind"):
        assert cell in written
    assert "NUL\x00inside" in written  # a row SQLite cannot write, written by Python
    # Several sources, by their reports' dates ("a" has none: its article's, of 2023).
    assert "a 0; z 0; m 0" in written
    assert "a\x00 12; z 12; m 12" in written  # and with a NUL, by Python


def test_the_rows_are_read_in_order_not_sorted(awkward: Engine) -> None:
    """The export reads commitments in the order of their ids (an index gives it) and never
    sorts its whole result: on a million rows that sort held every line (370 MB) in a
    temporary file before the first was written, and took a tenth of the time."""
    statements: list[tuple[str, Any]] = []

    def keep(conn: object, cursor: object, statement: str, parameters: Any, *_: object) -> None:
        statements.append((statement, parameters))

    event.listen(awkward, "before_cursor_execute", keep)
    try:
        _sqlite(awkward, Filters())
    finally:
        event.remove(awkward, "before_cursor_execute", keep)
    (statement, parameters), *_ = [s for s in statements if "printf" in s[0]]
    with Session(awkward) as session:
        lines._register(session, set())  # the functions the statement calls
        driver: Any = session.connection().connection.driver_connection
        plan = driver.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
    # The outer query's own steps (its parent is the root, 0), not those of the subqueries
    # that gather a commitment's few sources.
    outer = [detail for _, parent, _, detail in plan if parent == 0]
    assert any("commitments" in detail for detail in outer)
    assert not [detail for detail in outer if "TEMP B-TREE" in detail]


@pytest.mark.parametrize(
    ("cells", "plain"),
    [
        (["Ukraine", "UKR", "tanks"], True),
        (["", "", ""], True),
        (["2024-01-02", "up_to", "Challenger 2"], True),
        (["a, b", "x", "y"], False),  # a comma
        (['say "x"', "x", "y"], False),  # a quote
        (["x", "two\nlines", "y"], False),
        (["x", "y", "\rz"], False),
        (["x", "=1", "y"], False),  # a formula
        (["x", " =1", "y"], False),  # white space first: neutralise looks past it
        (["x", "y", "-1"], False),
        (["x", "a\x01b", "y"], False),  # the separator itself: one text too many
        (["über", "ça", "Київ"], True),  # bytes, not characters, are counted
        (["x", "a\x00b", "y"], False),  # a NUL: the joined text lacks what follows it
        (["x", "y", "\x00"], False),
    ],
)
def test_short_texts_are_written_as_they_are_only_when_nothing_needs_a_look(
    cells: list[str], plain: bool
) -> None:
    # As SQLite's printf joins them: each text ends at its first NUL.
    joined = "".join(lines.SEPARATOR + cell.split("\x00")[0] for cell in cells)
    size = sum(len(cell.encode()) for cell in cells)
    assert lines._plain_cells(joined, len(cells), size) == int(plain)


def test_printf_ends_a_text_at_a_nul_and_goes_on() -> None:
    """What kb_plain's count of bytes is for: the separators are all there."""
    connection = sqlite3.connect(":memory:")
    (line,) = connection.execute("SELECT printf('%s|%s', 'a' || char(0) || 'b', 'c')").fetchone()
    assert line == "a|c"


@pytest.fixture(scope="module")
def one_nul(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The seed articles' commitments, plain but for a NUL in one short text of a row each:
    nothing else in those rows asks for a look."""
    path = tmp_path_factory.mktemp("nul") / "kb.sqlite"
    engine = open_database(f"sqlite:///{path}")
    load_articles(engine, iter_articles([SEEDS]))
    with engine.begin() as connection:
        for statement in (
            "UPDATE commitments SET item = 'tank' || char(0) || 's' WHERE id = 3",
            "UPDATE commitments SET unit = char(0) WHERE id = 5",
            "UPDATE actors SET code = 'X' || char(0) WHERE id = 2",
            "UPDATE articles SET source = source || char(0) || '!' WHERE id = 4",
        ):
            connection.execute(text(statement))
    yield engine
    engine.dispose()


def test_a_nul_in_a_short_text_of_a_plain_row_is_kept(one_nul: Engine) -> None:
    written = _sqlite(one_nul, Filters())
    assert written == _python(one_nul, Filters())
    assert "tank\x00s" in written and "X\x00" in written and "\x00!" in written


def test_white_space_lies_where_the_risky_characters_are_looked_for() -> None:
    beyond = [n for n in range(0x10000, 0x110000) if chr(n).isspace()]
    assert beyond == []
    assert all(n in lines.RISKY_FIRST for n in range(0x10000) if chr(n).isspace())


def test_the_checked_columns_are_written_as_they_are() -> None:
    assert {"status", "qualifier", "aid_type", "published_precision"} == lines.PLAIN
