"""Re-extraction: the current rules run again on the stored text of articles, without their
files (`kb reextract`), as `kb load` does for a file whose stored extraction is of an older
EXTRACTOR_VERSION. Every person's correction applies again as each article is stored
(kb.storage.corrections); those whose evidence yields no report now are named."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kb.loading import LoadResult, LoadSummary, load_articles
from kb.query.review import CorrectionView, corrections
from kb.records import Article, Extractor
from kb.storage.engine import writer
from kb.storage.write import mark_stale, stored_articles

CHUNK = 200  # articles read from the database at a time


@dataclass(frozen=True)
class Reextracted:
    """What a re-extraction did: the load's summary, the sources asked for that are not
    stored, and the corrections of the articles re-extracted that are orphaned now."""

    summary: LoadSummary
    missing: list[str]
    orphaned: list[CorrectionView]


def reextract(
    engine: Engine,
    sources: Sequence[str] | None = None,
    *,
    jobs: int = 1,
    extractor: Extractor | None = None,
    on_result: Callable[[LoadResult], None] | None = None,
) -> Reextracted:
    """Extract the stored articles `sources` (all where None) again and store the result."""
    with Session(writer(engine)) as session, session.begin():
        ids, missing = mark_stale(session, sources)
    summary = load_articles(
        engine, _articles(engine, ids), jobs=jobs, extractor=extractor, on_result=on_result
    )
    with Session(engine) as session:
        done = set(sources) if sources is not None else None
        orphaned = [
            c
            for c in corrections(session, orphaned=True)
            if c.stored and (done is None or c.source in done)
        ]
    return Reextracted(summary, missing, orphaned)


def _articles(engine: Engine, ids: Sequence[int]) -> Iterator[Article]:
    """The articles, read a chunk at a time, each before the load replaces them."""
    for at in range(0, len(ids), CHUNK):
        with Session(engine) as session:
            yield from stored_articles(session, ids[at : at + CHUNK])
