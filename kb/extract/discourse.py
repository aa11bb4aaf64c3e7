"""What earlier sentences said: the donor that "it" and "the country" refer to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.extract.actors import ActorMention
from kb.extract.lexicon import TYPED_ANAPHORA
from kb.extract.roles import eligible, has_anaphor
from kb.extract.sentences import Sentence
from kb.records import Actor


@dataclass
class Memory:
    """What earlier sentences said: the donor that "it" and "the country" refer to."""

    donor: Actor | None = None
    sentence: int = -10
    paragraph: int = -1
    # (sentence, actor mention, sentence text): the actors named so far, for "the country"
    named: list[tuple[int, ActorMention, str]] = field(default_factory=list)
    label: Actor | None = None  # "Japan: A $3 million grant ...": who a list entry is about
    label_paragraph: int = -1
    recipient: Actor | None = None  # the last recipient the story's donor was said to give to
    list_donor: Actor | None = None  # who gives the entries of the list being read
    list_status: str | None = None  # the status its lead-in gives them
    status_text: str = ""  # the sentence in which the story's donor last gave


def may_refer_back(
    memory: Memory, sentence: Sentence, index: int, text: str, at: int, named: bool
) -> bool:
    """Whether a sentence with no donor of its own continues the last donor's story."""
    if memory.donor is None:
        return False
    close = sentence.paragraph == memory.paragraph or index - memory.sentence <= 2
    # A sentence that names no actor at all ("Medical personnel have been
    # dispatched") goes on with the story a little longer.
    story = index - memory.sentence <= 3 and sentence.paragraph - memory.paragraph <= 2
    return close or has_anaphor(text, at) or (not named and story)


def remember(memory: Memory, donor: Actor, sentence: Sentence, index: int) -> None:
    if donor != memory.donor:
        memory.recipient = None
    memory.donor, memory.sentence, memory.paragraph = donor, index, sentence.paragraph


_TYPED = re.compile(
    r"(?<!\w)(?:the|this|that)\s+(" + "|".join(TYPED_ANAPHORA) + r")\b(?!['’]s)", re.I
)
# How many sentences back "the commission" may look for the commission.
_REACH = 5


def note(
    memory: Memory, actors: list[ActorMention], text: str, index: int, main: Actor | None
) -> None:
    """Keep the actors a sentence names, for "the country" and "the bank" later on."""
    memory.named.extend((index, a, text) for a in actors if a.actor != main)


def resolve(memory: Memory, text: str, index: int) -> Actor | None:
    """The actor that "the country", "the commission" or "the bank" in `text` refers to:
    the story's donor if it is of that kind, else the last one of that kind named."""
    found = _TYPED.findall(text)
    if not found:
        return None
    kinds = TYPED_ANAPHORA[found[-1].lower()]  # the anaphor nearest the mention
    # The donor the story is about comes first; failing it, the last actor of the kind.
    if (
        memory.donor is not None
        and memory.donor.kind in kinds
        and index - memory.sentence <= _REACH
    ):
        return memory.donor
    # "The government will give": a state named as a subject, not "in Beirut".
    for seen, mention, said in reversed(memory.named):
        if index - seen > _REACH:
            break
        if seen < index and mention.actor.kind in kinds and eligible(said, mention):
            return mention.actor
    return None


_LABEL = re.compile(r"([^:\n]{2,60}?)\s*:\s+\S")


def label_of(text: str, actors: list[ActorMention]) -> Actor | None:
    """The actor a list entry is about, when the line opens with its name and a colon
    ("Iran: Its Red Crescent has dispatched ..."); a city so written is a dateline."""
    match = _LABEL.match(text)
    if not match:
        return None
    head = [a for a in actors if a.end <= match.end(1)]
    if len(head) == 1 and head[0].start == 0 and head[0].end == match.end(1):
        return head[0].actor if head[0].role not in ("capital", "leader") else None
    return None


def enter_paragraph(memory: Memory, sentence: Sentence, label: Actor | None, index: int) -> None:
    """A new paragraph: a labelled one is about its label until the next paragraph."""
    memory.label, memory.label_paragraph = label, sentence.paragraph
    if label is not None:
        remember(memory, label, sentence, index)
