"""Which commitment of a group holds another: parts in their whole, earlier commitments in
the running total that counts them. Pure, like kb.consolidate.rule.

Within one group (a donor, a recipient, a thing) and after the rule has made commitments:

1. A part (a tranche, "the first four", an allocation from a fund) belongs to a commitment
   of the group that is not itself a part and whose figure holds it: one its own article
   reports first, then one named with a word of the part's item ("the first EUR 1bn of
   its loan" in the loan), then the smallest, then the nearest in time. A part that no
   whole holds stands on its own.
2. A running total ("14 in all", "bringing its aid to EUR 2bn") holds what it counts: the
   commitments of the group reported before it (earlier totals included), the latest
   first, for as long as their figures add up to no more than its own (with
   TOTAL_TOLERANCE for rounding). A report with no figure before it is counted in it.

Sums add only what nothing holds: each whole once, never a part beside its whole, never a
running total beside its increments.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from typing import NamedTuple

from kb.consolidate.rule import Group, first_and_last, money_of, order

TOTAL_TOLERANCE = 0.10
# The words of an item that tie a part to its whole ("loan"), and those that every money
# item shares, which tie nothing.
_WORD = re.compile(r"[a-z]{3,}")
_SHARED_WORDS = frozenset(
    {"funding", "money", "aid", "assistance", "support", "package", "the", "and"}
)

# A figure to compare: a count, or money in dollars, or money in its own currency.
Figure = tuple[str, float]


def figure(group: Group) -> Figure | None:
    """The figure most reports give, as a count of its thing or an amount (in dollars
    where it converts). Counts of two named models of one family ("leopard 2", "leopard 1")
    are never compared; a general report's ("tanks") is compared with any."""
    if group.quantity is not None:
        specific = next((m.thing for m in group.mentions if not m.general), None)
        return (f"count:{specific}" if specific else "count:*", group.quantity)
    money = group.money
    if money is None:
        return None
    usd = next(
        (
            m.amount_usd
            for m in reversed(group.mentions)
            if money_of(m) == money and m.amount_usd is not None
        ),
        None,
    )
    return ("USD", usd) if usd is not None else (money[1], money[0])


def item_words(items: Iterable[str]) -> set[str]:
    """The words of a commitment's item texts that may tie a part to its whole."""
    return {w for item in items for w in _WORD.findall(item.lower())} - _SHARED_WORDS


class Weighed(NamedTuple):
    """What `holders` weighs of one commitment: its kind, its figure, when it was first
    reported, the articles that report it and the words of its items, and where its first
    report stands in the rule's order (rule.order), which breaks ties. A commitment keeps
    these stored (kb.storage), so that a group's holders are found again without its
    reports. (A named tuple: a load makes one for every commitment of a large group.)"""

    kind: str
    figure: Figure | None
    when: date | None
    sources: frozenset[Hashable]
    words: frozenset[str]
    order: tuple[date, str, int, int]


def weigh(
    group: Group, words: Iterable[str] = (), articles: Iterable[Hashable] | None = None
) -> Weighed:
    """What `holders` weighs of `group`, whose items have the words `words` (item_words);
    `articles` name the articles of its reports (by default their sources)."""
    return Weighed(
        kind=group.kind,
        figure=figure(group),
        when=first_and_last(group)[0],
        sources=frozenset(articles if articles is not None else (m.source for m in group.mentions)),
        words=frozenset(words),
        order=order(group.mentions[0]),
    )


def holders(groups: Sequence[Group], words: Sequence[set[str]] = ()) -> dict[int, int]:
    """For the commitments of one group, by index: the index of the one that holds it.
    `words`, where given, are the words of each one's item ("emergency loan"): a part goes
    to a whole that shares one before any other ("the first EUR 1bn of the loan")."""
    chosen = list(words) or [set() for _ in groups]
    return held_among([weigh(g, w) for g, w in zip(groups, chosen, strict=True)])


def held_among(weighed: Sequence[Weighed]) -> dict[int, int]:
    """`holders`, of commitments given by what it weighs of them (in the rule's order)."""
    held: dict[int, int] = {}
    kinds = [w.kind for w in weighed]
    if all(k == "new" for k in kinds):
        return held  # only a part or a running total is held or holds: the common case
    figures = [w.figure for w in weighed]
    whens = [w.when for w in weighed]
    wholes = _Wholes(kinds, figures, [w.sources for w in weighed], [w.words for w in weighed])
    for i in (i for i, k in enumerate(kinds) if k == "part"):
        whole = wholes.of(i, whens)
        if whole is not None:
            held[i] = whole
    dated_totals = [i for i, k in enumerate(kinds) if k == "total" and whens[i] is not None]
    for t in sorted(dated_totals, key=lambda i: (whens[i] or date.min, i)):
        _count_into(t, held, figures, whens)
    return held


class _Wholes:
    """What a part's whole is chosen among, indexed so that a group of thousands of
    commitments and parts is not scanned once a part: the wholes (commitments that are not
    parts) by unit in order of size, by article and by item word.

    `of` chooses as the module says: a whole the part's own article reports, then one of the
    same item words, then the smallest, then the nearest in time (then the first)."""

    def __init__(
        self,
        kinds: list[str],
        figures: list[Figure | None],
        sources: list[frozenset[Hashable]],
        words: list[frozenset[str]],
    ) -> None:
        self.figures, self.sources, self.words = figures, sources, words
        self.by_unit: dict[str, list[tuple[float, int]]] = {}
        self.by_source: dict[Hashable, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        for j, kind in enumerate(kinds):
            found = figures[j]
            if kind == "part" or found is None:
                continue
            self.by_unit.setdefault(found[0], []).append((found[1], j))
            for source in sources[j]:
                self.by_source.setdefault(source, []).append(j)
            for word in words[j]:
                self.by_word.setdefault(word, []).append(j)
        for sizes in self.by_unit.values():
            sizes.sort()

    def of(self, part: int, whens: list[date | None]) -> int | None:
        size = self.figures[part]
        if size is None:
            return None

        def holds(j: int) -> bool:
            return j != part and _holds(self.figures[j], size)

        def nearest(js: Iterable[int]) -> int | None:
            return min(
                js,
                key=lambda j: (_size(self.figures[j]), _apart(whens[part], whens[j]), j),
                default=None,
            )

        same_article = {
            j for s in self.sources[part] for j in self.by_source.get(s, ()) if holds(j)
        }
        if same_article:
            return min(
                same_article,
                key=lambda j: (not self.words[part] & self.words[j], _size(self.figures[j]),
                               _apart(whens[part], whens[j]), j),
            )  # fmt: skip
        same_words = {j for w in self.words[part] for j in self.by_word.get(w, ()) if holds(j)}
        if same_words:
            return nearest(same_words)
        return nearest(self._smallest(size))

    def _smallest(self, size: Figure) -> list[int]:
        """The wholes of the smallest figure that holds `size`, of every comparable unit."""
        best: list[tuple[float, int]] = []
        for unit, sizes in self.by_unit.items():
            if not _comparable(unit, size[0]):
                continue
            # The first figure that holds it, and those equal to it: not every larger one.
            at = bisect.bisect_left(sizes, (size[1], -1))
            if at < len(sizes):
                best += sizes[at : bisect.bisect_right(sizes, (sizes[at][0], math.inf))]
        if not best:
            return []
        least = min(f for f, _ in best)
        return [j for f, j in best if f == least]


def _count_into(
    t: int, held: dict[int, int], figures: list[Figure | None], whens: list[date | None]
) -> None:
    """Let the running total `t` hold the free commitments before it, latest first, while
    their figures add up to no more than its own."""
    total = figures[t]
    if total is None:
        return
    when = whens[t]
    assert when is not None
    above = _holding(t, held)
    earlier = [
        i
        for i, w in enumerate(whens)
        if i != t and i not in held and w is not None and w <= when and i not in above
    ]
    added = 0.0
    for i in sorted(earlier, key=lambda i: (whens[i] or date.min, i), reverse=True):
        size = figures[i]
        if size is not None:
            if not _comparable(size[0], total[0]):
                continue  # another model, or a currency with no rate: not comparable
            if added + size[1] > total[1] * (1 + TOTAL_TOLERANCE):
                break
            added += size[1]
        held[i] = t


def _holding(t: int, held: dict[int, int]) -> set[int]:
    """What holds `t`, up the tree (so that no two commitments hold each other)."""
    up: set[int] = set()
    while t in held and t not in up:
        up.add(held[t])
        t = held[t]
    return up


def _holds(whole: Figure | None, part: Figure | None) -> bool:
    if whole is None or part is None or not _comparable(whole[0], part[0]):
        return False
    return part[1] <= whole[1]


def _comparable(a: str, b: str) -> bool:
    """Two figures' units: the same, or counts of which one is of a general report."""
    return a == b or (a.startswith("count:") and b.startswith("count:") and "count:*" in (a, b))


def _size(f: Figure | None) -> float:
    return f[1] if f is not None else 0.0


def _apart(a: date | None, b: date | None) -> int:
    return abs((a - b).days) if a is not None and b is not None else 0
