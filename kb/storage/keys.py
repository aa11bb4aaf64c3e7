"""Canonical keys: the one entry an actor stands for, and the thing a mention is about.

- An actor's key is the ISO 3166 alpha-3 code of a country, or the `id` column of the
  gazetteer's organisations.tsv for an organisation (UKMED for UK-Med), so that names may
  change while the entry stays. Actor.key, where the gazetteer sets it, comes first.
- A mention's thing, which kb.consolidate.rule compares, is "money" for a sum, else its
  canonical item ("challenger 2"), case-folded; where extraction gave no canonical item,
  the item text itself, case and spaces normalised.
"""

from __future__ import annotations

import re
from functools import cache

from kb.records import Actor

MONEY = "money"
_NOT_KEY = re.compile(r"[^A-Z0-9]+")
_COMPACT = re.compile(r"[\s\-'’]+")


@cache
def _organisation_ids() -> dict[str, str]:
    """The organisations' ids by canonical name, case-folded, as the gazetteer loads them."""
    from kb.gazetteer import load  # asked for only when a name has no key of its own

    return {
        actor.name.casefold(): actor.key
        for actor in load().actors
        if actor.code is None and actor.key is not None
    }


def actor_key(actor: Actor) -> str:
    """The stable identifier of `actor` (see the module's docstring)."""
    return actor.key or key_for(actor.name, actor.code)


def key_for(name: str, code: str | None) -> str:
    """The key of an actor known by its canonical name and ISO code: the code, the
    organisation's id, or, for a name no table knows, the name in capitals and underscores
    ("Some Relief Fund" -> "SOME_RELIEF_FUND")."""
    if code:
        return code.upper()
    known = _organisation_ids().get(name.casefold())
    return known or _NOT_KEY.sub("_", name.upper()).strip("_") or "_"


def thing_of(canonical: str | None, item: str, amount: float | None) -> str:
    """What a mention is about, as kb.consolidate.rule compares it."""
    if amount is not None:
        return MONEY
    return " ".join((canonical or item).split()).casefold()


def family_of(thing: str, category: str | None) -> str:
    """The class a thing belongs to, by which consolidation groups mentions: "money" for a
    sum, else its category ("tank" for "leopard 2" and for "tank"), else the thing."""
    if thing == MONEY:
        return MONEY
    return " ".join((category or thing).split()).casefold()


def is_general(thing: str, family: str) -> bool:
    """Whether a thing is its class's own word ("tank" in the family "tank"), not a model
    in it ("leopard 2") or another class word ("tank destroyer"): a report of the class
    may be the same commitment as one of a model in it (kb.consolidate.rule)."""
    return thing != MONEY and thing == family


def guess_item(item: str) -> tuple[str, str, str] | None:
    """(canonical, category, aid type) of the gazetteer's term that `item` contains, in
    the singular or plural: a named model before a class of thing (as extraction folds
    "tanks" into "Leopard 2"), then the first in the text (a list is about its first item),
    then the longest; None if none. For rows stored before records carried their canonical
    item (migration 0003); loads take it from the record instead."""
    compact = _COMPACT.sub("", item.casefold())
    found = [
        (designation, -at, len(form), entry)
        for form, (designation, entry) in _item_terms().items()
        if (at := compact.find(form)) >= 0
    ]
    return max(found)[3] if found else None


@cache
def _item_terms() -> dict[str, tuple[bool, tuple[str, str, str]]]:
    from kb.gazetteer import load

    terms: dict[str, tuple[bool, tuple[str, str, str]]] = {}
    for term in load().items:
        entry = (term.canonical, term.category, term.aid_type)
        base = _COMPACT.sub("", term.term.casefold())
        plurals = [base + "s", base + "es"] + ([base[:-1] + "ies"] if base.endswith("y") else [])
        for form in (base, *plurals):
            terms.setdefault(form, (term.designation, entry))
    return terms
