"""Commands that read commitments: `kb query`, `kb ask`, `kb show` and `kb export`."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from kb.cli.common import (
    LARGEST_ID,
    CsvOption,
    JsonOption,
    LimitOption,
    NlOption,
    PrintableWriter,
    Shape,
    WideOption,
    app,
    echo,
    fail,
    filtered,
    jobs_option,
    knowledge_of,
    say_more,
    say_undated,
    shown_rows,
    to_stdout,
)
from kb.records import EXPORT_FORMATS

if TYPE_CHECKING:
    from kb.query.filters import Filters


class Format(StrEnum):
    """What `kb export` writes (kb.records.EXPORT_FORMATS): click refuses anything else."""

    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    jsonl = "jsonl"


assert tuple(Format) == EXPORT_FORMATS


@app.command()
@filtered
def query(
    ctx: typer.Context,
    *,
    filters: Filters,
    json: JsonOption = False,
    csv: CsvOption = False,
    nl: NlOption = False,
    wide: WideOption = False,
    limit: LimitOption = None,
) -> None:
    """List the commitments that match every filter given, each once with its sources."""
    shape = Shape(json, csv, nl, wide)
    shown = shown_rows(limit, shape.machine)
    with knowledge_of(ctx) as kb:
        found = kb.page(filters, limit=shown)
    shape.print(found.rows, found.sources)
    if not found.rows and not shape.machine:
        echo("No commitments match.")
    say_more(len(found.rows), found.matched)
    say_undated(found.undated)


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help='A question, e.g. "what did the UK send?"')],
    json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    csv: CsvOption = False,
    nl: NlOption = False,
    wide: WideOption = False,
    limit: LimitOption = None,
) -> None:
    """Answer a plain-English question about who gave what to whom, from the consolidated
    commitments (each counted once, however many articles report it)."""
    from kb.cli import render

    shape = Shape(json, csv, nl, wide)
    with knowledge_of(ctx) as kb:
        answer = kb.ask(question, shown_rows(limit, shape.machine))
    if json:
        echo(render.answer_json(answer))
        return
    if shape.machine:
        shape.print(answer.rows, answer.sources)
    else:
        echo(render.answer_text(answer))
        shape.print(answer.rows, answer.sources)
    if answer.question.kind != "largest":
        say_more(len(answer.rows), answer.count)
    say_undated(answer.undated)


@app.command()
@filtered
def export(
    ctx: typer.Context,
    file: Annotated[
        str | None, typer.Argument(help="CSV file to write; - or nothing for stdout.")
    ] = None,
    *,
    filters: Filters,
    mentions: Annotated[
        bool,
        typer.Option(
            "--mentions",
            help="One row per mention (a record of one article) instead of per commitment.",
        ),
    ] = False,
    format_: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="csv, xlsx, json or jsonl.  [default: the file's extension; csv to stdout]",
            show_default=False,
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            "--bom",
            help="CSV that Excel opens with the right characters (UTF-8 with a byte-order mark).",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        jobs_option(
            "Write commitments as CSV to a file in this many processes. Default: one "
            "per core for a database of 200,000 commitments or more, else one."
        ),
    ] = None,
) -> None:
    """Write the matching commitments, one row each: CSV safe to open in a spreadsheet, an
    Excel workbook with typed cells, JSON or JSON Lines, by the file's extension."""
    what = "mentions" if mentions else "commitments"
    chosen = format_.value if format_ else None
    # Rows are streamed from the database to the file, so that memory stays flat.
    with knowledge_of(ctx) as kb:
        if file in (None, "-"):
            if chosen == "xlsx":
                fail("an Excel workbook is written to a file: kb export FILE.xlsx")
            out = PrintableWriter(sys.stdout)
            shape = chosen or "csv"
            to_stdout(
                lambda: kb.write_csv(out, filters, mentions=mentions, format=shape, bom=excel)
            )
            return
        try:
            count = kb.export(file, filters, mentions=mentions, format=chosen, bom=excel, jobs=jobs)
        except OSError as error:
            fail(f"cannot write {file}: {error.strerror or error}")
        except ValueError as error:  # the file is the database itself, or no format
            fail(str(error))
    echo(f"{count} {what} written to {file}", err=True)


@app.command()
def show(
    ctx: typer.Context,
    commitment_id: Annotated[
        int, typer.Argument(metavar="ID", min=1, max=LARGEST_ID, help="A commitment's id.")
    ],
    json: JsonOption = False,
) -> None:
    """Show one commitment in full: its figures and value, its status history with the
    evidence of each step, every mention with its article and sentence, and what a person
    corrected."""
    from kb.cli.show import show_json, show_text

    with knowledge_of(ctx) as kb:
        detail = kb.show(commitment_id)
    if detail is None:
        fail(f"no commitment with id {commitment_id}")
    echo(show_json(detail) if json else show_text(detail))
