"""The standalone quality report: one offline HTML file, each finding with its quoted sources side by side."""

from __future__ import annotations

import datetime as dt
import html
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from expectations.check import CheckRun

# report sections: (check name prefix, heading, what the check means)
SECTIONS = [
    ("conflict_", "Conflicting figures",
     "The same region, metric, year, kind and basis stated with values that cannot both hold "
     "(compared in canonical units; '>= x' is compatible with any value from x up)."),
    ("totals", "Totals", "Annual figures compared with the period total stated for the same indicator."),
    ("hierarchy", "Hierarchy", "An additive stock or flow of a region exceeding its parent's."),
    ("direction", "Direction", "A target below the baseline of a higher-is-better metric (or above, for lower-is-better)."),
    ("plausibility_", "Plausibility",
     "Percentages outside 0-100, per-10k ratios outside 0-1000, values that look like a dropped 万/亿, "
     "新增 figures that equal the stock."),
    ("region_", "Regions", "Documents whose region is unknown: no region could be inferred from the text, or a code "
     "that is not in the reference regions; their figures are kept but not compared."),
    ("coverage_", "Coverage", "Indicator names that map to no metric, indicator tables that yielded no figures."),
]
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

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


def _section_of(check_name: str) -> int:
    for i, (prefix, _, _) in enumerate(SECTIONS):
        if check_name.startswith(prefix):
            return i
    return len(SECTIONS) - 1


def _source_card(source: pd.Series, documents: dict[str, dict[str, object]]) -> str:
    doc = documents.get(str(source["document_id"]), {})
    status = str(doc.get("status") or "")
    title = doc.get("title") or ""
    if pd.notna(source.get("value")):
        value = f'{_e(_num(source["value"]))} {_e(source.get("unit"))}'
        raw = f'as written: {_e(source.get("raw_value"))}{_e(source.get("raw_unit"))}'
    else:
        value, raw = "table", ""
    return (
        f'<div class="source {_e(status)}">'
        f'<div class="where"><b>{_e(source["document_id"])}</b> · line {_e(source["source_line"])}'
        f'{" · " + _e(status) if status else ""}<br>{_e(title)}</div>'
        f'<div class="value">{value} <span class="raw">{raw}</span></div>'
        f'<blockquote>{_e(source["source_text"])}</blockquote></div>'
    )


def _finding_card(finding: pd.Series, sources: pd.DataFrame, documents: dict[str, dict[str, object]]) -> str:
    severity = str(finding["severity"])
    where = " · ".join(
        part for part in [
            _e(finding.get("region_name")) or _e(finding.get("region_code")),
            _e(finding.get("metric_id")),
            _e(_num(finding.get("year"))).replace(",", ""),
            _e(finding.get("value_kind")),
            _e(finding.get("basis")),
        ] if part
    )
    cards = "".join(_source_card(row, documents) for _, row in sources.iterrows())
    return (
        f'<div class="finding {_e(severity)}" id="{_e(finding["finding_id"])}">'
        f'<div class="meta"><span class="badge {_e(severity)}">{_e(severity)}</span>'
        f'<code>{_e(finding["check_name"])}</code> · {where}</div>'
        f'<div class="details">{_e(finding["details"])}</div>'
        f'<div class="sources">{cards}</div></div>'
    )


def _summary_table(run: CheckRun) -> str:
    from expectations.check import SEVERITY_ORDER, findings_matrix

    matrix = findings_matrix(run.findings)
    head = "".join(f"<th>{s}</th>" for s in SEVERITY_ORDER)
    rows = "".join(
        f"<tr><td><a href=\"#check-{_e(check)}\">{_e(check)}</a></td>"
        + "".join(f'<td class="n">{int(row[s]) or ""}</td>' for s in SEVERITY_ORDER) + "</tr>"
        for check, row in matrix.iterrows()
    )
    return f'<table class="summary"><tr><th>check</th>{head}</tr>{rows}</table>'


def _expectations_table(run: CheckRun) -> str:
    rows = "".join(
        f'<tr><td>{_e(o.table)}</td><td><code>{_e(o.expectation)}</code></td><td>{_e(o.column)}</td>'
        f'<td><span class="badge {"pass" if o.success else "fail"}">{"pass" if o.success else "fail"}</span></td>'
        f'<td class="n">{o.unexpected_count or ""}</td><td>{_e("; ".join(o.examples[:5]))}</td></tr>'
        for o in run.expectations
    )
    return ('<table class="summary"><tr><th>mart</th><th>expectation</th><th>column</th><th>result</th>'
            f'<th>rows</th><th>examples</th></tr>{rows}</table>')


def render_report(run: CheckRun) -> str:
    """The whole report as one HTML string (inline CSS, no scripts, no external resources)."""
    documents = {str(r["document_id"]): r for r in run.documents.to_dict("records")}
    findings = run.findings.copy()
    findings["_section"] = findings["check_name"].map(_section_of)
    findings["_rank"] = findings["severity"].map(SEVERITY_RANK).fillna(3)
    findings = findings.sort_values(["_section", "check_name", "_rank", "region_code", "metric_id", "year", "finding_id"],
                                    na_position="last")
    sources_by_finding = {key: group.sort_values("source_no") for key, group in run.sources.groupby("finding_id")}
    empty = run.sources.iloc[0:0]

    body: list[str] = []
    for i, (_, heading, about) in enumerate(SECTIONS):
        section = findings[findings["_section"] == i]
        body.append(f'<h2>{_e(heading)} <span class="count">({len(section)})</span></h2><p class="about">{_e(about)}</p>')
        if section.empty:
            body.append('<p class="about">No findings.</p>')
            continue
        for check, group in section.groupby("check_name", sort=False):
            cards = "".join(
                _finding_card(row, sources_by_finding.get(row["finding_id"], empty), documents)
                for _, row in group.iterrows()
            )
            only_info = set(group["severity"]) == {"info"}
            body.append(
                f'<details id="check-{_e(check)}"{"" if only_info else " open"}>'
                f"<summary>{_e(check)} ({len(group)})</summary>{cards}</details>"
            )

    docs_link = ""
    if run.data_docs_index is not None and run.report_path is not None:
        rel = os.path.relpath(run.data_docs_index, run.report_path.parent)
        docs_link = f' · <a style="color:#fff" href="{_e(rel)}">Great Expectations Data Docs</a>'
    generated = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>ipbench quality report</title><style>{CSS}</style></head><body>"
        f"<header><h1>ipbench quality report</h1><p>Warehouse {_e(run.db)} · generated {_e(generated)}{docs_link}</p>"
        f"<p>{len(run.findings)} findings · {sum(not o.success for o in run.expectations)} of "
        f"{len(run.expectations)} expectations failed</p></header><main>"
        f"<h2>Summary</h2>{_summary_table(run)}"
        f"{''.join(body)}"
        f"<h2>Great Expectations</h2><p class=\"about\">Row-level expectations on the marts.</p>{_expectations_table(run)}"
        "</main></body></html>"
    )


def write_report(run: CheckRun, path: Path) -> Path:
    """Write the report to `path` (atomically) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    run.report_path = path
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render_report(run), encoding="utf-8")
    tmp.replace(path)
    return path
