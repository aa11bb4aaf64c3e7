"""The `kb` command: each command opens the database, makes one library call, and prints."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, NoReturn

import typer
from alembic.util import CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kb import ask as asking
from kb import export as exporting
from kb import queries, render
from kb.load import LoadResult, load_articles
from kb.reading import iter_articles
from kb.storage.engine import DEFAULT_URL, database_url, open_database

app = typer.Typer(name="kb", no_args_is_help=True, add_completion=False)

DonorOption = Annotated[
    str | None, typer.Option(help="Donor: any name, short form or ISO code (UK, Britain, GBR).")
]
RecipientOption = Annotated[str | None, typer.Option(help="Recipient: any name it goes by.")]
ItemOption = Annotated[
    str | None, typer.Option(help="Items containing this word, or of this category (tanks).")
]
CategoryOption = Annotated[str | None, typer.Option(help="Category: tank, medical, money, ...")]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(help="Status(es): delivered, committed, offered, considering, sold, cancelled."),
]
SinceOption = Annotated[
    str | None, typer.Option(help="Announced (or published) on or after: YYYY[-MM[-DD]].")
]
UntilOption = Annotated[
    str | None, typer.Option(help="Announced (or published) on or before: YYYY[-MM[-DD]].")
]


def _fail(message: str) -> NoReturn:
    typer.echo(f"kb: {message}", err=True)
    raise typer.Exit(1)


@contextmanager
def _engine(ctx: typer.Context) -> Iterator[Engine]:
    """The database at head, with library errors turned into one line and exit code 1."""
    url: str = ctx.obj
    try:
        engine = open_database(url)
    except (SQLAlchemyError, CommandError, ImportError) as error:
        shown = make_url(url).render_as_string(hide_password=True)
        if isinstance(error, ImportError):  # e.g. a postgresql URL without psycopg installed
            _fail(f"cannot open database {shown}: its driver is not installed ({error})")
        _fail(f"cannot open database {shown}: {error}")
    try:
        yield engine
    except (queries.UnknownActor, asking.NotUnderstood) as error:
        _fail(str(error))
    except SQLAlchemyError as error:
        _fail(f"database error: {error}")
    finally:
        engine.dispose()


@contextmanager
def _session(ctx: typer.Context) -> Iterator[Session]:
    with _engine(ctx) as engine, Session(engine) as session:
        yield session


def _filters(
    donor: str | None,
    recipient: str | None,
    item: str | None,
    category: str | None,
    status: list[str] | None,
    since: str | None,
    until: str | None,
) -> queries.Filters:
    statuses = tuple(s.strip().lower() for value in status or [] for s in value.split(","))
    try:
        start = queries.parse_bound(since) if since else None
        end = queries.parse_bound(until, end=True) if until else None
        return queries.Filters(donor, recipient, item, category, statuses, start, end)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str,
        typer.Option(
            "--db",
            help="Database: a file path or any SQLAlchemy URL.",
            envvar="KB_DATABASE_URL",
        ),
    ] = DEFAULT_URL,
) -> None:
    """A knowledge base of aid commitments, extracted by rule from news articles."""
    ctx.obj = database_url(db)


def _print_failure(result: LoadResult, console: Console | None = None) -> None:
    if result.outcome != "failed":
        return
    line = f"kb: {result.source}: {result.reason}"
    if console is None:
        typer.echo(line, err=True)
    else:
        console.print(line, markup=False, highlight=False)


@app.command()
def load(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help="Files and folders (.txt, .jsonl), or - for stdin.")
    ],
) -> None:
    """Load articles, extract their commitments, and store them. Loading is idempotent."""
    console = Console(stderr=True)
    with _engine(ctx) as engine:
        if console.is_terminal:
            items = list(iter_articles(paths))  # read first, so that the bar knows its length
            columns = (
                TextColumn("loading"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
            )
            with Progress(*columns, console=console, transient=True) as progress:
                task = progress.add_task("load", total=len(items))

                def advance(result: LoadResult) -> None:
                    _print_failure(result, progress.console)
                    progress.advance(task)

                summary = load_articles(engine, items, on_result=advance)
        else:
            summary = load_articles(engine, iter_articles(paths), on_result=_print_failure)
    typer.echo(str(summary))
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def query(
    ctx: typer.Context,
    donor: DonorOption = None,
    recipient: RecipientOption = None,
    item: ItemOption = None,
    category: CategoryOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the commitments that match every filter given."""
    filters = _filters(donor, recipient, item, category, status, since, until)
    with _session(ctx) as session:
        rows = queries.find_commitments(session, filters)
    if json:
        typer.echo(render.rows_json(rows))
    elif rows:
        Console().print(render.rows_table(rows))
    else:
        typer.echo("No commitments match.")


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help='A question, e.g. "what did the UK send?"')],
) -> None:
    """Answer a plain-English question about who gave what to whom."""
    with _session(ctx) as session:
        answer = asking.ask(session, question)
    typer.echo(render.answer_text(answer))
    if answer.rows:
        Console().print(render.rows_table(answer.rows))


@app.command()
def export(
    ctx: typer.Context,
    file: Annotated[
        str | None, typer.Argument(help="CSV file to write; - or nothing for stdout.")
    ] = None,
    donor: DonorOption = None,
    recipient: RecipientOption = None,
    item: ItemOption = None,
    category: CategoryOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Write the matching commitments as CSV, one row each, safe to open in a spreadsheet."""
    filters = _filters(donor, recipient, item, category, status, since, until)
    with _session(ctx) as session:
        rows = queries.find_commitments(session, filters)
    if file in (None, "-"):
        exporting.write_csv(rows, sys.stdout)
        return
    try:
        with open(file, "w", newline="", encoding="utf-8") as out:
            count = exporting.write_csv(rows, out)
    except OSError as error:
        _fail(f"cannot write {file}: {error.strerror or error}")
    typer.echo(f"{count} commitments written to {file}", err=True)


@app.command()
def show(
    ctx: typer.Context,
    commitment_id: Annotated[int, typer.Argument(metavar="ID", help="A commitment's id.")],
) -> None:
    """Show one commitment in full: its evidence, span, rule and article."""
    with _session(ctx) as session:
        row = queries.get_commitment(session, commitment_id)
    if row is None:
        _fail(f"no commitment with id {commitment_id}")
    typer.echo(render.show_text(row))


@app.command("eval")
def evaluate(
    paths: Annotated[list[str], typer.Argument(help="Article files and folders to score.")],
    gold: Annotated[str, typer.Option(help="Gold annotations, one JSON article a line.")],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every missed and extra row.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Load articles into a throw-away knowledge base and score its rows against a gold file."""
    from kb.evaluate import evaluate as run
    from kb.scoring import GoldError

    try:
        report = run(paths, gold, on_result=_print_failure)
    except GoldError as error:
        _fail(str(error))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        typer.echo(render.report_text(report, verbose))


@app.command()
def stats(ctx: typer.Context) -> None:
    """Count the stored commitments by donor, recipient, category and status."""
    with _session(ctx) as session:
        counts = queries.stats(session)
    Console().print(render.stats_group(counts))
