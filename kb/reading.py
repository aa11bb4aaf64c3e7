"""Reading articles from files, folders and stdin into Article records.

Formats:
- `.txt` (and any file named explicitly): the whole file is one article. It may open with a
  header, `date YYYY-MM-DD` (precision day) or `date YYYY-MM` (precision month), after optional
  whitespace and followed by whitespace; without one the date is unknown.
- `.jsonl`: one article a line, a JSON object with `text` and optional `date` (as above, without
  the word "date"), `url` and `title`. Its source is `PATH:LINE`.
- `-`: standard input, one article in the .txt format. Its source is `stdin:` and the first 12
  hex digits of its SHA-256, so that different texts piped in one after another do not replace
  each other.

A folder is read recursively, in sorted order, taking only .txt and .jsonl files. It skips
hidden files and folders (.git, .venv) and `gold.jsonl`: beside the articles in seeds/ and the
shared corpus that holds their annotations (see docs/commitments.md), not articles. A file (or
line) that cannot be read yields a ReadError instead of an Article, and reading goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from kb.records import Article

SUFFIXES = (".txt", ".jsonl")
ANNOTATIONS = frozenset({"gold.jsonl"})  # skipped in folders; read if named explicitly

_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?:\s+|\Z)")
_DATE = re.compile(r"\A(\d{4})-(\d{2})(?:-(\d{2}))?\Z")


@dataclass(frozen=True)
class ReadError:
    """Why `source` (a path, `PATH:LINE` or `-`) could not be read as an article."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def parse_date(text: str) -> tuple[date, str]:
    """`YYYY-MM-DD` -> (that day, "day"); `YYYY-MM` -> (its first day, "month").

    Raises ValueError for anything else, including impossible dates.
    """
    match = _DATE.match(text.strip())
    if match is None:
        raise ValueError(f"bad date {text!r} (expected YYYY-MM-DD or YYYY-MM)")
    year, month, day = match.groups()
    try:
        return date(int(year), int(month), int(day or 1)), "day" if day else "month"
    except ValueError:
        raise ValueError(f"bad date {text!r} (no such day)") from None


def parse_txt(source: str, text: str) -> Article | ReadError:
    """One article from the text of a .txt file (its optional date header taken off)."""
    published: date | None = None
    precision = "unknown"
    header = _HEADER.match(text)
    if header is not None:
        try:
            published, precision = parse_date(header.group(1))
        except ValueError as error:
            return ReadError(source, f"date header: {error}")
        text = text[header.end() :]
    if not text.strip():
        return ReadError(source, "no text after the date header" if header else "empty file")
    return Article(source=source, text=text, published=published, precision=precision)


def parse_jsonl_line(source: str, line: str) -> Article | ReadError:
    """One article from one line of a .jsonl file."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return ReadError(source, f"not valid JSON ({error.msg} at column {error.colno})")
    if not isinstance(data, dict):
        return ReadError(source, "expected a JSON object with a 'text' field")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(source, "missing or empty 'text'")
    for field in ("date", "url", "title"):
        if data.get(field) is not None and not isinstance(data[field], str):
            return ReadError(source, f"'{field}' must be a string")
    published: date | None = None
    precision = "unknown"
    if data.get("date"):
        try:
            published, precision = parse_date(data["date"])
        except ValueError as error:
            return ReadError(source, str(error))
    return Article(
        source=source,
        text=text,
        published=published,
        precision=precision,
        title=data.get("title") or None,
        url=data.get("url") or None,
    )


def decode(source: str, data: bytes) -> str | ReadError:
    """The bytes of a file as text, or why they are not an article's text."""
    if b"\0" in data:
        return ReadError(source, "binary file (contains NUL bytes)")
    try:
        # utf-8-sig: a byte-order mark is not part of the article.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return ReadError(source, f"not UTF-8 (bad byte at offset {error.start})")


def read_file(path: Path, source: str | None = None) -> Iterator[Article | ReadError]:
    """The article(s) in one file: .jsonl line by line, anything else as .txt."""
    source = source or os.path.normpath(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        yield ReadError(source, f"cannot read ({error.strerror or error})")
        return
    text = decode(source, data)
    if isinstance(text, ReadError):
        yield text
    elif path.suffix.lower() != ".jsonl":
        yield parse_txt(source, text)
    elif not text.strip():
        yield ReadError(source, "empty file")
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield parse_jsonl_line(f"{source}:{number}", line)


def read_stdin(stream: BinaryIO) -> Article | ReadError:
    """One .txt article from a binary stream (standard input)."""
    text = decode("-", stream.read())
    if isinstance(text, ReadError):
        return text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    article = parse_txt(f"stdin:{digest}", text)
    return ReadError("-", article.reason) if isinstance(article, ReadError) else article


def iter_files(folder: Path) -> Iterator[Path]:
    """The article files (.txt, .jsonl) under `folder`, recursively, in a stable order."""
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        wanted = path.suffix.lower() in SUFFIXES and path.name not in ANNOTATIONS
        if wanted and not hidden and path.is_file():
            yield path


def iter_articles(
    paths: Iterable[str | Path], stdin: BinaryIO | None = None
) -> Iterator[Article | ReadError]:
    """Every article in `paths` (files, folders, or `-` for `stdin`, default sys.stdin),
    in order, with a ReadError in place of each file or line that could not be read."""
    for given in paths:
        if str(given) == "-":
            yield read_stdin(stdin if stdin is not None else sys.stdin.buffer)
            continue
        path = Path(given)
        if path.is_dir():
            for file in iter_files(path):
                yield from read_file(file)
        elif path.exists():
            yield from read_file(path)
        else:
            yield ReadError(os.path.normpath(path), "no such file or folder")
