"""Region reference data and inference for all of China: real ingest parser on plan and news excerpts."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest.document import parse_text
from ingest.errors import ParseError
from ingest.model import DocumentMeta
from ingest.regions.infer import infer_region, load_regions
from ipbench_core import paths

REGIONS = {r.code: r for r in load_regions()}
ZHEJIANG = paths.ROOT.parent / "shared" / "reference" / "zhejiang_regions.csv"  # shared/ sits beside the clone


def parse(text: str, region_code: str | None = None):
    meta = DocumentMeta(document_id="x", region_code=region_code, metadata_source="inferred")
    return parse_text(text, meta, "x.txt", "0" * 64, "utf-8")


# (excerpt, region code, parent code) — written in the style of real plans and news from outside Zhejiang
EXCERPTS = [
    pytest.param("武汉市知识产权“十四五”规划\n\n武汉市知识产权局\n2021年12月\n\n“十三五”以来，我市深入实施湖北省知识产权战略，"
                 "累计获得湖北省专利奖32项，全省排名第一。\n到2025年，全市每万人口高价值发明专利拥有量达到30件。",
                 "420100", "420000", id="city plan naming its province's prize"),
    pytest.param("关于印发《西安市“十四五”知识产权发展规划》的通知\n各区县人民政府，市人民政府各工作部门：\n现将规划印发给你们。\n"
                 "“十三五”期间，我市获陕西省专利奖金奖12项，陕西省知识产权示范企业40家，陕西省专利奖总数居全省首位。",
                 "610100", "610000", id="通知 issuing a city plan, province named more often"),
    pytest.param("靖远县知识产权工作实施方案（2021-2025年）\n\n为加快知识产权强县建设，结合我县实际，制定本方案。\n"
                 "到2025年，全县有效发明专利达到60件。", "620421", "620400", id="county named alone"),
    pytest.param("宁夏回族自治区知识产权“十四五”规划\n\n自治区人民政府办公厅\n\n到2025年，全区每万人口发明专利拥有量达到4件。",
                 "640000", None, id="autonomous region"),
    pytest.param("廣州市知識產權事業發展第十四個五年規劃\n\n廣州市市場監督管理局（知識產權局）\n\n到2025年，全市發明專利擁有量達到15萬件。",
                 "440100", "440000", id="Traditional Chinese"),
    pytest.param("本报讯 近日，青岛市市场监督管理局召开新闻发布会，通报全市知识产权工作情况。国家知识产权局提出到2025年全国"
                 "每万人口高价值发明专利拥有量达到12件，山东省提出达到8件，我市将达到20件。",
                 "370200", "370000", id="news, issuer only, national and province targets quoted"),
    pytest.param("南京市知识产权强市建设实施方案\n\n为贯彻落实《江苏省知识产权强省建设纲要》，推动我市知识产权高质量发展……",
                 "320100", "320000", id="city plan citing its province's plan"),
    pytest.param("山东省“十四五”知识产权保护和运用规划\n\n山东省人民政府\n\n支持济南、青岛建设知识产权强市，到2025年，全省"
                 "有效发明专利达到15万件。", "370000", None, id="province plan naming its cities"),
    pytest.param("关于印发《北京市通州区知识产权发展规划（2021-2025年）》的通知\n\n到2025年，全区发明专利拥有量达到6000件。",
                 "110112", "110000", id="municipality district, shared name resolved by its city"),
    pytest.param("广西壮族自治区柳州市知识产权“十四五”规划\n\n柳州市人民政府办公室\n\n我市专利授权量年均增长10%。",
                 "450200", "450000", id="city in an autonomous region"),
    pytest.param("恩施土家族苗族自治州知识产权工作要点\n\n州市场监督管理局\n\n全州商标注册量达到3万件。",
                 "422800", "420000", id="autonomous prefecture"),
    pytest.param("仙桃市知识产权强市建设试点工作方案\n\n到2023年，全市有效注册商标达到1.2万件。",
                 "429004", "420000", id="county-level city administered by the province"),
    pytest.param("近日，拉萨市知识产权局发布消息，西藏自治区首批知识产权示范企业中有5家来自我市。",
                 "540100", "540000", id="news naming city and region"),
    pytest.param("我市启动知识产权宣传周活动\n来源：包头新闻网\n4月22日，我市启动2023年包头市知识产权宣传周活动。活动由市市场监督管理局"
                 "主办，昆都仑区市场监督管理局、石拐区人民法院承办。截至2022年底，全市有效发明专利拥有量2282件，居全区前列。",
                 "150200", "150000", id="city news naming a district bureau as co-organiser"),
    pytest.param("现在位置: 首页 / 活动要闻 / 郑州日报对去年河南省专利拥有情况进行报道\n郑州日报对去年河南省专利拥有情况进行报道\n"
                 "本报讯 昨日，2020年河南省知识产权宣传周启动。去年我省有效商标注册量达87.4万件，全省专利授权量86247件。",
                 "410000", None, id="a city newspaper reporting on its province"),
    pytest.param("7月24日，某知识产权合作论坛在会展中心开幕。本次论坛由国家知识产权局、新疆维吾尔自治区人民政府主办，"
                 "乌鲁木齐市人民政府、昌吉回族自治州人民政府承办。\n今年1-6月，全区专利授权量8620件。",
                 "650000", None, id="co-organisers of one region: the region they share"),
    pytest.param("新华社兰州3月2日电 2023年，嘉峪关市专利授权量达到1500件，我市有效发明专利拥有量增长12%。",
                 "620200", "620000", id="an agency dateline names where the story was filed"),
    pytest.param("紹興(xīng)市上半年 專利申請(qǐng)授權量增長迅速\n浙江在線07月31日訊 2013年上半年，紹興市專利申請11801件。"
                 "其中，諸暨市專利申請量達到4193件；新昌縣發明專利申請量總量達到496件；新昌縣、嵊州市增幅分別為107%、104%。",
                 "330600", "330000", id="a headline naming the city, pinyin ruby and all, over its counties"),
    pytest.param("2020年甘肃省各地市的专利分布状况——兰州专利最多\n2020年，甘肃省获得国家发明专利1448项；兰州市获得发明专利"
                 "1000项，天水市120项。", "620000", None, id="a headline's highlight after a dash is not its subject"),
    pytest.param("我市召开知识产权工作新闻发布会\n本报讯 4月20日，我市举行新闻发布会。成立海外知识产权纠纷三门峡受理处。"
                 "全市有效商标注册量10923件，位居全省前列，居全省第三位，全省第一。",
                 "411200", "410000", id="city news, city named once by its short name"),
    pytest.param("昆山市知识产权“十四五”规划\n\n昆山市人民政府\n\n苏州市下达我市的目标为……", "320583", "320500",
                 id="county-level city, its city named in the body"),
]


@pytest.mark.parametrize("text, code, parent", EXCERPTS)
def test_region_of_real_style_excerpts(text: str, code: str, parent: str | None) -> None:
    doc = parse(text)
    assert doc.meta.region_code == code
    assert REGIONS[code].parent_code == parent
    [how] = [f for f in doc.meta.inferred_fields if f.startswith("region_code")]
    assert REGIONS[code].name in how or REGIONS[code].short in how
    assert {"region_name", "level"} <= set(doc.meta.inferred_fields)
    assert not [w for w in doc.warnings if "region" in w.message]


def test_inferred_note_names_the_deciding_words_and_line() -> None:
    guess = infer_region("为加快建设知识产权强市\n\n关于印发《武汉市知识产权“十四五”规划》的通知\n湖北省知识产权局：")
    assert (guess.region.code, guess.how, guess.words[0], guess.line) == ("420100", "title", "武汉市", 3)
    assert guess.note() == "region inferred: 武汉市 (420100) from the title, words 武汉市"


def test_county_rolls_up_to_city_and_province_without_naming_them() -> None:
    r = REGIONS["620421"]
    assert (r.name, r.level, r.parent_code) == ("靖远县", "county", "620400")
    assert (REGIONS["620400"].name, REGIONS["620400"].parent_code) == ("白银市", "620000")
    assert REGIONS["620000"].name == "甘肃省"


def test_ambiguous_text_loads_with_region_unknown_and_lists_candidates() -> None:
    doc = parse("通州区知识产权发展规划\n\n到2025年，全区发明专利拥有量达到5000件。")
    assert doc.meta.region_code is None and doc.meta.region_name is None
    [warning] = [w.message for w in doc.warnings if w.message.startswith("region ambiguous")]
    assert "通州区 (110112)" in warning and "通州区 (320612)" in warning
    [figure] = doc.figures
    assert (figure.value_number, figure.raw_unit, figure.year, figure.value_kind) == (5000, "件", 2025, "target")


def test_chinese_text_naming_no_region_loads_with_region_unknown_and_says_what_to_do() -> None:
    doc = parse("知识产权工作方案\n\n到2025年，发明专利拥有量达到500件。")
    assert (doc.meta.region_code, doc.meta.region_name, doc.meta.level) == (None, None, None)
    [warning] = [w.message for w in doc.warnings if "region" in w.message]
    assert warning.startswith("no recognizable region") and "add the document to the catalog with its region_code" in warning
    [figure] = doc.figures
    assert (figure.value_number, figure.raw_unit, figure.year, figure.value_kind) == (500, "件", 2025, "target")


def test_file_without_chinese_or_region_is_rejected_with_what_to_do() -> None:
    with pytest.raises(ParseError, match="no recognizable region .* check the file's encoding"):
        parse("Plan fuer die Region, Ziel 2025: 1500 Stueck")


@pytest.mark.parametrize("text", ["推进城市和县域知识产权协同发展的实施方案\n省市县三级联动。",
                                  "阿里巴巴集团知识产权保护工作方案\n到2025年……"])
def test_common_words_are_not_regions(text: str) -> None:
    assert infer_region(text).region is None


def test_former_catalog_code_maps_to_the_current_unit() -> None:
    doc = parse("下城区知识产权工作方案\n", region_code="330103")
    assert (doc.meta.region_code, doc.meta.region_name) == ("330105", "拱墅区")
    assert any("former code" in w.message and "330105" in w.message for w in doc.warnings)


def test_catalog_code_outside_the_reference_is_kept_and_reported() -> None:
    doc = parse("广州市知识产权规划\n到2025年，全市发明专利拥有量达到15万件。", region_code="440199")
    assert doc.meta.region_code == "440199"
    assert any("440199 is not in the reference regions" in w.message for w in doc.warnings)


@pytest.mark.skipif(not ZHEJIANG.exists(), reason="the shared reference file is not on this machine")
def test_seed_covers_china_and_keeps_zhejiang_and_province_population() -> None:
    with open(paths.REGIONS_SEED, encoding="utf-8") as fh:
        rows = {r["region_code"]: r for r in csv.DictReader(fh)}
    levels = [r["level"] for r in rows.values()]
    assert (levels.count("province"), levels.count("city"), levels.count("county")) == (34, 334, 2849)
    assert all(r["parent_code"] in rows for r in rows.values() if r["parent_code"])
    assert all(r["source"] for r in rows.values())
    with open(ZHEJIANG, encoding="utf-8") as fh:
        zhejiang = list(csv.DictReader(fh))
    assert len(zhejiang) == 102
    for z in zhejiang:
        row = rows[z["region_code"]]
        assert (row["name_zh"], row["parent_code"], row["population_2020"], row["source"]) == (
            z["name_zh"], z["parent_code"], z["population_2020"], z["source"])
    assert rows["420000"]["population_2020"] == "57752557"
    assert rows["420100"]["population_2020"] == ""  # not guessed
    assert (rows["640000"]["short_name"], rows["420100"]["short_name"], rows["620421"]["short_name"]) == (
        "宁夏", "武汉", "靖远")


def test_long_plan_named_only_by_its_signature_at_the_end() -> None:
    text = "“十四五”知识产权发展规划\n\n" + "我市坚持创新驱动发展，推进知识产权强市建设。\n" * 2000 + "\n宜昌市人民政府办公室\n2021年11月5日\n"
    guess = infer_region(text)
    assert (guess.region.code, guess.region.parent_code, guess.how, guess.line) == ("420500", "420000", "issuer", 2004)


def test_catalog_code_alone_fills_name_and_level_from_the_reference() -> None:
    doc = parse("知识产权工作方案\n", region_code="620421")
    assert (doc.meta.region_name, doc.meta.level) == ("靖远县", "county")
    assert {"region_name", "level"} <= set(doc.meta.inferred_fields)


def test_province_short_name_is_not_read_as_a_county() -> None:
    guess = infer_region("京津冀知识产权协同发展方案\n\n我省将……河北……河北……")
    assert (guess.region.code, guess.how) == ("130000", "self-reference")
