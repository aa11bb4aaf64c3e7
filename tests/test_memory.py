"""The cycle collector is paused while a batch is stored, and left as it was found."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.memory import collector_paused, with_collector_paused


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_inside_and_left_as_found(enabled: bool) -> None:
    gc.enable() if enabled else gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled


def test_left_as_found_when_the_block_raises() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a failed batch")
    assert gc.isenabled()


def test_nested_pauses_resume_only_at_the_outermost() -> None:
    gc.enable()
    seen: list[bool] = []

    @with_collector_paused
    def inner() -> int:
        seen.append(gc.isenabled())
        return 7

    @with_collector_paused
    def outer() -> int:
        found = inner()
        seen.append(gc.isenabled())
        return found

    assert outer() == 7
    assert seen == [False, False]
    assert gc.isenabled()


def test_storing_a_batch_leaves_the_collector_on(tmp_path: Path) -> None:
    from kb.knowledge import KnowledgeBase

    article = tmp_path / "bicycles.txt"
    article.write_text("Chile will deliver 40 bicycles to Haiti.\n", encoding="utf-8")
    gc.enable()
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        assert kb.load([article]).new == 1
    assert gc.isenabled()
