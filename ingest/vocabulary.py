"""The words the extraction grammar reads, as named data (units, qualifiers, verbs, time words, kind cues, change, label and distractor words), and the shared patterns built from them.

Every word list is a tuple of regex fragments: most are plain words; a guard such as `(?<!即)将(?!近)` keeps
a word from being read inside another. Lists are joined in the order written (an alternation tries its
words in that order: keep a longer word before its prefix). The patterns at the end of each section are
public; the parts of the grammar (ingest/prose/, docdate.py, the table readers) import them by name.
"""

from __future__ import annotations

import re
from typing import Iterable


def any_of(words: Iterable[str]) -> str:
    """The regex alternation of `words` (regex fragments), in the order given."""
    return "|".join(words)


# =====================================================================================================
# 1. Numbers and units
# =====================================================================================================
# units as they appear after a number or in a 单位 column; longest first for the regex
UNITS = ["人次", "亿元", "万元", "千元", "万件", "万个", "万家", "万项", "万人", "万笔", "万户", "亿件", "件", "个", "家", "项",
         "元", "%", "人", "所", "次", "本", "座", "名", "点", "户", "条", "部", "批", "倍", "笔", "宗", "种"]
# units a number in running text may carry: a 万/亿 prefix is matched as the multiplier, and
# 点 / 批 / 倍 are left out there ('一批', '2.7倍' are not figures); longest first for the regex
PROSE_UNITS = [u for u in UNITS if (u[0] not in "万亿" or u in ("亿元", "万元")) and u not in ("点", "批", "倍")]
# prose-only units: percentage points, points (分, not 分钟), deals (笔), 万亿元; 倍 only for changes
PROSE_EXTRA_UNITS = ["个百分点", "亿元", "笔", "分(?![钟之别])", "倍"]
# the multipliers written between a number and its unit
MULTIPLIERS = {"万": 10_000.0, "亿": 100_000_000.0}
# the characters of a number written in Chinese numerals (十五, 两百, 三千零五)
CN_NUMERALS = "零〇一二两三四五六七八九十百千"
# a table cell that holds no value
NONE_MARKS = {"", "/", "-", "—", "--", "——", "无", "N/A", "n/a", "\\"}

# a unit after a number in running text (a guarded unit first, then the rest longest first)
UNIT_RE = "|".join([u for u in PROSE_EXTRA_UNITS if "(" in u] + sorted(
    [re.escape(u) for u in set(PROSE_UNITS) | {u for u in PROSE_EXTRA_UNITS if "(" not in u}], key=len, reverse=True))
# a number in running text: sign, digits (or Chinese numerals), multiplier, unit
NUM_RE = rf"(?P<sign>-)?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[两二三四五六七八九十百千]+)(?P<mult>万|亿)?(?P<unit>{UNIT_RE})?"
NUMBER = re.compile(NUM_RE)
# two or more numbers listed with 、/和/及/, ('分别为12件、15件和18件')
LIST_VALUES_RE = rf"(?P<vals>(?:\d+(?:\.\d+)?(?:万|亿)?(?:{UNIT_RE})?)(?:(?:、|和|及|,)\d+(?:\.\d+)?(?:万|亿)?(?:{UNIT_RE})?)+)"


# =====================================================================================================
# 2. Qualifiers and value verbs
# =====================================================================================================
# qualifiers of a table cell, as written before or after its number: '≥150', '不低于150', '150以上'
QUALIFIER_BEFORE = {"≥": ">=", ">=": ">=", "⩾": ">=", "不低于": ">=", "不少于": ">=", "大于等于": ">=",
                    "超过": ">=", "高于": ">=", "大于": ">=", ">": ">=",
                    "≤": "<=", "<=": "<=", "⩽": "<=", "不高于": "<=", "不超过": "<=", "小于等于": "<=",
                    "低于": "<=", "小于": "<=", "<": "<=", "控制在": "<="}
QUALIFIER_AFTER = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=", "左右": ""}
# in prose: the word of a value verb that makes the figure a floor ('突破10万件'), the first found in this order
VERB_QUALIFIERS = ("超过", "突破", "不低于", "不少于", "超")
# ...and the verbs of a 分别 list that do ('分别突破100件和200件')
LIST_VERB_QUALIFIERS = ("突破", "超过", "超")
# a floor written after the number ('70%以上')
AT_LEAST_AFTER = "以上"
# the word that makes a target aspirational ('力争到2025年…'): the figure's qualifier_text
ASPIRATION = "力争"

# the verb between a label and its value ('专利申请量达到…', '累计分别为…'); cut from the label's end
VALUE_VERB_WORDS = ("达到", "达", "超过", "超", "突破", "不低于", "不少于", "保持在", "保持", "稳定在", "增加至", "增加到",
                    "提高到", "提高至", "提升至", "提升到", "增至", "增长到", "为", "是", "约", "近", "逾", "共", "至")
VALUE_VERBS = r"(?:累计|累)?(?:分别)?(?:" + any_of(VALUE_VERB_WORDS) + ")"
# a number in Chinese numerals is a figure only after one of these ('新增三家', not '三大工程')
NUMERAL_VERB_WORDS = ("达到", "达", "超过", "突破", "不低于", "不少于", "为", "新增", "建成", "培育")
NUMERAL_VERB_BEFORE = re.compile("(" + any_of(NUMERAL_VERB_WORDS) + ")$")


# =====================================================================================================
# 3. The document's own date
# =====================================================================================================
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
CN_DATE_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_DATE_LINE = re.compile(r"^\s*(?P<y>[〇○零O一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月"
                          r"(?P<d>[一二三四五六七八九十]{1,3})日\s*$")
# a document number: 乐政办发〔2022〕69号
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔［\[（(【](?P<y>(?:19|20)\d\d)[〕］\]）)】]\s*\d{1,4}\s*号")
# a single year at the start of a title line ('2022年扬州市国家发明专利报告')
TITLE_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年(?![-—–~至到\d])")
# a year in a file's name, the last resort of a text that states no date ('jiangxi-2024h1', 'report_2019_05',
# 't20240810_1'): four digits on their own or a YYYYMMDD stamp, not part of a longer number
NAME_YEAR = re.compile(r"(?<!\d)(?P<y>(?:199|20[0-9])\d)(?:(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))?(?!\d)")
# a date in a page header, for the year the text speaks from (prose)
HEADER_DATE = re.compile(
    r"(?:发布时间|发布日期|成文日期|时间|日期)\s*[:：]?\s*(\d{4})\s*[-年/.]"
    r"|^\s*(\d{4})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
    r"|(?<!\d)\d{1,2}\.\d{1,2}\.(\d{4})\s+\d{1,2}:\d{2}"
    r"|(?<!\d)(\d{4})-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?")


# =====================================================================================================
# 4. Plan periods
# =====================================================================================================
# the ordinal X of a 十X五 plan and the plan's number (十三五 is the 13th plan, 2016-2020)
FIVE_YEAR_PLANS = {"一": 11, "二": 12, "三": 13, "四": 14, "五": 15, "六": 16}
PLAN_RANGE = re.compile(r"[（(]?((?:19|20)\d\d)\s*[-—–~至到]\s*((?:19|20)\d\d)\s*年?[）)]?")
FIVE_YEAR = re.compile(r"十([一二三四五六])五")
# the words that name a plan in a title
PLAN_NAME_WORDS = ("规划", "方案", "计划", "纲要", "意见", "行动")
PLAN_WORDS = re.compile(any_of(PLAN_NAME_WORDS))
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


# =====================================================================================================
# 5. Relative time and parts of a year
# =====================================================================================================
LAST_YEAR_WORDS = ("去年", "上年", "上一年")
THIS_YEAR_WORDS = ("今年", "本年度", "本年", "年内")
NOW_WORDS = ("截至目前", "截止目前", "目前")
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
# 今年 / 去年 / 截至目前 in a sentence (去年同期, 较去年 and 超过去年 compare; they do not date the figure)
RELATIVE_YEAR = re.compile(
    r"(?:(?<![较比同与超])(?<!超过)(?<!高于)(?<!多于)(?<!低于)(?P<last>" + any_of(LAST_YEAR_WORDS) + r")(?!同期|同比)(?P<last_end>底|末)?"
    r"|(?P<this>" + any_of(THIS_YEAR_WORDS) + r")"
    r"|(?P<now>" + any_of(NOW_WORDS) + r"))")


# =====================================================================================================
# 6. Kind cues: target or achieved
# =====================================================================================================
# words that say a figure is planned ('力争', '将', '到2025年')
FUTURE_CUES = ("力争", r"(?<!即)(?<!实)将(?!近|军)", r"计划(?!单列)", "预计", "争取", "确保", "展望", r"目标[是为:：]",
               r"预期(?:目标|达到|实现)", r"(?<![主重需必])要(?:达到|实现|突破)", r"(?<![截止])(?:到|至)(?:19|20)\d\d年(?:底|末)?")
FUTURE = re.compile(any_of(FUTURE_CUES))
# a requirement's floor: with 今年/年内 in a dated text the figure is planned ('年内新建…不少于10家')
REQUIREMENT_CUES = ("不少于", "不低于")
REQUIREMENT = re.compile(any_of(REQUIREMENT_CUES))
# a plan's words quoted in a sentence that reports ('提前完成“…力争达到12件”的目标'): their cues are the plan's
QUOTED_PLAN = re.compile(r"[“\"「][^”\"」]{6,120}[”\"」]")
# words right after a number that make it the goal, not the result ('超额完成当年1600件的目标任务')
GOAL_AFTER = re.compile(r"^[”\"」]?\s*的?\s*(?:预期|规划|发展|年度|既定)?目标(?:任务|值)?(?![是为:：])")
# words that say a figure is achieved ('已', '累计', '同比', '新增')
ACHIEVED_CUES = ("期间", "以来", r"(?<![而])已(?:经)?", "截[至止]", "累计", "同比", "较上年", "比上年", "较去年", "比去年",
                 "完成了", "实现了", "达到了", "取得了", r"共(?:有|计|申请|授权|获)", "新增", r"(?<![确保要])完成", "创新高",
                 "获批", "获得")
ACHIEVED = re.compile(any_of(ACHIEVED_CUES))
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
# a heading line in prose (its figures' time does not carry over it)
HEADING_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+、|第[一二三四五六七八九十]+[章节])")
# table columns: a header or caption that says the column holds results ('实际完成值', '2020年实现值'); the
# phrase 结合…实际 ('in the light of local conditions') says nothing about a table's columns
RESULTS_CAPTION = re.compile(r"统计(?:年鉴|年报|公报|快报|月报|数据)|年鉴|(?<!结合)(?<!根据)(?<!符合)实际(?:完成|值|数|达到)|完成情况|完成值|实现值"
                             r"|执行情况|发展情况|历年")

# a year column's header word: '2020年实现值' holds results, '2025年目标值' plans
ACTUAL_COLUMN_WORDS = ("实现值", "完成值", "实际值", "现状值", "基期值", "基数", "基准值", "现状")
TARGET_COLUMN_WORDS = ("目标值", "目标", "预期值", "预期目标")
ACTUAL_COLUMN_EXTRA = ("基期", "完成", "实际", "实现")  # inside a header with its year: '2020年（基期）', '完成情况（2020年）'


# =====================================================================================================
# 7. Sentence time: the year and period a clause states
# =====================================================================================================
# '到2025年', '力争到2025年底', '2025年前': a year the figure is planned for (the 力争 group makes it aspirational)
TARGET_YEAR = re.compile(r"(力争)?(?<![高加升长增截止日])(?:到|至|在)(\d{4})年(?:底|末)?(?!的)|(\d{4})年(?:底|末)?(?:前|之前)(?!\d|[一二三四五六七八九十]+年)")
# '截至2023年底': the year a stock is counted at
AS_OF_YEAR = re.compile(r"(?:截至|截止|截止到|截至到)(\d{4})年(?:底|末)?")
# a sentence that starts with its year
YEAR_LEAD = re.compile(r"^(\d{4})年(?![-—–~至到\d])")
# '“十三五”期间', '十四五末', '十三五以来'
FIVE_YEAR_PERIOD = re.compile(r"[“\"]?十([一二三四五六])五[”\"]?(?:期间|时期|以来|期末|末)")
# a 十X五 after one of these is what a figure is compared with ('比“十二五”期间提高了…'), not its time
COMPARED_BEFORE = ("比", "是", "较", "为")
# the plan's own period named without years
PERIOD_WITHIN_WORDS = ("试点期内", "建设期内", "示范期内", "规划期内", "试点期间", "创建期内")
PERIOD_WITHIN = re.compile("(" + any_of(PERIOD_WITHIN_WORDS) + ")")
YEAR_RANGE = re.compile(r"(\d{4})\s*[-—–~至到]\s*(\d{4})年")
# any year a clause names (not one it compares with: 较2015年, 比2018年)
YEAR_ANY = re.compile(r"(?<![较比于与同自从由超过\d\-—–~至到])(\d{4})\s*年(?:度|底|末)?(?![-—–~至到的])")
DATE_RANGE = re.compile(r"(\d{4})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[至到\-—–~]\s*(\d{4})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
# a year the text reports figures for (not one it compares with: 比2018年, 较2015年, 超过2005年)
STATED_YEAR = re.compile(r"(?<![到至较比于与同超过\d\-—–~])(\d{4})\s*年(?!前|之前)")
REPORTED_YEAR = re.compile(r"(?<![到至\d\-—–~])(\d{4})\s*年")
# a year the text speaks of as under way: '2024年以来' (not '2019年以来…年均增长25%', a span of years), '2024年上半年', '2023年1-8月', '截至2024年5月底', or
# the year of the event it reports on ('日前举行的2016年全市知识产权工作会议')
# 'since a year' (2019年以来…): figures counted from that year up to the text's own
SINCE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年以来")
IN_PROGRESS = re.compile(r"(\d{4})\s*年(?:以来(?![^。；;]{0,40}年均)|上半年|前三季度|第?[一二三]季度|\d{1,2}\s*[-~至到—–]\s*\d{1,2}\s*月|\d{1,2}月(?:底|末|份)?(?!\d)"
                         r"|[^，。,;；\d]{0,12}(?:工作会议|局长会议|大会|论坛|宣传周))")
# '十三五期间累计', '五年共', '五年来累计': a total over a span of years
SPAN_TOTAL = re.compile(r"(?P<n>[两三四五六七八九十])年(?:来|间|中)?(?:共|累计|合计|总计)")
SPAN_YEARS = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


# =====================================================================================================
# 8. Change words: a relative change is a figure of kind `change`, never a level
# =====================================================================================================
# what a change is measured against ('同比', '较上年', '比2015年', '较“十三五”末')
CHANGE_COMPARISONS = ("同比", "环比", "较上年同期", "较上年", "比上年", "比去年底", "较去年底", "较去年同期", "较去年",
                      "较上一年度", "比上一年度", r"较\d{4}年(?:底|末)?", r"比\d{4}年(?:底|末)?", r"较“?十[一二三四五六]五”?末")
# the change itself ('增长', '下降', '增幅'; 增/降 alone after 同比/环比)
CHANGE_VERBS = ("增长", "增加", "提高", "提升", "上升", "下降", "减少", "降低", "增幅", "增速", "增长率", "下降率", "降幅",
                r"(?<=同比|环比)[增降]")
# what may stand between the change verb and its number ('增长了', '增幅达到', '均超')
CHANGE_LINKS = ("了", "为", "达到了", "达到", "达", "约", "近", "超过", "均超", "均为")
# a change named after its subject's number ('…的增速')
CHANGE_NOUNS_AFTER = ("增速", "增幅", "增长率")
# a rate indicator stated as a level ('年均增长率达到15%'): typed by its time, not a change
RATE_NOUNS = ("增长率", "下降率", r"(?:年均|平均)(?:增幅|增速|降幅)")
RATE_LINKS = ("为", "达到了", "达到", "达", "超过", "均超", "均为")
# the verbs that take a value to a new one in a pair ('从X提高到Y', '由X增至Y'), by the pattern they serve
FROM_TO_VERBS = ("提高", "提升", "增加", "增长", "上升")     # followed by 到/至 and a dated value
PAIR_TO_VERBS = ("增至", "增加到", "增加至", "增长到", "增长至", "提高到", "提高至", "提升到", "提升至", "上升到", "上升至",
                 "增长为", "提高为")
# the link words a change's label may keep at its end, cut from it ('增长达到')
CHANGE_LABEL_TRAIL = ("达到了", "达到", "达", "为", "均为", "约", "近")
# the verbs before a 分别 list ('分别为12件、15件')
LIST_VERBS = ("为", "是", "达到了", "达到", "达", "突破", "超过", "超", "增至", "增加到", "提高到", "提升到")
YEAR_LIST_VERBS = ("为", "是", "达到", "达")


# =====================================================================================================
# 9. Label words: what is cut from an indicator's label, and what a label may consist of
# =====================================================================================================
# connectors, adverbs and verbs of the sentence before a label ('其中', '进一步', '累计', '建成')
LABEL_LEAD_WORDS = ("、", "和", "及", "以及", "并", "其中", "同时", "其中,", "分别", "从", "由", "全面", "努力", "进一步", "力争",
                    "累计", "共", "建成", "培育", "实施", "建设", "开放", "打造", "新建", "建有", "形成", "完成", "实现", "推动",
                    "带动", "支持", "争取", "确保", "将", "目前", "此外", "另外", "据悉", "目前拥有", "拥有", "截至", "截止",
                    "预计", "预期", "计划")
# a time word the sentence's context reads into the figure's year and period ('去年石景山区专利申请…',
# '上半年江西省…'); a part no period records stays ('今年前7个月专利授权')
LABEL_LEAD_TIME_WORDS = ("今年以来", "今年(?!前)", "去年(?!前)", "上年", "全年", "上半年", "下半年", "[一二三四]季度")
# the region speaking of itself ('全省', '我市'): a firm's passage ends at it; a label of only these names nothing
REGION_SELF_WORDS = ("全国", "全省", "全市", "全区", "全县", "我国", "我省", "我市", "我区", "我县", "本省", "本市", "本区", "本县")
REGION_SELF_LABEL_WORDS = ("全国", "全省", "全市", "全区", "全县", "全州", "我国", "我省", "我市", "我区", "我县", "我州",
                           "本省", "本市", "本区", "本县", "该省", "该市", "该区", "该县")
# words a clause starts with that make it no subject of the numbers after it ('通过…', '随着…', '其中')
NOT_A_SUBJECT_WORDS = ("此后", "之后", "经过", "通过", "围绕", "随着", "为了", "为", "按照", "根据", "坚持", "近年来", "近两年",
                       "同时", "此外", "据悉", "据了解", "记者", "其中", "以", "在")
# a predicate of growth that ends a subject clause ('知识产权质押融资金额大幅提升，达到600亿元'): adverb, verb, complement
PREDICATE_ADVERBS = ("大幅", "明显", "显著", "持续", "稳步", "进一步", "不断", "继续", "快速", "稳定")
PREDICATE_VERBS = ("提升", "提高", "增长", "增加", "扩大", "上升", "优化", "加强")
PREDICATE_COMPLEMENTS = ("迅猛", "迅速", "明显", "显著", "较快", "强劲", "势头良好")
# words that make a phrase name an indicator rather than a place ('宝鸡共有专利2681件')
INDICATOR_WORDS = ("专利", "商标", "知识产权", "版权", "地理标志", "品牌", "申请", "授权", "拥有量", "注册", "质押", "融资",
                   "企业", "机构", "案件")
# measure words a list item may consist of (longest first within each family)
MEASURE_WORDS = ("有效注册总量", "有效注册量", "注册有效量", "有效量", "拥有量",
                 "授权总量", "授权数量", "授权件数", "授权量", "授权数", "授权",
                 "申请总量", "申请数量", "申请件数", "申请量", "申请数", "申请",
                 "注册总量", "注册数量", "注册件数", "注册量", "注册数", "注册",
                 "登记总量", "登记数量", "登记量", "登记数", "登记", "总数量", "总量", "总数", "数量")
# measures of a flow (a breakdown under 其中 inherits them; a stock's breakdown names its own 有效/拥有)
FLOW_MEASURE_WORDS = ("授权总量", "授权数量", "授权量", "授权数", "授权", "申请总量", "申请数量", "申请量", "申请数", "申请",
                      "注册量", "注册数", "注册", "登记量", "登记")
# the kinds of patent, as a column under a patent measure names them ('专利申请数' over '发明 实用新型 外观设计')
PATENT_KINDS = ("发明", "实用新型", "外观设计")
# IP objects named without a measure (a breakdown item: '发明专利', '实用新型', '外观设计专利'; matched ignoring case)
IP_OBJECT_WORDS = ("发明专利", "发明", "实用新型专利", "实用新型", "外观设计专利", "外观设计", "pct国际专利", "pct专利",
                   "国际专利", "商标", "地理标志商标", "集体商标", "证明商标", "马德里商标", "作品", "计算机软件", "软件著作权",
                   "作品著作权")


# =====================================================================================================
# 10. Distractor words: what makes a number look like a figure when it is not one
# =====================================================================================================
# page furniture of a web page ('1234次浏览', '字体：大 中 小', '索引号')
FURNITURE_WORDS = ("次浏览", "次阅读", "阅读数", "浏览次数", "浏览[:：]", "点击[:：]", "字体[:：]", "读完约", r"本篇文章\d+字",
                   r"剩余\d+字", "电话[:：]", "Powered by", "©", "索引号")
# a firm named in a clause: its figures are the firm's, not the region's
FIRM_WORDS = ("有限公司", "股份公司", "有限责任", "集团公司")
# a national plan quoted in a regional text ('国家知识产权规划提出…'): who, what, and the verb of quoting
NATIONAL_SPEAKERS = ("国家", "全国", "我国")
NATIONAL_DOCUMENTS = ("规划", "纲要", "目标")
NATIONAL_QUOTING_VERBS = ("提出", "明确", "确定", "要求", "设定")
# a count of measures, not a figure ('19条具体措施', '14项主要指标')
MEASURE_NOUNS = ("措施", "举措", "任务", "指标", "政策", "意见", "工程")
# the verb of a threshold inside a label ('9个设区市专利申请总量超过1000件')
THRESHOLD_VERBS = ("超过", "超", "突破", "不足", "低于", "高于", "过")
# a round threshold crossed ('首次突破12万件'): restates an exact figure nearby
CROSSING_VERBS = ("突破", "首破", "破")
# the words before a threshold inside another figure's label ('超2000件的县市区')
LABEL_THRESHOLD_VERBS = ("超过", "超", "达到", "达", "不足", "低于", "高于", "过")
# after 个: a duration, not a count ('前7个月', '5个工作日')
DURATION_WORDS = ("月", "工作日", "季度", "小时")
# after a bare number (no unit): a date, an ordinal or a name ('2021年', '第3届', '十大', '百强', '3项目')
NOT_A_QUANTITY_AFTER = ("年", "月", "日", "号", "届", "倍", "大", "强", "项目")
# right before a number: an ordinal, an 'and so on', a shortened time, a comparison ('第3', '缩短了5天')
NOT_A_LEVEL_BEFORE = ("第", "等", "缩短了", "比")
# the verbs of a comparison 比…提高/增长 ahead of a number: the number is its difference, not a level
COMPARISON_VERBS = ("提高", "增长", "下降", "减少")
