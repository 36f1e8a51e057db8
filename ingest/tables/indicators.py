"""Indicator tables: recognise them and turn each value cell into a figure with year, kind, unit and basis."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import vocabulary as tw
from ingest.labels import indicator_key, split_unit, stub_label
from ingest.model import Figure, Warning_
from ingest.numbers import five_year_plan_end, multiplier_of, table_cell_quantity
from ingest.tables.indicators_regions import region_column, region_figures, region_header
from ingest.tables.table import Table
from ingest.text import nfkc
from ingest.timeperiod import sdmx_period

_NAME_COLS = ("指标名称", "主要指标", "二级指标", "三级指标", "指标", "名称", "指标项")


@dataclass
class Column:
    role: str                 # name / category / unit / value / attr / note / serial / other
    year: int | None = None
    kind: str | None = None   # actual / target / unknown
    label: str = ""
    reason: str = ""          # what decided the kind: 'column 2020年实现值', 'column 2025年, after the document's date'


def _norm(header: str) -> str:
    return re.sub(r"\s+", "", nfkc(header)).replace("“", "").replace("”", "").replace('"', "")


def interpret_column(header: str) -> Column:
    """What a header says about its column: '2020年实现值' -> value, 2020, actual."""
    h = _norm(header)
    if h in ("一级指标", "类别", "领域", "指标类别"):
        return Column("category", label=header)
    if h in _NAME_COLS:
        return Column("name", label=header)
    if h in ("单位", "计量单位"):
        return Column("unit", label=header)
    if h in ("指标属性", "属性", "指标性质"):
        return Column("attr", label=header)
    if h in ("备注", "说明"):
        return Column("note", label=header)
    if h in ("序号", "编号"):
        return Column("serial", label=header)
    if m := re.search(r"十([一二三四五六])五.*?目标", h):
        return Column("value", five_year_plan_end(m.group(1)), "target", header, f"column {header.strip()}")
    if "实际完成" in h or h in ("完成值", "实际值"):
        return Column("value", None, "actual", header, f"column {header.strip()}")
    if m := re.match(r"^(\d{4})年?(" + "|".join(tw.ACTUAL_COLUMN_WORDS) + r")$", h):
        return Column("value", int(m.group(1)), "actual", header, f"column {header.strip()}")
    if m := re.match(r"^(\d{4})年?(" + "|".join(tw.TARGET_COLUMN_WORDS) + r")$", h):
        return Column("value", int(m.group(1)), "target", header, f"column {header.strip()}")
    if m := re.match(r"^(\d{4})年?$", h):
        return Column("value", int(m.group(1)), "target", header, f"column {header.strip()}, a year not before the plan")
    # one year and a kind word in any order: '2020年（基期值）', '目标值（2025年）', '2025年预期目标'
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", h)
    if len(years) == 1 and len(h) <= 16:
        if any(w in h for w in tw.ACTUAL_COLUMN_WORDS + tw.ACTUAL_COLUMN_EXTRA):
            return Column("value", int(years[0]), "actual", header, f"column {header.strip()}")
        if any(w in h for w in tw.TARGET_COLUMN_WORDS):
            return Column("value", int(years[0]), "target", header, f"column {header.strip()}")
    return Column("other", label=header)


_BARE_YEAR = re.compile(r"^(\d{4})年?$")


def columns(table: Table) -> list[Column]:
    """Interpret the header; in a year-column table the stub is the name column and bare years are read in context."""
    cols = [interpret_column(h) for h in table.header]
    bare = [i for i, h in enumerate(table.header) if _BARE_YEAR.match(_norm(h))]
    if len(bare) >= 2 and "name" not in {c.role for c in cols} and cols and cols[0].role in ("other", "category"):
        cols[0] = Column("name", label=table.header[0])
    return cols


def year_kinds(cols: list[Column], header: list[str], results: bool, doc_year: int | None) -> None:
    """Bare-year columns hold results when the table says so (统计年鉴, 实际完成) or the year precedes the
    document; a later year is a target; with neither a date nor a caption to go by, the kind stays target
    (a plan's own years, the reading of the bundled plans) and the reason says so."""
    for c, h in zip(cols, header):
        if c.role == "value" and _BARE_YEAR.match(_norm(h)) and c.year is not None:
            if results:
                c.kind, c.reason = "actual", f"column {h.strip()} in a table of results (caption)"
            elif doc_year is not None and c.year < doc_year:
                c.kind, c.reason = "actual", f"column {h.strip()} before the document's year ({doc_year})"
            elif doc_year is not None:
                c.reason = f"column {h.strip()}, not before the document's year ({doc_year})"
            elif sum(1 for x in header if _BARE_YEAR.match(_norm(x))) >= 2:
                # a run of years in a text with neither a date nor a plan period: a series of results
                c.kind, c.reason = "actual", f"column {h.strip()} of a series of years, in a text with no date or plan"
            else:
                c.kind, c.reason = "unknown", f"column {h.strip()}, no date or plan period to place it"


def is_year_stub(header: str) -> bool:
    """'年份', '年度', '年', 'Year', '年份 Year': the stub of a table with one row a year."""
    h = re.sub(r"[A-Za-z\s]+$", "", _norm(header)) or _norm(header).lower()
    return h in ("年份", "年度", "年", "year", "时间")


def year_rows(table: Table) -> bool:
    """A yearbook table turned the other way: the stub column holds years, the headers name indicators."""
    if not table.header or not is_year_stub(table.header[0]) or table.n_cols < 2:
        return False
    return sum(bool(_BARE_YEAR.match(_norm(row[0].text))) for row in table.body if row) >= 2


def _named_stub(table: Table) -> bool:
    """The header names an indicator column ('指标名称'): rows are indicators even where some name a place."""
    return any(interpret_column(h).role == "name" and _norm(h) not in ("名称",) for h in table.header)


def by_region(table: Table) -> bool:
    """A table by region this reader labels from its columns and title (regions down the stub or across the header)."""
    return (region_column(table) is not None or region_header(table)) and not _named_stub(table)


def classify(table: Table) -> str:
    """indicator / task_list / box / other."""
    if table.n_cols <= 1:
        return "box"
    if year_rows(table):
        return "indicator"
    cols = columns(table)
    roles = {c.role for c in cols}
    if "name" in roles and "value" in roles:
        return "indicator"
    if any(_norm(h) in ("主要任务", "重点工作", "主要内容", "责任单位", "工作任务") for h in table.header):
        return "task_list"
    if (region_column(table) is not None or region_header(table)) and not _named_stub(table):
        return "indicator"   # a table by region: the columns name the indicators
    return "other"


def _implicit_actual_year(cols: list[Column]) -> None:
    """'实际完成值' beside a '“十三五”目标值' column is the achievement in the same year."""
    target_years = [c.year for c in cols if c.role == "value" and c.kind == "target" and c.year]
    for c in cols:
        if c.role == "value" and c.year is None:
            c.year = target_years[0] if target_years else None


def table_figures(table: Table, table_no: int, doc_year: int | None = None) -> tuple[list[Figure], list[Warning_]]:
    """Every value cell of an indicator table as a Figure; no-value cells ('/') yield none.

    `doc_year` is the year the document was written (its plan's first year): bare-year columns
    before it hold results. A 其中/# sub-row without a unit takes the unit of the row above it.
    """
    if year_rows(table):
        return _year_row_figures(table, table_no, doc_year)
    cols = columns(table)
    if (region_column(table) is not None or region_header(table)) and not _named_stub(table):
        return region_figures(table, table_no, doc_year)
    year_kinds(cols, table.header, table.results, doc_year)
    _implicit_actual_year(cols)
    role_idx = {c.role: i for i, c in reversed(list(enumerate(cols)))}
    header_line = table.rows[0][0].line if table.rows and table.rows[0] else table.start_line
    warnings_unknown = [Warning_(header_line, f"table {table_no}: column {c.label.strip()!r}: target or actual cannot be "
                                              "told (no date, plan period or results caption); its figures are stored as "
                                              "unknown") for c in cols if c.role == "value" and c.kind == "unknown"]
    figures: list[Figure] = []
    warnings: list[Warning_] = warnings_unknown
    parent: tuple[str, str | None] | None = None   # label and unit of the last row that is not a sub-row
    for r, row in enumerate(table.body, start=1):
        name_cell = row[role_idx["name"]]
        if not name_cell.text:
            continue
        label, label_unit, sub = stub_label(name_cell.text)
        unit = row[role_idx["unit"]].text if "unit" in role_idx and row[role_idx["unit"]].text else label_unit
        if sub and not unit and parent:
            unit = parent[1]
        unit = unit or table.unit
        attr = row[role_idx["attr"]].text if "attr" in role_idx else None
        note = row[role_idx["note"]].text if "note" in role_idx else None
        category = row[role_idx["category"]].text if "category" in role_idx else None
        if sub and parent and not category:
            category = parent[0]
        if not sub:
            parent = (label, unit)
        row_text = " | ".join(c.text for c in row)
        for c, col in enumerate(cols):
            if col.role != "value" or c >= len(row):
                continue
            cell = row[c]
            q = table_cell_quantity(cell, f"{label!r}", table_no, warnings)
            if q is None:
                continue
            figures.append(Figure(
                source_kind="table",
                source_line=cell.line,
                indicator_label=label,
                indicator_key=indicator_key(label),
                raw_value=q.raw_value,
                value_number=q.number,
                multiplier=q.multiplier or multiplier_of(unit),
                raw_unit=(q.unit or unit) or None,
                year=col.year,
                value_kind=col.kind or "target",
                time_period=sdmx_period(col.year),
                kind_reason=f"{col.kind or 'target'}: {col.reason or 'column ' + col.label.strip()} (line {header_line})",
                source_text=row_text,
                qualifier=q.qualifier,
                qualifier_text=q.qualifier_text,
                row_label=name_cell.text,
                basis_hint=note or None,
                indicator_attr=attr or None,
                category_label=category or None,
                column_label=col.label,
                table_no=table_no,
                row_no=r,
                col_no=c + 1,
            ))
    return figures, warnings


def _year_row_figures(table: Table, table_no: int, doc_year: int | None) -> tuple[list[Figure], list[Warning_]]:
    """A table with one row a year: each cell is the column's indicator in the row's year."""
    figures: list[Figure] = []
    warnings: list[Warning_] = []
    for r, row in enumerate(table.body, start=1):
        m = _BARE_YEAR.match(_norm(row[0].text)) if row else None
        if not m:
            continue
        year = int(m.group(1))
        kind = "actual" if table.results or doc_year is None or year < doc_year else "target"
        why = ("a table of results (caption)" if table.results else f"before the document's year ({doc_year})"
               if kind == "actual" and doc_year is not None else "a series of years in a text with no date or plan"
               if kind == "actual" else f"not before the document's year ({doc_year})")
        row_text = " | ".join(c.text for c in row)
        for c in range(1, min(len(row), len(table.header))):
            if not table.header[c].strip():
                continue
            label, unit, _sub = stub_label(table.header[c])
            unit = unit or table.unit
            cell = row[c]
            q = table_cell_quantity(cell, f"{label!r} in {year}", table_no, warnings)
            if q is None:
                continue
            figures.append(Figure(
                source_kind="table", source_line=cell.line, indicator_label=label, indicator_key=indicator_key(label),
                raw_value=q.raw_value, value_number=q.number, multiplier=q.multiplier or multiplier_of(unit),
                raw_unit=(q.unit or unit) or None, year=year, value_kind=kind, source_text=row_text,
                time_period=sdmx_period(year), kind_reason=f"{kind}: row {year}, {why} (line {cell.line})",
                qualifier=q.qualifier, qualifier_text=q.qualifier_text, row_label=row[0].text,
                column_label=table.header[c], table_no=table_no, row_no=r, col_no=c + 1))
    return figures, warnings
