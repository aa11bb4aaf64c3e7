"""Loading: read articles, extract their commitments and store them, in batches of whole
articles, by one loop (load.py), with extraction in this process or done ahead in several
(parallel.py); how many by default (jobs.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Engine

from kb.extract import extract
from kb.ingest.articles import ReadError
from kb.loading.load import LoadResult, LoadSummary, load_in_order
from kb.loading.parallel import extracted_ahead
from kb.records import Article, Extractor


def load_articles(
    engine: Engine,
    items: Iterable[Article | ReadError],
    *,
    extractor: Extractor | None = None,
    on_result: Callable[[LoadResult], None] | None = None,
    jobs: int = 1,
) -> LoadSummary:
    """Load every article in `items`, in batches, counting read errors as failed.

    `extractor` defaults to kb.extract.extract; `on_result` sees each result as it happens
    (the CLI prints failures and advances its progress bar there). With `jobs` above 1,
    extraction runs ahead in that many processes (a custom `extractor` must then be
    picklable); storing stays in this one, in the same order, so the result is the same.
    """
    extractor = extractor or extract
    if jobs == 1:
        return load_in_order(engine, ((item, None) for item in items), extractor, on_result)
    with extracted_ahead(engine, items, jobs, extractor) as ahead:
        return load_in_order(engine, ahead, extractor, on_result)


__all__ = ["LoadResult", "LoadSummary", "load_articles"]
