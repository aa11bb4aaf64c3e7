"""Canonical actors and items: their keys, and `kb actors` / `kb items` from the database or
the gazetteer."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from kb.cli import app
from kb.records import Actor
from kb.storage.aliases import ensure_actor, find_actor
from kb.storage.keys import actor_key, key_for, thing_of


@pytest.mark.parametrize(
    ("actor", "key"),
    [
        (Actor("United Kingdom", "country", "GBR"), "GBR"),
        (Actor("UK-Med", "ngo"), "UKMED"),  # organisations.tsv's id
        (Actor("Asian Development Bank", "bank"), "ADB"),
        (Actor("Some Relief Fund", "ngo"), "SOME_RELIEF_FUND"),  # no table knows it
        (Actor("UK-Med", "ngo", None, (), "MEDUK"), "MEDUK"),  # the gazetteer's own key first
    ],
)
def test_actor_key(actor: Actor, key: str) -> None:
    assert actor_key(actor) == key


def test_key_for_a_code_is_the_code() -> None:
    assert key_for("Türkiye", "tur") == "TUR"


@pytest.mark.parametrize(
    ("canonical", "item", "amount", "thing"),
    [
        ("Challenger 2", "Challenger 2 main battle tanks", None, "challenger 2"),
        ("money", "funding", 3e5, "money"),
        (None, "  Medical   Supplies ", None, "medical supplies"),
        ("bandages", "bandages", 5.0, "money"),  # a sum is money whatever it buys
    ],
)
def test_thing_of(canonical: str | None, item: str, amount: float | None, thing: str) -> None:
    assert thing_of(canonical, item, amount) == thing


def test_one_key_is_one_actor_whatever_its_name(memory_engine: Engine) -> None:
    with Session(memory_engine) as session, session.begin():
        first = ensure_actor(session, Actor("Turkey", "country", "TUR", ("Ankara",)))
        again = ensure_actor(session, Actor("Türkiye", "country", "TUR", ("Turkiye",)))
    assert first == again
    with Session(memory_engine) as session:
        assert find_actor(session, "Türkiye").id == first  # type: ignore[union-attr]
        assert find_actor(session, "tur").id == first  # type: ignore[union-attr]


def test_an_organisation_is_found_by_its_key(memory_engine: Engine) -> None:
    with Session(memory_engine) as session, session.begin():
        uk_med = ensure_actor(session, Actor("UK-Med", "ngo"))
    with Session(memory_engine) as session:
        assert find_actor(session, "ukmed").id == uk_med  # type: ignore[union-attr]


def test_kb_actors_lists_the_database(runner: CliRunner, stored: Engine, db_url: str) -> None:
    result = runner.invoke(app, ["--db", db_url, "actors", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["key"]: row for row in json.loads(result.stdout)}
    assert set(rows) == {"GBR", "UKR", "POL", "UKMED"}
    assert (rows["GBR"]["name"], rows["GBR"]["as_donor"], rows["GBR"]["as_recipient"]) == (
        "United Kingdom", 4, 0
    )  # fmt: skip
    assert (rows["UKMED"]["kind"], rows["UKMED"]["code"], rows["UKMED"]["as_recipient"]) == (
        "ngo", None, 2
    )  # fmt: skip
    table = runner.invoke(app, ["--db", db_url, "actors"])
    assert "United Kingdom" in table.stdout and table.stderr == "4 listed\n"


def test_kb_items_lists_the_database(runner: CliRunner, stored: Engine, db_url: str) -> None:
    result = runner.invoke(app, ["--db", db_url, "items", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[:2] == [
        {"name": "AS90", "category": "artillery", "aid_type": "military", "commitments": 1},
        {"name": "Challenger 2", "category": "tank", "aid_type": "military", "commitments": 1},
    ]
    names = {row["name"] for row in json.loads(result.stdout)}
    assert names == {"AS90", "Challenger 2", "Leopard 2", "bandages", "money"}


def test_kb_actors_and_items_from_the_gazetteer(runner: CliRunner) -> None:
    actors = json.loads(runner.invoke(app, ["actors", "--gazetteer", "--json"]).stdout)
    keys = {row["key"]: row for row in actors}
    assert len(actors) > 250  # every ISO country and the organisations
    assert keys["GBR"]["name"] == "United Kingdom" and keys["GBR"]["names"] > 3
    assert keys["UKMED"]["kind"] == "ngo"
    assert len(keys) == len(actors)  # one key, one actor
    items = json.loads(runner.invoke(app, ["items", "--gazetteer", "--json"]).stdout)
    found = {row["name"]: row for row in items}
    assert found["Challenger 2"] == {
        "name": "Challenger 2", "category": "tank", "aid_type": "military",
        "terms": found["Challenger 2"]["terms"],
    }  # fmt: skip
    assert {row["aid_type"] for row in items} == {"military", "humanitarian", "financial"}
