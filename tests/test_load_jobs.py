"""`kb load --jobs N`: extraction in worker processes, and the same outcome as one process."""

from __future__ import annotations

import io
import itertools
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fakes import TANKS_ARTICLE, UK, FakeExtractor, commitment, tank_records
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kb import workers
from kb.ingest.articles import ReadError, iter_articles
from kb.loading import load_articles, parallel
from kb.loading.load import LoadResult
from kb.query.commitments import find_commitments
from kb.query.export import MENTION_COLUMNS, write_csv
from kb.records import Actor, Article, Mention
from kb.storage.engine import open_database

SEEDS = Path(__file__).parent.parent / "seeds"
SEED_ARTICLES = len(list(SEEDS.glob("*.txt")))


def exported(engine: Engine) -> str:
    """The commitments and the mentions, as kb export writes them."""
    out = io.StringIO()
    with Session(engine) as session:
        write_csv(find_commitments(session), out)
        write_csv(find_commitments(session, mentions=True), out, MENTION_COLUMNS)
    return out.getvalue()


def must_not_run(article: Article) -> list[Mention]:
    """An extractor for a load that should extract nothing (module level: it is pickled)."""
    raise AssertionError(f"extracted {article.source}")


def fails_on_poland(article: Article) -> list[Mention]:
    if "Poland" in article.text:
        raise ValueError("no rule for Poland")
    return []


def test_jobs_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    one = open_database(f"sqlite:///{tmp_path / 'one.sqlite'}")
    two = open_database(f"sqlite:///{tmp_path / 'two.sqlite'}")
    serial = load_articles(one, iter_articles([SEEDS]))
    parallel = load_articles(two, iter_articles([SEEDS]), jobs=2)
    assert str(parallel) == str(serial)
    assert serial.new == SEED_ARTICLES and serial.mentions > 0
    assert exported(two) == exported(one)  # the same rows, in the same order, with the same ids
    one.dispose()
    two.dispose()


def test_jobs_load_an_in_memory_database(memory_engine: Engine, tmp_path: Path) -> None:
    # Each thread's connection to an in-memory database is a database of its own: the thread
    # that sends articles to the workers must not look for stored texts in one.
    one = open_database(f"sqlite:///{tmp_path / 'one.sqlite'}")
    load_articles(one, iter_articles([SEEDS]))
    summary = load_articles(memory_engine, iter_articles([SEEDS]), jobs=2)
    assert summary.new == SEED_ARTICLES
    assert exported(memory_engine) == exported(one)
    again = load_articles(memory_engine, iter_articles([SEEDS]), jobs=2)
    assert (again.unchanged, again.mentions) == (SEED_ARTICLES, 0)
    one.dispose()


def _breaks_after_one() -> Iterator[Article | ReadError]:
    yield TANKS_ARTICLE
    raise OSError("the disk went away")


def test_an_error_while_reading_reaches_the_caller(engine: Engine) -> None:
    # Reading happens in the thread that feeds the workers; what stops it is raised where
    # the load was called, as a load in one process raises it.
    for jobs in (1, 2):
        with pytest.raises(OSError, match="the disk went away"):
            load_articles(engine, _breaks_after_one(), extractor=FakeExtractor(), jobs=jobs)


def test_a_reload_with_jobs_extracts_nothing(engine: Engine) -> None:
    load_articles(engine, iter_articles([SEEDS]))
    again = load_articles(engine, iter_articles([SEEDS]), extractor=must_not_run, jobs=2)
    assert (again.unchanged, again.failed, again.mentions) == (SEED_ARTICLES, 0, 0)


def test_failures_are_reported_as_one_process_reports_them(tmp_path: Path) -> None:
    items: list[Article | ReadError] = [
        Article("a.txt", "Japan pledged aid."),
        ReadError("b.txt", "not UTF-8"),
        Article("c.txt", "Poland pledged tanks."),
        Article("d.txt", "Canada pledged aid."),
    ]
    seen: dict[int, list[LoadResult]] = {1: [], 2: []}
    for jobs in (1, 2):
        engine = open_database(f"sqlite:///{tmp_path / f'{jobs}.sqlite'}")
        load_articles(
            engine, items, extractor=fails_on_poland, on_result=seen[jobs].append, jobs=jobs
        )
        engine.dispose()
    assert seen[2] == seen[1]
    assert [r.outcome for r in seen[2]] == ["new", "failed", "failed", "new"]
    assert seen[2][2].reason == "extraction failed: ValueError('no rule for Poland')"


def test_jobs_work_with_an_extractor_given_by_the_caller(engine: Engine) -> None:
    summary = load_articles(engine, [TANKS_ARTICLE], extractor=FakeExtractor(), jobs=2)
    assert (summary.new, summary.mentions) == (1, 5)


def test_an_actor_inserted_by_a_failed_article_is_inserted_again_later(engine: Engine) -> None:
    # The load caches actor ids from article to article; the rollback of a failed article
    # takes its new actors away, and the cache must not keep pointing at them.
    japan = Actor("Japan", "country", "JPN", ("Tokyo",))
    text = "Japan pledged 3 ambulances."
    good = commitment(text, text, japan, None, "ambulances", "committed", quantity=3.0)
    bad = replace(good, status="maybe")  # refused by store_article, after Japan is inserted
    extractor = FakeExtractor({"x " + text: [good, bad], text: [good]})
    summary = load_articles(
        engine,
        [Article("bad.txt", "x " + text), Article("good.txt", text)],
        extractor=extractor,
    )
    assert (summary.failed, summary.new, summary.mentions) == (1, 1, 1)
    with Session(engine) as session:
        (row,) = find_commitments(session)
    assert (row.donor, row.article) == ("Japan", "good.txt")


def test_the_actor_cache_spans_articles(engine: Engine) -> None:
    texts = [f"Britain sent {n} tanks." for n in (1, 2, 3)]
    records = {t: [commitment(t, t, UK, None, "tanks", "delivered")] for t in texts}
    records[TANKS_ARTICLE.text] = tank_records()
    articles = [Article(f"{n}.txt", t) for n, t in enumerate(texts)] + [TANKS_ARTICLE]
    summary = load_articles(engine, articles, extractor=FakeExtractor(records))
    assert (summary.new, summary.mentions) == (4, 8)
    with Session(engine) as session:
        assert {r.donor for r in find_commitments(session)} == {"United Kingdom", "Poland"}


def test_the_feeder_reads_no_further_ahead_than_its_backlog(engine: Engine) -> None:
    # A slow store must not let the reading thread pull a whole corpus into memory: once its
    # backlog is full, it holds at most the chunk it is waiting to queue.
    read = itertools.count()

    def articles() -> Iterator[Article]:
        for n in range(100 * parallel.CHUNK):
            next(read)
            yield Article(f"{n}.txt", f"Japan pledged {n} tents.")

    pool = workers.pool(1)
    feeder = parallel._Feeder(pool, engine, articles(), FakeExtractor(), limit=2)
    try:
        deadline = time.monotonic() + 60  # generous: a loaded machine is slow, never wrong
        while not feeder._chunks.full() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert feeder._chunks.full()
        assert next(read) <= 3 * parallel.CHUNK
    finally:
        feeder.close()
        pool.shutdown(cancel_futures=True)
