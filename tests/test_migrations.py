"""The migrations are the schema: one head, a clean round trip, and no drift from the models."""

from __future__ import annotations

from importlib.resources import files

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from kb.storage.engine import (
    current_revisions,
    downgrade,
    head_revisions,
    make_engine,
    open_database,
    upgrade,
)
from kb.storage.models import Base

TABLES = {"articles", "actors", "actor_aliases", "commitments"}


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_one_head() -> None:
    assert len(head_revisions()) == 1


def test_migrations_ship_inside_the_package() -> None:
    # Under `python -m pytest` in a checkout, kb is imported from the source tree, where
    # kb._migrations does not exist; `pytest` (as the README runs it) tests the installed kb.
    pytest.importorskip("kb._migrations", reason="kb imported from an uninstalled source tree")
    migrations = files("kb._migrations")
    assert migrations.joinpath("env.py").is_file()
    assert migrations.joinpath("script.py.mako").is_file()
    assert migrations.joinpath("versions").joinpath("0001_initial.py").is_file()


def test_upgrade_downgrade_round_trip(db_url: str) -> None:
    engine = make_engine(db_url)
    assert tables(engine) == set()
    upgrade(engine)
    assert tables(engine) == TABLES
    assert current_revisions(engine) == head_revisions()
    downgrade(engine, "base")
    assert tables(engine) == set()
    assert current_revisions(engine) == set()
    upgrade(engine)
    assert tables(engine) == TABLES
    engine.dispose()


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_every_constraint_and_index_is_named(engine: Engine) -> None:
    inspector = inspect(engine)
    for table in TABLES:
        names = [ix["name"] for ix in inspector.get_indexes(table)]
        names += [fk["name"] for fk in inspector.get_foreign_keys(table)]
        names += [uq["name"] for uq in inspector.get_unique_constraints(table)]
        assert all(names), table


def test_query_filters_are_indexed(engine: Engine) -> None:
    indexed = {ix["column_names"][0] for ix in inspect(engine).get_indexes("commitments")}
    assert {"donor_id", "recipient_id", "category", "status", "announced", "item"} <= indexed


def test_open_database_migrates_once_and_then_leaves_it(db_url: str) -> None:
    first = open_database(db_url)
    assert current_revisions(first) == head_revisions()
    first.dispose()
    second = open_database(db_url)  # already at head: nothing to run, nothing lost
    assert tables(second) == TABLES
    second.dispose()


def test_in_memory_database_is_migrated_on_its_own_connection() -> None:
    engine = open_database("sqlite://")
    assert tables(engine) == TABLES
    engine.dispose()
