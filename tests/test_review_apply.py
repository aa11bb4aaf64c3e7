"""A person's corrections applied to the reports of one article (kb.review.apply): one
article's reports and corrections in, the reports out. Pure: no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from fakes import POLAND, UK, UKRAINE, commitment

from kb.records import Correction, Mention
from kb.review.anchor import anchor, same_sentence
from kb.review.apply import apply

TEXT = (
    "Britain will send Ukraine 14 tanks and 30 guns this spring. "
    "Poland has given Ukraine 5 ambulances. "
    "Officials met in Brussels on Monday."
)
FIRST, SECOND, THIRD = (
    "Britain will send Ukraine 14 tanks and 30 guns this spring.",
    "Poland has given Ukraine 5 ambulances.",
    "Officials met in Brussels on Monday.",
)
TANKS = commitment(
    TEXT, FIRST, UK, UKRAINE, "tanks", "committed", quantity=14.0, canonical="tank", category="tank"
)
GUNS = commitment(
    TEXT,
    FIRST,
    UK,
    UKRAINE,
    "guns",
    "committed",
    quantity=30.0,
    canonical="gun",
    category="artillery",
)
AMBULANCES = commitment(
    TEXT,
    SECOND,
    POLAND,
    UKRAINE,
    "ambulances",
    "delivered",
    quantity=5.0,
    canonical="ambulance",
    category="vehicle",
)
REPORTS = [TANKS, GUNS, AMBULANCES]


def fix(action: str, of: Mention | None = None, **values: Any) -> Correction:
    """A correction of report `of` (anchored as kb.storage.corrections anchors it)."""
    number = values.pop("id", 1)
    if of is None:
        evidence = values.pop("evidence")
        return Correction(action, "a.txt", evidence, (0, 0), values=values, id=number)
    return Correction(action, "a.txt", of.evidence, of.span, of.donor.name, of.item, values, number)


CASES = [
    # A correction sets the fields it names; the rest are the rules'.
    ([fix("correct", TANKS, quantity=16.0)], [("tanks", 16.0, "committed", "corrected", False)]),
    # Two reports of one sentence are told apart by the item the rules gave.
    ([fix("correct", GUNS, status="delivered")], [("guns", 30.0, "delivered", "corrected", False)]),
    ([fix("reject", AMBULANCES)], [("ambulances", 5.0, "delivered", None, True)]),
    # Oldest first: a restore after a reject takes it back (the report is as the rules
    # gave it); a later value wins.
    ([fix("reject", AMBULANCES, id=1), fix("restore", AMBULANCES, id=2)], []),
    (
        [fix("correct", TANKS, quantity=15.0, id=1), fix("correct", TANKS, quantity=16.0, id=2)],
        [("tanks", 16.0, "committed", "corrected", False)],
    ),
]


@pytest.mark.parametrize(("corrections", "expected"), CASES)
def test_corrections_apply_to_their_report(
    corrections: list[Correction], expected: list[tuple[Any, ...]]
) -> None:
    result = apply(REPORTS, corrections, TEXT)
    changed = [
        (m.item, m.quantity, m.status, m.review, m.rejected)
        for m, given in zip(result.mentions, REPORTS, strict=True)
        if m != given
    ]
    assert changed == expected
    assert all(at is not None for at in result.attached.values())


def test_a_new_item_is_named_as_extraction_names_it() -> None:
    result = apply(REPORTS, [fix("correct", TANKS, item="Leopard 2 tanks")], TEXT)
    tanks = result.mentions[0]
    assert (tanks.canonical, tanks.category, tanks.aid_type) == ("Leopard 2", "tank", "military")
    assert tanks.fixed == ("item",)
    assert result.extracted == {1: {"item": "tanks"}}


def test_a_new_donor_and_date() -> None:
    values = {"donor": "Poland", "announced": "2023-03-01", "announced_precision": "month"}
    (tanks, *_) = apply(REPORTS, [fix("correct", TANKS, **values)], TEXT).mentions
    assert tanks.donor.name == "Poland"
    assert (tanks.announced, tanks.announced_precision) == (date(2023, 3, 1), "month")
    assert tanks.fixed == ("announced", "donor")


def test_an_amount_makes_a_report_money() -> None:
    values = {"amount": 2e6, "currency": "EUR"}
    (tanks, *_) = apply(REPORTS, [fix("correct", TANKS, **values)], TEXT).mentions
    assert (tanks.amount, tanks.currency, tanks.canonical, tanks.category) == (
        2e6,
        "EUR",
        "money",
        "money",
    )


def test_an_addition_is_a_report_of_its_own_where_its_sentence_is() -> None:
    values = {"donor": "Belgium", "recipient": "Ukraine", "item": "field kitchens"}
    added = fix(
        "add", evidence="Officials met in  Brussels\non Monday.", status="offered", **values
    )
    result = apply(REPORTS, [added], TEXT)
    new = result.mentions[-1]
    assert len(result.mentions) == 4 and result.attached == {1: 3}
    assert (new.donor.name, new.item, new.status, new.review, new.rule) == (
        "Belgium",
        "field kitchens",
        "offered",
        "added",
        "added",
    )
    assert new.evidence == THIRD and TEXT[new.span[0] : new.span[1]] == THIRD


def test_a_correction_whose_sentence_is_gone_is_orphaned() -> None:
    result = apply([GUNS, AMBULANCES], [fix("correct", TANKS, quantity=16.0)], TEXT)
    # The sentence still yields a report (the guns): the donor and item break no tie here,
    # so the correction goes to the report of that sentence.
    assert result.attached == {1: 0}
    orphaned = apply([AMBULANCES], [fix("correct", TANKS, quantity=16.0)], TEXT)
    assert orphaned.attached == {1: None}
    assert orphaned.mentions == (AMBULANCES,)
    missing = fix(
        "add",
        evidence="A sentence of another article.",
        status="offered",
        donor="Chile",
        item="tents",
    )
    assert apply(REPORTS, [missing], TEXT).attached == {1: None}


def test_new_rules_that_split_sentences_elsewhere_keep_the_anchor() -> None:
    longer = replace(TANKS, evidence=FIRST + " " + SECOND)
    assert same_sentence(FIRST, longer.evidence)
    assert anchor(fix("correct", TANKS, quantity=1.0), [AMBULANCES, longer]) == 1
    assert not same_sentence(FIRST, SECOND)
