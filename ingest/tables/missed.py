"""Blocks of lines that look like a table (a header with years or indicator words, rows of numbers) but gave no figure."""

from __future__ import annotations

import re

from ingest.model import Figure, Warning_
from ingest.tables.table import Table

_NUMBER = re.compile(r"(?<![\d.])[-+]?\d+(?:,\d{3})*(?:\.\d+)?%?(?![\d.])")
_HEADER_WORDS = re.compile(r"(?:19|20)\d{2}|指标|项目|地区|年份|合计|总计|单位|申请量|授权量|拥有量|数量|目标|完成")
_SENTENCE = re.compile(r"[。；;！？]")
# dates, document numbers and codes are not table values: '2022-07-08', '〔2022〕30号', '11500227733953861E/2022-00035'
_NOT_VALUES = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|[〔\[(（]\d{4}[〕\])）]\s*\d+\s*号|"
                         r"\S*[A-Za-z]\d\S*|\S*\d[A-Za-z]\S*|\d{1,2}:\d{2}(?::\d{2})?")
MIN_ROWS = 3        # numeric lines in a block
MAX_GAP = 1         # blank or text lines tolerated inside a block
MAX_LINE = 300      # characters: a longer line is prose
UNREAD_PREFIX = "lines {start}-{end} look like a table"   # the warning's start: the quality check finds it by it


def _numeric(line: str) -> bool:
    """A row of a table: short, no sentence, numbers make up much of it (one number alone on a line counts:
    cells printed one a line)."""
    text = line.strip()
    if not text or len(text) > MAX_LINE or _SENTENCE.search(text):
        return False
    numbers = _NUMBER.findall(_NOT_VALUES.sub(" ", text))
    digits = sum(len(n) for n in numbers)
    body = len(re.sub(r"[\s|｜]", "", text))
    return bool(numbers) and (len(numbers) >= 2 or body == digits) and digits >= 0.3 * body


def unread_tables(lines: list[str], tables: list[Table], figures: list[Figure]) -> list[Warning_]:
    """A warning for each block of MIN_ROWS numeric lines or more, under a line with years or indicator
    words, where no table was read and no figure was found: its figures would otherwise be lost silently."""
    read = {ln for t in tables if t.kind == "indicator" for ln in t.lines}
    found = {f.source_line for f in figures}
    out: list[Warning_] = []
    i, n = 0, len(lines)
    while i < n:
        if not _numeric(lines[i]) or i + 1 in read:
            i += 1
            continue
        start = end = i
        rows, gap = 1, 0
        j = i + 1
        while j < n and gap <= MAX_GAP:
            if _numeric(lines[j]) and j + 1 not in read:
                rows += 1
                end = j
                gap = 0
            else:
                gap += 1
            j += 1
        i = end + 1
        if rows < MIN_ROWS:
            continue
        block = range(start + 1, end + 2)
        if any(ln in found for ln in block):
            continue
        above = [lines[k] for k in range(max(0, start - 12), start) if lines[k].strip()]
        if not any(_HEADER_WORDS.search(t) for t in above + [lines[start]]):
            continue
        out.append(Warning_(start + 1, UNREAD_PREFIX.format(start=start + 1, end=end + 1)
                            + f" ({rows} rows of numbers under a header) but yielded no figure; its layout was "
                              "not recognised — save it as a pipe or Markdown table, or check the source"))
    return out
