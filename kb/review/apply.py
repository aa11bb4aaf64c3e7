"""A person's corrections applied to the reports an extraction of one article gives.

Every correction of the article is applied, oldest first, to the report its evidence
names (kb.review.anchor) among those the rules gave: a `correct` sets fields, a `reject`
marks the report as no commitment and a `restore` takes that back; an `add` is a report of
its own. The rules' values of each field a correction sets are kept beside it, so that a
reader sees both. A correction whose evidence yields no report is orphaned: it is kept by
storage, and applies again once an extraction gives its report back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from kb.extract.phrases import item_term
from kb.gazetteer import load
from kb.records import CORRECTABLE, Actor, Correction, Mention
from kb.review.anchor import anchor

ADDED_RULE = "added"  # the rule of a report a person added


@dataclass(frozen=True)
class Applied:
    """The article's reports with its corrections applied; for each correction (by id) the
    position of its report (None: orphaned), and the rules' values of what it set."""

    mentions: tuple[Mention, ...]
    attached: dict[int, int | None]
    extracted: dict[int, dict[str, Any]]


def actor_named(name: str) -> Actor:
    """The actor of a canonical name the gazetteer gave; one it no longer lists stays an
    actor of that name (storage keys it by its name)."""
    return load().actor(name) or Actor(name=name, kind="other")


def value_of(mention: Mention, name: str) -> Any:
    """A field of a report as a correction states it (actors by name, dates as ISO text)."""
    if name in ("donor", "recipient"):
        actor = getattr(mention, name)
        return None if actor is None else actor.name
    if name == "announced":
        return None if mention.announced is None else mention.announced.isoformat()
    return getattr(mention, name)


def corrected(mention: Mention, values: Mapping[str, Any]) -> Mention:
    """`mention` with the fields `values` sets, and what follows from them: the canonical
    item, category and aid type of a new item; money's own for a new amount."""
    changes: dict[str, Any] = {}
    for role in ("donor", "recipient"):
        if role in values:
            changes[role] = None if values[role] is None else actor_named(values[role])
    if "item" in values:
        changes.update(_item(values["item"], mention.is_money or "amount" in values))
    for name in ("quantity", "unit", "amount", "currency", "status"):
        if name in values:
            changes[name] = values[name]
    if "amount" in values and not mention.is_money:
        aid_type = "financial" if mention.aid_type != "humanitarian" else "humanitarian"
        changes.update(canonical="money", category="money", aid_type=aid_type)
    if "announced" in values:
        changes["announced"] = date.fromisoformat(values["announced"])
        changes["announced_precision"] = values.get("announced_precision", "day")
    fixed = tuple(sorted({*mention.fixed, *(n for n in values if n != "announced_precision")}))
    return replace(mention, **changes, fixed=fixed, review=mention.review or "corrected")


def _item(text: str, money: bool) -> dict[str, Any]:
    """The item fields of a report whose item a person named."""
    if money:  # a sum stays money: the words only say what kind ("a loan")
        return {"item": text}
    term = item_term(text)
    return {
        "item": text,
        "canonical": term.canonical,
        "category": term.category,
        "aid_type": term.aid_type,
    }


def added(correction: Correction, text: str) -> Mention | None:
    """The report a person added, where its evidence is in the article's `text`."""
    found = _find(correction, text)
    if found is None:
        return None
    start, end = found
    values = correction.values
    money = values.get("amount") is not None
    recipient = values.get("recipient")
    base = Mention(
        donor=actor_named(values["donor"]),
        recipient=None if recipient is None else actor_named(recipient),
        item=values.get("item") or ("funding" if money else ""),
        status=values["status"],
        evidence=text[start:end],
        span=(start, end),
        rule=ADDED_RULE,
        review="added",
    )
    if not money:  # a sum is made money by `corrected`, as a corrected amount is
        base = replace(base, **_item(values["item"], False))
    fields = {k: v for k, v in values.items() if k not in ("donor", "recipient", "item", "status")}
    return replace(corrected(base, fields), review="added", fixed=())


def _find(correction: Correction, text: str) -> tuple[int, int] | None:
    """Where the evidence stands in the text: at its span if it is still there, else first;
    the spaces and line breaks between its words may differ (a person types it again)."""
    start, end = correction.span
    if correction.evidence and text[start:end] == correction.evidence:
        return start, end
    words = correction.evidence.split()
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    return None if found is None else found.span()


def apply(mentions: Sequence[Mention], corrections: Sequence[Correction], text: str) -> Applied:
    """The reports `mentions` of one article (whose text is `text`) with `corrections`
    applied, oldest first (see the module's docstring)."""
    given = list(mentions)  # what each report was before any correction: what anchors read
    current = list(mentions)
    attached: dict[int, int | None] = {}
    extracted: dict[int, dict[str, Any]] = {}
    for c in sorted(corrections, key=lambda c: c.id):
        if c.action == "add":
            new = added(c, text)
            attached[c.id] = None if new is None else len(current)
            if new is not None:
                given.append(new)
                current.append(new)
            continue
        at = attached[c.id] = anchor(c, given)
        if at is None:
            continue
        if c.action == "correct":
            extracted[c.id] = {n: value_of(given[at], n) for n in c.values if n in CORRECTABLE}
            current[at] = corrected(current[at], c.values)
        else:
            current[at] = replace(current[at], rejected=c.action == "reject")
    return Applied(tuple(current), attached, extracted)
