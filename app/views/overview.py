"""Overview page: the documents in the warehouse and a regions × metrics coverage matrix."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from app.i18n import doc_title, name, t, val

st.title(t("page_overview"))

docs = data.query(
    """
    select d.document_id, d.title, d.file_name, d.region_name, r.name_en as region_name_en, d.level, d.status, d.doc_type,
           d.plan_period_start, d.plan_period_end, d.n_indicator_tables, d.n_figures,
           d.n_numbers, d.n_numbers_read, d.read_coverage
    from main.dim_document d
    left join main.dim_region r on r.region_code = d.region_code
    order by d.read_coverage asc nulls last, d.document_id  -- the least read first: what needs a look
    """
)
counts = data.query(
    """
    select count(*) as n_observations, count(metric_id) as n_mapped, count(distinct region_code) as n_regions
    from main.fct_indicator_observation
    """
).iloc[0]

c1, c2, c3, c4 = st.columns(4)
c1.metric(t("n_documents"), len(docs))
c2.metric(t("n_regions"), int(counts["n_regions"]))
c3.metric(t("n_observations"), int(counts["n_observations"]))
c4.metric(t("n_mapped"), int(counts["n_mapped"]))

st.subheader(t("documents"))
docs["title"] = [doc_title(ti, f) for ti, f in zip(docs["title"], docs["file_name"], strict=True)]  # never 'nan'
docs["region_name"] = [name(z, e) for z, e in zip(docs["region_name"], docs["region_name_en"], strict=True)]
docs["period"] = [
    f"{int(s)}–{int(e)}" if pd.notna(s) and pd.notna(e) else ""  # a document may have no plan period (NA)
    for s, e in zip(docs["plan_period_start"], docs["plan_period_end"], strict=True)
]
docs["read_coverage_pct"] = (docs["read_coverage"] * 100).round(1)
docs["numbers_unread"] = (docs["n_numbers"] - docs["n_numbers_read"]).astype("Int64")
st.caption(t("coverage_doc_help"))
ui.show_table(
    docs[["document_id", "title", "read_coverage_pct", "numbers_unread", "period", "region_name", "level", "status", "doc_type",
          "n_indicator_tables", "n_figures"]],
    "documents",
)

st.subheader(t("coverage"))
st.caption(t("coverage_help"))
coverage = data.query(
    """
    select r.name_zh as region_zh, r.name_en as region_en, r.level, m.name_zh as metric_zh, m.name_en as metric_en,
           m.category, count(*) as n
    from main.fct_indicator_value v
    join main.dim_region r using (region_code)
    join main.dim_metric m using (metric_id)
    group by all
    """
)
if coverage.empty:
    st.caption(t("no_rows"))
else:
    coverage["region"] = [f"{name(z, e)} ({val(lv)})" for z, e, lv in zip(coverage["region_zh"], coverage["region_en"], coverage["level"], strict=True)]
    coverage["metric"] = [f"{val(c)} · {name(z, e)}" for c, z, e in zip(coverage["category"], coverage["metric_zh"], coverage["metric_en"], strict=True)]
    level_order = {"national": -1, "province": 0, "city": 1, "county": 2}
    region_order = (
        coverage.assign(o=coverage["level"].map(level_order)).sort_values(["o", "region_zh"])["region"].drop_duplicates().tolist()
    )
    matrix = coverage.pivot_table(index="region", columns="metric", values="n", aggfunc="sum").reindex(region_order)
    matrix = matrix[sorted(matrix.columns)].astype("Int64").reset_index()
    matrix = matrix.rename(columns={"region": t("region")})
    ui.show_table(matrix, "coverage", localized=True)
