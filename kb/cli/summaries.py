"""Commands that sum up: `kb stats`, `kb totals`, `kb actors` and `kb items`."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kb.cli.common import app, echo, fail, filtered, knowledge_of, say_undated
from kb.cli.terminal import data_console, printable
from kb.records import CHART_KINDS, TOTALS_BY, TOTALS_CURRENCIES

if TYPE_CHECKING:
    from kb.knowledge import KnowledgeBase
    from kb.query.filters import Filters

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


class TotalsBy(StrEnum):
    """What kb totals adds up by (kb.records.TOTALS_BY): click refuses anything else."""

    donor = "donor"
    recipient = "recipient"
    category = "category"
    status = "status"
    month = "month"
    year = "year"


class Currency(StrEnum):
    """What kb totals adds up in (kb.records.TOTALS_CURRENCIES)."""

    USD = "USD"
    EUR = "EUR"


assert tuple(TotalsBy) == TOTALS_BY and tuple(Currency) == TOTALS_CURRENCIES
GazetteerOption = Annotated[
    bool,
    typer.Option(
        "--gazetteer",
        help="List what the gazetteer knows (everything the rules can find), not the database.",
    ),
]


@app.command()
def stats(ctx: typer.Context, json_: JsonOption = False) -> None:
    """Count the commitments by donor, recipient, category and status."""
    from kb.cli import render

    with knowledge_of(ctx) as kb:
        counts = kb.stats()
    if json_:
        echo(render.stats_json(counts))
    else:
        data_console().print(render.stats_group(counts))


@app.command()
@filtered
def totals(
    ctx: typer.Context,
    by: Annotated[
        TotalsBy, typer.Option(help="donor, recipient, category, status, month or year.")
    ] = TotalsBy.donor,
    currency: Annotated[
        Currency, typer.Option(help="USD or EUR.", case_sensitive=False)
    ] = Currency.USD,
    *,
    filters: Filters,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Add up money, each commitment once, pledged (committed or offered) apart from
    delivered, converted at the ECB rate of its date. Sums in a currency with no known rate
    are listed apart, never guessed."""
    from kb.cli import render

    with knowledge_of(ctx) as kb:
        found = kb.totals(filters, by=by.value, currency=currency.value)
    if json_:
        rows = [asdict(row) | {"total": row.total} for row in found.rows]
        unconverted = [asdict(u) for u in found.unconverted]
        payload = {
            "by": by.value,
            "currency": found.currency,
            "rows": rows,
            "unconverted": unconverted,
        }
        echo(
            json.dumps(payload | {"undated_left_out": found.undated}, indent=2, ensure_ascii=False)
        )
    else:
        console = data_console()
        console.print(render.totals_table(found, console.width))
    say_undated(found.undated)


@app.command()
def actors(
    ctx: typer.Context, gazetteer: GazetteerOption = False, json_: JsonOption = False
) -> None:
    """List the actors (donors and recipients) the database holds, with their canonical key
    (ISO 3166 alpha-3 for a country, the gazetteer's id for an organisation) and how many
    commitments each gives and receives; --gazetteer lists every actor the rules know."""
    from kb.knowledge import KnowledgeBase

    columns = ["key", "name", "kind", "code", "names"]
    if not gazetteer:
        columns += ["as_donor", "as_recipient"]
    _print(
        _listed(ctx, KnowledgeBase.gazetteer_actors if gazetteer else None, lambda kb: kb.actors()),
        columns,
        json_,
    )


@app.command()
def items(
    ctx: typer.Context, gazetteer: GazetteerOption = False, json_: JsonOption = False
) -> None:
    """List the canonical items the database holds, with their category, aid type
    (military, humanitarian, financial) and number of commitments; --gazetteer lists every
    canonical item the rules know, with how many phrases name it."""
    from kb.knowledge import KnowledgeBase

    columns = ["name", "category", "aid_type", "terms" if gazetteer else "commitments"]
    _print(
        _listed(ctx, KnowledgeBase.gazetteer_items if gazetteer else None, lambda kb: kb.items()),
        columns,
        json_,
    )


def _listed(
    ctx: typer.Context,
    known: Callable[[], Sequence[Any]] | None,
    stored: Callable[[KnowledgeBase], Sequence[Any]],
) -> list[dict[str, object]]:
    """The entries the gazetteer knows (`known`), else those the database holds, as
    dictionaries."""
    if known is not None:
        return [asdict(entry) for entry in known()]
    with knowledge_of(ctx) as kb:
        return [asdict(entry) for entry in stored(kb)]


def _print(rows: list[dict[str, object]], columns: list[str], as_json: bool) -> None:
    if as_json:
        echo(json.dumps([{c: r[c] for c in columns} for r in rows], indent=2))
        return
    from rich.table import Table

    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if row[c] is None else printable(str(row[c])) for c in columns))
    data_console().print(table)
    echo(f"{len(rows)} listed", err=True)


@app.command()
def sources(
    ctx: typer.Context,
    pattern: Annotated[
        str | None, typer.Argument(help="Only these: a source, URL or glob ('news/*').")
    ] = None,
    json_: JsonOption = False,
) -> None:
    """List the stored articles: source, title, URL, date, and the commitments each gives."""
    from kb.cli import render

    with knowledge_of(ctx) as kb:
        found = kb.articles(pattern)
    if json_:
        echo(json.dumps([entry.as_dict() for entry in found], indent=2, ensure_ascii=False))
    elif found:
        console = data_console()
        console.print(render.sources_table(found, console.width))
    else:
        echo(
            "No articles stored." if pattern is None else f"No stored article matches {pattern!r}."
        )


class ChartKind(StrEnum):
    """The charts kb draws (kb.records.CHART_KINDS)."""

    pledged_delivered = "pledged-delivered"
    over_time = "over-time"
    items = "items"


assert tuple(ChartKind) == CHART_KINDS


@app.command()
@filtered
def chart(
    ctx: typer.Context,
    kind: Annotated[ChartKind, typer.Argument(help="pledged-delivered, over-time or items.")],
    *,
    filters: Filters,
    out: Annotated[str, typer.Option("--out", help="The file to draw: .png, .svg or .html.")],
    currency: Annotated[
        Currency, typer.Option(help="USD or EUR.", case_sensitive=False)
    ] = Currency.USD,
    by: Annotated[str, typer.Option(help="over-time: month or year.", show_default=True)] = "year",
) -> None:
    """Draw a chart: money pledged beside delivered by donor, money over time by aid type,
    or counts of a category by donor (--category tank). Needs kb[charts] (matplotlib)."""
    if by not in ("month", "year"):
        raise typer.BadParameter("use month or year", param_hint="--by")
    with knowledge_of(ctx) as kb:
        try:
            drawn = kb.chart(kind.value, out, filters, currency=currency.value, by=by)
        except ImportError:
            fail("charts need matplotlib: pip install 'kb[charts]'")
        except ValueError as error:
            fail(str(error))
        except OSError as error:
            fail(f"cannot write {out}: {error.strerror or error}")
    echo(
        f"{drawn.title}: {len(drawn.labels)} bars, {drawn.commitments} commitments, drawn to {out}"
    )


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Where to listen; 127.0.0.1 keeps it to this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="The port (0: any free one).")] = 8001,
) -> None:
    """Open the knowledge base in the browser through Datasette, read-only: commitments and
    reports to read, search, facets, the questions people ask most, and charts. Needs
    kb[web]; serves SQLite files."""
    import subprocess
    import tempfile

    from kb.errors import CannotServe

    with tempfile.TemporaryDirectory() as folder:
        with knowledge_of(ctx) as kb:
            try:
                command = kb.serve_command(Path(folder), host=host, port=port)
            except CannotServe as error:
                fail(str(error))
        echo(f"kb: serving on http://{host}:{port}/ (Ctrl-C stops it)", err=True)
        try:
            done = subprocess.run(command, check=False)
        except KeyboardInterrupt:
            raise typer.Exit(0) from None
    raise typer.Exit(done.returncode)
