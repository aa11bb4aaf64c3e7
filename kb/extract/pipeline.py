"""The extraction pipeline: sentences, then mentions, then roles, status and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract.actors import ActorMention, find_actors
from kb.extract.dates import find_date
from kb.extract.items import ItemMention, find_items
from kb.extract.lexicon import MONEY_ITEMS
from kb.extract.money import Money, find_money
from kb.extract.roles import (
    agent_after,
    agent_before,
    coordinated,
    has_anaphor,
    main_recipient,
    receiving,
    recipient_in,
    respectively,
    subject,
)
from kb.extract.sentences import Sentence, split_sentences
from kb.extract.status import clause_around, is_giving, is_negated, is_request, status_of
from kb.records import Actor, Article, Commitment

_MONEY_ITEM = re.compile(rf"\b{MONEY_ITEMS}\b", re.IGNORECASE)


@dataclass
class _Memory:
    """What earlier sentences said: the donor that "it" and "the country" refer to."""

    donor: Actor | None = None
    sentence: int = -10
    paragraph: int = -1


@dataclass(frozen=True)
class _Found:
    """A record with the canonical item that decides which records are the same."""

    record: Commitment
    canonical: str
    designation: bool


def extract(article: Article) -> list[Commitment]:
    """Return the commitments stated in the article, one per donor, recipient and item."""
    sentences = split_sentences(article.text)
    default = main_recipient(sentences)
    memory = _Memory()
    found: list[_Found] = []
    for index, sentence in enumerate(sentences):
        found.extend(_sentence(article, sentence, index, default, memory))
    return _merge(found)


def _sentence(
    article: Article, sentence: Sentence, index: int, default: Actor | None, memory: _Memory
) -> list[_Found]:
    text = sentence.text
    actors = find_actors(text)
    money = find_money(text)
    items = [
        i for i in find_items(text, [(m.start, m.end) for m in money])
        if i.quantity is not None or not i.umbrella
    ]
    mentions: list[Money | ItemMention] = sorted([*money, *items], key=lambda m: m.start)
    if not is_giving(text):
        return []
    lead = subject(text, actors, mentions[0].start if mentions else len(text))
    if not mentions:
        if lead:
            _remember(memory, lead.actor, sentence, index)
        return []
    zipped = _respectively(text, actors, money, items)
    announced = find_date(text, article.published)
    out: list[_Found] = []
    for mention in mentions:
        left, right = clause_around(text, mention.start, mention.end)
        clause = text[left:right]
        if is_negated(clause) or is_request(text[left : mention.start]):
            continue
        donor, recipient, rule = _roles(text, actors, mention, left, default, zipped)
        if donor is None and _may_refer_back(memory, sentence, index, text, mention.start):
            donor, rule = memory.donor, "anaphora"
        if donor is None:
            continue
        if recipient is None and default is not None and default != donor:
            recipient = default
        if rule != "anaphora":
            _remember(memory, donor, sentence, index)
        status = status_of(clause, mention.start - left) or "committed"
        out.append(_record(mention, donor, recipient, status, sentence, announced, rule, text))
    return out


def _roles(
    text: str,
    actors: list[ActorMention],
    mention: Money | ItemMention,
    left: int,
    default: Actor | None,
    zipped: dict[int, tuple[Actor | None, Actor | None]],
) -> tuple[Actor | None, Actor | None, str]:
    donor: Actor | None = None
    recipient: Actor | None = None
    rule = "subject"
    if mention.start in zipped:
        donor, recipient = zipped[mention.start]
        rule = "respectively"
    agent = agent_after(text, actors, mention.end) or agent_before(text, actors, mention.start)
    if donor is None and agent is not None:
        donor, rule = agent.actor, "agent"
    cue = recipient_in(text, actors, mention.start, mention.end, donor)
    if recipient is None and cue is not None:
        recipient = cue.actor
    clause_actors = [a for a in actors if a.start >= left and a.actor != recipient]
    lead = subject(text, clause_actors, mention.start) or subject(
        text, [a for a in actors if a.actor != recipient], mention.start
    )
    if lead is not None and receiving(text[left:], mention.start - left):
        recipient = recipient or lead.actor
        lead = None
    if donor is None and lead is not None:
        donor = lead.actor
    if recipient == donor:
        recipient = None
    return donor, recipient, rule


def _respectively(
    text: str, actors: list[ActorMention], money: list[Money], items: list[ItemMention]
) -> dict[int, tuple[Actor | None, Actor | None]]:
    """Pair "A and B pledged X and Y respectively" (or "X and Y to A and B")."""
    if not respectively(text):
        return {}
    pairs: dict[int, tuple[Actor | None, Actor | None]] = {}
    for group in (money, items):
        if len(group) < 2:
            continue
        first, last = group[0].start, group[-1].end
        donors = coordinated(actors, text, 0, first)
        recipients = coordinated(actors, text, last, len(text))
        if len(recipients) == len(group):
            pairs.update({m.start: (None, r) for m, r in zip(group, recipients, strict=True)})
        elif len(donors) == len(group):
            pairs.update({m.start: (d, None) for m, d in zip(group, donors, strict=True)})
    return pairs


def _may_refer_back(memory: _Memory, sentence: Sentence, index: int, text: str, at: int) -> bool:
    if memory.donor is None:
        return False
    close = sentence.paragraph == memory.paragraph or index - memory.sentence <= 2
    return close or has_anaphor(text, at)


def _remember(memory: _Memory, donor: Actor, sentence: Sentence, index: int) -> None:
    memory.donor, memory.sentence, memory.paragraph = donor, index, sentence.paragraph


def _record(
    mention: Money | ItemMention,
    donor: Actor,
    recipient: Actor | None,
    status: str,
    sentence: Sentence,
    announced: object,
    rule: str,
    text: str,
) -> _Found:
    common = {
        "donor": donor, "recipient": recipient, "status": status, "evidence": sentence.text,
        "span": (sentence.start, sentence.end), "announced": announced,
    }
    if isinstance(mention, Money):
        near = _MONEY_ITEM.search(text, mention.end) or _MONEY_ITEM.search(text)
        item = near.group().lower() if near else "funding"
        record = Commitment(item=item, category="money", amount=mention.amount,
                            currency=mention.currency, rule=f"money/{rule}", **common)  # type: ignore[arg-type]
        return _Found(record, f"money:{mention.currency}:{mention.amount:.0f}", False)
    term = mention.term
    record = Commitment(
        item=mention.text, category=term.category, quantity=mention.quantity,
        qualifier=mention.qualifier if mention.quantity is not None else None,
        unit=mention.unit, rule=f"item/{rule}", **common,  # type: ignore[arg-type]
    )
    designation = term.canonical[:1].isupper() or any(c.isdigit() for c in term.canonical)
    return _Found(record, term.canonical.lower(), designation)


def _merge(found: list[_Found]) -> list[Commitment]:
    """One record per donor, recipient and item, keeping the most specific figures."""
    best: dict[tuple[str, str, str], _Found] = {}
    for entry in found:
        record = entry.record
        key = (record.donor.name, record.recipient.name if record.recipient else "", entry.canonical)
        current = best.get(key)
        if current is None or _specificity(entry) > _specificity(current):
            best[key] = entry
    kept = list(best.values())
    # "Modern tanks" beside "14 Challenger 2 tanks" from the same donor is the same
    # commitment told in vaguer words.
    specific = {(f.record.donor.name, f.record.category) for f in kept if f.designation}
    result = [
        f.record for f in kept
        if f.designation or f.record.quantity is not None or f.record.category == "money"
        or (f.record.donor.name, f.record.category) not in specific
    ]
    return result


def _specificity(entry: _Found) -> tuple[int, int]:
    record = entry.record
    return (record.quantity is not None or record.amount is not None, record.unit is not None)
