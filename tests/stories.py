"""A story told by several short articles (our own sentences), and the records a careful
extractor would take from each: one package of tanks offered, pledged by two outlets and
delivered; a second package a month later; money in euros, pounds and rupees (which no ECB
rate converts); an organisation beside the countries. Built by hand, so that consolidation,
totals and questions are tested apart from the rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from fakes import POLAND, UK, UKRAINE, FakeExtractor, commitment

from kb.records import Actor, Article, Mention

GERMANY = Actor("Germany", "country", "DEU", ("Berlin", "German"))
PAKISTAN = Actor("Pakistan", "country", "PAK", ("Islamabad",))
NATO = Actor("NATO", "alliance", None, ("North Atlantic Treaty Organization",))

TANKS = {"category": "tank", "canonical": "Challenger 2", "aid_type": "military"}
LEOPARDS = {"category": "tank", "canonical": "Leopard 2", "aid_type": "military"}


def _money(amount: float, currency: str) -> dict[str, Any]:
    return {"category": "money", "canonical": "money", "aid_type": "financial",
            "amount": amount, "currency": currency}  # fmt: skip


# (source, published, sentence, [(donor, recipient, item, status, fields)])
STORY: list[tuple[str, date, str, list[tuple[Actor, Actor, str, str, dict[str, Any]]]]] = [
    ("story/01_offer.txt", date(2023, 1, 10),
     "London has offered Kyiv a squadron of its Challenger 2 tanks.",
     [(UK, UKRAINE, "Challenger 2 tanks", "offered", TANKS)]),
    ("story/02_pledge.txt", date(2023, 1, 14),
     "Britain will send fourteen Challenger 2 main battle tanks to Ukraine.",
     [(UK, UKRAINE, "Challenger 2 main battle tanks", "committed", {**TANKS, "quantity": 14.0})]),
    ("story/03_pledge_again.txt", date(2023, 1, 16),
     "The UK confirmed that 14 Challenger 2 tanks are on their way to Ukraine.",
     [(UK, UKRAINE, "Challenger 2 tanks", "committed", {**TANKS, "quantity": 14.0})]),
    ("story/04_germany_poland.txt", date(2023, 2, 20),
     "Germany pledged €1.5bn to Ukraine, and Poland offered 14 Leopard 2 tanks; NATO offered "
     "5 more tanks.",
     [(GERMANY, UKRAINE, "funding", "committed", _money(1.5e9, "EUR")),
      (POLAND, UKRAINE, "Leopard 2 tanks", "offered", {**LEOPARDS, "quantity": 14.0}),
      (NATO, UKRAINE, "Leopard 2 tanks", "offered", {**LEOPARDS, "quantity": 5.0})]),
    ("story/05_delivered.txt", date(2023, 3, 27),
     "The 14 Challenger 2 tanks that Britain promised have arrived in Ukraine.",
     [(UK, UKRAINE, "Challenger 2 tanks", "delivered", {**TANKS, "quantity": 14.0})]),
    ("story/06_rupees.txt", date(2023, 4, 1),
     "Britain has given Pakistan 100 million rupees for flood relief.",
     [(UK, PAKISTAN, "funding", "delivered", _money(1e8, "PKR"))]),
    ("story/07_second_package.txt", date(2024, 2, 2),
     "Britain pledged £2.5bn of military aid and 14 more Challenger 2 tanks to Ukraine.",
     [(UK, UKRAINE, "military aid", "committed", _money(2.5e9, "GBP")),
      (UK, UKRAINE, "Challenger 2 tanks", "committed", {**TANKS, "quantity": 14.0})]),
]  # fmt: skip


def article(source: str) -> Article:
    for name, published, text, _ in STORY:
        if name == source:
            return Article(name, text, published, "day")
    raise KeyError(source)


def articles() -> list[Article]:
    return [article(source) for source, *_ in STORY]


def records() -> dict[str, list[Mention]]:
    """Each story text's records, as FakeExtractor takes them."""
    found: dict[str, list[Mention]] = {}
    for _, _, text, rows in STORY:
        found[text] = [
            commitment(text, text, donor, recipient, item, status, **fields)
            for donor, recipient, item, status, fields in rows
        ]
    return found


def extractor() -> FakeExtractor:
    return FakeExtractor(records())
