"""Sources page: a document's figures, and for any figure the original sentence or table row with its line number."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from app import data, links, ui
from app.i18n import col, doc_title, reason_label, t, val

st.title(t("page_sources"))

docs = data.query(
    "select document_id, title, file_name, region_name, status from main.dim_document order by document_id"
).set_index("document_id")
if docs.empty:
    st.info(t("no_rows"))
    st.stop()

doc_ids = docs.index.tolist()
links.notice_unknown("doc", st.query_params.get("doc"), doc_ids)
document_id = ui.select_linked(
    t("document"), doc_ids, "doc",
    {d: f"{d} · {doc_title(docs.at[d, 'title'], docs.at[d, 'file_name'])} ({val(docs.at[d, 'status'])})" for d in doc_ids},
    key="src_doc",
)

figures = data.query(
    """
    select figure_no, indicator_label, metric_id, year, value_kind, basis, qualifier, raw_value, raw_unit, value, unit,
           is_authoritative, outranked_by, source_kind, table_no, source_line, source_text, time_period, kind_reason,
           source_ref
    from main.fct_indicator_observation
    where document_id = ?
    order by figure_no
    """,
    (document_id,),
)
st.subheader(t("figures"))
ui.show_table(figures.drop(columns=["outranked_by"]), f"figures_{document_id}", height=320)

# read coverage: the numbers of this document no figure reads, with the reason (shown as table cells, never as markup)
if data.has_table("raw.number_mentions"):
    unread = data.query(
        """
        select line_no, source_kind, text as number_text, reason
        from raw.number_mentions
        where document_id = ? and not is_read
        order by mention_no
        """,
        (document_id,),
    )
    if not unread.empty:
        with st.expander(t("unread_numbers", n=len(unread))):
            st.caption(t("unread_help"))
            ui.show_table(unread.assign(reason=unread["reason"].map(reason_label)), f"unread_{document_id}", height=240)
if figures.empty:
    st.info(t("no_figures"))
    st.stop()

fig_nos = figures["figure_no"].astype(int).tolist()
by_no = figures.assign(figure_no=figures["figure_no"].astype(int)).set_index("figure_no")
# links from other pages: ?doc=…&figure=N, or ?doc=…&line=L[&metric=M] (first figure on that line, that metric first)
default_no = fig_nos[0]


def _number_param(name: str) -> int | None:
    """A positive integer from the URL; None for anything else ('²', '-1', '1e3', '')."""
    text = st.query_params.get(name, "")
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else None


if st.query_params.get("doc") == document_id:
    asked_figure = _number_param("figure")
    asked_line = _number_param("line")
    if asked_figure is not None and asked_figure in by_no.index:
        default_no = asked_figure
    elif asked_line is not None:
        on_line = by_no[by_no["source_line"] == int(asked_line)]
        preferred = on_line[on_line["metric_id"] == st.query_params.get("metric")]
        candidates = preferred if not preferred.empty else on_line
        default_no = int(candidates.index[0]) if not candidates.empty else default_no

figure_no = st.selectbox(
    t("figure"),
    fig_nos,
    index=fig_nos.index(default_no),
    format_func={
        n: f"#{n} · {by_no.at[n, 'indicator_label']} · {val(by_no.at[n, 'value_kind'])} "
        f"{int(by_no.at[n, 'year']) if pd.notna(by_no.at[n, 'year']) else ''} · {by_no.at[n, 'raw_value']}{by_no.at[n, 'raw_unit'] or ''}"
        f" · {col('source_line')} {by_no.at[n, 'source_line']}"
        for n in fig_nos
    }.__getitem__,
    key=f"src_fig_{document_id}",
)
fig = by_no.loc[figure_no]
line = int(fig["source_line"])
radius = st.slider(t("context_lines"), 0, 15, 3, key="src_radius")

st.subheader(t("original_text", line=line))
# document text is shown as text, never as Markdown/HTML (a quoted ![x](http://…) must not load anything)
st.code(str(fig["source_text"]), language=None, wrap_lines=True)
if isinstance(fig["kind_reason"], str) and fig["kind_reason"]:
    st.text(t("kind_reason_caption", reason=fig["kind_reason"]))  # as text: the reason quotes the document's words
if isinstance(fig["source_ref"], str) and fig["source_ref"]:
    st.caption(f"{col('source_ref')}: {fig['source_ref']}")
if isinstance(fig["outranked_by"], str) and fig["outranked_by"]:
    st.caption(t("outranked", other=ui.md_text(fig["outranked_by"])))

context = data.query(
    """
    select line_no, text
    from raw.document_lines
    where document_id = ? and line_no between ? and ?
    order by line_no
    """,
    (document_id, line - radius, line + radius),
)
context.insert(0, "mark", ["▶" if n == line else "" for n in context["line_no"]])
ui.show_table(context, f"context_{document_id}_{line}")
