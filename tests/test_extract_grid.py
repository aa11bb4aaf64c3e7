"""A grid of plain giving sentences: every donor with every unlisted everyday noun.

"<donor> will send/donate/deliver <n> <plural noun> to <recipient>." must give exactly one
record: that donor and recipient (canonical names), an item containing the noun, that
quantity, status committed. None of the nouns is in kb/gazetteer/data/items.tsv (singular or
plural), so the rule under test is "a counted noun phrase after a giving verb is an item",
not the item gazetteer. Sentences are written for these tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from kb.extract import extract
from kb.records import Article, Mention

PUBLISHED = date(2024, 3, 1)

# (as written at the start of the sentence, canonical name in the gazetteer)
DONORS: list[tuple[str, str]] = [
    ("Japan", "Japan"),
    ("Germany", "Germany"),
    ("France", "France"),
    ("Canada", "Canada"),
    ("Norway", "Norway"),
    ("Sweden", "Sweden"),
    ("Denmark", "Denmark"),
    ("Australia", "Australia"),
    ("New Zealand", "New Zealand"),
    ("South Korea", "South Korea"),
    ("The Netherlands", "Netherlands"),
    ("Switzerland", "Switzerland"),
    ("Ireland", "Ireland"),
    ("Italy", "Italy"),
    ("Britain", "United Kingdom"),
    ("The United States", "United States"),
    ("Qatar", "Qatar"),
    ("Spain", "Spain"),
    ("The European Union", "European Union"),
    ("The World Bank", "World Bank"),
    ("UNICEF", "UNICEF"),
    ("The World Food Programme", "World Food Programme"),
    ("The Asian Development Bank", "Asian Development Bank"),
    ("Save the Children", "Save the Children"),
    ("The ICRC", "International Committee of the Red Cross"),
    ("Oxfam", "Oxfam"),
    ("UNHCR", "UNHCR"),
    ("The Turkish Red Crescent", "Turkish Red Crescent"),
    ("World Vision", "World Vision"),
    ("Mercy Corps", "Mercy Corps"),
]

# Everyday plural nouns that no gazetteer file lists (nor their singulars), and no units.
NOUNS: list[str] = [
    "bicycles",
    "radios",
    "ladders",
    "umbrellas",
    "sewing machines",
    "wheelbarrows",
    "shovels",
    "tractors",
    "laptops",
    "textbooks",
    "desks",
    "microscopes",
    "refrigerators",
    "motorcycles",
    "kettles",
    "saucepans",
    "rakes",
    "hammers",
    "padlocks",
    "toothbrushes",
    "pillows",
    "towels",
    "raincoats",
    "backpacks",
    "footballs",
    "guitars",
    "printers",
    "fishing rods",
    "beehives",
    "calculators",
]

# Recipients; none of them is a donor above.
RECIPIENTS: list[str] = [
    "Haiti",
    "Sudan",
    "Nepal",
    "Yemen",
    "Malawi",
    "Moldova",
    "Somalia",
    "Mozambique",
    "Lebanon",
    "Bangladesh",
    "Ukraine",
    "Afghanistan",
    "Ecuador",
    "Fiji",
    "Chad",
    "Madagascar",
    "Zambia",
]

VERBS: list[str] = ["send", "donate", "deliver"]

# (as written, value)
NUMBERS: list[tuple[str, float]] = [
    ("40", 40),
    ("12", 12),
    ("1,200", 1200),
    ("forty", 40),
    ("3", 3),
    ("250", 250),
    ("twelve", 12),
    ("75", 75),
    ("2,500", 2500),
    ("18", 18),
    ("five", 5),
    ("600", 600),
    ("90", 90),
    ("thirty", 30),
    ("7", 7),
    ("15,000", 15000),
    ("320", 320),
    ("eight", 8),
    ("1,050", 1050),
]


@dataclass(frozen=True)
class GridCase:
    text: str
    donor: str
    recipient: str
    noun: str
    quantity: float


def _grid() -> list[GridCase]:
    cases = []
    for i, (written, donor) in enumerate(DONORS):
        for j, noun in enumerate(NOUNS):
            verb = VERBS[(i + j) % len(VERBS)]
            number, value = NUMBERS[(7 * i + j) % len(NUMBERS)]
            recipient = RECIPIENTS[(3 * i + j) % len(RECIPIENTS)]
            text = f"{written} will {verb} {number} {noun} to {recipient}."
            cases.append(GridCase(text, donor, recipient, noun, value))
    return cases


GRID = _grid()


def _show(records: list[Mention]) -> list[tuple[object, ...]]:
    return [
        (
            r.donor.name,
            r.recipient.name if r.recipient else None,
            r.item,
            r.quantity,
            r.unit,
            r.amount,
            r.status,
        )
        for r in records
    ]


def _check(text: str, donor: str, recipient: str, noun: str, quantity: float) -> None:
    records = extract(Article(source="t", text=text, published=PUBLISHED))
    assert len(records) == 1, f"{text!r}: want one record, got {_show(records)}"
    (record,) = records
    got = _show(records)
    assert record.donor.name == donor, f"{text!r}: donor; got {got}"
    assert record.recipient is not None, f"{text!r}: no recipient; got {got}"
    assert record.recipient.name == recipient, f"{text!r}: recipient; got {got}"
    assert noun.casefold() in record.item.casefold(), f"{text!r}: item; got {got}"
    assert record.quantity == quantity, f"{text!r}: quantity; got {got}"
    assert record.amount is None, f"{text!r}: not money; got {got}"
    assert record.status == "committed", f"{text!r}: status; got {got}"


def test_grid_covers_every_donor_and_noun() -> None:
    assert len(DONORS) == len(NOUNS) == 30
    assert len({d for _, d in DONORS}) == 30 and len(set(NOUNS)) == 30
    assert not {d for _, d in DONORS} & set(RECIPIENTS)
    pairs = {(case.donor, case.noun) for case in GRID}
    assert len(pairs) == 900
    assert {case.recipient for case in GRID} == set(RECIPIENTS)
    for written, _ in NUMBERS:
        assert any(f" {written} " in case.text for case in GRID), written
    for verb in VERBS:
        assert any(f" will {verb} " in case.text for case in GRID), verb


@pytest.mark.parametrize(
    "case",
    [pytest.param(case, id=f"{case.donor}-{case.noun}") for case in GRID],
)
def test_grid_sentence_gives_one_record(case: GridCase) -> None:
    _check(case.text, case.donor, case.recipient, case.noun, case.quantity)


SINGULARS = [
    pytest.param(
        "Chile will deliver a water pump to Haiti.",
        "Chile",
        "Haiti",
        "water pump",
        id="a-water-pump",
    ),
    pytest.param(
        "Peru will donate a tractor to Bolivia.",
        "Peru",
        "Bolivia",
        "tractor",
        id="a-tractor",
    ),
    pytest.param(
        "Norway will send an ambulance to Moldova.",
        "Norway",
        "Moldova",
        "ambulance",
        id="an-ambulance",
    ),
    pytest.param(
        "Japan will deliver a sewing machine to Laos.",
        "Japan",
        "Laos",
        "sewing machine",
        id="a-sewing-machine",
    ),
    pytest.param(
        "The European Union will donate a mobile clinic to Chad.",
        "European Union",
        "Chad",
        "mobile clinic",
        id="a-mobile-clinic",
    ),
    pytest.param(
        "Ireland will send one refrigerated truck to Senegal.",
        "Ireland",
        "Senegal",
        "refrigerated truck",
        id="one-refrigerated-truck",
    ),
    pytest.param(
        "UNICEF will deliver a solar-powered fridge to Malawi.",
        "UNICEF",
        "Malawi",
        "fridge",
        id="a-solar-powered-fridge",
    ),
    pytest.param(
        "Britain will send a field hospital to Libya.",
        "United Kingdom",
        "Libya",
        "field hospital",
        id="a-field-hospital",
    ),
]


@pytest.mark.parametrize(("text", "donor", "recipient", "noun"), SINGULARS)
def test_singular_is_one(text: str, donor: str, recipient: str, noun: str) -> None:
    _check(text, donor, recipient, noun, 1)
