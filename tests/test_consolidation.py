"""Consolidation on load, on each database: articles that report one commitment make one
commitment with every source, in whatever order they come, however many loads run at once;
a later report moves its status on; removing or changing an article undoes its part."""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
import stories
from kept_sums import assert_kept
from many_articles import commitments
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from kb.cli import app
from kb.cli.show import show_text
from kb.loading import load_articles
from kb.query.commitments import CommitmentView, find_commitments, sources_of
from kb.query.show import describe
from kb.records import Article
from kb.storage.engine import writer
from kb.storage.models import MentionRow
from kb.storage.write import remove_article

OFFER, PLEDGE, AGAIN, GERMANY, DELIVERED, RUPEES, LATER = (source for source, *_ in stories.STORY)


def load(engine: Engine, *sources: str, extractor: Any = None) -> None:
    articles = [stories.article(source) for source in sources]
    summary = load_articles(engine, articles, extractor=extractor or stories.extractor())
    assert summary.failed == 0, summary


def remove(engine: Engine, *sources: str) -> None:
    for source in sources:
        with Session(writer(engine)) as session, session.begin():
            assert remove_article(session, source)


def tanks(engine: Engine) -> list[CommitmentView]:
    """The United Kingdom's Challenger 2 commitments to Ukraine."""
    with Session(engine) as session:
        return [r for r in find_commitments(session) if r.item.startswith("Challenger 2")]


def url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_two_reports_of_one_commitment_make_one_with_two_sources(engine: Engine) -> None:
    load(engine, PLEDGE, AGAIN)
    (tank,) = tanks(engine)
    assert (tank.sources, tank.quantity, tank.status) == (2, 14.0, "committed")
    with Session(engine) as session:
        assert sources_of(session, [tank.id]) == {tank.id: [PLEDGE, AGAIN]}
    first = commitments(url(engine))
    remove(engine, PLEDGE, AGAIN)
    assert commitments(url(engine)) == []
    load(engine, AGAIN, PLEDGE)  # the other order
    assert commitments(url(engine)) == first


def test_a_later_report_of_delivery_moves_the_status_on_and_adds_a_step(engine: Engine) -> None:
    load(engine, PLEDGE, AGAIN)
    (before,) = tanks(engine)
    load(engine, DELIVERED)
    (after,) = tanks(engine)
    assert after.id == before.id  # the same commitment, its id kept
    assert (after.status, after.sources, after.last_reported) == (
        "delivered", 3, stories.article(DELIVERED).published
    )  # fmt: skip
    with Session(engine) as session:
        detail = describe(session, after.id)
    assert detail is not None
    assert [(s.status, s.reached) for s in detail.steps] == [
        ("committed", stories.article(PLEDGE).published),
        ("delivered", stories.article(DELIVERED).published),
    ]
    text = show_text(detail)
    assert "  delivered  2023-03-27  story/05_delivered.txt\n" in text
    assert "The 14 Challenger 2 tanks that Britain promised have arrived in Ukraine." in text


def test_an_offer_before_is_the_first_step(engine: Engine) -> None:
    load(engine, DELIVERED, AGAIN, OFFER, PLEDGE)
    (tank,) = tanks(engine)
    with Session(engine) as session:
        detail = describe(session, tank.id)
    assert detail is not None
    assert [s.status for s in detail.steps] == ["offered", "committed", "delivered"]
    assert (tank.status, tank.sources, tank.first_reported) == (
        "delivered", 4, stories.article(OFFER).published
    )  # fmt: skip


def test_a_second_package_a_year_later_stays_apart(engine: Engine) -> None:
    load(engine, PLEDGE, LATER)
    assert sorted(t.first_reported.year for t in tanks(engine) if t.first_reported) == [2023, 2024]


@pytest.mark.parametrize("seed", range(4))
def test_any_order_gives_the_same_commitments(engine: Engine, seed: int) -> None:
    everything = [source for source, *_ in stories.STORY]
    load(engine, *everything)
    expected = commitments(url(engine))
    assert len(expected) == 7
    remove(engine, *everything)
    order = everything[::-1] if seed == 0 else random.Random(seed).sample(everything, 7)
    load(engine, *order)
    assert commitments(url(engine)) == expected


def test_removing_an_article_takes_its_part_away(engine: Engine) -> None:
    load(engine, OFFER, PLEDGE, AGAIN, DELIVERED)
    remove(engine, DELIVERED, OFFER)
    (tank,) = tanks(engine)
    assert (tank.status, tank.sources) == ("committed", 2)
    remove(engine, PLEDGE, AGAIN)
    assert tanks(engine) == []
    with Session(engine) as session:
        assert session.scalars(select(MentionRow.id)).all() == []


def test_a_changed_article_updates_the_commitments_it_supported(engine: Engine) -> None:
    extractor = stories.extractor()
    load(engine, PLEDGE, AGAIN, extractor=extractor)
    # The second outlet corrects itself: thirty tanks, which is another package.
    changed = stories.article(AGAIN)
    text = changed.text.replace("14", "30")
    (record,) = extractor.records[changed.text]
    extractor.records[text] = [replace(record, quantity=30.0, evidence=text)]
    assert load_articles(engine, [replace(changed, text=text)], extractor=extractor).updated == 1
    assert sorted((t.quantity, t.sources) for t in tanks(engine)) == [(14.0, 1), (30.0, 1)]


def test_conflicting_counts_stay_visible(engine: Engine) -> None:
    extractor = stories.extractor()
    twelve = Article("story/twelve.txt", "Britain is sending twelve Challenger 2 tanks.",
                     stories.article(AGAIN).published, "day")  # fmt: skip
    (record,) = extractor.records[stories.article(AGAIN).text]
    extractor.records[twelve.text] = [
        replace(record, quantity=12.0, evidence=twelve.text, span=(0, len(twelve.text)))
    ]
    load(engine, PLEDGE, AGAIN, extractor=extractor)
    assert load_articles(engine, [twelve], extractor=extractor).new == 1
    (tank,) = tanks(engine)
    assert (tank.quantity, tank.conflict, tank.sources) == (14.0, True, 3)  # never averaged
    with Session(engine) as session:
        detail = describe(session, tank.id)
    assert detail is not None
    assert "  CONFLICT   the reports differ: 14; 12\n" in show_text(detail)


def test_money_is_stored_with_its_value_and_rate(engine: Engine) -> None:
    load(engine, GERMANY, RUPEES)
    with Session(engine) as session:
        rows = {r.currency: r for r in find_commitments(session) if r.currency}
        euros = describe(session, rows["EUR"].id)
    assert euros is not None
    assert (rows["EUR"].amount_eur, euros.rate_eur) == (1.5e9, 1.0)
    assert rows["EUR"].amount_usd == pytest.approx(1.5e9 * (euros.rate_usd or 0))
    assert euros.rate_date == stories.article(GERMANY).published
    assert (rows["PKR"].amount, rows["PKR"].amount_usd, rows["PKR"].amount_eur) == (1e8, None, None)


def race(engine: Engine, orders: list[list[str]]) -> None:
    """Load each order in a thread of its own, all starting together."""
    start = threading.Barrier(len(orders))
    failures: list[BaseException] = []

    def run(order: list[str]) -> None:
        try:
            start.wait()
            extractor = stories.extractor()
            for source in order:
                load(engine, source, extractor=extractor)
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []


def test_two_loads_at_once_consolidate_as_one_would(engine: Engine) -> None:
    """Two loaders, each with its own order of the story, on one database at the same time
    (on PostgreSQL truly side by side): what they leave is what one serial load leaves."""
    everything = [source for source, *_ in stories.STORY]
    load(engine, *everything)
    expected = commitments(url(engine))
    for attempt in range(3):
        remove(engine, *everything)
        order = random.Random(attempt).sample(everything, 7)
        race(engine, [order, order[::-1]])
        assert commitments(url(engine)) == expected
        assert_kept(engine)  # the sums kept by triggers, written by both at once


def test_many_loads_of_one_group_at_once_make_one_commitment(engine: Engine) -> None:
    """The narrowest race: four loaders, each storing reports of the same package of tanks at
    once. Without the group's lock, each would rebuild the group from what it alone can see
    on PostgreSQL, and leave a commitment of its own."""
    extractor = stories.extractor()
    (record,) = extractor.records[stories.article(PLEDGE).text]
    reports = []
    for number in range(40):
        text = f"Report {number}: Britain will send 14 Challenger 2 tanks to Ukraine."
        extractor.records[text] = [replace(record, evidence=text, span=(0, len(text)))]
        reports.append(Article(f"outlet/{number:02d}.txt", text, date(2023, 1, 15), "day"))
    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def run(share: list[Article]) -> None:
        try:
            start.wait()
            for report in share:
                assert load_articles(engine, [report], extractor=extractor).failed == 0
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(reports[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    (tank,) = tanks(engine)
    assert tank.sources == 40


def test_kb_remove(runner: CliRunner, engine: Engine) -> None:
    load(engine, PLEDGE, AGAIN)
    result = runner.invoke(app, ["--db", url(engine), "remove", AGAIN, "nowhere.txt"])
    assert result.exit_code == 1
    assert result.stdout == "1 removed\n"
    assert result.stderr == (
        "kb: nowhere.txt: no article stored under this source (kb sources lists them)\n"
    )
    (tank,) = tanks(engine)
    assert tank.sources == 1
