-- Coverage of extraction: one finding per block of lines that looks like a table (rows of numbers under a
-- header) from which ingest read no figure (its warning 'lines A-B look like a table …'). The warning is quoted.

with

warnings as (

    select * from {{ ref('stg_raw__ingest_warnings') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

unread as (

    select
        warnings.document_id,
        warnings.line_no,
        warnings.message,
    from warnings
    where warnings.message like '%look like a table%'
        and warnings.document_id is not null

),

final as (

    select
        'coverage_unread_table:' || unread.document_id || ':' || coalesce(unread.line_no, 0) as finding_id,
        'coverage_unread_table' as check_name,
        'warning' as severity,
        documents.region_code,
        documents.region_name,
        null::varchar as metric_id,
        null::integer as year,
        null::varchar as value_kind,
        null::varchar as basis,
        upper(left(unread.message, 1)) || substr(unread.message, 2) as details,
        []::varchar[] as observation_ids,
        unread.document_id,
        unread.line_no as source_line,
        unread.message as source_text,
    from unread
    left join documents
        on unread.document_id = documents.document_id

)

select * from final
