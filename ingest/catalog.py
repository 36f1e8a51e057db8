"""The document catalog: metadata per document id (file stem), from a CSV file."""

from __future__ import annotations

import csv
from pathlib import Path

from ingest.errors import ParseError
from ingest.model import DocumentMeta

FIELDS = ("title", "region_code", "region_name", "level", "doc_type", "status", "plan_id",
          "plan_period_start", "plan_period_end", "issue_date", "doc_number")


def load_catalog(path: Path, warnings: list[str] | None = None) -> dict[str, DocumentMeta]:
    """Read the catalog CSV; empty cells stay None (and are inferred from the text later).

    A row without a document_id is skipped with a warning (appended to `warnings`).
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "document_id" not in reader.fieldnames:
                raise ParseError(f"{path}: catalog needs a document_id column")
            out: dict[str, DocumentMeta] = {}
            for n, row in enumerate(reader, start=2):
                doc_id = (row.get("document_id") or "").strip()
                if not doc_id:
                    if warnings is not None:
                        warnings.append(f"{path}: line {n}: empty document_id; row skipped — fill it in or delete the row")
                    continue
                values = {k: (row.get(k) or "").strip() or None for k in FIELDS}
                for k in ("plan_period_start", "plan_period_end"):
                    if values[k] is not None:
                        try:
                            values[k] = int(values[k])
                        except ValueError as exc:
                            raise ParseError(f"{path}: line {n}: {k} must be a year, got {values[k]!r}") from exc
                out[doc_id] = DocumentMeta(document_id=doc_id, **values)
            return out
    except UnicodeDecodeError as exc:
        raise ParseError(f"{path}: catalog is not UTF-8; save it as UTF-8 CSV") from exc
