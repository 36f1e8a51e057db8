"""Space-aligned tables (statistical yearbooks, PDF text): columns separated by runs of spaces, cells placed by position."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.errors import ParseError
from ingest.numbers import parse_cell_quantity
from ingest.tables.table import GROUP_CELL, grouped, join_header_levels, unrepeat_levels, SERIAL_HEAD, STUB_HEAD, Cell, Table, fill_merged, find_caption, zh
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
    """A header: two bare years or more, or a year or value column beside an indicator-name or unit column."""
    from ingest.tables.indicators import interpret_column, is_year_stub

    if len(toks) >= 2 and is_year_stub(toks[0].text):
        return True
    if len(toks) < 3:
        return False
    years = sum(bool(_YEAR.match(nfkc(t.text))) for t in toks)
    roles = {interpret_column(t.text).role for t in toks}
    named = "name" in roles or any(nfkc(t.text) in _HEADER_WORDS for t in toks)
    return years >= 2 or ("value" in roles and named) or _stub_headed(toks)


def _stub_headed(toks: list[Token]) -> bool:
    """A header whose stub cell (after a serial-number cell, '序号 | 市州 | …') heads a region or item column."""
    heads = [zh(nfkc(t.text)) for t in toks]
    if heads and SERIAL_HEAD.match(heads[0]):
        heads = heads[1:]
    return len(heads) >= 2 and bool(STUB_HEAD.match(heads[0])) and not any(_is_value(t.text) for t in toks)


def column_groups(groups: list[Token], header: list[Token]) -> list[str]:
    """The group head over each header column but the stub: where the leaves repeat (发明 … 发明) a group starts
    at each repeat (`grouped`); else each column takes the group whose centre is nearest."""
    leaves = [(k, h.text) for k, h in enumerate(header[1:], start=1)]
    names = [zh(nfkc(t)) for _, t in leaves]
    if len(set(names)) < len(names) and len(groups) >= 2:
        heads = grouped([g.text for g in groups], leaves)
        return [""] + [full[: len(full) - len(leaf) - 1] for (_, full), (_, leaf) in zip(heads, leaves)]
    return [""] + [min(groups, key=lambda g: abs(g.center - h.center)).text for h in header[1:]]


def _group_line(lines: list[str], start: int, header: list[Token], skip: set[int]) -> int | None:
    """The line above a header that heads groups of its columns ('当月' over 发明 … 外观设计, '累计' over the
    same and 合计): fewer cells than the header, no value, right of the stub, and group words or repeated leaves."""
    if start == 0 or start in skip:
        return None
    groups = tokens(lines[start - 1])
    names = [zh(nfkc(h.text)) for h in header[1:]]
    if not groups or len(groups) >= len(header) - 1 or any(_is_value(g.text) for g in groups):
        return None
    if header[0].end and groups[0].start < header[0].end:
        return None
    if not (all(GROUP_CELL.match(zh(nfkc(g.text))) for g in groups) or len(set(names)) < len(names)):
        return None
    return start - 1


def _spanned_header(upper: list[Token], lower: list[Token]) -> tuple[list[Token], list[str]] | None:
    """A two-row header aligned on columns: the upper row's stub cell, group heads over leaves and cells that
    span both rows ('同比增长', no leaf under it); the lower row's leaves, its stub cell blank. The columns, left
    to right, with one label each ('专利类型 发明', '同比增长'). None when the lower row is not such a row."""
    if len(upper) < 2 or len(lower) < 2 or any(_is_value(t.text) for t in lower) \
            or lower[0].start < upper[0].end:
        return None
    heads = upper[1:]
    singles = [h for h in heads if not any(min(h.end, t.end) > max(h.start, t.start) for t in lower)]
    groups = [h for h in heads if h not in singles]
    if not groups or len(lower) < 2 * len(groups):
        return None
    columns: list[tuple[Token, str]] = [(h, h.text) for h in singles]
    for leaf in lower:
        over = [g for g in groups if g.start <= leaf.center] or groups[:1]
        columns.append((leaf, f"{over[-1].text} {leaf.text}"))
    columns.sort(key=lambda c: c[0].start)
    return [upper[0], *(t for t, _ in columns)], [upper[0].text, *(label for _, label in columns)]


def _is_data(toks: list[Token]) -> bool:
    return len(toks) >= 2 and any(_is_value(t.text) for t in toks) and not all(_is_value(t.text) for t in toks)


def _place(header: list[Token], tok: Token) -> int:
    """The header column a token falls under: the one it overlaps most, else the one nearest its centre."""
    overlap = [max(0, min(tok.end, h.end) - max(tok.start, h.start)) for h in header]
    best = max(range(len(header)), key=lambda i: (overlap[i], -abs(header[i].center - tok.center)))
    if overlap[best] == 0:
        best = min(range(len(header)), key=lambda i: abs(header[i].center - tok.center))
    return best


def parse_space_tables(lines: list[str], skip: set[int] | None = None) -> list[Table]:
    """Every header line with year or indicator columns followed by rows of a stub and numbers.

    Cells go to the header column they sit under. A header that starts with a year gets a stub
    column of its own. A stub wrapped over two lines is joined: a text-only line before a row
    starts its cell, a text-only line after a row that opens with a bracket or is English
    continues it. A blank line or a line of prose ends the table. Lines in `skip` (1-based)
    belong to other tables. Merged (empty) leading cells are filled from the row above.
    """
    skip = skip or set()
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        toks = tokens(lines[i]) if i + 1 not in skip and _GAP.search(lines[i].strip()) else []
        if not _is_header(toks):
            i += 1
            continue
        start = i
        header = list(toks)
        head_cells = [Cell(t.text, start + 1) for t in header]
        if _YEAR.match(nfkc(header[0].text)):
            header.insert(0, Token("", 0, max(1, header[0].start - 2)))
            head_cells.insert(0, Cell("", start + 1))
        below = tokens(lines[i + 1]) if i + 1 < n and i + 2 not in skip else []
        repeats = unrepeat_levels([t.text for t in header], [t.text for t in below]) if len(below) == len(header) \
            and not any(_is_value(t.text) for t in below) else None
        if repeats is not None:   # a second header row under merged cells printed in every column they span
            head_cells = [Cell(t, start + 2) for t in join_header_levels(*repeats)]
            header = below
            i += 1
        spanned = _spanned_header(header, below) if repeats is None and below and "\t" not in lines[i + 1] else None
        if spanned is not None:   # group heads and cells spanning two rows above a row of leaves, stub blank
            header, labels = spanned
            head_cells = [Cell(t, start + 1 if k == 0 else start + 2) for k, t in enumerate(labels)]
            i += 1
        group_line = _group_line(lines, start, header, skip) if repeats is None and spanned is None else None
        if group_line is not None:
            head_cells = [Cell(f"{g} {c.text}".strip(), c.line)
                          for g, c in zip(column_groups(tokens(lines[group_line]), header), head_cells)]
        from ingest.tables.indicators import is_year_stub

        by_year = is_year_stub(header[0].text)   # one row a year: rows are all numbers
        rows: list[list[Cell]] = []
        used = {start + 1, i + 1} | ({group_line + 1} if group_line is not None else set())
        pending: tuple[Token, int] | None = None   # a stub's first line waiting for its numbers
        warnings: list[tuple[int, str]] = []
        i += 1
        while i < n and i + 1 not in skip:
            row_toks = tokens(lines[i])
            if not row_toks:
                break
            if _is_data(row_toks) or (by_year and len(row_toks) >= 2 and _YEAR.match(nfkc(row_toks[0].text))):
                cells = [Cell("", i + 1) for _ in header]
                if len(row_toks) == len(header) + 1 and not any(_is_value(t.text) for t in row_toks[:2]):
                    # a bilingual stub split by a wide gap: '专利授权量  Patents granted'
                    row_toks = [Token(f"{row_toks[0].text} {row_toks[1].text}", row_toks[0].start, row_toks[1].end),
                                *row_toks[2:]]
                in_order = len(row_toks) == len(header)  # one token a column: their order says where
                for k, tok in enumerate(row_toks):
                    col = k if in_order else _place(header, tok)
                    if cells[col].text and col == 0:
                        cells[0].text += " " + tok.text
                    elif cells[col].text:
                        warnings.append((i + 1, f"two cells fall under column {header[col].text!r}; "
                                                f"{tok.text!r} was not read — check the alignment in the source"))
                    else:
                        cells[col].text = tok.text
                if pending:
                    col = _place(header, pending[0])
                    cells[col].text = pending[0].text + cells[col].text
                    used.add(pending[1])
                    pending = None
                rows.append(cells)
                used.add(i + 1)
            elif len(row_toks) == 1 and width(row_toks[0].text) <= 2 * MAX_STUB and not _is_value(row_toks[0].text):
                tok = row_toks[0]
                if rows and not pending and _CONTINUATION.match(tok.text):
                    cell = rows[-1][_place(header, tok)]
                    cell.text += tok.text if tok.text.startswith(("(", "（")) else " " + tok.text
                    used.add(i + 1)
                elif pending is None:
                    pending = (tok, i + 1)
                else:
                    break
            else:
                if rows and len(row_toks) == len(header) - 1 and all(_is_value(t.text) for t in row_toks):
                    warnings.append((i + 1, "a table row without its label (only values): not read — "
                                            "check the table in the source"))
                break
            i += 1
        if len(rows) < 2:
            i = start + 1
            continue
        top = start if group_line is None else group_line
        caption, caption_line = find_caption(lines, top)
        tables.append(Table(layout="space", start_line=top + 1, end_line=max(used),
                            rows=fill_merged([head_cells, *rows], len(header)),
                            caption=clean_line(caption).strip() if caption else None, caption_line=caption_line,
                            lines=used, warnings=warnings))
        i = max(used)
    return tables
