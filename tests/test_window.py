"""Consolidating again from the months a change touches (kb.consolidate.window) gives what
consolidating every mention of the group gives, over random histories of additions and
removals, however far apart in time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.consolidate.rule import STAGE, StoredMention, consolidate
from kb.consolidate.window import HORIZON_DAYS, Changes, Unsettled, needed, reconsolidate

_START = date(2022, 1, 1)


@st.composite
def _mention(draw: st.DrawFn, i: int, span: int) -> StoredMention:
    thing = draw(st.sampled_from(["tank", "leopard 2", "leopard 1"]))
    return StoredMention(
        id=i,
        donor="A",
        recipient="B",
        thing=thing,
        family="tank",
        general=thing == "tank",
        status=draw(st.sampled_from(sorted(STAGE))),
        when=_START + timedelta(days=draw(st.integers(0, span))),
        precision=draw(st.sampled_from(["day", "day", "day", "month", "year"])),
        source=f"s{draw(st.integers(0, 30))}",
        position=i,
        quantity=draw(st.none() | st.sampled_from([10.0, 12.0, 14.0, 20.0])),
    )


@st.composite
def _history(draw: st.DrawFn) -> tuple[list[StoredMention], set[int], set[int]]:
    """Mentions, those of them added by the change, and those it removed."""
    span = draw(st.sampled_from([60, 400, 2000]))
    count = draw(st.integers(1, 60))
    mentions = [draw(_mention(i, span)) for i in range(count)]
    ids = [m.id for m in mentions]
    added = set(draw(st.lists(st.sampled_from(ids), max_size=4)))
    removed = set(draw(st.lists(st.sampled_from(ids), max_size=3))) - added
    return mentions, added, removed


def _window(
    after: list[StoredMention], stored: dict[int, int], changes: Changes, until: date = date.max
) -> list[StoredMention]:
    """What kb.storage.reading reads: the mentions `needed` from the earliest change on (up
    to `until`), with every mention of each commitment they belong to."""
    points = changes.dates(after)
    if not points:
        return []
    near = [m for m in after if needed(m, points[0]) and m.when is not None and m.when <= until]
    touched = {stored[m.id] for m in near if m.id in stored} | set(changes.shrunk)
    return [m for m in after if m in near or stored.get(m.id) in touched]


def _changed(
    history: tuple[list[StoredMention], set[int], set[int]],
) -> tuple[list[StoredMention], dict[int, int], Changes]:
    """The mentions after the change, the commitment each belonged to before it (by the
    whole rule), and the change."""
    mentions, added, removed = history
    before = [m for m in mentions if m.id not in added]
    stored = {m.id: n for n, g in enumerate(consolidate(before)) for m in g.mentions}
    changes = Changes(
        added=added,
        removed_dates=[m.when for m in mentions if m.id in removed and m.when is not None],
        shrunk={stored[i] for i in removed},
    )
    return [m for m in mentions if m.id not in removed], stored, changes


@settings(max_examples=400, deadline=None)
@given(_history())
def test_a_window_gives_what_the_whole_group_gives(
    history: tuple[list[StoredMention], set[int], set[int]],
) -> None:
    after, stored, changes = _changed(history)
    read = _window(after, stored, changes)
    whole = [[m.id for m in g.mentions] for g in consolidate(after)]
    got = [[m.id for m in g.mentions] for g in reconsolidate(read, stored, changes)]
    seen = {m.id for m in read}
    assert got == [g for g in whole if seen & set(g)]


@settings(max_examples=400, deadline=None)
@given(_history(), st.sampled_from([0, 20, 150, HORIZON_DAYS]))
def test_a_window_read_up_to_a_date_gives_the_same_or_asks_for_more(
    history: tuple[list[StoredMention], set[int], set[int]], horizon: int
) -> None:
    """Read up to `horizon` days past the last change (and past it, only the mentions of the
    commitments read): the same commitments as the whole group gives, or Unsettled."""
    after, stored, changes = _changed(history)
    points = changes.dates(after)
    until = (points[-1] if points else _START) + timedelta(days=horizon)
    read = _window(after, stored, changes, until)
    whole = [[m.id for m in g.mentions] for g in consolidate(after)]
    try:
        got = [[m.id for m in g.mentions] for g in reconsolidate(read, stored, changes, until)]
    except Unsettled:
        return  # read on to the end, as the test above does
    seen = {m.id for m in read}
    assert got == [g for g in whole if seen & set(g)]


def test_a_report_of_unknown_date_asks_for_the_whole_group() -> None:
    undated = StoredMention(1, "A", "B", "tank", "committed", None, "s")
    with pytest.raises(ValueError, match="unknown date"):
        reconsolidate([undated], {}, Changes(added={1}))
