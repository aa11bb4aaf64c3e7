"""Loading: read articles, extract their commitments and store them, one article a
transaction, in this process (load.py) or with extraction in several (parallel.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Engine

from kb.ingest.articles import ReadError
from kb.loading.load import LoadResult, LoadSummary, load_serially
from kb.loading.parallel import load_parallel
from kb.records import Article
from kb.storage.write import Extractor


def load_articles(
    engine: Engine,
    items: Iterable[Article | ReadError],
    *,
    extractor: Extractor | None = None,
    on_result: Callable[[LoadResult], None] | None = None,
    jobs: int = 1,
) -> LoadSummary:
    """Load every article in `items`, one transaction each, counting read errors as failed.

    `extractor` defaults to kb.extract.extract; `on_result` sees each result as it happens
    (the CLI prints failures and advances its progress bar there). With `jobs` above 1,
    extraction runs in that many processes (kb.loading.parallel) and the result is the same.
    """
    if jobs > 1:
        return load_parallel(engine, items, jobs, extractor=extractor, on_result=on_result)
    return load_serially(engine, items, extractor=extractor, on_result=on_result)
