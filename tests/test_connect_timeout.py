"""A PostgreSQL server that accepts and never answers does not hang kb (issue 10's probe).

The condition is forced: a stub server on 127.0.0.1 accepts every connection and never says
a word. kb's default connect_timeout is lowered for the test, so that it ends in seconds;
without a default, opening the database would wait for ever (the test's own deadline then
fails it instead of hanging the suite).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from kb.storage import engine as engines

pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port on 127.0.0.1 where a server accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(5)
    for connection in held:
        connection.close()
    server.close()


def _open_with_deadline(url: str, seconds: float) -> BaseException | None:
    """What opening `url` raised, within `seconds`; fails the test if it is still waiting."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            engines.open_database(url).dispose()
            outcome.append(None)
        except Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"opening {url} was still waiting after {seconds} s"
    return outcome[0]


def test_a_silent_server_times_out_by_default(
    silent_server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines, "CONNECT_TIMEOUT", 1)
    error = _open_with_deadline(f"postgresql+psycopg://kb@127.0.0.1:{silent_server}/kb", 30)
    assert error is not None and "timeout" in str(error).lower()


def test_the_urls_own_timeout_wins(silent_server: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "CONNECT_TIMEOUT", 600)
    url = f"postgresql+psycopg://kb@127.0.0.1:{silent_server}/kb?connect_timeout=1"
    assert _open_with_deadline(url, 30) is not None
