"""Issue 12: prose labels good enough for the metric analyzer. Chinese enumerations state shared words once
(the IP object, the verb 新增, the parent's measure under 其中); sentence debris stays out of the label.
Each case pins the exact label, value, unit, year, kind and basis word; look-alikes must stay apart.
The mapping of these labels is pinned in tests/test_metrics_labels.py (LABELS, LOOK_ALIKES)."""

from __future__ import annotations

from ingest.prose import extract_prose


def _rows(lines, plan=(None, None), doc_date=None):
    figs = extract_prose(lines, set(), plan, [], doc_date)
    return [(f.indicator_label, f.raw_value, f.raw_unit, f.year, f.value_kind, f.basis_hint)
            for f in figs if f.value_kind != "change"]


def test_a_measure_alone_takes_the_object_of_the_item_before_it():
    assert _rows(["今年上半年,该省专利申请数量达到66633件,授权数量为41637件;每万人发明专利数达到3.72件。"],
                 doc_date="2019-08-26") == [
        ("该省专利申请数量", "66633", "件", 2019, "actual", None),
        ("该省专利授权数量", "41637", "件", 2019, "actual", None),
        ("每万人发明专利数", "3.72", "件", 2019, "actual", None),
    ]
    assert _rows(["截至今年9月底,宝鸡共有专利2681件、授权1715件、商标申请5923件、注册2819件。"], doc_date="2019-10-20") == [
        ("宝鸡共有专利", "2681", "件", 2019, "actual", None),
        ("宝鸡共有专利授权", "1715", "件", 2019, "actual", None),
        ("商标申请", "5923", "件", 2019, "actual", None),
        ("商标注册", "2819", "件", 2019, "actual", None),
    ]
    # the first item's adverb (首次) and its measure are not shared; a stock word is a measure of its own
    assert _rows(["2018 年,全省专利申请总量首次突破 12 万件,达到 129820 件, 同比增长 17.77%;授权总量 64106 件。"]) == [
        ("全省专利申请总量", "129820", "件", 2018, "actual", None),
        ("全省专利授权总量", "64106", "件", 2018, "actual", None),
    ]
    assert _rows(["2020年商标申请93939件,商标注册58824件,有效注册量超过32万件。"])[2] == \
        ("商标有效注册量", "32", "万件", 2020, "actual", None)
    # a paired list: 累计 stays the figure's basis word
    assert _rows(["“十三五”以来,云南省累计专利申请量、授权量分别达到155607件和90136件。"], (2021, 2025)) == [
        ("云南省累计专利申请量", "155607", "件", 2020, "actual", "累计"),
        ("云南省累计专利授权量", "90136", "件", 2020, "actual", "累计"),
    ]


def test_a_list_of_measures_takes_the_items_before_it_in_order_and_新增_governs_parallel_items():
    assert _rows(["2016年,全省新认定知识产权示范建设企业达331家,新增国家知识产权示范企业6家,国家知识产权优势企业36家,"
                  "总数量分别达到14家和77家。"]) == [
        ("全省新认定知识产权示范建设企业", "331", "家", 2016, "actual", None),
        ("新增国家知识产权示范企业", "6", "家", 2016, "actual", "新增"),
        ("新增国家知识产权优势企业", "36", "家", 2016, "actual", "新增"),
        ("国家知识产权示范企业总数量", "14", "家", 2016, "actual", None),
        ("国家知识产权优势企业总数量", "77", "家", 2016, "actual", None),
    ]


def test_a_lone_total_after_a_list_sums_the_list_and_is_not_completed():
    # look-alike of '…达到10件，全市总量达到32000件': after two items the total is of both
    assert _rows(["2023年,新建知识产权保护中心8家、快速维权中心7家,总数达112家。"])[-1] == \
        ("总数", "112", "家", 2023, "actual", None)


def test_新增_stays_with_its_item_when_the_next_is_a_total_a_stock_or_another_thing():
    # look-alikes: the same object again is the running total; a stock word or another head noun is not governed
    assert _rows(["2021年新增地理标志23个,累计408个。"]) == [
        ("新增地理标志", "23", "个", 2021, "actual", "新增"),
        ("地理标志", "408", "个", 2021, "actual", "累计"),
    ]
    assert _rows(["2021年新增发明专利授权5907件,有效发明专利2.76万件。"]) == [
        ("新增发明专利授权", "5907", "件", 2021, "actual", "新增"),
        ("有效发明专利", "2.76", "万件", 2021, "actual", None),
    ]
    assert _rows(["2021年新增国家知识产权示范企业6家,专利代理机构20家。"])[1] == \
        ("专利代理机构", "20", "家", 2021, "actual", None)


def test_a_breakdown_under_其中_counts_the_parents_flow_measure():
    assert _rows(["2023年1-10月份,全市专利授权量27138件,同比下降0.53%。其中发明专利4967件,同比下降0.14%。"],
                 doc_date="2023-11-20") == [
        ("全市专利授权量", "27138", "件", 2023, "actual", None),
        ("发明专利授权量", "4967", "件", 2023, "actual", None),
    ]
    # look-alike: under a stock the breakdown keeps its label (a stock's parts name their own 有效/拥有)
    assert _rows(["截至2023年底,全市有效专利5万件,其中发明专利2万件。"])[1] == \
        ("发明专利", "2", "万件", 2023, "actual", None)


def test_a_measure_after_a_breakdown_is_not_completed_from_the_breakdown():
    # '其中发明专利申请1万件，授权量3万件': the grants may be the breakdown's or the whole's — left as written
    assert _rows(["2021年,全市专利申请量5万件,其中发明专利申请1万件,授权量3万件。"])[2] == \
        ("授权量", "3", "万件", 2021, "actual", None)
    # the breakdown after a completed item counts that item's measure
    assert _rows(["2021年,全市专利申请量5万件,授权量3万件,其中发明专利2万件。"])[1:] == [
        ("全市专利授权量", "3", "万件", 2021, "actual", None),
        ("发明专利授权量", "2", "万件", 2021, "actual", None),
    ]


def test_court_measures_are_not_completed_from_another_case_type():
    assert [r[0] for r in _rows(["2020年受理知识产权刑事案件49件,审结38件。"])] == ["受理知识产权刑事案件", "审结"]


def test_a_total_after_a_density_drops_the_denominator_and_a_split_number_is_read():
    # the number and its unit on two lines (PDF copy); '全市总量' is the total of the object, never per 10k
    assert _rows(["到 2024 年,推动全市高价值发明专利创造能力持续增强。", "——“一个倍增”。力争万人高价值发明专利拥有量达到 10",
                  "件,预计全市总量达到 32000 件。"], (2022, 2024), "2022-03-25") == [
        ("万人高价值发明专利拥有量", "10", "件", 2024, "target", None),
        ("全市高价值发明专利总量", "32000", "件", 2024, "target", None),
    ]


def test_a_share_after_its_subject_and_a_threshold_clause_name_their_subject():
    assert _rows(["2022年,全省专利密集型产业增加值为2765.65亿元,同比增长10.62%,占GDP比重达9.55%。"]) == [
        ("全省专利密集型产业增加值", "2765.65", "亿元", 2022, "actual", None),
        ("全省专利密集型产业增加值占GDP比重", "9.55", "%", 2022, "actual", None),
    ]
    assert _rows(["去年,南昌市专利申请量突破两万大关,共22479件,同比增长22%。"], doc_date="2019-01-31") == [
        ("南昌市专利申请量", "22479", "件", 2018, "actual", None)]


def test_sentence_debris_stays_out_of_the_label():
    assert _rows(["简讯:黑龙江:今年前7个月专利授权23186件同比增15.59%"], doc_date="2022-08-10")[0][0] == "今年前7个月专利授权"
    assert _rows(["据悉,安徽有效发明专利于2013年首破1万件(1.2万件),经过五年快速发展,2018年突破5万件,达6.1万件。"],
                 doc_date="2020-04-20")[-1] == ("安徽有效发明专利", "6.1", "万件", 2018, "actual", None)
    assert _rows(["今年上半年,江西全省专利受理量共计2.795万件。", "代表创新能力的发明专利申请增长迅猛,达4600件,增幅57.3%。"],
                 doc_date="2017-07-20")[-1] == ("发明专利申请", "4600", "件", 2017, "actual", None)
    assert _rows(["摄2021年贵州商标注册9.7189万件,同比增长65.8%。"])[0][0] == "贵州商标注册"
    assert _rows(["截至2025年11月,成都市已累计支持建设16家市级高价值专利培育中心,带动高价值发明专利突破5.6万件。"])[-1][0] == \
        "高价值发明专利"
    # look-alike: 摄影 (photographic works) is a word, not a photo credit
    assert _rows(["2021年摄影作品登记量1200件。"])[0][0] == "摄影作品登记量"
