"""A Datasette plugin (loaded by `kb serve` with --plugins-dir): the charts of `kb chart` on
pages of the web view, /-/kb/charts/KIND.svg and KIND.html, drawn from the database served.
Like the CLI, it sits on top and goes through the front door."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response

from kb.knowledge import KnowledgeBase
from kb.records import CHART_KINDS


def _draw(database: str, kind: str, suffix: str, currency: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"chart.{suffix}"
        with KnowledgeBase(database, create=False) as kb:
            kb.chart(kind, target, currency=currency)
        return target.read_text(encoding="utf-8")


async def chart(datasette: Any, request: Any) -> Response:
    kind, suffix = request.url_vars["kind"], request.url_vars["suffix"]
    if kind not in CHART_KINDS:
        return Response.text(f"no chart {kind!r}; one of {', '.join(CHART_KINDS)}", status=404)
    currency = "EUR" if request.args.get("currency", "").upper() == "EUR" else "USD"
    served = [db for name, db in datasette.databases.items() if not name.startswith("_")]
    path = served[0].path
    text = await asyncio.to_thread(_draw, path, kind, suffix, currency)
    kind_of = "image/svg+xml" if suffix == "svg" else "text/html; charset=utf-8"
    return Response(text, content_type=kind_of)


@hookimpl  # type: ignore[untyped-decorator]
def register_routes() -> list[tuple[str, Any]]:  # datasette ships no types: hence the ignore
    return [(r"^/-/kb/charts/(?P<kind>[a-z-]+)\.(?P<suffix>svg|html)$", chart)]
