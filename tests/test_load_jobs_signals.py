"""`kb load --jobs` leaves no worker behind, and Ctrl-C says how far it got (issue 10).

A killed parent (a CI timeout, the OOM killer, `kill`) left its workers alive for ever,
holding the database and stdout. The conditions are forced: the parent is killed, or the
whole process group interrupted, once its workers exist; the tests then wait, with generous
deadlines, for what must follow. They never depend on how fast the machine is.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and relies on prctl(2)"
)


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


# Ctrl-C as a terminal delivers it: a runner started in the background by a shell (`cmd &`)
# hands its children a SIGINT that is ignored, and Python then never raises KeyboardInterrupt.
AS_A_TERMINAL = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)"


@pytest.fixture
def big_load(tmp_path: Path) -> list[str]:
    """A load long enough to be caught while it runs: many small articles in one file."""
    corpus = tmp_path / "many.jsonl"
    lines = (
        json.dumps({"text": f"Norway will send {n} tents and {n + 1} stoves to Chad."})
        for n in range(1, 60_001)
    )
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = f"{AS_A_TERMINAL}; from kb.cli import app; app()"
    db = tmp_path / "kb.sqlite"
    return [sys.executable, "-c", command, "--db", str(db), "load", "--jobs", "2", str(corpus)]


def _start(command: list[str]) -> tuple[subprocess.Popen[bytes], set[int]]:
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    workers: set[int] = set()

    def started() -> bool:
        workers.update(_children(process.pid))
        return len(workers) >= 2

    assert _wait(started, 120), "the load never started its workers"
    return process, workers


def test_workers_die_with_their_parent(big_load: list[str]) -> None:
    process, workers = _start(big_load)
    process.kill()
    process.wait(timeout=60)
    assert _wait(lambda: not any(_alive(w) for w in workers), 60), "workers outlived the load"


def test_ctrl_c_stops_the_load_and_says_how_far_it_got(big_load: list[str]) -> None:
    process, workers = _start(big_load)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130
    lines = err.decode().splitlines()
    assert len(lines) == 1, err.decode()
    assert lines[0].startswith("kb: interrupted; ")
    assert lines[0].endswith("articles stored, each whole; the same command finishes the job")
    assert _wait(lambda: not any(_alive(w) for w in workers), 60)


# A Ctrl-C that lands after the first worker is forked and before the pool's own thread
# starts (the thread that stops its workers): the signal is sent at that very point.
CTRL_C_AT_FIRST_FORK = f"""
{AS_A_TERMINAL}
import os
from concurrent.futures import process
from kb import workers

spawn = process.ProcessPoolExecutor._spawn_process

def spawn_then_ctrl_c(self):
    spawn(self)
    process.ProcessPoolExecutor._spawn_process = spawn
    os.kill(os.getpid(), signal.SIGINT)

process.ProcessPoolExecutor._spawn_process = spawn_then_ctrl_c
try:
    workers.pool(2)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def test_a_ctrl_c_while_the_workers_start_leaves_none_behind() -> None:
    # Before, the first worker was left without the thread that stops it, and Python's
    # exit waited on it for ever.
    done = subprocess.run(
        [sys.executable, "-c", CTRL_C_AT_FIRST_FORK], capture_output=True, timeout=120
    )
    assert (done.returncode, done.stdout) == (0, b"interrupted\n"), done.stderr
