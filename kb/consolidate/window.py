"""Consolidating again after a change, from the months it touches rather than from the start.

kb.consolidate.rule takes a group's mentions in date order and decides each from what came
before it alone. So after reports are added to a group or taken from it:

- before the earliest date a change touches, every decision is the one already stored;
- from there on, the commitments are those stored, but for a few that the changes made
  otherwise (an added report joined one, a removed one left one, a report went elsewhere
  because of either): call those spoilt;
- the stored decision for a report chose its commitment as the best of those open then. Of
  the commitments as they are now, those not spoilt are as they were stored, so the rule's
  decision now is the stored one or one of the spoilt ones: the rule need only compare the
  report with the spoilt commitments still open, however many others the group holds
  open (a donor's money for one country may hold dozens). A report of a spoilt commitment,
  and an added one, is decided by the whole rule;
- a commitment whose last report is more than NEXT_STAGE_DAYS older than a mention can take
  no mention from then on: once no spoilt commitment is open, every decision is the stored
  one.

`reconsolidate` gives exactly what `consolidate` gives over every mention of the group
(tests/test_window.py holds it to that). It needs the mentions that `needed` says, with
every mention of each commitment they belong to; a group with a report of unknown date
(which may join any commitment, however old) is consolidated whole instead.

Nor does it need what lies past the point where no spoilt commitment is open after the
last change: read up to a date `until` (kb.storage.reading reads HORIZON_DAYS past the
last change), it needs only the later mentions of the commitments it read, and says so
(Unsettled) where a spoilt commitment is still open past it: the group is then read to its
end.
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
    compatible,
    days_apart,
    ended,
    order,
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
class _Replay:
    """The commitments as the replay makes them, beside those stored: which group is which
    stored commitment so far (clean), which stored commitments no group is (spoilt), and
    the groups that are no stored commitment (stray), in the order started."""

    found: Candidates
    stored: Mapping[int, Hashable]
    changes: Changes
    clean: dict[Hashable, Group] = field(default_factory=dict)
    spoilt: set[Hashable] = field(default_factory=set)
    stray: list[Group] = field(default_factory=list)
    owner: dict[int, Hashable] = field(default_factory=dict)  # id of a clean group -> its own
    last: dict[Hashable, StoredMention] = field(default_factory=dict)  # a stored one's latest

    def follow(self, m: StoredMention) -> None:
        """Decide `m` as stored, with no stray commitment open (before any change)."""
        self._as_stored(m, self.stored[m.id], None)

    def decide(self, m: StoredMention) -> None:
        """Decide `m` as the rule does over every mention so far (see the module's docstring)."""
        self.stray = [g for g in self.stray if not ended(g, m)]  # in date order: for good
        cid = None if m.id in self.changes.added else self.stored[m.id]
        if cid is None or cid in self.spoilt:
            self._strayed(self.found.place(m))
            if cid is not None:
                self.last[cid] = m
        else:
            self._as_stored(m, cid, [g for g in self.stray if compatible(g, m)])

    def _as_stored(self, m: StoredMention, cid: Hashable, rivals: list[Group] | None) -> None:
        """Put `m` in its stored commitment `cid` (clean), or start it, unless one of the stray
        `rivals` (compatible with it) is nearer in time or, as near, started first."""
        own = self.clean.get(cid)
        best = own
        for group in rivals or ():
            if best is None or (days_apart(group.last, m), group.started) < (
                days_apart(best.last, m),
                best.started,
            ):
                best = group
        if best is None:
            best = Group([m])
            self.found.start(best)
            self.clean[cid] = best
            self.owner[id(best)] = cid
        else:
            best.add(m)
            if best is not own:
                self.spoil(cid)
        self.last[cid] = m

    def _strayed(self, group: Group) -> None:
        """`group` took a mention its stored commitment did not have (or has none)."""
        cid = self.owner.get(id(group))
        if cid is not None:
            self.spoil(cid)
        elif group not in self.stray:
            self.stray.append(group)
            self.stray.sort(key=lambda g: g.started)

    def spoil(self, cid: Hashable) -> None:
        self.spoilt.add(cid)
        group = self.clean.pop(cid, None)
        if group is not None:
            del self.owner[id(group)]
            self.stray.append(group)
            self.stray.sort(key=lambda g: g.started)

    def unsettled_at(self, m: StoredMention) -> bool:
        """Whether a commitment the changes made otherwise may still be open at `m`: a stray
        one, a spoilt stored one, or one whose last report was removed (what it held is
        gone, so the stored decisions cannot be trusted near it)."""
        assert m.when is not None
        recent = m.when - timedelta(days=LOOKBACK_DAYS)
        return (
            any(recent <= day <= m.when for day in self.changes.removed_dates)
            or any(not ended(g, m) for g in self.stray)
            or any(not too_old(self.last[c], m) for c in self.spoilt if c in self.last)
        )


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
    replay = _Replay(Candidates(), stored, changes)
    # Before the earliest change, every decision is the stored one (all are dated).
    before = [m for m in ordered if m.when is not None and m.when < start]
    for m in before:
        replay.follow(m)
    for cid in changes.shrunk:  # a report of it is gone: it is not what was stored
        replay.spoil(cid)
    for m in ordered[len(before) :]:
        assert m.when is not None
        if until is not None and m.when > until and replay.unsettled_at(m):
            raise Unsettled(f"not settled by {until}")
        replay.decide(m)
    if until is not None and ordered:
        # Past `until`, mentions not read may be decided otherwise now: settled only if
        # nothing the changes made otherwise is open the day after.
        beyond = replace(ordered[-1], when=until + timedelta(days=1), precision="day")
        if replay.unsettled_at(beyond):
            raise Unsettled(f"not settled by {until}")
    return sorted(replay.found.every, key=lambda g: order(g.mentions[0]))
