"""Counted noun phrases that the gazetteer does not know: "40 bicycles", "a water pump".

The gazetteer names and canonicalises items; it does not decide whether a gift exists.
A counted noun phrase that a verb or noun of giving governs is an item whatever its
words, so "Chile will deliver 40 bicycles to Haiti" gives a row although no table
lists bicycles. What the phrase is made of is structure: a count, at most a unit and
"of", up to three modifiers and a plural head noun (or "a"/"an" and a singular one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract.folding import Folded
from kb.extract.items import ItemMention, named_term, unit_name
from kb.extract.lexicon import (
    ABSTRACT_HEADS,
    COUNT_FILLER_STOP,
    COUNTED_PHRASE_ENDS,
    DEFINITE_BEFORE_COUNT,
    GETTING_VERBS,
    ITEM_LEAD_FILLERS,
    MILITARY_STEMS,
    NOT_GIFT_HEADS,
    NUMBER_WORDS,
    OBJECT_CUES,
    PARTITIVE,
    SINGLE_PHRASE_ENDS,
    UNITS,
    VAGUE_COUNTS,
    VAGUE_PHRASE_ENDS,
)
from kb.extract.numbers import NUMBER, parse_number, qualifier_before
from kb.gazetteer import ItemTerm
from kb.words import singular

_UNIT = "|".join(sorted({u + s for u in UNITS for s in ("", "s", "es")}, key=len, reverse=True))
_STOP = rf"(?:{COUNT_FILLER_STOP})\b"
# A word of the phrase: letters, maybe hyphenated; never a stop word or a figure.
_WORD = rf"(?!{_STOP})[A-Za-z][\w’'-]*"
_COUNTED = re.compile(
    rf"(?<![\w.,$£€¥/-])(?P<num>{NUMBER})\s+"
    rf"(?:(?P<unit>(?i:{_UNIT})|[a-z]+[^\Wsu]s)\s+of\s+(?:the\s+)?|{PARTITIVE})?"
    rf"(?P<phrase>(?:{_WORD}\s+){{0,3}}{_WORD})"
    rf"(?=\s*(?:[,;:.)(]|$|\s(?:{COUNTED_PHRASE_ENDS})\b))"
)
_SINGLE = re.compile(
    rf"\b(?P<num>an?)\s+(?P<phrase>(?:{_WORD}\s+){{0,2}}{_WORD})"
    rf"(?=\s*(?:[,;:.)]|$|\s(?:{SINGLE_PHRASE_ENDS})\b))"
)
# "hundreds of dehumidifiers", "several generators": given, with no count to record.
_VAGUE = re.compile(
    rf"\b(?P<num>(?i:{VAGUE_COUNTS}))\s+(?:of\s+)?"
    rf"(?:(?P<unit>(?i:{_UNIT}))\s+of\s+(?:the\s+)?)?"
    rf"(?P<phrase>(?:{_WORD}\s+){{0,3}}{_WORD})"
    rf"(?=\s*(?:[,;:.)(]|$|\s(?:{VAGUE_PHRASE_ENDS})\b))"
)
_ANY_CUE = Folded(rf"(?<!\w)(?:{OBJECT_CUES})\b")
_CUE = re.compile(rf"(?<!\w)(?:{OBJECT_CUES})\b[^.;:!?]{{0,80}}$", re.IGNORECASE)
# A verb right before "a"/"an": only then is a singular phrase an object ("deliver a pump").
_VERB_BEFORE = re.compile(rf"(?<!\w)(?:{OBJECT_CUES})\s+(?:also\s+|another\s+)?$", re.IGNORECASE)
_RECEIVED = re.compile(rf"(?<!\w)(?:{GETTING_VERBS})\s+$", re.I)
_NOT_GIFT = re.compile(rf"(?:{NOT_GIFT_HEADS})$", re.IGNORECASE)
_LEAD = re.compile(rf"^(?:(?:{ITEM_LEAD_FILLERS})\s+)+", re.IGNORECASE)
_PLURAL = re.compile(r"[a-z]{2,}(?:[^su]s|ies|es)$")
_PERCENT = re.compile(r"\s*(?:%|per\s*cent|percent)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CAPITALISED = re.compile(r"[A-Z][\w-]*\s+$")
# The head of a singular phrase must look like a noun, not a verb or an adjective.
_ADJECTIVE = re.compile(r"(?:al|ive|ous|ful|less|able|ible|ed|ing|ly|ary|ory|est)$")
_ABSTRACT = re.compile(
    rf"(?:{ABSTRACT_HEADS})$|(?:tion|sion|ment|ness|ity|ance|ence|ship|ism|ure|age)$", re.I
)
# "the two neighbours", "its 14 tanks": a definite count points back; it gives nothing new.
_DEFINITE = re.compile(rf"(?<!\w)(?:{DEFINITE_BEFORE_COUNT})\s+$", re.I)


_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_ARTICLE = re.compile(r"\b[Aa]n?\s")
# The words that may open a count: "forty", "dozen", "hundreds", "several".
_COUNT_WORDS = frozenset(
    w for phrase in NUMBER_WORDS for w in phrase.split() if w not in ("a", "an", "of")
) | frozenset(("hundred", "thousand", "million", "billion", "half"))
_VAGUE_WORDS = frozenset(w for w in re.split(r"[|\s]+", VAGUE_COUNTS) if w)


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    text: str
    quantity: float | None
    qualifier: str | None
    unit: str | None
    article: bool = False  # "a water pump": one, by the article alone


def open_items(text: str, taken: list[tuple[int, int]], listed: bool = False) -> list[ItemMention]:
    """Counted noun phrases outside `taken` (money, known items) that are given.

    `listed`: the text is an entry of a list whose lead-in gives, so no verb is needed.
    """
    # A phrase is given only after a word of giving, or in a list's entry.
    if not listed and not _ANY_CUE.search(text):
        return []
    found = [*_plural_phrases(text, taken, listed), *_singular_phrases(text, taken)]
    return [
        ItemMention(
            p.start, p.end, p.text, _term(p.text), p.quantity, p.qualifier, p.unit, p.article
        )
        for p in sorted(found, key=lambda p: p.start)
    ]


_ROW_COUNT = re.compile(rf"\s*(?P<num>{NUMBER})\s*$")


def row_item(
    text: str, label: tuple[int, int], body: int, known: list[ItemMention]
) -> ItemMention | None:
    """A table row flattened to text, "Tarpaulins | 3,000": the label is the item (with
    the gazetteer's name for it where `known` has one) and the body its count."""
    count = _ROW_COUNT.match(text, body)
    name = text[label[0] : label[1]].strip()
    if count is None or not re.fullmatch(rf"(?:{_WORD}\s+){{0,4}}{_WORD}", name):
        return None
    quantity = parse_number(count["num"])
    if not quantity:
        return None
    named = [k.term for k in known if label[0] <= k.start and k.end <= label[1]]
    term = named[-1] if named else _term(name)
    return ItemMention(label[0], count.end("num"), name, term, quantity, "exact")


def _plural_phrases(text: str, taken: list[tuple[int, int]], listed: bool) -> list[_Phrase]:
    out: list[_Phrase] = []
    # Most sentences hold no count at all: a look at their words spares the patterns.
    words = set(_WORDS.findall(text.lower()))
    matches: list[re.Match[str]] = []
    if _DIGIT.search(text) or words & _COUNT_WORDS:
        matches += _COUNTED.finditer(text)
    if words & _VAGUE_WORDS:
        matches += _VAGUE.finditer(text)
    for match in sorted(matches, key=_start):
        start, end = match.start(), match.end()
        if _overlaps(start, end, taken) or _PERCENT.match(text, match.end("num")):
            continue
        phrase = _LEAD.sub("", match["phrase"])
        head = phrase.split()[-1] if phrase else ""
        # After a unit ("50,000 litres of disinfectant") the goods need not be plural.
        plural = match["unit"] is not None or _PLURAL.search(head)
        if not phrase or not plural or _NOT_GIFT.search(head.lower()):
            continue
        if _model_number(text, start, taken):
            continue  # "Sprinter 319 vans", "Leopard 2 tanks": a model number, not a count
        if _DEFINITE.search(text, max(0, start - 8), start):
            continue
        if not listed and not _governed(text, start, out):
            continue
        vague = match.re is _VAGUE
        quantity = None if vague else parse_number(match["num"])
        if not vague and (not quantity or _YEAR.fullmatch(match["num"])):
            continue
        unit = unit_name(match["unit"]) if match["unit"] else None
        qualifier = None if vague else qualifier_before(text[:start])
        out.append(_Phrase(start, end, phrase, quantity, qualifier, unit))
    return out


def _singular_phrases(text: str, taken: list[tuple[int, int]]) -> list[_Phrase]:
    out: list[_Phrase] = []
    if not _ARTICLE.search(text):
        return out
    for match in _SINGLE.finditer(text):
        start, end = match.start(), match.end()
        if _overlaps(start, end, taken) or not _VERB_BEFORE.search(text, max(0, start - 60), start):
            continue
        phrase = _LEAD.sub("", match["phrase"])
        head = phrase.split()[-1].lower() if phrase else ""
        if not phrase or _ADJECTIVE.search(head) or _NOT_GIFT.search(head) or head[:1].isupper():
            continue
        if _ABSTRACT.search(head) or _RECEIVED.search(text, max(0, start - 30), start):
            continue
        if head.endswith("s") and not head.endswith("ss"):
            continue  # "a further 20 ..." or a plural after "a": not one thing
        out.append(_Phrase(start, end, phrase, 1.0, "exact", None, article=True))
    return out


def _start(match: re.Match[str]) -> int:
    return match.start()


def _governed(text: str, start: int, earlier: list[_Phrase]) -> bool:
    """A verb or noun of giving stands before the phrase in its clause, or the phrase
    goes on a list whose first entry such a word governs: "5 generators, 700 beds"."""
    if _CUE.search(text, max(0, start - 120), start):
        return True
    if earlier:
        gap = text[earlier[-1].end : start]
        return re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+)", gap) is not None
    return False


def _model_number(text: str, start: int, taken: list[tuple[int, int]]) -> bool:
    """A capitalised word right before the number that is no actor: "Sprinter 319"
    (but not "provide to Ukraine 10 barrels", nor a sentence's first word)."""
    word = _CAPITALISED.search(text, max(0, start - 40), start)
    if word is None or not text[: word.start()].strip():
        return False
    return not _overlaps(word.start(), word.end(), taken)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def item_term(phrase: str) -> ItemTerm:
    """The canonical item a phrase names, as extraction names it: the gazetteer's ("Leopard 2
    tanks": the Leopard 2), else its own words with the head singular ("bicycles": bicycle).
    What a person's correction (kb.review) resolves an item by."""
    return named_term(phrase) or _term(phrase)


def _term(phrase: str) -> ItemTerm:
    """A canonical item for a phrase no table lists: its words, the head singular."""
    words = phrase.lower().split()
    words[-1] = singular(words[-1])
    name = " ".join(words)
    return ItemTerm(
        term=name, canonical=name, category="other", aid_type=_aid_type(words), designation=False
    )


_MILITARY = re.compile(rf"(?:{MILITARY_STEMS})")


def _aid_type(words: list[str]) -> str:
    return "military" if any(_MILITARY.search(w) for w in words) else "humanitarian"
