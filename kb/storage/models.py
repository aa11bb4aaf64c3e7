"""The tables, as typed SQLAlchemy models. The schema itself is made only by the migrations;
tests/test_migrations.py proves the two agree.

An article's records are its mentions; the mentions that report the same commitment
(kb.consolidate.rule) make one row of `commitments`, with its status history in `status_steps`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    false,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Every constraint and index gets a predictable name, so that migrations (and batch mode on
# SQLite, which recreates tables) can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
STATUS_CHECK = "status IN ('delivered', 'committed', 'offered', 'considering', 'sold', 'cancelled')"
QUALIFIER_CHECK = "qualifier IN ('exact', 'about', 'over', 'up_to')"
AID_TYPE_CHECK = "aid_type IN ('military', 'humanitarian', 'financial')"
ACTION_CHECK = "action IN ('correct', 'reject', 'restore', 'add')"
# The commitments that hold another or are held (migration 0012's partial index).
HOLDING_WHERE = "kind != 'new' OR part_of IS NOT NULL"
# The mentions no commitment holds (migration 0014's partial index).
LOOSE_WHERE = "commitment_id IS NULL"
# A commitment's columns that a sum of money reads (kb.query.totals), in the order of a sum by
# donor: the index of them (migration 0011) answers it alone.
SUM_COLUMNS = (
    "rejected",
    "donor_id",
    "finance",
    "status",
    "currency",
    "amount_usd",
    "amount_eur",
    "amount",
    "part_of",
    "recipient_id",
    "category",
    "first_reported",
)
# The parts (a commitment another holds, or may): their sums are read from the commitments,
# by a partial index of the sum's columns in the same order (migration 0013), which SQLite's
# planner then prefers to the index of them all.
PARTS_WHERE = "part_of IS NOT NULL AND amount IS NOT NULL"


# The full-text index and its shadow tables (migration 0010, SQLite): made by SQL, not by a
# model; autogenerate and the models-agree test leave them alone.
SEARCH_TABLES = frozenset(
    {"search", "search_data", "search_idx", "search_content", "search_docsize", "search_config"}
)


def modelled(name: str | None, kind: str) -> bool:
    """Whether a reflected schema object is one the models describe (alembic include_object)."""
    return not (kind == "table" and name in SEARCH_TABLES)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ArticleRow(Base):
    """An article as loaded; `source` is its natural key (the path, `path:LINE` for .jsonl)."""

    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint("precision IN ('day', 'month', 'unknown')", name="precision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String, unique=True)
    title: Mapped[str | None] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(String)
    author: Mapped[str | None] = mapped_column(String)  # a web page's (migration 0009)
    published: Mapped[date | None] = mapped_column(Date)
    precision: Mapped[str] = mapped_column(String(7))
    text: Mapped[str] = mapped_column(Text)
    # Unique: one text is stored once, under the first source it was loaded from.
    sha256: Mapped[str] = mapped_column(String(64), index=True, unique=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extractor_version: Mapped[str] = mapped_column(String)

    mentions: Mapped[list[MentionRow]] = relationship(
        back_populates="article", passive_deletes=True
    )


class ActorRow(Base):
    """A donor or recipient; `code` is the ISO 3166 alpha-3 code of a country, `key` the
    canonical entry's stable identifier (kb.storage.keys): one actor a key.

    `key` is set for every actor kb stores; the column allows NULL only because SQLite
    cannot add a NOT NULL column to a filled table without rebuilding it (migration 0003),
    and rebuilding a table that others reference would cascade deletes into them.
    """

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String)
    code: Mapped[str | None] = mapped_column(String(3))
    key: Mapped[str | None] = mapped_column(String, index=True, unique=True)

    aliases: Mapped[list[ActorAliasRow]] = relationship(
        back_populates="actor", passive_deletes=True
    )


class ActorAliasRow(Base):
    """One name an actor goes by. `key` is the normalised alias (see kb.storage.aliases) and
    is unique, so that one spelling never names two actors."""

    __tablename__ = "actor_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String)
    key: Mapped[str] = mapped_column(String, unique=True)

    actor: Mapped[ActorRow] = relationship(back_populates="aliases")


class ItemRow(Base):
    """A canonical item ("Challenger 2"): its category and aid type. Money is the item
    "money", whose aid type is that of each commitment (the item's own says financial)."""

    __tablename__ = "items"
    __table_args__ = (CheckConstraint(AID_TYPE_CHECK, name="aid_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    category: Mapped[str | None] = mapped_column(String)
    aid_type: Mapped[str | None] = mapped_column(String(12))


def _record_checks() -> tuple[CheckConstraint, ...]:
    """The checks a mention and a commitment share (each table needs its own objects)."""
    return (
        CheckConstraint(STATUS_CHECK, name="status"),
        CheckConstraint(QUALIFIER_CHECK, name="qualifier"),
        CheckConstraint(AID_TYPE_CHECK, name="aid_type"),
    )


class _Reported:
    """The columns a mention and a commitment share: the thing given, its figures, and
    what kind of report it is. Each table gets its own copy (a declarative mixin)."""

    thing: Mapped[str] = mapped_column(String)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), index=True)
    item: Mapped[str] = mapped_column(String)
    aid_type: Mapped[str | None] = mapped_column(String(12))
    quantity: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(8))
    unit: Mapped[str | None] = mapped_column(String)
    amount: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount_usd: Mapped[float | None] = mapped_column(Float)
    announced: Mapped[date | None] = mapped_column(Date)
    announced_precision: Mapped[str | None] = mapped_column(String(5))  # day, month, year
    kind: Mapped[str] = mapped_column(String(5), server_default="new")  # new, part, total
    # Money: grant, loan, guarantee, in_kind or debt_relief, where the text says.
    finance: Mapped[str | None] = mapped_column(String(11))
    # The class the thing belongs to ("tank" for a Leopard 2 and for "tanks"), by which
    # consolidation groups (kb.storage.keys.family_of).
    family: Mapped[str | None] = mapped_column(String)


class MentionRow(_Reported, Base):
    """What one article says of one commitment: the record extraction made, with the
    evidence sentence and its character span in the article text.

    `thing` (kb.storage.keys.thing_of) with the donor and recipient makes the group that
    kb.consolidate.rule splits into commitments; `amount_usd` is the amount at the rate of the
    mention's date, for comparing amounts. `lead` marks the mention that stands for its
    commitment (kb.consolidate.summary).
    """

    __tablename__ = "mentions"
    __table_args__ = (
        *_record_checks(),
        # The group's mentions, read again whenever one of them changes: whole, or those of
        # the months a change touches, a range for each precision of their dates (0014).
        Index(
            "ix_mentions_dated", "donor_id", "family", "recipient_id", "dated_precision", "dated"
        ),
        # A group's mentions that no commitment holds (0014): a read takes the group whole.
        Index(
            "ix_mentions_loose",
            "donor_id",
            "family",
            "recipient_id",
            sqlite_where=sql_text(LOOSE_WHERE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="SET NULL"), index=True
    )
    lead: Mapped[bool] = mapped_column(Boolean)
    donor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    category: Mapped[str | None] = mapped_column(String)
    status: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int]
    span_end: Mapped[int]
    rule: Mapped[str] = mapped_column(String)
    # A person's review (kb.review): "corrected" or "added", the fields a person set (comma
    # separated; they win over other reports of the commitment), and a rejection.
    review: Mapped[str | None] = mapped_column(String(9))
    fixed: Mapped[str | None] = mapped_column(String)
    rejected: Mapped[bool] = mapped_column(Boolean, server_default=false())
    # The date the rule gives the report, its own or else its article's, and that date's
    # precision, kept so that a group's reports are found by it (kb.storage.rows.dated).
    dated: Mapped[date | None] = mapped_column(Date)
    dated_precision: Mapped[str] = mapped_column(String(5), server_default="day")

    article: Mapped[ArticleRow] = relationship(back_populates="mentions")
    donor: Mapped[ActorRow] = relationship(foreign_keys=[donor_id])
    recipient: Mapped[ActorRow | None] = relationship(foreign_keys=[recipient_id])


class CommitmentRow(_Reported, Base):
    """One commitment however many articles report it (kb.consolidate.rule and summary):
    the figures most reports give, their value in USD and EUR at the rate of its date (and
    that rate), its current status, and when and by how many articles it was reported."""

    __tablename__ = "commitments"
    # The partial indexes below are partial on PostgreSQL too (their migrations say so); only
    # SQLite's predicate is named here, since naming PostgreSQL's makes SQLAlchemy import that
    # dialect, 25 to 35 ms of every command (alembic does not compare predicates).
    __table_args__ = (
        *_record_checks(),
        # The group's commitments, rewritten with it.
        Index("ix_commitments_group", "donor_id", "family", "recipient_id"),
        # A donor's commitments counted by status, from the index alone (migration 0007);
        # every query leaves out rejected ones (0008).
        Index("ix_commitments_donor_status", "donor_id", "status", "rejected"),
        # What a sum of money reads, all of it, in the order of a sum by donor (0011):
        # kb.query.totals reads the index alone.
        Index(
            "ix_commitments_sums",
            *SUM_COLUMNS,
            sqlite_where=sql_text("amount IS NOT NULL"),
        ),
        # The groups where a commitment holds or is held (0012): a load weighs their holders
        # again (kb.storage.regroup), the other groups it leaves alone.
        Index(
            "ix_commitments_holding",
            "donor_id",
            "family",
            "recipient_id",
            sqlite_where=sql_text(HOLDING_WHERE),
        ),
        # What a sum reads of the parts (0013): the rest is kept summed (CommitmentSumRow).
        Index(
            "ix_commitments_parts",
            *SUM_COLUMNS,
            sqlite_where=sql_text(PARTS_WHERE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Its own index too: the first page of `kb query --donor UK` (by id) is then read in
    # order, not sorted out of every one of the donor's commitments.
    donor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    category: Mapped[str | None] = mapped_column(String, index=True)
    amount_eur: Mapped[float | None] = mapped_column(Float)
    rate_usd: Mapped[float | None] = mapped_column(Float)
    rate_eur: Mapped[float | None] = mapped_column(Float)
    rate_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), index=True)
    conflict: Mapped[bool] = mapped_column(Boolean)
    # The commitment of the same group that holds this one (the whole a part is paid from,
    # the running total that includes it): sums leave it out (kb.consolidate.wholes).
    part_of: Mapped[int | None] = mapped_column(index=True)
    first_reported: Mapped[date | None] = mapped_column(Date, index=True)
    last_reported: Mapped[date | None] = mapped_column(Date)
    sources: Mapped[int]
    # What kb.consolidate.wholes weighs of it, as JSON (kb.storage.holding): its holder is
    # chosen again from these without reading its reports. NULL until a load writes it.
    holding: Mapped[str | None] = mapped_column(Text)
    # What a person did to it (kb.review): "corrected", "added" or NULL; a rejected one is no
    # commitment, and every answer, total and export leaves it out.
    reviewed: Mapped[str | None] = mapped_column(String(9))
    rejected: Mapped[bool] = mapped_column(Boolean, server_default=false(), index=True)

    donor: Mapped[ActorRow] = relationship(foreign_keys=[donor_id])
    recipient: Mapped[ActorRow | None] = relationship(foreign_keys=[recipient_id])


class CommitmentSumRow(Base):
    """The money of the commitments that are no part of another (`part_of` NULL), summed by
    group, category, aid type, kind of money, status, currency, and rejected or not
    (migration 0013): kb.query.totals adds these rows up instead of every commitment. Kept
    by triggers as commitments change, never written by kb itself. A key that is NULL on
    the commitment is kept as 0 (an id) or ''. Stored by its key, in the order of a sum by
    donor (WITHOUT ROWID on SQLite)."""

    __tablename__ = "commitment_sums"
    __table_args__ = ({"sqlite_with_rowid": False},)

    rejected: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    donor_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    finance: Mapped[str] = mapped_column(String(11), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    recipient_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    family: Mapped[str] = mapped_column(String, primary_key=True)
    category: Mapped[str] = mapped_column(String, primary_key=True)
    aid_type: Mapped[str] = mapped_column(String(12), primary_key=True)
    usd: Mapped[float] = mapped_column(Float)
    usd_count: Mapped[int]
    eur: Mapped[float] = mapped_column(Float)
    eur_count: Mapped[int]
    # The amounts in their own currency of those with no rate to USD (or EUR).
    unconverted_usd: Mapped[float] = mapped_column(Float)
    unconverted_eur: Mapped[float] = mapped_column(Float)
    commitments: Mapped[int]


class StatusStepRow(Base):
    """A status a commitment reached, on what date, and the mention that says so."""

    __tablename__ = "status_steps"
    __table_args__ = (CheckConstraint(STATUS_CHECK, name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    reached: Mapped[date | None] = mapped_column(Date)  # the mention's date
    mention_id: Mapped[int] = mapped_column(
        ForeignKey("mentions.id", ondelete="CASCADE"), index=True
    )


class CorrectionRow(Base):
    """A person's correction, rejection, restoration or addition (kb.review), kept for good:
    none overwrites another. It is attached to its evidence (the article's source, the
    sentence, its span, the donor and item the rules gave), not to a row id, and applies
    again to every new extraction of its article; `mention_id` is the report it applies to
    now (NULL: orphaned, its evidence yields no report or its article is not stored), and
    `extracted` what the rules gave for the fields it sets."""

    __tablename__ = "corrections"
    __table_args__ = (CheckConstraint(ACTION_CHECK, name="action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(7))
    source: Mapped[str] = mapped_column(String, index=True)
    evidence: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int]
    span_end: Mapped[int]
    donor: Mapped[str | None] = mapped_column(String)
    item: Mapped[str | None] = mapped_column(String)
    values: Mapped[dict[str, object]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String)
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentions.id", ondelete="SET NULL"), index=True
    )
    extracted: Mapped[dict[str, object] | None] = mapped_column(JSON)
