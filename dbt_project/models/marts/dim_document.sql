with

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

tables as (

    select * from {{ ref('stg_raw__tables') }}

),

figures as (

    select * from {{ ref('stg_raw__figures') }}

),

table_counts as (

    select
        document_id,
        count(*) as n_tables,
        count(*) filter (where is_indicator) as n_indicator_tables,
    from tables
    group by document_id

),

mentions as (

    select * from {{ ref('stg_raw__number_mentions') }}

),

figure_counts as (

    select
        document_id,
        count(*) as n_figures,
    from figures
    group by document_id

),

-- read coverage: of the numbers that may be indicator values, the share read as figures
coverage as (

    select
        document_id,
        count(*) filter (where not is_not_a_value) as n_numbers,
        count(*) filter (where not is_not_a_value and is_read) as n_numbers_read,
        count(*) filter (where source_kind = 'table' and not is_read and not is_not_a_value) as n_table_cells_unread,
    from mentions
    group by document_id

),

final as (

    select
        documents.document_id,
        documents.title,
        documents.region_code,
        documents.region_name,
        documents.region_level as level,
        documents.doc_type,
        documents.status,
        documents.plan_id,
        documents.plan_period_start,
        documents.plan_period_end,
        documents.issue_date,
        coalesce(table_counts.n_tables, 0) as n_tables,
        coalesce(table_counts.n_indicator_tables, 0) as n_indicator_tables,
        coalesce(figure_counts.n_figures, 0) as n_figures,
        documents.doc_number,
        documents.file_name,
        documents.encoding,
        documents.n_lines,
        documents.metadata_source,
        documents.inferred_fields,
        documents.sha256,
        coverage.n_numbers,
        coverage.n_numbers_read,
        case when coverage.n_numbers > 0 then coverage.n_numbers_read / coverage.n_numbers end as read_coverage,
        coverage.n_table_cells_unread,
    from documents
    left join table_counts
        on documents.document_id = table_counts.document_id
    left join figure_counts
        on documents.document_id = figure_counts.document_id
    left join coverage
        on documents.document_id = coverage.document_id

)

select * from final
