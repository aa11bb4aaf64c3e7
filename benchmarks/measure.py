"""Timing a step and its peak memory, without slowing the step down.

Peak memory is the process's peak resident set size (VmHWM), reset before each step by
writing 5 to /proc/self/clear_refs (Linux 4.0 and later). tracemalloc would see only
Python's allocations (not SQLite's page cache) and would slow allocation-heavy code two or
three times, which would distort the very throughput being measured. Where /proc is not
available the peak is ru_maxrss, which cannot be reset: it is then the peak so far.
"""

from __future__ import annotations

import re
import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


@dataclass
class Step:
    """One measured step. `count` is in `unit` (articles, rows or runs); `megabytes` is the
    size of the text it read, where it read any."""

    name: str
    seconds: float = 0.0
    count: int = 0
    unit: str = "articles"
    megabytes: float = 0.0
    peak_mb: float = 0.0  # peak resident memory of the process during the step
    growth_mb: float = 0.0  # that peak less the resident memory when the step began
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """`count` per second."""
        return self.count / self.seconds if self.seconds else 0.0

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "seconds": round(self.seconds, 6),
            "count": self.count,
            "unit": self.unit,
            "per_second": round(self.rate, 1),
            "mb_per_second": round(self.mb_per_second, 3),
            "peak_mb": round(self.peak_mb, 1),
            "growth_mb": round(self.growth_mb, 1),
            "note": self.note,
            **self.extra,
        }


def _status_mb(key: str) -> float | None:
    try:
        match = re.search(rf"^{key}:\s+(\d+) kB", _STATUS.read_text(), re.MULTILINE)
    except OSError:
        return None
    return int(match.group(1)) / 1024 if match else None


def _reset_peak() -> bool:
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def _maxrss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


@contextmanager
def measure(step: Step) -> Iterator[Step]:
    """Time the block and record its peak memory into `step` (its count is the caller's)."""
    resettable = _reset_peak()
    start_mb = _status_mb("VmRSS") or _maxrss_mb()
    started = time.perf_counter()
    try:
        yield step
    finally:
        step.seconds = time.perf_counter() - started
        peak = _status_mb("VmHWM") if resettable else None
        step.peak_mb = peak if peak is not None else _maxrss_mb()
        step.growth_mb = max(0.0, step.peak_mb - start_mb)
