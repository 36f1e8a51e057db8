-- Raw layer written by `ipbench ingest` (schema `raw`). One transaction per document.
-- dbt reads these as sources; nothing here is interpreted beyond what the text says.
create schema if not exists raw;

-- one row per ingested document
create table if not exists raw.documents (
    document_id        varchar primary key,   -- file stem
    file_name          varchar not null,
    sha256             varchar not null,
    encoding           varchar not null,      -- utf-8 / gb18030 / utf-16
    title              varchar,
    region_code        varchar,               -- GB/T 2260, 6 digits
    region_name        varchar,
    level              varchar,               -- province / city / county
    doc_type           varchar,               -- plan / work_plan
    status             varchar,               -- draft / final
    plan_id            varchar,               -- groups versions of one plan (draft + final)
    plan_period_start  integer,
    plan_period_end    integer,
    issue_date         date,
    doc_number         varchar,
    metadata_source    varchar not null,      -- catalog / inferred
    inferred_fields    varchar,               -- comma-separated list of inferred fields
    n_lines            integer not null,
    ingested_at        timestamp not null,
    source_format      varchar                -- txt / md / docx / html / pdf (the file's own format; sha256 is of its bytes)
);

-- one row per line of the original text (the raw text stays in the warehouse)
create table if not exists raw.document_lines (
    document_id  varchar not null,
    line_no      integer not null,            -- 1-based
    text         varchar not null,
    source_ref   varchar,                     -- where the line is in the file: 'page 3 line 12', 'paragraph 45',
                                              -- 'table 2 row 3', an HTML element path; null for text files (line_no says it)
    primary key (document_id, line_no)
);

-- one row per table found in a document
create table if not exists raw.tables (
    document_id   varchar not null,
    table_no      integer not null,           -- 1-based within the document
    layout        varchar not null,           -- tab / pipe / md / space (text layouts), docx / html (tables marked up in the file)
    caption       varchar,
    caption_line  integer,
    start_line    integer not null,
    end_line      integer not null,
    n_rows        integer not null,           -- body rows
    n_cols        integer not null,
    header        varchar,                    -- header cells joined by ' | '
    is_indicator  boolean not null,
    kind          varchar not null,           -- indicator / task_list / box / other
    primary key (document_id, table_no)
);

-- one row per cell (header and body); merged cells are filled down and marked
create table if not exists raw.table_cells (
    document_id  varchar not null,
    table_no     integer not null,
    row_no       integer not null,            -- 0 = header, 1.. body rows
    col_no       integer not null,            -- 1-based
    source_line  integer not null,
    text         varchar not null,            -- as written (stripped)
    is_filled    boolean not null,            -- value carried down from a merged cell
    source_ref   varchar,                     -- the cell in the file: 'table 2 row 3 col 4' (Word/HTML), 'page 2 line 18 col 4' (PDF); null for text files
    primary key (document_id, table_no, row_no, col_no)
);

-- one row per stated figure (from tables and from prose)
create table if not exists raw.figures (
    document_id      varchar not null,
    figure_no        integer not null,        -- 1-based within the document
    source_kind      varchar not null,        -- table / prose
    table_no         integer,
    row_no           integer,
    col_no           integer,
    source_line      integer not null,        -- 1-based line in the file
    indicator_label  varchar not null,        -- as written
    indicator_key    varchar not null,        -- normalized: NFKC, no spaces/punctuation, no unit suffix
    category_label   varchar,                 -- 一级指标 where a table has one
    column_label     varchar,                 -- table column header the figure sits under
    raw_value        varchar not null,        -- number as written, without multiplier
    value_number     double,                  -- raw_value parsed (null for '/' or empty)
    multiplier       varchar,                 -- 万 / 亿 / '' as written before the unit
    raw_unit         varchar,                 -- unit as written incl. multiplier, e.g. 万件, 亿元, %
    year             integer,
    value_kind       varchar not null,        -- actual / target
    qualifier        varchar not null,        -- '>=' / '<=' / '' (as stated)
    qualifier_text   varchar,                 -- 超过 / 不低于 / 以上 / 力争 ...
    basis_hint       varchar,                 -- 累计 / 当年度 / 新增 / 年 ... words that state the basis
    period_start     integer,                 -- for period totals (试点期内, 十三五期间)
    period_end       integer,
    indicator_attr   varchar,                 -- 预期性 / 约束性
    source_text      varchar not null,        -- the quoted sentence or table row
    region_code      varchar,                 -- the figure's own region (GB/T 2260; 000000 = the country); null for an 其他 row
    region_source    varchar,                 -- document / table_row / table_column / sentence / unassigned
    time_period      varchar,                 -- SDMX TIME_PERIOD of the figure: 2023, 2023-Q1, 2023-S1, 2023-01/2023-08
                                              -- (part of a year), 2023-06 (a stock at a month's end), 2016/2020 (a period total)
    kind_reason      varchar,                 -- why the figure got its year and kind: 'target: 到2025年 (line 12)'
    source_ref       varchar,                 -- where the figure is in the file: 'page 3 line 12', 'table 2 row 3 col 4'
    row_label        varchar,                 -- a table figure's row stub as written ('北京 Beijing')
    primary key (document_id, figure_no)
);

-- warnings raised while ingesting (kept for the quality report)
create table if not exists raw.ingest_warnings (
    document_id  varchar,
    file_name    varchar not null,
    line_no      integer,
    message      varchar not null,
    ingested_at  timestamp not null
);

-- read coverage (issue 25): every number with a unit in the running text and every numeric table cell,
-- read as a figure (is_read) or not, with the reason (a key of ingest.coverage.REASONS)
create table if not exists raw.number_mentions (
    document_id  varchar not null,
    mention_no   integer not null,
    source_kind  varchar not null,          -- prose / table
    line_no      integer not null,
    table_no     integer,
    row_no       integer,
    col_no       integer,
    text         varchar not null,          -- the number as written, with its unit
    is_read      boolean not null,
    reason       varchar,
    primary key (document_id, mention_no)
);

-- user aliases accepted with `ipbench metrics accept` (reloaded from the alias CSV by every build)
create table if not exists raw.user_metric_aliases (
    indicator_key     varchar not null,       -- normalized exactly as raw.figures.indicator_key
    metric_id         varchar not null,
    label_as_written  varchar,
    accepted_at       varchar
);

-- warehouses written before the readers for .docx/.html/.pdf (issue 13) get the new columns
alter table raw.documents add column if not exists source_format varchar;
alter table raw.document_lines add column if not exists source_ref varchar;
alter table raw.table_cells add column if not exists source_ref varchar;
-- warehouses written before figures had their own region (issue 22): re-ingest with --force to fill them
alter table raw.figures add column if not exists region_code varchar;
alter table raw.figures add column if not exists region_source varchar;

-- warehouses written before issue 20 get the figure's period and the reason for its year and kind
alter table raw.figures add column if not exists time_period varchar;
alter table raw.figures add column if not exists kind_reason varchar;
-- issue 21: where a figure is in the file, and a table figure's row stub as written
alter table raw.figures add column if not exists source_ref varchar;
alter table raw.figures add column if not exists row_label varchar;
