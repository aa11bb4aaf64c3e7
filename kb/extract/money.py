"""Money mentions: "£300,000 ($366,000)", "$2.5bn", "15.8 billion yen", "Rs 10 crore"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kb.extract.lexicon import CONTEXT_CURRENCIES
from kb.extract.numbers import NUMBER, parse_number
from kb.extract.trie import trie_pattern
from kb.gazetteer import load


@dataclass(frozen=True)
class Money:
    """An amount of money at [start, end) of a sentence; `alternative` is a second currency."""

    start: int
    end: int
    amount: float
    currency: str
    alternative: tuple[float, str] | None = None
    symbol: str = ""  # as written ("Rs", "$"), for currencies that depend on the country


def localise(money: Money, countries: Iterable[str | None]) -> str:
    """The currency of `money` given the countries the sentence is about: "Rs" in a
    report on Pakistan is the Pakistani rupee. The first country with a reading wins."""
    readings = CONTEXT_CURRENCIES.get(money.symbol)
    if readings:
        for code in countries:
            if code in readings:
                return readings[code]
    return money.currency


def _is_abbreviation(token: str) -> bool:
    """ "Rs", "Dh", "Dhs": written before the number like a symbol."""
    return token.isalpha() and token[:1].isupper() and token[1:].islower() and len(token) <= 3


@cache
def _pattern() -> re.Pattern[str]:
    tokens = load().currencies
    # Symbols and codes stand before the number ("US$", "EUR"); words after it
    # ("yen", "pounds"). Codes are matched in capitals only, so that "all" or "top"
    # in running text never reads as a currency.
    symbols = [t for t in tokens if not t.replace(" ", "").isalpha() or _is_abbreviation(t)]
    codes = [t for t in tokens if t.isalpha() and t.isupper() and len(t) == 3]
    words = [t for t in tokens if t.replace(" ", "").isalpha() and t.islower()]
    pre = "|".join(
        [r"US\s?\$", trie_pattern(sorted(symbols)), rf"\b(?:{trie_pattern(sorted(codes))})\s?"]
    )
    post = rf"(?i:(?:US\s|American\s|Canadian\s|Australian\s)?{trie_pattern(sorted(words))})\b"
    post_code = rf"(?:{trie_pattern(sorted(codes))})\b"
    one = (
        rf"(?:(?P<pre>{pre})\s?(?P<num1>{NUMBER})"
        rf"|(?<![\w$£€¥])(?P<num2>{NUMBER})\s?(?P<post>{post}|{post_code}))"
    )
    return re.compile(one)


_FIGURE = re.compile(r"\d|\b(?:million|billion|thousand|hundred|trillion|lakh|crore)\b", re.I)
_CLOSING = re.compile(r"\s*[)\]]")
_NOTHING = re.compile(r"")


@cache
def _currency_hint() -> re.Pattern[str]:
    tokens = load().currencies
    symbols = sorted(t for t in tokens if not t.replace(" ", "").isalpha())
    words = sorted(t for t in tokens if t.replace(" ", "").isalpha())
    # A word may touch its figure ("Dh50 million"), so no \b after it, only no letter.
    pattern = rf"{trie_pattern(symbols)}|\b(?:{trie_pattern(words)})(?![^\W\d_])"
    return re.compile(pattern, re.IGNORECASE)


@cache
def _alternative() -> re.Pattern[str]:
    return re.compile(
        r"\s*(?:(?P<open>[(\[])\s*|,?\s+(?:equivalent to|equal to|the equivalent of|or)\s+)"
        r"(?:about|around|roughly|or|approximately|some|nearly|c\.)?\s*"
    )


def find_money(text: str) -> list[Money]:
    """Every amount of money in the text, with a second currency in brackets folded in."""
    found: list[Money] = []
    # Money has a figure and a currency; most sentences lack one or the other, and two
    # cheap searches spare them the full pattern.
    if _FIGURE.search(text) is None or _currency_hint().search(text) is None:
        return found
    pattern = _pattern()
    position = 0
    while True:
        match = pattern.search(text, position)
        if not match:
            return found
        money = _money(match)
        position = match.end()
        if money is None:
            continue
        lead = _alternative().match(text, match.end())
        if lead and lead.group():
            second = pattern.match(text, lead.end())
            other = _money(second) if second else None
            # A bracket must close; "equivalent to $100m" needs none.
            closing = (
                (
                    _CLOSING.match(text, second.end())
                    if lead["open"]
                    else _NOTHING.match(text, second.end())
                )
                if second
                else None
            )
            if second and other and closing:
                money = Money(
                    money.start,
                    closing.end(),
                    money.amount,
                    money.currency,
                    (other.amount, other.currency),
                )
                position = closing.end()
        found.append(money)


def _money(match: re.Match[str]) -> Money | None:
    tokens = load().currencies
    if match["pre"]:
        symbol = re.sub(r"\s", "", match["pre"])
        amount = parse_number(match["num1"])
    else:
        symbol = re.sub(r"^(?:US|American|Canadian|Australian)\s", "", match["post"], flags=re.I)
        amount = parse_number(match["num2"])
        prefix = match["post"].split()[0].lower() if " " in match["post"] else ""
        if prefix == "canadian":
            symbol = "C$"
        elif prefix == "australian":
            symbol = "A$"
    currency = tokens.get(symbol) or tokens.get(symbol.lower()) or tokens.get(symbol.upper())
    if currency is None or amount is None or amount <= 0:
        return None
    return Money(match.start(), match.end(), amount, currency, symbol=symbol)
