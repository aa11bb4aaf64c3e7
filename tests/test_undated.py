"""A date filter cannot see a commitment of unknown date: every answer that filters by date
says how many it left out that way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from fakes import TANKS_ARTICLE, TANKS_TEXT, FakeExtractor, tank_records
from sqlalchemy import Engine
from typer.testing import Result

from kb.knowledge import KnowledgeBase
from kb.records import Article

UNDATED = Article(source="news/undated.txt", text=TANKS_TEXT + " More is to follow.")
SINCE = date(2000, 1, 1)


def loaded(engine: Engine) -> KnowledgeBase:
    """The tanks article, dated, and one like it that neither its file nor its text dates,
    with figures ten times as large: other commitments, of unknown date."""
    records = [
        replace(r, announced=None, quantity=r.quantity and r.quantity * 10,
                amount=r.amount and r.amount * 10)
        for r in tank_records(UNDATED.text)
    ]  # fmt: skip
    extractor = FakeExtractor({TANKS_TEXT: tank_records(), UNDATED.text: records})
    kb = KnowledgeBase(engine)
    kb.load_articles([TANKS_ARTICLE, UNDATED], extractor=extractor)
    return kb


def test_answers_say_what_a_date_filter_left_out(engine: Engine) -> None:
    kb = loaded(engine)
    undated = kb.count() - kb.count(since=SINCE)
    assert undated > 0
    assert kb.page(since=SINCE).undated == undated
    assert kb.page().undated == 0  # no date asked for: nothing left out
    assert kb.ask("what did the UK send since 2000?").undated > 0
    assert kb.totals(since=SINCE).undated >= 1


def test_the_command_line_says_so(engine: Engine, kb: Callable[..., Result]) -> None:
    undated = loaded(engine).page(since=SINCE).undated
    result = kb("query", "--since", "2000")
    assert result.exit_code == 0, result.output
    assert f"kb: {undated} commitments of unknown date left out by the dates asked for" in (
        result.stderr
    )
    assert "unknown date" not in kb("query").stderr
