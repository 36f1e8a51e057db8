"""The figures of one clause under its time: the clause's shape first (pairs, year lists, 分别 lists), else each number in turn, as a change or a level with its label."""

from __future__ import annotations

import re

from ingest.errors import ParseError
from ingest.model import Figure
from ingest.numbers import number_in_text
from ingest.prose.changes import ChangeCue, change_cue, is_rate_level
from ingest.prose.distractors import (FIRM, THRESHOLD_VERB_END, not_a_figure, not_a_level)
from ingest.prose.figure import make_figure
from ingest.prose.shapes import dated_pair, label_list, pair_without_years, year_list
from ingest.prose.phrases import (AWARD_AFTER, NOT_A_SUBJECT, PLACE_ONLY, RIGHT_LABEL, SHARE_ONLY, SHARE_SUBJECT_PRED,
                                  continued_subject, last_level, last_subject, strip_label)
from ingest.prose.timecontext import Context, replace
from ingest.vocabulary import AT_LEAST_AFTER, CHANGE_LABEL_TRAIL, GOAL_AFTER, NUMBER, any_of

_CHANGE_LABEL_TRAIL = re.compile("(?<=.)(?:" + any_of(CHANGE_LABEL_TRAIL) + ")$")


def extract_clause(clause: str, ctx: Context | None, line: int, sentence: str, subject: str | None = None,
                   previous: str | None = None, notes: list[str] | None = None) -> list[Figure]:
    """Figures in one clause under the given context; `subject` names a bare number, else `previous`
    (the indicator of the paragraph's last figure: '…同比增长30%，达到122件', '新增23个，累计408个').
    A number that cannot be stored (too large) is left out and reported in `notes`.

    The shapes are tried in this order; the first that is there gives the clause's figures:
    a dated pair (从2015年的X到2020年的Y), a pair without years (由X增至Y; needs a time), a year list
    (2021-2025年…分别为…), then, with a time only, a 分别 list of labels; a clause about a firm gives none;
    else each number of the clause is read in turn (`number_figures`)."""
    if (shaped := dated_pair(clause, line, sentence)) is not None:
        return shaped
    if ctx is not None and (shaped := pair_without_years(clause, ctx, line, sentence)) is not None:
        return shaped
    if (shaped := year_list(clause, ctx, line, sentence)) is not None:
        return shaped
    if ctx is None:
        return []
    if (shaped := label_list(clause, ctx, line, sentence)) is not None:
        return shaped
    if FIRM.search(clause):
        return []  # a firm's figures, not the region's
    return number_figures(clause, ctx, line, sentence, subject, previous, notes)


def _written_number(clause: str, m: re.Match, notes: list[str] | None) -> tuple[int, str] | None:
    """Where the number of match `m` starts and its digits, an exponent included ('1.5e3件'); None for a
    value too large to store ('1e308件', 400 digits), reported in `notes`."""
    num, num_start = m.group("num"), m.start()
    if num[0].isdigit():
        try:
            num_start, written, _ = number_in_text(clause, m.start("num"), m.end("num"))
        except ParseError as exc:
            if notes is not None and "too large" in exc.message:
                notes.append(f"{exc.message}; not read")
            return None
        if "e" in written.lower():
            num = written.lstrip("-")
        else:
            num_start = m.start()
    return num_start, num


def _change_figure(clause: str, m: re.Match, num: str, cue: ChangeCue, pos: int, last_label: str | None,
                   figures: list[Figure], previous: str | None, after: str, ctx: Context, line: int,
                   sentence: str) -> Figure:
    """A change: labelled by the words before its cue (else the clause's last indicator) and the cue's verb."""
    mult, unit = m.group("mult"), m.group("unit")
    verb = cue.verb
    lead = strip_label(clause[pos: m.start() - cue.width])[0]
    if lead and NOT_A_SUBJECT.match(lead):
        lead = ""
    base = lead or last_label or last_level(figures) or previous or ""
    label = (base + verb).strip(" ,、的") if base else verb
    label = _CHANGE_LABEL_TRAIL.sub("", label)
    negative = bool(m.group("sign")) or "降" in verb or "减" in verb
    q = AT_LEAST_AFTER if after.startswith(AT_LEAST_AFTER) else ("超过" if re.search(r"(超过|均超)$", verb) else None)
    f = make_figure(label, num, mult, unit, Context("change", ctx.year, part=ctx.part, reason=ctx.reason, line=ctx.line), line, sentence, q)
    if negative:
        f.value_number = -f.value_number
    if m.group("sign"):
        f.raw_value = "-" + f.raw_value  # as written: '增长-5%'
    return f


def number_figures(clause: str, ctx: Context, line: int, sentence: str, subject: str | None = None,
                   previous: str | None = None, notes: list[str] | None = None) -> list[Figure]:
    """Each number with a unit, left to right: skipped when it is no figure (distractors), a change when
    change words stand by it, else a level labelled by the words before it, after it, or the clause's subject."""
    figures: list[Figure] = []
    pos = 0
    last_label = subject
    for m in NUMBER.finditer(clause):
        mult, unit = m.group("mult"), m.group("unit")
        if not (unit or mult):
            continue
        written = _written_number(clause, m, notes)
        if written is None:
            continue
        num_start, num = written
        before = clause[: m.start()]
        after = clause[m.end():]
        if not_a_figure(unit, mult, before, after):
            continue
        listed = bool(figures) and re.search(r"(和|、|及|与)$", before) is not None
        change = change_cue(before, after, unit)
        if not change and listed and figures[-1].value_kind == "change" and num[0].isdigit():
            # '分别较上一年度增长140%和98.5%': the second of a list of changes
            prev = figures[-1]
            f = make_figure(prev.indicator_label, num, mult, unit, Context("change", ctx.year, part=ctx.part, reason=ctx.reason, line=ctx.line), line, sentence)
            if prev.value_number is not None and prev.value_number < 0:
                f.value_number = -f.value_number
            figures.append(f)
            pos = m.end()
            continue
        if change and is_rate_level(change, before):
            change = None  # '平均增长率达到17.5%': the level of a rate indicator
        if unit == "倍" and not change:
            continue
        if change and num[0].isdigit():
            figures.append(_change_figure(clause, m, num, change, pos, last_label, figures, previous, after, ctx, line, sentence))
            pos = m.end()
            continue
        if not_a_level(clause, m.start(), num, unit, mult, before, after):
            continue
        level_ctx = ctx
        if ctx.kind == "actual" and (goal := GOAL_AFTER.match(after)):
            # '提前实现“十四五”规划预期的12件目标': the number the result is measured against is the goal
            level_ctx = replace(ctx, kind="target", reason=f"{num}{mult or ''}{unit or ''}{goal.group(0)}")
        left = clause[pos: num_start]
        pos = m.end()
        label, qual, basis = strip_label(left)
        if after.startswith(AT_LEAST_AFTER):
            qual = qual or AT_LEAST_AFTER
        if unit in ("项", "件", "个") and not mult and (award := AWARD_AFTER.match(after)):
            label = award.group("award")  # '1项获中国专利金奖': the count of an award
            pos = m.end() + award.end()
        if PLACE_ONLY.match(label) and (r := RIGHT_LABEL.match(after)) and len(r.group("label").strip(" 、")) >= 2:
            label = ""  # '江西省17个县专利申请增幅翻倍': the region is the speaker, the counted object follows
        if SHARE_ONLY.fullmatch(label) and (share_of := last_subject(figures) or previous):
            label = share_of + label  # '企业授权量5444件，占28.01%', '…增加值为2765亿元，占GDP比重达9.55%'
        if not label and listed and not RIGHT_LABEL.match(after):
            label = figures[-1].indicator_label  # '总数量分别达到14家和77家'
        fallback = subject or continued_subject(last_subject(figures) or previous, before)
        if not label:
            r = RIGHT_LABEL.match(after)
            if not r and fallback:
                subject = fallback
            if not r and subject:
                figures.append(make_figure(subject, num, mult, unit, level_ctx, line, sentence, qual or (AT_LEAST_AFTER if after.startswith(AT_LEAST_AFTER) else None), basis))
                continue
            if not r:
                continue
            label = r.group("label").strip(" 、")
            label = re.sub(r"(以上|左右)$", "", label)
            pos = m.end() + r.end()
            if unit == "%" and (sp := SHARE_SUBJECT_PRED.match(label)):
                label = sp.group("pred").replace("了", "", 1) + "的" + sp.group("subj")  # the share of bodies doing it
            if THRESHOLD_VERB_END.search(label) and (t := NUMBER.match(after[r.end():])) and (t.group("unit") or t.group("mult")):
                label += t.group(0)  # '9个设区市专利申请总量超过1000件': the count's label keeps its threshold
                pos += t.end()
            if len(label) < 2 and fallback:
                subject = fallback
            if len(label) < 2 and subject:
                figures.append(make_figure(subject, num, mult, unit, level_ctx, line, sentence, qual or (AT_LEAST_AFTER if after.startswith(AT_LEAST_AFTER) else None), basis))
                continue
        if len(label) < 2 or label.isdigit():
            continue
        figures.append(make_figure(label, num, mult, unit, level_ctx, line, sentence, qual, basis or ("累计" if "累计" in before[-6:] else None)))
        if m.group("sign") and figures[-1].value_number is not None:
            figures[-1].value_number = -figures[-1].value_number  # '增长率为-7%'
            figures[-1].raw_value = "-" + figures[-1].raw_value
        last_label = label
    return figures
