"""Hostile input, made here: what a scraper may leave on disk, and what `kb load` does with it.

Each bad file gets one line on stderr naming it (and its line) and why; every good article
still loads; decodable text is decoded with a note; the exit code is 1; nothing of a bad file
is stored. The folder test runs through the CLI on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes import TANKS_TEXT
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import Result

from kb.ingest import decoding
from kb.ingest.articles import MAX_ARTICLE_BYTES, ReadError, iter_articles
from kb.records import Article
from kb.storage.engine import open_database
from kb.storage.models import ArticleRow, MentionRow

Kb = Callable[..., Result]
BIG = 50 * 1024 * 1024
ROOT = os.geteuid() == 0


def hostile_folder(root: Path) -> dict[str, str | None]:
    """Write the hostile files; return each file's expected stderr reason (None: no line)."""
    root.mkdir()
    files: dict[str, bytes] = {
        "good.txt": f" date 2023-01-17 {TANKS_TEXT}".encode(),
        "empty.txt": b"",
        "binary.txt": random.Random(5).randbytes(4096),
        "controls.txt": bytes(range(1, 256)) * 4,
        "nul.txt": b"Britain will send\x00 14 tanks.",
        "latin1.txt": "Le Royaume-Uni enverra des chars à l'Ukraine.".encode("latin-1"),
        "utf16.txt": "Japan pledged €1.5 billion.".encode("utf-16"),
        "bad_date.txt": b" date 2023-13-45 Canada will buy NASAMS for Ukraine.",
        "future.txt": b" date 2999-01-01 Poland will send tanks.",
        "batch.jsonl":
            b'{"text": "Norway gave money."}\n{"text": broken\n{"text": "Spain sent aid."}\n',
    }  # fmt: skip
    for name, data in files.items():
        (root / name).write_bytes(data)
    with open(root / "big.txt", "wb") as big:  # 50 MB of words, refused by its size unread
        big.write(b"Britain will send tanks. " * (BIG // 25))
    with open(root / "big.jsonl", "wb") as big:  # one 50 MB line among good ones: skipped
        big.write(b'{"text": "Italy sent ambulances."}\n{"text": "')
        big.write(b"x" * BIG)
        big.write(b'"}\n{"text": "Greece sent tents."}\n')
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "folder").mkdir()
    (root / "folder" / "back").symlink_to("..")  # a folder that contains itself
    os.mkfifo(root / "pipe.txt")  # would block a reader forever
    (root / "secret.txt").write_text("Secret aid.", encoding="utf-8")
    (root / "secret.txt").chmod(0)
    return {
        "bad_date.txt": "date header: bad date '2023-13-45' (no such day); "
        "loaded with the date unknown",
        "batch.jsonl:2": "not valid JSON (Expecting value at column 10)",
        "big.jsonl:2": "line too large (over 5 MiB, the most an article may be)",
        "big.txt": "too large (50.0 MiB, over the 5 MiB an article may be)",
        "binary.txt": "binary file (contains NUL bytes)",
        "controls.txt": "binary file (236 control characters in 1020)",
        "empty.txt": "empty file",
        "folder/back": "symlink loop (leads back to a folder above)",
        "future.txt": "date header 2999-01-01 is in the future; kept as given",
        "latin1.txt": "decoded as cp1252 (detected; not UTF-8)",
        "loop.txt": "symlink loop (too many levels of symbolic links)",
        "nul.txt": "binary file (contains NUL bytes)",
        "pipe.txt": "not a regular file",
        "secret.txt": None if ROOT else "cannot read (Permission denied)",
        "utf16.txt": "decoded as UTF-16 (byte-order mark)",
    }


# The articles that load: whole files, and the good lines of the .jsonl files.
STORED = {
    "bad_date.txt", "batch.jsonl:1", "batch.jsonl:3", "big.jsonl:1", "big.jsonl:3",
    "future.txt", "good.txt", "latin1.txt", "utf16.txt",
} | ({"secret.txt"} if ROOT else set())  # fmt: skip
FAILED = 10 + (0 if ROOT else 1)
NOTED = 4  # bad_date, future, latin1, utf16: loaded, with a line all the same


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    """The hostile folder, made once for both databases (it holds 100 MB)."""
    root = tmp_path_factory.mktemp("bad") / "hostile"
    return root, hostile_folder(root)


def test_hostile_folder(kb: Kb, db_url: str, hostile: tuple[Path, dict[str, str | None]]) -> None:
    root, expected = hostile
    result = kb("load", str(root))
    assert result.exit_code == 1
    # All but the two with a date header, one in the future, state no date anywhere.
    undated = len(STORED) - 2
    assert result.stdout == (
        f"{len(STORED)} new, 0 updated, 0 unchanged, {FAILED} failed; 5 mentions stored; "
        f"{undated} of them undated (no date in the file or its text)\n"
    )
    assert result.stderr.splitlines() == [
        f"kb: {root}/{name}: {reason}" for name, reason in expected.items() if reason
    ]
    assert len(result.stderr.splitlines()) == FAILED + NOTED
    engine = open_database(db_url)
    with Session(engine) as session:
        sources = set(session.scalars(select(ArticleRow.source)))
        commitments = session.scalars(select(MentionRow.article_id)).all()
        latin1 = session.scalars(
            select(ArticleRow.text).where(ArticleRow.source == f"{root}/latin1.txt")
        ).one()
        undated = session.scalars(
            select(ArticleRow.published).where(ArticleRow.source == f"{root}/bad_date.txt")
        ).one()
    engine.dispose()
    assert sources == {f"{root}/{name}" for name in STORED}  # nothing of a bad file
    assert len(commitments) == 5
    assert latin1 == "Le Royaume-Uni enverra des chars à l'Ukraine."
    assert undated is None
    again = kb("load", str(root))  # and loading it again changes nothing
    assert again.stdout == f"0 new, 0 updated, {len(STORED)} unchanged, {FAILED} failed; " + (
        "0 mentions stored\n"
    )


def read(*paths: str | Path) -> list[Article | ReadError]:
    return list(iter_articles(paths))


def test_a_large_txt_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "sparse.txt"
    with open(path, "wb") as file:
        file.truncate(BIG)  # 50 MB on paper, nothing on disk: proof that it is not read
    assert read(path) == [
        ReadError(str(path), "too large (50.0 MiB, over the 5 MiB an article may be)")
    ]


def test_an_article_of_exactly_the_limit_loads(tmp_path: Path) -> None:
    path = tmp_path / "limit.txt"
    path.write_bytes(b"a" * MAX_ARTICLE_BYTES)
    (article,) = read(path)
    assert isinstance(article, Article) and len(article.text) == MAX_ARTICLE_BYTES


def test_a_large_jsonl_file_streams(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    line = b'{"text": "Aid %d."}\n'
    with open(path, "wb") as file:
        file.writelines(line % n for n in range(200_000))
    articles = read(path)
    assert len(articles) == 200_000
    assert articles[-1] == Article(f"{path}:200000", "Aid 199999.")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_utf16_jsonl_file_is_read_line_by_line_with_one_note(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "wide.jsonl"
    text = '{"text": "Café one."}\n{"text": "Café two."}\n{bad\n{"text": "Three."}\n'
    path.write_bytes(text.encode(encoding))
    name = encoding.upper().replace("UTF", "UTF")
    assert read(path) == [
        Article(f"{path}:1", "Café one.", notes=(f"decoded as {name} (byte-order mark)",)),
        Article(f"{path}:2", "Café two."),
        ReadError(f"{path}:3", "not valid JSON (Expecting property name enclosed in double "
                  "quotes at column 2)"),
        Article(f"{path}:4", "Three."),
    ]  # fmt: skip


def test_latin1_jsonl_lines_are_decoded_and_noted_once(tmp_path: Path) -> None:
    path = tmp_path / "old.jsonl"
    path.write_bytes('{"text": "Plain."}\n{"text": "Café."}\n{"text": "Crème."}\n'.encode("cp1252"))
    assert read(path) == [
        Article(f"{path}:1", "Plain."),
        Article(f"{path}:2", "Café.", notes=("decoded as latin-1 (not UTF-8)",)),
        Article(f"{path}:3", "Crème."),
    ]


def test_a_utf16_file_cut_in_half_reports_the_line_and_stops(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_bytes('{"text": "One."}\n{"text": "Two."}\n'.encode("utf-16")[:-1])
    (first, second) = read(path)
    assert first == Article(f"{path}:1", "One.", notes=("decoded as UTF-16 (byte-order mark)",))
    assert isinstance(second, ReadError) and second.source == f"{path}:2"
    assert second.reason.startswith("not valid UTF-16 (truncated data)")


def test_a_named_fifo_symlink_loop_and_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    assert read(tmp_path / "pipe.txt", tmp_path / "loop.txt", "/dev/null") == [
        ReadError(f"{tmp_path}/pipe.txt", "not a regular file"),
        ReadError(f"{tmp_path}/loop.txt", "symlink loop (too many levels of symbolic links)"),
        ReadError("/dev/null", "under /proc, /sys or /dev; never read"),
    ]


def test_symlinked_folders_are_followed_but_loops_are_not(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "a" / "b" / "up").symlink_to("../..")  # back to tmp_path: a loop
    (tmp_path / "a" / "c").symlink_to("b")  # the same folder twice, but no loop
    assert read(tmp_path) == [
        Article(f"{tmp_path}/a/b/one.txt", "One."),
        ReadError(f"{tmp_path}/a/b/up", "symlink loop (leads back to a folder above)"),
        Article(f"{tmp_path}/a/c/one.txt", "One."),
        ReadError(f"{tmp_path}/a/c/up", "symlink loop (leads back to a folder above)"),
    ]


@pytest.mark.skipif(ROOT, reason="root reads any folder whatever its mode")
def test_an_unreadable_folder(tmp_path: Path) -> None:
    (tmp_path / "shut").mkdir()
    (tmp_path / "shut").chmod(0)
    assert read(tmp_path) == [
        ReadError(f"{tmp_path}/shut", "cannot read (Permission denied)"),
    ]


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".jsonl"]))
def test_any_bytes_in_a_file_are_read_or_refused_never_raised(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"any{suffix}"
        path.write_bytes(data)
        for item in read(path):
            if isinstance(item, Article):  # storable as it is, on either database
                for value in (item.text, item.title, item.url):
                    assert value is None or "\0" not in value
                    assert value is None or value.encode("utf-8")
            else:
                assert item.source.startswith(str(path)) and item.reason


def test_a_jsonl_file_in_an_8_bit_encoding_is_detected_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # charset-normalizer takes milliseconds a line: the encoding found on the first line
    # that is not UTF-8 reads the others, and the note is given once.
    lines = ["Украина получит от Великобритании четырнадцать танков.", "Танки прибыли."]
    path = tmp_path / "cyrillic.jsonl"
    path.write_bytes("".join(f'{{"text": "{t}"}}\n' for t in lines).encode("cp1251"))
    calls: list[bytes] = []
    original = decoding._detected

    def counted(data: bytes) -> Any:
        calls.append(data)
        return original(data)

    monkeypatch.setattr(decoding, "_detected", counted)
    note = ("decoded as cp1251 (detected; not UTF-8)",)
    assert read(path) == [
        Article(f"{path}:1", lines[0], notes=note),
        Article(f"{path}:2", lines[1]),
    ]
    assert len(calls) == 1
