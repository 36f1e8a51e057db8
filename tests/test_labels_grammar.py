"""Labels cut where the indicator ends (issue 23): frames, self-references, list words, lists, and units read."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest.prose import extract_prose

SEEDS = Path(__file__).resolve().parent.parent / "dbt_project" / "seeds"


def _prose(text: str, plan=(2021, 2025)) -> list[tuple]:
    return [(f.indicator_label, f.raw_value, f.raw_unit, f.year, f.value_kind)
            for f in extract_prose(text.split("\n"), set(), plan)]


def test_a_from_to_frame_leaves_its_preposition_and_the_from_value_takes_the_frames_year():
    assert _prose("到2020年底，每万人口发明专利拥有量从“十二五”末的2.2件增长到4.4件。") == [
        ("每万人口发明专利拥有量", "2.2", "件", 2015, "actual"),
        ("每万人口发明专利拥有量", "4.4", "件", 2020, "target"),
    ]
    assert _prose("到2025年，每万人口高价值发明专利拥有量由2020年的4.5件提高到12件。") == [
        ("每万人口高价值发明专利拥有量", "4.5", "件", 2020, "actual"),
        ("每万人口高价值发明专利拥有量", "12", "件", 2025, "target"),
    ]


def test_a_comparison_frame_at_the_end_is_cut():
    assert _prose("2017年，我省申请发明专利93527件，较2012年增长3.82倍。")[0] == (
        "我省申请发明专利", "93527", "件", 2017, "actual")


def test_a_distributed_from_to_list_labels_each_value_with_its_own_item():
    # never shifted by one: the k items label the k 'from' values and again the k 'to' values
    assert _prose("“十三五”时期，发明专利申请量、授权量分别从“十二五”期末的4.70万件、1.76万件增长至2020年的8.28万件、2.42万件。") == [
        ("发明专利申请量", "4.70", "万件", 2015, "actual"),
        ("发明专利授权量", "1.76", "万件", 2015, "actual"),
        ("发明专利申请量", "8.28", "万件", 2020, "actual"),
        ("发明专利授权量", "2.42", "万件", 2020, "actual"),
    ]


def test_list_items_of_different_length_take_the_shared_words_without_a_shift():
    assert _prose("2020年，国家级、省级知识产权示范企业分别为5家、20家。") == [
        ("国家级知识产权示范企业", "5", "家", 2020, "actual"),
        ("省级知识产权示范企业", "20", "家", 2020, "actual"),
    ]


@pytest.mark.parametrize(("text", "label"), [
    ("截至2020年，我市24个农产品获得了国家地理标志保护产品认证。", "农产品获得了国家地理标志保护产品认证"),
    ("2020年，全省共有6个知识产权强县试点示范县区。", "知识产权强县试点示范县区"),
    ("2021年，遴选出首批10家知识产权示范企业。", "知识产权示范企业"),
])
def test_a_label_of_sentence_debris_only_takes_the_words_after_the_number(text: str, label: str):
    assert [f[0] for f in _prose(text)] == [label]


def test_parallel_objects_take_the_measure_of_the_first_item():
    assert _prose("2021年，授权发明专利69.6万件,实用新型312.0万件,外观设计78.6万件。", plan=(2021, 2025)) == [
        ("授权发明专利", "69.6", "万件", 2021, "target"),
        ("授权实用新型", "312.0", "万件", 2021, "target"),
        ("授权外观设计", "78.6", "万件", 2021, "target"),
    ]
    assert [f[0] for f in _prose("截至2010年，累计申请植物新品种权48项，授权12项。")] == [
        "申请植物新品种权", "植物新品种权授权"]


def test_a_stock_list_is_not_completed_with_a_measure():
    assert [f[0] for f in _prose("2020年，有效发明专利3万件，商标5万件。")] == ["有效发明专利", "商标"]


@pytest.mark.parametrize(("text", "unit"), [
    ("2020年，全市办理知识产权质押融资120笔。", "笔"),
    ("2020年，全省专利权转让登记35宗。", "宗"),
    ("2020年，全市新增市场主体商标注册3200户。", "户"),
    ("2020年，全省植物新品种权授权12种。", "种"),
    ("2020年，培训知识产权人才3500人次。", "人次"),
    ("2020年，获中国专利奖9项。", "项"),
])
def test_count_units_are_read(text: str, unit: str):
    [(_, value, raw_unit, year, kind)] = _prose(text)
    assert (raw_unit, year, kind) == (unit, 2020, "actual")


def test_unit_seed_names_the_base_unit_of_each_count_word():
    with open(SEEDS / "units.csv", encoding="utf-8") as fh:
        units = {r["raw_unit"]: (r["unit"], float(r["factor"]), r["dimension"]) for r in csv.DictReader(fh)}
    assert units["笔"] == ("笔", 1.0, "count")
    assert units["万笔"] == ("笔", 10000.0, "count")
    assert units["宗"] == ("宗", 1.0, "count")
    assert units["户"] == ("家", 1.0, "count")
    assert units["万户"] == ("家", 10000.0, "count")
    assert units["种"] == ("种", 1.0, "count")
    assert units["人次"] == ("人次", 1.0, "count")
    assert units["项"] == ("项", 1.0, "count")
    assert units["千元"] == ("亿元", 0.00001, "money")


def test_every_metric_states_where_its_definition_comes_from():
    with open(SEEDS / "metrics.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all(r["source"].strip() for r in rows)
    by_id = {r["metric_id"]: r for r in rows}
    assert by_id["rd_intensity"]["source"].startswith("国家统计局")
    assert (by_id["rd_intensity"]["ip_object"], by_id["rd_intensity"]["denominator"]) == ("rd_expenditure", "share_gdp")


def test_a_money_amount_alone_takes_the_object_of_the_item_before_it():
    assert _prose("2017年，我省实现专利权质押融资529笔,跃居全国第1位,质押金额48.9亿元,居全国第5位。") == [
        ("我省实现专利权质押融资", "529", "笔", 2017, "actual"),
        ("我省实现专利权质押融资质押金额", "48.9", "亿元", 2017, "actual"),
    ]
