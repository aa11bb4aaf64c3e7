"""Conversion to USD and EUR at the rate of the commitment's date, from the ECB's table."""

from __future__ import annotations

from datetime import date

import pytest

from kb.rates import convert, known


def test_pounds_at_the_rate_of_their_day() -> None:
    result = convert(300_000, "GBP", date(2023, 1, 17))
    assert result is not None
    assert result.rate_date == date(2023, 1, 17)
    assert result.amount_usd == pytest.approx(367_000, rel=0.01)  # the article said $366,000
    assert result.amount_eur == pytest.approx(300_000 * result.rate_eur)


def test_dollars_are_dollars() -> None:
    result = convert(1e9, "USD", date(2022, 7, 8))
    assert result is not None
    assert result.amount_usd == pytest.approx(1e9)
    assert 0.9e9 < result.amount_eur < 1.1e9


@pytest.mark.parametrize("currency", ["AFN", "PKR", "AED", "XYZ"])
def test_a_currency_without_a_rate_is_not_guessed(currency: str) -> None:
    assert convert(10e6, currency, date(2023, 2, 8)) is None
    assert not known(currency)


def test_a_date_beyond_the_table_uses_its_last_rates() -> None:
    far = convert(100, "EUR", date(2099, 1, 1))
    undated = convert(100, "EUR", None)
    assert far is not None and undated is not None
    assert far.rate_date == undated.rate_date < date(2099, 1, 1)
    assert far.amount_eur == pytest.approx(100)
