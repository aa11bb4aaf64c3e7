"""Web pages and URLs as articles: a saved page loads with its story only, and a URL is
fetched politely from a server on 127.0.0.1 (redirects bounded, size and type checked,
every failure one line) and stored with its URL and title."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import Result

from kb.ingest.articles import ReadError, iter_articles
from kb.ingest.fetch import fetch
from kb.knowledge import KnowledgeBase
from kb.records import Article

PAGE = Path(__file__).parent / "pages" / "saved_news_page.html"
STORY = "Norway will send eight Leopard 2 tanks to Ukraine"
# What a news page holds besides its story: none of it may reach the article.
CHROME = ("Subscribe", "Tromsø", "Winter tyres", "oslo_reader", "Sweden promised", "Ferry strike",
          "All rights reserved", "Privacy", "dataLayer")  # fmt: skip


def test_a_saved_page_loads_with_its_story_only() -> None:
    (article,) = iter_articles([PAGE])
    assert isinstance(article, Article)
    assert STORY in article.text and "Opposition leaders welcomed" in article.text
    for noise in CHROME:
        assert noise not in article.text, noise
    assert article.title == "Norway to send tanks to Ukraine"
    assert article.author == "Ingrid Halvorsen"
    assert article.url == "https://ledger.example/world/2023/02/10/norway-tanks-ukraine"
    assert (article.published, article.precision) == (date(2023, 2, 10), "day")


def test_a_page_with_no_story_is_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "menu.html"
    empty.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "utf-8")
    (found,) = iter_articles([empty])
    assert found == ReadError(str(empty), "no article text found in the page")


class _Site(http.server.BaseHTTPRequestHandler):
    """A small news site: a page, redirects, and what a fetch must refuse."""

    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # the name http.server calls
        _Site.agents.append(self.headers.get("User-Agent", ""))
        routes: dict[str, Callable[[], None]] = {
            "/story": lambda: self._send(PAGE.read_bytes(), "text/html; charset=utf-8"),
            "/plain": lambda: self._send(
                b"OSLO, Feb 3 (Ledger) - Norway will send 40 bicycles to Ukraine in 2023.",
                "text/plain",
            ),
            "/moved": lambda: self._redirect("/story"),
            "/loop": lambda: self._redirect("/loop"),
            "/elsewhere": lambda: self._redirect("file:///etc/passwd"),
            "/photo": lambda: self._send(b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"),
            "/huge": lambda: self._send(b"<p>" + b"x" * (6 * 2**20) + b"</p>", "text/html"),
            "/slow": self._slow,
        }
        route = routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
        else:
            route()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.end_headers()

    def _slow(self) -> None:
        time.sleep(1.5)
        self._send(b"<p>late</p>", "text/html")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_is_fetched_and_read_as_a_page(site: str) -> None:
    (article,) = iter_articles([f"{site}/moved"])
    assert isinstance(article, Article)
    assert article.source == f"{site}/moved"
    assert STORY in article.text and "Sweden promised" not in article.text
    assert article.url == "https://ledger.example/world/2023/02/10/norway-tanks-ukraine"
    assert _Site.agents[-1].startswith("kb/")


def test_a_plain_text_url_is_a_txt_article_dated_by_its_dateline(site: str) -> None:
    (article,) = iter_articles([f"{site}/plain"])
    assert isinstance(article, Article)
    assert (article.published, article.url) == (date(2023, 2, 3), f"{site}/plain")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/nowhere", "HTTP 404 Not Found"),
        ("/loop", "too many redirects (over 5), or one to a URL that is not http"),
        ("/elsewhere", "too many redirects (over 5), or one to a URL that is not http"),
        ("/photo", "not a web page or text (image/png)"),
        ("/huge", "too large (over the 5 MiB an article may be)"),
    ],
)
def test_a_url_that_fails_is_one_line(site: str, path: str, reason: str) -> None:
    (found,) = iter_articles([f"{site}{path}"])
    assert found == ReadError(f"{site}{path}", reason)


def test_a_server_that_does_not_answer_in_time(site: str) -> None:
    assert fetch(f"{site}/slow", 2**20, timeout=0.3) == "no answer within 0.3 seconds"


def test_nothing_answers_at_a_closed_port() -> None:
    found = fetch("http://127.0.0.1:9/", 2**20, timeout=2)
    assert isinstance(found, str) and found.startswith("cannot fetch it")


def test_load_urls_stores_their_url_and_title(site: str, tmp_path: Path) -> None:
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        summary = kb.load([f"{site}/story", f"{site}/nowhere", str(PAGE)])
        # The saved page and the fetched one are one text: the second is a duplicate.
        assert (summary.new, summary.duplicates, summary.failed) == (1, 1, 1)
        (row,) = kb.query(item="Leopard")
        assert row.article == f"{site}/story" and row.quantity == 8


def test_kb_load_urls_from_a_file(
    site: str, tmp_path: Path, kb: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kb.extract import extract

    monkeypatch.setattr("kb.loading.extract", extract)  # the real rules, not the fake
    links = tmp_path / "links.txt"
    links.write_text(f"# Monday's reading\n{site}/story\n\n{site}/nowhere\n", "utf-8")
    result = kb("load", "--urls", str(links))
    assert result.exit_code == 1
    assert result.stderr == f"kb: {site}/nowhere: HTTP 404 Not Found\n"
    assert result.stdout.startswith("1 new, 0 updated, 0 unchanged, 1 failed")
