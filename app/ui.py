"""Presentation helpers shared by the pages: translated tables with a CSV download, the warehouse gate."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from app import data
from app.i18n import col, lang, t, val

ENUM_COLUMNS = ("level", "region_level", "status", "doc_type", "value_kind", "basis", "severity", "source_kind", "category")


def localize(df: pd.DataFrame, enum_columns: Iterable[str] = ENUM_COLUMNS) -> pd.DataFrame:
    """Translate enumerated values and column headers for display (data unchanged otherwise)."""
    out = df.copy()
    for c in enum_columns:
        if c in out.columns:
            out[c] = out[c].map(val)
    return out.rename(columns={c: col(c) for c in out.columns})


def show_table(df: pd.DataFrame, name: str, *, height: int | str = "auto", localized: bool = False) -> pd.DataFrame:
    """Show a table with translated headers and a CSV download of exactly what is shown."""
    shown = df if localized else localize(df)
    if shown.empty:
        st.caption(t("no_rows"))
    st.dataframe(shown, hide_index=True, width="stretch", height=height, key=f"df_{name}", placeholder="—")
    st.download_button(
        t("download_csv"),
        data=shown.to_csv(index=False).encode("utf-8-sig"),
        file_name=f"ipbench_{name}.csv",
        mime="text/csv",
        key=f"dl_{name}",
        on_click="ignore",
        icon=":material/download:",
    )
    return shown


def select_linked(label: str, options: list[str], param: str, labels: dict[str, str], key: str) -> str:
    """A selectbox whose default comes from the URL's `?param=` (links from other pages land here)."""
    asked = st.query_params.get(param)
    return st.selectbox(label, options, index=options.index(asked) if asked in options else 0,
                        format_func=labels.__getitem__, key=key)


def warehouse_gate() -> bool:
    """Show a clear 'run ipbench all' page when the warehouse is missing, empty or unreadable."""
    status = data.status()
    if status.ok:
        return True
    st.title(t("missing_title"))
    key = {"missing": "missing_body", "empty": "empty_body"}.get(status.state, "broken_body")
    st.error(t(key, path=status.path, detail=status.detail), icon=":material/database:")
    st.code("ipbench all", language="bash")
    return False


def fmt_num(value: object) -> str:
    """A number as people write it: 42,000 / 7.8 / 0.235; '' for missing."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    number = float(value)  # type: ignore[arg-type]
    if number.is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:,.4f}".rstrip("0").rstrip(".")


def with_unit(header: str, unit: str) -> str:
    """'基期值（件/万人）' / 'baseline (件/万人)': a column header carrying its unit."""
    if not unit:
        return header
    return f"{header}（{unit}）" if lang() == "zh" else f"{header} ({unit})"


def source_ref(document_id: object, line: object) -> str:
    """'document:line' for a figure's source, '' when unknown."""
    if not isinstance(document_id, str) or not document_id or pd.isna(line):
        return ""
    return f"{document_id}:{int(line)}"  # type: ignore[arg-type]
