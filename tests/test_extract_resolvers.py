"""One case table per resolver (kb/extract/resolvers.py) and per structure it reads.

Each text below names its giver only outside the mention's own clause; the case says who
gives and which resolver finds them (the record's rule ends with the resolver's name).
Sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.extract.actors import find_actors
from kb.extract.document import entry_of, first_person, issuer
from kb.extract.phrases import open_items
from kb.extract.resolvers import RESOLVERS
from kb.extract.sentences import split_sentences
from kb.records import Article

PUBLISHED = date(2024, 3, 1)


def _givers(text: str) -> list[tuple[str, str]]:
    records = extract(Article(source="t", text=text, published=PUBLISHED))
    return [(r.donor.name, r.rule.split("/")[-1]) for r in records]


RESOLVED = [
    pytest.param(
        "The European Commission opened its relief mechanism for Chad. The commission "
        "has also allocated 3 million euros.",
        [("European Union", "anaphora")],
        id="typed-anaphor",
    ),
    pytest.param(
        "Norway will fund these agencies in Sudan:\nUNICEF: 4 million dollars\n"
        "WFP: 2 million dollars",
        [("Norway", "list"), ("Norway", "list")],
        id="list-lead-in",
    ),
    pytest.param(
        "Peru: A plane carrying 30 tonnes of rice landed in Quito on Monday.",
        [("Peru", "label")],
        id="roundup-label",
    ),
    pytest.param(
        "Part of a Swiss donation of 40 tents arrived in Beirut on Tuesday.",
        [("Switzerland", "gift")],
        id="gift-noun",
    ),
    pytest.param(
        "Ireland announced new help for Malawi. It will send 20 tonnes of maize.",
        [("Ireland", "anaphora")],
        id="story-donor",
    ),
    pytest.param(
        "Statement on Sudan\nNorway stands with the people of Sudan.\n"
        "We will provide 5 million dollars to Sudan.",
        [("Norway", "issuer")],
        id="issuer-first-person",
    ),
    pytest.param(
        "Austria pledged aid to Ukraine in May.\nA second note followed in June.\n"
        "Prices rose in July.\nThe talks ended in August.\n"
        "This entry records EUR 2 million of the pledge.",
        [("Austria", "recorded")],
        id="tracker-voice",
    ),
    pytest.param(
        "Finland has stepped up its support for Ukraine. 40 generators were handed over "
        "in Kyiv on Friday.",
        [("Finland", "agentless")],
        id="agentless-passive",
    ),
    pytest.param(
        "Release of 300 million CZK for humanitarian assistance.",
        [("Czech Republic", "currency")],
        id="own-currency",
    ),
    pytest.param(
        "Aid from Canada, which pledged 20 million dollars on Monday, is expected in Haiti.",
        [("Canada", "relative")],
        id="relative-antecedent",
    ),
]


@pytest.mark.parametrize(("text", "expected"), RESOLVED)
def test_each_resolver_finds_its_giver(text: str, expected: list[tuple[str, str]]) -> None:
    assert _givers(text) == expected


def test_every_resolver_has_a_case() -> None:
    covered = {rule for param in RESOLVED for _, rule in param.values[1]}
    assert {name for name, _ in RESOLVERS} <= covered


ISSUERS = [
    pytest.param(
        "US Provides New Aid to Kenya\nThe money will go to clinics.",
        "United States",
        id="title-gives",
    ),
    pytest.param(
        "Press release\n\nJune 3\n\nThe Government of Japan will extend aid to Laos.",
        "Japan",
        id="government-of-after-a-byline",
    ),
    pytest.param(
        "Aid for Afghanistan\nNeeds are growing in Afghanistan.",
        None,
        id="a-recipient-is-no-issuer",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ISSUERS)
def test_issuer(text: str, expected: str | None) -> None:
    sentences = split_sentences(text)
    found = issuer(sentences, [find_actors(s.text) for s in sentences])
    assert (found.name if found else None) == expected


ENTRIES = [
    pytest.param("UNICEF: 4.5 million", "UNICEF", 8, id="label-colon"),
    pytest.param(
        "(2) World Food Programme (WFP)   2.5 million dollars",
        "World Food Programme",
        33,
        id="numbered-spaced",
    ),
    pytest.param("- 20 water pumps", None, 2, id="bullet"),
    pytest.param("Tarpaulins | 3,000", None, 13, id="table-row"),
    pytest.param("Japan: Tokyo will send 20 tents.", None, None, id="own-verb-is-no-entry"),
    pytest.param("The ministry said so.", None, None, id="prose"),
]


@pytest.mark.parametrize(("line", "label", "body"), ENTRIES)
def test_entry_of(line: str, label: str | None, body: int | None) -> None:
    sentence = split_sentences(line)[0]
    entry = entry_of(sentence, find_actors(sentence.text))
    if body is None:
        assert entry is None
    else:
        assert entry is not None
        assert (entry.label.name if entry.label else None, entry.body) == (label, body)


@pytest.mark.parametrize(
    ("text", "speaks"),
    [
        ("We will provide tents.", True),
        ("Our drawdown is ready.", True),
        ("The US will send tents.", False),
        ("Investors met in Tokyo.", False),
    ],
)
def test_first_person(text: str, speaks: bool) -> None:
    assert first_person(text) is speaks


PHRASES = [
    pytest.param(
        "Chile will deliver 40 bicycles to Haiti.", [("bicycles", 40, None)], id="plural-after-verb"
    ),
    pytest.param(
        "Norway will donate a water pump to Haiti.",
        [("water pump", 1, None)],
        id="singular-after-verb",
    ),
    pytest.param(
        "They sent 1,000 rolls of heavy plastic.",
        [("heavy plastic", 1000, "rolls")],
        id="count-unit-of-goods",
    ),
    pytest.param(
        "They have sent hundreds of dehumidifiers.",
        [("dehumidifiers", None, None)],
        id="vague-count",
    ),
    pytest.param(
        "The shipment included 5 generators, 70 cots and 9 stoves.",
        [("generators", 5, None), ("cots", 70, None), ("stoves", 9, None)],
        id="a-list-after-include",
    ),
    pytest.param("The floods killed 40 people in two days.", [], id="people-are-no-gift"),
    pytest.param("They will send 3 Sprinter 319 vans.", [], id="model-number-is-no-count"),
    pytest.param("They will send the two trucks back.", [], id="a-definite-count"),
    pytest.param("Inflation reached 40 percent.", [], id="no-word-of-giving"),
    pytest.param("He promised an all-out effort.", [], id="an-abstract-noun"),
]


@pytest.mark.parametrize(("text", "expected"), PHRASES)
def test_open_items(text: str, expected: list[tuple[str, float | None, str | None]]) -> None:
    found = [(m.text, m.quantity, m.unit) for m in open_items(text, [])]
    assert found == expected
