"""Money mentions: "£300,000 ($366,000)", "$2.5bn", "15.8 billion yen", "Rs 10 crore"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pycountry

from kb import rates
from kb.extract.lexicon import CONTEXT_CURRENCIES
from kb.extract.numbers import DIGITS, NUMBER, SCALE, WORDS, parse_number
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


# The text names the US dollar itself: a bare "$" beside it is one too.
_US_DOLLAR = re.compile(r"US\s?\$|\$US|\bUSD\b|\bUS dollars?\b|\bAmerican dollars?\b")


def localise(money: Money, countries: Iterable[str | None], text: str | None = None) -> str:
    """The currency of `money` given the countries the sentence is about: "Rs" in a
    report on Pakistan is the Pakistani rupee. The first country with a reading wins.

    A bare "$" is the US dollar by the trackers' convention; it is the donor's own
    (Canada's, Australia's, New Zealand's) only where the caller passes the article's
    `text` and that text never names the US dollar ("US$", "USD"): a roundup ("$80m
    from Canada and $45m from Australia") is written in US dollars."""
    readings = CONTEXT_CURRENCIES.get(money.symbol)
    if not readings:
        return money.currency
    if money.currency == "USD" and (text is None or _US_DOLLAR.search(text)):
        return money.currency
    for code in countries:
        if code in readings:
            return readings[code]
    return money.currency


def _is_abbreviation(token: str) -> bool:
    """ "Rs", "Dh", "Dhs": written before the number like a symbol."""
    return token.isalpha() and token[:1].isupper() and token[1:].islower() and len(token) <= 3


# pycountry names that are common words or no money ("Real", "Gold").
_NOT_CURRENCY_NAMES = {"real", "sol", "dong", "tala", "pula", "dobra", "leone", "lek", "mvdol"}
_PLURALS = {"krone": "kroner", "krona": "kronor", "leu": "lei", "lev": "leva", "rupee": "rupees"}


def _iso_names() -> dict[str, str]:
    """Currency names from ISO 4217 as pycountry gives them, with their plurals:
    "czech koruna", "forints", "new zealand dollars"."""
    names: dict[str, str] = {}
    for currency in pycountry.currencies:
        name = currency.name.lower()
        code = currency.alpha_3
        metal_or_fund = code.startswith("X") and code not in ("XAF", "XOF", "XCD", "XPF")
        if metal_or_fund or not re.fullmatch(r"[a-z]+(?: [a-z]+)*", name):
            continue
        if name in _NOT_CURRENCY_NAMES:
            continue
        *head, last = name.split()
        for form in (last, _PLURALS.get(last, last + "s")):
            names.setdefault(" ".join([*head, form]), code)
    return names


@cache
def currency_tokens() -> dict[str, str]:
    """Every currency token: pycountry's names, the ISO codes that were withdrawn since
    and news still writes (HRK, BGN: the ECB's table knows them), then the hand table,
    which wins."""
    tokens = _iso_names()
    withdrawn = rates._converter().currencies  # the ECB's table, loaded once for rates too
    tokens.update({c: c for c in withdrawn if c.isalpha() and len(c) == 3})
    tokens.update(load().currencies)
    return tokens


def _ambiguous() -> list[str]:
    """Words that name several currencies ("crowns"): read only in a known currency."""
    return [
        w for w in CONTEXT_CURRENCIES if w.isalpha() and w.islower() and w not in currency_tokens()
    ]


@cache
def _pattern() -> re.Pattern[str]:
    tokens = currency_tokens()
    # Symbols and codes stand before the number ("US$", "EUR"); words after it
    # ("yen", "pounds"). Codes are matched in capitals only, so that "all" or "top"
    # in running text never reads as a currency.
    symbols = [t for t in tokens if not t.replace(" ", "").isalpha() or _is_abbreviation(t)]
    codes = [t for t in tokens if t.isalpha() and t.isupper() and len(t) == 3]
    words = [t for t in tokens if t.replace(" ", "").isalpha() and t.islower()] + _ambiguous()
    code_pattern = trie_pattern(sorted(codes))
    pre = "|".join([r"US\s?\$", trie_pattern(sorted(symbols)), rf"\b(?:{code_pattern})\s?"])
    post = rf"(?i:(?:US\s|American\s|Canadian\s|Australian\s)?{trie_pattern(sorted(set(words)))})\b"
    # A code after the number may come before its scale ("30 EUR million"); a code that
    # a number follows belongs to that number ("2022-09-30 USD 3 billion").
    post_code = rf"(?:{code_pattern})\b(?!\s?\d)"
    one = (
        rf"(?:(?P<pre>{pre})\s?(?P<num1>{NUMBER})"
        rf"|(?<![\w$£€¥])(?<!\d[-/.])(?P<num2>{NUMBER})\s?"
        rf"(?:(?P<post>{post})|(?P<code>{post_code})(?:\s?(?P<late>(?i:{SCALE}))\b)?))"
    )
    return re.compile(one)


# A scaled amount with no currency of its own ("UNICEF: 15.7 million"): read only in a
# currency the caller knows, and only where no noun follows ("21 million people").
_BARE_SCALES = r"million|milion|mio|mln|mn|m|billion|bn|bln|b|trillion|tn|thousand|k|lakhs?|crores?"
# The scale words a bare amount needs, as a cheap first look: "15.7 million", "2bn".
_SCALE_WORD = re.compile(rf"(?<![^\W\d])(?i:{_BARE_SCALES})\b")
_BARE_AFTER = (
    r"for|to|in|into|from|through|via|towards?|as|and|on|at|with|under|was|were|is|are|has"
    r"|have|had|will|would|which|that|this|of|over|by|each|per|respectively|while|but"
)
_BARE = re.compile(
    rf"(?<![\w$£€¥.,/-])(?P<num>{DIGITS}|(?i:{WORDS}))[\s-]?(?i:{_BARE_SCALES})\b"
    rf"(?=\s*(?:[.,;:)\]–—-]|$)|\s+(?:{_BARE_AFTER})\b)"
)

# A scaled count of things ("200 million doses"): a bare amount beside it counts them too
# ("and the remaining 300 million").
_SCALED_COUNT = re.compile(
    rf"(?<![\w$£€¥.,/-])(?:{DIGITS}|(?i:{WORDS}))[\s-]?(?i:{_BARE_SCALES})\s+"
    rf"(?!(?:{_BARE_AFTER})\b)[a-z]"
)

_FIGURE = re.compile(r"\d|\b(?:million|billion|thousand|hundred|trillion|lakh|crore)\b", re.I)
_CLOSING = re.compile(r"\s*[)\]]")
# A bracket may go on after its second amount: "(about US$133 million, 50 percent of quota)".
_CLOSING_AFTER_TEXT = re.compile(r"\s*(?:[,;][^()\[\]]{0,80})?[)\]]")
_NOTHING = re.compile(r"")


@cache
def _currency_hint() -> re.Pattern[str]:
    tokens = currency_tokens()
    symbols = sorted(t for t in tokens if not t.replace(" ", "").isalpha())
    words = sorted({t for t in tokens if t.replace(" ", "").isalpha()} | set(_ambiguous()))
    # A word may touch its figure ("Dh50 million"), so no \b after it, only no letter.
    pattern = rf"{trie_pattern(symbols)}|\b(?:{trie_pattern(words)})(?![^\W\d_])"
    return re.compile(pattern, re.IGNORECASE)


@cache
def _alternative() -> re.Pattern[str]:
    return re.compile(
        r"\s*(?:(?P<open>[(\[])\s*|,?\s+(?:equivalent to|equal to|the equivalent of|or)\s+)"
        r"(?:about|around|roughly|or|approximately|some|nearly|c\.)?\s*"
    )


def find_money(text: str, default_currency: str | None = None) -> list[Money]:
    """Every amount of money in the text, with a second currency in brackets folded in.

    With `default_currency` (what `stated_currency` finds for the article), a scaled
    amount that names no currency ("UNICEF: 15.7 million") is read in it, and so is a
    word that several currencies share ("crowns") where it is one of them."""
    found: list[Money] = []
    # Money has a figure and a currency; most sentences lack one or the other, and two
    # cheap searches spare them the full pattern.
    if _FIGURE.search(text) is None:
        return found
    if _currency_hint().search(text) is not None:
        found = _with_currency(text, default_currency)
    if default_currency and not _counts_things(text, found):
        taken = [(m.start, m.end) for m in found]
        for match in _BARE.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            amount = parse_number(match.group())
            if amount:
                found.append(Money(match.start(), match.end(), amount, default_currency))
        found.sort(key=lambda m: m.start)
    return found


# An entry of a list whose whole body is a figure: "ICRC: 6,000,000" under "(amounts in
# CHF)". Only there may a number with no scale and no currency be money.
_ENTRY_FIGURE = re.compile(r"\s*(?P<num>\d{1,3}(?:,\d{3})+|\d{4,})(?:\.\d+)?\s*[.;]?\s*$")


def entry_amount(text: str, start: int, currency: str | None) -> Money | None:
    """The amount an entry's body [start:] is, when it is a bare figure of at least a
    thousand and the text states its currency."""
    match = _ENTRY_FIGURE.match(text, start)
    if currency is None or match is None:
        return None
    amount = parse_number(match["num"])
    if not amount or amount < 1000:
        return None
    return Money(match.start("num"), match.end("num"), amount, currency)


def has_bare_amount(text: str) -> bool:
    """Whether the text holds a scaled figure with no currency ("UNICEF: 15.7 million"),
    which only the currency its article states can read; most sentences hold none."""
    return _SCALE_WORD.search(text) is not None and _BARE.search(text) is not None


def _counts_things(text: str, found: list[Money]) -> bool:
    """Whether the text counts things in millions ("200 million doses"), money aside."""
    return any(
        not any(m.start <= match.start() < m.end for m in found)
        for match in _SCALED_COUNT.finditer(text)
    )


def _with_currency(text: str, default_currency: str | None) -> list[Money]:
    found: list[Money] = []
    pattern = _pattern()
    position = 0
    while True:
        match = pattern.search(text, position)
        if not match:
            return found
        money = _money(match, default_currency)
        position = match.end()
        if money is None:
            continue
        lead = _alternative().match(text, match.end())
        if lead and lead.group():
            second = pattern.match(text, lead.end())
            other = _money(second, default_currency) if second else None
            # A bracket must close; "equivalent to $100m" needs none.
            closing = (
                (
                    _CLOSING_AFTER_TEXT.match(text, second.end())
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
                    money.symbol,
                )
                position = closing.end()
        found.append(money)


def _money(match: re.Match[str], default_currency: str | None = None) -> Money | None:
    tokens = currency_tokens()
    if match["pre"]:
        symbol = re.sub(r"\s", "", match["pre"])
        amount = parse_number(match["num1"])
    elif match["code"]:
        symbol = match["code"]
        amount = parse_number(match["num2"])
        if amount is not None and match["late"]:
            amount = parse_number(f"{match['num2']} {match['late']}")
    else:
        post = match["post"]
        symbol = re.sub(r"^(?:US|American|Canadian|Australian)\s", "", post, flags=re.I)
        amount = parse_number(match["num2"])
        prefix = post.split()[0].lower() if " " in post else ""
        symbol = {"canadian": "C$", "australian": "A$", "us": "US$", "american": "US$"}.get(
            prefix, symbol
        )
    currency = tokens.get(symbol) or tokens.get(symbol.lower()) or tokens.get(symbol.upper())
    if currency is None:
        readings = CONTEXT_CURRENCIES.get(symbol.lower(), {})
        if default_currency in readings.values():
            currency = default_currency
    if currency is None or amount is None or amount <= 0:
        return None
    return Money(match.start(), match.end(), amount, currency, symbol=symbol)


# An article or table that says which currency its figures are in: "Breakdown of the
# grant (USD)", "in US dollars", "amounts in EUR".
_STATED = re.compile(
    r"\((?P<bracket>[A-Z]{3})\)"
    r"|\b(?:in|of|amounts? in|figures? in|denominated in)\s+(?:millions? of\s+|thousands? of\s+)?"
    r"(?P<phrase>US dollars|U\.S\. dollars|euros?|pounds sterling|Swiss francs|[A-Z]{3})\b"
)


def stated_currency(text: str, seen: Counter[str] | None = None) -> str | None:
    """The currency a text's bare figures are in: the one it states ("Breakdown of the
    grant (USD)", "in US dollars"), else the one its money is most often written in
    (`seen`, when the caller has counted it already); None when it has no money at all."""
    declared = declared_currency(text)
    if declared is not None:
        return declared
    counts = seen if seen is not None else Counter(m.currency for m in find_money(text))
    return counts.most_common(1)[0][0] if counts else None


def declared_currency(text: str) -> str | None:
    """The currency a text says its figures are in: "(USD)", "amounts in CHF"."""
    tokens = currency_tokens()
    for match in _STATED.finditer(text):
        written = match["bracket"] or match["phrase"]
        code = tokens.get(written) or tokens.get(written.lower().replace("u.s.", "us"))
        if code:
            return code
    return None
