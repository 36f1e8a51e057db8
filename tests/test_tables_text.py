"""Tables as published in text copies of web pages (issue 21): flattened one cell a line, pipe rows with headers
printed one cell a line or over two rows, rows with single spaces under bare years, tables by region, qualified
cells, and table-like blocks that gave no figure."""

from __future__ import annotations

from pathlib import Path

from ingest.document import parse_file
from ingest.numbers import parse_cell_quantity

TEXTS = Path(__file__).parent / "fixtures" / "tables_text"


def figures(name: str) -> list[tuple]:
    doc = parse_file(TEXTS / name)
    return [(f.row_label, f.column_label, f.indicator_label, f.raw_value, f.year, f.value_kind)
            for f in doc.figures if f.source_kind == "table"]


def test_pipe_header_printed_one_cell_a_line_with_two_levels_and_translation_rows():
    got = figures("pipe_flat_header.txt")
    # 3 regions x 6 columns; the percent rows printed under each region are shares, not figures
    assert len(got) == 18
    assert got[0] == ("全国总计", "总累计 合计 Total", "总累计 国内发明专利申请授权量 合计", "2000", 2016, "actual")
    assert ("北京", "2016 职务 Service", "职务 国内发明专利申请授权量", "55", 2016, "actual") in got
    assert not any(value.endswith("%") or value == "100.0" for *_, value, _, _ in got)


def test_bilingual_stub_cells_are_one_stub():
    got = figures("pipe_bilingual_stub.txt")
    assert len(got) == 24
    assert ("内蒙古 Inner Mongolia", "2009 非职务 Non-service", "非职务 国内专利申请代理", "5", 2009, "actual") in got


def test_one_cell_a_line_with_row_names_split_over_lines():
    doc = parse_file(TEXTS / "one_cell_a_line.txt")
    (table,) = doc.tables
    assert table.layout == "cells"
    assert table.header == ["地区", "合计", "发明", "实用新型", "外观设计", "个人", "企业"]
    assert [row[0].text for row in table.body] == ["合计 Total", "北京 Beijing", "内蒙 Inner Mongolia",
                                                    "黑龙江 Heilongjiang"]
    got = figures("one_cell_a_line.txt")
    assert len(got) == 24
    assert ("北京 Beijing", "发明", "发明 国内专利申请受理数量", "300", 2009, "actual") in got
    assert ("内蒙 Inner Mongolia", "企业", "企业 国内专利申请受理数量", "10", 2009, "actual") in got


def test_rows_under_a_header_of_bare_years_with_single_spaces():
    doc = parse_file(TEXTS / "year_rows_single_space.txt")
    (table,) = doc.tables
    assert table.header == ["项目", "1990", "1995", "2000", "2003", "2004"]
    got = figures("year_rows_single_space.txt")
    assert len(got) == 20
    assert got[0] == ("专利申请受理量 Patent Applications Accepted", "1990", "专利申请受理量", "1200", 1990, "actual")
    assert ("发明", "2004", "发明", "700", 2004, "actual") in got


def test_rows_found_first_with_their_header_one_cell_a_line_above():
    got = figures("rows_under_flat_header.txt")
    assert len(got) == 12
    assert ("北京 beijing", "实用新型", "实用新型 国内三种专利有效量", "900", 2012, "actual") in got
    # the year of the filing note (有效期至 2015) is not the data's
    assert {year for *_, year, _ in got} == {2012}


def test_two_header_rows_joined_per_column():
    doc = parse_file(TEXTS / "two_level_header.txt")
    assert doc.tables[0].header == ["地区", "当年授权量 发明", "当年授权量 实用新型", "当年授权量 外观设计",
                                    "有效发明专利 拥有量"]
    got = figures("two_level_header.txt")
    assert ("玄武区", "当年授权量 实用新型", "当年授权量 实用新型", "250", 2022, "actual") in got
    assert ("合计", "有效发明专利 拥有量", "有效发明专利 拥有量", "1700", 2022, "actual") in got


def test_pipe_rows_without_closing_pipe_and_merged_cells_realigned():
    doc = parse_file(TEXTS / "pipe_merged_no_trailing.txt")
    (table,) = doc.tables
    assert [[c.text for c in row] for row in table.body][1] == ["1", "南通市", "实用新型", "31", "7", "38"]
    assert table.body[1][1].filled and not table.body[1][2].filled
    assert not any("does not end with" in w.message for w in doc.warnings)
    got = figures("pipe_merged_no_trailing.txt")
    assert ("南通市 实用新型", "授权量", "实用新型 授权量", "7", 2021, "actual") in got
    assert ("扬州市 发明", "合计", "发明 专利授权 合计", "25", 2021, "actual") in got


def test_qualified_cells_keep_their_qualifier():
    doc = parse_file(TEXTS / "qualified_cells.txt")
    got = [(f.indicator_label, f.raw_value, f.year, f.value_kind, f.qualifier, f.qualifier_text)
           for f in doc.figures if f.source_kind == "table" and f.year == 2025]
    assert got == [("每万人口高价值发明专利拥有量", "15", 2025, "target", ">=", "≥"),
                   ("知识产权质押融资金额", "50", 2025, "target", ">=", "不低于"),
                   ("有效发明专利", "12000", 2025, "target", ">=", "以上")]
    q = parse_cell_quantity("≤5%")
    assert (q.raw_value, q.unit, q.qualifier, q.qualifier_text) == ("5", "%", "<=", "≤")


def test_table_like_block_without_figures_is_a_warning_naming_its_lines():
    doc = parse_file(TEXTS / "unread_block.txt")
    assert doc.figures == [] or all(f.source_line not in (4, 5, 6) for f in doc.figures)
    [warning] = [w for w in doc.warnings if "look like a table" in w.message]
    assert warning.line == 4 and warning.message.startswith("lines 4-6 look like a table (3 rows of numbers")


def test_tables_by_region_in_space_tab_and_markdown_layouts():
    assert figures("region_rows_space_aligned.txt")[:2] == [
        ("全省", "专利授权量", "专利授权量", "5000", 2021, "actual"),
        ("全省", "发明专利授权量", "发明专利授权量", "1200", 2021, "actual")]
    assert ("苏州市", "有效发明专利", "有效发明专利", "70000", 2022, "actual") in figures("region_rows_tab_separated.txt")
    # a growth column is the growth of the column before it; the title's unit note is no part of a label
    assert figures("region_rows_markdown_rate_column.txt")[:2] == [
        ("鼓楼区", "专利申请量", "专利申请量", "1,200", 2023, "actual"),
        ("鼓楼区", "同比增长", "专利申请量 同比增长", "12.5", 2023, "actual")]


def test_rows_under_a_two_line_header_with_groups_and_a_column_spanning_both_lines():
    doc = parse_file(TEXTS / "rows_under_two_line_header.txt")
    (table,) = doc.tables
    assert table.header == ["地区(市州)", "专利类型 当年累计", "专利类型 发明", "专利类型 实用新型", "专利类型 外观设计",
                            "同比增长(%)", "申请人类型 大专院校", "申请人类型 科研单位", "申请人类型 工矿企业",
                            "申请人类型 个人"]
    got = [(f.row_label, f.indicator_label, f.raw_value, f.raw_unit, f.year, f.value_kind)
           for f in doc.figures if f.source_kind == "table"]
    assert len(got) == 27
    assert ("吉林市", "实用新型 专利申请", "300", "件", 2014, "actual") in got
    assert ("吉林市", "专利申请 同比增长", "-3.0", "%", 2014, "actual") in got
    assert ("四平市", "科研单位 专利申请", "0", "件", 2014, "actual") in got


def test_english_rows_under_chinese_rows_are_translations_and_mark_a_yearbook():
    doc = parse_file(TEXTS / "year_rows_translation_rows.txt")
    (table,) = doc.tables
    assert [row[0].text for row in table.body] == ["专利申请量 Patent Applications", "发明 Inventions", "授权量"]
    assert table.results   # stubs with their English translation: a statistical yearbook, its years are results
    got = [(f.indicator_label, f.raw_value, f.year, f.value_kind) for f in doc.figures if f.source_kind == "table"]
    assert len(got) == 9 and ("发明", "400", 1995, "actual") in got
    assert not any(value.endswith("%") for _, value, _, _ in got)


def test_a_table_naming_no_year_takes_the_title_above_not_a_lead_in():
    got = figures("region_table_year_from_page_title.txt")
    assert got == [("长春市", "发明", "发明 专利申请受理", "12", 2012, "actual"),
                   ("长春市", "实用新型", "实用新型 专利申请受理", "30", 2012, "actual"),
                   ("吉林市", "发明", "发明 专利申请受理", "5", 2012, "actual"),
                   ("吉林市", "实用新型", "实用新型 专利申请受理", "9", 2012, "actual")]


def test_an_acronym_in_a_chinese_label_is_no_english_translation():
    from ingest.tables.table import Cell, Table, bilingual_header, bilingual_stubs

    def table(stubs: list[str]) -> Table:
        return Table(layout="pipe", start_line=1, end_line=3, rows=[[Cell("指标", 1)]] + [[Cell(s, 2), Cell("35", 2)] for s in stubs])

    assert not bilingual_stubs(table(["每万人口发明专利拥有量", "PCT国际专利申请量"]))   # a plan's table: its 2025 column stays a target
    assert not bilingual_header(["指标名称", "单位", "GDP占比", "2025年"])
    assert bilingual_stubs(table(["北京 Beijing", "天津 Tianjin"]))
    assert bilingual_header(["地区 Regions", "合计 Total"])
