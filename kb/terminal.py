"""Text safe for a terminal: what an article or a file name carries is shown, never obeyed.

Escape sequences (ESC, CSI, OSC) and other control characters in scraped text or file
names would otherwise reach the terminal raw: set its title, clear the screen, hide text
or plant a link. Tab and newline pass; every other C0 or C1 control is shown as an escape.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str, keep: str = "") -> str:
    """`text` with its control characters shown as escapes ("\\x1b"); those in `keep`
    (a CSV's carriage return) pass as they are."""
    return _CONTROL.sub(
        lambda m: m.group() if m.group() in keep else f"\\x{ord(m.group()):02x}", text
    )
