"""Markdown tables: a header row, a `|---|` separator row (structure, not data), then body rows."""

from __future__ import annotations

import re

from ingest.tables.table import Cell, Table, find_caption
from ingest.text import clean_line

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _split(line: str) -> list[str]:
    s = clean_line(line).strip().replace("｜", "|")
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.replace("\\|", "|").strip() for c in re.split(r"(?<!\\)\|", s)]


def _is_row(line: str) -> bool:
    return "|" in line.replace("｜", "|") and bool(line.strip())


def parse_md_tables(lines: list[str]) -> list[Table]:
    """Every header + separator + rows block; a row's missing cells are read as empty (with a warning)."""
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n - 1:
        if not (_is_row(lines[i]) and _SEPARATOR.match(lines[i + 1]) and "|" in lines[i + 1]):
            i += 1
            continue
        start = i
        header = _split(lines[i])
        width = len(header)
        rows = [[Cell(t, i + 1) for t in header]]
        used = {i + 1, i + 2}
        warnings: list[tuple[int, str]] = []
        i += 2
        while i < n and _is_row(lines[i]) and not _SEPARATOR.match(lines[i]):
            cells = _split(lines[i])
            if len(cells) != width:
                warnings.append((i + 1, f"table row has {len(cells)} cells, the header has {width}; "
                                        "missing cells are read as empty, extra cells are not read"))
            cells = (cells + [""] * width)[:width]
            rows.append([Cell(t, i + 1) for t in cells])
            used.add(i + 1)
            i += 1
        caption, caption_line = find_caption(lines, start)
        tables.append(Table(layout="md", start_line=start + 1, end_line=i, rows=rows,
                            caption=clean_line(caption).strip() if caption else None,
                            caption_line=caption_line, lines=used, warnings=warnings))
    return tables
