"""Loads store batches of whole articles (issue 13): what a batch stores is what storing the
articles one by one stores; a bad article fails alone; a text or source met twice in one
batch is stored as a second load of it would be."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fakes import UK, UKRAINE, FakeExtractor, commitment
from many_articles import commitments, fingerprint
from sqlalchemy import Engine, event
from sqlalchemy.engine.interfaces import ExecuteStyle

from kb.ingest.articles import iter_articles
from kb.loading import load as loading
from kb.loading import load_articles
from kb.records import Article, Mention
from kb.storage.engine import open_database


def _tents(n: int) -> tuple[str, list[Mention]]:
    text = f"Britain sent {n + 2} tents to Ukraine."
    return text, [commitment(text, text, UK, UKRAINE, "tents", "delivered", quantity=float(n + 2))]


def _articles(count: int) -> tuple[list[Article], FakeExtractor]:
    records = dict(_tents(n) for n in range(count))
    articles = [Article(f"a{n}.txt", text) for n, text in enumerate(records)]
    return articles, FakeExtractor(records)


@pytest.mark.slow
@pytest.mark.parametrize("size", [1, 7])
def test_batches_store_and_consolidate_what_one_article_a_transaction_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_load: tuple[Path, Any, Any], size: int
) -> None:
    folder, clean, consolidated = clean_load  # a load with the default batches
    monkeypatch.setattr(loading, "BATCH_ARTICLES", size)
    url = f"sqlite:///{tmp_path / 'kb.sqlite'}"
    engine = open_database(url)
    summary = load_articles(engine, iter_articles([folder]))
    engine.dispose()
    assert summary.failed == 0
    assert fingerprint(url) == clean
    assert commitments(url) == consolidated


def test_an_article_whose_extraction_fails_fails_alone(engine: Engine) -> None:
    articles, extractor = _articles(5)

    def flaky(article: Article) -> list[Mention]:
        if article.source == "a2.txt":
            raise RuntimeError("a rule tripped")
        return extractor(article)

    results: list[loading.LoadResult] = []
    summary = load_articles(engine, articles, extractor=flaky, on_result=results.append)
    assert (summary.new, summary.failed, summary.mentions) == (4, 1, 4)
    assert [r.source for r in results] == [a.source for a in articles]  # in the order read
    (failed,) = [r for r in results if r.outcome == "failed"]
    assert failed.source == "a2.txt"
    assert failed.reason is not None and "a rule tripped" in failed.reason


def test_an_article_the_database_refuses_fails_alone(engine: Engine) -> None:
    articles, extractor = _articles(5)
    text = articles[3].text
    extractor.records[text] = [replace(extractor.records[text][0], status="maybe")]
    summary = load_articles(engine, articles, extractor=extractor)
    assert (summary.new, summary.failed, summary.mentions) == (4, 1, 4)
    again = load_articles(engine, articles, extractor=extractor)
    assert (again.unchanged, again.failed) == (4, 1)  # the good ones were stored whole


def test_the_same_text_twice_in_one_batch_is_stored_once(engine: Engine) -> None:
    articles, extractor = _articles(3)
    twin = Article("copy-of-a1.txt", articles[1].text)
    summary = load_articles(engine, [*articles, twin], extractor=extractor)
    # The second copy is counted as what it is: a duplicate of the first, not unchanged.
    assert (summary.new, summary.duplicates, summary.unchanged, summary.mentions) == (3, 1, 0, 3)


def test_the_same_source_twice_in_one_batch_is_stored_as_its_last_text(engine: Engine) -> None:
    articles, extractor = _articles(3)
    changed = Article("a0.txt", articles[2].text + " More to come.")
    extractor.records[changed.text] = []
    summary = load_articles(engine, [*articles, changed], extractor=extractor)
    assert (summary.new, summary.updated) == (3, 1)
    assert extractor.calls == 4


class _Clock:
    """time.monotonic for the load loop, moved on by the test alone."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now


def test_a_batch_fills_for_as_long_as_the_last_store_took(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Extracting an article takes a tenth of a second, and storing a batch three seconds
    (as in a large database): the first batch fills for a second, the rest for three."""
    clock = _Clock()
    monkeypatch.setattr(loading, "time", clock)
    articles, records = _articles(100)

    def extractor(article: Article) -> list[Mention]:
        clock.now += 0.1
        return records(article)

    sizes: list[int] = []
    store = loading._store

    def slow_store(engine: Engine, batch: Any, actors: Any) -> Any:
        sizes.append(len(batch))
        clock.now += 3.0
        return store(engine, batch, actors)

    monkeypatch.setattr(loading, "_store", slow_store)
    summary = load_articles(engine, articles, extractor=extractor)
    assert summary.new == 100
    # Extraction runs PLAN_CHUNK (16) articles at a time, so a batch ends on a chunk.
    assert sizes == [16, 32, 32, 20]


def test_a_batchs_reports_go_in_a_few_statements(tmp_path: Path) -> None:
    """A batch's reports are inserted many to a statement, which the database runs once: on
    SQLite each run of the INSERT made the full-text index write and merge a segment
    (kb.storage.upsert.insert_all). Counted as the driver is given them: an executemany
    runs its statement once for each set of parameters."""
    engine = open_database(f"sqlite:///{tmp_path / 'kb.sqlite'}")
    runs: list[int] = []

    def count(_c: Any, _cursor: Any, sql: str, params: Any, context: Any, _many: bool) -> None:
        if sql.startswith("INSERT INTO mentions"):
            many = context.execute_style is ExecuteStyle.EXECUTEMANY
            runs.append(len(params) if many else 1)

    event.listen(engine, "before_cursor_execute", count)
    articles, extractor = _articles(300)
    summary = load_articles(engine, articles, extractor=extractor)
    assert (summary.new, summary.mentions) == (300, 300)
    assert 1 <= sum(runs) <= 3  # a batch or two (a second's work each), not 300 runs
    with engine.connect() as connection:
        indexed = connection.exec_driver_sql("SELECT count(*) FROM search").scalar()
    assert indexed == 300
