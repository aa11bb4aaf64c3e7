"""Parts, wholes and running totals within a group of commitments (kb.consolidate.wholes):
sums add each whole once, never a part beside its whole, never a running total beside
what it counts (issue 12)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.consolidate.rule import Group, StoredMention
from kb.consolidate.wholes import held_among, holders, weigh
from kb.storage.holding import decode, encode

START = date(2023, 1, 2)


def commitment(
    n: int, figure: float | None, kind: str = "new", day: int = 0, source: str | None = None
) -> Group:
    return Group(
        [
            StoredMention(
                id=n,
                donor="PL",
                recipient="UA",
                thing="MiG-29",
                status="delivered",
                when=START + timedelta(days=day),
                source=source or f"a{n}",
                quantity=figure,
                kind=kind,
            )
        ]
    )


def test_the_first_four_are_inside_the_fourteen_in_all() -> None:
    groups = [commitment(0, 4, "part", day=0), commitment(1, 14, "total", day=300)]
    assert holders(groups) == {0: 1}


def test_a_tranche_goes_to_the_whole_its_own_article_reports() -> None:
    groups = [
        commitment(0, 1.5, "part", source="brief"),
        commitment(1, 9, source="older"),
        commitment(2, 18, source="brief"),
    ]
    assert holders(groups) == {0: 2}


def test_a_part_that_no_whole_holds_stands_alone() -> None:
    assert holders([commitment(0, 20, "part"), commitment(1, 5)]) == {}


def test_a_running_total_counts_what_came_before_it_only() -> None:
    groups = [
        commitment(0, 4, day=0),
        commitment(1, 6, day=10),
        commitment(2, 10, "total", day=20),
        commitment(3, 5, day=30),  # after the total: a new commitment beside it
    ]
    assert holders(groups) == {0: 2, 1: 2}


def test_a_running_total_stops_where_the_earlier_ones_exceed_it() -> None:
    # A total of 10 cannot hold 6 and 8: the older one was of another scope.
    groups = [commitment(0, 8, day=0), commitment(1, 6, day=5), commitment(2, 10, "total", day=9)]
    assert holders(groups) == {1: 2}


def test_a_later_total_holds_the_earlier_total() -> None:
    groups = [
        commitment(0, 3, day=0),
        commitment(1, 3, "total", day=1),
        commitment(2, 2, day=2),
        commitment(3, 5, "total", day=3),
    ]
    assert holders(groups) == {0: 1, 1: 3, 2: 3}


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Group], float]:
    """A donor's real increments, each perhaps reported in parts, with running totals
    reported now and then; and what was given in all."""
    sizes = draw(st.lists(st.integers(1, 50), min_size=1, max_size=8))
    groups: list[Group] = []
    given_so_far = 0
    for index, size in enumerate(sizes):
        day = index * 10
        groups.append(commitment(len(groups), size, day=day, source=f"inc{index}"))
        if size > 1 and draw(st.booleans()):  # a report of a part of it, from its article
            part = draw(st.integers(1, size - 1))
            groups.append(commitment(len(groups), part, "part", day=day, source=f"inc{index}"))
        given_so_far += size
        if draw(st.booleans()):  # a running total, reported a few days later
            groups.append(commitment(len(groups), given_so_far, "total", day=day + 3))
    return groups, float(given_so_far)


@settings(max_examples=300, deadline=None)
@given(histories())
def test_sums_add_each_whole_once(history: tuple[list[Group], float]) -> None:
    groups, given_in_all = history
    held = holders(groups)
    free = [g for i, g in enumerate(groups) if i not in held]
    assert sum(g.quantity or 0 for g in free) == given_in_all
    assert all(held.get(held[i]) != i for i in held)  # no two hold each other


def reference_whole_of(
    part: int,
    sources: list[set[str]],
    kinds: list[str],
    figures: list[tuple[str, float] | None],
    whens: list[date | None],
    words: list[set[str]],
) -> int | None:
    """The plain rule, every commitment looked at: what the index must choose alike."""
    from kb.consolidate.wholes import _apart, _holds, _size

    wholes = [
        j
        for j, k in enumerate(kinds)
        if k != "part" and j != part and _holds(figures[j], figures[part])
    ]
    if not wholes:
        return None
    return min(
        wholes,
        key=lambda j: (
            not sources[part] & sources[j],
            not words[part] & words[j],
            _size(figures[j]),
            _apart(whens[part], whens[j]),
            j,
        ),
    )


_UNITS = st.sampled_from(["count:*", "count:mig-29", "count:leopard 2", "USD", "EUR"])
_ONE = st.tuples(
    st.sampled_from(["new", "part", "total"]),
    st.none() | st.tuples(_UNITS, st.sampled_from([1.0, 2.0, 4.0, 10.0, 14.0, 100.0])),
    st.sets(st.sampled_from(["a1", "a2", "a3"]), max_size=2),
    st.sets(st.sampled_from(["loan", "grant", "tanks"]), max_size=2),
    st.none() | st.integers(0, 400),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ONE, min_size=1, max_size=14))
def test_the_index_chooses_each_part_s_whole_as_the_plain_rule_does(
    rows: list[tuple[str, tuple[str, float] | None, set[str], set[str], int | None]],
) -> None:
    from kb.consolidate.wholes import _Wholes

    kinds = [r[0] for r in rows]
    figures = [r[1] for r in rows]
    sources = [r[2] for r in rows]
    words = [r[3] for r in rows]
    whens = [None if r[4] is None else START + timedelta(days=r[4]) for r in rows]
    index = _Wholes(kinds, figures, sources, words)
    for part in (i for i, k in enumerate(kinds) if k == "part"):
        expected = reference_whole_of(part, sources, kinds, figures, whens, words)
        assert index.of(part, whens) == expected


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(
        st.tuples(st.sampled_from(["new", "part", "total"]), st.integers(1, 40)),
        min_size=1,
        max_size=12,
    ),
    words=st.lists(st.sampled_from(["loan", "grant", "tranche", "tank"]), max_size=2),
)
def test_what_a_commitment_keeps_chooses_its_holders_as_its_reports_do(
    sizes: list[tuple[str, int]], words: list[str]
) -> None:
    # kb.storage keeps weigh()'s record as text, and chooses holders again from it alone.
    groups = [commitment(n, size, kind, day=7 * n) for n, (kind, size) in enumerate(sizes)]
    kept = [decode(encode(weigh(g, words))) for g in groups]
    assert kept == [weigh(g, words) for g in groups]
    assert held_among(kept) == holders(groups, [set(words)] * len(groups))
