"""Statistics tables by region: one figure per region and value column (regions down the stub) or per row and region column."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.errors import ParseError
from ingest.labels import indicator_key
from ingest.model import Figure, Warning_
from ingest.numbers import multiplier_of, parse_cell_quantity
from ingest.regions.figures import (TABLE_COLUMN, TABLE_ROW, UNASSIGNED, AxisRegions, StubRegion, axis_regions,
                                   clean_stub)
from ingest.regions.infer import gazetteer
from ingest.tables.indicators import columns, interpret_column, stub_label
from ingest.tables.table import Table, head_key
from ingest.text import nfkc

# columns that hold no figure of the region: serial numbers, ranks, notes
_SKIP_HEADER = re.compile(r"^(?:序号|编号|排名|排序|位次|名次|备注|说明|单位|计量单位|地区|地市|城市|区域|市州|县区|区县|"
                          r"设区市|省份|省市|省区市|地区名称|单位名称)$|排名|位次|名次")
# a word that makes a header an indicator of its own (授权量); '职务发明', '合计' are read under the caption
_INDICATOR_NOUN = re.compile(r"量|数|额|率|比重|占比|指数|密度|收入|金额|规模")
_PART_TOTAL = re.compile(r"^(?:合计|小计|总计|总数|全部)$")
# a stub that is a period, not an indicator: '1月', '1-6月', '一季度', '上半年', '合计' of months
_PERIOD = re.compile(r"^(?:\d{1,2}(?:\s*[-—~至]\s*\d{1,2})?月(?:份)?|[一二三四1-4]季度|[上下]半年|全年|累计)$")
_CHANGE = re.compile(r"同比|增长|增幅|增速|增减|比上年|较上年")
_TARGET = re.compile(r"目标|预期|计划")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_BARE_YEAR = re.compile(r"^((?:19|20)\d\d)年?$")
_REGION_WORDS = re.compile(r"(?:各|全省|全市|全区)?(?:设区市|市州|市(?:、|和)?县(?:\(市、区\))?|县\(市、区\)|县市区|市县|地市|"
                           r"区县|县区|盟市|省(?:、|和)?(?:自治区|区、市)|省份|省区市|城市|地区)(?:的)?")


@dataclass(frozen=True)
class RegionLayout:
    """Where a table's regions are: down one column (rows) or across the header (columns)."""

    axis: str                       # row / column
    index: int                      # the region column (row axis); unused for the column axis
    regions: AxisRegions


def region_layout(table: Table, doc_code: str | None) -> RegionLayout | None:
    """A table whose stub column (one of the first three) or header row names regions; None otherwise."""
    if len(table.body) < 1 or table.n_cols < 2:
        return None
    for c in range(min(3, table.n_cols - 1)):
        cells = [row[c].text if c < len(row) else "" for row in table.body]
        if sum(bool(clean_stub(x)) for x in cells) < 2:
            continue
        found = axis_regions(cells, doc_code)
        if found:
            return RegionLayout("row", c, found)
    header = table.header
    if len(header) >= 3:
        found = axis_regions(header[1:], doc_code)
        if found:
            return RegionLayout("column", 0, AxisRegions((None,) + found.regions, found.national))
    return None


def regions_as_labels(table: Table, layout: RegionLayout) -> bool:
    """Whether the indicator reader would take the region column for the indicator names (地区 | 2018年 | 2023年)."""
    if layout.axis != "row":
        return False
    cols = columns(table)
    name = next((i for i, c in enumerate(cols) if c.role == "name"), None)
    if name is None:
        return False
    # the region column itself, or a name column left empty (a leading '|' read as a column)
    return name == layout.index or not any(row[name].text.strip() for row in table.body if name < len(row))


def table_year(table: Table, lines: list[str]) -> int | None:
    """The year a statistics table reports: its caption, the lines just above it, else the document's title lines."""
    texts = [table.caption or ""]
    i = table.start_line - 2
    while i >= 0 and len(texts) <= 4:
        if lines[i].strip():
            texts.append(lines[i])
        i -= 1
    texts += [ln for ln in lines[:8] if ln.strip()]
    for text in texts:
        if m := _YEAR.search(nfkc(text)):
            return int(m.group(1))
    return None


def caption_label(table: Table) -> str:
    """The indicator a caption names ('2023年湖南省各市州专利授权情况' -> '专利授权'), for columns headed by a year."""
    text = nfkc(table.caption or "")
    text = re.sub(r"^\s*(?:表\s*[\d一二三四五六七八九十]+|附表\s*\d*|\d+\s*[-—.]\s*\d+(?=\s))[\s:：.、-]*", "", text)
    text = re.sub(r"(?:19|20)\d\d\s*年(?:\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月|\d{1,2}月|上半年|前三季度|度)?", "", text)
    text = re.sub(r"[|｜\s]+", "", text)
    g = gazetteer()
    while (m := next(iter(g.mentions(text[:12])), None)) is not None and m.start == 0:
        text = text[m.end:]          # the region the table is about: 湖南省…, 深圳市…
    text = _REGION_WORDS.sub("", text)
    text = re.sub(r"^(?:各[省市区县旗州盟地]+|全[省市区县国]|[我本][省市区县]|全区)", "", text)
    text = re.sub(r"(?:数据表|数据|情况|状况|统计表|统计|一览表|汇总表|汇总|表)+$", "", text)
    return text.strip(" ：:()（）")


@dataclass
class _Column:
    label: str
    unit: str | None
    year: int | None
    kind: str


def _is_number(text: str) -> bool:
    try:
        return parse_cell_quantity(text) is not None
    except ParseError:
        return False


def _numeric(table: Table, c: int) -> bool:
    """Most non-empty body cells of the column are numbers."""
    cells = [row[c].text for row in table.body if c < len(row) and row[c].text.strip()]
    return bool(cells) and sum(map(_is_number, cells)) >= 0.5 * len(cells)


def _value_columns(table: Table, skip: set[int], year: int | None) -> dict[int, _Column]:
    out: dict[int, _Column] = {}
    title = caption_label(table)
    for c, head in enumerate(table.header):
        if c in skip or not _numeric(table, c):
            continue
        h = re.sub(r"\s+", "", nfkc(head))
        if not h or _SKIP_HEADER.search(h):
            continue
        col = interpret_column(head)
        label, unit, _ = stub_label(head)
        col_year = col.year
        if m := _BARE_YEAR.match(h):
            col_year = int(m.group(1))
            label = title or label
        elif col.role == "value" and col.year:
            label = title or label
        elif title and _PART_TOTAL.match(label):
            label = title                  # the '合计' column under '专利授权数据表': 专利授权
        elif title and not _INDICATOR_NOUN.search(label):
            label = title + label          # '职务发明' under '专利授权数据表': 专利授权职务发明
        kind = col.kind or ("change" if _CHANGE.search(h) else "target" if _TARGET.search(h) else "actual")
        if col_year is None:
            col_year = table.column_years.get(head_key(head), year)   # a note under the table may date it
            if (m := _YEAR.search(h)):
                col_year = int(m.group(1))
                label = re.sub(r"(?:19|20)\d\d\s*年(?:度)?", "", label).strip() or label
        out[c] = _Column(label, unit or table.unit, col_year, kind)
    return out


def _quantity(text: str, line: int, what: str, table_no: int, warnings: list[Warning_]):
    try:
        return parse_cell_quantity(text)
    except ParseError:
        if text.strip():
            warnings.append(Warning_(line, f"table {table_no}: value {text!r} of {what} is not a number; kept as text only"))
        return None


def _figure(label: str, col: _Column, q, cell_line: int, row_text: str, table_no: int, r: int, c: int,
            where: StubRegion | None, source: str, column_label: str) -> Figure:
    unit = (q.unit or col.unit) or None
    region_code = where.region.code if where and where.kind != "other" and where.region else None
    return Figure(
        source_kind="table", source_line=cell_line, indicator_label=label, indicator_key=indicator_key(label),
        raw_value=q.raw_value, value_number=q.number, multiplier=q.multiplier or multiplier_of(unit),
        raw_unit=unit, year=col.year, value_kind=col.kind, source_text=row_text, column_label=column_label,
        table_no=table_no, row_no=r, col_no=c + 1, region_code=region_code,
        region_source=UNASSIGNED if where is not None and where.kind == "other" else source)


_SUBTOTAL = re.compile(r"小计|合计|总计")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _unnamed(name: str, layout: RegionLayout) -> StubRegion:
    """A stub no unit of the reference has: a sub-total (国内小计) is the table's total region, anything else
    (大鹏新区, 高新区) is kept with no region."""
    if _SUBTOTAL.search(name):
        total = next((r for r in layout.regions.regions if r is not None and r.kind == "total" and r.region), None)
        if total is not None:
            return total
    return StubRegion("other")


def region_table_figures(table: Table, table_no: int, layout: RegionLayout, year: int | None
                         ) -> tuple[list[Figure], list[Warning_]]:
    """Every number of a table by region as a figure of its row's (or column's) region.

    Row axis: the value columns are the indicators (the header, or the caption for a column headed by
    a year); a name column, where there is one, labels the row instead. Column axis: the row stub is
    the indicator and each region column holds its region's value. 其他 rows are kept with no region.
    """
    figures: list[Figure] = []
    warnings: list[Warning_] = []
    if layout.axis == "row":
        name_idx = next((i for i, h in enumerate(table.header)
                         if i != layout.index and interpret_column(h).role == "name"), None)
        skip = {layout.index} | ({name_idx} if name_idx is not None else set())
        cols = _value_columns(table, skip, year)
        first_value = min(cols, default=table.n_cols)
        # text columns between the stub and the values (专利类型: 发明 / 实用新型 / 合计) qualify each row's label
        parts = [c for c in range(first_value) if c not in skip and not _numeric(table, c)
                 and not _SKIP_HEADER.search(re.sub(r"\s+", "", nfkc(table.header[c] if c < len(table.header) else "")))]
        for r, row in enumerate(table.body, start=1):
            where = layout.regions.regions[r - 1] if r - 1 < len(layout.regions.regions) else None
            named = clean_stub(row[layout.index].text) if layout.index < len(row) else ""
            prefix = ""
            if where is None:       # a stub the reference does not name: kept under its own name, no region
                if not _CJK.search(named):
                    continue
                where, prefix = _unnamed(named, layout), named
            row_text = " | ".join(x.text for x in row)
            for c, col in cols.items():
                if c >= len(row):
                    continue
                label = col.label
                if name_idx is not None and name_idx < len(row) and row[name_idx].text:
                    label = stub_label(row[name_idx].text)[0]
                words = [row[p].text.strip() for p in parts if p < len(row) and row[p].text.strip()
                         and not _PART_TOTAL.match(re.sub(r"\s+", "", row[p].text))]
                if words:
                    label = "".join(words) + label
                label = prefix + label
                q = _quantity(row[c].text, row[c].line, f"{label!r}", table_no, warnings if not prefix else [])
                if q is None:
                    continue
                figures.append(_figure(label, col, q, row[c].line, row_text, table_no, r, c, where, TABLE_ROW,
                                       table.header[c]))
        return figures, warnings
    # the stub: the first column that is no region and holds text (a leading '|' may make an empty one)
    stub = next((c for c in range(table.n_cols) if (c >= len(layout.regions.regions) or layout.regions.regions[c] is None)
                 and any(c < len(row) and row[c].text.strip() for row in table.body)), 0)
    for r, row in enumerate(table.body, start=1):
        if len(row) <= stub or not row[stub].text.strip():
            continue
        label, unit, _ = stub_label(row[stub].text)
        if not label or _SKIP_HEADER.search(re.sub(r"\s+", "", nfkc(label))):
            continue
        if _PERIOD.match(re.sub(r"\s+", "", nfkc(label))) and caption_label(table):
            label = label + caption_label(table)   # a row a month ('1月') under '各区专利申请情况': 1月专利申请
        row_text = " | ".join(x.text for x in row)
        for c in range(stub + 1, min(len(row), len(layout.regions.regions))):
            where = layout.regions.regions[c]
            prefix = ""
            if where is None:       # a column the reference does not name (大鹏新区): kept under its name, no region
                named = clean_stub(table.header[c]) if c < len(table.header) else ""
                if not _CJK.search(named):
                    continue
                where, prefix = _unnamed(named, layout), named
            h = re.sub(r"\s+", "", nfkc(label))
            col = _Column(prefix + label, unit or table.unit, year,
                          "change" if _CHANGE.search(h) else "target" if _TARGET.search(h) else "actual")
            q = _quantity(row[c].text, row[c].line, f"{label!r}", table_no, warnings)
            if q is None:
                continue
            figures.append(_figure(col.label, col, q, row[c].line, row_text, table_no, r, c, where, TABLE_COLUMN,
                                   table.header[c]))
    return figures, warnings
