"""One record per commitment: merging repeated mentions within an article."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kb.records import Mention


@dataclass(frozen=True)
class Found:
    """A record with the canonical item that decides which records are the same."""

    record: Mention
    canonical: str
    designation: bool
    aliases: tuple[str, ...] = ()  # other names of the same thing: an amount's second currency


def money_key(amount: float, currency: str) -> str:
    # Three significant figures: "$5.5bn" and "$5,500m" are one amount.
    return f"money:{currency}:{float(f'{amount:.3g}'):.0f}"


def merge(found: list[Found]) -> list[Mention]:
    """One record per donor, recipient and item, keeping the most specific figures.

    An amount given in two currencies is the same commitment as either amount alone.
    Mentions of one item with different counts ("500,000 doses arrived", "a second
    batch of 2 million doses") are different commitments; a mention with no count
    joins the first counted one.
    """
    best: dict[int, Found] = {}
    exact: dict[tuple[str, ...], int] = {}
    loose: dict[tuple[str, ...], list[int]] = {}
    for number, entry in enumerate(found):
        record = entry.record
        party = (record.donor.name, record.recipient.name if record.recipient else "")
        names = [(*party, name) for name in (entry.canonical, *entry.aliases)]
        count = "" if record.quantity is None else f"{record.quantity:g}"
        slots = [s for name in names for s in loose.get(name, [])]
        if record.quantity is None:
            slot = slots[0] if slots else number
        else:
            slot = next(
                (exact[(*n, count)] for n in names if (*n, count) in exact),
                next((s for s in slots if best[s].record.quantity is None), number),
            )
        current = best.get(slot)
        if current is None or _specificity(entry) > _specificity(current):
            best[slot] = entry
        for name in names:
            exact.setdefault((*name, count), slot)
            if slot not in loose.setdefault(name, []):
                loose[name].append(slot)
    return [entry.record for entry in _fold_vague(_fold_generic(list(best.values())))]


def _fold_generic(kept: list[Found]) -> list[Found]:
    """Fold "19 jets" into "F-16s" when the donor gives one designation of that class.

    The counted figure of the generic mention moves to the designation, whose name
    is the more specific; with two designations in the class nothing is folded.
    """
    designations: dict[tuple[str, str | None], list[int]] = {}
    for index, entry in enumerate(kept):
        if entry.designation:
            designations.setdefault(_class_key(entry), []).append(index)
    dropped: set[int] = set()
    for index, entry in enumerate(kept):
        targets = designations.get(_class_key(entry), [])
        if entry.designation or entry.record.category == "money" or not targets:
            continue
        if len({kept[t].canonical for t in targets}) != 1:
            continue
        same = [t for t in targets if kept[t].record.recipient == entry.record.recipient]
        chosen = (same or targets)[0]
        target = kept[chosen]
        counted, known = entry.record.quantity, target.record.quantity
        if counted is not None and known is not None and counted != known:
            continue  # another batch of the same thing
        if counted is not None and known is None:
            record = replace(
                target.record,
                quantity=entry.record.quantity,
                qualifier=entry.record.qualifier,
                unit=entry.record.unit,
                status=entry.record.status,
                evidence=entry.record.evidence,
                span=entry.record.span,
                announced=entry.record.announced or target.record.announced,
                announced_precision=(
                    entry.record.announced_precision
                    if entry.record.announced
                    else target.record.announced_precision
                ),
            )
            kept[chosen] = replace(target, record=record)
        dropped.add(index)
    return [entry for index, entry in enumerate(kept) if index not in dropped]


def _fold_vague(kept: list[Found]) -> list[Found]:
    """Drop an uncounted class word ("additional ammunition", "a rescue team") beside
    the one record of that class its donor gives ("1,000 rounds", "65 rescuers")."""
    classes: dict[tuple[str, str | None], list[int]] = {}
    for index, entry in enumerate(kept):
        classes.setdefault(_class_key(entry), []).append(index)
    dropped: set[int] = set()
    for index, entry in enumerate(kept):
        record = entry.record
        vague = entry.canonical == (record.category or "") or record.category == "personnel"
        if record.quantity is not None or entry.designation or not vague:
            continue
        others = [i for i in classes[_class_key(entry)] if i != index and i not in dropped]
        if len(others) == 1 and kept[others[0]].record.quantity is not None:
            dropped.add(index)
    return [entry for index, entry in enumerate(kept) if index not in dropped]


def _class_key(entry: Found) -> tuple[str, str | None]:
    return (entry.record.donor.name, entry.record.category)


def _specificity(entry: Found) -> tuple[bool, bool, bool]:
    record = entry.record
    counted = record.quantity is not None or record.amount is not None
    return (counted, record.unit is not None, bool(entry.aliases))
