"""The sums kept (migration 0013), and what adding up the commitments gives: they must agree
whatever wrote the commitments."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kb.storage.models import CommitmentRow, CommitmentSumRow

FIGURES = ("usd", "usd_count", "eur", "eur_count", "unconverted_usd", "unconverted_eur")
KEYS = ("rejected", "donor_id", "finance", "status", "currency", "recipient_id", "family")
KEYS += ("category", "aid_type")


def added_up(engine: Engine) -> dict[tuple[Any, ...], list[float]]:
    """The sums kept, computed here from the commitments: those with money and no holder."""
    sums: dict[tuple[Any, ...], list[float]] = defaultdict(lambda: [0.0] * 7)
    with Session(engine) as session:
        for c in session.scalars(select(CommitmentRow).where(CommitmentRow.amount.is_not(None))):
            if c.part_of is not None:
                continue
            key = (c.rejected, c.donor_id, c.finance or "", c.status, c.currency or "")
            key += (c.recipient_id or 0, c.family or "", c.category or "", c.aid_type or "")
            figures = sums[key]
            for i, (value, amount) in enumerate(
                ((c.amount_usd, c.amount), (c.amount_eur, c.amount))
            ):
                figures[2 * i] += value or 0.0
                figures[2 * i + 1] += value is not None
                figures[4 + i] += amount if value is None else 0.0
            figures[6] += 1
    return dict(sums)


def kept(engine: Engine) -> dict[tuple[Any, ...], list[float]]:
    with Session(engine) as session:
        return {
            tuple(getattr(r, k) for k in KEYS): [*(getattr(r, f) for f in FIGURES), r.commitments]
            for r in session.scalars(select(CommitmentSumRow))
        }


def assert_kept(engine: Engine) -> None:
    found, added = kept(engine), added_up(engine)
    assert found.keys() == added.keys()
    for key, figures in added.items():
        assert all(
            math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
            for a, b in zip(found[key], figures, strict=True)
        ), key
