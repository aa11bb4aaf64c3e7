"""The tables, as typed SQLAlchemy models. The schema itself is made only by the migrations;
tests/test_migrations.py proves the two agree."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Float, ForeignKey, MetaData, String, Text
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
    published: Mapped[date | None] = mapped_column(Date)
    precision: Mapped[str] = mapped_column(String(7))
    text: Mapped[str] = mapped_column(Text)
    # Unique: one text is stored once, under the first source it was loaded from.
    sha256: Mapped[str] = mapped_column(String(64), index=True, unique=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extractor_version: Mapped[str] = mapped_column(String)

    commitments: Mapped[list[CommitmentRow]] = relationship(
        back_populates="article", passive_deletes=True
    )


class ActorRow(Base):
    """A donor or recipient; `code` is the ISO 3166 alpha-3 code of a country."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String)
    code: Mapped[str | None] = mapped_column(String(3))

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


class CommitmentRow(Base):
    """One commitment, with the evidence sentence and its character span in the article text."""

    __tablename__ = "commitments"
    __table_args__ = (
        CheckConstraint(
            "status IN ('delivered', 'committed', 'offered', 'considering', 'sold', 'cancelled')",
            name="status",
        ),
        CheckConstraint("qualifier IN ('exact', 'about', 'over', 'up_to')", name="qualifier"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    donor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    item: Mapped[str] = mapped_column(String, index=True)
    category: Mapped[str | None] = mapped_column(String, index=True)
    quantity: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(8))
    unit: Mapped[str | None] = mapped_column(String)
    amount: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16), index=True)
    announced: Mapped[date | None] = mapped_column(Date, index=True)
    evidence: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int]
    span_end: Mapped[int]
    rule: Mapped[str] = mapped_column(String)

    article: Mapped[ArticleRow] = relationship(back_populates="commitments")
    donor: Mapped[ActorRow] = relationship(foreign_keys=[donor_id])
    recipient: Mapped[ActorRow | None] = relationship(foreign_keys=[recipient_id])
