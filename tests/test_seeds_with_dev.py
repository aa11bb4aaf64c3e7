"""Issue 4's done-when on real extraction: the seed articles and the dev corpus loaded together
report some of the same commitments (the seeds retell the worked example), and each comes
once, with both sources; money adds up in dollars."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kb.ask.answer import ask
from kb.ingest.articles import iter_articles
from kb.loading import load_articles
from kb.query.totals import totals
from kb.storage.engine import open_database

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT.parent / "shared" / "corpus" / "dev"
WORKED_EXAMPLE = "000_a10cae5d6cada068.txt"


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    if not DEV.is_dir():
        pytest.skip(f"{DEV} is absent")
    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('both') / 'kb.sqlite'}")
    summary = load_articles(engine, iter_articles([SEEDS, DEV]))
    assert summary.failed == 0
    yield engine
    engine.dispose()


@pytest.mark.shared
def test_what_did_the_uk_send_lists_each_commitment_once_with_its_sources(both: Engine) -> None:
    with Session(both) as session:
        answer = ask(session, "what did the UK send?")
    assert answer.count == len(answer.rows) > 0
    tanks = [row for row in answer.rows if "Challenger 2" in row.item]
    guns = [row for row in answer.rows if "AS90" in row.item]
    for (row,) in (tanks, guns):  # once each
        names = [Path(source).name for source in answer.sources[row.id]]
        assert sorted(names) == sorted(["01_uk_tanks.txt", WORKED_EXAMPLE])
        assert row.sources == 2
    assert tanks[0].quantity == 14 and guns[0].quantity == 30


@pytest.mark.shared
def test_totals_by_donor_add_money_in_dollars(both: Engine) -> None:
    with Session(both) as session:
        found = totals(session, "donor", "USD")
    by_donor = {row.key: row for row in found.rows}
    uk = by_donor["United Kingdom"]
    assert uk.pledged + uk.delivered > 300_000  # the worked example's £300,000, in dollars
    # Each kind of money adds up apart: grants, loans and the rest are never one sum.
    for overall in found.overall:
        same = [row.pledged for row in found.rows if row.finance == overall.finance]
        assert overall.pledged == pytest.approx(sum(same))
    by_kind = {row.finance for row in found.rows}
    assert {"loan", "unstated"} <= by_kind
