"""Numbers as news writes them: digits, words, scale words and qualifiers."""

from __future__ import annotations

import re

from text_to_num import text2num

from kb.extract.lexicon import NUMBER_WORDS, QUALIFIERS, SCALES
from kb.extract.trie import trie_pattern

_ONES = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
]
_TEENS = [
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
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

# A calibre ("155mm", "5.56 mm", "120-mm") names a weapon, not how many of it.
# The digits are read atomically, so that "155mm" never backtracks to a count of "15".
_NOT_CALIBRE = r"(?!\s?-?(?:mm|cm)\b)"
DIGITS = rf"(?>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?){_NOT_CALIBRE}"
# Number words up to the thousands, compounds included: "forty-two", "three hundred and
# twenty-five", "two thousand five hundred", "two dozen".
_UNIT = (
    rf"(?:(?:{trie_pattern(_TENS)})(?:[- ](?:{trie_pattern(_ONES)}))?"
    rf"|{trie_pattern(_ONES + _TEENS)})\b"
)
_GROUP = rf"(?:(?:{_UNIT}|\ba)\s+hundred\b(?:\s+(?:and\s+)?{_UNIT})?|{_UNIT})"
_COMPOUND = rf"{_GROUP}(?:\s+thousand\b(?:,?\s+(?:and\s+)?{_GROUP})?)?(?:\s+dozen\b)?"
# Phrases of the table that the compounds do not cover: "a dozen", "half a dozen".
_PHRASES = trie_pattern(sorted(k for k in NUMBER_WORDS if " " in k or k in ("dozen", "hundred")))
WORDS = rf"{_COMPOUND}|\b(?:{_PHRASES})\b"
SCALE = trie_pattern(sorted(SCALES, key=len, reverse=True))
# A number with an optional scale word: "14", "1.5 lakh", "2.5bn", "two billion". A
# letter before a hyphen and a digit is a designation, not a scale: "30 M-84 tanks".
NUMBER = rf"(?:(?:{DIGITS})|(?i:{WORDS}))(?:[\s-]?(?i:{SCALE})\b(?!-\d))?"
QUALIFIER = "|".join(f"(?P<q_{name}>{pattern})" for name, pattern in QUALIFIERS)

_NUMBER_RE = re.compile(rf"(?P<digits>{DIGITS})|(?P<words>{WORDS})", re.IGNORECASE)
_SCALE_RE = re.compile(rf"[\s-]?(?P<scale>{SCALE})\b(?!-\d)", re.IGNORECASE)
_QUALIFIER_RE = re.compile(rf"(?:{QUALIFIER})\s*$", re.IGNORECASE)
_DOZEN = re.compile(r"\s+dozen$")


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
    text = " ".join(text.lower().replace(",", " ").split())
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    factor = 1
    if _DOZEN.search(text):
        factor, text = 12, _DOZEN.sub("", text)
    if text.startswith("a "):
        text = "one" + text[1:]
    # text2num reads the compounds ("three hundred and twenty-five") that a table cannot.
    try:
        return float(text2num(text, "en")) * factor
    except ValueError:
        return float(sum(NUMBER_WORDS.get(part, 0) for part in re.split(r"[\s-]+", text)) * factor)


def qualifier_before(text: str) -> str:
    """The qualifier that ends `text` ("around", "more than"), or "exact"."""
    match = _QUALIFIER_RE.search(text[-40:])
    if not match:
        return "exact"
    return next(name[2:] for name, value in match.groupdict().items() if value)
