"""Time context of a passage: target or actual, which year or period, the document's own date."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.numbers import five_year_plan_end
from ingest.text import clean_line, nfkc


_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+、|第[一二三四五六七八九十]+[章节])")

_TARGET_YEAR = re.compile(r"(力争)?(?<![高加升长增截止])(?:到|至|在)(\d{4})年(?:底|末)?(?!的)|(\d{4})年(?:底|末)?(?:前|之前)")

_AS_OF = re.compile(r"(?:截至|截止|截止到|截至到)(\d{4})年(?:底|末)?")

_YEAR_LEAD = re.compile(r"^(\d{4})年(?![-—–~至到\d])")

_FYP = re.compile(r"[“\"]?十([一二三四五六])五[”\"]?(?:期间|时期|以来|期末|末)")

_PERIOD_WITHIN = re.compile(r"(试点期内|建设期内|示范期内|规划期内|试点期间|创建期内)")

_RANGE = re.compile(r"(\d{4})\s*[-—–~至到]\s*(\d{4})年")

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

_TITLE = re.compile(r"《[^》]{0,80}》")


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
    Years inside a quoted title (《…实施方案(2022-2025年)》) are not the time of the figures.
    """
    text = _TITLE.sub("", text)
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
        if m.group(0).endswith("以来") and doc_year is not None:
            # '“十三五”以来…累计达到': since the period began, up to the document's date
            return replace(ctx, kind="actual", year=min(ctx.period_end or doc_year, doc_year))
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

def document_year(lines: list[str], doc_date: str | None, plan: tuple[int | None, int | None],
                  skip: set[int] | frozenset[int] = frozenset()) -> int | None:
    """The year the document speaks from: its catalog date, a date in its header (发布时间 2022-01-05,
    2022年1月5日), or, for a text without a plan period, the latest year its prose reports
    (lines in `skip`, 1-based — tables and over-long lines — are not read)."""
    if doc_date and (m := re.match(r"\s*(\d{4})", doc_date)):
        return int(m.group(1))
    head = [nfkc(clean_line(x[:500])) for x in lines[:8]]
    for line in head:
        if m := _HEADER_DATE.search(line):
            return int(next(g for g in m.groups() if g))
    if plan[0] is not None:
        return None
    years = [int(m.group(1)) for no, line in enumerate(lines, start=1) if no not in skip
             for m in _REPORTED_YEAR.finditer(_TITLE.sub("", nfkc(line)))]
    years = [y for y in years if 1980 <= y <= 2100]
    return max(years) if years else None


def is_dated(lines: list[str], doc_date: str | None) -> bool:
    """Whether the document states its own date (catalog or header), so that 今年/去年 can be resolved."""
    return bool(doc_date) or any(_HEADER_DATE.search(nfkc(clean_line(x[:500]))) for x in lines[:8])

_HEADER_DATE = re.compile(
    r"(?:发布时间|发布日期|成文日期|时间|日期)\s*[:：]?\s*(\d{4})\s*[-年/.]"
    r"|^\s*(\d{4})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
    r"|(?<!\d)\d{1,2}\.\d{1,2}\.(\d{4})\s+\d{1,2}:\d{2}"
    r"|(?<!\d)(\d{4})-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?")

_REPORTED_YEAR = re.compile(r"(?<![到至\d\-—–~])(\d{4})\s*年")

_RELATIVE_TIME = re.compile(
    r"(?:(?<![较比同])(?P<last>去年|上年)(?!同期)|今年|本年|年内|上半年|下半年|一季度|前三季度|截至目前|目前|"
    r"\d{1,2}\s*[-~至到—]\s*\d{1,2}\s*月(?:份)?|截[至止]\d{1,2}月(?:底|末)?)")

_YEAR_ANY = re.compile(r"(?<![较比于与同自从由\d\-—–~至到])(\d{4})\s*年(?:度|底|末)?(?![-—–~至到的])")

_FUTURE = re.compile(r"力争|(?<!即)将(?!近)|计划|预计|争取|确保|展望|目标[是为:：]|(?<![主重需必])要(?:达到|实现|突破)")

_PAST = re.compile(r"截至|截止|已|实现|完成|达到|获|共|累计|授权|新增")
