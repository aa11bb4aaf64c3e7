"""The extraction pipeline: sentences, then mentions, then roles, status and dates."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from kb.extract.actors import (
    ActorMention,
    find_actors,
    find_local,
    local_actors,
    local_pattern,
)
from kb.extract.dates import find_date
from kb.extract.discourse import Memory, enter_paragraph, label_of, note, remember
from kb.extract.document import Entry, entry_of, issuer
from kb.extract.gates import PERMISSION, given_as_item, part_of_another, states_no_gift
from kb.extract.items import ItemMention, find_items
from kb.extract.lexicon import (
    GIVING_VERBS,
    HUMANITARIAN_MONEY_WORDS,
    INSTITUTION_NOUNS,
    MILITARY_MONEY_WORDS,
    MONEY_ITEMS,
    PAYING_VERBS,
    SAME_SUBJECT_STARTS,
    TOTAL_WORDS,
    UNNAMED_GIVERS,
)
from kb.extract.merge import Found, merge, money_key
from kb.extract.money import (
    Money,
    declared_currency,
    entry_amount,
    find_money,
    has_bare_amount,
    localise,
)
from kb.extract.phrases import open_items, row_item
from kb.extract.resolvers import Scene, resolve_donor
from kb.extract.roles import (
    adjacent,
    agent_after,
    agent_before,
    agent_by,
    antecedent,
    bracketed,
    coordinated_with,
    gives_after,
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
from kb.extract.status import (
    clause_around,
    is_giving,
    is_request,
    status_of,
    without_relatives,
)
from kb.records import Actor, Article, Commitment

_MONEY_ITEM = re.compile(rf"\b{MONEY_ITEMS}\b", re.IGNORECASE)
_MILITARY_MONEY = re.compile(rf"\b(?:{MILITARY_MONEY_WORDS})\b", re.IGNORECASE)
_HUMANITARIAN_MONEY = re.compile(rf"\b(?:{HUMANITARIAN_MONEY_WORDS})\b", re.I)
_BOUGHT_FOR = re.compile(
    rf"\b(?:{PAYING_VERBS})\b(?:\s+\S+){{1,10}}?\s+for\s+(?!its\b|their\b)",
    re.IGNORECASE,
)
# A clause that goes on with the sentence's subject: "..., and will also provide".
_SAME_SUBJECT = re.compile(
    rf"\W*(?:(?:and|but|while|then)\s+)?(?:{SAME_SUBJECT_STARTS})",
    re.IGNORECASE,
)
# Givers the text names but the gazetteer does not know stand for no earlier donor
# either: "donors pledged", "The Punjab government announced".
_UNNAMED = re.compile(
    rf"(?:\b(?i:{UNNAMED_GIVERS})|\b[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*\s+(?i:{INSTITUTION_NOUNS}))"
    rf"\s+(?:\w+\s+){{0,2}}?(?i:{GIVING_VERBS})\b"
)
_FROM_UNNAMED = re.compile(
    rf"(?:\s+[\w’'-]+){{0,4}}?\s+from\s+(?:other\s+|its\s+|their\s+)?(?i:{UNNAMED_GIVERS})\b"
)
_TOTAL = re.compile(rf"\b(?:{TOTAL_WORDS})\b", re.IGNORECASE)
_PASSIVE_GIFT = re.compile(r"(?:was|were|has been|have been|will be|is being|are being)\s", re.I)
_GIVES_TOTAL = re.compile(rf"\b(?:{GIVING_VERBS})\s+(?:\w+\s+)?$", re.IGNORECASE)
_EACH = re.compile(r"[\s,]*(?:of\s+[\w\s-]{0,30}?)?\beach\b", re.IGNORECASE)


@dataclass
class _Context:
    """What every sentence of one article shares: its date, default recipient, issuer
    and the memory of what earlier sentences said."""

    article: Article
    default: Actor | None
    issuer: Actor | None
    memory: Memory = field(default_factory=Memory)

    seen: Counter[str] = field(default_factory=Counter)  # the currencies its money is in

    @property
    def currency(self) -> str | None:
        """What bare figures ("UNICEF: 15.7 million") are counted in: the currency the
        article declares, else the one its money so far is most often in."""
        return self._declared or (self.seen.most_common(1)[0][0] if self.seen else None)

    @cached_property
    def _declared(self) -> str | None:
        return declared_currency(self.article.text)


def extract(article: Article) -> list[Commitment]:
    """Return the commitments stated in the article, one per donor, recipient and item."""
    sentences = split_sentences(article.text)
    local = local_actors(article.text)
    pattern = local_pattern(local)
    every = [_actors_in(s.text, local, pattern) for s in sentences]
    openings = [dateline_end(s.text) for s in sentences]
    named = [
        [a for a in found if a.start >= opening]
        for found, opening in zip(every, openings, strict=True)
    ]
    # A text that names no giver in its opening still speaks for the actor it is about.
    speaker = issuer(sentences, named)
    topic = speaker or issuer(sentences, named, strict=False)
    default = main_recipient(sentences, named, speaker, topic)
    context = _Context(article, default, topic)
    memory = context.memory
    found: list[Found] = []
    for index, (sentence, actors) in enumerate(zip(sentences, named, strict=True)):
        # A list's entry opens its line, below the title.
        opens_line = index > 0 and sentences[index - 1].paragraph != sentence.paragraph
        entry = entry_of(sentence, every[index]) if opens_line else None
        if sentence.text.endswith(":"):
            # A new lead-in opens a new list, whose entries take its status.
            memory.list_donor = None
            memory.list_status = status_of(sentence.text, len(sentence.text)) or status_of(
                memory.status_text, len(memory.status_text)
            )
        if sentence.paragraph != memory.label_paragraph:
            label = None if entry else label_of(sentence.text, every[index])
            enter_paragraph(memory, sentence, label, index)
        found.extend(_sentence(context, sentence, actors, openings[index], index, entry))
        note(memory, actors, sentence.text, index, context.default)
    return merge(found)


def _actors_in(
    text: str, local: dict[str, Actor], pattern: re.Pattern[str] | None
) -> list[ActorMention]:
    """The gazetteer's actors in the text, with the article's own organisations."""
    known = find_actors(text)
    if pattern is None:
        return known
    extra = [
        m
        for m in find_local(text, local, pattern)
        if not any(k.start < m.end and m.start < k.end for k in known)
    ]
    return sorted(known + extra, key=lambda m: m.start)


def _mentions(
    text: str, actors: list[ActorMention], entry: Entry | None, context: _Context
) -> list[Money | ItemMention]:
    """Money and items in the sentence, in order; known items first, then counted noun
    phrases that no table lists."""
    bare = entry is not None or has_bare_amount(text)
    currency = context.currency if bare else None
    money = find_money(text, default_currency=currency)
    context.seen.update(m.currency for m in money)
    spans = [(m.start, m.end) for m in money]
    known = find_items(text, spans)
    spans += [(i.start, i.end) for i in known] + [(a.start, a.end) for a in actors]
    items = [i for i in known if i.quantity is not None or not i.umbrella]
    items += open_items(text, spans, listed=entry is not None)
    if entry is not None and not money:
        # "Tarpaulins | 3,000" in a table; "ICRC: 6,000,000" under "(amounts in CHF)".
        row = None if entry.label else row_item(text, entry.label_span, entry.body, known)
        if row is not None:
            return [row]
        amount = None if items else entry_amount(text, entry.body, currency)
        if amount is not None:
            return [amount]
    return sorted([*money, *items], key=lambda m: m.start)


def _sentence(
    context: _Context,
    sentence: Sentence,
    actors: list[ActorMention],
    opening: int,
    index: int,
    entry: Entry | None,
) -> list[Found]:
    text, memory = sentence.text, context.memory
    # A roundup's entry ("Pakistan: 12 trucks of tents crossed at Torkham") or a list's
    # ("UNICEF: 15.7 million") is about giving whatever its verb; elsewhere, most
    # sentences are not, and the costlier searches below are spared.
    labelled = memory.label is not None and memory.label_paragraph == sentence.paragraph
    if not labelled and entry is None and not is_giving(text):
        return []
    if entry is not None:
        # The label of a list's entry receives; only the entry's own words may give.
        actors = [a for a in actors if a.start >= entry.body]
    mentions = _mentions(text, actors, entry, context)
    _remember_subject(context, sentence, actors, index, mentions)
    if not mentions:
        return []
    zipped = _respectively(
        text,
        actors,
        [m for m in mentions if isinstance(m, Money)],
        [m for m in mentions if isinstance(m, ItemMention)],
    )
    announced = find_date(text, context.article.published)
    out: list[Found] = []
    previous_end = 0
    for mention in mentions:
        left, right = clause_around(text, mention.start, mention.end)
        segment = (max(left, previous_end), mention.start)
        previous_end = mention.end
        if mention.start < opening or not _stated(text, mention, mentions, left, right):
            continue
        donors, recipient, rule = _roles(
            text, actors, mention, left, segment, context.default, zipped
        )
        if rule == "used":
            continue
        if entry is not None and entry.label is not None and recipient is None:
            recipient = entry.label
        scene = Scene(
            text,
            sentence,
            index,
            actors,
            mention,
            left,
            recipient,
            context.default,
            memory,
            context.issuer,
            entry,
        )
        donors, rule = _discourse(scene, donors, rule)
        if not donors:
            continue
        out.extend(_records(context, scene, donors, rule, (left, right), announced))
    return out


def _remember_subject(
    context: _Context,
    sentence: Sentence,
    actors: list[ActorMention],
    index: int,
    mentions: list[Money | ItemMention],
) -> None:
    """Only a donor who gives, not one who asks or seeks approval, is the one that later
    "it" and "the country" refer to."""
    text = sentence.text
    lead = subject(text, actors, mentions[0].start if mentions else len(text))
    if (
        lead
        and lead.actor != context.default
        and gives_after(text, lead)
        and not is_request(text[lead.end :])
        and not PERMISSION.search(text)
    ):
        remember(context.memory, lead.actor, sentence, index)
        context.memory.status_text = text  # its status is read only if a list follows


def _stated(
    text: str,
    mention: Money | ItemMention,
    mentions: list[Money | ItemMention],
    left: int,
    right: int,
) -> bool:
    """False when the gates find that the mention states no gift of its own."""
    if states_no_gift(text, left, right, mention.start, mention.end):
        return False
    if isinstance(mention, ItemMention) and not given_as_item(mention, text):
        return False
    return not part_of_another(text, mention, mentions)


def _discourse(scene: Scene, donors: list[Actor], rule: str) -> tuple[list[Actor], str]:
    """The sentence's own donors, or failing them the first resolver's answer; none for a
    total, or for givers the text does not name ("Gulf allies pledged")."""
    if donors:
        return donors, rule
    text, mention = scene.text, scene.mention
    total = _TOTAL.search(text)
    unnamed = (
        (
            total is not None
            and not _GIVES_TOTAL.search(text, max(0, total.start() - 40), total.start())
        )
        or _UNNAMED.search(text, scene.left, mention.start)
        or _FROM_UNNAMED.match(text, mention.end)
    )
    if unnamed:
        return [], rule
    donor, found = resolve_donor(scene)
    return ([donor], found) if donor is not None else ([], rule)


def _records(
    context: _Context,
    scene: Scene,
    donors: list[Actor],
    rule: str,
    clause: tuple[int, int],
    announced: date | None,
) -> list[Found]:
    """The records of one mention: one per donor and recipient, with its status."""
    memory, text, mention = context.memory, scene.text, scene.mention
    left, right = clause
    recipient = scene.recipient if scene.recipient not in donors else None
    if rule != "anaphora":
        remember(memory, donors[0], scene.sentence, scene.index)
    status = (
        status_of(text[left:right], mention.start - left)
        or (memory.list_status if scene.entry else None)
        or "committed"
    )
    if status == "sold" and _BOUGHT_FOR.search(text[left:right]):
        status = "committed"  # "will buy a NASAMS for Ukraine": the buyer gives it
    if recipient is not None and donors == [memory.donor]:
        memory.recipient = recipient
    # "The donation also includes tents": the story's donor gives to whom it last gave.
    if recipient is None and rule == "anaphora" and memory.recipient not in donors:
        recipient = memory.recipient
    default = context.default
    receivers = _each(text, scene.actors, mention, right) or [
        recipient if recipient is not None or default in donors else default
    ]
    return [
        _record(mention, (donor, given_to), status, scene, announced, rule)
        for donor in donors
        for given_to in receivers
    ]


def _continues(text: str, left: int) -> bool:
    """Whether the clause starting at `left` keeps the sentence's subject ("..., and will
    send") rather than bringing one of its own ("..., while Gulf allies pledged")."""
    return left == 0 or _SAME_SUBJECT.match(text, left) is not None


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
    summed = _TOTAL.search(text, left, mention.start)
    if summed is not None and not _GIVES_TOTAL.search(text, left, summed.start()):
        others = [a for a in others if summed.end() <= a.start < mention.start]
    return (
        nearest_subject(text, others, *segment)
        or subject(text, [a for a in others if a.start >= left], mention.start)
        or origin_before(text, others, left, mention.start)
        or (subject(text, others, mention.start) if _continues(text, left) else None)
        or speaker(text, others)
    )


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


def _money_aid_type(text: str) -> str:
    """Money is financial aid unless the sentence says what kind it pays for."""
    if _MILITARY_MONEY.search(text):
        return "military"
    if _HUMANITARIAN_MONEY.search(text):
        return "humanitarian"
    return "financial"


def _record(
    mention: Money | ItemMention,
    parties: tuple[Actor, Actor | None],
    status: str,
    scene: Scene,
    announced: date | None,
    rule: str,
) -> Found:
    donor, recipient = parties
    sentence, text = scene.sentence, scene.text
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
