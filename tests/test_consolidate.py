"""The rule that decides "same commitment" across articles: merges and near misses."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from kb.consolidate.rule import StoredMention, consolidate

_ids = itertools.count(1)


def m(
    when: date | None,
    status: str = "committed",
    quantity: float | None = None,
    *,
    donor: str = "GBR",
    recipient: str = "UKR",
    thing: str = "challenger 2",
    usd: float | None = None,
    source: str | None = None,
    amount: float | None = None,
    currency: str | None = None,
    family: str = "",
) -> StoredMention:
    number = next(_ids)
    return StoredMention(
        number,
        donor,
        recipient,
        thing,
        status,
        when,
        source or f"a{number}.txt",
        quantity=quantity,
        amount_usd=usd,
        amount=amount,
        currency=currency,
        family=family,
        general=bool(family) and thing == family,
    )


JAN = [date(2023, 1, d) for d in range(1, 32)]

CASES = [
    pytest.param(
        [m(JAN[13], quantity=14), m(JAN[15], quantity=14)], [2], id="two-outlets-same-week"
    ),
    pytest.param([m(JAN[13], quantity=14), m(JAN[15])], [2], id="a-report-without-a-count-joins"),
    pytest.param(
        [m(JAN[9], "offered"), m(JAN[13], "committed", 14), m(date(2023, 3, 27), "delivered", 14)],
        [3],
        id="offered-committed-delivered",
    ),
    pytest.param(
        [m(JAN[4], quantity=4, thing="himars"), m(date(2023, 2, 6), quantity=4, thing="himars")],
        [1, 1],
        id="near-miss-a-second-package-a-month-later",
    ),
    pytest.param([m(JAN[13], quantity=12), m(JAN[14], quantity=14)], [2], id="conflicting-counts"),
    pytest.param(
        [m(JAN[13], quantity=4), m(JAN[14], quantity=8)], [1, 1], id="near-miss-other-count"
    ),
    pytest.param(
        [m(JAN[13], quantity=14), m(JAN[13], quantity=14, recipient="POL")],
        [1, 1],
        id="near-miss-other-recipient",
    ),
    pytest.param(
        [m(JAN[13], quantity=14), m(JAN[13], quantity=14, donor="DEU")],
        [1, 1],
        id="near-miss-other-donor",
    ),
    pytest.param(
        [m(JAN[13], thing="money", usd=400e6), m(JAN[14], thing="money", usd=410e6)],
        [2],
        id="money-within-ten-percent",
    ),
    pytest.param(
        [m(JAN[13], thing="money", usd=400e6), m(JAN[14], thing="money", usd=800e6)],
        [1, 1],
        id="near-miss-other-amount",
    ),
    pytest.param(
        [m(JAN[13], "delivered", 14), m(date(2023, 3, 1), "committed", 14)],
        [1, 1],
        id="near-miss-a-late-pledge-after-delivery-is-a-new-one",
    ),
    pytest.param(
        [m(None, quantity=14), m(JAN[13], quantity=14)], [2], id="an-undated-report-joins"
    ),
    pytest.param(
        [m(JAN[13], quantity=14, source="one.txt"), m(JAN[13], quantity=14, source="one.txt")],
        [1, 1],
        id="near-miss-two-records-of-one-article-are-two-commitments",
    ),
    pytest.param(
        [
            m(JAN[13], thing="money", amount=5e6, currency="AFN"),
            m(JAN[14], thing="money", amount=5.2e6, currency="AFN"),
        ],
        [2],
        id="money-without-a-rate-compared-in-its-own-currency",
    ),
    pytest.param(
        [
            m(JAN[13], thing="money", amount=5e6, currency="AFN"),
            m(JAN[14], thing="money", amount=5e6, currency="USD", usd=5e6),
        ],
        [1, 1],
        id="near-miss-money-without-a-rate-is-never-compared-with-dollars",
    ),
    pytest.param(
        [
            m(JAN[13], thing="money", amount=15e6, currency="GBP", usd=17.4e6),
            m(None, thing="money", amount=15e6, currency="GBP", usd=20.1e6),
        ],
        [2],
        id="one-currency-is-compared-in-itself-not-through-rates-of-other-days",
    ),
    # Families (issue 12): a report in the class's own word is the same commitment as one
    # of a model in it, where figures and dates agree; two models, or two classes, never.
    pytest.param(
        [
            m(JAN[13], quantity=14, thing="tank", family="tank"),
            m(JAN[14], quantity=14, family="tank"),
        ],
        [2],
        id="fourteen-tanks-are-the-fourteen-challengers",
    ),
    pytest.param(
        [
            m(JAN[13], quantity=14, thing="leopard 2", family="tank"),
            m(JAN[14], quantity=14, family="tank"),
        ],
        [1, 1],
        id="near-miss-two-models-of-one-family",
    ),
    pytest.param(
        [
            m(JAN[13], quantity=14, thing="tank destroyer", family="tank"),
            m(JAN[14], quantity=14, family="tank"),
        ],
        [1, 1],
        id="near-miss-another-class-of-the-family",
    ),
    pytest.param(
        [
            m(JAN[13], quantity=14, thing="tank", family="tank"),
            m(JAN[14], quantity=30, family="tank"),
        ],
        [1, 1],
        id="near-miss-the-class-with-another-count",
    ),
]


@pytest.mark.parametrize(("mentions", "sizes"), CASES)
def test_groups(mentions: list[StoredMention], sizes: list[int]) -> None:
    assert sorted(len(g.mentions) for g in consolidate(mentions)) == sorted(sizes)


@pytest.mark.parametrize(("mentions", "sizes"), CASES)
def test_any_order_gives_the_same_groups(mentions: list[StoredMention], sizes: list[int]) -> None:
    expected = [[x.id for x in g.mentions] for g in consolidate(mentions)]
    for order in itertools.permutations(mentions):
        assert [[x.id for x in g.mentions] for g in consolidate(order)] == expected


def test_history_and_current_status() -> None:
    (group,) = consolidate(
        [
            m(date(2023, 3, 27), "delivered", 14),
            m(JAN[9], "offered"),
            m(JAN[13], "committed", 14),
            m(JAN[15], "committed", 14),
        ]
    )
    assert [(s.status, s.when) for s in group.history()] == [
        ("offered", JAN[9]),
        ("committed", JAN[13]),
        ("delivered", date(2023, 3, 27)),
    ]
    assert group.status == "delivered"
    assert group.quantity == 14
    assert not group.conflict


def test_conflict_keeps_both_figures() -> None:
    (group,) = consolidate(
        [m(JAN[13], quantity=12), m(JAN[14], quantity=14), m(JAN[15], quantity=14)]
    )
    assert group.conflict
    assert group.quantities == [12, 14]
    assert group.quantity == 14  # most reports say 14; nothing is averaged


def test_a_report_of_unknown_date_joins_but_sets_no_status() -> None:
    (group,) = consolidate([m(JAN[13], "delivered", 14), m(None, "committed", 14)])
    assert len(group.mentions) == 2
    assert group.status == "delivered"
    assert [step.status for step in group.history()] == ["delivered"]
