"""Who gives and who receives: donor and recipient of a mention in its sentence."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kb.extract.actors import OPEN_BRACKET, ActorMention
from kb.extract.folding import Folded
from kb.extract.lexicon import (
    AGENT_NOUNS,
    ANAPHORA,
    BUYING_VERBS,
    CARRIERS,
    DESCRIBED_BY,
    FUNDING_NOUNS,
    GIFT_NOUNS,
    GIVEN_NOUNS,
    GIVEN_PARTICIPLES,
    GIVING_VERBS,
    GIVING_WORDS,
    HOSTILE_NOUNS,
    NON_SUBJECT_CUES,
    RECEIVING_VERBS,
    RECIPIENT_CUES,
    RECIPIENT_MODIFIERS,
    REQUEST_WORDS,
    SHIPMENTS,
    SPEAKING_VERBS,
    STATE_BODIES,
    TRAVEL_WORDS,
)
from kb.extract.sentences import Sentence
from kb.records import Actor

_CUE = rf"(?:(?:{RECIPIENT_MODIFIERS})\s+)?"
_RECIPIENT_BEFORE = Folded(rf"(?<!\w)(?:{RECIPIENT_CUES})\s+{_CUE}$")
_NON_SUBJECT = Folded(rf"(?<!\w)(?:{NON_SUBJECT_CUES})\s+{_CUE}$")
_GIVEN = rf"(?:{GIVEN_PARTICIPLES})"
_GIVEN_BY = _GIVEN + r"\s+by"
# "from X" after the item, or "donated by X"; a bare "by X" is often the user
# ("deployed by the Ukrainians"), not the giver.
_FROM_BEFORE = Folded(
    rf"(?<!\w)(?:from|{_GIVEN_BY})\s+(?:the\s+)?(?:(?:{STATE_BODIES})\s+of\s+(?:the\s+)?)?$"
)
_SHIPPED_FROM = re.compile(
    rf"(?<!\w)(?:{CARRIERS}|{SHIPMENTS})\s+(?:\w+\s+){{0,2}}?from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_TRAVEL_TO = Folded(
    rf"(?<!\w)(?:{TRAVEL_WORDS})\s+"
    r"(?:\w+\s+){0,2}?(?:to|in|into)\s+(?:the\s+)?$"
)
_FUNDED_FROM = re.compile(rf"(?<!\w)(?:{FUNDING_NOUNS})\s+from\s+(?:the\s+)?$", re.I)
_GIVEN_AFTER = Folded(rf"\s+(?:[\w-]+\s+)?(?:{GIVEN_NOUNS})\b")
_HOSTILE_AFTER = Folded(rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{HOSTILE_NOUNS})\b")
_HOSTILE_FROM = re.compile(rf"(?<!\w)(?:{HOSTILE_NOUNS})\s+from\s+(?:the\s+)?$", re.IGNORECASE)
_GIFT_AFTER = re.compile(rf"(?:['’]s)?\s+(?:{GIFT_NOUNS})\b", re.IGNORECASE)
_GIFT_BEFORE = re.compile(rf"(?<!\w)(?:{GIFT_NOUNS})\s+(?:from|by)\s+(?:the\s+)?$", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^()]*\)")
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+as well as\s+)(?:the\s+)?")
_REQUEST = Folded(rf"(?<!\w)(?:{REQUEST_WORDS})\b")
_BUYING = Folded(rf"(?<!\w)(?:{BUYING_VERBS})\b")
_PARTICIPLE = re.compile(rf"\b{_GIVEN}\b", re.IGNORECASE)
_OTHER_PARTICIPLE = re.compile(r"\b[a-z]{3,}(?<!hundr)ed\b")  # lower case: not "United"
_BY_THE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
# "funded by the UK", "supported by the Government of Spain": the state behind its body.
_BY_BEFORE = re.compile(
    rf"\b{_GIVEN_BY}\s+(?:the\s+)?(?:(?:{STATE_BODIES})\s+of\s+(?:the\s+)?)?$", re.I
)
_RECEIVING = re.compile(rf"(?<!\w)(?:{RECEIVING_VERBS})\b", re.IGNORECASE)
_ANAPHOR = re.compile(rf"(?:^|[\s“\"])(?:{ANAPHORA})\b", re.IGNORECASE)
# A verb of giving that is not the participle of another's gift ("missiles supplied by
# the US"): "Romania will join the programme of UNDP and will contribute".
_OWN_GIVING_VERB = Folded(rf"(?<!\w)(?:{GIVING_VERBS})\b(?!\s+by\b)")
_GIVING_VERB = Folded(rf"(?<!\w)(?:{GIVING_VERBS})\b")
_GIVING_WORD = re.compile(rf"(?<!\w)(?:{GIVING_WORDS})\b", re.IGNORECASE)
_AGENT_AFTER = Folded(rf"\s+(?:[\w-]+\s+)?(?:{AGENT_NOUNS})\b")
# "the Pentagon said", "US officials said", "Britain's defence secretary told reporters".
_SPEAKS = re.compile(rf"(?:['’]s)?(?:\s+[\w.-]+){{0,4}}?\s+(?:{SPEAKING_VERBS})\b")
_DESCRIBED = Folded(rf"[\s-]+(?:{DESCRIBED_BY})\b")
# "the Government of Japan", "the Ministry of Foreign Affairs of Japan": the state speaks.
_GOVERNMENT_OF = Folded(
    rf"(?<!\w)(?:{STATE_BODIES})"
    r"(?:\s+(?:of|for)(?:\s+(?:[A-Z][\w’'-]*|and)){1,5}?)?\s+of\s+(?:the\s+)?$"
)
_ADJACENT = re.compile(r"\s+(?:has\s+|had\s+)?")
# "..., and the EU 190 million", "..., Denmark 2.5 million": a gapped clause.
_AND_BEFORE = re.compile(r"(?:\band|,)\s+(?:the\s+)?$")
_TO_BEFORE = re.compile(r"\bto\s+(?:the\s+)?$", re.IGNORECASE)
_RELATIVE_START = re.compile(r"(?:which|who)\s")
_RESPECTIVELY = Folded(r"\brespectively\b")


def main_recipient(
    sentences: Sequence[Sentence],
    named: Sequence[list[ActorMention]],
    issuer: Actor | None = None,
    topic: Actor | None = None,
) -> Actor | None:
    """The actor the article most often names as receiving: its default recipient.

    `named` holds each sentence's actor mentions, as the pipeline found them.

    A name after "to" or "for" votes three times, a donor (a subject with a verb
    of giving after it) votes against, any other mention once. Only an actor that
    something is given to may win (any other, if nothing is), never the issuer: a US release
    names the United States most, and gives to others.
    """
    votes: Counter[Actor] = Counter()
    cued: set[Actor] = set()
    for sentence, actors in zip(sentences, named, strict=True):
        for mention in actors:
            vote = _vote(sentence.text, mention, actors)
            votes[mention.actor] += vote
            if vote == _RECEIVES:
                cued.add(mention.actor)
    # The text's own giver (its issuer or topic) is no recipient of it; failing any other
    # "to X", an actor named but never given to may stand in, but not the topic: "The UK
    # will increase its aid by GBP 0.5bn" names no recipient, and the UK gives.
    given_to = cued - {issuer, topic}
    ranked = [
        (a, n)
        for a, n in votes.most_common()
        if (a in given_to if given_to else a not in cued and a != topic) and a != issuer
    ]
    return ranked[0][0] if ranked and ranked[0][1] > 0 else None


_RECEIVES, _GIVES, _NAMED = 3, -2, 1


def _next_subject(text: str, actors: list[ActorMention], mention: ActorMention) -> int:
    """Where the next actor that could be a subject starts, or the end of the text."""
    return next(
        (a.start for a in actors if a.start >= mention.end and eligible(text, a)), len(text)
    )


def _vote(text: str, mention: ActorMention, actors: list[ActorMention]) -> int:
    """How a mention votes for its actor as the article's recipient; 0 for a visit.

    A verb of giving close after the actor is its own, and so is a later one before the
    next possible subject, unless another's agent follows it ("missiles supplied by the
    US")."""
    before = text[max(0, mention.start - 40) : mention.start]
    if _TRAVEL_TO.search(before):
        return 0  # "flew to Washington": a visit, not a gift
    if mention.role == "demonym" and _GIVEN_AFTER.match(text, mention.end):
        return _GIVES  # "the page for Canadian military aid": whose aid, not for whom
    # "sent tents to X", "for X"; not "an envoy to X"
    if _RECIPIENT_BEFORE.search(before) and (
        not _TO_BEFORE.search(before) or _GIVING_WORD.search(text, 0, mention.start)
    ):
        return _RECEIVES
    if eligible(text, mention) and (
        _GIVING_VERB.search(text[mention.end : mention.end + 60])
        or _OWN_GIVING_VERB.search(text, mention.end, _next_subject(text, actors, mention))
    ):
        return _GIVES  # "China will provide"
    if ("from" in before or "by" in before) and _FROM_BEFORE.search(before):
        return _GIVES  # "aid from China", "provided by Czechia"
    if mention.possessive and _GIFT_AFTER.match(text, mention.end):
        return _GIVES  # "Taiwan's donation of US$2.5 million"
    return _NAMED


def given_to(sentences: Sequence[Sentence], named: Sequence[list[ActorMention]]) -> set[Actor]:
    """The actors a text names at least once as receiving: "to Ukraine", "for Haiti"."""
    return {
        mention.actor
        for sentence, actors in zip(sentences, named, strict=True)
        for mention in actors
        if receives(sentence.text, mention)
    }


def receives(text: str, mention: ActorMention) -> bool:
    """True when the words before the actor make it receive: "to Ukraine", "for Haiti"."""
    return _RECIPIENT_BEFORE.search(text[max(0, mention.start - 40) : mention.start]) is not None


def eligible(text: str, mention: ActorMention) -> bool:
    """True when the actor stands as a subject could: not after a preposition, not a
    bare demonym ("Russian targets"), not a description ("EU member states")."""
    if _DESCRIBED.match(text, mention.end):
        return False  # "the first Nato member to send", "EU member states"
    if mention.possessive and _HOSTILE_AFTER.match(text, mention.end):
        return False  # "during Russia's full-scale invasion": an aggressor, no giver
    before = text[max(0, mention.start - 40) : mention.start]
    if _GOVERNMENT_OF.search(before):
        return True  # "the Government of Japan is providing"
    if (
        mention.role == "demonym"
        and not mention.possessive
        and not _AGENT_AFTER.match(text, mention.end)
    ):
        return False
    return not _NON_SUBJECT.search(before)


def speaker(text: str, actors: list[ActorMention]) -> ActorMention | None:
    """The actor who says the sentence: "..., the Pentagon said"."""
    for mention in actors:
        if _SPEAKS.match(text, mention.end):
            return mention
    return None


def subject(text: str, actors: list[ActorMention], before: int) -> ActorMention | None:
    """The first actor before `before` that stands as a subject, not after a preposition."""
    for mention in actors:
        if mention.start >= before:
            break
        if eligible(text, mention):
            return mention
    return None


def nearest_subject(
    text: str, actors: list[ActorMention], start: int, end: int
) -> ActorMention | None:
    """The last subject-like actor in [start, end): in "A gave X, B gave Y", B for Y."""
    found = None
    for mention in actors:
        if (
            start <= mention.start
            and mention.end <= end
            and eligible(text, mention)
            and _GIVING_VERB.search(text[mention.end : end])
        ):
            found = mention
    return found


def inside(actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    """An actor named inside the item's own phrase: "100 UN aid trucks"."""
    return next((m for m in actors if start < m.start and m.end < end), None)


def bracketed(text: str, actors: list[ActorMention], start: int) -> ActorMention | None:
    """The actor just before a bracketed amount: "the European Union ($537,000)"."""
    for mention in reversed(actors):
        if mention.end <= start:
            return mention if OPEN_BRACKET.fullmatch(text, mention.end, start) else None
    return None


def gives_after(text: str, mention: ActorMention) -> bool:
    """True when a verb of giving follows the actor closely, as its own verb."""
    return _GIVING_VERB.search(" ".join(text[mention.end :].split()[:8])) is not None


def agent_after(
    text: str, actors: list[ActorMention], end: int, left: int = 0
) -> ActorMention | None:
    """The actor of "from X" or "donated by X" a few words after a mention ending at `end`.

    After a verb of buying ("will purchase a NASAMS from the US") X is the seller.
    """
    bought = _BUYING.search(text, left, end)
    for mention in actors:
        if mention.start < end:
            continue
        between = _BRACKETS.sub("", text[end : mention.start])
        if len(between.split()) > 10 or re.search(r"[,;:]", between) or _REQUEST.search(between):
            return None
        if _FUNDED_FROM.search(text, max(0, mention.start - 60), mention.start):
            return None  # "kits pre-positioned with funding from USAID": a funder, not the giver
        if _HOSTILE_FROM.search(text, max(0, mention.start - 40), mention.start):
            return None  # "air defences against assaults from Russia": the enemy gives nothing
        if _BUYING.search(between) or not _names_giver(text, mention):
            continue  # "for purchasing equipment from the Ukrainian defence industry"
        near = text[max(0, mention.start - 80) : mention.start]
        # "from the Government of the Republic of X": the state gives.
        owner = _GOVERNMENT_OF.search(near)
        near = near[: owner.start()] if owner else near
        # "donated to Ukraine by the UK": the participle may stand before the recipient.
        cue = _FROM_BEFORE.search(near) or (_given_before_by(between) and _BY_THE.search(near))
        if cue and not (bought and cue.group().lower().startswith("from")):
            return mention
    return None


def _given_before_by(between: str) -> bool:
    """ "donated to Ukraine by": the last participle before "by" is one of giving (not
    "allocated to rebuild schools destroyed by")."""
    given = [m.end() for m in _PARTICIPLE.finditer(between)]
    return bool(given) and _OTHER_PARTICIPLE.search(between, given[-1]) is None


def _names_giver(text: str, mention: ActorMention) -> bool:
    """False for "the Ukraine Fund" (a name that modifies a noun) and for a bare demonym
    ("the Ukrainian defence industry"): neither names a state that gives."""
    if _DESCRIBED.match(text, mention.end):
        return False
    return mention.role != "demonym" or _AGENT_AFTER.match(text, mention.end) is not None


def agent_by(text: str, actors: list[ActorMention], end: int) -> ActorMention | None:
    """The actor of any passive "by X" within a few words after a mention."""
    for mention in actors:
        if mention.start < end:
            continue
        between = text[end : mention.start]
        if len(between.split()) <= 6 and re.search(r"\bby\s+(?:the\s+)?$", between, re.I):
            return mention
        return None
    return None


def origin_before(
    text: str, actors: list[ActorMention], start: int, end: int
) -> ActorMention | None:
    """The place a shipment comes from, before the item: "a flight from Kuwait carrying"."""
    for mention in reversed(actors):
        if (
            start <= mention.start
            and mention.end <= end
            and _SHIPPED_FROM.search(text[max(0, mention.start - 60) : mention.start])
        ):
            return mention
    return None


def coordinated_with(text: str, actors: list[ActorMention], lead: ActorMention) -> list[Actor]:
    """The actors listed together with `lead` as one subject: "Austria, Belgium and France"."""
    index = actors.index(lead)
    group = [lead]
    for previous in reversed(actors[:index]):
        if not _COORDINATION.fullmatch(text[previous.end : group[0].start]):
            break
        group.insert(0, previous)
    for following in actors[index + 1 :]:
        if not _COORDINATION.fullmatch(text[group[-1].end : following.start]):
            break
        group.append(following)
    listed: list[Actor] = []
    for mention in group:
        if mention.actor not in listed:
            listed.append(mention.actor)
    return listed


def adjacent(text: str, actors: list[ActorMention], start: int) -> ActorMention | None:
    """The actor right before an amount whose verb an earlier clause gave: "Germany
    pledged 200 million euros and the European Union 190 million euros"."""
    for mention in reversed(actors):
        if mention.end <= start:
            gap = text[mention.end : start]
            return (
                mention
                if _ADJACENT.fullmatch(gap)
                and _AND_BEFORE.search(text, max(0, mention.start - 12), mention.start)
                else None
            )
    return None


def giver_of_gift(text: str, actors: list[ActorMention]) -> ActorMention | None:
    """The actor a gift noun names anywhere in the sentence: "part of a US donation of
    453,600 doses", "a gift from the UAE"."""
    for mention in actors:
        if _GIFT_AFTER.match(text, mention.end) or _GIFT_BEFORE.search(
            text, max(0, mention.start - 30), mention.start
        ):
            return mention
    return None


def agent_before(
    text: str, actors: list[ActorMention], start: int, receiver: Actor | None = None
) -> ActorMention | None:
    """The actor of a passive "donated by X" or a possessive "Berlin's tanks" before `start`;
    never `receiver` ("enlarged Egypt's programme to $8bn" is not Egypt's gift)."""
    for mention in reversed(actors):
        if mention.end > start:
            continue
        if mention.actor == receiver:
            return None
        between = text[mention.end : start]
        before = text[max(0, mention.start - 40) : mention.start]
        if (
            mention.possessive
            and len(between) < 30
            and "," not in between
            and not _NON_SUBJECT.search(before)
        ):
            return mention
        if _BY_BEFORE.search(text[: mention.start]):
            return mention
        return None
    return None


def recipient_in(
    text: str, actors: list[ActorMention], start: int, end: int, donor: Actor | None
) -> ActorMention | None:
    """The actor marked as receiving ("to Ukraine", "help Turkey"), nearest the mention."""
    after = [m for m in actors if m.start >= end and m.actor != donor]
    before = [m for m in reversed(actors) if m.end <= start and m.actor != donor]
    for mention in after + before:
        if _RECIPIENT_BEFORE.search(text[max(0, mention.start - 40) : mention.start]):
            return mention
    return None


def antecedent(text: str, actors: list[ActorMention], left: int) -> ActorMention | None:
    """The actor a relative clause starting at `left` is about: "Canada, which pledged"."""
    if not _RELATIVE_START.match(text, left):
        return None
    before = [a for a in actors if a.end <= left]
    # "assistance for Ukraine, which will provide $128m": after "for", the relative
    # clause is about the larger phrase, not the actor that receives.
    if before and re.fullmatch(r",\s*", text[before[-1].end : left]):
        return None if receives(text, before[-1]) else before[-1]
    return None


def receiving(text: str, before: int) -> str | None:
    """The verb of receiving before the mention in the clause, if there is one."""
    found = _RECEIVING.search(text[:before])
    return found.group() if found else None


def has_anaphor(text: str, before: int) -> bool:
    return _ANAPHOR.search(text[:before]) is not None


def respectively(text: str) -> bool:
    return _RESPECTIVELY.search(text) is not None
