"""An interactive load streams its input (issue 10): it does not read all of it ahead.

The progress bar used to read the whole input first to know its length (432 MB for a
100,000-line file). The condition is forced: the console claims to be a terminal, and the
test records the order in which articles are read and stored.
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

    stored = loading.load_article

    def store(*args: Any, **kwargs: Any) -> loading.LoadResult:
        events.append("stored")
        return stored(*args, **kwargs)

    monkeypatch.setattr("kb.ingest.articles.iter_articles", articles)
    monkeypatch.setattr(loading, "load_article", store)
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    result = CliRunner(env={"KB_DATABASE_URL": None}).invoke(
        app, ["--db", str(tmp_path / "kb.sqlite"), "load", "anything"]
    )
    assert result.exit_code == 0, result.output
    assert events.index("stored") < events.index("read 1")  # one read, one stored, ...
    assert events.count("stored") == 20
