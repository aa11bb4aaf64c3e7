"""An export written by several processes (kb.query.parts) is the export one process writes,
byte for byte; one whose database changed meanwhile is written again in one read."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from kb.cli import app
from kb.ingest.articles import iter_articles
from kb.knowledge import KnowledgeBase
from kb.loading import load_articles
from kb.query import parts
from kb.query.export import COLUMNS
from kb.query.filters import Filters
from kb.records import Article
from kb.storage.engine import open_database

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An SQLite file holding the seed articles' commitments."""
    path = tmp_path_factory.mktemp("parts") / "kb.sqlite"
    engine = open_database(f"sqlite:///{path}")
    load_articles(engine, iter_articles([SEEDS]))
    engine.dispose()
    yield path


@pytest.mark.parametrize(
    ("low", "high", "parts_", "expected"),
    [
        (1, 11, 2, [(1, 6), (6, 11)]),
        (1, 11, 3, [(1, 5), (5, 9), (9, 11)]),
        (1, 3, 4, [(1, 2), (2, 3)]),  # fewer ids than parts: a part an id
        (1, 1, 2, [(1, 1)]),  # no commitment: one empty part
        (5, 6, 1, [(5, 6)]),
    ],
)
def test_ids_are_split_into_ranges_that_cover_them_once(
    low: int, high: int, parts_: int, expected: list[tuple[int, int]]
) -> None:
    assert parts.split(low, high, parts_) == expected


@pytest.mark.parametrize("jobs", [2, 3, 5])
@pytest.mark.parametrize(
    ("filters", "bom"),
    [(Filters(), False), (Filters(), True), (Filters(donor="UK"), False)],
)
def test_parts_give_the_bytes_one_process_gives(
    seeded: Path, tmp_path: Path, jobs: int, filters: Filters, bom: bool
) -> None:
    with KnowledgeBase(seeded) as kb:
        kb.export(tmp_path / "one.csv", filters, jobs=1, bom=bom)
        count = kb.export(tmp_path / "many.csv", filters, jobs=jobs, bom=bom)
    one = (tmp_path / "one.csv").read_bytes()
    assert count == one.count(b"\r\n") - 1 > 0
    assert (tmp_path / "many.csv").read_bytes() == one
    assert not list(tmp_path.glob(".kb-export-*"))  # the parts are gone


def test_a_commit_while_the_parts_are_read_is_seen(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "kb.sqlite"
    copy.write_bytes(seeded.read_bytes())
    written = parts._written

    def and_a_load_meanwhile(engine: Engine, *args: Any) -> int:
        count = written(engine, *args)
        other = open_database(f"sqlite:///{copy}")  # another process's connection, as it were
        load_articles(other, [Article("late.txt", "Chile will deliver 40 ambulances to Haiti.")])
        other.dispose()
        return count

    monkeypatch.setattr(parts, "_written", and_a_load_meanwhile)
    engine = open_database(f"sqlite:///{copy}")
    with pytest.raises(parts.Changed):
        parts.write_in_parts(engine, Filters(), COLUMNS, io.StringIO(), 2, tmp_path)
    engine.dispose()


def test_an_export_whose_database_changed_is_written_again_in_one_read(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def changed(*args: Any) -> int:
        raise parts.Changed("the database changed while it was exported")

    monkeypatch.setattr(parts, "write_in_parts", changed)
    with KnowledgeBase(seeded) as kb:
        kb.export(tmp_path / "one.csv", jobs=1)
        kb.export(tmp_path / "again.csv", jobs=2)
    assert (tmp_path / "again.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()


def test_a_failed_part_leaves_the_target_as_it_was(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("what was there\n")
    # The workers are forked: a part that fails in one fails as a worker's would.
    monkeypatch.setattr(parts, "_write_part", _fails)
    with KnowledgeBase(seeded) as kb, pytest.raises(OSError, match="disk full"):
        kb.export(target, jobs=2)
    assert target.read_text() == "what was there\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def _fails(*args: Any) -> int:
    raise OSError("disk full")


def test_a_small_or_unsplittable_database_is_exported_by_one_process(
    seeded: Path, memory_engine: Engine
) -> None:
    engine = open_database(f"sqlite:///{seeded}")
    assert parts.default_jobs(engine, cores=4) == 1  # far fewer than PARALLEL_IDS
    assert parts.default_jobs(engine, cores=1) == 1
    engine.dispose()
    assert not parts.possible(memory_engine)
    assert parts.default_jobs(memory_engine, cores=4) == 1


def test_the_span_of_ids_reads_only_the_ends_of_the_key(seeded: Path) -> None:
    # One select of both min() and max() makes SQLite scan every commitment.
    engine = open_database(f"sqlite:///{seeded}")
    said: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: said.append(a[2]))
    with Session(engine) as session:
        low, high = parts.id_span(session)
        selects = [q for q in said if q.lstrip().upper().startswith("SELECT")]
        run = session.connection().exec_driver_sql
        plans = [run(f"EXPLAIN QUERY PLAN {q}").all() for q in selects]
    engine.dispose()
    assert 1 <= low < high and len(selects) == 2
    assert all(step[3].startswith("SEARCH") for plan in plans for step in plan), plans


def test_kb_export_takes_jobs(seeded: Path, tmp_path: Path) -> None:
    runner = CliRunner(env={"KB_DATABASE_URL": None})
    for jobs in ("1", "2"):
        result = runner.invoke(
            app, ["--db", str(seeded), "export", str(tmp_path / f"{jobs}.csv"), "--jobs", jobs]
        )
        assert result.exit_code == 0, result.output
    assert (tmp_path / "2.csv").read_bytes() == (tmp_path / "1.csv").read_bytes()
    refused = runner.invoke(app, ["--db", str(seeded), "export", "x.csv", "--jobs", "0"])
    assert refused.exit_code == 2
