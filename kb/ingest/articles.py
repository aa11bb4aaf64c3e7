"""Reading articles from files, folders and stdin into Article records.

Formats:
- `.txt` (and any file named explicitly): the whole file is one article. It may open with a
  header, `date YYYY-MM-DD` (precision day) or `date YYYY-MM` (precision month), after optional
  whitespace and followed by whitespace; without one, the date its text states as its own
  (kb.ingest.datelines), else unknown.
- `.html`, `.htm`: a saved web page, and an `http(s)://` URL: its main text, title, author,
  canonical URL and date (kb.ingest.pages); a URL is fetched politely (kb.ingest.fetch) and
  is the article's source.
- `.jsonl`: one article a line, a JSON object with `text` and optional `date` (as above, without
  the word "date"), `url` and `title`. Its source is `PATH:LINE`.
- `-`: standard input, one article in the .txt format. Its source is `stdin:` and the first 12
  hex digits of its SHA-256, so that different texts piped in one after another do not replace
  each other.

Folders are walked by kb.ingest.files. A file (or line) that cannot be read yields a
ReadError instead of an Article, and reading goes on. What counts as unreadable, and what
is read with a note instead (the README's "Bad input" says the same):
- One article (a .txt file, a .jsonl line, stdin) is at most MAX_ARTICLE_BYTES. A larger .txt
  file is refused before it is read; a .jsonl file of any size is read line by line and only
  a longer line is refused, so a large batch still loads.
- Bytes are decoded by kb.ingest.decoding: UTF-8, UTF-16/32 with a byte-order mark, and
  8-bit text are read (the last two with a note); binary files are refused.
- A date that is not a date (`date 2023-13-45`) does not cost the article: it loads with its
  date unknown, and a note says so. A date in the future loads as given, with a note.
- Text, title or URL holding NUL or lone surrogates (possible through JSON escapes) is refused:
  no database stores them intact.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import count
from pathlib import Path
from typing import BinaryIO

from kb.ingest.datelines import dated, read_date
from kb.ingest.decoding import Decoded, bom_codec, decode, is_utf8
from kb.ingest.fetch import fetch, is_url
from kb.ingest.files import (
    MEBIBYTE,
    FileError,
    iter_files,
    kind,
    megabytes,
    open_regular,
    read_bounded,
    system_path,
)
from kb.ingest.pages import parse_page
from kb.records import Article

MAX_ARTICLE_BYTES = 5 * MEBIBYTE  # a long news article is 50 KB; 5 MiB is a book
SNIFF_BYTES = 8000  # how much of a .jsonl file is looked at for NUL bytes (as git does)
PAGES = (".html", ".htm")
_FIELDS = ("source", "text", "published", "precision", "title", "url", "notes", "author")

_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?:\s+|\Z)")
_LIMIT = f"{MAX_ARTICLE_BYTES // MEBIBYTE} MiB"


@dataclass(frozen=True)
class ReadError:
    """Why `source` (a path, `PATH:LINE` or `-`) could not be read as an article."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def make_article(
    source: str,
    text: str,
    published: date | None = None,
    precision: str = "unknown",
    title: str | None = None,
    url: str | None = None,
    notes: Iterable[str | None] = (),
    author: str | None = None,
) -> Article | ReadError:
    """An Article, or why its fields cannot be stored (NUL characters, lone surrogates)."""
    for field, value in (("text", text), ("title", title), ("url", url), ("author", author)):
        if value is None:
            continue
        if "\0" in value:
            return ReadError(source, f"'{field}' contains NUL characters")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return ReadError(source, f"'{field}' is not valid Unicode (a lone surrogate)")
    kept = tuple(note for note in notes if note)
    # Undated by its header or its line: the date its text states as its own, if any.
    return dated(Article(source, text, published, precision, title, url, kept, author))


def parse_txt(source: str, text: str, notes: Iterable[str | None] = ()) -> Article | ReadError:
    """One article from the text of a .txt file (its optional date header taken off)."""
    published: date | None = None
    precision = "unknown"
    note = None
    header = _HEADER.match(text)
    if header is not None:
        published, precision, note = read_date(header.group(1), "date header")
        text = text[header.end() :]
    if not text.strip():
        return ReadError(source, "no text after the date header" if header else "empty file")
    return make_article(source, text, published, precision, notes=(*notes, note))


def parse_jsonl_line(
    source: str, line: str, notes: Iterable[str | None] = ()
) -> Article | ReadError:
    """One article from one line of a .jsonl file."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return ReadError(source, f"not valid JSON ({error.msg} at column {error.colno})")
    except RecursionError:
        return ReadError(source, "not valid JSON (nested too deeply)")
    except ValueError as error:  # e.g. an integer of more digits than Python will convert
        return ReadError(source, f"not valid JSON ({error})")
    if not isinstance(data, dict):
        return ReadError(source, "expected a JSON object with a 'text' field")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(source, "missing or empty 'text'")
    for field in ("date", "url", "title"):
        if data.get(field) is not None and not isinstance(data[field], str):
            return ReadError(source, f"'{field}' must be a string")
    published, precision, note = None, "unknown", None
    if data.get("date"):
        published, precision, note = read_date(data["date"], "'date'")
    title, url = data.get("title") or None, data.get("url") or None
    return make_article(source, text, published, precision, title, url, (*notes, note))


def _txt(source: str, data: bytes) -> Article | ReadError:
    decoded = decode(data)
    if isinstance(decoded, str):
        return ReadError(source, decoded)
    return parse_txt(source, decoded.text, (decoded.note,))


def read_file(path: Path, source: str | None = None) -> Iterator[Article | ReadError]:
    """The article(s) in one file: .jsonl line by line, anything else as .txt."""
    source = source or os.path.normpath(path)
    if not is_utf8(source):  # kept as text, a source must be text: say so, not "extraction"
        yield ReadError(source, "its name is not valid UTF-8; rename the file to load it")
        return
    opened = open_regular(path)
    if isinstance(opened, str):
        yield ReadError(source, opened)
        return
    stream, size = opened
    with stream:
        if path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(source, stream)
            return
        data = None if size > MAX_ARTICLE_BYTES else read_bounded(stream, MAX_ARTICLE_BYTES)
        if data is None and size > MAX_ARTICLE_BYTES:  # refused unread: its size says enough
            yield ReadError(
                source, f"too large ({megabytes(size)}, over the {_LIMIT} an article may be)"
            )
        elif path.suffix.lower() in PAGES:
            yield _page(source, data)
        elif data is None:  # grew past the limit as it was read
            yield ReadError(source, f"too large (over {_LIMIT}, the most an article may be)")
        else:
            yield _txt(source, data)


def _page(source: str, data: bytes | None, url: str | None = None) -> Article | ReadError:
    """A saved or fetched web page as an article."""
    if data is None:
        return ReadError(source, f"too large (over {_LIMIT}, the most an article may be)")
    if b"\0" in data[:SNIFF_BYTES] and bom_codec(data[:4]) is None:
        return ReadError(source, "binary file (contains NUL bytes)")
    found = parse_page(source, data, url)
    if isinstance(found, str):
        return ReadError(source, found)
    # Checked, and dated by its text where the page gives no date, as any article is.
    return make_article(**{name: getattr(found, name) for name in _FIELDS})


def read_url(url: str) -> Article | ReadError:
    """The article at `url`: a web page, or plain text read as a .txt file."""
    page = fetch(url, MAX_ARTICLE_BYTES)
    if isinstance(page, str):
        return ReadError(url, page)
    if page.content_type == "text/plain":
        article = _txt(url, page.data)
        return article if isinstance(article, ReadError) else replace(article, url=page.url)
    return _page(url, page.data, page.url)


def _read_jsonl(source: str, stream: BinaryIO) -> Iterator[Article | ReadError]:
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    bom = bom_codec(head)
    wide = bom if bom is not None and bom[1] is not None else None  # UTF-16 or UTF-32
    if wide is None and b"\0" in head:  # one line for a binary file, not one per "line"
        yield ReadError(source, "binary file (contains NUL bytes)")
        return
    said: set[str] = set()  # a note about the whole file is given once, not once a line
    detected: str | None = None  # the encoding found for an earlier line, tried first
    empty = True
    lines = _text_lines(stream, *wide) if wide else _byte_lines(stream)
    for number, line in lines:
        where = f"{source}:{number}"
        if isinstance(line, ReadError):
            empty = False  # a line was there: refused, not missing
            yield replace(line, source=where)
            continue
        if not line.strip():
            continue
        empty = False
        decoded = (
            decode(line, detected) if isinstance(line, bytes) else Decoded(line, _bom_note(wide))
        )
        if isinstance(decoded, str):
            yield ReadError(where, decoded.replace("binary file", "binary data"))
            continue
        detected = decoded.detected or detected
        note = decoded.note if decoded.note not in said else None
        article = parse_jsonl_line(where, decoded.text, (note,))
        if isinstance(article, Article) and note:
            said.add(note)
        yield article
    if empty:
        yield ReadError(source, "empty file")


def _bom_note(bom: tuple[str, str | None, int] | None) -> str | None:
    name = bom[1] if bom else None
    return f"decoded as {name} (byte-order mark)" if name else None


def _too_long(number: int) -> tuple[int, ReadError]:
    return number, ReadError("", f"line too large (over {_LIMIT}, the most an article may be)")


def _byte_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | ReadError]]:
    """Numbered lines of at most MAX_ARTICLE_BYTES; a longer one is skipped, not held.
    A UTF-8 byte-order mark is not part of the first line."""
    if stream.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8:
        stream.seek(0)
    for number in count(1):
        line = stream.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(MEBIBYTE)) and not rest.endswith(b"\n"):
                pass
            yield _too_long(number)
            continue
        yield number, line


def _text_lines(
    stream: BinaryIO, codec: str, name: str | None, skip: int
) -> Iterator[tuple[int, str | ReadError]]:
    """Numbered lines of a UTF-16 or UTF-32 file, whose newlines are not one byte."""
    stream.seek(skip)
    text = io.TextIOWrapper(stream, encoding=codec, newline="\n")
    try:
        for number in count(1):
            line = text.readline(MAX_ARTICLE_BYTES + 1)
            if not line:
                return
            if len(line) > MAX_ARTICLE_BYTES and not line.endswith("\n"):
                while (rest := text.readline(MEBIBYTE)) and not rest.endswith("\n"):
                    pass
                yield _too_long(number)
                continue
            yield number, line
    except UnicodeDecodeError as error:  # the rest of the file cannot be trusted to align
        yield number, ReadError("", f"not valid {name} ({error.reason}); the rest is skipped")
    finally:
        text.detach()  # the caller closes the file


def read_stdin(stream: BinaryIO) -> Article | ReadError:
    """One .txt article from a binary stream (standard input)."""
    data = read_bounded(stream, MAX_ARTICLE_BYTES)
    if data is None:
        return ReadError("-", f"too large (over {_LIMIT}, the most an article may be)")
    decoded = decode(data)
    if isinstance(decoded, str):
        return ReadError("-", decoded)
    digest = hashlib.sha256(decoded.text.encode("utf-8")).hexdigest()[:12]
    article = parse_txt(f"stdin:{digest}", decoded.text, (decoded.note,))
    return ReadError("-", article.reason) if isinstance(article, ReadError) else article


def iter_articles(
    paths: Iterable[str | Path], stdin: BinaryIO | None = None, follow_symlinks: bool = False
) -> Iterator[Article | ReadError]:
    """Every article in `paths` (files, folders, URLs, or `-` for `stdin`, default
    sys.stdin), in order, with a ReadError in place of each file or line that could not be read.

    A symlink in a folder is followed only inside that folder, unless `follow_symlinks`;
    nothing under /proc, /sys or /dev is read, even when named."""
    for given in paths:
        if str(given) == "-":
            yield read_stdin(stdin if stdin is not None else sys.stdin.buffer)
            continue
        if isinstance(given, str) and is_url(given):
            yield read_url(given)
            continue
        path = Path(given)
        what = kind(path)
        if isinstance(what, FileError):
            yield ReadError(what.path, what.reason)
        elif system_path(path):
            yield ReadError(os.path.normpath(path), "under /proc, /sys or /dev; never read")
        elif what == "folder":
            for found in iter_files(path, follow_symlinks):
                if isinstance(found, FileError):
                    yield ReadError(found.path, found.reason)
                else:
                    yield from read_file(found)
        else:
            yield from read_file(path)
