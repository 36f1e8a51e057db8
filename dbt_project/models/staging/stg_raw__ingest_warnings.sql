with

source as (

    select * from {{ source('raw', 'ingest_warnings') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(file_name as varchar) as file_name,
        cast(line_no as integer) as line_no,
        cast(message as varchar) as message,
        cast(ingested_at as timestamp) as ingested_at,

    from source

)

select * from renamed
