"""The migrations are the schema: one head, a clean round trip, and no drift from the models."""

from __future__ import annotations

from importlib.resources import files

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fakes import TANKS_ARTICLE, FakeExtractor
from many_articles import commitments, fingerprint
from sqlalchemy import Engine, inspect, text

from kb.loading import load_articles
from kb.storage.engine import (
    HEAD,
    current_revisions,
    downgrade,
    head_revisions,
    make_engine,
    open_database,
    upgrade,
)
from kb.storage.models import SEARCH_TABLES, Base, modelled

TABLES = {
    "articles",
    "actors",
    "actor_aliases",
    "items",
    "mentions",
    "commitments",
    "status_steps",
    "corrections",
    "commitment_sums",
}
TABLES_0002 = {"articles", "actors", "actor_aliases", "commitments"}


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"} - SEARCH_TABLES


def test_one_head() -> None:
    assert len(head_revisions()) == 1


def test_the_head_that_open_database_checks_is_the_migrations_head() -> None:
    # open_database compares a database with HEAD so as not to import alembic on every
    # command; a new migration must move HEAD too, or every database would be "behind".
    assert head_revisions() == {HEAD}


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
        options = {"include_object": lambda o, name, kind, *_: modelled(name, kind)}
        diff = compare_metadata(MigrationContext.configure(connection, opts=options), Base.metadata)
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
    assert {
        "donor_id",
        "recipient_id",
        "category",
        "status",
        "first_reported",
        "item_id",
    } <= indexed
    # A group's mentions and commitments are read whenever one of its articles loads.
    # (A mention's by its group and then the precision and date the group's window reads.)
    for table in ("mentions", "commitments"):
        leads = [ix["column_names"][:3] for ix in inspect(engine).get_indexes(table)]
        assert ["donor_id", "family", "recipient_id"] in leads
    dated = [ix["column_names"] for ix in inspect(engine).get_indexes("mentions")]
    assert ["donor_id", "family", "recipient_id", "dated_precision", "dated"] in dated


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


def sha_index_is_unique(engine: Engine) -> bool:
    (index,) = [
        ix for ix in inspect(engine).get_indexes("articles") if ix["name"].endswith("sha256")
    ]
    return bool(index["unique"])


def test_both_ways_on_a_filled_database_keep_what_each_revision_promises(stored: Engine) -> None:
    url = stored.url.render_as_string(hide_password=False)
    filled, consolidated = fingerprint(url), commitments(url)
    assert sum(map(len, filled.values())) == 5 and len(consolidated) == 5
    # 0003 down: every mention is a row of 0002's commitments again, ids included; what
    # consolidation derived goes, and comes back the same on the way up.
    downgrade(stored, "0002")
    assert current_revisions(stored) == {"0002"}
    assert tables(stored) == TABLES_0002
    assert fingerprint(url) == filled
    upgrade(stored)
    assert fingerprint(url) == filled
    assert commitments(url) == consolidated
    # 0002 down: every row stays; only the database stops refusing a second copy of a text.
    downgrade(stored, "0001")
    assert current_revisions(stored) == {"0001"}
    assert not sha_index_is_unique(stored)
    assert fingerprint(url) == filled
    upgrade(stored)
    assert sha_index_is_unique(stored)
    assert fingerprint(url) == filled
    # 0001 down: the tables go, as it says; up again, the schema is back and empty, and works.
    downgrade(stored, "base")
    assert tables(stored) == set()
    upgrade(stored)
    assert tables(stored) == TABLES
    assert fingerprint(url) == {}
    assert load_articles(stored, [TANKS_ARTICLE], extractor=FakeExtractor()).mentions == 5
    assert fingerprint(url) == filled
    assert commitments(url) == consolidated


def test_0002_keeps_the_first_copy_of_a_text_stored_twice(stored: Engine) -> None:
    """A race before 0002 could store one text under two sources; 0002 keeps the first."""
    downgrade(stored, "0001")
    with stored.begin() as connection:  # the copy, as a second load would have stored it
        connection.execute(
            text(
                "INSERT INTO articles (source, precision, text, sha256, loaded_at, "
                "extractor_version) SELECT 'copy.txt', precision, text, sha256, loaded_at, "
                "extractor_version FROM articles"
            )
        )
        connection.execute(
            text(
                "INSERT INTO commitments (article_id, donor_id, item, status, evidence, "
                "span_start, span_end, rule) SELECT a.id, c.donor_id, c.item, c.status, "
                "c.evidence, c.span_start, c.span_end, c.rule FROM commitments c, articles a "
                "WHERE a.source = 'copy.txt'"
            )
        )
    url = stored.url.render_as_string(hide_password=False)
    assert set(fingerprint(url)) == {TANKS_ARTICLE.source, "copy.txt"}
    upgrade(stored)
    after = fingerprint(url)
    assert set(after) == {TANKS_ARTICLE.source}
    assert len(after[TANKS_ARTICLE.source]) == 5


def test_0003_inserts_the_columns_of_its_own_revision() -> None:
    """A field kb's summary gains later is not written by the frozen migration, and one it
    loses is written as NULL: 0003 inserts exactly the columns it had."""
    from kb.storage.backfill import COMMITMENTS, _as_of_0003

    columns = {c.name for c in COMMITMENTS.columns} - {"id"}
    later = dict.fromkeys(columns - {"sources"}, 1) | {"a_field_added_later": 2}
    values = _as_of_0003(later)
    assert set(values) == columns
    assert values["sources"] is None


def test_0008_down_and_up_on_a_database_with_corrections(stored: Engine) -> None:
    """Down, the corrections go (as 0008 says) and the reports keep the values they had;
    up, the review columns are back and empty, and corrections can be made again."""
    from kb.knowledge import KnowledgeBase

    kb = KnowledgeBase(stored)
    (tanks,) = kb.query(item="Challenger")
    kb.correct(tanks.id, quantity=16, note="the ministry says 16")
    (leopards,) = kb.query(item="Leopard")
    kb.reject(leopards.id, note="talks only")
    url = stored.url.render_as_string(hide_password=False)
    filled = fingerprint(url)
    downgrade(stored, "0007")
    assert tables(stored) == TABLES - {"corrections", "commitment_sums"}
    columns = {c["name"] for c in inspect(stored).get_columns("mentions")}
    assert not {"review", "fixed", "rejected"} & columns
    assert fingerprint(url) == filled  # 16 tanks, as corrected
    with stored.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM commitments")).scalar() == 5
    upgrade(stored)
    assert tables(stored) == TABLES
    assert fingerprint(url) == filled
    assert kb.corrections() == [] and kb.count() == 5  # the rejection went with its table
    kb.reject(leopards.id, note="talks only")
    assert kb.count() == 4


def test_0015_merges_the_search_index_eight_segments_at_a_time(stored: Engine) -> None:
    """FTS5's own configuration, on SQLite; PostgreSQL has no such index."""
    if stored.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has no FTS5 index")

    def automerge() -> int | None:
        with stored.connect() as connection:
            query = text("SELECT v FROM search_config WHERE k = 'automerge'")
            return connection.execute(query).scalar()

    def found() -> list[int]:
        with stored.connect() as connection:
            query = text("SELECT rowid FROM search WHERE search MATCH 'tanks' ORDER BY rowid")
            return list(connection.execute(query).scalars())

    tanks = found()
    assert automerge() == 8 and len(tanks) == 3  # two sentences; one holds two reports
    downgrade(stored, "0014")
    assert automerge() == 4 and found() == tanks
    upgrade(stored)
    assert automerge() == 8 and found() == tanks
