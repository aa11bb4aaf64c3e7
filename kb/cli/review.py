"""Commands of a person's review: `kb correct`, `reject`, `restore`, `add`, `corrections`
(with `export` and `apply` of review sheets) and `reextract`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kb import MAX_JOBS
from kb.cli.common import LARGEST_ID, app, echo, fail, filtered, knowledge_of, options_for
from kb.errors import ConnectionLost

if TYPE_CHECKING:
    from kb.query.filters import Filters

IdArgument = Annotated[
    int, typer.Argument(metavar="ID", min=1, max=LARGEST_ID, help="A commitment's id.")
]
NoteOption = Annotated[str, typer.Option("--note", help="Why: kept with the correction.")]
ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who makes it.  [default: your login name]", show_default=False),
]
DonorOption = Annotated[
    str | None, typer.Option(help="Donor: any name kb knows it by (Britain, UK, GBR).")
]
RecipientOption = Annotated[str | None, typer.Option(help="Recipient: any name kb knows.")]
ItemOption = Annotated[
    str | None, typer.Option(help="What is given, as written (Leopard 2 tanks).")
]
QuantityOption = Annotated[float | None, typer.Option(min=0, help="How many.")]
UnitOption = Annotated[str | None, typer.Option(help="The unit counted (pallets, tonnes).")]
AmountOption = Annotated[float | None, typer.Option(min=0, help="How much money.")]
CurrencyOption = Annotated[str | None, typer.Option(help="Its currency: USD, EUR, £, ...")]
StatusOption = Annotated[
    str | None,
    typer.Option(help="delivered, committed, offered, considering, sold or cancelled."),
]
AnnouncedOption = Annotated[
    str | None, typer.Option(help="When it was made: YYYY, YYYY-MM or YYYY-MM-DD.")
]

corrections_app = typer.Typer(
    no_args_is_help=False, help="List a person's corrections; review in a spreadsheet."
)
app.add_typer(corrections_app, name="corrections")


# What `kb correct` may set and `kb add` gives, written once (options_for).
FIELD_OPTIONS: tuple[tuple[str, Any], ...] = (
    ("donor", DonorOption),
    ("recipient", RecipientOption),
    ("item", ItemOption),
    ("quantity", QuantityOption),
    ("unit", UnitOption),
    ("amount", AmountOption),
    ("currency", CurrencyOption),
    ("status", StatusOption),
    ("announced", AnnouncedOption),
)
with_fields = options_for("fields", FIELD_OPTIONS, dict)


@app.command()
@with_fields
def correct(
    ctx: typer.Context,
    commitment_id: IdArgument,
    note: NoteOption,
    *,
    fields: dict[str, Any],
    by: ByOption = None,
) -> None:
    """Set fields of a commitment. What a person sets wins over what the rules extract, in
    every answer and export, and applies again after every re-extraction."""
    with knowledge_of(ctx) as kb:
        now = kb.correct(commitment_id, note=note, by=by, **fields)
    moved = "" if now == commitment_id else f"; it is commitment {now} now"
    echo(f"commitment {commitment_id} corrected{moved} (kb show {now})")


@app.command()
def reject(
    ctx: typer.Context, commitment_id: IdArgument, note: NoteOption, by: ByOption = None
) -> None:
    """Say a commitment is none: it leaves every answer, total and export
    (--include-rejected shows it); kb restore takes it back."""
    with knowledge_of(ctx) as kb:
        kb.reject(commitment_id, note=note, by=by)
    echo(f"commitment {commitment_id} rejected")


@app.command()
def restore(
    ctx: typer.Context, commitment_id: IdArgument, note: NoteOption, by: ByOption = None
) -> None:
    """Take back the rejection of a commitment."""
    with knowledge_of(ctx) as kb:
        kb.restore(commitment_id, note=note, by=by)
    echo(f"commitment {commitment_id} restored")


@app.command()
@with_fields
def add(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The stored article (kb sources lists them).")],
    evidence: Annotated[
        str, typer.Option(help="The sentence of the article that says so, as written.")
    ],
    note: NoteOption,
    *,
    fields: dict[str, Any],
    by: ByOption = None,
) -> None:
    """Add a commitment the rules missed: a donor, a status, and an item (with a quantity)
    or an amount and currency, with the sentence of the stored article that says so."""
    with knowledge_of(ctx) as kb:
        new = kb.add(source, evidence=evidence, note=note, by=by, **fields)
    echo(f"added commitment {new} (kb show {new})")


@corrections_app.callback(invoke_without_command=True)
def corrections(
    ctx: typer.Context,
    orphaned: Annotated[
        bool, typer.Option("--orphaned", help="Only those whose evidence yields no report now.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List every correction, rejection, restoration and addition, oldest first."""
    if ctx.invoked_subcommand is not None:
        return
    from kb.cli.show import review_lines
    from kb.cli.terminal import printable

    with knowledge_of(ctx) as kb:
        found = kb.corrections(orphaned=orphaned)
    if as_json:
        echo(json.dumps([c.as_dict() for c in found], indent=2, ensure_ascii=False))
        return
    if not found:
        echo("No corrections." if not orphaned else "No orphaned corrections.")
    for c in found:
        where = f"commitment {c.commitment_id}" if c.commitment_id else "no commitment"
        echo(printable(f"{c.source} ({where}): {c.evidence}"))
        for line in review_lines(c):
            echo(line)


@corrections_app.command("export")
@filtered
def export_sheet(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="The CSV file to write.")],
    *,
    filters: Filters,
) -> None:
    """Write the matching commitments as a review sheet: a column per correctable field
    and an empty `action` column to fill in (correct, reject, restore, add)."""
    with knowledge_of(ctx) as kb:
        try:
            count = kb.export_review_sheet(file, filters)
        except OSError as error:
            fail(f"cannot write {file}: {error.strerror or error}")
    echo(f"{count} commitments to review written to {file}", err=True)


@corrections_app.command("apply")
def apply_sheet(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A review sheet a person filled in.")],
    by: ByOption = None,
) -> None:
    """Apply the rows of a review sheet that have an action, all or nothing: a row that
    cannot be applied, or no longer matches the database, changes nothing at all."""
    with knowledge_of(ctx) as kb:
        try:
            done = kb.apply_review_sheet(file, by=by)
        except OSError as error:
            fail(f"cannot read {file}: {error.strerror or error}")
        except UnicodeDecodeError:
            fail(f"{file}: not UTF-8 text (save the sheet as CSV UTF-8)")
    for applied in done:
        echo(f"line {applied.line}: {applied.said}")
    echo(f"{len(done)} rows applied" if done else "no row has an action; nothing to do")


@app.command()
def reextract(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None, typer.Argument(help="Stored articles; all when none is given.")
    ] = None,
    jobs: Annotated[
        int, typer.Option(min=1, max=MAX_JOBS, help="Extract in this many processes.")
    ] = 1,
) -> None:
    """Run the current rules again on the stored text of articles, without their files.
    Every correction applies again; those whose evidence yields no report are listed."""
    from kb.cli.loading import print_failure

    try:
        with knowledge_of(ctx) as kb:
            done = kb.reextract(sources or None, jobs=jobs, on_result=print_failure)
    except ConnectionLost as error:
        fail(str(error))
    for source in done.missing:
        echo(f"kb: {source}: no article stored under this source", err=True)
    echo(f"re-extracted: {done.summary}")
    for c in done.orphaned:
        echo(f"orphaned correction #{c.id} ({c.action}) of {c.source}: {c.evidence}")
    if done.orphaned:
        echo(f"{len(done.orphaned)} corrections orphaned: kb corrections --orphaned lists them")
    if done.missing or done.summary.failed:
        raise typer.Exit(1)
