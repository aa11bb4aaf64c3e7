"""Bytes to text: what a scraper leaves on disk, decoded when it is text and refused when not.

The order of the checks matters:
1. A byte-order mark names the encoding. It comes first because UTF-16 and UTF-32 text is full
   of NUL bytes, which would otherwise look binary.
2. NUL bytes anywhere else mean binary (git and grep decide the same way). They are never
   stripped: PostgreSQL cannot store them, and a file with them is rarely an article.
3. UTF-8; else the encoding charset-normalizer detects (a Cyrillic article saved as cp1251,
   a Greek one as cp1253: guessing one 8-bit encoding for all garbles most of them). Where
   it finds none, the 8-bit encodings that old newsroom systems and Windows tools write:
   every byte string decodes as Latin-1, so that fallback can never fail; it is named
   "cp1252" when bytes 0x80-0x9F are present (there, cp1252's curly quotes and dashes are far
   likelier than Latin-1's invisible control codes) and "latin-1" when not (the two agree).
4. Text in which more than 1 character in 100 is a control character is binary after all: a
   decoded image or archive, not an article with a stray form feed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace

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
    # The encoding charset-normalizer found, where it found one: the rest of the same file
    # (a .jsonl's other lines) is tried in it before it is detected again.
    detected: str | None = field(default=None, compare=False)


def bom_codec(head: bytes) -> tuple[str, str | None, int] | None:
    """(codec, name for a note or None, length of the mark) when `head` opens with a BOM."""
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return codec, name, len(bom)
    return None


def decode(data: bytes, detected: str | None = None) -> Decoded | str:
    """Decode the bytes of one article (or one .jsonl line); a string says why they are not
    text. `detected`: the encoding found for an earlier line of the same file, tried before
    detecting again (which costs milliseconds a line)."""
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
    found = _as_detected(data, detected) if detected else None
    found = found or _detected(data)
    if found is not None:
        return found
    if _C1_BYTES.search(data) is not None:
        try:
            return _checked(data.decode("cp1252"), "decoded as cp1252 (not UTF-8)")
        except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; Latin-1 takes all
            pass
    return _checked(data.decode("latin-1"), "decoded as latin-1 (not UTF-8)")


def _detected(data: bytes) -> Decoded | str | None:
    """The text in the encoding charset-normalizer finds likeliest, or None."""
    from charset_normalizer import from_bytes  # only for text that is not UTF-8

    found = list(from_bytes(data))
    if not found:
        return None
    # Of the encodings that read the bytes as least garbled, the one whose letters look most
    # like a language; where none does (a short text), the 8-bit fallback below decides.
    clean = min(match.chaos for match in found)
    tied = [match for match in found if match.chaos <= clean + 0.01 and match.coherence > 0]
    if not tied:
        return None
    top = max(match.coherence for match in tied)
    # Of encodings that read the text equally well, Windows' Western one: news in English,
    # French or German saved by an old tool (a Turkish or Baltic page would differ in its
    # letters, and so in how well each encoding reads it).
    best = max(
        (match for match in tied if match.coherence >= top - 0.02),
        key=lambda match: ("cp1252" in match.could_be_from_charset, match.coherence),
    )
    if best.encoding in ("utf_8", "ascii"):
        return None
    name = "cp1252" if "cp1252" in best.could_be_from_charset else best.encoding
    try:
        text = data.decode(name)
    except UnicodeDecodeError:  # a byte cp1252 leaves undefined: the encoding found, then
        name, text = best.encoding, str(best)
    return _as_detected(data, name, text)


def _as_detected(data: bytes, name: str, text: str | None = None) -> Decoded | str | None:
    """`data` in the detected encoding `name` (None if it is not), noted as detected."""
    if text is None:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            return None
    checked = _checked(text, f"decoded as {codecs.lookup(name).name} (detected; not UTF-8)")
    return replace(checked, detected=name) if isinstance(checked, Decoded) else checked


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
