"""Compile many literal phrases into one regular expression shaped as a prefix tree.

Python's `re` tries the branches of an alternation one by one; sharing prefixes
keeps a pattern of thousands of names fast and free of backtracking blow-ups.
"""

from __future__ import annotations

import re

_END = ""
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def trie_pattern(phrases: list[str], flexible: bool = False) -> str:
    """A non-capturing pattern matching any phrase, longest alternative first.

    With `flexible`, a space or hyphen inside a phrase also matches a space, a
    hyphen or nothing, so that "AS90", "AS-90" and "AS 90" are one name.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        if flexible:
            phrase = _LETTER_DIGIT.sub(" ", phrase)
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _render(root, flexible) or "(?!)"


def _render(node: dict, flexible: bool) -> str:  # type: ignore[type-arg]
    branches = []
    optional = False
    for char in sorted(node, key=lambda c: (c == _END, c)):
        if char == _END:
            optional = True
            continue
        branches.append(_char(char, flexible) + _render(node[char], flexible))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return "(?:" + body + ")?"
    return body


def _char(char: str, flexible: bool) -> str:
    if flexible and char in " -":
        return r"[\s-]?"
    return re.escape(char)
