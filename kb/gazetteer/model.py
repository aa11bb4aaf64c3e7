"""The loaded gazetteer: actors by alias, item terms and currency tokens."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from kb.gazetteer.tables import read_table, split_list
from kb.records import Actor


@dataclass(frozen=True)
class ItemTerm:
    """A phrase that names something given, with its canonical name and classes."""

    term: str
    canonical: str
    category: str
    aid_type: str
    designation: bool  # a named model, brand or calibre rather than a class of thing


@dataclass(frozen=True)
class ActorName:
    """One surface form of an actor; `role` says how it names the actor."""

    text: str
    actor: Actor
    role: str  # name, alias, demonym, capital, code, leader


# Currencies of more than one state, or everyone's unit of account.
_SHARED_CURRENCIES = frozenset({"EUR", "USD"})


class Gazetteer:
    """Everything the rules look up, loaded once from the data tables."""

    def __init__(
        self,
        actors: list[tuple[Actor, list[ActorName]]],
        items: list[ItemTerm],
        currencies: dict[str, str],
    ) -> None:
        self.actors = tuple(actor for actor, _ in actors)
        self.names: tuple[ActorName, ...] = tuple(n for _, names in actors for n in names)
        self._by_alias: dict[str, Actor] = {}
        for name in self.names:
            self._by_alias.setdefault(name.text.casefold(), name.actor)
        self.items = tuple(items)
        self.currencies = currencies

    def issuer_of(self, currency: str) -> Actor | None:
        """The country whose own currency this is: by ISO 4217, a national code begins
        with its country's ISO 3166 alpha-2 code (CAD: Canada, DKK: Denmark). None for
        currencies of no single state (EUR, the X codes) and for the US dollar, which
        news uses as everyone's unit of account."""
        if len(currency) != 3 or currency in _SHARED_CURRENCIES or currency.startswith("X"):
            return None
        country = pycountry.countries.get(alpha_2=currency[:2])
        return self.actor(country.alpha_3) if country is not None else None

    def actor(self, alias: str) -> Actor | None:
        """The actor that a name, alias, demonym, capital or ISO code stands for."""
        return self._by_alias.get(alias.strip().casefold())


def _news_name(country: Any, row: dict[str, str]) -> str:
    """A country's canonical name: the table's where news writes it otherwise ("Turkey"),
    else pycountry's common name or name."""
    return row.get("name") or getattr(country, "common_name", None) or country.name


def _country_actors() -> list[tuple[Actor, list[ActorName]]]:
    # countries.tsv holds only what pycountry lacks or names otherwise than news does.
    extra = {row["code"]: row for row in read_table("countries.tsv")}
    # A country's own names (its canonical name and the table's aliases); an ISO name of
    # another country that one of them claims ("Congo" for COG) yields.
    claimed = {
        name.casefold(): country.alpha_3
        for country in pycountry.countries
        for name in [
            _news_name(country, extra.get(country.alpha_3, {})),
            *split_list(extra.get(country.alpha_3, {}).get("aliases", "")),
        ]
    }
    for code, row in extra.items():
        if pycountry.countries.get(alpha_3=code) is None:
            claimed.update({n.casefold(): code for n in [row["name"], *split_list(row["aliases"])]})
    result = []
    for country in pycountry.countries:
        code = country.alpha_3
        row = extra.get(code, {})
        iso_names = [
            getattr(country, attr, None) for attr in ("name", "common_name", "official_name")
        ]
        name = _news_name(country, row)
        forms: list[tuple[str, str]] = [(name, "name")]
        forms += [(n, "alias") for n in iso_names if n and claimed.get(n.casefold(), code) == code]
        forms += [(n, "alias") for n in split_list(row.get("aliases", ""))]
        forms += [(n, "demonym") for n in split_list(row.get("demonyms", ""))]
        forms += [(n, "capital") for n in split_list(row.get("capitals", ""))]
        forms.append((code, "code"))
        result.append(_actor(name, "country", code, forms))
    known = {a.code for a, _ in result}
    for code, row in extra.items():  # places news names that ISO does not list (Kosovo)
        if code not in known:
            forms = [(row["name"], "name"), (code, "code")]
            forms += [(n, "alias") for n in split_list(row["aliases"])]
            forms += [(n, "demonym") for n in split_list(row["demonyms"])]
            forms += [(n, "capital") for n in split_list(row["capitals"])]
            result.append(_actor(row["name"], "country", code, forms))
    return result


def _actor(
    name: str, kind: str, code: str | None, forms: list[tuple[str, str]], key: str | None = None
) -> tuple[Actor, list[ActorName]]:
    seen: dict[str, tuple[str, str]] = {}
    for text, role in forms:
        seen.setdefault(text, (text, role))
    aliases = tuple(t for t in seen if t != name)
    # The stable identifier: ISO alpha-3 for a country, the table's id for an organisation.
    actor = Actor(name=name, kind=kind, code=code, aliases=aliases, key=key or code)
    return actor, [ActorName(text, actor, role) for text, role in seen.values()]


def _organisation_actors() -> list[tuple[Actor, list[ActorName]]]:
    result = []
    for row in read_table("organisations.tsv"):
        forms = [(row["name"], "name")] + [(n, "alias") for n in split_list(row["aliases"])]
        result.append(_actor(row["name"], row["kind"], None, forms, key=row["id"]))
    return result


def _currencies() -> dict[str, str]:
    tokens = {row["token"]: row["code"] for row in read_table("currencies.tsv")}
    for currency in pycountry.currencies:
        tokens.setdefault(currency.alpha_3, currency.alpha_3)
    return tokens


def _with_leaders(
    actors: list[tuple[Actor, list[ActorName]]],
) -> list[tuple[Actor, list[ActorName]]]:
    """Add the people who speak for an actor as names of that actor."""
    lookup: dict[str, int] = {}
    for index, (_, names) in enumerate(actors):
        for name in names:
            lookup.setdefault(name.text.casefold(), index)
    for row in read_table("leaders.tsv"):
        found = lookup.get(row["actor"].casefold())
        if found is None:
            raise ValueError(f"leaders.tsv: unknown actor {row['actor']!r} for {row['name']!r}")
        actor, names = actors[found]
        names.append(ActorName(row["name"], actor, "leader"))
    return actors


@cache
def load() -> Gazetteer:
    """The gazetteer, read once per process."""
    items = [
        ItemTerm(
            row["term"],
            row["canonical"],
            row["category"],
            row["aid_type"],
            row["designation"] == "yes",
        )
        for row in read_table("items.tsv")
    ]
    actors = _with_leaders(_country_actors() + _organisation_actors())
    return Gazetteer(actors, items, _currencies())
