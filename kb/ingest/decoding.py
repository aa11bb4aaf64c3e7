"""Bytes to text: what a scraper leaves on disk, decoded when it is text and refused when not.

The order of the checks matters:
1. A byte-order mark names the encoding. It comes first because UTF-16 and UTF-32 text is full
   of NUL bytes, which would otherwise look binary.
2. NUL bytes anywhere else mean binary (git and grep decide the same way). They are never
   stripped: PostgreSQL cannot store them, and a file with them is rarely an article.
3. UTF-8, then the 8-bit encodings that old newsroom systems and Windows tools still write.
   Every byte string decodes as Latin-1, so an 8-bit fallback can never fail; it is named
   "cp1252" when bytes 0x80-0x9F are present (there, cp1252's curly quotes and dashes are far
   likelier than Latin-1's invisible control codes) and "latin-1" when not (the two agree).
4. Text in which more than 1 character in 100 is a control character is binary after all: a
   decoded image or archive, not an article with a stray form feed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", None),  # a UTF-8 mark is common and harmless: no note
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed and carriage return; DEL; C1.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    """Text, and a note for the user when it was not plain UTF-8 (None when it was)."""

    text: str
    note: str | None = None


def bom_codec(head: bytes) -> tuple[str, str | None, int] | None:
    """(codec, name for a note or None, length of the mark) when `head` opens with a BOM."""
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return codec, name, len(bom)
    return None


def decode(data: bytes) -> Decoded | str:
    """Decode the bytes of one article (or one .jsonl line); a string says why they are not text."""
    bom = bom_codec(data[:4])
    if bom is not None:
        codec, name, skip = bom
        try:
            text = data[skip:].decode(codec)
        except UnicodeDecodeError as error:
            return f"not valid {name or 'UTF-8'} (bad bytes at offset {error.start + skip})"
        return _checked(text, f"decoded as {name} (byte-order mark)" if name else None)
    if b"\0" in data:
        return "binary file (contains NUL bytes)"
    try:
        return _checked(data.decode("utf-8"), None)
    except UnicodeDecodeError:
        pass
    if _C1_BYTES.search(data) is not None:
        try:
            return _checked(data.decode("cp1252"), "decoded as cp1252 (not UTF-8)")
        except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; Latin-1 takes all
            pass
    return _checked(data.decode("latin-1"), "decoded as latin-1 (not UTF-8)")


def _checked(text: str, note: str | None) -> Decoded | str:
    if "\0" in text:
        return "binary file (contains NUL characters)"
    controls = control_count(text)
    if controls > MAX_CONTROL_SHARE * len(text):
        return f"binary file ({controls} control characters in {len(text)})"
    return Decoded(text, note)


def control_count(text: str) -> int:
    """How many characters of `text` are control characters other than line breaks and tabs."""
    return len(text) - len(_CONTROL.sub("", text))


def is_utf8(text: str) -> bool:
    """False for text that carries bytes that are not UTF-8 (as surrogates): a file name or
    an argument that cannot be stored or matched as text."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
