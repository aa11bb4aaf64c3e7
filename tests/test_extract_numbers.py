"""Numbers as news writes them (kb.extract.numbers): digits, words, scales, qualifiers."""

from __future__ import annotations

import pytest

from kb.extract.numbers import parse_number, qualifier_before

# Counts from the commitments definition and the seed articles.
DEVELOPMENT = [
    pytest.param("14", 14, id="digits"),
    pytest.param("30,000", 30_000, id="thousands-comma"),
    pytest.param("1,000,000", 1_000_000, id="millions-comma"),
    pytest.param("2.5", 2.5, id="decimal"),
    pytest.param("two", 2, id="word-two"),
    pytest.param("Fourteen", 14, id="word-capitalised"),
    pytest.param("seventy", 70, id="word-tens"),
    pytest.param("twenty-five", 25, id="word-hyphenated"),
    pytest.param("three hundred", 300, id="word-hundred"),
    pytest.param("a dozen", 12, id="a-dozen"),
    pytest.param("half a dozen", 6, id="half-a-dozen"),
    pytest.param("a couple of", 2, id="a-couple-of"),
    pytest.param("one hundred", 100, id="one-hundred"),
]

SCALES = [
    pytest.param("2.5bn", 2.5e9, id="bn-attached"),
    pytest.param("300 million", 3e8, id="million"),
    pytest.param("two billion", 2e9, id="word-billion"),
    pytest.param("1.5 lakh", 150_000, id="lakh"),
    pytest.param("10 crore", 1e8, id="crore"),
    pytest.param("5k", 5_000, id="k"),
    pytest.param("1.2 trillion", 1.2e12, id="trillion"),
]

NOT_NUMBERS = [
    pytest.param("", None, id="empty"),
    pytest.param("tanks", None, id="a-noun"),
    pytest.param("a few", None, id="a-few-is-no-number"),
    pytest.param("several", None, id="several"),
]

# Compound number words, read whole (once read as their first word).
COMPOUNDS = [
    pytest.param("three hundred and twenty-five", 325, id="hundred-and-tens-units"),
    pytest.param("forty-two", 42, id="forty-two"),
    pytest.param("Forty", 40, id="capitalised-sentence-start"),
    pytest.param("two thousand five hundred", 2_500, id="thousand-and-hundreds"),
    pytest.param("a hundred and five", 105, id="a-hundred-and-five"),
    pytest.param("two dozen", 24, id="two-dozen"),
    pytest.param("ninety-nine tanks", 99, id="compound-before-a-noun"),
    pytest.param("two thousand five hundred million", 2.5e9, id="compound-with-scale"),
    pytest.param("half a billion", 5e8, id="half-a-billion"),
]

# A calibre or a model number names a thing, not how many of it.
CALIBRES_AND_MODELS = [
    pytest.param("155mm", None, id="calibre-attached"),
    pytest.param("5.56 mm", None, id="calibre-spaced"),
    pytest.param("120-mm", None, id="calibre-hyphenated"),
    pytest.param("Sprinter 319", None, id="model-after-a-name"),
    pytest.param("M777", None, id="model-letter-and-digits"),
    # A scale letter before a hyphen and digits is a designation: "30 M-84 tanks".
    pytest.param("30 M-84", 30, id="designation-after-a-count"),
    pytest.param("12 B-52", 12, id="designation-b-after-a-count"),
    pytest.param("2.5bn-dollar", 2.5e9, id="scale-before-a-hyphenated-word"),
]

# Known gaps once, fixed since: kept so that they stay fixed.
FIXED_GAPS = [
    pytest.param(
        "twenty five",
        25,
        id="tens-and-units-without-hyphen",
    ),
]


NUMBERS = DEVELOPMENT + SCALES + NOT_NUMBERS + FIXED_GAPS + COMPOUNDS + CALIBRES_AND_MODELS


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


QUALIFIERS = [
    pytest.param("Britain will send ", "exact", id="none"),
    pytest.param("around ", "about", id="around"),
    pytest.param("Roughly ", "about", id="roughly-capitalised"),
    pytest.param("nearly ", "about", id="nearly"),
    pytest.param("almost ", "about", id="almost"),
    pytest.param("some ", "about", id="some"),
    pytest.param("approximately ", "about", id="approximately"),
    pytest.param("over ", "over", id="over"),
    pytest.param("more than ", "over", id="more-than"),
    pytest.param("at least ", "over", id="at-least"),
    pytest.param("in excess of ", "over", id="in-excess-of"),
    pytest.param("up to ", "up_to", id="up-to"),
    pytest.param("as many as ", "up_to", id="as-many-as"),
    pytest.param("the army will get up to ", "up_to", id="up-to-after-words"),
    pytest.param("around the country, a further ", "exact", id="qualifier-not-next-to-number"),
]


@pytest.mark.parametrize(("before", "qualifier"), QUALIFIERS)
def test_qualifier_before(before: str, qualifier: str) -> None:
    assert qualifier_before(before) == qualifier
