"""Items in a sentence, with the count, qualifier and unit that go with each."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from kb.extract.folding import Folded
from kb.extract.lexicon import (
    CARRYING,
    COUNT_FILLER_STOP,
    GIVING_WORDS,
    INFRASTRUCTURE_HEADS,
    ITEM_LEAD_FILLERS,
    MODIFIED_HEADS,
    NOT_GIFT_HEADS,
    NOT_ITEM_BEFORE,
    PARTITIVE,
    TEAM_MEMBERS,
    UMBRELLA_ITEMS,
    UNIT_NAMES,
    UNITS,
    VERBS_IN_S,
)
from kb.extract.numbers import NUMBER, parse_number, qualifier_before
from kb.extract.trie import trie_pattern
from kb.gazetteer import ItemTerm, load


@dataclass(frozen=True)
class ItemMention:
    """An item named at [start, end) of a sentence; the span includes its count."""

    start: int
    end: int
    text: str
    term: ItemTerm
    quantity: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    article: bool = False  # counted by "a" or "an" alone: one item, but a weak count

    @property
    def umbrella(self) -> bool:
        return self.term.canonical.lower() in UMBRELLA_ITEMS or self.term.category == "money"


@dataclass(frozen=True)
class _Term:
    start: int
    end: int
    term: ItemTerm
    plural: bool


def _key(text: str) -> str:
    return re.sub(r"[\s\-'’]+", "", text.lower())


def _variants(term: str) -> list[tuple[str, bool]]:
    forms = [(term, False), (term + "s", True), (term + "es", True)]
    if term.endswith("y") and not term.endswith(("ey", "ay", "oy")):
        forms.append((term[:-1] + "ies", True))
    return forms


@cache
def _terms() -> tuple[Folded, dict[str, tuple[ItemTerm, bool]]]:
    table: dict[str, tuple[ItemTerm, bool]] = {}
    for term in load().items:
        for form, plural in _variants(term.term):
            table.setdefault(_key(form), (term, plural))
    # In lower case, so that the pattern folds: its matches give positions only.
    forms = sorted({f.lower() for t in load().items for f, _ in _variants(t.term)})
    pattern = Folded(r"(?<![\w-])(?:" + trie_pattern(forms, flexible=True) + r")(?![\w]|-\w)")
    return pattern, table


_UNITS = "|".join(sorted({u + s for u in UNITS for s in ("", "s", "es")}, key=len, reverse=True))
_FILL = rf"(?:(?!(?:{COUNT_FILLER_STOP})\b)[\w’'-]+\s+)"
# A maker's or model's name before the modifiers counts apart: "14 IVECO LAV III armoured
# patrol vehicles".
_NAME = r"(?:(?-i:[A-Z][A-Z0-9-]+|[A-Z][a-z]+[A-Z][\w-]*)\s+)"
_COUNT_BEFORE = re.compile(
    rf"(?<![\w.,$£€¥/-])(?P<num>{NUMBER})(?P<member>-(?:member|strong|person|man)\b)?\s*"
    rf"(?:(?P<unit>{_UNITS})\s+of\s+(?:the\s+)?|{PARTITIVE})?(?P<fill>{_NAME}{{0,3}}{_FILL}{{0,3}})$",
    re.IGNORECASE,
)
# "a single dose" and "a second vessel" say which, not how many.
_ARTICLE_BEFORE = re.compile(
    rf"\b(?P<num>an?|one)\s+(?:(?P<unit>{_UNITS})\s+of\s+)?"
    rf"(?!(?:single|double|second|third|fourth|further|following|first)\b)(?P<fill>{_FILL}{{0,2}})$",
    re.IGNORECASE,
)
# "a team of about 50 people", "a team of 12 epidemiologists": counted by head.
_COUNT_AFTER = re.compile(
    rf"\s+of\s+(?P<qual>about|around|some|nearly|almost|more than|over|up to)?\s*"
    rf"(?P<num>{NUMBER})\s+(?P<unit>{TEAM_MEMBERS}|[a-z]+(?:ists|ers|ors|ians|ics|s))\b",
    re.IGNORECASE,
)
_MODIFIER = re.compile(rf"[\s-]+(?:{MODIFIED_HEADS})\b", re.IGNORECASE)
_INFRASTRUCTURE = re.compile(rf"[\s-]+(?:{INFRASTRUCTURE_HEADS})\b", re.IGNORECASE)
_NOT_ITEM = Folded(rf"(?<!\w)(?:{NOT_ITEM_BEFORE})\s+$")
_YEAR = re.compile(r"(?:19|20)\d\d$")
_LEAD = re.compile(rf"(?:(?:{ITEM_LEAD_FILLERS})\s+)+", re.IGNORECASE)  # used with match(pos)
_LINK = re.compile(r"(?:['’]s)?[\s-]*(?:[A-Z0-9][\w-]{0,5}\s+)?$")
# After a designation, plain words may stand before its noun: "Leopard 2 battle tanks".
_DESIGNATION_LINK = re.compile(
    rf"(?:['’]s)?[\s-]*(?:[A-Z0-9][\w-]*\s+|(?!(?:{COUNT_FILLER_STOP})\b)[a-z]+\s+){{0,2}}$"
)
# The rest of a list that one unit counts: "70 pallets of bandages, crutches and tents".
_LIST_GAP = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+)(?:other\s+)?(?:[\w-]+\s+){0,3}$")
_CARRIED = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{CARRYING})\s+(?:[\w’'-]+\s+){{0,2}}")
_ACRONYM_GAP = re.compile(r"(?:\s+[A-Z][\w-]*)*\s*\(\s*")
_UNIT_OF = re.compile(r"\s+of\s+(?:[\w’'-]+\s+){0,2}$")


def _find_terms(text: str) -> list[_Term]:
    pattern, table = _terms()
    found: list[_Term] = []
    for match in pattern.finditer(text):
        if _MODIFIER.match(text, match.end()) or _NOT_ITEM.search(
            text, max(0, match.start() - 80), match.start()
        ):
            continue
        written = text[match.start() : match.end()]
        term, plural = table[_key(written)]
        if term.aid_type == "humanitarian" and _INFRASTRUCTURE.match(text, match.end()):
            continue  # "water systems", "power plants"
        # A designation ("Patriot", "Leopard") is written with a capital; the same
        # word in lower case is ordinary English.
        if term.canonical[:1].isupper() and not written[:1].isupper():
            continue
        found.append(_Term(match.start(), match.end(), term, plural))
    return [
        _extended(t, text, found[i + 1] if i + 1 < len(found) else None)
        for i, t in enumerate(found)
    ]


def _extended(term: _Term, text: str, following: _Term | None) -> _Term:
    """ "water containers", "shelter items": a plain plural noun after the word, that no
    table names, ends the phrase; the word only modifies it."""
    if term.term.designation or term.term.category == "money":
        return term
    end = _plural_noun_after(text, term.end)
    if end == term.end or (following is not None and following.start < end):
        return term
    return replace(term, end=end, plural=True)


_NOUN_AFTER = re.compile(r"(?:[ -](?P<mid>[a-z][a-z-]+))?[ -](?P<head>[a-z][a-z-]+[^\Wsu]s)\b")
# Stop words, heads that are no gift, and verbs in -s ("includes", "arrives"): none of
# them is the noun a word modifies.
_STOP = re.compile(
    rf"(?:{COUNT_FILLER_STOP}|{NOT_GIFT_HEADS}|{GIVING_WORDS}|{VERBS_IN_S}|\w+ly)$", re.IGNORECASE
)


def _plural_noun_after(text: str, end: int) -> int:
    """Where the phrase ends when a plain plural noun follows the word ("water containers",
    "water storage units"): the word modifies it. Else `end` itself."""
    match = _NOUN_AFTER.match(text, end)
    if match is None:
        return end
    words = [w for w in (match["mid"], match["head"]) if w]
    return end if any(_STOP.match(w) for w in words) else match.end()


def _chains(terms: list[_Term], text: str) -> list[list[_Term]]:
    """Group terms that form one phrase: "Leopard 2 A6 tanks", "Covishield vaccines"."""
    chains: list[list[_Term]] = []
    for term in terms:
        gap = text[chains[-1][-1].end : term.start] if chains else ""
        link = _DESIGNATION_LINK if chains and chains[-1][-1].term.designation else _LINK
        # "a National Advanced Surface-to-Air Missile System (NASAMS)": the bracketed
        # acronym names the same item.
        acronym = _ACRONYM_GAP.fullmatch(gap) and text.startswith(")", term.end)
        if chains and (link.fullmatch(gap) or acronym):
            chains[-1].append(term)
        else:
            chains.append([term])
    return chains


def _closed(text: str, start: int, end: int) -> int:
    """The end of an item phrase, past the bracket its acronym opened: "(NASAMS)"."""
    if text.count("(", start, end) > text.count(")", start, end) and text.startswith(")", end):
        return end + 1
    return end


def _head(chain: list[_Term]) -> _Term:
    # The designation names the thing most specifically ("Challenger 2 main battle
    # tanks"); failing one, the English head noun is the last term.
    for term in chain:
        if term.term.designation:
            return term
    # "rice donation": a gift noun after the goods is no head of its own.
    goods = [t for t in chain if t.term.category != "money"]
    return goods[-1] if goods else chain[-1]


def named_term(phrase: str) -> ItemTerm | None:
    """The gazetteer's item for a phrase, picked as in a sentence (the designation, else the
    head noun of the last phrase): "Leopard 2 tanks" is the Leopard 2. None where no table
    names it."""
    chains = _chains(_find_terms(phrase), phrase)
    return _head(chains[-1]).term if chains else None


def unit_name(written: str) -> str:
    """The name a record gives a unit: "MT" and "metric tons" are tonnes."""
    lowered = " ".join(written.lower().split())
    return UNIT_NAMES.get(lowered, lowered)


def find_items(text: str, taken: list[tuple[int, int]]) -> list[ItemMention]:
    """Items in the text; numbers inside `taken` spans (money, dates) count nothing."""
    found: list[ItemMention] = []
    terms = _find_terms(text)
    taken = taken + [(t.start, t.end) for t in terms]
    chains = _chains(terms, text)
    skip = False
    absorbing: ItemMention | None = None
    for index, chain in enumerate(chains):
        if skip:
            skip = False
            continue
        if (
            absorbing is not None
            and (
                absorbing.unit is not None or _head(chain).term.category == absorbing.term.category
            )
            and _LIST_GAP.fullmatch(text[absorbing.end : chain[0].start])
            and _COUNT_BEFORE.search(text[max(0, chain[0].start - 60) : chain[0].start]) is None
            and _ARTICLE_BEFORE.search(text[max(0, chain[0].start - 60) : chain[0].start]) is None
        ):
            # An uncounted item of the same class (or under the same unit) in the list
            # right after a counted one goes with it: "30,000 gowns, aprons and needles".
            absorbing = replace(
                absorbing,
                end=chain[-1].end,
                text=absorbing.text + text[absorbing.end : chain[-1].end],
            )
            found[-1] = absorbing
            continue
        floor = chains[index - 1][-1].end if index else 0
        mentions = _mentions(chain, text, taken, floor)
        if not mentions:
            absorbing = None
            continue
        following = chains[index + 1] if index + 1 < len(chains) else None
        # "500 million doses of Pfizer's vaccine": the unit counts the next phrase.
        # "14 trucks loaded with fuel and flour": the carriers count goods that have
        # no count of their own.
        gap = text[chain[-1].end : following[0].start] if following else ""
        if (
            following
            and chain[-1].term.term in UNITS
            and mentions[-1].quantity is not None
            and (_UNIT_OF.match(gap) or (_CARRIED.fullmatch(gap) and not re.search(r"\d", gap)))
        ):
            inner = _head(following)
            end = following[-1].end
            unit = mentions[-1].unit or text[chain[-1].start : chain[-1].end].lower()
            mentions = [
                ItemMention(
                    m.start,
                    end,
                    text[following[0].start : end],
                    inner.term,
                    m.quantity,
                    m.qualifier,
                    unit,
                )
                for m in mentions
            ]
            skip = True
        found.extend(mentions)
        last = mentions[-1]
        # Only a count before its item can reach over a list; "a team of 50 people" ends
        # with its count.
        counted_before = last.quantity is not None and text[: last.end].endswith(last.text)
        absorbing = last if counted_before else None
    return found


def _mentions(
    chain: list[_Term], text: str, taken: list[tuple[int, int]], floor: int
) -> list[ItemMention]:
    """The mentions of one chain; a count is looked for after `floor`, the previous item."""
    head, start, end = _head(chain), chain[0].start, _closed(text, chain[0].start, chain[-1].end)
    window = max(floor, start - 120)
    before = text[window:start]
    count = _COUNT_BEFORE.search(before)
    if count and _inside(window + count.start("num"), taken):
        count = None
    if count and _YEAR.fullmatch(count["num"]):
        count = None
    if count is None:
        article = _ARTICLE_BEFORE.search(before)
        # "A rescue team" is not one item: people are counted by head, or not at all.
        if (
            article
            and (article["unit"] or not chain[-1].plural)
            and head.term.category != "personnel"
        ):
            count = article
    if count is None:
        return [_after(chain, head, text, (start, end), taken)]
    quantity = parse_number(count["num"]) if count["num"].lower() not in ("a", "an") else 1.0
    if not quantity:
        return []  # "0 tanks" gives nothing
    unit = unit_name(count["unit"]) if count["unit"] else None
    if count.groupdict().get("member"):
        unit = "members"
    item_start = window + count.start("fill")
    lead = _LEAD.match(text, item_start, start)
    item_start = lead.end() if lead else item_start
    if head.term.term.lower() in UNITS and not unit and count["num"].lower() not in ("a", "an"):
        unit = text[head.start : head.end].lower()
    qualifier = qualifier_before(text[: window + count.start("num")])
    mention_start = window + count.start("num")
    mentions = [
        ItemMention(
            mention_start,
            end,
            text[item_start:end].strip(" ,"),
            head.term,
            quantity,
            qualifier,
            unit,
            article=count["num"].lower() in ("a", "an", "one"),
        )
    ]
    shared = re.search(
        rf"(?P<num>{NUMBER})\s+(?:and|&)\s+$", text[max(0, mention_start - 40) : mention_start]
    )
    if shared:
        other = parse_number(shared["num"])
        if other:
            offset = max(0, mention_start - 40)
            mentions.insert(
                0,
                ItemMention(
                    offset + shared.start("num"),
                    end,
                    mentions[0].text,
                    head.term,
                    other,
                    "exact",
                    unit,
                ),
            )
    return mentions


def _after(
    chain: list[_Term], head: _Term, text: str, span: tuple[int, int], taken: list[tuple[int, int]]
) -> ItemMention:
    start, end = span
    item = text[start:end]
    after = _COUNT_AFTER.match(text, end)
    # "Grant Aid of 65 million US dollars": a count that is money counts nothing.
    if after and not _inside(after.start("num"), taken):
        qualifier = qualifier_before(after["qual"] + " ") if after["qual"] else "exact"
        return ItemMention(
            start,
            after.end(),
            item,
            head.term,
            parse_number(after["num"]),
            qualifier,
            after["unit"].lower(),
        )
    return ItemMention(start, end, item, head.term)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)
