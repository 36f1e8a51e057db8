"""Tables with one row a region (statistics by area): each value cell is its column's indicator for the row's region."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.errors import ParseError
from ingest.labels import indicator_key, split_unit, stub_label
from ingest.model import Figure, Warning_
from ingest.numbers import multiplier_of, parse_cell_quantity, row_quantities, table_cell_quantity
from ingest.tables.table import Table, head_key
from ingest.text import nfkc
from ingest.vocabulary import FUTURE

# stubs of total rows in a table by area
TOTAL_STUBS = frozenset({"全国总计", "全国合计", "全国", "总计", "合计", "全省", "全省合计", "全市", "全市合计", "全区",
                         "全县", "小计", "全省总计", "全市总计", "国内", "国内合计", "其他", "其它", "其他地区"})
# words that make a column label an indicator of its own ('授权量'); a column without one ('合计', '职务',
# '发明') is read under the table's title ('国内专利申请受理数量 合计')
INDICATOR_NOUNS = re.compile(r"量|数|额|率|比重|占比|指数|密度|收入|金额|规模|人口|产值|GDP|专利$|商标$|地理标志$")
# a column giving a rate of the table's indicator, not an indicator of its own: '增长率' -> '专利数量 增长率'
_RATE_ONLY = re.compile(r"^(同比|环比|比上年)?(增长率?|增速|增幅|下降率?|降幅|占比|比重|年均增长率?|平均增长率?)(\(%\)|%)?$")
TARGET_WORDS = re.compile(r"目标|预期|规划|计划|力争")
SERIAL_HEADERS = ("序号", "编号", "排名", "排序", "名次")
# English words (a translation printed beside the Chinese); an upper-case acronym ('PCT') is part of the label
_LATIN = re.compile(r"(?<![A-Za-z])(?:[A-Za-z]*[a-z][A-Za-z]*|[A-Z]{4,})"
                    r"(?:[\s.,:;'&/()%*+\-]+(?:[A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,}|\d+))*(?![A-Za-z])[.,:;'&/()%*+\-]*")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_CAPTION_PREFIX = re.compile(r"^\s*(附?表\s*[\d一二三四五六七八九十.\-—]*[:：、.]?\s*|\d+(\s*[-—.]\s*\d+)+\s*)")
_DATE_PART = re.compile(r"[（(][^（）()]*\d[^（）()]*[）)]|(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*(?:-|—|至)?\s*\d{0,2}\s*月)?(?:度|份)?")
_SERIAL = re.compile(r"^\d{1,3}$")
# a place the gazetteer lacks, by its form: '湘西州', '开发区·铁山区', '高新区' (not '小计', '国内小计')
_PLACE = re.compile(r"^[\u4e00-\u9fff·]{1,8}(?<!小)(?<!合)(?<!总)(?:省|市|州|区|县|盟|旗|镇|乡|街道)$")
_DATELINE = re.compile(r"(发布|来源|时间|日期|访问|浏览)[^\n]{0,30}")   # a page's publication line: not the data's year
_FILING = re.compile(r"有效期|备案|文号|批准")   # filing notes of a statistics form: their years are not the data's


def _chinese(text: str) -> str:
    """The text without English words and spaces: '北 京 Beijing' -> '北京'."""
    return re.sub(r"\s+", "", _LATIN.sub(" ", nfkc(text)))


@lru_cache(maxsize=1)
def _province_prefixes() -> frozenset[str]:
    """Shortened province names as yearbooks print them ('内蒙' for 内蒙古自治区)."""
    from ingest.regions.infer import gazetteer

    names = [r.name for r in gazetteer().by_code.values() if r.level == "province"]
    return frozenset(name[:n] for name in names for n in (2, 3))


def is_region_stub(text: str) -> bool:
    from ingest.regions.infer import gazetteer

    zh = _chinese(text)
    if not zh:
        return False
    index = gazetteer().index
    return zh in TOTAL_STUBS or zh in index or zh in _province_prefixes() or (
        len(zh) > 2 and zh[:-1] in index and zh[-1] in "省市区县") or bool(_PLACE.match(zh))


def _is_number(text: str) -> bool:
    try:
        return parse_cell_quantity(text) is not None
    except ParseError:
        return False


def value_columns(table: Table) -> list[int]:
    """Columns (0-based, not the first) where most non-empty body cells are numbers."""
    out = []
    for c in range(1, table.n_cols):
        cells = [row[c].text for row in table.body if c < len(row) and row[c].text.strip()]
        if cells and sum(map(_is_number, cells)) >= 0.5 * len(cells) and \
                not any(h in _chinese(table.header[c]) for h in SERIAL_HEADERS):
            out.append(c)
    return out


def region_column(table: Table) -> int | None:
    """The stub column naming a region in most rows (two at least), left of the values; None if there is none."""
    if table.n_cols < 2 or not table.body:
        return None
    values = value_columns(table)
    if not values:
        return None
    for c in range(values[0]):
        cells = [row[c].text for row in table.body if c < len(row) and row[c].text.strip() and not row[c].filled]
        hits = sum(map(is_region_stub, cells))
        if hits >= min(2, len(cells)) and hits >= 0.6 * len(cells):
            return c
    return None


def region_header(table: Table) -> bool:
    """A table turned the other way: the value columns are regions ('福田 | 南山 | … | 全市'), rows are the
    indicator's periods or kinds ('1月', '2月')."""
    values = value_columns(table)
    hits = sum(is_region_stub(table.header[c]) for c in values)
    return len(values) >= 2 and hits >= 2 and hits >= 0.6 * len(values)


def caption_indicator(caption: str | None) -> str:
    """'表3 2021年各市国内专利申请受理数量(1-6月) Numbers of…' -> '各市国内专利申请受理数量'."""
    if not caption:
        return ""
    text = _CAPTION_PREFIX.sub("", nfkc(caption))
    text = re.sub(r"[（(][^（）()]*[）)]|单位\s*[:：]\s*\S*", "", text)   # '(单位:件)', '(1-6月)', '单位:件'
    text = _DATE_PART.sub("", text)
    text = _PERIOD.sub("", text)
    text = _LATIN.sub(" ", text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"(情况|状况|统计表|统计|一览表|汇总表|数据表|汇总|数据|表)+$", "", text)
    return _scope_dropped(text)


_DIMENSION = re.compile(r"^(.{1,6}类型|.{1,6}类别|按.+分|分.{1,6})$")
_PERIOD = re.compile(r"^(上半年|下半年|[一二三四1-4]季度|前[一二三]季度|全年|年度|\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月|\d{1,2}月)")
_SCOPE = re.compile(r"^(各[\u4e00-\u9fff]{0,3}[市州区县地省]|分地区|分省市?|分市|全省|全市|全区|全县|全国)")


def _scope_dropped(text: str) -> str:
    """'湖南省各市专利授权量' -> '专利授权量': the place and the '各市' of a title belong to the rows, not the label."""
    from ingest.regions.infer import gazetteer

    for m in gazetteer().mentions(text[:12]):
        if m.start == 0 and len(text) > m.end + 2:
            text = text[m.end:]
        break
    rest = _SCOPE.sub("", text)
    return rest if len(rest) >= 2 else text


def table_title(table: Table) -> str:
    """What the table counts, from its caption, else the nearest line above or the page's title that names an
    indicator ('专利申请受理'), not a lead-in ('全省各市情况如下：')."""
    for text in [table.caption or "", *table.context.split("\n")]:
        if not text.strip() or text.strip().endswith((":", "：")) or _DATELINE.search(text):
            continue
        title = caption_indicator(text)
        if title and (INDICATOR_NOUNS.search(title) or re.search(r"专利|商标|版权|著作权|地理标志", title)):
            return title
    return caption_indicator(table.caption)


def table_year(table: Table) -> int | None:
    """The latest year the caption or the notes printed above the header name."""
    for text in [table.caption or "", "\n".join(ln for ln in table.notes.split("\n") if not _FILING.search(ln))]:
        years = [int(y) for y in _YEAR.findall(text)]
        if years:
            return max(years)
    years = [int(m.group(1)) for h in table.header if (m := re.match(r"^\s*((?:19|20)\d{2})\s*年?\s*$", h))]
    if years:
        return max(years)   # '2018 | 2017 | 增长率': the growth is the latest year's
    for line in table.context.split("\n"):   # the nearest line above naming a year, else the page's title
        # the years of its sentences that report, not of those that plan ('2025年，全市力争…达到25件。')
        reported = " ".join(c for c in re.split(r"[。；;！？]", _DATELINE.sub(" ", line)) if not FUTURE.search(c))
        found = [int(y) for y in _YEAR.findall(reported)] if not _FILING.search(line) else []
        if found:
            return max(found)
    return None


def _is_share_row(texts: list[str]) -> bool:
    """The percent row printed under a region's counts ('Beijing | 100.0% | 76.8% | …'): shares, not figures."""
    return any(re.fullmatch(r"100(\.0+)?%", nfkc(t).strip()) for t in texts)


def _column_before(table: Table, values: list[int], c: int) -> str | None:
    """The indicator of the value column just before column c, when it names one ('专利申请量')."""
    k = values.index(c)
    if k == 0:
        return None
    prev = " ".join(_YEAR.sub("", _DATE_PART.sub("", _LATIN.sub(" ", nfkc(table.header[values[k - 1]])))).split())
    prev = split_unit(prev)[0]
    return prev if INDICATOR_NOUNS.search(prev) and not _RATE_ONLY.match(_chinese(prev)) else None


def _under_title(parts: list[str], column: str, title: str) -> str:
    """A column that is no indicator of its own read under the table's title: '发明' -> '发明 专利有效量';
    a two-level column puts its group before the title and its cell after it: '职务 专利授权量 大专院校'."""
    words = column.split()
    if len(words) >= 2 and _DIMENSION.match(words[0]):
        words = words[1:]          # '专利类型 发明': the group names the breakdown, not the indicator
        column = " ".join(words)
    lead = " ".join(_chinese(p) for p in parts)
    if len(words) >= 2:
        return f"{lead} {words[0]} {title} {' '.join(words[1:])}".strip()
    if lead and not column:
        return f"{lead}{title}"   # a row that is no region under a year column: '国内小计' + 'PCT国际专利申请受理量'
    if lead:
        return f"{lead} {title} {column}".strip()   # '发明' row, '职务发明' column: 发明 专利授权 职务发明
    return f"{column} {title}".strip()


def region_figures(table: Table, table_no: int, doc_year: int | None) -> tuple[list[Figure], list[Warning_]]:
    """Every value cell of a table by region: the row stub is the region (kept as `row_label`), the label is
    the column header (under the table's title when the header is no indicator of its own, '合计')."""

    rc = region_column(table)
    values = value_columns(table)
    if rc is None:
        return region_column_figures(table, table_no, doc_year) if region_header(table) else ([], [])
    stubs = [c for c in range(values[0]) if c != rc and not any(h in _chinese(table.header[c]) for h in SERIAL_HEADERS)]
    title = table_title(table)
    year0 = table_year(table)
    figures: list[Figure] = []
    warnings: list[Warning_] = []
    for r, row in enumerate(table.body, start=1):
        region = row[rc].text
        if not region or _is_share_row([row[c].text for c in values if c < len(row)]):
            continue
        parts = [row[c].text for c in stubs if c < len(row) and row[c].text and not _SERIAL.match(row[c].text)]
        row_label = " ".join([region, *parts])
        if not is_region_stub(region):
            parts.insert(0, _chinese(region))   # a row that is no region ('国内小计'): part of what it counts
        row_text = " | ".join(c.text for c in row)
        for c, cell, q in row_quantities(row, values, table.header, region, table_no, warnings):
            head = table.header[c]
            column, head_unit = split_unit(" ".join(_YEAR.sub("", _DATE_PART.sub("", _LATIN.sub(" ", nfkc(head)))).split()))
            column = re.sub(r"(?<=[\u4e00-\u9fff])\d+(\.\d+)?%$", "", column)   # '增长100%': a unit note, not a label
            label, stub_unit, _ = stub_label(" ".join([*parts, column]).strip())
            before = _column_before(table, values, c)
            if _RATE_ONLY.match(_chinese(label)) and before:
                label = f"{before} {column}"   # '专利申请量 | 同比增长': the growth of the column before
            elif title and (not INDICATOR_NOUNS.search(label) or _RATE_ONLY.match(_chinese(label))):
                label = _under_title(parts, column, title) if not _RATE_ONLY.match(_chinese(label)) \
                    else f"{' '.join(_chinese(p) for p in parts)} {title} {column}".strip()
            years = [int(y) for y in _YEAR.findall(head)]
            year = years[-1] if years else table.column_years.get(head_key(head), year0)
            # statistics by area report results: a target says so ('2025年目标'); the document's date is not asked
            target = bool(TARGET_WORDS.search(head) or TARGET_WORDS.search(table.caption or ""))
            rate = "%" if _RATE_ONLY.match(_chinese(column)) else None   # a growth column is in per cent
            unit = q.unit or head_unit or stub_unit or rate or table.unit
            figures.append(Figure(
                source_kind="table", source_line=cell.line, indicator_label=label, indicator_key=indicator_key(label),
                raw_value=q.raw_value, value_number=q.number, multiplier=q.multiplier or multiplier_of(unit),
                raw_unit=unit or None, year=year, value_kind="target" if target else "actual",
                source_text=row_text, qualifier=q.qualifier, qualifier_text=q.qualifier_text,
                basis_hint="累计" if "累计" in head else None, category_label=" ".join(parts) or None,
                column_label=head, row_label=row_label, table_no=table_no, row_no=r, col_no=c + 1))
    return figures, warnings


def region_column_figures(table: Table, table_no: int, doc_year: int | None) -> tuple[list[Figure], list[Warning_]]:
    """Every value cell of a table whose columns are regions: the row stub ('1月', '发明') under the table's title
    is the label, the column header is the region (kept as `column_label`), the row stub as `row_label`."""

    title = table_title(table)
    year0 = table_year(table)
    figures: list[Figure] = []
    warnings: list[Warning_] = []
    for r, row in enumerate(table.body, start=1):
        stub = row[0].text if row else ""
        if not stub:
            continue
        label, stub_unit, _ = stub_label(_chinese(stub) or stub)
        if title and (not INDICATOR_NOUNS.search(label) or _RATE_ONLY.match(label)):
            label = f"{label} {title}".strip() if not _RATE_ONLY.match(label) else f"{title} {label}"
        years = [int(y) for y in _YEAR.findall(stub)]
        year = years[-1] if years else year0
        target = bool(TARGET_WORDS.search(stub) or TARGET_WORDS.search(table.caption or ""))
        row_text = " | ".join(c.text for c in row)
        for c in value_columns(table):
            if c >= len(row):
                continue   # every value column: most name regions, the rest are places the gazetteer lacks
            cell = row[c]
            q = table_cell_quantity(cell, f"{stub!r} in {table.header[c]!r}", table_no, warnings)
            if q is None:
                continue
            unit = q.unit or stub_unit or table.unit
            figures.append(Figure(
                source_kind="table", source_line=cell.line, indicator_label=label, indicator_key=indicator_key(label),
                raw_value=q.raw_value, value_number=q.number, multiplier=q.multiplier or multiplier_of(unit),
                raw_unit=unit or None, year=year, value_kind="target" if target else "actual", source_text=row_text,
                qualifier=q.qualifier, qualifier_text=q.qualifier_text, column_label=table.header[c],
                row_label=stub, table_no=table_no, row_no=r, col_no=c + 1))
    return figures, warnings
