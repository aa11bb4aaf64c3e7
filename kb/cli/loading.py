"""Commands that write: `kb load`, `kb remove`, and `kb eval` (which loads a throw-away base)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from kb.cli.common import app, echo, fail, jobs_option, knowledge_of
from kb.cli.terminal import printable
from kb.errors import ConnectionLost, GoldError

if TYPE_CHECKING:
    from rich.console import Console

    from kb.loading.load import LoadResult


def print_failure(result: LoadResult, console: Console | None = None) -> None:
    """One line on stderr for an article that failed, that is a copy of a stored one under
    another name, or that loaded with notes (a file decoded as latin-1, a date that was not
    a date); nothing for the others."""
    if result.outcome == "failed":
        line = f"kb: {result.source}: {result.reason}"
    elif result.duplicate_of is not None:
        line = f"kb: {result.source}: the same text as {result.duplicate_of}, stored once"
    elif result.notes:
        line = f"kb: {result.source}: {'; '.join(result.notes)}"
    else:
        return
    if console is None:
        echo(line, err=True)
    else:
        console.print(printable(line), markup=False, emoji=False, highlight=False)


@app.command()
def load(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files and folders (.txt, .jsonl, .html), http(s) URLs, or - for stdin.",
            show_default=False,
        ),
    ] = None,
    urls: Annotated[
        str | None,
        typer.Option(
            "--urls",
            metavar="FILE",
            help="Also the URLs in FILE, one a line (blank lines and # comments skipped).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        jobs_option(
            "Extract in this many processes (storing stays in one). Default: one per "
            "core when the input is over 4 MB, else one."
        ),
    ] = None,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Follow symlinks that lead out of a folder loaded (never into /proc, /sys, /dev).",
        ),
    ] = False,
) -> None:
    """Load articles, extract their commitments, store them, and consolidate the commitments
    they report with those already stored. Loading is idempotent."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
    )

    paths = [*(paths or []), *(_urls_in(urls) if urls else [])]
    if not paths:
        fail("nothing to load: give files, folders or URLs, or --urls FILE", code=2)
    console = Console(stderr=True)
    stored = [0]

    def report(result: LoadResult, where: Console | None = None) -> None:
        print_failure(result, where)
        stored[0] += result.outcome in ("new", "updated")

    # Articles are streamed, never read ahead: an interactive load's memory stays flat, so
    # its bar counts what is done without a total.
    try:
        with knowledge_of(ctx, create=True) as kb:
            if console.is_terminal:
                columns = (TextColumn("loading"), BarColumn(), MofNCompleteColumn())
                with Progress(*columns, console=console, transient=True) as progress:
                    task = progress.add_task("load", total=None)

                    def advance(result: LoadResult) -> None:
                        report(result, progress.console)
                        progress.advance(task)

                    summary = kb.load(
                        paths, jobs=jobs, follow_symlinks=follow_symlinks, on_result=advance
                    )
            else:
                summary = kb.load(
                    paths, jobs=jobs, follow_symlinks=follow_symlinks, on_result=report
                )
    except ConnectionLost as error:
        fail(str(error))
    except KeyboardInterrupt:
        fail(
            f"interrupted; {stored[0]} articles stored, each whole; "
            "the same command finishes the job",
            code=130,
        )
    echo(str(summary))
    if summary.failed:
        raise typer.Exit(1)


def _urls_in(path: str) -> list[str]:
    """The URLs listed in a file, one a line."""
    from kb.knowledge import KnowledgeBase

    try:
        return KnowledgeBase.urls_in(path)
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror or error}")
    except ValueError as error:
        fail(str(error))


@app.command()
def remove(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Articles as loaded: a path (./news/a.txt for news/a.txt), a URL, or a glob "
            "('news/2023-*', quoted), as kb sources lists them."
        ),
    ],
) -> None:
    """Remove stored articles and their mentions; the commitments they reported are
    consolidated again from the articles that remain."""
    with knowledge_of(ctx) as kb:
        removed = {pattern: kb.remove_matching(pattern) for pattern in sources}
    missing = [pattern for pattern, done in removed.items() if not done]
    for pattern in missing:
        echo(
            f"kb: {pattern}: no article stored under this source (kb sources lists them)", err=True
        )
    echo(f"{sum(map(len, removed.values()))} removed")
    if missing:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    paths: Annotated[list[str], typer.Argument(help="Article files and folders to score.")],
    gold: Annotated[str, typer.Option(help="Gold annotations, one JSON article a line.")],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every missed and extra row.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Load articles into a throw-away knowledge base and score its mentions (one row per
    record of an article, as the gold has them) against a gold file."""
    from kb.cli import render
    from kb.knowledge import KnowledgeBase

    try:
        report = KnowledgeBase.evaluate(paths, gold, on_result=print_failure)
    except GoldError as error:
        fail(str(error))
    if as_json:
        echo(json.dumps(report.as_dict(), indent=2))
    else:
        echo(render.report_text(report, verbose))
