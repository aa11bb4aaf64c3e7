"""How many extraction processes a load runs when the user names none: one per core for a
large input, where starting the workers (about a second) pays; one for a small one."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from kb import MAX_JOBS

# About 2,000 news articles: below this a load takes seconds, and workers would cost more
# than they save.
LARGE_INPUT_BYTES = 4_000_000


def default_jobs(paths: Iterable[str | Path], cores: int | None = None) -> int:
    """One job per core (at most MAX_JOBS) when the files and folders in `paths` hold more
    than LARGE_INPUT_BYTES; else one. Standard input ("-") counts as small: it cannot be
    measured without being read."""
    cores = min(cores or os.cpu_count() or 1, MAX_JOBS)
    if cores == 1:
        return 1
    return cores if _size_over(paths, LARGE_INPUT_BYTES) else 1


def _size_over(paths: Iterable[str | Path], limit: int) -> bool:
    """Whether the files under `paths` hold more than `limit` bytes; stops counting there."""
    total = 0
    for path in map(Path, paths):
        if str(path) == "-":
            continue
        for file in _files(path):
            try:
                total += file.stat().st_size
            except OSError:
                continue  # the load reports it, with its reason
            if total > limit:
                return True
    return False


def _files(path: Path) -> Iterable[Path]:
    if path.is_file():
        yield path
        return
    for folder, _, names in os.walk(path):  # symlinks to folders are not followed
        for name in names:
            yield Path(folder, name)
