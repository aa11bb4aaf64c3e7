"""The `kb` command: each command opens the database, makes one library call, and prints.

The commands live beside this file (loading, reading, review, summaries; common holds the app and
what they share); importing them registers them on the one typer app, which the console
script runs as `kb.cli:main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kb.cli import loading, reading, review, summaries
from kb.cli.common import TABLE_ROWS, app, quiet_stdout
from kb.cli.ending import leave

__all__ = ["TABLE_ROWS", "app", "hoist_db", "loading", "main", "reading", "review", "summaries"]


def hoist_db(args: Sequence[str]) -> list[str]:
    """`args` with a `--db X` (or `--db=X`) given after the subcommand moved before it, as
    sqlite-utils and datasette take a database anywhere: `kb query --db aid.sqlite`."""
    out = list(args)
    for at, arg in enumerate(out):
        if arg == "--":
            break
        if arg.startswith("--db=") or (arg == "--db" and at + 1 < len(out)):
            taken = out[at : at + (1 if "=" in arg else 2)]
            del out[at : at + len(taken)]
            return [*taken, *out]
    return out


def main() -> None:
    """The console script: the app, with `--db` anywhere, and a reader that closes the pipe
    (`kb query --json | head`) ending it quietly; the process then ends without Python's
    teardown (kb.cli.ending)."""
    try:
        app(args=hoist_db(sys.argv[1:]), prog_name="kb")
    except BrokenPipeError:
        quiet_stdout()
        leave(0)
    except SystemExit as stop:
        if stop.code is not None and not isinstance(stop.code, int):
            raise  # a message for Python to print
        leave(stop.code or 0)
    leave(0)
