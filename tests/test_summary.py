"""One commitment from its mentions (kb.consolidate.summary): its figures, lead report,
value and history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kb.consolidate.rule import StoredMention, consolidate
from kb.consolidate.summary import MentionDetail, money_conflict, summarise

JAN = [date(2023, 1, d) for d in range(1, 32)]


def mention(
    number: int, when: date, status: str = "committed", thing: str = "challenger 2", **figures: Any
) -> StoredMention:
    return StoredMention(number, "GBR", "UKR", thing, status, when, f"a{number}.txt", **figures)


def test_the_most_specific_report_leads_and_the_figures_are_those_most_give() -> None:
    mentions = [
        mention(1, JAN[9], "offered"),
        mention(2, JAN[13], quantity=14.0),
        mention(3, JAN[14], quantity=14.0),
        mention(4, JAN[15], quantity=12.0),
        mention(5, date(2023, 3, 27), "delivered", quantity=14.0),
    ]
    details = {
        1: MentionDetail("tanks"),
        2: MentionDetail("Challenger 2 tanks", "tank", "military", "exact"),
        3: MentionDetail(
            "Challenger 2 main battle tanks", "tank", "military", "exact", None, JAN[12]
        ),
        4: MentionDetail("Challenger 2 tanks", "tank", "military", "exact"),
        5: MentionDetail("Challenger 2 tanks", "tank", "military", "exact"),
    }
    (group,) = consolidate(mentions)
    summary = summarise(group, details)
    # 3 gives the count most reports give, an announced date, and the longest item text.
    assert (summary.lead, summary.item, summary.quantity, summary.qualifier) == (
        3, "Challenger 2 main battle tanks", 14.0, "exact"
    )  # fmt: skip
    assert (summary.status, summary.conflict, summary.sources) == ("delivered", True, 5)
    assert (summary.first_reported, summary.last_reported) == (JAN[9], date(2023, 3, 27))
    assert summary.announced == JAN[12]
    assert [(s.status, s.reached, s.mention_id) for s in summary.steps] == [
        ("offered", JAN[9], 1),
        ("committed", JAN[13], 2),
        ("delivered", date(2023, 3, 27), 5),
    ]
    assert summary.amount_usd is None and summary.rate_date is None


def test_money_is_converted_at_the_rate_of_the_commitment_date() -> None:
    pounds = mention(1, JAN[16], thing="money", amount=3e5, currency="GBP", amount_usd=367165.0)
    dollars = mention(2, JAN[17], thing="money", amount=366000.0, currency="USD",
                      amount_usd=366000.0)  # fmt: skip
    (group,) = consolidate([pounds, dollars])
    summary = summarise(
        group, {1: MentionDetail("funding"), 2: MentionDetail("funding", announced=JAN[15])}
    )
    # One figure in two currencies: no conflict. On a tie of figures, the latest report's.
    assert not summary.conflict
    assert (summary.amount, summary.currency, summary.lead) == (366000.0, "USD", 2)
    assert summary.rate_date == JAN[15]  # the first announced date of any report
    assert (summary.amount_usd, summary.rate_usd) == (366000.0, 1.0)
    assert summary.amount_eur == pytest.approx(366000.0 * (summary.rate_eur or 0))


def test_a_currency_without_a_rate_keeps_its_amount_and_no_value() -> None:
    (group,) = consolidate([mention(1, JAN[1], thing="money", amount=5e6, currency="AFN")])
    summary = summarise(group, {1: MentionDetail("relief")})
    assert (summary.amount, summary.currency) == (5e6, "AFN")
    assert (summary.amount_usd, summary.amount_eur, summary.rate_usd, summary.rate_date) == (
        None, None, None, None
    )  # fmt: skip


@pytest.mark.parametrize(
    ("figures", "conflict"),
    [
        ([(300000.0, "GBP", 367165.0), (366000.0, "USD", 366000.0)], False),
        ([(300000.0, "GBP", 367165.0), (400000.0, "GBP", 489553.0)], True),
        ([(1e9, "USD", 1e9), (1.08e9, "USD", 1.08e9)], True),
        ([(5e6, "AFN", None), (5e6, "AFN", None)], False),
    ],
)
def test_money_conflict(figures: list[tuple[float, str, float | None]], conflict: bool) -> None:
    mentions = [
        mention(n, JAN[n], thing="money", amount=a, currency=c, amount_usd=usd)
        for n, (a, c, usd) in enumerate(figures, 1)
    ]
    assert money_conflict(mentions) is conflict
