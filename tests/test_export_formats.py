"""The export by a file's extension: CSV, Excel, JSON and JSON Lines hold the same rows and
values; a workbook keeps every value and its type."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from typer.testing import Result

from kb.knowledge import KnowledgeBase
from kb.query.commitments import DATES
from kb.query.export import COLUMNS, NUMERIC


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as lines:
        return list(csv.DictReader(lines))


def as_text(value: object) -> str:
    """A typed cell as the CSV writes the same value."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_a_workbook_keeps_every_value_and_type(stored: Engine, tmp_path: Path) -> None:
    kb = KnowledgeBase(stored)
    assert kb.export(tmp_path / "all.csv") == kb.export(tmp_path / "all.xlsx") == 5
    expected = csv_rows(tmp_path / "all.csv")
    sheet = load_workbook(tmp_path / "all.xlsx").active
    assert sheet is not None
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert header == list(COLUMNS)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:AF{len(rows) + 1}"
    for row, want in zip(rows, expected, strict=True):
        assert [as_text(v) for v in row] == list(want.values())
        for column, value in zip(header, row, strict=True):
            if value is None:
                continue
            if column in DATES:
                assert isinstance(value, datetime), column
            elif column in NUMERIC:
                assert isinstance(value, int | float), column
            else:
                assert isinstance(value, str), column


def test_json_and_json_lines_hold_the_same_rows(stored: Engine, tmp_path: Path) -> None:
    kb = KnowledgeBase(stored)
    kb.export(tmp_path / "all.csv")
    kb.export(tmp_path / "all.json")
    kb.export(tmp_path / "all.jsonl")
    expected = csv_rows(tmp_path / "all.csv")
    whole = json.loads((tmp_path / "all.json").read_text("utf-8"))
    lines = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text("utf-8").splitlines()]
    assert whole == lines
    for record, want in zip(whole, expected, strict=True):
        assert list(record) == list(COLUMNS)
        assert {k: as_text(v) for k, v in record.items()} == want
    money = next(r for r in whole if r["currency"] == "GBP")
    assert money["amount"] == 300000 and money["source_articles"] == "news/uk_tanks.txt"


def test_money_is_written_without_float_noise(stored: Engine, tmp_path: Path) -> None:
    KnowledgeBase(stored).export(tmp_path / "all.csv")
    (money,) = [r for r in csv_rows(tmp_path / "all.csv") if r["currency"] == "GBP"]
    whole, _, cents = money["amount_usd"].partition(".")
    assert whole.isdigit() and len(cents) <= 2


def test_text_that_looks_like_a_formula_stays_text(memory_engine: Engine, tmp_path: Path) -> None:
    from fakes import UK, UKRAINE, FakeExtractor, commitment

    from kb.records import Article

    text = "=HYPERLINK(1) Britain will send 5 tanks."
    record = commitment(text, text, UK, UKRAINE, "=cmd|tanks", "committed", quantity=5.0)
    kb = KnowledgeBase(memory_engine)
    kb.load_articles([Article("a.txt", text, date(2023, 1, 2), "day")],
                     extractor=FakeExtractor({text: [record]}))  # fmt: skip
    kb.export(tmp_path / "x.xlsx")
    sheet = load_workbook(tmp_path / "x.xlsx").active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value]
    assert {c.data_type for c in cells if isinstance(c.value, str)} == {"s"}
    assert "=cmd|tanks" in [c.value for c in cells]


def test_the_format_comes_from_the_extension_or_is_asked(stored: Engine, tmp_path: Path) -> None:
    kb = KnowledgeBase(stored)
    with pytest.raises(ValueError, match=r"cannot tell the format of .*out.xls"):
        kb.export(tmp_path / "out.xls")
    kb.export(tmp_path / "out.txt", format="jsonl")
    assert len((tmp_path / "out.txt").read_text("utf-8").splitlines()) == 5


def test_excel_csv_has_a_byte_order_mark(
    kb: Callable[..., Result], stored: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "excel.csv"
    assert kb("export", str(path), "--excel").exit_code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbfid,")
    plain = kb("export", "--format", "json")
    assert json.loads(plain.stdout)[0]["id"] == 1
    refused = kb("export", "--format", "xlsx")
    assert refused.exit_code == 1 and "written to a file" in refused.stderr
    bad = kb("export", "--format", "xls")
    assert bad.exit_code == 2
