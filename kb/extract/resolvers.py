"""Who gives, when the mention's own clause does not say: an ordered table of resolvers.

Each resolver tries one cue and names itself as the record's rule. The pipeline tries
them in order after the sentence's own roles (subject, agent, possessive, speaker)
found no donor; the first that answers wins. Adding a cue is adding a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kb.extract.actors import ActorMention
from kb.extract.discourse import Memory, may_refer_back, resolve
from kb.extract.document import Entry, first_person
from kb.extract.items import ItemMention
from kb.extract.lexicon import GIVING_VERBS, PASSIVE_AUXILIARIES, RECORDING_VOICE
from kb.extract.money import Money, localise
from kb.extract.roles import giver_of_gift
from kb.extract.sentences import Sentence
from kb.gazetteer import load
from kb.records import Actor

_PASSIVE = re.compile(
    rf"\s*(?:[\w-]+\s+){{0,3}}?(?:{PASSIVE_AUXILIARIES}|is|are)\s+(?:\w+\s+)?"
    rf"(?:{GIVING_VERBS})\b",
    re.IGNORECASE,
)
_RECORDING = re.compile(rf"(?<!\w)(?:{RECORDING_VOICE})\b", re.IGNORECASE)
_BY = re.compile(r"[^.;]{0,80}?\bby\s+[A-Z]")
_BY_ANAPHOR = re.compile(r"(?:\s+\S+){0,3}?\s+by\s+(?:the|this|that)\s+\w+", re.IGNORECASE)


@dataclass(frozen=True)
class Scene:
    """What a resolver may look at: the mention, its sentence and clause, and what the
    text said before."""

    text: str
    sentence: Sentence
    index: int
    actors: list[ActorMention]
    mention: Money | ItemMention
    left: int
    recipient: Actor | None
    default: Actor | None
    memory: Memory
    issuer: Actor | None
    entry: Entry | None


def typed_anaphor(scene: Scene) -> Actor | None:
    """ "The commission has also mobilised ...": the last actor of that kind."""
    text, mention = scene.text, scene.mention
    after = _BY_ANAPHOR.match(text, mention.end)
    around = text[scene.left : mention.start] + " " + (after.group() if after else "")
    return resolve(scene.memory, around, scene.index)


def list_lead(scene: Scene) -> Actor | None:
    """An entry of a list ("UNICEF: 15.7 million") takes the donor of the lead-in that
    opened it, or failing one the issuer; its label is the recipient, not the giver."""
    if scene.entry is None:
        return None
    memory = scene.memory
    # The first entry fixes the list's donor: a channel's description between entries
    # ("WFP will provide school meals") does not make the channel give the next entry.
    memory.list_donor = memory.list_donor or memory.donor or scene.issuer
    return memory.list_donor


def roundup_label(scene: Scene) -> Actor | None:
    """ "Japan: Tokyo will send ...": a roundup's entry is about its label."""
    memory = scene.memory
    if memory.label and memory.label != scene.default:
        return memory.label
    return None


def gift_noun(scene: Scene) -> Actor | None:
    """ "part of a US donation of 453,600 doses": a gift noun names its giver."""
    others = [a for a in scene.actors if a.actor not in (scene.recipient, scene.default)]
    found = giver_of_gift(scene.text, others)
    return found.actor if found else None


def story_donor(scene: Scene) -> Actor | None:
    """A sentence with no donor of its own goes on with the story's last donor."""
    memory = scene.memory
    refers = may_refer_back(
        memory, scene.sentence, scene.index, scene.text, scene.mention.start, bool(scene.actors)
    )
    return memory.donor if refers else None


def issuer_speaking(scene: Scene) -> Actor | None:
    """ "We will provide", "I am authorizing our drawdown": a release speaks for its issuer."""
    if scene.issuer is None or scene.issuer == scene.recipient:
        return None
    return scene.issuer if first_person(scene.text[: scene.mention.start]) else None


def recorded(scene: Scene) -> Actor | None:
    """ "This entry records CAD 1 million going to CANADEM": a tracker's note speaks of
    the donor its text is about."""
    if not _RECORDING.search(scene.text, 0, scene.mention.start):
        return None
    donor = scene.memory.donor or scene.issuer
    return donor if donor != scene.recipient else None


def agentless(scene: Scene) -> Actor | None:
    """ "Forty generators were handed over in Kyiv": a passive with no agent is the
    story's donor's, however far back it was named, or failing one the text's own."""
    if not _PASSIVE.match(scene.text, scene.mention.end) or _BY.match(
        scene.text, scene.mention.end
    ):
        return None
    donor = scene.memory.donor or scene.issuer
    return donor if donor != scene.recipient else None


def currency_owner(scene: Scene) -> Actor | None:
    """ "Release of 300 million CZK for humanitarian assistance": an amount in a state's
    own currency, with no giver named anywhere, is that state's."""
    mention = scene.mention
    if not isinstance(mention, Money):
        return None
    owner = load().issuer_of(localise(mention, ()))
    return owner if owner is not None and owner not in (scene.recipient, scene.default) else None


Resolver = Callable[[Scene], Actor | None]

# In order: the nearest, most specific cue first.
RESOLVERS: tuple[tuple[str, Resolver], ...] = (
    ("anaphora", typed_anaphor),
    ("list", list_lead),
    ("label", roundup_label),
    ("gift", gift_noun),
    ("anaphora", story_donor),
    ("issuer", issuer_speaking),
    ("recorded", recorded),
    ("agentless", agentless),
    ("currency", currency_owner),
)


def resolve_donor(scene: Scene) -> tuple[Actor | None, str]:
    """The donor the first resolver finds, and its name; (None, "") when none does."""
    for name, resolver in RESOLVERS:
        donor = resolver(scene)
        if donor is not None:
            return donor, name
    return None, ""
