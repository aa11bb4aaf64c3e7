"""Questions an analyst asks, in plain English, over the seeds and the dev and official
corpora loaded together (issue 12). tests/questions.jsonl holds them with the facts each
answer must name (and must not name); they were written without reading how `kb ask`
parses. Each answer's text (its lines and its table) must hold every fact.

A question whose answer depends on a row that extraction misses, or on a reading the
parser does not manage yet, is listed in tests/questions_known_misses.txt and is a strict
xfail: it fails the run if it starts passing (list it no more) or if another one fails.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kb.ask.answer import ask
from kb.cli.render import answer_text, rows_table
from kb.errors import NotUnderstood, UnknownActor
from kb.ingest.articles import iter_articles
from kb.loading import load_articles
from kb.storage.engine import open_database

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "seeds", *(ROOT.parent / "shared" / "corpus" / n for n in ("dev", "official"))]
QUESTIONS = [
    json.loads(line)
    for line in (ROOT / "tests" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
]
KNOWN_MISSES = {
    line.strip()
    for line in (ROOT / "tests" / "questions_known_misses.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    if not all(path.is_dir() for path in CORPORA):
        pytest.skip("the dev and official corpora of ../shared are absent")
    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('three') / 'kb.sqlite'}")
    files = [p for c in CORPORA for p in sorted(c.glob("*.txt"))]
    assert load_articles(engine, iter_articles(files)).failed == 0
    yield engine
    engine.dispose()


def answer_of(engine: Engine, question: str) -> str:
    """What `kb ask` prints: its lines and its table (or its one-line refusal)."""
    with Session(engine) as session:
        try:
            found = ask(session, question)
        except (NotUnderstood, UnknownActor) as error:
            return str(error)
    console = Console(width=400, record=True, file=io.StringIO())
    console.print(rows_table(found.rows, found.sources))
    return answer_text(found) + "\n" + console.export_text()


def _case(q: dict[str, object]) -> object:
    known = q["question"] in KNOWN_MISSES
    mark = pytest.mark.xfail(strict=True, reason="listed in questions_known_misses.txt")
    return pytest.param(q, marks=[mark] if known else [], id=str(q["question"])[:60])


def test_the_known_misses_are_questions_of_the_set() -> None:
    assert {str(q["question"]) for q in QUESTIONS} >= KNOWN_MISSES
    assert len(QUESTIONS) >= 80


@pytest.mark.shared
@pytest.mark.parametrize("q", [_case(q) for q in QUESTIONS])
def test_the_answer_names_the_facts(three: Engine, q: dict[str, list[str]]) -> None:
    text = re.sub(r"(?<=\d),(?=\d{3})", "", answer_of(three, str(q["question"]))).lower()
    missing = [fact for fact in q["must"] if fact.lower() not in text]
    wrong = [fact for fact in q.get("must_not", []) if fact.lower() in text]
    assert not missing and not wrong, (missing, wrong, text[:400])
