"""`kb actors` and `kb items`: the canonical entries known, in the database or the gazetteer.

The database knows the actors and items that its commitments name, with how many
commitments each has; the gazetteer knows every entry the rules can find, stored or not.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kb.storage.models import ActorAliasRow, ActorRow, CommitmentRow, ItemRow


@dataclass(frozen=True)
class ActorEntry:
    key: str
    name: str
    kind: str
    code: str | None
    names: int  # aliases, short forms, demonyms, capitals... (the name itself included)
    as_donor: int | None = None  # commitments; None where the source is the gazetteer
    as_recipient: int | None = None


@dataclass(frozen=True)
class ItemEntry:
    name: str
    category: str | None
    aid_type: str | None
    terms: int | None = None  # the gazetteer's phrases for it; None in the database
    commitments: int | None = None  # None where the source is the gazetteer


def stored_actors(session: Session) -> list[ActorEntry]:
    """The actors in the database, most commitments first."""

    def counted(column: object) -> dict[int, int]:
        stmt = select(column, func.count()).group_by(column)  # type: ignore[call-overload]
        return {actor: int(n) for actor, n in session.execute(stmt) if actor is not None}

    donors = counted(CommitmentRow.donor_id)
    recipients = counted(CommitmentRow.recipient_id)
    names = counted(ActorAliasRow.actor_id)
    entries = [
        ActorEntry(
            key or "",
            name,
            kind,
            code,
            names.get(actor_id, 0),
            donors.get(actor_id, 0),
            recipients.get(actor_id, 0),
        )
        for actor_id, key, name, kind, code in session.execute(
            select(ActorRow.id, ActorRow.key, ActorRow.name, ActorRow.kind, ActorRow.code)
        )
    ]
    return sorted(entries, key=lambda a: (-(a.as_donor or 0) - (a.as_recipient or 0), a.name))


def stored_items(session: Session) -> list[ItemEntry]:
    """The canonical items in the database, most commitments first."""
    n = func.count(CommitmentRow.id)
    stmt = (
        select(ItemRow.name, ItemRow.category, ItemRow.aid_type, n)
        .outerjoin(CommitmentRow, CommitmentRow.item_id == ItemRow.id)
        .group_by(ItemRow.id, ItemRow.name, ItemRow.category, ItemRow.aid_type)
        .order_by(n.desc(), ItemRow.name)
    )
    return [ItemEntry(name, category, aid, None, int(count))
            for name, category, aid, count in session.execute(stmt)]  # fmt: skip


def gazetteer_actors() -> list[ActorEntry]:
    """Every actor the gazetteer knows, by name."""
    from kb.gazetteer import load
    from kb.storage.keys import actor_key

    gazetteer = load()
    names: dict[str, int] = {}
    for name in gazetteer.names:
        names[name.actor.name] = names.get(name.actor.name, 0) + 1
    entries = [
        ActorEntry(actor_key(a), a.name, a.kind, a.code, names.get(a.name, 1))
        for a in gazetteer.actors
    ]
    return sorted(entries, key=lambda a: a.name.casefold())


def gazetteer_items() -> list[ItemEntry]:
    """Every canonical item the gazetteer knows, by name."""
    from kb.gazetteer import load

    found: dict[str, ItemEntry] = {}
    for term in load().items:
        known = found.get(term.canonical)
        terms = 1 if known is None else (known.terms or 0) + 1
        found[term.canonical] = ItemEntry(term.canonical, term.category, term.aid_type, terms)
    return sorted(found.values(), key=lambda i: i.name.casefold())
