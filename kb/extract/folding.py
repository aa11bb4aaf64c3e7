"""Case-insensitive word patterns, matched on lower-cased text.

Python's engine matches a long alternation of words about twice as fast on lower-cased
text without IGNORECASE as on the text itself with it, and the rules ask such patterns
of every sentence many times. A `Folded` pattern does that wherever it can. Its matches
are of the lower-cased text: they are for their positions and their truth, never for
the words they matched (a caller that needs those uses `re.compile`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ESCAPE = re.compile(r"\\.")
_UPPER = re.compile(r"[A-Z]")


_END = 2**62


class Folded:
    """A pattern that matches as with re.IGNORECASE, on lower-cased text where it can.

    Where lower-casing would move offsets ("İ" becomes two characters), the text itself
    is matched with IGNORECASE. The methods are written out, not shared through a helper:
    they are called hundreds of thousands of times, and a call more would eat the gain.
    """

    __slots__ = ("_folded", "_plain", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._plain = re.compile(pattern, re.IGNORECASE)
        # A capital in the pattern itself ("AFP", "[A-Z]") would never match lower case.
        folds = _UPPER.search(_ESCAPE.sub("", pattern)) is None
        self._folded = re.compile(pattern) if folds else None

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if self._folded is not None:
            lowered = text.lower()
            if len(lowered) == len(text):
                return self._folded.search(lowered, pos, endpos)
        return self._plain.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if self._folded is not None:
            lowered = text.lower()
            if len(lowered) == len(text):
                return self._folded.match(lowered, pos, endpos)
        return self._plain.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        if self._folded is not None:
            lowered = text.lower()
            if len(lowered) == len(text):
                return self._folded.finditer(lowered, pos, endpos)
        return self._plain.finditer(text, pos, endpos)
