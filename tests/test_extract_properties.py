"""Properties of extraction on any text: it never raises, it is deterministic, its records
point into the text, and its time grows linearly with the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.extract import extract
from kb.records import QUALIFIERS, STATUSES, Article

# Words the rules react to, so that generated text reaches them rather than only
# exercising the "nothing found" path.
VOCABULARY = (
    "Britain", "UK", "Berlin", "the Pentagon", "Ukraine", "Kyiv", "UK-Med", "Poland's",
    "Austria", "Belgium", "France", "the World Bank", "it", "the country", "will send",
    "has sent", "sent", "pledged", "offered to", "ready to", "could send", "is considering",
    "sold", "paused", "arrived", "donated by", "from", "to", "for", "wants", "appealed for",
    "will not send", "and", "respectively", "each", "14", "two", "a dozen", "around",
    "nearly", "over", "up to", "more than", "30,000", "1.5 lakh", "10 crore", "70 pallets of",
    "Challenger 2", "tanks", "AS90", "Leopard 2", "beds", "tents", "doses", "gowns",
    "£300,000", "($366,000)", "$2.5bn", "€1.5 billion", "¥50bn", "Rs", "yen", "at the weekend",
    "on Friday", "yesterday", "last month", "- in pictures", "Expand Autoplay", "Photo:",
    "Mr.", "U.S.", ",", ".", ";", "(", ")", "—", '"', "\n", "\n\n",
)  # fmt: skip

word = st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=8))
news_text = st.lists(word, max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_text)
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1)))

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(text=any_text, day=published)
def test_records_point_into_the_text(text: str, day: date | None) -> None:
    for record in extract(Article("property", text, day)):
        start, end = record.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == record.evidence
        assert record.status in STATUSES
        assert record.qualifier is None or record.qualifier in QUALIFIERS
        assert (record.amount is None) == (record.currency is None)
        assert record.quantity is None or record.quantity > 0


@PROPERTY_SETTINGS
@given(text=any_text, day=published)
def test_extraction_is_deterministic(text: str, day: date | None) -> None:
    article = Article("property", text, day)
    assert extract(article) == extract(article)


# No rule may run away on adversarial input. The test asserts a generous ceiling, never a
# ratio of two timings (a busy machine breaks ratios): these inputs take milliseconds, and a
# rule that is quadratic on them takes far longer than the ceiling. Growth is measured in
# benchmarks/ and tests/test_hostile_text.py prints it.
CEILING = 5.0  # seconds for the doubled input


def _seconds(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        extract(Article("timing", text, date(2023, 1, 17)))
        best = min(best, time.perf_counter() - start)
    return best


# (builder of an input of size n, n): n is chosen so that the smaller input takes
# 10 to 200 ms here, long enough to time and short enough for the suite.
ADVERSARIAL = [
    pytest.param(lambda n: "1," * n, 4_000, id="commas-between-digits"),
    pytest.param(lambda n: "7" * n, 20_000, id="run-of-digits"),
    pytest.param(
        lambda n: "Britain will send " + "very " * n + "many tanks to Ukraine.",
        2_000,
        id="one-very-long-sentence",
    ),
    pytest.param(
        lambda n: "Germany sent 14 tanks to Ukraine. " * n, 200, id="many-short-sentences"
    ),
    pytest.param(
        lambda n: "Britain will send" + " " * n + "tanks to Ukraine.",
        5_000,
        id="run-of-spaces",
    ),
    pytest.param(
        lambda n: "Britain will send " + "14 tanks, " * n + "to Ukraine.",
        120,
        id="repeated-counted-items",
    ),
    pytest.param(
        lambda n: "A. " * n,
        1_000,
        id="run-of-initials",
    ),
]


@pytest.mark.parametrize(("build", "n"), ADVERSARIAL)
def test_adversarial_input_stays_under_the_ceiling(build: Callable[[int], str], n: int) -> None:
    _seconds("Britain will send 14 tanks to Ukraine.", repeat=1)  # compile the patterns
    small, large = _seconds(build(n), repeat=1), _seconds(build(2 * n), repeat=1)
    assert large < CEILING, f"{small * 1000:.1f} ms -> {large * 1000:.1f} ms"
