"""Region profile page: one region against its parent (or the nearest ancestor stating a metric) and its peers, chart, table and sources."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import data, links, status, ui
from app.i18n import col, name, t, unit_label, val

NATIONAL_CODE = "000000"  # the country (issue 22): every province's parent
LEVEL_ORDER = {"national": -1, "province": 0, "city": 1, "county": 2}
QUALIFIER = {">=": "≥", "<=": "≤"}

PROFILE_MART = "main.mart_region_profile"

st.title(t("page_profile"))
if not data.has_table(PROFILE_MART):
    st.info(t("rebuild_needed", what=PROFILE_MART), icon=":material/database:")
    st.code(ui.hint("build"), language="bash")
    st.stop()

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
links.notice_unknown("region", st.query_params.get("region"), codes)
code = ui.select_linked(
    t("region"), codes, "region",
    {c: f"{name(regions.at[c, 'name_zh'], regions.at[c, 'name_en'])} ({val(regions.at[c, 'level'])})" for c in codes},
    key="rp_region",
)
me = regions.loc[code]
my_name = name(me["name_zh"], me["name_en"])
parent_code = me["parent_code"] if isinstance(me["parent_code"], str) else None

# every region's figures: whether national figures are stored, and the peers drawn beside the region
everyone = data.query("""select region_code, metric_id, basis, coalesce(display_unit, unit) as unit, baseline_year, baseline_value,
                                target_year, target_value from main.mart_region_benchmark""")
if parent_code == NATIONAL_CODE and parent_code not in set(everyone["region_code"]):
    parent_code = None  # a province is compared with the country only where national figures are stored
parent_name = name(me["parent_zh"], me["parent_en"]) if parent_code else ""
all_regions = data.query("select region_code, name_zh, name_en, level, parent_code from main.dim_region").set_index("region_code")
# per metric × basis: the region's own figures beside the nearest ancestor stating it (the mart falls back
# from the parent up to the country)
merged = data.query(
    f"""
    select * from {PROFILE_MART}
    where region_code = ?
    order by category nulls last, metric_id, basis
    """,
    (code,),
)
merged["metric"] = [name(z, e) for z, e in zip(merged["metric_name_zh"], merged["metric_name_en"], strict=True)]
compared = merged[merged["has_own_figures"] & merged["reference_code"].notna()]

if parent_code:
    st.subheader(t("profile_vs", name=my_name, parent=parent_name))
    references = merged.loc[merged["reference_code"].notna(), ["reference_code", "reference_depth"]]
    fallback = sorted(set(references.loc[references["reference_depth"] > 1, "reference_code"]))
    if references.empty:
        st.info(t("parent_no_data", parent=parent_name))
    elif fallback:
        st.caption(t("profile_fallback", parent=parent_name, others="、".join(name(all_regions.at[c, "name_zh"], all_regions.at[c, "name_en"]) for c in fallback)))
else:
    st.info(t("no_parent", name=my_name))


def _fmt(value: object, qualifier: object, unit: object, year: object) -> str:
    """'≥7.8 件 (2025)'; '' when there is no value."""
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return ""
    q = QUALIFIER.get(qualifier, "") if isinstance(qualifier, str) else ""
    y = f" ({int(year)})" if year is not None and not pd.isna(year) else ""  # type: ignore[arg-type]
    return f"{q}{ui.fmt_num(value)} {unit_label(unit)}{y}".strip()


def _index_points() -> pd.DataFrame:
    """The region and its peers (same parent) indexed to the reference region = 100, metric by metric, same year."""
    rows = []
    many_bases = compared.groupby("metric_id")["basis"].nunique().gt(1).to_dict()
    peers = set(all_regions.index[all_regions["parent_code"] == parent_code]) - {code} if parent_code else set()
    for r in compared.itertuples():
        for kind in ("target", "baseline"):
            ref_v, ref_y = getattr(r, f"reference_{kind}_value"), getattr(r, f"reference_{kind}_year")
            my_v, my_y = getattr(r, f"{kind}_value"), getattr(r, f"{kind}_year")
            if pd.isna(ref_v) or ref_v == 0 or pd.isna(my_v) or my_y != ref_y:
                continue
            ref_name = name(all_regions.at[r.reference_code, "name_zh"], all_regions.at[r.reference_code, "name_en"])
            basis = f" · {val(r.basis)}" if many_bases.get(r.metric_id, False) else ""
            # a past target is labelled by what became of it (achieved, year passed without an actual…), never as a goal
            kind_label = status.target_kind(r.target_status) if kind == "target" else t("kind_baseline")
            label = f"{r.metric}{basis} · {kind_label} {int(ref_y)}"
            rows.append({"metric": label, "who": my_name, "role": "self", "index": my_v / ref_v * 100,
                         "text": _fmt(my_v, getattr(r, "target_qualifier") if kind == "target" else "", r.shown_unit, my_y), "reference": ref_name})
            near = everyone[(everyone["region_code"].isin(peers)) & (everyone["metric_id"] == r.metric_id)
                            & (everyone["basis"] == r.basis) & (everyone[f"{kind}_year"] == ref_y)]
            for p in near.itertuples():
                value = getattr(p, f"{kind}_value")
                if pd.isna(value):
                    continue
                rows.append({"metric": label, "who": name(all_regions.at[p.region_code, "name_zh"], all_regions.at[p.region_code, "name_en"]),
                             "role": "peer", "index": value / ref_v * 100, "text": _fmt(value, "", p.unit, ref_y), "reference": ref_name})
            break  # one comparison per metric: the target when both state one for the same year, else the baseline
    return pd.DataFrame(rows, columns=["metric", "who", "role", "index", "text", "reference"])


points = _index_points()
if not points.empty:
    role_label = {"self": my_name, "peer": t("peers")}
    points["role_label"] = points["role"].map(role_label)
    y = alt.Y("metric:N", title=None, sort=list(dict.fromkeys(points["metric"])), axis=alt.Axis(labelLimit=320))
    x = alt.X("index:Q", title=t("index_axis"), axis=alt.Axis(format=",.0f"))
    base = alt.Chart(points)
    dots = base.mark_point(filled=True, opacity=0.9).encode(
        y=y, x=x,
        color=alt.Color("role_label:N", title=None, scale=alt.Scale(domain=[my_name, t("peers")], range=["#d62728", "#9aa5b1"]),
                        legend=alt.Legend(orient="bottom")),
        size=alt.Size("role:N", scale=alt.Scale(domain=["self", "peer"], range=[180, 70]), legend=None),
        tooltip=[alt.Tooltip("who:N", title=col("region")), alt.Tooltip("text:N", title=col("value")),
                 alt.Tooltip("index:Q", title=t("index_axis"), format=",.1f"), alt.Tooltip("reference:N", title=t("parent"))],
    )
    labels = base.transform_filter(alt.datum.role == "self").mark_text(dy=-14, fontSize=12, color="#333").encode(y=y, x=x, text="text:N")
    hundred = alt.Chart(pd.DataFrame({"index": [100]})).mark_rule(color="#1f77b4", strokeDash=[4, 3]).encode(x="index:Q")
    st.altair_chart(
        (hundred + dots + labels).properties(title=t("profile_chart_title", name=my_name), height=alt.Step(48)),
        width="stretch", key="rp_chart",
    )

table = pd.DataFrame(
    {
        "category": merged["category"],
        "metric": merged["metric"],
        "basis": merged["basis"],
        "baseline_value": [_fmt(v, "", u, y) for v, u, y in zip(merged["baseline_value"], merged["shown_unit"], merged["baseline_year"], strict=True)],
        "target_value": [
            _fmt(v, q, u, y)
            for v, q, u, y in zip(merged["target_value"], merged["target_qualifier"], merged["shown_unit"], merged["target_year"], strict=True)
        ],
        "status_note": [status.status_text(r) for r in merged.itertuples()],
        "cagr_pct": (merged["cagr"] * 100).round(2),
    }
)
if parent_code:
    table["parent_baseline_value"] = [
        _fmt(v, "", u, y) for v, u, y in zip(merged["reference_baseline_value"], merged["reference_shown_unit"], merged["reference_baseline_year"], strict=True)
    ]
    table["parent_target_value"] = [
        _fmt(v, q, u, y)
        for v, q, u, y in zip(
            merged["reference_target_value"], merged["reference_target_qualifier"], merged["reference_shown_unit"], merged["reference_target_year"],
            strict=True,
        )
    ]
    table["reference_region"] = [
        name(all_regions.at[c, "name_zh"], all_regions.at[c, "name_en"]) if isinstance(c, str) else "" for c in merged["reference_code"]
    ]
    table["ratio_to_parent"] = merged["ratio_to_parent"].round(3)
table["note"] = ["" if own else t("no_figure") for own in merged["has_own_figures"]]
ui.show_table(table, f"profile_{code}")
st.caption(t("status_legend"))

sourced = merged[merged["has_own_figures"]]
with st.expander(t("profile_sources", name=my_name)):
    for r in sourced.itertuples():
        for kind in ("target", "baseline"):
            doc, line = getattr(r, f"{kind}_document_id"), getattr(r, f"{kind}_source_line")
            if isinstance(doc, str) and not pd.isna(line):
                st.page_link(
                    "views/sources.py",
                    label=ui.md_text(f"{r.metric} · {t('kind_' + kind)} — {ui.source_ref(doc, line)}"),
                    icon=":material/format_quote:",
                    query_params={"doc": doc, "line": str(int(line)), "metric": r.metric_id},
                )
