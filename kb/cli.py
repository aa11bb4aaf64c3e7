"""The `kb` command: each command opens the database, makes one library call, and prints.

The commands live in kb/commands/ (loading, reading, summaries); importing them registers
them on the one typer app, which the console script runs as `kb.cli:app`.
"""

from __future__ import annotations

from kb.commands import loading, reading, summaries
from kb.commands.common import TABLE_ROWS, app

__all__ = ["TABLE_ROWS", "app", "loading", "reading", "summaries"]
