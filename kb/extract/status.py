"""The status of a commitment from the verbs around its mention."""

from __future__ import annotations

import re
from functools import lru_cache

from kb.extract.folding import Folded
from kb.extract.lexicon import (
    ANSWERED_REQUEST,
    ASKING_VERBS,
    DELIVERY_NOUNS,
    DONATING,
    GIVING_VERBS,
    GIVING_WORDS,
    HEDGING_MODALS,
    INTENTION_VERBS,
    NEGATIONS,
    PAYING_VERBS,
    RECORDING_VOICE,
    REQUEST_WORDS,
    STATUS_TRIGGERS,
    WEIGHING_WORDS,
)

_TRIGGERS = tuple(
    (status, re.compile(rf"(?<!\w)(?:{pattern})\b", re.IGNORECASE))
    for status, pattern in STATUS_TRIGGERS
)
_HEDGES = ("cancelled", "considering", "offered", "sold")
_GIVING_VERB = Folded(rf"(?<!\w)(?:{GIVING_VERBS})\b")
_GIVING = Folded(rf"(?<!\w)(?:{GIVING_WORDS}|{RECORDING_VOICE})\b")
_REQUEST = Folded(rf"(?<!\w)(?:{REQUEST_WORDS})\b")
_REQUESTED_GOODS = re.compile(
    rf"(?<!\w)(?:{REQUEST_WORDS})\s+(?:for\s+)?(?:the\s+|a\s+|more\s+)?(?:{DELIVERY_NOUNS})\s+of\b",
    re.IGNORECASE,
)
_ANSWERED = re.compile(rf"(?<!\w)(?:{ANSWERED_REQUEST})", re.IGNORECASE)
_ASKED_TO = Folded(rf"(?<!\w)(?:{ASKING_VERBS})\s+(?:[\w’'-]+\s+){{0,6}}?to\b")
# The negation must govern the giving verb: "did not object and sent tanks" gives.
_NEGATION = Folded(
    rf"(?<!\w)(?:{NEGATIONS})\b(?:\s+(?!(?:and|but|or|then)\b)\w+){{0,2}}\s+(?:{GIVING_WORDS})\b"
)
_DONATION = Folded(rf"(?<!\w)(?:{DONATING})\b")
# Modal hedges count only when they govern a giving verb ("could send", "may also be sent").
_MODAL = Folded(rf"(?<!\w)(?:{HEDGING_MODALS})\s+(?:\w+\s+){{0,2}}(?:{GIVING_WORDS})\b")
_RELATIVE = re.compile(r",\s+(?:which|who|whose|that)\b[^,]{0,120},", re.IGNORECASE)
# One \b before one group: an alternation of branches that each start with \b is
# several times slower in Python's engine.
_AND = re.compile(r"\s(?:and|but)\s")
# "appealed for $1bn to help" is a purpose; "agreed to send" is a commitment.
# Python's lookbehind takes one fixed width, so each verb has its own.
_TO_BEFORE = re.compile("".join(rf"(?<!{verb} )" for verb in INTENTION_VERBS) + r"\bto\s+$")
_WEIGHING = Folded(rf"(?<!\w)(?:{WEIGHING_WORDS})\b")
# A cheap first test for is_negated: the negation alone, without the verb it governs.
_NEGATIVE_WORD = Folded(rf"(?<!\w)(?:{NEGATIONS})\b")
_RELATIVE_CLAUSE = re.compile(r",\s+(?P<body>(?:which|who)\s[^,;]*)")
# "provides EUR 4m for the purchase of fuel", "gave $50m to buy shells": a purchase that
# money given pays for is the purpose of a gift, not a sale.
# "will buy a NASAMS for Ukraine": the buyer gives what it buys.
_BOUGHT_FOR = re.compile(
    rf"(?<!\w)(?:{PAYING_VERBS})\b(?:\s+\S+){{1,10}}?\s+for\s+(?!its\b|their\b)",
    re.IGNORECASE,
)
_PAID_FOR = re.compile(
    rf"(?<!\w)(?:{GIVING_VERBS})\b[^;]*?\b(?:for|to|towards)\s+(?:the\s+)?$", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\s+|\s+[—–]\s+|\s+but\s+")


def without_relatives(text: str) -> str:
    """The text with its relative clauses (", which had paused exports,") blanked out,
    offsets kept."""
    return _RELATIVE.sub(lambda m: " " * len(m.group()), text)


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence that holds [start, end); a relative clause (", which
    pledged $20m,") is a clause of its own."""
    relatives, breaks = _clause_marks(text)
    for body_start, body_end in relatives:
        if body_start <= start and end <= body_end:
            return body_start, body_end
    left, right = 0, len(text)
    for break_start, break_end in breaks:
        if break_end <= start:
            left = break_end
        elif break_start >= end:
            right = break_start
            break
    return left, right


# Every mention of a sentence asks for its clause; the sentence is scanned once.
@lru_cache(maxsize=64)
def _clause_marks(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    relatives = tuple(m.span("body") for m in _RELATIVE_CLAUSE.finditer(text))
    breaks = tuple(m.span() for m in _CLAUSE_BREAK.finditer(text))
    return relatives, breaks


def is_giving(text: str) -> bool:
    """True when the text speaks of giving at all."""
    return _GIVING.search(text) is not None


def is_negated(clause: str) -> bool:
    """True when a negation governs a verb of giving in the clause."""
    # Most clauses hold no negative word at all; the full pattern is for those that do.
    return _NEGATIVE_WORD.search(clause) is not None and _NEGATION.search(clause) is not None


def is_request(before: str, sentence_before: str = "") -> bool:
    """True when the last verb before the mention asks for it rather than gives it.

    `before` is the clause up to the mention; `sentence_before` the sentence up to it,
    since "called on citizens to prepare, and supply food" asks for the whole list.
    """
    if _ASKED_TO.search(sentence_before):
        return True
    # "at Kyiv's request", "in response to a request": the donor answers a request.
    before = _ANSWERED.sub(" ", before)
    request = [m.end() for m in _REQUEST.finditer(before)]
    if not request:
        return False
    if _REQUESTED_GOODS.search(before, request[-1] - 30):
        return True  # "requested the supply of vaccines"
    if _ASKED_TO.search(before):
        return True  # "called on its citizens to prepare and supply food": all of it is asked
    # "appealed for $1bn to help survivors": a purpose after the request gives nothing.
    giving = [
        m.end()
        for m in _GIVING_VERB.finditer(before)
        if not _TO_BEFORE.search(before, max(0, m.start() - 16), m.start())
    ]
    # "Ukraine wants 300 tanks": the request is the verb nearest the item.
    return not giving or (
        request[-1] > giving[-1] - 1 and not _DONATION.search(before[request[-1] :])
    )


def status_of(clause: str, position: int) -> str | None:
    """The status of the mention at `position` of the clause, or None if nothing gives it.

    A relative clause ("which had paused exports in 2022,") says nothing of the item.
    """
    clause = without_relatives(clause)
    # A hedge after the item counts up to the next "and": "has disbursed $200m and is
    # considering more" disbursed the $200m.
    cut = _AND.search(clause, position)
    hedge = _hedge(clause[: cut.start()] if cut else clause, clause)
    if hedge is not None:
        return hedge
    nearest: tuple[int, str] | None = None
    for start, end, status in _plain_triggers(clause):
        # A verb after the item weighs less.
        distance = position - end if end <= position else (start - position) * 2
        if nearest is None or distance < nearest[0]:
            nearest = (distance, status)
    return nearest[1] if nearest else None


# The mentions of one clause (a list: "5 generators, 700 beds and 28 tanks") share its
# triggers; each is looked for once per clause.
@lru_cache(maxsize=256)
def _hedge(hedged: str, clause: str) -> str | None:
    for status, pattern in _TRIGGERS:
        if status not in _HEDGES:
            continue
        if status == "considering":
            if _MODAL.search(hedged) or _WEIGHING.search(hedged):
                return status
            continue
        if status == "sold":
            if _sold(pattern, hedged, clause):
                return status
        elif pattern.search(hedged):
            return status
    return None


def _sold(pattern: re.Pattern[str], hedged: str, clause: str) -> bool:
    """A sale, unless the purchase is made to give: money given for it ("provides EUR 4m
    for the purchase of fuel"), buying in order to donate, or buying for another ("will
    buy a NASAMS for Ukraine"). The exceptions are looked for only where a sale is."""
    sales = [m for m in pattern.finditer(hedged) if not _PAID_FOR.search(hedged, 0, m.start())]
    return bool(sales) and not _DONATION.search(clause) and not _BOUGHT_FOR.search(clause)


@lru_cache(maxsize=256)
def _plain_triggers(clause: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(
        (match.start(), match.end(), status)
        for status, pattern in _TRIGGERS
        if status not in _HEDGES
        for match in pattern.finditer(clause)
    )
