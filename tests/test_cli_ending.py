"""The console script ends without Python's teardown (kb.cli.ending), and loses nothing by
it: what a command printed, its exit code, the exit handlers of whoever runs it, and a thread
still at work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from console import CONSOLE_SCRIPT
from sqlalchemy import Engine

APP = "import sys; from kb.cli import app; app(sys.argv[1:], prog_name='kb')"


def _python(code: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=120)


def test_what_a_command_prints_reaches_the_pipe_whole(stored: Engine, db_url: str) -> None:
    # Piped, stdout is a buffer that only a flush writes: a few lines would be lost whole.
    for args in (["stats", "--json"], ["query", "--json", "--limit", "0"], ["export"]):
        done = _python(CONSOLE_SCRIPT, *args, "--db", db_url)
        ordinary = _python(APP, "--db", db_url, *args)  # ended by Python's own teardown
        assert done.returncode == ordinary.returncode == 0, done.stderr
        assert done.stdout == ordinary.stdout != b""


def test_an_exit_code_and_its_message_are_kept(tmp_path: Path) -> None:
    missing = _python(CONSOLE_SCRIPT, "query", "--db", str(tmp_path / "none.sqlite"))
    assert missing.returncode == 1
    assert missing.stderr.decode().startswith("kb: ")
    assert _python(CONSOLE_SCRIPT, "query", "--limit", "many").returncode == 2  # a usage error


def test_the_callers_exit_handlers_run(stored: Engine, db_url: str) -> None:
    # The benchmark notes a process's peak memory in one.
    code = f"import atexit; atexit.register(print, 'handled', flush=True)\n{CONSOLE_SCRIPT}"
    done = _python(code, "stats", "--db", db_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().rstrip().endswith("handled")


def test_a_thread_at_work_is_waited_for(tmp_path: Path) -> None:
    mark = tmp_path / "done"
    code = (
        "import threading, time\nfrom kb.cli.ending import leave\n"
        f"def work():\n    time.sleep(0.3)\n    open({str(mark)!r}, 'w').close()\n"
        "threading.Thread(target=work).start()\nleave(3)"
    )
    assert _python(code).returncode == 3
    assert mark.exists()
