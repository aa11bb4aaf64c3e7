"""The `kb` command: each command opens the database, makes one library call, and prints.

The commands live beside this file (loading, reading, review, summaries; common holds the app and
what they share); importing them registers them on the one typer app, which the console
script runs as `kb.cli:app`.
"""

from __future__ import annotations

from kb.cli import loading, reading, review, summaries
from kb.cli.common import TABLE_ROWS, app

__all__ = ["TABLE_ROWS", "app", "loading", "reading", "review", "summaries"]
