"""Space-aligned tables (statistical yearbooks, PDF text): columns separated by runs of spaces, cells placed by position."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.errors import ParseError
from ingest.numbers import parse_cell_quantity
from ingest.tables import Cell, Table, find_caption
from ingest.text import clean_line, nfkc

_GAP = re.compile(r"\t+|\u3000+| {2,}")
_YEAR = re.compile(r"^(19|20)\d{2}\s*年?$")
_HEADER_WORDS = {"指标", "指标名称", "项目", "单位", "计量单位", "类别", "名称", "主要指标"}
_CONTINUATION = re.compile(r"^[（(]|^[A-Za-z][A-Za-z .,'&()/-]*$")
MAX_STUB = 40  # characters: a longer gap-free line is prose, not a wrapped stub
MAX_ROW = 1000  # characters: a longer line is not a table row


@dataclass
class Token:
    text: str
    start: int   # display column (a CJK character is two columns wide)
    end: int

    @property
    def center(self) -> float:
        return (self.start + self.end) / 2


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def tokens(line: str) -> list[Token]:
    """Cells of a line split at tabs, full-width spaces or two spaces and more, with their display spans."""
    out: list[Token] = []
    if len(line) > MAX_ROW:
        return out
    pos = 0
    col = 0
    text = clean_line(line).rstrip()
    for m in _GAP.finditer(text):
        piece = text[pos:m.start()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            start = col + width(piece[:lead])
            out.append(Token(piece.strip(), start, start + width(piece.strip())))
        col += width(text[pos:m.end()].replace("\t", "    "))
        pos = m.end()
    piece = text[pos:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        start = col + width(piece[:lead])
        out.append(Token(piece.strip(), start, start + width(piece.strip())))
    return out


def _is_value(text: str) -> bool:
    try:
        parse_cell_quantity(text)
    except ParseError:
        return False
    return True


def _is_header(toks: list[Token]) -> bool:
    years = sum(bool(_YEAR.match(nfkc(t.text))) for t in toks)
    return len(toks) >= 3 and years >= 2 or (len(toks) >= 3 and years >= 1
                                             and any(nfkc(t.text) in _HEADER_WORDS for t in toks))


def _is_data(toks: list[Token]) -> bool:
    return len(toks) >= 2 and not _is_value(toks[0].text) and any(_is_value(t.text) for t in toks[1:])


def _place(header: list[Token], toks: list[Token]) -> list[int]:
    """The header column of each token after the stub: the one it overlaps most, else the nearest."""
    cols = []
    for t in toks:
        overlap = [max(0, min(t.end, h.end) - max(t.start, h.start)) for h in header]
        best = max(range(len(header)), key=lambda i: (overlap[i], -abs(header[i].center - t.center)))
        if overlap[best] == 0:
            best = min(range(len(header)), key=lambda i: abs(header[i].center - t.center))
        cols.append(best)
    return cols


def parse_space_tables(lines: list[str], skip: set[int] | None = None) -> list[Table]:
    """Every header line with year or indicator columns followed by rows of a stub and numbers.

    A stub wrapped over two lines is joined: a text-only line before a row starts its stub, a
    text-only line after a row that opens with a bracket or is English continues it. A blank
    line or a line of prose ends the table. Lines in `skip` (1-based) belong to other tables.
    """
    skip = skip or set()
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        toks = tokens(lines[i]) if i + 1 not in skip else []
        if not _is_header(toks):
            i += 1
            continue
        start = i
        header = toks
        rows: list[list[Cell]] = []
        used = {i + 1}
        pending: tuple[str, int] | None = None   # stub text waiting for its numbers, and its line
        warnings: list[tuple[int, str]] = []
        has_stub_col = not _YEAR.match(nfkc(header[0].text))
        offset = 0 if has_stub_col else 1
        n_cols = len(header) + offset
        i += 1
        while i < n and i + 1 not in skip:
            row_toks = tokens(lines[i])
            if not row_toks:
                break
            if _is_data(row_toks):
                stub, values = row_toks[0], row_toks[1:]
                stub_text = f"{pending[0]}{stub.text}" if pending else stub.text
                placed = _place(header, values)
                cells = [Cell("", i + 1) for _ in range(n_cols)]
                cells[0] = Cell(stub_text, i + 1)
                for tok, col in zip(values, placed):
                    col += offset
                    if col == 0:
                        col = 1
                    if cells[col].text:
                        warnings.append((i + 1, f"two values fall under column {header[col - offset].text!r}; "
                                                f"{tok.text!r} was not read — check the alignment in the source"))
                        continue
                    cells[col] = Cell(tok.text, i + 1)
                rows.append(cells)
                used.add(i + 1)
                if pending:
                    used.add(pending[1])
                pending = None
            elif len(row_toks) == 1 and width(row_toks[0].text) <= 2 * MAX_STUB and not _is_value(row_toks[0].text):
                text = row_toks[0].text
                if rows and not pending and _CONTINUATION.match(text):
                    rows[-1][0].text += text if text.startswith(("(", "（")) else " " + text
                    used.add(i + 1)
                elif pending is None:
                    pending = (text, i + 1)
                else:
                    break
            else:
                break
            i += 1
        if len(rows) < 2:
            i = start + 1
            continue
        head_cells = [Cell(t.text, start + 1) for t in header]
        if offset:
            head_cells.insert(0, Cell("", start + 1))
        caption, caption_line = find_caption(lines, start)
        tables.append(Table(layout="space", start_line=start + 1, end_line=max(used), rows=[head_cells, *rows],
                            caption=caption.strip() if caption else None, caption_line=caption_line,
                            lines=used, warnings=warnings))
        i = max(used)
    return tables
