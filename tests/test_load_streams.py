"""An interactive load streams its input (issue 10): it does not read all of it ahead.

The progress bar used to read the whole input first to know its length (432 MB for a
100,000-line file). The condition is forced: the console claims to be a terminal, and the
test records the order in which articles are read and stored: a batch at a time (issue 13),
never more.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kb.cli import app
from kb.loading import load as loading
from kb.records import Article


def test_an_interactive_load_stores_while_it_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []

    def articles(*args: Any, **kwargs: Any) -> Iterator[Article]:
        for n in range(20):
            events.append(f"read {n}")
            yield Article(source=f"a{n}.txt", text=f"Norway will send {n + 1} tents to Chad.")

    stored = loading._store

    def store(engine: Any, batch: list[Any], *args: Any) -> list[Any]:
        events.append(f"stored {len(batch)}")
        return stored(engine, batch, *args)

    monkeypatch.setattr("kb.ingest.articles.iter_articles", articles)
    monkeypatch.setattr(loading, "_store", store)
    monkeypatch.setattr(loading, "BATCH_ARTICLES", 5)
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    result = CliRunner(env={"KB_DATABASE_URL": None}).invoke(
        app, ["--db", str(tmp_path / "kb.sqlite"), "load", "anything"]
    )
    assert result.exit_code == 0, result.output
    # Five read, five stored, ...
    assert events.index("stored 5") == events.index("read 4") + 1
    assert events.count("stored 5") == 4
