"""Reading articles: the .txt header, .jsonl lines, stdin, folders, and every kind of bad file."""

from __future__ import annotations

import io
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from kb.ingest.articles import ReadError, iter_articles, parse_txt
from kb.ingest.datelines import parse_date
from kb.records import Article


def read(*paths: str | Path, stdin: bytes = b"") -> list[Article | ReadError]:
    return list(iter_articles(paths, stdin=io.BytesIO(stdin)))


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


TEXT = "Britain will send tanks."
DAY = date(2023, 1, 17)


@pytest.mark.parametrize(
    ("raw", "text", "published", "precision"),
    [
        (f" date 2023-01-17 {TEXT}", TEXT, DAY, "day"),
        (f"date 2023-01-17\n\n{TEXT}", TEXT, DAY, "day"),
        (f"\n  date 2022-09 {TEXT}", TEXT, date(2022, 9, 1), "month"),
        (f"date 2022-09\n{TEXT}\n", f"{TEXT}\n", date(2022, 9, 1), "month"),
        (TEXT, TEXT, None, "unknown"),
        ("dated reports say so.", "dated reports say so.", None, "unknown"),
        ("date 2023-01-17x is not a header", "date 2023-01-17x is not a header", None, "unknown"),
        # Not a header: the text stays whole, and the date it states in its lead dates it.
        ("Mid-text date 2023-01-17 is text.", "Mid-text date 2023-01-17 is text.", DAY, "day"),
    ],
)  # fmt: skip
def test_txt_header(raw: str, text: str, published: date | None, precision: str) -> None:
    article = parse_txt("a.txt", raw)
    assert isinstance(article, Article)
    assert (article.text, article.published, article.precision) == (text, published, precision)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty file"),
        (" \n\t ", "empty file"),
        (" date 2023-01-17 ", "no text after the date header"),
        (" date 2023-13-45 ", "no text after the date header"),
    ],
)
def test_txt_that_is_not_an_article(raw: str, reason: str) -> None:
    assert parse_txt("a.txt", raw) == ReadError("a.txt", reason)


@pytest.mark.parametrize(
    ("raw", "published", "precision", "note"),
    [
        # Not a date: the text is worth more than its header, so it loads with no date.
        (" date 2023-13-45 Text.", None, "unknown",
         "date header: bad date '2023-13-45' (no such day); loaded with the date unknown"),
        (" date 2023-02-30 Text.", None, "unknown",
         "date header: bad date '2023-02-30' (no such day); loaded with the date unknown"),
        (" date 2023-13 Text.", None, "unknown",
         "date header: bad date '2023-13' (no such day); loaded with the date unknown"),
        # In the future: perhaps a typo, perhaps an embargoed story; kept as given.
        (" date 2999-01-01 Text.", date(2999, 1, 1), "day",
         "date header 2999-01-01 is in the future; kept as given"),
        (" date 2999-01 Text.", date(2999, 1, 1), "month",
         "date header 2999-01 is in the future; kept as given"),
    ],
)  # fmt: skip
def test_txt_with_a_date_to_note(
    raw: str, published: date | None, precision: str, note: str
) -> None:
    assert parse_txt("a.txt", raw) == Article("a.txt", "Text.", published, precision, notes=(note,))


def test_tomorrow_is_not_the_future() -> None:
    # An article from a time zone ahead of ours may carry tomorrow's date.
    tomorrow = date.today() + timedelta(days=1)
    article = parse_txt("a.txt", f" date {tomorrow.isoformat()} Text.")
    assert isinstance(article, Article) and article.notes == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2023-01-17", (date(2023, 1, 17), "day")), ("2023-01", (date(2023, 1, 1), "month"))],
)
def test_parse_date(text: str, expected: tuple[date, str]) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2023", "17/01/2023", "2023-1-17", "yesterday", "2023-02-29"])
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="bad date"):
        parse_date(text)


BAD_JSON = "Expecting property name enclosed in double quotes"


def test_jsonl_good_lines_load_and_a_broken_line_is_named(tmp_path: Path) -> None:
    path = write(
        tmp_path / "batch.jsonl",
        '{"text": "Japan pledged.", "date": "2023-02-20", "url": "https://x.org", "title": "Aid"}\n'
        "\n"
        '{"text": "Canada will buy NASAMS.", "date": "2023-01"}\n'
        "{not json\n"
        '{"title": "no text here"}\n'
        '["a list"]\n'
        '{"text": "Dated badly.", "date": "last week"}\n'
        '{"text": "No date at all."}\n'
        '{"text": "Nul\\u0000 inside."}\n'
        '{"text": "A lone \\ud800 surrogate."}\n'
        '{"text": "Fine.", "title": "Nul\\u0000"}\n'
        + "[" * 100_000
        + "\n"
        + '{"text": "Huge number.", "n": '
        + "9" * 5000
        + "}\n"
        + '{"text": "Dated in the future.", "date": "2999-12"}\n',
    )
    source = os.path.normpath(path)
    bad_date = (
        "'date': bad date 'last week' (expected YYYY-MM-DD or YYYY-MM); "
        "loaded with the date unknown"
    )
    assert read(path) == [
        Article(f"{source}:1", "Japan pledged.", date(2023, 2, 20), "day", "Aid", "https://x.org"),
        Article(f"{source}:3", "Canada will buy NASAMS.", date(2023, 1, 1), "month"),
        ReadError(f"{source}:4", f"not valid JSON ({BAD_JSON} at column 2)"),
        ReadError(f"{source}:5", "missing or empty 'text'"),
        ReadError(f"{source}:6", "expected a JSON object with a 'text' field"),
        Article(f"{source}:7", "Dated badly.", notes=(bad_date,)),
        Article(f"{source}:8", "No date at all."),
        ReadError(f"{source}:9", "'text' contains NUL characters"),
        ReadError(f"{source}:10", "'text' is not valid Unicode (a lone surrogate)"),
        ReadError(f"{source}:11", "'title' contains NUL characters"),
        ReadError(f"{source}:12", "not valid JSON (nested too deeply)"),
        ReadError(f"{source}:13", "not valid JSON (Exceeds the limit (4300 digits) for integer "
                  "string conversion: value has 5000 digits; use sys.set_int_max_str_digits() "
                  "to increase the limit)"),
        Article(f"{source}:14", "Dated in the future.", date(2999, 12, 1), "month",
                notes=("'date' 2999-12 is in the future; kept as given",)),
    ]  # fmt: skip


def test_stdin_is_one_txt_article() -> None:
    (article,) = read("-", stdin=b" date 2023-01-17 Britain will send tanks.")
    assert isinstance(article, Article)
    assert article.source.startswith("stdin:") and len(article.source) == len("stdin:") + 12
    assert (article.text, article.published) == ("Britain will send tanks.", date(2023, 1, 17))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x00\x01binary", "binary file (contains NUL bytes)"),
        (b"\xff\xfe\x00", "not valid UTF-16 (bad bytes at offset 2)"),
    ],
)
def test_bad_stdin(data: bytes, reason: str) -> None:
    assert read("-", stdin=data) == [ReadError("-", reason)]


def test_stdin_in_latin_1_is_decoded_with_a_note() -> None:
    (article,) = read("-", stdin="Café au lait.".encode("latin-1"))
    assert isinstance(article, Article)
    assert (article.text, article.notes) == ("Café au lait.", ("decoded as latin-1 (not UTF-8)",))


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kb.ingest.articles.MAX_ARTICLE_BYTES", 10)
    assert read("-", stdin=b"x" * 11) == [
        ReadError("-", "too large (over 5 MiB, the most an article may be)")
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        ("control.txt", bytes(range(1, 256)), "binary file (59 control characters in 255)"),
        ("empty.jsonl", b"\n\n", "empty file"),
        ("image.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
    ],
)
def test_a_bad_file_gets_one_error_and_the_rest_still_load(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    write(tmp_path / "a_good.txt", "Britain will send tanks.")
    bad = write(tmp_path / name, data)
    write(tmp_path / "z_good.txt", "Poland will send tanks.")
    results = read(tmp_path)
    assert [r for r in results if isinstance(r, ReadError)] == [
        ReadError(os.path.normpath(bad), reason)
    ]
    assert [r.text for r in results if isinstance(r, Article)] == [
        "Britain will send tanks.",
        "Poland will send tanks.",
    ]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", TEXT)
    real_open = os.open

    def refuse(file: str | Path, flags: int, *args: int) -> int:
        if Path(file) == path:  # chmod does not stop root, so refuse by hand
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    assert read(path) == [ReadError(os.path.normpath(path), "cannot read (Permission denied)")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", TEXT)
    path.chmod(0)
    assert read(path) == [ReadError(os.path.normpath(path), "cannot read (Permission denied)")]


def test_folder_is_read_recursively_in_order_skipping_other_files(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Second.")
    write(tmp_path / "a.txt", "First.")
    write(tmp_path / "deep" / "er" / "c.TXT", "Third.")
    write(tmp_path / "d.jsonl", '{"text": "Fourth."}\n')
    write(tmp_path / "notes.md", "Not an article.")
    write(tmp_path / "photo.jpg", b"\xff\xd8\x00")
    write(tmp_path / "gold.jsonl", '{"article": "a", "commitments": []}\n')  # annotations
    write(tmp_path / ".venv" / "lib" / "LICENSE.txt", "Not an article.")
    write(tmp_path / ".hidden.txt", "Not an article.")
    results = read(tmp_path)
    assert [r.text for r in results if isinstance(r, Article)] == [
        "First.",
        "Second.",
        "Fourth.",
        "Third.",
    ]
    assert all(isinstance(r, Article) for r in results)


def test_named_file_with_another_extension_is_read_as_txt(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.md", " date 2023-01 Britain will send tanks.")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert (article.source, article.precision) == (os.path.normpath(path), "month")


def test_missing_path_and_source_normalisation(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "First.")
    (article,) = read(f"{tmp_path}/./a.txt")
    assert isinstance(article, Article) and article.source == str(tmp_path / "a.txt")
    assert read(tmp_path / "nope") == [ReadError(str(tmp_path / "nope"), "no such file or folder")]


def test_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    (article,) = read(write(tmp_path / "bom.txt", b"\xef\xbb\xbf date 2023-01-17 Text."))
    assert isinstance(article, Article) and (article.text, article.precision) == ("Text.", "day")
