"""Bytes to text: each encoding a scraper may leave behind, and what is not text at all."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.decoding import Decoded, control_count, decode

TEXT = "Café “Britain” – £300,000 ñ"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), Decoded(TEXT)),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), Decoded(TEXT)),
        (b"", Decoded("")),
        (TEXT.encode("utf-16"), Decoded(TEXT, "decoded as UTF-16 (byte-order mark)")),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
         Decoded(TEXT, "decoded as UTF-16 (byte-order mark)")),
        (TEXT.encode("utf-32"), Decoded(TEXT, "decoded as UTF-32 (byte-order mark)")),
        ("Café au lait".encode("latin-1"),
         Decoded("Café au lait", "decoded as latin-1 (not UTF-8)")),
        # 0x93 and 0x94 are curly quotes in cp1252 and invisible controls in Latin-1.
        (TEXT.encode("cp1252"), Decoded(TEXT, "decoded as cp1252 (not UTF-8)")),
        (b"form\x0cfeed and a tab\t", Decoded("form\x0cfeed and a tab\t")),
    ],
)  # fmt: skip
def test_text_is_decoded(data: bytes, expected: Decoded) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Britain will send\x00 tanks.", "binary file (contains NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        (bytes(range(1, 256)), "binary file (59 control characters in 255)"),
        (b"\x1b[31m" * 10 + b"red", "binary file (10 control characters in 53)"),
        (codecs.BOM_UTF16_LE + b"\x00", "not valid UTF-16 (bad bytes at offset 2)"),
        (codecs.BOM_UTF16_LE + "a\0b".encode("utf-16-le"), "binary file (contains NUL characters)"),
        (codecs.BOM_UTF8 + b"caf\xe9", "not valid UTF-8 (bad bytes at offset 6)"),
    ],
)
def test_what_is_not_text_is_refused(data: bytes, reason: str) -> None:
    assert decode(data) == reason


def test_a_stray_control_character_in_long_text_is_kept() -> None:
    text = "x" * 200 + "\x07"
    assert decode(text.encode()) == Decoded(text)
    assert control_count(text) == 1


@settings(max_examples=500)
@given(st.binary(max_size=3000))
def test_any_bytes_decode_to_storable_text_or_a_reason(data: bytes) -> None:
    decoded = decode(data)
    if isinstance(decoded, Decoded):
        assert "\0" not in decoded.text  # PostgreSQL could not store it
        decoded.text.encode("utf-8")  # no lone surrogates either
    else:
        assert decoded.startswith(("binary file", "not valid"))


@given(st.text())
def test_utf8_text_decodes_to_itself(text: str) -> None:
    decoded = decode(text.encode("utf-8"))
    if isinstance(decoded, Decoded):  # unless it is mostly control characters, or has NUL
        assert decoded == Decoded(text)


# Text in other 8-bit encodings than Windows' Western one, as old tools save it: detected,
# not garbled into Latin letters.
DETECTED = [
    ("Украина получит от Великобритании четырнадцать танков, заявил министр обороны.", "cp1251"),
    ("Η Ελλάδα θα στείλει δεκατέσσερα άρματα μάχης στην Ουκρανία, δήλωσε ο υπουργός.", "cp1253"),
    ("Polska przekaże Ukrainie czternaście czołgów, powiedział minister obrony.", "cp1250"),
    ("Der Minister sagte, Deutschland schickt vierzehn Panzer für die Ukraine; Grüße.", "cp1252"),
]


@pytest.mark.parametrize(("text", "encoding"), DETECTED)
def test_an_8_bit_encoding_is_detected(text: str, encoding: str) -> None:
    decoded = decode(text.encode(encoding if encoding != "cp1252" else "latin-1"))
    assert isinstance(decoded, Decoded)
    assert decoded.text == text
    assert decoded.note == f"decoded as {encoding} (detected; not UTF-8)"
