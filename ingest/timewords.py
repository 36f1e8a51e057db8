"""Time and cue vocabulary: date labels, relative time, part-year periods, section names, target and achievement cues."""

from __future__ import annotations

import re

# --- the document's own date -------------------------------------------------------------------
# labels of a date line in a page header or a notice ('发布日期：2022年04月28日')
DATE_LABELS = ("发布时间", "发布日期", "成文日期", "印发日期", "发文日期", "公布日期", "更新时间", "更新日期", "时间", "日期")
DATE_LABEL = re.compile(
    r"(?P<label>" + "|".join(DATE_LABELS) + r")\s*[:：]?\s*(?P<y>(?:19|20)\d\d)\s*[-年/.]\s*(?P<m>\d{1,2})"
    r"(?:\s*[-月/.]\s*(?P<d>\d{1,2}))?")
# a dated source line: '2021年09月06日08:58 | 来源:内蒙古日报', '2022年3月24日 来源：'
DATED_SOURCE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*"
                          r"(?:\d{1,2}:\d{2}|[|｜]|来源|作者|编辑|发布|浏览|字号)")
# a line that is only a date (a dateline, or the signature date at the end of a notice)
DATE_LINE = re.compile(
    r"^\s*[（(]?\s*(?P<y>(?:19|20)\d\d)\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})\s*日?[）)]?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
# '湖南日报 2017-02-04 09:17:27', '09.01.2022 10:30': a dated source line in a page header
STAMP = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"
                   r"|(?<!\d)(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)\d\d)\s+\d{1,2}:\d{2}")
# the signature date written in Chinese numerals: 二〇二一年十一月五日
CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_DATE_LINE = re.compile(r"^\s*(?P<y>[〇○零O一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月"
                          r"(?P<d>[一二三四五六七八九十]{1,3})日\s*$")
# a document number: 乐政办发〔2022〕69号
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔［\[（(【](?P<y>(?:19|20)\d\d)[〕］\]）)】]\s*\d{1,4}\s*号")
# a single year at the start of a title line ('2022年扬州市国家发明专利报告')
TITLE_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年(?![-—–~至到\d])")
# a year in a file's name, the last resort of a text that states no date ('jiangxi-2024h1', 'report_2019_05',
# 't20240810_1'): four digits on their own or a YYYYMMDD stamp, not part of a longer number
NAME_YEAR = re.compile(r"(?<!\d)(?P<y>(?:199|20[0-9])\d)(?:(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))?(?!\d)")

# --- plan periods -------------------------------------------------------------------------------
PLAN_RANGE = re.compile(r"[（(]?((?:19|20)\d\d)\s*[-—–~至到]\s*((?:19|20)\d\d)\s*年?[）)]?")
FIVE_YEAR = re.compile(r"十([一二三四五六])五")
PLAN_WORDS = re.compile(r"规划|方案|计划|纲要|意见|行动")
NOTICE = re.compile(r"(?:印发|发布|关于|现将|出台|制定|审议通过|公布|颁布)[^《\n]{0,4}《([^》\n]{2,80})》")
# a review of a finished plan period ('“十三五”时期…取得显著成效', '十二五期间'): the plan is the next one
REVIEWED_PERIOD = re.compile(r"十([一二三四五])五[”\"]?(?:(?:时期|期间)[^。；;]{0,16}(?:取得|成效|成就|成绩|回顾)"
                             r"|规划目标如期完成|规划(?:实施|执行)情况|以来)")
# a phase of the plan's schedule: '2022年9月-2024年6月', '2022—2023年'
PHASE_RANGE = re.compile(r"((?:19|20)\d\d)\s*年?(?:\d{1,2}\s*月(?:份)?)?\s*[-—–~至到]\s*((?:19|20)\d\d)\s*年")
# a quoted title: the years and periods in it are another document's
QUOTED_TITLE = re.compile(r"《[^》]{0,80}》")
# a line that captions a table or box, not a title
CAPTION_START = re.compile(r"^\s*(?:表\s*\d|附表|附件|专栏)|完成情况")
# a year the text plans for: '到2024年', '至2025年底'
PLANNED_YEAR = re.compile(r"(?<![截])(?:到|至)((?:19|20)\d\d)\s*年(?:底|末)?")

# --- relative time and parts of a year ---------------------------------------------------------
RELATIVE_THIS_YEAR = ("今年", "本年", "年内", "当年", "本年度")
RELATIVE_LAST_YEAR = ("去年", "上年", "上一年")
QUARTERS = {"一季度": 1, "第一季度": 1, "二季度": 2, "第二季度": 2, "三季度": 3, "第三季度": 3, "四季度": 4, "第四季度": 4}
HALVES = {"上半年": 1, "下半年": 2}
# months covered from January: 前三季度 = 1-9
TO_MONTH = {"前三季度": 9, "前两个月": 2, "前三个月": 3, "前四个月": 4, "前五个月": 5, "前六个月": 6,
            "前七个月": 7, "前八个月": 8, "前九个月": 9, "前十个月": 10, "前十一个月": 11}
CN_MONTH = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
            "十一": 11, "十二": 12}
# what a sentence says about the part of the year its figures cover
PART_OF_YEAR = re.compile(
    r"(?:(?P<y>(?:19|20)\d\d)\s*年(?:度)?)?\s*(?:"
    r"(?P<m1>\d{1,2})\s*[-~至到—–]\s*(?P<m2>\d{1,2})\s*月(?:份)?"
    r"|(?P<q>第?[一二三四]季度)"
    r"|(?P<h>[上下]半年)"
    r"|(?P<tm>前三季度|前[两二三四五六七八九十]{1,2}个月)"
    r"|截[至止](?:到)?(?P<asof>\d{1,2})\s*月(?:底|末|份)?"
    r")")
# 今年 / 去年 / 截至目前 in a sentence (去年同期 and 较去年 compare; they do not date the figure)
RELATIVE_YEAR = re.compile(
    r"(?:(?<![较比同与])(?P<last>去年|上年|上一年)(?!同期|同比)(?P<last_end>底|末)?|(?P<this>今年|本年度|本年|年内)"
    r"|(?P<now>截至目前|截止目前|目前))")

# --- kind cues ---------------------------------------------------------------------------------
FUTURE_CUES = ("力争", "将", "计划", "预计", "争取", "确保", "展望", "目标", "要达到", "要实现", "要突破", "预期")
FUTURE = re.compile(r"力争|(?<!即)(?<!实)将(?!近|军)|计划(?!单列)|预计|争取|确保|展望|目标[是为:：]|预期(?:目标|达到|实现)"
                    r"|(?<![主重需必])要(?:达到|实现|突破)|(?:到|至)(?:19|20)\d\d年(?:底|末)?")
ACHIEVED_CUES = ("期间", "以来", "已", "截至", "累计", "同比", "较上年", "比上年", "比去年", "完成", "实现了", "达到了", "取得")
ACHIEVED = re.compile(r"期间|以来|(?<![而])已(?:经)?|截[至止]|累计|同比|较上年|比上年|较去年|比去年|完成了|实现了|达到了"
                      r"|取得了|共(?:有|计|申请|授权|获)|新增|(?<![确保要])完成|创新高|获批|获得")
# section headings that frame what they contain
GOAL_SECTIONS = ("主要目标", "发展目标", "总体目标", "具体目标", "预期目标", "目标任务", "工作目标", "主要指标", "建设目标",
                 "发展指标", "目标指标")
ACHIEVED_SECTIONS = ("发展基础", "工作成效", "主要成绩", "主要成效", "取得成效", "发展成就", "工作回顾", "发展现状",
                     "现实基础", "取得显著成效", "取得的成绩", "基本情况", "工作成绩", "建设成效", "总体成效")
GOAL_SECTION = re.compile("|".join(GOAL_SECTIONS))
ACHIEVED_SECTION = re.compile("|".join(ACHIEVED_SECTIONS) + r"|十[一二三四五]五[”\"]?(?:时期|期间)[^，。]{0,12}(?:成效|成就|成绩|回顾)")
# the heading of a section: 第一章 / 一、 / （一） / 1. / 1、
HEADING_LEVELS = (
    re.compile(r"^\s*第[一二三四五六七八九十]+[章篇]"),
    re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]"),
    re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]"),
    re.compile(r"^\s*\d{1,2}\s*[、.．](?!\d)"),
)
# table columns: a header or caption that says the column holds results ('实际完成值', '2020年实现值'); the
# phrase 结合…实际 ('in the light of local conditions') says nothing about a table's columns
RESULTS_CAPTION = re.compile(r"统计(?:年鉴|年报|公报|快报|月报|数据)|年鉴|(?<!结合)(?<!根据)(?<!符合)实际(?:完成|值|数|达到)|完成情况|完成值|实现值"
                             r"|执行情况|发展情况|历年")

# a year column's header word: '2020年实现值' holds results, '2025年目标值' plans
ACTUAL_COLUMN_WORDS = ("实现值", "完成值", "实际值", "现状值", "基期值", "基数", "基准值", "现状")
TARGET_COLUMN_WORDS = ("目标值", "目标", "预期值", "预期目标")
ACTUAL_COLUMN_EXTRA = ("基期", "完成", "实际", "实现")  # inside a header with its year: '2020年（基期）', '完成情况（2020年）'

# --- period totals -------------------------------------------------------------------------------
# '十三五期间累计', '五年共', '五年来累计': a total over a span of years
SPAN_TOTAL = re.compile(r"(?P<n>[两三四五六七八九十])年(?:来|间|中)?(?:共|累计|合计|总计)")
SPAN_YEARS = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# --- sentence time (ingest/prose/timecontext.py) -------------------------------------------------
HEADING_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+、|第[一二三四五六七八九十]+[章节])")

TARGET_YEAR = re.compile(r"(力争)?(?<![高加升长增截止日])(?:到|至|在)(\d{4})年(?:底|末)?(?!的)|(\d{4})年(?:底|末)?(?:前|之前)(?!\d|[一二三四五六七八九十]+年)")

AS_OF_YEAR = re.compile(r"(?:截至|截止|截止到|截至到)(\d{4})年(?:底|末)?")

YEAR_LEAD = re.compile(r"^(\d{4})年(?![-—–~至到\d])")

FIVE_YEAR_PERIOD = re.compile(r"[“\"]?十([一二三四五六])五[”\"]?(?:期间|时期|以来|期末|末)")

PERIOD_WITHIN = re.compile(r"(试点期内|建设期内|示范期内|规划期内|试点期间|创建期内)")

YEAR_RANGE = re.compile(r"(\d{4})\s*[-—–~至到]\s*(\d{4})年")

YEAR_ANY = re.compile(r"(?<![较比于与同自从由超过\d\-—–~至到])(\d{4})\s*年(?:度|底|末)?(?![-—–~至到的])")

DATE_RANGE = re.compile(r"(\d{4})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[至到\-—–~]\s*(\d{4})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")

# a year the text reports figures for (not one it compares with: 比2018年, 较2015年, 超过2005年)
STATED_YEAR = re.compile(r"(?<![到至较比于与同超过\d\-—–~])(\d{4})\s*年(?!前|之前)")

REPORTED_YEAR = re.compile(r"(?<![到至\d\-—–~])(\d{4})\s*年")

# a year the text speaks of as under way: '2024年以来', '2024年上半年', '2023年1-8月', '截至2024年5月底', or
# the year of the event it reports on ('日前举行的2016年全市知识产权工作会议')
IN_PROGRESS = re.compile(r"(\d{4})\s*年(?:以来|上半年|前三季度|第?[一二三]季度|\d{1,2}\s*[-~至到—–]\s*\d{1,2}\s*月|\d{1,2}月(?:底|末|份)?(?!\d)"
                         r"|[^，。,;；\d]{0,12}(?:工作会议|局长会议|大会|论坛|宣传周))")

HEADER_DATE = re.compile(
    r"(?:发布时间|发布日期|成文日期|时间|日期)\s*[:：]?\s*(\d{4})\s*[-年/.]"
    r"|^\s*(\d{4})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
    r"|(?<!\d)\d{1,2}\.\d{1,2}\.(\d{4})\s+\d{1,2}:\d{2}"
    r"|(?<!\d)(\d{4})-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?")
