"""Money you can add up: amounts in US dollars and euros at the rate of their date.

The rates are the European Central Bank's reference rates, which ship inside the
currencyconverter package (no network at run time). A currency the ECB does not
quote (AFN, PKR, AED, ...) gets no conversion, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Conversion:
    """An amount in USD and EUR, the rates used (units of each per one of the original)
    and the date whose rates they are."""

    amount_usd: float
    amount_eur: float
    rate_usd: float
    rate_eur: float
    rate_date: date


@cache
def _converter() -> Any:
    from currency_converter import CurrencyConverter  # loads the rate table: do it once

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def known(currency: str) -> bool:
    """Whether the ECB's table quotes the currency."""
    return currency in _converter().currencies


def convert(amount: float, currency: str, on: date | None) -> Conversion | None:
    """The amount in USD and EUR at the rates of `on` (the latest rates when it is None
    or beyond the table); None for a currency with no known rate."""
    converter = _converter()
    if currency not in converter.currencies:
        return None
    first, last = converter.bounds[currency]
    when = min(max(on or last, first), last)
    rate_usd = converter.convert(1, currency, "USD", date=when)
    rate_eur = converter.convert(1, currency, "EUR", date=when)
    return Conversion(amount * rate_usd, amount * rate_eur, rate_usd, rate_eur, when)
