"""Pipe layout: one row per line, cells separated by ' | ' and a trailing '|'; merged cells shift rows."""

from __future__ import annotations

import re

from ingest.tables import Cell, Table, find_caption
from ingest.text import clean_line, nfkc

_SERIAL = re.compile(r"^\d+$")


def _pipes(line: str) -> str:
    return line.replace("｜", "|")


def is_pipe_row(line: str) -> bool:
    s = _pipes(line).rstrip()
    return s.endswith("|") and (" | " in s or s.count("|") >= 2)


def is_truncated_row(line: str) -> bool:
    """A row cut short: cells separated by ' | ' but no closing '|'."""
    s = _pipes(line).rstrip()
    return not s.endswith("|") and " | " in s


def split_row(line: str) -> list[str]:
    s = clean_line(_pipes(line)).rstrip()
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


def _kind(text: str) -> str:
    t = nfkc(text).strip()
    if not t:
        return "empty"
    if _SERIAL.match(t):
        return "serial"
    return "text"


def _realign(cells: list[str], prev: list[Cell] | None, n_cols: int, line_no: int,
             warnings: list[tuple[int, str]]) -> list[Cell]:
    """Place a body row's cells under the header.

    A row whose first cells were merged into the row above comes with those cells missing
    (and, in the corpus, an extra empty cell at the end). Drop trailing empties beyond the
    header width, then, if the row is short and its first cell matches the kind of the
    column it must belong to in the row above, shift it right and fill from above.
    """
    while len(cells) > n_cols and cells[-1] == "":
        cells = cells[:-1]
    if len(cells) > n_cols:
        extra = " | ".join(cells[n_cols:])
        warnings.append((line_no, f"table row has {len(cells)} cells, the header has {n_cols}; "
                                  f"cells beyond the header were not read: {extra!r}"))
    trimmed = list(cells)
    while trimmed and trimmed[-1] == "" and len(trimmed) > 1:
        trimmed = trimmed[:-1]
    missing = n_cols - len(trimmed)
    if prev is not None and 0 < missing < n_cols and missing < len(prev):
        if _kind(trimmed[0]) == _kind(prev[missing].text) and _kind(trimmed[0]) != _kind(prev[0].text):
            filled = [Cell(prev[c].text, line_no, filled=True) for c in range(missing)]
            return filled + [Cell(t, line_no) for t in trimmed]
    row = [Cell(t, line_no) for t in cells[:n_cols]]
    if len(row) < n_cols:
        warnings.append((line_no, f"table row has {len(row)} cells, the header has {n_cols}; "
                                  "missing cells are read as empty — check the table in the source"))
    row += [Cell("", line_no) for _ in range(n_cols - len(row))]
    return row


def parse_pipe_tables(lines: list[str]) -> list[Table]:
    """Find every run of consecutive pipe rows; the first row is the header."""
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        if not is_pipe_row(lines[i]):
            i += 1
            continue
        start = i
        block: list[tuple[int, list[str]]] = []
        warnings: list[tuple[int, str]] = []
        while i < n and (is_pipe_row(lines[i]) or (block and is_truncated_row(lines[i]))):
            if not is_pipe_row(lines[i]):
                warnings.append((i + 1, "table row does not end with '|' (truncated?); read as far as it goes"))
            block.append((i + 1, split_row(lines[i])))
            i += 1
        header_line, header_cells = block[0]
        while len(header_cells) > 1 and header_cells[-1] == "":
            header_cells = header_cells[:-1]
        n_cols = len(header_cells)
        rows: list[list[Cell]] = [[Cell(t, header_line) for t in header_cells]]
        prev: list[Cell] | None = None
        for line_no, cells in block[1:]:
            row = _realign(cells, prev, n_cols, line_no, warnings)
            rows.append(row)
            prev = row
        caption, caption_line = find_caption(lines, start)
        tables.append(Table(
            layout="pipe",
            start_line=start + 1,
            end_line=i,
            rows=rows,
            caption=clean_line(caption).strip() if caption else None,
            caption_line=caption_line,
            lines={ln for ln, _ in block},
            warnings=warnings,
        ))
    return tables
