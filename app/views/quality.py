"""Quality page: findings errors first, picked from their row, with the conflicting number highlighted in each quoted source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from app.findings_text import details
from app.i18n import col, doc_title, name, t, val

SEVERITY_ORDER = ["error", "warning", "info"]
QUALIFIER = {">=": "≥", "<=": "≤"}

st.title(t("page_quality"))

if not (data.has_table("main.mart_quality_findings") and data.has_table("main.mart_quality_finding_sources")):
    st.info(t("quality_missing"), icon=":material/rule:")
    st.code(ui.hint("check"), language="bash")
    st.stop()

if "check_title_zh" not in data.columns("main.mart_quality_findings"):  # the check names joined since issue 27
    st.info(t("rebuild_needed", what="main.mart_quality_findings.check_title_zh"), icon=":material/database:")
    st.code(ui.hint("build"), language="bash")
    st.stop()

findings = data.query(
    """
    select f.finding_id, f.check_name, f.check_title_zh, f.check_title_en, f.severity, f.region_name,
           r.name_en as region_name_en, f.metric_id, f.year,
           f.value_kind, f.basis, f."values", f.document_ids, f.source_lines, f.details
    from main.mart_quality_findings f
    left join main.dim_region r on r.region_code = f.region_code
    order by f.finding_id
    """
)
findings["region_name"] = [name(z, e) or None for z, e in zip(findings["region_name"], findings["region_name_en"], strict=True)]
# each check's name in the current language, from the warehouse (seed check_names joined into the mart)
check_title = {c: name(z, e) for c, z, e in zip(findings["check_name"], findings["check_title_zh"], findings["check_title_en"], strict=True)}
# sums that match (`totals` at severity info) are passed checks, not problems
passed_mask = findings["check_name"].isin(["totals", "totals_subregions"]) & (findings["severity"] == "info")
passed, findings = findings[passed_mask], findings[~passed_mask]
findings = findings.assign(
    _sev=findings["severity"].map({s: i for i, s in enumerate(SEVERITY_ORDER)}).fillna(len(SEVERITY_ORDER))
).sort_values(["_sev", "check_name", "finding_id"], kind="stable").drop(columns="_sev")

checks = sorted(findings["check_name"].dropna().unique().tolist(), key=lambda c: (check_title[c], c))
severities = [s for s in SEVERITY_ORDER if s in set(findings["severity"])] + sorted(
    set(findings["severity"].dropna()) - set(SEVERITY_ORDER)
)

left, right = st.columns(2)
check_names = {c: check_title[c] for c in checks}
chosen_checks = left.multiselect(t("check"), checks, default=checks, format_func=check_names.__getitem__, key="q_checks")
chosen_sev = right.multiselect(t("severity"), severities, default=severities, format_func={s: val(s) for s in severities}.__getitem__, key="q_severity")
shown = findings[findings["check_name"].isin(chosen_checks) & findings["severity"].isin(chosen_sev)].reset_index(drop=True)

counts = shown["severity"].value_counts()
cols = st.columns(max(1, len(severities)) + 1)
for c, sev in zip(cols, severities, strict=False):
    c.metric(val(sev), int(counts.get(sev, 0)))
cols[-1].metric(t("passed_checks"), len(passed), help=t("passed_help"))

st.subheader(t("findings"))
st.caption(t("pick_row"))
listing = ui.localize(
    pd.DataFrame(
        {
            "severity": shown["severity"],
            "check_name": shown["check_name"].map(check_title),
            "region_name": shown["region_name"],
            "year": shown["year"].astype("Int64"),
            "details": shown["details"].map(details),
        }
    )
)
picked = ui.show_selectable_table(listing, "quality_findings", default_row=0)
if shown.empty or picked is None:
    st.info(t("no_findings"))
    st.stop()

# the same choice by name, for keyboards and links; follows the row picked in the table
ids = shown["finding_id"].tolist()

def _label(r: pd.Series) -> str:
    """'错误 · 同一文件内数值冲突 · 浙江省 · 2020 · 同一文件对…': what a finding is, in words."""
    year = None if pd.isna(r["year"]) else str(int(r["year"]))
    region = r["region_name"] if isinstance(r["region_name"], str) else None
    text = details(r["details"])
    parts = [val(r["severity"]), check_title[r["check_name"]], region, year, text[:48] + ("…" if len(text) > 48 else "")]
    return " · ".join(p for p in parts if p)


labels = {r["finding_id"]: _label(r) for _, r in shown.iterrows()}
if st.session_state.get("q_last_row") != (picked, tuple(ids)):
    st.session_state["q_last_row"] = (picked, tuple(ids))
    st.session_state["q_finding"] = ids[picked]
if st.session_state.get("q_finding") not in ids:
    st.session_state["q_finding"] = ids[picked]
finding_id = st.selectbox(t("finding"), ids, format_func=labels.__getitem__, key="q_finding")
row = shown.set_index("finding_id").loc[finding_id]
st.markdown(f"**{val(row['severity'])} · {ui.md_text(check_title[row['check_name']])}**")
if isinstance(row["details"], str) and row["details"]:
    st.markdown(f"**{col('details')}:** {ui.md_text(details(row['details']))}")

sources = data.query(
    """
    select s.observation_id, s.document_id, s.source_line, s.source_text, s.value, s.unit, s.raw_value, s.raw_unit,
           o.qualifier, d.title, d.status
    from main.mart_quality_finding_sources s
    left join main.fct_indicator_observation o using (observation_id)
    left join main.dim_document d on d.document_id = s.document_id
    where s.finding_id = ?
    order by s.document_id, s.source_line
    """,
    (finding_id,),
)
st.subheader(t("quoted_sources"))
if sources.empty:
    st.caption(t("no_rows"))
else:
    for box, src in zip(st.columns(min(len(sources), 4)), sources.itertuples(), strict=False):
        with box.container(border=True):
            status = f" ({val(src.status)})" if isinstance(src.status, str) else ""
            st.markdown(f"**{ui.md_text(doc_title(src.title, src.document_id))}**{ui.md_text(status)}")
            st.caption(ui.md_text(f"{src.document_id} · {col('source_line')} "
                                  f"{int(src.source_line) if src.source_line == src.source_line else '?'}"))
            raw = str(src.raw_value) if isinstance(src.raw_value, str) else ""
            st.markdown("> " + ui.highlight_quote(str(src.source_text or ""), raw))
            q = QUALIFIER.get(src.qualifier, "") if isinstance(src.qualifier, str) else ""
            stated = ui.md_text(f"{q}{raw} {src.raw_unit or ''}".strip())
            normalized = ui.md_text(f"{q}{ui.fmt_num(src.value)} {src.unit or ''}".strip()) if src.value == src.value else ""
            if stated:  # a finding about a table quotes the table: there is no figure to state
                st.markdown(f"**{stated}**" + (f" → {normalized}" if normalized else ""))
            if src.source_line == src.source_line:
                st.page_link(
                    "views/sources.py",
                    label=t("original_text", line=int(src.source_line)),
                    icon=":material/format_quote:",
                    # a finding about a table quotes the table, not a figure: no figure to open
                    query_params={"doc": src.document_id, "line": str(int(src.source_line)),
                                  **({"figure": src.observation_id.rpartition("#")[2]} if isinstance(src.observation_id, str) else {})},
                )
    ui.show_table(sources.drop(columns=["title"]), f"quality_sources_{finding_id}")

if not passed.empty:
    with st.expander(t("passed_list", n=len(passed))):
        ui.show_table(
            pd.DataFrame(
                {
                    "check_name": passed["check_name"].map(check_title),
                    "region_name": passed["region_name"],
                    "year": passed["year"].astype("Int64"),
                    "details": passed["details"].map(details),
                }
            ),
            "quality_passed",
        )
