"""Prose extraction classes from real texts (issue 11): time context, pairs, number formats, lists, changes, distractors."""

from __future__ import annotations

from ingest.prose import document_year, extract_prose, tidy


def _rows(lines, plan=(None, None), doc_date=None, national=False):
    figs = extract_prose(lines, set(), plan, [], doc_date, national)
    return [(f.indicator_label, f.raw_value, f.raw_unit, f.year, f.value_kind, f.value_number) for f in figs]


def test_achievements_in_a_later_document_are_actuals():
    assert _rows(["截至2020年底，全省有效发明专利达到2.7万件。"], (2021, 2025)) == [
        ("全省有效发明专利", "2.7", "万件", 2020, "actual", 2.7)]
    assert _rows(["2021年，全省专利授权15.5万件。"], doc_date="2022-01-10") == [
        ("全省专利授权", "15.5", "万件", 2021, "actual", 15.5)]
    # 今年 is the report's year; a year the document has passed is an actual whatever the verb
    assert _rows(["截至今年6月底，全省有效发明专利突破10万件。"], doc_date="2022-07-01")[0][3:5] == (2022, "actual")
    assert _rows(["到2020年底，全市有效发明专利达到5000件。"], doc_date="2021-03-01")[0][3:5] == (2020, "actual")
    assert _rows(["到2025年，全市有效发明专利达到9000件。"], doc_date="2021-03-01")[0][3:5] == (2025, "target")


def test_document_year_from_header_or_latest_reported_year():
    assert document_year(["发布时间:2026-01-14", "正文"], None, (None, None)) == 2026
    assert document_year(["湖南日报 2017-02-04 09:17:27"], None, (None, None)) == 2017
    assert document_year(["2019年全省专利申请10件，2020年12件。"], None, (None, None)) == 2020
    assert document_year(["到2025年达到10件。"], None, (2021, 2025)) is None


def test_before_after_pairs_give_two_actuals():
    rows = _rows(["“十三五”期间，全省有效发明专利由47166件增至91133件，高价值专利占比从42.1%提升到59.7%。"], (2021, 2025))
    assert [(r[1], r[3], r[4]) for r in rows] == [("47166", 2015, "actual"), ("91133", 2020, "actual"),
                                                 ("42.1", 2015, "actual"), ("59.7", 2020, "actual")]
    rows = _rows(["每万人口发明专利拥有量从2015年的2.2件增长到2020年的4.4件。"], (2021, 2025))
    assert [(r[1], r[3], r[4]) for r in rows] == [("2.2", 2015, "actual"), ("4.4", 2020, "actual")]


def test_number_formats():
    rows = _rows(["到2025年，每万人口高价值发明专利拥有量达到0.52 件，PCT国际专利申请量达到1,234件，"
                  "知识产权保护社会满意度达到85分."], (2021, 2025))
    assert [(r[0], r[5], r[2]) for r in rows] == [("每万人口高价值发明专利拥有量", 0.52, "件"),
                                                 ("PCT国际专利申请量", 1234.0, "件"), ("知识产权保护社会满意度", 85.0, "分")]
    # spaces from PDF exports and pinyin ruby from web pages are tidied
    assert tidy("2018 年,全省专利申请总量达到 129820 件") == "2018年,全省专利申请总量达到129820件"
    assert tidy("有效发(fā)明专利10万(wàn)件") == "有效发明专利10万件"


def test_lists_pair_labels_in_order():
    rows = _rows(["2021年，全市专利授权量和发明专利授权量分别突破4.5万件和1.7万件。"], doc_date="2022-02-01")
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [("全市专利授权量", "4.5", 2021, "actual"),
                                                       ("发明专利授权量", "1.7", 2021, "actual")]


def test_changes_are_their_own_kind_and_signed():
    rows = _rows(["2023年1-10月份，全市专利授权量27138件，同比下降0.53%；发明专利4967件，同比增长186%。"],
                 doc_date="2023-11-20")
    assert [(r[1], r[4], r[5]) for r in rows] == [("27138", "actual", 27138.0), ("0.53", "change", -0.53),
                                                 ("4967", "actual", 4967.0), ("186", "change", 186.0)]
    rows = _rows(["2017年，我省申请发明专利93527件，较2012年增长3.82倍；万人发明专利拥有量是全省的3.88倍，提高1.2个百分点。"],
                 doc_date="2018-03-01")
    assert [(r[1], r[2], r[4]) for r in rows] == [("93527", "件", "actual"), ("3.82", "倍", "change"),
                                                 ("3.88", "倍", "change"), ("1.2", "个百分点", "change")]


def test_distractors_are_not_figures():
    rows = _rows(["到2020年，着力打造3-5个专利密集型产业，全省年专利申请量超2000件的县市区超过30个，"
                  "培育3家至5家服务机构，提出19条具体措施。"], (2016, 2020))
    assert [(r[0], r[1], r[2]) for r in rows] == [("全省年专利申请量超2000件的县市区", "30", "个")]
    # a threshold crossed next to the exact figure; page furniture
    rows = _rows(["本篇文章722字,读完约2分钟", "2018年，全省专利申请总量首次突破12万件，达到129820件。"], doc_date="2019-01-19")
    assert [r[1] for r in rows] == ["129820"]
    # a national target quoted in a city's news belongs to the country
    text = ["2021年，全市专利授权量1.2万件。国家“十四五”规划提出，到2025年每万人口高价值发明专利拥有量达到12件。"]
    assert [r[1] for r in _rows(text, doc_date="2022-01-05")] == ["1.2"]
    assert [r[1] for r in _rows(text, doc_date="2022-01-05", national=True)] == ["1.2", "12"]


def test_undated_relative_year_stays_unknown():
    rows = _rows(["截至今年9月底，宝鸡共有专利2681件。"])
    assert rows == [("宝鸡共有专利", "2681", "件", None, "actual", 2681.0)]


def test_label_keys_normalize_traditional_and_taiwanese_terms():
    from ingest.labels import indicator_key

    assert indicator_key("智慧財產權質押融資金額（億元）") == indicator_key("知识产权质押融资金额（亿元）")
    assert indicator_key("发(fā)明专利<b>授权</b>量") == indicator_key("发明专利授权量")
    assert indicator_key("通过专利合作条约(PCT)途径提交的国际专利申请量") == "通过专利合作条约pct途径提交的国际专利申请量"


def test_unknown_year_is_reported():
    warnings: list[tuple[int, str]] = []
    extract_prose(["截至今年9月底，宝鸡共有专利2681件。"], set(), (None, None), warnings)
    assert warnings and warnings[0][0] == 1 and "issue_date" in warnings[0][1]


def test_time_words_of_real_pages():
    # 以来: since the period began, up to the document's date; month-dated before/after pairs
    rows = _rows(["“十三五”以来，全省累计专利申请量达到155607件。"], doc_date="2020-12-07")
    assert rows[0][3:5] == (2020, "actual")
    rows = _rows(["每万人口发明专利拥有量从2015年末的1.61件提高到2020年9月的3.1件。"], doc_date="2020-12-07")
    assert [(r[1], r[3], r[4]) for r in rows] == [("1.61", 2015, "actual"), ("3.1", 2020, "actual")]
    # a year inside a quoted title is not the time of the figures; 前7个月 is a duration
    rows = _rows(["今年印发《实施方案(2022-2025年)》，入库企业已达193家。今年前7个月专利授权23186件，同比增15.59%。"],
                 doc_date="2022-09-09")
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [("193", "家", 2022, "actual"), ("23186", "件", 2022, "actual"),
                                                       ("15.59", "%", 2022, "change")]
    # a share names the figure before it
    rows = _rows(["2018年，企业授权量5444件，占28.01%。"], doc_date="2019-01-28")
    assert rows[1][0] == "企业授权量占" and rows[1][1] == "28.01"


def test_year_ranges_and_every_year_give_no_single_year():
    # '2022-2024年分别实施…40个、50个、60个' is not three 2024 figures; '每年' is not a year
    rows = _rows(["每年实施不少于40项发明专利产业化项目，2022-2024年分别实施发明专利产业化项目40个、50个、60个。"],
                 (2022, 2025), doc_date="2022-12-28")
    assert not [r for r in rows if r[3] == 2024 and r[1] in ("40", "50")]
