"""The full-text index of the web view (migration 0010, SQLite) follows the reports: loaded,
corrected, re-extracted and removed, a sentence is found exactly while its report is stored."""

from __future__ import annotations

from pathlib import Path

from fakes import TANKS_ARTICLE, FakeExtractor
from sqlalchemy import text

from kb.knowledge import KnowledgeBase


def found(kb: KnowledgeBase, words: str) -> list[int]:
    with kb.engine.connect() as connection:
        stmt = text("SELECT rowid FROM search WHERE search MATCH :words ORDER BY rowid")
        return [row[0] for row in connection.execute(stmt, {"words": words})]


def mention_ids(kb: KnowledgeBase) -> list[int]:
    with kb.engine.connect() as connection:
        return [row[0] for row in connection.execute(text("SELECT id FROM mentions ORDER BY id"))]


def test_the_index_follows_the_reports(tmp_path: Path) -> None:
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        kb.load_articles([TANKS_ARTICLE], extractor=FakeExtractor())
        assert found(kb, "Challenger") == mention_ids(kb)[:2]  # the sentence of two reports
        assert found(kb, "pallets") and found(kb, "nothing") == []
        kb.reextract(extractor=FakeExtractor())  # every report stored anew, new ids
        assert found(kb, "Challenger") == mention_ids(kb)[:2]
        kb.remove(TANKS_ARTICLE.source)
        assert found(kb, "Challenger") == []
