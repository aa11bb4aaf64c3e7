"""Consolidating again after a change, from the months it touches rather than from the start.

kb.consolidate.rule takes a group's mentions in date order and decides each from what came
before it alone. So after reports are added to a group or taken from it:

- before the earliest date a change touches, every decision is the one already stored;
- a commitment whose last report is more than NEXT_STAGE_DAYS older than a mention can take
  no mention from then on, so only the commitments still open there carry what came before
  into what comes after;
- once the commitments open at some point are those stored there, and no change lies
  between that point and the next change, every decision up to it is the stored one again.

`reconsolidate` replays the rule from the earliest change, follows the stored decisions
wherever the open commitments are those stored, and replays again at each change, giving
exactly what `consolidate` gives over every mention of the group (tests/test_window.py
holds it to that). It needs the mentions that `needed` says, with every mention of each
commitment they belong to; a group with a report of unknown date (which may join any
commitment, however old) is consolidated whole instead.

Nor does it need what lies past the point where the replay meets the stored decisions
after the last change: read up to a date `until` (kb.storage.reading reads HORIZON_DAYS
past the last change), it needs only the later mentions of the commitments it read, and
says so (Unsettled) where the replay has not met the stored decisions by then: the group is
then read to its end.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from kb.consolidate.rule import (
    NEXT_STAGE_DAYS,
    Candidates,
    Group,
    StoredMention,
    ended,
    order,
    signed,
    too_old,
)

# How far before the earliest change a mention may be the last report of a commitment that a
# change can still join: the join window and a day, and for a date known only to its month
# or year, the rest of that month or year.
MARGIN_DAYS = NEXT_STAGE_DAYS + 1
SLACK_DAYS = {"day": 0, "month": 31, "year": 366}
LOOKBACK_DAYS = MARGIN_DAYS + max(SLACK_DAYS.values())
# How far past a group's last change it is read at first. A commitment a change starts or
# ends stays open NEXT_STAGE_DAYS past its last report, so most replays meet the stored
# decisions within twice that.
HORIZON_DAYS = 2 * MARGIN_DAYS


class Unsettled(Exception):
    """The replay had not met the stored decisions by the last date read: read on."""


def needed(mention: StoredMention, earliest: date) -> bool:
    """Whether `mention` may matter to consolidating again from `earliest` on: it is undated,
    or its date (to its precision) ends less than MARGIN_DAYS before."""
    if mention.when is None:
        return True
    slack = SLACK_DAYS.get(mention.precision, 0)
    return mention.when >= earliest - timedelta(days=MARGIN_DAYS + slack)


@dataclass(frozen=True)
class Changes:
    """What changed in one group since its commitments were stored: the mentions added (by
    id), the dates of those removed, and the commitments that lost them."""

    added: Collection[int]
    removed_dates: Collection[date] = ()
    shrunk: Collection[Hashable] = ()

    def dates(self, mentions: Sequence[StoredMention]) -> list[date]:
        added = [m.when for m in mentions if m.id in self.added and m.when is not None]
        return sorted({*added, *self.removed_dates})


@dataclass
class _Stored:
    """The stored decisions as the replay passes them: each commitment's mentions so far,
    and their signature (rule.signed), which is what a comparison reads first."""

    changes: Changes
    members: dict[Hashable, list[StoredMention]] = field(default_factory=dict)
    signatures: dict[Hashable, tuple[int, int, int]] = field(default_factory=dict)

    def add(self, commitment: Hashable, mention: StoredMention) -> None:
        self.members.setdefault(commitment, []).append(mention)
        self.signatures[commitment] = signed(self.signatures.get(commitment, (0, 0, 0)), mention.id)

    def open_at(self, mention: StoredMention) -> dict[tuple[int, int, int], Hashable] | None:
        """The stored commitments open at `mention`, by their signatures; None while a
        stored one that held a removed mention may be open there (what it held is gone, so
        no commitment of now can be the same)."""
        assert mention.when is not None
        recent = mention.when - timedelta(days=LOOKBACK_DAYS)
        if any(recent <= day <= mention.when for day in self.changes.removed_dates):
            return None  # a removed mention may be the last report of one still open
        out: dict[tuple[int, int, int], Hashable] = {}
        for cid, ms in list(self.members.items()):
            if too_old(ms[-1], mention):
                del self.members[cid]  # mentions come in date order: it stays too old
            elif cid in self.changes.shrunk:
                return None
            else:
                out[self.signatures[cid]] = cid
        return out


def reconsolidate(
    mentions: Sequence[StoredMention],
    stored: Mapping[int, Hashable],
    changes: Changes,
    until: date | None = None,
) -> list[Group]:
    """The commitments of one group after `changes`, as `consolidate` would make them of all
    its mentions; `mentions` are those the module's docstring says, all dated, and `stored`
    the commitment each belonged to (an added one: none). Commitments with no mention in
    `mentions` are as they were, and are not returned. With `until`, the group's mentions
    were read up to that date and past it only those of the commitments read: Unsettled
    where that is not enough."""
    ordered = sorted(mentions, key=order)
    if any(m.when is None for m in ordered):
        raise ValueError("a report of unknown date: consolidate the group whole")
    points = changes.dates(ordered)
    start = points[0] if points else date.max
    found = Candidates()
    old = _Stored(changes)
    # Where the replay starts: the stored commitments so far (a prefix: all are dated).
    before = [m for m in ordered if m.when is not None and m.when < start]
    following: dict[Hashable, Group] = {}
    for m in before:
        old.add(stored[m.id], m)
        _follow(m, stored[m.id], following, found)
    settled = _replay(ordered[len(before) :], stored, changes.added, points, found, old, until)
    if until is not None and not settled and ordered:
        # Past `until`, mentions not read may be decided otherwise now: settled only if
        # the commitments open the day after are the stored ones.
        beyond = replace(ordered[-1], when=until + timedelta(days=1), precision="day")
        if not _quiet(points, len(points), beyond) or _same_open(beyond, old, found) is None:
            raise Unsettled(f"not settled by {until}")
    return sorted(found.every, key=lambda g: order(g.mentions[0]))


def _replay(
    rest: list[StoredMention],
    stored: Mapping[int, Hashable],
    added: Collection[int],
    points: list[date],
    found: Candidates,
    old: _Stored,
    until: date | None = None,
) -> bool:
    """Decide `rest` in order: by the rule from each change on, by the stored decisions from
    where the commitments open are the stored ones to the next change. Whether it ended
    following the stored decisions; Unsettled for a mention past `until` that it was not
    (the rule cannot decide it from what was read)."""
    following: dict[Hashable, Group] | None = None  # stored commitment -> its group
    passed = 0  # the change points at or before the mention in hand
    for at, m in enumerate(rest):
        assert m.when is not None
        while passed < len(points) and points[passed] <= m.when:
            passed += 1
            following = None  # a change: decide by the rule again
        if following is None and until is not None and m.when > until:
            raise Unsettled(f"not settled by {until}")
        if following is not None:
            _follow(m, stored[m.id], following, found)
        else:
            found.place(m)
        if m.id not in added:
            old.add(stored[m.id], m)
        after = rest[at + 1] if at + 1 < len(rest) else None
        if following is None and after is not None and _quiet(points, passed, after):
            following = _same_open(after, old, found)
    return following is not None


def _quiet(points: list[date], passed: int, after: StoredMention) -> bool:
    """Whether every change passed so far lies strictly before `after`'s date (one on its
    date may be ordered after it)."""
    assert after.when is not None
    return passed == 0 or points[passed - 1] < after.when


def _same_open(
    after: StoredMention, old: _Stored, found: Candidates
) -> dict[Hashable, Group] | None:
    """The stored commitment of each commitment open at `after`, if those open are the stored
    ones; else None. Compared by signature, as often as every mention; by ids only where
    every signature agrees, once a time the replay meets the stored decisions again."""
    stored_open = old.open_at(after)
    if stored_open is None:
        return None
    now_open = {g.signature: g for g in found.open if not ended(g, after)}
    if now_open.keys() != stored_open.keys():
        return None
    pairs = {stored_open[signature]: group for signature, group in now_open.items()}
    for cid, group in pairs.items():
        if {m.id for m in group.mentions} != {m.id for m in old.members[cid]}:
            return None
    return pairs


def _follow(
    m: StoredMention, cid: Hashable, following: dict[Hashable, Group], found: Candidates
) -> None:
    """Put `m` where it was stored: its commitment's group, or a new one."""
    group = following.get(cid)
    if group is None:
        following[cid] = group = Group([m])
        found.start(group)
    else:
        group.add(m)
