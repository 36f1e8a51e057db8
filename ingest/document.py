"""Parse one document: decode, find tables in both layouts, interpret indicator tables, extract prose figures."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.errors import ParseError
from ingest.indicators import classify, table_figures
from ingest.model import DocumentMeta, ParsedDocument, Warning_
from ingest.prose import extract_prose
from ingest.regions import infer_doc_type, infer_period, infer_region, infer_status, infer_title
from ingest.tables_pipe import parse_pipe_tables
from ingest.tables_tab import parse_tab_tables
from ingest.text import decode, is_traditional, split_lines, to_simplified

MAX_BYTES = 64 * 1024 * 1024
MAX_PROSE_LINE = 200_000  # characters; longer lines (a file without line breaks) are not searched for prose figures


def complete_meta(meta: DocumentMeta, text: str, lines: list[str]) -> DocumentMeta:
    """Fill what the catalog does not say from the text, recording each inferred field."""
    inferred: list[str] = []
    if not meta.title:
        meta.title = infer_title(lines)
        if meta.title:
            inferred.append("title")
    if not meta.region_code:
        region, _how = infer_region(text)
        if region is None:
            raise ParseError("no recognizable region (province, city or county name) in the text; "
                             "add the document to the catalog with its region_code")
        meta.region_code, meta.region_name, meta.level = region.code, region.name, region.level
        inferred += ["region_code", "region_name", "level"]
    if not meta.status:
        meta.status = infer_status(text)
        inferred.append("status")
    if meta.plan_period_start is None or meta.plan_period_end is None:
        start, end = infer_period(text)
        if start:
            meta.plan_period_start, meta.plan_period_end = start, end
            inferred.append("plan_period")
    if not meta.doc_type:
        meta.doc_type = infer_doc_type(meta.title)
        if meta.doc_type:
            inferred.append("doc_type")
    if not meta.plan_id:
        meta.plan_id = f"{meta.region_code}-{meta.plan_period_start or 'na'}-{meta.plan_period_end or 'na'}-{meta.doc_type or 'doc'}"
        inferred.append("plan_id")
    if inferred:
        meta.inferred_fields = meta.inferred_fields + inferred
    return meta


def parse_text(text: str, meta: DocumentMeta, file_name: str, sha256: str, encoding: str) -> ParsedDocument:
    """Parse decoded text (tables first, then prose outside indicator tables)."""
    original_lines = split_lines(text)
    warnings: list[Warning_] = []
    work = text
    if is_traditional(text):
        work = to_simplified(text)
        warnings.append(Warning_(None, "Traditional Chinese text: converted to Simplified for parsing"))
    lines = split_lines(work)
    meta = complete_meta(meta, work, lines)

    tables = sorted(parse_tab_tables(lines) + parse_pipe_tables(lines), key=lambda t: t.start_line)
    figures = []
    indicator_lines: set[int] = set()
    for no, table in enumerate(tables, start=1):
        table.kind = classify(table)
        warnings += [Warning_(line, f"table {no}: {message}") for line, message in table.warnings]
        if table.kind == "indicator":
            found, table_warnings = table_figures(table, no)
            figures += found
            warnings += table_warnings
            indicator_lines |= table.lines
            if not found:
                warnings.append(Warning_(table.start_line, f"indicator table {no} yielded no figures"))
    long_lines = {n for n, line in enumerate(lines, start=1) if len(line) > MAX_PROSE_LINE}
    for n in sorted(long_lines):
        warnings.append(Warning_(n, f"line is {len(lines[n - 1]):,} characters long (missing line breaks?); "
                                    "its prose was not searched for figures — re-export the text with line breaks"))
    prose_warnings: list[tuple[int, str]] = []
    prose = extract_prose(lines, indicator_lines | long_lines, (meta.plan_period_start, meta.plan_period_end),
                          prose_warnings, doc_date=meta.issue_date,
                          national=meta.level in ("national", "country"))
    warnings += [Warning_(line, message) for line, message in prose_warnings]
    # figures from cells of non-indicator tables keep their table number
    line_to_table = {ln: no for no, t in enumerate(tables, start=1) if t.kind != "indicator" for ln in t.lines}
    for f in prose:
        f.table_no = line_to_table.get(f.source_line)
    figures += prose
    return ParsedDocument(meta, file_name, sha256, encoding, original_lines, tables, figures, warnings)


def parse_file(path: Path, meta: DocumentMeta | None = None) -> ParsedDocument:
    """Read and parse one file. Raises ParseError (never anything else) for unreadable input."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ParseError(f"file is {size // 2**20} MB, over the {MAX_BYTES // 2**20} MB limit; split it")
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read the file ({exc.strerror}); check the path and permissions") from exc
    decoded = decode(data)
    sha = hashlib.sha256(data).hexdigest()
    return parse_text(decoded.text, meta or DocumentMeta(document_id=path.stem, metadata_source="inferred"),
                      path.name, sha, decoded.encoding)
