"""A person's corrections as a reader sees them (`kb corrections`, `kb show`): what each set
or said, who made it, when and why, the report it applies to now, and what the rules gave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.storage.models import ArticleRow, CorrectionRow, MentionRow


@dataclass(frozen=True)
class CorrectionView:
    """One correction, rejection, restoration or addition."""

    id: int
    action: str
    source: str
    evidence: str
    values: dict[str, Any]
    note: str
    author: str
    made_at: datetime
    mention_id: int | None  # the report it applies to now; None: orphaned
    commitment_id: int | None  # that report's commitment
    extracted: dict[str, Any] | None  # the rules' values of what it sets
    stored: bool  # whether its article is stored
    donor: str | None = None  # the donor and item that tell its report apart in its sentence
    item: str | None = None

    @property
    def orphaned(self) -> bool:
        return self.mention_id is None

    @property
    def why_orphaned(self) -> str | None:
        if not self.orphaned:
            return None
        if not self.stored:
            return "its article is not stored (loading it again applies this)"
        return "its evidence yields no report now"

    def as_dict(self) -> dict[str, Any]:
        found = {name: getattr(self, name) for name in self.__dataclass_fields__}
        found["made_at"] = self.made_at.isoformat()
        found["orphaned"] = self.orphaned
        return found


def corrections(
    session: Session, *, orphaned: bool = False, commitment_id: int | None = None
) -> list[CorrectionView]:
    """Every correction, oldest first; only the orphaned ones, or those that apply to one
    commitment, where asked."""
    c = CorrectionRow
    stmt = (
        select(
            c.id,
            c.action,
            c.source,
            c.evidence,
            c.values,
            c.note,
            c.author,
            c.made_at,
            c.mention_id,
            MentionRow.commitment_id,
            c.extracted,
            ArticleRow.id.is_not(None),
            c.donor,
            c.item,
        )
        .outerjoin(MentionRow, c.mention_id == MentionRow.id)
        .outerjoin(ArticleRow, c.source == ArticleRow.source)
        .order_by(c.id)
    )
    if orphaned:
        stmt = stmt.where(c.mention_id.is_(None))
    if commitment_id is not None:
        stmt = stmt.where(MentionRow.commitment_id == commitment_id)
    return [CorrectionView(*tuple(row)) for row in session.execute(stmt)]
