"""What kb prints is shown, never obeyed, and never shows a password (issue 10's probe).

An article and a file name may carry terminal escape sequences; printed raw they set the
window title, clear the screen or hide text. A database URL may carry a password, in its
user part or as a query parameter. Texts here are written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fakes import UKRAINE, FakeExtractor, commitment
from typer.testing import CliRunner, Result

from kb.cli import app
from kb.cli.common import app as typer_app
from kb.cli.terminal import printable
from kb.loading import load_articles
from kb.records import Actor, Article
from kb.storage.engine import open_database, shown_url

ESC = "\x1b"
TITLE = f"{ESC}]0;owned\x07"
CLEAR = f"{ESC}[2J"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f"tanks{TITLE} sent", "tanks\\x1b]0;owned\\x07 sent"),
        (f"a{CLEAR}b", "a\\x1b[2Jb"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("C1 \x9b control", "C1 \\x9b control"),
        ("plain € and ü", "plain € and ü"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_printable_keeps_what_it_is_told_to() -> None:
    assert printable("a,b\r\n", keep="\r") == "a,b\r\n"


@pytest.fixture
def loaded(tmp_path: Path) -> Path:
    """A database holding one article whose text carries escape sequences, loaded beside a
    file whose name carries one."""
    folder = tmp_path / "in"
    folder.mkdir()
    filler = "The tanks are due within weeks and crews are already in training. " * 6
    (folder / "ok.txt").write_text(
        f" date 2023-01-17 Britain will send 14 Challenger 2 tanks{TITLE} to Ukraine. "
        f"{filler}{CLEAR}\n",
        encoding="utf-8",
    )
    (folder / f"evil{ESC}[31m.txt").write_text("", encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    result = _kb("--db", str(db), "load", str(folder))
    assert ESC not in result.output
    assert "evil\\x1b[31m.txt: empty file" in result.stderr
    return db


def _kb(*args: str) -> Result:
    return CliRunner(env={"KB_DATABASE_URL": None, "COLUMNS": "200"}).invoke(app, list(args))


@pytest.mark.parametrize(
    "command",
    [["query"], ["show", "1"], ["export"], ["ask", "what did the UK send?"], ["stats"],
     ["items"], ["totals"]],
)  # fmt: skip
def test_no_escape_reaches_the_terminal(loaded: Path, command: list[str]) -> None:
    result = _kb("--db", str(loaded), *command)
    assert result.exit_code == 0, result.output
    assert ESC not in result.output
    assert "\x07" not in result.output


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://kb:s3cret@db/kb", "postgresql+psycopg://kb:***@db/kb"),
        ("postgresql+psycopg://kb@db/kb?password=s3cret", "password=%2A%2A%2A"),
        ("postgresql+psycopg://kb@db/kb?sslpassword=s3cret&sslmode=require", "sslmode=require"),
        ("sqlite:///kb.sqlite", "sqlite:///kb.sqlite"),
    ],
)
def test_shown_url_masks_every_password(url: str, shown: str) -> None:
    assert "s3cret" not in shown_url(url)
    assert shown in shown_url(url)


def test_a_bad_database_url_never_prints_its_password() -> None:
    result = _kb("--db", "nosuchdriver://kb@db/kb?password=s3cret", "stats")
    assert result.exit_code == 1
    assert "s3cret" not in result.output


def test_tracebacks_show_no_locals() -> None:
    assert typer_app.pretty_exceptions_show_locals is False


@pytest.fixture
def bracketed(tmp_path: Path) -> Path:
    """A database whose donor, item and article title hold text in square brackets, which
    rich would read as markup: "[bold]" as a style, "[sic]" as a tag to drop; and an emoji's
    code between colons, which rich would draw as the emoji."""
    donor = Actor("Republic of [bold]Somewhere[/bold] [sic] :fire:", "country", None, ())
    text = "Somewhere gives 3 trucks and 5 million dollars to Ukraine."
    record = commitment(
        text, text, donor, UKRAINE, "[red]trucks[/red] [sic] :truck:", "committed",
        quantity=3.0, amount=5e6, currency="USD", category="vehicle",
    )  # fmt: skip
    article = Article(
        source="news/somewhere.txt", text=text, published=date(2023, 1, 2), precision="day",
        title="[Update] trucks [sic]",
    )  # fmt: skip
    db = tmp_path / "kb.sqlite"
    engine = open_database(f"sqlite:///{db}")
    load_articles(engine, [article], extractor=FakeExtractor({text: [record]}))
    engine.dispose()
    return db


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["query"], ["[bold]Somewhere[/bold] [sic]", "[red]trucks[/red] [sic]", ":truck:"]),
        (["query", "--wide"], ["[bold]Somewhere[/bold] [sic] :fire:", "[red]trucks[/red] [sic]"]),
        (["totals"], ["[bold]Somewhere[/bold] [sic]", ":fire:"]),
        (["stats"], ["[bold]Somewhere[/bold] [sic]", ":fire:"]),
        (["actors"], ["[bold]Somewhere[/bold] [sic]", ":fire:"]),
        (["sources"], ["[Update] trucks [sic]"]),
    ],
)
def test_text_rich_would_read_is_shown_as_it_is(
    bracketed: Path, command: list[str], shown: list[str]
) -> None:
    result = _kb("--db", str(bracketed), *command)
    assert result.exit_code == 0, result.output
    for text in shown:
        assert text in result.output


def test_a_failure_under_the_progress_bar_is_shown_as_it_is() -> None:
    """The line for a failed file, printed on the progress bar's console, reads no markup or
    emoji code in the file's name."""
    from io import StringIO

    from rich.console import Console

    from kb.cli.loading import print_failure
    from kb.loading.load import LoadResult

    out = StringIO()
    failed = LoadResult("news/[b]a[/b] :fire:.txt", "failed", reason="not UTF-8 [sic]")
    print_failure(failed, Console(file=out, width=200))
    assert out.getvalue() == "kb: news/[b]a[/b] :fire:.txt: not UTF-8 [sic]\n"
