with

source as (

    select * from {{ source('raw', 'document_lines') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(line_no as integer) as line_no,
        cast(text as varchar) as line_text,
        cast(source_ref as varchar) as source_ref,

    from source

)

select * from renamed
