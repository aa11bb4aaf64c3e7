"""Date words resolved against the article's date (kb.extract.dates)."""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import PUBLISHED

from kb.extract.dates import find_date

# Resolved against Tuesday 2023-01-17, the date of the commitments definition's example.
RELATIVE = [
    pytest.param("at the weekend", (date(2023, 1, 14), "day"), id="at-the-weekend"),
    pytest.param("over the weekend", (date(2023, 1, 14), "day"), id="over-the-weekend"),
    pytest.param("last weekend", (date(2023, 1, 14), "day"), id="last-weekend"),
    pytest.param("yesterday", (date(2023, 1, 16), "day"), id="yesterday"),
    pytest.param("today", (date(2023, 1, 17), "day"), id="today"),
    pytest.param("this morning", (date(2023, 1, 17), "day"), id="this-morning"),
    pytest.param("on Friday", (date(2023, 1, 13), "day"), id="friday-before"),
    pytest.param("on Monday", (date(2023, 1, 16), "day"), id="monday-before"),
    pytest.param("on Sunday", (date(2023, 1, 15), "day"), id="sunday-before"),
    pytest.param("on Tuesday", (date(2023, 1, 17), "day"), id="same-weekday-is-today"),
    # A day to come dates a delivery, not the announcement: no announced date from it.
    pytest.param("next Monday", None, id="next-monday"),
    pytest.param("last week", (date(2023, 1, 9), "day"), id="last-week-monday"),
    pytest.param("last month", (date(2022, 12, 1), "month"), id="last-month-first-day"),
    pytest.param("this month", (date(2023, 1, 1), "month"), id="this-month"),
    pytest.param("last year", (date(2022, 1, 1), "year"), id="last-year"),
]

ABSOLUTE = [
    pytest.param("on 5 January", (date(2023, 1, 5), "day"), id="day-month"),
    pytest.param("on January 5", (date(2023, 1, 5), "day"), id="month-day"),
    pytest.param("on Jan. 5", (date(2023, 1, 5), "day"), id="abbreviated-month"),
    pytest.param("on December 20", (date(2022, 12, 20), "day"), id="december-is-last-year"),
    pytest.param("on 20 December 2022", (date(2022, 12, 20), "day"), id="with-year"),
    pytest.param("on 31 February", None, id="no-such-day"),
]

# A month or a year without a day keeps that precision (issue 12: "in October of last
# year" had been read as the first of January).
COARSE = [
    pytest.param("in October of last year", (date(2022, 10, 1), "month"), id="month-of-last-year"),
    pytest.param("in October last year", (date(2022, 10, 1), "month"), id="month-last-year"),
    pytest.param("last October", (date(2022, 10, 1), "month"), id="last-month-name"),
    pytest.param("in October 2022", (date(2022, 10, 1), "month"), id="month-and-year"),
    pytest.param("in January", (date(2023, 1, 1), "month"), id="this-month-by-name"),
    pytest.param("in November", (date(2022, 11, 1), "month"), id="a-later-month-is-last-year"),
    pytest.param("in 2022", (date(2022, 1, 1), "year"), id="an-earlier-year"),
]

NO_DATE = [
    pytest.param("soon", None, id="no-date-words"),
    pytest.param("since March 2022", None, id="the-start-of-a-period"),
    pytest.param("in 2023", None, id="the-article-s-own-year-says-less-than-its-date"),
    pytest.param("in 2024", None, id="a-year-to-come"),
    pytest.param("that it may", None, id="may-the-verb"),
]


@pytest.mark.parametrize(("words", "expected"), RELATIVE + ABSOLUTE + COARSE + NO_DATE)
def test_find_date(words: str, expected: tuple[date, str] | None) -> None:
    assert find_date(f"Britain said {words} that it would send tanks.", PUBLISHED) == expected


def test_first_date_in_the_sentence_wins() -> None:
    text = "On Friday Britain said it would send tanks, and yesterday it named the model."
    assert find_date(text, PUBLISHED) == (date(2023, 1, 13), "day")


@pytest.mark.parametrize(
    "sentence",
    [
        "Britain will send the tanks in November.",
        "The tanks are due to arrive in November.",
        "Britain said in 2022 it would send more in 2024.",
    ],
)
def test_a_time_to_come_dates_no_announcement(sentence: str) -> None:
    found = find_date(sentence, PUBLISHED)
    assert found is None or found[0] <= PUBLISHED


def test_no_article_date_resolves_nothing() -> None:
    assert find_date("Britain said yesterday that it would send tanks.", None) is None
