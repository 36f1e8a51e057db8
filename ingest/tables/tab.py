"""Tab layout: one cell per line starting with a tab, a blank line between rows, blank lines around the table."""

from __future__ import annotations

from ingest.tables.table import Cell, Table, fill_merged, find_caption
from ingest.text import clean_line


def is_cell_line(line: str) -> bool:
    """A line that starts with a tab and holds one cell (a line of tab-separated cells is a row of its own)."""
    return line.startswith("\t") and len([c for c in line.split("\t") if c.strip()]) < 3


def parse_tab_tables(lines: list[str]) -> list[Table]:
    """Find every tab-layout table in the document's lines (0-based list, 1-based in the result).

    A table starts at a line beginning with a tab. Within it a blank line ends a row and two
    blank lines in a row end the table; a line without a tab directly after a cell line
    continues that cell (multi-paragraph cells in 专栏 boxes); a non-tab line after a blank
    line ends the table.
    """
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        if not is_cell_line(lines[i]):
            i += 1
            continue
        start = i
        rows: list[list[Cell]] = []
        row: list[Cell] = []
        used: set[int] = set()
        blank_run = 0
        last = i
        while i < n:
            raw = lines[i]
            if is_cell_line(raw):
                if blank_run and row:
                    rows.append(row)
                    row = []
                blank_run = 0
                row.append(Cell(clean_line(raw[1:]).strip(), i + 1))
                used.add(i + 1)
                last = i
            elif not raw.strip():
                blank_run += 1
                if blank_run >= 2:
                    break
            elif blank_run == 0 and row:
                # continuation paragraph of the current cell
                cell = row[-1]
                cell.text = (cell.text + "\n" + clean_line(raw).strip()).strip()
                used.add(i + 1)
                last = i
            else:
                break
            i += 1
        if row:
            rows.append(row)
        n_cols = max(len(r) for r in rows)
        width = len(rows[0])
        row_warnings = [
            (row[-1].line, f"table row has {len(row)} cells, the header has {width}; "
                           "missing cells are read as empty — check the table in the source")
            for row in rows[1:] if width > 1 and len(row) != width
        ]
        caption, caption_line = find_caption(lines, start)
        tables.append(Table(
            layout="tab",
            start_line=start + 1,
            end_line=last + 1,
            rows=fill_merged(rows, n_cols) if n_cols > 1 else rows,
            caption=clean_line(caption).strip() if caption else None,
            caption_line=caption_line,
            lines=used,
            warnings=row_warnings,
        ))
        i = last + 1
    return tables
