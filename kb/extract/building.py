"""A mention, its donor, recipient and status made into the record that extraction gives."""

from __future__ import annotations

import re
from dataclasses import replace

from kb.extract.dates import Dated
from kb.extract.items import ItemMention
from kb.extract.kinds import around, finance_around, kind_around
from kb.extract.lexicon import HUMANITARIAN_MONEY_WORDS, MILITARY_MONEY_WORDS, MONEY_ITEMS
from kb.extract.merge import Found, money_key
from kb.extract.money import Money, localise
from kb.extract.resolvers import Scene
from kb.records import Actor, Mention

_MONEY_ITEM = re.compile(rf"\b{MONEY_ITEMS}\b", re.IGNORECASE)
_MILITARY_MONEY = re.compile(rf"(?<!\w)(?:{MILITARY_MONEY_WORDS})\b", re.IGNORECASE)
_HUMANITARIAN_MONEY = re.compile(rf"(?<!\w)(?:{HUMANITARIAN_MONEY_WORDS})\b", re.I)


def _money_aid_type(text: str) -> str:
    """Money is financial aid unless the sentence says what kind it pays for."""
    if _MILITARY_MONEY.search(text):
        return "military"
    if _HUMANITARIAN_MONEY.search(text):
        return "humanitarian"
    return "financial"


def record_of(
    mention: Money | ItemMention,
    parties: tuple[Actor, Actor | None],
    status: str,
    scene: Scene,
    announced: Dated | None,
    rule: str,
) -> Found:
    """The record of `mention` given by the first of `parties` to the second."""
    donor, recipient = parties
    sentence, text = scene.sentence, scene.text
    clause = around(text, mention.start, mention.end)
    base = Mention(
        donor=donor,
        recipient=recipient,
        item="funding",
        status=status,
        evidence=sentence.text,
        span=(sentence.start, sentence.end),
        rule=rule,
        announced=announced[0] if announced else None,
        announced_precision=announced[1] if announced else None,
        kind=kind_around(clause),
    )
    if isinstance(mention, Money):
        near = _MONEY_ITEM.search(text, mention.end) or _MONEY_ITEM.search(text)
        # A state writes its own dollars as "$" ("$155 million" in Canada's release); a
        # report of many donors writes US dollars.
        own = text if donor == scene.issuer else None
        currency = localise(mention, (donor.code, recipient.code if recipient else None), own)
        record = replace(
            base,
            item=near.group().lower() if near else "funding",
            category="money",
            canonical="money",
            aid_type=_money_aid_type(text),
            amount=mention.amount,
            currency=currency,
            finance=finance_around(clause),
            rule=f"money/{rule}",
        )
        other = mention.alternative
        aliases = (money_key(other[0], other[1]),) if other else ()
        return Found(record, money_key(mention.amount, currency), False, aliases)
    term = mention.term
    record = replace(
        base,
        item=mention.text,
        category=term.category,
        canonical=term.canonical,
        aid_type=term.aid_type,
        quantity=mention.quantity,
        qualifier=mention.qualifier if mention.quantity is not None else None,
        unit=mention.unit,
        rule=f"item/{rule}",
    )
    return Found(record, term.canonical.lower(), term.designation)
