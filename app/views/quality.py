"""Quality page: findings of the quality checks, filterable by check and severity, with their quoted sources side by side."""

from __future__ import annotations

import streamlit as st

from app import data, ui
from app.i18n import col, t, val

SEVERITY_ORDER = ["error", "warning", "info"]

st.title(t("page_quality"))

if not (data.has_table("main.mart_quality_findings") and data.has_table("main.mart_quality_finding_sources")):
    st.info(t("quality_missing"), icon=":material/rule:")
    st.code("ipbench check", language="bash")
    st.stop()

findings = data.query(
    """
    select finding_id, check_name, severity, region_name, metric_id, year, value_kind, basis,
           "values", document_ids, source_lines, details
    from main.mart_quality_findings
    order by finding_id
    """
)
checks = sorted(findings["check_name"].dropna().unique().tolist())
severities = [s for s in SEVERITY_ORDER if s in set(findings["severity"])] + sorted(
    set(findings["severity"].dropna()) - set(SEVERITY_ORDER)
)

left, right = st.columns(2)
chosen_checks = left.multiselect(t("check"), checks, default=checks, key="q_checks")
chosen_sev = right.multiselect(t("severity"), severities, default=severities, format_func={s: val(s) for s in severities}.__getitem__, key="q_severity")
shown = findings[findings["check_name"].isin(chosen_checks) & findings["severity"].isin(chosen_sev)]

counts = shown["severity"].value_counts()
cols = st.columns(max(1, len(severities)))
for c, sev in zip(cols, severities, strict=False):
    c.metric(val(sev), int(counts.get(sev, 0)))

st.subheader(t("findings"))
ui.show_table(shown, "quality_findings")
if shown.empty:
    st.info(t("no_findings"))
    st.stop()

labels = {
    r.finding_id: f"{r.finding_id} · {r.check_name} · {val(r.severity)} · {r.region_name or ''} {r.metric_id or ''}".strip()
    for r in shown.itertuples()
}
finding_id = st.selectbox(t("finding"), list(labels), format_func=labels.get, key="q_finding")
row = shown.set_index("finding_id").loc[finding_id]
if isinstance(row["details"], str) and row["details"]:
    st.markdown(f"**{col('details')}:** {row['details']}")

sources = data.query(
    """
    select s.observation_id, s.document_id, s.source_line, s.source_text, s.value, s.unit, s.raw_value, s.raw_unit,
           d.title, d.status
    from main.mart_quality_finding_sources s
    left join main.dim_document d using (document_id)
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
            st.markdown(f"**{src.title or src.document_id}** ({val(src.status) if isinstance(src.status, str) else ''})")
            st.caption(f"{src.document_id} · {col('source_line')} {int(src.source_line) if src.source_line == src.source_line else '?'}")
            st.markdown(f"> {src.source_text}")
            st.markdown(f"**{src.raw_value} {src.raw_unit or ''}** → {src.value:,.6g} {src.unit or ''}" if src.value == src.value else f"**{src.raw_value} {src.raw_unit or ''}**")
            if src.source_line == src.source_line:
                st.page_link(
                    "views/sources.py",
                    label=t("original_text", line=int(src.source_line)),
                    icon=":material/format_quote:",
                    query_params={"doc": src.document_id, "line": str(int(src.source_line)), "figure": src.observation_id.rpartition("#")[2]},
                )
    ui.show_table(sources.drop(columns=["title"]), f"quality_sources_{finding_id}")
