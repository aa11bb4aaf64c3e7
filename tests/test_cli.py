"""The CLI through typer's test runner, on a temporary database."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
from fakes import TANKS_TEXT
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from kb.cli import app
from kb.query.export import COLUMNS, MENTION_COLUMNS

Kb = Callable[..., Result]
COMMANDS = (
    "load", "remove", "query", "ask", "export", "show", "stats", "totals", "actors", "items",
    "eval", "correct", "reject", "restore", "add", "corrections", "reextract", "sources", "chart",
    "serve",
)  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Articles as a user has them: a good .txt, a good .jsonl line, and broken things."""
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    (root / "tanks.txt").write_text(f" date 2023-01-17 {TANKS_TEXT}", encoding="utf-8")
    (root / "sub" / "more.jsonl").write_text(
        '{"text": "Japan pledged aid.", "date": "2023-02"}\n{broken\n', encoding="utf-8"
    )
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02")
    (root / "notes.md").write_text("not an article", encoding="utf-8")
    return root


def _registered() -> dict[str, typer.core.TyperCommand]:
    """The commands the app registers, as the help shows them."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return dict(group.commands)  # type: ignore[arg-type]


def test_the_command_list_is_the_apps() -> None:
    assert sorted(_registered()) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    """Each command says what it does: its docstring's first line is in its own help and
    in the list of commands. A command written without a docstring fails here."""
    summary = (_registered()[command].help or "").strip().splitlines()
    assert summary and summary[0].strip(), f"kb {command} has no docstring"
    first = " ".join(summary[0].split())
    result = runner.invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    assert first[:40] in " ".join(result.output.split())


@pytest.mark.parametrize("command", ["query", "export", "totals"])
def test_commands_that_select_share_one_set_of_filter_options(command: str) -> None:
    from kb.cli.common import FILTER_OPTIONS

    options = [p.name for p in _registered()[command].params]
    chosen = [name for name in options if name in dict(FILTER_OPTIONS)]
    assert chosen == [name for name, _ in FILTER_OPTIONS]


def test_top_level_help_lists_commands_and_the_database_option(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for word in (*COMMANDS, "--db", "KB_DATABASE_URL"):
        assert word in result.output


def test_load_folder_reports_each_bad_file_once_and_loads_the_rest(kb: Kb, folder: Path) -> None:
    result = kb("load", str(folder))
    assert result.exit_code == 1
    assert result.stdout == "2 new, 0 updated, 0 unchanged, 3 failed; 5 mentions stored\n"
    assert result.stderr.splitlines() == [
        f"kb: {folder}/binary.txt: binary file (contains NUL bytes)",
        f"kb: {folder}/empty.txt: empty file",
        f"kb: {folder}/sub/more.jsonl:2: not valid JSON "
        "(Expecting property name enclosed in double quotes at column 2)",
    ]
    again = kb("load", str(folder))
    assert again.stdout == "0 new, 0 updated, 2 unchanged, 3 failed; 0 mentions stored\n"


def test_load_good_files_exits_zero(kb: Kb, folder: Path) -> None:
    result = kb("load", str(folder / "tanks.txt"), str(folder / "notes.md"))
    assert result.exit_code == 0, result.output
    # The notes state no date: the summary says so, since date filters cannot see them.
    assert result.stdout == (
        "2 new, 0 updated, 0 unchanged, 0 failed; 5 mentions stored; "
        "1 of them undated (no date in the file or its text)\n"
    )
    assert result.stderr == ""


def test_load_stdin(kb: Kb) -> None:
    result = kb("load", "-", input=f"date 2023-01-17 {TANKS_TEXT}".encode())
    assert result.stdout == "1 new, 0 updated, 0 unchanged, 0 failed; 5 mentions stored\n"
    empty = kb("load", "-", input=b"  ")
    assert (empty.exit_code, empty.stderr) == (1, "kb: -: empty file\n")


def test_load_with_the_real_extractor(runner: CliRunner, db_url: str, folder: Path) -> None:
    result = runner.invoke(app, ["--db", db_url, "load", str(folder / "tanks.txt")])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"1 new, 0 updated, 0 unchanged, 0 failed; \d+ mentions stored\n", result.stdout
    )


def test_load_missing_path(kb: Kb, tmp_path: Path) -> None:
    result = kb("load", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert result.stderr == f"kb: {tmp_path}/nope: no such file or folder\n"


@pytest.mark.parametrize("donor", ["UK", "Britain", "GBR", "united kingdom"])
def test_query_any_alias(kb: Kb, stored: Engine, donor: str) -> None:
    result = kb("query", "--donor", donor, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["item"] for row in rows] == [
        "Challenger 2 main battle tanks",
        "AS90 self-propelled guns",
        "bandages",
        "funding",
    ]
    assert rows[0]["announced"] == "2023-01-14" and rows[0]["quantity"] == 14.0


def test_query_table(kb: Kb, stored: Engine) -> None:
    result = kb("query", "--item", "tanks", "--status", "committed,offered")
    assert result.exit_code == 0, result.output
    for text in (
        "United Kingdom → Ukraine",
        "14 Challenger 2 main battle tanks",
        "Poland",
        "offered",
    ):
        assert text in result.stdout
    assert "bandages" not in result.stdout


def test_query_filters_dates(kb: Kb, stored: Engine) -> None:
    result = kb("query", "--since", "2023-01", "--until", "2023-01-15", "--json")
    assert [row["item"] for row in json.loads(result.stdout)] == ["Challenger 2 main battle tanks"]


def test_query_nothing_matches(kb: Kb, stored: Engine) -> None:
    result = kb("query", "--category", "vaccine")
    assert (result.exit_code, result.stdout) == (0, "No commitments match.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--donor", "Narnia"), "kb: no donor called 'Narnia' in the database"),
        (("--recipient", "Atlantis"), "kb: no recipient called 'Atlantis' in the database"),
    ],
)
def test_query_unknown_actor_is_a_message_not_a_traceback(
    kb: Kb, stored: Engine, args: tuple[str, ...], message: str
) -> None:
    result = kb("query", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [(("--status", "sent"), "unknown status 'sent'"), (("--since", "last week"), "bad date")],
)
def test_query_bad_option_values(
    kb: Kb, stored: Engine, args: tuple[str, ...], message: str
) -> None:
    result = kb("query", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_ask(kb: Kb, stored: Engine) -> None:
    result = kb("ask", "what did the UK send?")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "4 commitments from United Kingdom (delivered or committed)."
    shown = ("14 Challenger 2", "about 30 AS90", "over 70 pallets of bandages", "300,000 GBP")
    for text in shown:
        assert text in result.stdout
    # One line a commitment; the wide table has the evidence too.
    assert len(lines) == 1 + 2 + 4
    assert "Britain will send Ukraine 14" in kb("ask", "what did the UK send?", "--wide").stdout


def test_ask_how_much(kb: Kb, stored: Engine) -> None:
    result = kb("ask", "how much money did Britain give to UK-Med?")
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "1 commitment from United Kingdom to UK-Med in money (delivered or committed)."
    )
    # £300,000 at the ECB's rate of 17 January 2023 (1.2239 dollars to the pound).
    assert lines[1] == (
        "Total: 367,165 USD at the ECB rate of each commitment's date (300,000 GBP)."
    )


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("what is the weather?", "kb: I do not understand 'what is the weather?'"),
        ("what did Narnia send?", "kb: no donor called 'Narnia'"),
    ],
)
def test_ask_what_it_cannot_answer(kb: Kb, stored: Engine, question: str, message: str) -> None:
    result = kb("ask", question)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output


def test_export_to_stdout(kb: Kb, stored: Engine) -> None:
    for args in ((), ("-",)):
        result = kb("export", *args)
        assert result.exit_code == 0, result.output
        records = list(csv.DictReader(io.StringIO(result.stdout)))
        assert list(records[0]) == list(COLUMNS)
        assert len(records) == 5


def test_export_to_file_with_filters(kb: Kb, stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "uk.csv"
    result = kb("export", str(out), "--donor", "Britain", "--category", "tank")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"1 commitments written to {out}\n"
    assert out.read_text(encoding="utf-8") == (
        ",".join(COLUMNS) + "\n"
        "1,news/uk_tanks.txt,2023-01-17,United Kingdom,GBR,Ukraine,UKR,"
        "Challenger 2 main battle tanks,tank,14,exact,,,,committed,2023-01-14,"
        '"Britain will send Ukraine 14 Challenger 2 main battle tanks, with around 30 AS90s to '
        'come later.",,,1,2023-01-14,2023-01-14,day,new,,,,military,,,day,news/uk_tanks.txt\n'
    )


def test_export_mentions(kb: Kb, stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "mentions.csv"
    result = kb("export", str(out), "--mentions", "--category", "money")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"1 mentions written to {out}\n"
    (row,) = csv.DictReader(out.open(encoding="utf-8", newline=""))
    assert list(row) == list(MENTION_COLUMNS) and list(row)[:17] == list(COLUMNS)[:17]
    assert (row["article"], row["amount"], row["currency"], row["commitment_id"]) == (
        "news/uk_tanks.txt", "300000", "GBP", "5"
    )  # fmt: skip
    assert row["evidence"].startswith("The UK has previously donated")


def test_export_to_an_unwritable_place(kb: Kb, stored: Engine, tmp_path: Path) -> None:
    result = kb("export", str(tmp_path / "no" / "such" / "dir.csv"))
    assert result.exit_code == 1
    assert result.stderr.startswith("kb: cannot write")


def test_show(kb: Kb, stored: Engine) -> None:
    result = kb("show", "4")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "commitment 4: United Kingdom (GBR) → UK-Med\n"
        "  item       bandages\n"
        "  canonical  bandages (medical, humanitarian)\n"
        "  quantity   over 70 pallets\n"
        "  status     committed\n"
        "  reported   2023-01-17, by 1 article\n"
        "history\n"
        "  committed  2023-01-17  news/uk_tanks.txt\n"
        "             Over 70 pallets of bandages are being donated to UK-Med.\n"
        "mentions (1)\n"
        "  mention 4 (lead): news/uk_tanks.txt, published 2023-01-17\n"
        "    committed, over 70 pallets, bandages; span 158-214, rule test\n"
        "    Over 70 pallets of bandages are being donated to UK-Med.\n"
    )
    assert TANKS_TEXT[158:214] == "Over 70 pallets of bandages are being donated to UK-Med."


def test_show_money_with_its_rate(kb: Kb, stored: Engine) -> None:
    result = kb("show", "5")
    assert "  money      300,000 GBP = 367,165 USD = 338,620 EUR (ECB rates of 2023-01-17: " in (
        result.stdout
    )


def test_show_unknown_id(kb: Kb, stored: Engine) -> None:
    result = kb("show", "99")
    assert (result.exit_code, result.stderr) == (1, "kb: no commitment with id 99\n")


def test_stats(kb: Kb, stored: Engine) -> None:
    result = kb("stats")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 articles, 5 commitments (5 mentions)\n")
    for line in ("United Kingdom", "UK-Med", "artillery", "committed"):
        assert line in result.stdout


def test_database_from_environment(runner: CliRunner, stored: Engine, db_url: str) -> None:
    result = runner.invoke(app, ["stats"], env={"KB_DATABASE_URL": db_url})
    assert result.stdout.startswith("1 articles, 5 commitments")


def test_default_database_is_kb_sqlite_here(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Norway will send 20 tents to Chad.\n", "utf-8")
    result = runner.invoke(app, ["load", "in"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kb.sqlite").is_file()
    assert runner.invoke(app, ["stats"]).stdout.startswith("1 articles")


def test_a_read_of_a_missing_database_creates_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["stats"], ["--db", "other.db", "query", "--donor", "UK"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert result.stderr.startswith("kb: no database at ")
        assert "`kb load FOLDER` makes one" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_another_programs_database_is_left_as_it_was(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE users (id INTEGER)")
    before = path.read_bytes()
    for command in (["stats"], ["load", str(tmp_path / "none")]):
        result = runner.invoke(app, ["--db", str(path), *command])
        assert result.exit_code == 1
        assert "is not a kb database (it holds other tables: users)" in result.stderr
    assert path.read_bytes() == before
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_unopenable_database_is_a_message(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["--db", str(tmp_path / "no" / "dir" / "kb.sqlite"), "load", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("kb: cannot open database")


def test_missing_driver_is_a_message_and_hides_the_password(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--db", "nosuchdb+nosuchdriver://me:secret@host/kb", "stats"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "kb: cannot open database nosuchdb+nosuchdriver://me:***@host/kb"
    )
    assert "secret" not in result.output


def test_query_limit_shows_the_first_rows_and_says_how_many_there_are(
    kb: Kb, stored: Engine
) -> None:
    result = kb("query", "--limit", "2", "--json")
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.stdout)] == [1, 2]
    assert result.stderr == (
        "kb: showing 2 of 5 commitments; --limit 0 shows them all, kb export writes them all\n"
    )
    everything = kb("query", "--limit", "0")
    assert everything.stderr == "" and "funding" in everything.stdout


def test_query_json_shows_every_row_unless_limited(kb: Kb, stored: Engine) -> None:
    result = kb("query", "--json")
    assert (len(json.loads(result.stdout)), result.stderr) == (5, "")


def test_ask_limit_shows_fewer_rows_but_counts_them_all(kb: Kb, stored: Engine) -> None:
    result = kb("ask", "what did the UK send?", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("4 commitments from United Kingdom")
    assert "Challenger" in result.stdout and "funding" not in result.stdout
    assert result.stderr.startswith("kb: showing 1 of 4 commitments")


def test_load_with_jobs_loads_the_same(kb: Kb, folder: Path) -> None:
    result = kb("load", "--jobs", "2", str(folder))
    assert result.exit_code == 1  # the folder's broken files, reported as without --jobs
    assert result.stdout == "2 new, 0 updated, 0 unchanged, 3 failed; 5 mentions stored\n"
    again = kb("load", "--jobs", "2", str(folder))
    assert again.stdout == "0 new, 0 updated, 2 unchanged, 3 failed; 0 mentions stored\n"
