"""Every figure on its own region (issue 22): tables by region, totals and 其他 rows, sub-regions and the country in sentences."""

from __future__ import annotations

import pytest

from ingest.document import parse_text
from ingest.model import DocumentMeta
from ingest.regions.figures import clean_stub, resolve_stub
from ingest.regions.infer import infer_region

PROVINCE_TABLE = """2023年湖南省各市州专利授权情况
表1 2023年湖南省各市州专利授权统计
| 地区 | 专利授权量 | 发明专利授权量 |
| 长沙市 | 25000 | 8000 |
| 株洲 | 5000 | 900 |
| 湘西州 | 1000 | 100 |
| 张家界 | 800 | 50 |
| 其他 | 200 | 10 |
| 全省 | 32000 | 9060 |
"""

CITY_TABLE = """长沙市2023年各区县（市）专利授权情况
表1 2023年长沙市各区县（市）专利授权量
| 区县 | 专利授权量（件） |
| 芙蓉区 | 3000 |
| 岳麓区 | 9000 |
| 长沙县 | 4000 |
| 浏阳市 | 1500 |
| 全市 | 17500 |
"""

PROSE = """湖南省2023年知识产权统计通报
2023年，全省专利授权量6.2万件。其中，长沙市专利授权量2.5万件，占全省40.3%。
株洲市、湘潭市分别达到5000件、4000件。
全国专利授权量达到364.9万件，我省占全国1.7%。
"""


def _parse(text: str, doc_id: str = "doc"):
    return parse_text(text, DocumentMeta(doc_id, metadata_source="inferred"), f"{doc_id}.txt", "0", "utf-8")


def _figures(doc, source_kind: str):
    return [(f.indicator_label, f.raw_value, f.year, f.value_kind, f.region_code, f.region_source)
            for f in doc.figures if f.source_kind == source_kind]


def test_province_table_by_city_one_figure_per_city_and_column() -> None:
    doc = _parse(PROVINCE_TABLE)
    assert doc.meta.region_code == "430000"
    assert _figures(doc, "table") == [
        ("专利授权量", "25000", 2023, "actual", "430100", "table_row"),
        ("发明专利授权量", "8000", 2023, "actual", "430100", "table_row"),
        ("专利授权量", "5000", 2023, "actual", "430200", "table_row"),           # 株洲 → 株洲市
        ("发明专利授权量", "900", 2023, "actual", "430200", "table_row"),
        ("专利授权量", "1000", 2023, "actual", "433100", "table_row"),           # 湘西州 → 湘西土家族苗族自治州
        ("发明专利授权量", "100", 2023, "actual", "433100", "table_row"),
        ("专利授权量", "800", 2023, "actual", "430800", "table_row"),            # 张家界 → 张家界市
        ("发明专利授权量", "50", 2023, "actual", "430800", "table_row"),
        ("专利授权量", "200", 2023, "actual", None, "unassigned"),               # 其他: kept, no sub-region
        ("发明专利授权量", "10", 2023, "actual", None, "unassigned"),
        ("专利授权量", "32000", 2023, "actual", "430000", "table_row"),          # 全省: the document's region
        ("发明专利授权量", "9060", 2023, "actual", "430000", "table_row"),
    ]
    assert doc.tables[0].kind == "indicator"


def test_city_table_by_district_with_total_row() -> None:
    doc = _parse(CITY_TABLE)
    assert doc.meta.region_code == "430100"
    assert [(f.raw_value, f.raw_unit, f.region_code) for f in doc.figures if f.source_kind == "table"] == [
        ("3000", "件", "430102"), ("9000", "件", "430104"), ("4000", "件", "430121"), ("1500", "件", "430181"),
        ("17500", "件", "430100"),
    ]


def test_prose_sub_regions_and_the_country_in_a_provincial_text() -> None:
    doc = _parse(PROSE)
    assert _figures(doc, "prose") == [
        ("全省专利授权量", "6.2", 2023, "actual", "430000", "document"),
        ("长沙市专利授权量", "2.5", 2023, "actual", "430100", "sentence"),   # 其中，长沙市…
        ("占全省", "40.3", 2023, "actual", "430100", "sentence"),          # the same sentence stays on 长沙市
        ("株洲市专利授权量", "5000", 2023, "actual", "430200", "sentence"),  # a list of sub-regions, 分别: the
        ("湘潭市专利授权量", "4000", 2023, "actual", "430300", "sentence"),  # indicator of the sub-region before
        ("全国专利授权量", "364.9", 2023, "actual", "000000", "sentence"),   # 全国…: the country
        ("我省占全国", "1.7", 2023, "actual", "430000", "document"),
    ]
    # the key the metric analyzer reads no longer names the region: it maps like the province's own figure
    assert [f.indicator_key for f in doc.figures if f.region_source == "sentence"][:1] == ["专利授权量"]
    assert {f.indicator_key for f in doc.figures if f.raw_value in ("2.5", "5000", "4000", "364.9")} == {"专利授权量"}


def test_regions_as_a_city_text_names_them_stay_on_the_city() -> None:
    """The province's prize won by a city, a zone named after a city and a list of cities are not sub-regions."""
    doc = _parse("杭州市知识产权发展情况\n2023年，全市分别获得中国专利优秀奖2项、浙江省专利优秀奖3项。"
                 "到2025年，杭州城西科创大走廊PCT国际专利申请量达到500件。\n", "hz")
    assert doc.meta.region_code == "330100"
    assert {(f.raw_value, f.region_code, f.region_source) for f in doc.figures} == {
        ("2", "330100", "document"), ("3", "330100", "document"), ("500", "330100", "document")}


def test_a_provinces_short_name_in_a_sentence_is_not_a_district_of_the_city() -> None:
    doc = _parse("天津市专利统计\n2014年，天津郊区县获得实用新型专利14217项，河北仅占5%，其中滨海新区获得3888项。\n", "tj")
    assert doc.meta.region_code == "120000"
    assert [(f.raw_value, f.region_code, f.region_source) for f in doc.figures] == [
        ("14217", "120000", "document"), ("5", "120000", "document"), ("3888", "120116", "sentence")]


def test_national_table_in_a_document_with_no_region_is_the_countrys() -> None:
    text = ("2023年PCT国际专利申请受理量\n"
            "| 地区 | 2022年 | 2023年 |\n| 合计 | 74452 | 73812 |\n| 国内小计 | 69115 | 68780 |\n"
            "| 北京 Beijing | 11463 | 11438 |\n"
            "| 天津 Tianjin | 577 | 597 |\n| 广东 | 24290 | 23954 |\n| 内蒙古 | 88 | 140 |\n")
    doc = _parse(text, "pct")
    assert (doc.meta.region_code, doc.meta.level) == ("000000", "national")
    assert [(f.raw_value, f.year, f.region_code) for f in doc.figures if f.source_kind == "table"] == [
        ("74452", 2022, "000000"), ("73812", 2023, "000000"), ("69115", 2022, "000000"), ("68780", 2023, "000000"),
        ("11463", 2022, "110000"), ("11438", 2023, "110000"),
        ("577", 2022, "120000"), ("597", 2023, "120000"), ("24290", 2022, "440000"), ("23954", 2023, "440000"),
        ("88", 2022, "150000"), ("140", 2023, "150000")]
    assert {f.indicator_label for f in doc.figures} == {"PCT国际专利申请受理量", "国内小计PCT国际专利申请受理量"}
    assert not any("region" in w.message for w in doc.warnings)


def test_regions_across_the_header_give_each_column_its_region() -> None:
    text = ("2022年内蒙古各盟市专利授权统计表\n| 指标 | 全区 | 呼和浩特 | 兴安盟 | 鄂尔多斯 |\n"
            "| 专利授权量（件） | 9000 | 3000 | 400 | 2000 |\n")
    doc = _parse(text, "nmg")
    assert doc.meta.region_code == "150000"
    assert [(f.indicator_label, f.raw_value, f.raw_unit, f.region_code, f.region_source) for f in doc.figures] == [
        ("专利授权量", "9000", "件", "150000", "table_column"), ("专利授权量", "3000", "件", "150100", "table_column"),
        ("专利授权量", "400", "件", "152200", "table_column"), ("专利授权量", "2000", "件", "150600", "table_column")]


def test_months_down_the_stub_and_districts_across_the_header() -> None:
    text = ("2018年深圳市各区专利申请情况汇总表\n| 2018 | 福田 | 南山 | 大鹏 | 全市 |\n"
            "| 1月 | 2083 | 6478 | 95 | 20000 |\n| 2月 | 1500 | 4000 | 60 | 15000 |\n")
    doc = _parse(text, "sz")
    assert doc.meta.region_code == "440300"
    # 大鹏 (a new district without a GB/T 2260 code) is kept under its name with no region
    assert [(f.indicator_label, f.raw_value, f.year, f.region_code, f.region_source) for f in doc.figures][:5] == [
        ("1月专利申请", "2083", 2018, "440304", "table_column"), ("1月专利申请", "6478", 2018, "440305", "table_column"),
        ("大鹏1月专利申请", "95", 2018, None, "unassigned"), ("1月专利申请", "20000", 2018, "440300", "table_column"),
        ("2月专利申请", "1500", 2018, "440304", "table_column")]


@pytest.mark.parametrize(("stub", "doc_code", "kind", "code"), [
    ("北\n京 Beijing", None, "region", "110000"),
    ("1.长沙市", "430000", "region", "430100"),
    ("湘西州", "430000", "region", "433100"),
    ("兴安盟", "150000", "region", "152200"),
    ("长沙", "430000", "region", "430100"),      # the city, not 长沙县 (a name the city and its county share)
    ("长沙县", "430100", "region", "430121"),
    ("鼓楼区", "320100", "region", "320106"),   # a district name several cities share: under the document's city
    ("鼓楼区", "350100", "region", "350102"),
    ("四川 sichuan", "000000", "region", "510000"),   # 四 is no serial number
    ("十堰", "420000", "region", "420300"),
    ("河北 Hebei", "000000", "region", "130000"),     # the province, not 天津市河北区
    ("河北区", "120000", "region", "120105"),
    ("开发区·铁山区", "420200", "region", "420205"),   # a zone administered with a district
    ("全市", "430100", "total", "430100"),
    ("合计", "430000", "total", "430000"),
    ("全国总计", "430000", "region", "000000"),
    ("其它", "430000", "other", None),
    ("未分地区", "430000", "other", None),
    ("发明专利", "430000", None, None),
])
def test_stub_resolution(stub: str, doc_code: str | None, kind: str | None, code: str | None) -> None:
    found = resolve_stub(stub, doc_code)
    assert (found.kind if found else None, found.region.code if found and found.region else None) == (kind, code)


def test_clean_stub_drops_serials_translations_and_notes() -> None:
    assert [clean_stub(s) for s in ("北\n京 Beijing", "3、株洲市", "（二）株洲市", "湘西州（含吉首）", "合计Total")] == [
        "北京", "株洲市", "株洲市", "湘西州", "合计"]


def test_names_several_units_share_take_the_unit_beside_the_other_rows() -> None:
    from ingest.regions.figures import axis_regions

    axis = axis_regions(["全国总计", "北京", "海南 hainan", "四川", "西安 xi'an", "大连"], "000000")
    assert axis is not None and axis.national
    assert [(r.kind, r.region.code if r.region else None) for r in axis.regions if r] == [
        ("total", "000000"), ("region", "110000"), ("region", "460000"), ("region", "510000"), ("region", "610100"),
        ("region", "210200")]


@pytest.mark.parametrize(("text", "code"), [
    ("中国质量报讯 近日，2022年全国知识产权局局长会议在北京召开。2021年，我国授权发明专利69.6万件，我国每万人口高价值发明专利拥有量达到7.5件。", "000000"),
    ("在知识产权运用方面，中国2018年全国专利密集型产业增加值达到10.71万亿元。中国专利商标质押融资额达到1515亿元。", "000000"),
    ("2023年8月湖南省专利授权量统计表\n地 区\n长沙市\n25858\n株洲市\n4241\n", "430000"),
    ("为贯彻落实《杭州市知识产权保护和促进条例》，进一步提升我市知识产权保护工作整体水平。到2027年，全市专利密集型产业增加值占GDP比重20%以上。",
     "330100"),   # named only in the city's own regulation it cites, speaking as 我市
    ("截至2022年底，全省16市中有效发明专利拥有量最多的是青岛，达到59414件。全省每万人口发明专利拥有量为18.65件。", "370000"),
])
def test_inference_of_national_texts_statistics_titles_and_provinces_naming_a_city(text: str, code: str) -> None:
    guess = infer_region(text)
    assert guess.region is not None and guess.region.code == code


def test_a_plan_table_with_a_region_column_gives_each_row_its_region() -> None:
    text = ("湖南省知识产权“十四五”规划\n表1 主要指标\n| 地区 | 指标名称 | 2020年实现值 | 2025年目标值 |\n"
            "| 长沙市 | 每万人口高价值发明专利拥有量（件） | 20 | 35 |\n| 株洲市 | 每万人口高价值发明专利拥有量（件） | 5 | 10 |\n"
            "| 全省 | 每万人口高价值发明专利拥有量（件） | 6 | 12 |\n")
    doc = _parse(text, "hn")
    assert [(f.raw_value, f.year, f.value_kind, f.region_code, f.region_source) for f in doc.figures] == [
        ("20", 2020, "actual", "430100", "table_row"), ("35", 2025, "target", "430100", "table_row"),
        ("5", 2020, "actual", "430200", "table_row"), ("10", 2025, "target", "430200", "table_row"),
        ("6", 2020, "actual", "430000", "table_row"), ("12", 2025, "target", "430000", "table_row")]
    assert {f.indicator_label for f in doc.figures} == {"每万人口高价值发明专利拥有量"}


def test_a_list_of_sub_regions_counted_in_the_subject() -> None:
    doc = _parse("湖南省2023年专利统计通报\n长沙、株洲、湘潭三市专利授权量分别为2.5万件、5000件和4000件。\n", "hn3")
    assert [(f.indicator_key, f.raw_value, f.region_code) for f in doc.figures] == [
        ("专利授权量", "2.5", "430100"), ("专利授权量", "5000", "430200"), ("专利授权量", "4000", "430300")]


def test_a_list_of_regions_pairs_with_the_values_after_fenbie():
    doc = _parse("河北省版权局发布2023年作品登记情况。\n从地市登记情况看，石家庄、沧州、唐山、邯郸的年登记量超过3万件，"
                 "分别为70792件、67179件、53020件、35545件。")
    got = {f.raw_value: f.region_code for f in doc.figures if f.value_kind == "actual"}
    assert got["70792"] == "130100" and got["67179"] == "130900" and got["53020"] == "130200" and got["35545"] == "130400"
    assert got["3"] == "130000"                       # the threshold before 分别 stays the province's
    doc = _parse("内蒙古自治区知识产权局：1-7月，呼和浩特市、包头市和鄂尔多斯市专利授权量位居全区前三，"
                 "分别为1569件、1037件和861件。")
    got = {f.raw_value: f.region_code for f in doc.figures}
    assert (got["1569"], got["1037"], got["861"]) == ("150100", "150200", "150600")
