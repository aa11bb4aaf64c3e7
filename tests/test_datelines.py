"""An article's own date from its text, where its file or page gives none: a dateline, or a
whole date in its first lines. One text in, the date out."""

from __future__ import annotations

from datetime import date

import pytest

from kb.ingest.datelines import dated, text_date, text_month
from kb.records import Article

TODAY = date(2026, 12, 7)

CASES = [
    # A wire dateline gives the day; its year is the latest the text names, not in the future.
    ("KYIV, Jan 17 (Reuters) - Britain will send tanks, its 2023 budget shows.", date(2023, 1, 17)),
    ("NEW DELHI, March 3 (PTI): India sent aid. In 2022 it had sent more.", date(2022, 3, 3)),
    ("OSLO, Dec 30 (Ledger) - Norway gave tents in 2025 and 2026.", date(2025, 12, 30)),
    ("OSLO, Dec 30 (Ledger) - Norway gave tents in 2026.", None),  # 2026-12-30 is ahead
    ("MANILA, Sept. 4, 2022 (AP) - The Philippines received 5,000 tents.", date(2022, 9, 4)),
    # A dateline that names no year, in a text that names none, dates nothing.
    ("KYIV, Jan 17 (Reuters) - Britain will send tanks.", None),
    # A whole date in the first lines: a page's date line, a "published" line.
    ("Saturday, September 23, 2023 | 30°C\nAid arrives in Benghazi.", date(2023, 9, 23)),
    ("Published 17 January 2023\nBritain will send 14 tanks.", date(2023, 1, 17)),
    ("Updated 2023-08-21 10:00\nDenmark will give 19 jets.", date(2023, 8, 21)),
    ("The 3rd of May 2021 brought news: Japan sent vaccines.", None),  # no date form we read
    ("On 4th June 2021, Japan sent 1.2 million doses to Taiwan.", date(2021, 6, 4)),
    # Not the article's own: a date in the future, a date deep into the text, an impossible one.
    ("Britain said on 14 March 2031 it would send tanks.", None),
    ("Britain sent tanks. " * 30 + "On 17 January 2023 it sent more.", None),
    ("Dated 31 February 2023, the note says Britain sent tanks.", None),
    ("Paris (AFP) - Morocco said late Sunday it accepted aid from four countries.", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_date_a_text_states_as_its_own(text: str, expected: date | None) -> None:
    assert text_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 2023\nBritain will send 14 tanks.", date(2023, 3, 1)),
        ("Updated: March 2023\nBritain will send 14 tanks.", date(2023, 3, 1)),
        ("Britain will send 14 tanks in March 2023.", None),  # inside a sentence: an event's
        ("December 2031\nBritain will send tanks.", None),  # still to come
    ],
)
def test_a_month_alone_on_a_line_of_the_lead(text: str, expected: date | None) -> None:
    assert text_month(text, TODAY) == expected


def test_an_article_dated_to_the_month_says_so() -> None:
    article = dated(Article("a.txt", "June 2022\nJapan sent 40 ambulances."), TODAY)
    assert (article.published, article.precision) == (date(2022, 6, 1), "month")
