"""Actors and their aliases: inserted on first use, looked up by any name they go by."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kb.records import Actor
from kb.storage.keys import actor_key
from kb.storage.models import ActorAliasRow, ActorRow
from kb.storage.upsert import insert_or_ignore

_SPACE = re.compile(r"\s+")


def alias_key(name: str) -> str:
    """The form aliases are stored and looked up in: case-folded, spaces collapsed,
    typographic apostrophes made plain ("Côte d’Ivoire" and "côte d'ivoire" are one key)."""
    return _SPACE.sub(" ", name.replace("’", "'")).strip().casefold()


def ensure_actor(session: Session, actor: Actor) -> int:
    """Return the id of the actor that `actor` is, inserting it on first use.

    An actor is one canonical entry, known by its key (kb.storage.keys.actor_key): a
    stored actor with the same key is the same actor under whatever name it was stored,
    and the new name becomes one of its aliases. Its name, code and aliases are stored as
    alias keys; a key that already names another actor is skipped (the first actor to claim
    a spelling keeps it), and aliases that the gazetteer gained since the actor was first
    stored are added. Safe against another process inserting the same actor or keys at the
    same time: the database's upsert decides.
    """
    key = actor_key(actor)
    session.execute(
        insert_or_ignore(session, ActorRow).values(
            name=actor.name, kind=actor.kind, code=actor.code, key=key
        )
    )
    actor_id = session.scalars(select(ActorRow.id).where(ActorRow.key == key)).first()
    if actor_id is None:  # stored under this name with another key (an older gazetteer's)
        actor_id = session.scalars(select(ActorRow.id).where(ActorRow.name == actor.name)).one()
    spellings: dict[str, str] = {}
    for alias in (actor.name, actor.code, *actor.aliases):
        if alias and alias_key(alias) and alias_key(alias) not in spellings:
            spellings[alias_key(alias)] = alias
    # In key order, so that processes inserting the same keys lock them in the same order.
    rows = [
        {"actor_id": actor_id, "alias": alias, "key": spelling}
        for spelling, alias in sorted(spellings.items())
    ]
    if rows:
        session.execute(insert_or_ignore(session, ActorAliasRow).values(rows))
    return actor_id


def name_keys(name: str) -> list[str]:
    """The alias keys `name` may be stored under: its own, and without a leading "the"."""
    key = alias_key(name)
    return [key, key[4:]] if key.startswith("the ") else [key]


def find_actor(session: Session, name: str) -> ActorRow | None:
    """The actor that `name` names, by alias, canonical name, code or key, ignoring case.

    A leading "the" is optional, so that "the UK" and "UK" name the same actor.
    """
    for key in name_keys(name):
        # The alias table decides first: it is where a spelling's one owner is recorded.
        found = session.scalars(
            select(ActorRow).join(ActorAliasRow).where(ActorAliasRow.key == key)
        ).first()
        found = (
            found
            or session.scalars(
                select(ActorRow)
                .where(
                    or_(
                        func.lower(ActorRow.name) == key,
                        func.lower(ActorRow.code) == key,
                        func.lower(ActorRow.key) == key,
                    )
                )
                .order_by(ActorRow.id)
            ).first()
        )
        if found is not None:
            return found
    return None


def name_finder(session: Session) -> Callable[[str], str | None]:
    """A lookup of a phrase among every name a stored actor goes by (actor_names, read
    once): the actor's name, or None; as find_actor reads a name, without a query each."""
    known = actor_names(session)

    def name_of(phrase: str) -> str | None:
        return next((known[key] for key in name_keys(phrase) if key in known), None)

    return name_of


def actor_names(session: Session) -> dict[str, str]:
    """Every name a stored actor goes by (alias keys, names, codes and keys, as
    alias_key makes them), with the actor's name: one read, for a question that looks for
    names among its words. The alias table decides first, as in find_actor."""
    names: dict[str, str] = {}
    for name, code, key in session.execute(select(ActorRow.name, ActorRow.code, ActorRow.key)):
        for form in (name, code, key):
            if form:
                names.setdefault(alias_key(form), name)
    aliases = select(ActorAliasRow.key, ActorRow.name).join(ActorRow)
    names.update({key: name for key, name in session.execute(aliases)})
    return names
