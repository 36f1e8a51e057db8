"""Region profile page: one region's indicators next to its parent region's, metric by metric."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from app.i18n import name, t, val

LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}
QUALIFIER = {">=": "≥", "<=": "≤"}

st.title(t("page_profile"))

regions = data.query(
    """
    select r.region_code, r.name_zh, r.name_en, r.level, r.parent_code, p.name_zh as parent_zh, p.name_en as parent_en
    from main.dim_region r
    left join main.dim_region p on p.region_code = r.parent_code
    where r.region_code in (select region_code from main.mart_region_benchmark)
    """
)
if regions.empty:
    st.info(t("no_metric"))
    st.stop()
regions = regions.assign(o=regions["level"].map(LEVEL_ORDER)).sort_values(["o", "region_code"]).set_index("region_code")

codes = regions.index.tolist()
code = ui.select_linked(
    t("region"), codes, "region",
    {c: f"{name(regions.at[c, 'name_zh'], regions.at[c, 'name_en'])} ({val(regions.at[c, 'level'])})" for c in codes},
    key="rp_region",
)
me = regions.loc[code]
my_name = name(me["name_zh"], me["name_en"])
parent_code = me["parent_code"] if isinstance(me["parent_code"], str) else None
parent_name = name(me["parent_zh"], me["parent_en"]) if parent_code else ""

cols = """metric_id, basis, unit, baseline_year, baseline_value, target_year, target_value, target_qualifier, cagr, ratio_to_parent"""
mine = data.query(f"select {cols} from main.mart_region_benchmark where region_code = ?", (code,))
theirs = (
    data.query(f"select {cols} from main.mart_region_benchmark where region_code = ?", (parent_code,))
    if parent_code
    else mine.iloc[0:0]
)
metrics = data.query("select metric_id, name_zh, name_en, category from main.dim_metric").set_index("metric_id")

if parent_code:
    st.subheader(t("profile_vs", name=my_name, parent=parent_name))
    if theirs.empty:
        st.info(t("parent_no_data", parent=parent_name))
else:
    st.info(t("no_parent", name=my_name))

merged = mine.merge(theirs, on=["metric_id", "basis"], how="outer", suffixes=("", "_parent"), indicator=True)
merged = merged.merge(metrics, left_on="metric_id", right_index=True, how="left")
merged = merged.sort_values(["category", "metric_id", "basis"])


def _fmt(value: object, qualifier: object, unit: object, year: object) -> str:
    """'≥7.8 件 (2025)'; '' when there is no value."""
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return ""
    q = QUALIFIER.get(qualifier, "") if isinstance(qualifier, str) else ""
    y = f" ({int(year)})" if year is not None and not pd.isna(year) else ""  # type: ignore[arg-type]
    return f"{q}{ui.fmt_num(value)} {unit if isinstance(unit, str) else ''}{y}".strip()


table = pd.DataFrame(
    {
        "category": merged["category"],
        "metric": [name(z, e) for z, e in zip(merged["name_zh"], merged["name_en"], strict=True)],
        "basis": merged["basis"],
        "baseline_value": [_fmt(v, "", u, y) for v, u, y in zip(merged["baseline_value"], merged["unit"], merged["baseline_year"], strict=True)],
        "target_value": [
            _fmt(v, q, u, y)
            for v, q, u, y in zip(merged["target_value"], merged["target_qualifier"], merged["unit"], merged["target_year"], strict=True)
        ],
        "cagr_pct": (merged["cagr"] * 100).round(2),
    }
)
if parent_code:
    table["parent_baseline_value"] = [
        _fmt(v, "", u, y) for v, u, y in zip(merged["baseline_value_parent"], merged["unit_parent"], merged["baseline_year_parent"], strict=True)
    ]
    table["parent_target_value"] = [
        _fmt(v, q, u, y)
        for v, q, u, y in zip(
            merged["target_value_parent"], merged["target_qualifier_parent"], merged["unit_parent"], merged["target_year_parent"], strict=True
        )
    ]
    table["ratio_to_parent"] = merged["ratio_to_parent"].round(3)
table["note"] = [t("no_figure") if side == "right_only" else "" for side in merged["_merge"]]
ui.show_table(table, f"profile_{code}")
