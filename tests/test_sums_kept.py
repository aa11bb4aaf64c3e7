"""The sums kept (migration 0013, kb.storage.models.CommitmentSumRow) are what adding up the
commitments gives, whatever wrote them: loads, articles moved in time or removed, and a
person's rejections and corrections; and `kb totals` answers the same from them as from
every commitment."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from kept_sums import assert_kept, kept
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

import kb.query.totals as totals_module
from kb.ingest.articles import iter_articles
from kb.knowledge import KnowledgeBase
from kb.loading import load as loading
from kb.loading import load_articles
from kb.query.filters import Filters, Selection
from kb.records import Article
from kb.storage.engine import downgrade, upgrade, writer
from kb.storage.models import CommitmentRow
from kb.storage.write import remove_article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _spread(articles: list[Article], rng: random.Random) -> list[Article]:
    return [
        replace(a, published=date(2022, 1, 1) + timedelta(days=rng.randint(0, 900)))
        for a in articles
    ]


@pytest.mark.slow
def test_the_sums_kept_follow_every_change(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    seeds = [a for a in iter_articles([SEEDS]) if isinstance(a, Article)]
    # Each seed three times, at other dates and under other names: groups with many reports.
    articles = _spread([replace(a, source=f"{a.source}#{n}") for n in range(3) for a in seeds], rng)
    monkeypatch.setattr(loading, "BATCH_ARTICLES", 7)
    assert load_articles(engine, articles).failed == 0
    assert kept(engine)
    assert_kept(engine)
    moved = [replace(a, published=a.published + timedelta(days=400)) for a in articles[::5]]
    load_articles(engine, moved)
    assert_kept(engine)
    with Session(writer(engine)) as session, session.begin():
        for article in rng.sample(articles, 8):
            remove_article(session, article.source)
    assert_kept(engine)
    kb = KnowledgeBase(engine)
    with Session(engine) as session:
        money = session.scalars(
            select(CommitmentRow.id).where(CommitmentRow.amount.is_not(None))
        ).all()
    first, second = money[0], money[-1]
    kb.reject(first, note="not a gift")
    kb.correct(second, note="it arrived", status="delivered")
    assert_kept(engine)
    kb.restore(first, note="it was")
    assert_kept(engine)


def _both_ways(engine: Engine, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> tuple[Any, Any]:
    kb = KnowledgeBase(engine)
    kept = kb.totals(**kw)
    monkeypatch.setattr(totals_module, "kept_sums_answer", lambda by, filters: False)
    every = kb.totals(**kw)
    monkeypatch.undo()
    return kept, every


def _figures(found: Any) -> tuple[list[Any], list[Any]]:
    rows = [(r.key, r.finance, r.commitments, r.pledged, r.delivered, r.other) for r in found.rows]
    apart = [(u.key, u.currency, u.commitments, u.amount) for u in found.unconverted]
    return rows, apart


def _same(a: list[Any], b: list[Any]) -> bool:
    """The same rows in the same order, their sums equal but for the order of adding up."""

    def close(x: Any, y: Any) -> bool:
        sums = zip(x[3:], y[3:], strict=True)
        return x[:3] == y[:3] and all(math.isclose(u, v, rel_tol=1e-9) for u, v in sums)

    return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("by", totals_module.BY)
def test_totals_from_the_sums_kept_are_those_of_every_commitment(
    stored_seeds: Engine, monkeypatch: pytest.MonkeyPatch, by: str
) -> None:
    for where in (
        {},
        {"currency": "EUR"},
        {"statuses": ("pledged",)},
        {"category": "money"},
        {"aid_type": "financial"},
        {"donor_kind": "country"},
        {"include_rejected": True},
        {"donor": "Japan"},
    ):
        kept, every = _both_ways(stored_seeds, monkeypatch, by=by, **where)
        (rows, apart), (rows_every, apart_every) = _figures(kept), _figures(every)
        assert rows, where
        assert _same(rows, rows_every), where
        assert _same(apart, apart_every), where


def test_only_what_the_sums_kept_know_is_asked_of_them() -> None:
    def answers(by: str = "donor", **kw: Any) -> bool:
        return totals_module.kept_sums_answer(by, Selection(Filters(**kw)))

    assert answers() and answers(statuses=("delivered",), category="tank", donor_kind="country")
    assert not answers(item="tank")
    assert not answers(since=date(2023, 1, 1))
    assert not answers(until=date(2023, 1, 1))
    assert not answers(money=False)
    assert answers(by="recipient") and answers(by="category") and answers(by="status")
    assert not answers(by="month")
    assert not answers(by="year")


def test_an_upgrade_adds_up_the_commitments_there_are(stored_seeds: Engine) -> None:
    """A database brought to 0013 with commitments in it starts with their sums."""
    downgrade(stored_seeds, "0012")
    upgrade(stored_seeds)
    assert kept(stored_seeds)
    assert_kept(stored_seeds)


@pytest.fixture
def stored_seeds(engine: Engine) -> Engine:
    """The seed articles loaded, and the whole of a part rejected: the part is added, as the
    sums kept never know, since it depends on its whole."""
    assert load_articles(engine, iter_articles([SEEDS])).failed == 0
    c = CommitmentRow
    with Session(engine) as session:
        wholes = session.scalars(
            select(c.part_of).where(c.part_of.is_not(None), c.amount.is_not(None))
        ).all()
    assert wholes, "the seeds hold a part with money"
    KnowledgeBase(engine).reject(wholes[0], note="a test")
    return engine
