"""`kb load --jobs N`: extraction done ahead in N worker processes.

Extraction is pure and CPU-bound, so it runs in processes (threads would share one GIL).
Storing stays in the parent, in the order the articles were read, through the same load
loop as a serial load (kb.loading.load.load_in_order): the workers only compute what the
extractor would return, so the outcome, idempotence included, is that of `jobs=1`.

A thread of the parent reads the articles and sends them to the workers, so that they keep
extracting while the parent stores a batch (a store takes a second or two; workers that
waited for the parent to ask for more sat idle that long, and `--jobs 2` ran at 1.5x).

An article whose text is already stored is not sent to a worker (a reload should cost no
extraction); if storing it turns out to need extraction after all (its title changed, or
the stored copy was replaced earlier in this load), the loop extracts it itself. An
in-memory database is one per connection, so its thread cannot look: every article is sent.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kb import MAX_JOBS, workers
from kb.ingest.articles import ReadError
from kb.loading.load import BATCH_ARTICLES, Found
from kb.records import Article, Extractor
from kb.storage.engine import in_memory
from kb.storage.models import ArticleRow
from kb.storage.write import text_sha256

# Articles per task: enough to amortise pickling, few enough that the workers and the
# storing parent stay busy at the same time.
CHUNK = 32
# Chunks read ahead of storing, at most: a whole batch's worth, so that the workers extract
# the next batch while the parent stores one, and a few more a worker; never unboundedly.
AHEAD = 4
BACKLOG = BATCH_ARTICLES // CHUNK
# How often a feeder blocked on a full backlog looks whether the load has ended.
POLL_SECONDS = 0.1

Item = Article | ReadError
Chunk = list[Item]
Pending = tuple[Chunk, list[Article], "Future[list[Found]] | None"]


def _extract_chunk(extractor: Extractor, articles: list[Article]) -> list[Found]:
    """In a worker: each article's records, or the exception its extraction raised."""
    out: list[Found] = []
    for article in articles:
        try:
            out.append(list(extractor(article)))
        except Exception as error:  # re-raised in the parent, which reports it as serial does
            out.append(error)
    return out


def _chunks(items: Iterable[Item]) -> Iterator[Chunk]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _stored_texts(engine: Engine, articles: list[Article]) -> set[str]:
    """The SHA-256 of those texts that the database already holds (under any source)."""
    shas = {text_sha256(a.text) for a in articles}
    with Session(engine) as session:
        return set(session.scalars(select(ArticleRow.sha256).where(ArticleRow.sha256.in_(shas))))


def _submit(
    pool: ProcessPoolExecutor, engine: Engine | None, chunk: Chunk, extractor: Extractor
) -> Pending:
    """Send the chunk's articles whose text is not stored yet (all, without `engine`) to a
    worker."""
    articles = [item for item in chunk if isinstance(item, Article)]
    stored = _stored_texts(engine, articles) if articles and engine is not None else set()
    sent = [a for a in articles if text_sha256(a.text) not in stored]
    return chunk, sent, pool.submit(_extract_chunk, extractor, sent) if sent else None


def _in_order(pending: Pending) -> Iterator[tuple[Item, Found | None]]:
    """The chunk's items, each with what its worker found (None: not sent)."""
    chunk, sent, future = pending
    found = dict(zip(map(id, sent), future.result() if future else [], strict=True))
    for item in chunk:
        yield item, found.get(id(item))


@dataclass(frozen=True)
class _Fault:
    """What stopped the feeder (reading or sending), raised again where the items are used."""

    error: BaseException


class _Feeder:
    """A thread that reads the items and sends them to the workers, up to `limit` chunks
    ahead of the parent that stores them; iterating gives the items in the order read."""

    def __init__(
        self,
        pool: ProcessPoolExecutor,
        engine: Engine,
        items: Iterable[Item],
        extractor: Extractor,
        limit: int,
    ) -> None:
        self._chunks: queue.Queue[Pending | _Fault | None] = queue.Queue(maxsize=limit)
        self._stop = threading.Event()
        looked_up = None if in_memory(engine) else engine
        self._thread = threading.Thread(
            target=self._feed, args=(pool, looked_up, items, extractor), daemon=True
        )
        self._thread.start()

    def _feed(
        self,
        pool: ProcessPoolExecutor,
        engine: Engine | None,
        items: Iterable[Item],
        extractor: Extractor,
    ) -> None:
        try:
            for chunk in _chunks(items):
                if not self._put(_submit(pool, engine, chunk, extractor)):
                    return
        except BaseException as error:  # handed over to the thread that stores
            self._put(_Fault(error))
        else:
            self._put(None)

    def _put(self, entry: Pending | _Fault | None) -> bool:
        """Queue `entry` once there is room; False if the load ended first."""
        while not self._stop.is_set():
            try:
                self._chunks.put(entry, timeout=POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator[tuple[Item, Found | None]]:
        while (entry := self._chunks.get()) is not None:
            if isinstance(entry, _Fault):
                raise entry.error
            yield from _in_order(entry)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def extracted_ahead(
    engine: Engine, items: Iterable[Item], jobs: int, extractor: Extractor
) -> Iterator[Iterator[tuple[Item, Found | None]]]:
    """The items in the order read, each with its extraction as `jobs` workers did it ahead
    (None for an article not sent); the pool is shut down on leaving, at once on an error
    or Ctrl-C (no further chunk starts)."""
    if not 1 <= jobs <= MAX_JOBS:
        raise ValueError(f"--jobs must be from 1 to {MAX_JOBS}, not {jobs}")
    pool = workers.pool(jobs)
    feeder = None
    try:
        feeder = _Feeder(pool, engine, items, extractor, jobs * AHEAD + BACKLOG)
        yield iter(feeder)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        if feeder is not None:
            feeder.close()
        raise
    feeder.close()
    pool.shutdown(wait=True)
