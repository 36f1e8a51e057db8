"""Read coverage: every number with a unit in the text and every numeric table cell, read as a figure or listed as not read with the reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.errors import ParseError
from ingest.model import ParsedDocument
from ingest.numbers import parse_cell_quantity
from ingest.tables.table import Table
from ingest.vocabulary import UNIT_RE
from ingest.text import nfkc

# why a number was not read: code -> what it means (the words the summary, the app and the report use)
REASONS: dict[str, str] = {
    "rank": "a rank or place (第3名, 前10位), not an indicator",
    "serial_number": "a serial-number column (序号), not an indicator",
    "year": "a year, not a value",
    "change": "a change (增长15%, 提高2个百分点), not a level the warehouse keeps",
    "no_year": "year context missing: the sentence names no year or plan period",
    "not_indicator": "not recognised as an indicator (no indicator name or verb around it)",
    "table_not_recognised": "a table not recognised as an indicator table (or table rows no table parser took)",
    "cell_not_read": "a numeric cell of an indicator table that yielded no figure",
}
# reasons that say the number is not an indicator value at all: left out of the coverage share's denominator
NOT_VALUES = frozenset({"rank", "serial_number", "year"})

_NUMBER = re.compile(rf"(?<![0-9.,])(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(万|亿)?({UNIT_RE})")
_RANK_BEFORE = re.compile(r"(第|前|排名|位列|位居|列第)\s*$")
_CHANGE_BEFORE = re.compile(r"(增长|提高|提升|下降|降低|增加|减少|增幅|增速|降幅|年均|同比|比上年|翻)[^，。；,;]{0,6}$")
_TIME_CONTEXT = re.compile(r"(19|20)\d{2}|十[一二三四五六]五|期间|年底|年末|今年|去年|上年|本年|届时|期末")
# a line outside every recognised table that looks like a table row: cells split by |, tabs, spaces or ;,
# holding only numbers, or two or more bare numbers and no sentence end (。)
_CELL_SPLIT = re.compile(r"[\s|;；，\t]+")
_BARE_NUMBER = re.compile(r"^[+-]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万|亿)?%?$")
_SERIAL_HEADER = re.compile(r"^\s*(序号|编号|序|No\.?)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^(19[4-9]\d|20\d{2})(年)?$")


@dataclass(frozen=True)
class Mention:
    """One number with a unit in the text, or one numeric table cell, and whether a figure reads it."""

    source_kind: str            # prose / table
    line_no: int
    text: str                   # the number as written, with its unit
    is_read: bool
    reason: str | None = None   # a key of REASONS when not read
    table_no: int | None = None
    row_no: int | None = None
    col_no: int | None = None


def _prose_reason(line: str, start: int, unit: str) -> str:
    """Why a number with a unit in running text yielded no figure (a key of REASONS)."""
    before = line[max(0, start - 8):start]
    if _RANK_BEFORE.search(before):
        return "rank"
    if unit in ("%", "个百分点", "倍") and _CHANGE_BEFORE.search(before):
        return "change"
    if not _TIME_CONTEXT.search(line):
        return "no_year"
    return "not_indicator"


def _table_like(line: str) -> list[str] | None:
    """The numeric cells of a line that looks like a table row no table parser took (None when it does not)."""
    cells = [c for c in _CELL_SPLIT.split(line.strip()) if c]
    numeric = [c for c in cells if _BARE_NUMBER.match(c.replace(" ", ""))]
    row_like = "|" in line or "\t" in line or len(cells) == len(numeric) or (len(numeric) >= 2 and "。" not in line)
    return numeric if numeric and row_like else None


def _prose_mentions(doc: ParsedDocument, table_lines: set[int]) -> list[Mention]:
    read: dict[int, list[float]] = {}
    for f in doc.figures:
        if f.source_kind == "prose" and f.value_number is not None:
            read.setdefault(f.source_line, []).append(f.value_number)
    found: list[Mention] = []
    for line_no, raw in enumerate(doc.lines, start=1):
        if line_no in table_lines:
            continue
        line = nfkc(raw)
        cells = _table_like(line)
        if cells is not None:  # rows no table parser took: table cells without a table number
            values = read.get(line_no, [])
            for cell in cells:
                number = float(cell.replace(" ", "").rstrip("%万亿").replace(",", ""))
                if number in values:
                    values.remove(number)
                    found.append(Mention("table", line_no, cell, True))
                elif _YEAR.match(cell):
                    found.append(Mention("table", line_no, cell, False, "year"))
                else:
                    found.append(Mention("table", line_no, cell, False, "table_not_recognised"))
            continue
        for m in _NUMBER.finditer(line):
            number = float(m.group(1).replace(",", ""))
            values = read.get(line_no, [])
            if number in values:
                values.remove(number)  # one figure reads one mention
                found.append(Mention("prose", line_no, m.group(0), True))
            else:
                found.append(Mention("prose", line_no, m.group(0), False, _prose_reason(line, m.start(), m.group(3))))
    return found


def _serial_columns(table: Table) -> set[int]:
    """Columns (1-based) headed 序号 or holding 1, 2, 3 … down the body."""
    cols = {c for c, cell in enumerate(table.rows[0] if table.rows else [], start=1) if _SERIAL_HEADER.match(cell.text)}
    for c in range(1, table.n_cols + 1):
        texts = [row[c - 1].text.strip() for row in table.body if len(row) >= c]
        if len(texts) >= 3 and texts == [str(i) for i in range(1, len(texts) + 1)]:
            cols.add(c)
    return cols


def _table_mentions(doc: ParsedDocument) -> list[Mention]:
    read = {(f.table_no, f.row_no, f.col_no) for f in doc.figures if f.source_kind == "table"}
    found: list[Mention] = []
    for table_no, table in enumerate(doc.tables, start=1):
        serial = _serial_columns(table)
        for row_no, row in enumerate(table.rows):
            for col_no, cell in enumerate(row, start=1):
                if cell.filled:
                    continue  # a merged cell's copy: the original counts once
                try:
                    quantity = parse_cell_quantity(cell.text)
                except ParseError:
                    continue  # not a number: a label, a note
                if quantity is None:
                    continue
                text = nfkc(cell.text).strip()
                if (table_no, row_no, col_no) in read:
                    found.append(Mention("table", cell.line, text, True, None, table_no, row_no, col_no))
                    continue
                if col_no in serial:
                    reason = "serial_number"
                elif _YEAR.match(text.replace(" ", "")):
                    reason = "year"
                elif table.kind != "indicator":
                    reason = "table_not_recognised"
                else:
                    reason = "cell_not_read"
                found.append(Mention("table", cell.line, text, False, reason, table_no, row_no, col_no))
    return found


def mentions(doc: ParsedDocument) -> list[Mention]:
    """Every number with a unit in the document's running text and every numeric table cell, read or not."""
    table_lines: set[int] = set()
    for t in doc.tables:
        table_lines |= t.lines or set(range(t.start_line, t.end_line + 1))
    return _table_mentions(doc) + _prose_mentions(doc, table_lines)


def share(found: list[Mention]) -> tuple[int, int, float | None]:
    """(numbers that may be values, of them read, read share); None when the document has none."""
    values = [m for m in found if m.reason not in NOT_VALUES]
    n_read = sum(m.is_read for m in values)
    return len(values), n_read, (n_read / len(values) if values else None)
