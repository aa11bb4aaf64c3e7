"""Split article text into sentences with spans, dropping page furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract.folding import Folded
from kb.extract.lexicon import FURNITURE_ENDS, FURNITURE_LINE_LIMIT, FURNITURE_STARTS


@dataclass(frozen=True)
class Sentence:
    """A sentence and its character span in the article; `paragraph` counts from 0."""

    text: str
    start: int
    end: int
    paragraph: int


_PARAGRAPH = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (and a closing quote) before a space and a capital, a digit
# or an opening quote. Abbreviations are checked after the fact, not in the pattern,
# so that the pattern stays linear.
_BOUNDARY = re.compile(r"[.!?](?P<close>[\"'”’)]*)\s+(?=[\"“‘'(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Maj|Capt|Sgt|Rep|Sen|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug"
    r"|Sep|Sept|Oct|Nov|Dec|No|Nos|vs|Inc|Ltd|Co|Corp|approx|est|Rs)"
    r"|\b[A-Z]|\b(?:[A-Z]\.){2,}[A-Z]?)\.$"
)
_ENUMERATOR = re.compile(r"\s*\(?\d{1,2}\.")
_OPENER = re.compile(r"(?:The|It|This|That|He|She|They|We|In|On|But)\b")
# Longer than any sentence a reporter writes; see _append.
MAX_SENTENCE = 1000
# Anchored at the start (tried at one place) or at the end (tried on short lines).
_FURNITURE_START = re.compile(
    r"\s*(?:" + "|".join(f"(?:{p})" for p in FURNITURE_STARTS) + ")", re.IGNORECASE
)
_FURNITURE_END = Folded(r"(?:" + "|".join(f"(?:{p})" for p in FURNITURE_ENDS) + r")\s*$")


# "WASHINGTON - ", "New Delhi: ", "MOSCOW (Sputnik) - ": where the report was filed.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,2})(?:\s*\([^)]{1,30}\))?"
    r"\s*(?::|--|-|—|–)\s+"
)


def dateline_end(text: str) -> int:
    """Where the dateline that opens a sentence ends (0 when there is none)."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def is_furniture(text: str) -> bool:
    """True for captions, bylines, credits and other lines that are not reporting."""
    if _FURNITURE_START.match(text):
        return True
    return len(text) <= FURNITURE_LINE_LIMIT and _FURNITURE_END.search(text) is not None


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the text in order, furniture removed, spans into the original text."""
    sentences: list[Sentence] = []
    for paragraph, match in enumerate(_PARAGRAPH.finditer(text)):
        line, offset = match.group(), match.start()
        if is_furniture(line):
            continue
        start = 0
        for boundary in _BOUNDARY.finditer(line):
            # Only the word before the stop can be an abbreviation; looking at more
            # would make long lines quadratic.
            head = line[max(start, boundary.start() - 12) : boundary.start() + 1]
            if _ABBREVIATION.search(head) and not _ends_abbreviated_sentence(line, boundary):
                continue
            if _ENUMERATOR.fullmatch(line, start, boundary.start() + 1):
                continue  # "1. UNICEF: 2.5 million": the number opens an entry
            _append(sentences, line, offset, start, boundary.end("close"), paragraph)
            start = boundary.end()
        _append(sentences, line, offset, start, len(line), paragraph)
    return sentences


def _ends_abbreviated_sentence(line: str, boundary: re.Match[str]) -> bool:
    # "... sent by the U.S. The next day ..." : an abbreviation can end a sentence
    # when a common sentence opener follows it.
    return _OPENER.match(line, boundary.end()) is not None


def _append(
    out: list[Sentence], line: str, offset: int, start: int, end: int, paragraph: int
) -> None:
    # A "sentence" longer than any a reporter writes (a table, a run-on list, junk) is
    # cut at a comma or space, so that the rules' work per sentence stays bounded.
    while end - start > MAX_SENTENCE:
        cut = max(
            line.rfind(", ", start, start + MAX_SENTENCE),
            line.rfind(" ", start, start + MAX_SENTENCE),
        )
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        _append_piece(out, line, offset, start, cut, paragraph)
        start = cut
    _append_piece(out, line, offset, start, end, paragraph)


def _append_piece(
    out: list[Sentence], line: str, offset: int, start: int, end: int, paragraph: int
) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped or is_furniture(stripped):
        return
    lead = len(piece) - len(piece.lstrip())
    begin = offset + start + lead
    out.append(Sentence(stripped, begin, begin + len(stripped), paragraph))
