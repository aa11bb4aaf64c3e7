"""Read the gazetteer's TSV tables: `#` comment lines, a header row, then data rows."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources


def read_table(name: str) -> Iterator[dict[str, str]]:
    """Yield each row of `data/NAME` as a dict keyed by the header's column names."""
    text = resources.files("kb.gazetteer").joinpath("data", name).read_text(encoding="utf-8")
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ValueError(f"{name}:{number}: expected {len(header)} columns, got {len(cells)}")
        yield dict(zip(header, cells, strict=True))


def split_list(cell: str) -> list[str]:
    """Split a `|`-separated cell, dropping blanks."""
    return [part.strip() for part in cell.split("|") if part.strip()]
