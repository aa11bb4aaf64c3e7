"""CSV export: exact columns, numbers as numbers, nothing a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy.orm import Session

from kb.export import COLUMNS, format_number, neutralise, write_csv
from kb.queries import CommitmentView, Filters, find_commitments

ROW = CommitmentView(
    id=7,
    article="news/uk_tanks.txt",
    published=date(2023, 1, 17),
    donor="United Kingdom",
    donor_code="GBR",
    recipient="Ukraine",
    recipient_code="UKR",
    item="Challenger 2 main battle tanks",
    category="tank",
    quantity=14.0,
    qualifier="exact",
    unit=None,
    amount=None,
    currency=None,
    status="committed",
    announced=date(2023, 1, 14),
    evidence="Britain will send 14 Challenger 2 main battle tanks.",
)


def export(*rows: CommitmentView) -> str:
    out = io.StringIO()
    write_csv(rows, out)
    return out.getvalue()


def test_columns_in_exactly_this_order() -> None:
    assert COLUMNS == (
        "id", "article", "published", "donor", "donor_code", "recipient", "recipient_code",
        "item", "category", "quantity", "qualifier", "unit", "amount", "currency", "status",
        "announced", "evidence",
    )  # fmt: skip


def test_one_row_exactly() -> None:
    assert export(ROW) == (
        "id,article,published,donor,donor_code,recipient,recipient_code,item,category,quantity,"
        "qualifier,unit,amount,currency,status,announced,evidence\n"
        "7,news/uk_tanks.txt,2023-01-17,United Kingdom,GBR,Ukraine,UKR,"
        "Challenger 2 main battle tanks,tank,14,exact,,,,committed,2023-01-14,"
        "Britain will send 14 Challenger 2 main battle tanks.\n"
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [(14.0, "14"), (30000.0, "30000"), (2.5e9, "2500000000"), (0.5, "0.5"), (12.25, "12.25"),
     (None, ""), (-3.0, "-3")],
)  # fmt: skip
def test_format_number(value: float | None, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("UK-Med", "UK-Med"),
        ("Britain = generous", "Britain = generous"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


def test_formula_cells_are_neutralised_but_numbers_never_are() -> None:
    row = replace(ROW, item="=1+1", evidence="@cmd", donor="+Donor", amount=-5.0, quantity=-2.0)
    (record,) = csv.DictReader(io.StringIO(export(row)))
    assert (record["item"], record["evidence"], record["donor"]) == ("'=1+1", "'@cmd", "'+Donor")
    assert (record["amount"], record["quantity"], record["id"]) == ("-5", "-2", "7")


def test_round_trip_through_a_csv_reader_with_awkward_evidence() -> None:
    evidence = 'He said, "we will send\n14 tanks", and left;\r\nthen: more, "quotes"'
    row = replace(
        ROW, evidence=evidence, item='tanks, "heavy"', recipient=None, recipient_code=None
    )
    (record,) = csv.DictReader(io.StringIO(export(row), newline=""))
    assert record["evidence"] == evidence
    assert record["item"] == 'tanks, "heavy"'
    assert (record["recipient"], record["recipient_code"], record["unit"]) == ("", "", "")
    assert list(record) == list(COLUMNS)


def test_stored_rows_export(session: Session) -> None:
    records = list(csv.DictReader(io.StringIO(export(*find_commitments(session, Filters())))))
    assert [(r["id"], r["donor_code"], r["item"], r["quantity"], r["amount"], r["currency"])
            for r in records] == [
        ("1", "GBR", "Challenger 2 main battle tanks", "14", "", ""),
        ("2", "GBR", "AS90 self-propelled guns", "30", "", ""),
        ("3", "POL", "Leopard 2 battle tanks", "", "", ""),
        ("4", "GBR", "bandages", "70", "", ""),
        ("5", "GBR", "funding", "", "300000", "GBP"),
    ]  # fmt: skip
    assert {r["article"] for r in records} == {"news/uk_tanks.txt"}
