-- Unread table blocks: a table (recognised or rows no table parser took) with numeric cells that
-- yielded no figure. Warning when no cell of the block was read (a whole table lost), info when
-- only some were. One finding per document × table block (table_no, or the lines of the rows).

with

mentions as (

    select * from {{ ref('stg_raw__number_mentions') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

lines as (

    select * from {{ ref('stg_raw__document_lines') }}

),

table_cells as (

    select * from mentions
    where source_kind = 'table'
        and not is_not_a_value

),

-- table-like rows outside recognised tables: one block per run of such lines, a gap of up to
-- three other lines (labels between one-number-per-line cells) staying inside the block
row_starts as (

    select
        *,
        case
            when table_no is not null then 0
            when line_no - lag(line_no) over (partition by document_id, table_no is null order by line_no, mention_no) <= 4 then 0
            else 1
        end as starts_block,
    from table_cells

),

cells as (

    select
        *,
        coalesce(
            'table ' || table_no,
            'rows ' || sum(starts_block) over (partition by document_id, table_no is null order by line_no, mention_no)
        ) as block_key,
    from row_starts

),

blocks as (

    select
        document_id,
        block_key,
        any_value(table_no) as table_no,
        min(line_no) as first_line,
        max(line_no) as last_line,
        count(*) as n_cells,
        count(*) filter (where not is_read) as n_unread,
        string_agg(distinct case reason
            when 'table_not_recognised' then 'no table recognised'
            when 'cell_not_read' then 'indicator-table cells without a figure'
            else reason
        end, ', ') filter (where not is_read) as reasons,
    from cells
    group by document_id, block_key
    having count(*) filter (where not is_read) > 0

),

quoted as (

    select blocks.*, documents.region_code, documents.region_name, lines.line_text as first_line_text,
    from blocks
    inner join documents
        on blocks.document_id = documents.document_id
    left join lines
        on blocks.document_id = lines.document_id
        and blocks.first_line = lines.line_no

),

final as (

    select
        'coverage_unread_table:' || document_id || ':' || block_key as finding_id,
        'coverage_unread_table' as check_name,
        case when n_unread = n_cells then 'warning' else 'info' end as severity,
        region_code,
        region_name,
        null::varchar as metric_id,
        null::integer as year,
        null::varchar as value_kind,
        null::varchar as basis,
        case when table_no is null then 'Table-like rows' else 'Table ' || table_no end
            || ' on lines ' || first_line || '-' || last_line || ': ' || n_unread || ' of ' || n_cells
            || ' numeric cells not read (' || reasons || ')' as details,
        []::varchar[] as observation_ids,
        document_id,
        first_line as source_line,
        first_line_text as source_text,
    from quoted

)

select * from final
