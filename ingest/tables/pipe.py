"""Pipe layout: one row per line, cells separated by ' | ', with or without a trailing '|'; merged cells shift rows."""

from __future__ import annotations

import re

from ingest.errors import ParseError
from ingest.numbers import parse_cell_quantity
from ingest.tables.table import (GROUP_CELL, STUB_HEAD, Cell, Table, find_caption, grouped, join_header_levels,
                           results_words, spread_header, unrepeat_levels, zh)
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


def is_pipe_line(line: str, in_block: bool) -> bool:
    """A line of a pipe table: a row with or without its closing '|', a header cell alone ('地区 Regions |'),
    or, inside a table, an empty row ('|', '||')."""
    s = _pipes(line).strip()
    if not s or len(s) > 4000:
        return False
    if not s.strip("| "):
        return in_block
    return s.endswith("|") or " | " in s


def split_row(line: str) -> list[str]:
    s = clean_line(_pipes(line)).strip()
    if s.startswith("|") and len(s) > 1:
        s = s[1:]
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


def _is_value(text: str) -> bool:
    try:
        return parse_cell_quantity(text) is not None
    except ParseError:
        return False


def _shape(text: str) -> str:
    """'num' for a value cell, 'empty', else 'text': the pattern a continuation row is matched on."""
    t = text.strip()
    return "empty" if not t or t in ("/", "-", "—") else ("num" if _is_value(t) else "text")


def _right_aligned(trimmed: list[str], prev: list[Cell], n_cols: int) -> bool:
    """A short row whose cells match, cell by cell, the kinds of the last columns of the row above
    (text under text, numbers under numbers): the leading cells were merged with the row above."""
    offset = n_cols - len(trimmed)
    if offset <= 0 or not any(_shape(t) == "num" for t in trimmed):
        return False
    for t, above in zip(trimmed, prev[offset:]):
        a, b = _shape(t), _shape(above.text)
        if "empty" not in (a, b) and a != b:
            return False
    return _shape(trimmed[0]) == "text" and _shape(prev[offset].text) == "text"


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
        if (_kind(trimmed[0]) == _kind(prev[missing].text) and _kind(trimmed[0]) != _kind(prev[0].text)) \
                or _right_aligned(trimmed, prev, n_cols):
            filled = [Cell(prev[c].text, line_no, filled=True) for c in range(missing)]
            return filled + [Cell(t, line_no) for t in trimmed]
    row = [Cell(t, line_no) for t in cells[:n_cols]]
    if len(row) < n_cols:
        warnings.append((line_no, f"table row has {len(row)} cells, the header has {n_cols}; "
                                  "missing cells are read as empty — check the table in the source"))
    row += [Cell("", line_no) for _ in range(n_cols - len(row))]
    return row


_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_YEAR = re.compile(r"^(19|20)\d{2}年?$")
_META = re.compile(r"^单位|表\s*号|制[定表]机关|备案|有效期|批准文号|^!\[")


def _trim(cells: list[str]) -> list[str]:
    out = list(cells)
    while len(out) > 1 and out[-1] == "":
        out.pop()
    return out


def _is_data(cells: list[str]) -> bool:
    """A body row: a value cell that is not a bare year (header rows carry years: '2016 | ||||')."""
    return any(_is_value(c) and not _YEAR.match(nfkc(c)) for c in cells[1:]) or (
        len(cells) >= 3 and _YEAR.match(nfkc(cells[0]) or "-") is not None
        and sum(_is_value(c) for c in cells[1:]) >= 2)


def _english_only(text: str) -> bool:
    return bool(_LATIN.search(text)) and not _HAN.search(text)


def _merge_bilingual_stub(cells: list[str]) -> list[str]:
    """'北京 | Beijing | 125393 | …': a stub printed as a Chinese and an English cell is one cell."""
    if len(cells) >= 3 and _HAN.search(cells[0]) and _english_only(cells[1]) and _is_value(cells[2]):
        return [f"{cells[0]} {cells[1]}", *cells[2:]]
    return cells


def _flat_header(head: list[tuple[int, list[str]]], n_cols: int) -> tuple[list[str], list[str]]:
    """A header printed one cell a line ('地区 |', '总累计 | 2016 | ||||', '合计 |', '职务 |' …): the leaf
    cells are the last n_cols - 1, the line above them with fewer cells spread over them as a group
    (two levels joined: '2016 合计'), the single cell above that is the stub. Returns (header, lines above it)."""
    flat = [(k, c) for k, (_, cells) in enumerate(head) for c in cells if c]
    anchored = _anchored_header(flat, n_cols)
    if anchored is not None:
        return anchored
    leaves = flat[-(n_cols - 1):] if n_cols > 1 else []
    first_leaf_row = leaves[0][0] if leaves else len(head)
    groups: list[str] = []
    stub_row = first_leaf_row - 1
    if stub_row >= 0:
        cells = [c for c in head[stub_row][1] if c]
        spans = len(head[stub_row][1]) > len(cells)
        if cells and (len(cells) >= 2 or spans) and (n_cols - 1) % len(cells) == 0 and len(leaves) == n_cols - 1:
            groups = cells
            stub_row -= 1
    stub = ""
    if stub_row >= 0 and len([c for c in head[stub_row][1] if c]) == 1 and len(head[stub_row][1][0]) <= 30:
        stub = head[stub_row][1][0]
        stub_row -= 1
    labels = [c for _, c in leaves]
    labels = [""] * (n_cols - 1 - len(labels)) + labels
    if groups:
        per = (n_cols - 1) // len(groups)
        labels = [f"{groups[i // per]} {leaf}".strip() for i, leaf in enumerate(labels)]
    above = [c for _, cells in head[: stub_row + 1] for c in cells if c]
    return [stub, *labels], above


def _anchored_header(flat: list[tuple[int, str]], n_cols: int) -> tuple[list[str], list[str]] | None:
    """A flattened header read from its stub cell ('地 区'): the cells after it are the columns, less g group
    heads when there are g too many (the g cells of one row that read most like group heads: '职 务 | 非职务').
    The groups' own cells are the header's last row when it has several; cells printed between the groups and
    that row (columns spanning all header rows: '常住人口', '排名') come after them."""
    anchor = next((a for a, (_, c) in enumerate(flat) if STUB_HEAD.match(zh(c))), None)
    if anchor is None:
        return None
    after = flat[anchor + 1:]
    g = len(after) - (n_cols - 1)
    above = [c for _, c in flat[:anchor]]
    if g < 0:
        return None
    if g == 0:
        return [flat[anchor][1], *[c for _, c in after]], above
    runs = [p for p in range(len(after) - g + 1) if after[p][0] == after[p + g - 1][0]]
    if not runs:
        return None
    best = max(runs, key=lambda p: (sum(bool(GROUP_CELL.match(zh(c))) for _, c in after[p:p + g]), -p))
    groups = [zh(c) for _, c in after[best:best + g]]
    rest = after[best + g:]
    last_row = [x for x in rest if x[0] == rest[-1][0]] if rest else []
    if len(last_row) >= 2 and len(last_row) < len(rest) and last_row[0][0] > after[best][0]:
        middle = [x for x in rest if x[0] != rest[-1][0]]
        cols = after[:best] + grouped(groups, last_row) + middle
    else:
        cols = after[:best] + grouped(groups, rest)
    return [flat[anchor][1], *[c for _, c in cols]], above


def _caption_of(above: list[str]) -> str | None:
    """The title among the cells printed above a table's header (not its form number or filing notes)."""
    for text in reversed(above):
        if _HAN.search(text) and not _META.search(text) and not re.match(r"^[\d.\s-]+$", text):
            return text
    return None


def parse_pipe_tables(lines: list[str]) -> list[Table]:
    """Find every run of pipe lines; the header is the first row, or the cells printed one a line above the body.

    Rows may lack the closing '|' (a warning only when the header has one); a stub printed as a
    Chinese and an English cell is joined; a header printed one cell a line, or over two rows with
    merged group cells, becomes one label per column ('2016 合计 Total').
    """
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        if not is_pipe_line(lines[i], False):
            i += 1
            continue
        start = i
        block: list[tuple[int, list[str], bool]] = []   # (line, cells, closed with '|')
        open_row = False   # the last row began with '|' and goes on in indented lines (a cell holding line breaks)
        while i < n and is_pipe_line(lines[i], bool(block)):
            raw = _pipes(lines[i])
            cells = split_row(lines[i])
            if open_row and block and raw[:1].isspace() and not raw.strip().startswith("|"):
                if any(cells):   # '            695946 | 100.00% | …|' continues '| 合计 Total  | '
                    line_no, before, _ = block[-1]
                    block[-1] = (line_no, [*before, *(c for c in cells if c)], raw.rstrip().endswith("|"))
                i += 1
                continue
            open_row = raw.lstrip().startswith("|") and i + 1 < n and _pipes(lines[i + 1])[:1].isspace() \
                and not _pipes(lines[i + 1]).strip().startswith("|")
            cells = _merge_bilingual_stub(cells)
            if any(cells):
                block.append((i + 1, cells, raw.rstrip().endswith("|")))
            i += 1
        multi = [b for b in block if len([c for c in b[1] if c]) >= 2]
        if len(multi) < 2 and not any(closed for _, _, closed in multi):
            continue   # one row without its closing '|' is a line of text ('首页 | 新闻'), not a table
        table = _block_table(lines, start, i, block)
        if table is not None:
            tables.append(table)
    return tables


def _spread_groups(upper: list[str], lower: list[str], n_cols: int, first_row: list[str]) -> list[str] | None:
    """Two header rows printed without their merged cells (`spread_header`); the stub columns are the
    first row's cells before its first value (a leading serial counts as a stub)."""
    stubs = next((i for i, c in enumerate(first_row) if _is_value(c) and not (i == 0 and _SERIAL.match(nfkc(c)))), 0)
    spread = spread_header(upper, lower, n_cols, stubs)
    if spread is None and stubs > 1:
        # one stub cell above two stub columns ('按国内外分组' over '合计 | 小计'): spread over the values, then the
        # other stub columns get an empty head
        values = len(_trim(first_row)) - stubs
        one = spread_header(upper, lower, 1 + values, 1)
        if one is not None:
            return [one[0], *([""] * (stubs - 1)), *one[1:]]
    return spread


def _header(block: list[tuple[int, list[str], bool]], first_data: int | None
            ) -> tuple[int, list[str], int, list[str]]:
    """(header line, header cells, index of the first body row, cells printed above the header)."""
    if first_data is None or first_data == 1:
        return block[0][0], _trim(block[0][1]), 1, []
    widths = [len(_trim(cells)) for _, cells, _ in block[first_data:]]
    n_data = max(set(widths), key=lambda w: (widths.count(w), w))
    head = [(ln, _trim(cells)) for ln, cells, _ in block[:first_data]]
    top, last = head[0][1], head[-1][1]
    upper = head[-2][1]
    if (repeats := unrepeat_levels(upper, last)) is not None:
        upper, last = repeats
    if len(upper) < len(last) and "" in upper[1:]:
        upper = upper + [""] * (len(last) - len(upper))   # the merged cells at the row's end were trimmed
    if len(upper) == len(last) >= 2 and "" in upper[1:] and all(u or v for u, v in zip(upper[1:], last[1:])):
        return head[-1][0], join_header_levels(upper, last), first_data, [c for _, r in head[:-2] for c in r if c]
    spread = _spread_groups(upper, last, n_data, block[first_data][1])
    if spread is not None:
        return head[-1][0], spread, first_data, [c for _, r in head[:-2] for c in r if c]
    if len(top) >= max(2, n_data - 1):
        return head[0][0], top, 1, []          # a full first row: later header-like rows are read (and reported) as rows
    if len(last) >= max(2, n_data - 1):
        return head[-1][0], last, first_data, [c for _, r in head[:-1] for c in r if c]
    cells, above = _flat_header(head, n_data)
    return head[-1][0], cells, first_data, above


def _block_table(lines: list[str], start: int, end: int, block: list[tuple[int, list[str], bool]]) -> Table | None:
    first_data = next((k for k, (_, cells, _) in enumerate(block) if k > 0 and _is_data(cells)), None)
    while block and len([c for c in block[0][1] if c]) < 2 and first_data is None:
        block = block[1:]                       # stray pipe lines above a table without values
    header_line, header_cells, body_from, above = _header(block, first_data)
    n_cols = len(header_cells)
    if n_cols < 2:
        return None
    data_rows = [cells for _, cells, _ in block[body_from:]]
    if data_rows and len(header_cells) == len(_trim(data_rows[0])) - 1 and not _is_value(data_rows[0][0]):
        header_cells = ["", *header_cells]      # the header has no cell above the stub
        n_cols += 1
    header_closed = any(closed for ln, _, closed in block[:body_from])
    warnings: list[tuple[int, str]] = []
    rows: list[list[Cell]] = [[Cell(t, header_line) for t in header_cells]]
    prev: list[Cell] | None = None
    prev_han: str | None = None
    for line_no, cells, closed in block[body_from:]:
        if len([c for c in cells if c]) < 1:
            continue
        if not closed and header_closed:
            warnings.append((line_no, "table row does not end with '|' (truncated?); read as far as it goes"))
        trimmed = _trim(cells)
        if len(trimmed) == n_cols + 1 and not _is_value(cells[0]) and not _is_value(cells[1]) and _is_value(cells[2]):
            cells = [f"{cells[0]} {cells[1]}", *cells[2:]]   # a stub over two cells ('国内 | 国内小计 | 51893')
        translated = bool(prev_han) and _english_only(cells[0]) and any(_is_value(c) for c in cells[1:])
        if translated:
            cells = [f"{prev_han} {cells[0]}", *cells[1:]]   # the English (or percent) row under a Chinese one
        row = _realign(cells, prev, n_cols, line_no, warnings)
        rows.append(row)
        prev = row
        stub = row[0].text
        prev_han = None if translated or not _HAN.search(stub) else stub
    caption = _caption_of(above) if above else None
    if caption is None:
        found, _ = find_caption(lines, start)
        caption = clean_line(found).strip() if found else None
    table = Table(layout="pipe", start_line=start + 1, end_line=end, rows=rows, caption=caption,
                  caption_line=None, lines={ln for ln, _, _ in block}, warnings=warnings)
    table.notes = "\n".join(above)
    table.results = results_words(table.notes)
    return table
