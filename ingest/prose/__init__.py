"""Figures stated in prose: targets, achievements, changes, period totals, year lists and paired lists, with qualifiers."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.labels import indicator_key
from ingest.model import Figure
from ingest.errors import ParseError
from ingest.numbers import five_year_plan_end, multiplier_of, number_in_text
from ingest.text import clean_line, nfkc
from ingest.prose.quantities import _CN_OK_BEFORE, _NUM, _list_values, _quantity, tidy
from ingest.prose.timecontext import (Context, YearListMismatch, _HEADING, context_of, document_month, document_year,
                                      is_dated, relative_years, text_year)
from ingest.prose.frames import Frame, section_frames
from ingest import timewords as tw
from ingest.timeperiod import sdmx_period
from ingest.prose.changes import _CHANGE_AFTER, _CHANGE_BEFORE, _RATE_LEVEL, _TIMES_BEFORE
from ingest.prose.phrases import (
    _AWARD_AFTER, _NOT_A_SUBJECT, _PLACE_ONLY, _RIGHT_LABEL, _SHARE_SUBJECT_PRED, _SHARE_ONLY, _continued, _distribute_labels, _last_level, _last_subject,
    _strip_label, complete_labels, subject_of,
)
from ingest.prose.lists import _DISTRIBUTED, _FROM_TO, _PAIRED, _PAIR_NO_YEARS
from ingest.prose.distractors import (
    _COUNT_THRESHOLD_BEFORE, _POPULATION_AFTER, _FIRM, _FURNITURE, _FURNITURE_SPAN, _LABEL_THRESHOLD_AFTER, _THRESHOLD_VERB_END, _MEASURES_AFTER, _NATIONAL_QUOTE,
    THRESHOLD_NEAR_LINES, _RANGE_AFTER, _RANGE_BEFORE, firm_clauses, _RELATIVE, _SKIP_BEFORE, _drop_restated_thresholds,
)


_DATED_OF = re.compile(r"\d{4}年(?:末|底|\d{1,2}月)?的")


def _split_clauses(sentence: str) -> list[str]:
    return [c for c in re.split(r"(?<!\d),|,(?!\d)|;", sentence)]

def _figure(label: str, num: str, mult: str | None, unit: str | None, ctx: Context, line: int,
            sentence: str, qualifier_word: str | None = None, basis: str | None = None,
            year: int | None = None) -> Figure:
    raw_value, number = _quantity(num, mult, unit)
    raw_unit = ((mult or "") + (unit or "")) or None
    q_word = qualifier_word or ("力争" if ctx.aspirational else None)
    hint = basis or ctx.hint
    if label.startswith("新增"):
        hint = "新增" if not hint else hint + ",新增"
    fig_year = year if year is not None else ctx.year
    start, end = (ctx.period_start, ctx.period_end) if year is None else (None, None)
    where = ctx.line if ctx.line is not None else line
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
        period_start=start,
        period_end=end,
        time_period=sdmx_period(fig_year, ctx.part if year is None or year == ctx.year else None, start, end),
        kind_reason=f"{ctx.kind}: {ctx.reason or 'no cue'} (line {where})",
    )

def extract_clause(clause: str, ctx: Context | None, line: int, sentence: str, subject: str | None = None,
                   previous: str | None = None, notes: list[str] | None = None) -> list[Figure]:
    """Figures in one clause under the given context; `subject` names a bare number, else `previous`
    (the indicator of the paragraph's last figure: '…同比增长30%，达到122件', '新增23个，累计408个').
    A number that cannot be stored (too large) is left out and reported in `notes`."""
    figures: list[Figure] = []
    has_from = ("从" in clause or "由" in clause) and _DATED_OF.search(clause) is not None
    has_each = "分别" in clause
    if has_from and (m := _FROM_TO.search(clause)):
        label, _, basis = _strip_label(m.group("label"))
        unit1 = m.group("unit1") or m.group("unit2")
        for y, v, u, unit in ((m.group("y1"), m.group("v1"), m.group("u1"), unit1), (m.group("y2"), m.group("v2"), m.group("u2"), m.group("unit2"))):
            figures.append(_figure(label, v, u, unit, Context("actual", int(y), reason=f"{y}年 written with the value (从…到…)"), line, sentence, basis=basis, year=int(y)))
        return figures
    if ctx is not None and ("从" in clause or "由" in clause) and (m := _PAIR_NO_YEARS.search(clause)):
        label, _, basis = _strip_label(m.group("label"))
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
            f = _figure(label, v, u, unit, Context(k, y, reason=why, line=ctx.line), line, sentence, basis=basis, year=y)  # type: ignore[arg-type]
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
        base = ctx or Context("target", years[-1], reason=f"year list {years[0]}-{years[-1]} with no other cue")
        for y, (num, mult, unit) in zip(years, vals):
            figures.append(_figure(label, num, mult, unit, Context(base.kind if base.year >= y else "target", y, reason=f"year list {years[0]}-{years[-1]}; {base.reason}", line=base.line), line, sentence, qual, basis, year=y))
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
        num_start = m.start()
        if num[0].isdigit():
            try:  # an exponent ('1.5e3件'); a value too large to store ('1e308件', 400 digits)
                num_start, written, _ = number_in_text(clause, m.start("num"), m.end("num"))
            except ParseError as exc:
                if notes is not None and "too large" in exc.message:
                    notes.append(f"{exc.message}; not read")
                continue
            if "e" in written.lower():
                num = written.lstrip("-")
            else:
                num_start = m.start()
        before = clause[: m.start()]
        after = clause[m.end():]
        if unit == "个" and after.startswith(("月", "工作日", "季度", "小时")):
            continue  # '前7个月': a duration
        if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
            continue  # '打造3-5个', '3家至5家': a range of things to build, not a figure
        if unit in ("条", "项") and _MEASURES_AFTER.match(after):
            continue  # '19条具体措施', '14项主要指标'
        if unit != "%" and _LABEL_THRESHOLD_AFTER.match(after) and (
                after.startswith(("以上", "以下")) or re.search(r"(超过|超|达到|达|不足|低于|高于|过)$", before)):
            continue  # '超2000件的县市区': a threshold inside the label of another figure
        if unit in ("个", "家", "所", "座") and not mult and _POPULATION_AFTER.match(after):
            continue  # '全国72个城市第29位', '在全省11个设区市中': the population of a rank or a comparison
        if unit != "%" and _COUNT_THRESHOLD_BEFORE.search(before):
            continue  # '9个设区市专利申请总量超过1000件': the threshold of the count before it
        listed = bool(figures) and re.search(r"(和|、|及|与)$", before) is not None
        change = _CHANGE_BEFORE.search(before.rstrip()) or (unit == "倍" and _TIMES_BEFORE.search(before)) \
            or _CHANGE_AFTER.match(after)
        if not change and listed and figures[-1].value_kind == "change" and num[0].isdigit():
            # '分别较上一年度增长140%和98.5%': the second of a list of changes
            prev = figures[-1]
            f = _figure(prev.indicator_label, num, mult, unit, Context("change", ctx.year, part=ctx.part, reason=ctx.reason, line=ctx.line), line, sentence)
            if prev.value_number is not None and prev.value_number < 0:
                f.value_number = -f.value_number
            figures.append(f)
            pos = m.end()
            continue
        if change and change.re is _CHANGE_BEFORE and _RATE_LEVEL.search(before.rstrip()):
            change = None  # '平均增长率达到17.5%': the level of a rate indicator
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
            negative = bool(m.group("sign")) or "降" in verb or "减" in verb
            q = "以上" if after.startswith("以上") else ("超过" if re.search(r"(超过|均超)$", verb) else None)
            f = _figure(label, num, mult, unit, Context("change", ctx.year, part=ctx.part, reason=ctx.reason, line=ctx.line), line, sentence, q)
            if negative:
                f.value_number = -f.value_number
            if m.group("sign"):
                f.raw_value = "-" + f.raw_value  # as written: '增长-5%'
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
        left = clause[pos: num_start]
        pos = m.end()
        label, qual, basis = _strip_label(left)
        if after.startswith("以上"):
            qual = qual or "以上"
        if unit in ("项", "件", "个") and not mult and (award := _AWARD_AFTER.match(after)):
            label = award.group("award")  # '1项获中国专利金奖': the count of an award
            pos = m.end() + award.end()
        if _PLACE_ONLY.match(label) and (r := _RIGHT_LABEL.match(after)) and len(r.group("label").strip(" 、")) >= 2:
            label = ""  # '江西省17个县专利申请增幅翻倍': the region is the speaker, the counted object follows
        if _SHARE_ONLY.fullmatch(label) and (share_of := _last_subject(figures) or previous):
            label = share_of + label  # '企业授权量5444件，占28.01%', '…增加值为2765亿元，占GDP比重达9.55%'
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
            if unit == "%" and (sp := _SHARE_SUBJECT_PRED.match(label)):
                label = sp.group("pred").replace("了", "", 1) + "的" + sp.group("subj")  # the share of bodies doing it
            if _THRESHOLD_VERB_END.search(label) and (t := _NUM.match(after[r.end():])) and (t.group("unit") or t.group("mult")):
                label += t.group(0)  # '9个设区市专利申请总量超过1000件': the count's label keeps its threshold
                pos += t.end()
            if len(label) < 2 and fallback:
                subject = fallback
            if len(label) < 2 and subject:
                figures.append(_figure(subject, num, mult, unit, ctx, line, sentence, qual or ("以上" if after.startswith("以上") else None), basis))
                continue
        if len(label) < 2 or label.isdigit():
            continue
        figures.append(_figure(label, num, mult, unit, ctx, line, sentence, qual, basis or ("累计" if "累计" in before[-6:] else None)))
        if m.group("sign") and figures[-1].value_number is not None:
            figures[-1].value_number = -figures[-1].value_number  # '增长率为-7%'
            figures[-1].raw_value = "-" + figures[-1].raw_value
        last_label = label
    return figures

def _same_time(a: Context, b: Context | None) -> bool:
    return b is not None and (a.year, a.period_start, a.period_end, a.part) == (b.year, b.period_start, b.period_end, b.part)


def span_total(clause: str, ctx: Context | None) -> Context | None:
    """'五年共培育…', '三年来累计…': a total over the N years up to the clause's year, a period of its own."""
    if ctx is None or ctx.year is None or ctx.period_start is not None or ctx.kind not in ("actual", "target", "unknown"):
        return ctx
    if m := tw.SPAN_TOTAL.search(clause):
        n = tw.SPAN_YEARS[m.group("n")]
        return replace(ctx, period_start=ctx.year - n + 1, period_end=ctx.year, hint=f"{n}年累计",
                       reason=f"{ctx.reason}; {m.group(0)} ({ctx.year - n + 1}-{ctx.year})")
    return ctx


def framed(ctx: Context | None, frame: Frame | None, plan: tuple[int | None, int | None],
           doc_year: int | None) -> Context | None:
    """The clause's time under its section's frame: a results section (发展基础) makes a target year that is
    not in the future an actual; a future year there conflicts and gives `unknown`; in a goals section (主要目标)
    of an undated plan, an actual read from words alone (新增, 累计) is a target."""
    if frame is None:
        return ctx
    if ctx is None:
        return None  # a section gives a kind, not a year: a clause with no time of its own states no figure
    if ctx.kind not in ("target", "actual") or ctx.kind == frame.kind:
        return ctx
    if frame.kind == "target":
        past = ctx.year is not None and ((doc_year is not None and ctx.year < doc_year)
                                         or (plan[0] is not None and ctx.year < plan[0]))
        if past or "before" in ctx.reason or doc_year is not None:
            return ctx  # a baseline in a goals section ('2020年为…'), or an actual the document's date fixes
        return replace(ctx, kind="target", reason=f"{frame.reason()}; {ctx.reason}")
    past = ctx.year is not None and ((doc_year is not None and ctx.year <= doc_year and "after" not in ctx.reason)
                                     or (doc_year is None and plan[0] is not None and ctx.year < plan[0]))
    if not past:
        return replace(ctx, kind="unknown", reason=f"{ctx.reason} in {frame.reason()}: conflicting cues")
    return replace(ctx, kind="actual", reason=f"{frame.reason()}; {ctx.reason}")


# a sentence without a digit or a Chinese numeral states no figure (most sentences of a plan)
_ANY_NUMBER = re.compile(r"[0-9两二三四五六七八九十百千]")


def _near_before(figures: list[Figure], start: int, line: int) -> list[Figure]:
    """The figures before `start` read from the last THRESHOLD_NEAR_LINES lines (figures are in line order,
    so the scan stops at the first one further back: linear in a long document)."""
    k = start
    while k > 0 and line - figures[k - 1].source_line <= THRESHOLD_NEAR_LINES:
        k -= 1
    return figures[k:start]


def extract_prose(lines: list[str], skip: set[int], plan: tuple[int | None, int | None],
                  warnings: list[tuple[int, str]] | None = None, doc_date: str | None = None,
                  national: bool = False, plan_named_only: bool = False, name_year: int | None = None) -> list[Figure]:
    """Every figure stated in the document's prose; `skip` holds 1-based lines of indicator tables.

    Passages that look like figures but cannot be read (a year list whose values do not match
    its years) are reported in `warnings` as (line, message). `doc_date` (the catalog issue date)
    fixes the year the text speaks from (actual vs target, 今年/去年); `national` keeps figures of a
    quoted national plan, which a regional text drops. `name_year` (the year in the file's name) dates
    a text that states no date of its own and is not a plan, unless the text reports a later year or
    speaks of 去年 and never 今年 (a file named after the year its figures report).
    """
    figures: list[Figure] = []
    inherited: Context | None = None
    lines = _join_split_numbers(lines, skip)
    # a plan period read only from a 十X五 the text names (a news item, not a plan) does not stand for its date
    doc_year = document_year(lines, doc_date, (None, None) if plan_named_only else plan, skip)
    undated = doc_year is not None and not is_dated(lines, doc_date)
    doc_month = document_month(doc_date)
    year_note = None
    if undated and (read := text_year(lines, skip)):
        (doc_year, year_note), undated = read, False
    if ((doc_year is None or undated) and name_year is not None and (plan[0] is None or plan_named_only)
            and name_year >= (doc_year or 0) and relative_years(lines, skip) != {"last"}):
        doc_year, year_note, undated = name_year, f"the year in the file's name, {name_year}", False
    frames = section_frames(lines, skip)

    def time_of(text: str, line: int, current: Context | None) -> Context | None:
        own = context_of(text, plan, doc_year, undated, doc_month, current.year if current else None, year_note)
        return replace(own, line=line) if own is not None and own.line is None else own

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
            if ("从" in sentence or "由" in sentence) and _DATED_OF.search(sentence) and _FROM_TO.search(sentence):
                for m in _FROM_TO.finditer(sentence):
                    figures.extend(extract_clause(m.group(0), None, i, quote))
                    from_to_ctx = Context("actual", int(m.group("y2")), reason=f"{m.group('y2')}年 (从…到…)", line=i,
                                          from_year=int(m.group("y1")))
                sentence = _FROM_TO.sub(lambda m: ";" * len(m.group(0)), sentence)
            sentence_ctx = time_of(sentence, i, ctx) or from_to_ctx
            if sentence_ctx:
                ctx = sentence_ctx
            if not _ANY_NUMBER.search(sentence):
                continue  # no number, no figure: only the sentence's time context carries on
            clause_ctx = ctx
            subject = None
            quoting = False
            for clause, of_firm in zip(_split_clauses(sentence), firm_clauses(sentence)):
                if of_firm:
                    continue  # a firm's figures, not the region's
                if _NATIONAL_QUOTE.search(clause) and not national:
                    quoting = True
                if quoting:
                    continue
                own = time_of(clause, i, clause_ctx)
                if own and not _same_time(own, clause_ctx):
                    clause_ctx = own  # a clause's own cue; the same time as its sentence's keeps the sentence's reading

                clause_ctx = framed(clause_ctx, frames[i - 1], plan, doc_year)
                clause_ctx = span_total(clause, clause_ctx)
                notes: list[str] = []
                try:
                    figures.extend(extract_clause(clause, clause_ctx, i, quote, subject,
                                                  _last_subject(figures[line_start:]), notes))
                except (YearListMismatch, ParseError) as exc:
                    notes.append(f"{exc}; none of the clause's figures was read" if isinstance(exc, ParseError)
                                 else str(exc))
                if warnings is not None:
                    warnings += [(i, note) for note in notes]
                subject = subject_of(clause)
            figures[start:] = _drop_restated_thresholds(figures[start:], _near_before(figures, start, i))
        figures[line_start:] = complete_labels(figures[line_start:])
        inherited = ctx
    figures = _dedupe(figures)
    if warnings is not None:
        for f in figures:
            if f.value_kind == "unknown":
                warnings.append((f.source_line, f"{f.indicator_label} {f.raw_value}{f.raw_unit or ''}: target or actual "
                                                f"cannot be told ({f.kind_reason}); stored as unknown"))
        for line_no in sorted({f.source_line for f in figures if f.year is None}):
            warnings.append((line_no, "relative time (今年, 目前) in a text with no date of its own: the year of its "
                                      "figures is left unknown; give the document an issue_date in the catalog"))
    return figures

# a number at the end of a line whose unit starts the next line ('…拥有量达到 10⏎件，预计…'): a line
# break inside a sentence, common in texts copied from PDF plans
_ENDS_IN_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*$")
_STARTS_WITH_UNIT = re.compile(r"^\s*(?:万|亿)?(?:件|个|家|项|%|％|元|亿元|万元|人次|个百分点)(?![\u4e00-\u9fff]{0,1}[年月日])")


def _join_split_numbers(lines: list[str], skip: set[int]) -> list[str]:
    """The line that ends in a number gets the next line appended when that one starts with the number's
    unit (the figure and its quote stay on the first line); the next line is then empty."""
    out = list(lines)
    for i in range(len(out) - 1):
        if (i + 1) in skip or (i + 2) in skip:
            continue
        if re.search(r"[\u4e00-\u9fff]", out[i]) and _ENDS_IN_NUMBER.search(out[i]) and _STARTS_WITH_UNIT.match(out[i + 1]) and not _HEADING.match(out[i + 1].strip()):
            out[i] = out[i].rstrip() + out[i + 1].strip()
            out[i + 1] = ""
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


__all__ = ["extract_prose", "extract_clause", "context_of", "document_year", "tidy", "Context", "YearListMismatch", "replace"]
