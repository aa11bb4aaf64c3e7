"""What kind of report each figure is: new, a part of a commitment, or a running total
(issue 12). One text in, each figure's kind out; the texts are written for these tests."""

from __future__ import annotations

import pytest
from extract_helpers import extract_text

from kb.extract.kinds import finance_of, kind_of

# (sentence, the figure as written, its kind)
CLAUSES = [
    ("Norway has handed over the first six tankers to Ghana.", "six tankers", "part"),
    ("Spain released a tranche of EUR 300m to Peru.", "EUR 300m", "part"),
    ("A second instalment of USD 40m reached Benin.", "USD 40m", "part"),
    ("A further tranche of EUR 75m is on hold.", "EUR 75m", "part"),
    ("Of this, USD 12m goes to shelter.", "USD 12m", "part"),
    ("The remaining EUR 8m will fund schools.", "EUR 8m", "part"),
    ("Kenya drew USD 5m from the regional emergency fund.", "USD 5m", "part"),
    ("Peru has received 40 ambulances in all.", "40 ambulances", "total"),
    ("Chile gave 12 field hospitals in total.", "12 field hospitals", "total"),
    ("Austria has so far sent 9 water trucks.", "9 water trucks", "total"),
    ("The pledge brings its aid to EUR 2bn.", "EUR 2bn", "total"),
    ("Ireland has given a total of EUR 90m since the war began.", "EUR 90m", "total"),
    ("Kenya has received 300 tents since the disaster.", "300 tents", "total"),
    ("Chad has had 12 water trucks since March 2019.", "12 water trucks", "total"),
    ("Greece will send another 20 generators.", "20 generators", "new"),
    ("Malta pledged an additional EUR 4m.", "EUR 4m", "new"),
    ("Chile will deliver 40 bicycles to Haiti.", "40 bicycles", "new"),
    ("The first lorries carried 300 tents.", "300 tents", "new"),
    ("Oman pledged USD 1m, bringing its aid to USD 9m.", "USD 1m", "new"),
]


@pytest.mark.parametrize(("sentence", "figure", "kind"), CLAUSES)
def test_the_words_next_to_a_figure_say_its_kind(sentence: str, figure: str, kind: str) -> None:
    start = sentence.index(figure)
    assert kind_of(sentence, start, start + len(figure)) == kind


def test_a_later_sentence_can_call_an_earlier_figure_a_part() -> None:
    text = (
        "The European Union approved a EUR 600 million loan to Moldova on Monday. "
        "The loan is part of a package under which the EU has promised up to "
        "EUR 2 billion this year."
    )
    kinds = {r.amount: r.kind for r in extract_text(text)}
    assert kinds == {600_000_000: "part", 2_000_000_000: "new"}


def test_extraction_records_the_kind_of_each_figure() -> None:
    text = "Poland said on Monday it has delivered the first four jets to Ukraine."
    (record,) = extract_text(text)
    assert (record.quantity, record.kind) == (4, "part")


# (sentence, the sum as written, its kind of money or None where the clause says none)
MONEY = [
    ("The IMF approved a USD 900m loan to Zambia.", "USD 900m", "loan"),
    ("Korea offered concessional credit of USD 1bn to Kenya.", "USD 1bn", "loan"),
    ("Japan gave USD 20m in grants to Nepal.", "USD 20m", "grant"),
    ("Denmark donated DKK 15m to the appeal.", "DKK 15m", "grant"),
    ("The bank guaranteed USD 500m of new bonds.", "USD 500m", "guarantee"),
    ("Canada sent CAD 40m worth of winter clothing.", "CAD 40m", "in_kind"),
    ("France agreed debt relief of EUR 300m for Somalia.", "EUR 300m", "debt_relief"),
    ("Norway pledged NOK 50m to the fund.", "NOK 50m", None),
    # Another clause's cue is not this sum's: "lent" belongs to the GBP 50m.
    ("Britain pledged GBP 10m to the fund, and lent GBP 50m to Egypt.", "GBP 10m", None),
    # In a list of sums, a cue is the nearer sum's.
    (
        "Beside EUR 5bn in loans, the plan holds EUR 2bn for trade and EUR 7m in grants.",
        "EUR 5bn",
        "loan",
    ),
    (
        "Beside EUR 5bn in loans, the plan holds EUR 2bn for trade and EUR 7m in grants.",
        "EUR 2bn",
        None,
    ),
    (
        "Beside EUR 5bn in loans, the plan holds EUR 2bn for trade and EUR 7m in grants.",
        "EUR 7m",
        "grant",
    ),
]


@pytest.mark.parametrize(("sentence", "figure", "finance"), MONEY)
def test_the_words_next_to_a_sum_say_its_kind_of_money(
    sentence: str, figure: str, finance: str | None
) -> None:
    start = sentence.index(figure)
    assert finance_of(sentence, start, start + len(figure)) == finance
