"""Loading: articles (or read errors) in, extraction, storage, a summary out.

This is where extraction is called: once per article that is new or changed, never for one
already stored with the same text by the same EXTRACTOR_VERSION.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from kb import EXTRACTOR_VERSION
from kb.errors import ConnectionLost
from kb.ingest.articles import ReadError
from kb.records import Actor, Article, Extractor, Mention
from kb.storage.engine import writer
from kb.storage.write import Conflict, Stored, plan, store_article

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

    lost_in_a_row: int = 0

    def add(self, result: LoadResult) -> None:
        """Count `result`; raise ConnectionLost once the connection has failed for
        LOST_CONNECTION_LIMIT articles in a row."""
        setattr(self, result.outcome, getattr(self, result.outcome) + 1)
        self.mentions += result.mentions
        self.lost_in_a_row = self.lost_in_a_row + 1 if result.disconnected else 0
        if self.lost_in_a_row >= LOST_CONNECTION_LIMIT:
            stored = self.new + self.updated
            raise ConnectionLost(
                f"lost the connection to the database ({result.reason}); stopped after "
                f"{stored} articles stored, each whole; the same command finishes the job"
            )

    def __str__(self) -> str:
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed; {self.mentions} mentions stored"
        )


# An article's mentions as a worker process extracted them ahead (kb.loading.parallel), or
# the exception its extraction raised there, to be reported as if raised here.
Found = Sequence[Mention] | Exception


class _Extraction:
    """An article's mentions, extracted at most once, and only when storing needs them."""

    def __init__(self, extractor: Extractor, article: Article, found: Found | None) -> None:
        self.extractor, self.article, self.found = extractor, article, found

    def mentions(self) -> Sequence[Mention]:
        if self.found is None:
            self.found = list(self.extractor(self.article))
        if isinstance(self.found, Exception):
            raise self.found
        return self.found


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

    `actors` is store_article's cache of actor ids, cleared here when the article fails.
    """
    try:
        stored = _store(engine, article, _Extraction(extractor, article, found), actors)
    except (SQLAlchemyError, Conflict) as error:
        _forget(actors)
        reason = f"not stored: {type(error).__name__}: {getattr(error, 'orig', None) or error}"
        lost = isinstance(error, DBAPIError) and error.connection_invalidated
        return LoadResult(article.source, "failed", reason=reason, disconnected=lost)
    except Exception as error:  # an extraction bug must not stop the rest of the load
        _forget(actors)
        return LoadResult(article.source, "failed", reason=f"extraction failed: {error!r}")
    return LoadResult(article.source, stored.outcome, stored.mentions, notes=article.notes)


def _store(
    engine: Engine, article: Article, extraction: _Extraction, actors: dict[Actor, int] | None
) -> Stored:
    """Plan, extract if the plan needs it, and store in one writing transaction; all again
    while another process's transaction gets in the way (Conflict and the like)."""
    for attempt in range(1, ATTEMPTS + 1):
        with Session(engine) as session:
            step = plan(session, article, EXTRACTOR_VERSION)
        if step == "unchanged":
            return Stored("unchanged")
        mentions = extraction.mentions() if step == "extract" else None
        try:
            with Session(writer(engine)) as session, session.begin():
                return store_article(session, article, mentions, EXTRACTOR_VERSION, actors)
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
    """The load loop: store each article in the order read, one transaction each, with its
    extraction when it was done ahead (else extracting here, if needed), and count read
    errors as failed. kb.loading.load_articles feeds it from this process or from workers."""
    summary = LoadSummary()
    actors: dict[Actor, int] = {}
    for item, found in items:
        if isinstance(item, ReadError):
            result = LoadResult(item.source, "failed", reason=item.reason)
        else:
            result = load_article(engine, item, extractor, actors, found)
        summary.add(result)
        if on_result is not None:
            on_result(result)
    return summary
