"""Limits per document (time, memory, text, lines, table cells): defaults, the option that raises each, the error."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ingest.errors import ParseError


@dataclass(frozen=True)
class Limits:
    """What one document may cost. The parsing process enforces them; a document over one fails alone."""

    timeout: float = 60.0                 # seconds of wall time to read and parse one document
    memory: int = 1536 * 2**20            # bytes of address space of the process parsing it
    chars: int = 100_000_000              # characters of text extracted from it
    lines: int = 5_000_000                # lines extracted from it
    cells: int = 2_000_000                # table cells (merged copies included) extracted from it

    def time_for(self, size: int) -> float:
        """The time limit of a file of `size` bytes: `timeout`, and as much again for every TIME_SCALE bytes past
        the first (parsing is linear: a legitimate 60 MB text gets 90 s; a small bomb gets no more than 60 s)."""
        return max(self.timeout, self.timeout * size / TIME_SCALE)


TIME_SCALE = 40 * 2**20  # bytes of input parsed per `timeout` seconds before a file gets more time
DEFAULT = Limits()

# limit -> (CLI option that raises it, what it bounds)
OPTIONS = {
    "timeout": ("--doc-timeout", "seconds of parsing time"),
    "memory": ("--doc-memory", "memory"),
    "chars": ("--doc-chars", "characters of text"),
    "lines": ("--doc-lines", "lines"),
    "cells": ("--doc-cells", "table cells"),
}

_current = DEFAULT


def use(limits: Limits) -> None:
    """Set the limits this process enforces while it parses (a worker sets them once, at start)."""
    global _current
    _current = limits


def current() -> Limits:
    return _current


def show_size(n: int) -> str:
    """Bytes as the option takes them: 1.5G, 800M."""
    for unit, size in (("G", 2**30), ("M", 2**20), ("K", 2**10)):
        if n >= size:
            return f"{n / size:.4g}{unit}"
    return str(n)


def parse_size(text: str) -> int:
    """'1.5G', '800M', '2000000000' -> bytes. Raises ValueError for anything else."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", text.lower())
    if not m:
        raise ValueError(f"{text!r} is not a size; write it like 1.5G or 800M")
    return int(float(m.group(1)) * 2 ** (10 * " kmgt".index(m.group(2) or " ")))


def _shown(name: str, value: float) -> str:
    if name == "memory":
        return show_size(int(value))
    if name == "timeout":
        return f"{value:.0f} s"
    return f"{int(value):,} " + {"chars": "characters", "lines": "lines", "cells": "table cells"}[name]


def _raised(name: str, value: float) -> str:
    if name == "memory":
        return show_size(int(value) * 2)
    if name == "timeout":
        return str(math.ceil(value * 2))
    return str(int(value) * 2)


def over_limit(name: str, limit: float | None = None, what: str | None = None) -> ParseError:
    """The one-line error of a document over a limit: what it passed, the limit, and the option that raises it."""
    value = getattr(_current, name) if limit is None else limit
    option, bounds = OPTIONS[name]
    return ParseError(f"stopped: {what or 'too many ' + bounds}, the limit per document is "
                      f"{_shown(name, value)}; the other documents are loaded — if the file is genuine, "
                      f"raise the limit with {option} {_raised(name, value)}")


class Budget:
    """Counts what a reader extracts from one document and stops it at the limits."""

    def __init__(self) -> None:
        self.limits = _current
        self.chars = self.lines = self.cells = 0

    def line(self, text: str) -> None:
        self.lines += 1
        self.chars += len(text)
        if self.lines > self.limits.lines:
            raise over_limit("lines", self.limits.lines, "too many lines")
        if self.chars > self.limits.chars:
            raise over_limit("chars", self.limits.chars, "too much text")

    def add_cells(self, n: int) -> None:
        self.cells += n
        self.check_cells(0)

    def check_cells(self, pending: int) -> None:
        """Stop when the cells counted so far plus `pending` (a table being built) pass the limit."""
        if self.cells + pending > self.limits.cells:
            raise over_limit("cells", self.limits.cells, "too many table cells")


def check_text(lines: list[str]) -> None:
    """A whole extracted text against the line and character limits (readers that split text at once)."""
    limits = _current
    if len(lines) > limits.lines:
        raise over_limit("lines", limits.lines, "too many lines")
    chars = sum(map(len, lines))
    if chars > limits.chars:
        raise over_limit("chars", limits.chars, "too much text")
