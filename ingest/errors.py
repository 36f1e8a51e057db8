"""The one error type the parsers raise for input they cannot read."""

from __future__ import annotations


class ParseError(ValueError):
    """Input that cannot be parsed; the message says what is wrong and, where known, the line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message
