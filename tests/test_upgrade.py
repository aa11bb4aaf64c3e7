"""Migration 0003 on a knowledge base filled at 0002, or at the first revision: its rows become
mentions, consolidated in place into commitments with their history and value, on each
database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from many_articles import fingerprint
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from kb.query.commitments import find_commitments, sources_of
from kb.query.show import describe
from kb.storage.engine import make_engine, upgrade
from kb.storage.models import ActorAliasRow, ActorRow, ItemRow, MentionRow

# Three reports of one package of tanks (the third of its delivery), the first of them with a
# grant in pounds and one in afghanis, which no rate converts. The second names its donor
# "Britain" with the code GBR: an older gazetteer's second entry for the United Kingdom.
ARTICLES = [
    (1, "a/monday.txt", date(2023, 1, 16)),
    (2, "b/tuesday.txt", date(2023, 1, 17)),
    (3, "c/march.txt", date(2023, 3, 27)),
]
ACTORS = [
    (1, "United Kingdom", "country", "GBR", ["united kingdom", "uk", "gbr"]),
    (2, "Ukraine", "country", "UKR", ["ukraine", "ukr"]),
    (3, "Britain", "country", "GBR", ["britain"]),
]
ROWS = [
    # id, article, donor, item, quantity, amount, currency, status, announced, evidence
    (1, 1, 1, "Challenger 2 tanks", 14, None, None, "committed", None, "The UK will send 14."),
    (2, 1, 1, "funding", None, 300000, "GBP", "committed", None, "And £300,000."),
    (3, 1, 1, "funding", None, 5e6, "AFN", "committed", None, "And 5m afghanis."),
    (4, 2, 3, "Challenger 2 main battle tanks", 14, None, None, "committed", date(2023, 1, 14),
     "Britain said on Saturday it would send 14 tanks."),
    (5, 3, 1, "Challenger 2 tanks", 14, None, None, "delivered", None, "The tanks arrived."),
]  # fmt: skip


def fill_at(engine: Engine, revision: str) -> None:
    upgrade(engine, revision)
    with engine.begin() as connection:
        for number, source, published in ARTICLES:
            connection.execute(
                text(
                    "INSERT INTO articles (id, source, published, precision, text, sha256, "
                    "loaded_at, extractor_version) VALUES (:id, :source, :published, 'day', "
                    ":text, :sha, :loaded, '1')"
                ),
                {"id": number, "source": source, "published": published, "text": source,
                 "sha": f"{number:064d}", "loaded": datetime(2023, 4, 1, tzinfo=UTC)},
            )  # fmt: skip
        for number, name, kind, code, aliases in ACTORS:
            connection.execute(
                text("INSERT INTO actors (id, name, kind, code) VALUES (:id, :name, :kind, :code)"),
                {"id": number, "name": name, "kind": kind, "code": code},
            )
            for alias in aliases:
                connection.execute(
                    text("INSERT INTO actor_aliases (actor_id, alias, key) VALUES (:a, :b, :b)"),
                    {"a": number, "b": alias},
                )
        for (
            number,
            article,
            donor,
            item,
            quantity,
            amount,
            currency,
            status,
            when,
            evidence,
        ) in ROWS:
            connection.execute(
                text(
                    "INSERT INTO commitments (id, article_id, donor_id, recipient_id, item, "
                    "quantity, amount, currency, status, announced, evidence, span_start, "
                    "span_end, rule) VALUES (:id, :article, :donor, 2, :item, :quantity, "
                    ":amount, :currency, :status, :announced, :evidence, 0, 10, 'old')"
                ),
                {"id": number, "article": article, "donor": donor, "item": item,
                 "quantity": quantity, "amount": amount, "currency": currency, "status": status,
                 "announced": when, "evidence": evidence},
            )  # fmt: skip


@pytest.fixture(params=["0002", "0001"])
def upgraded(db_url: str, request: pytest.FixtureRequest) -> Iterator[Engine]:
    engine = make_engine(db_url)
    fill_at(engine, request.param)
    before = fingerprint(db_url)
    upgrade(engine)
    # Every row of 0002 is a mention now, as it was (the donor renamed by the merge below).
    after = fingerprint(db_url)
    renamed = {
        source: sorted((("United Kingdom" if r[0] == "Britain" else r[0]), *r[1:]) for r in rows)
        for source, rows in before.items()
    }
    assert {s: sorted(rows) for s, rows in after.items()} == renamed
    yield engine
    engine.dispose()


def test_two_names_with_one_key_become_one_actor(upgraded: Engine) -> None:
    with Session(upgraded) as session:
        assert session.execute(select(ActorRow.name, ActorRow.key).order_by(ActorRow.id)).all() == [
            ("United Kingdom", "GBR"),
            ("Ukraine", "UKR"),
        ]
        owners = session.execute(select(ActorAliasRow.key, ActorAliasRow.actor_id)).all()
        assert ("britain", 1) in owners  # the old name still finds it


def test_the_reports_of_one_package_become_one_commitment_with_its_history(
    upgraded: Engine,
) -> None:
    with Session(upgraded) as session:
        rows = find_commitments(session)
        (tanks,) = [r for r in rows if r.category is None and r.quantity == 14]
        assert (tanks.donor, tanks.recipient, tanks.status, tanks.sources) == (
            "United Kingdom", "Ukraine", "delivered", 3
        )  # fmt: skip
        assert (tanks.first_reported, tanks.last_reported) == (date(2023, 1, 14), date(2023, 3, 27))
        assert tanks.item == "Challenger 2 main battle tanks"  # the most specific report
        assert sources_of(session, [tanks.id])[tanks.id] == [
            "b/tuesday.txt", "a/monday.txt", "c/march.txt"
        ]  # fmt: skip
        detail = describe(session, tanks.id)
        assert detail is not None and detail.canonical == "Challenger 2"
        assert [(s.status, s.reached) for s in detail.steps] == [
            ("committed", date(2023, 1, 14)),
            ("delivered", date(2023, 3, 27)),
        ]
        items = dict(session.execute(select(ItemRow.name, ItemRow.category)).all())
        assert items == {"Challenger 2": "tank", "money": "money"}
        assert session.scalar(select(func.count()).where(MentionRow.commitment_id.is_(None))) == 0


def test_money_is_converted_at_the_rate_of_its_date_or_left_alone(upgraded: Engine) -> None:
    with Session(upgraded) as session:
        money = {r.currency: r for r in find_commitments(session) if r.amount is not None}
    pounds, afghanis = money["GBP"], money["AFN"]
    assert pounds.amount_usd == pytest.approx(367_000, rel=0.01)
    assert pounds.amount_eur is not None and pounds.amount_eur < pounds.amount_usd
    assert (afghanis.amount, afghanis.amount_usd, afghanis.amount_eur) == (5e6, None, None)


def test_new_ids_follow_the_copied_ones(upgraded: Engine) -> None:
    """Mentions kept their ids; the next one inserted (PostgreSQL's sequence) follows them."""
    with upgraded.begin() as connection:
        next_id = connection.execute(
            text(
                "INSERT INTO mentions (article_id, lead, donor_id, thing, item, status, evidence, "
                "span_start, span_end, rule) VALUES (1, false, 1, 'x', 'x', 'offered', 'x', 0, 1, "
                "'t') RETURNING id"
            )
        ).scalar_one()
    assert next_id == len(ROWS) + 1
