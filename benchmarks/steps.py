"""The measured steps. Each reads what it needs from disk or a database and returns a Step.

The extraction steps each read the corpus afresh through kb.ingest.articles, so that the floor,
the peer and kb pay the same reading cost and differ only in what they do with the text.
The query steps run what the CLI command runs: in this process through the library (what
`kb query --donor UK` does between opening the database and printing), in this process
through typer's test runner (the whole command, printing included), and as a fresh `kb`
process (imports, migrations check and all).
"""

from __future__ import annotations

import csv
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from benchmarks.measure import Step, measure
from benchmarks.peers import Counter
from kb.ask.answer import ask
from kb.cli import TABLE_ROWS, app
from kb.extract import extract
from kb.ingest.articles import iter_articles
from kb.knowledge import KnowledgeBase
from kb.loading import load_articles
from kb.query.commitments import Filters, count_commitments, find_commitments
from kb.query.totals import totals
from kb.records import Article
from kb.storage.engine import open_database

DONOR = "UK"
_PROC_STATUS = Path("/proc/self/status")
QUESTION = "what did the UK send?"


def _articles(folder: Path) -> Iterator[Article]:
    return (a for a in iter_articles([folder]) if isinstance(a, Article))


def text_step(name: str, folder: Path, megabytes: float, work: Counter) -> Step:
    """Read the corpus and run `work` over its texts (the floor, the peer)."""
    step = Step(name, megabytes=megabytes)
    with measure(step):
        counted = [0]

        def texts() -> Iterator[str]:
            for article in _articles(folder):
                counted[0] += 1
                yield article.text

        step.extra["found"] = work(texts())
    step.count = counted[0]
    return step


def extract_step(folder: Path, megabytes: float) -> Step:
    """Read the corpus and extract every article's commitments, storing nothing."""
    step = Step("kb extract", megabytes=megabytes)
    found = 0
    with measure(step):
        for article in _articles(folder):
            found += len(extract(article))
            step.count += 1
    step.extra["mentions"] = found
    return step


def load_step(name: str, folder: Path, url: str, megabytes: float, jobs: int = 1) -> Step:
    """What `kb load FOLDER [--jobs N]` does: open (and migrate) the database, read,
    extract and store."""
    step = Step(name, megabytes=megabytes)
    with measure(step):
        engine = open_database(url)
        try:
            summary = load_articles(engine, iter_articles([folder]), jobs=jobs)
        finally:
            engine.dispose()
    step.count = summary.new + summary.updated + summary.unchanged + summary.failed
    step.extra.update(
        jobs=jobs,
        new=summary.new,
        updated=summary.updated,
        unchanged=summary.unchanged,
        failed=summary.failed,
        mentions=summary.mentions,
    )
    return step


def _timed(name: str, runs: int, call: Callable[[], object], unit: str = "runs") -> Step:
    """Run `call` once cold, then `runs` times; the step's time is the median warm run."""
    step = Step(name, unit=unit)
    times: list[float] = []
    with measure(step):
        for _ in range(runs + 1):
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
    step.seconds, step.count = statistics.median(times[1:]), 1
    step.extra.update(cold_ms=round(times[0] * 1000, 2), runs=runs)
    return step


def has_command(name: str) -> bool:
    """Whether `kb NAME` exists (kb totals arrives with another issue)."""
    return any(
        (c.name or getattr(c.callback, "__name__", "")) == name for c in app.registered_commands
    )


def library_steps(engine: Engine, label: str, runs: int) -> list[Step]:
    """kb query --donor UK, kb ask and kb totals, as library calls on an open engine."""

    def query() -> int:
        with Session(engine) as session:
            filters = Filters(donor=DONOR)
            rows = find_commitments(session, filters, TABLE_ROWS)
            return count_commitments(session, filters) if len(rows) == TABLE_ROWS else len(rows)

    def question() -> int:
        with Session(engine) as session:
            return ask(session, QUESTION, TABLE_ROWS).count

    def sums() -> int:
        with Session(engine) as session:
            return len(totals(session).rows)

    steps = [_timed(f"query --donor UK, library ({label})", runs, query)]
    steps.append(_timed(f"ask, library ({label})", runs, question))
    steps.append(_timed(f"totals, library ({label})", runs, sums))
    with Session(engine) as session:
        steps[0].extra["matched"] = count_commitments(session, Filters(donor=DONOR))
        steps[1].extra["matched"] = ask(session, QUESTION, 1).count
    return steps


def command_args() -> dict[str, list[str]]:
    commands = {"query": ["query", "--donor", DONOR], "ask": ["ask", QUESTION]}
    if has_command("totals"):
        commands["totals"] = ["totals"]
    return commands


def runner_steps(url: str, label: str, runs: int) -> list[Step]:
    """The whole commands in this process, through typer's test runner."""
    runner = CliRunner(env={"COLUMNS": "120"})
    steps = []
    for name, args in command_args().items():

        def call(args: list[str] = args) -> None:
            result = runner.invoke(app, ["--db", url, *args])
            if result.exit_code != 0:
                raise RuntimeError(f"kb {' '.join(args)} failed: {result.output}")

        steps.append(_timed(f"kb {name}, in process ({label})", runs, call))
    return steps


# What the `kb` console script runs, plus a note of the process's own peak memory at exit,
# and of its largest worker's (kb export and kb load run workers; each holds its own
# memory). The peak is read from /proc in the child: the ru_maxrss that wait4 reports for a
# child counts the memory of this (large) process, from which it was forked.
_PROBE = """
import atexit, os, resource, sys
from pathlib import Path

def note_peak():
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            Path(os.environ["KB_BENCH_PEAK"]).write_text(f"{line.split()[1]} {workers}")

atexit.register(note_peak)
from kb.cli import main
main()
"""


def _kb() -> list[str]:
    if _PROC_STATUS.exists():
        return [sys.executable, "-c", _PROBE]
    script = Path(sys.executable).with_name("kb")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from kb.cli import main; main()"]


def _run(argv: list[str], work: Path) -> tuple[float, float]:
    """Run a command to completion: (seconds, its peak resident memory in MB)."""
    env = {**os.environ, "COLUMNS": "120", "KB_BENCH_PEAK": str(work / "peak.txt")}
    env.pop("KB_DATABASE_URL", None)
    # As an installed kb runs: from cached bytecode (kept here, not in the checkout).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}: {error}")
    peak = work / "peak.txt"
    if peak.exists():
        return seconds, sum(map(int, peak.read_text().split())) / 1024
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return seconds, usage.ru_maxrss / scale  # counts this process's memory too: an upper bound


def process_steps(url: str, label: str, runs: int, work: Path) -> list[Step]:
    """The whole commands as fresh `kb` processes; the time is the median of `runs`, after
    one run that leaves the bytecode cached, as an installed kb has it."""
    steps = []
    for name, args in command_args().items():
        argv = [*_kb(), "--db", url, *args]
        _run(argv, work)
        results = [_run(argv, work) for _ in range(runs)]
        step = Step(f"kb {name}, CLI process ({label})", unit="runs", count=1)
        step.seconds = statistics.median(s for s, _ in results)
        step.peak_mb = max(mb for _, mb in results)
        step.extra["runs"] = runs
        steps.append(step)
    return steps


def export_process_step(url: str, out: Path, label: str, work: Path) -> Step:
    """`kb export FILE` as a fresh process: its own peak memory, free of this process's."""
    step = Step(f"kb export, CLI process ({label})", unit="rows")
    step.seconds, step.peak_mb = _run([*_kb(), "--db", url, "export", str(out)], work)
    with open(out, encoding="utf-8") as written:
        step.count = sum(1 for _ in csv.reader(written)) - 1  # less the header
    step.megabytes = out.stat().st_size / 1e6
    return step


def export_step(engine: Engine, out: Path, label: str) -> Step:
    """What `kb export FILE` does: every row into a CSV file, streamed, in parts by one
    process a core on a large database (kb.query.parts)."""
    step = Step(f"kb export ({label})", unit="rows")
    with measure(step):
        step.count = KnowledgeBase(engine).export(out)
    step.megabytes = out.stat().st_size / 1e6
    return step


def stored(engine: Engine) -> dict[str, Any]:
    """How many articles and commitments the database holds."""
    with Session(engine) as session:
        return {"commitments": count_commitments(session)}
