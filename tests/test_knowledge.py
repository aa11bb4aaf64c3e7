"""The front door, used as a script would use it: open, load, ask, export, remove."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kb.errors import MissingDatabase, UnknownActor
from kb.knowledge import KnowledgeBase
from kb.query.filters import Filters

ARTICLES = {
    "tents.txt": " date 2024-03-01 Norway will send 400 tents to Moldova.",
    "money.txt": " date 2024-03-02 Japan pledged $20 million to UNICEF for Moldova.",
    "trucks.txt": " date 2024-03-05 Norway has delivered 12 trucks to Moldova.",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def kb(tmp_path: Path, folder: Path) -> KnowledgeBase:
    base = KnowledgeBase(tmp_path / "kb.sqlite")
    summary = base.load([folder])
    assert (summary.new, summary.failed) == (3, 0)
    return base


def test_query_by_keywords_or_by_filters(kb: KnowledgeBase) -> None:
    by_keywords = kb.query(donor="Norway")
    assert sorted((r.item, r.quantity) for r in by_keywords) == [("tents", 400), ("trucks", 12)]
    assert kb.query(Filters(donor="Norway")) == by_keywords
    assert kb.count(donor="Norway") == 2
    assert [r.status for r in kb.query(donor="Norway", statuses=("delivered",))] == ["delivered"]
    with pytest.raises(TypeError):
        kb.query(Filters(), donor="Norway")
    with pytest.raises(UnknownActor):
        kb.query(donor="Atlantis")


def test_ask_totals_show_and_stats(kb: KnowledgeBase) -> None:
    answer = kb.ask("how much money has Japan given?")
    assert answer.totals == {"USD": 20_000_000}
    assert [(row.key, row.pledged) for row in kb.totals(by="donor").rows] == [("Japan", 20e6)]
    first = kb.query(donor="Japan")[0]
    detail = kb.show(first.id)
    assert detail is not None and detail.view.amount == 20_000_000
    assert kb.show(10**9) is None
    assert kb.stats().commitments == 3
    assert len(kb.mentions()) == 3


def test_export_writes_the_matching_rows(kb: KnowledgeBase, tmp_path: Path) -> None:
    target = tmp_path / "norway.csv"
    assert kb.export(target, donor="Norway") == 2
    with target.open(encoding="utf-8-sig", newline="") as handle:
        assert sorted(row["item"] for row in csv.DictReader(handle)) == ["tents", "trucks"]


def test_remove_consolidates_again(kb: KnowledgeBase, folder: Path) -> None:
    assert kb.remove(str(folder / "trucks.txt"))
    assert not kb.remove(str(folder / "trucks.txt"))
    assert [r.item for r in kb.query(donor="Norway")] == ["tents"]


def test_opening_follows_the_cli(tmp_path: Path) -> None:
    with pytest.raises(MissingDatabase):
        KnowledgeBase(tmp_path / "absent.sqlite", create=False)
    assert not (tmp_path / "absent.sqlite").exists()
    with KnowledgeBase(tmp_path / "new.sqlite") as base:
        assert base.count() == 0
