"""A folder of many articles for loads that run long enough to kill or to race, what a clean
load of it stores, and `kb` as a real process."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Date, inspect, select, text
from sqlalchemy.orm import Session, aliased

from kb.storage.engine import make_engine
from kb.storage.models import ActorRow, ArticleRow, CommitmentRow, MentionRow, StatusStepRow

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SUMMARY = re.compile(r"(\d+) new, (\d+) updated, (\d+) unchanged, (\d+) failed; (\d+) mentions")

# Every commitment of an article, as a sorted tuple of its fields (ids aside).
Fingerprint = dict[str, list[tuple[Any, ...]]]


def write_corpus(folder: Path, copies: int) -> int:
    """`copies` variants of each seed article (each text unique, so none is a duplicate of
    another, with the seed's commitments); return how many articles were written."""
    folder.mkdir()
    count = 0
    for copy in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text(encoding="utf-8") + f"\n\nThis report was updated {copy} times.\n"
            (folder / f"{copy:03d}_{seed.name}").write_text(text, encoding="utf-8")
            count += 1
    return count


def fingerprint(url: str) -> Fingerprint:
    """What the database holds: each article's source and its records (the mentions, or at
    a revision before 0003, the rows of `commitments` that they were)."""
    engine = make_engine(url)  # as it is: no migration
    try:
        table = "mentions" if inspect(engine).has_table("mentions") else "commitments"
        stmt = text(
            "SELECT a.source, d.name, r.name, m.item, m.category, m.quantity, m.qualifier, "
            "m.unit, m.amount, m.currency, m.status, m.announced, m.evidence, m.span_start, "
            f"m.span_end, m.rule FROM articles a LEFT JOIN {table} m ON m.article_id = a.id "
            "LEFT JOIN actors d ON m.donor_id = d.id LEFT JOIN actors r ON m.recipient_id = r.id"
        ).columns(announced=Date())
        found: Fingerprint = {}
        with engine.connect() as connection:
            for source, *fields in connection.execute(stmt):
                rows = found.setdefault(source, [])
                if fields[2] is not None:  # an article without records has one empty row
                    rows.append(tuple(fields))
    finally:
        engine.dispose()
    return {source: sorted(rows, key=repr) for source, rows in found.items()}


def commitments(url: str) -> list[tuple[Any, ...]]:
    """The consolidated commitments, ids aside: each with its figures, status, dates, the
    (source, span) of each of its mentions, its lead's, and its status history."""
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            where: dict[int, list[tuple[str, int]]] = {}
            lead: dict[int, tuple[str, int]] = {}
            for cid, source, start, is_lead in session.execute(
                select(MentionRow.commitment_id, ArticleRow.source, MentionRow.span_start,
                       MentionRow.lead).join(ArticleRow)
            ):  # fmt: skip
                where.setdefault(cid, []).append((source, start))
                if is_lead:
                    lead[cid] = (source, start)
            steps: dict[int, list[tuple[Any, ...]]] = {}
            for cid, status, reached, source, start in session.execute(
                select(StatusStepRow.commitment_id, StatusStepRow.status, StatusStepRow.reached,
                       ArticleRow.source, MentionRow.span_start)
                .join(MentionRow, StatusStepRow.mention_id == MentionRow.id)
                .join(ArticleRow).order_by(StatusStepRow.id)
            ):  # fmt: skip
                steps.setdefault(cid, []).append((status, reached, source, start))
            donor, recipient = aliased(ActorRow), aliased(ActorRow)
            c = CommitmentRow
            rows = session.execute(
                select(c.id, donor.name, recipient.name, c.thing, c.item, c.category, c.quantity,
                       c.qualifier, c.unit, c.amount, c.currency, c.amount_usd, c.amount_eur,
                       c.rate_date, c.status, c.conflict, c.announced, c.first_reported,
                       c.last_reported, c.sources)
                .join(donor, c.donor_id == donor.id)
                .outerjoin(recipient, c.recipient_id == recipient.id)
            ).all()  # fmt: skip
    finally:
        engine.dispose()
    return sorted(
        (
            (*fields, tuple(sorted(where[cid])), lead.get(cid), tuple(steps.get(cid, ())))
            for cid, *fields in rows
        ),
        key=repr,
    )


def kb_command(*args: str) -> list[str]:
    """The command line that runs `kb ARGS` in a fresh Python process."""
    return [sys.executable, "-c", "from kb.cli import app; app()", *args]


def kb_process(*args: str, **kw: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        kb_command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw
    )


def summary(stdout: str) -> tuple[int, ...]:
    """(new, updated, unchanged, failed, mentions) from a load's last line."""
    match = SUMMARY.search(stdout)
    assert match is not None, stdout
    return tuple(int(n) for n in match.groups())
