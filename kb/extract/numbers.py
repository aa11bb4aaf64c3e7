"""Numbers as news writes them: digits, words, scale words and qualifiers."""

from __future__ import annotations

import re

from kb.extract.lexicon import NUMBER_WORDS, QUALIFIERS, SCALES
from kb.extract.trie import trie_pattern

_UNITS_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]
_TENS = {w: NUMBER_WORDS[w] for w in _UNITS_WORDS}

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
WORDS = (
    r"(?:" + trie_pattern(sorted(_TENS)) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight"
    r"|nine)\b)?(?:\s+(?:hundred|thousand|dozen))?"
    r"|" + trie_pattern(sorted(k for k in NUMBER_WORDS if " " in k or k in ("dozen", "hundred")))
)
SCALE = trie_pattern(sorted(SCALES, key=len, reverse=True))
# A number with an optional scale word: "14", "1.5 lakh", "2.5bn", "two billion".
NUMBER = rf"(?:(?:{DIGITS})|(?i:{WORDS}))(?:[\s-]?(?i:{SCALE})\b)?"
QUALIFIER = "|".join(f"(?P<q_{name}>{pattern})" for name, pattern in QUALIFIERS)

_NUMBER_RE = re.compile(rf"(?P<digits>{DIGITS})|(?P<words>{WORDS})", re.IGNORECASE)
_SCALE_RE = re.compile(rf"[\s-]?(?P<scale>{SCALE})\b", re.IGNORECASE)
_QUALIFIER_RE = re.compile(rf"(?:{QUALIFIER})\s*$", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The value of a number expression such as "1,500", "two", "a dozen", "1.5 lakh"."""
    text = text.strip()
    match = _NUMBER_RE.match(text)
    if not match:
        return None
    value = _digits(match["digits"]) if match["digits"] else _words(match["words"])
    scale = _SCALE_RE.match(text, match.end())
    if scale:
        value *= SCALES[scale["scale"].lower()]
    return value


def _digits(text: str) -> float:
    return float(text.replace(",", ""))


def _words(text: str) -> float:
    text = text.lower()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    value = 0.0
    for part in re.split(r"[\s-]+", text):
        if part == "dozen":
            value = (value or 1) * 12
        elif part == "hundred":
            value = (value or 1) * 100
        elif part == "thousand":
            value = (value or 1) * 1000
        else:
            value += NUMBER_WORDS.get(part, 0)
    return value


def qualifier_before(text: str) -> str:
    """The qualifier that ends `text` ("around", "more than"), or "exact"."""
    match = _QUALIFIER_RE.search(text[-40:])
    if not match:
        return "exact"
    return next(name[2:] for name, value in match.groupdict().items() if value)
