"""CSV export: exact columns, numbers as numbers, nothing a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, replace
from datetime import date

import pytest
from fakes import FakeExtractor, commitment
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from kb.cli import app
from kb.loading import load_articles
from kb.query.commitments import FIELD_OF, CommitmentView, Filters, find_commitments, iter_rows
from kb.query.export import (
    COLUMNS,
    DATES,
    MENTION_COLUMNS,
    NUMERIC,
    write_csv,
    write_values,
)
from kb.records import FORMULA_STARTS, Actor, Article, format_number, neutralise

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
    sources=3,
    first_reported=date(2023, 1, 14),
    last_reported=date(2023, 2, 1),
)


def export(*rows: CommitmentView) -> str:
    out = io.StringIO()
    write_csv(rows, out)
    return out.getvalue()


def test_columns_in_exactly_this_order() -> None:
    first = (
        "id", "article", "published", "donor", "donor_code", "recipient", "recipient_code",
        "item", "category", "quantity", "qualifier", "unit", "amount", "currency", "status",
        "announced", "evidence",
    )  # fmt: skip
    # Issue 4's columns come after issue 2's, in this order.
    later = ("amount_usd", "amount_eur", "sources", "first_reported", "last_reported")
    # Issue 12's: how to add up.
    adding = ("announced_precision", "kind", "part_of", "finance")
    # Issue 14's: what a person did to the row; issue 15's: where it comes from.
    sources = ("aid_type", "url", "title", "published_precision")
    assert list(COLUMNS) == [*first, *later, *adding, "reviewed", *sources, "source_articles"]
    assert list(MENTION_COLUMNS) == [
        *first, "amount_usd", "commitment_id", "announced_precision", "kind", "finance",
        "reviewed", *sources,
    ]  # fmt: skip


def test_one_row_exactly() -> None:
    assert export(ROW) == (
        "id,article,published,donor,donor_code,recipient,recipient_code,item,category,quantity,"
        "qualifier,unit,amount,currency,status,announced,evidence,amount_usd,amount_eur,"
        "sources,first_reported,last_reported,announced_precision,kind,part_of,finance,"
        "reviewed,aid_type,url,title,published_precision,source_articles\r\n"
        "7,news/uk_tanks.txt,2023-01-17,United Kingdom,GBR,Ukraine,UKR,"
        "Challenger 2 main battle tanks,tank,14,exact,,,,committed,2023-01-14,"
        "Britain will send 14 Challenger 2 main battle tanks.,,,3,2023-01-14,2023-02-01,"
        ",new,,,,,,,unknown,\r\n"
    )


def test_money_row_with_its_value() -> None:
    row = replace(ROW, item="funding", amount=3e5, currency="GBP", amount_usd=367165.19,
                  amount_eur=338619.56, quantity=None)  # fmt: skip
    (record,) = csv.DictReader(io.StringIO(export(row)))
    assert (record["amount"], record["amount_usd"], record["amount_eur"]) == (
        "300000", "367165.19", "338619.56"
    )  # fmt: skip


def test_a_mention_row() -> None:
    out = io.StringIO()
    write_csv([replace(ROW, id=9, commitment_id=7)], out, MENTION_COLUMNS)
    (record,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert (record["id"], record["commitment_id"], record["amount_usd"]) == ("9", "7", "")
    assert list(record) == list(MENTION_COLUMNS)


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
        ("  =1+1", "'  =1+1"),  # a spreadsheet that trims cells would run it
        ("\n@SUM(A1)", "'\n@SUM(A1)"),
        ("\u3000-2+3", "'\u3000-2+3"),
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width equals sign
        ("\0=1", "'\0=1"),
        ("UK-Med", "UK-Med"),
        ("Britain = generous", "Britain = generous"),
        (" plain", " plain"),
        ("'quoted", "'quoted"),
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


def test_streamed_values_export_as_the_views_do(session: Session) -> None:
    streamed = io.StringIO()
    assert write_values(iter_rows(session), streamed) == 5
    assert streamed.getvalue() == export(*find_commitments(session, Filters()))


def test_values_cells_are_neutralised_and_numbers_formatted() -> None:
    view = replace(ROW, item="=1+1", donor="+Donor", amount=-5.0, quantity=2.5, recipient=None)
    out = io.StringIO()
    write_values([astuple(view)], out)
    assert out.getvalue() == export(view)
    (record,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert (record["item"], record["donor"], record["amount"], record["quantity"]) == (
        "'=1+1", "'+Donor", "-5", "2.5"
    )  # fmt: skip
    assert (record["published"], record["recipient"]) == ("2023-01-17", "")


# Every text column; the numbers and dates are written by kb, never taken from an article.
TEXT_COLUMNS = [c for c in COLUMNS if c not in NUMERIC and c not in DATES]


@settings(max_examples=300, deadline=None)
@given(column=st.sampled_from(TEXT_COLUMNS), text=st.text())
def test_any_text_survives_a_csv_reader_and_nothing_runs(column: str, text: str) -> None:
    row = replace(ROW, **{FIELD_OF.get(column, column): text})
    written = export(row)
    assert write_values([astuple(row)], out := io.StringIO()) == 1
    assert out.getvalue() == written  # the fast path writes what the plain one does
    (record,) = csv.DictReader(io.StringIO(written, newline=""))
    cell = record[column]
    assert cell == neutralise(text)
    assert cell == text or cell == "'" + text  # only an apostrophe is ever added
    assert not cell.lstrip().startswith(FORMULA_STARTS)  # nothing a spreadsheet would run
    assert list(record) == list(COLUMNS)  # quotes, commas and newlines split no cell


HOSTILE = 'He said: "=HYPERLINK(""http://x"")", then left,\r\nand -1+1 @once;\ttabs, too.'


def test_hostile_stored_rows_export_safely(engine: Engine, runner: CliRunner, db_url: str) -> None:
    """Through storage and `kb export`, on each database: every hostile field of the record
    comes back as written, neutralised where it would run."""
    evil = Actor("=cmd|' /C calc'!A0", "country", "@EV", ("+Evil",))
    text = f"Preamble. {HOSTILE} After."
    record = commitment(
        text, HOSTILE, evil, None, "-tanks, \"heavy\"", "committed", category="=tank",
        unit="+pallets", currency=None, quantity=-2.0,
    )  # fmt: skip
    article = Article("-news/=evil.txt", text, date(2023, 1, 17), "day")
    assert load_articles(engine, [article], extractor=FakeExtractor({text: [record]})).new == 1
    result = runner.invoke(app, ["--db", db_url, "export"])
    assert result.exit_code == 0, result.output
    # stdout_bytes: Result.stdout would turn the CRLF inside the evidence into LF.
    (row,) = csv.DictReader(io.StringIO(result.stdout_bytes.decode(), newline=""))
    assert row["evidence"] == HOSTILE  # starts with "He": kept exactly, newlines and all
    assert (row["article"], row["donor"], row["donor_code"], row["item"]) == (
        "'-news/=evil.txt", "'=cmd|' /C calc'!A0", "'@EV", "'-tanks, \"heavy\""
    )  # fmt: skip
    assert (row["category"], row["unit"], row["quantity"]) == ("'=tank", "'+pallets", "-2")
