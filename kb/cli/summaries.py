"""Commands that sum up: `kb stats`, `kb totals`, `kb actors` and `kb items`."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kb.cli.common import app, echo, filtered, knowledge_of, say_undated
from kb.cli.terminal import printable
from kb.records import TOTALS_BY, TOTALS_CURRENCIES

if TYPE_CHECKING:
    from kb.knowledge import KnowledgeBase
    from kb.query.filters import Filters

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
GazetteerOption = Annotated[
    bool,
    typer.Option(
        "--gazetteer",
        help="List what the gazetteer knows (everything the rules can find), not the database.",
    ),
]


@app.command()
def stats(ctx: typer.Context) -> None:
    """Count the commitments by donor, recipient, category and status."""
    from rich.console import Console

    from kb.cli import render

    with knowledge_of(ctx) as kb:
        counts = kb.stats()
    Console().print(render.stats_group(counts))


@app.command()
@filtered
def totals(
    ctx: typer.Context,
    by: Annotated[
        str, typer.Option(help="donor, recipient, category, status, month or year.")
    ] = "donor",
    currency: Annotated[str, typer.Option(help="USD or EUR.")] = "USD",
    *,
    filters: Filters,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Add up money, each commitment once, pledged (committed or offered) apart from
    delivered, converted at the ECB rate of its date. Sums in a currency with no known rate
    are listed apart, never guessed."""
    from rich.console import Console

    from kb.cli import render

    if by not in TOTALS_BY:
        raise typer.BadParameter(f"use one of {', '.join(TOTALS_BY)}", param_hint="--by")
    if currency.upper() not in TOTALS_CURRENCIES:
        choices = ", ".join(TOTALS_CURRENCIES)
        raise typer.BadParameter(f"use one of {choices}", param_hint="--currency")
    with knowledge_of(ctx) as kb:
        found = kb.totals(filters, by=by, currency=currency)
    if json_:
        rows = [asdict(row) | {"total": row.total} for row in found.rows]
        unconverted = [asdict(u) for u in found.unconverted]
        payload = {"by": by, "currency": found.currency, "rows": rows, "unconverted": unconverted}
        echo(
            json.dumps(payload | {"undated_left_out": found.undated}, indent=2, ensure_ascii=False)
        )
    else:
        Console().print(render.totals_table(found))
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
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if row[c] is None else printable(str(row[c])) for c in columns))
    Console().print(table)
    echo(f"{len(rows)} listed", err=True)
