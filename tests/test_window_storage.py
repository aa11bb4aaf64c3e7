"""Loads that consolidate each group from its earliest change on (kb.storage.reading,
kb.consolidate.window) store what consolidating every mention at once gives: over many
small batches in random order, articles moved in time, and articles removed."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from kb.consolidate.rule import consolidate
from kb.ingest.articles import iter_articles
from kb.loading import load as loading
from kb.loading import load_articles
from kb.records import Article
from kb.storage import reading
from kb.storage.engine import writer
from kb.storage.models import CommitmentRow, MentionRow
from kb.storage.regroup import mention_of
from kb.storage.write import remove_article


def _stored(engine: Engine) -> set[frozenset[int]]:
    with Session(engine) as session:
        groups: dict[int, set[int]] = {}
        for mid, cid in session.execute(select(MentionRow.id, MentionRow.commitment_id)):
            groups.setdefault(cid, set()).add(mid)
        assert None not in groups, "a mention that no commitment holds"
        assert session.scalar(select(func.count()).select_from(CommitmentRow)) == len(groups)
    return {frozenset(g) for g in groups.values()}


def _from_scratch(engine: Engine) -> set[frozenset[int]]:
    with Session(engine) as session:
        rows = session.connection().execute(reading._with(reading._MENTIONS)).all()
    return {frozenset(m.id for m in g.mentions) for g in consolidate(map(mention_of, rows))}


def _spread(articles: list[Article], rng: random.Random) -> list[Article]:
    """The articles at random dates over four years, some known only to the month (their
    mentions dated to a month or year by the text keep that precision)."""
    out = []
    for article in articles:
        day = date(2021, 1, 1) + timedelta(days=rng.randint(0, 1500))
        precision = rng.choice(["day", "day", "day", "month"])
        if precision == "month":
            day = day.replace(day=1)
        out.append(replace(article, published=day, precision=precision))
    return out


@pytest.mark.slow
def test_windowed_loads_store_what_consolidating_everything_gives(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, corpus: tuple[Path, Any]
) -> None:
    rng = random.Random(13)
    read = [a for a in iter_articles([corpus[0]]) if isinstance(a, Article)]
    articles = _spread(rng.sample(read, 300), rng)
    monkeypatch.setattr(loading, "BATCH_ARTICLES", 25)
    assert load_articles(engine, articles).failed == 0
    assert _stored(engine) == _from_scratch(engine)
    moved = [replace(a, published=a.published + timedelta(days=rng.choice([-90, 45, 400])))
             for a in rng.sample(articles, 40) if a.published]  # fmt: skip
    assert load_articles(engine, moved).updated == len(moved)
    assert _stored(engine) == _from_scratch(engine)
    with Session(writer(engine)) as session, session.begin():
        for article in rng.sample(articles, 15):
            remove_article(session, article.source)
    assert _stored(engine) == _from_scratch(engine)
