"""Quality findings' details in the app's language (the checks write English; their names come from the mart, seed check_names)."""

from __future__ import annotations

import re

from app.i18n import lang

# English detail phrases written by the dbt quality models -> Chinese; applied in order
_PHRASES: list[tuple[str, str]] = [
    # issue 25: what cannot be true
    (r"^The (\d{4}) target for (.+?) \((.+?)\) is past its year and no \d{4} actual is reported anywhere in the warehouse$",
     r"“\2”\1年目标（\3）已到期，但仓库中没有任何文件报告\1年实际值"),
    (r"^(.+?) = (.+?) \((\d{4}) (actual|target), annual\) is ([\d.]+) times the median annual value of this metric within five years: (.+); "
     r"it looks like a period total \(a five-year sum\) read as one year$",
     r"“\1”= \2（\3年 \4，年度）是该指标五年内其他年度数值中位数的 \5 倍：\6；疑似把期间总数（五年合计）当作了单年数值"),
    (r"^(.+?) = (.+?) per 10,000 residents implies (\d+) for the population of (\d+), more than one per resident: impossible$",
     r"“\1”= 每万人 \2，按人口 \4 推算为 \3，多于常住人口：不可能"),
    (r"^(.+?) = (.+?) per 10,000 residents implies (\d+) for the population of (\d+) \((\d{4}) (actual|target)\), "
     r"but the count stated is (.+?); both cannot be true$",
     r"“\1”= 每万人 \2，按人口 \4 推算为 \3（\5年 \6），但同一地区给出的总数为 \7；二者不能同时成立"),
    (r"^(.+?) = (.+?) is over 100 times (above|below) the median of the other figures of this region and metric \((\d+)\) \((.+?)\); "
     r"a unit may be misread \(万件 as 件\)$",
     r"“\1”= \2，与本地区该指标其他 \4 个数值的中位数（\5）相差 100 倍以上（\3）；可能单位读错（如把“万件”当作“件”）"),
    (r"^(.+?) = (.+?) is over 100 times (above|below) the median of the (\d+) other (\w+)-level figures of this metric \((.+?)\); "
     r"a unit may be misread \(万件 as 件\)$",
     r"“\1”= \2，与该指标其他 \4 个同级（\5）数值的中位数（\6）相差 100 倍以上（\3）；可能单位读错（如把“万件”当作“件”）"),
    (r"^(Table-like rows|Table (\d+)) on lines (\d+)-(\d+): (\d+) of (\d+) numeric cells not read \((.+)\)$",
     r"第 \3–\4 行的\1：\6 个数字单元格中有 \5 个未读取（\7）"),
    (r"第 (\d+)–(\d+) 行的Table-like rows", r"第 \1–\2 行未被识别为表格的表格行"),
    (r"第 (\d+)–(\d+) 行的Table (\d+)", r"第 \1–\2 行的表 \3"),
    (r"no table recognised", "未识别为表格"),
    (r"indicator-table cells without a figure", "指标表中未读出数值的单元格"),
    (r"（above）", "（偏大）"),
    (r"（below）", "（偏小）"),
    (r"^One document states different values for (.+?) \(", r"同一文件对“\1”给出不同数值（"),
    (r"^Versions of one plan state different values for (.+?) \(", r"同一规划的不同版本对“\1”给出不同数值（"),
    (r"^Different documents state different values for (.+?) \(", r"不同文件对“\1”给出不同数值（"),
    (r"^Annual figures add up to the period total for (.+?): ", r"年度数值之和与期间总数一致——“\1”："),
    (r"^Annual figures do not add up to the period total for (.+?): ", r"年度数值之和与期间总数不符——“\1”："),
    (r" stated for (\d{4})-(\d{4})$", r"（\1–\2年期间总数）"),
    (r"^Sub-regions add up to the total for (.+?) \(table (\d+) of (.+?)\): ", r"下级地区之和与合计一致——“\1”（\3 表 \2）："),
    (r"^Sub-regions do not add up to the total for (.+?) \(table (\d+) of (.+?)\): ", r"下级地区之和与合计不符——“\1”（\3 表 \2）："),
    (r" sub-regions (.+?) vs total (.+?), difference (.+)$", r" 个下级地区 \1，合计 \2，差 \3"),
    (r"^(\d+) figure\(s\) of (.+?) \((\d{6}), from the (.+?), first on line (\d+)\) in document (.+?) of (.+?) \((\d{6})\), "
     r"which does not contain it; check the name$",
     r"文件 \6 中有 \1 个数值属于\2（\3，来自\4，首见第 \5 行），不在文件地区\7（\8）范围内；请核对地区名称"),
    (r"来自((?:table_row|table_column|sentence)(?:, )?)+", lambda m: "来自" + "、".join(
        {"table_row": "表格行", "table_column": "表格列", "sentence": "句子"}[w] for w in re.findall(r"table_row|table_column|sentence", m.group(0)))),
    (r"^The (\d{4}) target for (.+?) \((.+?)\) is below the (\d{4}) baseline \((.+?)\) although higher is better$",
     r"“\2”\1年目标（\3）低于\4年基期值（\5），而该指标越高越好"),
    (r"^The (\d{4}) target for (.+?) \((.+?)\) is above the (\d{4}) baseline \((.+?)\) although lower is better$",
     r"“\2”\1年目标（\3）高于\4年基期值（\5），而该指标越低越好"),
    (r"^(.+?) is labelled 新增 \(newly added\) but its value (.+?) equals the stock stated for the same year; one of the two is mislabelled$",
     r"“\1”标为新增，但其数值 \2 与同年的存量相同；两者之一标注有误"),
    (r"^Indicator (.+?) \((\d+) figures?, first on line (\d+)\) maps to no metric; add its key (.+?) to the indicator mapping seed to compare it$",
     r"指标“\1”（\2 个数值，首见第 \3 行）未映射到任何指标；将键 \4 加入指标映射种子表（metric_aliases）后即可比较"),
    (r"^Indicator table (\d+)(?: \((.*?)\))? on lines (\d+)-(\d+) yielded no figures; check its layout and header$",
     r"第 \3–\4 行的指标表 \1 \2 未提取到数值；请检查其版式和表头"),
    (r"^(.+?) states (.+?) = (.+?), more than (.+?) \((.+?)\) for (\d{4}) (\w+), (\w+); a part cannot exceed the whole for an additive quantity$",
     r"\1 的“\2”为 \3，超过上级 \4（\5）（\6年 \7，\8）；可加总指标的部分不能超过整体"),
    (r"^(.+?) = (.+?) is over 1000 times below the median of the (\d+) (\w+)-level figures of this metric \((.+?)\); a 万 or 亿 may be missing$",
     r"“\1”= \2，比该指标 \3 个同级（\4）数值的中位数（\5）小 1000 倍以上；可能漏了“万”或“亿”"),
    (r" is outside the plausible range 0-100 for a percentage$", r" 超出百分比的合理范围 0–100"),
    (r" is outside the plausible range 0-1000 for a ratio per 10,000 residents$", r" 超出每万人比率的合理范围 0–1000"),
    (r"\b(\d{4}) actual\b", r"\1年 实际值"),
    (r"\b(\d{4}) target\b", r"\1年 目标值"),
    (r"\((\d{4})-(\d{4}), target\)", r"（\1–\2年，目标值）"),
    (r"\((\d{4})-(\d{4}), actual\)", r"（\1–\2年，实际值）"),
    (r", stock\)", "，存量）"),
    (r", annual\)", "，年度）"),
    (r", cumulative\)", "，累计）"),
    (r", ratio\)", "，比率）"),
    (r", unknown\)", "，未说明）"),
    (r"\): ", "）："),
    (r", draft, ", "，征求意见稿，"),
    (r", final, ", "，正式稿，"),
    (r"\bprose line (\d+)\)", r"正文第 \1 行）"),
    (r"\btable line (\d+)\)", r"表格第 \1 行）"),
    (r"\bline (\d+)\)", r"第 \1 行）"),
    (r" vs ", " 对比 "),
    (r"）: ", "）："),
    (r" \((\d{3}_)", r"（\1"),
    (r">= ?", "≥"),
    (r"<= ?", "≤"),
    (r"\bactual\b", "实际值"),
    (r"\btarget\b", "目标值"),
    (r"\bstock\b", "存量"),
    (r"\bannual\b", "年度"),
    (r"\bcumulative\b", "累计"),
    (r"\bprovince\b", "省级"),
    (r"\bcity\b", "市级"),
    (r"\bcounty\b", "县级"),
]
_COMPILED = [(re.compile(p), r) for p, r in _PHRASES]


def details_zh(text: str) -> str:
    """The English details of a finding in Chinese (numbers, names and quotes unchanged)."""
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return text


def details(text: object) -> str:
    """A finding's details in the current language."""
    if not isinstance(text, str):
        return ""
    return details_zh(text) if lang() == "zh" else text
