"""What a reader hands to the parsers: the document's lines with their place in the file, and its marked-up tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.limits import Budget
from ingest.tables.table import Cell, Table, find_caption


@dataclass
class Extracted:
    """A file turned into the document model: one logical line each, tables as cells."""

    lines: list[str]
    refs: list[str | None]              # where each line sits in the file ('page 2 line 5'); None: the line number says it
    encoding: str                       # text encoding, or the container ('docx', 'pdf')
    format: str                         # txt / md / docx / html / pdf
    tables: list[Table] = field(default_factory=list)  # tables the file marks up itself (Word, HTML)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)  # (line, message): what the reader left out
    budget: Budget = field(default_factory=Budget, repr=False, compare=False)  # stops the reader at the limits

    def add_line(self, text: str, ref: str | None) -> int:
        """Append a line (newlines inside become spaces); returns its 1-based number."""
        self.budget.line(text)
        self.lines.append(" ".join(text.split("\n")) if "\n" in text else text)
        self.refs.append(ref)
        return len(self.lines)

    def add_table(self, grid: list[list[Cell | None]], layout: str, ref: str) -> None:
        """Append a table ('table 2') given as a grid of cells (None: an empty position); one line per row.

        Each row becomes one line (its cells joined by ' | ', merged copies shown once) so a
        figure's quote is the row as written; the cells keep that line and their own ref.
        """
        width = max((len(r) for r in grid), default=0)
        if not width:
            return
        self.budget.add_cells(width * len(grid))
        rows: list[list[Cell]] = []
        start = len(self.lines) + 1
        for r, row in enumerate(grid):
            row = row + [None] * (width - len(row))
            shown = [c.text.replace("\n", " ") for c in row if c is not None and not c.filled]
            line_no = self.add_line(" | ".join(shown), f"{ref} row {r + 1}")
            cells = []
            for c, cell in enumerate(row):
                if cell is None:
                    cell = Cell("", line_no)
                cell.line = line_no
                cells.append(cell)
            rows.append(cells)

        caption, caption_line = find_caption(self.lines, start - 1)
        self.tables.append(Table(layout=layout, start_line=start, end_line=len(self.lines), rows=rows,
                                 caption=caption, caption_line=caption_line,
                                 lines=set(range(start, len(self.lines) + 1))))
