"""The `kb` command: each command opens the database, makes one library call, and prints."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

# Everything heavy (SQLAlchemy, rich, the rules and their gazetteer, alembic) is imported
# inside the commands that use it: a whole `kb ask` on a million rows must take well under
# half a second, and a third of that would go on imports nobody uses.
if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from kb import queries
    from kb.load import LoadResult

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
LimitOption = Annotated[
    int | None,
    typer.Option(
        min=0,
        help="Show at most this many rows (default 20 in a table, all with --json; 0 for all).",
    ),
]
TABLE_ROWS = 20  # a screenful or two; a longer table is read by nobody, kb export writes all


def _fail(message: str) -> NoReturn:
    typer.echo(f"kb: {message}", err=True)
    raise typer.Exit(1)


def _open_errors() -> tuple[type[BaseException], ...]:
    """What opening a database raises for a bad URL, file or driver. Alembic's error is
    included only once alembic is imported: before that, nothing can have raised it."""
    from sqlalchemy.exc import SQLAlchemyError

    errors: list[type[BaseException]] = [SQLAlchemyError, ImportError]
    alembic_util = sys.modules.get("alembic.util")
    if alembic_util is not None:
        errors.append(alembic_util.CommandError)
    return tuple(errors)


@contextmanager
def _engine(ctx: typer.Context) -> Iterator[Engine]:
    """The database at head, with library errors turned into one line and exit code 1."""
    from sqlalchemy import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from kb.ask import NotUnderstood
    from kb.queries import UnknownActor
    from kb.storage.engine import DEFAULT_URL, database_url, open_database

    url = database_url(ctx.obj) if ctx.obj else DEFAULT_URL
    try:
        engine = open_database(url)
    except _open_errors() as error:
        shown = make_url(url).render_as_string(hide_password=True)
        if isinstance(error, ImportError):  # e.g. a postgresql URL without psycopg installed
            _fail(f"cannot open database {shown}: its driver is not installed ({error})")
        _fail(f"cannot open database {shown}: {error}")
    try:
        yield engine
    except (UnknownActor, NotUnderstood) as error:
        _fail(str(error))
    except SQLAlchemyError as error:
        _fail(f"database error: {error}")
    finally:
        engine.dispose()


@contextmanager
def _session(ctx: typer.Context) -> Iterator[Session]:
    from sqlalchemy.orm import Session

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
    from kb import queries

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
        str | None,
        typer.Option(
            "--db",
            help="Database: a file path or any SQLAlchemy URL.  [default: kb.sqlite]",
            envvar="KB_DATABASE_URL",
            show_default=False,
        ),
    ] = None,
) -> None:
    """A knowledge base of aid commitments, extracted by rule from news articles."""
    ctx.obj = db  # made a URL when a command opens it, so that --help imports no SQLAlchemy


def _print_failure(result: LoadResult, console: Console | None = None) -> None:
    """One line on stderr for an article that failed, or that loaded with notes (a file
    decoded as latin-1, a date that was not a date); nothing for the others."""
    if result.outcome == "failed":
        line = f"kb: {result.source}: {result.reason}"
    elif result.notes:
        line = f"kb: {result.source}: {'; '.join(result.notes)}"
    else:
        return
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
    jobs: Annotated[
        int, typer.Option(min=1, help="Extract in this many processes (storing stays in one).")
    ] = 1,
) -> None:
    """Load articles, extract their commitments, and store them. Loading is idempotent."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from kb.load import load_articles
    from kb.reading import iter_articles

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

                summary = load_articles(engine, items, on_result=advance, jobs=jobs)
        else:
            summary = load_articles(
                engine, iter_articles(paths), on_result=_print_failure, jobs=jobs
            )
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
    limit: LimitOption = None,
) -> None:
    """List the commitments that match every filter given."""
    from kb import queries, render

    filters = _filters(donor, recipient, item, category, status, since, until)
    shown = _limit(limit, json)
    with _session(ctx) as session:
        rows = queries.find_commitments(session, filters, shown)
        # Counted only when the page is full: otherwise the rows are all there is.
        matched = queries.count_commitments(session, filters) if len(rows) == shown else len(rows)
    if json:
        typer.echo(render.rows_json(rows))
    elif rows:
        _print_table(rows)
    else:
        typer.echo("No commitments match.")
    _more(len(rows), matched)


def _limit(limit: int | None, as_json: bool = False) -> int | None:
    """The number of rows to show: the option's, else TABLE_ROWS for a table; None for all."""
    if limit is None:
        return None if as_json else TABLE_ROWS
    return limit or None


def _more(shown: int, matched: int) -> None:
    if matched > shown:  # on stderr, so that --json output stays one JSON document
        typer.echo(
            f"kb: showing {shown:,} of {matched:,} commitments; "
            "--limit 0 shows them all, kb export writes them all",
            err=True,
        )


def _print_table(rows: Sequence[queries.CommitmentView]) -> None:
    from rich.console import Console

    from kb import render

    Console().print(render.rows_table(rows))


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help='A question, e.g. "what did the UK send?"')],
    limit: LimitOption = None,
) -> None:
    """Answer a plain-English question about who gave what to whom."""
    from kb import ask as asking
    from kb import render

    with _session(ctx) as session:
        answer = asking.ask(session, question, _limit(limit))
    typer.echo(render.answer_text(answer))
    if answer.rows:
        _print_table(answer.rows)
    _more(len(answer.rows), answer.count)


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
    from kb import export as exporting
    from kb import queries

    filters = _filters(donor, recipient, item, category, status, since, until)
    # Rows are streamed from the database to the file, so that memory stays flat.
    with _session(ctx) as session:
        rows = queries.iter_rows(session, filters)
        if file in (None, "-"):
            exporting.write_values(rows, sys.stdout)
            return
        try:
            with open(file, "w", newline="", encoding="utf-8") as out:
                count = exporting.write_values(rows, out)
        except OSError as error:
            _fail(f"cannot write {file}: {error.strerror or error}")
    typer.echo(f"{count} commitments written to {file}", err=True)


@app.command()
def show(
    ctx: typer.Context,
    commitment_id: Annotated[int, typer.Argument(metavar="ID", help="A commitment's id.")],
) -> None:
    """Show one commitment in full: its evidence, span, rule and article."""
    from kb import queries, render

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
    from kb import render
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
    from rich.console import Console

    from kb import queries, render

    with _session(ctx) as session:
        counts = queries.stats(session)
    Console().print(render.stats_group(counts))
