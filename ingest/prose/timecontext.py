"""Clause time: the year, part of the year or period, and kind (target/actual) a clause or sentence states, with the cue that decided it, against the document's time."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest import vocabulary as vocab
from ingest.numbers import five_year_plan_end


@dataclass(frozen=True)
class Context:
    """When the figures of a passage are: target, actual or unknown, which year, which part of it or period, and why."""

    kind: str
    year: int
    period_start: int | None = None
    period_end: int | None = None
    hint: str | None = None
    aspirational: bool = False
    part: str | None = None          # Q1, S1, '01/08' (months 1-8), '06' (a stock at the end of June)
    reason: str = ""                 # the cue: '到2025年', '今年 (document dated 2023)', 'section 发展基础'
    line: int | None = None          # the line the cue is on (1-based)
    from_year: int | None = None     # the first year of a 从YYYY年…到YYYY年 pair, for the pairs after it without years


@dataclass(frozen=True)
class DocTime:
    """What a passage's time is resolved against: the document's year (and month), whether the text
    itself states that date, and the plan period."""

    year: int | None
    month: int | None
    undated: bool
    plan: tuple[int | None, int | None]
    note: str | None = None          # how the year was read when the text states no date ('the text's year, …')

    def dated_as(self) -> str:
        if self.note:
            return self.note
        return f"document dated {self.year}" + (f"-{self.month:02d}" if self.month else "")


def _fyp_context(ordinal: str, plan_start: int | None) -> Context:
    end = five_year_plan_end(ordinal)
    start = end - 4
    is_past = plan_start is not None and end < plan_start
    return Context("actual" if is_past else "target", end, start, end, "十" + ordinal + "五期间",
                   reason=f"十{ordinal}五" + (f" before the plan period ({plan_start}-)" if is_past else ""))


def _part(m: re.Match) -> tuple[str, int]:
    """A PART_OF_YEAR match as (part, last month covered)."""
    if m.group("m1"):
        a, b = int(m.group("m1")), int(m.group("m2"))
        return f"{a:02d}/{b:02d}", b
    if m.group("q"):
        n = vocab.QUARTERS[m.group("q")]
        return f"Q{n}", 3 * n
    if m.group("h"):
        n = vocab.HALVES[m.group("h")]
        return f"S{n}", 6 * n
    if m.group("tm"):
        word = m.group("tm")
        last = vocab.TO_MONTH.get(word) or vocab.CN_MONTH.get(word[1:-2], 0)
        return f"01/{last:02d}", last
    asof = int(m.group("asof"))
    return f"{asof:02d}", asof


def part_of_year(text: str, when: DocTime, inherited_year: int | None) -> Context | None:
    """'2023年1-8月', '上半年', '一季度', '截至6月底', '前三季度': a figure for part of a year. The year is the
    one written, else the one 今年/去年 or the passage names, else the document's (the year before when the
    part ends after the document's month)."""
    m = next((m for m in vocab.PART_OF_YEAR.finditer(text) if m.group(0).strip()), None)
    if m is None:
        return None
    part, last_month = _part(m)
    if not 1 <= last_month <= 12:
        return None
    rel = vocab.RELATIVE_YEAR.search(text)
    if m.group("y"):
        year, why = int(m.group("y")), m.group(0).strip()
    elif rel and (rel.group("last") or rel.group("this")) and when.year is not None and not when.undated:
        year = when.year - 1 if rel.group("last") else when.year
        why = f"{rel.group(0)}{m.group(0).strip()} ({when.dated_as()})"
    elif when.year is not None and not when.undated:
        # '1-10月' in a text dated 2023-11: this year's; in one dated 2024-01, the year before
        year = when.year - 1 if when.month is not None and last_month > when.month else when.year
        why = f"{(rel.group(0) if rel else '')}{m.group(0).strip()} ({when.dated_as()})"
    elif inherited_year is not None and not (rel and (rel.group("this") or rel.group("last"))):
        year, why = inherited_year, f"{m.group(0).strip()} of {inherited_year} (passage)"
    elif when.undated or when.plan[0] is None:
        return Context("actual", None, part=part, reason=f"{m.group(0).strip()} in a text with no date of its own")  # type: ignore[arg-type]
    else:
        return None  # '上半年' in an undated plan: the passage's own time carries on
    if (f := vocab.FUTURE.search(text) or vocab.REQUIREMENT.search(text)) and not vocab.ACHIEVED.search(text):
        return Context("target", year, part=part, reason=f"{why}, {f.group(0)}")
    return Context("actual", year, part=part, reason=why)


def carried(ctx: Context | None, text: str) -> Context | None:
    """The time carried into a sentence with no time of its own: a target read from a future cue before
    ('今年…力争…') does not make a sentence that reports ('已', '累计', '完成') a target; it stays that year's."""
    if ctx is None or ctx.kind != "target" or vocab.FUTURE.search(text) or vocab.REQUIREMENT.search(text):
        return ctx
    if (a := vocab.ACHIEVED.search(vocab.QUOTED_PLAN.sub("", text))) is None or ctx.period_end is not None:
        return ctx
    return replace(ctx, kind="actual", aspirational=False, reason=f"{ctx.reason} carried; {a.group(0)}, no future cue")


def context_of(text: str, plan: tuple[int | None, int | None], doc_year: int | None = None,
               undated: bool = False, doc_month: int | None = None,
               inherited_year: int | None = None, year_note: str | None = None) -> Context | None:
    """The temporal context a clause or sentence states, if any, with the cue that decided it.

    A year that the document's own date (`doc_year`) has already passed is an actual, whatever
    the verb ('到2020年底…达到2.7万件' in a 2021 review); otherwise 到/至 YYYY年 is a target.
    Years inside a quoted title (《…实施方案(2022-2025年)》) are not the time of the figures.
    今年 / 去年 / 上半年 / 1-10月 / 截至X月底 resolve against the document's date; 今年 with a future
    cue (将, 力争) is a target of that year.
    """
    when = DocTime(doc_year, doc_month, undated, plan, year_note)
    text = vocab.QUOTED_PLAN.sub("", vocab.QUOTED_TITLE.sub("", text))
    dated = (f"the latest year the text reports, {doc_year}" if undated else year_note if year_note
             else f"the document's date, {doc_year}")
    if m := vocab.TARGET_YEAR.search(text):
        year = int(m.group(2) or m.group(3))
        cue = m.group(0)
        if doc_year is not None and year < doc_year:
            return Context("actual", year, reason=f"{cue} before {dated}")
        if plan[0] is not None and year < plan[0]:
            return Context("actual", year, reason=f"{cue} before the plan period ({plan[0]}-{plan[1]})")
        return Context("target", year, aspirational=bool(m.group(1)), reason=cue)
    if m := vocab.PERIOD_WITHIN.search(text):
        if plan[1]:
            return Context("target", plan[1], plan[0], plan[1], m.group(1), reason=f"{m.group(1)} (plan {plan[0]}-{plan[1]})")
    for m in vocab.FIVE_YEAR_PERIOD.finditer(text):
        before, after = text[: m.start()], text[m.end():]
        if before.endswith(vocab.COMPARED_BEFORE) or after.startswith("的"):
            continue  # a comparison ('比“十二五”期间提高了…'), not the time of the figures
        ctx = _fyp_context(m.group(1), plan[0])
        if m.group(0).endswith("以来"):
            # '“十三五”以来…累计达到': since the period began, up to the document's date (or the period's end)
            end = ctx.period_end or 0
            year = min(end, doc_year) if doc_year is not None else end
            return replace(ctx, kind="actual", year=year, reason=m.group(0).strip("“”\""))
        if doc_year is not None and ctx.period_end is not None and ctx.period_end < doc_year:
            ctx = replace(ctx, kind="actual", reason=f"{m.group(0)} before {dated}")
        elif doc_year is not None and ctx.kind == "actual" and ctx.period_end is not None and (
                ctx.period_end > doc_year if undated and not vocab.FUTURE.search(text) else ctx.period_end >= doc_year):
            # a text dated only by the latest year it reports has reported the period that ends that year
            ctx = replace(ctx, kind="target", reason=f"{m.group(0)} not over at {dated}")
        elif (doc_year is None or (undated and ctx.period_end is not None and ctx.period_end <= doc_year)) \
                and ctx.kind == "target" and (a := vocab.ACHIEVED.search(after)) and not vocab.FUTURE.search(text):
            # '“十四五”期间，新增注册商标1327件' in a text with no date: the words report, they do not plan
            ctx = replace(ctx, kind="actual", reason=f"{m.group(0).strip('“”')}, {a.group(0)}, no future cue")
        else:
            ctx = replace(ctx, reason=m.group(0).strip("“”\"") + (f", {ctx.reason}" if "before" in ctx.reason else ""))
        return ctx
    if m := vocab.AS_OF_YEAR.search(text):
        return Context("actual", int(m.group(1)), reason=m.group(0))
    if part := part_of_year(text, when, inherited_year):
        return part
    if (m := vocab.RELATIVE_YEAR.search(text)) and (doc_year is not None or undated or plan[0] is None):
        word = m.group(0)
        if doc_year is None or undated:
            if m.group("now") and inherited_year is not None:
                return Context("actual", inherited_year, reason=f"{word} in a passage about {inherited_year}")
            return Context("actual", None, reason=f"{word} in a text with no date of its own")  # type: ignore[arg-type]
        year = doc_year - 1 if m.group("last") else doc_year
        why = f"{word} ({when.dated_as()})"
        if m.group("this") and (f := vocab.FUTURE.search(text) or (
                vocab.REQUIREMENT.search(text) if not vocab.ACHIEVED.search(text) else None)):
            return Context("target", year, reason=f"{why}, {f.group(0)}")
        return Context("actual", year, reason=why)
    if doc_year is not None and (m := vocab.DATE_RANGE.search(text)):
        # '2020年12月16日至2021年6月15日，商标申请量…': the figures of a span of dates, counted to its end
        year = int(m.group(2))
        if year <= doc_year and not vocab.FUTURE.search(text.replace(m.group(0), "")):
            return Context("actual", year, reason=f"{m.group(0)}, not after {dated}")
    if doc_year is not None and (m := vocab.SINCE_YEAR.search(text)) and int(m.group(1)) < doc_year \
            and not vocab.FUTURE.search(text) and int(m.group(1)) == max(int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", text)):
        # '2019年以来，…培育知识产权优势企业81家' in a 2023 text: counted up to the text's year
        return Context("actual", doc_year, reason=f"{m.group(0)}, to {dated}")
    if doc_year is not None and (m := vocab.YEAR_ANY.search(text)):
        year = int(m.group(1))
        f = vocab.FUTURE.search(text)
        if year > doc_year:
            return Context("target", year, reason=f"{m.group(0)} after {dated}")
        if f and year == doc_year:
            return Context("target", year, reason=f"{m.group(0)}, {f.group(0)}")
        if f:
            return Context("actual", year, reason=f"{m.group(0)} before {dated}")
        return Context("actual", year, reason=f"{m.group(0)}, not after {dated}")
    if m := vocab.YEAR_LEAD.match(text.strip()):
        year = int(m.group(1))
        is_past = plan[0] is not None and year < plan[0]
        if is_past:
            return Context("actual", year, reason=f"{m.group(0)} before the plan period ({plan[0]}-{plan[1]})")
        if (f := vocab.FUTURE.search(text)) is None and (a := vocab.ACHIEVED.search(text)):
            return Context("actual", year, reason=f"{m.group(0)}, {a.group(0)}, no future cue")
        if plan[0] is not None:
            return Context("target", year, reason=f"{m.group(0)} in the plan period ({plan[0]}-{plan[1]})"
                           + (f", {f.group(0)}" if f else ""))
        return Context("target", year, reason=f"{m.group(0)} (no date or plan period to place it)")
    return None


def span_total(clause: str, ctx: Context | None) -> Context | None:
    """'五年共培育…', '三年来累计…': a total over the N years up to the clause's year, a period of its own."""
    if ctx is None or ctx.year is None or ctx.period_start is not None or ctx.kind not in ("actual", "target", "unknown"):
        return ctx
    if m := vocab.SPAN_TOTAL.search(clause):
        n = vocab.SPAN_YEARS[m.group("n")]
        return replace(ctx, period_start=ctx.year - n + 1, period_end=ctx.year, hint=f"{n}年累计",
                       reason=f"{ctx.reason}; {m.group(0)} ({ctx.year - n + 1}-{ctx.year})")
    return ctx
