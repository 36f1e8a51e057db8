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

figure_counts as (

    select
        document_id,
        count(*) as n_figures,
    from figures
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
    from documents
    left join table_counts
        on documents.document_id = table_counts.document_id
    left join figure_counts
        on documents.document_id = figure_counts.document_id

)

select * from final
