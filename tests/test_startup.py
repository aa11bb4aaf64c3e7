"""A `kb` command starts fast: importing the CLI loads nothing heavy, and opening a database
that is already at head does not import alembic (issue 6: a whole `kb ask` under 0.5 s)."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import Engine

from kb.storage.engine import open_database

HEAVY = (
    "sqlalchemy",
    "alembic",
    "rich",
    "kb.extract",
    "kb.gazetteer.model",
    "pycountry",
    "pydantic",
    "sqlalchemy.dialects.postgresql",
)


def imported_after(code: str) -> list[str]:
    """Which HEAVY modules a fresh interpreter holds after running `code`."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_importing_the_cli_imports_nothing_heavy() -> None:
    assert imported_after("import kb.cli") == []


def test_opening_a_database_at_head_does_not_import_alembic(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    code = f"from kb.storage.engine import open_database\nopen_database({url!r}).dispose()"
    assert "alembic" not in imported_after(code)


def test_querying_does_not_load_the_rules(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    code = (
        "from kb.cli import app\n"
        f"try:\n    app(['--db', {url!r}, 'stats'])\nexcept SystemExit:\n    pass"
    )
    assert [m for m in imported_after(code) if m.startswith("kb.")] == []


def test_a_query_imports_neither_alembic_nor_pydantic(engine: Engine) -> None:
    """typer 0.29 reads every option through pydantic (some 0.07 s a call): kb keeps
    to a typer that does not, and to a database at head that needs no migration."""
    url = engine.url.render_as_string(hide_password=False)
    code = (
        "from kb.cli import app\n"
        f"try:\n    app(['--db', {url!r}, 'query', '--donor', 'UK', '--since', '2023'])\n"
        "except SystemExit:\n    pass"
    )
    imported = imported_after(code)
    assert "sqlalchemy" in imported  # it did query
    assert not {"alembic", "pydantic"} & set(imported)


def test_a_query_on_sqlite_does_not_import_postgresql_s_dialect(sqlite_url: str) -> None:
    """Naming PostgreSQL's index predicates in the models would import its dialect (some
    25 ms a command); the migrations hold them."""
    open_database(sqlite_url).dispose()  # made here: the migrations name PostgreSQL's
    code = (
        "from kb.cli import app\n"
        f"try:\n    app(['--db', {sqlite_url!r}, 'query', '--donor', 'UK'])\n"
        "except SystemExit:\n    pass"
    )
    imported = imported_after(code)
    assert "sqlalchemy" in imported  # it did query
    assert "sqlalchemy.dialects.postgresql" not in imported
