"""The rule's shortcuts (commitments set aside once too old to join, the range of counts in
place of every count) give exactly what comparing each mention with every commitment and
every report of it gives: a reference written the plain way, over random histories."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.consolidate import rule
from kb.consolidate.rule import Group, StoredMention, consolidate, order


def _plain_compatible(group: Group, mention: StoredMention) -> bool:
    last = group.last
    moves_on = rule.STAGE[mention.status] > rule.STAGE[last.status]
    window = rule.NEXT_STAGE_DAYS if moves_on else rule.SAME_STAGE_DAYS
    if rule.STAGE[mention.status] < rule.STAGE[last.status] and mention.status != "cancelled":
        window = rule.SAME_STAGE_DAYS
    if rule.days_apart(mention, last) > window:
        return False
    if any(m.source == mention.source for m in group.mentions):
        return False
    if not all(m.general or mention.general or m.thing == mention.thing for m in group.mentions):
        return False
    if not all(
        rule._close(m.quantity, mention.quantity, rule.COUNT_TOLERANCE) for m in group.mentions
    ):
        return False
    return all(rule._same_money(m, mention) for m in group.mentions)


def _plain_consolidate(mentions: list[StoredMention]) -> list[list[int]]:
    groups: dict[tuple[Hashable, Hashable, str], list[list[StoredMention]]] = {}
    for mention in sorted(mentions, key=order):
        key = (mention.donor, mention.recipient, mention.family or mention.thing)
        candidates = [
            g for g in groups.setdefault(key, []) if _plain_compatible(Group(list(g)), mention)
        ]
        if candidates:
            min(candidates, key=lambda g: rule.days_apart(g[-1], mention)).append(mention)
        else:
            groups[key].append([mention])
    made = sorted((g for gs in groups.values() for g in gs), key=lambda g: order(g[0]))
    return [[m.id for m in g] for g in made]


_START = date(2022, 1, 1)


@st.composite
def _mentions(draw: st.DrawFn) -> list[StoredMention]:
    count = draw(st.integers(1, 40))
    out = []
    for i in range(count):
        day = draw(st.none() | st.integers(0, 900))
        thing = draw(st.sampled_from(["tank", "leopard 2", "leopard 1", "money"]))
        amount = draw(st.none() | st.sampled_from([90.0, 100.0, 105.0, 200.0]))
        out.append(
            StoredMention(
                id=i,
                donor=draw(st.sampled_from(["A", "B"])),
                recipient="C",
                thing=thing,
                family="money" if thing == "money" else "tank",
                general=thing == "tank",
                status=draw(st.sampled_from(sorted(rule.STAGE))),
                when=None if day is None else _START + timedelta(days=day),
                precision=draw(st.sampled_from(["day", "day", "month", "year"])),
                source=f"s{draw(st.integers(0, 12))}",
                position=i,
                quantity=draw(st.none() | st.sampled_from([-3.0, 0.0, 10.0, 12.0, 14.0, 20.0])),
                amount=amount,
                currency=None if amount is None else draw(st.sampled_from(["USD", "EUR"])),
                amount_usd=None if amount is None else amount * 1.1,
            )
        )
    return out


@settings(max_examples=300, deadline=None)
@given(_mentions())
def test_the_shortcuts_change_no_commitment(mentions: list[StoredMention]) -> None:
    made = [[m.id for m in g.mentions] for g in consolidate(mentions)]
    assert made == _plain_consolidate(mentions)
