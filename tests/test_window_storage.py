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
from fakes import UK, UKRAINE, FakeExtractor, commitment
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from kb.consolidate.rule import consolidate
from kb.consolidate.wholes import holders, item_words
from kb.ingest.articles import iter_articles
from kb.loading import load as loading
from kb.loading import load_articles
from kb.records import Article
from kb.storage import reading
from kb.storage.engine import writer
from kb.storage.models import ArticleRow, CommitmentRow, MentionRow
from kb.storage.regroup import mention_of
from kb.storage.write import remove_article


def _stored(engine: Engine) -> set[tuple[frozenset[int], frozenset[int] | None]]:
    """Each commitment's mentions, with those of the commitment that holds it."""
    with Session(engine) as session:
        groups: dict[int, set[int]] = {}
        for mid, cid in session.execute(select(MentionRow.id, MentionRow.commitment_id)):
            groups.setdefault(cid, set()).add(mid)
        assert None not in groups, "a mention that no commitment holds"
        holder = dict(session.execute(select(CommitmentRow.id, CommitmentRow.part_of)).all())
    assert holder.keys() == groups.keys()
    return {
        (frozenset(ms), None if holder[c] is None else frozenset(groups[holder[c]]))
        for c, ms in groups.items()
    }


# Every report with its article's source, date and precision, joined here in SQL: what the
# load reads in two steps (kb.storage.reading._with_articles), stated apart from it.
_REPORTS_JOINED = select(
    *MentionRow.__table__.c,
    ArticleRow.source,
    ArticleRow.published,
    ArticleRow.precision.label("published_precision"),
).join(ArticleRow, MentionRow.article_id == ArticleRow.id)


def _from_scratch(engine: Engine) -> set[tuple[frozenset[int], frozenset[int] | None]]:
    with Session(engine) as session:
        rows = {r.id: r for r in session.execute(_REPORTS_JOINED)}
    made = consolidate(map(mention_of, rows.values()))
    out = set()
    for family in {(g.mentions[0].donor, g.mentions[0].recipient, g.mentions[0].family)
                   for g in made}:  # fmt: skip
        groups = [g for g in made if (g.mentions[0].donor, g.mentions[0].recipient,
                                      g.mentions[0].family) == family]  # fmt: skip
        words = [item_words(rows[m.id].item for m in g.mentions) for g in groups]
        held = holders(groups, words)
        ids = [frozenset(m.id for m in g.mentions) for g in groups]
        out |= {(ids[i], ids[held[i]] if i in held else None) for i in range(len(groups))}
    return out


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


def test_removing_a_running_total_frees_what_it_held_long_before(engine: Engine) -> None:
    def tanks(n: int, kind: str = "new") -> tuple[str, list[Any]]:
        text = f"Britain has sent {n} tanks to Ukraine{' in all' if kind == 'total' else ''}."
        mention = commitment(text, text, UK, UKRAINE, "tanks", "delivered", quantity=float(n),
                             category="tank", canonical="tank", kind=kind)  # fmt: skip
        return text, [mention]

    records = dict([tanks(3), tanks(4), tanks(9, "total")])
    texts = list(records)
    days = [date(2022, 1, 10), date(2022, 2, 20), date(2023, 6, 1)]
    articles = [
        Article(f"{n}.txt", t, published=d)
        for n, (t, d) in enumerate(zip(texts, days, strict=True))
    ]
    load_articles(engine, articles, extractor=FakeExtractor(records))
    with Session(engine) as session:
        held = session.scalars(select(CommitmentRow.part_of)).all()
    assert sum(h is not None for h in held) == 2  # the total holds both
    with Session(writer(engine)) as session, session.begin():
        remove_article(session, "2.txt")
    with Session(engine) as session:
        assert session.scalars(select(CommitmentRow.part_of)).all() == [None, None]
    assert _stored(engine) == _from_scratch(engine)


def _tanks(n: int, kind: str = "new", word: str = "tanks") -> tuple[str, list[Any]]:
    """A report of `n` tanks from Britain to Ukraine, with its one mention."""
    cue = {"total": " in all", "part": " of the first batch", "new": ""}[kind]
    text = f"Britain has sent {n} {word} to Ukraine{cue}."
    mention = commitment(text, text, UK, UKRAINE, word, "delivered", quantity=float(n),
                         category="tank", canonical="tank", kind=kind)  # fmt: skip
    return text, [mention]


def _monthly(records: dict[str, list[Any]], start: date) -> list[Article]:
    """One article a month for each report, in order."""
    return [
        Article(f"{n}.txt", text, published=start + timedelta(days=31 * n))
        for n, text in enumerate(records)
    ]


def test_a_group_with_a_part_is_read_from_its_change_not_whole(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A whole and its part in the first months, then two years of other reports: a report
    # at the end is consolidated from the months around it, and the holders are chosen
    # again from what each commitment keeps, with no report read from the first months.
    records = dict([_tanks(20), _tanks(5, "part"), *(_tanks(30 + n) for n in range(24))])
    articles = _monthly(records, date(2022, 1, 1))
    load_articles(engine, articles[:-1], extractor=FakeExtractor(records))
    read: list[Any] = []
    original = reading._read_groups

    def spy(*args: Any, **kwargs: Any) -> Any:
        for row in original(*args, **kwargs):
            read.append(row)
            yield row

    monkeypatch.setattr(reading, "_read_groups", spy)
    load_articles(engine, articles[-1:], extractor=FakeExtractor(records))
    first_months = {a.source for a in articles[:3]}
    assert read and not [r for r in read if getattr(r, "source", None) in first_months]
    assert _stored(engine) == _from_scratch(engine)
    with Session(engine) as session:
        assert sum(h is not None for h in session.scalars(select(CommitmentRow.part_of))) == 1


def test_commitments_stored_without_holding_are_weighed_from_their_reports(
    engine: Engine,
) -> None:
    # As an older kb left them (migration 0012 adds the column empty): the first load that
    # needs them weighs them from their reports, and keeps what it weighed.
    records = dict([_tanks(20), _tanks(30), _tanks(50, "total"), _tanks(5, "part")])
    articles = _monthly(records, date(2022, 1, 1))
    articles[-1] = replace(articles[-1], published=date(2024, 1, 1))
    load_articles(engine, articles[:-1], extractor=FakeExtractor(records))
    with Session(writer(engine)) as session, session.begin():
        session.execute(update(CommitmentRow).values(holding=None))
    load_articles(engine, articles[-1:], extractor=FakeExtractor(records))
    assert _stored(engine) == _from_scratch(engine)
    with Session(engine) as session:
        assert None not in session.scalars(select(CommitmentRow.holding)).all()
        assert sum(h is not None for h in session.scalars(select(CommitmentRow.part_of))) == 3


def test_reports_are_read_with_their_articles_source_and_date(engine: Engine) -> None:
    """A regroup reads reports and their articles apart (each article once); each report
    comes with its own article's fields, as a join gives them."""
    records = dict([_tanks(3), _tanks(4), _tanks(5)])
    dates = [(date(2022, 1, 10), "day"), (date(2022, 2, 1), "month"), (None, "unknown")]
    articles = [
        Article(f"{n}.txt", text, published=day, precision=precision)
        for n, (text, (day, precision)) in enumerate(zip(records, dates, strict=True))
    ]
    load_articles(engine, articles, extractor=FakeExtractor(records))
    with Session(engine) as session:
        joined = {r.id: r for r in session.execute(_REPORTS_JOINED)}
        cids = {r.commitment_id for r in joined.values()}
        read = reading.reports_of(session.connection(), cids)
    assert len(joined) == 3
    assert sorted(r.id for r in read) == sorted(joined)
    fields = ("source", "published", "published_precision", "article_id", "announced")
    for row in read:
        assert [getattr(row, f) for f in fields] == [getattr(joined[row.id], f) for f in fields]
