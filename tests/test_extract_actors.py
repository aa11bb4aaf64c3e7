"""Actor mentions (kb.extract.actors): names, aliases, demonyms, capitals, leaders."""

from __future__ import annotations

import pytest

from kb.extract.actors import find_actors

# (surface, canonical name, role, possessive)
Mention = tuple[str, str, str, bool]

# The names the commitments definition gives for its donors and recipients.
DEFINITION = [
    pytest.param("UK", [("UK", "United Kingdom", "alias", False)], id="uk"),
    pytest.param("Britain", [("Britain", "United Kingdom", "alias", False)], id="britain"),
    pytest.param("British", [("British", "United Kingdom", "demonym", False)], id="british"),
    pytest.param("London", [("London", "United Kingdom", "capital", False)], id="london"),
    pytest.param(
        "Downing Street", [("Downing Street", "United Kingdom", "alias", False)], id="downing-st"
    ),
    pytest.param("Berlin", [("Berlin", "Germany", "capital", False)], id="berlin"),
    pytest.param("German", [("German", "Germany", "demonym", False)], id="german"),
    pytest.param("the Pentagon", [("Pentagon", "United States", "alias", False)], id="pentagon"),
    pytest.param(
        "Washington", [("Washington", "United States", "capital", False)], id="washington"
    ),
    pytest.param("Kyiv", [("Kyiv", "Ukraine", "capital", False)], id="kyiv"),
    pytest.param("Ukrainian", [("Ukrainian", "Ukraine", "demonym", False)], id="ukrainian"),
    pytest.param("UK-Med", [("UK-Med", "UK-Med", "name", False)], id="uk-med-not-uk"),
    pytest.param(
        "the European Union", [("European Union", "European Union", "name", False)], id="eu"
    ),
    pytest.param("the World Bank", [("World Bank", "World Bank", "name", False)], id="bank"),
]

DEVELOPMENT = [
    pytest.param(
        "Britain's tanks", [("Britain", "United Kingdom", "alias", True)], id="possessive"
    ),
    pytest.param(
        "Washington’s aid", [("Washington", "United States", "capital", True)], id="curly-apos"
    ),
    pytest.param("the U.K.", [("U.K.", "United Kingdom", "alias", False)], id="dotted-initials"),
    pytest.param("Sunak said", [("Sunak", "United Kingdom", "leader", False)], id="leader"),
    pytest.param("Türkiye", [("Türkiye", "Turkey", "alias", False)], id="turkiye"),
    pytest.param("Czechia", [("Czechia", "Czech Republic", "alias", False)], id="czechia"),
    pytest.param("Dutch", [("Dutch", "Netherlands", "demonym", False)], id="dutch"),
    pytest.param("WFP", [("WFP", "World Food Programme", "alias", False)], id="un-agency"),
    pytest.param("Seoul", [("Seoul", "South Korea", "capital", False)], id="seoul"),
    pytest.param(
        "Austria, Belgium and France",
        [
            ("Austria", "Austria", "name", False),
            ("Belgium", "Belgium", "name", False),
            ("France", "France", "name", False),
        ],
        id="a-list-left-to-right",
    ),
    pytest.param(
        "New Zealand", [("New Zealand", "New Zealand", "name", False)], id="longest-name-wins"
    ),
]

NOT_ACTORS = [
    pytest.param("German-built tanks", [], id="maker-not-donor"),
    pytest.param("a UK-based firm", [], id="hyphenated-continuation"),
    pytest.param("Korea", [], id="ambiguous-korea"),
    pytest.param("in May and March", [], id="months"),
    pytest.param("GBR", [], id="iso-codes-are-for-queries"),
]


@pytest.mark.parametrize(("text", "expected"), DEFINITION + DEVELOPMENT + NOT_ACTORS)
def test_find_actors(text: str, expected: list[Mention]) -> None:
    found = [(text[m.start : m.end], m.actor.name, m.role, m.possessive) for m in find_actors(text)]
    assert found == expected


def test_country_actors_carry_their_iso_code() -> None:
    (mention,) = find_actors("Berlin")
    assert mention.actor.code == "DEU"


def test_organisations_have_no_iso_code() -> None:
    (mention,) = find_actors("the World Bank")
    assert mention.actor.code is None
