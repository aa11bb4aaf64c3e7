"""What to select: the filters of `kb query`, `export`, `totals` and `ask`, as SQL conditions
on consolidated commitments or on mentions."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.util import AliasedClass

from kb.errors import UnknownActor
from kb.gazetteer.families import category_families
from kb.records import AID_TYPES, STATUS_GROUPS, STATUSES, partial_date
from kb.storage.aliases import find_actor
from kb.storage.models import ActorRow, ArticleRow, CommitmentRow, CommitmentSumRow, MentionRow
from kb.words import singular

DONOR_KINDS = ("country", "organisation")


@dataclass(frozen=True)
class Filters:
    """What to select; every field left empty selects everything.

    `item` matches any item containing the word (singular or plural), its canonical item,
    or that category, so "tanks" finds "Challenger 2 main battle tanks". `since`/`until`
    bound when a commitment was first reported (a mention: announced, else the article's
    date). `money` keeps only money (True) or only goods (False); `donor_kind` only donors
    that are countries or organisations. A commitment a person rejected is selected only
    with `include_rejected`.
    """

    donor: str | None = None
    recipient: str | None = None
    item: str | None = None
    category: str | None = None
    statuses: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    money: bool | None = None
    donor_kind: str | None = None
    # Commitments a person rejected (kb reject) are left out of everything unless asked for.
    include_rejected: bool = False
    aid_type: str | None = None  # military, humanitarian or financial

    def __post_init__(self) -> None:
        # "pledged" is committed or offered, as kb totals counts it.
        statuses = tuple(
            dict.fromkeys(t for s in self.statuses for t in STATUS_GROUPS.get(s, (s,)))
        )
        object.__setattr__(self, "statuses", statuses)
        unknown = [s for s in self.statuses if s not in STATUSES]
        if unknown:
            choices = ", ".join((*STATUSES, *STATUS_GROUPS))
            raise ValueError(f"unknown status {unknown[0]!r}; use one of {choices}")
        if self.aid_type is not None and self.aid_type not in AID_TYPES:
            raise ValueError(
                f"unknown aid type {self.aid_type!r}; use one of {', '.join(AID_TYPES)}"
            )
        if self.donor_kind is not None and self.donor_kind not in DONOR_KINDS:
            raise ValueError(f"unknown donor kind {self.donor_kind!r}")


def parse_bound(text: str, *, end: bool = False) -> date:
    """A date bound from `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; with `end`, the last day of a
    year or month, so that `--until 2023-01` includes all of January."""
    first, given = partial_date(text)
    if not end or given == "day":
        return first
    if given == "month":
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first.replace(month=12, day=31)


@dataclass(frozen=True)
class Selection:
    """Filters with their donor and recipient resolved to ids: a page or an answer runs
    several queries over one selection, and each name is looked up once, not per query."""

    filters: Filters
    donor_id: int | None = None
    recipient_id: int | None = None


def resolve(session: Session, filters: Filters | Selection | None) -> Selection:
    """The selection for `filters` (a selection already resolved is returned as it is).

    Raises UnknownActor when a donor or recipient name matches no stored actor."""
    if isinstance(filters, Selection):
        return filters
    filters = filters or Filters()
    ids: list[int | None] = []
    for role, name in (("donor", filters.donor), ("recipient", filters.recipient)):
        actor = find_actor(session, name) if name else None
        if name and actor is None:
            raise UnknownActor(role, name)
        ids.append(None if actor is None else actor.id)
    return Selection(filters, *ids)


Table = type[CommitmentRow] | type[MentionRow] | AliasedClass[CommitmentRow]
# A table with the keys of a commitment, not its item or dates: the sums kept too.
Keyed = Table | type[CommitmentSumRow]


def conditions(
    session: Session, filters: Filters | Selection | None, table: Table
) -> list[ColumnElement[bool]]:
    """The WHERE conditions for `filters` on `table`; for mentions, a date bound needs
    ArticleRow joined (see needs_article)."""
    selection = resolve(session, filters)
    found = keyed_conditions(selection, table)
    if selection.filters.item:
        found.append(_item_matches(selection.filters.item, table))
    return found + _dates_and_money(selection.filters, table)


def keyed_conditions(selection: Selection, table: Keyed) -> list[ColumnElement[bool]]:
    """The conditions of `selection` on the keys of a commitment: its donor, recipient,
    category, aid type and status, and whether it was rejected (not its item or dates)."""
    filters = selection.filters
    found: list[ColumnElement[bool]] = []
    if selection.donor_id is not None:
        found.append(table.donor_id == selection.donor_id)
    if selection.recipient_id is not None:
        found.append(table.recipient_id == selection.recipient_id)
    if filters.donor_kind is not None:
        kind = ActorRow.kind == "country"
        found.append(
            table.donor_id.in_(
                select(ActorRow.id).where(kind if filters.donor_kind == "country" else ~kind)
            )
        )
    if filters.category:
        found.append(_category(filters.category, table))
    if filters.aid_type:
        found.append(table.aid_type == filters.aid_type)
    if filters.statuses:
        found.append(table.status.in_(filters.statuses))
    if not filters.include_rejected:
        found.append(_not_rejected(table))
    return found


def _dates_and_money(filters: Filters, table: Table) -> list[ColumnElement[bool]]:
    """The conditions of the date bounds and of money or goods."""
    found: list[ColumnElement[bool]] = []
    when = (
        table.first_reported
        if isinstance(table, AliasedClass) or table is CommitmentRow
        else func.coalesce(MentionRow.announced, ArticleRow.published)
    )
    if filters.since:
        found.append(when >= filters.since)
    if filters.until:
        found.append(when <= filters.until)
    if filters.money is True:
        found.append(table.amount.is_not(None))
    elif filters.money is False:
        found.append(table.amount.is_(None))
    return found


def _not_rejected(table: Keyed) -> ColumnElement[bool]:
    """Not rejected: a commitment itself; a mention neither itself nor by its commitment."""
    if table is not MentionRow:
        return table.rejected == false()
    rejected = select(CommitmentRow.id).where(CommitmentRow.rejected == true())
    return and_(
        MentionRow.rejected == false(),
        or_(MentionRow.commitment_id.is_(None), MentionRow.commitment_id.not_in(rejected)),
    )


def _category(category: str, table: Keyed) -> ColumnElement[bool]:
    """A category ("tank"), or a family of them ("weapons", category_families.tsv)."""
    wanted = category.strip().lower()
    family = category_families().get(wanted)
    if family is not None:
        return func.lower(table.category).in_(family)
    return func.lower(table.category) == wanted


def _item_matches(item: str, table: Table) -> ColumnElement[bool]:
    """Every word of `item` (singular or plural) is in the item's text, its canonical item
    or its category: "Leopard 2 tanks" finds "Leopard 2A6 main battle tanks", "air
    defence" the NASAMS of that category. The whole phrase as a category matches too."""
    words = [
        or_(
            table.item.icontains(word, autoescape=True),
            table.thing.icontains(word, autoescape=True),
            table.category.icontains(word, autoescape=True),
        )
        for word in map(singular, item.split())
    ]
    return or_(and_(*words), func.lower(table.category) == item.strip().lower())


def added_up(session: Session, filters: Filters | Selection | None) -> ColumnElement[bool]:
    """The commitments a sum adds: those that no selected commitment holds (a part whose
    whole is selected, or what a selected running total includes: kb.consolidate.wholes).
    A part whose whole the filters leave out ("in 2023", the whole of 2022) is added."""
    holder = aliased(CommitmentRow)
    # Asked of each held commitment alone (few are), by its holder's key: a list of every
    # selected id, which NOT IN makes, costs as much as the sum itself.
    held = select(holder.id).where(
        holder.id == CommitmentRow.part_of, *conditions(session, filters, holder)
    )
    return or_(CommitmentRow.part_of.is_(None), ~held.exists())


def needs_article(filters: Filters | Selection) -> bool:
    """Whether conditions on mentions refer to their article (a date bound)."""
    if isinstance(filters, Selection):
        filters = filters.filters
    return bool(filters.since or filters.until)
