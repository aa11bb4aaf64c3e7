"""`kb load --jobs N`: extraction spread over N worker processes, storing kept in this one.

Extraction is pure and CPU-bound, so it runs in processes (threads would share one GIL).
Storing stays in the parent, in the order the articles were read, one transaction each,
through the same kb.loading.load.load_article as a serial load: the workers only compute what the
extractor would return, so the outcome, idempotence included, is that of `jobs=1`.

An article whose text is already stored is not sent to a worker (a reload should cost no
extraction); if storing it turns out to need extraction after all (its title changed, or
the stored copy was replaced earlier in this load), it is extracted here instead.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kb.ingest.articles import ReadError
from kb.loading import load as loading
from kb.records import Actor, Article, Mention
from kb.storage.models import ArticleRow
from kb.storage.write import Extractor, text_sha256

# Articles per task: enough to amortise pickling, few enough that the workers and the
# storing parent stay busy at the same time.
CHUNK = 32
# Chunks in flight per worker: the workers run ahead of storing, but not unboundedly.
AHEAD = 4

# More workers than this helps nobody on any machine kb runs on, and a thousand forks under
# a process limit crashed, then hung.
MAX_JOBS = 64
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies

Extracted = Sequence[Mention] | Exception
Chunk = list[Article | ReadError]


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


def _extract_chunk(extractor: Extractor, articles: list[Article]) -> list[Extracted]:
    """In a worker: each article's records, or the exception its extraction raised."""
    out: list[Extracted] = []
    for article in articles:
        try:
            out.append(list(extractor(article)))
        except Exception as error:  # re-raised in the parent, which reports it as serial does
            out.append(error)
    return out


def _chunks(items: Iterable[Article | ReadError]) -> Iterator[Chunk]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _stored_texts(engine: Engine, articles: list[Article]) -> set[str]:
    """The SHA-256 of those texts that the database already holds (under any source)."""
    shas = {text_sha256(a.text) for a in articles}
    with Session(engine) as session:
        return set(session.scalars(select(ArticleRow.sha256).where(ArticleRow.sha256.in_(shas))))


def _replay(outcome: Extracted) -> Extractor:
    """An extractor that gives what a worker computed for the one article it is called on."""

    def extractor(article: Article) -> Sequence[Mention]:
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return extractor


def load_parallel(
    engine: Engine,
    items: Iterable[Article | ReadError],
    jobs: int,
    *,
    extractor: Extractor | None = None,
    on_result: Callable[[loading.LoadResult], None] | None = None,
) -> loading.LoadSummary:
    """kb.loading.load_articles with extraction in `jobs` processes (same arguments,
    same result).

    A custom `extractor` must be picklable (a module-level function or such an object).
    """
    extract = extractor or loading.extract  # looked up now, so that a test's stand-in is used
    summary = loading.LoadSummary()
    actors: dict[Actor, int] = {}
    pending: deque[tuple[Chunk, list[Article], Future[list[Extracted]] | None]] = deque()

    def store(chunk: Chunk, sent: list[Article], future: Future[list[Extracted]] | None) -> None:
        outcomes = dict(zip(map(id, sent), future.result() if future else [], strict=True))
        for item in chunk:
            if isinstance(item, ReadError):
                result = loading.LoadResult(item.source, "failed", reason=item.reason)
            else:
                found = outcomes.get(id(item))
                replay = extract if found is None else _replay(found)
                result = loading.load_article(engine, item, replay, actors)
            summary.add(result)
            if on_result is not None:
                on_result(result)

    if not 1 <= jobs <= MAX_JOBS:
        raise ValueError(f"--jobs must be from 1 to {MAX_JOBS}, not {jobs}")
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        for chunk in _chunks(items):
            articles = [item for item in chunk if isinstance(item, Article)]
            stored = _stored_texts(engine, articles) if articles else set()
            sent = [a for a in articles if text_sha256(a.text) not in stored]
            future = pool.submit(_extract_chunk, extract, sent) if sent else None
            pending.append((chunk, sent, future))
            while len(pending) > jobs * AHEAD:
                store(*pending.popleft())
        while pending:
            store(*pending.popleft())
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C: no further chunk starts
        raise
    pool.shutdown(wait=True)
    return summary
