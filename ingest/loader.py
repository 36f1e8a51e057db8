"""Write parsed documents to the raw schema of the warehouse, one transaction per document."""

from __future__ import annotations

import contextlib
from datetime import datetime, timezone

import duckdb

from typing import TYPE_CHECKING

from ingest.model import ParsedDocument

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa
from ipbench_core import paths

RAW_TABLES = ("figures", "table_cells", "tables", "document_lines", "documents", "ingest_warnings", "number_mentions")
SCHEMA_SQL = (paths.ROOT / "ingest" / "schema.sql").read_text(encoding="utf-8")

FIGURE_COLUMNS = ["document_id", "figure_no", "source_kind", "table_no", "row_no", "col_no", "source_line",
                  "indicator_label", "indicator_key", "category_label", "column_label", "raw_value",
                  "value_number", "multiplier", "raw_unit", "year", "value_kind", "qualifier",
                  "qualifier_text", "basis_hint", "period_start", "period_end", "indicator_attr", "source_text",
                  "region_code", "region_source",
                  "time_period", "kind_reason", "source_ref", "row_label"]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA_SQL)


def stored_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select document_id, sha256 from raw.documents").fetchall())


META_COLUMNS = ("title", "region_code", "region_name", "level", "doc_type", "status", "plan_id",
                "plan_period_start", "plan_period_end", "issue_date", "doc_number")


def stored_meta(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """document_id -> sha256, metadata_source, inferred_fields (a set) and the catalog columns as stored."""
    cols = ", ".join(("document_id", "sha256", "metadata_source", "inferred_fields") + META_COLUMNS)
    out = {}
    for row in con.execute(f"select {cols} from raw.documents").fetchall():
        rec = dict(zip(cols.split(", "), row))
        # a field's note ('issue_date (from the 发布日期, line 3)') counts as the field's name
        rec["inferred_fields"] = {x.split(" (")[0].strip() for x in (rec["inferred_fields"] or "").split(",") if x.strip()}
        if rec["issue_date"] is not None:
            rec["issue_date"] = rec["issue_date"].isoformat()
        out[rec.pop("document_id")] = rec
    return out


def _frame(rows: list[dict], columns: list[str] | None = None) -> "pa.Table | pd.DataFrame":
    """The rows as an Arrow table built column by column (DuckDB scans it directly; about twice as fast as
    a DataFrame of dicts). A column of mixed Python types, which Arrow cannot type, falls back to pandas."""
    import pyarrow as pa

    names = columns or list(rows[0])
    try:
        return pa.table({name: [row.get(name) for row in rows] for name in names})
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        import pandas as pd

        return pd.DataFrame(rows, columns=names)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: "pa.Table | pd.DataFrame") -> None:
    con.register("_frame", frame)
    try:
        cols = ", ".join(getattr(frame, "column_names", None) or list(frame.columns))
        con.execute(f"insert into raw.{table} ({cols}) select {cols} from _frame")
    finally:
        # never let a failing unregister (an aborted transaction) hide the real error
        with contextlib.suppress(duckdb.Error):
            con.unregister("_frame")


def _rows(doc: ParsedDocument, now: datetime) -> dict[str, list[dict]]:
    """The rows one document contributes to each raw table."""
    meta = doc.meta
    doc_id = meta.document_id
    return {
        "documents": [{
            "document_id": doc_id, "file_name": doc.file_name, "sha256": doc.sha256,
            "encoding": doc.encoding, "title": meta.title, "region_code": meta.region_code,
            "region_name": meta.region_name, "level": meta.level, "doc_type": meta.doc_type,
            "status": meta.status, "plan_id": meta.plan_id, "plan_period_start": meta.plan_period_start,
            "plan_period_end": meta.plan_period_end, "issue_date": meta.issue_date,
            "doc_number": meta.doc_number, "metadata_source": meta.metadata_source,
            "inferred_fields": ",".join(meta.inferred_fields) or None, "n_lines": len(doc.lines),
            "ingested_at": now, "source_format": doc.format,
        }],
        "document_lines": [{"document_id": doc_id, "line_no": n, "text": text,
                            "source_ref": doc.refs[n - 1] if n <= len(doc.refs) else None}
                           for n, text in enumerate(doc.lines, start=1)],
        "tables": [{
            "document_id": doc_id, "table_no": no, "layout": t.layout, "caption": t.caption,
            "caption_line": t.caption_line, "start_line": t.start_line, "end_line": t.end_line,
            "n_rows": len(t.body), "n_cols": t.n_cols, "header": " | ".join(t.header),
            "is_indicator": t.kind == "indicator", "kind": t.kind,
        } for no, t in enumerate(doc.tables, start=1)],
        "table_cells": [{
            "document_id": doc_id, "table_no": no, "row_no": r, "col_no": c,
            "source_line": cell.line, "text": cell.text, "is_filled": cell.filled, "source_ref": cell.ref,
        } for no, t in enumerate(doc.tables, start=1) for r, row in enumerate(t.rows) for c, cell in enumerate(row, start=1)],
        "figures": [{**vars(f), "document_id": doc_id, "figure_no": n} for n, f in enumerate(doc.figures, start=1)],
        "ingest_warnings": [{"document_id": doc_id, "file_name": doc.file_name, "line_no": w.line,
                             "message": w.message, "ingested_at": now} for w in doc.warnings],
        "number_mentions": [{"document_id": doc_id, "mention_no": n, **vars(m)}
                            for n, m in enumerate(doc.mentions, start=1)],
    }


def load_documents(con: duckdb.DuckDBPyConnection, docs: list[ParsedDocument]) -> list[tuple[ParsedDocument, str]]:
    """Replace everything stored for these document ids in one transaction.

    Every document is all-or-nothing: if the batch fails, it is rolled back and the
    documents are loaded again one transaction each, so one bad document cannot take
    others with it and never leaves half-written rows. Returns the documents that could
    not be written, each with the database's reason (one line).
    """
    if not docs:
        return []
    try:
        _write(con, docs)
        return []
    except duckdb.InterruptException:  # Ctrl-C stopped the statement: stop, do not retry
        raise KeyboardInterrupt from None
    except duckdb.Error as exc:
        if len(docs) == 1:
            return [(docs[0], " ".join(str(exc).split()))]
    failed = []
    for doc in docs:
        try:
            _write(con, [doc])
        except duckdb.InterruptException:
            raise KeyboardInterrupt from None
        except duckdb.Error as exc:
            failed.append((doc, " ".join(str(exc).split())))
    return failed


def load_document(con: duckdb.DuckDBPyConnection, doc: ParsedDocument) -> None:
    """Replace everything stored for one document, atomically."""
    _write(con, [doc])


def _write(con: duckdb.DuckDBPyConnection, docs: list[ParsedDocument]) -> None:
    import pyarrow as pa  # imported here: an ingest with nothing to write should start fast

    now = datetime.now(timezone.utc).replace(tzinfo=None)
    tables: dict[str, list[dict]] = {t: [] for t in RAW_TABLES}
    for doc in docs:
        for table, rows in _rows(doc, now).items():
            tables[table].extend(rows)
    ids = pa.table({"document_id": [d.meta.document_id for d in docs]})
    con.execute("begin transaction")
    try:
        con.register("_ids", ids)
        # only documents stored before have rows to replace: a batch of new documents skips the deletes,
        # which scan tables that grow with the warehouse
        stored = con.execute("select count(*) from raw.documents where document_id in "
                             "(select document_id from _ids)").fetchall()[0][0]
        if stored:
            for table in RAW_TABLES:
                con.execute(f"delete from raw.{table} where document_id in (select document_id from _ids)")
        con.unregister("_ids")
        for table in ("documents", "document_lines", "tables", "table_cells", "figures", "ingest_warnings", "number_mentions"):
            if tables[table]:
                _insert(con, table, _frame(tables[table], FIGURE_COLUMNS if table == "figures" else None))
        con.execute("commit")
    except Exception:
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        raise


def record_failure(con: duckdb.DuckDBPyConnection, file_name: str, line: int | None, message: str) -> None:
    """Log a document that could not be ingested (replacing its earlier failure record)."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("delete from raw.ingest_warnings where document_id is null and file_name = ?", [file_name])
    con.execute("insert into raw.ingest_warnings values (null, ?, ?, ?, ?)", [file_name, line, message, now])
