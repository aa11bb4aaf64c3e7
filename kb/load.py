"""Loading: articles (or read errors) in, extraction, storage, a summary out.

This is where extraction is called: once per article that is new or changed, never for one
already stored with the same text by the same EXTRACTOR_VERSION.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kb import EXTRACTOR_VERSION
from kb.extract import extract
from kb.reading import ReadError
from kb.records import Article
from kb.storage.write import Extractor, store_article


@dataclass(frozen=True)
class LoadResult:
    """What happened to one article (or one file or line that could not be read)."""

    source: str
    outcome: Literal["new", "updated", "unchanged", "failed"]
    commitments: int = 0
    reason: str | None = None


@dataclass
class LoadSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    commitments: int = 0  # stored by this load, not in the database as a whole

    def add(self, result: LoadResult) -> None:
        setattr(self, result.outcome, getattr(self, result.outcome) + 1)
        self.commitments += result.commitments

    def __str__(self) -> str:
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed; {self.commitments} commitments stored"
        )


def load_article(
    engine: Engine, article: Article, extractor: Extractor | None = None
) -> LoadResult:
    """Extract and store one article in its own transaction; any failure rolls it back."""
    try:
        with Session(engine) as session, session.begin():
            stored = store_article(session, article, extractor or extract, EXTRACTOR_VERSION)
    except SQLAlchemyError as error:
        reason = f"not stored: {type(error).__name__}: {getattr(error, 'orig', None) or error}"
        return LoadResult(article.source, "failed", reason=reason)
    except Exception as error:  # an extraction bug must not stop the rest of the load
        return LoadResult(article.source, "failed", reason=f"extraction failed: {error!r}")
    return LoadResult(article.source, stored.outcome, stored.commitments)


def load_articles(
    engine: Engine,
    items: Iterable[Article | ReadError],
    *,
    extractor: Extractor | None = None,
    on_result: Callable[[LoadResult], None] | None = None,
) -> LoadSummary:
    """Load every article in `items`, one transaction each, counting read errors as failed.

    `extractor` defaults to kb.extract.extract; `on_result` sees each result as it happens
    (the CLI prints failures and advances its progress bar there).
    """
    summary = LoadSummary()
    for item in items:
        if isinstance(item, ReadError):
            result = LoadResult(item.source, "failed", reason=item.reason)
        else:
            result = load_article(engine, item, extractor)
        summary.add(result)
        if on_result is not None:
            on_result(result)
    return summary
