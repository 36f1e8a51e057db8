"""Parser tests on small inline snippets: tab and pipe layouts (with merged cells), numbers, prose."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.errors import ParseError
from ingest.labels import indicator_key, split_unit
from ingest.numbers import parse_cell_quantity, parse_number
from ingest.prose import extract_prose
from ingest.tables.indicators import classify, interpret_column, table_figures
from ingest.tables.pipe import parse_pipe_tables
from ingest.tables.tab import parse_tab_tables
from ingest.text import decode

TAB_SNIPPET = """表2.目标表
\t一级指标
\t序号
\t二级指标
\t2020年实现值
\t2025年目标值
\t备注

\t知识产权创造
\t1
\t每万人高价值发明专利拥有量（件）
\t2.4
\t4
\t当年度

\t
\t2
\t海外发明专利授权量（件）
\t25
\t/
\t累计


正文继续。"""

PIPE_SNIPPET = """表2 主要指标
序号 | 主要指标 | 2020年实现值 | 2025年 目标值 | 指标 属性 |
1 | 有效发明专利数量(万件) | 20 | 30 | 预期性 |
2 | 知识产权示范县(市、区)覆盖率(%) | 77.5 | 90 | 预期性 |
类别 | 序号 | 名称 | 主要任务 |
"""

MERGED_PIPE = """类别 | 序号 | 名称 | 主要任务 |
重大 改革 | 1 | 一件事改革 | 打造平台 |
2 | 信用监管改革 | 加强监管 |
3 | 数据改革 | 归集数据 | |
"""


def test_tab_layout_rows_cells_and_merged_cells():
    lines = TAB_SNIPPET.split("\n")
    [table] = parse_tab_tables(lines)
    assert table.caption == "表2.目标表"
    assert table.header == ["一级指标", "序号", "二级指标", "2020年实现值", "2025年目标值", "备注"]
    assert len(table.body) == 2
    merged = table.body[1][0]
    assert (merged.text, merged.filled, merged.line) == ("知识产权创造", True, 16)
    assert classify(table) == "indicator"
    figures, warnings = table_figures(table, 1)
    assert warnings == []
    got = [(f.indicator_label, f.raw_value, f.raw_unit, f.year, f.value_kind, f.basis_hint, f.source_line) for f in figures]
    assert got == [
        ("每万人高价值发明专利拥有量", "2.4", "件", 2020, "actual", "当年度", 12),
        ("每万人高价值发明专利拥有量", "4", "件", 2025, "target", "当年度", 13),
        ("海外发明专利授权量", "25", "件", 2020, "actual", "累计", 19),  # '/' target: no figure
    ]
    assert all(f.category_label == "知识产权创造" for f in figures)


def test_pipe_layout_headers_with_stray_spaces_and_units_in_names():
    tables = parse_pipe_tables(PIPE_SNIPPET.split("\n"))
    assert len(tables) == 1  # one run of pipe rows; the last line belongs to it
    table = tables[0]
    assert table.header[3] == "2025年 目标值"
    col = interpret_column(table.header[3])
    assert (col.role, col.year, col.kind) == ("value", 2025, "target")
    figures, _ = table_figures(table, 1)
    first = figures[0]
    assert (first.indicator_label, first.raw_unit, first.multiplier, first.value_number, first.year) == (
        "有效发明专利数量", "万件", "万", 20.0, 2020)
    pct = [f for f in figures if f.raw_unit == "%"]
    assert [(f.value_number, f.year) for f in pct] == [(77.5, 2020), (90.0, 2025)]
    assert pct[0].indicator_attr == "预期性"


def test_pipe_layout_merged_first_cell_shifts_row_right():
    [table] = parse_pipe_tables(MERGED_PIPE.split("\n"))
    assert classify(table) == "task_list"
    rows = [[c.text for c in r] for r in table.body]
    assert rows == [
        ["重大 改革", "1", "一件事改革", "打造平台"],
        ["重大 改革", "2", "信用监管改革", "加强监管"],
        ["重大 改革", "3", "数据改革", "归集数据"],
    ]
    assert table.body[1][0].filled and not table.body[1][1].filled


def test_thirteenth_plan_columns_mean_2020():
    target = interpret_column("“十三五”目标值")
    assert (target.kind, target.year) == ("target", 2020)
    assert interpret_column("实际完成值").kind == "actual"
    assert interpret_column("2022年").year == 2022


@pytest.mark.parametrize("text,expected", [
    ("45244", 45244.0), ("８．９５", 8.95), ("1,250", 1250.0), ("/", None), ("", None), ("十五", 15.0), ("两百", 200.0),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


def test_parse_cell_quantity_multiplier_and_unit():
    q = parse_cell_quantity("２.５万件")
    assert (q.raw_value, q.number, q.multiplier, q.unit) == ("2.5", 2.5, "万", "万件")
    assert parse_cell_quantity("77.5%").unit == "%"
    with pytest.raises(ParseError):
        parse_cell_quantity("完成")


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_number_parsers_raise_only_parse_error(text):
    for fn in (parse_number, parse_cell_quantity):
        try:
            fn(text)
        except ParseError:
            pass


@given(st.lists(st.text(alphabet="\t |\n/0123456789.件万年目标值指标名称 ", max_size=30), max_size=30))
@settings(max_examples=200, deadline=None)
def test_table_parsers_never_crash(lines):
    for table in parse_tab_tables(lines) + parse_pipe_tables(lines):
        if classify(table) == "indicator":
            table_figures(table, 1)


def test_labels_units_and_keys():
    assert split_unit("每万人高价值发明专利拥有量（件）") == ("每万人高价值发明专利拥有量", "件")
    assert split_unit("知识产权中介机构累计数量（含分支机构）(家）") == ("知识产权中介机构累计数量（含分支机构）", "家")
    assert indicator_key("全省每万人高价值发明专利拥有量") == indicator_key("每万人高价值发明专利拥有量(件)") == "每万人高价值发明专利拥有量"
    assert indicator_key("PCT 年申请量") == "pct年申请量"


def _prose(text: str, plan=(2021, 2025)):
    return [(f.indicator_label, f.raw_value, f.raw_unit, f.year, f.value_kind, f.qualifier)
            for f in extract_prose(text.split("\n"), set(), plan)]


def test_prose_target_sentence_with_two_indicators_and_qualifier():
    assert _prose("到2025年，全省每万人高价值发明专利拥有量达到17件，PCT国际专利年申请量超过6000件。") == [
        ("全省每万人高价值发明专利拥有量", "17", "件", 2025, "target", ""),
        ("PCT国际专利年申请量", "6000", "件", 2025, "target", ">="),
    ]


def test_prose_paired_list_and_multiplier():
    got = _prose("“十三五”期间，作品著作权年登记量达2.5万件；有效地理标志、农业、林业植物新品种分别达到376件、408个、263个。")
    assert ("作品著作权年登记量", "2.5", "万件", 2020, "actual", "") in got
    assert [g[:3] for g in got[1:]] == [("有效地理标志", "376", "件"), ("农业植物新品种", "408", "个"), ("林业植物新品种", "263", "个")]


def test_prose_from_to_and_year_list_and_period_total():
    assert _prose("每万人有效发明专利拥有量实现翻番，从2015年的3.44件提高到2020年的8.95件；") == [
        ("每万人有效发明专利拥有量", "3.44", "件", 2015, "actual", ""),
        ("每万人有效发明专利拥有量", "8.95", "件", 2020, "actual", ""),
    ]
    assert _prose("提高创造活力，2022-2024年发明专利授权量目标分别为300件、300件、350件。") == [
        ("发明专利授权量", "300", "件", 2022, "target", ""),
        ("发明专利授权量", "300", "件", 2023, "target", ""),
        ("发明专利授权量", "350", "件", 2024, "target", ""),
    ]
    figs = extract_prose(["试点期内全市发明专利授权量达到950件；每万人高价值发明专利拥有量不低于7.8件；知识产权调解案件数量超320件。"], set(), (2022, 2025))
    assert [(f.indicator_label, f.raw_value, f.year, f.qualifier, f.qualifier_text, f.period_start) for f in figs] == [
        ("全市发明专利授权量", "950", 2025, "", None, 2022),
        ("每万人高价值发明专利拥有量", "7.8", 2025, ">=", "不低于", 2022),
        ("知识产权调解案件数量", "320", 2025, ">=", "超", 2022),
    ]


def test_prose_ignores_comparisons_and_years():
    got = _prose("“十三五”期间，全市专利申请和授权总量分别为45244件和35721件，分别比“十二五”期间提高了92.23%和103.50%。")
    # issue 11: the comparison is kept as value_kind change, never as a level
    assert [g for g in got if g[4] != "change"] == [
        ("全市专利申请总量", "45244", "件", 2020, "actual", ""),
        # issue 12: the list item that names only its measure takes the object of the item before it
        ("全市专利授权总量", "35721", "件", 2020, "actual", ""),
    ]
    assert all(g[4] == "change" for g in got if g[1] in ("92.23", "103.50"))


def test_prose_at_least_suffix_and_full_width_digits():
    got = _prose("到２０２４年，知识产权托管服务覆盖小微企业３５００家以上。", plan=(2022, 2024))
    assert got == [("知识产权托管服务覆盖小微企业", "3500", "家", 2024, "target", ">=")]


def test_decode_encodings_and_bad_bytes():
    text = "到2025年，乐清市发明专利授权量达到950件。"
    assert decode(text.encode("gb18030")).encoding == "gb18030"
    assert decode(text.encode("utf-16")).encoding == "utf-16"
    assert decode(("\ufeff" + text).encode("utf-8")).text == text
    with pytest.raises(ParseError, match="empty"):
        decode(b"  \n")
    with pytest.raises(ParseError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_year_list_with_wrong_number_of_values_is_a_warning_not_a_guess():
    warnings: list[tuple[int, str]] = []
    got = extract_prose(["2022-2024年发明专利授权量目标分别为300件、350件。"], set(), (2022, 2025), warnings)
    assert got == []
    assert warnings == [(1, "3 years (2022-2024) but 2 values in '2022-2024年发明专利授权量目标分别为300件、350件'; none of them was read")]
    assert extract_prose(["2025-2021年发明专利授权量分别为300件、350件。"], set(), (2021, 2025), warnings) == []
