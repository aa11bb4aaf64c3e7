"""The stored articles (`kb sources`): each with its title, URL, author, date and how many
mentions and commitments it gives; and the sources a pattern names (`kb remove 'news/*'`)."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from kb.storage.models import ArticleRow, MentionRow


@dataclass(frozen=True)
class SourceEntry:
    source: str
    title: str | None
    url: str | None
    author: str | None
    published: date | None
    precision: str
    mentions: int
    commitments: int

    def as_dict(self) -> dict[str, Any]:
        found = {name: getattr(self, name) for name in self.__dataclass_fields__}
        found["published"] = self.published.isoformat() if self.published else None
        return found


def stored_sources(session: Session, pattern: str | None = None) -> list[SourceEntry]:
    """Every stored article in source order; only those `pattern` names, where given."""
    a, m = ArticleRow, MentionRow
    stmt = (
        select(
            a.source,
            a.title,
            a.url,
            a.author,
            a.published,
            a.precision,
            func.count(m.id),
            func.count(distinct(m.commitment_id)),
        )
        .outerjoin(m, m.article_id == a.id)
        .group_by(a.id)
        .order_by(a.source)
    )
    if pattern is not None:  # chosen before the counting, which reads every mention
        stmt = stmt.where(a.source.in_(sources_named(session, pattern)))
    return [SourceEntry(*row) for row in session.execute(stmt)]


def sources_named(session: Session, pattern: str) -> list[str]:
    """The stored sources a pattern names (matching_sources), in source order."""
    stored = session.scalars(select(ArticleRow.source).order_by(ArticleRow.source))
    return matching_sources(list(stored), pattern)


GLOB = frozenset("*?[")


def matching_sources(sources: list[str], pattern: str) -> list[str]:
    """The sources a pattern names: itself (a URL, or a path as loaded or written another
    way, `./news/a.txt` for `news/a.txt`), or those a glob matches (`news/*.txt`)."""
    if not GLOB & set(pattern):
        wanted = {pattern, os.path.normpath(pattern)} if "://" not in pattern else {pattern}
        return [s for s in sources if s in wanted]
    return [s for s in sources if fnmatch.fnmatchcase(s, pattern)]
