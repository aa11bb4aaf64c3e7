"""Folded patterns find what the same pattern with IGNORECASE finds, at the same offsets."""

from __future__ import annotations

import re

import pytest

from kb.extract.folding import Folded

CASES = [
    pytest.param(r"(?<!\w)(?:send|sent)\b", "Norway SENT tents", id="capitals-in-the-text"),
    pytest.param(r"(?<!\w)(?:aid)\b", "No help here", id="no-match"),
    # "İ" lower-cases to two characters: offsets would move, so the text is not folded.
    pytest.param(r"(?<!\w)(?:sent)\b", "İzmir SENT tents", id="text-whose-case-moves-offsets"),
    # A capital in the pattern would never match lower-cased text.
    pytest.param(r"(?<!\w)(?:AFP|Reuters)\b", "photo: afp", id="capitals-in-the-pattern"),
    pytest.param(r"[A-Z]\w+ sent", "then norway sent", id="a-class-of-capitals"),
]


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("pattern", "text"), CASES)
def test_folded_agrees_with_ignorecase(pattern: str, text: str) -> None:
    folded, plain = Folded(pattern), re.compile(pattern, re.IGNORECASE)
    assert _spans(folded.finditer(text)) == _spans(plain.finditer(text))
    assert bool(folded.search(text)) == bool(plain.search(text))
    assert bool(folded.match(text, 0)) == bool(plain.match(text, 0))
    assert bool(folded.search(text, 3, 9)) == bool(plain.search(text, 3, 9))
