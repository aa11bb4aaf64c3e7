"""`kb serve`: Datasette on 127.0.0.1 shows the views, the search, the facets and the canned
queries over the seeds, and the chart pages; a real headless browser sees the evidence and
the figures. The server is stopped by its process group."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from console import CONSOLE_SCRIPT

from kb.errors import CannotServe
from kb.knowledge import KnowledgeBase

pytest.importorskip("datasette", reason="kb serve needs the extra kb[web] (Datasette)")
pytest.importorskip("matplotlib", reason="its chart pages need matplotlib (kb[web])")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("serve") / "aid.sqlite"
    with KnowledgeBase(database) as kb:
        kb.load([SEEDS])
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", CONSOLE_SCRIPT, "--db", str(database), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # kb and the Datasette it runs stop together
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/-/versions.json", timeout=2).close()
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("kb serve did not answer within 30 seconds")
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_the_commitments_view_with_its_facets(site: str) -> None:
    found = get(f"{site}/aid/commitment_rows.json?_facet=donor&_facet=status&donor=United+Kingdom")
    rows = [dict(zip(found["columns"], row, strict=True)) for row in found["rows"]]
    assert {r["item"] for r in rows} >= {"Challenger 2 main battle tanks", "beds"}
    tanks = next(r for r in rows if r["item"] == "Challenger 2 main battle tanks")
    assert (tanks["quantity"], tanks["status"], tanks["year"]) == (14, "committed", 2023)
    assert "Britain would send 14 Challenger 2" in tanks["evidence"]
    assert tanks["source_articles"].endswith("01_uk_tanks.txt")
    facets = found["facet_results"]
    assert {f["value"] for f in facets["status"]["results"]} >= {"committed", "delivered"}


def test_search_over_sentences_and_titles(site: str) -> None:
    words = urllib.parse.quote("cholera")
    reports = get(f"{site}/aid/mention_rows.json?_search={words}&_shape=array")
    assert reports and all(
        "cholera" in (r["evidence"] + (r["title"] or "")).lower() for r in reports
    )
    found = get(f"{site}/aid/search_commitments.json?words=HIMARS&_shape=array")
    assert "HIMARS" in [r["item"] for r in found]  # with what its sentence also gives
    assert all("HIMARS" in r["evidence"] for r in found if r["item"] == "HIMARS")


def test_the_canned_queries(site: str) -> None:
    norway = get(f"{site}/aid/donor_commitments.json?donor=Japan&_shape=array")
    assert norway and {r["donor"] for r in norway} == {"Japan"}
    totals = get(f"{site}/aid/totals_by_donor.json?_shape=array")
    assert totals[0]["usd"] >= totals[-1]["usd"]
    ukraine = get(f"{site}/aid/pledged_delivered.json?recipient=Ukraine&_shape=array")
    assert {"donor", "pledged", "delivered"} <= set(ukraine[0])


def test_metadata_names_what_a_reader_sees(site: str) -> None:
    meta = get(f"{site}/-/metadata.json")
    tables = meta["databases"]["aid"]["tables"]
    assert "rate_date" in tables["commitments"]["columns"]
    assert tables["articles"]["label_column"] == "title"


def test_chart_pages(site: str) -> None:
    with urllib.request.urlopen(f"{site}/-/kb/charts/over-time.svg", timeout=60) as response:
        assert response.headers.get_content_type() == "image/svg+xml"
        assert b"Money by year and aid type" in response.read()
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{site}/-/kb/charts/pies.svg", timeout=30)


def test_a_server_knowledge_base_is_not_served(tmp_path: Path) -> None:
    with KnowledgeBase("sqlite://") as kb, pytest.raises(CannotServe, match="serves SQLite files"):
        kb.serve_command(tmp_path)


def _browser() -> str | None:
    return next(
        (
            found
            for name in ("chromium", "chromium-browser", "google-chrome")
            if (found := shutil.which(name))
        ),
        None,
    )


@pytest.mark.skipif(
    _browser() is None, reason="no headless Chromium here (.ci/run installs it where it can)"
)
def test_a_real_browser_sees_the_evidence_and_the_figures(site: str) -> None:
    def dom(url: str) -> str:
        done = subprocess.run(
            [str(_browser()), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
            capture_output=True, timeout=120, text=True,
        )  # fmt: skip
        return done.stdout

    page = dom(f"{site}/aid/commitment_rows?donor=United+Kingdom")
    assert "Britain would send 14 Challenger 2 main battle tanks" in page
    assert "Challenger 2 main battle tanks" in page
    assert re.search(r">\s*14(?:\.0)?\s*<", page)  # the figure, in its cell
    chart = dom(f"{site}/-/kb/charts/pledged-delivered.html")
    assert "<svg" in chart and "Money pledged and delivered, by donor" in chart
