"""Counts in prose: the counted object after a place and a verb, thresholds inside a count's label, rank populations."""

from __future__ import annotations

from ingest.prose import extract_prose


def _rows(line: str) -> list[tuple[str, str, str | None, int | None, str]]:
    figs = extract_prose([line], set(), (None, None), [], "2020-07-01")
    return [(f.indicator_label, f.raw_value, f.raw_unit, f.year, f.value_kind) for f in figs]


def test_place_and_verb_before_a_count_name_the_object_after_it():
    assert _rows("截至目前，甘肃共培育12家国家知识产权示范企业、30家国家知识产权优势企业。") == [
        ("国家知识产权示范企业", "12", "家", 2020, "actual"), ("国家知识产权优势企业", "30", "家", 2020, "actual")]
    assert _rows("截至目前，西安市已累计支持建设8家市级知识产权运营中心，带动专利转化。") == [
        ("市级知识产权运营中心", "8", "家", 2020, "actual")]
    assert _rows("截至目前，青海共有15家专利代理机构。") == [("专利代理机构", "15", "家", 2020, "actual")]


def test_a_subject_naming_an_indicator_keeps_its_label():
    assert _rows("截至6月底，宝鸡共有专利2681件。") == [("宝鸡共有专利", "2681", "件", 2020, "actual")]


def test_threshold_after_a_count_belongs_to_the_count_label():
    assert _rows("截至2019年底，在全省14个地市中，8个地市专利授权总量超过2000件，5个地市有效发明专利拥有量超3000件。") == [
        ("地市专利授权总量超过2000件", "8", "个", 2019, "actual"),
        ("地市有效发明专利拥有量超3000件", "5", "个", 2019, "actual")]
    assert _rows("2019年，全市专利授权量突破1万件，3家企业专利授权量突破100件。") == [
        ("全市专利授权量", "1", "万件", 2019, "actual"), ("企业专利授权量突破100件", "3", "家", 2019, "actual")]


def test_a_level_above_a_threshold_without_a_count_stays_a_figure():
    assert _rows("截至2019年底，全省有效发明专利拥有量超过2000件。") == [("全省有效发明专利拥有量", "2000", "件", 2019, "actual")]


def test_the_population_of_a_rank_or_comparison_is_not_a_figure():
    assert _rows("2019年，长沙创新能力位列全国72个城市第9位，创新驱动力居全国第6位。") == []
    assert _rows("2019年，在全省14个地市中，长沙专利授权量最多，达到5万件。") == [("长沙专利授权量最多", "5", "万件", 2019, "actual")]
    assert _rows("2019年，全省共有72个城市参加评价。") == [("城市参加评价", "72", "个", 2019, "actual")]


def test_a_label_that_is_only_the_speaking_region_gives_way_to_the_counted_object():
    rows = [(f.indicator_label, f.raw_value, f.raw_unit, f.year, f.value_kind)
            for f in extract_prose(["上半年湖南省12个县专利申请增幅翻倍"], set(), (None, None), [], "2016-07-20")]
    assert rows == [("县专利申请增幅翻倍", "12", "个", 2016, "actual")]
    assert _rows("2015年，长沙市建成国家级高新区3个。") == [("长沙市建成国家级高新区", "3", "个", 2015, "actual")]


def test_a_count_before_an_award_is_the_awards_count():
    assert _rows("2019年，全省发明专利有2项获中国专利金奖、3项获中国专利银奖、14项获中国专利优秀奖。") == [
        ("中国专利金奖", "2", "项", 2019, "actual"), ("中国专利银奖", "3", "项", 2019, "actual"),
        ("中国专利优秀奖", "14", "项", 2019, "actual")]
    assert _rows("2019年，全省获中国专利奖44项。") == [("全省获中国专利奖", "44", "项", 2019, "actual")]


def test_a_share_before_bodies_and_what_they_do_is_the_share_of_bodies_doing_it():
    rows = [(f.indicator_label, f.raw_value, f.raw_unit, f.year, f.value_kind)
            for f in extract_prose(["到2020年，80%以上规模以上工业企业建立了知识产权管理制度。"], set(), (None, None), [], "2016-07-20")]
    assert rows == [("建立知识产权管理制度的规模以上工业企业", "80", "%", 2020, "target")]
    rows = [(f.indicator_label, f.raw_value) for f in
            extract_prose(["到2020年，60%以上的专利实现转化运用。"], set(), (None, None), [], "2016-07-20")]
    assert rows == [("专利实现转化运用", "60")]  # not bodies: the label stays as written
