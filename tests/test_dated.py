"""Each report keeps the date consolidation gives it and that date's precision (migration
0014), so that a load finds the months of a group it must read again by an index. The
kept date must be the rule's own (kb.storage.regroup.mention_of) however a report was
written: loaded, corrected, added by a person, or filled by the migration."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from fakes import SENTENCES, TANKS_ARTICLE, TANKS_TEXT, FakeExtractor, tank_records
from sqlalchemy import Engine, inspect, text

from kb.knowledge import KnowledgeBase
from kb.loading import load_articles
from kb.storage.engine import downgrade, upgrade
from kb.storage.regroup import mention_of
from kb.storage.rows import dated

D = date(2023, 1, 14)
P = date(2023, 2, 1)

# (announced, its precision, the article's date, its precision) -> (date, precision)
CASES = [
    ((D, "day", P, "day"), (D, "day")),
    ((D, "month", P, "day"), (D, "month")),
    ((D, "year", None, "unknown"), (D, "year")),
    ((D, None, P, "month"), (D, "day")),  # a date with no precision said is a day's
    ((None, None, P, "day"), (P, "day")),
    ((None, None, P, "month"), (P, "month")),
    ((None, None, P, "unknown"), (P, "day")),
    ((None, None, None, "unknown"), (None, "day")),
    ((None, None, None, "month"), (None, "day")),  # undated: where the read looks for it
]


@pytest.mark.parametrize(("given", "expected"), CASES)
def test_the_date_a_report_is_found_by(given: tuple[Any, ...], expected: tuple[Any, ...]) -> None:
    assert dated(*given) == expected


@pytest.mark.parametrize(("given", "expected"), [c for c in CASES if c[1][0] is not None])
def test_it_is_the_rules_own(given: tuple[Any, ...], expected: tuple[Any, ...]) -> None:
    announced, announced_precision, published, published_precision = given
    row = SimpleNamespace(
        id=1, donor_id=1, recipient_id=2, thing="tank", family="tank", status="committed",
        source="a", kind="new", span_start=0, quantity=None, amount_usd=None, amount=None,
        currency=None, announced=announced, announced_precision=announced_precision,
        published=published, published_precision=published_precision,
    )  # fmt: skip
    found = mention_of(row)
    assert (found.when, found.precision) == expected


def _kept_and_due(engine: Engine) -> list[tuple[Any, Any]]:
    """Each report's kept date and precision, beside what `dated` makes of its own and its
    article's."""
    query = text(
        "SELECT m.dated, m.dated_precision, m.announced, m.announced_precision, a.published,"
        " a.precision FROM mentions m JOIN articles a ON a.id = m.article_id ORDER BY m.id"
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [((_day(r[0]), r[1]), dated(_day(r[2]), r[3], _day(r[4]), r[5])) for r in rows]


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


MONTHLY = replace(
    TANKS_ARTICLE, source="news/monthly.txt", text=TANKS_TEXT + " ", precision="month"
)
UNDATED = replace(
    TANKS_ARTICLE, source="news/undated.txt", text=TANKS_TEXT + "  ", published=None,
    precision="unknown",
)  # fmt: skip


def _load_three(engine: Engine) -> None:
    extractor = FakeExtractor(
        {a.text: tank_records(a.text) for a in (TANKS_ARTICLE, MONTHLY, UNDATED)}
    )
    summary = load_articles(engine, [TANKS_ARTICLE, MONTHLY, UNDATED], extractor=extractor)
    assert summary.mentions == 15


def test_kept_as_loaded_corrected_and_added(engine: Engine) -> None:
    _load_three(engine)
    kb = KnowledgeBase(engine)
    (tanks, *_) = kb.query(item="Challenger")
    kb.correct(tanks.id, announced="2022-11", note="the ministry dates it to November")
    kb.add(
        UNDATED.source, evidence=SENTENCES[1], note="missed", donor="Poland",
        recipient="Ukraine", item="Leopard 2 tanks", status="offered", announced="2023",
    )  # fmt: skip
    pairs = _kept_and_due(engine)
    assert len(pairs) == 16
    kept = [k for k, _ in pairs]
    assert (date(2022, 11, 1), "month") in kept and (date(2023, 1, 1), "year") in kept
    assert (None, "day") in kept and (date(2023, 1, 17), "month") in kept
    assert all(k == due for k, due in pairs)


def test_0014_fills_what_is_stored_and_goes_back(engine: Engine) -> None:
    _load_three(engine)
    loaded = _kept_and_due(engine)
    downgrade(engine, "0013")
    columns = {c["name"] for c in inspect(engine).get_columns("mentions")}
    assert not {"dated", "dated_precision"} & columns
    indexes = {ix["name"] for ix in inspect(engine).get_indexes("mentions")}
    assert "ix_mentions_group" in indexes and "ix_mentions_dated" not in indexes
    upgrade(engine)
    assert _kept_and_due(engine) == loaded
    assert all(k == due for k, due in loaded)
