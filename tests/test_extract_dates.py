"""Date words resolved against the article's date (kb.extract.dates)."""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import PUBLISHED

from kb.extract.dates import find_date

# Resolved against Tuesday 2023-01-17, the date of the commitments definition's example.
RELATIVE = [
    pytest.param("at the weekend", date(2023, 1, 14), id="at-the-weekend"),
    pytest.param("over the weekend", date(2023, 1, 14), id="over-the-weekend"),
    pytest.param("last weekend", date(2023, 1, 14), id="last-weekend"),
    pytest.param("yesterday", date(2023, 1, 16), id="yesterday"),
    pytest.param("today", date(2023, 1, 17), id="today"),
    pytest.param("this morning", date(2023, 1, 17), id="this-morning"),
    pytest.param("on Friday", date(2023, 1, 13), id="friday-before"),
    pytest.param("on Monday", date(2023, 1, 16), id="monday-before"),
    pytest.param("on Sunday", date(2023, 1, 15), id="sunday-before"),
    pytest.param("on Tuesday", date(2023, 1, 17), id="same-weekday-is-today"),
    # A day to come dates a delivery, not the announcement: no announced date from it.
    pytest.param("next Monday", None, id="next-monday"),
    pytest.param("last week", date(2023, 1, 9), id="last-week-monday"),
    pytest.param("last month", date(2022, 12, 1), id="last-month-first-day"),
    pytest.param("this month", date(2023, 1, 1), id="this-month"),
    pytest.param("last year", date(2022, 1, 1), id="last-year"),
]

ABSOLUTE = [
    pytest.param("on 5 January", date(2023, 1, 5), id="day-month"),
    pytest.param("on January 5", date(2023, 1, 5), id="month-day"),
    pytest.param("on Jan. 5", date(2023, 1, 5), id="abbreviated-month"),
    pytest.param("on December 20", date(2022, 12, 20), id="december-is-last-year"),
    pytest.param("on 20 December 2022", date(2022, 12, 20), id="with-year"),
    pytest.param("on 31 February", None, id="no-such-day"),
]

NO_DATE = [
    pytest.param("soon", None, id="no-date-words"),
    pytest.param("in 2022", None, id="a-bare-year"),
]


@pytest.mark.parametrize(("words", "expected"), RELATIVE + ABSOLUTE + NO_DATE)
def test_find_date(words: str, expected: date | None) -> None:
    assert find_date(f"Britain said {words} that it would send tanks.", PUBLISHED) == expected


def test_first_date_in_the_sentence_wins() -> None:
    text = "On Friday Britain said it would send tanks, and yesterday it named the model."
    assert find_date(text, PUBLISHED) == date(2023, 1, 13)


def test_no_article_date_resolves_nothing() -> None:
    assert find_date("Britain said yesterday that it would send tanks.", None) is None
