"""Ruled tables of a PDF page from its geometry: PDFium's path objects are the rulings, characters fall into the cells.

A cell whose separating ruling is missing is merged with its neighbour (a category cell spanning
rows, a header spanning columns) and its copies are marked filled, as Word's merged cells are.
The text of a cell wrapped over lines is joined (Chinese without a space). Tables without rulings
are left to the text layouts (space-aligned columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.tables.table import Cell

THIN = 2.5          # points: a path this thin in one direction is a ruling
SNAP = 2.0          # points: rulings this close are one
MIN_RULE = 6.0      # points: a shorter ruling is a tick or a glyph part
MAX_CROSSINGS = 250_000  # horizontal x vertical rulings on one page: more is a drawing, not tables
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@dataclass
class Char:
    text: str
    x: float       # centre
    y: float       # centre (PDF space: up is larger)
    left: float
    right: float
    height: float


@dataclass
class PageTable:
    top: float
    bottom: float
    xs: list[float]
    rows: list[list[Cell | None]]          # None: no cell (never: merged copies are filled cells)
    chars: set[int] = field(default_factory=set)   # indexes of the page's characters inside the table


def rulings(page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) rulings: thin path objects, and the edges of thin-walled
    rectangles are not needed (LibreOffice, Word and reportlab draw each border as a path of its own)."""
    hs, vs = [], []
    for obj, (left, bottom, right, top) in _paths(page):
        w, h = right - left, top - bottom
        if h <= THIN and w >= MIN_RULE:
            hs.append(((top + bottom) / 2, left, right))
        elif w <= THIN and h >= MIN_RULE:
            vs.append(((left + right) / 2, bottom, top))
        elif w > THIN and h > THIN and w < 2000 and h < 2000 and _is_box(obj):
            hs += [(top, left, right), (bottom, left, right)]
            vs += [(left, bottom, top), (right, bottom, top)]
    return _merge(hs), _merge(vs)


def _paths(page, depth: int = 3):
    """(raw path object, bounds) of every path on the page, inside form objects too; through PDFium's C API
    directly (the object wrappers cost as much as reading the text)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    box = [ctypes.c_float() for _ in range(4)]

    def walk(count, get):
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                if pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(b) for b in box)):
                    yield obj, tuple(b.value for b in box)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth > 0:
                yield from walk(pdfium_c.FPDFFormObj_CountObjects(obj),
                                lambda k, form=obj: pdfium_c.FPDFFormObj_GetObject(form, k))

    yield from walk(pdfium_c.FPDFPage_CountObjects(page.raw), lambda k: pdfium_c.FPDFPage_GetObject(page.raw, k))


def _is_box(raw) -> bool:
    """A stroked rectangle (a cell border drawn as a box), not a filled shape or a curve."""
    import pypdfium2.raw as pdfium_c

    n = pdfium_c.FPDFPath_CountSegments(raw)
    if n not in (4, 5):
        return False
    return all(pdfium_c.FPDFPathSegment_GetType(pdfium_c.FPDFPath_GetPathSegment(raw, i)) != pdfium_c.FPDF_SEGMENT_BEZIERTO
               for i in range(n))


def _merge(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear rulings that touch or overlap as one."""
    out: list[list[float]] = []
    for pos, a, b in sorted(segs, key=lambda s: (round(s[0] / SNAP), s[1])):
        if out and abs(out[-1][0] - pos) <= SNAP and a <= out[-1][2] + SNAP:
            out[-1][2] = max(out[-1][2], b)
        else:
            out.append([pos, a, b])
    return [tuple(s) for s in out]


def _clusters(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _components(hs, vs) -> list[tuple[list, list]]:
    """Groups of rulings that cross or touch one another: one group a table."""
    items = [("h", s) for s in hs] + [("v", s) for s in vs]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (ki, (hy, hx0, hx1)) in enumerate(items[: len(hs)]):
        for j in range(len(hs), len(items)):
            vx, vy0, vy1 = items[j][1]
            if hx0 - SNAP <= vx <= hx1 + SNAP and vy0 - SNAP <= hy <= vy1 + SNAP:
                parent[find(i)] = find(j)
    groups: dict[int, tuple[list, list]] = {}
    for i, (kind, seg) in enumerate(items):
        g = groups.setdefault(find(i), ([], []))
        (g[0] if kind == "h" else g[1]).append(seg)
    return list(groups.values())


def _covered(segs, pos: float, a: float, b: float) -> bool:
    """A ruling at `pos` runs over most of the span a..b."""
    mid_lo, mid_hi = a + (b - a) * 0.3, a + (b - a) * 0.7
    return any(abs(p - pos) <= SNAP and s0 <= mid_lo + SNAP and s1 >= mid_hi - SNAP for p, s0, s1 in segs)


def cell_text(chars: list[Char]) -> str:
    """A cell's characters as text: lines top to bottom, joined without a space where Chinese meets."""
    if not chars:
        return ""
    height = sorted(c.height for c in chars)[len(chars) // 2] or 8.0
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: -c.y):
        if lines and abs(lines[-1][0].y - ch.y) < height * 0.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = ""
    for line in lines:
        line.sort(key=lambda c: c.x)
        text = ""
        prev = None
        for ch in line:
            if prev is not None and ch.left - prev.right > height * 0.3 and not (_CJK.match(ch.text) or _CJK.match(prev.text)):
                text += " "
            text += ch.text
            prev = ch
        text = text.strip()
        if out and text and not (_CJK.match(out[-1]) or _CJK.match(text[0]) or out[-1] in "-/("):
            out += " "
        out += text
    return out


def page_tables(page, chars: list[Char]) -> list[PageTable]:
    """The ruled tables of a page, top to bottom, with the characters each one holds."""
    hs, vs = rulings(page)
    if not hs or not vs or len(hs) * len(vs) > MAX_CROSSINGS:
        return []   # no rulings, or a drawing (a chart, a map) rather than tables: its text is read as lines
    tables = []
    for th, tv in _components(hs, vs):
        ys = sorted(_clusters([s[0] for s in th]), reverse=True)
        xs = _clusters([s[0] for s in tv])
        if len(ys) < 3 or len(xs) < 3:
            continue
        table = _grid(th, tv, xs, ys, chars)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: -t.top)


def _grid(th, tv, xs: list[float], ys: list[float], chars: list[Char]) -> PageTable | None:
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    # union-find over the cells: merge across a missing ruling
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _covered(tv, xs[c + 1], ys[r + 1], ys[r]):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not _covered(th, ys[r + 1], xs[c], xs[c + 1]):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    inside: dict[int, list[Char]] = {}
    taken: set[int] = set()
    for k, ch in enumerate(chars):
        if not (xs[0] <= ch.x <= xs[-1] and ys[-1] <= ch.y <= ys[0]):
            continue
        c = next((j for j in range(n_cols) if xs[j] <= ch.x <= xs[j + 1]), None)
        r = next((i for i in range(n_rows) if ys[i + 1] <= ch.y <= ys[i]), None)
        if c is None or r is None:
            continue
        inside.setdefault(find(r * n_cols + c), []).append(ch)
        taken.add(k)
    if not taken:
        return None
    texts = {root: cell_text(cs) for root, cs in inside.items()}
    rows: list[list[Cell | None]] = []
    for r in range(n_rows):
        row: list[Cell | None] = []
        for c in range(n_cols):
            root = find(r * n_cols + c)
            row.append(Cell(texts.get(root, ""), 0, filled=root != r * n_cols + c))
        rows.append(row)
    rows = [row for row in rows if any(cell is not None and cell.text for cell in row)]
    if len(rows) < 2:
        return None
    return PageTable(top=ys[0], bottom=ys[-1], xs=xs, rows=rows, chars=taken)


def continues(previous: PageTable, nxt: PageTable) -> bool:
    """A table at the top of a page that goes on with the one at the bottom of the page before: same columns."""
    return len(previous.xs) == len(nxt.xs) and all(abs(a - b) <= 3 * SNAP for a, b in zip(previous.xs, nxt.xs))


def same_row(a: list[Cell | None], b: list[Cell | None]) -> bool:
    return [c.text if c else "" for c in a] == [c.text if c else "" for c in b]


_NUMBER = re.compile(r"^[\s\d.,%/+\-—≥≤><]+$")


def split_row(last: list[Cell | None], first: list[Cell | None]) -> bool:
    """The first row on a new page is the rest of the last row of the page before (a row broken by the page):
    it only adds text to cells that row has, leaves some of them empty, and holds no number."""
    texts = [c.text if c else "" for c in first]
    before = [c.text if c else "" for c in last]
    if not any(texts) or any(_NUMBER.match(t) for t in texts if t):
        return False
    adds_only = all(not t or b for t, b in zip(texts, before))
    leaves_some = any(b and not t for t, b in zip(texts, before))
    return adds_only and leaves_some


def join_split_row(last: list[Cell | None], first: list[Cell | None]) -> None:
    for a, b in zip(last, first):
        if a is not None and b is not None and b.text:
            glue = "" if (_CJK.match(a.text[-1:] or "") or _CJK.match(b.text[:1])) else " "
            a.text = (a.text + glue + b.text).strip()
