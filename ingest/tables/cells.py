"""Tables flattened one cell a line (web tables copied as text): header cells, then each row's label and its values."""

from __future__ import annotations

import re

from ingest.errors import ParseError
from ingest.numbers import parse_cell_quantity
from ingest.tables.table import (GROUP_CELL, SERIAL_HEAD, STUB_HEAD, Cell, Table, grouped, results_words,
                                 spread_header, zh)
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


_TRANSLATION = re.compile(r"(?<=[\u4e00-\u9fff)）])\s*[A-Za-z][A-Za-z0-9 ,.:;&()'/%+*-]*$")


def _is_label(text: str) -> bool:
    """A row or header cell: short (its English translation, as yearbooks print it, not counted), no sentence."""
    t = text.strip()
    zh_part = _TRANSLATION.sub("", t) if _HAN.search(t) else t
    return bool(t) and len(zh_part) <= MAX_CELL and not _is_value(t) and not _SENTENCE.search(zh_part) and "|" not in t


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


def _counting(items: list[tuple[int, str]], positions: list[int]) -> set[int]:
    """The positions whose numbers count 1, 2, 3 … one after the other, in runs of three at least."""
    marked: set[int] = set()
    run: list[int] = []
    for k in [*positions, -1]:
        if k >= 0 and run and int(items[k][1]) == int(items[run[-1]][1]) + 1:
            run.append(k)
            continue
        if len(run) >= 3:
            marked.update(run)
        run = [k]
    return marked


def _serial_chains(items: list[tuple[int, str]], consecutive: bool) -> set[int]:
    """Positions of small numbers right before a label that count 1, 2, 3 … (three at least): next to each other
    among such numbers (`consecutive`), or with other numbers before labels between them (the last value of each
    row also stands before the next row's label)."""
    before_label = [k for k in range(len(items) - 1)
                    if re.fullmatch(r"\d{1,3}", items[k][1]) and _is_label(items[k + 1][1])]
    if consecutive:
        return _counting(items, before_label)
    runs = _runs(items)
    sizes = [e - s for s, e in runs if e - s >= 2]
    if not sizes:
        return set()
    modal = max(set(sizes), key=sizes.count)
    ends = {e - 1 for s, e in runs if e - s in (1, modal + 1)}   # a number that makes a row one value too long
    return _counting(items, [k for k in before_label if k in ends])


def _uniformity(items: list[tuple[int, str]]) -> float:
    """The share of value runs (two values at least) that have the most common length."""
    sizes = [e - s for s, e in _runs(items) if e - s >= 2]
    return max(map(sizes.count, set(sizes))) / len(sizes) if sizes else 0.0


def _serials_marked(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Row numbers printed one a line before each row's label ('1' / '深圳' / 21324 …) look like values; they are
    marked as serials. Numbers counting 1, 2, 3 between the rows' last values are serials only when marking them
    leaves rows of more even length (a rank column last in a table sorted by rank stays a column)."""
    def marked(at: set[int]) -> list[tuple[int, str]]:
        return [(n, _SERIAL_MARK + t if k in at else t) for k, (n, t) in enumerate(items)]

    close = _serial_chains(items, consecutive=True)
    if close and _uniformity(marked(close)) >= _uniformity(items):
        return marked(close)   # not a rank column last in a table sorted by rank: marking it makes rows uneven
    spread = _serial_chains(items, consecutive=False)
    if spread and _uniformity(marked(spread)) > _uniformity(items):
        return marked(spread)
    return items


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


def _label_cells(items: list[tuple[int, str]], ls: int, le: int) -> list[tuple[int, str]]:
    return [it for it in items[ls:le] if not it[1].startswith(_SERIAL_MARK)]


def _merged_stubs(items: list[tuple[int, str]], rows: list[tuple[int, int, int, int]]) -> int:
    """How many label columns the rows have when their first ones were merged cells, flattened away on the
    rows below ('呼和浩特市' / '发明' / 218 … then '实用新型' / 250 …): the most label cells a row has, when
    other rows have fewer and no label is a single character of a name split one a line; else 1."""
    counts = [len(_label_cells(items, ls, le)) for ls, le, _, _ in rows]
    m = max(counts, default=1)
    if m < 2 or min(counts) == m or m > MAX_LABEL_LINES:
        return 1
    if any(len(t.strip()) < 2 for ls, le, _, _ in rows for _, t in _label_cells(items, ls, le)):
        return 1
    return m if counts.count(m) >= 2 else 1


def _first_stubs(items: list[tuple[int, str]], at: int, stubs: int) -> int:
    """Where the first row starts when rows have `stubs` label cells: that many cells before its values, and
    its serial number right before them."""
    start = at - stubs
    if start - 1 >= 0 and items[start - 1][1].startswith(_SERIAL_MARK):
        start -= 1
    return max(start, 0)


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
        if k < 2 or k > MAX_COLS or (all(_BARE_YEAR.match(t) for _, t in items[s0:e0]) and s0 > 0
                                     and STUB_HEAD.match(zh(items[s0 - 1][1]))):
            r += 1   # '项目 Item' / 2020 / 2021: years heading the columns, not a row
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
        stubs = _merged_stubs(items, rows)
        first = _first_label(items, s0, sizes) if stubs == 1 else _first_stubs(items, s0, stubs)
        if first >= s0 or not all(_is_label(t) for _, t in items[first:s0]):
            r += 1
            continue
        rows.insert(0, (first, s0, s0, e0))
        table = _table(items, rows, k, warnings, stubs)
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
    two_rows = _two_header_rows(chinese[anchor], leaves, k) if g > 0 else None
    if two_rows is not None:
        return [chinese[anchor], *two_rows], chinese[:anchor]
    if g > 0:
        best = max(range(len(leaves) - g + 1),
                   key=lambda p: (sum(bool(GROUP_CELL.match(zh(t))) for _, t in leaves[p:p + g]), -p))
        groups = [zh(t) for _, t in leaves[best:best + g]]
        leaves = leaves[:best] + grouped(groups, leaves[best + g:])
    return [chinese[anchor], *leaves], chinese[:anchor]


# a header cell that heads one column over both header rows: a unit in brackets, a rank
_SPANS_BOTH_ROWS = re.compile(r"[(（][^()（）]*[)）]$|排名|名次|排序|位次")


def _two_header_rows(stub: tuple[int, str], cells: list[tuple[int, str]], k: int) -> list[tuple[int, str]] | None:
    """k column labels from a two-row header flattened row by row (a web table's text): the upper row's group
    heads ('专利类型', '申请人类型') and cells spanning both rows ('同比增长'), then the lower row's leaves. The
    upper row ends at its last group head; `spread_header` decides which cells head how many leaves. None when
    the group heads are not all in front of the leaves."""
    heads = [i for i, (_, t) in enumerate(cells) if GROUP_CELL.match(zh(t))]
    g = len(cells) - k
    names = [zh(t) for _, t in cells]
    singles = [i for i, (_, t) in enumerate(cells) if _SPANS_BOTH_ROWS.search(zh(t))]
    if len(heads) >= g and heads[-1] + 1 < len(cells):
        split = heads[-1] + 1                      # the upper row ends at its last group word,
        if singles and heads[-1] < singles[-1] < len(cells) - 2:
            split = singles[-1] + 1                # or at a cell after it that spans both rows ('常住人口(万人)', '排名')
    else:                                          # else the leaves start where they begin to repeat
        split = next((j for j in range(g, len(cells)) if names[j] in names[j + 1:]
                      and names[j:].count(names[j]) >= 2 and names[j] not in names[:j]), None)
        if split is None:
            return None
    groups = {zh(t) for _, t in cells[:split] if GROUP_CELL.match(zh(t))}
    while split < len(cells) and any(zh(cells[split][1]).startswith("非" + grp) for grp in groups):
        split += 1    # '非职务个人' after '职务': the group's negation heads a column of its own, it is no leaf of it
    upper, lower = cells[:split], cells[split:]
    if len(lower) < 2 * g:
        return None   # each group heads two leaves at least
    labels = spread_header([stub[1], *(t for _, t in upper)], [t for _, t in lower], k + 1, 1)
    if labels is None or len(labels) != k + 1:
        return None
    lines = [n for n, _ in upper]
    col_lines = []
    for label in labels[1:]:
        leaf = next((ln for ln, t in lower if label.endswith(" " + t)), None)
        col_lines.append(leaf if leaf is not None else lines[0])
    return [(n, label) for n, label in zip(col_lines, labels[1:])]


def _table(items: list[tuple[int, str]], rows: list[tuple[int, int, int, int]], k: int,
           warnings: list[tuple[int, str]], stubs: int = 1) -> Table | None:
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
    if stubs > 1:
        named = [c for c in chinese if not SERIAL_HEAD.match(zh(c[1]))]
        if len(named) < k + stubs:
            return None
        head, caption_pool = named[-(k + stubs):], [c for c in chinese if c[0] < named[-(k + stubs)][0]]
    else:
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
    body: list[list[Cell]] = []
    for ls, le, vs, ve in rows:
        label = items[ls:le]
        cells = [Cell(t, n) for n, t in items[vs:ve]]
        cells += [Cell("", cells[-1].line) for _ in range(k - len(cells))]   # a row cut off where the text ends
        if stubs == 1:
            body.append([Cell(_join([t for _, t in label]), label[-1][0]), *cells])
            continue
        own = [Cell(t, n) for n, t in _label_cells(items, ls, le)]
        above_cells = body[-1][:stubs - len(own)] if body else []
        carried = [Cell(c.text, own[0].line if own else c.line, filled=True) for c in above_cells]
        body.append([*carried, *own, *cells])
    start = head[0][0] if head[0][1] else head[1][0]
    used = {n for n, _ in above if n >= start} | {n for n, _ in items[rows[0][0]:rows[-1][3]]}
    table = Table(layout="cells", start_line=start, end_line=items[rows[-1][3] - 1][0], rows=[header, *body],
                  caption=caption, caption_line=titled[-1][0] if titled else None,
                  lines=used, warnings=warnings, notes=notes)
    table.results = results_words(notes)
    return table
