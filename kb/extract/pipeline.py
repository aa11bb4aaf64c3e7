"""The extraction pipeline: sentences, then mentions, then roles, status and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from kb.extract.actors import ActorMention, find_actors
from kb.extract.dates import find_date
from kb.extract.items import ItemMention, find_items
from kb.extract.lexicon import (
    CAPABILITY,
    CARRYING,
    DEPLOYING_VERBS,
    MONEY_ITEMS,
    PERMISSION_WORDS,
    POSSESSION,
    TOTAL_WORDS,
)
from kb.extract.money import Money, find_money
from kb.extract.roles import (
    agent_after,
    agent_before,
    agent_by,
    bracketed,
    coordinated_with,
    gives_after,
    has_anaphor,
    inside,
    main_recipient,
    nearest_subject,
    origin_before,
    receiving,
    recipient_in,
    respectively,
    speaker,
    subject,
)
from kb.extract.sentences import Sentence, dateline_end, split_sentences
from kb.extract.status import clause_around, is_giving, is_negated, is_request, status_of
from kb.records import Actor, Article, Commitment

_MONEY_ITEM = re.compile(rf"\b{MONEY_ITEMS}\b", re.IGNORECASE)
_TOTAL = re.compile(rf"\b(?:{TOTAL_WORDS})\b", re.IGNORECASE)
# "the vehicles", "the unique armoured vehicles": a word or two that is no verb may
# stand between the determiner and the item.
_DEFINITE = re.compile(
    r"\b(?:the|these|those|such|its|their|our|his|her)\s+(?:(?![\w-]*(?:s|ed|ing)\b)[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "shelters and essential supplies worth 15 million pounds": the goods describe the money.
_VALUED = re.compile(
    r"\s*(?:,\s*)?(?:[\w-]+\s+){0,4}?(?:worth|valued at|at a cost of|costing)\s+\S*\d", re.I
)
_EACH = re.compile(r"[\s,]*(?:of\s+[\w\s-]{0,30}?)?\beach\b", re.IGNORECASE)
_CARRYING = re.compile(rf"\s*(?:[\w-]+\s+){{0,2}}?(?:{CARRYING})\b", re.IGNORECASE)
_CAPABILITY = re.compile(rf"\b(?:{CAPABILITY})\b", re.IGNORECASE)
_POSSESSION = re.compile(
    rf"\b(?:{POSSESSION})\s+(?:a total of\s+|only\s+|about\s+|around\s+|some\s+)?$", re.I
)
_PERMISSION = re.compile(rf"\b(?:{PERMISSION_WORDS})\b", re.IGNORECASE)
_DEPLOYED_BEFORE = re.compile(rf"\b(?:{DEPLOYING_VERBS})\W+(?:[\w’'-]+\W+){{0,4}}$", re.I)
_DEPLOYED_AFTER = re.compile(
    rf"^\W*(?:(?:have|has|had|were|was|are|is|will|would|to)\s+)?(?:also\s+)?(?:been\s+|being\s+|be\s+)?"
    rf"(?:{DEPLOYING_VERBS})\b",
    re.I,
)


def _given_as_item(mention: ItemMention, text: str) -> bool:
    """Money words are money rows; people count as given only when sent or counted.

    "The vehicles" or "these jets" without a count point back at an item named
    before, not at a new one.
    """
    if mention.term.category == "money" or _CARRYING.match(text, mention.end):
        return False
    if mention.quantity is None and _VALUED.match(text, mention.end):
        return False
    if (
        mention.quantity is None
        and not mention.term.designation
        and _DEFINITE.search(text, 0, mention.start)
    ):
        return False
    if mention.term.category != "personnel" or mention.quantity is not None:
        return True
    return bool(
        _DEPLOYED_BEFORE.search(text[: mention.start]) or _DEPLOYED_AFTER.match(text[mention.end :])
    )


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
    aliases: tuple[str, ...] = ()  # other names of the same thing: an amount's second currency


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
    opening = dateline_end(text)
    actors = [a for a in find_actors(text) if a.start >= opening]
    money = find_money(text)
    items = [
        i
        for i in find_items(text, [(m.start, m.end) for m in money])
        if i.quantity is not None or not i.umbrella
    ]
    mentions: list[Money | ItemMention] = sorted([*money, *items], key=lambda m: m.start)
    if not is_giving(text):
        return []
    lead = subject(text, actors, mentions[0].start if mentions else len(text))
    # Only a donor who gives, not one who asks or seeks approval, is the one that
    # later "it" and "the country" refer to.
    if (
        lead
        and lead.actor != default
        and gives_after(text, lead)
        and not is_request(text[lead.end :])
        and not _PERMISSION.search(text)
    ):
        _remember(memory, lead.actor, sentence, index)
    if not mentions:
        return []
    zipped = _respectively(text, actors, money, items)
    announced = find_date(text, article.published)
    out: list[_Found] = []
    previous_end = 0
    for mention in mentions:
        left, right = clause_around(text, mention.start, mention.end)
        clause = text[left:right]
        segment = (max(left, previous_end), mention.start)
        previous_end = mention.end
        if (
            is_negated(clause)
            or is_request(text[left : mention.start], text[: mention.start])
            or _PERMISSION.search(text[left : mention.start])
            or _CAPABILITY.search(text[left : mention.start])
            or _POSSESSION.search(text[max(left, mention.start - 40) : mention.start])
        ):
            continue
        if isinstance(mention, ItemMention) and not _given_as_item(mention, text):
            continue
        donors, recipient, rule = _roles(text, actors, mention, left, segment, default, zipped)
        if rule == "used":
            continue
        if (
            not donors
            and memory.donor
            and not _TOTAL.search(text)
            and _may_refer_back(memory, sentence, index, text, mention.start, bool(actors))
        ):
            donors, rule = [memory.donor], "anaphora"
        if not donors:
            continue
        if rule != "anaphora":
            _remember(memory, donors[0], sentence, index)
        status = status_of(clause, mention.start - left) or "committed"
        receivers = _each(text, actors, mention, right) or [
            recipient if recipient is not None or default in donors else default
        ]
        for donor in donors:
            for given_to in receivers:
                out.append(
                    _record(mention, donor, given_to, status, sentence, announced, rule, text)
                )
    return out


def _roles(
    text: str,
    actors: list[ActorMention],
    mention: Money | ItemMention,
    left: int,
    segment: tuple[int, int],
    default: Actor | None,
    zipped: dict[int, tuple[Actor | None, Actor | None]],
) -> tuple[list[Actor], Actor | None, str]:
    """The donors (several when coordinated), the recipient and the rule that found them."""
    donor: Actor | None = None
    recipient: Actor | None = None
    rule = "subject"
    if mention.start in zipped:
        donor, recipient = zipped[mention.start]
        rule = "respectively"
    agent = (
        agent_after(text, actors, mention.end, left)
        or inside(actors, mention.start, mention.end)
        or (bracketed(text, actors, mention.start) if isinstance(mention, Money) else None)
        or agent_before(text, actors, mention.start)
    )
    if donor is None and agent is not None:
        donor, rule = agent.actor, "agent"
    cue = recipient_in(text, actors, mention.start, mention.end, donor)
    if recipient is None and cue is not None:
        recipient = cue.actor
    # The main recipient of the article seldom gives in it: "Ukraine has used 16
    # launchers" is not a gift from Ukraine.
    others = [a for a in actors if a.actor not in (recipient, default)]
    lead = (
        nearest_subject(text, others, *segment)
        or subject(text, [a for a in others if a.start >= left], mention.start)
        or origin_before(text, others, left, mention.start)
        or subject(text, others, mention.start)
        or speaker(text, others)
    )
    if receiving(text[left:], mention.start - left):
        receiver = subject(text, actors, mention.start)
        recipient = recipient or (receiver.actor if receiver else None)
        lead = None
    user = agent_by(text, actors, mention.end)
    if user is not None and user.actor in (recipient, default):
        return [], recipient, "used"  # "16 launchers have been deployed by the Ukrainians"
    donors = [donor] if donor is not None else []
    if not donors and lead is not None:
        donors = [a for a in coordinated_with(text, actors, lead) if a not in (recipient, default)]
    if recipient in donors:
        recipient = None
    return donors, recipient, rule


def _respectively(
    text: str, actors: list[ActorMention], money: list[Money], items: list[ItemMention]
) -> dict[int, tuple[Actor | None, Actor | None]]:
    """Pair "A and B pledged X and Y respectively" (or "X and Y to A and B respectively")."""
    if not respectively(text):
        return {}
    pairs: dict[int, tuple[Actor | None, Actor | None]] = {}
    counted = [i for i in items if i.quantity is not None]
    groups: list[list[tuple[int, int]]] = [
        [(m.start, m.end) for m in money],
        [(i.start, i.end) for i in counted],
    ]
    for group in groups:
        if len(group) < 2:
            continue
        first, last = group[0][0], group[-1][1]
        before = [a for a in actors if a.end <= first]
        after = [a for a in actors if a.start >= last]
        donors = coordinated_with(text, actors, before[-1]) if before else []
        recipients = coordinated_with(text, actors, after[0]) if after else []
        if len(recipients) == len(group) and recipient_in(text, actors, first, last, None):
            pairs.update({m[0]: (None, r) for m, r in zip(group, recipients, strict=True)})
        elif len(donors) == len(group):
            pairs.update({m[0]: (d, None) for m, d in zip(group, donors, strict=True)})
    return pairs


def _each(
    text: str, actors: list[ActorMention], mention: Money | ItemMention, right: int
) -> list[Actor | None]:
    """The recipients of "1.5 lakh doses each reached Bhutan and the Maldives"."""
    if not _EACH.match(text, mention.end):
        return []
    after = [a for a in actors if mention.end <= a.start < right]
    if not after:
        return []
    listed = coordinated_with(text, actors, after[0])
    return list(listed) if len(listed) > 1 else []


def _may_refer_back(
    memory: _Memory, sentence: Sentence, index: int, text: str, at: int, named: bool
) -> bool:
    """Whether a sentence with no donor of its own continues the last donor's story."""
    if memory.donor is None:
        return False
    close = sentence.paragraph == memory.paragraph or index - memory.sentence <= 2
    # A sentence that names no actor at all ("Medical personnel have been
    # dispatched") goes on with the story a little longer.
    story = index - memory.sentence <= 3 and sentence.paragraph - memory.paragraph <= 2
    return close or has_anaphor(text, at) or (not named and story)


def _remember(memory: _Memory, donor: Actor, sentence: Sentence, index: int) -> None:
    memory.donor, memory.sentence, memory.paragraph = donor, index, sentence.paragraph


def _record(
    mention: Money | ItemMention,
    donor: Actor,
    recipient: Actor | None,
    status: str,
    sentence: Sentence,
    announced: date | None,
    rule: str,
    text: str,
) -> _Found:
    base = Commitment(
        donor=donor,
        recipient=recipient,
        item="funding",
        status=status,
        evidence=sentence.text,
        span=(sentence.start, sentence.end),
        rule=rule,
        announced=announced,
    )
    if isinstance(mention, Money):
        near = _MONEY_ITEM.search(text, mention.end) or _MONEY_ITEM.search(text)
        record = replace(
            base,
            item=near.group().lower() if near else "funding",
            category="money",
            amount=mention.amount,
            currency=mention.currency,
            rule=f"money/{rule}",
        )
        other = mention.alternative
        aliases = (_money_key(other[0], other[1]),) if other else ()
        return _Found(record, _money_key(mention.amount, mention.currency), False, aliases)
    term = mention.term
    record = replace(
        base,
        item=mention.text,
        category=term.category,
        quantity=mention.quantity,
        qualifier=mention.qualifier if mention.quantity is not None else None,
        unit=mention.unit,
        rule=f"item/{rule}",
    )
    return _Found(record, term.canonical.lower(), term.designation)


def _money_key(amount: float, currency: str) -> str:
    # Three significant figures: "$5.5bn" and "$5,500m" are one amount.
    return f"money:{currency}:{float(f'{amount:.3g}'):.0f}"


def _merge(found: list[_Found]) -> list[Commitment]:
    """One record per donor, recipient and item, keeping the most specific figures.

    An amount given in two currencies is the same commitment as either amount alone.
    Mentions of one item with different counts ("500,000 doses arrived", "a second
    batch of 2 million doses") are different commitments; a mention with no count
    joins the first counted one.
    """
    best: dict[int, _Found] = {}
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


def _fold_generic(kept: list[_Found]) -> list[_Found]:
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
            )
            kept[chosen] = replace(target, record=record)
        dropped.add(index)
    return [entry for index, entry in enumerate(kept) if index not in dropped]


def _fold_vague(kept: list[_Found]) -> list[_Found]:
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


def _class_key(entry: _Found) -> tuple[str, str | None]:
    return (entry.record.donor.name, entry.record.category)


def _specificity(entry: _Found) -> tuple[bool, bool, bool]:
    record = entry.record
    counted = record.quantity is not None or record.amount is not None
    return (counted, record.unit is not None, bool(entry.aliases))
