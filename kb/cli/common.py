"""What every command shares: the typer app, its options, opening the database, and turning
library errors into one line on stderr and exit code 1."""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO, TypeVar, get_type_hints

import typer
import typer.core
from typer._click.types import ParamType

from kb import MAX_JOBS
from kb.cli.terminal import data_console, printable
from kb.errors import (
    CannotOpen,
    MissingDatabase,
    NotKbDatabase,
    NotUnderstood,
    ReviewError,
    UnknownActor,
    UnknownName,
)
from kb.records import AID_TYPES

# Everything heavy (SQLAlchemy, rich, the rules and their gazetteer, alembic) is imported
# inside the commands that use it: a whole `kb ask` on a million rows must take well under
# half a second, and a third of that would go on imports nobody uses.
if TYPE_CHECKING:
    from kb.knowledge import KnowledgeBase
    from kb.query import commitments as queries


# What help shows of a value, as click words it, not as typer's Python types ("<str>").
_WORDS = {"str": "TEXT", "int range": "INTEGER", "int": "INTEGER", "float range": "NUMBER",
          "float": "NUMBER", "path": "PATH", "filename": "FILE"}  # fmt: skip


def _word(kind: Any, param: Any, ctx: Any) -> str | None:
    """The click word of a value's type (TEXT, INTEGER, the choices), or None for a flag."""
    if getattr(param, "is_flag", False):
        return None
    own = type(kind).get_metavar  # a type's own ("<a|b>" for choices), not the hook below
    shown = None if own is _argument_type_metavar else own(kind, param=param, ctx=ctx)
    if shown is not None and shown.startswith("<") and shown.endswith(">"):
        return "[" + str(shown[1:-1]) + "]"
    return str(shown) if shown is not None else _WORDS.get(kind.name, kind.name.upper())


def _option_metavar(self: Any, ctx: Any) -> str:
    """An option's help value: its metavar, else the word of its type."""
    if self.metavar is not None:
        return str(self.metavar)
    return (_word(self.type, self, ctx) or "") + ("..." if self.nargs != 1 else "")


def _argument_type_metavar(self: Any, param: Any, ctx: Any) -> str | None:
    """An argument's help value (typer's help asks its type alone): the word of its type."""
    if isinstance(param, typer.core.TyperArgument):
        return _word(self, param, ctx)
    return _TYPE_METAVAR(self, param=param, ctx=ctx)  # None: click's base


# typer 0.28 (pinned: 0.29 imports pydantic, 0.06 to 0.08 s of a whole `kb query`) shows Python
# types in help; these two hooks, the ones its rich help calls, give click's words.
_TYPE_METAVAR = ParamType.get_metavar
typer.core.TyperOption.make_metavar = _option_metavar  # type: ignore[method-assign]
ParamType.get_metavar = _argument_type_metavar  # type: ignore[method-assign]

# An uncaught error's traceback must not print local variables: a database URL among
# them may hold a password.
app = typer.Typer(
    name="kb",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class AidType(StrEnum):
    """The aid types a commitment has (kb.records.AID_TYPES): click refuses anything else."""

    military = "military"
    humanitarian = "humanitarian"
    financial = "financial"


assert tuple(AidType) == AID_TYPES

# The largest integer a database column holds (SQLite and PostgreSQL BIGINT): an id or a
# limit past it is refused as a bad option, not passed on to overflow in the driver.
LARGEST_ID = 2**63 - 1

DonorOption = Annotated[
    str | None, typer.Option(help="Donor: any name, short form or ISO code (UK, Britain, GBR).")
]
RecipientOption = Annotated[str | None, typer.Option(help="Recipient: any name it goes by.")]
ItemOption = Annotated[
    str | None, typer.Option(help="Items containing this word, or of this category (tanks).")
]
CategoryOption = Annotated[
    str | None,
    typer.Option(
        help="Category (tank, medical, money, ...) or a family of them: weapons, vehicles, "
        "medical, food, shelter, energy, people."
    ),
]
AidTypeOption = Annotated[
    AidType | None, typer.Option("--aid-type", help="military, humanitarian or financial.")
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        help="Status(es): delivered, committed, offered, considering, sold, cancelled; "
        "pledged is committed or offered."
    ),
]
SinceOption = Annotated[
    str | None, typer.Option(help="First reported on or after: YYYY[-MM[-DD]].")
]
UntilOption = Annotated[
    str | None, typer.Option(help="First reported on or before: YYYY[-MM[-DD]].")
]
IncludeRejectedOption = Annotated[
    bool | None,
    typer.Option(
        "--include-rejected",
        help="Also commitments a person rejected (kb reject), marked so.",
        show_default=False,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        min=0,
        max=LARGEST_ID,
        help="Show at most this many rows (default 20 in a table, all with --json; 0 for all).",
    ),
]
TABLE_ROWS = 20  # a screenful or two; a longer table is read by nobody, kb export writes all


def echo(text: str, err: bool = False) -> None:
    """Print `text` (on stderr with `err`), its control characters escaped."""
    typer.echo(printable(text), err=err)


class PrintableWriter:
    """A text stream that escapes control characters before they reach `stream`; the CSV's
    own line ends (carriage return, newline) pass."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text, keep="\r"))


def quiet_stdout() -> None:
    """Point stdout at /dev/null once its reader has closed the pipe: Python would complain
    again when it flushes stdout at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def to_stdout(write: Callable[[], object]) -> None:
    """Run `write`, which prints to stdout: a reader that closed the pipe (`| head`) ends it
    quietly; a stdout that cannot be written (a full disk) is one line and exit code 1."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
        raise typer.Exit(0) from None
    except OSError as error:
        fail(f"cannot write to standard output: {error.strerror or error}")


def fail(message: str, code: int = 1) -> NoReturn:
    echo(f"kb: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def knowledge_of(ctx: typer.Context, create: bool = False) -> Iterator[KnowledgeBase]:
    """The knowledge base of `--db` at head, with its errors turned into one line and exit
    code 1. Only a command that stores (`create`) makes a database that does not exist yet;
    a read of a missing file says so and creates nothing."""
    from sqlalchemy.exc import SQLAlchemyError

    from kb.knowledge import KnowledgeBase

    try:
        kb = KnowledgeBase(ctx.obj, create=create)
    except MissingDatabase as error:
        fail(f"{error}; `kb load FOLDER` makes one, and --db names another")
    except (NotKbDatabase, CannotOpen) as error:
        fail(str(error))
    try:
        yield kb
    except (UnknownActor, NotUnderstood, ReviewError, UnknownName) as error:
        fail(str(error))
    except UnicodeEncodeError as error:  # bytes of an argument that are not UTF-8
        fail(f"{printable(str(error.object))}: not valid UTF-8, so nothing stored can match it")
    except SQLAlchemyError as error:
        fail(f"database error: {error}")
    finally:
        kb.close()


# The options that select commitments, shared by `kb query`, `export` and `totals`: written
# once here and given to a command by @filtered, in this order.
FILTER_OPTIONS: tuple[tuple[str, Any], ...] = (
    ("donor", DonorOption),
    ("recipient", RecipientOption),
    ("item", ItemOption),
    ("category", CategoryOption),
    ("aid_type", AidTypeOption),
    ("status", StatusOption),
    ("since", SinceOption),
    ("until", UntilOption),
    ("include_rejected", IncludeRejectedOption),
)
Command = TypeVar("Command", bound=Callable[..., None])


def options_for(
    name: str, options: Sequence[tuple[str, Any]], make: Callable[..., Any]
) -> Callable[[Command], Command]:
    """A decorator that gives a command `options` in place of its parameter `name`, and
    calls it with what `make` makes of their values: one set of options, written once,
    for every command that takes it."""

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command)
        # The annotations are strings (PEP 563) and typer needs what they name; `Filters` is
        # imported only for type checking, and its parameter is replaced anyway.
        hints = get_type_hints(command, localns={"Filters": object}, include_extras=True)
        given = [
            inspect.Parameter(option, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
            for option, kind in options
        ]
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():
            if parameter.name == name:
                parameters += given
                continue
            hint = hints[parameter.name]
            parameters.append(
                parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=hint)
            )

        @functools.wraps(command)
        def with_options(**values: Any) -> None:
            chosen = {option: values.pop(option) for option, _ in options}
            command(**{name: make(**chosen)}, **values)

        # typer reads a command's options from its signature and annotations.
        with_options.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        with_options.__annotations__ = {p.name: p.annotation for p in parameters}
        return with_options  # type: ignore[return-value]

    return decorate


# Give a command the filter options in place of its `filters` parameter, and call it with the
# Filters they make (a bad date or status is a bad option, as typer says).
filtered = options_for("filters", FILTER_OPTIONS, lambda **chosen: _filters_of(**chosen))


def _filters_of(
    donor: str | None,
    recipient: str | None,
    item: str | None,
    category: str | None,
    aid_type: AidType | None,
    status: list[str] | None,
    since: str | None,
    until: str | None,
    include_rejected: bool | None,
) -> queries.Filters:
    from kb.knowledge import Filters, parse_bound

    statuses = tuple(s.strip().lower() for value in status or [] for s in value.split(","))
    try:
        start = parse_bound(since) if since else None
        end = parse_bound(until, end=True) if until else None
        return Filters(
            donor,
            recipient,
            item,
            category,
            statuses,
            start,
            end,
            include_rejected=bool(include_rejected),
            aid_type=aid_type.value if aid_type else None,
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def shown_rows(limit: int | None, as_json: bool = False) -> int | None:
    """The number of rows to show: the option's, else TABLE_ROWS for a table; None for all."""
    if limit is None:
        return None if as_json else TABLE_ROWS
    return limit or None


def say_undated(undated: int) -> None:
    """On stderr: what a date filter left out because its date is unknown."""
    if undated:
        echo(
            f"kb: {undated:,} commitment{'s' if undated != 1 else ''} of unknown date left out "
            "by the dates asked for",
            err=True,
        )


def say_more(shown: int, matched: int) -> None:
    if matched > shown:  # on stderr, so that --json output stays one JSON document
        echo(
            f"kb: showing {shown:,} of {matched:,} commitments; "
            "--limit 0 shows them all, kb export writes them all",
            err=True,
        )


def print_table(
    rows: Sequence[queries.CommitmentView],
    sources: Mapping[int, Sequence[str]] | None = None,
    wide: bool = False,
) -> None:
    """The compact table, one line a commitment; `wide`, with evidence and sources."""
    from kb.cli import render

    console = data_console()
    table = render.rows_table(rows, sources) if wide else render.compact_table(rows, console.width)
    console.print(table)


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV rows, as kb export writes.")]
NlOption = Annotated[bool, typer.Option("--nl", help="Print one JSON object a line.")]
WideOption = Annotated[
    bool, typer.Option("--wide", help="A table with each row's evidence and sources.")
]


def jobs_option(help: str) -> Any:
    """--jobs: how many processes, from 1 to MAX_JOBS; `help` says what they do and how many
    run by default (kb load, kb export)."""
    return typer.Option(min=1, max=MAX_JOBS, show_default=False, help=help)


@dataclass(frozen=True)
class Shape:
    """How rows are printed: a compact table (or a wide one), JSON, CSV or JSON lines."""

    json: bool = False
    csv: bool = False
    nl: bool = False
    wide: bool = False

    def __post_init__(self) -> None:
        if self.json + self.csv + self.nl > 1:
            raise typer.BadParameter("give one of --json, --csv and --nl")

    @property
    def machine(self) -> bool:
        return self.json or self.csv or self.nl

    def print(
        self,
        rows: Sequence[queries.CommitmentView],
        sources: Mapping[int, Sequence[str]] | None = None,
    ) -> None:
        from kb.cli import render

        if self.json:
            echo(render.rows_json(rows, sources))
        elif self.csv:
            to_stdout(lambda: sys.stdout.write(printable(render.rows_csv(rows, sources), "\r")))
        elif self.nl:
            to_stdout(lambda: sys.stdout.write(printable(render.rows_lines(rows, sources), "\n")))
        elif rows:
            print_table(rows, sources, self.wide)


def _version(given: bool | None) -> None:
    if given:
        from kb import EXTRACTOR_VERSION, __version__

        typer.echo(f"kb {__version__} (rules {EXTRACTOR_VERSION})")
        raise typer.Exit(0)


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
    version: Annotated[
        bool | None,
        typer.Option(
            "--version",
            help="Say which kb and which rules (EXTRACTOR_VERSION) this is, and stop.",
            callback=_version,
            is_eager=True,
        ),
    ] = None,
) -> None:
    """A knowledge base of aid commitments, extracted by rule from news articles.

    Each article's records are its mentions; mentions of the same commitment in several
    articles make one commitment, with every source, its latest status and its history.
    """
    ctx.obj = db  # made a URL when a command opens it, so that --help imports no SQLAlchemy
