"""Statistics tables by category: rows are breakdowns (合计 / 职务 / 非职务, 国内 / 国外), columns name what is counted."""

from __future__ import annotations

import re

from ingest.labels import TOTAL_WORDS, indicator_key, patent_term, split_unit
from ingest.model import Figure, Warning_
from ingest.numbers import multiplier_of, parse_cell_quantity, row_quantities
from ingest.errors import ParseError
from ingest.tables.indicators_regions import TARGET_WORDS, table_title, table_year
from ingest.tables.table import Table, zh
from ingest.timeperiod import sdmx_period

# the head of a stub column that names a breakdown, not indicators or places ('按国内外分组', '类别', '分类')
CATEGORY_HEAD = re.compile(r"^(按.{1,8}分(组|类)?|分组|类别|分类|类型|构成|组别)$")
# a column that is the share or growth of the column before it ('发明 授权量 | 构成 %')
SHARE_COLUMN = re.compile(r"(构成|占比|比重|同比增长|增长率|增幅|增速)\s*[%％]?$")
# words around a table saying it reports statistics (its figures are results, not plans)
STATISTICS_WORDS = re.compile(r"统计|年报|月报|快报|简报|通报|情况表|状况表|汇总表|年鉴")


def _is_number(text: str) -> bool:
    try:
        parse_cell_quantity(text)
    except ParseError:
        return False
    return bool(text.strip())


def value_columns(table: Table) -> list[int]:
    """Columns after the stub where most rows hold a number."""
    body = [row for row in table.body if row]
    out = []
    for c in range(1, table.n_cols):
        cells = [row[c].text for row in body if c < len(row) and row[c].text.strip()]
        if cells and sum(_is_number(t) for t in cells) >= max(2, 0.6 * len(cells)):
            out.append(c)
    return out


def category_table(table: Table) -> bool:
    """A table of results by category: a breakdown stub head (or none), two value columns or more, rows of text
    stubs, words around it saying it reports statistics, and no target word in its header or caption."""
    if not table.header or len(table.body) < 2:
        return False
    head = zh(table.header[0])
    values = value_columns(table)
    if len(values) < 2 or (head and not CATEGORY_HEAD.match(head)):
        return False
    around = "\n".join([table.caption or "", table.notes, table.context])
    if not (table.results or STATISTICS_WORDS.search(around)):
        return False
    return not (TARGET_WORDS.search(" ".join(table.header)) or TARGET_WORDS.search(table.caption or ""))


def category_figures(table: Table, table_no: int) -> tuple[list[Figure], list[Warning_]]:
    """Every value cell: labelled by its column, then its row's breakdown ('发明 授权量 合计 小计'), in the year the
    table's title or notes name; results (the table reports statistics)."""
    values = value_columns(table)
    stubs = [c for c in range(values[0])]
    year = table_year(table)
    title = table_title(table)
    columns: dict[int, tuple[str, str | None]] = {}
    for c in values:
        column, head_unit = split_unit(patent_term(zh(table.header[c])) or title)
        if (share := SHARE_COLUMN.search(column)) and columns:
            before = columns[max(columns)][0]          # '发明 | 构成 %': the share of the column before
            column, head_unit = before + share.group(1), head_unit or "%"
        columns[c] = (column, head_unit)
    figures: list[Figure] = []
    warnings: list[Warning_] = []
    for r, row in enumerate(table.body, start=1):
        parts = [zh(row[c].text) for c in stubs if c < len(row) and zh(row[c].text)
                 and not (row[c].filled and zh(row[c].text) in TOTAL_WORDS)]   # '合计' carried over its sub-rows
        parts = [p for k, p in enumerate(parts) if not (p in TOTAL_WORDS and any(q in TOTAL_WORDS for q in parts[:k]))]
        if not parts:
            continue
        row_text = " | ".join(c.text for c in row)
        for c, cell, q in row_quantities(row, values, table.header, " ".join(parts), table_no, warnings):
            column, head_unit = columns[c]
            label = " ".join(p for p in [column, *parts] if p)
            unit = q.unit or head_unit or table.unit
            figures.append(Figure(
                source_kind="table", source_line=cell.line, indicator_label=label, indicator_key=indicator_key(label),
                raw_value=q.raw_value, value_number=q.number, multiplier=q.multiplier or multiplier_of(unit),
                raw_unit=unit or None, year=year, value_kind="actual", source_text=row_text,
                qualifier=q.qualifier, qualifier_text=q.qualifier_text, category_label=" ".join(parts),
                column_label=table.header[c], row_label=" ".join(row[k].text for k in stubs if k < len(row)),
                table_no=table_no, row_no=r, col_no=c + 1, time_period=sdmx_period(year, None, None, None),
                kind_reason="actual: a statistics table by category (its title or notes say it reports statistics)"))
    return figures, warnings
