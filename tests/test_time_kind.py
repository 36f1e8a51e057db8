"""Issue 20: a document's date from its text, relative time and parts of a year, kind from scoped cues, a reason per figure."""

from __future__ import annotations

from ingest.docdate import DocDate, PlanPeriod, document_date, plan_period
from ingest.document import parse_text
from ingest.model import DocumentMeta, ParsedDocument
from ingest.timeperiod import is_part_of_year, sdmx_period


def _parse(text: str, **meta: object) -> ParsedDocument:
    return parse_text(text, DocumentMeta("t", metadata_source="inferred", **meta), "t.txt", "0" * 64, "utf-8")  # type: ignore[arg-type]


def _fig(doc: ParsedDocument, value: str):
    found = [f for f in doc.figures if f.raw_value == value and f.value_kind != "change"]
    assert len(found) == 1, [(f.indicator_label, f.raw_value) for f in doc.figures]
    return found[0]


# --- the document's date and the plan period -----------------------------------------------------

def test_document_date_from_a_labelled_line_a_dateline_a_signature_a_doc_number_or_the_title():
    assert document_date(["杭州市知识产权局", "发布日期：2022年04月28日", "正文"]) == DocDate(2022, "2022-04-28", "发布日期", 2)
    assert document_date(["标题", "2021-12-31 10:05", "正文"]) == DocDate(2021, "2021-12-31", "dateline", 2)
    body = ["关于印发某某方案的通知"] + ["正文。"] * 20
    assert document_date(body + ["某市人民政府办公室", "2021年11月5日"]) == DocDate(2021, "2021-11-05", "signature", 23)
    assert document_date(body + ["某市人民政府", "二〇二一年十一月五日"]) == DocDate(2021, "2021-11-05", "signature", 23)
    assert document_date(["乐清市人民政府办公室文件", "乐政办发〔2022〕69号", "正文。"]) == DocDate(2022, None, "文号", 2)
    assert document_date(["2022年扬州市国家发明专利报告", "正文。"]) == DocDate(2022, None, "title", 1)
    assert document_date(["去年，全市专利授权量为3万件。"]) is None


def test_plan_period_from_title_notice_review_or_planned_years():
    assert plan_period(["某市知识产权“十四五”规划", "正文"]) == PlanPeriod(2021, 2025, "title", 1)
    assert plan_period(["各乡镇：", "现将《乐清市强县建设试点工作方案（2022-2025年）》印发给你们，请认真贯彻执行。"]) == \
        PlanPeriod(2022, 2025, "notice", 2)
    # a text reporting 十三五 results and planning ahead is a 十四五 plan (the bundled plans 000, 001, 003)
    review = ["前言。", "一、“十三五”规划目标如期完成，新征程全面开启", "（一）“十三五”时期知识产权事业取得显著成效"]
    assert plan_period(review) == PlanPeriod(2021, 2025, "review of the 十三五", 2)
    # ... but not when the document's own date says the period is not over: then the 十三五 it names
    assert plan_period(review, doc_year=2017) == PlanPeriod(2016, 2020, "text", 2)
    # a work plan's targets (到2024年) and its schedule (2022年9月-2024年6月): 2022-2024 (the bundled plan 004)
    work_plan = ["工作方案", "到2024年，培育示范企业50家。", "到2024年，累计培育100家。", "（2022年9月-2024年6月）全面推进。"]
    assert plan_period(work_plan) == PlanPeriod(2022, 2024, "years it plans for 到2024年", 2)
    # a chapter heading or a table caption is not the title
    assert plan_period(["表1“十三五”规划主要指标完成情况", "到2025年，X达到10件。", "到2025年，Y达到5件。"]) == \
        PlanPeriod(2021, 2025, "years it plans for 到2025年", 2)


def test_date_and_period_recorded_with_their_lines_catalog_date_wins():
    doc = _parse("某市知识产权“十四五”规划\n发布时间：2021-12-30\n到2025年，全市专利授权量达到3万件。")
    assert doc.meta.issue_date == "2021-12-30"
    assert "issue_date (2021-12-30: 发布时间; line 2)" in doc.meta.inferred_fields
    assert "plan_period (2021-2025: title)" in doc.meta.inferred_fields
    catalogued = _parse("某市知识产权“十四五”规划\n发布时间：2021-12-30\n正文。", issue_date="2022-01-05")
    assert catalogued.meta.issue_date == "2022-01-05"
    assert not any(f.startswith("issue_date") for f in catalogued.meta.inferred_fields)


# --- relative time and parts of a year -------------------------------------------------------------

NEWS_2022 = ("杭州市知识产权局\n发布日期：2022年04月28日\n"
             "一季度，我市新增商标注册申请1,432件。\n"
             "今年上半年，全市专利授权量达到8,123件。\n"
             "去年，全市专利授权量为30,211件。\n"
             "今年，全市将力争知识产权质押融资额突破120亿元。\n")


def test_relative_time_resolved_against_the_date_on_the_page():
    doc = _parse(NEWS_2022)
    q1 = _fig(doc, "1,432")
    assert (q1.year, q1.value_kind, q1.time_period) == (2022, "actual", "2022-Q1")
    assert q1.kind_reason == "actual: 一季度 (document dated 2022-04) (line 3)"
    h1 = _fig(doc, "8,123")
    assert (h1.year, h1.value_kind, h1.time_period) == (2022, "actual", "2022-S1")
    last = _fig(doc, "30,211")
    assert (last.year, last.value_kind, last.time_period) == (2021, "actual", "2021")


def test_this_year_with_a_future_cue_in_a_dated_text_is_a_target():
    fig = _fig(_parse(NEWS_2022), "120")
    assert (fig.year, fig.value_kind, fig.raw_unit) == (2022, "target", "亿元")
    assert fig.kind_reason == "target: 今年 (document dated 2022-04), 将 (line 6)"


def test_months_of_a_year_and_a_month_end_stock():
    doc = _parse("南通市专利统计\n2023年1-8月，全市专利授权量51,523件。\n截至8月底，全市有效发明专利42,673件。")
    grants = _fig(doc, "51,523")
    assert (grants.year, grants.value_kind, grants.time_period) == (2023, "actual", "2023-01/2023-08")
    stock = _fig(doc, "42,673")
    assert (stock.year, stock.value_kind, stock.time_period) == (2023, "actual", "2023-08")
    assert stock.kind_reason == "actual: 截至8月底 (the text's year 2023, under way in it (2023年以来/上半年/…)) (line 3)"


def test_january_report_of_the_whole_last_year():
    doc = _parse("某市知识产权局\n发布日期：2024-01-15\n1-12月，全市专利授权量12,345件。")
    fig = _fig(doc, "12,345")
    assert (fig.year, fig.time_period) == (2023, "2023")


def test_undated_relative_year_stays_unknown_with_a_warning():
    doc = _parse("江西省知识产权局消息\n今年上半年，全省新增专利授权26,640件。")
    fig = _fig(doc, "26,640")
    assert (fig.year, fig.value_kind, fig.time_period) == (None, "actual", None)
    assert any("no date of its own" in w.message for w in doc.warnings)


def test_sdmx_periods():
    assert sdmx_period(2023) == "2023"
    assert sdmx_period(2023, "Q1") == "2023-Q1"
    assert sdmx_period(2023, "01/08") == "2023-01/2023-08"
    assert sdmx_period(2023, "01/12") == "2023"
    assert sdmx_period(2020, None, 2016, 2020) == "2016/2020"
    assert sdmx_period(None, "S1") is None
    assert is_part_of_year("2023-S1") and not is_part_of_year("2023")


# --- kind from cues with scope ---------------------------------------------------------------------

def test_since_the_period_began_is_an_actual():
    doc = _parse("靖远县知识产权工作综述\n“十四五”以来，全县新增注册商标1,327件，专利授权547件。")
    fig = _fig(doc, "1,327")
    assert (fig.year, fig.value_kind) == (2025, "actual")
    assert fig.kind_reason == "actual: 十四五”以来 (line 2)"


def test_period_with_achievement_words_in_an_undated_news_is_an_actual():
    doc = _parse("靖远县知识产权工作综述\n“十四五”期间，靖远县新增注册商标1,327件、专利授权547件。")
    assert (_fig(doc, "547").year, _fig(doc, "547").value_kind) == (2025, "actual")


def test_a_year_before_the_plan_period_is_an_actual_and_goals_stay_targets():
    doc = _parse("某市知识产权“十四五”规划\n一、发展基础\n到2020年底，全市有效发明专利达到9,876件。\n"
                 "二、发展目标\n到2025年，全市每万人口高价值发明专利拥有量达到12件。")
    base = _fig(doc, "9,876")
    assert (base.year, base.value_kind) == (2020, "actual")
    assert base.kind_reason == "actual: 到2020年底 before the plan period (2021-2025) (line 3)"
    goal = _fig(doc, "12")
    assert (goal.year, goal.value_kind, goal.kind_reason) == (2025, "target", "target: 到2025年 (line 5)")


def test_conflicting_cues_give_unknown_and_a_warning():
    doc = _parse("某市知识产权工作总结\n一、主要成效\n到2026年，全市有效发明专利将达到20,000件。")
    fig = _fig(doc, "20,000")
    assert (fig.year, fig.value_kind) == (2026, "unknown")
    assert any("target or actual cannot be told" in w.message and w.line == 3 for w in doc.warnings)


def test_a_local_conditions_sentence_above_a_table_does_not_make_its_target_column_actual():
    doc = _parse("某市知识产权“十四五”规划\n结合我市实际，制定主要指标如下：\n"
                 "指标名称 | 单位 | 2020年 | 2025年 |\n每万人口发明专利拥有量 | 件 | 20 | 35 |\nPCT国际专利申请量 | 件 | 100 | 200 |\n")
    target = _fig(doc, "35")
    assert (target.source_kind, target.year, target.value_kind) == ("table", 2025, "target")
    assert target.kind_reason == "target: column 2025年, not before the document's year (2021) (line 3)"
    base = _fig(doc, "20")
    assert (base.year, base.value_kind, base.time_period) == (2020, "actual", "2020")


def test_from_the_end_of_a_period_to_now_takes_the_period_end_year():
    doc = _parse("某省知识产权“十四五”规划\n“十三五”时期，国内每万人口发明专利拥有量从“十二五”末的6.3件增加到15.8件。")
    assert (_fig(doc, "6.3").year, _fig(doc, "6.3").value_kind) == (2015, "actual")
    assert (_fig(doc, "15.8").year, _fig(doc, "15.8").value_kind) == (2020, "actual")


# --- period totals and pairs ------------------------------------------------------------------------

def test_a_span_of_years_is_a_period_total_with_its_start_and_end():
    doc = _parse("某市知识产权局\n发布日期：2021-01-20\n2020年，全市五年共培育国家知识产权示范企业50家。\n"
                 "“十三五”期间，通过知识产权质押融资20.04亿元。")
    five = _fig(doc, "50")
    assert (five.year, five.value_kind, five.period_start, five.period_end, five.time_period) == (2020, "actual", 2016, 2020, "2016/2020")
    pledge = _fig(doc, "20.04")
    assert (pledge.year, pledge.value_kind, pledge.time_period, pledge.basis_hint) == (2020, "actual", "2016/2020", "十三五期间")


def test_paired_before_and_after_lists_take_the_years_they_name():
    doc = _parse("上海市知识产权保护和运用“十四五”规划\n“十三五”期间，创造质量稳步提高。\n"
                 "发明专利申请量、授权量分别从“十二五”期末的4.70万件、1.76万件增长至2020年的8.28万件、2.42万件。")
    got = {(f.raw_value, f.year, f.value_kind) for f in doc.figures}
    assert got == {("4.70", 2015, "actual"), ("1.76", 2015, "actual"), ("8.28", 2020, "actual"), ("2.42", 2020, "actual")}


def test_a_text_without_a_date_takes_its_year_from_the_years_it_reports():
    under_way = _parse("某区知识产权工作\n2024年以来，我区全面加强知识产权保护。\n今年上半年，全区专利授权量654件。")
    assert (_fig(under_way, "654").year, _fig(under_way, "654").time_period) == (2024, "2024-S1")
    last_year = _parse("南昌市知识产权局获悉\n去年，南昌市专利申请量共22,479件。\n2018年全市有效发明专利拥有量为4,996件。")
    assert _fig(last_year, "22,479").year == 2018
    assert _fig(last_year, "22,479").kind_reason == \
        "actual: 去年 (the text's year 2019: 去年 is 2018, the latest year it reports) (line 2)"


def test_table_columns_without_a_date_or_plan_a_series_is_results_a_lone_year_unknown():
    series = _parse("某省专利统计\n指标名称 | 2019年 | 2020年 |\n专利授权量（件） | 100 | 120 |\n发明专利授权量（件） | 10 | 12 |\n")
    fig = _fig(series, "120")
    assert (fig.year, fig.value_kind) == (2020, "actual")
    assert fig.kind_reason == "actual: column 2020年 of a series of years, in a text with no date or plan (line 2)"
    lone = _parse("某省专利情况\n指标名称 | 2025年 |\n专利授权量（件） | 100 |\n发明专利授权量（件） | 10 |\n")
    assert (_fig(lone, "100").year, _fig(lone, "100").value_kind) == (2025, "unknown")
    assert any("target or actual cannot be told" in w.message and w.line == 2 for w in lone.warnings)


def test_every_table_of_a_statistical_publication_holds_results():
    doc = _parse("2023年知识产权统计年报\n单位：件\n指标名称 | 2022年 | 2023年 |\n专利授权量 | 100 | 120 |\n发明专利授权量 | 10 | 12 |\n")
    fig = _fig(doc, "120")
    assert (fig.year, fig.value_kind) == (2023, "actual")
    assert fig.kind_reason == "actual: column 2023年 in a table of results (caption) (line 3)"


def test_section_frames_open_at_a_heading_and_close_at_the_next_of_its_level():
    from ingest.prose.frames import Frame, section_frames
    lines = ["第一章 发展基础", "（一）主要成绩", "2020年，X达到5件。", "（二）面临形势", "形势。",
             "第二章 总体要求", "（一）发展目标", "到2025年，Y达到9件。", "二、重点任务", "任务。"]
    frames = section_frames(lines)
    base, goals = Frame("actual", "发展基础", 1), Frame("target", "发展目标", 7)
    assert frames == [base, Frame("actual", "主要成绩", 2), Frame("actual", "主要成绩", 2), base, base,
                      None, goals, goals, None, None]


def test_the_start_of_a_planned_pair_is_an_achieved_baseline():
    doc = _parse("某市知识产权“十四五”规划\n到2025年，全市每万人口发明专利拥有量由2020年的12件提高到20件。\n"
                 "“十四五”期间，全市有效注册商标由8万件增至12万件。\n")
    got = {(f.raw_value, f.year, f.value_kind) for f in doc.figures}
    assert got == {("12", 2020, "actual"), ("20", 2025, "target"), ("8", 2020, "actual"), ("12", 2025, "target")}
    assert _fig(doc, "8").kind_reason == "actual: 从…到… over 十四五”期间; the pair's start (line 3)"


def test_column_headers_with_a_year_and_a_kind_word_in_any_order():
    from ingest.tables.indicators import interpret_column
    assert (interpret_column("2020年（基期值）").year, interpret_column("2020年（基期值）").kind) == (2020, "actual")
    assert (interpret_column("目标值（2025年）").year, interpret_column("目标值（2025年）").kind) == (2025, "target")
    assert (interpret_column("2023年实际").year, interpret_column("2023年实际").kind) == (2023, "actual")
    assert interpret_column("2021-2025年累计").role == "other"  # a span, not a year column


def test_a_news_item_naming_a_plan_period_still_reads_its_year_from_what_it_reports():
    # the 十三五 it names gives a plan period, but not a date: 去年 is read from the meeting's year
    doc = _parse("本报讯 记者从日前举行的2016年全市知识产权工作会议获悉，截至去年年底，本市每万人口发明专利拥有量"
                 "达到12.2件，“十三五”末力争达到18件。")
    assert (_fig(doc, "12.2").year, _fig(doc, "12.2").value_kind) == (2015, "actual")
    assert (_fig(doc, "18").year, _fig(doc, "18").value_kind) == (2020, "target")


# --- a goal met, a requirement of this year, a target carried into a report, a period reported ---------------

def test_the_number_a_result_is_measured_against_is_the_goal():
    doc = _parse("某省知识产权局2021年1月8日讯\n截至2020年底，某省专利申请量达3896件，提前完成当年3600件的目标任务。\n"
                 "全省每万人口高价值发明专利拥有量已经达到15.3件，提前实现规划预期的12件目标。")
    assert (_fig(doc, "3896").value_kind, _fig(doc, "3896").year) == ("actual", 2020)
    assert (_fig(doc, "3600").value_kind, _fig(doc, "3600").year) == ("target", 2020)
    assert "的目标" in _fig(doc, "3600").kind_reason
    assert _fig(doc, "15.3").value_kind == "actual"
    assert _fig(doc, "12").value_kind == "target"


def test_this_year_with_a_requirement_floor_is_a_target():
    doc = _parse("2021年全省知识产权工作会议召开\n发布日期：2021-03-02\n年内新建维权援助机构不少于10家。\n"
                 "今年全省专利授权量已达到5200件。")
    f = _fig(doc, "10")
    assert (f.value_kind, f.year, f.indicator_label) == ("target", 2021, "年内新建维权援助机构")
    assert (_fig(doc, "5200").value_kind, _fig(doc, "5200").year) == ("actual", 2021)


def test_a_quoted_plan_goal_does_not_make_the_report_around_it_a_target():
    doc = _parse("发布日期：2025-08-01\n截至今年6月，某省每万人口高价值发明专利拥有量达到12.56件，提前完成“十四五”规划"
                 "“每万人口高价值发明专利拥有量力争达到12件”的目标。\n某省市场监管部门累计发布专利开放许可声明1009条，立案14件。")
    assert (_fig(doc, "12.56").value_kind, _fig(doc, "12.56").year) == ("actual", 2025)
    assert (_fig(doc, "1009").value_kind, _fig(doc, "1009").year) == ("actual", 2025)
    assert _fig(doc, "14").value_kind == "actual"


def test_a_target_read_from_a_future_cue_is_not_carried_into_a_sentence_that_reports():
    doc = _parse("发布日期：2024-02-20\n今年，全市将力争专利授权量达到9000件。全市已累计培育知识产权示范企业120家。")
    assert (_fig(doc, "9000").value_kind, _fig(doc, "9000").year) == ("target", 2024)
    f = _fig(doc, "120")
    assert (f.value_kind, f.year) == ("actual", 2024)
    assert "carried" in f.kind_reason


def test_a_period_ending_in_the_latest_year_an_undated_text_reports_is_reported():
    doc = _parse("某省科技创新规划编制说明\n本规划对全省科技创新作出总体部署。\n"
                 "“十三五”期间，全省地方财政科技支出累计达727.12亿元；2020年全省专利授权量达到8万件。")
    f = _fig(doc, "727.12")
    assert (f.value_kind, f.year) == ("actual", 2020)


def test_a_plan_a_news_story_says_was_issued_does_not_make_the_story_a_plan():
    doc = _parse("7月24日上午，某论坛在某区开幕。\n论坛期间，与会代表将听取报告。\n本次论坛活动将持续三天。\n"
                 "近年来，我区出台《贯彻<知识产权强国建设纲要(2021-2035年)>的实施意见》等系列文件。\n"
                 "2022年全区专利授权量1.2万件。")
    assert doc.meta.plan_period_start is None
    assert (_fig(doc, "1.2").value_kind, _fig(doc, "1.2").year) == ("actual", 2022)


def test_since_a_year_counts_up_to_the_texts_year_and_a_span_of_years_is_not_the_texts_year():
    doc = _parse("发布日期：2023-07-25\n2019年以来，全区培育知识产权优势企业81家。\n今年1-6月，全区专利授权量8620件。")
    assert (_fig(doc, "81").value_kind, _fig(doc, "81").year) == ("actual", 2023)
    assert "2019年以来" in _fig(doc, "81").kind_reason
    undated = _parse("2019年以来，全区专利授权量年均增长25%，培育知识产权优势企业81家。\n今年1-6月，全区专利授权量8620件。")
    assert _fig(undated, "8620").year is None      # the text never names the year it speaks from: not 2019
