"""Benchmark page: one metric across regions, baseline vs target, growth, per-10k values and ratio to parent."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import data, ui
from app.i18n import col, lang, name, t, val

CATEGORY_ORDER = ["creation", "utilization", "protection", "management", "service"]
LEVEL_ORDER = ["province", "city", "county"]
QUALIFIER = {">=": "≥", "<=": "≤"}

st.title(t("page_benchmark"))

metrics = data.query(
    """
    select m.metric_id, m.name_zh, m.name_en, m.category, m.canonical_unit,
           count(distinct b.region_code) as n_regions
    from main.dim_metric m
    join main.mart_region_benchmark b using (metric_id)
    group by all
    """
)
if metrics.empty:
    st.info(t("no_metric"))
    st.stop()

metrics["cat_order"] = metrics["category"].map({c: i for i, c in enumerate(CATEGORY_ORDER)}).fillna(len(CATEGORY_ORDER))
metrics = metrics.sort_values(["cat_order", "category", "n_regions", "metric_id"], ascending=[True, True, False, True])
by_id = metrics.set_index("metric_id")
metric_ids = metrics["metric_id"].tolist()
asked = st.query_params.get("metric")
default_metric = asked if asked in by_id.index else metrics.sort_values("n_regions", ascending=False, kind="stable")["metric_id"].iloc[0]

# labels are computed now: format_func may also be called outside the script run (AppTest)
categories = ["all", *dict.fromkeys(metrics["category"])]
category_label = {c: t("all_categories") if c == "all" else f"{val(c)} ({int((metrics['category'] == c).sum())})" for c in categories}
category = st.segmented_control(
    t("category"), categories, default="all", format_func=category_label.__getitem__, key="bm_category"
) or "all"
shown_ids = metric_ids if category == "all" else [m for m in metric_ids if by_id.at[m, "category"] == category]
metric_label = {m: f"{val(by_id.at[m, 'category'])} · {name(by_id.at[m, 'name_zh'], by_id.at[m, 'name_en'])}" for m in shown_ids}
metric_id = st.selectbox(
    t("metric"),
    shown_ids,
    index=shown_ids.index(default_metric) if default_metric in shown_ids else 0,
    format_func=metric_label.__getitem__,
    key=f"bm_metric_{category}",  # one widget per category: its options differ
)

regions = data.query(
    """
    select r.region_code, r.name_zh, r.name_en, r.level, r.parent_code,
           exists (select 1 from main.dim_document d where d.region_code = r.region_code) as has_documents
    from main.dim_region r
    """
)
regions["level_order"] = regions["level"].map({lv: i for i, lv in enumerate(LEVEL_ORDER)}).fillna(len(LEVEL_ORDER))
regions = regions.sort_values(["level_order", "region_code"])
region_name = {r.region_code: name(r.name_zh, r.name_en) for r in regions.itertuples()}

left, right = st.columns([1, 3])
levels_present = [lv for lv in LEVEL_ORDER if lv in set(regions["level"])]
level_label = {lv: val(lv) for lv in levels_present}
levels = left.multiselect(t("levels"), levels_present, default=levels_present, format_func=level_label.__getitem__, key="bm_levels")
candidates = regions[regions["level"].isin(levels)]
candidate_label = {r.region_code: f"{region_name[r.region_code]} ({val(r.level)})" for r in candidates.itertuples()}
chosen = right.multiselect(
    t("regions"),
    candidates["region_code"].tolist(),
    default=candidates.loc[candidates["has_documents"], "region_code"].tolist(),
    format_func=candidate_label.__getitem__,
    key=f"bm_regions_{'-'.join(levels)}",
)

bench = data.query(
    """
    select region_code, region_level, basis, unit, baseline_year, baseline_value, target_year, target_value,
           target_qualifier, absolute_change, cagr, baseline_per_10k, target_per_10k, parent_target_value,
           ratio_to_parent, rank_in_level, baseline_document_id, baseline_source_line,
           target_document_id, target_source_line
    from main.mart_region_benchmark
    where metric_id = ?
    """,
    (metric_id,),
)
bench = bench[bench["region_code"].isin(chosen)].copy()
bench["region"] = bench["region_code"].map(region_name)
bench["level_order"] = bench["region_level"].map({lv: i for i, lv in enumerate(LEVEL_ORDER)})
bench = bench.sort_values(["level_order", "region_code", "basis"])
missing = [c for c in chosen if c not in set(bench["region_code"])]

unit = by_id.at[metric_id, "canonical_unit"]
bases = ", ".join(str(val(b)) for b in bench["basis"].drop_duplicates()) or "—"
st.caption(t("unit_basis", unit=unit, basis=bases))
if missing:
    st.warning(t("missing_regions", names=("、" if lang() == "zh" else ", ").join(region_name[c] for c in missing)), icon=":material/block:")

if not bench.empty:
    many_bases = bench["basis"].nunique() > 1
    bench["label"] = [f"{r} · {val(b)}" if many_bases else r for r, b in zip(bench["region"], bench["basis"], strict=True)]
    points = pd.concat(
        [
            bench.assign(kind=col("baseline_value"), year=bench["baseline_year"], value=bench["baseline_value"], q=""),
            bench.assign(kind=col("target_value"), year=bench["target_year"], value=bench["target_value"],
                         q=bench["target_qualifier"].map(QUALIFIER).fillna("")),
        ]
    ).dropna(subset=["value"])
    points["basis_label"] = points["basis"].map(val)
    order = bench["label"].tolist()
    y = alt.Y("label:N", sort=order, title=None)
    x_title = t("value_axis", unit=unit)
    rule = (
        alt.Chart(bench.dropna(subset=["baseline_value", "target_value"]))
        .mark_rule(strokeWidth=3, color="#9aa5b1")
        .encode(y=y, x=alt.X("baseline_value:Q", title=x_title), x2="target_value:Q")
    )
    dots = (
        alt.Chart(points)
        .mark_circle(size=160, opacity=1)
        .encode(
            y=y,
            x=alt.X("value:Q", title=x_title),
            color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=[col("baseline_value"), col("target_value")], range=["#9aa5b1", "#d62728"])),
            tooltip=[
                alt.Tooltip("region:N", title=col("region")),
                alt.Tooltip("kind:N", title=col("value_kind")),
                alt.Tooltip("year:Q", title=col("year"), format="d"),
                alt.Tooltip("q:N", title=col("qualifier")),
                alt.Tooltip("value:Q", title=col("value")),
                alt.Tooltip("unit:N", title=col("unit")),
                alt.Tooltip("basis_label:N", title=col("basis")),
            ],
        )
    )
    text = {"text": alt.Text("value:Q", format=",.4~g"), "color": alt.value("#333")}
    baseline_labels = dots.mark_text(dx=-12, align="right", fontSize=12).encode(**text).transform_filter(
        alt.datum.kind == col("baseline_value")
    )
    target_labels = dots.mark_text(dx=12, align="left", fontSize=12).encode(**text).transform_filter(
        alt.datum.kind == col("target_value")
    )
    chart = (rule + dots + baseline_labels + target_labels).properties(title=t("chart_title"), height=alt.Step(44))
    st.altair_chart(chart, width="stretch", key="bm_chart")

st.subheader(t("benchmark_table"))
table = pd.DataFrame(
    {
        "region": bench["region"],
        "region_level": bench["region_level"],
        "basis": bench["basis"],
        "unit": bench["unit"],
        "baseline_year": bench["baseline_year"].astype("Int64"),
        "baseline_value": bench["baseline_value"],
        "target_year": bench["target_year"].astype("Int64"),
        "target_qualifier": bench["target_qualifier"].map(QUALIFIER).fillna(""),
        "target_value": bench["target_value"],
        "absolute_change": bench["absolute_change"],
        "cagr_pct": (bench["cagr"] * 100).round(2),
        "baseline_per_10k": bench["baseline_per_10k"],
        "target_per_10k": bench["target_per_10k"],
        "parent_target_value": bench["parent_target_value"],
        "ratio_to_parent": bench["ratio_to_parent"].round(3),
        "rank_in_level": bench["rank_in_level"].astype("Int64"),
        "baseline_source": [ui.source_ref(d, n) for d, n in zip(bench["baseline_document_id"], bench["baseline_source_line"], strict=True)],
        "target_source": [ui.source_ref(d, n) for d, n in zip(bench["target_document_id"], bench["target_source_line"], strict=True)],
        "note": "",
    }
)
absent = pd.DataFrame(
    {
        "region": [region_name[c] for c in missing],
        "region_level": regions.set_index("region_code").loc[missing, "level"].tolist(),
        "unit": unit,
        "note": t("no_figure"),
    }
)
table = pd.concat([table, absent], ignore_index=True) if not absent.empty else table
ui.show_table(table, f"benchmark_{metric_id}")

sourced = bench.dropna(subset=["target_document_id"])
if not sourced.empty:
    with st.expander(t("trace_target")):
        for r in sourced.itertuples():
            st.page_link(
                "views/sources.py",
                label=f"{r.label} — {ui.source_ref(r.target_document_id, r.target_source_line)}",
                icon=":material/format_quote:",
                query_params={"doc": r.target_document_id, "line": str(int(r.target_source_line)), "metric": metric_id},
            )
