"""What a whole text says about its parts: who issued it, and which lines are list entries.

A release names its issuer once, in the title, the byline or the first sentence that
gives ("US Provides More Security Aid to Ukraine", "the Government of Japan decided
to extend ..."), and then speaks as "we" or in lists whose entries have no verb:
"UNICEF: 15.7 million". These are structure, not words of one corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kb.extract.actors import ActorMention
from kb.extract.folding import Folded
from kb.extract.lexicon import BATTLE_VERBS, ENUMERATOR, FIRST_PERSON, GIVING_VERBS
from kb.extract.roles import eligible, given_to, gives_after, receives
from kb.extract.sentences import Sentence
from kb.records import Actor

# How far into a text its issuer is named: the title, a byline, the opening sentences.
_ISSUER_SENTENCES = 8
_GIVING_VERB = Folded(rf"(?<!\w)(?:{GIVING_VERBS})\b")
# "Ukrainian forces destroyed 20 tanks": a combatant, not the voice of the text.
_FIGHTS = Folded(rf"(?:\s+[\w-]+){{0,2}}?\s+(?:{BATTLE_VERBS})\b")
_FIRST_PERSON = re.compile(rf"(?<![\w’'-])(?:{FIRST_PERSON})(?![\w’'-])")
# "1.", "(2)", "(a)", "-", "•": the marks that open an entry of a list.
_ENUMERATED = re.compile(rf"\s*(?:{ENUMERATOR})\s*")
# "UNICEF: 15.7 million", "World Food Programme (WFP)   2.5 million dollars": a label,
# then a colon, a tab or a run of spaces (a table flattened to text), then the entry.
_LABELLED = re.compile(r"(?P<label>[^:|\t\n]{2,160}?)(?:\s*[:|]\s+|\t+\s*|\s{3,})(?=\S)")


@dataclass(frozen=True)
class Entry:
    """A line of a list: `label` is the actor its label names, if any; `body` where the
    entry's own words start."""

    label: Actor | None
    body: int
    label_span: tuple[int, int] = (0, 0)


def issuer(
    sentences: Sequence[Sentence], named: Sequence[list[ActorMention]], strict: bool = True
) -> Actor | None:
    """The actor a text speaks for: the first one its opening lines name as the subject
    of a verb of giving (not "to Ukraine", not "for Afghanistan"). Not `strict`, failing
    one that gives, the first one named as a subject at all ("The Danish contribution")
    that the text never names as receiving."""
    fallback: Actor | None = None
    receivers = set() if strict else given_to(sentences, named)
    for sentence, actors in zip(sentences[:_ISSUER_SENTENCES], named, strict=False):
        for mention in actors:
            if not eligible(sentence.text, mention) or receives(sentence.text, mention):
                continue
            if gives_after(sentence.text, mention):
                return mention.actor
            if mention.actor not in receivers and not _FIGHTS.match(sentence.text, mention.end):
                fallback = fallback or mention.actor
    return None if strict else fallback


def first_person(text: str) -> bool:
    """True when the text speaks as "we", "our" or "I"."""
    return _FIRST_PERSON.search(text) is not None


def entry_of(sentence: Sentence, actors: list[ActorMention]) -> Entry | None:
    """The list entry a sentence is, or None: it opens its line, starts with an
    enumerator or a label, and has no verb of giving of its own."""
    text = sentence.text
    enumerated = _ENUMERATED.match(text)
    start = enumerated.end() if enumerated and enumerated.group().strip() else 0
    labelled = _LABELLED.match(text, start)
    if not (start or labelled) or _GIVING_VERB.search(text):
        return None
    if labelled is None:
        return Entry(None, start)
    label_end = labelled.end("label")
    inside = [a for a in actors if start <= a.start and a.end <= label_end]
    return Entry(inside[-1].actor if inside else None, labelled.end(), (start, label_end))
