"""Plain-English questions, parsed by rule into the Filters that `kb query` uses, and answered
from the consolidated commitments: each commitment counts once however many articles
report it.

A question is read in three steps, by its structure rather than by fixed sentences:

1. Its time ("in 2023", "in February 2023", "since January 2023", "before 2020", "the
   2022 floods") becomes a date range and is taken out.
2. Its opening says what kind of answer it asks for: "how many" (a count), "how much" (a
   sum of money, or of a mass noun: "how much rice"), "did/has ..." (yes or no), "who" or
   "which countries" (the donors), "the top three donors", "rank the donors", "who gave
   the most" (a ranking), "what is X's largest commitment" (the largest), "what/which
   ...", "list ...", "show me ..." (the commitments).
3. The rest is a clause around its verb (kb.ask.words: every giving verb, in every form,
   with the statuses it asks about). The subject gives, unless the verb receives ("what
   did Ukraine receive from Germany?") or buys; "to/for/into/towards X" names the
   recipient, "from/by X" the giver, "X's" the giver, and a name right after a verb its
   indirect object ("give Kyiv tanks"); what is left names the item.

Names are checked against the database where a question is answered (`names`), so that a
name may stand anywhere ("the September 2023 US package for Ukraine"); a phrase after a
preposition that names no one ("for earthquake relief") says why, not who, and is left
out. Without `names` (parsing alone) every phrase in a giver's or recipient's place is
taken as a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import product
from typing import TYPE_CHECKING, Literal

from text_to_num import text2num

from kb.ask.words import (
    AID_WORDS,
    ANY_STAGE,
    ANYONE_WORDS,
    AUXILIARIES,
    BREAK_WORDS,
    BUYING,
    FROM_WORDS,
    GIFT_WORDS,
    GIVE,
    HELPING,
    KIND_WORDS,
    MONEY_WORDS,
    NO_ITEM_WORDS,
    PASSIVE_AUXILIARIES,
    PLEDGE,
    QUESTION_WORDS,
    RECEIVING,
    RECIPIENT_WORDS,
    TO_WORDS,
    UNIT_WORDS,
    VERB_FORMS,
)
from kb.errors import NotUnderstood
from kb.query.filters import Filters, parse_bound
from kb.words import MONTHS

if TYPE_CHECKING:
    from kb.query.commitments import CommitmentView

__all__ = ["ANY_STAGE", "GIVE", "PLEDGE", "Answer", "NotUnderstood", "Question", "parse_question"]

Kind = Literal["list", "who", "count", "money", "largest", "rank", "yesno"]
# Looks a phrase up among the stored actors: its canonical name, or None.
Names = Callable[[str], str | None]

EXAMPLES = (
    "what did the UK send?",
    "what did Germany pledge to Ukraine in 2023?",
    "who sent tanks?",
    "which countries offered tanks?",
    "how many tanks did the UK send to Ukraine?",
    "how much money has the EU given?",
    "what did Ukraine receive from Germany?",
    "did Sweden send tanks to Ukraine?",
    "who gave the most money to Pakistan?",
    "what is the UK's largest commitment?",
)


def _verbs() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Every verb form as a tuple of words ("hand", "over"), with its statuses."""
    found: dict[tuple[str, ...], tuple[str, ...]] = {}
    for statuses, forms in VERB_FORMS:
        if "|" in forms:
            for words in product(*(token.split("|") for token in forms.split())):
                found.setdefault(words, statuses)
        else:
            for form in forms.split():
                found.setdefault((form,), statuses)
    return found


VERBS = _verbs()
_LONGEST_VERB = max(len(words) for words in VERBS)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
# Time, taken out of the question first: (pattern, how it bounds).
_PERIODS = (
    (re.compile(rf"\b(?:in|during)\s+(?:(?P<m>{_MONTH})\s+)?(?P<y>{_YEAR})\b", re.I), "in"),
    (re.compile(rf"\bsince\s+(?:(?P<m>{_MONTH})\s+)?(?P<y>{_YEAR})\b", re.I), "since"),
    (re.compile(rf"\bafter\s+(?:(?P<m>{_MONTH})\s+)?(?P<y>{_YEAR})\b", re.I), "after"),
    (
        re.compile(rf"\b(?:before|until|by)\s+(?:(?P<m>{_MONTH})\s+)?(?P<y>{_YEAR})\b", re.I),
        "before",
    ),
    # "the 2022 floods", "the February 2023 earthquakes": an event of that time.
    (re.compile(rf"\b(?:(?P<m>{_MONTH})\s+)?(?P<y>{_YEAR})\b", re.I), "in"),
)
_FILLER = re.compile(
    r"\b(?:so\s+far|in\s+total|to\s+date|all\s+together|altogether|overall|already|actually"
    r"|ever|yet|still|please|exactly|in\s+all)\b",
    re.I,
)
_POLITE = re.compile(r"^(?:(?:can|could)\s+you\s+)?(?:please\s+)?(?:tell\s+me\s+)?", re.I)
_WORD = re.compile(r"[$€£¥]?[\w][\w'’.&/-]*")


@dataclass(frozen=True)
class Question:
    """A parsed question: what kind of answer, over which commitments."""

    kind: Kind
    filters: Filters
    verb: str = "send"
    period: str | None = None  # as the question put it: "in 2023", "since January 2023"
    top: int | None = None  # a ranking: how many places ("the top three donors")
    by_recipient: bool = False  # a ranking or list of recipients rather than donors


@dataclass
class _Words:
    """The words of a question, as written and in lower case (read by every rule)."""

    words: list[str]
    possessive: set[int] = field(default_factory=set)  # "Canada's": the giver
    lowered: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lowered = [w.lower() for w in self.words]

    @classmethod
    def of(cls, text: str) -> _Words:
        words: list[str] = []
        possessive: set[int] = set()
        for match in _WORD.finditer(text):
            word = match.group().rstrip(".")
            if re.search(r"['’]s?$", word) and len(word) > 2:
                possessive.add(len(words))
                word = re.sub(r"['’]s?$", "", word)
            if word:
                words.append(word)
        return cls(words, possessive)

    def lower(self, index: int) -> str:
        return self.lowered[index]


def _period(text: str) -> tuple[str, date | None, date | None, str | None]:
    """The question without its time, and the time as bounds and as written."""
    for pattern, how in _PERIODS:
        match = pattern.search(text)
        if match is None:
            continue
        year = match["y"]
        month = MONTHS.get((match["m"] or "").lower())
        bound = f"{year}-{month:02d}" if month else year
        start, end = parse_bound(bound), parse_bound(bound, end=True)
        written = f"{match['m'].capitalize()} {year}" if match["m"] else year
        rest = (text[: match.start()] + " " + text[match.end() :]).strip()
        if how == "since":
            return rest, start, None, f"since {written}"
        if how == "after":
            return rest, end + timedelta(days=1), None, f"after {written}"
        if how == "before":
            return rest, None, start - timedelta(days=1), f"before {written}"
        return rest, start, end, f"in {written}"
    return text, None, None, None


@dataclass
class _Reading:
    """What the parts of a question say, as they are found."""

    kind: Kind
    donor: str | None = None
    recipient: str | None = None
    item: list[str] = field(default_factory=list)
    statuses: tuple[str, ...] | None = None
    verb: str = "commit"
    donor_kind: str | None = None
    top: int | None = None
    by_recipient: bool = False
    listing: bool = False  # "list ...", "show me ...": no verb needed
    # Whether the question's own words are the object ("what did X give Y", "how many
    # tanks did X give Y"), so that a bare phrase after the verb is the indirect object.
    object_filled: bool = False


def parse_question(text: str, names: Names | None = None) -> Question:
    """Parse a question by rule (see the module's docstring). `names` looks a phrase up
    among the stored actors. Raises NotUnderstood, naming what was not understood, and
    UnicodeEncodeError for a word that is not text (bytes of an argument)."""
    for word in text.split():
        word.encode("utf-8")  # a word of bytes that are not UTF-8 names nothing: raised
    first, *more = re.split(r"(?<=[?.!])\s+", " ".join(text.split()))
    cleaned = _FILLER.sub(" ", _POLITE.sub("", first.rstrip("?.! ")))
    cleaned, since, until, period = _period(cleaned)
    words = _Words.of(cleaned)
    reading = _frame(words, text, names)
    named = names is not None and bool(reading.donor or reading.recipient)
    about_gifts = reading.kind in ("largest", "rank") or reading.statuses or reading.listing
    if not (about_gifts or (named and reading.kind != "who")):
        # No giving verb, and no name known to be one: nothing says it is about aid.
        raise NotUnderstood(text.strip(), _nearest(text), _content(words))
    statuses = reading.statuses or ANY_STAGE
    # A sum of money is of every kind of money: its words ("macro-financial aid") say
    # which money, not an item to match.
    item = None if reading.kind == "money" else _item_phrase(_no_second_verbs(reading.item))
    # "who gave money to UK-Med?", "how much ...": money only.
    said_money = any(w.lower() in MONEY_WORDS for w in reading.item)
    money = True if reading.kind == "money" or said_money else None
    filters = Filters(
        donor=reading.donor,
        recipient=reading.recipient,
        item=item,
        statuses=ANY_STAGE if reading.kind == "largest" else statuses,
        since=since,
        until=until,
        money=money,
        donor_kind=reading.donor_kind,
    )
    top = reading.top
    for sentence in more:  # "... Give me the top five."
        if match := _TOP.search(sentence):
            top = _number(match[1]) or top
    return Question(reading.kind, filters, reading.verb, period, top, reading.by_recipient)


RECIPIENT_LEADS = frozenset({"to", "for", "into", "towards", "toward"})
# A sum in a question ("the $1.1bn package") describes the gift, not its item.
_SUM = re.compile(r"[$€£¥]\d[\d.,]*(?:bn|m|k|mn)?$|\d[\d.,]*(?:bn|mn)$", re.I)
_TOP = re.compile(r"\btop\s+(\w+)", re.I)


def _number(word: str) -> int | None:
    """A count written in digits or words ("5", "five"), by text2num; None for another word."""
    if word.isdigit():
        return int(word)
    try:
        return int(text2num(word.lower(), "en"))
    except ValueError:
        return None


# The openings of a question, tried in order: (kind, pattern over the lowered words).
_OPENING_RULES: tuple[tuple[Kind, str], ...] = (
    ("rank", r"^(?:rank|order|sort|compare) (?:the )?(?P<whom>\w+)(?P<rest>.*)$"),
    (
        "rank",
        r"^(?:(?:give me|show me|list|name|what are|what were|who are|who were|which are)"
        r" )?the (?:(?P<n>\w+) )?(?:top|largest|biggest|leading|main)(?: (?P<n2>\w+))?"
        r" (?P<whom>donors|donor|givers|recipients|countries|pledges|commitments|gifts)"
        r"(?P<rest>.*)$",
    ),
    (
        "rank",
        r"^(?:who|which (?P<whom>\w+)) (?P<rest>.*?)\bthe (?:most|largest|biggest"
        r"|greatest)\b(?P<tail>.*)$",
    ),
    (
        "largest",
        r"^what(?: is| was|s)? (?:the )?(?P<pre>.*?) ?(?:largest|biggest|greatest)"
        r"(?: single)? (?:commitment|pledge|gift|donation|package|contribution|promise)"
        r"(?P<rest>.*)$",
    ),
    ("count", r"^how many (?P<what>.*)$"),
    ("money", r"^how much (?P<what>.*)$"),
    ("yesno", r"^(?P<aux>did|does|do|has|have|had|is|are|was|were|will) (?P<rest>.*)$"),
    (
        "who",
        r"^(?:who|which (?P<whom>\w+)) (?P<rest>.*)$",
    ),
    ("list", r"^(?:what|which) (?P<rest>.*)$"),
    ("list", r"^(?:list|show me|show|give me|tell me about|tell me) (?P<rest>.*)$"),
)
_OPENINGS = tuple((kind, re.compile(pattern)) for kind, pattern in _OPENING_RULES)


def _frame(words: _Words, text: str, names: Names | None) -> _Reading:
    """The kind of answer the opening asks for, and the clause after it read."""
    lowered = " ".join(words.lowered)
    for kind, pattern in _OPENINGS:
        match = pattern.match(lowered)
        if match is None:
            continue
        whom = match.groupdict().get("whom")
        if kind == "who" and whom and whom not in KIND_WORDS and whom not in ANYONE_WORDS:
            continue  # "which tanks ...": a list of things, read below
        return _READERS.get(kind, _read_clause)(_Reading(kind), match, words, names)
    raise NotUnderstood(text.strip(), _nearest(text))


def _content(words: _Words) -> list[str]:
    """The words of a question that say something of their own: those it was asked about."""
    common = AUXILIARIES | BREAK_WORDS | NO_ITEM_WORDS | QUESTION_WORDS
    return [w for w in words.words if w.lower() not in common]


def _nearest(text: str) -> list[str]:
    """The example questions nearest to `text`, by the words they share, nearest first
    (on a tie, in the examples' order)."""
    said = {w.lower() for w in _WORD.findall(text)}
    shared = [len(said & {w.lower() for w in _WORD.findall(e)}) for e in EXAMPLES]
    order = sorted(range(len(EXAMPLES)), key=lambda i: -shared[i])
    return [EXAMPLES[i] for i in order]


def _subject_after_auxiliary(words: _Words, start: int) -> bool:
    """Whether the clause opens with an auxiliary and then a subject before its verb
    ("has the UAE helped"), not with its verb ("have sent"): the question's own word is
    then the object, the one given to."""
    lowered = words.lowered
    after = start
    while after < len(lowered) and lowered[after] in AUXILIARIES:
        after += 1
    verb = _find_verb(lowered, after)
    return after > start and verb is not None and verb[0] > after


def _at(match: re.Match[str], group: str) -> int:
    """The index of the word where a group of the opening's match begins."""
    return len(match.string[: match.start(group)].split())


def _read_how(
    reading: _Reading, match: re.Match[str], words: _Words, names: Names | None
) -> _Reading:
    return _how(words, _at(match, "what"), reading, names)


def _read_rank(
    reading: _Reading, match: re.Match[str], words: _Words, names: Names | None
) -> _Reading:
    _ranking(reading, match.groupdict())
    start = _at(match, "rest")
    if match.groupdict().get("tail") is None:
        _clause(words, start, reading, names)
        return reading
    # "who gave the most money to X": the clause, then what the most is of.
    most = _at(match, "tail")
    _clause(words, start, reading, names, subject=False, stop=most - 2)
    _after(words, list(range(most, len(words.words))), reading, names, False, False)
    return reading


def _read_largest(
    reading: _Reading, match: re.Match[str], words: _Words, names: Names | None
) -> _Reading:
    """ "what is the UK's largest commitment (to Ukraine)?", "what was the largest pledge
    of the US?": the giver before the superlative, parties after the gift."""
    pre = list(range(_at(match, "pre"), _at(match, "rest") - 2))
    if pre:
        _subject(words, pre, reading, names, receives=False)
    _after(words, list(range(_at(match, "rest"), len(words.words))), reading, names, False, False)
    return reading


def _read_clause(
    reading: _Reading, match: re.Match[str], words: _Words, names: Names | None
) -> _Reading:
    """The commitments, the donors ("who"), or yes or no: the clause after the opening."""
    lowered = match.string
    whom = match.groupdict().get("whom")
    reading.donor_kind = KIND_WORDS.get(whom or "")
    start = _at(match, "rest")
    reading.object_filled = reading.kind == "list" and lowered.startswith(("what ", "which "))
    reading.listing = reading.kind == "list" and not reading.object_filled
    if reading.listing and words.lower(start) in ("what", "which"):
        start += 1  # "show me what Qatar has committed": a question inside
        reading.object_filled = True
    asked_of = reading.kind == "who" and _subject_after_auxiliary(words, start)
    if asked_of:  # "which countries has the UAE helped?": the one asked about receives
        reading.by_recipient = True
        reading.donor_kind = None  # the kind is the recipients', not the giver's
    _clause(words, start, reading, names, subject=reading.kind != "who" or asked_of)
    if reading.kind == "who" and reading.verb in RECEIVING:
        reading.by_recipient = True  # "which countries got vaccines from India?"
    return reading


Reader = Callable[[_Reading, re.Match[str], _Words, Names | None], _Reading]
_READERS: dict[str, Reader] = {
    "count": _read_how,
    "money": _read_how,
    "rank": _read_rank,
    "largest": _read_largest,
}


def _ranking(reading: _Reading, groups: dict[str, str | None]) -> None:
    """ "the top three donors", "rank the recipients": how many places, and of whom."""
    for key in ("n", "n2"):
        reading.top = _number(groups.get(key) or "") or reading.top
    whom = groups.get("whom") or ""
    reading.by_recipient = whom in RECIPIENT_WORDS
    reading.donor_kind = KIND_WORDS.get(whom)
    reading.top = reading.top or 5


def _how(words: _Words, start: int, reading: _Reading, names: Names | None) -> _Reading:
    """ "how many ITEM did X verb ...", "how much (money|rice) has X given ...", and the
    passive "how many doses were donated to Nepal"."""
    lowered = words.lowered
    aux = next((i for i in range(start, len(lowered)) if lowered[i] in AUXILIARIES), None)
    verb = _find_verb(lowered, aux if aux is not None else start)
    what_end = min(i for i in (aux, verb[0] if verb else None, len(lowered)) if i is not None)
    what = words.words[start:what_end]
    said = {w.lower() for w in what}
    if reading.kind == "money" and what and not said & (MONEY_WORDS | AID_WORDS):
        reading.kind = "count"  # "how much rice": a count of a mass noun
    if reading.kind != "money":  # a sum of money is of every kind of money
        reading.item += what
    reading.object_filled = True
    passive = (
        aux is not None
        and verb is not None
        and all(lowered[i] in AUXILIARIES for i in range(aux, verb[0]))
    )
    _clause(words, what_end, reading, names, subject=not passive)
    return reading


def _find_verb(lowered: list[str], start: int) -> tuple[int, int] | None:
    """The first verb at or after `start`: (its first word, the word after it)."""
    for i in range(start, len(lowered)):
        for size in range(_LONGEST_VERB, 0, -1):
            if tuple(lowered[i : i + size]) in VERBS:
                return i, i + size
    return None


def _clause(
    words: _Words,
    start: int,
    reading: _Reading,
    names: Names | None,
    subject: bool = True,
    stop: int | None = None,
) -> None:
    """Read the words from `start` (to `stop`): the subject before the verb, the verb, and
    what follows, into the reading's giver, recipient, item and statuses."""
    lowered = words.lowered[:stop]
    # The verb after an auxiliary is the clause's ("which supplies is the UK donating"):
    # a noun before it may look like a verb.
    aux = next((i for i in range(start, len(lowered)) if lowered[i] in AUXILIARIES), None)
    verb = _find_verb(lowered, aux + 1) if aux is not None else None
    verb = verb or _find_verb(lowered, start)
    end = verb[0] if verb else len(lowered)
    if verb is not None:
        form = tuple(lowered[verb[0] : verb[1]])
        reading.statuses = reading.statuses or VERBS[form]
        reading.verb = form[0]
    head = form[0] if verb is not None else ""
    auxes = {lowered[i] for i in range(start, end) if lowered[i] in AUXILIARIES}
    passive = bool(auxes & PASSIVE_AUXILIARIES) and not head.endswith("ing")
    receives = head in RECEIVING or head in BUYING or passive
    helps = head in HELPING
    # Before an auxiliary, the question's own object ("what weapons did the US send").
    if aux is not None and start < aux < end:
        reading.item += [words.words[i] for i in range(start, aux)]
        reading.object_filled = True
        start = aux
    before = [i for i in range(start, end) if lowered[i] not in AUXILIARIES]
    after = list(range(verb[1], len(lowered))) if verb else []
    if subject and before:
        _subject(words, before, reading, names, receives)
    else:
        reading.item += [words.words[i] for i in before]
    _after(words, after, reading, names, receives, helps)


def _subject(
    words: _Words, indices: list[int], reading: _Reading, names: Names | None, receives: bool
) -> None:
    """The subject names the giver (the recipient of a receiving verb); a name's
    possessive ("Canada's famine funding") gives too; other words name the item. Its
    prepositional phrases ("the donors to Nepal") are read as after a verb."""
    phrases = _phrases(words, indices)
    if words.lower(phrases[0][0]) in BREAK_WORDS:
        _after(words, indices, reading, names, receives, False)
        return
    _after(words, [i for p in phrases[1:] for i in p], reading, names, receives, False)
    for phrase in phrases[:1]:
        found = _names_in(words, phrase, names)
        if found[0] is None and names is not None and (proper := _proper(words, phrase)):
            found = (proper, set(phrase))
        if found[0] is not None and _modifies_gift(words, phrase, found[1]):
            reading.donor = reading.donor or found[0]  # "the US package", "EU money"
            reading.item += [words.words[i] for i in phrase if i not in found[1]]
            continue
        rest = [i for i in phrase if i not in found[1]]
        if found[0] is not None:
            possessive = any(i in words.possessive for i in found[1])
            if receives and not possessive:
                reading.recipient = reading.recipient or found[0]
            else:
                reading.donor = reading.donor or found[0]
        reading.item += [words.words[i] for i in rest]


def _after(
    words: _Words,
    indices: list[int],
    reading: _Reading,
    names: Names | None,
    receives: bool,
    helps: bool,
) -> None:
    """What follows the verb: a prepositional phrase names a party ("to X" the recipient,
    "from X", "by X", "of X" the giver), or, naming no one, a purpose or a time, which is
    left out ("after the earthquake"); "of" without a name continues the item ("doses of
    vaccine"). A bare phrase is the object: the item, or the one helped or given to where
    it opens with a name ("give Ukraine money", "helped Turkey")."""
    for phrase in _phrases(words, indices):
        lead = words.lower(phrase[0])
        if lead not in BREAK_WORDS:
            _object(words, phrase, reading, names)
            continue
        body = phrase[1:]
        name, used = _names_in(words, body, names)
        if name is None and names is not None and lead in FROM_WORDS | {"to", "for"}:
            name = _proper(words, body)
        # "in the US package": the giver; but "came to Vanuatu's aid": the one helped.
        gives = (
            name is not None and lead not in RECIPIENT_LEADS and _modifies_gift(words, body, used)
        )
        if name is not None and (lead in FROM_WORDS or lead == "of" or gives):
            reading.donor = reading.donor or name
        elif name is not None and lead in TO_WORDS:
            reading.recipient = reading.recipient or name
        elif lead == "of":
            reading.item += [words.words[i] for i in body]


def _object(words: _Words, phrase: list[int], reading: _Reading, names: Names | None) -> None:
    """A bare phrase after the verb: without `names`, the item (or, where the question's
    own words are the object, the indirect object); with them, a name that opens it is
    the one given to, and the rest the item; a name inside it ("the Turkish quake
    victims") is the one given to, and the rest describes them."""
    if names is None:
        if reading.object_filled:
            reading.recipient = reading.recipient or _names_in(words, phrase, None)[0]
        else:
            reading.item += [words.words[i] for i in phrase]
        return
    name, used = _names_in(words, phrase, names)
    if name is None:
        reading.item += [words.words[i] for i in phrase]
        return
    reading.recipient = reading.recipient or name
    content = [i for i in phrase if words.lower(i) not in _DETERMINERS]
    if content and content[0] in used:
        reading.item += [words.words[i] for i in phrase if i not in used and i > min(used)]


def _phrases(words: _Words, indices: list[int]) -> list[list[int]]:
    """The indices cut into phrases, each opening at a preposition."""
    phrases: list[list[int]] = []
    for i in indices:
        if not phrases or words.lower(i) in BREAK_WORDS:
            phrases.append([i])
        else:
            phrases[-1].append(i)
    return phrases


def _names_in(words: _Words, phrase: list[int], names: Names | None) -> tuple[str | None, set[int]]:
    """The name a phrase holds and the words it takes: with `names`, the longest run of
    words that names a stored actor; without, the whole phrase, past its determiners."""
    content = [i for i in phrase if words.lower(i) not in _DETERMINERS]
    if not content:
        return None, set()
    if names is None:
        lowered = {words.lower(i) for i in content}
        if lowered <= NO_ITEM_WORDS | MONEY_WORDS | AUXILIARIES:
            return None, set()
        return " ".join(words.words[i] for i in content), set(content)
    # Runs of the phrase's own words, longest first: a name may hold "the" or "and" ("St
    # Vincent and the Grenadines"), but neither opens nor ends one.
    for size in range(len(phrase), 0, -1):
        for at in range(len(phrase) - size + 1):
            run = phrase[at : at + size]
            if words.lower(run[0]) in _DETERMINERS or words.lower(run[-1]) in _DETERMINERS:
                continue
            found = names(" ".join(words.words[i] for i in run))
            if found is not None:
                return found, set(run)
    return None, set()


def _modifies_gift(words: _Words, phrase: list[int], name: set[int]) -> bool:
    """Whether the name stands before a word for a gift ("the US package", "EU money",
    "Canada's NASAMS donation"), as its giver."""
    if not name:
        return False
    after = [i for i in phrase if i > max(name)]
    return bool(after) and any(words.lower(i) in GIFT_WORDS for i in after)


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "and", "of"})


def _proper(words: _Words, phrase: list[int]) -> str | None:
    """A phrase written as a proper name ("Narnia", "the Kingdom of Narnia"), which names
    someone whether or not it is stored: kept, so that the answer says it knows no one of
    that name rather than reading the question without it."""
    content = [i for i in phrase if words.lower(i) not in ("the", "a", "an", "of", "and")]
    if content and all(words.words[i][:1].isupper() for i in content):
        return " ".join(words.words[i] for i in phrase if words.lower(i) not in ("the", "a"))
    return None


def _no_second_verbs(words: list[str]) -> list[str]:
    """The item words without a verb joined by "or"/"and" ("cancelled or suspended")."""
    kept: list[str] = []
    for word in words:
        if kept and kept[-1].lower() in ("or", "and") and (word.lower(),) in VERBS:
            kept.pop()
            continue
        kept.append(word)
    return kept


def _item_phrase(words: list[str]) -> str | None:
    """The item words, without the words that name no item, or None."""
    kept = [w for w in words if w.lower() not in NO_ITEM_WORDS | AUXILIARIES | BREAK_WORDS]
    if kept and all(w.lower() in MONEY_WORDS for w in kept):
        return None
    named = [w for w in kept if w.lower() not in MONEY_WORDS and not _SUM.match(w)]
    # A unit counts an item ("doses of vaccine"), unless it is all the question names
    # ("how many doses were donated?").
    things = [w for w in named if w.lower() not in UNIT_WORDS]
    return " ".join(things or named) or None


@dataclass(frozen=True)
class Answer:
    """The commitments that answer a question, and the totals the question asks for."""

    question: Question
    rows: list[CommitmentView]  # all of them, or the first `limit` (see kb.ask.answer.answer)
    # Money: amount per currency. Count: quantity per unit ("" where the item is the unit).
    totals: dict[str, float] = field(default_factory=dict)
    unnumbered: int = 0  # rows that answer but give no figure to add up
    approximate: bool = False  # some figure added up was "about", "over" or "up to"
    donors: list[tuple[str, int]] = field(default_factory=list)
    matched: int = 0  # how many rows answer, when `rows` holds only the first few
    usd: float | None = None  # money: the sum in US dollars of what converts
    unconverted: dict[str, float] = field(default_factory=dict)  # money with no known rate
    sources: dict[int, list[str]] = field(default_factory=dict)  # articles of each row shown
    held: int = 0  # rows left out of the totals: parts of a whole, or in a running total
    # A ranking: each donor (or recipient) with what it gave, in `ranked_in` (USD or the
    # item's unit), largest first.
    ranking: list[tuple[str, float]] = field(default_factory=list)
    ranked_in: str = "USD"
    # The item words no stored commitment matched, where the answer is to the question
    # without them (kb.ask.answer.answer).
    relaxed: str | None = None
    relaxed_to: str | None = None  # the head noun the answer matched instead, if any
    unknown: str | None = None  # a yes-or-no question's name that no stored actor has
    # Money: the sum in dollars of each kind (grant, loan, ...; "unstated"), never added
    # together where there are several.
    usd_by_finance: dict[str, float] = field(default_factory=dict)
    undated: int = 0  # left out by the question's time ("in 2023"): their date is unknown

    @property
    def count(self) -> int:
        """How many commitments answer, shown or not."""
        return max(self.matched, len(self.rows))
