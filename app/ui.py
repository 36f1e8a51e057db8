"""Presentation helpers shared by the pages: translated tables with a CSV download, the warehouse gate."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from app import data
from app.i18n import col, lang, t, val
from ipbench_core.hints import next_command

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
    _download_csv(shown, name)
    return shown


def _download_csv(df: pd.DataFrame, name: str) -> None:
    """The CSV download under a table (UTF-8 with BOM, so Excel shows the Chinese text)."""
    st.download_button(
        t("download_csv"),
        data=df.to_csv(index=False).encode("utf-8-sig"),
        file_name=f"ipbench_{name}.csv",
        mime="text/csv",
        key=f"dl_{name}",
        on_click="ignore",
        icon=":material/download:",
    )


def show_selectable_table(df: pd.DataFrame, name: str, *, default_row: int | None = 0, height: int | str = "auto") -> int | None:
    """Show an already localized table whose rows are picked by clicking; returns the picked row's position.

    The first row is picked until the reader picks another one; the widget key follows the rows
    shown, so a filter change never leaves a stale pick on a different row.
    """
    if df.empty:
        st.caption(t("no_rows"))
    rows_key = abs(hash(tuple(df.index))) % 10**8
    event = st.dataframe(
        df, hide_index=True, width="stretch", height=height, key=f"df_{name}_{rows_key}", placeholder="—",
        on_select="rerun", selection_mode="single-row",
        selection_default={"selection": {"rows": [default_row]}} if default_row is not None and not df.empty else None,
    )
    _download_csv(df, name)
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    if rows and 0 <= rows[0] < len(df):
        return int(rows[0])
    return default_row if default_row is not None and not df.empty else None


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$>])")


def md_text(text: str) -> str:
    """Document text made safe for st.markdown: HTML escaped, every Markdown character backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text.replace("\r", " ").replace("\n", " "), quote=False))


def highlight_quote(text: str, number: str) -> str:
    """The quote as Markdown with each standalone occurrence of `number` highlighted (text escaped first)."""
    if not number:
        return md_text(text)
    pattern = re.compile(rf"(?<![0-9.]){re.escape(number)}(?![0-9])")
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(md_text(text[last:m.start()]))
        out.append(f":orange-background[**{md_text(m.group(0))}**]")
        last = m.end()
    out.append(md_text(text[last:]))
    return "".join(out)


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
    st.code(hint("all"), language="bash")
    return False


def hint(args: str) -> str:
    """The exact ipbench command to run next on the warehouse this app shows (with its --db)."""
    return next_command(args, data.db_file())


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
