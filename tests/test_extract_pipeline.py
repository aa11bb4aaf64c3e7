"""Sentences in, records out (kb.extract.extract): one case table per rule family.

Each row is (donor, recipient, item substring, quantity, unit, amount, currency, status);
see extract_helpers.assert_rows. Sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import Row, assert_rows, extract_text

UK, UKR = "United Kingdom", "Ukraine"


def gap(reason: str) -> pytest.MarkDecorator:
    """A known failure of the rules: strict, so that fixing it makes the case move."""
    return pytest.mark.xfail(strict=True, reason=reason)


COUNTS = [
    pytest.param(
        "Britain will send 14 Challenger 2 tanks to Ukraine.",
        [(UK, UKR, "Challenger 2", 14, None, None, None, "committed")],
        id="digits",
    ),
    pytest.param(
        "Germany will send two Patriot batteries to Ukraine.",
        [("Germany", UKR, "Patriot", 2, None, None, None, "committed")],
        id="word-two",
    ),
    pytest.param(
        "Canada will send a dozen armoured vehicles to Ukraine.",
        [("Canada", UKR, "armoured vehicles", 12, None, None, None, "committed")],
        id="a-dozen",
    ),
    pytest.param(
        "Norway will donate a field hospital to Turkey.",
        [("Norway", "Turkey", "field hospital", 1, None, None, None, "committed")],
        id="singular-is-one",
    ),
    pytest.param(
        "Finland will send more Leopard 2 tanks to Ukraine.",
        [("Finland", UKR, "Leopard 2", None, None, None, None, "committed")],
        id="more-is-no-number",
    ),
    pytest.param(
        "Spain will send a company of Leopard 2 tanks to Ukraine.",
        [("Spain", UKR, "Leopard 2", None, None, None, None, "committed")],
        id="a-company-is-no-number",
    ),
]

UNITS_AND_LISTS = [
    pytest.param(
        "The UK will send 70 pallets of bandages to Ukraine.",
        [(UK, UKR, "bandages", 70, "pallets", None, None, "committed")],
        id="pallets",
    ),
    pytest.param(
        "Norway will donate 20,000 tonnes of wheat to Sudan.",
        [("Norway", "Sudan", "wheat", 20_000, "tonnes", None, None, "committed")],
        id="tonnes",
    ),
    pytest.param(
        "Sweden will send 40 pallets of blankets, tents and stoves to Turkey.",
        [("Sweden", "Turkey", "tents and stoves", 40, "pallets", None, None, "committed")],
        id="a-list-shares-one-count",
    ),
    pytest.param(
        "Japan will send 3,000 blankets and 500 tents to Turkey.",
        [
            ("Japan", "Turkey", "blankets", 3_000, None, None, None, "committed"),
            ("Japan", "Turkey", "tents", 500, None, None, None, "committed"),
        ],
        id="a-list-of-counted-items",
    ),
    pytest.param(
        "France pledged 12 Caesar howitzers and 6 Crotale launchers to Ukraine.",
        [
            ("France", UKR, "Caesar", 12, None, None, None, "committed"),
            ("France", UKR, "Crotale", 6, None, None, None, "committed"),
        ],
        id="two-designations",
    ),
    pytest.param(
        "The Netherlands will send 10 lakh doses of vaccine to Indonesia.",
        [("Netherlands", "Indonesia", "vaccine", 1_000_000, "doses", None, None, "committed")],
        id="lakh-doses",
    ),
]

MONEY = [
    pytest.param(
        "The UK has given £300,000 ($366,000) to UK-Med.",
        [(UK, "UK-Med", "funding", None, None, 300_000, "GBP", "delivered")],
        id="two-currencies-one-record",
    ),
    pytest.param(
        "The United States announced a $2.5bn package for Ukraine.",
        [("United States", UKR, "package", None, None, 2.5e9, "USD", "committed")],
        id="dollar-bn",
    ),
    pytest.param(
        "The European Union approved €1.5 billion in aid for Ukraine.",
        [("European Union", UKR, "aid", None, None, 1.5e9, "EUR", "committed")],
        id="euro-billion",
    ),
    pytest.param(
        "Japan pledged ¥50bn in loans to Indonesia.",
        [("Japan", "Indonesia", "loan", None, None, 5e10, "JPY", "committed")],
        id="yen-bn",
    ),
    pytest.param(
        "India announced Rs 10 crore in relief for Nepal.",
        [("India", "Nepal", "relief", None, None, 1e8, "INR", "committed")],
        id="rupees-crore",
    ),
    pytest.param(
        "The World Bank approved a $1.5bn loan for Pakistan.",
        [("World Bank", "Pakistan", "loan", None, None, 1.5e9, "USD", "committed")],
        id="bank-loan",
    ),
    pytest.param(
        "The US announced a $2.5bn package for Ukraine, including 59 Bradley vehicles.",
        [
            ("United States", UKR, "package", None, None, 2.5e9, "USD", "committed"),
            ("United States", UKR, "Bradley", 59, None, None, None, "committed"),
        ],
        id="money-and-goods-are-two-records",
    ),
]

STATUSES = [
    pytest.param(
        "Norway pledged eight Leopard 2 tanks to Ukraine.",
        [("Norway", UKR, "Leopard 2", 8, None, None, None, "committed")],
        id="pledged",
    ),
    pytest.param(
        "Spain is ready to send six Leopard 2 tanks to Ukraine.",
        [("Spain", UKR, "Leopard 2", 6, None, None, None, "offered")],
        id="ready-to",
    ),
    pytest.param(
        "Portugal offered to send three Leopard 2 tanks to Ukraine.",
        [("Portugal", UKR, "Leopard 2", 3, None, None, None, "offered")],
        id="offered-to",
    ),
    pytest.param(
        "Denmark is willing to give 100 Leopard 1 tanks to Ukraine.",
        [("Denmark", UKR, "Leopard 1", 100, None, None, None, "offered")],
        id="willing-to",
    ),
    pytest.param(
        "Greece could send 20 BMP-1 vehicles to Ukraine.",
        [("Greece", UKR, "BMP-1", 20, None, None, None, "considering")],
        id="could-send",
    ),
    pytest.param(
        "The Netherlands is considering sending 18 Leopard 2 tanks to Ukraine.",
        [("Netherlands", UKR, "Leopard 2", 18, None, None, None, "considering")],
        id="is-considering",
    ),
    pytest.param(
        "Australia is in talks to send 30 Bushmaster vehicles to Ukraine.",
        [("Australia", UKR, "Bushmaster", 30, None, None, None, "considering")],
        id="in-talks",
    ),
    pytest.param(
        "Turkey sold 20 Bayraktar TB2 drones to Ukraine.",
        [("Turkey", UKR, "Bayraktar", 20, None, None, None, "sold")],
        id="sold",
    ),
    pytest.param(
        "The US will sell 40 F-16 jets to Turkey.",
        [("United States", "Turkey", "F-16", 40, None, None, None, "sold")],
        id="will-sell",
    ),
    pytest.param(
        "Switzerland paused the delivery of 96 Leopard 1 tanks to Ukraine.",
        [("Switzerland", UKR, "Leopard 1", 96, None, None, None, "cancelled")],
        id="paused",
    ),
    pytest.param(
        "Italy withdrew its offer of 10 howitzers to Ukraine.",
        [("Italy", UKR, "howitzers", 10, None, None, None, "cancelled")],
        id="withdrew",
    ),
    pytest.param(
        "Canada has sent four Leopard 2 tanks to Ukraine.",
        [("Canada", UKR, "Leopard 2", 4, None, None, None, "delivered")],
        id="has-sent",
    ),
    pytest.param(
        "Eight Leopard 2 tanks from Canada arrived in Ukraine.",
        [("Canada", UKR, "Leopard 2", 8, None, None, None, "delivered")],
        id="arrived",
    ),
    pytest.param(
        "Estonia has offered 12 howitzers to Ukraine, but Latvia will only send 5 mortars.",
        [
            ("Estonia", UKR, "howitzers", 12, None, None, None, "offered"),
            ("Latvia", UKR, "mortars", 5, None, None, None, "committed"),
        ],
        id="status-per-clause",
    ),
]

DONORS = [
    pytest.param(
        "Berlin will send 40 Marder infantry fighting vehicles to Ukraine.",
        [("Germany", UKR, "Marder", 40, None, None, None, "committed")],
        id="capital",
    ),
    pytest.param(
        "Washington approved 31 Abrams tanks for Ukraine.",
        [("United States", UKR, "Abrams", 31, None, None, None, "committed")],
        id="capital-washington",
    ),
    pytest.param(
        "The Pentagon said it would send 59 Bradley vehicles to Ukraine.",
        [("United States", UKR, "Bradley", 59, None, None, None, "committed")],
        id="pentagon",
    ),
    pytest.param(
        "The German government will send 40 Marder vehicles to Ukraine.",
        [("Germany", UKR, "Marder", 40, None, None, None, "committed")],
        id="demonym-government",
    ),
    pytest.param(
        "Sunak said Britain would send 14 Challenger 2 tanks to Ukraine.",
        [(UK, UKR, "Challenger 2", 14, None, None, None, "committed")],
        id="subject-after-speaker",
    ),
    pytest.param(
        "Japan announced new help for Turkey on Monday. "
        "The country sent 500 tents to the quake zone on Friday.",
        [("Japan", "Turkey", "tents", 500, None, None, None, "delivered")],
        id="the-country-next-sentence",
    ),
    pytest.param(
        "Canada pledged more support for Ukraine. It will also send 200 armoured vehicles.",
        [("Canada", UKR, "armoured vehicles", 200, None, None, None, "committed")],
        id="it-next-sentence",
    ),
    pytest.param(
        "Ukraine received 14 Leopard 2 tanks from Germany.",
        [("Germany", UKR, "Leopard 2", 14, None, None, None, "delivered")],
        id="from-x",
    ),
    pytest.param(
        "A shipment of 300 tonnes of flour from Egypt reached Gaza.",
        [("Egypt", "Palestine", "flour", 300, "tonnes", None, None, "delivered")],
        id="from-x-before-verb",
    ),
    pytest.param(
        "The 20 ambulances were donated by Norway to Ukraine.",
        [("Norway", UKR, "ambulances", 20, None, None, None, "delivered")],
        id="donated-by-x",
    ),
    pytest.param(
        "Poland's 60 PT-91 tanks will be sent to Ukraine.",
        [("Poland", UKR, "PT-91", 60, None, None, None, "committed")],
        id="possessive",
    ),
    pytest.param(
        "Ukraine will get 14 Leopard 2 tanks from Germany.",
        [("Germany", UKR, "Leopard 2", 14, None, None, None, "committed")],
        id="will-get-from-x",
    ),
    pytest.param(
        "Canada is one of the biggest donors to Ukraine. It will send 200 armoured vehicles.",
        [("Canada", UKR, "armoured vehicles", 200, None, None, None, "committed")],
        id="it-after-a-sentence-without-giving-verb",
        marks=gap("'it' refers back only to a donor named with a verb of giving"),
    ),
]

COORDINATION = [
    pytest.param(
        "Austria, Belgium and France have offered 500 tents to Turkey.",
        [
            ("Austria", "Turkey", "tents", 500, None, None, None, "offered"),
            ("Belgium", "Turkey", "tents", 500, None, None, None, "offered"),
            ("France", "Turkey", "tents", 500, None, None, None, "offered"),
        ],
        id="three-donors",
    ),
    pytest.param(
        "The Netherlands and Denmark will send F-16 jets to Ukraine.",
        [
            ("Netherlands", UKR, "F-16", None, None, None, None, "committed"),
            ("Denmark", UKR, "F-16", None, None, None, None, "committed"),
        ],
        id="two-donors-no-count",
    ),
    pytest.param(
        "Sweden and Finland will send 10 and 20 howitzers respectively to Ukraine.",
        [
            ("Sweden", UKR, "howitzers", 10, None, None, None, "committed"),
            ("Finland", UKR, "howitzers", 20, None, None, None, "committed"),
        ],
        id="respectively-counts",
    ),
    pytest.param(
        "Denmark and Norway pledged $10m and $20m respectively to Turkey.",
        [
            ("Denmark", "Turkey", "funding", None, None, 1e7, "USD", "committed"),
            ("Norway", "Turkey", "funding", None, None, 2e7, "USD", "committed"),
        ],
        id="respectively-money",
    ),
    pytest.param(
        "India sent 1.5 lakh doses each to Bhutan and the Maldives.",
        [
            ("India", "Bhutan", "doses", 150_000, "doses", None, None, "delivered"),
            ("India", "Maldives", "doses", 150_000, "doses", None, None, "delivered"),
        ],
        id="each",
    ),
    pytest.param(
        "Italy is sending 20 ambulances to Ukraine, and Greece is considering sending 10 more.",
        [
            ("Italy", UKR, "ambulances", 20, None, None, None, "committed"),
            ("Greece", UKR, "ambulances", 10, None, None, None, "considering"),
        ],
        id="elided-item",
        marks=gap("a count without its noun ('10 more') does not take the item before it"),
    ),
]

RECIPIENTS = [
    pytest.param(
        "Japan will provide 500 tents to Turkey.",
        [("Japan", "Turkey", "tents", 500, None, None, None, "committed")],
        id="to-x",
    ),
    pytest.param(
        "France will send 12 Caesar howitzers to the Ukrainian army.",
        [("France", UKR, "Caesar", 12, None, None, None, "committed")],
        id="to-the-demonym-army",
    ),
    pytest.param(
        "The UK has sent 10,000 anti-tank weapons to Kyiv.",
        [(UK, UKR, "anti-tank", 10_000, None, None, None, "delivered")],
        id="to-capital",
    ),
    pytest.param(
        "Qatar will send 50 tonnes of flour to Gaza.",
        [("Qatar", "Palestine", "flour", 50, "tonnes", None, None, "committed")],
        id="to-gaza",
    ),
    pytest.param(
        "Britain would send 14 tanks if parliament approves.",
        [(UK, None, "tanks", 14, None, None, None, "offered")],
        id="no-recipient",
    ),
    pytest.param(
        "France will supply 12 Caesar howitzers to Ukraine.",
        [("France", UKR, "Caesar", 12, None, None, None, "committed")],
        id="verb-supply",
    ),
]

NOT_COMMITMENTS = [
    pytest.param("Ukraine wants 300 tanks.", [], id="wants"),
    pytest.param("Ukraine needs 500 howitzers.", [], id="needs"),
    pytest.param("Kyiv has asked for 100 F-16 jets.", [], id="asked-for"),
    pytest.param("The UN appealed for $1bn for Pakistan.", [], id="appeal"),
    pytest.param("Britain will not send 14 tanks to Ukraine.", [], id="will-not-send"),
    pytest.param("Germany refused to send 50 Taurus missiles to Ukraine.", [], id="refused"),
    pytest.param(
        "Officials hope the decision will unlock 200 more tanks from other allies.",
        [],
        id="hope-about-others",
    ),
    pytest.param("Russia lost 14 tanks near Bakhmut.", [], id="lost-in-battle"),
    pytest.param(
        "Western allies have sent a total of 300 tanks to Ukraine.", [], id="total-without-donor"
    ),
    pytest.param("Tanks that Britain sent to Ukraine - in pictures", [], id="gallery-title"),
    pytest.param(
        "Expand Autoplay Turkey sold 20 Bayraktar TB2 drones to Ukraine.",
        [],
        id="gallery-caption",
    ),
    pytest.param("Photo: Germany sent 14 Leopard 2 tanks to Ukraine.", [], id="photo-caption"),
    pytest.param("", [], id="empty-text"),
    pytest.param(
        "Ukrainian forces destroyed 20 Russian tanks with Javelin missiles supplied by the US.",
        [("United States", UKR, "Javelin", None, None, None, None, "delivered")],
        id="destroyed-in-battle",
    ),
    pytest.param(
        "Spain will send 20 ambulances to Ukraine, an official told Reuters.",
        [("Spain", UKR, "ambulances", 20, None, None, None, "committed")],
        id="told-reuters",
    ),
]

MERGING = [
    pytest.param(
        "Britain will send 14 Challenger 2 tanks to Ukraine. "
        "The Challenger 2 tanks will arrive in March.",
        [(UK, UKR, "Challenger 2", 14, None, None, None, "committed")],
        id="mentioned-twice-one-record",
    ),
    pytest.param(
        "Germany will send tanks to Ukraine. Berlin confirmed it will send 14 Leopard 2 tanks.",
        [("Germany", UKR, "Leopard 2", 14, None, None, None, "committed")],
        id="generic-folds-into-designation",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    COUNTS
    + UNITS_AND_LISTS
    + MONEY
    + STATUSES
    + DONORS
    + COORDINATION
    + RECIPIENTS
    + NOT_COMMITMENTS
    + MERGING,
)
def test_extract(text: str, expected: list[Row]) -> None:
    assert_rows(extract_text(text), expected)


# (item substring, quantity, qualifier)
QUALIFIERS = [
    pytest.param("Britain will send 14 tanks to Ukraine.", [("tanks", 14, "exact")], id="exact"),
    pytest.param(
        "Norway will send around 20 howitzers to Ukraine.",
        [("howitzers", 20, "about")],
        id="around",
    ),
    pytest.param(
        "Sweden will send nearly 50 ambulances to Ukraine.",
        [("ambulances", 50, "about")],
        id="nearly",
    ),
    pytest.param(
        "Denmark will donate over 100 generators to Ukraine.",
        [("generators", 100, "over")],
        id="over",
    ),
    pytest.param(
        "Chile will send more than 30,000 surgical gowns to Turkey.",
        [("gowns", 30_000, "over")],
        id="more-than",
    ),
    pytest.param(
        "Japan will provide up to 500 tents to Turkey.", [("tents", 500, "up_to")], id="up-to"
    ),
    pytest.param(
        "Spain will send a company of Leopard 2 tanks to Ukraine.",
        [("Leopard 2", None, None)],
        id="no-count-no-qualifier",
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUALIFIERS)
def test_qualifier(text: str, expected: list[tuple[str, float | None, str | None]]) -> None:
    found = [(r.item, r.quantity, r.qualifier) for r in extract_text(text)]
    assert len(found) == len(expected)
    for (item, quantity, qualifier), (want_item, want_quantity, want_qualifier) in zip(
        found, expected, strict=True
    ):
        assert want_item in item
        assert (quantity, qualifier) == (want_quantity, want_qualifier)


# Announced dates, resolved against the article of Tuesday 2023-01-17.
ANNOUNCED = [
    pytest.param(
        "At the weekend, Britain said it would send 14 Challenger 2 tanks to Ukraine.",
        date(2023, 1, 14),
        id="at-the-weekend",
    ),
    pytest.param(
        "Germany said on Friday it would send 14 Leopard 2 tanks to Ukraine.",
        date(2023, 1, 13),
        id="on-friday",
    ),
    pytest.param(
        "Last month the EU approved €1.5 billion for Ukraine.",
        date(2022, 12, 1),
        id="last-month",
    ),
    pytest.param(
        "India sent 10 lakh doses of Covishield to Bangladesh yesterday.",
        date(2023, 1, 16),
        id="yesterday",
    ),
    pytest.param("Britain will send 14 tanks to Ukraine.", None, id="no-date-words"),
]


@pytest.mark.parametrize(("text", "announced"), ANNOUNCED)
def test_announced(text: str, announced: date | None) -> None:
    (record,) = extract_text(text)
    assert record.announced == announced


def test_no_article_date_no_announced_date() -> None:
    (record,) = extract_text("Yesterday Britain sent 14 tanks to Ukraine.", published=None)
    assert record.announced is None


def test_records_carry_their_sentence() -> None:
    text = "Officials met in Oslo. Norway will donate 20 ambulances to Ukraine. More may follow."
    (record,) = extract_text(text)
    assert record.evidence == "Norway will donate 20 ambulances to Ukraine."
    assert text[record.span[0] : record.span[1]] == record.evidence


def test_country_donor_carries_iso_code() -> None:
    (record,) = extract_text("Berlin will send 40 Marder vehicles to Ukraine.")
    assert (record.donor.code, record.recipient and record.recipient.code) == ("DEU", "UKR")
    assert record.category == "vehicle"
