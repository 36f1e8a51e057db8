"""The standalone quality report, in English and Chinese: offline HTML, each finding with its quoted sources side by side."""

from __future__ import annotations

import datetime as dt
import html
import math
import os
from pathlib import Path

import pandas as pd

from expectations.run import SUMMARY_COLUMNS, CheckRun

REPORT_NAMES = {"en": "quality_report.html", "zh": "quality_report.zh.html"}

# report sections: (check name prefix, heading, what the check means) per language
SECTIONS = {
    "en": [
        ("conflict_", "Conflicting figures",
         "The same region, metric, year, kind and basis stated with values that cannot both hold "
         "(compared in canonical units; '>= x' is compatible with any value from x up)."),
        ("totals", "Totals", "Annual figures compared with the period total stated for the same indicator; "
         "an annual figure several times its neighbours (a period total read as one year); "
         "a table's sub-region rows compared with its total row."),
        ("hierarchy", "Hierarchy", "An additive stock or flow of a region exceeding its parent's."),
        ("direction", "Direction",
         "A target below the baseline of a higher-is-better metric (or above, for lower-is-better)."),
        ("plausibility_", "Plausibility",
         "Percentages outside 0-100, per-10k ratios outside 0-1000, values that look like a dropped 万/亿, "
         "新增 figures that equal the stock, per-10k values impossible for the region's population, values 100 times "
         "off their neighbours (a unit slip)."),
        ("region_", "Regions", "Documents whose region is unknown: no region could be inferred from the text, or a code "
         "that is not in the reference regions; their figures are kept but not compared. Figures whose own region "
         "lies outside their document's region."),
        ("coverage_", "Coverage", "Indicator names that map to no metric, indicator tables that yielded no figures, "
         "targets whose year has passed with no actual reported anywhere, table blocks whose numbers were not read."),
        ("time_", "Time", "An actual dated after its own document, a target of a past year that the same document "
         "reports as achieved: the figure's year or kind is misread."),
    ],
    "zh": [
        ("conflict_", "数值冲突",
         "同一地区、指标、年份、类型和口径给出了不能同时成立的数值（按标准单位比较；“≥ x”与不小于 x 的任何数值相容）。"),
        ("totals", "总数核对", "各年度数值与同一指标的期间总数相比较；是相邻年度数倍的年度数值（期间总数被当作单年）；"
         "表中各下级地区之和与合计行相比较。"),
        ("hierarchy", "上下级关系", "下级地区的可加总存量或流量超过了上级地区。"),
        ("direction", "目标方向", "越高越好的指标目标低于基期值（或越低越好的指标目标高于基期值）。"),
        ("plausibility_", "合理性",
         "百分比超出 0–100、每万人指标超出 0–1000、疑似漏写“万/亿”的数值、等于存量的“新增”数值、"
         "按人口推算不可能成立的每万人数值、与相邻数值相差百倍的数值（单位错误）。"),
        ("region_", "地区", "地区未知的文件：无法从正文推断地区，或地区代码不在参考地区表中；其数值保留但不参与比较。"
         "数值所属地区不在文件地区范围内的情况。"),
        ("coverage_", "覆盖情况", "未对应到任何指标的指标名称、未提取出数值的指标表、到期未报告实际值的目标、数字未被读取的表格。"),
        ("time_", "时间", "实际值的年份晚于其文件日期，或同一文件已报告实现的往年仍被读作目标：数值的年份或类型有误。"),
    ],
}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
WORDS = {
    "en": {
        "title": "ipbench quality report", "other": "中文版", "warehouse": "Warehouse", "generated": "generated",
        "data_docs": "Great Expectations Data Docs", "summary": "Summary", "check": "check",
        "error": "error", "warning": "warning", "info": "info", "confirmed": "confirmed",
        "findings": "{n} findings", "confirmations": "{n} confirmations (passed checks)",
        "gx_line": "mart integrity: {passed} of {total} Great Expectations expectations passed",
        "no_findings": "No findings.", "line": "line", "as_written": "as written", "table": "table",
        "confirmed_note": "{n} totals add up to the period total stated for them: confirmations, counted as passed "
                          "checks (the app and `ipbench export` list them).",
        "more_findings": "Showing the first {shown} of {total} findings of this check; the app's quality page and "
                         "the mart main.mart_quality_findings hold them all.",
        "more_sources": "+ {n} more sources (main.mart_quality_finding_sources, `ipbench export conflicts`)",
        "gx": "Great Expectations: mart integrity",
        "gx_about": "Row-level integrity of the marts (keys unique, provenance present, codes from their lists), "
                    "validated in batches. Findings above are data about the documents; a failed expectation here "
                    "is a defect of the pipeline.",
        "mart": "mart", "expectation": "expectation", "column": "column", "result": "result", "rows": "rows",
        "checked": "rows checked", "examples": "examples", "pass": "pass", "fail": "fail", "details_en": "",
        "value_kind": {}, "basis": {}, "status": {},
    },
    "zh": {
        "title": "ipbench 数据质量报告", "other": "English", "warehouse": "数据仓库", "generated": "生成于",
        "data_docs": "Great Expectations 数据文档", "summary": "概览", "check": "检查项",
        "error": "错误", "warning": "警告", "info": "提示", "confirmed": "已核对",
        "findings": "{n} 个问题", "confirmations": "{n} 项核对通过",
        "gx_line": "数据集市完整性：Great Expectations 共 {total} 项期望，通过 {passed} 项",
        "no_findings": "未发现问题。", "line": "第{line}行", "as_written": "原文", "table": "表格",
        "confirmed_note": "{n} 组年度数值之和与期间总数一致：作为通过的核对计数，不列为问题（可在应用和 `ipbench export` 中查看）。",
        "more_findings": "本检查项共 {total} 个问题，这里显示前 {shown} 个；应用的质量页面和 main.mart_quality_findings 中有全部问题。",
        "more_sources": "另有 {n} 处出处（见 main.mart_quality_finding_sources 或 `ipbench export conflicts`）",
        "gx": "Great Expectations：数据集市完整性",
        "gx_about": "逐行检查数据集市的完整性（主键唯一、出处齐全、代码在取值范围内），分批验证。"
                    "上面的问题是关于文件内容的数据发现；这里的期望未通过则说明处理流程有缺陷。",
        "mart": "数据集市", "expectation": "期望", "column": "字段", "result": "结果", "rows": "不符行数",
        "checked": "检查行数", "examples": "示例", "pass": "通过", "fail": "未通过", "details_en": "英文说明：",
        "value_kind": {"actual": "实际值", "target": "目标值", "change": "变化", "unknown": "类型不明"},
        "basis": {"stock": "存量", "annual": "年度", "cumulative": "累计", "ratio": "比率", "unknown": "口径不明"},
        "status": {"final": "正式稿", "draft": "征求意见稿"},
    },
}
QUALIFIER_SIGNS = {">=": "≥ ", "<=": "≤ "}

CSS = """
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;color:#1f2430;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}header p{margin:2px 0;opacity:.85;font-size:13px}
main{padding:16px 28px 40px;max-width:1400px}
h2{margin:28px 0 6px;font-size:19px;border-bottom:2px solid #d5dbe5;padding-bottom:4px}
h2 .count{font-weight:normal;color:#5a6475;font-size:14px}
p.about{margin:4px 0 12px;color:#5a6475;font-size:13px}
table.summary{border-collapse:collapse;margin:8px 0 16px;background:#fff;font-size:13px}
table.summary th,table.summary td{border:1px solid #d5dbe5;padding:4px 10px;text-align:left}
table.summary td.n{text-align:right;font-variant-numeric:tabular-nums}
.finding{background:#fff;border:1px solid #d5dbe5;border-left:6px solid #9aa5b5;border-radius:4px;margin:10px 0;padding:10px 14px}
.finding.error{border-left-color:#c62828}.finding.warning{border-left-color:#ef8f00}.finding.info{border-left-color:#3b78c2}
.meta{font-size:12px;color:#5a6475;margin-bottom:4px}
.badge{display:inline-block;border-radius:3px;padding:1px 7px;font-size:11px;font-weight:bold;color:#fff;margin-right:6px;text-transform:uppercase}
.badge.error{background:#c62828}.badge.warning{background:#ef8f00}.badge.info{background:#3b78c2}
.badge.pass{background:#2e7d32}.badge.fail{background:#c62828}
.details{margin:4px 0 8px;font-size:14px}
.sources{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:10px}
.source{border:1px solid #e1e5ec;border-radius:4px;padding:8px 10px;background:#fbfcfd}
.source .where{font-size:12px;color:#5a6475}
.source .value{font-size:18px;font-weight:bold;margin:2px 0}
.source .raw{font-size:12px;color:#5a6475;font-weight:normal}
.source blockquote{margin:6px 0 0;padding:6px 10px;border-left:3px solid #9aa5b5;background:#fff;font-size:13px;white-space:pre-wrap;word-break:break-all}
.source.draft{background:#fffaf0}
details>summary{cursor:pointer;font-weight:bold;margin:8px 0}
code{font-size:12px}
.en{font-size:12px;color:#5a6475}
.more{font-size:12px;color:#5a6475;margin:4px 0}
header a{color:#fff}
"""


def _e(value: object) -> str:
    """HTML-escape any value; missing values become an empty string."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def _num(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = float(value)  # type: ignore[arg-type]
    if number.is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:,.6g}" if abs(number) >= 1e6 else f"{number:g}"




def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _section_of(check_name: str) -> int:
    for i, (prefix, _, _) in enumerate(SECTIONS["en"]):
        if check_name.startswith(prefix):
            return i
    return len(SECTIONS["en"]) - 1


def _check_label(check: str, lang: str, run: CheckRun) -> str:
    """The check's name as shown: the code name, with its Chinese name (from the warehouse) in the Chinese report."""
    return f"{run.check_problems_zh.get(check, check)} ({check})" if lang == "zh" else check


def _source_card(source: pd.Series, lang: str) -> str:
    words = WORDS[lang]
    status = "" if _missing(source.get("status")) else str(source["status"])
    title = source.get("title")
    line = _e(source["source_line"])
    where_line = words["line"].format(line=line) if lang == "zh" else f"{words['line']} {line}"
    sign = QUALIFIER_SIGNS.get("" if _missing(source.get("qualifier")) else str(source["qualifier"]), "")
    if not _missing(source.get("value")):
        value = f'{_e(sign)}{_e(_num(source["value"]))} {_e(source.get("unit"))}'
        raw = f'{words["as_written"]}: {_e(sign)}{_e(source.get("raw_value"))}{_e(source.get("raw_unit"))}'
    else:
        value, raw = words["table"], ""
    return (
        f'<div class="source {_e(status)}">'
        f'<div class="where"><b>{_e(source["document_id"])}</b> · {where_line}'
        f'{" · " + _e(words["status"].get(status, status)) if status else ""}<br>{_e(title)}</div>'
        f'<div class="value">{value} <span class="raw">{raw}</span></div>'
        f'<blockquote>{_e(source["source_text"])}</blockquote></div>'
    )


def _details(finding: pd.Series, lang: str) -> str:
    """What the finding says: the check's own wording (English), or a Chinese sentence plus the English original."""
    english = _e(finding["details"])
    if lang != "zh":
        return f'<div class="details">{english}</div>'
    words = WORDS["zh"]
    explanation = finding.get("check_explanation_zh")  # seed check_names, joined into the mart
    sentence = str(finding["check_name"]) if _missing(explanation) else str(explanation)
    parts = [
        "" if _missing(finding.get("metric_name_zh")) else str(finding["metric_name_zh"]),
        "" if _missing(finding.get("year")) else f"{int(finding['year'])}年",
        words["value_kind"].get(str(finding.get("value_kind")), ""),
        words["basis"].get(str(finding.get("basis")), ""),
    ]
    about = "，".join(part for part in parts if part)
    values = "" if _missing(finding.get("values")) or not finding.get("values") else \
        "；数值：" + "、".join(v for v in str(finding["values"]).split("|") if v)
    return (f'<div class="details">{_e(sentence)}{"（" + _e(about) + "）" if about else ""}{_e(values)}。</div>'
            f'<div class="en">{words["details_en"]}{english}</div>')


def _finding_card(finding: pd.Series, sources: pd.DataFrame, lang: str) -> str:
    words = WORDS[lang]
    severity = str(finding["severity"])
    where = " · ".join(
        part for part in [
            _e(finding.get("region_name")) or _e(finding.get("region_code")),
            _e(finding.get("metric_id")),
            _e(_num(finding.get("year"))).replace(",", ""),
            _e(words["value_kind"].get(str(finding.get("value_kind")), finding.get("value_kind"))),
            _e(words["basis"].get(str(finding.get("basis")), finding.get("basis"))),
        ] if part
    )
    cards = "".join(_source_card(row, lang) for _, row in sources.iterrows())
    total = finding.get("n_sources")
    more = 0 if _missing(total) else int(total) - len(sources)
    more_note = f'<div class="more">{_e(words["more_sources"].format(n=more))}</div>' if more > 0 else ""
    return (
        f'<div class="finding {_e(severity)}" id="{_e(finding["finding_id"])}">'
        f'<div class="meta"><span class="badge {_e(severity)}">{_e(words[severity] if severity in words else severity)}'
        f'</span><code>{_e(finding["check_name"])}</code> · {where}</div>'
        f"{_details(finding, lang)}"
        f'<div class="sources">{cards}</div>{more_note}</div>'
    )


def _summary_table(run: CheckRun, lang: str) -> str:
    words = WORDS[lang]
    head = "".join(f"<th>{_e(words[s])}</th>" for s in SUMMARY_COLUMNS)
    rows = "".join(
        f"<tr><td><a href=\"#check-{_e(check)}\">{_e(_check_label(str(check), lang, run))}</a></td>"
        + "".join(f'<td class="n">{int(row[s]) or ""}</td>' for s in SUMMARY_COLUMNS) + "</tr>"
        for check, row in run.matrix.iterrows()
    )
    return f'<table class="summary"><tr><th>{_e(words["check"])}</th>{head}</tr>{rows}</table>'


def _expectations_table(run: CheckRun, lang: str) -> str:
    words = WORDS[lang]
    rows = "".join(
        f'<tr><td>{_e(o.table)}</td><td><code>{_e(o.expectation)}</code></td><td>{_e(o.column)}</td>'
        f'<td><span class="badge {"pass" if o.success else "fail"}">{_e(words["pass" if o.success else "fail"])}'
        f'</span></td><td class="n">{o.rows:,}</td>'
        f'<td class="n">{o.unexpected_count or ""}</td><td>{_e("; ".join(o.examples[:5]))}</td></tr>'
        for o in run.expectations
    )
    return (f'<table class="summary"><tr><th>{_e(words["mart"])}</th><th>{_e(words["expectation"])}</th>'
            f'<th>{_e(words["column"])}</th><th>{_e(words["result"])}</th><th>{_e(words["checked"])}</th>'
            f'<th>{_e(words["rows"])}</th><th>{_e(words["examples"])}</th></tr>{rows}</table>')


def render_report(run: CheckRun, lang: str = "en") -> str:
    """The whole report as one HTML string (inline CSS, no scripts, no external resources)."""
    words = WORDS[lang]
    findings = run.findings.copy()
    findings["_section"] = findings["check_name"].map(_section_of)
    findings["_rank"] = findings["severity"].map(SEVERITY_RANK).fillna(3)
    findings = findings.sort_values(["_section", "check_name", "_rank", "region_code", "metric_id", "year", "finding_id"],
                                    na_position="last")
    sources_by_finding = {key: group for key, group in run.sources.groupby("finding_id", sort=False)}
    empty = run.sources.iloc[0:0]
    totals_in_check = run.matrix.drop(columns="confirmed").sum(axis=1) if not run.matrix.empty else pd.Series(dtype=int)

    body: list[str] = []
    for i, (_, heading, about) in enumerate(SECTIONS[lang]):
        section = findings[findings["_section"] == i]
        checks_here = [c for c in run.matrix.index if _section_of(str(c)) == i]
        n_section = int(totals_in_check.reindex(checks_here).fillna(0).sum()) if checks_here else 0
        body.append(f'<h2>{_e(heading)} <span class="count">({n_section})</span></h2><p class="about">{_e(about)}</p>')
        confirmed = int(run.matrix["confirmed"].reindex(checks_here).fillna(0).sum()) if checks_here else 0
        if confirmed:
            body.append(f'<p class="about"><span class="badge pass">{_e(words["confirmed"])}</span>'
                        f'{_e(words["confirmed_note"].format(n=confirmed))}</p>')
        if section.empty:
            body.append(f'<p class="about">{_e(words["no_findings"])}</p>')
            continue
        for check, group in section.groupby("check_name", sort=False):
            cards = "".join(
                _finding_card(row, sources_by_finding.get(row["finding_id"], empty), lang)
                for _, row in group.iterrows()
            )
            total = int(totals_in_check.get(check, len(group)))
            more = (f'<p class="more">{_e(words["more_findings"].format(shown=len(group), total=total))}</p>'
                    if total > len(group) else "")
            only_info = set(group["severity"]) == {"info"}
            body.append(
                f'<details id="check-{_e(check)}"{"" if only_info else " open"}>'
                f"<summary>{_e(_check_label(str(check), lang, run))} ({total})</summary>{more}{cards}</details>"
            )

    links = ""
    if run.report_path is not None:
        other = REPORT_NAMES["zh" if lang == "en" else "en"]
        links += f' · <a href="{_e(other)}">{_e(words["other"])}</a>'
        if run.data_docs_index is not None:
            rel = os.path.relpath(run.data_docs_index, run.report_path.parent)
            links += f' · <a href="{_e(rel)}">{_e(words["data_docs"])}</a>'
    generated = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    passed = sum(o.success for o in run.expectations)
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{_e(words['title'])}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{_e(words['title'])}</h1><p>{_e(words['warehouse'])} {_e(run.db)} · {_e(words['generated'])} "
        f"{_e(generated)}{links}</p>"
        f"<p>{_e(words['findings'].format(n=run.n_findings))} · {_e(words['confirmations'].format(n=run.n_confirmed))}"
        f" · {_e(words['gx_line'].format(passed=passed, total=len(run.expectations)))}</p></header><main>"
        f"<h2>{_e(words['summary'])}</h2>{_summary_table(run, lang)}"
        f"{''.join(body)}"
        f"<h2>{_e(words['gx'])}</h2><p class=\"about\">{_e(words['gx_about'])}</p>{_expectations_table(run, lang)}"
        "</main></body></html>"
    )


def write_report(run: CheckRun, path: Path, lang: str = "en") -> Path:
    """Write one language's report to `path` (atomically) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    run.report_path = path
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render_report(run, lang), encoding="utf-8")
    tmp.replace(path)
    return path


def write_reports(run: CheckRun, reports_dir: Path) -> list[Path]:
    """Write the English and the Chinese report (each links to the other); run.report_path is the English one."""
    written = [write_report(run, reports_dir / REPORT_NAMES[lang], lang) for lang in ("zh", "en")]
    run.report_paths = written[::-1]
    return run.report_paths
