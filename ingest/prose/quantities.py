"""The quantity of a number found in running text: its value as written and as a float, and the values of a list."""

from __future__ import annotations

from ingest.numbers import chinese_to_number, finite
from ingest.vocabulary import NUMBER


def quantity(num: str) -> tuple[str, float]:
    """'1,234.5' -> ('1,234.5', 1234.5); '三' -> ('三', 3.0). ParseError for a value too large to store."""
    if num[0].isdigit():
        return num, finite(num, float(num.replace(",", "")))
    return num, float(chinese_to_number(num))


def list_values(vals: str) -> list[tuple[str, str | None, str | None]]:
    """The (number, multiplier, unit) of each value of a list ('12件、15件和18件')."""
    return [(m.group("num"), m.group("mult"), m.group("unit")) for m in NUMBER.finditer(vals)]
