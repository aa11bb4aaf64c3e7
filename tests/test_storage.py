"""Storing articles: idempotent reloads, replacement of changed articles, actors and aliases."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fakes import TANKS_ARTICLE, TANKS_TEXT, UK, FakeExtractor, commitment
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from kb.ingest.articles import ReadError
from kb.loading import load_articles
from kb.loading.load import LoadResult
from kb.records import Actor, Article
from kb.storage.aliases import alias_key, ensure_actor, find_actor
from kb.storage.engine import BUSY_TIMEOUT_MS, database_url, make_engine
from kb.storage.models import ActorAliasRow, ActorRow, ArticleRow, CommitmentRow, MentionRow
from kb.storage.write import Conflict, store_article


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("kb.sqlite", "sqlite:///kb.sqlite"),
        ("/tmp/x/kb.sqlite", "sqlite:////tmp/x/kb.sqlite"),
        (":memory:", "sqlite://"),
        ("sqlite:///other.db", "sqlite:///other.db"),
        ("postgresql+psycopg://kb@localhost/kb", "postgresql+psycopg://kb@localhost/kb"),
    ],
)
def test_database_url(given: str, url: str) -> None:
    assert database_url(given) == url


def test_sqlite_pragmas(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS == 30_000
    engine.dispose()


def test_new_article_is_stored_with_its_records(engine: Engine, extractor: FakeExtractor) -> None:
    summary = load_articles(engine, [TANKS_ARTICLE], extractor=extractor)
    assert (summary.new, summary.mentions) == (1, 5)
    assert str(summary) == "1 new, 0 updated, 0 unchanged, 0 failed; 5 mentions stored"
    with Session(engine) as session:
        article = session.scalars(select(ArticleRow)).one()
        assert article.source == "news/uk_tanks.txt"
        assert len(article.sha256) == 64
        assert article.extractor_version
        rows = session.scalars(select(MentionRow).order_by(MentionRow.id)).all()
        assert [r.item for r in rows][:2] == [
            "Challenger 2 main battle tanks",
            "AS90 self-propelled guns",
        ]
        assert TANKS_TEXT[rows[0].span_start : rows[0].span_end] == rows[0].evidence


def test_same_article_twice_adds_nothing_and_skips_extraction(
    stored: Engine, extractor: FakeExtractor
) -> None:
    summary = load_articles(stored, [TANKS_ARTICLE], extractor=extractor)
    assert str(summary) == "0 new, 0 updated, 1 unchanged, 0 failed; 0 mentions stored"
    assert extractor.calls == 1  # only the first load extracted
    assert count(stored, ArticleRow) == 1
    assert count(stored, CommitmentRow) == 5


def test_changed_text_replaces_the_article_and_its_rows(
    stored: Engine, extractor: FakeExtractor
) -> None:
    text = "Poland is willing to hand over a company of Leopard 2 tanks."
    changed = replace(TANKS_ARTICLE, text=text)
    extractor.records[text] = [
        commitment(
            text, text, Actor("Poland", "country", "POL"), None, "Leopard 2 tanks", "offered"
        )
    ]
    summary = load_articles(stored, [changed], extractor=extractor)
    assert (summary.updated, summary.mentions) == (1, 1)
    assert count(stored, ArticleRow) == 1
    with Session(stored) as session:
        assert session.scalars(select(CommitmentRow.item)).all() == ["Leopard 2 tanks"]
        assert session.scalars(select(ArticleRow.text)).one() == text


@pytest.mark.parametrize(
    "change",
    [
        {"published": None, "precision": "unknown"},
        {"title": "UK to send tanks"},
        {"url": "https://example.org/tanks"},
    ],
)
def test_changed_metadata_is_an_update(
    stored: Engine, extractor: FakeExtractor, change: dict
) -> None:
    summary = load_articles(stored, [replace(TANKS_ARTICLE, **change)], extractor=extractor)
    assert (summary.updated, summary.mentions) == (1, 5)
    assert count(stored, CommitmentRow) == 5


def test_new_extractor_version_re_extracts(
    stored: Engine, extractor: FakeExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kb.loading.load.EXTRACTOR_VERSION", "next")
    summary = load_articles(stored, [TANKS_ARTICLE], extractor=extractor)
    assert (summary.updated, extractor.calls) == (1, 2)
    with Session(stored) as session:
        assert session.scalars(select(ArticleRow.extractor_version)).one() == "next"
    assert count(stored, CommitmentRow) == 5


def test_same_text_under_another_source_is_a_duplicate(
    stored: Engine, extractor: FakeExtractor
) -> None:
    copy = replace(TANKS_ARTICLE, source="elsewhere/copy.txt")
    seen: list[LoadResult] = []
    summary = load_articles(stored, [copy], extractor=extractor, on_result=seen.append)
    assert str(summary) == (
        "0 new, 0 updated, 0 unchanged, 1 duplicate of a stored article, 0 failed; "
        "0 mentions stored"
    )
    assert [r.duplicate_of for r in seen] == [TANKS_ARTICLE.source]
    assert count(stored, ArticleRow) == 1


def test_read_errors_and_failing_extraction_are_counted_and_roll_back(engine: Engine) -> None:
    def broken(article: Article) -> list:
        raise RuntimeError("rule exploded")

    seen: list[LoadResult] = []
    items = [ReadError("bad.txt", "empty file"), TANKS_ARTICLE]
    summary = load_articles(engine, items, extractor=broken, on_result=seen.append)
    assert str(summary) == "0 new, 0 updated, 0 unchanged, 2 failed; 0 mentions stored"
    assert [r.source for r in seen] == ["bad.txt", "news/uk_tanks.txt"]
    assert "rule exploded" in (seen[1].reason or "")
    assert count(engine, ArticleRow) == 0  # the article's transaction was rolled back


def test_unknown_status_is_refused_with_a_clear_reason(engine: Engine) -> None:
    bad = commitment(TANKS_TEXT, TANKS_TEXT[:20], UK, None, "tanks", "maybe")
    extractor = FakeExtractor({TANKS_TEXT: [bad]})
    seen: list[LoadResult] = []
    summary = load_articles(engine, [TANKS_ARTICLE], extractor=extractor, on_result=seen.append)
    assert summary.failed == 1
    assert "unknown status 'maybe'" in (seen[0].reason or "")


def test_actor_and_all_its_spellings_are_stored_once(stored: Engine) -> None:
    with Session(stored) as session:
        uk = session.scalars(select(ActorRow).where(ActorRow.name == "United Kingdom")).one()
        assert (uk.kind, uk.code) == ("country", "GBR")
        keys = set(
            session.scalars(select(ActorAliasRow.key).where(ActorAliasRow.actor_id == uk.id))
        )
        assert keys == {"united kingdom", "gbr", "uk", "britain", "british", "great britain"}
        assert session.scalar(select(func.count()).select_from(ActorRow)) == 4


def test_alias_owned_by_another_actor_is_skipped(memory_engine: Engine) -> None:
    with Session(memory_engine) as session, session.begin():
        first = ensure_actor(session, Actor("Georgia", "country", "GEO", ("Tbilisi",)))
        second = ensure_actor(
            session, Actor("Georgia (US state)", "state", None, ("Georgia", "GA"))
        )
    with Session(memory_engine) as session:
        assert find_actor(session, "georgia").id == first  # type: ignore[union-attr]
        assert find_actor(session, "GA").id == second  # type: ignore[union-attr]


def test_new_aliases_are_added_to_a_known_actor(memory_engine: Engine) -> None:
    with Session(memory_engine) as session, session.begin():
        first = ensure_actor(session, Actor("Türkiye", "country", "TUR"))
        again = ensure_actor(session, Actor("Türkiye", "country", "TUR", ("Turkey", "Ankara")))
    assert first == again
    with Session(memory_engine) as session:
        assert find_actor(session, "ankara").id == first  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("alias", "key"),
    [("UK", "uk"), ("  United   Kingdom ", "united kingdom"), ("Côte d’Ivoire", "côte d'ivoire")],
)
def test_alias_key(alias: str, key: str) -> None:
    assert alias_key(alias) == key


def test_store_article_runs_inside_the_callers_transaction(memory_engine: Engine) -> None:
    mentions = FakeExtractor()(TANKS_ARTICLE)
    with Session(memory_engine) as session:
        with session.begin():
            assert store_article(session, TANKS_ARTICLE, mentions, "1").outcome == "new"
        with session.begin():
            assert store_article(session, TANKS_ARTICLE, mentions, "1").outcome == "unchanged"


def test_storing_without_mentions_where_they_are_needed_asks_to_plan_again(
    memory_engine: Engine,
) -> None:
    # The loader passes no mentions where plan() said only a delete was needed; if the
    # database changed since, so that the article must be stored, it plans again.
    planned = pytest.raises(Conflict, match="changed since its load was planned")
    with Session(memory_engine) as session, session.begin(), planned:
        store_article(session, TANKS_ARTICLE, None, "1")


def test_a_source_replaced_by_a_copy_of_another_is_not_counted_undated(
    stored: Engine, extractor: FakeExtractor
) -> None:
    # other.txt first held a text of its own; now it holds the tanks article's text, which
    # is stored once, under its first source: nothing undated was stored by this load.
    other = Article("elsewhere/other.txt", "Nothing was promised today.")
    load_articles(stored, [other], extractor=extractor)
    copy = replace(TANKS_ARTICLE, source=other.source, published=None, precision="unknown")
    seen: list[LoadResult] = []
    summary = load_articles(stored, [copy], extractor=extractor, on_result=seen.append)
    assert [(r.outcome, r.duplicate_of) for r in seen] == [("updated", TANKS_ARTICLE.source)]
    assert summary.undated == 0 and "undated" not in str(summary)
