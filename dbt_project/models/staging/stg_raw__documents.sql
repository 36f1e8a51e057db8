with

source as (

    select * from {{ source('raw', 'documents') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(file_name as varchar) as file_name,
        cast(sha256 as varchar) as sha256,
        cast(encoding as varchar) as encoding,
        cast(title as varchar) as title,
        cast(region_code as varchar) as region_code,
        cast(region_name as varchar) as region_name,
        cast(level as varchar) as region_level,
        cast(doc_type as varchar) as doc_type,
        cast(status as varchar) as status,
        cast(plan_id as varchar) as plan_id,
        cast(plan_period_start as integer) as plan_period_start,
        cast(plan_period_end as integer) as plan_period_end,
        cast(issue_date as date) as issue_date,
        cast(doc_number as varchar) as doc_number,
        cast(metadata_source as varchar) as metadata_source,
        cast(inferred_fields as varchar) as inferred_fields,
        cast(n_lines as integer) as n_lines,
        cast(ingested_at as timestamp) as ingested_at,
        cast(source_format as varchar) as source_format,

    from source

)

select * from renamed
