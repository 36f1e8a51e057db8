"""Benchmark page: one metric across regions, baseline vs target, growth, per-10k values and ratio to parent."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import data, links, status, ui
from app.i18n import col, english_only, lang, name, t, unit_label, val

CATEGORY_ORDER = ["creation", "utilization", "protection", "management", "service"]
LEVEL_ORDER = ["national", "province", "city", "county"]
QUALIFIER = {">=": "≥", "<=": "≤"}

st.title(t("page_benchmark"))

metrics = data.query(
    """
    select m.metric_id, m.name_zh, m.name_en, m.category, m.canonical_unit,
           coalesce(m.definition_zh, m.definition) as definition_zh, coalesce(m.definition_en, m.definition) as definition_en,
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
links.notice_unknown("metric", asked, by_id.index)  # a deep link to a metric without figures says so

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
           -- a region with its own documents, or with figures in another's (a province bulletin's cities)
           exists (select 1 from main.dim_document d where d.region_code = r.region_code)
           or exists (select 1 from main.fct_indicator_value v where v.region_code = r.region_code) as has_documents
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
    select region_code, region_level, basis, unit, display_unit, baseline_year, baseline_value, target_year, target_value,
           target_qualifier, absolute_change, cagr, baseline_per_10k, target_per_10k, parent_target_value,
           ratio_to_parent, rank_in_level, baseline_document_id, baseline_source_line,
           target_document_id, target_source_line, target_actual_value, target_status, target_is_current,
           progress_year, progress_value, progress_expected_value, progress_status,
           parent_baseline_value, baseline_ratio_to_parent
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

metric_name = metric_label[metric_id].split(" · ", 1)[-1]
display_units = [unit_label(u) for u in bench["display_unit"].dropna().drop_duplicates() if u]
unit = ("、" if lang() == "zh" else ", ").join(display_units) if display_units else unit_label(by_id.at[metric_id, "canonical_unit"])
bases = ", ".join(str(val(b)) for b in bench["basis"].drop_duplicates()) or "—"
st.caption(t("unit_basis", unit=unit, basis=bases))
definition = by_id.at[metric_id, f"definition_{lang()}"]
definition = english_only(definition) if lang() == "en" else definition  # no Chinese quotes, no notes on particular plans
if isinstance(definition, str) and definition:
    st.caption(t("definition", text=ui.md_text(str(definition))))
if missing:
    st.warning(t("missing_regions", names=("、" if lang() == "zh" else ", ").join(region_name[c] for c in missing)), icon=":material/block:")


def _point_text(value: object, year: object, qualifier: object = "") -> str:
    """'≥17 (2025)': the figure as written for a chart label, its year always shown."""
    q = QUALIFIER.get(qualifier, qualifier) if isinstance(qualifier, str) else ""  # '>=' or an already shown '≥'
    y = f" ({int(year)})" if year is not None and not pd.isna(year) else ""  # type: ignore[arg-type]
    return f"{q}{ui.fmt_num(value)}{y}"


if not bench.empty:
    many_bases = bench["basis"].nunique() > 1
    bench["label"] = [f"{r} · {val(b)}" if many_bases else r for r, b in zip(bench["region"], bench["basis"], strict=True)]
    bench["status"] = [status.status_text(r) for r in bench.itertuples()]
    k_base, k_target, k_hit, k_miss, k_progress, k_passed, k_other = (
        t(k) for k in ("kind_baseline", "kind_target", "kind_achieved", "kind_missed", "kind_progress", "kind_year_passed", "kind_other_basis")
    )
    # only a target still ahead is a goal (red); a past one is a result, or an open question when no actual exists
    target_kind = bench["target_status"].map(status.target_kind)
    points = pd.concat(
        [
            bench.assign(kind=k_base, year=bench["baseline_year"], value=bench["baseline_value"], q=""),
            bench.assign(kind=target_kind, year=bench["target_year"], value=bench["target_value"],
                         q=bench["target_qualifier"].map(QUALIFIER).fillna("")),
            bench.assign(kind=k_progress, year=bench["progress_year"], value=bench["progress_value"], q=""),
        ]
    ).dropna(subset=["value"])
    points["basis_label"] = points["basis"].map(val)
    points["display_unit"] = points["display_unit"].map(unit_label)
    points["unit"] = points["unit"].map(unit_label)
    points["text"] = [_point_text(v, y, q) for v, y, q in zip(points["value"], points["year"], points["q"], strict=True)]
    points["year"] = points["year"].astype("Int64")
    order = bench["label"].tolist()
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    # axis labels in plain digits (万/亿 in Chinese), never d3's scientific notation
    label_expr = (
        "abs(datum.value) >= 100000000 ? format(datum.value / 100000000, ',.4~f') + '亿'"
        " : abs(datum.value) >= 10000 ? format(datum.value / 10000, ',.4~f') + '万' : format(datum.value, ',.4~f')"
        if lang() == "zh" else "format(datum.value, ',.4~f')"
    )
    x_title, x_axis = t("value_axis", unit=unit), alt.Axis(labelExpr=label_expr, tickCount=6)
    x = alt.X("value:Q", title=x_title, axis=x_axis)
    # the dumbbell joins a baseline to a target still ahead of it; a past target is a result, not a goal
    ahead = bench.dropna(subset=["baseline_value", "target_value"])
    ahead = ahead[(ahead["target_year"] > ahead["baseline_year"]) & ahead["target_is_current"].fillna(False).astype(bool)]
    rule = (
        alt.Chart(ahead)
        .mark_rule(strokeWidth=3, color="#9aa5b1")
        .encode(y=y, x=alt.X("baseline_value:Q", title=x_title, axis=x_axis), x2="target_value:Q")
    )
    # the legend lists the kinds this chart shows, each in its fixed colour and shape
    styles = {k_base: ("#9aa5b1", "circle"), k_target: ("#d62728", "circle"), k_hit: ("#2ca02c", "diamond"),
              k_miss: ("#ff7f0e", "cross"), k_progress: ("#1f77b4", "square"), k_passed: ("#6b6b6b", "triangle-down"),
              k_other: ("#b39ddb", "triangle-up")}
    kinds = [k for k in styles if k in set(points["kind"])] or [k_target]
    dots = (
        alt.Chart(points)
        .mark_point(size=170, opacity=1, filled=True)
        .encode(
            y=y,
            x=x,
            color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=kinds, range=[styles[k][0] for k in kinds]),
                            legend=alt.Legend(orient="bottom", direction="horizontal", labelLimit=0)),
            shape=alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=[styles[k][1] for k in kinds]), legend=None),
            tooltip=[
                alt.Tooltip("region:N", title=col("region")),
                alt.Tooltip("kind:N", title=col("value_kind")),
                alt.Tooltip("text:N", title=col("value")),
                alt.Tooltip("display_unit:N", title=col("unit")),
                alt.Tooltip("basis_label:N", title=col("basis")),
                alt.Tooltip("status:N", title=col("status_note")),
            ],
        )
    )
    # baseline labels above their point, the others below: close points never print over each other
    labels = dots.mark_text(dy=-15, fontSize=12, color="#333").encode(text="text:N", color=alt.value("#333")).transform_filter(
        alt.datum.kind == k_base
    ) + dots.mark_text(dy=17, fontSize=12, color="#333").encode(text="text:N", color=alt.value("#333")).transform_filter(
        alt.datum.kind != k_base
    )
    years = sorted({int(v) for v in pd.concat([bench["baseline_year"], bench["target_year"]]).dropna()})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    chart = (rule + dots + labels).properties(
        title=alt.TitleParams(t("chart_title", metric=metric_name, unit=unit, years=span), anchor="start"),
        height=alt.Step(56),
    ).configure_axis(labelPadding=6)
    st.altair_chart(chart, width="stretch", key="bm_chart")

# every status the page can show, explained in one line (the same words as the status column)
st.caption(t("status_legend"))

# the table a reader needs, narrow enough to read without scrolling sideways
st.subheader(t("benchmark_table"))
summary = pd.DataFrame(
    {
        "region": bench["label"] if "label" in bench else bench["region"],
        "baseline_value": [_point_text(v, y) if not pd.isna(v) else "" for v, y in zip(bench["baseline_value"], bench["baseline_year"], strict=True)],
        "target_value": [
            _point_text(v, y, q) if not pd.isna(v) else ""
            for v, y, q in zip(bench["target_value"], bench["target_year"], bench["target_qualifier"], strict=True)
        ],
        "status_note": bench["status"] if "status" in bench else "",
        "cagr_pct": [f"{v * 100:.2f}%" if not pd.isna(v) else "" for v in bench["cagr"]],
        # against the parent's target; for actuals only (a province bulletin's cities), against the parent's actual
        "ratio_to_parent": [f"{v:.3f}" if not pd.isna(v) else (f"{b:.3f}" if not pd.isna(b) else "")
                            for v, b in zip(bench["ratio_to_parent"], bench["baseline_ratio_to_parent"], strict=True)],
        "rank_in_level": bench["rank_in_level"].astype("Int64"),
    }
)
summary = ui.localize(summary).rename(columns={col(c): ui.with_unit(col(c), unit) for c in ("baseline_value", "target_value")})
ui.show_table(summary, f"benchmark_summary_{metric_id}", localized=True)

table = pd.DataFrame(
    {
        "region": bench["region"],
        "region_level": bench["region_level"],
        "basis": bench["basis"],
        "unit": bench["display_unit"].fillna(bench["unit"]).map(unit_label),
        "baseline_year": bench["baseline_year"].astype("Int64"),
        "baseline_value": bench["baseline_value"],
        "target_year": bench["target_year"].astype("Int64"),
        "target_qualifier": bench["target_qualifier"].map(QUALIFIER).fillna(""),
        "target_value": bench["target_value"],
        "target_status": bench["target_status"],
        "target_actual_value": bench["target_actual_value"],
        "progress_year": bench["progress_year"].astype("Int64"),
        "progress_value": bench["progress_value"],
        "progress_expected_value": bench["progress_expected_value"].round(4),
        "progress_status": bench["progress_status"],
        "absolute_change": bench["absolute_change"],
        "cagr_pct": (bench["cagr"] * 100).round(2),
        "baseline_per_10k": bench["baseline_per_10k"],
        "target_per_10k": bench["target_per_10k"],
        "parent_target_value": bench["parent_target_value"],
        "ratio_to_parent": bench["ratio_to_parent"].round(3),
        "parent_baseline_value": bench["parent_baseline_value"],
        "baseline_ratio_to_parent": bench["baseline_ratio_to_parent"].round(3),
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
per_10k_unit = unit_label(f"{by_id.at[metric_id, 'canonical_unit'] or ''}/万人")
detail = ui.localize(table, (*ui.ENUM_COLUMNS, "target_status", "progress_status")).rename(
    columns={col(c): ui.with_unit(col(c), per_10k_unit) for c in ("baseline_per_10k", "target_per_10k")}
)
with st.expander(t("all_columns"), expanded=False):
    ui.show_table(detail, f"benchmark_{metric_id}", localized=True)

sourced = bench.dropna(subset=["target_document_id"])
if not sourced.empty:
    with st.expander(t("trace_target")):
        for r in sourced.itertuples():
            st.page_link(
                "views/sources.py",
                label=ui.md_text(f"{r.label} — {ui.source_ref(r.target_document_id, r.target_source_line)}"),
                icon=":material/format_quote:",
                query_params={"doc": r.target_document_id, "line": str(int(r.target_source_line)), "metric": metric_id},
            )
