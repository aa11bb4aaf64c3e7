"""Serving a knowledge base with Datasette: read-only, on 127.0.0.1 by default, with kb's
metadata and chart pages. Datasette opens an SQLite file read-only by itself; it does not
serve PostgreSQL, and kb says so rather than try."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kb.errors import CannotServe
from kb.web.metadata import metadata

PLUGINS = Path(__file__).resolve().parent / "plugins"


def datasette_command(database: Path, host: str, port: int, folder: Path) -> list[str]:
    """The command that serves `database`, its metadata written into `folder`."""
    try:
        import datasette  # noqa: F401  (only to say plainly that it is missing)
    except ImportError:
        raise CannotServe("kb serve needs Datasette: pip install 'kb[web]'") from None
    found = folder / "metadata.json"
    found.write_text(json.dumps(metadata(database.stem), indent=2), encoding="utf-8")
    return [
        sys.executable, "-m", "datasette", "serve", str(database),
        "--host", host, "--port", str(port),
        "--metadata", str(found), "--plugins-dir", str(PLUGINS),
        "--setting", "default_page_size", "50",
        "--setting", "sql_time_limit_ms", "5000",
    ]  # fmt: skip
