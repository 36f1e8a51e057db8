"""Numbers and units as written: decimals, full-width digits, 万/亿 multipliers, Chinese numerals, '/' for none."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ingest.errors import ParseError
from ingest.text import nfkc
from ingest.vocabulary import CN_NUMERALS, FIVE_YEAR_PLANS, MULTIPLIERS, NONE_MARKS, QUALIFIER_AFTER, QUALIFIER_BEFORE, UNITS

_PLAIN = re.compile(r"^[+-]?(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)$")
# a number in running text may carry what the prose regex does not see: a minus sign right before it (but
# '2021-2025' and '1.5-2' are ranges: no sign after a digit) and an exponent right after it ('1e308')
_SIGN_BEFORE = re.compile(r"(?:^|(?<=[^0-9.,]))[-−]$")
_EXPONENT_AFTER = re.compile(r"^[eE]([+-]?\d{1,4})(?!\d)")
_MANTISSA_BEFORE = re.compile(r"(?<![0-9.,])\d+(?:\.\d+)?[eE][+-]?$")
_EXPONENT_FORM = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d{1,4}$")


MAX_ABS = 1e290  # leaves room for every unit conversion (万, 亿, ×10^4 …) to stay finite downstream


def finite(text: str, number: float) -> float:
    """`number` when it can be stored and converted; ParseError for one too large (400 digits, 1e308)."""
    if not math.isfinite(number) or abs(number) > MAX_ABS:
        shown = f"{text[:40]!r}…, {sum(ch.isdigit() for ch in text)} digits" if len(text) > 40 else repr(text)
        raise ParseError(f"number too large to store: {shown}")
    return number


def number_in_text(text: str, start: int, end: int) -> tuple[int, str, float]:
    """The number whose digits are text[start:end] in running text, read with its sign and exponent.

    Returns (where it really starts, the number as written, its value): '达到-1500件' is -1500 and
    starts at the '-'; '1.5e3件' is 1500 whether the digits found are '1.5' or the exponent '3'.
    ParseError when the value is too large to store ('1e308', 400 digits).
    """
    written = text[start:end]
    if (m := _MANTISSA_BEFORE.search(text[:start])):
        start = m.start()
        written = m.group(0) + written
    elif (m := _EXPONENT_AFTER.match(text[end:])):
        written += m.group(0)
    if _SIGN_BEFORE.search(text[:start]):
        start -= 1
        written = "-" + written
    return start, written, finite(written, float(written.replace(",", "")))


@dataclass(frozen=True)
class Quantity:
    """A number as written: the digits, their value, a 万/亿 multiplier and the unit text."""

    raw_value: str          # digits as written (NFKC), without multiplier or unit
    number: float
    multiplier: str         # '万' / '亿' / ''
    unit: str               # unit as written after the number, multiplier included ('万件', '亿元', '%')
    qualifier: str = ""     # '>=' / '<=' / '' from a word around the number ('≥150', '150以上')
    qualifier_text: str | None = None  # the word as written: '不低于', '以上', '≥'


def parse_number(text: str) -> float | None:
    """Parse a cell or token that holds one number; None for no-value marks ('/', empty).

    Raises ParseError for text that is neither.
    """
    s = nfkc(text).strip().replace(" ", "")
    if s in NONE_MARKS:
        return None
    if _PLAIN.match(s) or _EXPONENT_FORM.match(s):
        return finite(s, float(s.replace(",", "")))
    if s and all(ch in CN_NUMERALS for ch in s):
        return float(chinese_to_number(s))
    raise ParseError(f"not a number: {text!r}")


def chinese_to_number(s: str) -> int:
    """Chinese numerals (e.g. 十五, 两百, 三千零五) to an integer."""
    import cn2an

    try:
        return int(cn2an.cn2an(s.replace("两", "二"), "smart"))
    except (ValueError, KeyError) as exc:
        raise ParseError(f"not a Chinese numeral: {s!r}") from exc


_BEFORE_RE = "|".join(map(re.escape, sorted(QUALIFIER_BEFORE, key=len, reverse=True)))
_AFTER_RE = "|".join(map(re.escape, sorted(QUALIFIER_AFTER, key=len, reverse=True)))
_CELL_QUANTITY = re.compile(rf"^(?P<before>{_BEFORE_RE})?(?P<digits>[+-]?\d+(?:,\d{{3}})*(?:\.\d+)?(?:[eE][+-]?\d{{1,4}})?)"
                            rf"(?P<mult>万|亿)?(?P<unit>" + "|".join(map(re.escape, UNITS)) + rf")?(?P<after>{_AFTER_RE})?$")


def parse_cell_quantity(text: str) -> Quantity | None:
    """A table cell such as '45244', '1.8', '2.5万', '77.5%', '≥150', '150以上', '/'. None for no value."""
    s = nfkc(text).strip().replace(" ", "")
    if s in NONE_MARKS:
        return None
    m = _CELL_QUANTITY.match(s)
    if not m:
        raise ParseError(f"not a number: {text!r}")
    digits, mult, unit = m.group("digits", "mult", "unit")
    word = m.group("before") or m.group("after")
    qualifier = (QUALIFIER_BEFORE.get(m.group("before") or "") or QUALIFIER_AFTER.get(m.group("after") or "")
                 or "")
    return Quantity(digits, finite(digits, float(digits.replace(",", ""))), mult or "", (mult or "") + (unit or ""),
                    qualifier, word)


def multiplier_of(unit: str | None) -> str:
    """The 万/亿 multiplier inside a unit as written ('万件' -> '万'; '亿元' and '万元' are units of their own)."""
    if not unit or unit in ("亿元", "万元") or unit[:1] not in MULTIPLIERS:
        return ""
    return unit[:1]


def five_year_plan_end(digit: str) -> int:
    """The last year of the 十X五 plan named by X: '三' (十三五, the 13th plan) -> 2020."""
    return 2020 + 5 * (FIVE_YEAR_PLANS[digit] - 13)


def table_cell_quantity(cell, what: str, table_no: int, warnings: list) -> Quantity | None:
    """A value cell's quantity; None for an empty or '/' cell, and for text, which is kept as text with a
    warning naming the table, the cell and `what` it is the value of."""
    from ingest.model import Warning_

    try:
        return parse_cell_quantity(cell.text)
    except ParseError:
        warnings.append(Warning_(cell.line, f"table {table_no}: value {cell.text!r} of {what} is not a number; "
                                            "kept as text only"))
        return None


def row_quantities(row: list, columns: list[int], header: list[str], row_name: str, table_no: int, warnings: list):
    """(column, cell, quantity) for each of a table row's value `columns` that holds a number; text in a value
    cell is kept as text with a warning naming the row and the column (`table_cell_quantity`)."""
    for c in columns:
        if c >= len(row):
            continue
        q = table_cell_quantity(row[c], f"{row_name!r} under {header[c]!r}", table_no, warnings)
        if q is not None:
            yield c, row[c], q
