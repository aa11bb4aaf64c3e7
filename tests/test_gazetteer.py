"""The gazetteer tables (kb/gazetteer/data) and the loaded Gazetteer."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from importlib import resources
from itertools import pairwise

import pycountry
import pytest

from kb.gazetteer import load
from kb.gazetteer.tables import read_table

TABLES = ("countries.tsv", "currencies.tsv", "items.tsv", "leaders.tsv", "organisations.tsv")

# The coarse classes that the commitments definition lists ...
DOCUMENTED_CATEGORIES = frozenset(
    {
        "tank",
        "artillery",
        "drone",
        "air defence",
        "ammunition",
        "vehicle",
        "aircraft",
        "medical",
        "food",
        "shelter",
        "vaccine",
        "money",
    }
)
# ... and the finer ones items.tsv uses besides; a new category must be added here, so
# that a misspelt one ("air defense") fails.
FURTHER_CATEGORIES = frozenset(
    {
        "anti-tank",
        "equipment",
        "fuel",
        "helicopter",
        "missile",
        "personnel",
        "power",
        "relief",
        "ship",
        "small arms",
        "water",
    }
)
AID_TYPES = frozenset({"military", "humanitarian", "financial"})


def _lines(name: str) -> list[str]:
    text = resources.files("kb.gazetteer").joinpath("data", name).read_text(encoding="utf-8")
    return text.splitlines()


def _ambiguous_aliases() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for name in load().names:
        names[name.text.casefold()].add(name.actor.name)
    return {alias: actors for alias, actors in names.items() if len(actors) > 1}


def test_no_alias_names_two_actors() -> None:
    assert {a: sorted(v) for a, v in _ambiguous_aliases().items()} == {}


def test_congo_is_the_democratic_republic_as_news_writes_it() -> None:
    # pycountry's short name for COG is "Congo"; our table gives it to COD, and wins.
    assert load().actor("Congo").code == "COD"  # type: ignore[union-attr]


def test_every_iso_country_resolves_by_alpha3() -> None:
    gazetteer = load()
    unresolved = [
        c.alpha_3
        for c in pycountry.countries
        if (actor := gazetteer.actor(c.alpha_3)) is None or actor.code != c.alpha_3
    ]
    assert unresolved == []


@pytest.mark.parametrize(
    ("alias", "name", "code"),
    [
        pytest.param("UK", "United Kingdom", "GBR", id="uk"),
        pytest.param("Britain", "United Kingdom", "GBR", id="britain"),
        pytest.param("British", "United Kingdom", "GBR", id="british"),
        pytest.param("London", "United Kingdom", "GBR", id="london"),
        pytest.param("Downing Street", "United Kingdom", "GBR", id="downing-street"),
        pytest.param("Berlin", "Germany", "DEU", id="berlin"),
        pytest.param("Pentagon", "United States", "USA", id="pentagon"),
        pytest.param("Washington", "United States", "USA", id="washington"),
        pytest.param("Kyiv", "Ukraine", "UKR", id="kyiv"),
        pytest.param("  britain ", "United Kingdom", "GBR", id="case-and-space-insensitive"),
        pytest.param("UK-Med", "UK-Med", None, id="uk-med-organisation"),
        pytest.param("World Bank", "World Bank", None, id="world-bank"),
    ],
)
def test_actor_alias(alias: str, name: str, code: str | None) -> None:
    actor = load().actor(alias)
    assert actor is not None
    assert (actor.name, actor.code) == (name, code)


def test_unknown_alias_is_none() -> None:
    assert load().actor("Atlantis") is None


def test_every_item_has_a_known_category_and_aid_type() -> None:
    allowed = DOCUMENTED_CATEGORIES | FURTHER_CATEGORIES
    bad = [
        (i.term, i.category, i.aid_type)
        for i in load().items
        if i.category not in allowed or i.aid_type not in AID_TYPES
    ]
    assert bad == []


def test_item_rows_are_well_formed() -> None:
    bad = [
        row
        for row in read_table("items.tsv")
        if row["term"] != row["term"].lower()
        or not row["canonical"]
        or row["designation"] not in ("yes", "no")
    ]
    assert bad == []


def test_every_currency_token_maps_to_an_iso_4217_code() -> None:
    bad = {
        token: code
        for token, code in load().currencies.items()
        if pycountry.currencies.get(alpha_3=code) is None
    }
    assert bad == {}


def test_currency_table_rows_map_to_iso_4217_codes() -> None:
    rows = list(read_table("currencies.tsv"))
    assert rows
    assert [r for r in rows if pycountry.currencies.get(alpha_3=r["code"]) is None] == []


@pytest.mark.parametrize(
    ("token", "code"),
    [("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("¥", "JPY"), ("Rs", "INR"), ("yen", "JPY")],
)
def test_currency_token(token: str, code: str) -> None:
    assert load().currencies[token] == code


@pytest.mark.parametrize("name", TABLES)
def test_table_header_names_its_source(name: str) -> None:
    lines = _lines(name)
    comments = []
    for line in lines:
        if not line.startswith("#"):
            break
        comments.append(line)
    assert comments, f"{name} has no header comment"
    assert any("source" in c.casefold() for c in comments), f"{name}: no source named"


def _dictionary_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _first_cells(name: str) -> list[str]:
    rows = [line for line in _lines(name) if line.strip() and not line.startswith("#")]
    return [line.split("\t")[0] for line in rows[1:]]  # rows[0] is the header


@pytest.mark.parametrize("name", TABLES)
def test_table_is_sorted_by_its_first_column(name: str) -> None:
    """In code-point order (LC_ALL=C sort) or dictionary order (accents and case ignored)."""
    keys = _first_cells(name)
    in_order = keys in (sorted(keys), sorted(keys, key=_dictionary_key))
    assert in_order, [(a, b) for a, b in pairwise(keys) if _dictionary_key(a) > _dictionary_key(b)]


@pytest.mark.parametrize("name", TABLES)
def test_table_first_column_is_unique(name: str) -> None:
    keys = _first_cells(name)
    assert len(keys) == len(set(keys))
