"""The same statistics tables re-laid out the ways pages publish them (cells one a paragraph, single spaces,
space-aligned, tab, pipe; two-level headers with groups of unequal size; serial columns; totals; unit in header)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import parse_file

VARIANTS = Path(__file__).parent / "fixtures" / "tables_variants"


def figures(name: str) -> list[tuple]:
    doc = parse_file(VARIANTS / name)
    return [(f.region_code, f.column_label, f.raw_value, f.year, f.value_kind)
            for f in doc.figures if f.source_kind == "table"]


# 当月 over 发明 实用新型 外观设计, 累计 over the same and 合计: seven columns under two groups of unequal size
UNEQUAL = ["space_single_two_level.txt", "space_aligned_two_level.txt", "tab_two_level.txt",
           "cells_two_level_unequal.txt"]


@pytest.mark.parametrize("name", UNEQUAL)
def test_two_level_header_with_unequal_groups(name):
    got = figures(name)
    assert ("430100", "当月 发明", "1274", 2023, "actual") in got
    assert ("430100", "累计 发明", "9876", 2023, "actual") in got
    assert ("430100", "累计 合计", "28518", 2023, "actual") in got
    assert ("430200", "累计 外观设计", "570", 2023, "actual") in got
    assert not any(col in ("发明", "合计") for _, col, *_ in got)   # no leaf without its group


def test_space_aligned_total_row_last_is_the_province():
    got = figures("space_aligned_two_level.txt")
    assert len(got) == 28
    assert ("430000", "累计 合计", "36142", 2023, "actual") in got


def test_pipe_two_row_header_whose_merged_cells_were_trimmed():
    got = figures("pipe_unequal_groups.txt")
    assert ("420202", "当月 发明", "12", 2024, "actual") in got
    assert ("420202", "累计 实用新型", "120", 2024, "actual") in got
    assert ("420281", "累计 发明", "66", 2024, "actual") in got


def test_serial_column_and_total_first_in_tab_separated_rows():
    got = figures("serial_total_first_tab.txt")
    assert ("430000", "有效发明专利（件）", "87654", 2023, "actual") in got
    assert ("430100", "有效发明专利（件）", "54321", 2023, "actual") in got
    assert ("430300", "有效发明专利（件）", "4321", 2023, "actual") in got
    assert not any(value in ("1", "2", "3", "4") for _, _, value, *_ in got)   # serial numbers are no figures


def test_years_heading_repeated_leaves_in_single_space_rows():
    got = figures("single_years_repeat_groups.txt")
    assert len(got) == 12
    assert ("420100", "2022年 申请", "120500", 2022, "actual") in got
    assert ("420100", "2023年 授权", "65500", 2023, "actual") in got
    assert ("420600", "2023年 申请", "9100", 2023, "actual") in got


def test_one_cell_a_paragraph_with_blank_lines_between_cells():
    got = figures("cells_blank_lines.txt")
    assert len(got) == 9
    assert ("430300", "外观设计", "45", 2023, "actual") in got


def test_row_name_split_over_lines_and_total_last():
    got = figures("space_name_split_total_last.txt")
    assert ("222400", "实用新型", "30", 2013, "actual") in got
    assert ("220000", "发明", "63", 2013, "actual") in got


def test_bilingual_rows_years_without_nian_and_unit_in_header():
    assert ("120000", "2009", "19624", 2009, "actual") in figures("space_bilingual_rows.txt")
    assert ("441900", "2020", "5087", 2020, "actual") in figures("space_year_no_nian.txt")
    assert ("360400", "专利授权量（件）", "4420", 2024, "actual") in figures("single_unit_in_header.txt")


def test_month_range_title_gives_the_year_of_current_and_cumulative_columns():
    got = figures("month_cumulative_yoy.txt")
    assert ("430100", "当月", "3307", 2023, "actual") in got
    assert ("430100", "累计", "25858", 2023, "actual") in got


def test_months_by_districts():
    got = figures("months_by_district.txt")
    assert len(got) == 9
    assert ("440305", "南山区", "6120", 2018, "actual") in got


@pytest.mark.parametrize("name", ["pipe_repeated_group_heads.txt", "space_repeated_group_heads.txt"])
def test_group_heads_repeated_in_every_column_they_span(name):
    got = figures(name)
    assert len(got) == 12
    assert ("420100", "2022年 申请", "120500", 2022, "actual") in got
    assert ("420100", "2023年 授权", "65500", 2023, "actual") in got
    assert ("420600", "2022年 授权", "4300", 2022, "actual") in got


def test_one_cell_a_line_with_a_serial_column():
    got = figures("cells_serial.txt")
    assert len(got) == 6
    assert ("150400", "实用新型", "150", 2025, "actual") in got


def test_total_row_first_is_the_parent_of_the_listed_districts():
    got = figures("pipe_unit_row_total_first.txt")
    assert ("420200", "有效注册商标", "52000", 2024, "actual") in got
    assert ("420281", "有效注册商标", "15000", 2024, "actual") in got
    assert not any(code == "420281" and value == "52000" for code, _, value, *_ in got)


def test_row_whose_label_was_lost_gives_no_figure():
    got = figures("space_label_lost.txt")
    assert len(got) == 6
    assert not any(value == "328" for _, _, value, *_ in got)
    doc = parse_file(VARIANTS / "space_label_lost.txt")
    assert any("a table row without its label" in w.message and w.line == 5 for w in doc.warnings)


def test_letter_spaced_stub_head_with_growth_and_rank_columns():
    got = figures("space_letter_spaced_stub_yoy.txt")
    assert ("430300", "有效发明专利量", "8572", 2025, "actual") in got
    assert not any(col == "排名" for _, col, *_ in got)


def test_group_heads_that_cannot_be_told_from_spanning_cells_give_no_guessed_labels():
    # 当年授权量 spans both rows or heads 发明 … 外观设计: either reads as well as the other, so no label is guessed
    got = figures("space_single_groups_and_spanning.txt")
    assert not any(col.startswith("当年授权量 ") or col.startswith("非职务 机关") for _, col, *_ in got)
    assert got == []


def test_unit_line_above_the_header_is_each_figures_unit():
    doc = parse_file(VARIANTS / "space_unit_wan_above.txt")
    got = [(f.region_code, f.column_label, f.raw_value, f.raw_unit, f.year) for f in doc.figures if f.source_kind == "table"]
    assert ("441900", "2022年", "9.12", "万件", 2022) in got
    doc = parse_file(VARIANTS / "space_single_two_level.txt")
    assert {f.raw_unit for f in doc.figures if f.source_kind == "table"} == {"件"}


def test_last_row_cut_off_where_the_text_ends_is_read_in_column_order_with_a_warning():
    doc = parse_file(VARIANTS / "cells_last_row_cut.txt")
    got = [(f.region_code, f.column_label, f.raw_value, f.year) for f in doc.figures if f.source_kind == "table"]
    assert ("440700", "2020", "623", 2020) in got
    assert not any(code == "440700" and col != "2020" for code, col, *_ in got)
    assert any("last table row has 1 values" in w.message for w in doc.warnings)


def test_a_note_under_the_table_dates_the_column_it_names():
    got = figures("space_note_dates_a_column.txt")
    assert ("430300", "常住人口（万人）", "269.18", 2024, "actual") in got
    assert ("430300", "有效发明专利量", "8572", 2025, "actual") in got
    assert ("430300", "专利密度（件/万人）", "31.84", 2025, "actual") in got


def labelled(name: str) -> list[tuple]:
    doc = parse_file(VARIANTS / name)
    return [(f.region_code, f.indicator_label, f.raw_value, f.year, f.value_kind)
            for f in doc.figures if f.source_kind == "table"]


def test_cells_serials_between_rows_and_merged_region_cells_carried_down():
    """One cell a line, a serial number before each region and the region printed once over its rows (merged
    cells flattened away): the serials are no figures, the region is carried down to 实用新型 and 合计."""
    got = figures("cells_merged_stub_serials.txt")
    assert len(got) == 27
    assert ("150100", "职务发明", "218", 2024, "actual") in got
    assert ("150100", "非职务发明", "26", 2024, "actual") in got     # 实用新型 row of 呼和浩特
    assert ("150200", "合计(件)", "250", 2024, "actual") in got      # 合计 row of 包头
    assert ("150600", "职务发明", "137", 2024, "actual") in got
    assert all(region for region, *_ in got)      # every row on its region: serials never became labels
    labels = {label for _, label, value, *_ in labelled("cells_merged_stub_serials.txt") if value == "26"}
    assert labels == {"实用新型 专利授权 非职务发明"}


def test_cells_two_row_header_printed_row_by_row():
    """Group heads and a cell spanning both rows (同比增长), then the leaves: each column gets its group."""
    got = figures("cells_two_rows_groups_first.txt")
    assert len(got) == 21
    assert ("220100", "专利类型 月累计", "336", 2013, "actual") in got
    assert ("220100", "同比增长", "20.0", 2013, "actual") in got
    assert ("220200", "申请人类型 工矿企业", "33", 2013, "actual") in got
    assert ("220300", "申请人类型 个人", "15", 2013, "actual") in got


def test_space_two_row_header_with_blank_stub_and_spanning_cell():
    got = figures("space_two_rows_spanning.txt")
    assert len(got) == 21
    assert ("220100", "专利类型 当年累计", "2026", 2013, "actual") in got
    assert ("220200", "同比增长", "13.6", 2013, "actual") in got
    assert ("220300", "申请人类型 大专院校", "0", 2013, "actual") in got


def test_caption_found_above_a_statistics_forms_filing_lines():
    got = labelled("pipe_form_furniture_caption.txt")
    assert ("000000", "发明 国内三种专利有效量", "180042", 2009, "actual") in got
    assert ("120000", "外观设计 国内三种专利有效量", "4054", 2009, "actual") in got


def test_yearbook_rows_of_years_under_group_total_headers_and_translation_lines():
    """Rows '1987 305 84 …' under '年份 专利申请数 专利授权数' over the three kinds twice, English lines between:
    each group is a total column of its own before its kinds; rows whose empty cells were lost are not guessed."""
    doc = parse_file(VARIANTS / "years_rows_group_totals_english.txt")
    got = {(f.indicator_label, f.raw_value, f.year, f.value_kind, f.raw_unit) for f in doc.figures if f.source_kind == "table"}
    assert len(got) == 24
    assert ("专利申请数", "305", 1987, "actual", "项") in got
    assert ("实用新型专利申请数", "206", 1987, "actual", "项") in got
    assert ("专利授权数", "203", 1989, "actual", "项") in got
    assert ("外观设计专利授权数", "7", 1989, "actual", "项") in got
    assert not any(year in (1985, 1986) for _, _, year, *_ in got)
    assert sum("fewer values" in w.message for w in doc.warnings) == 2


def test_pipe_rows_whose_cells_hold_line_breaks_in_a_table_by_category():
    """'| 合计 Total  | ' goes on in indented lines up to the next '|'-led row; a stub head '按国内外分组' over two stub
    columns; rows are breakdowns, not places: each cell is its column's quantity (a share column is the share of
    the column before it) for the row's breakdown, in the title's year, a result."""
    doc = parse_file(VARIANTS / "pipe_wrapped_cells_by_category.txt")
    got = {(f.indicator_label, f.raw_value, f.raw_unit, f.year, f.value_kind) for f in doc.figures if f.source_kind == "table"}
    assert len(got) == 12
    assert ("发明专利授权量 合计", "400000", None, 2022, "actual") in got
    assert ("实用新型专利授权量构成 职务", "86.67", "%", 2022, "actual") in got
    assert ("发明专利授权量 非职务", "20000", None, 2022, "actual") in got


def test_cells_two_row_header_with_single_columns_after_the_group_and_a_rank_column_last():
    """'职务' over five leaves, then '非职务个人', '常住人口(万人)', '专利密度(件/万人)', '排名' spanning both rows; the rank
    column (1, 2, 3 … before each next row's label) is a column, not row serials."""
    got = figures("cells_two_rows_singles_and_rank.txt")
    assert ("430100", "职务 大专院校", "30783", 2025, "actual") in got
    assert ("430200", "职务 职务总计", "13566", 2025, "actual") in got
    assert ("430300", "常住人口(万人)", "269.18", 2025, "actual") in got
    assert ("430400", "非职务个人", "171", 2025, "actual") in got
    assert not any(col and col.startswith("职务 常住") for _, col, *_ in got)


def test_single_space_rows_with_stub_columns_and_merged_cells():
    """'序号 地区 专利类型' then three value heads; a region's first row carries serial, region and kind, the next ones
    only the kind: the region is carried down (a merged cell flattened away)."""
    got = figures("single_stub_columns_merged.txt")
    assert len(got) == 18
    assert ("150100", "职务发明", "218", 2024, "actual") in got
    assert ("150100", "非职务发明", "26", 2024, "actual") in got     # 实用新型 row of 呼和浩特
    assert ("150200", "合计(件)", "250", 2024, "actual") in got
    assert all(region for region, *_ in got)


def test_cells_yearbook_with_years_heading_the_columns_and_translated_row_labels():
    """One cell a line: '项目Item', the years, then each row's label with its English translation (longer than a
    cell would be without it) and a value a year; the years head the columns, they are no row."""
    doc = parse_file(VARIANTS / "cells_yearbook_bilingual_years.txt")
    got = {(f.indicator_label, f.raw_value, f.year, f.value_kind) for f in doc.figures if f.source_kind == "table"}
    assert len(got) == 6
    assert ("每万人口专利授权量", "160.75", 2020, "actual") in got
    assert ("每万人口发明专利授权量", "24.16", 2021, "actual") in got
    assert ("专业技术人才数", "200.00", 2021, "actual") in got


def test_cells_two_row_header_where_the_groups_negation_heads_a_column_of_its_own():
    """'职务' over five leaves and '非职务个人' beside it in the upper row: 非职务个人 is no leaf of 职务."""
    got = figures("cells_two_rows_negated_group.txt")
    assert len(got) == 33
    assert ("430100", "职务 大专院校", "610", 2023, "actual") in got
    assert ("430100", "非职务个人", "144", 2023, "actual") in got
    assert ("430200", "职务 职务总计", "521", 2023, "actual") in got


def test_html_bulletin_with_a_header_spanning_two_rows_dated_by_what_it_reports():
    """An HTML table whose header spans two rows (rowspan/colspan spread as copies) reads one label a column; the
    table's year is the one the text reports (2024), not the year of a target in the paragraph above (力争 … 2025)
    nor the page's publication date (2025-02-18)."""
    doc = parse_file(VARIANTS / "html_spanned_header_city_bulletin.html")
    got = {(f.region_code, f.column_label, f.raw_value, f.year, f.value_kind) for f in doc.figures if f.source_kind == "table"}
    assert len(got) == 18
    assert ("510703", "发明专利授权量（件）", "812", 2024, "actual") in got     # '其中：发明' under '专利授权量（件）'
    assert ("510781", "专利授权量 合计（件）", "1480", 2024, "actual") in got
    assert ("510700", "有效发明专利拥有量（件）", "11260", 2024, "actual") in got
    assert not doc.warnings or not any("is not a number" in w.message for w in doc.warnings)
    target = [f for f in doc.figures if f.raw_value == "25"]
    assert [(f.year, f.value_kind) for f in target] == [(2025, "target")]
