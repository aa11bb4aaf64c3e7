"""Find the donors and recipients a sentence names: names, aliases, demonyms, capitals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kb.extract.lexicon import ORGANISATION_WORDS
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
        # News writes the apostrophe both ways: "People’s Republic of China".
        names.setdefault(name.text.replace("'", "’"), name)
    # "German-built tanks" and "Iranian-made drones" name a maker, not a donor;
    # any hyphenated continuation ("UK-based") is a different word, and "US$" a currency.
    pattern = re.compile(
        r"(?<![\w&-])(?:" + trie_pattern(sorted(names)) + r")(?![\w&$]|-\w|\s+dollars?\b)"
        r"(?P<pos>['’]s\b)?"
    )
    return pattern, names


def find_actors(text: str) -> list[ActorMention]:
    """Actor mentions in the text, left to right, longest name first at each place."""
    pattern, names = _index()
    found = []
    for match in pattern.finditer(text):
        end = match.start("pos") if match["pos"] else match.end()
        if _SHOUTING.match(text, end):
            continue  # "WHO ELSE IS PAYING:" is a heading in capitals, not the WHO
        name = names[text[match.start() : end]]
        found.append(ActorMention(match.start(), end, name.actor, name.role, bool(match["pos"])))
    return _owned(text, found)


# "Germany's Federal Foreign Office", "the Danish Ministry of Defence": an office named
# right after a state is that state's, whichever state the office's name is an alias of.
_OWNER_GAP = re.compile(r"(?:['’]s)?\s+(?:Federal\s+|National\s+|Royal\s+)?")


def _owned(text: str, found: list[ActorMention]) -> list[ActorMention]:
    kept: list[ActorMention] = []
    for mention in found:
        owner = kept[-1] if kept else None
        if (
            owner is not None
            and mention.role == "alias"
            and owner.actor.kind == mention.actor.kind == "country"
            and owner.actor != mention.actor
            and _OWNER_GAP.fullmatch(text, owner.end, mention.start)
        ):
            continue
        kept.append(mention)
    return kept


_SHOUTING = re.compile(r"\s+[A-Z]{2,}\s+[A-Z]{2,}\b")
# "Horn Aid Network (HAN)": capitalised words before an acronym in brackets.
_DEFINED = re.compile(
    r"((?:[A-Z][\w'’&-]*[ ]+(?:(?:of|for|the|and|on|in)[ ]+)*){1,9})\(([A-Z][A-Za-z]{1,7})\)"
)
_ORGANISATION = re.compile(rf"(?<!\w)(?:{ORGANISATION_WORDS})\b")
_SMALL = {"of", "for", "the", "and", "on", "in"}


def _named_by(words: list[str], acronym: str) -> str | None:
    """The shortest tail of `words` whose initials spell the acronym (or begin it):
    "Reserve Bank of India and the Maldives Monetary Authority" -> "Maldives Monetary
    Authority" for MMA."""
    for start in range(len(words) - 1, -1, -1):
        if words[start] in _SMALL:
            continue
        tail = words[start:]
        initials = "".join(w if w.isupper() else w[0] for w in tail if w not in _SMALL)
        if initials.upper() == acronym.upper() or (
            len(acronym) >= 3 and initials.upper().startswith(acronym.upper())
        ):
            return " ".join(tail)
    return None


def local_actors(text: str) -> dict[str, Actor]:
    """Organisations an article defines with an acronym that the gazetteer does not know,
    by each name they go by in it: {"Horn Aid Network": actor, "HAN": actor}."""
    _, names = _index()
    found: dict[str, Actor] = {}
    for match in _DEFINED.finditer(text):
        name = _named_by(match.group(1).split(), match.group(2))
        acronym = match.group(2)
        if name is None or not _ORGANISATION.search(name) or name in names or acronym in names:
            continue
        actor = Actor(name=name, kind="organisation", aliases=(acronym,))
        found.setdefault(name, actor)
        found.setdefault(acronym, actor)
    return found


def find_local(text: str, local: dict[str, Actor], pattern: re.Pattern[str]) -> list[ActorMention]:
    """Mentions of an article's own organisations in `text`."""
    found = []
    for match in pattern.finditer(text):
        end = match.start("pos") if match["pos"] else match.end()
        actor = local[text[match.start() : end]]
        role = "name" if text[match.start() : end] == actor.name else "alias"
        found.append(ActorMention(match.start(), end, actor, role, bool(match["pos"])))
    return found


def local_pattern(local: dict[str, Actor]) -> re.Pattern[str] | None:
    """The pattern that finds an article's own organisations, or None if it has none."""
    if not local:
        return None
    return re.compile(
        r"(?<![\w&-])(?:" + trie_pattern(sorted(local)) + r")(?![\w&$]|-\w)(?P<pos>['’]s\b)?"
    )


# A quoted name ("Fund for a Green Ukraine", “Schools for Moldova”): two to ten words,
# each capitalised or a short joining word. The actors it names are part of the name, not
# actors of the sentence; quoted speech is not matched.
_QUOTED_TITLE = re.compile(
    r"[\"“](?:[A-Z][\w’'-]*|of|for|and|the|in|on|to|a|an|&)(?:[ ,-]+(?:[A-Z0-9][\w’'-]*|of|for"
    r"|and|the|in|on|to|a|an|&)){1,9}[\"”]"
)
# Between a name and its bracketed acronym, or an actor and its bracketed amount.
OPEN_BRACKET = re.compile(r"\s*\(\s*")


def actors_in(
    text: str, local: dict[str, Actor], pattern: re.Pattern[str] | None
) -> list[ActorMention]:
    """The actors a sentence names: the gazetteer's and the article's own organisations,
    the longer name where two overlap, none inside a quoted name, and a bracketed
    repeat of a name ("... Programme (UNDP)") once."""
    known = find_actors(text)
    if pattern is not None:
        # The longer name wins where two overlap: the article's own "United Nations
        # Industrial Development Organization" over the gazetteer's "United Nations".
        kept: list[ActorMention] = []
        for m in sorted(known + find_local(text, local, pattern), key=lambda m: m.start - m.end):
            if not any(k.start < m.end and m.start < k.end for k in kept):
                kept.append(m)
        known = sorted(kept, key=lambda m: m.start)
    titles = [m.span() for m in _QUOTED_TITLE.finditer(text)]
    known = [m for m in known if not any(a <= m.start and m.end <= b for a, b in titles)]
    return _without_bracketed_repeats(text, known)


def _without_bracketed_repeats(text: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Drop "(UNDP)" after "the United Nations Development Programme": the same actor
    named again, whose role is its full name's ("of the ... (UNDP) and will contribute"
    does not make UNDP a subject)."""
    kept: list[ActorMention] = []
    for mention in actors:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.actor == mention.actor
            and OPEN_BRACKET.fullmatch(text, previous.end, mention.start)
        ):
            continue
        kept.append(mention)
    return kept
