"""`kb load --jobs N`: extraction done ahead in N worker processes.

Extraction is pure and CPU-bound, so it runs in processes (threads would share one GIL).
Storing stays in the parent, in the order the articles were read, through the same load
loop as a serial load (kb.loading.load.load_in_order): the workers only compute what the
extractor would return, so the outcome, idempotence included, is that of `jobs=1`.

An article whose text is already stored is not sent to a worker (a reload should cost no
extraction); if storing it turns out to need extraction after all (its title changed, or
the stored copy was replaced earlier in this load), the loop extracts it itself.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kb import MAX_JOBS
from kb.ingest.articles import ReadError
from kb.loading.load import Found
from kb.records import Article, Extractor
from kb.storage.models import ArticleRow
from kb.storage.write import text_sha256

# Articles per task: enough to amortise pickling, few enough that the workers and the
# storing parent stay busy at the same time.
CHUNK = 32
# Chunks in flight per worker: the workers run ahead of storing, but not unboundedly.
AHEAD = 4

_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies

Item = Article | ReadError
Chunk = list[Item]
Pending = tuple[Chunk, list[Article], "Future[list[Found]] | None"]


def _worker_start(parent: int) -> None:
    """In each worker, first: die with the parent (a CI timeout, the OOM killer or `kill`
    would otherwise leave workers holding the database and stdout for ever), and leave
    Ctrl-C to the parent, which cancels the pool and says how far the load got."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


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
    pool: ProcessPoolExecutor, engine: Engine, chunk: Chunk, extractor: Extractor
) -> Pending:
    """Send the chunk's articles whose text is not stored yet to a worker."""
    articles = [item for item in chunk if isinstance(item, Article)]
    stored = _stored_texts(engine, articles) if articles else set()
    sent = [a for a in articles if text_sha256(a.text) not in stored]
    return chunk, sent, pool.submit(_extract_chunk, extractor, sent) if sent else None


def _in_order(pending: Pending) -> Iterator[tuple[Item, Found | None]]:
    """The chunk's items, each with what its worker found (None: not sent)."""
    chunk, sent, future = pending
    found = dict(zip(map(id, sent), future.result() if future else [], strict=True))
    for item in chunk:
        yield item, found.get(id(item))


def _ahead(
    pool: ProcessPoolExecutor,
    engine: Engine,
    items: Iterable[Item],
    extractor: Extractor,
    jobs: int,
) -> Iterator[tuple[Item, Found | None]]:
    pending: deque[Pending] = deque()
    for chunk in _chunks(items):
        pending.append(_submit(pool, engine, chunk, extractor))
        while len(pending) > jobs * AHEAD:
            yield from _in_order(pending.popleft())
    while pending:
        yield from _in_order(pending.popleft())


@contextmanager
def extracted_ahead(
    engine: Engine, items: Iterable[Item], jobs: int, extractor: Extractor
) -> Iterator[Iterator[tuple[Item, Found | None]]]:
    """The items in the order read, each with its extraction as `jobs` workers did it ahead
    (None for an article not sent); the pool is shut down on leaving, at once on an error
    or Ctrl-C (no further chunk starts)."""
    if not 1 <= jobs <= MAX_JOBS:
        raise ValueError(f"--jobs must be from 1 to {MAX_JOBS}, not {jobs}")
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        yield _ahead(pool, engine, items, extractor, jobs)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
