"""A CLI that fits beside sqlite-utils, datasette and csvkit: -h and --version, --db before or
after the command, machine-readable output of every read command, choices refused by click,
a table that fits 80 columns, filters by aid type, family and "pledged", `kb sources`,
`kb remove` by glob, and a copy of a stored text said to be one."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from console import CONSOLE_SCRIPT
from fakes import TANKS_TEXT
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from kb.cli import app, hoist_db

Kb = Callable[..., Result]


def test_help_and_version(runner: CliRunner) -> None:
    assert "Usage: kb" in " ".join(runner.invoke(app, ["-h"]).output.split())
    assert "Usage: kb query" in " ".join(runner.invoke(app, ["query", "-h"]).output.split())
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.startswith("kb 0.")


@pytest.mark.parametrize(
    ("given", "hoisted"),
    [
        (["query", "--db", "a.sqlite", "--json"], ["--db", "a.sqlite", "query", "--json"]),
        (["stats", "--db=a.sqlite"], ["--db=a.sqlite", "stats"]),
        (["--db", "a.sqlite", "stats"], ["--db", "a.sqlite", "stats"]),
        (["query", "--", "--db", "x"], ["query", "--", "--db", "x"]),  # after --: an argument
    ],
)
def test_db_before_or_after_the_command(given: list[str], hoisted: list[str]) -> None:
    assert hoist_db(given) == hoisted


def run_kb(*args: str, db: str) -> subprocess.CompletedProcess[bytes]:
    """The console script as a shell runs it, with its output piped."""
    return subprocess.run(
        [sys.executable, "-c", CONSOLE_SCRIPT, *args, "--db", db], capture_output=True, timeout=120
    )


def test_the_console_script_takes_db_last(stored: Engine, db_url: str) -> None:
    done = run_kb("stats", "--json", db=db_url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["commitments"] == 5


def test_a_closed_pipe_ends_quietly(stored: Engine, db_url: str) -> None:
    reader = subprocess.Popen(
        [sys.executable, "-c", CONSOLE_SCRIPT, "query", "--json", "--limit", "0", "--db", db_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(1) == b"["
    reader.stdout.close()  # as `| head -c 1` does
    assert reader.wait(timeout=120) == 0
    assert reader.stderr.read() == b""


def test_every_read_command_speaks_json(kb: Kb, stored: Engine) -> None:
    for args in (("query",), ("ask", "what did the UK send?"), ("show", "1"), ("stats",),
                 ("totals",), ("actors",), ("items",), ("sources",), ("corrections",)):  # fmt: skip
        result = kb(*args, "--json")
        assert result.exit_code == 0, (args, result.output)
        json.loads(result.stdout)


def test_rows_as_csv_and_json_lines(kb: Kb, stored: Engine) -> None:
    rows = list(csv.DictReader(io.StringIO(kb("query", "--csv").stdout)))
    assert len(rows) == 5 and rows[0]["source_articles"] == "news/uk_tanks.txt"
    lines = kb("ask", "what did the UK send?", "--nl").stdout.splitlines()
    assert [json.loads(line)["donor"] for line in lines] == ["United Kingdom"] * 4
    both = kb("query", "--csv", "--json")
    assert both.exit_code == 2 and "one of --json, --csv and --nl" in both.stderr


def test_the_table_fits_80_columns(runner: CliRunner, db_url: str, stored: Engine) -> None:
    narrow = CliRunner(env={"COLUMNS": "80", "KB_DATABASE_URL": None})
    result = narrow.invoke(app, ["--db", db_url, "query"])
    lines = result.stdout.splitlines()
    assert len(lines) == 2 + 5  # a header, a rule, one line a commitment
    assert max(map(len, lines)) <= 80
    wide = narrow.invoke(app, ["--db", db_url, "query", "--wide"]).stdout
    assert "Britain will send Ukraine" in wide


@pytest.mark.parametrize(
    ("args", "items"),
    [
        (("--category", "weapons"), {"Challenger 2 main battle tanks", "AS90 self-propelled guns",
                                     "Leopard 2 battle tanks"}),
        (("--category", "vehicles"), {"Challenger 2 main battle tanks", "Leopard 2 battle tanks"}),
        (("--aid-type", "financial"), {"funding"}),
        (("--status", "pledged"), {"Challenger 2 main battle tanks", "AS90 self-propelled guns",
                                   "Leopard 2 battle tanks", "bandages"}),
    ],
)  # fmt: skip
def test_filters_by_family_aid_type_and_pledged(
    kb: Kb, stored: Engine, args: tuple[str, ...], items: set[str]
) -> None:
    result = kb("query", "--json", *args)
    assert result.exit_code == 0, result.output
    assert {row["item"] for row in json.loads(result.stdout)} == items


@pytest.mark.parametrize(
    "args",
    [
        ("query", "--aid-type", "weapons"),
        ("query", "--status", "pledgd"),
        ("query", "--limit", "1e20"),
        ("totals", "--by", "decade"),
        ("totals", "--currency", "GBP"),
        ("query", "--since", "2023-13"),
    ],
)
def test_bad_option_values_are_refused_by_name(
    kb: Kb, stored: Engine, args: tuple[str, ...]
) -> None:
    result = kb(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "Invalid value" in result.output


def test_sources_and_remove_by_glob(kb: Kb, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "tanks.txt").write_text(f" date 2023-01-17 {TANKS_TEXT}", "utf-8")
    (folder / "copy.txt").write_text(f" date 2023-01-17 {TANKS_TEXT}", "utf-8")
    loaded = kb("load", str(folder / "tanks.txt"), str(folder / "copy.txt"))
    assert f"kb: {folder}/copy.txt: the same text as {folder}/tanks.txt, stored once" in (
        loaded.stderr
    )
    assert loaded.stdout.startswith(
        "1 new, 0 updated, 0 unchanged, 1 duplicate of a stored article,"
    )
    listed = json.loads(kb("sources", "--json").stdout)
    assert [(s["source"], s["commitments"]) for s in listed] == [(f"{folder}/tanks.txt", 5)]
    assert kb("remove", f"{folder}/*.md").exit_code == 1
    removed = kb("remove", f"{folder}/t*")
    assert removed.exit_code == 0 and removed.stdout == "1 removed\n"
    assert json.loads(kb("sources", "--json").stdout) == []


@pytest.mark.parametrize("command", ["query", "export", "correct", "add", "totals", "chart"])
def test_help_words_values_for_people(runner: CliRunner, command: str) -> None:
    """Help says TEXT, INTEGER, NUMBER or the choices, as click does; no Python types."""
    shown = runner.invoke(app, [command, "--help"], terminal_width=200).output
    assert "<str>" not in shown and "<bool>" not in shown and "<int" not in shown
    assert "TEXT" in shown


@pytest.mark.parametrize(
    ("pledged", "shown"),
    [
        (2_500_000.0, "2,500,000"),  # the full figure where it fits
        (302_686_411_460_001.0, "302.7 tn"),  # else shortened, the key still shown
        (1_000_000_000.0, "1.0 bn"),  # three full billions and two names: no room either
    ],
)
def test_totals_keep_the_key_in_80_columns(pledged: float, shown: str) -> None:
    from rich.console import Console

    from kb.cli.render import totals_table
    from kb.query.totals import TotalRow, Totals

    rows = [
        TotalRow("United Arab Emirates", pledged, pledged / 60, 0.0, 12, "loan"),
        TotalRow("European Union", pledged / 2, 0.0, pledged / 3, 7),
    ]
    console = Console(width=80, file=io.StringIO(), color_system=None)
    console.print(totals_table(Totals("donor", "USD", rows, []), 80))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(map(len, text.splitlines())) <= 80
    assert "European" in text and "United Arab" in text and shown in text
