"""Chinese / English labels for the app; the choice lives in st.session_state['lang']."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

LANG_KEY = "lang"
LANGS = ("zh", "en")

# UI text: key -> (Chinese, English)
TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("ipbench 知识产权规划指标对标", "ipbench: IP plan indicator benchmark"),
    "language": ("语言 / Language", "语言 / Language"),
    "warehouse": ("数据仓库", "Warehouse"),
    "page_overview": ("概览", "Overview"),
    "page_benchmark": ("指标对标", "Benchmark"),
    "page_profile": ("地区画像", "Region profile"),
    "page_quality": ("数据质量", "Quality"),
    "page_sources": ("来源文件", "Sources"),
    "missing_title": ("尚无数据仓库", "No warehouse yet"),
    "missing_body": (
        "未找到数据仓库文件 `{path}`。请先运行 `ipbench all`（导入语料、构建并检查），然后刷新本页。",
        "The warehouse file `{path}` does not exist. Run `ipbench all` (ingest, build, check), then reload this page.",
    ),
    "empty_body": (
        "数据仓库 `{path}` 还没有构建好的数据表（缺少 main.fct_indicator_observation）。请运行 `ipbench all`，然后刷新本页。",
        "The warehouse `{path}` has no built marts (main.fct_indicator_observation is missing). "
        "Run `ipbench all`, then reload this page.",
    ),
    "broken_body": (
        "无法读取数据仓库 `{path}`：{detail}。请运行 `ipbench all` 重新生成，然后刷新本页。",
        "Cannot read the warehouse `{path}`: {detail}. Run `ipbench all` to rebuild it, then reload this page.",
    ),
    "download_csv": ("下载 CSV", "Download CSV"),
    "unknown_metric": ("链接中的指标 “{value}” 在数据仓库中没有可对标的数值；下面显示的是默认指标。",
                       "The link asks for the metric “{value}”, which has no figures to benchmark in this warehouse; the default metric is shown instead."),
    "unknown_region": ("链接中的地区 “{value}” 在数据仓库中没有可对标的数值；下面显示的是默认地区。",
                       "The link asks for the region “{value}”, which has no figures in this warehouse; the default region is shown instead."),
    "unknown_document": ("链接中的文件 “{value}” 不在数据仓库中；下面显示的是第一个文件。",
                         "The link asks for the document “{value}”, which is not in this warehouse; the first document is shown instead."),
    "untitled": ("（无标题）", "(untitled)"),
    "unread_numbers": ("未读取的数字（{n}）", "Numbers not read ({n})"),
    "unread_help": ("文中带单位的数字和表格中的数字，凡未读成数值的都列在这里，并说明原因。",
                    "Every number with a unit in the text and every numeric table cell that yielded no figure, with the reason."),
    "no_rows": ("没有数据。", "No rows."),
    # overview
    "documents": ("文件", "Documents"),
    "coverage": ("覆盖矩阵：地区 × 指标（数值个数）", "Coverage: regions × metrics (number of values)"),
    "coverage_help": (
        "每格为该地区该指标的数值个数（年份 × 类型 × 口径）；空白表示没有数据。",
        "Each cell counts the values (years × kinds × bases) a region has for a metric; blank means none.",
    ),
    "n_documents": ("文件数", "Documents"),
    "coverage_doc_help": (
        "按读取覆盖率从低到高排列：覆盖率 = 读成数值的数字占文中带单位的数字和表格数字的比例（排名、序号、年份不计）；"
        "未读取的数字及原因见数据质量页（未读取的表格）和 raw.number_mentions。",
        "Least read first. Read coverage = the share of the numbers with a unit in the text and the numeric table cells "
        "read as figures (ranks, serial numbers and years left out); the numbers not read, with the reason, are on the "
        "Quality page (unread tables) and in raw.number_mentions.",
    ),
    "n_regions": ("地区数", "Regions"),
    "n_observations": ("提取的数值", "Figures extracted"),
    "n_mapped": ("已映射到指标", "Mapped to a metric"),
    # benchmark
    "metric": ("指标", "Metric"),
    "category": ("类别", "Category"),
    "all_categories": ("全部", "All"),
    "levels": ("行政级别", "Levels"),
    "regions": ("地区", "Regions"),
    "no_metric": ("仓库中还没有已映射的指标。", "The warehouse has no mapped metrics yet."),
    "unit_basis": ("单位：{unit}；口径：{basis}", "Unit: {unit}; basis: {basis}"),
    "chart_title": ("{metric}（{unit}）：基期值与目标值，{years}", "{metric} ({unit}): baseline and target, {years}"),
    "definition": ("指标定义：{text}", "Definition: {text}"),
    "kind_baseline": ("基期值", "baseline"),
    "kind_target": ("目标值", "target"),
    "kind_achieved": ("已实现的目标", "target achieved"),
    "kind_missed": ("未实现的目标", "target missed"),
    "kind_progress": ("最新实际值", "latest actual"),
    "kind_year_passed": ("到期未报告实际值的目标", "target, year passed, no actual"),
    "kind_other_basis": ("目标（实际值口径不同）", "target, actual in another basis"),
    "status_achieved": ("已实现（{year}年实际 {actual}）", "achieved ({year} actual {actual})"),
    "status_missed": ("未实现（{year}年实际 {actual}）", "missed ({year} actual {actual})"),
    "status_on_track": ("按进度（{year}年 {actual}，直线进度 {expected}）", "on track ({year}: {actual}, straight path {expected})"),
    "status_behind": ("落后于进度（{year}年 {actual}，直线进度 {expected}）", "behind ({year}: {actual}, straight path {expected})"),
    # short: a table column shows them whole, the year last; the legend line says what they mean
    "status_year_passed_no_actual": ("到期未报告实际值（{year}年）", "year passed, no actual ({year})"),
    "status_actual_other_basis": ("无法判断（{year}年实际值口径不同）", "not judged ({year} actual in another basis)"),
    "status_legend": (
        "完成情况说明：已实现 / 未实现 —— 仓库中有目标年份的实际值（同一口径）并据此判断；"
        "到期未报告实际值 —— 目标年份已过，但仓库中任何文件都没有该年实际值，不作判断；"
        "无法判断 —— 目标年份的实际值口径不同（如存量对年度）；"
        "按进度 / 落后于进度 —— 基期与目标年之间的最新实际值与直线进度比较；"
        "空白 —— 目标年份尚未到来、也没有中间实际值。只有尚未到期的目标才作为当前目标画出（红点与连线）。",
        "Status: achieved / missed — an actual of the target year (same basis) is in the warehouse and is compared with the target; "
        "year passed, no actual — the target year is over but no document in the warehouse reports an actual for it, so it is not judged; "
        "not judged — the target year's actual is of another basis (a stock against an annual target); "
        "on track / behind — the latest actual between baseline and target year against the straight path; "
        "blank — the target year is still ahead and no actual lies in between. Only targets still ahead are drawn as current goals (red dot and bar).",
    ),
    "all_columns": ("全部列（人均值、上级目标、出处）", "All columns (per 10k, parent target, sources)"),
    "value_axis": ("数值（{unit}）", "Value ({unit})"),
    "missing_regions": ("以下地区没有该指标的数据（并非为零）：{names}", "No figure for this metric (not zero) in: {names}"),
    "no_figure": ("无此指标", "no figure"),
    "benchmark_table": ("对标表", "Benchmark table"),
    "trace_target": ("查看目标值出处", "Where the target comes from"),
    # profile
    "region": ("地区", "Region"),
    "parent": ("上级地区", "Parent region"),
    "no_parent": ("{name} 没有上级地区，只列出其自身指标。", "{name} has no parent region; its own indicators only."),
    "profile_vs": ("{name} 与上级 {parent} 对比", "{name} against its parent {parent}"),
    "profile_fallback": ("{parent} 未给出部分指标，这些指标改与 {others} 对比（见“对比地区”列）。",
                         "{parent} states nothing for some metrics; those are compared with {others} (see the reference column)."),
    "peers": ("同级地区", "peers"),
    "index_axis": ("指数（上级 = 100）", "index (parent = 100)"),
    "profile_chart_title": ("{name} 与同级地区：以上级为 100 的指数（同一年份）", "{name} and its peers, indexed to the parent = 100 (same year)"),
    "profile_sources": ("{name} 各项数值的出处", "Where {name}'s figures come from"),
    "rebuild_needed": (
        "数据仓库由旧版本构建，缺少 {what}。请运行 `ipbench build` 重新构建。",
        "The warehouse was built by an older version and lacks {what}. Run `ipbench build` to rebuild it.",
    ),
    "parent_no_data": ("上级地区 {parent} 在仓库中没有指标数据。", "The parent region {parent} has no figures in the warehouse."),
    # quality
    "quality_missing": (
        "数据仓库中还没有质量检查结果（main.mart_quality_findings）。请运行 `ipbench check`（或 `ipbench all`）。",
        "The warehouse has no quality findings yet (main.mart_quality_findings). Run `ipbench check` (or `ipbench all`).",
    ),
    "check": ("检查项", "Check"),
    "severity": ("严重程度", "Severity"),
    "findings": ("发现的问题", "Findings"),
    "finding": ("问题", "Finding"),
    "quoted_sources": ("引用的原文", "Quoted sources"),
    "passed_checks": ("核对通过", "Checks passed"),
    "passed_help": ("年度数之和与期间总数一致的核对：不是问题，不列入下表。", "Annual figures that add up to their period total: not problems, not listed below."),
    "passed_list": ("核对通过的项目（{n}）", "Checks passed ({n})"),
    "pick_row": ("点击一行查看该问题引用的原文；错误排在最前。", "Click a row to see the quoted sources of that finding; errors come first."),
    "no_findings": ("没有符合筛选条件的问题。", "No findings match the filters."),
    # sources
    "document": ("文件", "Document"),
    "figures": ("文件中的数值", "Figures in this document"),
    "figure": ("数值", "Figure"),
    "context_lines": ("上下文行数", "Context lines"),
    "original_text": ("原文（第 {line} 行）", "Original text (line {line})"),
    "no_figures": ("该文件中没有提取到数值。", "No figures were extracted from this document."),
    "outranked": ("该数值被 {other} 取代（非权威值）。", "Outranked by {other} (not authoritative)."),
    "kind_reason_caption": ("年份与类型依据：{reason}", "Why this year and kind: {reason}"),
}

# why a number was not read (ingest.coverage.REASONS): code -> (Chinese, English)
UNREAD_REASONS: dict[str, tuple[str, str]] = {
    "rank": ("排名或名次，不是指标", "a rank or place, not an indicator"),
    "serial_number": ("序号列，不是指标", "a serial-number column, not an indicator"),
    "year": ("年份，不是数值", "a year, not a value"),
    "change": ("增减变化，不是水平值", "a change, not a level"),
    "no_year": ("缺少年份（句中没有年份或规划期）", "year context missing"),
    "not_indicator": ("未识别为指标", "not recognised as an indicator"),
    "table_not_recognised": ("表格未被识别", "table not recognised"),
    "cell_not_read": ("指标表中未读出数值", "indicator-table cell without a figure"),
}

# column headers: name -> (Chinese, English)
COLUMNS: dict[str, tuple[str, str]] = {
    "document_id": ("文件编号", "document"),
    "title": ("标题", "title"),
    "region": ("地区", "region"),
    "region_name": ("地区", "region"),
    "level": ("级别", "level"),
    "region_level": ("级别", "level"),
    "status": ("状态", "status"),
    "doc_type": ("类型", "type"),
    "period": ("规划期", "period"),
    "n_figures": ("数值个数", "figures found"),
    "n_indicator_tables": ("指标表数", "indicator tables"),
    "read_coverage_pct": ("读取覆盖率 %", "read coverage %"),
    "numbers_unread": ("未读取的数字", "numbers not read"),
    "metric": ("指标", "metric"),
    "metric_id": ("指标编号", "metric id"),
    "category": ("类别", "category"),
    "basis": ("口径", "basis"),
    "unit": ("单位", "unit"),
    "baseline_year": ("基期年", "baseline year"),
    "baseline_value": ("基期值", "baseline"),
    "target_year": ("目标年", "target year"),
    "target_value": ("目标值", "target"),
    "target_qualifier": ("限定", "qualifier"),
    "absolute_change": ("增量", "change"),
    "cagr_pct": ("年均增速 %", "CAGR %"),
    "population_2020": ("2020年人口", "population 2020"),
    "baseline_per_10k": ("基期每万人", "baseline per 10k"),
    "target_per_10k": ("目标每万人", "target per 10k"),
    "parent_target_value": ("上级目标值", "parent target"),
    "ratio_to_parent": ("与上级之比", "ratio to parent"),
    "parent_baseline_value": ("上级同年实际值", "parent actual (same year)"),
    "baseline_ratio_to_parent": ("实际值与上级之比", "actual / parent actual"),
    "region_source": ("地区依据", "region from"),
    "reference_region": ("对比地区", "compared with"),
    "rank_in_level": ("同级排名", "rank in level"),
    "target_source": ("目标值出处", "target source"),
    "baseline_source": ("基期值出处", "baseline source"),
    "note": ("说明", "note"),
    "status_note": ("完成情况", "status"),
    "target_status": ("目标完成", "target met"),
    "target_actual_value": ("目标年实际值", "actual in target year"),
    "progress_year": ("进展年", "progress year"),
    "progress_value": ("进展实际值", "progress actual"),
    "progress_expected_value": ("直线进度值", "straight-path value"),
    "progress_status": ("进度", "progress"),
    "parent_baseline_value": ("上级基期值", "parent baseline"),
    "parent_baseline_year": ("上级基期年", "parent baseline year"),
    "parent_target_year": ("上级目标年", "parent target year"),
    "finding_id": ("编号", "id"),
    "check_name": ("检查项", "check"),
    "severity": ("严重程度", "severity"),
    "year": ("年份", "year"),
    "value_kind": ("类型", "kind"),
    "values": ("数值", "values"),
    "details": ("说明", "details"),
    "document_ids": ("文件", "documents"),
    "source_lines": ("行号", "lines"),
    "figure_no": ("序号", "no."),
    "indicator_label": ("原文指标名", "indicator as written"),
    "raw_value": ("原文数值", "value as written"),
    "raw_unit": ("原文单位", "unit as written"),
    "value": ("标准值", "value"),
    "qualifier": ("限定", "qualifier"),
    "source_kind": ("来源", "source"),
    "source_line": ("行号", "line"),
    "source_text": ("原文", "source text"),
    "time_period": ("时期", "period"),
    "kind_reason": ("年份与类型依据", "why this year and kind"),
    "source_ref": ("在原文件中的位置", "place in the file"),
    "is_authoritative": ("权威值", "authoritative"),
    "table_no": ("表号", "table"),
    "observation_id": ("数值编号", "observation"),
    "line_no": ("行号", "line"),
    "text": ("文本", "text"),
    "mark": ("", ""),
    "number_text": ("数字", "number"),
    "reason": ("原因", "reason"),
}

# enumerated values shown in tables and pickers: value -> (Chinese, English)
VALUES: dict[str, tuple[str, str]] = {
    "national": ("全国", "national"),
    "province": ("省", "province"),
    "city": ("市", "city"),
    "county": ("县（市、区）", "county"),
    "draft": ("征求意见稿", "draft"),
    "final": ("正式稿", "final"),
    "actual": ("实际值", "actual"),
    "target": ("目标值", "target"),
    "change": ("变化", "change"),
    "stock": ("存量", "stock"),
    "annual": ("年度", "annual"),
    "cumulative": ("累计", "cumulative"),
    "ratio": ("比率", "ratio"),
    "unknown": ("未说明", "unknown"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "table": ("表格", "table"),
    "prose": ("正文", "prose"),
    "plan": ("规划", "plan"),
    "work_plan": ("工作方案", "work plan"),
    "creation": ("创造", "creation"),
    "utilization": ("运用", "utilization"),
    "protection": ("保护", "protection"),
    "management": ("管理", "management"),
    "service": ("服务", "service"),
    "achieved": ("已实现", "achieved"),
    "missed": ("未实现", "missed"),
    "on_track": ("按进度", "on track"),
    "behind": ("落后于进度", "behind"),
    "year_passed_no_actual": ("到期未报告实际值", "year passed, no actual"),
    "actual_other_basis": ("无法判断（口径不同）", "not judged (other basis)"),
}


def reason_label(code: Any) -> str:
    """Why a number was not read, in the current language (the code itself when unknown)."""
    return _pick(UNREAD_REASONS[code]) if isinstance(code, str) and code in UNREAD_REASONS else str(code or "")


def lang() -> str:
    """The current language code ('zh' default)."""
    value = st.session_state.get(LANG_KEY, "zh")
    return value if value in LANGS else "zh"


def _pick(pair: tuple[str, str]) -> str:
    return pair[0] if lang() == "zh" else pair[1]


def t(key: str, **fmt: Any) -> str:
    """UI text in the current language."""
    text = _pick(TEXT[key])
    return text.format(**fmt) if fmt else text


def col(name: str) -> str:
    """A column header in the current language (the name itself when unknown)."""
    return _pick(COLUMNS[name]) if name in COLUMNS else name


def val(value: Any) -> Any:
    """An enumerated value (level, status, basis, ...) in the current language; others unchanged."""
    if isinstance(value, str) and value in VALUES:
        return _pick(VALUES[value])
    return value


def name(zh: Any, en: Any) -> str:
    """Pick the Chinese or English name of a region/metric (falls back to the other one)."""
    zh_s = zh if isinstance(zh, str) and zh else ""
    en_s = en if isinstance(en, str) and en else ""
    return (zh_s or en_s) if lang() == "zh" else (en_s or zh_s)


# canonical units (seed units.csv) and the denominators of density metrics (seed unit_denominators) in English
UNITS_EN: dict[str, str] = {
    "件": "items", "个": "units", "家": "entities", "户": "households", "项": "items", "人次": "person-times",
    "人": "persons", "点": "points", "所": "institutions", "起": "cases", "次": "times", "类": "classes",
    "款": "models", "亿元": "100 million yuan", "万元": "10,000 yuan", "元": "yuan", "%": "%", "倍": "times",
    "本": "volumes", "座": "sites", "条": "entries", "部": "works", "批": "batches", "分": "points",
}
DENOMINATORS_EN: dict[str, str] = {
    "万人": "10,000 residents", "十万人": "100,000 residents", "百万人": "1,000,000 residents", "亿人": "100 million residents",
    "千人": "1,000 residents", "百家企业": "100 enterprises", "百户企业": "100 enterprises", "百家": "100 entities",
    "百户": "100 entities",
}


def unit_label(unit: Any) -> str:
    """A canonical unit in the current language: '件/万人' in Chinese, 'items per 10,000 residents' in English."""
    if not isinstance(unit, str) or not unit:
        return ""
    if lang() == "zh":
        return unit
    head, _, per = unit.partition("/")
    text = UNITS_EN.get(head, head)
    return f"{text} per {DENOMINATORS_EN.get(per, per)}" if per else text


_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_INNER_BRACKETS = re.compile(r"\s*[（(]([^()（）]*)[)）]")
_CLAUSES = re.compile(r"(?<=[.;])\s+")
_HAS_CJK = re.compile(rf"[{_CJK}]")
# notes about particular documents rather than the metric: a bracket naming a place ('(Yueqing)', '(province: …;
# Yueqing: …)'), a worked example from the bundled plans ('(671 = 408 + 263 in 2020)'), '003 shows …'
_NOTE_BRACKET = re.compile(r"^[A-Z][a-z]+$|\b[A-Z][a-z]+:|\bprovince\b|\d\s*[=+]\s*\d")
_SOURCE_NOTE = re.compile(r"\b\d{3}\b shows|\bstated in the\b|\bis read as\b", re.IGNORECASE)


def _drop_note_brackets(text: str) -> str:
    """Remove brackets holding Chinese text or document notes, innermost first (nested ones too)."""
    def drop(m: re.Match[str]) -> str:
        inner = m.group(1)
        return "" if _HAS_CJK.search(inner) or _NOTE_BRACKET.search(inner) else m.group(0).replace("(", "\0").replace(")", "\1")
    previous = None
    while previous != text:
        previous, text = text, _INNER_BRACKETS.sub(drop, text)
    return text.replace("\0", "(").replace("\1", ")")


def english_only(text: Any) -> str:
    """An English definition without its Chinese quotes and notes about particular documents."""
    if not isinstance(text, str):
        return ""
    kept: list[str] = []
    for clause in _CLAUSES.split(_drop_note_brackets(text)):
        clause = clause.strip()
        if not clause or _HAS_CJK.search(clause) or _SOURCE_NOTE.search(clause):
            continue
        if not kept or kept[-1].endswith("."):
            clause = clause[0].upper() + clause[1:]
        kept.append(clause)
    out = " ".join(kept)
    return out[:-1] + "." if out.endswith(";") else out


def doc_title(title: Any, file_name: Any = None) -> str:
    """A document's title for display: its file name when it has none, never 'nan' or 'None'."""
    for text in (title, file_name):
        if isinstance(text, str) and text.strip() and text.strip().lower() not in ("nan", "none"):
            return text.strip()
    return t("untitled")
