"""A CSV export written by several processes at once: a range of commitment ids each, the
first written by this process into the output and the rest by workers into files of their
own, then joined in id order. The bytes are those one process writes (a test holds them to
that), in about half the time on two cores.

Each part is read by a connection of its own, so each sees the database as it was when its
read began. SQLite says whether anything was committed meanwhile (PRAGMA data_version, as
seen by one connection held from before the first read to after the last): if so, the parts
may be of different moments, and `write_in_parts` raises Changed, for the caller to write
the export again in one read. PostgreSQL has no such counter, and is exported in one read.
"""

from __future__ import annotations

import codecs
import io
import math
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from kb import MAX_JOBS, workers
from kb.query.export import Writable
from kb.query.filters import Filters
from kb.query.lines import write_rows
from kb.storage.engine import in_memory, make_engine
from kb.storage.models import CommitmentRow

# Below this many ids, starting workers (a fraction of a second) costs about what it saves.
PARALLEL_IDS = 200_000
COPY_BYTES = 1 << 20


class Changed(Exception):
    """Something was committed while the parts were read: they may not be of one moment."""


def possible(engine: Engine) -> bool:
    """Whether an export of this database can be written in parts: an SQLite file."""
    return engine.dialect.name == "sqlite" and not in_memory(engine)


def default_jobs(engine: Engine, cores: int | None = None) -> int:
    """One process per core (at most MAX_JOBS) for a database of PARALLEL_IDS commitments
    or more (by the span of their ids, which costs nothing to ask); else one."""
    cores = min(cores or os.cpu_count() or 1, MAX_JOBS)
    if cores == 1 or not possible(engine):
        return 1
    with Session(engine) as session:
        low, high = id_span(session)
    return cores if high - low >= PARALLEL_IDS else 1


def id_span(session: Session) -> tuple[int, int]:
    """The lowest commitment id and one past the highest ((1, 1) for none)."""
    c = CommitmentRow
    # Each its own query: SQLite reads one end of the key for a min() or a max() alone, but
    # scans every row for both in one select (80 ms of a million).
    low = session.execute(select(func.min(c.id))).scalar()
    high = session.execute(select(func.max(c.id))).scalar()
    return (1, 1) if low is None or high is None else (int(low), int(high) + 1)


def split(low: int, high: int, parts: int) -> list[tuple[int, int]]:
    """[low, high) in `parts` ranges of ids as equal as they come (fewer where too few)."""
    step = max(1, math.ceil((high - low) / parts))
    return [(start, min(high, start + step)) for start in range(low, high, step)] or [(low, high)]


def write_in_parts(
    engine: Engine,
    filters: Filters,
    columns: Sequence[str],
    out: Writable,
    jobs: int,
    scratch: Path,
) -> int:
    """Write the header and the rows of `columns` of the commitments `filters` selects to
    `out`, as kb.query.export.write_values does, in `jobs` processes; the workers' parts go
    through files in a temporary folder in `scratch` (beside the export: the disk it goes
    to has room for it). Changed if anything was committed meanwhile."""
    columns = tuple(columns)
    with engine.connect() as watch:
        before = _version(watch)
        with Session(engine) as session:
            ranges = split(*id_span(session), jobs)
        with TemporaryDirectory(dir=scratch, prefix=".kb-export-") as folder:
            count = _written(engine, filters, columns, out, ranges, Path(folder))
        if _version(watch) != before:
            raise Changed("the database changed while it was exported")
    return count


def _written(
    engine: Engine,
    filters: Filters,
    columns: tuple[str, ...],
    out: Writable,
    ranges: list[tuple[int, int]],
    folder: Path,
) -> int:
    url = engine.url.render_as_string(hide_password=False)
    paths = [folder / f"{n}.csv" for n in range(len(ranges))]
    pool = workers.pool(max(1, len(ranges) - 1))
    try:
        later = [
            pool.submit(_write_part, url, filters, columns, ids, str(path))
            for ids, path in zip(ranges[1:], paths[1:], strict=True)
        ]
        with Session(engine) as session:
            count = write_rows(session, filters, columns, out, ids=ranges[0])
        for future, path in zip(later, paths[1:], strict=True):
            count += future.result()
            _append(path, out)
            path.unlink()  # the disk holds the export and one part at most, not two exports
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return count


def _append(path: Path, out: Writable) -> None:
    """The part at `path` added to `out`: as bytes to a UTF-8 file (a text copy spent a
    fifth of a second of the million rows' seven decoding and encoding them again)."""
    if isinstance(out, io.TextIOWrapper) and codecs.lookup(out.encoding).name == "utf-8":
        out.flush()  # what was written as text (the header, a BOM) first
        with open(path, "rb") as part:
            shutil.copyfileobj(part, out.buffer, COPY_BYTES)
        return
    with open(path, newline="", encoding="utf-8") as part:
        shutil.copyfileobj(part, out, COPY_BYTES)


def _write_part(
    url: str, filters: Filters, columns: tuple[str, ...], ids: tuple[int, int], path: str
) -> int:
    """In a worker: the rows of the commitments with ids in [ids) into `path`, no header."""
    engine = make_engine(url)
    try:
        with Session(engine) as session, open(path, "w", newline="", encoding="utf-8") as out:
            return write_rows(session, filters, columns, out, ids=ids, header=False)
    finally:
        engine.dispose()


def _version(connection: Connection) -> Any:
    """SQLite's count of what other connections committed, read in a transaction of its
    own (within one, it would not move)."""
    version = connection.exec_driver_sql("PRAGMA data_version").scalar()
    connection.rollback()
    return version
