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

-- table-like rows outside recognised tables count as cells of one block per run of consecutive lines
cells as (

    select
        *,
        coalesce(
            'table ' || table_no,
            'rows from line ' || (line_no - dense_rank() over (partition by document_id, table_no is null order by line_no) + 1)
        ) as block_key,
    from mentions
    where source_kind = 'table'
        and not is_not_a_value

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
        string_agg(distinct reason, ', ' order by reason) filter (where not is_read) as reasons,
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
