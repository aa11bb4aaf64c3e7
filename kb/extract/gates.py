"""Gates: the mentions and clauses that state no gift, whatever their numbers say."""

from __future__ import annotations

import re

from kb.extract.folding import Folded
from kb.extract.items import ItemMention
from kb.extract.lexicon import (
    BATTLE_VERBS,
    CAPABILITY,
    CARRIER_LOADS,
    CARRIERS,
    CARRYING,
    CONTENTS,
    DEBT_WORDS,
    DECREASE_VERBS,
    DEPLOYING_VERBS,
    INCREASE_VERBS,
    MONEY_PURPOSE,
    MONEY_SUBJECT_VERBS,
    MONEY_SUBJECTS,
    NEED_BEFORE,
    PERMISSION_WORDS,
    POINTING_DETERMINERS,
    POSSESSION,
    POSSESSION_FILLERS,
    PURPOSE,
    RATES,
    REQUESTED_VERBS,
    SECTOR_CUES,
    TOTAL_WORDS,
    UNITS,
    VALUATION,
)
from kb.extract.money import Money
from kb.extract.status import is_negated, is_request

# "... for a total of", "..., in total": the words that introduce a sum right before it.
_INCREASE = Folded(rf"(?<!\w)(?:{INCREASE_VERBS})\b")
_DECREASE = Folded(rf"(?<!\w)(?:{DECREASE_VERBS})\b")
_BY_BEFORE = re.compile(r"\bby\s+$")
_TO_BETWEEN = re.compile(r"\s+to\s+")
_TOTAL_BEFORE = Folded(rf"(?<!\w)(?:{TOTAL_WORDS})\b(?:\s+\w+){{0,2}}\s*$")

# "the vehicles", "the unique armoured vehicles": a word or two that is no verb may
# stand between the determiner and the item.
_DEFINITE = re.compile(
    rf"(?<!\w)(?:{POINTING_DETERMINERS})\s+"
    r"(?:(?![\w-]*(?:s|ed|ing)\b)[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "shelters and essential supplies worth 15 million pounds": the goods describe the money.
_VALUED = re.compile(rf"\s*(?:,\s*)?(?:[\w-]+\s+){{0,4}}?(?:{VALUATION})\s+\S*\d", re.I)
_CARRYING = re.compile(rf"\s*(?:[\w-]+\s+){{0,2}}?(?:{CARRYING})\b", re.IGNORECASE)
_CAPABILITY = Folded(rf"(?<!\w)(?:{CAPABILITY})\b")
_POSSESSION = re.compile(rf"(?<!\w)(?:{POSSESSION})\s+(?:(?:{POSSESSION_FILLERS})\s+)?$", re.I)
_BATTLE = Folded(rf"(?<!\w)(?:{BATTLE_VERBS})\b(?:\s+[\w’'-]+){{0,3}}\s*$")
_PURPOSE = re.compile(rf"(?<!\w)(?:{PURPOSE})\b(?:\s+[\w’'-]+){{0,5}}?\s+$", re.IGNORECASE)
_SECTORS = re.compile(rf"(?<!\w)(?:{SECTOR_CUES})\b[^.;:()]{{0,140}}$", re.IGNORECASE)
_MONEY_SUBJECT = re.compile(
    r"\W*(?:(?:the|this|these|that|its|their|our|such|additional|[A-Z][\w’'-]*)\s+){0,3}"
    rf"(?:{MONEY_SUBJECTS})\b[^.;]{{0,40}}?\b(?:{MONEY_SUBJECT_VERBS})\b",
    re.IGNORECASE,
)
# "14 tonnes of relief aid, loaded with blankets and hygiene kits": contents.
CONTENTS_CUE = re.compile(rf"(?<!\w)(?:{CONTENTS})\b", re.IGNORECASE)
_CARRIER_WITH = re.compile(r"(?:\s+[\w’'-]+){0,5}?\s+with\b", re.IGNORECASE)
_RATE = re.compile(rf"\s+(?:{RATES})\b", re.IGNORECASE)
_MONEY_PURPOSE = re.compile(rf"(?<!\w)(?:{MONEY_PURPOSE})\b", re.IGNORECASE)
# "the 3 billion dollars which the organisation has requested": asked for, after the fact.
_REQUESTED_AFTER = re.compile(
    rf"\s*,?\s*(?:which|that)\s+(?:[\w’'-]+\s+){{0,4}}?(?:{REQUESTED_VERBS})\b",
    re.IGNORECASE,
)
_DEBT = Folded(rf"(?<!\w)(?:{DEBT_WORDS})\b")
_CARRIERS = re.compile(rf"(?<!\w)(?:{CARRIERS}|{CARRIER_LOADS})\b", re.IGNORECASE)
_WITH = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}?with\b", re.IGNORECASE)
_NEED = re.compile(
    rf"(?<!\w)(?:{NEED_BEFORE})\s+(?:[\w’'-]+\s+){{0,2}}?(?:(?:or|and)\s+[\w’'-]+\s+)?$", re.I
)
PERMISSION = Folded(rf"(?<!\w)(?:{PERMISSION_WORDS})\b")
_DEPLOYED_BEFORE = re.compile(rf"(?<!\w)(?:{DEPLOYING_VERBS})\W+(?:[\w’'-]+\W+){{0,4}}$", re.I)
_DEPLOYED_AFTER = re.compile(
    r"^\W*(?:(?:have|has|had|were|was|are|is|will|would|to)\s+)?(?:also\s+)?"
    rf"(?:been\s+|being\s+|be\s+)?(?:{DEPLOYING_VERBS})\b",
    re.I,
)


def states_no_gift(text: str, left: int, right: int, start: int, end: int) -> bool:
    """True when the clause [left, right) around a mention at [start, end) gives nothing:
    negated, a request, a permission, a capability, an inventory or a debt."""
    before = text[left:start]
    return bool(
        _REQUESTED_AFTER.match(text, end)
        or _DEBT.search(before)
        or _BATTLE.search(text[max(left, start - 60) : start])
        or is_negated(text[left:right])
        or is_request(before, text[:start])
        or PERMISSION.search(before)
        or _CAPABILITY.search(before)
        or _POSSESSION.search(text[max(left, start - 40) : start])
    )


def given_as_item(mention: ItemMention, text: str) -> bool:
    """Money words are money rows; people count as given only when sent or counted.

    "The vehicles" or "these jets" without a count point back at an item named
    before, not at a new one.
    """
    if mention.term.category == "money" or _CARRYING.match(text, mention.end):
        return False
    if mention.term.term in UNITS and _CARRIER_WITH.match(text, mention.end):
        return False  # "a second vessel is due today with a dozen generators"
    if mention.quantity is not None and _RATE.match(text, mention.end):
        return False  # "500 trucks a day entered Gaza": a rate, not a gift
    if mention.quantity is None and _VALUED.match(text, mention.end):
        return False
    if _NEED.search(text, max(0, mention.start - 40), mention.start):
        return False  # "left tens of thousands without shelter or clean water"
    if mention.quantity is None and (
        _PURPOSE.search(text, max(0, mention.start - 60), mention.start)
        or _SECTORS.search(text, max(0, mention.start - 160), mention.start)
        or _MONEY_SUBJECT.match(text)
    ):
        return False  # "generators to keep hospitals and shelters running"
    if (
        mention.quantity is None
        and not mention.term.designation
        and _DEFINITE.search(text, max(0, mention.start - 60), mention.start)
    ):
        return False
    if mention.term.category != "personnel" or mention.quantity is not None:
        return True
    return bool(
        _DEPLOYED_BEFORE.search(text[: mention.start]) or _DEPLOYED_AFTER.match(text[mention.end :])
    )


def part_of_another(
    text: str, mention: Money | ItemMention, mentions: list[Money | ItemMention]
) -> bool:
    """An item that only describes a gift named before it in the sentence: its contents
    ("14 tonnes of relief aid, loaded with blankets and hygiene kits"), or what an amount
    pays for ("$2 million through USAID for water and sanitation")."""
    if not isinstance(mention, ItemMention) or (
        mention.quantity is not None and not mention.article
    ):
        return False
    before = [m for m in mentions if m.end <= mention.start]
    counted = [m for m in before if isinstance(m, Money) or m.quantity is not None]
    if counted and CONTENTS_CUE.search(text, counted[-1].end, mention.start):
        return True
    carriers = [m for m in counted if isinstance(m, ItemMention) and _CARRIERS.search(m.text)]
    if carriers and _WITH.match(text, carriers[-1].end) and carriers[-1].end <= mention.start:
        return True  # "two C-130 flights with medicines": what the flights carry
    money = [m for m in before if isinstance(m, Money)]
    return (
        bool(money)
        and mention.quantity is None
        and (_MONEY_PURPOSE.search(text, money[-1].end, mention.start) is not None)
    )


def sum_of_others(
    text: str, mention: Money | ItemMention, mentions: list[Money | ItemMention]
) -> bool:
    """An amount that is no gift of its own: the sum of amounts named before it ("Germany
    gave $20m and Japan $10m, for a total of $30m"), or one side of a change "by X to Y":
    the new sum after an increase ("raised its aid by $5m to $25m" gives $5m), or what a
    cut takes off ("cut the tranche by EUR 24m to EUR 6m" leaves a gift of EUR 6m)."""
    if not isinstance(mention, Money):
        return False
    money = [m for m in mentions if isinstance(m, Money)]
    earlier = [m for m in money if m.end <= mention.start]
    if earlier and _TOTAL_BEFORE.search(text, earlier[-1].end, mention.start) is not None:
        return True
    later = [m for m in money if m.start >= mention.end]
    if earlier and _changed_by(text, earlier[-1], mention):
        return _INCREASE.search(text, 0, earlier[-1].start) is not None
    if later and _changed_by(text, mention, later[0]):
        return _DECREASE.search(text, 0, mention.start) is not None
    return False


def _changed_by(text: str, by: Money, to: Money) -> bool:
    """Whether the two amounts read "by X to Y"."""
    return (
        _BY_BEFORE.search(text, max(0, by.start - 4), by.start) is not None
        and _TO_BETWEEN.fullmatch(text, by.end, to.start) is not None
    )
