"""Write parsed documents to the raw schema of the warehouse, one transaction per document."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timezone

import duckdb
import pandas as pd

from ingest.model import ParsedDocument
from ipbench import paths

RAW_TABLES = ("figures", "table_cells", "tables", "document_lines", "documents", "ingest_warnings")
SCHEMA_SQL = (paths.ROOT / "ingest" / "schema.sql").read_text(encoding="utf-8")

FIGURE_COLUMNS = ["document_id", "figure_no", "source_kind", "table_no", "row_no", "col_no", "source_line",
                  "indicator_label", "indicator_key", "category_label", "column_label", "raw_value",
                  "value_number", "multiplier", "raw_unit", "year", "value_kind", "qualifier",
                  "qualifier_text", "basis_hint", "period_start", "period_end", "indicator_attr", "source_text"]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA_SQL)


def stored_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select document_id, sha256 from raw.documents").fetchall())


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("_frame", frame)
    try:
        cols = ", ".join(frame.columns)
        con.execute(f"insert into raw.{table} ({cols}) select {cols} from _frame")
    finally:
        con.unregister("_frame")


def load_document(con: duckdb.DuckDBPyConnection, doc: ParsedDocument) -> None:
    """Replace everything stored for this document id, atomically."""
    meta = doc.meta
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    documents = pd.DataFrame([{
        "document_id": meta.document_id, "file_name": doc.file_name, "sha256": doc.sha256,
        "encoding": doc.encoding, "title": meta.title, "region_code": meta.region_code,
        "region_name": meta.region_name, "level": meta.level, "doc_type": meta.doc_type,
        "status": meta.status, "plan_id": meta.plan_id, "plan_period_start": meta.plan_period_start,
        "plan_period_end": meta.plan_period_end, "issue_date": meta.issue_date,
        "doc_number": meta.doc_number, "metadata_source": meta.metadata_source,
        "inferred_fields": ",".join(meta.inferred_fields) or None, "n_lines": len(doc.lines),
        "ingested_at": now,
    }])
    lines = pd.DataFrame({"document_id": meta.document_id, "line_no": range(1, len(doc.lines) + 1), "text": doc.lines})
    tables = pd.DataFrame([{
        "document_id": meta.document_id, "table_no": no, "layout": t.layout, "caption": t.caption,
        "caption_line": t.caption_line, "start_line": t.start_line, "end_line": t.end_line,
        "n_rows": len(t.body), "n_cols": t.n_cols, "header": " | ".join(t.header),
        "is_indicator": t.kind == "indicator", "kind": t.kind,
    } for no, t in enumerate(doc.tables, start=1)])
    cells = pd.DataFrame([{
        "document_id": meta.document_id, "table_no": no, "row_no": r, "col_no": c,
        "source_line": cell.line, "text": cell.text, "is_filled": cell.filled,
    } for no, t in enumerate(doc.tables, start=1) for r, row in enumerate(t.rows) for c, cell in enumerate(row, start=1)])
    figures = pd.DataFrame([{**asdict(f), "document_id": meta.document_id, "figure_no": n}
                            for n, f in enumerate(doc.figures, start=1)], columns=FIGURE_COLUMNS)
    con.execute("begin transaction")
    try:
        for table in RAW_TABLES:
            con.execute(f"delete from raw.{table} where document_id = ?", [meta.document_id])
        _insert(con, "documents", documents)
        _insert(con, "document_lines", lines)
        _insert(con, "tables", tables)
        _insert(con, "table_cells", cells)
        _insert(con, "figures", figures)
        _insert(con, "ingest_warnings", pd.DataFrame([{
            "document_id": meta.document_id, "file_name": doc.file_name, "line_no": w.line,
            "message": w.message, "ingested_at": now} for w in doc.warnings]))
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def record_failure(con: duckdb.DuckDBPyConnection, file_name: str, line: int | None, message: str) -> None:
    """Log a document that could not be ingested (replacing its earlier failure record)."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("delete from raw.ingest_warnings where document_id is null and file_name = ?", [file_name])
    con.execute("insert into raw.ingest_warnings values (null, ?, ?, ?, ?)", [file_name, line, message, now])
