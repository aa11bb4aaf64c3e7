"""What kind of report a figure is: a new commitment, a part of one, or a running total.

Read from the words next to the figure in its sentence (kb.extract.lexicon: PART_*,
TOTAL_*, NEW_BEFORE), never across a clause boundary: "the first four MiG-29s" and "a
further tranche of EUR 2.5bn" are parts, "bringing its aid to EUR 2bn" and "14 jets in
all" are running totals, "another 30 tanks" is new. Storage ties a part to its whole and a
running total to what it includes (kb.consolidate.wholes), so that sums add each whole
once.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kb.extract.lexicon import (
    FINANCE_CUES,
    NEW_BEFORE,
    PART_AFTER,
    PART_BEFORE,
    REFERS_AS_PART,
    TOTAL_AFTER,
    TOTAL_BEFORE,
)
from kb.extract.merge import Found
from kb.extract.sentences import Sentence

# How far from the figure its cue may be; a clause boundary ends the window earlier.
_REACH = 80
_BOUNDARY = re.compile(r"[;:.!?]|,\s+(?:and|but|while|which|who)\b|\s[-\u2013\u2014]\s")

# A cue ends where the figure begins, or one word before it ("a total of about 14").
_PART_BEFORE = re.compile(rf"(?<!\w)(?:{PART_BEFORE})(?:\s+\S+)?\s*$", re.I)
_PART_AFTER = re.compile(rf"^\s*(?:{PART_AFTER})", re.I)
_TOTAL_BEFORE = re.compile(rf"(?<!\w)(?:{TOTAL_BEFORE})(?:\s+\S+)?\s*$", re.I)
_TOTAL_AFTER = re.compile(rf"^\s*(?:{TOTAL_AFTER})", re.I)
_NEW_BEFORE = re.compile(rf"(?<!\w)(?:{NEW_BEFORE})(?:\s+\S+)?\s*$", re.I)
# Every cue in one pattern, a named group a kind, so that a window is scanned once.
_FINANCE = re.compile(
    "|".join(rf"(?<![\w-])(?P<{kind}>{cue})(?![\w-])" for kind, cue in FINANCE_CUES), re.I
)
_RANK = {kind: rank for rank, (kind, _) in enumerate(FINANCE_CUES)}
# A figure with its scale ("EUR 5 billion"), which a cue next to it may belong to.
# Any figure, a count too ("87,000 tonnes of in-kind aid"), but a year ("a package for
# 2023").
_FIGURE = re.compile(
    r"(?:[$€£¥]|\b[A-Z]{3})\s?\d[\d.,]*|\b(?!(?:19|20)\d\d\b)\d[\d.,]*"
    r"(?:\s*(?:bn|billion|million|mn|m|thousand|k)\b)?"
)
_REFERS_AS_PART = re.compile(rf"^\s*(?:{REFERS_AS_PART})")


# The words of a figure's clause before it and after it (_clause_before, _clause_after).
Around = tuple[str, str]


def around(text: str, start: int, end: int) -> Around:
    """The clause around the figure at text[start:end], before it and after it: read once
    for both its kind and its kind of money."""
    return _clause_before(text, start), _clause_after(text, end)


def kind_of(text: str, start: int, end: int) -> str:
    """ "new", "part" or "total" for the figure at text[start:end]."""
    return kind_around(around(text, start, end))


def finance_of(text: str, start: int, end: int) -> str | None:
    """finance_around the sum at text[start:end]."""
    return finance_around(around(text, start, end))


def kind_around(clause: Around) -> str:
    """ "new", "part" or "total" for the figure the clause is around."""
    before, after = clause
    if _PART_BEFORE.search(before) or _PART_AFTER.match(after):
        return "part"
    if _NEW_BEFORE.search(before):
        return "new"
    if _TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after):
        return "total"
    return "new"


def finance_around(clause: Around) -> str | None:
    """The kind of money of the sum the clause is around (kb.records.FINANCE), from the
    nearest cue in it ("a EUR 500m loan", "USD 20m in grants", "debt relief of"); None
    where the clause does not say. A cue between two sums is the nearer one's ("EUR 5bn in
    loans, the deal includes EUR 1.8bn in support": the loans are the 5bn)."""
    before, after = clause
    previous = [m.end() for m in _FIGURE.finditer(before)]
    ahead = _FIGURE.search(after)
    found: list[tuple[int, int, str]] = []
    last = previous[-1] if previous else None
    for m in _FINANCE.finditer(before):
        ours = _apart(before[m.end() :])
        if last is None or (last <= m.start() and ours <= _apart(before[last : m.start()])):
            found.append((ours, _RANK[str(m.lastgroup)], str(m.lastgroup)))
    nxt = ahead.start() if ahead else None
    for m in _FINANCE.finditer(after):
        ours = _apart(after[: m.start()])
        if nxt is None or (m.end() <= nxt and ours <= _apart(after[m.end() : nxt])):
            found.append((ours, _RANK[str(m.lastgroup)], str(m.lastgroup)))
            break  # the first after the sum is the nearest
    return min(found)[2] if found else None


def _apart(between: str) -> int:
    """How far apart the text `between` holds two things: its length, a comma counting
    as a clause's worth."""
    return len(between) + 20 * between.count(",")


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - _REACH) : start]
    cuts = [cut.end() for cut in _BOUNDARY.finditer(window)]
    return window[cuts[-1] :] if cuts else window


def _clause_after(text: str, end: int) -> str:
    window = text[end : end + _REACH]
    cut = _BOUNDARY.search(window)
    return window[: cut.start()] if cut else window


def parts_referred_to(sentences: list[Sentence], found: list[Found]) -> list[Found]:
    """Mark as a part the record that a later sentence calls part of a whole ("The loan
    is part of a package ..."): the latest record before that sentence whose own sentence
    names the noun ("a EUR 1.5bn loan")."""
    marked = list(found)
    for sentence in sentences:
        match = _REFERS_AS_PART.match(sentence.text)
        if match is None:
            continue
        noun = re.compile(rf"\b{re.escape(match['noun'])}\b", re.I)
        earlier = [
            i
            for i, f in enumerate(marked)
            if f.record.span[1] <= sentence.start and noun.search(f.record.evidence)
        ]
        if earlier:
            latest = max(earlier, key=lambda i: marked[i].record.span[0])
            record = replace(marked[latest].record, kind="part")
            marked[latest] = replace(marked[latest], record=record)
    return marked
