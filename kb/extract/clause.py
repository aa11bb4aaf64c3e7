"""Who gives and who receives a mention, by the cues of its own sentence.

The sentence's own cues come first: the amount's gapped giver ("and the EU 190
million"), "from X" and "donated by X", an actor inside the item's phrase, a possessive,
a relative clause's antecedent, the subject with a verb of giving, a shipment's origin,
the speaker. What the sentence does not say, `resolvers.py` looks for elsewhere.
"""

from __future__ import annotations

import re

from kb.extract.actors import ActorMention
from kb.extract.folding import Folded
from kb.extract.items import ItemMention
from kb.extract.lexicon import (
    GIVING_VERBS,
    PASSIVE_AUXILIARIES,
    SAME_SUBJECT_STARTS,
    TOTAL_WORDS,
)
from kb.extract.money import Money
from kb.extract.roles import (
    adjacent,
    agent_after,
    agent_before,
    agent_by,
    antecedent,
    bracketed,
    coordinated_with,
    inside,
    nearest_subject,
    origin_before,
    receiving,
    recipient_in,
    respectively,
    speaker,
    subject,
)
from kb.extract.status import clause_around, without_relatives
from kb.records import Actor

# A clause that goes on with the sentence's subject: "..., and will also provide".
_SAME_SUBJECT = re.compile(
    rf"\W*(?:(?:and|but|while|then)\s+)?(?:{SAME_SUBJECT_STARTS})",
    re.IGNORECASE,
)
_TOTAL = Folded(rf"(?<!\w)(?:{TOTAL_WORDS})\b")
# "Estonia donated a total of 50 missiles", "funding for a total amount of EUR 10m",
# "support with total funding of EUR 4m": a total its giver gives, or the measure of it.
_GIVES_TOTAL = Folded(
    rf"(?:(?<!\w)(?:{GIVING_VERBS})\s+(?:\w+\s+)?|(?<!\w)(?:for|with|worth)\s+(?:a\s+)?)$"
)
_PASSIVE_GIFT = Folded(rf"(?:{PASSIVE_AUXILIARIES})\s")
_EACH = re.compile(r"[\s,]*(?:of\s+[\w\s-]{0,30}?)?\beach\b", re.IGNORECASE)

Pairs = dict[int, tuple[Actor | None, Actor | None]]


def _continues(text: str, left: int) -> bool:
    """Whether the clause starting at `left` keeps the sentence's subject ("..., and will
    send") rather than bringing one of its own ("..., while Gulf allies pledged")."""
    return left == 0 or _SAME_SUBJECT.match(text, left) is not None


def roles_of(
    text: str,
    actors: list[ActorMention],
    mention: Money | ItemMention,
    left: int,
    segment: tuple[int, int],
    default: Actor | None,
    zipped: Pairs,
) -> tuple[list[Actor], Actor | None, str]:
    """The donors (several when coordinated), the recipient and the rule that found them."""
    donor: Actor | None = None
    recipient: Actor | None = None
    rule = "subject"
    if mention.start in zipped:
        donor, recipient = zipped[mention.start]
        rule = "respectively"
    agent = _agent(text, actors, mention, left, default)
    if donor is None and agent is not None:
        donor, rule = agent.actor, "agent"
    about = antecedent(text, actors, left)
    if about is not None:
        # A relative clause is about its antecedent and names nobody past its end.
        actors = [a for a in actors if a.start >= left and a.end <= _clause_end(text, left)]
        if receiving(text[left:], mention.start - left):
            recipient = recipient or about.actor
        elif donor is None:
            donor, rule = about.actor, "relative"
    cue = recipient_in(text, actors, mention.start, mention.end, donor)
    if recipient is None and cue is not None:
        recipient = cue.actor
    lead = _clause_subject(text, actors, mention, (left, *segment), (recipient, default))
    # A relative clause's verb ("Kenya, which received ...,") is not the mention's.
    plain = text if about is not None else without_relatives(text)
    received = receiving(plain[left:], mention.start - left)
    receiver = subject(text, actors, mention.start) if received else None
    # "The first tranche was sent ...": a passive whose subject is the gift, not an actor.
    if received and (receiver is not None or not _PASSIVE_GIFT.match(received)):
        if receiver is None and donor is None and isinstance(mention, ItemMention):
            return [], None, "used"  # "each person will receive a single dose"
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


def _clause_subject(
    text: str,
    actors: list[ActorMention],
    mention: Money | ItemMention,
    spans: tuple[int, int, int],
    receivers: tuple[Actor | None, Actor | None],
) -> ActorMention | None:
    """The subject that gives the mention: the nearest one with a verb of giving in its
    segment, else the clause's, a shipment's origin, the sentence's, or its speaker.
    `spans` holds the clause's start and the segment's start and end.

    The recipient and the article's main recipient seldom give in it: "Ukraine has used
    16 launchers" is not a gift from Ukraine."""
    left, *segment = spans  # the clause's start, and the words since the last mention
    others = [a for a in actors if a.actor not in receivers]
    # "the total of the pledges announced exceeded $1.5bn, Guterres said" sums others'
    # gifts; "took the total US military aid to $16.2bn" names whose total it is, and
    # "Estonia donated a total of 50 missiles" is Estonia's own sum.
    summed = others_total(text, left, mention.start)
    if summed is not None:
        others = [a for a in others if summed.end() <= a.start < mention.start]
    return (
        nearest_subject(text, others, *segment)
        or subject(text, [a for a in others if a.start >= left], mention.start)
        or origin_before(text, others, left, mention.start)
        or (subject(text, others, mention.start) if _continues(text, left) else None)
        or speaker(text, others)
    )


def others_total(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The first total in text[start:end] if it adds up others' gifts ("the total of the
    pledges"), not one its giver gives or measures ("donated a total of", "for a total
    of"); None otherwise."""
    total = _TOTAL.search(text, start, len(text) if end is None else end)
    if total is None or _GIVES_TOTAL.search(text, max(start, total.start() - 40), total.start()):
        return None
    return total


def _agent(
    text: str,
    actors: list[ActorMention],
    mention: Money | ItemMention,
    left: int,
    default: Actor | None,
) -> ActorMention | None:
    """The actor the mention's own words name as giving it: "and the EU 190 million",
    "donated by X", "100 UN aid trucks", "the European Union ($537,000)", "Berlin's
    tanks"."""
    money = isinstance(mention, Money)
    return (
        (adjacent(text, actors, mention.start) if money else None)
        or agent_after(text, actors, mention.end, left)
        or inside(actors, mention.start, mention.end)
        or (bracketed(text, actors, mention.start) if money else None)
        or agent_before(text, actors, mention.start, default)
    )


def _clause_end(text: str, left: int) -> int:
    return clause_around(text, left, left)[1]


def paired(
    text: str, actors: list[ActorMention], money: list[Money], items: list[ItemMention]
) -> Pairs:
    """Pair "A and B pledged X and Y respectively" (or "X and Y to A and B respectively")."""
    if not respectively(text):
        return {}
    pairs: Pairs = {}
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


def each_of(
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
