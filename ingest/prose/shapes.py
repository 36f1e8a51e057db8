"""Clause shapes read whole, before single numbers: 从…到… pairs with and without years, year lists, 分别 lists of labels."""

from __future__ import annotations

import re

from ingest.model import Figure
from ingest.numbers import five_year_plan_end
from ingest.prose.figure import make_figure
from ingest.prose.phrases import distribute_labels, strip_label
from ingest.prose.quantities import list_values
from ingest.prose.timecontext import Context
from ingest.vocabulary import (FROM_TO_VERBS, LIST_VALUES_RE, LIST_VERB_QUALIFIERS, LIST_VERBS, PAIR_TO_VERBS, UNIT_RE,
                               YEAR_LIST_VERBS, any_of)


class YearListMismatch(ValueError):
    """A year-distributed list whose values do not match its years one to one."""


# a value written with its own year: '从2015年的…', '由2020年底的…'
DATED_VALUE = re.compile(r"\d{4}年(?:末|底|\d{1,2}月)?的")

FROM_TO = re.compile(
    r"(?P<label>[^,;。]{0,60}?)(?:实现翻番|翻了一番|翻番)?[,]?(?:从|由)(?P<y1>\d{4})年(?:末|底|\d{1,2}月)?的(?P<v1>\d+(?:\.\d+)?)(?P<u1>万|亿)?(?P<unit1>" + UNIT_RE + r")?(?:人民币)?,?"
    r"(?:" + any_of(FROM_TO_VERBS) + r")(?:到|至)(?P<y2>\d{4})年(?:末|底|\d{1,2}月)?的(?P<v2>\d+(?:\.\d+)?)(?P<u2>万|亿)?(?P<unit2>" + UNIT_RE + r")"
)

DISTRIBUTED = re.compile(rf"(?P<y1>\d{{4}})\s*[-—–~至到]\s*(?P<y2>\d{{4}})年(?P<label>[^,;。]{{0,60}}?)(?:目标)?分别(?:" + any_of(YEAR_LIST_VERBS) + rf"){LIST_VALUES_RE}")

PAIRED = re.compile(rf"(?P<label>[^,;。]{{0,80}}?)分别(?P<verb>" + any_of(LIST_VERBS) + rf"){LIST_VALUES_RE}")

# 'X由47166件增至91133件' without years: the pair spans the clause's period (or ends in its year); the first
# value may name its own time ('从“十二五”末的6.3件增加到15.8件', '由2015年的X提高到Y')
PAIR_NO_YEARS = re.compile(
    r"(?P<label>[^,;。]{0,60}?)(?:从|由)(?:[“\"]?十(?P<fyp1>[一二三四五六])五[”\"]?(?:末|期末)的|(?P<y1>\d{4})年(?:末|底)?的)?"
    r"(?P<v1>\d+(?:\.\d+)?)(?P<u1>万|亿)?(?P<unit1>" + UNIT_RE + r")?"
    r"(?:" + any_of(PAIR_TO_VERBS) + r")"
    r"(?P<v2>\d+(?:\.\d+)?)(?P<u2>万|亿)?(?P<unit2>" + UNIT_RE + r")")


def has_dated_pair(text: str) -> bool:
    """Whether `text` may hold a 从YYYY年的X…到YYYY年的Y pair (a quick test before the pattern)."""
    return ("从" in text or "由" in text) and DATED_VALUE.search(text) is not None


def dated_pair(clause: str, line: int, sentence: str) -> list[Figure] | None:
    """'从2015年的X件提高到2020年的Y件': two achieved figures, each of the year written with it."""
    if not (has_dated_pair(clause) and (m := FROM_TO.search(clause))):
        return None
    figures: list[Figure] = []
    label, _, basis = strip_label(m.group("label"))
    unit1 = m.group("unit1") or m.group("unit2")
    for y, v, u, unit in ((m.group("y1"), m.group("v1"), m.group("u1"), unit1), (m.group("y2"), m.group("v2"), m.group("u2"), m.group("unit2"))):
        figures.append(make_figure(label, v, u, unit, Context("actual", int(y), reason=f"{y}年 written with the value (从…到…)"), line, sentence, basis=basis, year=int(y)))
    return figures


def pair_without_years(clause: str, ctx: Context, line: int, sentence: str) -> list[Figure] | None:
    """'X由47166件增至91133件': the pair spans the clause's period; its start is achieved when it is earlier."""
    if not (("从" in clause or "由" in clause) and (m := PAIR_NO_YEARS.search(clause))):
        return None
    figures: list[Figure] = []
    label, _, basis = strip_label(m.group("label"))
    unit1 = m.group("unit1") or m.group("unit2")
    y2 = ctx.period_end or ctx.year
    y1 = ctx.period_start - 1 if ctx.period_start else ctx.from_year
    if m.group("fyp1"):
        y1 = five_year_plan_end(m.group("fyp1"))
    elif m.group("y1"):
        y1 = int(m.group("y1"))
    kind = "actual" if ctx.kind == "actual" else ctx.kind
    # the first side of a pair is where the change starts: achieved, when its year is before the second's
    first_kind = "actual" if y1 is not None and y2 is not None and y1 < y2 else kind
    for y, k, v, u, unit in ((y1, first_kind, m.group("v1"), m.group("u1"), unit1),
                             (y2, kind, m.group("v2"), m.group("u2"), m.group("unit2"))):
        why = f"从…到… over {ctx.reason or 'the passage'}" + ("; the pair's start" if k != kind else "")
        f = make_figure(label, v, u, unit, Context(k, y, reason=why, line=ctx.line), line, sentence, basis=basis, year=y)  # type: ignore[arg-type]
        f.year = y
        figures.append(f)
    return figures


def year_list(clause: str, ctx: Context | None, line: int, sentence: str) -> list[Figure] | None:
    """'2021-2025年…分别为a、b、c、d、e': one figure per year (a target after the context's year).
    YearListMismatch when the values do not match the years one to one; [] for a span no plan lists."""
    if not ("分别" in clause and (m := DISTRIBUTED.search(clause))):
        return None
    figures: list[Figure] = []
    years = list(range(int(m.group("y1")), int(m.group("y2")) + 1))
    vals = list_values(m.group("vals"))
    if not 2 <= len(years) <= 20:
        return figures  # '2025-2021年' or a span no plan lists year by year: not a year list
    if len(vals) != len(years):
        raise YearListMismatch(f"{len(years)} years ({years[0]}-{years[-1]}) but {len(vals)} values "
                               f"in {m.group(0)!r}; none of them was read")
    label, qual, basis = strip_label(m.group("label"))
    base = ctx or Context("target", years[-1], reason=f"year list {years[0]}-{years[-1]} with no other cue")
    for y, (num, mult, unit) in zip(years, vals):
        figures.append(make_figure(label, num, mult, unit, Context(base.kind if base.year >= y else "target", y, reason=f"year list {years[0]}-{years[-1]}; {base.reason}", line=base.line), line, sentence, qual, basis, year=y))
    return figures


def label_list(clause: str, ctx: Context, line: int, sentence: str) -> list[Figure] | None:
    """'A、B、C分别为x、y、z': one figure per label (shared words restored); None when the counts differ."""
    if not ("分别" in clause and (m := PAIRED.search(clause))):
        return None
    vals = list_values(m.group("vals"))
    head, qual, basis = strip_label(m.group("label"))
    qual = qual or (m.group("verb") if m.group("verb") in LIST_VERB_QUALIFIERS else None)
    labels = distribute_labels(head, len(vals))
    if not labels:
        return None
    return [make_figure(lab, num, mult, unit, ctx, line, sentence, qual, basis)
            for lab, (num, mult, unit) in zip(labels, vals)]
