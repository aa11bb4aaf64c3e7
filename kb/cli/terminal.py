"""Text safe for a terminal: what an article or a file name carries is shown, never obeyed.

Escape sequences (ESC, CSI, OSC) and other control characters in scraped text or file
names would otherwise reach the terminal raw: set its title, clear the screen, hide text
or plant a link. Tab and newline pass; every other C0 or C1 control is shown as an escape.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

# Controls, and the lone surrogates by which Python carries bytes of a file name or an
# argument that are not UTF-8 (they cannot even be encoded for the terminal).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\udc80-\udcff]")


def printable(text: str, keep: str = "") -> str:
    """`text` with its control characters, and bytes that are not UTF-8, shown as escapes
    ("\\x1b", "\\xff"); those in `keep` (a CSV's carriage return) pass as they are."""
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code - 0xDC00 if code >= 0xDC80 else code:02x}"


def data_console(**options: Any) -> Console:
    """A rich console for what the database holds: it reads no markup in it (an item, a
    name or a title with "[sic]" in it lost that text in a table, and "[bold]" turned into
    bold), no emoji codes (":fire:" in a name was drawn as the emoji) and guesses no colours
    from it (numbers and quotes in a name are not syntax)."""
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False, **options)
