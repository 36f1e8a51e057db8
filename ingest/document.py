"""Parse one document: read it by format, find tables in every layout, interpret indicator tables, extract prose figures."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingest import coverage
from ingest import vocabulary as tw
from ingest.docdate import document_date, name_year, plan_period
from ingest.errors import ParseError
from ingest.model import DocumentMeta, ParsedDocument, Warning_
from ingest.prose import extract_prose
from ingest.prose.tidy import drop_ruby
from ingest.readers import read_document
from ingest.readers.model import Extracted
from ingest.regions.figures import DOCUMENT, NATIONAL_CODE, assign_table_regions, national_region, sentence_regions
from ingest.regions.infer import gazetteer, infer_doc_type, infer_region, infer_status, infer_title, load_aliases
from ingest.regions.tables import region_layout, region_table_figures, regions_as_labels, table_year
from ingest.tables.categories import category_figures, category_table
from ingest.tables.cells import parse_cell_tables
from ingest.tables.indicators import by_region, classify, table_figures
from ingest.tables.md import parse_md_tables
from ingest.tables.missed import unread_tables
from ingest.tables.pipe import parse_pipe_tables
from ingest.tables.space import parse_space_tables
from ingest.tables.tab import parse_tab_tables
from ingest.tables.table import Table, merge_spanned_header, table_context
from ingest.tables.years import parse_value_rows, parse_year_tables
from ingest.text import is_traditional, split_lines, to_simplified

MAX_BYTES = 64 * 1024 * 1024
MIN_CJK = 8  # a text with fewer Chinese characters and no region is not a plan (mojibake, a wrong file)
_CJK = re.compile(r"[\u4e00-\u9fff]")
MAX_PROSE_LINE = 200_000  # characters; longer lines (a file without line breaks) are not searched for prose figures


def complete_meta(meta: DocumentMeta, text: str, lines: list[str],
                  warnings: list[Warning_] | None = None) -> DocumentMeta:
    """Fill what the catalog does not say from the text, recording each inferred field.

    The region is inferred when the catalog has none (an ambiguous text, or a Chinese text naming
    no region, loads with region unknown and a warning saying what to do; a file with hardly any
    Chinese and no region is rejected as not a plan); a former code (Hangzhou before 2021) is mapped
    to the current unit; a code outside the reference is kept and reported.
    """
    notes = warnings if warnings is not None else []
    inferred: list[str] = []
    text = drop_ruby(text)            # pinyin ruby of reposted pages ('申請(qǐng)') hides titles and place names
    lines = [drop_ruby(line) for line in lines]
    if not meta.title:
        meta.title = infer_title(lines)
        if meta.title:
            inferred.append("title")
    if meta.region_code:
        inferred += _check_region_code(meta, notes)
    else:
        guess = infer_region(text)
        if guess.region is None and not guess.candidates and len(_CJK.findall(text[:20000])) < MIN_CJK:
            # no Chinese to speak of and no place: not a plan (mojibake, a wrong file)
            raise ParseError("no recognizable region (province, city or county name) in the text, and hardly any "
                             "Chinese text; check the file's encoding, or add it to the catalog with its region_code")
        if guess.region is None:
            notes.append(Warning_(guess.line, guess.note()))
        else:
            region = guess.region
            meta.region_code, meta.region_name, meta.level = region.code, region.name, region.level
            inferred += [f"region_code (from the {guess.how}, line {guess.line}: {'、'.join(dict.fromkeys(guess.words))})",
                         "region_name", "level"]
    if not meta.status:
        meta.status = infer_status(text)
        inferred.append("status")
    if meta.issue_date:
        meta.document_year = int(str(meta.issue_date)[:4]) if str(meta.issue_date)[:4].isdigit() else None
    elif dated := document_date(lines):
        meta.document_year = dated.year
        meta.issue_date = dated.iso
        inferred.append(dated.note())
    if meta.plan_period_start is None or meta.plan_period_end is None:
        if period := plan_period(lines, meta.title, meta.document_year):
            meta.plan_period_start, meta.plan_period_end = period.start, period.end
            inferred.append(period.note())
    if not meta.doc_type:
        meta.doc_type = infer_doc_type(meta.title)
        if meta.doc_type:
            inferred.append("doc_type")
    if not meta.plan_id:
        place = meta.region_code or f"unknown:{meta.document_id}"  # unrelated unknown-region texts are not one plan
        meta.plan_id = f"{place}-{meta.plan_period_start or 'na'}-{meta.plan_period_end or 'na'}-{meta.doc_type or 'doc'}"
        inferred.append("plan_id")
    if inferred:
        meta.inferred_fields = meta.inferred_fields + inferred
    return meta


def _check_region_code(meta: DocumentMeta, notes: list[Warning_]) -> list[str]:
    """A catalog code: fill its name and level, map a former code to the current unit, report one
    the reference does not know. Returns the fields filled from the reference."""
    code = meta.region_code or ""
    known = gazetteer().by_code
    if code in known:
        filled = []
        if not meta.region_name:
            meta.region_name = known[code].name
            filled.append("region_name")
        if not meta.level:
            meta.level = known[code].level
            filled.append("level")
        return filled
    aliases = load_aliases()
    if code in aliases:
        current, why = aliases[code]
        region = known[current]
        notes.append(Warning_(None, f"region_code {code} is a former code ({why}); mapped to {region.name} ({current})"))
        meta.region_code, meta.region_name = current, region.name
        meta.level = meta.level or region.level
        return ["region_code"]
    notes.append(Warning_(None, f"region_code {code} is not in the reference regions (dbt seed regions.csv); its "
                                "figures load with the region flagged — check the code (GB/T 2260, 6 digits)"))
    return []


def parse_text(text: str, meta: DocumentMeta, file_name: str, sha256: str, encoding: str) -> ParsedDocument:
    """Parse decoded plain text (tables first, then prose outside indicator tables)."""
    lines = split_lines(text)
    return parse_extracted(Extracted(lines, [None] * len(lines), encoding, "txt"), meta, file_name, sha256)


def _doc_year(meta: DocumentMeta) -> int | None:
    """The year the document speaks from: its issue date (or a year its text gives), else its plan's first year."""
    if meta.issue_date and str(meta.issue_date)[:4].isdigit():
        return int(str(meta.issue_date)[:4])
    return meta.document_year or meta.plan_period_start


def reports_results(title: str | None, lines: list[str]) -> bool:
    """Whether the document is a statistical publication (统计年鉴, 统计年报, 统计公报 in its title or first line):
    every table of it holds results."""
    first = next((line.strip() for line in lines[:5] if line.strip()), "")
    return any(text and tw.RESULTS_CAPTION.search(text[:80]) and not text.endswith("。") for text in (title, first))


def find_tables(lines: list[str], marked_up: list[Table], plain_text: bool = True) -> list[Table]:
    """The file's own tables plus every text-layout table (Markdown, tab, pipe, space-aligned) outside them.

    The tab and pipe layouts are what text exports of Word files look like; in a Word, HTML or
    PDF file a paragraph that starts with a tab is indentation, so they are read in plain text only.
    """
    taken = {ln for t in marked_up for ln in t.lines}
    visible = [("" if n in taken else line) for n, line in enumerate(lines, start=1)]
    md = parse_md_tables(visible)
    taken |= {ln for t in md for ln in t.lines}
    visible = [("" if n in taken else line) for n, line in enumerate(lines, start=1)]
    laid_out = parse_tab_tables(visible) + parse_pipe_tables(visible) if plain_text else []
    taken |= {ln for t in laid_out for ln in t.lines}
    space = parse_space_tables(lines, skip=taken)
    taken |= {ln for t in space for ln in t.lines}
    years = parse_year_tables(lines, skip=taken)   # single spaces: what the column positions did not explain
    taken |= {ln for t in years for ln in t.lines}
    years += parse_value_rows(lines, skip=taken)
    taken |= {ln for t in years for ln in t.lines}
    years += parse_cell_tables(lines, skip=taken)
    tables = sorted(marked_up + md + laid_out + years + space, key=lambda t: t.start_line)
    for table in tables:
        table_context(lines, table)
    return tables


def _cell_refs(tables: list[Table], refs: list[str | None]) -> None:
    """Cells of tables found in a file's text (PDF) get their line's place plus the column: 'page 2 line 18 col 4'."""
    for table in tables:
        for row in table.rows:
            for c, cell in enumerate(row, start=1):
                if cell.ref is None and 0 < cell.line <= len(refs) and refs[cell.line - 1]:
                    cell.ref = f"{refs[cell.line - 1]} col {c}"


def _figure_refs(figures: list, tables: list[Table], refs: list[str | None]) -> None:
    """Where each figure is in the file, for a user to find it: the table cell ('page 3 table 2 row 3 col 4',
    'table 2 row 3 col 4'), else the line's place in the file ('page 3 line 12', 'paragraph 45'), else 'line 12'."""
    for f in figures:
        line_ref = refs[f.source_line - 1] if 0 < f.source_line <= len(refs) and refs[f.source_line - 1] else None
        cell = None
        if f.source_kind == "table" and f.table_no and 0 < f.table_no <= len(tables):
            rows = tables[f.table_no - 1].rows
            if f.row_no is not None and f.row_no < len(rows) and f.col_no and f.col_no <= len(rows[f.row_no]):
                cell = rows[f.row_no][f.col_no - 1]
        if cell is not None and cell.ref and " table " in f" {cell.ref}":
            f.source_ref = cell.ref
        elif f.source_kind == "table" and f.table_no and f.row_no is not None and f.col_no:
            f.source_ref = f"{line_ref or f'line {f.source_line}'}, table {f.table_no} row {f.row_no + 1} col {f.col_no}"
        else:
            f.source_ref = line_ref or f"line {f.source_line}"


def parse_extracted(ex: Extracted, meta: DocumentMeta, file_name: str, sha256: str) -> ParsedDocument:
    """Parse a file's extracted lines and tables (tables first, then prose outside indicator tables)."""
    original_lines = ex.lines
    warnings: list[Warning_] = [Warning_(line, message) for line, message in ex.warnings]
    lines = ex.lines
    marked_up = ex.tables
    if is_traditional("\n".join(lines)):
        lines = to_simplified("\n".join(lines)).split("\n")
        for table in marked_up:
            for row in table.rows:
                for cell in row:
                    cell.text = to_simplified(cell.text)
        warnings.append(Warning_(None, "Traditional Chinese text: converted to Simplified for parsing"))
    meta = complete_meta(meta, "\n".join(lines), lines, warnings)
    for table in marked_up:
        merge_spanned_header(table)

    tables = find_tables(lines, marked_up, plain_text=ex.format in ("txt", "md"))
    _cell_refs(tables, ex.refs)
    doc_year = _doc_year(meta)
    figures = []
    indicator_lines: set[int] = set()
    of_results = reports_results(meta.title, lines)
    layouts = [region_layout(table, meta.region_code) for table in tables]
    if meta.region_code is None and any(lay and lay.regions.national for lay in layouts):
        _national_document(meta, warnings)
        layouts = [region_layout(table, meta.region_code) for table in tables]
    for no, (table, layout) in enumerate(zip(tables, layouts), start=1):
        table.kind = classify(table)
        table.results = table.results or of_results
        warnings += [Warning_(line, f"table {no}: {message}") for line, message in table.warnings]
        found: list = []
        table_warnings: list[Warning_] = []
        if layout is not None and (table.kind != "indicator" or (regions_as_labels(table, layout)
                                                                  and not by_region(table))):
            # a statistics table by region that the indicator reader does not take (or would label by region;
            # the tables by region it reads itself, issue 21, keep their labels from the columns and title)
            table.kind = "indicator"
            found, table_warnings = region_table_figures(table, no, layout, table_year(table, lines))
        elif table.kind == "indicator":
            found, table_warnings = table_figures(table, no, doc_year)
        elif category_table(table):
            table.kind = "indicator"   # results by category ('合计 | 职务 | 非职务' under '发明 授权量 | 构成')
            found, table_warnings = category_figures(table, no)
        if table.kind == "indicator":
            # each figure on its row's or column's region (a region column, region names across the header)
            figures += assign_table_regions([[c.text for c in row] for row in table.body], found, meta.region_code,
                                            layout.regions.regions if layout and layout.axis == "column" else None)
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
                          prose_warnings, doc_date=meta.issue_date or (str(meta.document_year) if meta.document_year else None),
                          national=meta.level in ("national", "country"),
                          plan_named_only=any(f.startswith("plan_period (") and ": text" in f for f in meta.inferred_fields),
                          name_year=name_year(Path(file_name).stem))
    warnings += [Warning_(line, message) for line, message in prose_warnings]
    # figures from cells of non-indicator tables keep their table number
    line_to_table = {ln: no for no, t in enumerate(tables, start=1) if t.kind != "indicator" for ln in t.lines}
    for f in prose:
        f.table_no = line_to_table.get(f.source_line)
    figures += sentence_regions(prose, meta.region_code)
    for f in figures:
        if f.region_source == DOCUMENT:
            f.region_code = meta.region_code
    warnings += unread_tables(lines, tables, figures)
    _figure_refs(figures, tables, ex.refs)
    return ParsedDocument(meta, file_name, sha256, ex.encoding, original_lines, tables, figures, warnings,
                          refs=ex.refs, format=ex.format)


def _national_document(meta: DocumentMeta, warnings: list[Warning_]) -> None:
    """A document of no region whose table lists the provinces is the country's."""
    country = national_region()
    meta.region_code, meta.region_name, meta.level = NATIONAL_CODE, country.name, country.level
    meta.inferred_fields = meta.inferred_fields + ["region_code (from a table listing the provinces)",
                                                   "region_name", "level"]
    if meta.plan_id and meta.plan_id.startswith("unknown:"):
        meta.plan_id = NATIONAL_CODE + meta.plan_id[len("unknown:") + len(meta.document_id):]
    warnings[:] = [w for w in warnings if not w.message.startswith(("region ambiguous", "no recognizable region"))]


def parse_file(path: Path, meta: DocumentMeta | None = None) -> ParsedDocument:
    """Read and parse one file of any supported format. Raises ParseError (never anything else) for unreadable input."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ParseError(f"file is {size // 2**20} MB, over the {MAX_BYTES // 2**20} MB limit; split it")
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read the file ({exc.strerror}); check the path and permissions") from exc
    return parse_bytes(path, data, meta)


def parse_bytes(path: Path, data: bytes, meta: DocumentMeta | None = None) -> ParsedDocument:
    """Parse a file's bytes read elsewhere (a Dask worker sent them); `path` names it. Raises ParseError."""
    if not data.strip():
        raise ParseError("the file is empty; remove it or export the document's text again")
    extracted = read_document(path, data)
    sha = hashlib.sha256(data).hexdigest()
    doc = parse_extracted(extracted, meta or DocumentMeta(document_id=path.stem, metadata_source="inferred"),
                          path.name, sha)
    doc.mentions = coverage.mentions(doc)  # read coverage: in the parsing process, a pass over the text
    return doc
