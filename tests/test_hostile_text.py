"""Extraction on hostile text at full size: it finishes, it does not raise, and its time grows
linearly, so that no rule can hang a load.

tests/test_extract_properties.py holds the property tests (any text: no exception, the same
records twice, spans inside the text) and times small inputs. Here the inputs are what a
broken scraper really leaves: a megabyte of digits, of "1,1,1", of spaces, a 200,000-character
sentence, lists repeated thousands of times. Each is timed at sizes doubling up to its full
size, in a child process that is killed at a deadline: a quadratic rule shows as a doubling
that quadruples the time, and fails early, at a size where that costs a second, not an hour.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import statistics
import time
from collections.abc import Callable
from datetime import date
from multiprocessing.connection import Connection

import pytest

from kb.extract import extract
from kb.records import Article

MB = 1 << 20
FACTOR = 3.0  # linear doubles the time; quadratic quadruples it; 3 leaves room for noise
FLOOR = 0.05  # seconds: below this a ratio measures the machine's noise, not the rules
STEPS = 6  # doublings timed, from size/64 up to the full size
DEADLINE = 45.0  # seconds for one case, all sizes; only a hang gets near it
DAY = date(2023, 1, 17)

Build = Callable[[int], str]


def _seconds(text: str) -> float:
    """The median time to extract `text`: of three runs when they are short, else of one."""
    times: list[float] = []
    while len(times) < (3 if not times or times[0] < 0.25 else 1):
        gc.collect()
        gc.disable()  # a collection landing in one run and not the next is noise
        try:
            start = time.perf_counter()
            records = extract(Article("hostile", text, DAY))
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
        for record in records:
            start, end = record.span
            assert 0 <= start <= end <= len(text) and text[start:end] == record.evidence
    return statistics.median(times)


def _time_sizes(build: Build, size: int, out: Connection) -> None:
    """In the child: send (size, seconds) for each doubling up to `size`, stopping early at
    a doubling that more than triples the time (the parent fails the test on it)."""
    _seconds("Britain will send 14 tanks to Ukraine.")  # compile the patterns first
    previous = None
    for step in range(STEPS, -1, -1):
        n = size >> step
        seconds = _seconds(build(n))
        out.send((n, seconds))
        if previous is not None and seconds >= FLOOR and seconds > FACTOR * previous:
            break
        previous = seconds
    out.close()


def timings(build: Build, size: int) -> list[tuple[int, float]]:
    """(size, seconds) at each doubling, from a child process killed at DEADLINE."""
    context = multiprocessing.get_context("fork")  # the child inherits `build`, a lambda
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_time_sizes, args=(build, size, send), daemon=True)
    child.start()
    send.close()
    found: list[tuple[int, float]] = []
    deadline = time.monotonic() + DEADLINE
    try:
        while time.monotonic() < deadline:
            if receive.poll(0.05):
                try:
                    found.append(receive.recv())
                except EOFError:
                    break
        else:
            pytest.fail(f"not finished after {DEADLINE:.0f} s; timed so far: {found}")
    finally:
        child.kill()
        child.join()
    assert child.exitcode in (0, -9), f"extraction raised (see stderr); timed: {found}"
    return found


CASES = [
    pytest.param(lambda n: "7" * n, MB, id="a-megabyte-of-digits"),
    pytest.param(lambda n: ("1," * n)[:n], MB, id="a-megabyte-of-1,1,1"),
    pytest.param(lambda n: ("$" + "1," * n)[:n], MB, id="a-megabyte-of-$1,1,1"),
    pytest.param(
        lambda n: "Britain will send" + " " * n + "tanks to Ukraine.", MB, id="a-megabyte-of-spaces"
    ),
    pytest.param(
        lambda n: ("Britain will send " + "very " * n)[:n] + " many tanks to Ukraine.",
        200_000,
        id="a-200000-character-sentence",
    ),
    pytest.param(
        lambda n: ("The UK sent " + "tanks, (guns, (shells, (" * n)[:n],
        MB // 4,
        id="deeply-nested-lists",
    ),
    pytest.param(
        lambda n: ("Germany sent 14 tanks to Ukraine. " * n)[:n],
        MB // 8,
        id="many-short-sentences",
    ),
    pytest.param(
        lambda n: ("Britain will send tanks and guns and " * n)[:n] + " shells.",
        100_000,
        id="a-sentence-of-items",
    ),
    pytest.param(
        lambda n: ("Britain will send " + "14 tanks, 30 AS90s and " * n)[:n] + " to Ukraine.",
        200_000,
        id="a-counted-list-repeated-in-one-sentence",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("build", "size"), CASES)
def test_hostile_text_takes_linear_time(build: Build, size: int) -> None:
    found = timings(build, size)
    table = ", ".join(f"{n:,}: {seconds * 1000:.0f} ms" for n, seconds in found)
    for (_, before), (_, after) in itertools.pairwise(found):
        if after >= FLOOR:
            assert after <= FACTOR * before, (
                f"doubling the input more than tripled the time: {table}"
            )
    assert found[-1][0] == size, table
