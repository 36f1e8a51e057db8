"""Other table layouts: space-aligned yearbook tables with bare year columns, sub-rows, stub and caption units, Markdown."""

from __future__ import annotations

from pathlib import Path

from ingest.document import parse_file, parse_text
from ingest.model import DocumentMeta
from ingest.readers.html import read_html

FORMATS = Path(__file__).parent / "fixtures" / "formats"


def meta(start: int | None = None) -> DocumentMeta:
    return DocumentMeta("t", title="t", region_code="330000", region_name="浙江省", level="province", doc_type="plan",
                        status="final", plan_id="p", plan_period_start=start, plan_period_end=start and start + 4)


def table_figures(doc) -> list[tuple]:
    return [(f.indicator_label, f.year, f.value_kind, f.value_number, f.raw_unit, f.category_label)
            for f in doc.figures if f.source_kind == "table"]


def test_yearbook_space_table_yields_actuals_per_year():
    doc = parse_file(FORMATS / "yearbook_zhejiang.txt")
    (table,) = doc.tables
    assert (table.layout, table.kind, table.unit, table.results) == ("space", "indicator", "件", True)
    assert table.header == ["指标 Item", "2019", "2020", "2021"]
    got = table_figures(doc)
    assert len(got) == 18
    assert got[:3] == [("专利申请量", 2019, "actual", 435883.0, "件", None), ("专利申请量", 2020, "actual", 507050.0, "件", None),
                       ("专利申请量", 2021, "actual", 465468.0, "件", None)]
    # 其中: / # sub-rows take the unit of the caption and name their parent row
    assert ("发明专利", 2020, "actual", 101456.0, "件", "专利申请量") in got
    assert ("发明专利", 2020, "actual", 49888.0, "件", "专利授权量") in got
    # a stub wrapped over two lines, its unit (件/万人) in the stub: the per-10k basis is in the label
    assert ("每万人发明专利拥有量", 2021, "actual", 40.1, "件", None) in got
    assert ("有效注册商标量", 2020, "actual", 300.0, "万件", None) in got
    wrapped = [f for f in doc.figures if f.indicator_label == "每万人发明专利拥有量"][0]
    assert (wrapped.source_line, doc.lines[wrapped.source_line - 2].strip()) == (11, "每万人发明专利拥有量")


TABLE = """浙江省知识产权工作要点
{caption}
单位：万件
项目            2020      2021      2022      2023
有效发明专利数量(万件)     20        23        26        29
  其中：高价值发明专利      8         10        12        14
商标注册量                 60        65        70        75
"""


def test_bare_years_before_the_document_are_actuals_the_rest_targets():
    doc = parse_text(TABLE.format(caption="表1 主要指标"), meta(2022), "x.txt", "0" * 64, "utf-8")
    got = {(f.indicator_label, f.year): (f.value_kind, f.value_number, f.raw_unit, f.category_label)
           for f in doc.figures if f.source_kind == "table"}
    assert got[("有效发明专利数量", 2021)] == ("actual", 23.0, "万件", None)
    assert got[("有效发明专利数量", 2022)] == ("target", 26.0, "万件", None)
    # the sub-row inherits its parent's unit (万件 from the stub), not only the caption's
    assert got[("高价值发明专利", 2023)] == ("target", 14.0, "万件", "有效发明专利数量")
    assert got[("商标注册量", 2020)] == ("actual", 60.0, "万件", None)
    assert len(got) == 12


def test_bare_years_in_a_table_of_results_are_all_actuals():
    doc = parse_text(TABLE.format(caption="表1 2020-2023年实际完成情况"), meta(2022), "x.txt", "0" * 64, "utf-8")
    kinds = {f.value_kind for f in doc.figures if f.source_kind == "table"}
    assert kinds == {"actual"}


def test_bilingual_stub_split_by_a_wide_gap_is_one_label():
    text = ("浙江省统计年鉴\n单位：件\n"
            "指标                                  2020        2021\n"
            "专利授权量    Patents granted        391640      465468\n"
            "商标注册量    Trademarks registered  580000      601000\n")
    doc = parse_text(text, meta(2022), "x.txt", "0" * 64, "utf-8")
    assert table_figures(doc) == [("专利授权量", 2020, "actual", 391640.0, "件", None),
                                  ("专利授权量", 2021, "actual", 465468.0, "件", None),
                                  ("商标注册量", 2020, "actual", 580000.0, "件", None),
                                  ("商标注册量", 2021, "actual", 601000.0, "件", None)]


def test_markdown_table_with_separator_row():
    text = ("浙江省知识产权“十四五”规划\n表1 主要指标\n\n| 指标名称 | 单位 | 2020年实现值 | 2025年目标值 |\n"
            "|:---|:---:|---:|---:|\n| 每万人高价值发明专利拥有量 | 件 | 11.1 | 17 |\n| PCT国际专利申请量 | 件 | 4307 |\n")
    doc = parse_text(text, meta(2021), "x.md", "0" * 64, "utf-8")
    (table,) = doc.tables
    assert (table.layout, len(table.body)) == ("md", 2)
    assert table_figures(doc) == [("每万人高价值发明专利拥有量", 2020, "actual", 11.1, "件", None),
                                  ("每万人高价值发明专利拥有量", 2025, "target", 17.0, "件", None),
                                  ("PCT国际专利申请量", 2020, "actual", 4307.0, "件", None)]
    assert doc.warnings[0].line == 7 and "row has 3 cells, the header has 4" in doc.warnings[0].message


def test_html_charset_from_meta_and_utf8_default():
    page = '<html><head><meta charset="gb2312"></head><body><div class="content"><p>浙江省专利授权量</p></div></body></html>'
    ex = read_html(page.encode("gb2312"))
    assert (ex.lines, ex.encoding) == (["浙江省专利授权量"], "gb18030")
    ex = read_html(page.replace("gb2312", "utf-8").encode("utf-8"))
    assert (ex.lines, ex.refs) == (["浙江省专利授权量"], ["/html/body/div/p"])


def test_html_layout_table_is_read_as_text_and_its_data_table_as_a_table():
    page = ("<html><body><table><tr><td class='menu'>首页</td></tr><tr><td>"
            "<p>浙江省知识产权“十四五”规划</p><p>表1 主要指标</p>"
            "<table><tr><th>指标名称</th><th>2020年实现值</th><th>2025年目标值</th></tr>"
            "<tr><td rowspan='1'>每万人高价值发明专利拥有量（件）</td><td>11.1</td><td>17</td></tr></table>"
            "</td></tr></table></body></html>")
    ex = read_html(page.encode("utf-8"))
    assert ex.lines[:2] == ["浙江省知识产权“十四五”规划", "表1 主要指标"]
    assert [[c.text for c in row] for row in ex.tables[0].rows] == [
        ["指标名称", "2020年实现值", "2025年目标值"], ["每万人高价值发明专利拥有量（件）", "11.1", "17"]]
    assert ex.tables[0].caption == "表1 主要指标"


def test_html_table_pasted_from_word_with_paragraphs_in_cells_stays_a_table():
    page = ("<html><body><div class='content'><p>表1 主要指标</p><table>"
            "<tr><td><p><span>指标名称</span></p></td><td><p>2025年目标值</p></td></tr>"
            "<tr><td><p>PCT国际专利申请量（件）</p></td><td><p><b>4500</b></p></td></tr></table></div></body></html>")
    ex = read_html(page.encode("utf-8"))
    assert [[c.text for c in row] for row in ex.tables[0].rows] == [["指标名称", "2025年目标值"], ["PCT国际专利申请量（件）", "4500"]]
    assert ex.lines == ["表1 主要指标", "指标名称 | 2025年目标值", "PCT国际专利申请量（件） | 4500"]


def test_yearbook_table_with_one_row_a_year():
    text = ("福建统计年鉴2022\n16-5 专利申请和授权情况\n单位：项\n"
            "年份      专利申请数      专利授权数      有效发明专利（件）\n"
            "2019        153279          98955           2,000\n"
            "2020        180399         145929           2,300\n"
            "2021        153814                          2,500\n")
    doc = parse_text(text, meta(2022), "x.txt", "0" * 64, "utf-8")
    (table,) = doc.tables
    assert (table.layout, table.kind, table.unit) == ("space", "indicator", "项")
    got = table_figures(doc)
    assert len(got) == 8  # the empty 2021 cell yields none
    assert got[:3] == [("专利申请数", 2019, "actual", 153279.0, "项", None), ("专利授权数", 2019, "actual", 98955.0, "项", None),
                       ("有效发明专利", 2019, "actual", 2000.0, "件", None)]
    assert ("有效发明专利", 2021, "actual", 2500.0, "件", None) in got


def test_html_metadata_box_is_not_counted_as_a_table():
    page = """<html><head><meta charset="utf-8"></head><body><div class="content">
    <table><tr><td>索引号</td><td>001/2022-01</td><td>发布机构</td><td>某市市场监管局</td></tr>
    <tr><td>成文日期</td><td>2022-03-01</td><td>文号</td><td>〔2022〕1号</td></tr></table>
    <p>杭州市知识产权发展情况</p>
    <table><tr><th>指标名称</th><th>单位</th><th>2021年实现值</th></tr>
    <tr><td>发明专利授权量</td><td>件</td><td>1500</td></tr></table></div></body></html>"""
    ex = read_html(page.encode("utf-8"))
    assert len(ex.tables) == 1
    assert ex.tables[0].rows[1][2].ref.startswith("table 1 row 2 col 3")
    assert any("索引号" in line for line in ex.lines)   # its text is still read, as lines
