"""`kb totals`: money added up over the story (tests/stories.py), each commitment once,
pledged apart from delivered, in dollars or euros; what no rate converts is kept apart."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
import stories
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from kb.ask.answer import ask
from kb.cli import app
from kb.cli.render import answer_text
from kb.loading import load_articles
from kb.query.filters import Filters
from kb.query.totals import Unconverted, totals
from kb.records import Article

# The story's money: Germany's €1.5bn (20 Feb 2023) and the UK's £2.5bn (2 Feb 2024), both
# pledged, in dollars at the ECB rates of their days; the UK's 100m rupees delivered, no rate.
EUROS_IN_USD = 1_601_100_000.0
POUNDS_IN_USD = 3_191_008_996.0
RUPEES = Unconverted("United Kingdom", "PKR", 1e8, 1)


@pytest.fixture
def story(engine: Engine) -> Iterator[Session]:
    load_articles(engine, stories.articles(), extractor=stories.extractor())
    with Session(engine) as session:
        yield session


def rounded(rows: object) -> list[tuple[object, ...]]:
    return [
        (r.key, round(r.pledged), round(r.delivered), round(r.other), r.commitments)
        for r in rows  # type: ignore[attr-defined]
    ]


def test_by_donor_in_dollars(story: Session) -> None:
    found = totals(story)
    assert rounded(found.rows) == [
        ("United Kingdom", POUNDS_IN_USD, 0, 0, 1),
        ("Germany", EUROS_IN_USD, 0, 0, 1),
    ]
    assert found.unconverted == [RUPEES]  # reported apart, never guessed
    (overall,) = found.overall  # one kind of money (the story says none): one total
    assert round(overall.pledged) == POUNDS_IN_USD + EUROS_IN_USD


@pytest.mark.parametrize(
    ("by", "currency", "expected"),
    [
        ("recipient", "USD", [("Ukraine", POUNDS_IN_USD + EUROS_IN_USD, 0, 0, 2)]),
        ("category", "USD", [("money", POUNDS_IN_USD + EUROS_IN_USD, 0, 0, 2)]),
        ("status", "USD", [("committed", POUNDS_IN_USD + EUROS_IN_USD, 0, 0, 2)]),
        ("year", "EUR", [("2023", 1.5e9, 0, 0, 1), ("2024", 2_932_104_195, 0, 0, 1)]),
        ("month", "USD", [("2023-02", EUROS_IN_USD, 0, 0, 1), ("2024-02", POUNDS_IN_USD, 0, 0, 1)]),
    ],
)
def test_by_each_key(story: Session, by: str, currency: str, expected: list[tuple]) -> None:
    assert rounded(totals(story, by, currency).rows) == expected


def test_filters_apply(story: Session) -> None:
    found = totals(story, "donor", "USD", Filters(donor="Germany"))
    assert rounded(found.rows) == [("Germany", EUROS_IN_USD, 0, 0, 1)]
    assert found.unconverted == []
    assert totals(story, "year", "USD", Filters(statuses=("delivered",))).rows == []


def test_delivered_is_apart_from_pledged(engine: Engine) -> None:
    extractor = stories.extractor()
    german = stories.article("story/04_germany_poland.txt")
    euros = extractor.records[german.text][0]
    extractor.records[german.text] = [replace(euros, status="delivered")]
    load_articles(engine, [german], extractor=extractor)
    with Session(engine) as session:
        assert rounded(totals(session).rows) == [("Germany", 0, EUROS_IN_USD, 0, 1)]


def test_unknown_grouping_or_currency_is_refused(story: Session) -> None:
    with pytest.raises(ValueError, match="cannot add up by 'week'"):
        totals(story, "week")
    with pytest.raises(ValueError, match="no totals in 'JPY'"):
        totals(story, "donor", "JPY")


def test_kb_totals_adds_money_in_dollars(runner: CliRunner, story: Session, db_url: str) -> None:
    result = runner.invoke(app, ["--db", db_url, "totals", "--by", "donor"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "money by donor, in USD" in lines[0]
    assert any("United Kingdom" in line and "3,191,008,996" in line for line in lines)
    assert any(line.startswith("│ total") and "4,792,108,996" in line for line in lines)
    assert "  United Kingdom: 100,000,000 PKR (1 commitment)" in lines


def test_kb_totals_json(runner: CliRunner, story: Session, db_url: str) -> None:
    result = runner.invoke(app, ["--db", db_url, "totals", "--by", "year", "--currency", "eur",
                                 "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert (payload["currency"], [row["key"] for row in payload["rows"]]) == (
        "EUR",
        ["2023", "2024"],
    )
    assert payload["unconverted"] == [
        {"key": "2023", "currency": "PKR", "amount": 1e8, "commitments": 1}
    ]


@pytest.mark.parametrize(
    ("args", "message"), [(("--by", "week"), "--by"), (("--currency", "JPY"), "--currency")]
)
def test_kb_totals_bad_options(
    runner: CliRunner, db_url: str, args: tuple[str, ...], message: str
) -> None:
    result = runner.invoke(app, ["--db", db_url, "totals", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_grants_and_loans_are_added_apart(engine: Engine) -> None:
    text = (
        "Japan pledged a grant of USD 20 million to Peru on Monday. "
        "Japan also signed a loan of USD 300 million with Peru."
    )
    article = Article(source="peru.txt", text=text, published=date(2024, 3, 5))
    load_articles(engine, [article])
    with Session(engine) as session:
        found = totals(session)
        answer = ask(session, "how much money did Japan give Peru?")
    assert {(r.key, r.finance, round(r.pledged)) for r in found.rows} == {
        ("Japan", "grant", 20_000_000),
        ("Japan", "loan", 300_000_000),
    }
    assert [(o.finance, round(o.pledged)) for o in found.overall] == [
        ("grant", 20_000_000),
        ("loan", 300_000_000),
    ]
    assert answer.usd_by_finance == {"grant": 20_000_000, "loan": 300_000_000}
    assert "20,000,000 USD in grants" in answer_text(answer)


def _plans(story: Session, by: str, filters: Filters | None) -> dict[str, str]:
    """The plans of the statements a sum runs that add up, by the table they read."""
    statements: list[str] = []

    def keep(conn: object, cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    engine = story.get_bind()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        totals(story, by, filters=filters)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    plans = {}
    for summing in (s for s in statements if "sum(" in s):
        params = (None,) * summing.count("?")  # a plan does not depend on the values
        rows = story.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {summing}", params)
        table = "commitment_sums" if "FROM commitment_sums" in summing else "commitments"
        plans[table] = " ".join(row[-1] for row in rows)
    return plans


@pytest.mark.parametrize("by", ["donor", "status"])
def test_a_sum_reads_the_sums_kept_and_the_index_of_the_parts(story: Session, by: str) -> None:
    """On SQLite, a sum reads the sums kept (migration 0013) and, of the commitments, the
    parts alone, from their index (not the table, nor the index of every sum)."""
    if story.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's plan")
    plans = _plans(story, by, None)
    assert set(plans) == {"commitment_sums", "commitments"}
    assert "COVERING INDEX ix_commitments_parts" in plans["commitments"]
    # By donor in the order the sums are stored (by their key), with no sort.
    assert ("TEMP B-TREE" in plans["commitment_sums"]) == (by != "donor")


@pytest.mark.parametrize("by", ["donor", "status"])
def test_a_sum_the_sums_kept_cannot_answer_reads_the_index_of_what_sums_read(
    story: Session, by: str
) -> None:
    """A date bound is finer than the sums kept: such a sum reads the index of a commitment's
    money columns alone (migration 0011), not the table; by donor, in the index's order,
    with no sort either."""
    if story.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's plan")
    plans = _plans(story, by, Filters(since=date(2000, 1, 1)))
    assert set(plans) == {"commitments"}
    assert "COVERING INDEX ix_commitments_sums" in plans["commitments"]
    assert ("TEMP B-TREE" in plans["commitments"]) == (by != "donor")
