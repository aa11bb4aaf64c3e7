"""Find the donors and recipients a sentence names: names, aliases, demonyms, capitals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kb.extract.trie import trie_pattern
from kb.gazetteer import load
from kb.gazetteer.model import ActorName
from kb.records import Actor


@dataclass(frozen=True)
class ActorMention:
    """An actor named at [start, end) of a sentence."""

    start: int
    end: int
    actor: Actor
    role: str  # name, alias, demonym, capital, code
    possessive: bool


@cache
def _index() -> tuple[re.Pattern[str], dict[str, ActorName]]:
    names: dict[str, ActorName] = {}
    for name in load().names:
        if name.role == "code":  # "GBR" is for queries; news does not write it
            continue
        names.setdefault(name.text, name)
    # "German-built tanks" and "Iranian-made drones" name a maker, not a donor;
    # any hyphenated continuation ("UK-based") is a different word, and "US$" a currency.
    pattern = re.compile(
        r"(?<![\w&-])(?:" + trie_pattern(sorted(names)) + r")(?![\w&$]|-\w)(?P<pos>['’]s\b)?"
    )
    return pattern, names


def find_actors(text: str) -> list[ActorMention]:
    """Actor mentions in the text, left to right, longest name first at each place."""
    pattern, names = _index()
    found = []
    for match in pattern.finditer(text):
        end = match.start("pos") if match["pos"] else match.end()
        name = names[text[match.start() : end]]
        found.append(ActorMention(match.start(), end, name.actor, name.role, bool(match["pos"])))
    return found
