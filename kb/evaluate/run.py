"""`kb eval`: load articles into a throw-away knowledge base, export, and score.

The gold is per article, so what is scored is the mentions (`kb export --mentions`), one row
per record of an article, not the consolidated commitments that merge articles.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from kb.evaluate.scoring import Report, load_gold, score
from kb.ingest.articles import iter_articles
from kb.loading import load_articles
from kb.loading.load import LoadResult
from kb.query import commitments as queries
from kb.query.export import MENTION_COLUMNS, csv_row
from kb.storage.engine import database_url, open_database


def evaluate(
    paths: Iterable[str | Path],
    gold_path: str | Path,
    on_result: Callable[[LoadResult], None] | None = None,
) -> Report:
    """Score what `kb load` and `kb export` make of `paths` against the gold file."""
    gold = load_gold(gold_path)  # first, so that a bad gold file fails before any work
    with tempfile.TemporaryDirectory(prefix="kb-eval-") as folder:
        engine = open_database(database_url(str(Path(folder) / "eval.sqlite")))
        try:
            load_articles(engine, iter_articles(paths), on_result=on_result)
            with Session(engine) as session:
                rows = [
                    dict(zip(MENTION_COLUMNS, csv_row(r, MENTION_COLUMNS), strict=True))
                    for r in queries.find_commitments(session, mentions=True)
                ]
        finally:
            engine.dispose()
    return score(gold, rows)
