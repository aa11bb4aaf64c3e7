"""Loading: articles (or read errors) in, extraction, storage, a summary out.

This is where extraction is called: once per article that is new or changed, never for one
already stored with the same text by the same EXTRACTOR_VERSION.

Articles are stored in batches: one transaction holds up to BATCH_ARTICLES whole articles, or
what BATCH_SECONDS of reading and extracting brought (or as long as storing the batch before
took, if longer), and consolidates the groups they touch once. A kill leaves whole batches,
so whole articles, and never part of one; a batch that fails is stored again article by
article, so that one bad article fails alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from kb import EXTRACTOR_VERSION
from kb.errors import ConnectionLost
from kb.ingest.articles import ReadError
from kb.records import Actor, Article, Extractor, Mention
from kb.storage.engine import writer
from kb.storage.write import (
    Conflict,
    Stored,
    plan_many,
    plans_and_copies,
    store_articles,
    text_sha256,
)

# A batch ends at whichever comes first: enough articles that consolidating their groups
# once pays (a group many of them touch is rebuilt once), or a second's work, so that a
# progress bar and a reader of the database see it move and a kill loses no more. In a
# large database a store takes seconds, most of them reading again the dense windows of the
# groups a batch touches, much the same ones each batch; so a batch then fills for as long
# as the last store took, and fewer, larger batches read them fewer times (1,000 articles
# into 100,000: five stores of 14.4 s in all before, three of 12.8 s after).
BATCH_ARTICLES = 1000
BATCH_SECONDS = 1.0
# Articles planned (and extracted where needed) together while a batch fills.
PLAN_CHUNK = 16
# Storing an article is tried again when another process got in the way (see _transient):
# once is almost always enough; the rest is for a crowd of loads on one server.
ATTEMPTS = 5
# PostgreSQL's serialization failure and deadlock: transient by definition.
_TRANSIENT_SQLSTATES = frozenset({"40001", "40P01"})


@dataclass(frozen=True)
class LoadResult:
    """What happened to one article (or one file or line that could not be read)."""

    source: str
    outcome: Literal["new", "updated", "unchanged", "failed"]
    mentions: int = 0
    reason: str | None = None
    notes: tuple[str, ...] = ()  # the article's notes from reading (kb.records.Article)
    disconnected: bool = False  # failed because the connection to the database was lost
    undated: bool = False  # stored with no date: neither its file nor its text gives one
    duplicate_of: str | None = None  # its text is stored once already, under this source


# Consecutive articles that may fail on a lost connection before a load stops: one may be a
# server's restart that the pool recovers from; several mean it is gone.
LOST_CONNECTION_LIMIT = 3


@dataclass
class LoadSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    mentions: int = 0  # stored by this load, not in the database as a whole
    undated: int = 0  # of the articles stored, those with no date of their own
    duplicates: int = 0  # texts stored already under another source: stored once, not again

    lost_in_a_row: int = 0

    def add(self, result: LoadResult) -> None:
        """Count `result`; raise ConnectionLost once the connection has failed for
        LOST_CONNECTION_LIMIT articles in a row."""
        copy = result.duplicate_of is not None and result.outcome == "unchanged"
        if copy:  # a copy under another name: counted as such, not as unchanged
            self.duplicates += 1
        else:
            setattr(self, result.outcome, getattr(self, result.outcome) + 1)
        self.mentions += result.mentions
        self.undated += result.undated
        self.lost_in_a_row = self.lost_in_a_row + 1 if result.disconnected else 0
        if self.lost_in_a_row >= LOST_CONNECTION_LIMIT:
            stored = self.new + self.updated
            raise ConnectionLost(
                f"lost the connection to the database ({result.reason}); stopped after "
                f"{stored} articles stored, each whole; the same command finishes the job"
            )

    def __str__(self) -> str:
        copies = ""
        if self.duplicates:
            what = "a stored article" if self.duplicates == 1 else "stored articles"
            copies = f", {self.duplicates} duplicate{'s' * (self.duplicates > 1)} of {what}"
        said = (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged{copies}, "
            f"{self.failed} failed; {self.mentions} mentions stored"
        )
        if self.undated:  # answers filtered by date cannot see them: say so now
            said += f"; {self.undated} of them undated (no date in the file or its text)"
        return said


# An article's mentions as a worker process extracted them ahead (kb.loading.parallel), or
# the exception its extraction raised there, to be reported as if raised here.
Found = Sequence[Mention] | Exception


class _Extraction:
    """An article's mentions, extracted at most once, and only when storing needs them."""

    def __init__(self, extractor: Extractor, article: Article, found: Found | None) -> None:
        self.extractor, self.article, self.found = extractor, article, found

    def mentions(self) -> Sequence[Mention]:
        self.run()
        if isinstance(self.found, Exception):
            raise self.found
        assert self.found is not None
        return self.found

    def run(self) -> None:
        if self.found is None:
            try:
                self.found = list(self.extractor(self.article))
            except Exception as error:  # kept, so that a second try reports it, not redoes it
                self.found = error


def _stored(article: Article, stored: Stored) -> LoadResult:
    # Undated only if stored: a source now holding a copy of another's text stores nothing.
    stored_here = stored.outcome in ("new", "updated") and stored.duplicate_of is None
    undated = article.published is None and stored_here
    return LoadResult(
        article.source,
        stored.outcome,
        stored.mentions,
        notes=article.notes,
        undated=undated,
        duplicate_of=stored.duplicate_of,
    )


def load_article(
    engine: Engine,
    article: Article,
    extractor: Extractor,
    actors: dict[Actor, int] | None = None,
    found: Found | None = None,
) -> LoadResult:
    """Extract and store one article in its own transaction; any failure rolls it back.

    Extraction runs before that transaction, not in it, so that the write lock (one writer
    at a time on SQLite) is held for milliseconds, not for as long as the rules take: another
    load of the same database waits that long at most. An article already stored as it is
    costs one read and no extraction. `found` is its extraction if it was done ahead.

    `actors` is store_articles's cache of actor ids, cleared here when the article fails.
    """
    try:
        (stored,) = _store(engine, [_Extraction(extractor, article, found)], actors)
    except (SQLAlchemyError, Conflict) as error:
        _forget(actors)
        reason = f"not stored: {type(error).__name__}: {getattr(error, 'orig', None) or error}"
        lost = isinstance(error, DBAPIError) and error.connection_invalidated
        return LoadResult(article.source, "failed", reason=reason, disconnected=lost)
    except Exception as error:  # an extraction bug must not stop the rest of the load
        _forget(actors)
        return LoadResult(article.source, "failed", reason=f"extraction failed: {error!r}")
    return _stored(article, stored)


def _store(
    engine: Engine, batch: Sequence[_Extraction], actors: dict[Actor, int] | None
) -> list[Stored]:
    """Plan, extract where the plan needs it, and store the batch in one writing
    transaction; all again while another process's transaction gets in the way (Conflict
    and the like)."""
    articles = [x.article for x in batch]
    for attempt in range(1, ATTEMPTS + 1):
        with Session(engine) as session:
            planned = plans_and_copies(session, articles, EXTRACTOR_VERSION)
        steps = [step for step, _ in planned]
        if all(step == "unchanged" for step in steps):
            return [Stored("unchanged", duplicate_of=copy) for _, copy in planned]
        work = [
            (x.article, x.mentions() if step == "extract" else None)
            for x, step in zip(batch, steps, strict=True)
        ]
        try:
            with Session(writer(engine)) as session, session.begin():
                return store_articles(session, work, EXTRACTOR_VERSION, actors)
        except (Conflict, IntegrityError, OperationalError) as error:
            _forget(actors)
            if attempt == ATTEMPTS or not _transient(error):
                raise
    raise AssertionError("unreachable")


def _transient(error: Exception) -> bool:
    """Whether running the same transaction again may succeed: a unique key that another
    process inserted first (it will be found this time), or a PostgreSQL deadlock."""
    if isinstance(error, Conflict | IntegrityError):
        return True
    return getattr(getattr(error, "orig", None), "sqlstate", None) in _TRANSIENT_SQLSTATES


def _forget(actors: dict[Actor, int] | None) -> None:
    if actors is not None:  # it may hold ids of actors that the rollback took away
        actors.clear()


def load_in_order(
    engine: Engine,
    items: Iterable[tuple[Article | ReadError, Found | None]],
    extractor: Extractor,
    on_result: Callable[[LoadResult], None] | None = None,
) -> LoadSummary:
    """The load loop: store the articles in the order read, in batches (see the module's
    docstring), each with its extraction when it was done ahead (else extracting here, if
    needed), and count read errors as failed. kb.loading.load_articles feeds it from this
    process or from workers. `on_result` sees every result, in the order read."""
    summary = LoadSummary()
    batch = _Batch(engine, extractor)
    for item, found in items:
        if isinstance(item, ReadError):
            batch.results.append(LoadResult(item.source, "failed", reason=item.reason))
        elif not batch.add(item, found):
            _report(batch.store(), summary, on_result)
            batch.add(item, found)
        if batch.full():
            _report(batch.store(), summary, on_result)
    _report(batch.store(), summary, on_result)
    return summary


def _report(
    results: list[LoadResult],
    summary: LoadSummary,
    on_result: Callable[[LoadResult], None] | None,
) -> None:
    for result in results:
        summary.add(result)
        if on_result is not None:
            on_result(result)


@dataclass
class _Batch:
    """The articles of one transaction, and the results of the load in the order read."""

    engine: Engine
    extractor: Extractor
    actors: dict[Actor, int] = field(default_factory=dict)  # ids, from batch to batch
    results: list[LoadResult | _Extraction] = field(default_factory=list)
    pending: list[_Extraction] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)  # the batch's sources and texts
    started: float = 0.0
    fill: float = BATCH_SECONDS  # or as long as the last store took, if longer

    def add(self, article: Article, found: Found | None) -> bool:
        """Take the article into the batch; False if the batch holds its source or text
        already (the second must see what the first stored: it waits for the next batch)."""
        keys = {f"source:{article.source}", f"text:{text_sha256(article.text)}"}
        if keys & self.keys:
            return False
        if not self.pending:
            self.started = time.monotonic()
        self.keys |= keys
        extraction = _Extraction(self.extractor, article, found)
        self.pending.append(extraction)
        self.results.append(extraction)
        if len(self.pending) % PLAN_CHUNK == 0:
            self._extract(self.pending[-PLAN_CHUNK:])
        return True

    def _extract(self, chunk: list[_Extraction]) -> None:
        """Extract those of `chunk` that storing will need, now, so that the time a batch
        takes to fill counts its extraction (one query plans them all)."""
        with Session(self.engine) as session:
            steps = plan_many(session, [x.article for x in chunk], EXTRACTOR_VERSION)
        for x, step in zip(chunk, steps, strict=True):
            if step == "extract":
                x.run()

    def full(self) -> bool:
        return len(self.pending) >= BATCH_ARTICLES or (
            bool(self.pending) and time.monotonic() - self.started >= self.fill
        )

    def store(self) -> list[LoadResult]:
        """Store the batch; the results so far, in the order read. A batch that fails is
        stored article by article, each in its own transaction, so that the one at fault
        fails alone and says why."""
        done: dict[int, LoadResult] = {}
        began = time.monotonic()
        if self.pending:
            stored: Sequence[Stored | None]
            try:
                stored = _store(self.engine, self.pending, self.actors)
            except Exception:
                _forget(self.actors)
                stored = [None] * len(self.pending)
            for x, one in zip(self.pending, stored, strict=True):
                done[id(x)] = self._result(x, one)
        out = [done[id(r)] if isinstance(r, _Extraction) else r for r in self.results]
        self.results, self.pending, self.keys = [], [], set()
        self.fill = max(BATCH_SECONDS, time.monotonic() - began)
        return out

    def _result(self, x: _Extraction, stored: Stored | None) -> LoadResult:
        if stored is None:
            return load_article(self.engine, x.article, self.extractor, self.actors, x.found)
        return _stored(x.article, stored)
