"""What a parsed document holds: metadata, lines, tables, figures and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.tables.table import Table


@dataclass
class Figure:
    source_kind: str                 # table / prose
    source_line: int
    indicator_label: str
    indicator_key: str
    raw_value: str
    value_number: float | None
    multiplier: str
    raw_unit: str | None
    year: int | None
    value_kind: str                  # actual / target
    source_text: str
    qualifier: str = ""
    qualifier_text: str | None = None
    basis_hint: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    indicator_attr: str | None = None
    category_label: str | None = None
    column_label: str | None = None
    table_no: int | None = None
    row_no: int | None = None
    col_no: int | None = None
    region_code: str | None = None   # the figure's own region (None: the document's, filled at the end of parsing)
    region_source: str = "document"  # document / table_row / table_column / sentence / unassigned (an 其他 row)
    time_period: str | None = None   # SDMX TIME_PERIOD: 2023, 2023-Q1, 2023-S1, 2023-01/2023-08, 2016/2020 (a period total)
    kind_reason: str | None = None   # why the figure got its year and kind: 'target: 到2025年 (line 12)'
    row_label: str | None = None     # a table figure's row stub as written ('北京 Beijing', '专利授权量（件）')
    source_ref: str | None = None    # where the figure is in the file ('page 3 line 12', 'table 2 row 3 col 4')


@dataclass
class DocumentMeta:
    document_id: str
    title: str | None = None
    region_code: str | None = None
    region_name: str | None = None
    level: str | None = None
    doc_type: str | None = None
    status: str | None = None
    plan_id: str | None = None
    plan_period_start: int | None = None
    plan_period_end: int | None = None
    issue_date: str | None = None
    doc_number: str | None = None
    metadata_source: str = "catalog"
    inferred_fields: list[str] = field(default_factory=list)
    document_year: int | None = None  # the year the text speaks from (issue_date's, or a 文号's / title's year)


@dataclass
class Warning_:
    line: int | None
    message: str


@dataclass
class ParsedDocument:
    meta: DocumentMeta
    file_name: str
    sha256: str
    encoding: str
    lines: list[str]
    tables: list[Table]
    figures: list[Figure]
    warnings: list[Warning_] = field(default_factory=list)
    refs: list[str | None] = field(default_factory=list)   # per line: its place in the original file (page/paragraph/cell)
    format: str = "txt"                                      # txt / md / docx / html / pdf
    mentions: list = field(default_factory=list)             # ingest.coverage.Mention per number: read or why not
