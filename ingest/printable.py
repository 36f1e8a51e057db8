"""Text for the terminal: control characters (escape sequences, newlines, bidi overrides) shown as escapes, never sent raw."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character written as an escape: ESC -> \\x1b, a newline -> \\x0a."""
    return _UNPRINTABLE.sub(_escape, text)
