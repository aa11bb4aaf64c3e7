"""A folder of many articles for loads that run long enough to kill or to race, what a clean
load of it stores, and `kb` as a real process."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from kb.storage.engine import make_engine
from kb.storage.models import ActorRow, ArticleRow, CommitmentRow

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SUMMARY = re.compile(r"(\d+) new, (\d+) updated, (\d+) unchanged, (\d+) failed; (\d+) commitments")

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
    """What the database holds: each article's source and its commitments."""
    engine = make_engine(url)  # as it is: no migration
    donor, recipient = aliased(ActorRow), aliased(ActorRow)
    stmt = (
        select(
            ArticleRow.source,
            donor.name,
            recipient.name,
            CommitmentRow.item,
            CommitmentRow.category,
            CommitmentRow.quantity,
            CommitmentRow.qualifier,
            CommitmentRow.unit,
            CommitmentRow.amount,
            CommitmentRow.currency,
            CommitmentRow.status,
            CommitmentRow.announced,
            CommitmentRow.evidence,
            CommitmentRow.span_start,
            CommitmentRow.span_end,
            CommitmentRow.rule,
        )
        .select_from(ArticleRow)
        .outerjoin(CommitmentRow, CommitmentRow.article_id == ArticleRow.id)
        .outerjoin(donor, CommitmentRow.donor_id == donor.id)
        .outerjoin(recipient, CommitmentRow.recipient_id == recipient.id)
    )
    found: Fingerprint = {}
    try:
        with Session(engine) as session:
            for source, *fields in session.execute(stmt):
                rows = found.setdefault(source, [])
                if fields[2] is not None:  # an article without commitments has one empty row
                    rows.append(tuple(fields))
    finally:
        engine.dispose()
    return {source: sorted(rows, key=repr) for source, rows in found.items()}


def kb_command(*args: str) -> list[str]:
    """The command line that runs `kb ARGS` in a fresh Python process."""
    return [sys.executable, "-c", "from kb.cli import app; app()", *args]


def kb_process(*args: str, **kw: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        kb_command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw
    )


def summary(stdout: str) -> tuple[int, ...]:
    """(new, updated, unchanged, failed, commitments) from a load's last line."""
    match = SUMMARY.search(stdout)
    assert match is not None, stdout
    return tuple(int(n) for n in match.groups())
