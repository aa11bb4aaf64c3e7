"""Queries: filters, alias resolution, dates, stats."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date

import pytest
from sqlalchemy.orm import Session

from kb.query.commitments import (
    Filters,
    UnknownActor,
    count_commitments,
    find_commitments,
    get_commitment,
    iter_commitments,
    iter_rows,
    parse_bound,
    singular,
    stats,
)


def items(session: Session, **filters: object) -> list[str]:
    return [row.item for row in find_commitments(session, Filters(**filters))]  # type: ignore[arg-type]


UK_ROWS = ["Challenger 2 main battle tanks", "AS90 self-propelled guns", "bandages", "funding"]


@pytest.mark.parametrize(
    "name",
    [
        "United Kingdom",
        "UK",
        "uk",
        "Britain",
        "GBR",
        "gbr",
        "united kingdom",
        "the UK",
        " Great  Britain ",
    ],
)
def test_any_alias_names_the_donor(session: Session, name: str) -> None:
    assert items(session, donor=name) == UK_ROWS


@pytest.mark.parametrize("name", ["Ukraine", "UKR", "kyiv", "Ukrainian"])
def test_any_alias_names_the_recipient(session: Session, name: str) -> None:
    assert items(session, recipient=name) == [
        "Challenger 2 main battle tanks",
        "AS90 self-propelled guns",
        "Leopard 2 battle tanks",
    ]


@pytest.mark.parametrize(("role", "name"), [("donor", "Narnia"), ("recipient", "Atlantis")])
def test_unknown_actor_is_a_clear_error(session: Session, role: str, name: str) -> None:
    with pytest.raises(UnknownActor, match=f"no {role} called '{name}' in the database"):
        find_commitments(session, Filters(**{role: name}))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [*UK_ROWS[:2], "Leopard 2 battle tanks", *UK_ROWS[2:]]),
        ({"item": "tanks"}, ["Challenger 2 main battle tanks", "Leopard 2 battle tanks"]),
        ({"item": "tank"}, ["Challenger 2 main battle tanks", "Leopard 2 battle tanks"]),
        ({"item": "TANKS", "donor": "UK"}, ["Challenger 2 main battle tanks"]),
        ({"item": "artillery"}, ["AS90 self-propelled guns"]),  # by category
        ({"item": "as90"}, ["AS90 self-propelled guns"]),
        ({"item": "100%"}, []),  # LIKE wildcards are literal
        ({"category": "Medical"}, ["bandages"]),
        ({"statuses": ("offered",)}, ["Leopard 2 battle tanks"]),
        ({"statuses": ("delivered", "offered")}, ["Leopard 2 battle tanks", "funding"]),
        ({"donor": "UK", "recipient": "UK-Med"}, ["bandages", "funding"]),
        ({"money": True}, ["funding"]),
        ({"money": False, "donor": "UK", "recipient": "UK Med"}, ["bandages"]),
        # The tanks were announced 2023-01-14; the rest fall back to the article's 2023-01-17.
        ({"until": date(2023, 1, 15)}, ["Challenger 2 main battle tanks"]),
        ({"since": date(2023, 1, 15), "donor": "UK"}, UK_ROWS[1:]),
        ({"since": date(2023, 1, 18)}, []),
    ],
)
def test_filters(session: Session, filters: dict, expected: list[str]) -> None:
    assert items(session, **filters) == expected


def test_unknown_status_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown status 'sent'"):
        Filters(statuses=("sent",))


def test_rows_carry_everything_export_and_show_need(session: Session) -> None:
    tanks = find_commitments(session, Filters(item="challenger"))[0]
    assert (tanks.donor, tanks.donor_code, tanks.recipient, tanks.recipient_code) == (
        "United Kingdom",
        "GBR",
        "Ukraine",
        "UKR",
    )
    assert (tanks.quantity, tanks.qualifier, tanks.status) == (14.0, "exact", "committed")
    assert (tanks.article, tanks.published, tanks.precision) == (
        "news/uk_tanks.txt",
        date(2023, 1, 17),
        "day",
    )
    assert tanks.evidence.startswith("Britain will send Ukraine 14") and tanks.span_start == 0
    money = find_commitments(session, Filters(money=True))[0]
    assert (money.amount, money.currency, money.recipient_code) == (300000.0, "GBP", None)


def test_get_commitment(session: Session) -> None:
    assert get_commitment(session, 3).item == "Leopard 2 battle tanks"  # type: ignore[union-attr]
    assert get_commitment(session, 999) is None


def test_stats(session: Session) -> None:
    counts = stats(session)
    assert (counts.articles, counts.commitments) == (1, 5)
    assert counts.by_donor == [("United Kingdom", 4), ("Poland", 1)]
    assert counts.by_recipient == [("Ukraine", 3), ("UK-Med", 2)]
    assert counts.by_category == [("tank", 2), ("artillery", 1), ("medical", 1), ("money", 1)]
    assert counts.by_status == [("committed", 3), ("delivered", 1), ("offered", 1)]


@pytest.mark.parametrize(
    ("text", "end", "bound"),
    [
        ("2023", False, date(2023, 1, 1)),
        ("2023", True, date(2023, 12, 31)),
        ("2023-02", False, date(2023, 2, 1)),
        ("2023-02", True, date(2023, 2, 28)),
        ("2024-02", True, date(2024, 2, 29)),
        ("2023-01-17", True, date(2023, 1, 17)),
    ],
)
def test_parse_bound(text: str, end: bool, bound: date) -> None:
    assert parse_bound(text, end=end) == bound


@pytest.mark.parametrize("text", ["last week", "2023-13", "2023-02-30", "17/01/2023", ""])
def test_parse_bound_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="bad date"):
        parse_bound(text)


@pytest.mark.parametrize(
    ("word", "single"),
    [
        ("tanks", "tank"),
        ("supplies", "supply"),
        ("boxes", "box"),
        ("gas", "gas"),
        ("drone", "drone"),
    ],
)
def test_singular(word: str, single: str) -> None:
    assert singular(word) == single


def test_a_limit_keeps_the_first_rows_and_the_count_counts_them_all(session: Session) -> None:
    first = find_commitments(session, Filters(donor="UK"), limit=2)
    assert [row.item for row in first] == UK_ROWS[:2]
    assert count_commitments(session, Filters(donor="UK")) == len(UK_ROWS)
    assert count_commitments(session) == 5
    assert count_commitments(session, Filters(since=date(2023, 1, 1))) == 5


def test_streamed_rows_are_the_listed_rows(session: Session) -> None:
    listed = find_commitments(session, Filters(recipient="Ukraine"))
    assert list(iter_commitments(session, Filters(recipient="Ukraine"), batch=2)) == listed
    assert [tuple(row) for row in iter_rows(session)] == [
        astuple(view) for view in find_commitments(session)
    ]


def test_streaming_an_unknown_actor_fails_at_once(session: Session) -> None:
    with pytest.raises(UnknownActor):
        iter_commitments(session, Filters(donor="Narnia"))  # before the first row is asked for
