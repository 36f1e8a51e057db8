"""Plain text and Markdown: decoded as today; every line is its own place in the file."""

from __future__ import annotations

from ingest.limits import check_text
from ingest.readers.model import Extracted
from ingest.text import decode, split_lines


def read_text(data: bytes, fmt: str = "txt") -> Extracted:
    decoded = decode(data)
    lines = split_lines(decoded.text)
    check_text(lines)
    out = Extracted(lines, [None] * len(lines), decoded.encoding, fmt)
    if decoded.note:
        out.warnings.append((decoded.note_line, decoded.note))
    return out
