"""A scraped folder cannot make kb read what lies outside it (issue 10's probe).

A symlink in a folder to ~/.pgpass, a private key or /proc/self/status would store that file
as an article, readable by every user of a shared knowledge base. Links are followed only
inside the folder given (or anywhere with --follow-symlinks), never into /proc, /sys or
/dev; a folder nested past the depth limit is one line, not a crash.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kb.ingest.articles import ReadError, iter_articles
from kb.ingest.files import MAX_DEPTH

ARTICLE = " date 2023-01-17 Chile will deliver 40 bicycles to Haiti.\n"


def _read(*paths: Path, follow: bool = False) -> tuple[list[str], list[tuple[str, str]]]:
    articles, errors = [], []
    for found in iter_articles(paths, follow_symlinks=follow):
        if isinstance(found, ReadError):
            errors.append((Path(found.source).name, found.reason))
        else:
            articles.append(Path(found.source).name)
    return articles, errors


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder to load with an article, a link inside it, and links out of it."""
    inside, outside = tmp_path / "in", tmp_path / "private"
    inside.mkdir()
    outside.mkdir()
    (inside / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (outside / "secret.txt").write_text(ARTICLE.replace("Chile", "Peru"), encoding="utf-8")
    (inside / "again.txt").symlink_to(inside / "ok.txt")
    (inside / "leak.txt").symlink_to(outside / "secret.txt")
    (inside / "elsewhere").symlink_to(outside, target_is_directory=True)
    if Path("/proc/self/status").exists():
        (inside / "status.txt").symlink_to("/proc/self/status")
    return inside


def test_links_out_of_the_folder_are_skipped_with_a_line(folder: Path) -> None:
    articles, errors = _read(folder)
    assert sorted(articles) == ["again.txt", "ok.txt"]
    out = "a symlink out of the folder loaded; not followed (--follow-symlinks reads it)"
    assert ("elsewhere", out) in errors and ("leak.txt", out) in errors


def test_follow_symlinks_reads_them_but_never_the_system(folder: Path) -> None:
    articles, errors = _read(folder, follow=True)
    assert sorted(articles) == ["again.txt", "leak.txt", "ok.txt", "secret.txt"]
    assert all(name == "status.txt" for name, _ in errors)


def test_the_system_is_never_read(folder: Path) -> None:
    if not Path("/proc/self/status").exists():
        pytest.skip("no /proc on this machine")
    assert ("status.txt", "a symlink into /proc, /sys or /dev; never read") in _read(folder)[1]
    named = _read(Path("/proc/self/status"))
    assert named == ([], [("status", "under /proc, /sys or /dev; never read")])


def test_a_folder_nested_too_deep_is_one_line(tmp_path: Path) -> None:
    top = tmp_path / "deep"
    leaf = top.joinpath(*["d"] * (MAX_DEPTH + 5))
    leaf.mkdir(parents=True)
    (leaf / "lost.txt").write_text(ARTICLE, encoding="utf-8")
    (top / "found.txt").write_text(ARTICLE, encoding="utf-8")
    articles, errors = _read(top)
    assert articles == ["found.txt"]
    assert [reason for _, reason in errors] == [f"too deep (over {MAX_DEPTH} folders down)"]
    assert os.sep in str(top)


# Messages that misled (issue 10): each case says what the one line must be.


def test_a_jsonl_whose_only_line_is_too_long_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text('{"text": "' + "a" * (5 * 1024 * 1024 + 10) + '"}\n', encoding="utf-8")
    assert _read(path) == (
        [],
        [("one.jsonl:1", "line too large (over 5 MiB, the most an article may be)")],
    )


def test_one_byte_over_is_said_so(tmp_path: Path) -> None:
    path = tmp_path / "over.txt"
    with path.open("wb") as out:
        out.truncate(5 * 1024 * 1024 + 1)
    reason = "too large (5 MiB and 1 byte, over the 5 MiB an article may be)"
    assert _read(path) == ([], [("over.txt", reason)])


def test_a_name_that_is_not_utf8_is_blamed_on_the_name(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    try:
        with open(os.path.join(folder, b"\xff.txt"), "w", encoding="utf-8") as out:
            out.write(ARTICLE)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    articles, errors = _read(tmp_path / "in")
    assert articles == []
    assert [reason for _, reason in errors] == [
        "its name is not valid UTF-8; rename the file to load it"
    ]
