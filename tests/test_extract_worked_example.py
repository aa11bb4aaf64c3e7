"""The worked example of the commitments definition, row by row.

ARTICLE retells the facts of the definition's seed article in words written for this
test; seeds/01_uk_tanks.txt is the project's own version of it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from extract_helpers import extract_text, split_header

from kb.records import Mention

ARTICLE = """\
Britain has become the first Western country to commit modern battle tanks to Ukraine.

By Sam Okafor

Over the weekend Prime Minister Rishi Sunak confirmed that the UK would send 14 \
Challenger 2 main battle tanks to Kyiv. Roughly 30 AS90 self-propelled guns will be sent \
to Ukraine as well, Downing Street added.

Poland has said it is ready to hand over a company of Leopard 2 tanks to Ukraine, though \
Germany must first agree to the transfer.

Drones over the Donbas - in pictures

Expand Autoplay Turkey sold Bayraktar TB2 drones to Ukraine before the war began.

Britain is sending civilian help too. Over 70 pallets of bandages, crutches and \
wheelchairs are being given to UK-Med, a medical charity working in Ukraine, along with \
tents, about 80 beds and more than 30,000 surgical gowns.

London has already provided £300,000 ($366,000) in funding to UK-Med.

Read more: the defence budget after the tank decision
"""
PUBLISHED = date(2023, 1, 17)

UK, UKR = "United Kingdom", "Ukraine"
# (donor, recipient, item substring, category, quantity, qualifier, unit, amount, currency,
#  status): the definition's table, less the optional caption row for Turkey.
Expected = tuple[
    str, str, str, str, float | None, str | None, str | None, float | None, str | None, str
]
ROWS: list[Expected] = [
    (UK, UKR, "Challenger 2", "tank", 14, "exact", None, None, None, "committed"),
    (UK, UKR, "AS90", "artillery", 30, "about", None, None, None, "committed"),
    ("Poland", UKR, "Leopard 2", "tank", None, None, None, None, None, "offered"),
    (UK, "UK-Med", "bandages", "medical", 70, "over", "pallets", None, None, "committed"),
    (UK, "UK-Med", "tents", "shelter", None, None, None, None, None, "committed"),
    (UK, "UK-Med", "beds", "shelter", 80, "about", None, None, None, "committed"),
    (UK, "UK-Med", "gowns", "medical", 30_000, "over", None, None, None, "committed"),
    (UK, "UK-Med", "funding", "money", None, None, None, 300_000, "GBP", "delivered"),
]
IDS = ["challenger", "as90", "leopard", "pallets", "tents", "beds", "gowns", "funding"]


def _fields(record: Mention) -> Expected:
    return (
        record.donor.name,
        record.recipient.name if record.recipient else "",
        record.item,
        record.category or "",
        record.quantity,
        record.qualifier,
        record.unit,
        record.amount,
        record.currency,
        record.status,
    )


def _matches(expected: Expected, record: Mention) -> bool:
    got = _fields(record)
    return expected[2].casefold() in got[2].casefold() and (
        expected[:2] + expected[3:] == got[:2] + got[3:]
    )


@pytest.fixture(scope="module")
def records() -> list[Mention]:
    return extract_text(ARTICLE, PUBLISHED)


@pytest.mark.parametrize(
    "expected", [pytest.param(r, id=i) for r, i in zip(ROWS, IDS, strict=True)]
)
def test_row(records: list[Mention], expected: Expected) -> None:
    assert [r for r in records if _matches(expected, r)], [_fields(r) for r in records]


def test_no_other_rows(records: list[Mention]) -> None:
    extra = [_fields(r) for r in records if not any(_matches(e, r) for e in ROWS)]
    assert extra == []
    assert len(records) == len(ROWS)


def test_tanks_were_announced_at_the_weekend(records: list[Mention]) -> None:
    (tanks,) = [r for r in records if "Challenger" in r.item]
    assert tanks.announced == date(2023, 1, 14)


def test_every_row_carries_its_sentence(records: list[Mention]) -> None:
    for record in records:
        assert ARTICLE[record.span[0] : record.span[1]] == record.evidence


# The project's own version of the seed article, with its date header.
SEED = Path(__file__).parent.parent / "seeds" / "01_uk_tanks.txt"
# Known gaps of the seed's rows, as strict xfails; "given it £300,000" once went to Ukraine
# rather than the charity, until the story's donor kept its last recipient.
SEED_GAPS: dict[str, pytest.MarkDecorator] = {}


@pytest.fixture(scope="module")
def seed_records() -> list[Mention]:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent")
    text, published = split_header(SEED.read_text(encoding="utf-8"))
    assert published == PUBLISHED
    return extract_text(text, published)


@pytest.mark.parametrize(
    "expected",
    [
        pytest.param(r, id=i, marks=[SEED_GAPS[i]] if i in SEED_GAPS else [])
        for r, i in zip(ROWS, IDS, strict=True)
    ],
)
def test_seed_row(seed_records: list[Mention], expected: Expected) -> None:
    assert [r for r in seed_records if _matches(expected, r)], [_fields(r) for r in seed_records]


def test_seed_has_one_row_per_commitment(seed_records: list[Mention]) -> None:
    assert len(seed_records) == len(ROWS)
