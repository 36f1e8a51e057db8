"""Figures stated in prose: targets, achievements, period totals, year lists and paired lists, with qualifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.labels import indicator_key
from ingest.model import Figure
from ingest.numbers import MULTIPLIERS, PROSE_UNITS, chinese_to_number, five_year_plan_end, multiplier_of
from ingest.text import clean_line, nfkc

# prose-only units: percentage points, points (分, not 分钟), deals (笔), 万亿元; 倍 only for changes
_EXTRA_UNITS = ["个百分点", "亿元", "笔", "分(?![钟之别])", "倍"]
UNIT_RE = "|".join([u for u in _EXTRA_UNITS if "(" in u] + sorted(
    [re.escape(u) for u in set(PROSE_UNITS) | {u for u in _EXTRA_UNITS if "(" not in u}], key=len, reverse=True))
NUM_RE = rf"(?P<sign>-)?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[两二三四五六七八九十百千]+)(?P<mult>万|亿)?(?P<unit>{UNIT_RE})?"
_NUM = re.compile(NUM_RE)
_VALUE_VERBS = r"(?:累计|累)?(?:分别)?(?:达到|达|超过|超|突破|不低于|不少于|保持在|保持|稳定在|增加至|增加到|提高到|提高至|提升至|提升到|增至|增长到|为|是|约|近|逾|共|至)"
_CN_OK_BEFORE = re.compile(r"(达到|达|超过|突破|不低于|不少于|为|新增|建成|培育)$")
_AT_LEAST = {"超过": "超过", "超": "超", "突破": "突破", "不低于": "不低于", "不少于": "不少于", "以上": "以上", "力争": "力争"}

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+、|第[一二三四五六七八九十]+[章节])")
_TARGET_YEAR = re.compile(r"(力争)?(?<![高加升长增截止])(?:到|至|在)(\d{4})年(?:底|末)?(?!的)|(\d{4})年(?:底|末)?(?:前|之前)")
_AS_OF = re.compile(r"(?:截至|截止|截止到|截至到)(\d{4})年(?:底|末)?")
_YEAR_LEAD = re.compile(r"^(\d{4})年(?![-—–~至到\d])")
_FYP = re.compile(r"[“\"]?十([一二三四五六])五[”\"]?(?:期间|时期|以来|期末|末)")
_PERIOD_WITHIN = re.compile(r"(试点期内|建设期内|示范期内|规划期内|试点期间|创建期内)")
_RANGE = re.compile(r"(\d{4})\s*[-—–~至到]\s*(\d{4})年")
_FROM_TO = re.compile(
    r"(?P<label>[^,;。]{0,60}?)(?:实现翻番|翻了一番|翻番)?[,]?(?:从|由)(?P<y1>\d{4})年的(?P<v1>\d+(?:\.\d+)?)(?P<u1>万|亿)?(?P<unit1>" + UNIT_RE + r")?(?:人民币)?,?"
    r"(?:提高|提升|增加|增长|上升)(?:到|至)(?P<y2>\d{4})年的(?P<v2>\d+(?:\.\d+)?)(?P<u2>万|亿)?(?P<unit2>" + UNIT_RE + r")"
)
_LIST_VALS = rf"(?P<vals>(?:\d+(?:\.\d+)?(?:万|亿)?(?:{UNIT_RE})?)(?:(?:、|和|及|,)\d+(?:\.\d+)?(?:万|亿)?(?:{UNIT_RE})?)+)"
_DISTRIBUTED = re.compile(rf"(?P<y1>\d{{4}})\s*[-—–~至到]\s*(?P<y2>\d{{4}})年(?P<label>[^,;。]{{0,60}}?)(?:目标)?分别(?:为|是|达到|达){_LIST_VALS}")
_PAIRED = re.compile(rf"(?P<label>[^,;。]{{0,80}}?)分别(?P<verb>为|是|达到了|达到|达|突破|超过|超|增至|增加到|提高到|提升到){_LIST_VALS}")
# 'X由47166件增至91133件' without years: the pair spans the clause's period (or ends in its year)
_PAIR_NO_YEARS = re.compile(
    r"(?P<label>[^,;。]{0,60}?)(?:从|由)(?P<v1>\d+(?:\.\d+)?)(?P<u1>万|亿)?(?P<unit1>" + UNIT_RE + r")?"
    r"(?:增至|增加到|增加至|增长到|增长至|提高到|提高至|提升到|提升至|上升到|上升至|增长为|提高为)"
    r"(?P<v2>\d+(?:\.\d+)?)(?P<u2>万|亿)?(?P<unit2>" + UNIT_RE + r")")
# a national plan or target quoted in a regional text: its figures are the country's, not the region's
_NATIONAL_QUOTE = re.compile(r"(国家|全国|我国)[^,;。]{0,14}(规划|纲要|目标)[^,;。]{0,6}(提出|明确|确定|要求|设定)")
_SKIP_BEFORE = re.compile(r"(第|等|缩短了|比)$")
_RELATIVE = re.compile(r"比[^,;。]*?(提高|增长|下降|减少)")
_LEAD_STRIP = re.compile(r"^(?:、|和|及|以及|并|其中|同时|其中,|全面|努力|进一步|力争|累计|共|建成|培育|实施|建设|开放|打造|新建|建有|形成|完成|实现|推动|支持|争取|确保|将|目前|此外|另外|据悉|目前拥有|拥有|截至|截止)+")
_TRAIL_VERB = re.compile(_VALUE_VERBS + r"+$")
_RIGHT_LABEL = re.compile(r"^(?:以上|左右)?(?:的)?(?P<label>[^,;。0-9]{2,40}?)(?=$|[,;。]|、?\d)")
_CHANGE_BEFORE = re.compile(
    r"(?:同比|环比|较上年同期|较上年|比上年|比去年底|较去年底|较去年同期|较去年|较上一年度|比上一年度|"
    r"较\d{4}年(?:底|末)?|比\d{4}年(?:底|末)?|较“?十[一二三四五六]五”?末)?(?:分别|均)?"
    r"(?:增长|增加|提高|提升|上升|下降|减少|降低|增幅|增速|增长率|下降率|降幅)(?:了|为|达到了|达到|达|约|近|超过|均超|均为)?$")
_CHANGE_AFTER = re.compile(r"^的?(增速|增幅|增长率)")
_TIMES_BEFORE = re.compile(r"(?:是|为)[^,;。]{0,12}的$|增长$|增长了$")
_RANGE_BEFORE = re.compile(r"\d(?:万|亿)?(?:" + UNIT_RE + r")?\s*[-—–~至到]\s*$")
_RANGE_AFTER = re.compile(r"^\s*[-—–~至到]\s*\d")
_MEASURES_AFTER = re.compile(r"^(?:具体|重点|主要)?(?:措施|举措|任务|指标|政策|意见|工程)")
_LABEL_THRESHOLD_AFTER = re.compile(r"^(?:以上|以下)?的(?!增速|增幅|增长)[^,;。]{0,6}?(?:县|市|区|企业|单位|城市|高校)")
_MEASURE_SUFFIX = re.compile(r"(总量|数量|拥有量|登记量|申请量|授权量|量|数|额|金额)$")


class YearListMismatch(ValueError):
    """A year-distributed list whose values do not match its years one to one."""


@dataclass(frozen=True)
class Context:
    """When the figures of a passage are: target or actual, which year, which period."""

    kind: str
    year: int
    period_start: int | None = None
    period_end: int | None = None
    hint: str | None = None
    aspirational: bool = False


def _fyp_context(ordinal: str, plan_start: int | None) -> Context:
    end = five_year_plan_end(ordinal)
    start = end - 4
    is_past = plan_start is not None and end < plan_start
    return Context("actual" if is_past else "target", end, start, end, "十" + ordinal + "五期间")


def context_of(text: str, plan: tuple[int | None, int | None], doc_year: int | None = None,
               undated: bool = False) -> Context | None:
    """The temporal context a clause or sentence states, if any.

    A year that the document's own date (`doc_year`) has already passed is an actual, whatever
    the verb ('到2020年底…达到2.7万件' in a 2021 review); otherwise 到/至 YYYY年 is a target.
    """
    if m := _TARGET_YEAR.search(text):
        year = int(m.group(2) or m.group(3))
        if doc_year is not None and year < doc_year:
            return Context("actual", year)
        return Context("target", year, aspirational=bool(m.group(1)))
    if m := _PERIOD_WITHIN.search(text):
        if plan[1]:
            return Context("target", plan[1], plan[0], plan[1], m.group(1))
    for m in _FYP.finditer(text):
        before, after = text[: m.start()], text[m.end():]
        if before.endswith(("比", "是", "较", "为")) or after.startswith("的"):
            continue  # a comparison ('比“十二五”期间提高了…'), not the time of the figures
        ctx = _fyp_context(m.group(1), plan[0])
        if doc_year is not None and ctx.period_end is not None and ctx.period_end < doc_year:
            ctx = replace(ctx, kind="actual")
        elif doc_year is not None and ctx.kind == "actual" and ctx.period_end is not None and ctx.period_end >= doc_year:
            ctx = replace(ctx, kind="target")
        return ctx
    if m := _AS_OF.search(text):
        return Context("actual", int(m.group(1)))
    if (m := _RELATIVE_TIME.search(text)) and (doc_year is not None or undated or plan[0] is None):
        if doc_year is None or undated:
            return Context("actual", None)  # type: ignore[arg-type]  # '今年' in a text with no date of its own
        shift = -1 if m.group("last") else 0
        return Context("actual", doc_year + shift)
    if doc_year is not None and (m := _YEAR_ANY.search(text)):
        year = int(m.group(1))
        future = year > doc_year or bool(_FUTURE.search(text))
        return Context("target" if future else "actual", year)
    if m := _YEAR_LEAD.match(text.strip()):
        year = int(m.group(1))
        is_past = plan[0] is not None and year < plan[0]
        return Context("actual" if is_past else "target", year)
    return None


def document_year(lines: list[str], doc_date: str | None, plan: tuple[int | None, int | None]) -> int | None:
    """The year the document speaks from: its catalog date, a date in its header (发布时间 2022-01-05,
    2022年1月5日), or, for a text without a plan period, the latest year it reports."""
    if doc_date and (m := re.match(r"\s*(\d{4})", doc_date)):
        return int(m.group(1))
    head = [nfkc(clean_line(x)) for x in lines[:8]]
    for line in head:
        if m := _HEADER_DATE.search(line):
            return int(next(g for g in m.groups() if g))
    if plan[0] is not None:
        return None
    years = [int(m.group(1)) for line in lines for m in _REPORTED_YEAR.finditer(nfkc(line))]
    years = [y for y in years if 1980 <= y <= 2100]
    return max(years) if years else None


def is_dated(lines: list[str], doc_date: str | None) -> bool:
    """Whether the document states its own date (catalog or header), so that 今年/去年 can be resolved."""
    return bool(doc_date) or any(_HEADER_DATE.search(nfkc(clean_line(x))) for x in lines[:8])


_HEADER_DATE = re.compile(
    r"(?:发布时间|发布日期|成文日期|时间|日期)\s*[:：]?\s*(\d{4})\s*[-年/.]"
    r"|^\s*(\d{4})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
    r"|(?<!\d)\d{1,2}\.\d{1,2}\.(\d{4})\s+\d{1,2}:\d{2}"
    r"|(?<!\d)(\d{4})-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?")
_REPORTED_YEAR = re.compile(r"(?<![到至\d])(\d{4})\s*年")
_RELATIVE_TIME = re.compile(
    r"(?:(?<![较比同])(?P<last>去年|上年)(?!同期|底|末)|今年|本年|当年|年内|上半年|下半年|一季度|前三季度|截至目前|目前|"
    r"\d{1,2}\s*[-~至到—]\s*\d{1,2}\s*月(?:份)?|截[至止]\d{1,2}月(?:底|末)?)")
_YEAR_ANY = re.compile(r"(?<![较比于与同自从由\d])(\d{4})\s*年(?:度|底|末)?(?![-—–~至到的])")
_FUTURE = re.compile(r"力争|(?<!即)将(?!近)|计划|预计|争取|确保|展望|目标[是为:：]|(?<![主重需必])要(?:达到|实现|突破)")
_PAST = re.compile(r"截至|截止|已|实现|完成|达到|获|共|累计|授权|新增")


_RUBY = re.compile(r"(?<=[\u3400-\u9fff])\((?:[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]+)\)")
_FURNITURE = re.compile(r"(次浏览|次阅读|阅读数|浏览次数|浏览[:：]|点击[:：]|字体[:：]|读完约|本篇文章\d+字|剩余\d+字|电话[:：]|Powered by|©|索引号)")


_FURNITURE_SPAN = re.compile(r"[（(]?剩余\d+字[）)]?|本篇文章\d+字,?读完约\d+分钟|\d+次(?:浏览|阅读)")


def tidy(text: str) -> str:
    """Drop pinyin ruby '发(fā)' and the spaces PDF exports put between numbers, units and years
    ('129820 件', '2018 年', '较 上年')."""
    s = _RUBY.sub("", text)
    s = re.sub(r"(?<=[\u3400-\u9fff%])\.(?=[\u3400-\u9fff]|\d{4}年)", "。", s)
    s = re.sub(r"(?<=\d)\s+(?=[万亿年月日件个家项%元人分笔倍])", "", s)
    s = re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff\d])|(?<=[\u3400-\u9fff\d%])\s+(?=[\u3400-\u9fff])", "", s)
    return s


def _split_clauses(sentence: str) -> list[str]:
    return [c for c in re.split(r"(?<!\d),|,(?!\d)|;", sentence)]


def _strip_label(text: str) -> tuple[str, str | None, str | None]:
    """Remove temporal markers, leading connectors and trailing verbs; return label, qualifier word, basis word."""
    s = _TARGET_YEAR.sub("", text)
    s = _FYP.sub("", s)
    s = _PERIOD_WITHIN.sub("", s)
    s = _RANGE.sub("", s)
    s = re.sub(r"(?<!\d)\d{4}\s*年(?:度|底|末)?", "", s)
    basis = "累计" if "累计" in s else None
    qual = None
    m = _TRAIL_VERB.search(s)
    if m:
        verb = m.group(0)
        for word in ("超过", "突破", "不低于", "不少于", "超"):
            if word in verb:
                qual = word
                break
        s = s[: m.start()]
    s = s.strip(" ,、:：的")
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_STRIP.sub("", s).strip(" ,、:：")
    return s, qual, basis


def _quantity(num: str, mult: str | None, unit: str | None) -> tuple[str, float]:
    if num[0].isdigit():
        return num, float(num.replace(",", ""))
    return num, float(chinese_to_number(num))


def _figure(label: str, num: str, mult: str | None, unit: str | None, ctx: Context, line: int,
            sentence: str, qualifier_word: str | None = None, basis: str | None = None,
            year: int | None = None) -> Figure:
    raw_value, number = _quantity(num, mult, unit)
    raw_unit = ((mult or "") + (unit or "")) or None
    q_word = qualifier_word or ("力争" if ctx.aspirational else None)
    hint = basis or ctx.hint
    if label.startswith("新增"):
        hint = "新增" if not hint else hint + ",新增"
    return Figure(
        source_kind="prose",
        source_line=line,
        indicator_label=label,
        indicator_key=indicator_key(label),
        raw_value=raw_value,
        value_number=number,
        multiplier=mult or multiplier_of(raw_unit),
        raw_unit=raw_unit,
        year=year if year is not None else ctx.year,
        value_kind=ctx.kind,
        source_text=sentence.strip(),
        qualifier=">=" if q_word else "",
        qualifier_text=q_word,
        basis_hint=hint,
        period_start=ctx.period_start if year is None else None,
        period_end=ctx.period_end if year is None else None,
    )


def _list_values(vals: str) -> list[tuple[str, str | None, str | None]]:
    return [(m.group("num"), m.group("mult"), m.group("unit")) for m in _NUM.finditer(vals)]


def _distribute_labels(label: str, n: int) -> list[str] | None:
    """'有效地理标志、农业、林业植物新品种' with 3 values -> three full labels (shared suffixes restored)."""
    items = [i for i in re.split(r"、|和|及", label) if i]
    if len(items) != n:
        return None
    last = items[-1]
    suffix = _MEASURE_SUFFIX.search(last)
    out = []
    for item in items[:-1]:
        if len(item) < len(last) and len(item) <= 3:
            out.append(item + last[len(item):])
        elif suffix and not _MEASURE_SUFFIX.search(item):
            out.append(item + suffix.group(1))
        else:
            out.append(item)
    return out + [last]


_PREDICATE = re.compile(r"(大幅|明显|显著|持续|稳步|进一步|不断|继续|快速|稳定)?(提升|提高|增长|增加|扩大|上升|优化|加强)$")


_NOT_A_SUBJECT = re.compile(r"(此后|之后|经过|通过|围绕|随着|为了|为|按照|根据|坚持|近年来|近两年|同时|此外|据悉|据了解|记者|其中|以|在)")
_FIRM = re.compile(r"有限公司|股份公司|有限责任|集团公司")
_CHANGE_TAIL = re.compile(_CHANGE_BEFORE.pattern)


def _last_level(figures: list[Figure]) -> str | None:
    return next((f.indicator_label for f in reversed(figures) if f.value_kind != "change"), None)


def _last_subject(figures: list[Figure]) -> str | None:
    """The indicator the last figure is about: a change's label without its comparison
    ('有效注册商标数量比2015年增长了' -> '有效注册商标数量'), else the last level's."""
    if figures and figures[-1].value_kind == "change":
        base = _CHANGE_TAIL.sub("", figures[-1].indicator_label).strip(" ,、的")
        base = _LEAD_STRIP.sub("", base)
        if len(base) >= 2 and not _NOT_A_SUBJECT.match(base):
            return base
    return _last_level(figures)


def _continued(previous: str | None, before: str) -> str | None:
    """The paragraph's last indicator, for a number that names none; 累计 after 新增 is the running total."""
    if not previous:
        return None
    base = _CHANGE_TAIL.sub("", previous).strip(" ,、的") or None
    if base and "累计" in before and base.startswith("新增"):
        base = base[2:]
    return base if base and len(base) >= 2 else None


def subject_of(clause: str) -> str | None:
    """The noun phrase a clause is about, for a following clause that states only the number
    ('知识产权质押融资金额大幅提升，达到600亿元')."""
    if any(m.group("unit") or m.group("mult") for m in _NUM.finditer(clause)):
        return None
    if _NOT_A_SUBJECT.match(clause.strip()):
        return None
    label, _, _ = _strip_label(_PREDICATE.sub("", clause.strip()))
    return label if 2 <= len(label) <= 30 else None


def extract_clause(clause: str, ctx: Context | None, line: int, sentence: str, subject: str | None = None,
                   previous: str | None = None) -> list[Figure]:
    """Figures in one clause under the given context; `subject` names a bare number, else `previous`
    (the indicator of the paragraph's last figure: '…同比增长30%，达到122件', '新增23个，累计408个')."""
    figures: list[Figure] = []
    has_from = ("从" in clause or "由" in clause) and "年的" in clause
    has_each = "分别" in clause
    if has_from and (m := _FROM_TO.search(clause)):
        label, _, basis = _strip_label(m.group("label"))
        unit1 = m.group("unit1") or m.group("unit2")
        for y, v, u, unit in ((m.group("y1"), m.group("v1"), m.group("u1"), unit1), (m.group("y2"), m.group("v2"), m.group("u2"), m.group("unit2"))):
            figures.append(_figure(label, v, u, unit, Context("actual", int(y)), line, sentence, basis=basis, year=int(y)))
        return figures
    if ctx is not None and ("从" in clause or "由" in clause) and (m := _PAIR_NO_YEARS.search(clause)):
        label, _, basis = _strip_label(m.group("label"))
        unit1 = m.group("unit1") or m.group("unit2")
        y2 = ctx.period_end or ctx.year
        y1 = ctx.period_start - 1 if ctx.period_start else None
        kind = "actual" if ctx.kind == "actual" else ctx.kind
        for y, v, u, unit in ((y1, m.group("v1"), m.group("u1"), unit1), (y2, m.group("v2"), m.group("u2"), m.group("unit2"))):
            f = _figure(label, v, u, unit, Context(kind, y), line, sentence, basis=basis, year=y)  # type: ignore[arg-type]
            f.year = y
            figures.append(f)
        return figures
    if has_each and (m := _DISTRIBUTED.search(clause)):
        years = list(range(int(m.group("y1")), int(m.group("y2")) + 1))
        vals = _list_values(m.group("vals"))
        if not 2 <= len(years) <= 20:
            return figures  # '2025-2021年' or a span no plan lists year by year: not a year list
        if len(vals) != len(years):
            raise YearListMismatch(f"{len(years)} years ({years[0]}-{years[-1]}) but {len(vals)} values "
                                   f"in {m.group(0)!r}; none of them was read")
        label, qual, basis = _strip_label(m.group("label"))
        base = ctx or Context("target", years[-1])
        for y, (num, mult, unit) in zip(years, vals):
            figures.append(_figure(label, num, mult, unit, Context(base.kind if base.year >= y else "target", y), line, sentence, qual, basis, year=y))
        return figures
    if ctx is None:
        return figures
    if has_each and (m := _PAIRED.search(clause)):
        vals = _list_values(m.group("vals"))
        head, qual, basis = _strip_label(m.group("label"))
        qual = qual or (m.group("verb") if m.group("verb") in ("突破", "超过", "超") else None)
        labels = _distribute_labels(head, len(vals))
        if labels:
            for lab, (num, mult, unit) in zip(labels, vals):
                figures.append(_figure(lab, num, mult, unit, ctx, line, sentence, qual, basis))
            return figures
    if _FIRM.search(clause):
        return figures  # a firm's figures, not the region's
    pos = 0
    last_label = subject
    for m in _NUM.finditer(clause):
        num, mult, unit = m.group("num"), m.group("mult"), m.group("unit")
        if not (unit or mult):
            continue
        before = clause[: m.start()]
        after = clause[m.end():]
        if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
            continue  # '打造3-5个', '3家至5家': a range of things to build, not a figure
        if unit in ("条", "项") and _MEASURES_AFTER.match(after):
            continue  # '19条具体措施', '14项主要指标'
        if unit != "%" and _LABEL_THRESHOLD_AFTER.match(after) and (
                after.startswith(("以上", "以下")) or re.search(r"(超过|超|达到|达|不足|低于|高于|过)$", before)):
            continue  # '超2000件的县市区': a threshold inside the label of another figure
        listed = bool(figures) and re.search(r"(和|、|及|与)$", before) is not None
        change = _CHANGE_BEFORE.search(before.rstrip()) or (unit == "倍" and _TIMES_BEFORE.search(before)) \
            or _CHANGE_AFTER.match(after)
        if not change and listed and figures[-1].value_kind == "change" and num[0].isdigit():
            # '分别较上一年度增长140%和98.5%': the second of a list of changes
            prev = figures[-1]
            f = _figure(prev.indicator_label, num, mult, unit, Context("change", ctx.year), line, sentence)
            if prev.value_number is not None and prev.value_number < 0:
                f.value_number = -f.value_number
            figures.append(f)
            pos = m.end()
            continue
        if unit == "倍" and not change:
            continue
        if change and num[0].isdigit():
            verb = change.group(0) if change.re is not _CHANGE_AFTER else change.group(1)
            lead = _strip_label(clause[pos: m.start() - (len(change.group(0)) if change.re is _CHANGE_BEFORE else 0)])[0]
            if lead and _NOT_A_SUBJECT.match(lead):
                lead = ""
            base = lead or last_label or _last_level(figures) or previous or ""
            label = (base + verb).strip(" ,、的") if base else verb
            label = re.sub(r"(?<=.)(?:达到了|达到|达|为|均为|约|近)$", "", label)
            pos = m.end()
            negative = bool(m.group("sign")) or any(w in verb for w in ("下降", "减少", "降低"))
            q = "以上" if after.startswith("以上") else ("超过" if re.search(r"(超过|均超)$", verb) else None)
            f = _figure(label, num, mult, unit, Context("change", ctx.year), line, sentence, q)
            if negative:
                f.value_number = -f.value_number
            figures.append(f)
            continue
        if not num[0].isdigit():
            if num in ("十", "百", "千") or not _CN_OK_BEFORE.search(before):
                continue
        if m.start() > 0 and (clause[m.start() - 1].isdigit() or clause[m.start() - 1] == "."):
            continue
        if re.match(r"^(年|月|日|号|届|倍|大|强|项目)", after) and not unit:
            continue
        if _SKIP_BEFORE.search(before.rstrip()):
            continue
        if _RELATIVE.search(before):
            continue
        if unit == "元" and not mult:
            continue
        left = clause[pos: m.start()]
        pos = m.end()
        label, qual, basis = _strip_label(left)
        if after.startswith("以上"):
            qual = qual or "以上"
        if not label and listed and not _RIGHT_LABEL.match(after):
            label = figures[-1].indicator_label  # '总数量分别达到14家和77家'
        fallback = subject or _continued(_last_subject(figures) or previous, before)
        if not label:
            r = _RIGHT_LABEL.match(after)
            if not r and fallback:
                subject = fallback
            if not r and subject:
                figures.append(_figure(subject, num, mult, unit, ctx, line, sentence, qual or ("以上" if after.startswith("以上") else None), basis))
                continue
            if not r:
                continue
            label = r.group("label").strip(" 、")
            label = re.sub(r"(以上|左右)$", "", label)
            pos = m.end() + r.end()
            if len(label) < 2 and fallback:
                subject = fallback
            if len(label) < 2 and subject:
                figures.append(_figure(subject, num, mult, unit, ctx, line, sentence, qual or ("以上" if after.startswith("以上") else None), basis))
                continue
        if len(label) < 2 or label.isdigit():
            continue
        figures.append(_figure(label, num, mult, unit, ctx, line, sentence, qual, basis or ("累计" if "累计" in before[-6:] else None)))
        last_label = label
    return figures


def extract_prose(lines: list[str], skip: set[int], plan: tuple[int | None, int | None],
                  warnings: list[tuple[int, str]] | None = None, doc_date: str | None = None,
                  national: bool = False) -> list[Figure]:
    """Every figure stated in the document's prose; `skip` holds 1-based lines of indicator tables.

    Passages that look like figures but cannot be read (a year list whose values do not match
    its years) are reported in `warnings` as (line, message). `doc_date` (the catalog issue date)
    fixes the year the text speaks from (actual vs target, 今年/去年); `national` keeps figures of a
    quoted national plan, which a regional text drops.
    """
    figures: list[Figure] = []
    inherited: Context | None = None
    doc_year = document_year(lines, doc_date, plan)
    undated = doc_year is not None and not is_dated(lines, doc_date)
    for i, raw in enumerate(lines, start=1):
        if i in skip:
            continue
        original = clean_line(raw).strip().lstrip("\t").strip()
        if _FURNITURE.search(original):
            if len(original) < 60:
                continue
            original = _FURNITURE_SPAN.sub("", original)
        text = tidy(nfkc(original))
        if not text:
            continue
        exact = len(text) == len(original)  # NFKC kept the length: quote the original characters
        if _HEADING.match(text) and len(text) < 60:
            inherited = None
            continue
        ctx = inherited
        line_start = len(figures)
        # tidy() only removes characters inside sentences, so the k-th sentence of the text is the
        # k-th of the original line (split on the same stops, NFKC-mapped) when the lengths differ
        originals = [m.group(0) for m in re.finditer(r"[^。!?！？]*[。!?！？]?", original)]
        for k, span in enumerate(re.finditer(r"[^。!?]*[。!?]?", text)):
            sentence = span.group(0)
            if not sentence.strip():
                continue
            quote = original[span.start():span.end()] if exact else (
                originals[k] if len(originals) == len(re.findall(r"[^。!?]*[。!?]?", text)) else original)
            start = len(figures)
            from_to_ctx = None
            if ("从" in sentence or "由" in sentence) and "年的" in sentence and _FROM_TO.search(sentence):
                for m in _FROM_TO.finditer(sentence):
                    figures.extend(extract_clause(m.group(0), None, i, quote))
                    from_to_ctx = Context("actual", int(m.group("y2")))
                sentence = _FROM_TO.sub(lambda m: ";" * len(m.group(0)), sentence)
            sentence_ctx = context_of(sentence, plan, doc_year, undated) or from_to_ctx
            if sentence_ctx:
                ctx = sentence_ctx
            clause_ctx = ctx
            subject = None
            quoting = False
            for clause in _split_clauses(sentence):
                if _NATIONAL_QUOTE.search(clause) and not national:
                    quoting = True
                if quoting:
                    continue
                own = context_of(clause, plan, doc_year, undated)
                if own:
                    clause_ctx = own
                try:
                    figures.extend(extract_clause(clause, clause_ctx, i, quote, subject,
                                                  _last_subject(figures[line_start:])))
                except YearListMismatch as exc:
                    if warnings is not None:
                        warnings.append((i, str(exc)))
                subject = subject_of(clause)
            figures[start:] = _drop_restated_thresholds(figures[start:])
        inherited = ctx
    figures = _dedupe(figures)
    if warnings is not None:
        for line_no in sorted({f.source_line for f in figures if f.year is None}):
            warnings.append((line_no, "relative time (今年, 目前) in a text with no date of its own: the year of its "
                                      "figures is left unknown; give the document an issue_date in the catalog"))
    return figures


_THRESHOLD = re.compile(r"(?:首次|一举)?(?:突破|首破|破)$")


def _drop_restated_thresholds(figures: list[Figure]) -> list[Figure]:
    """A round threshold crossed ('首次突破12万件', '突破10万件大关') next to the exact figure of the same
    sentence and unit is not a figure of its own."""
    out = []
    for f in figures:
        text = tidy(nfkc(f.source_text))
        pos = text.find(f.raw_value + (f.raw_unit or ""))
        before = text[:pos] if pos >= 0 else ""
        after = text[pos + len(f.raw_value + (f.raw_unit or "")):] if pos >= 0 else ""
        threshold = bool(_THRESHOLD.search(before)) or after.startswith(("大关", "人民币大关"))
        level = f.value_number * MULTIPLIERS.get(f.multiplier, 1.0) if f.value_number is not None else None
        base = (f.raw_unit or "").lstrip("万亿") or f.raw_unit
        exact = level is not None and any(
            g is not f and g.value_kind == f.value_kind and g.value_number is not None
            and ((g.raw_unit or "").lstrip("万亿") or g.raw_unit) == base
            and level <= g.value_number * MULTIPLIERS.get(g.multiplier, 1.0) < 1.5 * level for g in figures)
        if threshold and (exact or after.startswith(("大关", "人民币大关"))):
            continue
        out.append(f)
    return out


def _dedupe(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple] = set()
    out = []
    for f in figures:
        key = (f.source_line, f.indicator_key, f.raw_value, f.year, f.value_kind)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


__all__ = ["extract_prose", "extract_clause", "context_of", "Context", "replace"]
