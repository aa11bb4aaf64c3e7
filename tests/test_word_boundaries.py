"""The rules open a word with (?<!\\w) rather than \\b, which is faster in Python's engine.
The two are the same boundary only before a word character, so every alternative of
such a pattern must begin with one; an entry such as "$1bn" or "-made" would change
what the pattern finds, and this test names it."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator

import pytest

import kb.extract
from kb.extract.folding import Folded

_OPEN = r"(?<!\w)(?:"
# What may precede the first letter of an alternative without consuming text.
_ZERO_WIDTH = re.compile(r"(?:\\b|\(\?<?[!=](?:[^()\\]|\\.)*\))*")
_WORD_START = re.compile(r"[\w]|\\[wd]|\[(?!\^)[\w\\]")


def _tokens(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """The pattern's characters outside escapes and character classes, each with its index
    and the depth of groups it stands in after it (a ")" closes to the outer depth)."""
    depth, index = 0, start
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = pattern.index("]", index + 2) + 1
            continue
        depth += (char == "(") - (char == ")")
        yield index, char, depth
        index += 1


def _group_end(pattern: str, start: int) -> int:
    """The index of the parenthesis that closes the group opened at `start`."""
    for index, char, depth in _tokens(pattern, start):
        if char == ")" and depth == 0:
            return index
    raise ValueError(f"unbalanced pattern: {pattern}")


def _alternatives(body: str) -> list[str]:
    """The top-level alternatives of a pattern fragment."""
    cuts = [index for index, char, depth in _tokens(body) if char == "|" and depth == 0]
    bounds = zip([-1, *cuts], [*cuts, len(body)], strict=True)
    return [body[begin + 1 : end] for begin, end in bounds]


def _starts_with_word(alternative: str) -> bool:
    rest = alternative[_ZERO_WIDTH.match(alternative).end() :]  # type: ignore[union-attr]
    if rest.startswith("(?:") or rest.startswith("(?P<"):
        close = _group_end(rest, 0)
        inner = rest[rest.index(":") + 1 if rest.startswith("(?:") else rest.index(">") + 1 : close]
        return all(_starts_with_word(a) for a in _alternatives(inner))
    return _WORD_START.match(rest) is not None


def _opened_patterns() -> list[tuple[str, str]]:
    found = []
    for info in pkgutil.iter_modules(kb.extract.__path__):
        module = importlib.import_module(f"kb.extract.{info.name}")
        for name, value in vars(module).items():
            values = value if isinstance(value, tuple) else (value,)
            for item in values:
                pattern = item[-1] if isinstance(item, tuple) else item
                text = getattr(pattern, "pattern", None)
                if isinstance(pattern, (re.Pattern, Folded)) and str(text).startswith(_OPEN):
                    found.append((f"{info.name}.{name}", str(text)))
    return found


def test_the_patterns_are_found() -> None:
    assert len(_opened_patterns()) > 40


@pytest.mark.parametrize(("name", "pattern"), _opened_patterns(), ids=lambda v: str(v)[:40])
def test_every_alternative_begins_a_word(name: str, pattern: str) -> None:
    text = pattern
    body = text[len(_OPEN) : _group_end(text, len(_OPEN) - 3)]
    bad = [a for a in _alternatives(body) if not _starts_with_word(a)]
    assert not bad, f"{name}: {bad}"


@pytest.mark.parametrize(
    ("alternative", "expected"),
    [
        ("send", True),
        (r"\bsold\b", True),
        (r"(?<!being )(?:\bsent\b|gave)", True),
        (r"\w+ over", True),
        (r"\$\d", False),
        (r"-made", False),
        (r"(?:aid|\$)", False),
    ],
)
def test_the_checker_tells_a_word_from_a_sign(alternative: str, expected: bool) -> None:
    assert _starts_with_word(alternative) is expected
