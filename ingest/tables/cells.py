"""Tables flattened one cell a line (web tables copied as text): header cells, then each row's label and its values."""

from __future__ import annotations

import re

from ingest.errors import ParseError
from ingest.numbers import parse_cell_quantity
from ingest.tables.table import GROUP_CELL, STUB_HEAD, Cell, Table, grouped, results_words, zh
from ingest.text import clean_line, nfkc

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE = re.compile(r"[。；;！？]|[，,].*[，,]")
MAX_CELL = 40      # characters: a longer line is prose, not a flattened cell
MAX_LABEL_LINES = 4  # lines one row label may be split over ('内' / '蒙' / 'Inner Mongolia')
MAX_COLS = 40
_TITLE = re.compile(r"量|数|额|率|情况|状况|统计|一览")


_PIPED = re.compile(r"^\|?\s*([^|]*?)\s*\|+\s*$")


def _cell_of(line: str) -> str:
    """A line's cell text: '福田 |' (a web table copied one cell a line with its pipe) is '福田'; '|||' is nothing."""
    text = clean_line(line).strip()
    m = _PIPED.match(text.replace("｜", "|"))
    return m.group(1).strip() if m else text


def _is_value(text: str) -> bool:
    t = text.strip()
    if not t or t == "无" or len(t) > 20:
        return False
    try:
        parse_cell_quantity(t)
    except ParseError:
        return False
    return True


def _is_label(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= MAX_CELL and not _is_value(t) and not _SENTENCE.search(t) and "|" not in t


def _english_only(text: str) -> bool:
    return bool(_LATIN.search(text)) and not _HAN.search(text)


def _join(parts: list[str]) -> str:
    """Label lines as one label: Chinese pieces run together ('北' + '京 Beijing' -> '北京 Beijing'); serials dropped."""
    out = ""
    for p in (p.strip() for p in parts if not p.startswith(_SERIAL_MARK)):
        if out and not (_HAN.match(p) and _HAN.search(out[-1])):
            out += " "
        out += p
    return out


def _runs(items: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(start, end) index ranges of consecutive value lines."""
    out, k = [], 0
    while k < len(items):
        if _is_value(items[k][1]):
            s = k
            while k < len(items) and _is_value(items[k][1]):
                k += 1
            out.append((s, k))
        else:
            k += 1
    return out


_CAPTION_LIKE = re.compile(r"^\s*附?表|^.{16,}$")   # a title above the header, not the stub's cell
_BARE_YEAR = re.compile(r"^(19|20)\d{2}\s*年?$")
_SERIAL_MARK = "\u2116"   # '№': a serial number of a row, read as part of its label, not as a value


def _serials_marked(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Row numbers printed one a line before each row's label ('1' / '深圳' / 21324 …) look like values; the
    numbers right before a label that count 1, 2, 3 … (three at least) are marked as serials."""
    before_label = [k for k in range(len(items) - 1)
                    if re.fullmatch(r"\d{1,3}", items[k][1]) and _is_label(items[k + 1][1])]
    run: list[int] = []
    marked: set[int] = set()
    for k in before_label:
        if run and int(items[k][1]) == int(items[run[-1]][1]) + 1:
            run.append(k)
        else:
            if len(run) >= 3:
                marked.update(run)
            run = [k]
    if len(run) >= 3:
        marked.update(run)
    return [(n, _SERIAL_MARK + t if k in marked else t) for k, (n, t) in enumerate(items)]


def _first_label(items: list[tuple[int, str]], at: int, sizes: list[int]) -> int:
    """Where the first row's label starts, the lines above it being the header: the line before the values,
    with single characters of a name split one a line above it ('合' / '计 Total'), or the Chinese line above
    an English one when the other rows' labels are printed that way."""
    j = at - 1
    if j < 0:
        return at
    start = j
    while start - 1 >= 0 and at - start < MAX_LABEL_LINES and len(items[start - 1][1].strip()) == 1 \
            and _HAN.match(items[start - 1][1].strip()):
        start -= 1
    if start == j and _english_only(items[j][1]) and sizes and max(set(sizes), key=sizes.count) == 2 \
            and j >= 1 and _HAN.search(items[j - 1][1]) and not _english_only(items[j - 1][1]):
        start = j - 1
    return start


def parse_cell_tables(lines: list[str], skip: set[int] | None = None) -> list[Table]:
    """Every run of rows printed one cell a line: a label (maybe split over lines) and k values each, two rows
    at least, all of the same k; the header is the last k + 1 Chinese lines above the first row (the stub
    and one per value column), the Chinese line above those is the caption. A row with another count of
    values ends the table with a warning."""
    skip = skip or set()
    items = [(n, text) for n, line in enumerate(lines, start=1)
             if n not in skip and (text := _cell_of(line))]
    items = _serials_marked(items)
    runs = _runs(items)
    tables: list[Table] = []
    r = 0
    while r < len(runs):
        s0, e0 = runs[r]
        k = e0 - s0
        if k < 2 or k > MAX_COLS:
            r += 1
            continue
        rows: list[tuple[int, int, int, int]] = []   # (label start, label end, values start, values end)
        warnings: list[tuple[int, str]] = []
        q = r + 1
        while q < len(runs):
            prev_end = runs[q - 1][1]
            s, e = runs[q]
            gap = items[prev_end:s]
            if not (1 <= len(gap) <= MAX_LABEL_LINES and all(_is_label(t) for _, t in gap)):
                break
            if e - s < k and q == len(runs) - 1 and e == len(items):
                # the page ends inside the last row: its cells are the first columns, in order
                warnings.append((items[s][0], f"the last table row has {e - s} values, the rows above have {k}; "
                                              "the text ends there: read as the first columns — check the source"))
                rows.append((prev_end, s, s, e))
                q += 1
                break
            if e - s != k:
                warnings.append((items[s][0], f"table row has {e - s} values, the rows above have {k}; "
                                              "the table ends here — check the table in the source"))
                break
            rows.append((prev_end, s, s, e))
            q += 1
        if not rows:
            r += 1
            continue
        sizes = [le - ls for ls, le, _, _ in rows]
        first = _first_label(items, s0, sizes)
        if first >= s0 or not all(_is_label(t) for _, t in items[first:s0]):
            r += 1
            continue
        rows.insert(0, (first, s0, s0, e0))
        table = _table(items, rows, k, warnings)
        if table is not None:
            tables.append(table)
        r = q
    return tables


def header_cells(chinese: list[tuple[int, str]], k: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The stub and k column cells among the Chinese header lines (one cell a line), and the lines above them.

    After the stub's cell ('地 区') come the column cells; when there are g more of them than
    columns, the g consecutive cells that read most like group heads ('职 务', '非职务') are left
    out. Without a stub cell the last k + 1 lines are the header.
    """
    anchor = next((a for a in range(len(chinese) - k - 1, -1, -1) if STUB_HEAD.match(zh(chinese[a][1]))), None)
    if anchor is None:
        if len(chinese) > k and not _CAPTION_LIKE.search(chinese[-(k + 1)][1]):
            return chinese[-(k + 1):], chinese[: -(k + 1)]
        return [(chinese[-k][0], ""), *chinese[-k:]], chinese[:-k]
    leaves = chinese[anchor + 1:]
    g = len(leaves) - k
    if g > 0:
        best = max(range(len(leaves) - g + 1),
                   key=lambda p: (sum(bool(GROUP_CELL.match(zh(t))) for _, t in leaves[p:p + g]), -p))
        groups = [zh(t) for _, t in leaves[best:best + g]]
        leaves = leaves[:best] + grouped(groups, leaves[best + g:])
    return [chinese[anchor], *leaves], chinese[:anchor]


def _table(items: list[tuple[int, str]], rows: list[tuple[int, int, int, int]], k: int,
           warnings: list[tuple[int, str]]) -> Table | None:
    first = rows[0][0]
    above: list[tuple[int, str]] = []
    j = first - 1
    while j >= 0 and (_is_label(items[j][1]) or _BARE_YEAR.match(items[j][1])) and len(above) < 3 * (k + 1) + 8:
        if not items[j][1].startswith(_SERIAL_MARK):
            above.insert(0, items[j])
        j -= 1
    chinese = [(n, t) for n, t in above if _HAN.search(t) or _BARE_YEAR.match(t)]
    if len(chinese) < k:
        return None
    head, caption_pool = header_cells(chinese, k)
    while j >= 0 and len(items[j][1]) <= 2 * MAX_CELL + 20 and not _SENTENCE.search(items[j][1]) \
            and len(caption_pool) < 6 and not _is_value(items[j][1]):
        if _HAN.search(items[j][1]):
            caption_pool.insert(0, items[j])       # a title above the header, longer than a cell
        j -= 1
    titled = [c for c in caption_pool if _TITLE.search(c[1])] or caption_pool
    caption = titled[-1][1] if titled else None
    notes = "\n".join(t for n, t in caption_pool + above if n < (head[0][0] if head[0][1] else head[1][0]))
    header = [Cell(t, n) for n, t in head]
    body = []
    for ls, le, vs, ve in rows:
        label = items[ls:le]
        cells = [Cell(t, n) for n, t in items[vs:ve]]
        cells += [Cell("", cells[-1].line) for _ in range(k - len(cells))]   # a row cut off where the text ends
        body.append([Cell(_join([t for _, t in label]), label[-1][0]), *cells])
    start = head[0][0] if head[0][1] else head[1][0]
    used = {n for n, _ in above if n >= start} | {n for n, _ in items[rows[0][0]:rows[-1][3]]}
    table = Table(layout="cells", start_line=start, end_line=items[rows[-1][3] - 1][0], rows=[header, *body],
                  caption=caption, caption_line=titled[-1][0] if titled else None,
                  lines=used, warnings=warnings, notes=notes)
    table.results = results_words(notes)
    return table
