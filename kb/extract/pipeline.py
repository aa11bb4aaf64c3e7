"""The extraction pipeline: sentences, then mentions, then roles, status and dates."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kb.extract.actors import ActorMention, actors_in, local_actors, local_pattern
from kb.extract.building import record_of
from kb.extract.clause import each_of, others_total, paired, roles_of
from kb.extract.dates import Dated, find_date
from kb.extract.discourse import Memory, enter_paragraph, label_of, note, remember
from kb.extract.document import Entry, entry_of, issuer
from kb.extract.gates import (
    PERMISSION,
    given_as_item,
    part_of_another,
    states_no_gift,
    sum_of_others,
)
from kb.extract.items import ItemMention, find_items
from kb.extract.kinds import parts_referred_to
from kb.extract.lexicon import (
    GIVING_VERBS,
    INSTITUTION_NOUNS,
    UNNAMED_GIVERS,
)
from kb.extract.merge import Found, merge
from kb.extract.money import (
    Money,
    entry_amount,
    find_money,
    has_bare_amount,
    stated_currency,
)
from kb.extract.phrases import open_items, row_item
from kb.extract.resolvers import Scene, resolve_donor
from kb.extract.roles import (
    gives_after,
    main_recipient,
    subject,
)
from kb.extract.sentences import Sentence, dateline_end, split_sentences
from kb.extract.status import (
    clause_around,
    is_giving,
    is_request,
    status_of,
)
from kb.records import Actor, Article, Mention

# Givers the text names but the gazetteer does not know stand for no earlier donor
# either: "donors pledged", "The Punjab government announced".
_UNNAMED = re.compile(
    rf"(?:\b(?i:{UNNAMED_GIVERS})|\b[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*\s+(?i:{INSTITUTION_NOUNS}))"
    rf"\s+(?:\w+\s+){{0,2}}?(?i:{GIVING_VERBS})\b"
)
_FROM_UNNAMED = re.compile(
    rf"(?:\s+[\w’'-]+){{0,4}}?\s+from\s+(?:other\s+|its\s+|their\s+)?(?i:{UNNAMED_GIVERS})\b"
)


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
        article declares, else the one its money so far is most often in. Asked only of a
        sentence that has a bare figure, which few have."""
        return stated_currency(self.article.text, self.seen)


def extract(article: Article) -> list[Mention]:
    """Return the commitments stated in the article, one per donor, recipient and item."""
    sentences = split_sentences(article.text)
    local = local_actors(article.text)
    pattern = local_pattern(local)
    every = [actors_in(s.text, local, pattern) for s in sentences]
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
    return merge(parts_referred_to(sentences, found))


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
    zipped = paired(
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
        donors, recipient, rule = roles_of(
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
    return not part_of_another(text, mention, mentions) and not sum_of_others(
        text, mention, mentions
    )


def _discourse(scene: Scene, donors: list[Actor], rule: str) -> tuple[list[Actor], str]:
    """The sentence's own donors, or failing them the first resolver's answer; none for a
    total, or for givers the text does not name ("Gulf allies pledged")."""
    if donors:
        return donors, rule
    text, mention = scene.text, scene.mention
    unnamed = (
        others_total(text) is not None
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
    announced: Dated | None,
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
    if recipient is not None and donors == [memory.donor]:
        memory.recipient = recipient
    # "The donation also includes tents": the story's donor gives to whom it last gave.
    if recipient is None and rule == "anaphora" and memory.recipient not in donors:
        recipient = memory.recipient
    default = context.default
    receivers = each_of(text, scene.actors, mention, right) or [
        recipient if recipient is not None or default in donors else default
    ]
    return [
        record_of(mention, (donor, given_to), status, scene, announced, rule)
        for donor in donors
        for given_to in receivers
    ]
