-- Coverage of extraction: one finding per indicator table from which ingest read no figure.
-- The table itself (caption and header) is the quoted source.

with

raw_tables as (

    select * from {{ ref('stg_raw__tables') }}

),

raw_figures as (

    select * from {{ ref('stg_raw__figures') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

empty_tables as (

    select raw_tables.*
    from raw_tables
    where raw_tables.is_indicator
        and not exists (
            select 1
            from raw_figures
            where raw_figures.document_id = raw_tables.document_id
                and raw_figures.table_no = raw_tables.table_no
        )

),

final as (

    select
        'coverage_empty_table:' || empty_tables.document_id || ':' || empty_tables.table_no as finding_id,
        'coverage_empty_table' as check_name,
        'warning' as severity,
        documents.region_code,
        documents.region_name,
        null::varchar as metric_id,
        null::integer as year,
        null::varchar as value_kind,
        null::varchar as basis,
        'Indicator table ' || empty_tables.table_no
            || coalesce(' (' || empty_tables.caption || ')', '')
            || ' on lines ' || empty_tables.start_line || '-' || empty_tables.end_line
            || ' yielded no figures; check its layout and header' as details,
        []::varchar[] as observation_ids,
        empty_tables.document_id,
        coalesce(empty_tables.caption_line, empty_tables.start_line) as source_line,
        concat_ws(' | ', empty_tables.caption, empty_tables.header) as source_text,
    from empty_tables
    left join documents
        on empty_tables.document_id = documents.document_id

)

select * from final
